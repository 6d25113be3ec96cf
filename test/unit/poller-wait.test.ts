import { createMemoryLogger } from "../../provider/logger";
import {
  ResourceFailedError,
  ResourceGoneError,
  WaitAbortedError,
  WaitTimeoutError,
  defaultPollSchedule,
  pollTimeline,
  waitUntilGone,
  waitUntilSettled,
} from "../../provider/poller";
import { classifyEndpointService } from "../../provider/resources/private-endpoint-service/states";
import { classifyAzurePeer, classifyAwsPeer } from "../../provider/resources/network-peer/states";
import { ManualClock, settle, track } from "../support/manual-clock";

// Every wait here runs on a clock the test moves by hand, with the default schedule (a read every 0.8 s while
// the wait is young): the reads land at exact times, whatever the machine's load, and no test sleeps.

interface Step {
  atMs: number;
  status: string;
  errorMessage?: string;
}

interface FakeEndpointService {
  id: string;
  status: string;
  errorMessage: string | null;
}

let clock: ManualClock;

beforeEach(() => {
  clock = new ManualClock();
});

/** An endpoint service in memory: its status follows `steps` (ms since creation); it is gone from `goneAtMs`. */
function timelineService(steps: Step[], goneAtMs = Number.POSITIVE_INFINITY) {
  const createdAt = clock.now();
  const readTimes: number[] = [];
  const current = (): FakeEndpointService | undefined => {
    const age = clock.now() - createdAt;
    if (age >= goneAtMs) return undefined;
    const step = steps.filter((s) => s.atMs <= age).at(-1) ?? steps[0];
    return { id: "5f7cac1adf5d6c6306f4b283", status: step.status, errorMessage: step.errorMessage ?? null };
  };
  return {
    read: async () => {
      readTimes.push(clock.now() - createdAt);
      return current();
    },
    readTimes,
  };
}

const describeService = "endpoint service 5f7cac1adf5d6c6306f4b283 (AWS US_EAST_1)";

test("waitUntilSettled resolves with the value of the first read that sees the status settled", async () => {
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 4_000, status: "AVAILABLE" },
  ]);
  const settled = await clock.resolved(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 60_000,
      clock,
    }),
  );
  expect(settled.status).toBe("AVAILABLE");
  expect(service.readTimes).toEqual([800, 1_600, 2_400, 3_200, 4_000]);
  expect(service.readTimes).toEqual(pollTimeline(defaultPollSchedule, 4_000));
});

test("WAITING_FOR_USER ends a create wait: it is settled, not transitional", async () => {
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 2_000, status: "WAITING_FOR_USER" },
    { atMs: 50_000, status: "AVAILABLE" },
  ]);
  const settled = await clock.resolved(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 100_000,
      clock,
    }),
  );
  expect(settled.status).toBe("WAITING_FOR_USER");
  expect(service.readTimes.at(-1)).toBe(2_400);
});

test("an AWS peer wait stops at PENDING_ACCEPTANCE unless it asks for AVAILABLE", async () => {
  const peerTimeline = () => {
    const createdAt = clock.now();
    return async () => {
      const age = clock.now() - createdAt;
      const statusName = age < 2_000 ? "INITIATING" : age < 6_000 ? "PENDING_ACCEPTANCE" : "AVAILABLE";
      return { id: "peer", statusName, errorStateName: null };
    };
  };
  const base = { describe: "AWS peer", timeoutMs: 100_000, clock };
  const settledAtAcceptance = await clock.resolved(
    waitUntilSettled({ ...base, read: peerTimeline(), classify: (p) => classifyAwsPeer(p) }),
  );
  expect(settledAtAcceptance.statusName).toBe("PENDING_ACCEPTANCE");
  const available = await clock.resolved(
    waitUntilSettled({ ...base, read: peerTimeline(), classify: (p) => classifyAwsPeer(p, { waitFor: "available" }) }),
  );
  expect(available.statusName).toBe("AVAILABLE");
});

test("FAILED ends the wait at once with Atlas's errorMessage, state and last value", async () => {
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 3_000, status: "FAILED", errorMessage: "Unable to create the load balancer" },
  ]);
  const error = (await clock.rejected(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 60_000,
      clock,
    }),
  )) as ResourceFailedError<FakeEndpointService>;
  expect(error).toBeInstanceOf(ResourceFailedError);
  expect(error.state).toBe("FAILED");
  expect(error.errorMessage).toBe("Unable to create the load balancer");
  expect(error.lastValue.status).toBe("FAILED");
  expect(error.message).toContain(describeService);
  expect(error.message).toContain("Unable to create the load balancer");
  expect(service.readTimes).toEqual([800, 1_600, 2_400, 3_200]);
  expect(clock.pendingTimers).toBe(0);
  await clock.advance(10_000);
  expect(service.readTimes).toHaveLength(4);
});

