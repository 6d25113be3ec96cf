/**
 * Every Atlas operation the client performs, declared once: operationId (as in the official spec),
 * method, path template, resource version media type, retry policy, and the wire types of its body
 * and result. The typed groups in client.ts are thin wrappers over this table.
 */
import type { RetryPolicy } from "./retry-policy";
import type {
  ApiAtlasModifyEndpointServiceRequestView,
  BaseNetworkPeeringConnectionSettingsRequest,
  BaseNetworkPeeringConnectionSettingsResponse,
  CloudProviderContainerRequest,
  CloudProviderContainerResponse,
  CloudProviderEndpointServiceRequest,
  CreateEndpointRequest,
  EndpointService,
  PaginatedCloudProviderContainerView,
  PaginatedContainerPeerView,
  PrivateLinkEndpoint,
  ProjectSettingItemView,
  RequestAccepted,
  ServerlessTenantCreateRequest,
  ServerlessTenantEndpoint,
  ServerlessTenantEndpointUpdate,
} from "./wire";

/** Every in-scope operation has exactly one resource version, 2023-01-01, for requests and responses. */
export const atlasMediaType = "application/vnd.atlas.2023-01-01+json";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** Path template with `{param}` placeholders, as in the spec. */
  path: string;
  mediaType: string;
  retry: RetryPolicy;
  /** Query parameters the operation accepts (others are refused before sending). */
  query: readonly string[];
}

const pageQuery = ["pageNum", "itemsPerPage", "includeCount"] as const;

function operation<
  const Id extends string,
  const M extends HttpMethod,
  const P extends string,
  const Q extends readonly string[] = [],
>(operationId: Id, method: M, path: P, options: { query?: Q } = {}) {
  // The retry policy follows from the method: GET reads, PATCH/DELETE are idempotent, POST creates.
  const retry: RetryPolicy = method === "GET" ? "read" : method === "POST" ? "create" : "idempotent";
  return { operationId, method, path, mediaType: atlasMediaType, retry, query: options.query ?? ([] as unknown as Q) };
}

const base = "/api/atlas/v2/groups/{groupId}";

