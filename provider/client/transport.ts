/**
 * One API call over the composed dispatcher: builds the request from the operation table, applies
 * the per-call time limit and the caller's AbortSignal, and turns the response into a typed value
 * or one of our errors (never an undici error object: those are rebuilt redacted).
 */
import type { Dispatcher } from "undici";
import type { Logger } from "../logger";
import { retryAfterMs, type BackoffSettings } from "./backoff";
import {
  AtlasAbortError,
  AtlasApiError,
  AtlasProtocolError,
  AtlasTimeoutError,
  AtlasTransportError,
  apiErrorFromResponse,
} from "./errors";
import { expandPath, type OperationSpec, type QueryValue } from "./operations";
import { redactError, type Redactor } from "./redaction";
import { retryCallback } from "./retry-policy";
import type { ClientStats } from "./stats";
import { request as dispatchRequest } from "./undici-parts";

export interface CallOptions {
  /** Cancels the call (including its retries and waits). */
  signal?: AbortSignal;
  /** Overrides the client's requestTimeoutMs for this call. */
  timeoutMs?: number;
}

export interface TransportContext {
  baseUrl: string;
  dispatcher: Dispatcher;
  userAgent: string;
  redactor: Redactor;
  backoff: BackoffSettings;
  logger: Logger;
  stats: ClientStats;
  timeoutMs: number;
  /** The client's own signal (the run's): aborts every call, as the call's own signal does. */
  signal?: AbortSignal;
}

export interface OperationRequest {
  path: Record<string, string>;
  query?: Record<string, QueryValue | undefined>;
  body?: unknown;
}

export interface RawResponse {
  /** The path and query as shown in messages. */
  path: string;
  status: number;
  contentType: string | undefined;
  text: string;
}

function buildTarget(
  baseUrl: string,
  spec: OperationSpec,
  request: OperationRequest,
): { origin: string; target: string; shown: string } {
  const url = new URL(baseUrl);
  const path = expandPath(spec.path, request.path);
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value === undefined) continue;
    if (!spec.query.includes(name)) throw new TypeError(`${spec.operationId} takes no query parameter ${name}`);
    search.set(name, String(value));
  }
  const query = search.size > 0 ? `?${search.toString()}` : "";
  const prefixed = `${url.pathname.replace(/\/$/, "")}${path}`;
  return { origin: url.origin, target: `${prefixed}${query}`, shown: `${path}${query}` };
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0].trim().toLowerCase();
}

/** Sends one operation and returns the raw 2xx response; throws our errors for everything else. */
export async function send(
  context: TransportContext,
  spec: OperationSpec,
  request: OperationRequest,
  options: CallOptions = {},
): Promise<RawResponse> {
  const { origin, target, shown } = buildTarget(context.baseUrl, spec, request);
  const describe = `${spec.method} ${shown}`;
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const callerSignals = [options.signal, context.signal].filter((s): s is AbortSignal => s !== undefined);
  const callerSignal = callerSignals.length > 1 ? AbortSignal.any(callerSignals) : callerSignals[0];
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;

  const headers: Record<string, string> = { accept: spec.mediaType, "user-agent": context.userAgent };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers["content-type"] = spec.mediaType;
  }

  context.stats.apiCalls++;
  let response: Dispatcher.ResponseData;
  let text: string;
  try {
    response = await dispatchRequest(context.dispatcher, {
      origin,
      path: target,
      method: spec.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal,
      // Read by undici's retry interceptor (merged over its global options).
      retryOptions: {
        retry: retryCallback({
          policy: spec.retry,
          backoff: context.backoff,
          describe,
          logger: context.logger,
          onRetry: () => context.stats.retries++,
        }),
      },
    } as Dispatcher.RequestOptions);
    text = await response.body.text();
  } catch (error) {
    throw translateFailure(error, {
      method: spec.method,
      path: shown,
      timeoutMs,
      deadline,
      callerSignal,
      redactor: context.redactor,
    });
  }

  const contentType = firstValue(response.headers["content-type"]);
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const wait = retryAfterMs(response.headers);
    throw apiErrorFromResponse(
      {
        method: spec.method,
        path: shown,
        status: response.statusCode,
        operationId: spec.operationId,
        body: text,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      },
      context.redactor,
    );
  }
  return { path: shown, status: response.statusCode, contentType, text };
}

/** Parses a 2xx body as the operation's media type (Atlas adds `;charset=utf-8`). */
export function parseJsonBody(spec: OperationSpec, response: RawResponse): unknown {
  const { path } = response;
  const mediaType = mediaTypeOf(response.contentType);
  if (mediaType !== spec.mediaType.toLowerCase() && mediaType !== "application/json") {
    throw new AtlasProtocolError(
      spec.method,
      path,
      response.status,
      `with content type ${response.contentType ?? "(none)"} instead of ${spec.mediaType}`,
    );
  }
  try {
    return JSON.parse(response.text);
  } catch {
    throw new AtlasProtocolError(spec.method, path, response.status, "with a body that is not JSON");
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

interface FailureContext {
  method: string;
  path: string;
  timeoutMs: number;
  deadline: AbortSignal;
  callerSignal: AbortSignal | undefined;
  redactor: Redactor;
}

/** Maps whatever the dispatcher threw to our errors, with redacted causes only. */
function translateFailure(error: unknown, context: FailureContext): Error {
  const { method, path } = context;
  // Errors we made ourselves (the token request's AtlasApiError) are already safe and precise.
  if (error instanceof AtlasApiError || error instanceof AtlasProtocolError || error instanceof AtlasTransportError)
    return error;
  if (context.callerSignal?.aborted) {
    return new AtlasAbortError(method, path, { cause: redactError(context.callerSignal.reason, context.redactor) });
  }
  if (context.deadline.aborted) return new AtlasTimeoutError(method, path, context.timeoutMs);
  const cause = redactError(error, context.redactor);
  const code = (cause as Error & { code?: string }).code;
  return new AtlasTransportError(method, path, code, cause.message, { cause });
}
