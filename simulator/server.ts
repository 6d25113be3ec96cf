/**
 * The local Atlas: a node:http server on 127.0.0.1 answering the Atlas Administration API v2 for
 * private endpoint services, serverless private endpoints, network peering and containers.
 *
 * Each Atlas request goes through, in order: route lookup (for the operationId), authentication (401
 * with the Digest challenge), rate limits (429), injected faults (delay, reset, error), the Accept
 * header (406), the route itself (404/405), path ids (400), a precheck (serverless sunset: 410), the
 * body (415/400), then the resource handler. Responses honour `envelope` and `pretty` (reference 1.3).
 */
import { AddressInfo } from "node:net";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { Authenticator, AuthScheme, SimulatorCredentials, defaultCredentials } from "./auth";
import { Control, SimulatorControl, handleControlRequest } from "./control-api";
import { ApiError, methodNotAllowed, payloadTooLarge, resourceNotFound, unauthorized, injectedError } from "./errors";
import { FaultKind, FaultRegistry } from "./faults";
import { assertAcceptable, assertJsonContentType, errorContentType, successContentType } from "./media-types";
import { RateLimitDecision, RateLimitSettings, RateLimiter, defaultRateLimit, rateLimitedError } from "./rate-limit";
import { RequestLog } from "./request-log";
import { DurationOverrides } from "./resources/durations";
import { networkContainerModule } from "./resources/network-container";
import { networkPeerModule } from "./resources/network-peer";
import { privateEndpointRegistrationModule } from "./resources/private-endpoint-registration";
import { privateEndpointServiceModule } from "./resources/private-endpoint-service";
import { ResourceModule } from "./resources/resource-module";
import { serverlessPrivateEndpointModule } from "./resources/serverless-private-endpoint";
import { ResourceKind } from "./resources/store";
import { RouteDefinition, Router } from "./router";
import { SimulatorState } from "./state";
import { JsonObject, parseJsonObject, validatePathParameters } from "./validation";

/** A response the simulator sent for an Atlas API operation (given to `responseObserver`). */
export interface ObservedResponse {
  /** The spec operationId; undefined when the path is no Atlas operation (404/405). */
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  /** The JSON body as sent (after `envelope`); undefined when there is none. */
  body: unknown;
  /** True when the request asked for `envelope=true`, so `body` is the wrapper (reference 1.3). */
  envelope: boolean;
}

