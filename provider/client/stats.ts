/**
 * Counters of what actually went over the wire, for tests and the benchmark. The counting
 * interceptor sits innermost (next to the connection pool), so it sees every HTTP request: retries,
 * Digest challenge round trips and token requests included.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { DispatchController, DispatchHandler, Interceptor } from "./staged-dispatch";

export interface ClientStats {
  /** API calls made through the client (operations, one per page for paginated lists). */
  apiCalls: number;
  /** HTTP requests sent to Atlas's API paths (every attempt, every Digest round trip). */
  requestsSent: number;
  /** HTTP requests sent to the OAuth token endpoint. */
  tokenRequests: number;
  /** Retries decided by the retry policy. */
  retries: number;
  /** 429 responses seen. */
  rateLimited: number;
  /** 401 responses seen (Digest challenges included). */
  unauthorized: number;
  /** Responses by status code. */
  responsesByStatus: Record<number, number>;
}

export function emptyStats(): ClientStats {
  return {
    apiCalls: 0,
    requestsSent: 0,
    tokenRequests: 0,
    retries: 0,
    rateLimited: 0,
    unauthorized: 0,
    responsesByStatus: {},
  };
}

/** Counts each request sent and each response status into `stats`; `counter` names which request field to bump. */
export function countingInterceptor(stats: ClientStats, counter: "requestsSent" | "tokenRequests"): Interceptor {
  return (dispatch) => (options, handler) => {
    stats[counter]++;
    const counting: DispatchHandler = {
      onRequestStart: (controller: DispatchController, context: unknown) =>
        handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, statusCode, headers, socket) =>
        handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
      onResponseStarted: () => handler.onResponseStarted?.(),
      onResponseStart: (
        controller: DispatchController,
        statusCode: number,
        headers: IncomingHttpHeaders,
        statusMessage?: string,
      ) => {
        if (statusCode >= 200) {
          stats.responsesByStatus[statusCode] = (stats.responsesByStatus[statusCode] ?? 0) + 1;
          if (statusCode === 429) stats.rateLimited++;
          if (statusCode === 401) stats.unauthorized++;
        }
        handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
      },
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
      onBodySent: (chunk) => handler.onBodySent?.(chunk),
      onRequestSent: () => handler.onRequestSent?.(),
    };
    return dispatch(options, counting);
  };
}
