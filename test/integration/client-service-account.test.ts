/**
 * Service-account (OAuth client credentials) auth against the simulator over real HTTP: one token
 * for many concurrent calls, refresh before expiry, recovery from a token the server forgot.
 */
import { AtlasApiError, type AtlasClient } from "../../provider/client";
import { closeAllAtlasClients, createAtlasClient } from "../support/clients";
import { createMemoryLogger } from "../../provider/logger";
import { SimulatorTime, startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

const groupId = testGroupId;

function serviceAccountClient(
  sim: RunningSimulator,
  clientSecret = sim.credentials.clientSecret,
  logger = createMemoryLogger(),
): AtlasClient {
  return createAtlasClient({
    baseUrl: sim.baseUrl,
    credentials: { kind: "serviceAccount", clientId: sim.credentials.clientId, clientSecret },
    retry: { maxRetries: 2, minDelayMs: 5, maxDelayMs: 20 },
    logger,
  });
}

const tokenRequests = (sim: RunningSimulator) =>
  sim.control.getRequestLog().filter((entry) => entry.path === "/api/oauth/token");

describe("service-account auth", () => {
  let sim: RunningSimulator;

  afterEach(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  test("50 concurrent calls cause one token request", async () => {
    sim = await startTestSimulator({ rateLimit: false });
    const client = serviceAccountClient(sim);
    await Promise.all(Array.from({ length: 50 }, () => client.peers.list({ groupId, providerName: "GCP" })));

    expect(tokenRequests(sim)).toHaveLength(1);
    const api = sim.control.getRequestLog().filter((entry) => entry.path !== "/api/oauth/token");
    expect(api).toHaveLength(50);
    expect(api.every((entry) => entry.authScheme === "bearer" && entry.status === 200)).toBe(true);
    expect(client.stats()).toMatchObject({ tokenRequests: 1, requestsSent: 50, unauthorized: 0 });
  });

  test("the token is reused while valid and replaced shortly before it expires, without a 401", async () => {
    // The client times its token by Date.now and the simulator by its own clock: both stand still here and
    // move 950 ms at once, so a busy machine cannot age the one-second token while the first calls run.
    // Only Date is faked; timers and I/O stay real.
    jest.useFakeTimers({
      doNotFake: [
        "hrtime",
        "nextTick",
        "performance",
        "queueMicrotask",
        "requestAnimationFrame",
        "cancelAnimationFrame",
        "requestIdleCallback",
        "cancelIdleCallback",
        "setImmediate",
        "clearImmediate",
        "setInterval",
        "clearInterval",
        "setTimeout",
        "clearTimeout",
      ],
    });
    try {
      const time = new SimulatorTime();
      sim = await startTestSimulator({ rateLimit: false, tokenTtlSeconds: 1, now: time.now });
      const client = serviceAccountClient(sim);
      await client.containers.listAll({ groupId });
      await client.containers.listAll({ groupId });
      expect(tokenRequests(sim)).toHaveLength(1);

      // A one-second token is refreshed 100 ms before it expires (a tenth of its life).
      jest.setSystemTime(Date.now() + 950);
      time.advance(950);
      await client.containers.listAll({ groupId });

      expect(tokenRequests(sim)).toHaveLength(2);
      expect(sim.control.getRequestLog().some((entry) => entry.status === 401)).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  test("a 401 to a cached token (the server forgot it) refreshes the token once and retries", async () => {
    sim = await startTestSimulator({ rateLimit: false });
    const client = serviceAccountClient(sim);
    await client.containers.listAll({ groupId });
    const port = sim.port;
    await sim.close();
    sim = await startTestSimulator({ rateLimit: false, port });

    await Promise.all([client.containers.listAll({ groupId }), client.containers.listAll({ groupId })]);

    const log = sim.control.getRequestLog();
    expect(log.filter((entry) => entry.status === 401).length).toBeGreaterThanOrEqual(1);
    expect(tokenRequests(sim)).toHaveLength(1);
    expect(log.filter((entry) => entry.path !== "/api/oauth/token" && entry.status === 200)).toHaveLength(2);
  });

  test("a wrong client secret fails at the token endpoint with a message that names it and no secret", async () => {
    sim = await startTestSimulator({ rateLimit: false });
    const wrongSecret = "mdb_sa_sk_wrong-do-not-show";
    const logger = createMemoryLogger();
    const client = serviceAccountClient(sim, wrongSecret, logger);
    const error = await client.peers.get({ groupId, peerId: "5f7cac1adf5d6c6306f4b284" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AtlasApiError);
    const apiError = error as AtlasApiError;
    expect(apiError.status).toBe(401);
    expect(apiError.message).toBe(
      "Atlas API POST /api/oauth/token failed: HTTP 401: invalid_client: Client authentication failed.",
    );
    // The API itself was never called with a missing token.
    expect(sim.control.getRequestLog().map((entry) => entry.path)).toEqual(["/api/oauth/token"]);
    const basic = Buffer.from(`${sim.credentials.clientId}:${wrongSecret}`).toString("base64");
    const everything = [apiError.message, apiError.stack, JSON.stringify(apiError), ...logger.lines].join("\n");
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain(basic);
  });
});
