/**
 * The Atlas client: the typed groups over the operation table, on one composed dispatcher:
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
import { operations, type CallParams, type CallResult, type OperationId, type QueryValue } from "./operations";
import { Redactor } from "./redaction";
import { defaultRequestBudget, RequestBudget, type RequestBudgetStats } from "./request-budget";
import { retryCallback } from "./retry-policy";
import type { ClientSettings, ResolvedClientSettings } from "./settings";
import { countingInterceptor, emptyStats, type ClientStats } from "./stats";
import { parseJsonBody, send, type CallOptions, type TransportContext } from "./transport";
import { Agent, retryInterceptor } from "./undici-parts";
import type { Dispatcher } from "undici";
import type {
  ApiAtlasModifyEndpointServiceRequestView,
  BaseNetworkPeeringConnectionSettingsRequest,
  BaseNetworkPeeringConnectionSettingsResponse,
  CloudProviderContainerRequest,
  CloudProviderContainerResponse,
  CloudProviderEndpointServiceRequest,
  CreateEndpointRequest,
  EndpointService,
  Link,
  PrivateLinkEndpoint,
  ProjectSettingItemView,
  ServerlessTenantCreateRequest,
  ServerlessTenantEndpoint,
  ServerlessTenantEndpointUpdate,
} from "./wire";
import type { CloudProvider } from "../atlas-rules/regions";

export const defaultUserAgent = `pulumi-mongodbatlas-network (node ${process.versions.node})`;

/** Options of a paginated list: the page size to ask for (Atlas allows 1..500). */
export interface ListOptions extends CallOptions {
  itemsPerPage?: number;
}

export interface EndpointServicesApi {
  create(
    params: { groupId: string; body: CloudProviderEndpointServiceRequest },
    options?: CallOptions,
  ): Promise<EndpointService>;
  list(params: { groupId: string; cloudProvider: CloudProvider }, options?: CallOptions): Promise<EndpointService[]>;
  get(
    params: { groupId: string; cloudProvider: CloudProvider; endpointServiceId: string },
    options?: CallOptions,
  ): Promise<EndpointService>;
  /** AWS only: supportedRemoteRegions is the one mutable setting. */
  update(
    params: { groupId: string; endpointServiceId: string; body: ApiAtlasModifyEndpointServiceRequestView },
    options?: CallOptions,
  ): Promise<EndpointService>;
  delete(
    params: { groupId: string; cloudProvider: CloudProvider; endpointServiceId: string },
    options?: CallOptions,
  ): Promise<void>;
}

/**
 * Cloud endpoints registered with an endpoint service (Atlas "interface endpoints"). Atlas has no list
 * operation for them: `endpointServices.get` lists a service's endpoints (AWS `interfaceEndpoints`, Azure
 * `privateEndpoints`, GCP `endpointGroupNames`), and each id there is the `endpointId` taken here.
 */
export interface EndpointRegistrationsApi {
  /** The body follows the provider of the path (cloudProvider may be left out of it, as real clients do). */
  create(
    params: { groupId: string; cloudProvider: CloudProvider; endpointServiceId: string; body: CreateEndpointRequest },
    options?: CallOptions,
  ): Promise<PrivateLinkEndpoint>;
  /** endpointId: the vpce id, the Azure private endpoint resource id (sent URL-encoded), or the GCP group name. */
  get(
    params: { groupId: string; cloudProvider: CloudProvider; endpointServiceId: string; endpointId: string },
    options?: CallOptions,
  ): Promise<PrivateLinkEndpoint>;
  delete(
    params: { groupId: string; cloudProvider: CloudProvider; endpointServiceId: string; endpointId: string },
    options?: CallOptions,
  ): Promise<void>;
}

/** The project's regionalized private endpoint setting (GET / PATCH .../privateEndpoint/regionalMode). */
export interface RegionalModeApi {
  get(params: { groupId: string }, options?: CallOptions): Promise<ProjectSettingItemView>;
  /** Atlas answers 409 to a disable while the project's private endpoints span regions. */
  update(
    params: { groupId: string; body: ProjectSettingItemView },
    options?: CallOptions,
  ): Promise<ProjectSettingItemView>;
}

export interface ServerlessEndpointsApi {
  create(
    params: { groupId: string; instanceName: string; body?: ServerlessTenantCreateRequest },
    options?: CallOptions,
  ): Promise<ServerlessTenantEndpoint>;
  list(params: { groupId: string; instanceName: string }, options?: CallOptions): Promise<ServerlessTenantEndpoint[]>;
  get(
    params: { groupId: string; instanceName: string; endpointId: string },
    options?: CallOptions,
  ): Promise<ServerlessTenantEndpoint>;
  update(
    params: { groupId: string; instanceName: string; endpointId: string; body: ServerlessTenantEndpointUpdate },
    options?: CallOptions,
  ): Promise<ServerlessTenantEndpoint>;
  delete(params: { groupId: string; instanceName: string; endpointId: string }, options?: CallOptions): Promise<void>;
}

