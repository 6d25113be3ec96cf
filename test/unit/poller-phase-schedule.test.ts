import {
  ListWatcher,
  defaultPhaseSchedule,
  denseInterval,
  denseWindow,
  durationQuantiles,
  fixedPollSchedule,
  phaseInterval,
  phaseTimeline,
  pollTimeline,
  typicalDurationOf,
  typicalDurations,
  waitArithmetic,
  waitUntilSettled,
} from "../../provider/poller";
import { resolvePoll } from "../../provider/resources/shared/poll";
import { classifyEndpointService } from "../../provider/resources/private-endpoint-service/states";
import { ManualClock } from "../support/manual-clock";

// The phase-aware default schedule (provider/poller/phase-schedule.ts) as a pure function, its arithmetic, and
// a wait and a watcher following it on a clock moved by hand.

const s = defaultPhaseSchedule;
const serviceCreate = 180_000;
const at = (inStateMs: number, sharers = 1, typicalMs: number | undefined = serviceCreate) =>
  phaseInterval(s, { typicalMs, inStateMs, waitedMs: inStateMs, sharers });

test("the dense window spans the typical duration's likely range on the log scale", () => {
  const [from, to] = denseWindow(s, serviceCreate);
  expect(from).toBeCloseTo(180_000 * Math.exp(-1.4 * 0.3), 6); // ≈ 118 s
  expect(to).toBeCloseTo(180_000 * Math.exp(2.35 * 0.3), 6); // ≈ 364 s: beyond ×2, the simulator's longest draw
});

test("early in a long state the reads are sparse: three times the time spent, closing in on the window", () => {
  expect(at(800)).toBe(2_400);
  expect(at(5_000)).toBe(15_000);
  expect(at(40_000)).toBe(30_000); // capped
  // 20 s before the window: 70 % of the distance left, never below the window's pace.
  const [from] = denseWindow(s, serviceCreate);
  expect(at(from - 20_000)).toBeCloseTo(14_000, 6);
  expect(at(from - 1_000)).toBe(denseInterval(s, 1));
});

test("inside the window a lone wait reads every 3.8 s; shared reads are denser, down to 1.6 s", () => {
  expect(at(serviceCreate)).toBe(3_800);
  expect(denseInterval(s, 1)).toBe(3_800);
  expect(denseInterval(s, 2)).toBe(3_800);
  expect(denseInterval(s, 7)).toBeCloseTo(3_800 * (2.8 / 7) ** 0.9, 6); // ≈ 1.66 s
  expect(denseInterval(s, 50)).toBe(1_600);
  expect(at(serviceCreate, 7)).toBeLessThan(at(serviceCreate, 3));
});

test("overdue, the interval grows with the time waited (3 %), never sparser than 30 s", () => {
  expect(at(400_000)).toBeCloseTo(12_000, 6);
  expect(at(1_800_000)).toBe(30_000);
});

test("a state without a typical duration (a user's step) gets the proportional schedule", () => {
  const unknown = (waitedMs: number) =>
    phaseInterval(s, { typicalMs: undefined, inStateMs: waitedMs, waitedMs, sharers: 1 });
  expect(unknown(5_000)).toBe(800);
  expect(unknown(100_000)).toBeCloseTo(3_000, 6);
});

test("typical durations depend on the operation: an endpoint service's INITIATING after a PATCH is shorter", () => {
  const table = typicalDurations.privateEndpointService;
  expect(typicalDurationOf(table, "INITIATING", "create")).toBe(180_000);
  expect(typicalDurationOf(table, "INITIATING", "update")).toBe(60_000);
  expect(typicalDurationOf(table, "DELETING", "delete")).toBe(120_000);
  expect(typicalDurationOf(table, "AVAILABLE", "create")).toBeUndefined();
  expect(typicalDurationOf(table, "constructor", "create")).toBeUndefined();
});

test("the poll input: no interval means the phase-aware default; an interval means the fixed schedule as before", () => {
  expect(resolvePoll(undefined).phases).toEqual(defaultPhaseSchedule);
  expect(resolvePoll({ coalesce: false }).phases).toEqual(defaultPhaseSchedule);
  expect(resolvePoll({ intervalSeconds: 10, maxIntervalSeconds: 10 }).phases).toBeUndefined();
  const fixed = resolvePoll({ intervalSeconds: 10, maxIntervalSeconds: 10 }).schedule;
  expect(pollTimeline(fixed, 35_000)).toEqual(pollTimeline(fixedPollSchedule(10_000), 35_000));
  const scaled = resolvePoll({ timeScale: 0.1 });
  expect(scaled.timeScale).toBe(0.1);
  expect(scaled.phases?.firstReadMs).toBeCloseTo(80, 6);
  expect(scaled.phases?.denseAloneMs).toBeCloseTo(380, 6);
});

