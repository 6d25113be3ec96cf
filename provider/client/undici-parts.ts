/**
 * The two parts of undici the client uses, loaded by their own files. undici's index also loads fetch,
 * WebSocket, EventSource, the HTTP cache and the mocks: about a third of a second of every provider
 * process's start-up on a busy machine, paid by a `pulumi refresh` that uses none of it (issue 11).
 * test/unit/client-undici-parts.test.ts checks that these are the very objects undici's index exports, so
 * an undici upgrade that moves them fails a test instead of a run.
 */
import type * as undici from "undici";

export const Agent: typeof undici.Agent = require("undici/lib/dispatcher/agent");
export type Agent = undici.Agent;
export const retryInterceptor: typeof undici.interceptors.retry = require("undici/lib/interceptor/retry");

const apiRequest: (
  this: undici.Dispatcher,
  options: undici.Dispatcher.RequestOptions,
) => Promise<undici.Dispatcher.ResponseData> = require("undici/lib/api/api-request");

/**
 * `dispatcher.request(options)`: undici's index adds `request` to every dispatcher's prototype; without the
 * index it is called on the dispatcher explicitly.
 */
export function request(
  dispatcher: undici.Dispatcher,
  options: undici.Dispatcher.RequestOptions,
): Promise<undici.Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, options);
}
