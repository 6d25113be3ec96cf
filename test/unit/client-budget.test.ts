import { bucketLimitsOfRefusal } from "../../provider/client/backoff";
import { RateLimitPacer, rateLimitBucketOf } from "../../provider/client/rate-limit-pacer";
import { RequestBudget, type Clock } from "../../provider/client/request-budget";

/** A clock that only moves when the test says so. */
class ManualClock implements Clock {
  private time = 1_000_000;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.time + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves time forward, firing due timers and letting the promises they resolve run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      this.timers = this.timers.filter((t) => t !== due);
      due.resolve();
    }
    this.time = target;
    await flush();
  }
}

/** Lets every promise chain that can progress without the clock run to its end. */
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function track(promise: Promise<unknown>): { settled: () => boolean; error: () => unknown } {
  let settled = false;
  let error: unknown;
  promise.then(
    () => (settled = true),
    (e: unknown) => {
      settled = true;
      error = e;
    },
  );
  return { settled: () => settled, error: () => error };
}

describe("request budget (token bucket)", () => {
  test("grants a full bucket at once, then one request per refill interval", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 3, refillPerSecond: 2 }, { clock });
    const takes = Array.from({ length: 5 }, () => track(budget.take()));
    await flush();
    expect(takes.map((t) => t.settled())).toEqual([true, true, true, false, false]);
    await clock.advance(499);
    expect(takes[3].settled()).toBe(false);
    await clock.advance(1);
    expect(takes[3].settled()).toBe(true);
    expect(takes[4].settled()).toBe(false);
    await clock.advance(500);
    expect(takes[4].settled()).toBe(true);
    expect(budget.stats.granted).toBe(5);
    expect(budget.stats.waited).toBe(2);
  });

  test("serves waiting requests in arrival order", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 1, refillPerSecond: 1 }, { clock });
    const order: number[] = [];
    const all = [1, 2, 3].map((n) => budget.take().then(() => order.push(n)));
    await clock.advance(3_000);
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });

  test("pauses every caller when a 429 asks for a pause, even with tokens left", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 10, refillPerSecond: 10 }, { clock });
    budget.pauseFor(2_000);
    const a = track(budget.take());
    const b = track(budget.take());
    await clock.advance(1_999);
    expect(a.settled() || b.settled()).toBe(false);
    await clock.advance(1);
    expect(a.settled() && b.settled()).toBe(true);
    expect(budget.stats.pauses).toBe(1);
  });

  test("keeps the longest of overlapping pauses", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 10, refillPerSecond: 10 }, { clock });
    budget.pauseFor(3_000);
    budget.pauseFor(1_000);
    const take = track(budget.take());
    await clock.advance(2_000);
    expect(take.settled()).toBe(false);
    await clock.advance(1_000);
    expect(take.settled()).toBe(true);
  });

  test("lets a waiting caller give up through its AbortSignal without losing a token", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 1, refillPerSecond: 1 }, { clock });
    await budget.take();
    const controller = new AbortController();
    const abandoned = track(budget.take(controller.signal));
    const next = track(budget.take());
    controller.abort(new Error("caller gave up"));
    await flush();
    expect(abandoned.settled()).toBe(true);
    expect((abandoned.error() as Error).message).toBe("caller gave up");
    await clock.advance(1_000);
    expect(next.settled()).toBe(true);
  });
});

/** RateLimit-* headers as undici hands them over (lower-case names, string values). */
function rateHeaders(limit: number, remaining: number, extra: Record<string, string> = {}) {
  return { "ratelimit-limit": String(limit), "ratelimit-remaining": String(remaining), ...extra };
}