test("the overall timeout rejects with WaitTimeoutError naming the last state, after a last read at the deadline", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const error = await clock.rejected(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 6_000,
      clock,
    }),
  );
  expect(error).toBeInstanceOf(WaitTimeoutError);
  const timeout = error as WaitTimeoutError;
  expect(timeout.lastState).toBe("INITIATING");
  expect(timeout.message).toMatch(
    /^timed out after 6\.0 s waiting for endpoint service .* to settle; last state INITIATING/,
  );
  expect(timeout.elapsedMs).toBe(6_000);
  // The last read happens at the deadline (5.6 s + the 0.4 s left), not one interval before or after it.
  expect(service.readTimes.slice(-2)).toEqual([5_600, 6_000]);
  expect(clock.pendingTimers).toBe(0);
});

test("a resource that disappears while the wait expects it to settle rejects with ResourceGoneError", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }], 2_000);
  const error = await clock.rejected(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 60_000,
      clock,
    }),
  );
  expect(error).toBeInstanceOf(ResourceGoneError);
  expect((error as ResourceGoneError).lastState).toBe("INITIATING");
  expect((error as ResourceGoneError).message).toMatch(
    /^endpoint service .* disappeared while waiting for it to settle \(after 2\.4 s; last state INITIATING\)$/,
  );
});

test("waitUntilGone keeps reading through DELETING and resolves at the 404", async () => {
  const logger = createMemoryLogger();
  const service = timelineService(
    [
      { atMs: 0, status: "AVAILABLE" },
      { atMs: 1_500, status: "DELETING" },
    ],
    4_000,
  );
  await clock.resolved(
    waitUntilGone({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 60_000,
      logger,
      clock,
    }),
  );
  expect(service.readTimes).toEqual([800, 1_600, 2_400, 3_200, 4_000]);
  expect(logger.lines.filter((line) => !line.startsWith("status: "))).toEqual([
    `debug: ${describeService}: AVAILABLE after 0.8 s`,
    `debug: ${describeService}: AVAILABLE → DELETING after 1.6 s`,
    `debug: ${describeService}: DELETING → gone after 4.0 s`,
  ]);
});

test("waitUntilGone fails at once on an Azure peer's DELETION_FAILED, with its errorState", async () => {
  const createdAt = clock.now();
  const read = async () =>
    clock.now() - createdAt < 2_000
      ? { status: "DELETING", errorState: null }
      : { status: "DELETION_FAILED", errorState: "The VNet peering could not be removed" };
  const error = await clock.rejected(
    waitUntilGone({ describe: "Azure peer", read, classify: (p) => classifyAzurePeer(p), timeoutMs: 60_000, clock }),
  );
  expect(error).toBeInstanceOf(ResourceFailedError);
  expect((error as ResourceFailedError).state).toBe("DELETION_FAILED");
  expect((error as ResourceFailedError).errorMessage).toBe("The VNet peering could not be removed");
  expect(clock.now() - createdAt).toBe(2_400);
});

test("waitUntilGone times out when the resource stays, naming what it waited for", async () => {
  const service = timelineService([{ atMs: 0, status: "DELETING" }]);
  const error = await clock.rejected(
    waitUntilGone({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 4_000,
      clock,
    }),
  );
  expect(error).toBeInstanceOf(WaitTimeoutError);
  expect((error as WaitTimeoutError).message).toMatch(/to be deleted; last state DELETING$/);
  expect(service.readTimes.at(-1)).toBe(4_000);
});

test("a read that throws ends the wait with that same error and no further reads", async () => {
  const refused = new Error("GET /api/atlas/v2/groups/…/endpointService/…: 401 UNAUTHORIZED");
  let reads = 0;
  const read = async () => {
    reads += 1;
    if (reads === 3) throw refused;
    return { status: "INITIATING" };
  };
  const error = await clock.rejected(
    waitUntilSettled({
      describe: describeService,
      read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 60_000,
      clock,
    }),
  );
  expect(error).toBe(refused);
  expect(clock.pendingTimers).toBe(0);
  await clock.advance(10_000);
  expect(reads).toBe(3);
});

