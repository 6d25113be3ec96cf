import { resolveTimeouts } from "../../provider/resources/shared/durations";
import { pollSchema, timeoutsSchema } from "../../provider/resources/shared/fields";
import { resolvePoll } from "../../provider/resources/shared/poll";
import { waitSettingsOf } from "../../provider/resources/shared/wait-settings";

// A read (refresh) takes timeouts and poll from state without zod (wait-settings.ts); it must read them exactly
// as the schemas that checked them would, a value the schema refuses counting as not set.

const timeoutValues: unknown[] = [
  undefined,
  null,
  {},
  { create: "45m" },
  { create: "1h30m", update: 90, delete: " 2h " },
  { delete: "90s", update: undefined },
  { create: "" },
  { create: "0s" },
  { create: 0 },
  { create: -5 },
  { create: Number.POSITIVE_INFINITY },
  { create: Number.NaN },
  { create: "45 minutes" },
  { create: true },
  { create: "45m", read: "10m" },
  ["45m"],
  "45m",
  3600,
];

const pollValues: unknown[] = [
  undefined,
  null,
  {},
  { coalesce: false },
  { coalesce: "false" },
  { intervalSeconds: 0.05 },
  { intervalSeconds: 0.05, maxIntervalSeconds: 0.25 },
  { intervalSeconds: 10, maxIntervalSeconds: 10 },
  { intervalSeconds: 10, maxIntervalSeconds: 5 },
  { intervalSeconds: 0.001 },
  { intervalSeconds: 0.01 },
  { maxIntervalSeconds: 0.009 },
  { initialDelaySeconds: 0 },
  { initialDelaySeconds: -1 },
  { initialDelaySeconds: Number.POSITIVE_INFINITY },
  { intervalSeconds: Number.NaN },
  { intervalSeconds: "5" },
  { timeScale: 0.002 },
  { timeScale: 1 },
  { timeScale: 0 },
  { timeScale: 1.5 },
  { timeScale: 0.1, coalesce: true, intervalSeconds: undefined },
  { interval: 5 },
  [{ coalesce: false }],
  false,
];

test.each(timeoutValues.map((value) => [JSON.stringify(value) ?? "undefined", value]))(
  "timeouts %s are read from state as the schema reads them",
  (_name, value) => {
    const parsed = timeoutsSchema.safeParse(value);
    expect(waitSettingsOf({ timeouts: value }).timeouts).toEqual(
      resolveTimeouts(parsed.success ? parsed.data : undefined),
    );
  },
);

test.each(pollValues.map((value) => [JSON.stringify(value) ?? "undefined", value]))(
  "poll %s is read from state as the schema reads it",
  (_name, value) => {
    const parsed = pollSchema.safeParse(value);
    expect(waitSettingsOf({ poll: value }).poll).toEqual(resolvePoll(parsed.success ? parsed.data : undefined));
  },
);

test("a refused value counts as not set, an accepted one is used", () => {
  expect(waitSettingsOf({ poll: { coalesce: false } }).poll.coalesce).toBe(false);
  expect(waitSettingsOf({ poll: { coalesce: false, interval: 5 } }).poll.coalesce).toBe(true);
  expect(waitSettingsOf({ timeouts: { delete: "2h" } }).timeouts.deleteMs).toBe(2 * 3600_000);
  expect(waitSettingsOf({ timeouts: { delete: "2h", create: "soon" } }).timeouts.deleteMs).toBe(3600_000);
});
