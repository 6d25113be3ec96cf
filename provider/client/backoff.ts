/**
 * Backoff arithmetic and the rate-limit headers Atlas sends. Pure functions (the random source and
 * the clock are parameters) so the maths is unit-tested without a server.
 */
import type { IncomingHttpHeaders } from "node:http";
import { apiErrorBodyOf } from "./errors";

export interface BackoffSettings {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Ceiling of the first retry's delay window. */
  minDelayMs: number;
  /** Upper bound of any computed window (Retry-After may ask for longer and is honoured). */
  maxDelayMs: number;
}

export const defaultBackoff: BackoffSettings = { maxRetries: 4, minDelayMs: 250, maxDelayMs: 20_000 };

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"): a uniform draw from
 * [0, min(max, min * 2^(retry-1))]. Spreads the retries of many clients that failed together.
 * `retry` is 1 for the first retry.
 */
export function fullJitterDelayMs(
  retry: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, retry - 1);
  const window = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** exponent);
  return Math.floor(random() * window);
}

function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Retry-After in milliseconds: Atlas sends delta-seconds; an HTTP-date is accepted too.
 * Undefined when absent or unreadable (the headers "may not always be returned").
 */
export function retryAfterMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const value = firstHeader(headers, "retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RateLimitHeaders {
  /** Bucket capacity of the endpoint set (RateLimit-Limit). */
  limit?: number;
  /** Requests left in the bucket (RateLimit-Remaining). */
  remaining?: number;
}

/** Reads RateLimit-Limit / RateLimit-Remaining; fields are absent when the header is missing or not an integer. */
export function rateLimitHeaders(headers: IncomingHttpHeaders): RateLimitHeaders {
  const read = (name: string) => {
    const value = firstHeader(headers, name)?.trim();
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const limit = read("ratelimit-limit");
  const remaining = read("ratelimit-remaining");
  return { ...(limit !== undefined ? { limit } : {}), ...(remaining !== undefined ? { remaining } : {}) };
}

/**
 * The wait before retry number `retry`: never shorter than the server's Retry-After, otherwise
 * full jitter. A Retry-After is not capped by maxDelayMs: Atlas did not process the request and
 * asked us to stay away that long; the per-call timeout bounds the total instead.
 */
export function retryDelayMs(
  retry: number,
  settings: BackoffSettings,
  serverRetryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const jitter = fullJitterDelayMs(retry, settings, random);
  return serverRetryAfterMs === undefined ? jitter : Math.max(serverRetryAfterMs, jitter);
}

/** The capacity and refill a 429 states (what RateLimitPacer.learnFromRefusal takes). */
export interface StatedBucketLimits {
  capacity: number;
  refillPerSecond: number;
}

const refusalDetail = /Request capacity: (\d+)\. Refill rate: (\d+) per (\d+) seconds/;

/**
 * The bucket's capacity and refill rate from a 429's body, as Atlas documents it
 * (https://www.mongodb.com/docs/atlas/api/api-rate-limit/): `{"errorCode":"RATE_LIMITED_TOKEN_BUCKET","detail":
 * "... Request capacity: 10. Refill rate: 5 per 60 seconds.","parameters":["api/atlas/v2/orgs",55,10,5,60]}`.
 * From `parameters` when they have that shape, else from `detail`; undefined when neither says.
 */
export function bucketLimitsOfRefusal(body: string): StatedBucketLimits | undefined {
  const refusal = apiErrorBodyOf(body);
  if (!refusal) return undefined;
  // [endpoint set, retry after s, capacity, refill rate, refill duration s]
  const stated = refusal.parameters?.slice(2, 5) ?? [];
  if (stated.length === 3 && stated.every((value) => typeof value === "number" && value > 0)) {
    const [capacity, refill, perSeconds] = stated as [number, number, number];
    return { capacity, refillPerSecond: refill / perSeconds };
  }
  const match = refusalDetail.exec(refusal.detail ?? "");
  if (!match) return undefined;
  const [capacity, refill, perSeconds] = match.slice(1).map(Number) as [number, number, number];
  return capacity > 0 && refill > 0 && perSeconds > 0 ? { capacity, refillPerSecond: refill / perSeconds } : undefined;
}