test("the arithmetic of a lone endpoint service (180 s typical, σ 0.3) against a GET every 10 s", () => {
  const durations = durationQuantiles({ medianMs: 180_000, sigma: 0.3, minFactor: 0.5, maxFactor: 2 });
  const ours = waitArithmetic((d) => phaseTimeline(s, serviceCreate, d), durations, 1);
  const terraform = waitArithmetic((d) => pollTimeline(fixedPollSchedule(10_000, 5_000), d), durations, 1);
  // The baseline: ~20 reads, lag uniform over its 10 s grid.
  expect(terraform.reads).toBeGreaterThan(19);
  expect(terraform.reads).toBeLessThan(22);
  expect(terraform.lagP95Ms).toBeGreaterThan(9_000);
  // Alone, the lag is under half the baseline's, for more reads: the price a lone wait pays for it.
  expect(ours.lagP95Ms).toBeLessThanOrEqual(4_500);
  expect(ours.reads).toBeLessThan(terraform.reads * 1.5);
  // Seven services sharing a list: each tick serves seven waits, read every ~2.4 s.
  const shared = waitArithmetic((d) => phaseTimeline(s, serviceCreate, d, 7), durations);
  expect(shared.lagP95Ms).toBeLessThan(2_400);
  expect(shared.reads / 7).toBeLessThan(terraform.reads * 0.5);
});

test("durationQuantiles: the median in the middle, within the bounds", () => {
  const q = durationQuantiles({ medianMs: 100, sigma: 0.3, minFactor: 0.5, maxFactor: 2 }, 101);
  expect(q[50]).toBeCloseTo(100, 0);
  expect(Math.min(...q)).toBeGreaterThanOrEqual(50);
  expect(Math.max(...q)).toBeLessThanOrEqual(200);
});

test("a wait on the phase-aware schedule reads where phaseTimeline says, on a clock moved by hand", async () => {
  const clock = new ManualClock();
  const start = clock.now();
  const settleAt = 190_000;
  const reads: number[] = [];
  const read = async () => {
    const age = clock.now() - start;
    reads.push(age);
    return { id: "a", status: age >= settleAt ? "AVAILABLE" : "INITIATING", errorMessage: null };
  };
  const settled = await clock.resolved(
    waitUntilSettled({
      describe: "endpoint service a",
      read,
      classify: (service) => classifyEndpointService(service),
      timeoutMs: 3_600_000,
      phases: { schedule: s, typicalMsOf: (state) => (state === "INITIATING" ? serviceCreate : undefined) },
      clock,
    }),
  );
  expect(settled.status).toBe("AVAILABLE");
  const expected = phaseTimeline(s, serviceCreate, settleAt);
  expect(reads).toHaveLength(expected.length);
  reads.forEach((t, i) => expect(t).toBeCloseTo(expected[i] as number, 6));
  expect(reads.filter((t) => t < 100_000).length).toBeLessThanOrEqual(9);
});

test("lookups share a list call with each other and with the waits; a snapshot outlives the last wait", async () => {
  const clock = new ManualClock();
  let calls = 0;
  const watcher = new ListWatcher<{ id: string; status: string }>({
    describe: "services",
    list: async (signal) => {
      calls++;
      await clock.sleep(10, signal);
      return [{ id: "a", status: "INITIATING" }];
    },
    idOf: (x) => x.id,
    clock,
  });
  const signal = new AbortController().signal;
  const lookups = Promise.all([watcher.snapshot(signal), watcher.snapshot(signal), watcher.snapshot(signal)]);
  const lists = await clock.resolved(lookups);
  expect(calls).toBe(1);
  expect(lists.map((l) => l.length)).toEqual([1, 1, 1]);
  // A wait subscribes, a lookup asks, the wait leaves at once: the lookup still gets its list.
  const subscription = watcher.subscribe("a");
  expect(subscription.sharers()).toBe(1);
  const pending = watcher.snapshot(signal);
  subscription.close();
  expect((await clock.resolved(pending)).map((x) => x.id)).toEqual(["a"]);
  expect(calls).toBe(2);
});