describe("pacing from Atlas's RateLimit-* answers", () => {
  const bucket = "api/atlas/v2/groups/p1/containers";

  test("groups requests by project and collection, the closest the client can tell Atlas's buckets", () => {
    expect(rateLimitBucketOf("/api/atlas/v2/groups/p1/containers/all?pageNum=1")).toBe(bucket);
    expect(rateLimitBucketOf("/api/atlas/v2/groups/p1/containers/c1")).toBe(bucket);
    expect(rateLimitBucketOf("/api/atlas/v2/groups/p2/peers")).toBe("api/atlas/v2/groups/p2/peers");
    expect(rateLimitBucketOf("/api/oauth/token")).toBe("api/oauth/token");
  });

  test("sends one request until Atlas has said where the bucket stands", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 10);
    const first = await pacer.admit(bucket);
    const second = track(pacer.admit(bucket));
    await clock.advance(500);
    expect(second.settled()).toBe(false);
    pacer.observe(first, 200, rateHeaders(100, 99));
    await flush();
    expect(second.settled()).toBe(true);
  });

  test("spreads the remaining requests over the time to reset as Remaining runs low", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 1);
    const first = await pacer.admit(bucket);
    pacer.observe(first, 200, rateHeaders(10, 5));
    // 5 tokens left, 5 missing at 1 token/s: 5 s to reset, spread over 5 requests is one per second.
    const second = track(pacer.admit(bucket));
    await clock.advance(999);
    expect(second.settled()).toBe(false);
    await clock.advance(1);
    expect(second.settled()).toBe(true);
    // 4 left (the second is not answered yet): 6 s to reset over 4 requests, 1.5 s after the second.
    const third = track(pacer.admit(bucket));
    await clock.advance(1_499);
    expect(third.settled()).toBe(false);
    await clock.advance(1);
    expect(third.settled()).toBe(true);
  });

  test("barely slows a nearly full bucket: ten requests within the time one takes to refill", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 10);
    pacer.observe(await pacer.admit(bucket), 200, rateHeaders(100, 99));
    // At 10 tokens a second one token takes 100 ms.
    const admitted = Array.from({ length: 10 }, () => track(pacer.admit(bucket)));
    await clock.advance(99);
    expect(admitted.every((a) => a.settled())).toBe(true);
  });

  test("with no token left, waits for the answers in flight, then sends one probe a second later", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 10);
    const first = await pacer.admit(bucket);
    pacer.observe(first, 200, rateHeaders(10, 1));
    await clock.advance(1_000);
    const last = await pacer.admit(bucket);
    const probe = track(pacer.admit(bucket));
    await clock.advance(5_000);
    expect(probe.settled()).toBe(false);
    pacer.observe(last, 200, rateHeaders(10, 0));
    // As if one token were left: 9 missing at 10 a second, 0.9 s, and a second at the least.
    await clock.advance(999);
    expect(probe.settled()).toBe(false);
    await clock.advance(1);
    expect(probe.settled()).toBe(true);
  });

  test("takes the time to reset from RateLimit-Reset when Atlas sends it", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 100);
    const first = await pacer.admit(bucket);
    // 5 missing, full again in 10 s: 0.5 token/s, so 5 requests over 10 s, one every 2 s.
    pacer.observe(first, 200, rateHeaders(10, 5, { "ratelimit-reset": "10" }));
    expect(pacer.estimate(bucket)).toEqual({ limit: 10, tokens: 5, refillPerSecond: 0.5 });
    const second = track(pacer.admit(bucket));
    await clock.advance(1_999);
    expect(second.settled()).toBe(false);
    await clock.advance(1);
    expect(second.settled()).toBe(true);
  });

  test("takes the refill a 429's body states, and no later inference replaces it", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 10);
    const refused = await pacer.admit(bucket);
    pacer.observe(refused, 429, rateHeaders(10, 0, { "retry-after": "4" }));
    // Retry-After alone says nothing of the rate (Atlas rounds it up to whole seconds).
    expect(pacer.estimate(bucket).refillPerSecond).toBe(10);
    pacer.learnFromRefusal(refused, { capacity: 10, refillPerSecond: 5 / 60 });
    expect(pacer.estimate(bucket).refillPerSecond).toBeCloseTo(5 / 60);
    // The probe of the empty bucket goes as if one token were left: 9 missing at 5 a minute, 108 s.
    const probe = pacer.admit(bucket);
    const probed = track(probe);
    await clock.advance(107_000);
    expect(probed.settled()).toBe(false);
    await clock.advance(1_000);
    expect(probed.settled()).toBe(true);
    // Remaining rose by 9 in 108 s: the stated rate stays.
    pacer.observe(await probe, 200, rateHeaders(10, 9));
    expect(pacer.estimate(bucket).refillPerSecond).toBeCloseTo(5 / 60);
  });

  test("reads the refusing bucket's capacity and refill from Atlas's documented 429 body", () => {
    const documented =
      '{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","reason":"Too Many Requests","detail":"Rate limit exceeded for api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.","parameters":["api/atlas/v2/orgs",55,10,5,60]}';
    expect(bucketLimitsOfRefusal(documented)).toEqual({ capacity: 10, refillPerSecond: 5 / 60 });
    // The detail alone is enough; a body that says neither gives nothing.
    const detailOnly = JSON.stringify({
      errorCode: "RATE_LIMITED",
      detail: "Request capacity: 100. Refill rate: 100 per 60 seconds.",
    });
    expect(bucketLimitsOfRefusal(detailOnly)).toEqual({ capacity: 100, refillPerSecond: 100 / 60 });
    expect(bucketLimitsOfRefusal('{"errorCode":"RATE_LIMITED","parameters":[]}')).toBeUndefined();
    expect(bucketLimitsOfRefusal("<html>Too Many Requests</html>")).toBeUndefined();
  });

  test("learns a faster refill from Remaining rising between answers", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 1);
    pacer.observe(await pacer.admit(bucket), 200, rateHeaders(100, 50));
    await clock.advance(2_000);
    // Two seconds later, one request more and 20 more tokens: at least 21 tokens in 2 s.
    pacer.observe(await pacer.admit(bucket), 200, rateHeaders(100, 70));
    expect(pacer.estimate(bucket).refillPerSecond).toBe(10.5);
  });

  test("does not pace a bucket whose answers carry no rate-limit headers", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 1);
    pacer.observe(await pacer.admit(bucket), 200, {});
    const admitted = Array.from({ length: 20 }, () => track(pacer.admit(bucket)));
    await flush();
    expect(admitted.every((a) => a.settled())).toBe(true);
  });

  test("lets a paced caller give up through its AbortSignal", async () => {
    const clock = new ManualClock();
    const pacer = new RateLimitPacer(clock, () => 1);
    pacer.observe(await pacer.admit(bucket), 200, rateHeaders(10, 1));
    const controller = new AbortController();
    const waiting = track(pacer.admit(bucket, controller.signal));
    await clock.advance(100);
    controller.abort(new Error("run aborted"));
    await flush();
    expect((waiting.error() as Error).message).toBe("run aborted");
  });

  test("several processes sharing one Atlas bucket, each pacing alone, never meet a 429", async () => {
    // 5 processes, Atlas's bucket of 20 refilling 2 a second, each process assuming that rate.
    const run = await processesSharingOneBucket({ processes: 5, capacity: 20, refillPerSecond: 2, assumed: 2 });
    expect(run.refusals).toBe(0);
    // They did use the bucket: its 20 tokens and about 2 a second for 30 s.
    expect(run.sent).toBeGreaterThan(60);
  });

  test("twenty processes bursting at once into one bucket slow down on what the others take, and meet no 429", async () => {
    // 20 processes × 4 callers, Atlas's bucket of 100 refilling 100 a second, answers in 2 ms: each process's
    // estimate lags the others' requests; the rate they are seen taking (between two of its answers) closes it.
    const run = await processesSharingOneBucket({
      processes: 20,
      capacity: 100,
      refillPerSecond: 100,
      assumed: 100,
      callersPerProcess: 4,
      answerMs: 2,
      forMs: 5_000,
    });
    expect(run.refusals).toBe(0);
    // The bucket gave at most 600 in 5 s; they used most of it.
    expect(run.sent).toBeGreaterThan(400);
  });

  test("processes assuming five times Atlas's refill meet a handful of 429s, not a storm", async () => {
    // Each learns the real rate from its first 429's body.
    const run = await processesSharingOneBucket({ processes: 5, capacity: 20, refillPerSecond: 2, assumed: 10 });
    // The budget alone (10 a second each) would have met about 48 a second.
    expect(run.refusals).toBeLessThanOrEqual(5);
    expect(run.sent).toBeGreaterThan(60);
  });
});