export interface PeersApi {
  create(
    params: { groupId: string; body: BaseNetworkPeeringConnectionSettingsRequest },
    options?: CallOptions,
  ): Promise<BaseNetworkPeeringConnectionSettingsResponse>;
  /** Every page. Pass providerName: without it Atlas lists AWS peers only. */
  list(
    params: { groupId: string; providerName: CloudProvider },
    options?: ListOptions,
  ): Promise<BaseNetworkPeeringConnectionSettingsResponse[]>;
  get(
    params: { groupId: string; peerId: string },
    options?: CallOptions,
  ): Promise<BaseNetworkPeeringConnectionSettingsResponse>;
  /** The body is the full provider object (Atlas validates PATCH with the create schema). */
  update(
    params: { groupId: string; peerId: string; body: BaseNetworkPeeringConnectionSettingsRequest },
    options?: CallOptions,
  ): Promise<BaseNetworkPeeringConnectionSettingsResponse>;
  delete(params: { groupId: string; peerId: string }, options?: CallOptions): Promise<void>;
}

export interface ContainersApi {
  create(
    params: { groupId: string; body: CloudProviderContainerRequest },
    options?: CallOptions,
  ): Promise<CloudProviderContainerResponse>;
  /** Every page of one provider's containers. */
  list(
    params: { groupId: string; providerName: CloudProvider },
    options?: ListOptions,
  ): Promise<CloudProviderContainerResponse[]>;
  /** Every page of every provider's containers. */
  listAll(params: { groupId: string }, options?: ListOptions): Promise<CloudProviderContainerResponse[]>;
  get(params: { groupId: string; containerId: string }, options?: CallOptions): Promise<CloudProviderContainerResponse>;
  update(
    params: { groupId: string; containerId: string; body: CloudProviderContainerRequest },
    options?: CallOptions,
  ): Promise<CloudProviderContainerResponse>;
  delete(params: { groupId: string; containerId: string }, options?: CallOptions): Promise<void>;
}

export type ClientStatsSnapshot = ClientStats & { budget: RequestBudgetStats };

export interface AtlasClient {
  readonly baseUrl: string;
  readonly endpointServices: EndpointServicesApi;
  readonly endpointRegistrations: EndpointRegistrationsApi;
  readonly regionalMode: RegionalModeApi;
  readonly serverlessEndpoints: ServerlessEndpointsApi;
  readonly peers: PeersApi;
  readonly containers: ContainersApi;
  /** Any operation of the table, typed by its operationId. */
  call<Id extends OperationId>(operationId: Id, params: CallParams<Id>, options?: CallOptions): Promise<CallResult<Id>>;
  /** A snapshot of this client's counters, with its request budget's. */
  stats(): ClientStatsSnapshot;
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

