import { parseDurationMs, resolveTimeouts, type Timeouts } from "./durations";
import type { PollInput, TimeoutsInput } from "./fields";
import { resolvePoll, type PollSettings } from "./poll";

export interface WaitSettings {
  timeouts: Timeouts;
  poll: PollSettings;
}

/**
 * Timeouts and poll settings from checked inputs, or leniently from stored outputs: read and delete must
 * work with whatever the state holds, so a value the schema refuses counts as not set. Checked by hand, by
 * the rules of the schemas in fields.ts (test/unit/wait-settings.test.ts holds the two together): a read
 * (refresh) loads no zod.
 */
export function waitSettingsOf(values: { timeouts?: unknown; poll?: unknown }): WaitSettings {
  return {
    timeouts: resolveTimeouts(timeoutsOf(values.timeouts)),
    poll: resolvePoll(pollOf(values.poll)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Only these keys, each undefined or passing its rule (a strict object of optional fields). */
function strictObjectOf(value: unknown, rules: Record<string, (field: unknown) => boolean>): boolean {
  if (!isRecord(value)) return false;
  return Object.entries(value).every(([key, field]) => key in rules && (field === undefined || rules[key]!(field)));
}

const finiteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** `timeoutsSchema`'s verdict: the value, or undefined when the schema refuses it. */
function timeoutsOf(value: unknown): TimeoutsInput {
  const duration = (field: unknown) => parseDurationMs(field) !== undefined;
  return strictObjectOf(value, { create: duration, update: duration, delete: duration })
    ? (value as TimeoutsInput)
    : undefined;
}

/** `pollSchema`'s verdict: the value, or undefined when the schema refuses it. */
function pollOf(value: unknown): PollInput {
  const atLeast = (min: number) => (field: unknown) => finiteNumber(field) && field >= min;
  const valid = strictObjectOf(value, {
    initialDelaySeconds: atLeast(0),
    intervalSeconds: atLeast(0.01),
    maxIntervalSeconds: atLeast(0.01),
    coalesce: (field) => typeof field === "boolean",
    timeScale: (field) => finiteNumber(field) && field > 0 && field <= 1,
  });
  if (!valid) return undefined;
  const { intervalSeconds, maxIntervalSeconds } = value as { intervalSeconds?: number; maxIntervalSeconds?: number };
  if (intervalSeconds !== undefined && maxIntervalSeconds !== undefined && maxIntervalSeconds < intervalSeconds)
    return undefined;
  return value as PollInput;
}
