/**
 * The Atlas API request pipeline. Each request goes through, in order: route lookup (for the operationId),
 * authentication (401 with the Digest challenge), rate limits (429), injected faults (delay, reset, error),
 * the Accept header (406), the route itself (404/405), path ids (400), a precheck (serverless sunset: 410),
 * the body (415/400), then the resource handler. Responses honour the spec's `envelope` and `pretty` query flags.
 * Every request ends in exactly one request-log entry (status null when the connection was dropped).
 */
import type { AuthScheme } from "../auth";
import { ApiError, injectedError, methodNotAllowed, resourceNotFound, unauthorized } from "../errors";
import type { FaultKind, FaultTarget } from "../faults";
import { assertAcceptable, assertJsonContentType, successContentType } from "../media-types";
import { RateLimitDecision, RateLimitSettings, defaultRateLimit, rateLimitedError } from "../rate-limit";
import type { RouteMatch } from "../router";
import { JsonObject, parseJsonObject, validatePathParameters } from "../validation";
import type { ServerContext } from "./context";
import { Exchange, Outgoing, errorOutgoing, queryRecord, write } from "./exchange";

/** One Atlas API call as it moves through the pipeline: what it is, and what happened to it so far. */
interface AtlasCall {
  readonly exchange: Exchange;
  readonly sequence: number;
  readonly path: string;
  readonly match: RouteMatch;
  readonly operationId: string | undefined;
  readonly target: FaultTarget;
  readonly envelope: boolean;
  readonly pretty: boolean;
  authScheme: AuthScheme;
  fault: FaultKind | null;
  rateDecision: RateLimitDecision | undefined;
}

/** The connection was dropped (reset fault, or a delayed request cut short by close()): no answer. */
const dropped = Symbol("dropped");
type Step = Outgoing | typeof dropped | undefined;

export async function handleAtlasRequest(context: ServerContext, exchange: Exchange, sequence: number): Promise<void> {
  const call = startCall(context, exchange, sequence);
  const refused = authenticate(context, call) ?? limitRate(context, call) ?? (await injectFaults(context, call));
  if (refused === dropped) return finish(context, call, null);
  if (refused) return finish(context, call, refused);
  const outgoing = answer(context, call);
  finish(context, call, call.envelope ? wrapInEnvelope(outgoing) : outgoing);
}

function startCall(context: ServerContext, exchange: Exchange, sequence: number): AtlasCall {
  const { method, url } = exchange;
  const path = url.pathname;
  const match = context.router.match(method, path);
  const route = match.kind === "found" ? match.route : undefined;
  const operationId = route?.operationId;
  return {
    exchange,
    sequence,
    path,
    match,
    operationId,
    target: { method, path, operationId },
    envelope: url.searchParams.get("envelope") === "true",
    pretty: url.searchParams.get("pretty") === "true" && (route?.pretty ?? true),
    authScheme: "none",
    fault: null,
    rateDecision: undefined,
  };
}

/** 1. Authentication. The challenge is sent on every 401 so Digest clients can (re)answer. */
function authenticate(context: ServerContext, call: AtlasCall): Step {
  const { request, method } = call.exchange;
  const outcome = context.auth.authenticate(method, request.url ?? call.path, request.headers.authorization);
  call.authScheme = outcome.scheme;
  if (outcome.ok) return undefined;
  const error = unauthorized(outcome.detail);
  return { ...errorOutgoing(error), headers: { "WWW-Authenticate": context.auth.challenge(outcome.stale) } };
}

/** 2. Rate limits: the project's bucket and the client IP's bucket. */
function limitRate(context: ServerContext, call: AtlasCall): Step {
  const { match, path } = call;
  const groupId = (match.kind === "found" ? match.params.groupId : undefined) ?? /\/groups\/([^/]+)/.exec(path)?.[1];
  const decision = context.rateLimiter.take([
    `ip:${call.exchange.request.socket.remoteAddress ?? "unknown"}`,
    ...(groupId ? [`group:${groupId}`] : []),
  ]);
  call.rateDecision = decision;
  if (!decision || decision.allowed) return undefined;
  return errorOutgoing(rateLimitedError(endpointOf(call), decision, context.rateLimiter.current as RateLimitSettings));
}