export const operations = {
  // Private endpoint services. PATCH has no {cloudProvider} segment (AWS only).
  createGroupPrivateEndpointEndpointService: operation(
    "createGroupPrivateEndpointEndpointService",
    "POST",
    `${base}/privateEndpoint/endpointService`,
  ),
  listGroupPrivateEndpointEndpointService: operation(
    "listGroupPrivateEndpointEndpointService",
    "GET",
    `${base}/privateEndpoint/{cloudProvider}/endpointService`,
  ),
  getGroupPrivateEndpointEndpointService: operation(
    "getGroupPrivateEndpointEndpointService",
    "GET",
    `${base}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}`,
  ),
  updateGroupPrivateEndpointEndpointService: operation(
    "updateGroupPrivateEndpointEndpointService",
    "PATCH",
    `${base}/privateEndpoint/endpointService/{endpointServiceId}`,
  ),
  deleteGroupPrivateEndpointEndpointService: operation(
    "deleteGroupPrivateEndpointEndpointService",
    "DELETE",
    `${base}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}`,
  ),

  // Cloud endpoints registered with a service (Atlas "interface endpoints"). There is no list operation: the
  // service lists them (AWS interfaceEndpoints, Azure privateEndpoints, GCP endpointGroupNames). The
  // endpointId is the vpce id (AWS), the private endpoint's resource id (Azure; expandPath URL-encodes it, as
  // Atlas requires) or the endpoint group name (GCP; the forwarding rule's name with port mapping).
  createGroupPrivateEndpointEndpointServiceEndpoint: operation(
    "createGroupPrivateEndpointEndpointServiceEndpoint",
    "POST",
    `${base}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint`,
  ),
  getGroupPrivateEndpointEndpointServiceEndpoint: operation(
    "getGroupPrivateEndpointEndpointServiceEndpoint",
    "GET",
    `${base}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint/{endpointId}`,
  ),
  deleteGroupPrivateEndpointEndpointServiceEndpoint: operation(
    "deleteGroupPrivateEndpointEndpointServiceEndpoint",
    "DELETE",
    `${base}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint/{endpointId}`,
  ),

  // The project's regionalized private endpoint setting (one per project, every provider).
  getGroupPrivateEndpointRegionalMode: operation(
    "getGroupPrivateEndpointRegionalMode",
    "GET",
    `${base}/privateEndpoint/regionalMode`,
  ),
  toggleGroupPrivateEndpointRegionalMode: operation(
    "toggleGroupPrivateEndpointRegionalMode",
    "PATCH",
    `${base}/privateEndpoint/regionalMode`,
  ),

  // Serverless private endpoints (deprecated by Atlas; sunset 2026-01-22).
  listGroupPrivateEndpointServerlessInstanceEndpoint: operation(
    "listGroupPrivateEndpointServerlessInstanceEndpoint",
    "GET",
    `${base}/privateEndpoint/serverless/instance/{instanceName}/endpoint`,
  ),
  createGroupPrivateEndpointServerlessInstanceEndpoint: operation(
    "createGroupPrivateEndpointServerlessInstanceEndpoint",
    "POST",
    `${base}/privateEndpoint/serverless/instance/{instanceName}/endpoint`,
  ),
  getGroupPrivateEndpointServerlessInstanceEndpoint: operation(
    "getGroupPrivateEndpointServerlessInstanceEndpoint",
    "GET",
    `${base}/privateEndpoint/serverless/instance/{instanceName}/endpoint/{endpointId}`,
  ),
  updateGroupPrivateEndpointServerlessInstanceEndpoint: operation(
    "updateGroupPrivateEndpointServerlessInstanceEndpoint",
    "PATCH",
    `${base}/privateEndpoint/serverless/instance/{instanceName}/endpoint/{endpointId}`,
  ),
  deleteGroupPrivateEndpointServerlessInstanceEndpoint: operation(
    "deleteGroupPrivateEndpointServerlessInstanceEndpoint",
    "DELETE",
    `${base}/privateEndpoint/serverless/instance/{instanceName}/endpoint/{endpointId}`,
  ),

  // Network peering connections. The list defaults to AWS without providerName.
  listGroupPeers: operation("listGroupPeers", "GET", `${base}/peers`, { query: ["providerName", ...pageQuery] }),
  createGroupPeer: operation("createGroupPeer", "POST", `${base}/peers`),
  getGroupPeer: operation("getGroupPeer", "GET", `${base}/peers/{peerId}`),
  updateGroupPeer: operation("updateGroupPeer", "PATCH", `${base}/peers/{peerId}`),
  deleteGroupPeer: operation("deleteGroupPeer", "DELETE", `${base}/peers/{peerId}`),

  // Network peering containers.
  listGroupContainers: operation("listGroupContainers", "GET", `${base}/containers`, {
    query: ["providerName", ...pageQuery],
  }),
  listGroupContainerAll: operation("listGroupContainerAll", "GET", `${base}/containers/all`, { query: pageQuery }),
  createGroupContainer: operation("createGroupContainer", "POST", `${base}/containers`),
  getGroupContainer: operation("getGroupContainer", "GET", `${base}/containers/{containerId}`),
  updateGroupContainer: operation("updateGroupContainer", "PATCH", `${base}/containers/{containerId}`),
  deleteGroupContainer: operation("deleteGroupContainer", "DELETE", `${base}/containers/{containerId}`),
} as const satisfies Record<string, OperationSpec>;

export type OperationId = keyof typeof operations;

/**
 * Request body and result type of each operation (the wire types generated from the spec).
 * `void` results: Atlas answers 204 (spec) or 202 with `{}` (what it really does for some deletes).
 */
