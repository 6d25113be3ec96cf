import {
  defaultPhaseSchedule,
  resolvePollSchedule,
  scalePhaseSchedule,
  type PhaseSchedule,
  type PollSchedule,
} from "../../poller";
import type { PollInput } from "./fields";

/**
 * Per-resource poll settings. The default is the phase-aware schedule (provider/poller/phase-schedule.ts): sparse
 * early in a state Atlas typically spends minutes in, dense around its typical end, denser the more waits share
 * the list call (coalescing: one list call per tick serves every wait on the same list). Any of
 * initialDelaySeconds, intervalSeconds or maxIntervalSeconds set means the proportional schedule instead
 * (provider/poller/schedule.ts; a fixed one when the interval and its cap are equal): tests and the benchmark's
 * Terraform-like baseline set them. `timeScale` runs the default schedule faster, for a simulator running at
 * that time scale. The input's schema (`pollSchema`) is in fields.ts: this module, which a read (refresh)
 * loads, does not load zod.
 */
export type { PollInput } from "./fields";

export interface PollSettings {
  /** The proportional schedule: the waits' schedule when `phases` is undefined, and the pace of write retries. */
  schedule: PollSchedule;
  /** The phase-aware schedule (already scaled by `timeScale`), or undefined when the input sets an interval. */
  phases: PhaseSchedule | undefined;
  /** Real seconds per Atlas second (1 unless the input says otherwise): multiplies Atlas's typical durations. */
  timeScale: number;
  coalesce: boolean;
}

export function resolvePoll(input: PollInput): PollSettings {
  const seconds = (s: number | undefined) => (s === undefined ? undefined : Math.round(s * 1000));
  const interval = seconds(input?.intervalSeconds);
  const timeScale = input?.timeScale ?? 1;
  const explicit =
    input?.initialDelaySeconds !== undefined ||
    input?.intervalSeconds !== undefined ||
    input?.maxIntervalSeconds !== undefined;
  return {
    schedule: resolvePollSchedule({
      initialDelayMs: seconds(input?.initialDelaySeconds) ?? interval,
      firstIntervalMs: interval,
      maxIntervalMs:
        seconds(input?.maxIntervalSeconds) ?? (interval !== undefined ? Math.max(interval, 30_000) : undefined),
    }),
    phases: explicit ? undefined : scalePhaseSchedule(defaultPhaseSchedule, timeScale),
    timeScale,
    coalesce: input?.coalesce ?? true,
  };
}
