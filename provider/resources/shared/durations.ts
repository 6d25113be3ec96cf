import { z } from "zod";

/**
 * Durations are written the way Terraform users write `timeouts` ("45m", "1h30m", "90s") or as a
 * number of seconds. Pulumi's own customTimeouts never reach a dynamic provider, so resources take
 * them as an input.
 */
const durationPattern = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
  const match = durationPattern.exec(value.trim());
  if (!match || value.trim() === "") return undefined;
  const [, h, m, s] = match;
  const ms = ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
  return ms > 0 ? ms : undefined;
}

const durationSchema = z.union([z.string(), z.number()]).refine((v) => parseDurationMs(v) !== undefined, {
  error: 'must be a positive duration such as "90s", "45m" or "1h30m", or a number of seconds',
});

export const timeoutsSchema = z
  .strictObject({
    create: durationSchema.optional(),
    update: durationSchema.optional(),
    delete: durationSchema.optional(),
  })
  .optional();

export type TimeoutsInput = z.infer<typeof timeoutsSchema>;

export interface Timeouts {
  createMs: number;
  updateMs: number;
  deleteMs: number;
}

/** The Terraform provider waits up to an hour for these resources; so do we unless told otherwise. */
export const defaultTimeoutMs = 60 * 60 * 1000;

export function resolveTimeouts(input: TimeoutsInput, defaults: Partial<Timeouts> = {}): Timeouts {
  const pick = (v: string | number | undefined, fallback: number | undefined) =>
    (v === undefined ? undefined : parseDurationMs(v)) ?? fallback ?? defaultTimeoutMs;
  return {
    createMs: pick(input?.create, defaults.createMs),
    updateMs: pick(input?.update, defaults.updateMs),
    deleteMs: pick(input?.delete, defaults.deleteMs),
  };
}
