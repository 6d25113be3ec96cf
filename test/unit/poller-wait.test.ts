import { setTimeout as sleep } from "node:timers/promises";
import { createMemoryLogger } from "../../provider/logger";
import {
  ResourceFailedError,
  ResourceGoneError,
  WaitAbortedError,
  WaitTimeoutError,
  waitUntilGone,
  waitUntilSettled,
  type PollSchedule,
} from "../../provider/poller";
import { classifyEndpointService } from "../../provider/resources/private-endpoint-service/states";
import { classifyAzurePeer, classifyAwsPeer } from "../../provider/resources/network-peer/states";

// Real timers at millisecond scale: the poller's input is a plain function over an in-memory resource whose
// status follows a timeline, the same shape as a GET that answers undefined on 404.
const fast: Partial<PollSchedule> = { initialDelayMs: 2, firstIntervalMs: 5, maxIntervalMs: 5 };

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

/** An endpoint service in memory: its status follows `steps` (ms since creation); it is gone from `goneAtMs`. */
function timelineService(steps: Step[], goneAtMs = Number.POSITIVE_INFINITY) {
  const createdAt = performance.now();
  const readTimes: number[] = [];
  const current = (): FakeEndpointService | undefined => {
    const age = performance.now() - createdAt;
    if (age >= goneAtMs) return undefined;
    const step = steps.filter((s) => s.atMs <= age).at(-1) ?? steps[0];
    return { id: "5f7cac1adf5d6c6306f4b283", status: step.status, errorMessage: step.errorMessage ?? null };
  };
  return {
    read: async () => {
      readTimes.push(performance.now() - createdAt);
      return current();
    },
    readTimes,
  };
}

const describeService = "endpoint service 5f7cac1adf5d6c6306f4b283 (AWS US_EAST_1)";

test("waitUntilSettled resolves with the value read once the status settles", async () => {
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 40, status: "AVAILABLE" },
  ]);
  const settled = await waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    schedule: fast,
  });
  expect(settled.status).toBe("AVAILABLE");
  expect(service.readTimes.length).toBeGreaterThan(2);
  expect(service.readTimes.at(-1)).toBeGreaterThanOrEqual(40);
});

test("WAITING_FOR_USER ends a create wait: it is settled, not transitional", async () => {
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 20, status: "WAITING_FOR_USER" },
    { atMs: 500, status: "AVAILABLE" },
  ]);
  const settled = await waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    schedule: fast,
  });
  expect(settled.status).toBe("WAITING_FOR_USER");
});

test("an AWS peer wait stops at PENDING_ACCEPTANCE unless it asks for AVAILABLE", async () => {
  const peerTimeline = () => {
    const createdAt = performance.now();
    return async () => {
      const age = performance.now() - createdAt;
      const statusName = age < 20 ? "INITIATING" : age < 60 ? "PENDING_ACCEPTANCE" : "AVAILABLE";
      return { id: "peer", statusName, errorStateName: null };
    };
  };
  const base = { describe: "AWS peer", timeoutMs: 1000, schedule: fast };
  const settledAtAcceptance = await waitUntilSettled({
    ...base,
    read: peerTimeline(),
    classify: (p) => classifyAwsPeer(p),
  });
  expect(settledAtAcceptance.statusName).toBe("PENDING_ACCEPTANCE");
  const available = await waitUntilSettled({
    ...base,
    read: peerTimeline(),
    classify: (p) => classifyAwsPeer(p, { waitFor: "available" }),
  });
  expect(available.statusName).toBe("AVAILABLE");
});

test("FAILED ends the wait at once with Atlas's errorMessage, state and last value", async () => {
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 30, status: "FAILED", errorMessage: "Unable to create the load balancer" },
  ]);
  const outcome = waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    schedule: fast,
  });
  await expect(outcome).rejects.toBeInstanceOf(ResourceFailedError);
  const error = (await outcome.catch((e: unknown) => e)) as ResourceFailedError<FakeEndpointService>;
  expect(error.state).toBe("FAILED");
  expect(error.errorMessage).toBe("Unable to create the load balancer");
  expect(error.lastValue.status).toBe("FAILED");
  expect(error.message).toContain(describeService);
  expect(error.message).toContain("Unable to create the load balancer");
  const readsAtFailure = service.readTimes.length;
  await sleep(30);
  expect(service.readTimes.length).toBe(readsAtFailure);
});

