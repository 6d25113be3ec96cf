/**
 * Token buckets, as Atlas limits its Admin API (https://www.mongodb.com/docs/atlas/api/api-rate-limit/): each request costs one token from the
 * bucket of its project and the bucket of its client IP; an empty bucket answers 429 with Retry-After
 * and RATE_LIMITED_TOKEN_BUCKET. Buckets refill continuously in real time (time scale does not apply:
 * rate limits are about the client's real request rate).
 */
import { ApiError } from "./errors";

export interface RateLimitSettings {
  /** Bucket size: the burst a client may send. */
  capacity: number;
  /** Tokens added per real second. */
  refillPerSecond: number;
}

/** Atlas-like, but loose enough that ordinary tests and demos never meet it. */
export const defaultRateLimit: RateLimitSettings = { capacity: 100, refillPerSecond: 10 };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until a token is available again (only when refused). */
  retryAfterSeconds: number;
}

export function assertRateLimitSettings(settings: RateLimitSettings): void {
  if (!Number.isFinite(settings.capacity) || settings.capacity < 1)
    throw new RangeError("rateLimit.capacity must be >= 1");
  if (!Number.isFinite(settings.refillPerSecond) || settings.refillPerSecond <= 0) {
    throw new RangeError("rateLimit.refillPerSecond must be > 0");
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private settings: RateLimitSettings | false,
    private readonly now: () => number,
  ) {
    if (settings) assertRateLimitSettings(settings);
  }

  get current(): RateLimitSettings | false {
    return this.settings;
  }

  configure(settings: RateLimitSettings | false): void {
    if (settings) assertRateLimitSettings(settings);
    this.settings = settings;
    this.buckets.clear();
  }

  reset(): void {
    this.buckets.clear();
  }

  /** Takes one token from every named bucket, or none if any is empty. Undefined when limits are off. */
  take(keys: readonly string[]): RateLimitDecision | undefined {
    const settings = this.settings;
    if (!settings) return undefined;
    const now = this.now();
    const buckets = keys.map((key) => this.refill(key, settings, now));
    const emptiest = buckets.reduce((low, bucket) => (bucket.tokens < low.tokens ? bucket : low));
    if (emptiest.tokens < 1) {
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - emptiest.tokens) / settings.refillPerSecond));
      return { allowed: false, limit: settings.capacity, remaining: 0, retryAfterSeconds };
    }
    for (const bucket of buckets) bucket.tokens -= 1;
    return { allowed: true, limit: settings.capacity, remaining: Math.floor(emptiest.tokens), retryAfterSeconds: 0 };
  }

  private refill(key: string, settings: RateLimitSettings, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: settings.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(settings.capacity, bucket.tokens + elapsedSeconds * settings.refillPerSecond);
    bucket.updatedAt = now;
    return bucket;
  }
}

/**
 * The documented 429 body (same page), for the endpoint set named by the route template, e.g.
 * `Rate limit exceeded for api/atlas/v2/groups/{groupId}/peers. Please retry after 55 seconds. ...`.
 */
export function rateLimitedError(
  endpoint: string,
  decision: RateLimitDecision,
  settings: RateLimitSettings,
  errorCode = "RATE_LIMITED_TOKEN_BUCKET",
): ApiError {
  const refillRate = Math.max(1, Math.round(settings.refillPerSecond * 60));
  return new ApiError(
    429,
    errorCode,
    `Rate limit exceeded for ${endpoint}. Please retry after ${decision.retryAfterSeconds} seconds. Request capacity: ${settings.capacity}. Refill rate: ${refillRate} per 60 seconds.`,
    [endpoint, decision.retryAfterSeconds, settings.capacity, refillRate, 60],
    [],
    {
      "Retry-After": String(decision.retryAfterSeconds),
      "RateLimit-Limit": String(decision.limit),
      "RateLimit-Remaining": String(decision.remaining),
    },
  );
}
