/**
 * The typed operation groups of the Atlas client (endpoint services, registrations, regional mode, serverless
 * endpoints, peers, containers): each method names its operationId and its path, query and body, over the one
 * `call` of client.ts; paginated lists are followed to their end here.
 */
import type { CloudProvider } from "../atlas-rules/regions";
import type { CallParams, CallResult, OperationId } from "./operations";
import type { CallOptions } from "./transport";
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

/** The client's one way to run an operation of the table (client.ts). */
export type CallOperation = <Id extends OperationId>(
  operationId: Id,
  params: CallParams<Id>,
  options?: CallOptions,
) => Promise<CallResult<Id>>;

export interface OperationGroups {
  readonly endpointServices: EndpointServicesApi;
  readonly endpointRegistrations: EndpointRegistrationsApi;
  readonly regionalMode: RegionalModeApi;
  readonly serverlessEndpoints: ServerlessEndpointsApi;
  readonly peers: PeersApi;
  readonly containers: ContainersApi;
}

/** The typed groups over `call`. */
export function operationGroups(call: CallOperation): OperationGroups {
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

  return { endpointServices, endpointRegistrations, regionalMode, serverlessEndpoints, peers, containers };
}
