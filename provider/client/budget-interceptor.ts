/**
 * The request budget as an interceptor: every HTTP request (first attempts, retries, Digest round
 * trips, token requests) waits for a token from the process-wide bucket of its origin, and every
 * response's rate-limit headers feed back into that bucket.
 */
import { rateLimitHeaders, retryAfterMs } from "./backoff";
import type { RequestBudget } from "./request-budget";
import { stagedInterceptor, type Interceptor } from "./staged-dispatch";

/** How long a 429 without Retry-After pauses everyone (Atlas documents the header as optional). */
export const pauseWithoutRetryAfterMs = 1_000;

export function budgetInterceptor(budget: RequestBudget): Interceptor {
  return stagedInterceptor(() => ({
    prepare: async (options, _attempt, signal) => {
      await budget.take(signal);
      return options;
    },
    onResponseHead: (statusCode, headers) => {
      const { remaining } = rateLimitHeaders(headers);
      if (remaining !== undefined) budget.observeRemaining(remaining);
      const wait = retryAfterMs(headers);
      if (statusCode === 429) budget.pauseFor(wait ?? pauseWithoutRetryAfterMs);
      else if (statusCode === 503 && wait !== undefined) budget.pauseFor(wait);
      return "forward";
    },
  }));
}
