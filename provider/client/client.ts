/**
 * The Atlas client: the typed groups (operation-groups.ts) over the operation table, on one composed dispatcher:
 *
 *   retry (undici's retry interceptor + our policy)  ← outermost: a retry runs auth and budget again
 *     → auth (Digest with nonce reuse, or service-account Bearer)
 *       → request budget (our token bucket, paced by Atlas's RateLimit-* answers)
 *         → counting (stats) → keep-alive pool (the client's own undici Agent)
 *
 * A client owns everything it shares between its calls (pool, budget, Digest session or token) and keeps
 * nothing in module state: sharing one client between the resources of a run is the run state's job
 * (provider/resources/shared/context.ts).
 */
import { silentLogger } from "../logger";
import { defaultBackoff, type BackoffSettings } from "./backoff";
import { bearerAuthInterceptor, ServiceAccountTokenSource } from "./bearer-auth";
import { budgetInterceptor } from "./budget-interceptor";
import { digestAuthInterceptor, DigestSession } from "./digest-auth";
import { operationGroups, type OperationGroups } from "./operation-groups";
import { operations, type CallParams, type CallResult, type OperationId, type QueryValue } from "./operations";
import { Redactor } from "./redaction";
import { rateLimitBucketOf, type RateLimitPacer } from "./rate-limit-pacer";
import { defaultRequestBudget, RequestBudget, type RequestBudgetStats } from "./request-budget";
import { retryCallback } from "./retry-policy";
import type { ClientSettings, ResolvedClientSettings } from "./settings";
import { countingInterceptor, emptyStats, type ClientStats } from "./stats";
import { parseJsonBody, send, type CallOptions, type TransportContext } from "./transport";
import { Agent, retryInterceptor } from "./undici-parts";
import type { Dispatcher } from "undici";

export const defaultUserAgent = `pulumi-mongodbatlas-network (node ${process.versions.node})`;

export type ClientStatsSnapshot = ClientStats & { budget: RequestBudgetStats };

/** The typed groups (operation-groups.ts), the table's `call`, stats and close. */
export interface AtlasClient extends OperationGroups {
  readonly baseUrl: string;
  /** Any operation of the table, typed by its operationId. */
  call<Id extends OperationId>(operationId: Id, params: CallParams<Id>, options?: CallOptions): Promise<CallResult<Id>>;
  /** A snapshot of this client's counters, with its request budget's. */
  stats(): ClientStatsSnapshot;
  /** What the client believes of the Atlas bucket a request to `path` counts against (undefined: pacing off). */
  rateLimitEstimate(path: string): ReturnType<RateLimitPacer["estimate"]> | undefined;
  /** Closes the client's connection pool (waiting for requests in flight); later calls fail. */
  close(): Promise<void>;
}

export interface ClientOptions {
  /**
   * Aborts every call of the client, its retries and budget waits included, on top of each call's own
   * signal: the run's signal (the engine went away).
   */
  signal?: AbortSignal;
}

/** The time limit of one API call when the settings name none: retries and budget waits included. */
export const defaultRequestTimeoutMs = 120_000;

function newAgent(): Agent {
  return new Agent({
    // Atlas keeps idle connections for a while; reusing them avoids a TLS handshake per call.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
    connections: 16,
    connect: { timeout: 10_000 },
  });
}

/** Everything the calls of one client share. */
class ClientCore {
  readonly stats = emptyStats();
  readonly redactor: Redactor;
  readonly transport: TransportContext;
  readonly budget: RequestBudget;
  readonly digest: DigestSession | undefined;
  readonly tokens: ServiceAccountTokenSource | undefined;
  private readonly agent = newAgent();

