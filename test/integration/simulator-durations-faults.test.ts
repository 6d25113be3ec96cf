/**
 * The simulator's seeded durations (seed option, configure, reset) and its injected 429s and 503s, shaped
 * like Atlas's. Every response is checked against the official spec by startTestSimulator.
 */
import {
  DigestTestClient,
  RunningSimulator,
  SimulatorTime,
  startTestSimulator,
  testGroupId,
} from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;

/** Creates an endpoint service and returns how long its INITIATING lasted, in simulated seconds (time scale 1). */
async function initiatingSeconds(
  sim: RunningSimulator,
  time: SimulatorTime,
  atlas: DigestTestClient,
  region = "US_EAST_1",
): Promise<number> {
  const created = await atlas.post(`${group}/privateEndpoint/endpointService`, { providerName: "AWS", region });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  time.advance(3_600_000);
  const view = sim.control.getResource(id);
  return ((view?.firstSettledAt ?? Number.NaN) - (view?.createdAt ?? Number.NaN)) / 1000;
}

describe("seeded durations", () => {
  let sim: RunningSimulator;
  let time: SimulatorTime;
  let atlas: DigestTestClient;

  afterEach(() => sim.close());

  async function start(options: { seed?: number; durations?: Record<string, Record<string, number>> }) {
    time = new SimulatorTime();
    sim = await startTestSimulator({ timeScale: 1, rateLimit: false, now: time.now, ...options });
    atlas = new DigestTestClient(sim);
  }

  test("without a seed every phase lasts exactly its typical duration", async () => {
    await start({});
    expect(await initiatingSeconds(sim, time, atlas)).toBe(180);
    expect(sim.control.getConfig()).toMatchObject({ seed: null, exactDurations: [] });
  });

  test("with a seed, durations vary around the typical one and repeat after a reset", async () => {
    await start({ seed: 7 });
    const first = [
      await initiatingSeconds(sim, time, atlas, "US_EAST_1"),
      await initiatingSeconds(sim, time, atlas, "US_WEST_2"),
    ];
    for (const seconds of first) {
      expect(seconds).not.toBe(180);
      expect(seconds).toBeGreaterThanOrEqual(90);
      expect(seconds).toBeLessThanOrEqual(360);
    }
    expect(first[0]).not.toBe(first[1]);
    sim.control.reset();
    // The same creates in the other order draw the same durations: a draw belongs to its request.
    const again = [
      await initiatingSeconds(sim, time, atlas, "US_WEST_2"),
      await initiatingSeconds(sim, time, atlas, "US_EAST_1"),
    ];
    expect(again).toEqual([first[1], first[0]]);
    expect(sim.control.getConfig().seed).toBe(7);
    expect(sim.control.getConfig().durations.endpointService.initiating).toBe(180);
  });

  test("an explicit override stays exact under a seed; configure sets and clears the seed", async () => {
    await start({ seed: 3, durations: { endpointService: { initiating: 30 } } });
    expect(await initiatingSeconds(sim, time, atlas, "US_EAST_1")).toBe(30);
    expect(sim.control.getConfig().exactDurations).toEqual(["endpointService.initiating"]);

    sim.control.reset();
    sim.control.configure({ durations: { endpointService: { initiating: 200 } }, seed: 11 });
    expect(await initiatingSeconds(sim, time, atlas, "US_EAST_2")).toBe(200);

    sim.control.reset(); // back to the start-up settings: seed 3, initiating 30 exact
    expect(sim.control.getConfig()).toMatchObject({ seed: 3, exactDurations: ["endpointService.initiating"] });
    sim.control.configure({ seed: null });
    const deleted = await atlas.post(`${group}/privateEndpoint/endpointService`, {
      providerName: "AWS",
      region: "US_WEST_1",
    });
    const id = (deleted.body as { id: string }).id;
    time.advance(3_600_000);
    expect((await atlas.delete(`${group}/privateEndpoint/AWS/endpointService/${id}`)).status).toBe(202);
    const deletedAt = time.now();
    time.advance(3_600_000);
    expect(((sim.control.getResource(id)?.deletedAt ?? 0) - deletedAt) / 1000).toBe(120);

    expect(() => sim.control.configure({ seed: -1 })).toThrow(/seed/);
    expect(() => sim.control.configure({ seed: 1.5 })).toThrow(/seed/);
  });
});

describe("injected 429s and 503s look like Atlas's", () => {
  let sim: RunningSimulator;
  let atlas: DigestTestClient;

  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimit: { capacity: 100, refillPerSecond: 10 } });
    atlas = new DigestTestClient(sim);
    await atlas.get(`${group}/peers`); // the Digest challenge out of the way
  });
  afterEach(() => sim.control.clearFaults());
  afterAll(() => sim.close());

  test("a 429 fault answers the rate-limit body with Retry-After and an empty bucket's RateLimit-* headers", async () => {
    sim.control.addFault({
      kind: "error",
      status: 429,
      retryAfterSeconds: 7,
      match: { operationId: "listGroupPeers" },
    });
    const response = await atlas.get(`${group}/peers`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("ratelimit-limit")).toBe("100");
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    expect(response.body).toEqual({
      error: 429,
      errorCode: "RATE_LIMITED_TOKEN_BUCKET",
      reason: "Too Many Requests",
      detail:
        "Rate limit exceeded for api/atlas/v2/groups/{groupId}/peers. Please retry after 7 seconds. Request capacity: 100. Refill rate: 600 per 60 seconds.",
      parameters: ["api/atlas/v2/groups/{groupId}/peers", 7, 100, 600, 60],
    });
  });

  test("a 429 fault without retryAfterSeconds still says when to retry; errorCode may name the spec's RATE_LIMITED", async () => {
    sim.control.addFault({ kind: "error", status: 429, errorCode: "RATE_LIMITED", match: { method: "GET" } });
    const response = await atlas.get(`${group}/containers/all`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.body).toMatchObject({ errorCode: "RATE_LIMITED", parameters: expect.arrayContaining([1]) });
  });

  test("a 503 fault answers Atlas's 503, with Retry-After when asked", async () => {
    sim.control.addFault({ kind: "error", status: 503, retryAfterSeconds: 2, match: { method: "GET" } });
    const response = await atlas.get(`${group}/peers`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.body).toEqual({
      error: 503,
      errorCode: "SERVICE_UNAVAILABLE",
      reason: "Service Unavailable",
      detail: "Service Unavailable.",
      parameters: [],
    });
  });
});

test("with rate limits off, an injected 429 carries Retry-After but no RateLimit-* (no answer carries them)", async () => {
  const sim = await startTestSimulator({ rateLimit: false });
  try {
    const atlas = new DigestTestClient(sim);
    await atlas.get(`${group}/peers`);
    sim.control.addFault({ kind: "error", status: 429, match: { method: "GET" } });
    const response = await atlas.get(`${group}/peers`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.get("ratelimit-remaining")).toBeNull();
    expect(response.body).toMatchObject({ errorCode: "RATE_LIMITED_TOKEN_BUCKET" });
  } finally {
    await sim.close();
  }
});