export interface SimulatorOptions {
  /** 0 (default) = any free port. The server only ever listens on 127.0.0.1. */
  port?: number;
  /** Accepted credentials; unset ones keep the defaults (sim-public-key / sim-private-key, mdb_sa_id_simulator / mdb_sa_sk_simulator). */
  credentials?: Partial<SimulatorCredentials>;
  /** Real seconds per simulated second: 1 = Atlas speed (default), ~0.001-0.01 in tests, ~0.05 for the demo. */
  timeScale?: number;
  /** Phase duration overrides in simulated seconds (see resources/durations.ts for the names and defaults). */
  durations?: DurationOverrides;
  /** How long a Digest nonce stays valid, in real ms (default 300000). */
  nonceTtlMs?: number;
  /** Lifetime of OAuth bearer tokens (default 3600, as Atlas). */
  tokenTtlSeconds?: number;
  /** Token bucket per project and per client IP, or false for none (default 100 requests, 10/s refill). */
  rateLimit?: RateLimitSettings | false;
  /** AWS/GCP peers leave PENDING_ACCEPTANCE / WAITING_FOR_USER by themselves (default false: accept via the control API). */
  autoAcceptPeers?: boolean;
  /** Called for every Atlas API response (the conformance tests validate bodies with it). */
  responseObserver?: (response: ObservedResponse) => void;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:8787 (no trailing slash); Atlas paths start with /api/atlas/v2. */
  baseUrl: string;
  port: number;
  credentials: SimulatorCredentials;
  control: SimulatorControl;
  /** Stops listening, drops open connections and pending delays; resolves when closed. */
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;
const modules: readonly ResourceModule[] = [
  privateEndpointServiceModule,
  privateEndpointRegistrationModule,
  serverlessPrivateEndpointModule,
  networkPeerModule,
  networkContainerModule,
];

interface Outgoing {
  status: number;
  body: unknown;
  contentType: string | undefined;
  headers: Record<string, string>;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on("end", () => (size > maxBodyBytes ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    request.on("error", reject);
  });
}

function queryRecord(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) out[key] = value;
  return out;
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const credentials: SimulatorCredentials = { ...defaultCredentials, ...stripUndefined(options.credentials ?? {}) };
  const state = new SimulatorState({
    timeScale: options.timeScale ?? 1,
    ...(options.durations !== undefined ? { durations: options.durations } : {}),
    autoAcceptPeers: options.autoAcceptPeers ?? false,
  });
  const now = () => state.now();
  const auth = new Authenticator({
    credentials,
    nonceTtlMs: options.nonceTtlMs ?? 300_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    now,
  });
  const rateLimiter = new RateLimiter(options.rateLimit ?? defaultRateLimit, now);
  const faults = new FaultRegistry();
  const requestLog = new RequestLog();
  const router = new Router(modules.flatMap((module) => module.routes));
  const control = new Control({
    state,
    faults,
    requestLog,
    rateLimiter,
    modules: new Map<ResourceKind, ResourceModule>(modules.map((module) => [module.kind, module])),
    initial: {
      timeScale: state.clock.timeScale,
      durations: state.durations,
      rateLimit: rateLimiter.current,
      autoAcceptPeers: state.autoAcceptPeers,
      serverless: { sunset: false, unknownInstanceProvider: "AWS" },
    },
  });

  let baseUrl = "";
  let closed = false;
  const pendingDelays = new Set<() => void>();

