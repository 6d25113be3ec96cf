/**
 * What callers see when things go wrong, against the simulator over real HTTP: typed Atlas errors,
 * time limits, aborts, and no credential anywhere in errors, stacks, causes or log lines.
 */
import {
  AtlasAbortError,
  AtlasApiError,
  AtlasTimeoutError,
  ClientSettingsError,
  hasErrorCode,
  isNotFound,
  type AtlasClient,
  type AtlasCredentials,
} from "../../provider/client";
import { closeAllAtlasClients, createAtlasClient } from "../support/clients";
import { createMemoryLogger } from "../../provider/logger";
import { eventually, startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

const groupId = testGroupId;
const missingId = "5f7cac1adf5d6c6306f4b2ff";

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as Error,
  );
}

/** Message, stack and every cause of an error, as one string. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const e = current as Error & { cause?: unknown };
    parts.push(String(e.message), String(e.stack), JSON.stringify(e, Object.getOwnPropertyNames(e)));
    current = e.cause;
  }
  return parts.join("\n");
}

describe("errors, time limits and aborts", () => {
  let sim: RunningSimulator;
  let atlas: AtlasClient;

  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimit: false });
    atlas = createAtlasClient({
      baseUrl: sim.baseUrl,
      credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey: sim.credentials.privateKey },
      retry: { maxRetries: 1, minDelayMs: 5, maxDelayMs: 10 },
    });
  });

  afterEach(() => sim.control.clearFaults());

  afterAll(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  test("a missing resource is an AtlasApiError that isNotFound recognises, naming method, path, status, errorCode and detail", async () => {
    const error = await failureOf(atlas.peers.get({ groupId, peerId: missingId }));
    expect(error).toBeInstanceOf(AtlasApiError);
    const apiError = error as AtlasApiError;
    expect(isNotFound(apiError)).toBe(true);
    expect(apiError.method).toBe("GET");
    expect(apiError.path).toBe(`/api/atlas/v2/groups/${groupId}/peers/${missingId}`);
    expect(apiError.errorCode).toEqual(expect.any(String));
    expect(apiError.detail).toEqual(expect.any(String));
    expect(apiError.message).toBe(
      `Atlas API GET /api/atlas/v2/groups/${groupId}/peers/${missingId} failed: HTTP 404${apiError.reason ? ` ${apiError.reason}` : ""} ${apiError.errorCode}: ${apiError.detail}`,
    );
  });

  test("an invalid body is a 400 whose message lists the fields Atlas refused", async () => {
    const error = await failureOf(
      atlas.containers.create({
        groupId,
        body: { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "8.8.8.0/21" },
      }),
    );
    const apiError = error as AtlasApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.badRequestDetail?.fields.length).toBeGreaterThan(0);
    const first = apiError.badRequestDetail!.fields[0];
    expect(apiError.message).toContain(`(invalid fields: ${first.field}: ${first.description}`);
  });

  test("hasErrorCode matches the errorCode Atlas sent", async () => {
    sim.control.addFault({
      kind: "error",
      status: 409,
      errorCode: "CONTAINERS_IN_USE",
      match: { operationId: "deleteGroupContainer" },
    });
    const error = await failureOf(atlas.containers.delete({ groupId, containerId: missingId }));
    expect(hasErrorCode(error, "CONTAINERS_IN_USE")).toBe(true);
    expect(hasErrorCode(error, "OTHER")).toBe(false);
    expect(error.message).toContain("HTTP 409");
    expect(error.message).toContain("CONTAINERS_IN_USE");
  });

  test("plain http:// to a non-loopback address is refused before any request", () => {
    expect(() =>
      createAtlasClient({
        baseUrl: "http://cloud.mongodb.com",
        credentials: { kind: "digest", publicKey: "p", privateKey: "k" },
      }),
    ).toThrow(ClientSettingsError);
    expect(() =>
      createAtlasClient({
        baseUrl: "http://cloud.mongodb.com",
        credentials: { kind: "digest", publicKey: "p", privateKey: "k" },
      }),
    ).toThrow(/plain http:\/\/.*loopback address \(127\.0\.0\.0\/8, ::1, localhost\)/);
  });
});

describe("time limits and aborts", () => {
  // Each test has its own simulator, so the requests it leaves waiting in a delay fault end with it (close()
  // drops them) and cannot take a later test's faults. The answers are minutes away: a call that settles
  // did so by its own time limit or abort, and the bounds below only catch one that waited for Atlas.
  let sim: RunningSimulator;
  let atlas: AtlasClient;

  beforeEach(async () => {
    sim = await startTestSimulator({ rateLimit: false });
    atlas = createAtlasClient({
      baseUrl: sim.baseUrl,
      credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey: sim.credentials.privateKey },
      retry: { maxRetries: 1, minDelayMs: 5, maxDelayMs: 10 },
    });
  });

  afterEach(async () => {
    await atlas.close();
    await sim.close();
  });

  test("a call slower than its time limit fails with AtlasTimeoutError", async () => {
    sim.control.addFault({
      kind: "delay",
      delayMs: 600_000,
      count: 5,
      match: { operationId: "listGroupContainerAll" },
    });
    const started = Date.now();
    const error = await failureOf(atlas.containers.listAll({ groupId }, { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error.message).toBe(
      `Atlas API GET /api/atlas/v2/groups/${groupId}/containers/all?pageNum=1&itemsPerPage=500 timed out after 200 ms`,
    );
    expect(Date.now() - started).toBeLessThan(60_000); // its 200 ms limit, not the answer 10 minutes away
  });

  test("the caller's AbortSignal cancels a call in flight", async () => {
    await atlas.peers.list({ groupId, providerName: "GCP" }); // the Digest challenge, so the next call is answered
    sim.control.addFault({ kind: "delay", delayMs: 600_000, match: { operationId: "listGroupPeers" } });
    const controller = new AbortController();
    const pending = failureOf(atlas.peers.list({ groupId, providerName: "AWS" }, { signal: controller.signal }));
    // In flight: the simulator holds the request (it took the one-shot delay fault).
    await eventually(
      async () => sim.control.listFaults().length,
      (n) => n === 0,
    );
    const abortedAt = Date.now();
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AtlasAbortError);
    expect(error.name).toBe("AbortError");
    expect(Date.now() - abortedAt).toBeLessThan(60_000); // at the abort, not at the answer 10 minutes away
  });

  test("an AbortSignal also cancels a call waiting between retries", async () => {
    sim.control.addFault({
      kind: "error",
      status: 429,
      retryAfterSeconds: 600,
      match: { operationId: "listGroupContainerAll" },
    });
    const controller = new AbortController();
    const pending = failureOf(atlas.containers.listAll({ groupId }, { signal: controller.signal }));
    // Waiting between retries: the client met the 429 and decided to retry in 10 minutes.
    await eventually(
      async () => atlas.stats().retries,
      (retries) => retries === 1,
    );
    const abortedAt = Date.now();
    controller.abort();
    expect(await pending).toBeInstanceOf(AtlasAbortError);
    expect(Date.now() - abortedAt).toBeLessThan(60_000); // at the abort, not after the 10 minute Retry-After
  });
});

describe("no credential ever shows", () => {
  let sim: RunningSimulator;
  const privateKey = "private-key-Zq81-never-shown";
  const clientSecret = "mdb_sa_sk_secret-Zq82-never-shown";

  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimit: false, credentials: { privateKey, clientSecret } });
  });

  afterAll(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  const kinds: Array<[string, (s: RunningSimulator) => AtlasCredentials]> = [
    ["digest", (s) => ({ kind: "digest", publicKey: s.credentials.publicKey, privateKey })],
    ["service account", (s) => ({ kind: "serviceAccount", clientId: s.credentials.clientId, clientSecret })],
  ];

  test.each(kinds)("in errors, causes, stacks or log lines of a %s client", async (_name, credentialsFor) => {
    const logger = createMemoryLogger();
    const atlas = createAtlasClient({
      baseUrl: sim.baseUrl,
      credentials: credentialsFor(sim),
      retry: { maxRetries: 1, minDelayMs: 5, maxDelayMs: 10 },
      logger,
    });
    const errors: Error[] = [];
    errors.push(await failureOf(atlas.peers.get({ groupId, peerId: missingId })));
    sim.control.addFault({ kind: "error", status: 503, count: 5, match: { operationId: "listGroupContainerAll" } });
    errors.push(await failureOf(atlas.containers.listAll({ groupId })));
    sim.control.addFault({ kind: "reset", count: 5, match: { operationId: "listGroupPeers" } });
    errors.push(await failureOf(atlas.peers.list({ groupId, providerName: "AWS" })));
    sim.control.addFault({ kind: "delay", delayMs: 2_000, match: { operationId: "getGroupContainer" } });
    errors.push(await failureOf(atlas.containers.get({ groupId, containerId: missingId }, { timeoutMs: 100 })));
    sim.control.clearFaults();

    const text = [...errors.map(everythingIn), ...logger.lines].join("\n");
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(privateKey);
    expect(text).not.toContain(clientSecret);
    expect(text).not.toMatch(/authorization\s*[:=]\s*["']?(Digest|Bearer|Basic) /i);
    expect(text).not.toMatch(/Bearer [A-Za-z0-9_-]{16,}/);
    expect(text).not.toContain(Buffer.from(`${sim.credentials.clientId}:${clientSecret}`).toString("base64"));
  });
});
