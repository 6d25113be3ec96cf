/**
 * Retries, rate limits and the request budget against the simulator's injected faults, over real HTTP.
 */
import { createServer } from "node:net";
import { AtlasApiError, AtlasTransportError, type AtlasClient, type ClientSettings } from "../../provider/client";
import { closeAllAtlasClients, createAtlasClient } from "../support/clients";
import { createMemoryLogger } from "../../provider/logger";
import { eventually, startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

const groupId = testGroupId;
const awsContainer = { providerName: "AWS", atlasCidrBlock: "10.8.0.0/21", regionName: "US_EAST_1" } as const;

function client(sim: RunningSimulator, extra: Partial<ClientSettings> = {}): AtlasClient {
  return createAtlasClient({
    baseUrl: sim.baseUrl,
    credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey: sim.credentials.privateKey },
    retry: { maxRetries: 3, minDelayMs: 5, maxDelayMs: 40 },
    ...extra,
  });
}

/** Atlas's 429 (its body and Retry-After: 1) for the next container list. */
const containerListRefusedOnce = {
  kind: "error",
  status: 429,
  errorCode: "RATE_LIMITED_TOKEN_BUCKET",
  retryAfterSeconds: 1,
  match: { operationId: "listGroupContainerAll" },
} as const;

/** The simulator's log without the first Digest challenge, as [method, status] pairs. */
function apiLog(sim: RunningSimulator, operationId?: string): Array<[string, number | null]> {
  return sim.control
    .getRequestLog()
    .filter((entry) => entry.authScheme !== "none" && (operationId === undefined || entry.operationId === operationId))
    .map((entry) => [entry.method, entry.status]);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("retries and rate limits", () => {
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startTestSimulator({ rateLimit: false });
  });

  afterEach(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  test("a 429 with Retry-After is retried no sooner than Atlas asked", async () => {
    const atlas = client(sim);
    sim.control.addFault(containerListRefusedOnce);
    const started = Date.now();
    await atlas.containers.listAll({ groupId });
    const log = sim.control
      .getRequestLog()
      .filter((entry) => entry.operationId === "listGroupContainerAll" && entry.authScheme === "digest");
    expect(log.map((entry) => entry.status)).toEqual([429, 200]);
    expect(log[1].timestamp - log[0].timestamp).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(atlas.stats()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  test("a 429 pauses the client's whole budget, so its other calls wait too", async () => {
    const atlas = client(sim);
    await atlas.peers.list({ groupId, providerName: "AWS" }); // Digest challenge out of the way.
    sim.control.addFault({
      kind: "error",
      status: 429,
      retryAfterSeconds: 1,
      match: { operationId: "listGroupContainerAll" },
    });
    const limited = atlas.containers.listAll({ groupId });
    // The other call starts once the client has met the 429 and paused its budget (an event, not a guess
    // that 100 ms is enough for the first call's round trip on a busy machine).
    await eventually(
      async () => atlas.stats().budget.pauses,
      (pauses) => pauses === 1,
    );
    await atlas.peers.list({ groupId, providerName: "AZURE" });
    await limited;

    const log = sim.control.getRequestLog();
    const refused = log.find((entry) => entry.status === 429);
    const other = log.find((entry) => entry.operationId === "listGroupPeers" && entry.query.providerName === "AZURE");
    expect(refused).toBeDefined();
    expect(other).toBeDefined();
    expect(other!.timestamp - refused!.timestamp).toBeGreaterThanOrEqual(950);
    expect(atlas.stats().budget.pauses).toBe(1);
  });

  test("a GET is retried after 503 and 504 until it succeeds", async () => {
    const atlas = client(sim);
    sim.control.addFault({ kind: "error", status: 503, count: 1, match: { operationId: "listGroupPeers" } });
    sim.control.addFault({ kind: "error", status: 504, count: 1, match: { operationId: "listGroupPeers" } });
    await expect(atlas.peers.list({ groupId, providerName: "AWS" })).resolves.toEqual([]);
    expect(apiLog(sim, "listGroupPeers")).toEqual([
      ["GET", 503],
      ["GET", 504],
      ["GET", 200],
    ]);
    expect(atlas.stats().retries).toBe(2);
  });

  test("a GET gives up after maxRetries with Atlas's error", async () => {
    const atlas = client(sim);
    sim.control.addFault({ kind: "error", status: 500, count: 10, match: { operationId: "listGroupContainerAll" } });
    const error = await failureOf(atlas.containers.listAll({ groupId }));
    expect(error).toBeInstanceOf(AtlasApiError);
    expect((error as AtlasApiError).status).toBe(500);
    expect(apiLog(sim, "listGroupContainerAll")).toHaveLength(4);
  });

  test("a 500 on PATCH is not retried: it may have been half applied", async () => {
    const atlas = client(sim);
    const container = await atlas.containers.create({ groupId, body: awsContainer });
    sim.control.addFault({ kind: "error", status: 500, match: { operationId: "updateGroupContainer" } });
    const error = await failureOf(
      atlas.containers.update({
        groupId,
        containerId: container.id!,
        body: { ...awsContainer, atlasCidrBlock: "10.9.0.0/21" },
      }),
    );
    expect((error as AtlasApiError).status).toBe(500);
    expect(apiLog(sim, "updateGroupContainer")).toEqual([["PATCH", 500]]);
  });

  test("a PATCH is retried after 503: repeating it is harmless", async () => {
    const atlas = client(sim);
    const container = await atlas.containers.create({ groupId, body: awsContainer });
    sim.control.addFault({ kind: "error", status: 503, match: { operationId: "updateGroupContainer" } });
    const updated = await atlas.containers.update({
      groupId,
      containerId: container.id!,
      body: { ...awsContainer, atlasCidrBlock: "10.9.0.0/21" },
    });
    expect(updated.atlasCidrBlock).toBe("10.9.0.0/21");
    expect(apiLog(sim, "updateGroupContainer")).toEqual([
      ["PATCH", 503],
      ["PATCH", 200],
    ]);
  });

  test("a POST is not retried blindly: after a 503 exactly one POST reached Atlas", async () => {
    const atlas = client(sim);
    sim.control.addFault({ kind: "error", status: 503, errorCode: "SERVICE_UNAVAILABLE", match: { method: "POST" } });
    const error = await failureOf(atlas.containers.create({ groupId, body: awsContainer }));
    expect(error).toBeInstanceOf(AtlasApiError);
    expect((error as AtlasApiError).errorCode).toBe("SERVICE_UNAVAILABLE");
    expect(apiLog(sim, "createGroupContainer")).toEqual([["POST", 503]]);
    expect(atlas.stats().retries).toBe(0);
  });

  test("a POST refused with 429 is retried: Atlas did not process it", async () => {
    const atlas = client(sim);
    sim.control.addFault({ kind: "error", status: 429, retryAfterSeconds: 0, match: { method: "POST" } });
    const container = await atlas.containers.create({ groupId, body: awsContainer });
    expect(container.providerName).toBe("AWS");
    expect(apiLog(sim, "createGroupContainer")).toEqual([
      ["POST", 429],
      ["POST", 200],
    ]);
    expect(sim.control.getResources({ kind: "network-container" })).toHaveLength(1);
  });

  test("a GET whose connection is reset is retried", async () => {
    const atlas = client(sim);
    sim.control.addFault({ kind: "reset", match: { operationId: "listGroupContainerAll" } });
    await expect(atlas.containers.listAll({ groupId })).resolves.toEqual([]);
    expect(apiLog(sim, "listGroupContainerAll")).toEqual([
      ["GET", null],
      ["GET", 200],
    ]);
  });

  test("a POST whose connection is reset reaches the caller: Atlas may have acted on it", async () => {
    const atlas = client(sim);
    sim.control.addFault({ kind: "reset", match: { method: "POST" } });
    const error = await failureOf(atlas.containers.create({ groupId, body: awsContainer }));
    expect(error).toBeInstanceOf(AtlasTransportError);
    expect((error as AtlasTransportError).message).toMatch(
      /^Atlas API POST \/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/containers failed: /,
    );
    expect(apiLog(sim, "createGroupContainer")).toEqual([["POST", null]]);
  });

  test("a POST to a port nobody listens on is retried: a refused connection sent nothing", async () => {
    const port = await closedPort();
    const logger = createMemoryLogger();
    const atlas = createAtlasClient({
      baseUrl: `http://127.0.0.1:${port}`,
      credentials: { kind: "digest", publicKey: "p", privateKey: "k-never-shown" },
      retry: { maxRetries: 2, minDelayMs: 5, maxDelayMs: 10 },
      logger,
    });
    const error = await failureOf(atlas.containers.create({ groupId, body: awsContainer }));
    expect(error).toBeInstanceOf(AtlasTransportError);
    expect((error as AtlasTransportError).code).toBe("ECONNREFUSED");
    expect(atlas.stats()).toMatchObject({ retries: 2, requestsSent: 3 });
    expect(logger.lines.filter((line) => line.includes("ECONNREFUSED, retrying"))).toHaveLength(2);
  });

  test("the client's own budget keeps a burst under Atlas's limit instead of meeting 429s", async () => {
    await sim.close();
    // Atlas's bucket holds 5 more than the client's: requests the client spaces out can reach the server
    // bunched together when the machine is busy, and that slack absorbs it. Without the client's budget, the
    // burst of 20 would still meet 429s.
    sim = await startTestSimulator({ rateLimit: { capacity: 10, refillPerSecond: 20 } });
    const atlas = client(sim, { budget: { capacity: 5, refillPerSecond: 15 } });
    await Promise.all(Array.from({ length: 20 }, () => atlas.containers.listAll({ groupId })));
    expect(sim.control.getRequestLog().filter((entry) => entry.status === 429)).toHaveLength(0);
    expect(atlas.stats().budget.waited).toBeGreaterThan(0);
  });

  test("a 429's body tells the pacer the refusing bucket's refill, and the call still succeeds", async () => {
    await sim.close();
    // Atlas's bucket: 5 requests, 3 more a second, stated in the 429's body as "Refill rate: 180 per 60 seconds".
    sim = await startTestSimulator({ rateLimit: { capacity: 5, refillPerSecond: 3 } });
    const atlas = client(sim);
    const path = `/api/atlas/v2/groups/${groupId}/containers/all`;
    expect(atlas.rateLimitEstimate(path)?.refillPerSecond).toBe(10); // the default budget's, assumed
    sim.control.addFault(containerListRefusedOnce);
    await atlas.containers.listAll({ groupId });
    expect(apiLog(sim, "listGroupContainerAll")).toEqual([
      ["GET", 429],
      ["GET", 200],
    ]);
    expect(atlas.rateLimitEstimate(path)?.refillPerSecond).toBe(3);
  });

  test("pacing by RateLimit-Remaining keeps a burst under a low Atlas limit where the budget alone meets 429s", async () => {
    // Atlas's bucket: 10 requests, 4 more a second; the client's budget is its default (50, 10 a second).
    const burst = (atlas: AtlasClient) =>
      Promise.all(Array.from({ length: 30 }, () => atlas.containers.listAll({ groupId })));
    const refused = () => sim.control.getRequestLog().filter((entry) => entry.status === 429).length;

    await sim.close();
    sim = await startTestSimulator({ rateLimit: { capacity: 10, refillPerSecond: 4 } });
    const unpaced = client(sim, { pacing: false });
    await burst(unpaced);
    const refusedWithoutPacing = refused();

    await sim.close();
    sim = await startTestSimulator({ rateLimit: { capacity: 10, refillPerSecond: 4 } });
    const paced = client(sim);
    await burst(paced);

    expect(refusedWithoutPacing).toBeGreaterThan(0);
    expect(refused()).toBe(0);
    expect(paced.stats().rateLimited).toBe(0);
  }, 30_000);
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