test("the overall timeout rejects with WaitTimeoutError naming the last state", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const startedAt = performance.now();
  const error = await waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 60,
    schedule: fast,
  }).catch((e: unknown) => e);
  const tookMs = performance.now() - startedAt;
  expect(error).toBeInstanceOf(WaitTimeoutError);
  const timeout = error as WaitTimeoutError;
  expect(timeout.lastState).toBe("INITIATING");
  expect(timeout.message).toMatch(
    /timed out after \d+\.\d s waiting for endpoint service .* to settle; last state INITIATING/,
  );
  expect(timeout.elapsedMs).toBeGreaterThanOrEqual(60);
  expect(tookMs).toBeLessThan(1000); // far less than another full timeout: it stops at the deadline
  // The last read happens at the deadline, not one interval before it.
  expect(service.readTimes.at(-1)).toBeGreaterThanOrEqual(59);
});

test("a resource that disappears while the wait expects it to settle rejects with ResourceGoneError", async () => {
  // Gone from the third read on (counted in reads, not milliseconds, so a loaded machine cannot skip the
  // reads that see it INITIATING).
  let reads = 0;
  const read = async () => (++reads <= 2 ? { status: "INITIATING" as const, errorMessage: null } : undefined);
  const error = await waitUntilSettled({
    describe: describeService,
    read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    schedule: fast,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ResourceGoneError);
  expect((error as ResourceGoneError).lastState).toBe("INITIATING");
  expect((error as ResourceGoneError).message).toMatch(
    /^endpoint service .* disappeared while waiting for it to settle \(after \d+\.\d s; last state INITIATING\)$/,
  );
});

test("waitUntilGone keeps reading through DELETING and resolves at the 404", async () => {
  const logger = createMemoryLogger();
  const service = timelineService(
    [
      { atMs: 0, status: "AVAILABLE" },
      { atMs: 15, status: "DELETING" },
    ],
    50,
  );
  await waitUntilGone({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    schedule: fast,
    logger,
  });
  expect(service.readTimes.at(-1)).toBeGreaterThanOrEqual(50);
  expect(logger.lines).toContainEqual(expect.stringMatching(/: AVAILABLE → DELETING after \d+\.\d s$/));
  expect(logger.lines).toContainEqual(expect.stringMatching(/: DELETING → gone after \d+\.\d s$/));
});

test("waitUntilGone fails at once on an Azure peer's DELETION_FAILED, with its errorState", async () => {
  const createdAt = performance.now();
  const read = async () => {
    const age = performance.now() - createdAt;
    return age < 20
      ? { status: "DELETING", errorState: null }
      : { status: "DELETION_FAILED", errorState: "The VNet peering could not be removed" };
  };
  const error = await waitUntilGone({
    describe: "Azure peer",
    read,
    classify: (p) => classifyAzurePeer(p),
    timeoutMs: 1000,
    schedule: fast,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ResourceFailedError);
  expect((error as ResourceFailedError).state).toBe("DELETION_FAILED");
  expect((error as ResourceFailedError).errorMessage).toBe("The VNet peering could not be removed");
});

test("waitUntilGone times out when the resource stays, naming what it waited for", async () => {
  const service = timelineService([{ atMs: 0, status: "DELETING" }]);
  const error = await waitUntilGone({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 40,
    schedule: fast,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WaitTimeoutError);
  expect((error as WaitTimeoutError).message).toMatch(/to be deleted; last state DELETING$/);
});

test("a read that throws ends the wait with that same error and no further reads", async () => {
  const refused = new Error("GET /api/atlas/v2/groups/…/endpointService/…: 401 UNAUTHORIZED");
  let reads = 0;
  const read = async () => {
    reads += 1;
    if (reads === 3) throw refused;
    return { status: "INITIATING" };
  };
  await expect(
    waitUntilSettled({
      describe: describeService,
      read,
      classify: (s) => classifyEndpointService(s),
      timeoutMs: 1000,
      schedule: fast,
    }),
  ).rejects.toBe(refused);
  await sleep(30);
  expect(reads).toBe(3);
});

test("aborting the signal cancels the wait and its timers", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const controller = new AbortController();
  const outcome = waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 10_000,
    schedule: { initialDelayMs: 2, firstIntervalMs: 20, maxIntervalMs: 20 },
    signal: controller.signal,
  });
  await sleep(30);
  const reason = new Error("pulumi cancelled");
  const abortedAt = performance.now();
  controller.abort(reason);
  const error = await outcome.catch((e: unknown) => e);
  expect(performance.now() - abortedAt).toBeLessThan(500); // at once, not after the 10 s timeout
  expect(error).toBeInstanceOf(WaitAbortedError);
  expect((error as WaitAbortedError).cause).toBe(reason);
  expect((error as WaitAbortedError).lastState).toBe("INITIATING");
  const readsAtAbort = service.readTimes.length;
  await sleep(50);
  expect(service.readTimes.length).toBe(readsAtAbort);
});

