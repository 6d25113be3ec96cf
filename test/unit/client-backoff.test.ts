import { fullJitterDelayMs, rateLimitHeaders, retryAfterMs, retryDelayMs } from "../../provider/client/backoff";
import { decideRetry, maxRateLimitedRetries, retryCallback } from "../../provider/client/retry-policy";
import { silentLogger } from "../../provider/logger";

const settings = { maxRetries: 4, minDelayMs: 100, maxDelayMs: 1_000 };

describe("full-jitter backoff", () => {
  test("draws the first retry's delay from [0, minDelay)", () => {
    expect(fullJitterDelayMs(1, settings, () => 0)).toBe(0);
    expect(fullJitterDelayMs(1, settings, () => 0.999)).toBe(99);
  });

  test("doubles the window with each retry", () => {
    expect(fullJitterDelayMs(2, settings, () => 0.5)).toBe(100);
    expect(fullJitterDelayMs(3, settings, () => 0.5)).toBe(200);
    expect(fullJitterDelayMs(4, settings, () => 0.5)).toBe(400);
  });

  test("never lets the window grow past maxDelay", () => {
    expect(fullJitterDelayMs(30, settings, () => 0.999)).toBe(999);
  });

  test("spreads delays over the whole window rather than clustering", () => {
    const draws = Array.from({ length: 2000 }, () => fullJitterDelayMs(3, settings));
    expect(Math.min(...draws)).toBeLessThan(40);
    expect(Math.max(...draws)).toBeGreaterThan(360);
  });

  test("waits at least the server's Retry-After, even beyond maxDelay", () => {
    expect(retryDelayMs(1, settings, 5_000, () => 0.9)).toBe(5_000);
    expect(retryDelayMs(4, settings, 10, () => 0.9)).toBe(720);
  });
});

describe("rate-limit headers", () => {
  test("reads Retry-After in seconds", () => {
    expect(retryAfterMs({ "retry-after": "55" })).toBe(55_000);
    expect(retryAfterMs({ "retry-after": "0" })).toBe(0);
  });

  test("reads Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }, now)).toBe(3_000);
  });

  test("ignores a missing or unreadable Retry-After", () => {
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
  });

  test("reads RateLimit-Limit and RateLimit-Remaining when present", () => {
    expect(rateLimitHeaders({ "ratelimit-limit": "100", "ratelimit-remaining": "7" })).toEqual({
      limit: 100,
      remaining: 7,
    });
    expect(rateLimitHeaders({})).toEqual({});
  });
});

describe("retry decisions", () => {
  const noJitter = () => 0;

  test("retries a GET on 429, 500, 502, 503 and 504", () => {
    for (const statusCode of [429, 500, 502, 503, 504]) {
      expect(decideRetry("read", { statusCode }, 1, settings, noJitter).retry).toBe(true);
    }
  });

  test("does not retry a PATCH or DELETE on 500, but does on 503", () => {
    expect(decideRetry("idempotent", { statusCode: 500 }, 1, settings).retry).toBe(false);
    expect(decideRetry("idempotent", { statusCode: 503 }, 1, settings).retry).toBe(true);
  });

  test("retries a POST only on 429 and on errors that prove nothing was sent", () => {
    expect(decideRetry("create", { statusCode: 429 }, 1, settings).retry).toBe(true);
    expect(decideRetry("create", { statusCode: 503 }, 1, settings).retry).toBe(false);
    expect(decideRetry("create", { statusCode: 500 }, 1, settings).retry).toBe(false);
    expect(decideRetry("create", { code: "ECONNREFUSED" }, 1, settings).retry).toBe(true);
    expect(decideRetry("create", { code: "ECONNRESET" }, 1, settings).retry).toBe(false);
    expect(decideRetry("create", { code: "UND_ERR_SOCKET" }, 1, settings).retry).toBe(false);
  });

  test("retries a GET after a connection reset", () => {
    expect(decideRetry("read", { code: "ECONNRESET" }, 1, settings).retry).toBe(true);
    expect(decideRetry("read", { code: "UND_ERR_SOCKET" }, 1, settings).retry).toBe(true);
  });

  test("never retries client errors or unknown failures", () => {
    for (const statusCode of [400, 401, 403, 404, 409]) {
      expect(decideRetry("read", { statusCode }, 1, settings).retry).toBe(false);
    }
    expect(decideRetry("read", {}, 1, settings).retry).toBe(false);
    expect(decideRetry("read", { code: "UND_ERR_ABORTED" }, 1, settings).retry).toBe(false);
  });

  test("stops after maxRetries", () => {
    expect(decideRetry("read", { statusCode: 503 }, 4, settings).retry).toBe(true);
    expect(decideRetry("read", { statusCode: 503 }, 5, settings).retry).toBe(false);
  });

  test("takes Retry-After from the failed response as the delay floor", () => {
    const decision = decideRetry("create", { statusCode: 429, headers: { "retry-after": "2" } }, 1, settings, noJitter);
    expect(decision).toEqual({ retry: true, delayMs: 2_000, because: "HTTP 429" });
  });
});

describe("the retry callback of one call", () => {
  const settings = { maxRetries: 2, minDelayMs: 0, maxDelayMs: 0 };
  const failure = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { statusCode });

  /** Feeds failures to one callback; returns how many of them it chose to retry before giving up. */
  function retriesBeforeGivingUp(failures: Error[]): number {
    const callback = retryCallback({ policy: "read", backoff: settings, describe: "GET /x", logger: silentLogger });
    let retried = 0;
    for (const error of failures) {
      let gaveUp = false;
      const timer = callback(error, { state: { counter: retried + 1 } }, (e) => {
        if (e) gaveUp = true;
      });
      if (timer) clearTimeout(timer);
      if (gaveUp) return retried;
      retried++;
    }
    return retried;
  }

  test("waits out more 429s than the retry limit, because Atlas did not process them", () => {
    expect(retriesBeforeGivingUp(Array.from({ length: 10 }, () => failure(429)))).toBe(10);
  });

  test("still stops after maxRetries other failures, whatever 429s came between them", () => {
    const mixed = [failure(503), failure(429), failure(429), failure(502), failure(429), failure(504)];
    expect(retriesBeforeGivingUp(mixed)).toBe(5);
  });

  test("stops waiting out 429s after the rate-limit retry limit", () => {
    const storm = Array.from({ length: maxRateLimitedRetries + 5 }, () => failure(429));
    expect(retriesBeforeGivingUp(storm)).toBe(maxRateLimitedRetries);
  });
});
