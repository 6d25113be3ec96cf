/**
 * Digest auth against the simulator over real HTTP: nonce reuse, the shared first challenge, stale
 * nonces and wrong keys, counted in the simulator's request log.
 */
import { type AtlasClient, AtlasApiError } from "../../provider/client";
import { closeAllAtlasClients, createAtlasClient } from "../support/clients";
import { createMemoryLogger } from "../../provider/logger";
import { SimulatorTime, startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

const groupId = testGroupId;

function digestClient(
  sim: RunningSimulator,
  privateKey = sim.credentials.privateKey,
  logger = createMemoryLogger(),
): AtlasClient {
  return createAtlasClient({
    baseUrl: sim.baseUrl,
    credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey },
    retry: { maxRetries: 2, minDelayMs: 5, maxDelayMs: 20 },
    // Large enough that bursts of 50 are not paced by the request budget (not what these tests measure).
    budget: { capacity: 500, refillPerSecond: 500 },
    logger,
  });
}

describe("Digest auth with nonce reuse", () => {
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startTestSimulator({ rateLimit: false });
  });

  afterEach(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  test("N sequential API calls cost N+1 HTTP requests: one challenge, then one request per call", async () => {
    const client = digestClient(sim);
    const calls = 20;
    for (let i = 0; i < calls; i++) {
      await client.endpointServices.list({ groupId, cloudProvider: "AWS" });
    }
    const log = sim.control.getRequestLog();
    expect(log).toHaveLength(calls + 1);
    expect(log[0]).toMatchObject({ authScheme: "none", status: 401 });
    expect(log.slice(1).every((entry) => entry.authScheme === "digest" && entry.status === 200)).toBe(true);
    expect(client.stats()).toMatchObject({ apiCalls: calls, requestsSent: calls + 1, unauthorized: 1 });
  });

  test("concurrent first calls share one challenge instead of each fetching their own", async () => {
    const client = digestClient(sim);
    const calls = 20;
    const results = await Promise.all(
      Array.from({ length: calls }, () => client.endpointServices.list({ groupId, cloudProvider: "GCP" })),
    );
    expect(results).toHaveLength(calls);
    const log = sim.control.getRequestLog();
    expect(log.filter((entry) => entry.authScheme === "none")).toHaveLength(1);
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(calls);
  });

  test("in the steady state, concurrent calls also cost about one request each (they share the nonce)", async () => {
    const client = digestClient(sim);
    const round = () =>
      Promise.all(Array.from({ length: 50 }, () => client.endpointServices.list({ groupId, cloudProvider: "AWS" })));
    // The first round opens the pool's connections; the simulator checks nc strictly in order, so a
    // call overtaken on a new connection is answered again (bounded), which costs a few requests once.
    await round();
    const since = sim.control.getRequestLog().at(-1)?.sequence ?? 0;
    await round();
    const log = sim.control.getRequestLog({ since });
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(50);
    expect(log.length).toBeLessThanOrEqual(55);
  });

  test("a stale nonce is answered once with the new challenge", async () => {
    await sim.close();
    // Simulator time moves only here, so the nonce expires exactly once: not during a slow first exchange,
    // nor again between the 401 and the answer to the new challenge.
    const time = new SimulatorTime();
    sim = await startTestSimulator({ rateLimit: false, nonceTtlMs: 150, now: time.now });
    const client = digestClient(sim);
    await client.peers.list({ groupId, providerName: "AWS" });
    time.advance(151);
    const since = sim.control.getRequestLog().at(-1)?.sequence ?? 0;

    await client.peers.list({ groupId, providerName: "AWS" });

    const log = sim.control.getRequestLog({ since });
    expect(log.map((entry) => [entry.authScheme, entry.status])).toEqual([
      ["digest", 401],
      ["digest", 200],
    ]);
  });

  test("a server restart (every nonce forgotten) costs one re-answer, not an error", async () => {
    const client = digestClient(sim);
    await client.containers.listAll({ groupId });
    const port = sim.port;
    await sim.close();
    sim = await startTestSimulator({ rateLimit: false, port });

    await expect(client.containers.listAll({ groupId })).resolves.toEqual([]);
    expect(sim.control.getRequestLog().map((entry) => [entry.authScheme, entry.status])).toEqual([
      ["digest", 401],
      ["digest", 200],
    ]);
  });

  test("a wrong private key fails with Atlas's 401 after answering the challenge once, naming no secret", async () => {
    const wrongKey = "wrong-private-key-do-not-show";
    const logger = createMemoryLogger();
    const client = digestClient(sim, wrongKey, logger);
    const error = await client.endpointServices.list({ groupId, cloudProvider: "AWS" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AtlasApiError);
    const apiError = error as AtlasApiError;
    expect(apiError.status).toBe(401);
    expect(apiError.message).toMatch(
      /^Atlas API GET \/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/privateEndpoint\/AWS\/endpointService failed: HTTP 401/,
    );
    expect(sim.control.getRequestLog().map((entry) => [entry.authScheme, entry.status])).toEqual([
      ["none", 401],
      ["digest", 401],
    ]);
    const everything = [apiError.message, apiError.stack, JSON.stringify(apiError), ...logger.lines].join("\n");
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toMatch(/Digest username/);
  });
});
