import { z } from "zod";
import { resolvePollSchedule, type PollSchedule } from "../../poller";

/**
 * Per-resource poll settings. The defaults (provider/poller/schedule.ts) notice a change within about a
 * second for short waits and within 3 % of the wait for long ones; coalescing makes one list call per tick
 * serve every wait of a kind in a project. Tests and the benchmark tune them here.
 */
export const pollSchema = z
  .strictObject({
    initialDelaySeconds: z.number().min(0, { error: "must be 0 or more" }).optional(),
    intervalSeconds: z.number().min(0.01, { error: "must be at least 0.01" }).optional(),
    maxIntervalSeconds: z.number().min(0.01, { error: "must be at least 0.01" }).optional(),
    // false: one GET per wait and read (what the Terraform provider does), instead of one shared list call.
    coalesce: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine(
    (p) =>
      p.intervalSeconds === undefined ||
      p.maxIntervalSeconds === undefined ||
      p.maxIntervalSeconds >= p.intervalSeconds,
    {
      error: "must have maxIntervalSeconds at least intervalSeconds",
    },
  )
  .optional();

export type PollInput = z.infer<typeof pollSchema>;

export interface PollSettings {
  schedule: PollSchedule;
  coalesce: boolean;
}

export function resolvePoll(input: PollInput): PollSettings {
  const seconds = (s: number | undefined) => (s === undefined ? undefined : Math.round(s * 1000));
  const interval = seconds(input?.intervalSeconds);
  return {
    schedule: resolvePollSchedule({
      initialDelayMs: seconds(input?.initialDelaySeconds) ?? interval,
      firstIntervalMs: interval,
      maxIntervalMs:
        seconds(input?.maxIntervalSeconds) ?? (interval !== undefined ? Math.max(interval, 30_000) : undefined),
    }),
    coalesce: input?.coalesce ?? true,
  };
}
