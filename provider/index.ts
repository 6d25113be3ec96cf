/**
 * pulumi-mongodbatlas-network: Pulumi dynamic resources for MongoDB Atlas private networking.
 * Public exports only; see docs/architecture.md for how the parts fit.
 */
export {
  PrivateEndpointService,
  type PrivateEndpointServiceArgs,
  type AwsPrivateEndpointServiceArgs,
  type AzurePrivateEndpointServiceArgs,
  type GcpPrivateEndpointServiceArgs,
} from "./resources/private-endpoint-service/resource";
export {
  PrivateEndpointRegistration,
  type PrivateEndpointRegistrationArgs,
  type AwsPrivateEndpointRegistrationArgs,
  type AzurePrivateEndpointRegistrationArgs,
  type GcpPrivateEndpointRegistrationArgs,
  type GcpEndpointArgs,
} from "./resources/private-endpoint-registration/resource";
export {
  PrivateEndpointRegionalMode,
  type PrivateEndpointRegionalModeArgs,
} from "./resources/private-endpoint-regional-mode/resource";
export {
  ServerlessPrivateEndpoint,
  type ServerlessPrivateEndpointArgs,
  type AwsServerlessPrivateEndpointArgs,
  type AzureServerlessPrivateEndpointArgs,
} from "./resources/serverless-private-endpoint/resource";
export {
  NetworkPeer,
  type NetworkPeerArgs,
  type AwsNetworkPeerArgs,
  type AzureNetworkPeerArgs,
  type GcpNetworkPeerArgs,
} from "./resources/network-peer/resource";
export {
  NetworkContainer,
  type NetworkContainerArgs,
  type AwsNetworkContainerArgs,
  type AzureNetworkContainerArgs,
  type GcpNetworkContainerArgs,
} from "./resources/network-container/resource";
export { AtlasApiError, isNotFound, hasErrorCode } from "./client/errors";
export { AtlasConfigurationError, configKeys, envVars } from "./config-names";
export type {
  Duration,
  TimeoutsArgs,
  PollArgs,
  AwsRegionName,
  AzureRegionName,
  GcpRegionName,
} from "./resources/shared/resource-args";
export {
  getPrivateEndpointService,
  getPrivateEndpointServiceOutput,
  getPrivateEndpointServices,
  getPrivateEndpointServicesOutput,
  getPrivateEndpointRegistration,
  getPrivateEndpointRegistrationOutput,
  getNetworkContainer,
  getNetworkContainerOutput,
  getNetworkContainers,
  getNetworkContainersOutput,
  getNetworkPeer,
  getNetworkPeerOutput,
  getNetworkPeers,
  getNetworkPeersOutput,
  type LookupInputs,
  type GetPrivateEndpointServiceArgs,
  type PrivateEndpointServiceLookup,
  type GetPrivateEndpointServicesArgs,
  type GetPrivateEndpointServicesResult,
  type GetPrivateEndpointRegistrationArgs,
  type PrivateEndpointRegistrationLookup,
  type GetNetworkContainerArgs,
  type NetworkContainerLookup,
  type GetNetworkContainersArgs,
  type GetNetworkContainersResult,
  type GetNetworkPeerArgs,
  type NetworkPeerLookup,
  type GetNetworkPeersArgs,
  type GetNetworkPeersResult,
} from "./lookups/lookups";
