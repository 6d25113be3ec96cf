/**
 * The request budget as an interceptor: every HTTP request (first attempts, retries, Digest round
 * trips, token requests) is admitted by the client's budget (Atlas's pacing, then our own token bucket),
 * and every answer's rate-limit headers go back to it, with a 429's body (the refusing bucket's size and refill).
 */
import type { BudgetTicket, RequestBudget } from "./request-budget";
import { stagedInterceptor, type DispatchOptions, type Interceptor } from "./staged-dispatch";

export function budgetInterceptor(budget: RequestBudget): Interceptor {
  return stagedInterceptor(() => {
    // Each attempt gets its own options object, so its ticket is found again by the options it was sent with.
    const tickets = new WeakMap<DispatchOptions, BudgetTicket>();
    return {
      prepare: async (options, _attempt, signal) => {
        const ticket = await budget.admit(options.path, signal);
        const sent = { ...options };
        tickets.set(sent, ticket);
        return sent;
      },
      onResponseHead: (statusCode, headers, sent) => {
        const ticket = tickets.get(sent);
        if (ticket) budget.answered(ticket, statusCode, headers);
        // A 429's body says what the bucket is (see onResponseBody): keep the ticket until it has come.
        if (statusCode !== 429) tickets.delete(sent);
        return "forward";
      },
      wantsBody: (statusCode) => statusCode === 429,
      onResponseBody: (_statusCode, body, sent) => {
        const ticket = tickets.get(sent);
        tickets.delete(sent);
        if (ticket) budget.refused(ticket, body.toString("utf8"));
      },
      onAttemptError: (sent) => {
        const ticket = tickets.get(sent);
        if (ticket) budget.failed(ticket);
        tickets.delete(sent);
      },
    };
  });
}
