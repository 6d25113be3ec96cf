/**
 * When a failed request may be sent again, and after how long. The retrying itself is undici's
 * `interceptors.retry` (it re-dispatches through auth and budget, replays the body, cancels the
 * backoff timer on abort); what it cannot express is supplied here as its `retry` callback:
 * - the rules differ per operation, not per method list: 500 is retried for reads only, and a POST
 *   only when Atlas cannot have acted on it (429, or a connection refused before anything was sent);
 * - full jitter instead of its fixed exponential delays, and Retry-After as a floor, not a cap;
 * - counting and logging each retry.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "../logger";
import { retryAfterMs, retryDelayMs, type BackoffSettings } from "./backoff";

/**
 * - read: GET (and the token request). Retried on 429, 500, 502, 503, 504 and connection errors.
 * - idempotent: PATCH and DELETE. As read, except 500 (it may have been half applied).
 * - create: POST. Only 429 and errors that prove nothing was sent; resources look the natural key
 *   up before creating, so a create that failed after reaching Atlas is resolved by them.
 */
export type RetryPolicy = "read" | "idempotent" | "create";

/** Connection errors raised before the request left this process: safe to repeat for any method. */
const notSentErrorCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
]);

/** Connection errors after which Atlas may or may not have seen the request. */
const maybeSentErrorCodes: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export interface RequestFailure {
  statusCode?: number;
  code?: string;
  headers?: IncomingHttpHeaders;
}

export type RetryDecision = { retry: true; delayMs: number; because: string } | { retry: false };

function retriableStatus(policy: RetryPolicy, status: number): boolean {
  if (status === 429) return true; // Atlas refused it without processing it.
  if (status === 502 || status === 503 || status === 504) return policy !== "create";
  if (status === 500) return policy === "read";
  return false;
}

/** Decides about retry number `retry` (1 = the first retry) after `failure`. */
export function decideRetry(
  policy: RetryPolicy,
  failure: RequestFailure,
  retry: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): RetryDecision {
  if (retry > settings.maxRetries) return { retry: false };
  let because: string;
  if (failure.statusCode !== undefined) {
    if (!retriableStatus(policy, failure.statusCode)) return { retry: false };
    because = `HTTP ${failure.statusCode}`;
  } else if (failure.code !== undefined) {
    const allowed =
      notSentErrorCodes.has(failure.code) || (policy !== "create" && maybeSentErrorCodes.has(failure.code));
    if (!allowed) return { retry: false };
    because = failure.code;
  } else {
    return { retry: false };
  }
  const serverWait = failure.headers ? retryAfterMs(failure.headers) : undefined;
  return { retry: true, delayMs: retryDelayMs(retry, settings, serverWait, random), because };
}

/** undici's retry callback signature (RetryHandler.RetryCallback), returning the timer so abort can cancel it. */
export type RetryCallback = (
  error: Error,
  context: { state: { counter: number } },
  callback: (error?: Error | null) => void,
) => ReturnType<typeof setTimeout> | void;

export interface RetryCallbackOptions {
  policy: RetryPolicy;
  backoff: BackoffSettings;
  /** For log lines: "GET /api/atlas/v2/…". */
  describe: string;
  logger: Logger;
  onRetry?: (because: string, delayMs: number) => void;
}

/**
 * How many 429 answers one call may wait out. They are counted apart from other failures: Atlas did not
 * process a rate-limited request, so waiting and sending it again is always safe, and during a 429 storm a
 * shared retry count would fail calls that only needed patience (seen in the 429/5xx engine test). The
 * call's own timeout still bounds the whole wait.
 */
export const maxRateLimitedRetries = 20;

/** The `retry` option for undici's retry interceptor, applying `decideRetry`. One callback serves one call. */
export function retryCallback(options: RetryCallbackOptions): RetryCallback {
  let rateLimitedRetries = 0;
  let otherRetries = 0;
  return (error, _context, callback) => {
    const failure = error as Error & { statusCode?: unknown; code?: unknown; headers?: unknown };
    // undici reports a retriable-looking response as RequestRetryError (code UND_ERR_REQ_RETRY) with statusCode.
    const statusCode = typeof failure.statusCode === "number" ? failure.statusCode : undefined;
    const code = statusCode === undefined && typeof failure.code === "string" ? failure.code : undefined;
    const headers =
      typeof failure.headers === "object" && failure.headers !== null
        ? (failure.headers as IncomingHttpHeaders)
        : undefined;
    const rateLimited = statusCode === 429;
    const retry = rateLimited ? ++rateLimitedRetries : ++otherRetries;
    const limit = rateLimited ? maxRateLimitedRetries : options.backoff.maxRetries;
    const decision = decideRetry(
      options.policy,
      {
        ...(statusCode !== undefined ? { statusCode } : {}),
        ...(code !== undefined ? { code } : {}),
        ...(headers ? { headers } : {}),
      },
      retry,
      { ...options.backoff, maxRetries: limit },
    );
    if (!decision.retry) {
      callback(error);
      return;
    }
    options.onRetry?.(decision.because, decision.delayMs);
    options.logger.info(
      `${options.describe}: ${decision.because}, retrying in ${decision.delayMs} ms (${rateLimited ? "rate-limited " : ""}retry ${retry} of ${limit})`,
    );
    return setTimeout(() => callback(null), decision.delayMs);
  };
}