/**
 * Simulates `processes` clients, each with its own pacer and `callersPerProcess` callers, sending as fast as
 * their pacer admits for `forMs` to one Atlas bucket (answers after `answerMs`, 429 with Retry-After when empty).
 */
async function processesSharingOneBucket(options: {
  processes: number;
  capacity: number;
  refillPerSecond: number;
  assumed: number;
  /** Callers sending at once in each process (default 1). */
  callersPerProcess?: number;
  /** How long Atlas takes to answer (default 20 ms). */
  answerMs?: number;
  /** How long they send (default 30 s). */
  forMs?: number;
}): Promise<{ sent: number; refusals: number }> {
  const { capacity, refillPerSecond } = options;
  const clock = new ManualClock();
  const atlas = { tokens: capacity, at: clock.now() };
  let sent = 0;
  let refusals = 0;
  const take = () => {
    const now = clock.now();
    atlas.tokens = Math.min(capacity, atlas.tokens + ((now - atlas.at) / 1000) * refillPerSecond);
    atlas.at = now;
    if (atlas.tokens < 1) {
      return { status: 429, remaining: 0, retryAfter: Math.ceil((1 - atlas.tokens) / refillPerSecond) };
    }
    atlas.tokens -= 1;
    return { status: 200, remaining: Math.floor(atlas.tokens), retryAfter: 0 };
  };
  const forMs = options.forMs ?? 30_000;
  const stopAt = clock.now() + forMs;
  const process = async (pacer: RateLimitPacer): Promise<void> => {
    while (clock.now() < stopAt) {
      const ticket = await pacer.admit("bucket");
      if (clock.now() >= stopAt) return;
      sent++;
      const answer = take();
      await clock.sleep(options.answerMs ?? 20);
      if (answer.status === 429) refusals++;
      pacer.observe(ticket, answer.status, {
        ...rateHeaders(capacity, answer.remaining),
        ...(answer.status === 429 ? { "retry-after": String(answer.retryAfter) } : {}),
      });
      if (answer.status === 429) pacer.learnFromRefusal(ticket, { capacity, refillPerSecond });
    }
  };
  // A process still waiting to send when the time is up is simply left waiting.
  for (let i = 0; i < options.processes; i++) {
    const pacer = new RateLimitPacer(clock, () => options.assumed);
    for (let caller = 0; caller < (options.callersPerProcess ?? 1); caller++) void process(pacer);
  }
  await clock.advance(forMs);
  return { sent, refusals };
}
