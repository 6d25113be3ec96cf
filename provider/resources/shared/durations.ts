import type { TimeoutsInput } from "./fields";

/**
 * Durations are written the way Terraform users write `timeouts` ("45m", "1h30m", "90s") or as a
 * number of seconds. Pulumi's own customTimeouts never reach a dynamic provider, so resources take
 * them as an input. Their schema is in fields.ts with the other inputs every resource takes: this module, which
 * a read (refresh) loads, does not load zod.
 */
const durationPattern = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Milliseconds, or undefined for anything that is no positive duration (the schema's rule, fields.ts). */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== "string") return undefined;
  const match = durationPattern.exec(value.trim());
  if (!match || value.trim() === "") return undefined;
  const [, h, m, s] = match;
  const ms = ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
  return ms > 0 ? ms : undefined;
}

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