test("a signal aborted before the wait starts rejects without reading", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const error = await waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    signal: AbortSignal.abort(),
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WaitAbortedError);
  expect(service.readTimes).toHaveLength(0);
});

test("an unknown state keeps the wait going and is warned about once, not at every read", async () => {
  const logger = createMemoryLogger();
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 10, status: "MIGRATING" },
    { atMs: 60, status: "AVAILABLE" },
  ]);
  const settled = await waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 1000,
    schedule: fast,
    logger,
  });
  expect(settled.status).toBe("AVAILABLE");
  const warnings = logger.lines.filter((line) => line.startsWith("warn:"));
  expect(warnings).toEqual([
    `warn: ${describeService}: Atlas reported state MIGRATING, which this provider does not know; ` +
      "treating it as transitional and waiting on",
  ]);
  expect(service.readTimes.filter((t) => t >= 10 && t < 60).length).toBeGreaterThan(3);
});

test("each state change is reported once with the time waited so far", async () => {
  const logger = createMemoryLogger();
  const service = timelineService([
    { atMs: 0, status: "INITIATING" },
    { atMs: 150, status: "AVAILABLE" },
  ]);
  const startedAt = performance.now();
  await waitUntilSettled({
    describe: describeService,
    read: service.read,
    classify: (s) => classifyEndpointService(s),
    timeoutMs: 2000,
    schedule: { initialDelayMs: 2, firstIntervalMs: 10, maxIntervalMs: 10 },
    logger,
  });
  const tookSeconds = (performance.now() - startedAt) / 1000;
  expect(logger.lines).toHaveLength(2);
  expect(logger.lines[0]).toMatch(new RegExp(`^info: ${escape(describeService)}: INITIATING after \\d+\\.\\d s$`));
  const change = /^info: .*: INITIATING → AVAILABLE after (\d+\.\d) s$/.exec(logger.lines[1]);
  expect(change).not.toBeNull();
  const reportedSeconds = Number(change?.[1]);
  expect(reportedSeconds).toBeGreaterThanOrEqual(0.1);
  expect(Math.abs(reportedSeconds - tookSeconds)).toBeLessThanOrEqual(0.3);
});

test("a non-positive timeout or an impossible schedule is refused before any read", async () => {
  const service = timelineService([{ atMs: 0, status: "INITIATING" }]);
  const base = {
    describe: describeService,
    read: service.read,
    classify: (s: FakeEndpointService) => classifyEndpointService(s),
  };
  await expect(waitUntilSettled({ ...base, timeoutMs: 0 })).rejects.toThrow(RangeError);
  await expect(waitUntilSettled({ ...base, timeoutMs: 100, schedule: { firstIntervalMs: 0 } })).rejects.toThrow(
    /firstIntervalMs must be > 0/,
  );
  expect(service.readTimes).toHaveLength(0);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