  /** Waits `ms`, or less if the server closes meanwhile (then returns false). */
  const delay = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const finish = (completed: boolean) => {
        clearTimeout(timer);
        pendingDelays.delete(abort);
        resolve(completed);
      };
      const abort = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pendingDelays.add(abort);
    });

  const write = (response: ServerResponse, outgoing: Outgoing, pretty: boolean) => {
    const headers: Record<string, string> = { ...outgoing.headers };
    let payload: string | undefined;
    if (outgoing.body !== undefined) {
      payload = pretty ? JSON.stringify(outgoing.body, null, 2) : JSON.stringify(outgoing.body);
      if (outgoing.contentType) headers["Content-Type"] = outgoing.contentType;
      headers["Content-Length"] = String(Buffer.byteLength(payload));
    }
    response.writeHead(outgoing.status, headers);
    response.end(payload);
  };

  const errorOutgoing = (error: ApiError): Outgoing => ({
    status: error.status,
    body: error.toBody(),
    contentType: errorContentType,
    headers: { ...error.headers },
  });

  async function handleAtlas(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    raw: Buffer,
    arrived: number,
    sequence: number,
  ) {
    const method = (request.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const match = router.match(method, path);
    const route: RouteDefinition | undefined = match.kind === "found" ? match.route : undefined;
    const operationId = route?.operationId;
    let authScheme: AuthScheme = "none";
    let faultKind: FaultKind | null = null;
    let rateDecision: RateLimitDecision | undefined = undefined;
    const envelope = url.searchParams.get("envelope") === "true";
    const pretty = url.searchParams.get("pretty") === "true" && (route?.pretty ?? true);

    const finish = (outgoing: Outgoing | null) => {
      if (outgoing) {
        if (rateDecision && (outgoing.status < 300 || outgoing.status === 429)) {
          outgoing.headers["RateLimit-Limit"] = String(rateDecision.limit);
          outgoing.headers["RateLimit-Remaining"] = String(rateDecision.remaining);
        }
        write(response, outgoing, pretty);
        try {
          options.responseObserver?.({
            operationId,
            method,
            path,
            status: outgoing.status,
            contentType: outgoing.contentType,
            body: outgoing.body,
            envelope,
          });
        } catch (observerError) {
          console.error(`[atlas-simulator] responseObserver threw: ${(observerError as Error).message}`);
        }
      }
      requestLog.record({
        sequence,
        timestamp: arrived,
        method,
        path,
        query: queryRecord(url.searchParams),
        operationId: operationId ?? null,
        status: outgoing?.status ?? null,
        authScheme,
        fault: faultKind,
        durationMs: state.now() - arrived,
      });
    };

    // 1. Authentication. The challenge is sent on every 401 so Digest clients can (re)answer.
    const outcome = auth.authenticate(method, request.url ?? path, request.headers.authorization);
    authScheme = outcome.scheme;
    if (!outcome.ok) {
      const error = unauthorized(outcome.detail);
      finish({ ...errorOutgoing(error), headers: { "WWW-Authenticate": auth.challenge(outcome.stale) } });
      return;
    }

    // 2. Rate limits: the project's bucket and the client IP's bucket.
    const groupId = (match.kind === "found" ? match.params.groupId : undefined) ?? /\/groups\/([^/]+)/.exec(path)?.[1];
    rateDecision = rateLimiter.take([
      `ip:${request.socket.remoteAddress ?? "unknown"}`,
      ...(groupId ? [`group:${groupId}`] : []),
    ]);
    if (rateDecision && !rateDecision.allowed) {
      const endpoint = (route?.template ?? path).replace(/^\//, "");
      finish(errorOutgoing(rateLimitedError(endpoint, rateDecision, rateLimiter.current as RateLimitSettings)));
      return;
    }

    // 3. Injected faults.
    const target = { method, path, operationId };
    const slow = faults.take(["delay"], target);
    if (slow) {
      faultKind = "delay";
      const completed = await delay(slow.delayMs);
      if (!completed || closed) {
        response.destroy();
        finish(null);
        return;
      }
    }
    const broken = faults.take(["reset", "error"], target);
    if (broken?.kind === "reset") {
      faultKind = "reset";
      request.socket.destroy();
      finish(null);
      return;
    }
    if (broken?.kind === "error") {
      faultKind = "error";
      const headers: Record<string, string> =
        broken.retryAfterSeconds !== undefined ? { "Retry-After": String(broken.retryAfterSeconds) } : {};
      finish(errorOutgoing(injectedError(broken.status, broken.errorCode, headers)));
      return;
    }

    // 4. The request itself.
    let outgoing: Outgoing;
    try {
      if (match.kind === "none") throw resourceNotFound(path);
      if (match.kind === "wrong-method") throw methodNotAllowed(method, path, match.allowed);
      assertAcceptable(request.headers.accept);
      const found = match;
      validatePathParameters(found.params);
      const gone = found.route.precheck?.(state);
      if (gone) throw gone;
      let body: JsonObject | undefined;
      if (found.route.takesBody) {
        if (raw.length > 0 || request.headers["content-type"] !== undefined)
          assertJsonContentType(request.headers["content-type"]);
        body = parseJsonObject(raw);
      }
      const requestNow = state.now();
      const result = found.route.handle({
        params: found.params,
        query: url.searchParams,
        body,
        now: requestNow,
        state,
        path,
        link: (pathAndQuery) => `${baseUrl}${pathAndQuery}`,
        takeForcedFailure: () => {
          const fault = faults.take(["fail"], target);
          if (!fault) return undefined;
          faultKind = "fail";
          return fault.errorMessage ?? "Simulated failure injected by the Atlas simulator.";
        },
      });
      outgoing = {
        status: result.status,
        body: result.body,
        contentType: result.body === undefined ? undefined : successContentType,
        headers: {},
      };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outgoing = errorOutgoing(error);
    }
    finish(envelope ? wrapInEnvelope(outgoing) : outgoing);
  }

  function handleOAuth(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    raw: Buffer,
    arrived: number,
    sequence: number,
  ) {
    const method = (request.method ?? "GET").toUpperCase();
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      write(
        response,
        {
          status,
          body,
          contentType: body === undefined ? undefined : "application/json",
          headers: { "Cache-Control": "no-store", ...headers },
        },
        false,
      );
      requestLog.record({
        sequence,
        timestamp: arrived,
        method,
        path: url.pathname,
        query: queryRecord(url.searchParams),
        operationId: null,
        status,
        authScheme: "basic",
        fault: null,
        durationMs: state.now() - arrived,
      });
    };
    if (method !== "POST")
      return send(405, { error: "invalid_request", error_description: "Use POST." }, { Allow: "POST" });
    const form = new URLSearchParams(raw.toString("utf8"));
    const type = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      return send(400, {
        error: "invalid_request",
        error_description: "Send an application/x-www-form-urlencoded body.",
      });
    }
    // The token endpoint has its own per-IP bucket: token requests do not use up API requests.
    const decision = rateLimiter.take([`oauth:${request.socket.remoteAddress ?? "unknown"}`]);
    if (decision && !decision.allowed) {
      return send(
        429,
        { error: "rate_limited", error_description: "Too many token requests." },
        { "Retry-After": String(decision.retryAfterSeconds) },
      );
    }
    if (!auth.checkClient(request.headers.authorization, form)) {
      return send(
        401,
        { error: "invalid_client", error_description: "Client authentication failed." },
        { "WWW-Authenticate": 'Basic realm="oauth"' },
      );
    }
    if (url.pathname === "/api/oauth/revoke") {
      const token = form.get("token");
      if (!token) return send(400, { error: "invalid_request", error_description: "token is required." });
      auth.revokeToken(token);
      return send(200, undefined);
    }
    if (form.get("grant_type") !== "client_credentials") {
      return send(400, { error: "unsupported_grant_type", error_description: "Only client_credentials is supported." });
    }
    const token = auth.issueToken();
    return send(200, { access_token: token.accessToken, token_type: "Bearer", expires_in: token.expiresIn });
  }

  function handleControl(request: IncomingMessage, response: ServerResponse, url: URL, raw: Buffer) {
    const send = (status: number, body: unknown) =>
      write(response, { status, body, contentType: "application/json", headers: {} }, true);
    if (!isLoopback(request.socket.remoteAddress))
      return send(403, { error: "the control API answers loopback clients only" });
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return send(400, { error: "the control API takes JSON bodies" });
      }
    }
    const result = handleControlRequest(
      control,
      (request.method ?? "GET").toUpperCase(),
      url.pathname,
      url.searchParams,
      body,
    );
    return send(result.status, result.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = state.now();
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    let raw: Buffer;
    try {
      raw = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        write(response, errorOutgoing(payloadTooLarge(maxBodyBytes)), false);
        return;
      }
      throw error;
    }
    if (url.pathname === "/__sim" || url.pathname.startsWith("/__sim/"))
      return handleControl(request, response, url, raw);
    const sequence = requestLog.nextSequence();
    if (url.pathname === "/api/oauth/token" || url.pathname === "/api/oauth/revoke") {
      return handleOAuth(request, response, url, raw, arrived, sequence);
    }
    return handleAtlas(request, response, url, raw, arrived, sequence);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the simulator: answer 500 the Atlas way and say what broke on stderr.
      console.error(`[atlas-simulator] ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) write(response, errorOutgoing(injectedError(500)), false);
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    credentials,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) return resolve();
        closed = true;
        for (const abort of [...pendingDelays]) abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * `envelope=true` (reference 1.3): a single item becomes `{status, content}`; a paginated list keeps
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

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
