/**
 * The local Atlas: a node:http server on 127.0.0.1 answering the Atlas Administration API v2 for
 * private endpoint services, serverless private endpoints, network peering and containers.
 *
 * `startSimulator` builds the run's parts (state, auth, rate limits, faults, request log, routes, control)
 * into one ServerContext and sends each request to one of three handlers in http/: the control API under
 * `/__sim/` (control-endpoint.ts), the OAuth token endpoint (oauth-endpoint.ts), or the Atlas API request
 * pipeline (atlas-pipeline.ts: auth, rate limits, faults, protocol checks, the resource handler).
 */
import { AddressInfo } from "node:net";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { Authenticator, SimulatorCredentials, defaultCredentials } from "./auth";
import { Control, SimulatorControl } from "./control-api";
import { injectedError, payloadTooLarge } from "./errors";
import { FaultRegistry } from "./faults";
import { handleAtlasRequest } from "./http/atlas-pipeline";
import { ObservedResponse, PendingDelays, ServerContext } from "./http/context";
import { handleControlHttpRequest, isControlPath } from "./http/control-endpoint";
import { BodyTooLarge, Exchange, errorOutgoing, maxBodyBytes, readBody, write } from "./http/exchange";
import { handleOAuthRequest, oauthPaths } from "./http/oauth-endpoint";
import { RateLimitSettings, RateLimiter, defaultRateLimit } from "./rate-limit";
import { RequestLog } from "./request-log";
import { DurationOverrides } from "./resources/durations";
import { networkContainerModule } from "./resources/network-container";
import { networkPeerModule } from "./resources/network-peer";
import { privateEndpointRegistrationModule } from "./resources/private-endpoint-registration";
import { privateEndpointServiceModule } from "./resources/private-endpoint-service";
import { ResourceModule } from "./resources/resource-module";
import { serverlessPrivateEndpointModule } from "./resources/serverless-private-endpoint";
import { ResourceKind } from "./resources/store";
import { Router } from "./router";
import { SimulatorState } from "./state";

export type { ObservedResponse } from "./http/context";

/** Every resource the simulator serves: its routes, its control hooks (seed, accept, force a state). */
const modules: readonly ResourceModule[] = [
  privateEndpointServiceModule,
  privateEndpointRegistrationModule,
  serverlessPrivateEndpointModule,
  networkPeerModule,
  networkContainerModule,
];

export interface SimulatorOptions {
  /** 0 (default) = any free port. The server only ever listens on 127.0.0.1. */
  port?: number;
  /** Accepted credentials; unset ones keep the defaults (sim-public-key / sim-private-key, mdb_sa_id_simulator / mdb_sa_sk_simulator). */
  credentials?: Partial<SimulatorCredentials>;
  /** Real seconds per simulated second: 1 = Atlas speed (default), ~0.001-0.01 in tests, ~0.05 for the demo. */
  timeScale?: number;
  /** Phase duration overrides in simulated seconds (see resources/durations.ts for the names and defaults). */
  durations?: DurationOverrides;
  /**
   * Draw every phase not overridden in `durations` around its typical value (log-normal, median the typical
   * value, bounded to ×0.5 … ×2; resources/durations.ts), repeatably for this seed. Default: no seed, every
   * phase lasts exactly its typical value (what tests want).
   */
  seed?: number;
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
  /**
   * The simulator's time source, in ms since the epoch (default Date.now). Resource phases, nonce and token
   * lifetimes, rate-limit refills and log timestamps all follow it, so a test can move time by hand instead
   * of sleeping; injected delay faults stay real time.
   */
  now?: () => number;
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

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const credentials: SimulatorCredentials = { ...defaultCredentials, ...stripUndefined(options.credentials ?? {}) };
  let baseUrl = "";
  const context = createContext(options, credentials, () => baseUrl);
  const server: Server = createServer((request, response) => {
    handleRequest(context, request, response).catch((error: unknown) => {
      // A bug in the simulator: answer 500 the Atlas way and say what broke on stderr.
      console.error(`[atlas-simulator] ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) write(response, errorOutgoing(injectedError(500)), false);
      else response.destroy();
    });
  });
  const port = await listen(server, options.port ?? 0);
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    credentials,
    control: context.control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (context.delays.closed) return resolve();
        context.delays.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The parts of one running simulator, wired together. */
function createContext(
  options: SimulatorOptions,
  credentials: SimulatorCredentials,
  baseUrl: () => string,
): ServerContext {
  const state = new SimulatorState({
    timeScale: options.timeScale ?? 1,
    ...(options.durations !== undefined ? { durations: options.durations } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    autoAcceptPeers: options.autoAcceptPeers ?? false,
    ...(options.now !== undefined ? { now: options.now } : {}),
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
  const control = new Control({
    state,
    faults,
    requestLog,
    rateLimiter,
    modules: new Map<ResourceKind, ResourceModule>(modules.map((module) => [module.kind, module])),
    initial: {
      timeScale: state.clock.timeScale,
      durationOverrides: options.durations ?? {},
      seed: state.seed,
      rateLimit: rateLimiter.current,
      autoAcceptPeers: state.autoAcceptPeers,
      serverless: { sunset: false, unknownInstanceProvider: "AWS" },
    },
  });
  return {
    state,
    auth,
    rateLimiter,
    faults,
    requestLog,
    router: new Router(modules.flatMap((module) => module.routes)),
    control,
    delays: new PendingDelays(),
    responseObserver: options.responseObserver,
    baseUrl,
  };
}

/** Reads the body, then hands the request to the control API, the token endpoint or the Atlas API pipeline. */
async function handleRequest(context: ServerContext, request: IncomingMessage, response: ServerResponse) {
  const arrived = context.state.now();
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
  const exchange: Exchange = { request, response, url, method: (request.method ?? "GET").toUpperCase(), raw, arrived };
  if (isControlPath(url.pathname)) return handleControlHttpRequest(context, exchange);
  // Control calls take no sequence number: the log's sequence counts API and token requests only.
  const sequence = context.requestLog.nextSequence();
  if (oauthPaths.includes(url.pathname)) return handleOAuthRequest(context, exchange, sequence);
  return handleAtlasRequest(context, exchange, sequence);
}

/** Listens on 127.0.0.1 only; resolves with the port (the one asked for, or a free one for 0). */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
