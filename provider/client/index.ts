/**
 * The Atlas API client: public surface of provider/client/. Nothing here loads zod: the settings schema is
 * loaded by createAtlasClient when a caller's settings need checking (import it from ./settings to use it).
 */
export {
  createAtlasClient,
  openAtlasClient,
  defaultRequestTimeoutMs,
  defaultUserAgent,
  type ClientOptions,
  type AtlasClient,
  type ClientStatsSnapshot,
} from "./client";
export type {
  ContainersApi,
  EndpointRegistrationsApi,
  EndpointServicesApi,
  ListOptions,
  PeersApi,
  RegionalModeApi,
  ServerlessEndpointsApi,
} from "./operation-groups";
export type { CallOptions } from "./transport";
/** The one declaration is the rules table's (provider/atlas-rules/regions.ts); re-exported for the client's users. */
export type { CloudProvider } from "../atlas-rules/regions";
export {
  AtlasAbortError,
  AtlasApiError,
  AtlasProtocolError,
  AtlasTimeoutError,
  AtlasTransportError,
  ClientSettingsError,
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
export type {
  AtlasCredentials,
  ClientSettings,
  DigestCredentials,
  RequestBudgetSettings,
  ResolvedClientSettings,
  RetrySettings,
  ServiceAccountCredentials,
} from "./settings";
export { defaultRequestBudget, RequestBudget, type RequestBudgetStats } from "./request-budget";
export type { ClientStats } from "./stats";