interface OperationTypes {
  createGroupPrivateEndpointEndpointService: { body: CloudProviderEndpointServiceRequest; result: EndpointService };
  listGroupPrivateEndpointEndpointService: { body: never; result: EndpointService[] };
  getGroupPrivateEndpointEndpointService: { body: never; result: EndpointService };
  updateGroupPrivateEndpointEndpointService: {
    body: ApiAtlasModifyEndpointServiceRequestView;
    result: EndpointService;
  };
  deleteGroupPrivateEndpointEndpointService: { body: never; result: void };

  createGroupPrivateEndpointEndpointServiceEndpoint: { body: CreateEndpointRequest; result: PrivateLinkEndpoint };
  getGroupPrivateEndpointEndpointServiceEndpoint: { body: never; result: PrivateLinkEndpoint };
  deleteGroupPrivateEndpointEndpointServiceEndpoint: { body: never; result: void };

  getGroupPrivateEndpointRegionalMode: { body: never; result: ProjectSettingItemView };
  toggleGroupPrivateEndpointRegionalMode: { body: ProjectSettingItemView; result: ProjectSettingItemView };

  listGroupPrivateEndpointServerlessInstanceEndpoint: { body: never; result: ServerlessTenantEndpoint[] };
  createGroupPrivateEndpointServerlessInstanceEndpoint: {
    body: ServerlessTenantCreateRequest;
    result: ServerlessTenantEndpoint;
  };
  getGroupPrivateEndpointServerlessInstanceEndpoint: { body: never; result: ServerlessTenantEndpoint };
  updateGroupPrivateEndpointServerlessInstanceEndpoint: {
    body: ServerlessTenantEndpointUpdate;
    result: ServerlessTenantEndpoint;
  };
  deleteGroupPrivateEndpointServerlessInstanceEndpoint: { body: never; result: void };

  listGroupPeers: { body: never; result: PaginatedContainerPeerView };
  createGroupPeer: {
    body: BaseNetworkPeeringConnectionSettingsRequest;
    result: BaseNetworkPeeringConnectionSettingsResponse;
  };
  getGroupPeer: { body: never; result: BaseNetworkPeeringConnectionSettingsResponse };
  updateGroupPeer: {
    body: BaseNetworkPeeringConnectionSettingsRequest;
    result: BaseNetworkPeeringConnectionSettingsResponse;
  };
  deleteGroupPeer: { body: never; result: RequestAccepted | void };

  listGroupContainers: { body: never; result: PaginatedCloudProviderContainerView };
  listGroupContainerAll: { body: never; result: PaginatedCloudProviderContainerView };
  createGroupContainer: { body: CloudProviderContainerRequest; result: CloudProviderContainerResponse };
  getGroupContainer: { body: never; result: CloudProviderContainerResponse };
  updateGroupContainer: { body: CloudProviderContainerRequest; result: CloudProviderContainerResponse };
  deleteGroupContainer: { body: never; result: void };
}

type PlaceholderNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholderNames<Rest>
  : never;

/** `{ groupId: string; peerId: string }` for `/api/atlas/v2/groups/{groupId}/peers/{peerId}`. */
type PathParams<T extends string> = { [K in PlaceholderNames<T>]: string };

export type QueryValue = string | number | boolean;

/** What `client.call(operationId, params)` takes for one operation. */
export type CallParams<Id extends OperationId> = {
  path: PathParams<(typeof operations)[Id]["path"]>;
  query?: Partial<Record<(typeof operations)[Id]["query"][number], QueryValue>>;
} & ([OperationTypes[Id]["body"]] extends [never] ? { body?: undefined } : { body: OperationTypes[Id]["body"] });

export type CallResult<Id extends OperationId> = OperationTypes[Id]["result"];

/** Fills a path template; each value is percent-encoded, so an id cannot add path segments. */
export function expandPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (typeof value !== "string" || value.length === 0) {
      throw new TypeError(`Missing path parameter ${name} for ${template}`);
    }
    return encodeURIComponent(value);
  });
}
