/** The Atlas API client: public surface of provider/client/. */
export {
  createAtlasClient,
  closeAllAtlasClients,
  defaultUserAgent,
  type AtlasClient,
  type ClientStatsSnapshot,
  type CloudProvider,
  type ContainersApi,
  type EndpointRegistrationsApi,
  type EndpointServicesApi,
  type ListOptions,
  type PeersApi,
  type RegionalModeApi,
  type ServerlessEndpointsApi,
} from "./client";
export type { CallOptions } from "./transport";
export {
  AtlasAbortError,
  AtlasApiError,
  AtlasProtocolError,
  AtlasTimeoutError,
  AtlasTransportError,
  hasErrorCode,
  isNotFound,
  type FieldViolation,
} from "./errors";
export {
  atlasMediaType,
  operations,
  type CallParams,
  type CallResult,
  type OperationId,
  type OperationSpec,
} from "./operations";
export type { RetryPolicy } from "./retry-policy";
export { defaultBaseUrl, BaseUrlError, isLoopbackHost, normalizeBaseUrl } from "./base-url";
export {
  ClientSettingsError,
  clientSettingsSchema,
  parseClientSettings,
  type AtlasCredentials,
  type ClientSettings,
  type DigestCredentials,
  type RequestBudgetSettings,
  type ResolvedClientSettings,
  type RetrySettings,
  type ServiceAccountCredentials,
} from "./settings";
export {
  defaultRequestBudget,
  requestBudgetFor,
  resetRequestBudgets,
  RequestBudget,
  type RequestBudgetStats,
} from "./request-budget";
export type { ClientStats } from "./stats";