  /** Follows a paginated list to its end (totalCount when Atlas sends it, else a `next` link or a full page). */
  async function allPages<T>(
    fetchPage: (
      pageNum: number,
      itemsPerPage: number,
    ) => Promise<{ results: T[]; totalCount?: number | null; links?: Link[] | null }>,
    itemsPerPage: number,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let pageNum = 1; pageNum <= 10_000; pageNum++) {
      const page = await fetchPage(pageNum, itemsPerPage);
      all.push(...page.results);
      if (page.results.length === 0) break;
      if (typeof page.totalCount === "number") {
        if (all.length >= page.totalCount) break;
        continue;
      }
      const hasNext = (page.links ?? []).some((link) => link.rel === "next");
      if (!hasNext && page.results.length < itemsPerPage) break;
    }
    return all;
  }

  const pageSize = (options?: ListOptions) => options?.itemsPerPage ?? 500;
  const withoutPaging = (options?: ListOptions): CallOptions | undefined => {
    if (!options) return undefined;
    const { itemsPerPage: _ignored, ...rest } = options;
    return rest;
  };

  const endpointServices: EndpointServicesApi = {
    create: ({ groupId, body }, options) =>
      call("createGroupPrivateEndpointEndpointService", { path: { groupId }, body }, options),
    list: ({ groupId, cloudProvider }, options) =>
      call("listGroupPrivateEndpointEndpointService", { path: { groupId, cloudProvider } }, options),
    get: ({ groupId, cloudProvider, endpointServiceId }, options) =>
      call("getGroupPrivateEndpointEndpointService", { path: { groupId, cloudProvider, endpointServiceId } }, options),
    update: ({ groupId, endpointServiceId, body }, options) =>
      call("updateGroupPrivateEndpointEndpointService", { path: { groupId, endpointServiceId }, body }, options),
    delete: async ({ groupId, cloudProvider, endpointServiceId }, options) => {
      await call(
        "deleteGroupPrivateEndpointEndpointService",
        { path: { groupId, cloudProvider, endpointServiceId } },
        options,
      );
    },
  };

  const endpointRegistrations: EndpointRegistrationsApi = {
    create: ({ groupId, cloudProvider, endpointServiceId, body }, options) =>
      call(
        "createGroupPrivateEndpointEndpointServiceEndpoint",
        { path: { groupId, cloudProvider, endpointServiceId }, body },
        options,
      ),
    get: ({ groupId, cloudProvider, endpointServiceId, endpointId }, options) =>
      call(
        "getGroupPrivateEndpointEndpointServiceEndpoint",
        { path: { groupId, cloudProvider, endpointServiceId, endpointId } },
        options,
      ),
    delete: async ({ groupId, cloudProvider, endpointServiceId, endpointId }, options) => {
      await call(
        "deleteGroupPrivateEndpointEndpointServiceEndpoint",
        { path: { groupId, cloudProvider, endpointServiceId, endpointId } },
        options,
      );
    },
  };

  const regionalMode: RegionalModeApi = {
    get: ({ groupId }, options) => call("getGroupPrivateEndpointRegionalMode", { path: { groupId } }, options),
    update: ({ groupId, body }, options) =>
      call("toggleGroupPrivateEndpointRegionalMode", { path: { groupId }, body }, options),
  };

  const serverlessEndpoints: ServerlessEndpointsApi = {
    // The spec requires a body even when there is no comment.
    create: ({ groupId, instanceName, body }, options) =>
      call(
        "createGroupPrivateEndpointServerlessInstanceEndpoint",
        { path: { groupId, instanceName }, body: body ?? {} },
        options,
      ),
    list: ({ groupId, instanceName }, options) =>
      call("listGroupPrivateEndpointServerlessInstanceEndpoint", { path: { groupId, instanceName } }, options),
    get: ({ groupId, instanceName, endpointId }, options) =>
      call(
        "getGroupPrivateEndpointServerlessInstanceEndpoint",
        { path: { groupId, instanceName, endpointId } },
        options,
      ),
    update: ({ groupId, instanceName, endpointId, body }, options) =>
      call(
        "updateGroupPrivateEndpointServerlessInstanceEndpoint",
        { path: { groupId, instanceName, endpointId }, body },
        options,
      ),
    delete: async ({ groupId, instanceName, endpointId }, options) => {
      await call(
        "deleteGroupPrivateEndpointServerlessInstanceEndpoint",
        { path: { groupId, instanceName, endpointId } },
        options,
      );
    },
  };

  const peers: PeersApi = {
    create: ({ groupId, body }, options) => call("createGroupPeer", { path: { groupId }, body }, options),
    list: ({ groupId, providerName }, options) =>
      allPages(
        (pageNum, itemsPerPage) =>
          call(
            "listGroupPeers",
            { path: { groupId }, query: { providerName, pageNum, itemsPerPage } },
            withoutPaging(options),
          ),
        pageSize(options),
      ),
    get: ({ groupId, peerId }, options) => call("getGroupPeer", { path: { groupId, peerId } }, options),
    update: ({ groupId, peerId, body }, options) =>
      call("updateGroupPeer", { path: { groupId, peerId }, body }, options),
    delete: async ({ groupId, peerId }, options) => {
      await call("deleteGroupPeer", { path: { groupId, peerId } }, options);
    },
  };

  const containers: ContainersApi = {
    create: ({ groupId, body }, options) => call("createGroupContainer", { path: { groupId }, body }, options),
    list: ({ groupId, providerName }, options) =>
      allPages(
        (pageNum, itemsPerPage) =>
          call(
            "listGroupContainers",
            { path: { groupId }, query: { providerName, pageNum, itemsPerPage } },
            withoutPaging(options),
          ),
        pageSize(options),
      ),
    listAll: ({ groupId }, options) =>
      allPages(
        (pageNum, itemsPerPage) =>
          call(
            "listGroupContainerAll",
            { path: { groupId }, query: { pageNum, itemsPerPage } },
            withoutPaging(options),
          ),
        pageSize(options),
      ),
    get: ({ groupId, containerId }, options) => call("getGroupContainer", { path: { groupId, containerId } }, options),
    update: ({ groupId, containerId, body }, options) =>
      call("updateGroupContainer", { path: { groupId, containerId }, body }, options),
    delete: async ({ groupId, containerId }, options) => {
      await call("deleteGroupContainer", { path: { groupId, containerId } }, options);
    },
  };

  return {
    baseUrl: core.settings.baseUrl,
    endpointServices,
    endpointRegistrations,
    regionalMode,
    serverlessEndpoints,
    peers,
    containers,
    call,
    stats: () => ({
      ...core.stats,
      responsesByStatus: { ...core.stats.responsesByStatus },
      budget: { ...core.budget.stats },
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      await core.dispose();
    },
  };
}