  constructor(
    readonly settings: ResolvedClientSettings,
    options: ClientOptions,
  ) {
    const { credentials } = settings;
    this.budget = new RequestBudget(settings.budget ?? defaultRequestBudget, {
      pacing: settings.pacing ?? true,
    });
    const logger = settings.logger ?? silentLogger;
    const backoff: BackoffSettings = settings.retry ?? defaultBackoff;
    const timeoutMs = settings.requestTimeoutMs ?? defaultRequestTimeoutMs;
    const userAgent = settings.userAgent ?? defaultUserAgent;

    this.redactor =
      credentials.kind === "digest"
        ? new Redactor([credentials.privateKey])
        : new Redactor([
            credentials.clientSecret,
            Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64"),
            Buffer.from(
              `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`,
            ).toString("base64"),
          ]);

    // A request without a per-call retry callback is never retried (every call sets one).
    const retry = retryInterceptor({
      throwOnError: false,
      maxRetries: backoff.maxRetries,
      retry: (error, _state, callback) => callback(error),
    });
    const budget = budgetInterceptor(this.budget);

    let auth: Dispatcher.DispatcherComposeInterceptor;
    if (credentials.kind === "digest") {
      this.digest = new DigestSession({ username: credentials.publicKey, password: credentials.privateKey });
      auth = digestAuthInterceptor(this.digest) as Dispatcher.DispatcherComposeInterceptor;
    } else {
      const tokenDispatcher = this.agent.compose(
        countingInterceptor(this.stats, "tokenRequests") as Dispatcher.DispatcherComposeInterceptor,
        budget as Dispatcher.DispatcherComposeInterceptor,
        retry,
      );
      this.tokens = new ServiceAccountTokenSource({
        baseUrl: settings.baseUrl,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        dispatcher: tokenDispatcher,
        // Asking for another token is harmless, so the token request retries like a read.
        retry: retryCallback({
          policy: "read",
          backoff,
          describe: "POST /api/oauth/token",
          logger,
          onRetry: () => this.stats.retries++,
        }),
        userAgent,
        timeoutMs,
        redactor: this.redactor,
      });
      auth = bearerAuthInterceptor(this.tokens) as Dispatcher.DispatcherComposeInterceptor;
    }

    // compose() wraps in order, so the last interceptor listed is the outermost.
    const dispatcher = this.agent.compose(
      countingInterceptor(this.stats, "requestsSent") as Dispatcher.DispatcherComposeInterceptor,
      budget as Dispatcher.DispatcherComposeInterceptor,
      auth,
      retry,
    );
    this.transport = {
      baseUrl: settings.baseUrl,
      dispatcher,
      userAgent,
      redactor: this.redactor,
      backoff,
      logger,
      stats: this.stats,
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    };
  }

  async dispose(): Promise<void> {
    if (!this.agent.closed && !this.agent.destroyed) await this.agent.close();
  }
}

/**
 * A client for settings a caller wrote (validated here: throws ClientSettingsError naming each bad
 * setting). The schema (and zod) is loaded on this path only: the provider's run state builds its client
 * from settings config.ts has already checked, with openAtlasClient.
 */
export function createAtlasClient(settings: ClientSettings, options: ClientOptions = {}): AtlasClient {
  const { parseClientSettings } = require("./settings") as typeof import("./settings");
  return openAtlasClient(parseClientSettings(settings), options);
}

/** A client for settings that are already valid (ResolvedClientSettings): no second parse. */
export function openAtlasClient(settings: ResolvedClientSettings, options: ClientOptions = {}): AtlasClient {
  return clientHandle(new ClientCore(settings, options));
}

function clientHandle(core: ClientCore): AtlasClient {
  let closed = false;

  async function call<Id extends OperationId>(
    operationId: Id,
    params: CallParams<Id>,
    options?: CallOptions,
  ): Promise<CallResult<Id>> {
    if (closed) throw new Error(`This Atlas client was closed; create another one to call ${operationId}`);
    const spec = operations[operationId];
    const request = {
      path: params.path as Record<string, string>,
      ...(params.query ? { query: params.query as Record<string, QueryValue | undefined> } : {}),
      ...(params.body !== undefined ? { body: params.body } : {}),
    };
    const response = await send(core.transport, spec, request, options);
    if (response.status === 204 || response.text.trim() === "") return undefined as CallResult<Id>;
    const parsed = parseJsonBody(spec, response);
    return parsed as CallResult<Id>;
  }

  return {
    baseUrl: core.settings.baseUrl,
    ...operationGroups(call),
    call,
    stats: () => ({
      ...core.stats,
      responsesByStatus: { ...core.stats.responsesByStatus },
      budget: { ...core.budget.stats },
    }),
    rateLimitEstimate: (path) => core.budget.pacer?.estimate(rateLimitBucketOf(path)),
    close: async () => {
      if (closed) return;
      closed = true;
      await core.dispose();
    },
  };
}