test("aborting the signal cancels the wait and its timer at once", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const controller = new AbortController();
  const outcome = track(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 600_000,
      signal: controller.signal,
      clock,
    }),
  );
  await clock.advance(2_000);
  expect(service.readTimes).toEqual([800, 1_600]);
  const reason = new Error("pulumi cancelled");
  controller.abort(reason);
  await settle(); // no clock time passes: the wait ends at once, not at its next read or its 10 min timeout
  expect(outcome.settled()).toBe(true);
  const error = outcome.error();
  expect(error).toBeInstanceOf(WaitAbortedError);
  expect((error as WaitAbortedError).cause).toBe(reason);
  expect((error as WaitAbortedError).lastState).toBe("INITIATING");
  expect(clock.pendingTimers).toBe(0);
  await clock.advance(10_000);
  expect(service.readTimes).toHaveLength(2);
});

test("a signal aborted before the wait starts rejects without reading", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const error = await clock.rejected(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 1000,
      signal: AbortSignal.abort(),
      clock,
    }),
  );
  expect(error).toBeInstanceOf(WaitAbortedError);
  expect(service.readTimes).toHaveLength(0);
});

test("an unknown state keeps the wait going and is warned about once, not at every read", async () => {
  const logger = createMemoryLogger();
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 1_000, status: "MIGRATING" },
    { atMs: 6_000, status: "AVAILABLE" },
  ]);
  const settled = await clock.resolved(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 60_000,
      logger,
      clock,
    }),
  );
  expect(settled.status).toBe("AVAILABLE");
  const warnings = logger.lines.filter((line) => line.startsWith("warn:"));
  expect(warnings).toEqual([
    `warn: ${describeService}: Atlas reported state MIGRATING, which this provider does not know; ` +
      "treating it as transitional and waiting on",
  ]);
  // Six reads saw MIGRATING (1.6 s to 5.6 s).
  expect(service.readTimes.filter((t) => t >= 1_000 && t < 6_000)).toHaveLength(6);
});

test("each state change is reported once with the time waited so far", async () => {
  const logger = createMemoryLogger();
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 93_000, status: "AVAILABLE" },
  ]);
  await clock.resolved(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 600_000,
      logger,
      clock,
    }),
  );
  const seenAt = service.readTimes.at(-1) ?? 0;
  expect(seenAt).toBeCloseTo(pollTimeline(defaultPollSchedule, 93_000).at(-1) ?? Number.NaN, 6);
  expect(logger.lines.filter((line) => !line.startsWith("status: "))).toEqual([
    `debug: ${describeService}: INITIATING after 0.8 s`,
    `debug: ${describeService}: INITIATING → AVAILABLE after ${(seenAt / 1000).toFixed(1)} s`,
  ]);
});

test("while it waits, the resource's row shows the state and the time waited: at each change and every 10 s", async () => {
  const logger = createMemoryLogger();
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 45_000, status: "AVAILABLE" },
  ]);
  await clock.resolved(
    waitUntilSettled({
      describe: describeService,
      read: service.read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 600_000,
      logger,
      clock,
    }),
  );
  const statuses = logger.lines.filter((line) => line.startsWith("status: ") && line !== "status: ");
  // When the wait is over, its status leaves the row.
  expect(logger.lines.at(-1)).toBe("status: ");
  expect(statuses[0]).toBe("status: waiting to settle: INITIATING for 0s");
  expect(statuses.every((line) => line.startsWith("status: waiting to settle: INITIATING for "))).toBe(true);
  // One status per 10 s of waiting, not one per read (each status is a line in a non-interactive `pulumi up`).
  expect(statuses.length).toBeGreaterThanOrEqual(4);
  expect(statuses.length).toBeLessThanOrEqual(6);
  // Nothing a user must act on: no info or warning lines.
  expect(logger.lines.filter((line) => line.startsWith("info: ") || line.startsWith("warn: "))).toEqual([]);
});

test("a non-positive timeout or an impossible schedule is refused before any read", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const base = {
    describe: describeService,
    read: service.read,
    classify: (s: FakeEndpointService) => classifyEndpointService(s),
    clock,
  };
  await expect(waitUntilSettled({ ...base, timeoutMs: 0 })).rejects.toThrow(RangeError);
  await expect(waitUntilSettled({ ...base, timeoutMs: 100, schedule: { firstIntervalMs: 0 } })).rejects.toThrow(
    /firstIntervalMs must be > 0/,
  );
  expect(service.readTimes).toHaveLength(0);
});

test("without a clock the wait runs on real time (reads counted, not timed)", async () => {
  let reads = 0;
  const read = async () => ({ status: ++reads < 3 ? "INITIATING" : "AVAILABLE", errorMessage: null });
  const settled = await waitUntilSettled({
    describe: describeService,
    read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 60_000,
    schedule: { initialDelayMs: 1, firstIntervalMs: 1, maxIntervalMs: 1 },
  });
  expect(settled.status).toBe("AVAILABLE");
  expect(reads).toBe(3);
});