/** The endpoint as Atlas names it in a 429's detail: the route template without its leading slash. */
function endpointOf(call: AtlasCall): string {
  return (call.match.kind === "found" ? call.match.route.template : call.path).replace(/^\//, "");
}

/**
 * Whose durations a handler draws (with a seed): the request's method, path and body with every 24-hex id
 * but the project's left out, so the same create in a fresh run (other container and resource ids) draws the same.
 */
function drawContext(call: AtlasCall): string {
  const groupId = call.match.kind === "found" ? call.match.params.groupId : undefined;
  const anonymous = (text: string) => text.replace(/[0-9a-f]{24}/g, (id) => (id === groupId ? id : "*"));
  return `${call.exchange.method} ${anonymous(call.path)} ${anonymous(call.exchange.raw.toString("utf8"))}`;
}

/** 3. Injected faults: a delay first (then the request goes on), then a reset or an error answer. */
async function injectFaults(context: ServerContext, call: AtlasCall): Promise<Step> {
  const { faults, delays } = context;
  const slow = faults.take(["delay"], call.target);
  if (slow) {
    call.fault = "delay";
    const completed = await delays.delay(slow.delayMs);
    if (!completed || delays.closed) {
      call.exchange.response.destroy();
      return dropped;
    }
  }
  const broken = faults.take(["reset", "error"], call.target);
  if (broken?.kind === "reset") {
    call.fault = "reset";
    call.exchange.request.socket.destroy();
    return dropped;
  }
  if (broken?.kind === "error") {
    call.fault = "error";
    if (broken.status === 429) {
      // Atlas's rate-limit answer (reference 1.6): its body and Retry-After; with the limiter on, RateLimit-*
      // as the limiter sends them on its own 429s (an empty bucket). With limits off no answer carries them.
      const limits = context.rateLimiter.current;
      const settings = limits || defaultRateLimit;
      const retryAfterSeconds = broken.retryAfterSeconds ?? 1;
      const outgoing = errorOutgoing(
        rateLimitedError(
          endpointOf(call),
          { allowed: false, limit: settings.capacity, remaining: 0, retryAfterSeconds },
          settings,
          broken.errorCode,
        ),
      );
      if (!limits) {
        delete outgoing.headers["RateLimit-Limit"];
        delete outgoing.headers["RateLimit-Remaining"];
      }
      return outgoing;
    }
    const headers: Record<string, string> =
      broken.retryAfterSeconds !== undefined ? { "Retry-After": String(broken.retryAfterSeconds) } : {};
    return errorOutgoing(injectedError(broken.status, broken.errorCode, headers));
  }
  return undefined;
}

/** 4. The request itself: protocol checks, then the resource handler. Errors other than ApiError are bugs. */
function answer(context: ServerContext, call: AtlasCall): Outgoing {
  const { state, faults } = context;
  const { request, url, method, raw } = call.exchange;
  const { match, path } = call;
  try {
    if (match.kind === "none") throw resourceNotFound(path);
    if (match.kind === "wrong-method") throw methodNotAllowed(method, path, match.allowed);
    assertAcceptable(request.headers.accept);
    validatePathParameters(match.params);
    const gone = match.route.precheck?.(state);
    if (gone) throw gone;
    let body: JsonObject | undefined;
    if (match.route.takesBody) {
      if (raw.length > 0 || request.headers["content-type"] !== undefined)
        assertJsonContentType(request.headers["content-type"]);
      body = parseJsonObject(raw);
    }
    const route = match.route;
    const result = state.drawingFor(drawContext(call), () =>
      route.handle({
        params: match.params,
        query: url.searchParams,
        body,
        now: state.now(),
        state,
        path,
        link: (pathAndQuery) => `${context.baseUrl()}${pathAndQuery}`,
        takeForcedFailure: () => {
          const fault = faults.take(["fail"], call.target);
          if (!fault) return undefined;
          call.fault = "fail";
          return fault.errorMessage ?? "Simulated failure injected by the Atlas simulator.";
        },
      }),
    );
    return {
      status: result.status,
      body: result.body,
      contentType: result.body === undefined ? undefined : successContentType,
      headers: {},
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return errorOutgoing(error);
  }
}

/** Sends the answer (none when the connection was dropped), tells the observer, and logs the request. */
function finish(context: ServerContext, call: AtlasCall, outgoing: Outgoing | null): void {
  const { response, url, method, arrived } = call.exchange;
  const { rateDecision, operationId, path } = call;
  if (outgoing) {
    // An injected 429 brings its own (an empty bucket); every other 2xx and 429 gets the limiter's.
    if (rateDecision && (outgoing.status < 300 || outgoing.status === 429) && !outgoing.headers["RateLimit-Limit"]) {
      outgoing.headers["RateLimit-Limit"] = String(rateDecision.limit);
      outgoing.headers["RateLimit-Remaining"] = String(rateDecision.remaining);
    }
    write(response, outgoing, call.pretty);
    try {
      context.responseObserver?.({
        operationId,
        method,
        path,
        status: outgoing.status,
        contentType: outgoing.contentType,
        body: outgoing.body,
        envelope: call.envelope,
      });
    } catch (observerError) {
      console.error(`[atlas-simulator] responseObserver threw: ${(observerError as Error).message}`);
    }
  }
  context.requestLog.record({
    sequence: call.sequence,
    timestamp: arrived,
    method,
    path,
    query: queryRecord(url.searchParams),
    operationId: operationId ?? null,
    status: outgoing?.status ?? null,
    authScheme: call.authScheme,
    fault: call.fault,
    durationMs: context.state.now() - arrived,
  });
}

/**
 * `envelope=true` (MongoDB API guideline IPA-115, https://mongodb.github.io/ipa/115/): a single item becomes `{status, content}`; a paginated list keeps
 * its object and gains `status`. The HTTP status stays the real one, except that a 204 cannot carry a
 * body and is sent as 200 with `{status: 204, content: {}}`.
 */
function wrapInEnvelope(outgoing: Outgoing): Outgoing {
  const { body, status } = outgoing;
  const isPage =
    typeof body === "object" &&
    body !== null &&
    !Array.isArray(body) &&
    Array.isArray((body as { results?: unknown }).results);
  const wrapped = isPage ? { ...(body as object), status } : { content: body ?? {}, status };
  return {
    ...outgoing,
    status: status === 204 ? 200 : status,
    body: wrapped,
    contentType: outgoing.contentType ?? successContentType,
  };
}
