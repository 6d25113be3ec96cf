import {
  defaultPollSchedule,
  fixedPollSchedule,
  nextPollInterval,
  pollTimeline,
  resolvePollSchedule,
} from "../../provider/poller";

/** Detection lag of a wait whose resource settles at `settleMs`, when reads take no time. */
function detectionLagMs(settleMs: number, schedule = defaultPollSchedule): number {
  const reads = pollTimeline(schedule, settleMs);
  return (reads.at(-1) ?? 0) - settleMs;
}

test("the default schedule reads every 0.8 s while the wait is young", () => {
  expect(pollTimeline(defaultPollSchedule, 4000)).toEqual([800, 1600, 2400, 3200, 4000]);
  expect(nextPollInterval(defaultPollSchedule, undefined, 800)).toBe(800);
  expect(nextPollInterval(defaultPollSchedule, 800, 20_000)).toBe(800);
});

test("the default interval then grows with the time already waited, to a 30 s cap", () => {
  expect(nextPollInterval(defaultPollSchedule, 800, 60_000)).toBeCloseTo(1800);
  expect(nextPollInterval(defaultPollSchedule, 1800, 300_000)).toBeCloseTo(9000);
  expect(nextPollInterval(defaultPollSchedule, 9000, 3_600_000)).toBe(30_000);
});

test("with the default, any wait shorter than 30 s sees the change within 0.9 s", () => {
  let worstMs = 0;
  for (let settleMs = 0; settleMs < 30_000; settleMs += 13) worstMs = Math.max(worstMs, detectionLagMs(settleMs));
  expect(worstMs).toBeLessThanOrEqual(900);
});

test("with the default, a longer wait sees the change within 3 % of its length", () => {
  let worstRatio = 0;
  for (let settleMs = 30_000; settleMs < 3_600_000; settleMs += 977) {
    worstRatio = Math.max(worstRatio, detectionLagMs(settleMs) / settleMs);
  }
  expect(worstRatio).toBeLessThanOrEqual(0.03);
});

test("the default's read count grows slowly: 61 reads for a minute, 139 for ten, 243 for an hour", () => {
  expect(pollTimeline(defaultPollSchedule, 60_000)).toHaveLength(61);
  expect(pollTimeline(defaultPollSchedule, 600_000)).toHaveLength(139);
  expect(pollTimeline(defaultPollSchedule, 3_600_000)).toHaveLength(243);
});

test("a fixed schedule mirrors Terraform: first read after 10 s, then every 10 s", () => {
  const terraformLike = fixedPollSchedule(10_000);
  expect(terraformLike).toEqual({
    initialDelayMs: 10_000,
    firstIntervalMs: 10_000,
    growthFactor: 1,
    elapsedFraction: 0,
    maxIntervalMs: 10_000,
  });
  expect(pollTimeline(terraformLike, 45_000)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
  expect(nextPollInterval(terraformLike, 10_000, 3_000_000)).toBe(10_000);
});

test("floor equal to cap is a fixed schedule whatever the other fields say", () => {
  const fixed = resolvePollSchedule({ initialDelayMs: 10_000, firstIntervalMs: 10_000, maxIntervalMs: 10_000 });
  expect(pollTimeline(fixed, 35_000)).toEqual([10_000, 20_000, 30_000, 40_000]);
});

test("a growth factor multiplies each interval up to the cap (exponential backoff)", () => {
  const backoff = resolvePollSchedule({
    initialDelayMs: 0,
    firstIntervalMs: 1000,
    growthFactor: 2,
    elapsedFraction: 0,
    maxIntervalMs: 5000,
  });
  expect(pollTimeline(backoff, 20_000)).toEqual([0, 1000, 3000, 7000, 12_000, 17_000, 22_000]);
});

test("a partial schedule takes the missing fields from the default", () => {
  expect(resolvePollSchedule({ initialDelayMs: 0 })).toEqual({ ...defaultPollSchedule, initialDelayMs: 0 });
  expect(resolvePollSchedule({ initialDelayMs: undefined })).toEqual(defaultPollSchedule);
});

test("a schedule that could never make progress is refused with every reason", () => {
  expect(() => resolvePollSchedule({ firstIntervalMs: 0 })).toThrow(/firstIntervalMs must be > 0/);
  expect(() => resolvePollSchedule({ firstIntervalMs: 5000, maxIntervalMs: 1000 })).toThrow(
    /maxIntervalMs must be >= firstIntervalMs/,
  );
  expect(() => resolvePollSchedule({ growthFactor: 0.5, elapsedFraction: -1 })).toThrow(
    /growthFactor must be >= 1; elapsedFraction must be >= 0/,
  );
  expect(() => resolvePollSchedule({ maxIntervalMs: Number.POSITIVE_INFINITY })).toThrow(
    /maxIntervalMs must be a finite/,
  );
});
