/**
 * Atlas Admin API v2 wire types: private endpoint services, serverless private endpoints, network peering
 * connections and containers (request and response bodies, resource version 2023-01-01).
 *
 * GENERATED FILE: DO NOT EDIT. Regenerate with
 *   npx ts-node --transpile-only scripts/generate-wire-types.ts
 * from the official OpenAPI spec (mongodb/openapi openapi/v2.yaml; CC BY-NC-SA, not vendored here):
 *   sha256 0fd914afb4a3e1ede2d0f48822fe30d7f1ba2c287625382dfb98bbe2606119f9
 *   info.version 2.0, info.x-xgen-sha f84b8e4346991132f70f5610809ad1b6af020975
 * test/conformance/wire-types.test.ts regenerates it and fails when this file is stale.
 *
 * Type names are the spec's component schema names. Polymorphic schemas are discriminated unions
 * (providerName / cloudProvider literal types). Schemas used both in requests and in responses also get
 * <Name>Request (no readOnly fields) and <Name>Response (no writeOnly fields) variants: AWSCloudProviderContainer, AwsNetworkPeeringConnectionSettings, AzureCloudProviderContainer, AzureNetworkPeeringConnectionSettings, BaseNetworkPeeringConnectionSettings, CloudProviderContainer, GCPCloudProviderContainer, GCPNetworkPeeringConnectionSettings.
 * Response-only types allow null for every optional field, as Atlas sends explicit nulls.
 * Spec patches applied (see test/support/spec-patches.ts for what Atlas really does):
 *   - container-union-recursion
 *   - endpoint-service-discriminator-without-oneOf
 *   - serverless-update-discriminator-without-oneOf
 *   - serverless-endpoint-oneOf-without-required-providerName
 *   - peering-settings-tag-required
 *   - route-table-cidr-block-is-cidr
 *   - azure-serverless-endpoint-any-resource-group
 *   - gcp-service-attachment-names-without-url
 *   - private-link-endpoint-discriminator-without-oneOf
 *   - gcp-endpoint-group-project-id-is-a-gcp-project
 *   - create-endpoint-request-provider-from-path
 *   - aws-interface-endpoints-are-vpce-ids
 *   - api-error-parameters-any-json
 *   - explicit-null-for-optional-response-fields
 * (end of generated header)
 */

export type BadRequestDetail = {
  fields?: FieldViolation[] | null;
} | null;
export type BaseNetworkPeeringConnectionSettings =
  AwsNetworkPeeringConnectionSettings | AzureNetworkPeeringConnectionSettings | GCPNetworkPeeringConnectionSettings;
export type BaseNetworkPeeringConnectionSettingsRequest =
  | AwsNetworkPeeringConnectionSettingsRequest
  | AzureNetworkPeeringConnectionSettingsRequest
  | GCPNetworkPeeringConnectionSettingsRequest;
export type BaseNetworkPeeringConnectionSettingsResponse =
  | AwsNetworkPeeringConnectionSettingsResponse
  | AzureNetworkPeeringConnectionSettingsResponse
  | GCPNetworkPeeringConnectionSettingsResponse;
export type CloudProviderContainer =
  AWSCloudProviderContainer | AzureCloudProviderContainer | GCPCloudProviderContainer;
export type CloudProviderContainerRequest =
  AWSCloudProviderContainerRequest | AzureCloudProviderContainerRequest | GCPCloudProviderContainerRequest;
export type CloudProviderContainerResponse =
  AWSCloudProviderContainerResponse | AzureCloudProviderContainerResponse | GCPCloudProviderContainerResponse;
export type CreateEndpointRequest =
  CreateAWSEndpointRequest | CreateAzureEndpointRequest | CreateGCPEndpointGroupRequest;
export type EndpointService = AWSPrivateLinkConnection | AzurePrivateLinkConnection | GCPEndpointService;
export type PrivateLinkEndpoint = AWSInterfaceEndpoint | AzurePrivateEndpoint | PrivateGCPEndpointGroup;
export type RequestAccepted = Record<string, never>;
export type ServerlessTenantEndpoint = ServerlessAWSTenantEndpoint | ServerlessAzureTenantEndpoint;
export type ServerlessTenantEndpointUpdate = ServerlessAWSTenantEndpointUpdate | ServerlessAzureTenantEndpointUpdate;

export interface AWSCloudProviderContainer {
  id?: string;
  providerName: "AWS";
  provisioned?: boolean;
  atlasCidrBlock?: string;
  regionName:
    | "US_EAST_1"
    | "US_EAST_2"
    | "US_WEST_1"
    | "US_WEST_2"
    | "CA_CENTRAL_1"
    | "EU_NORTH_1"
    | "EU_WEST_1"
    | "EU_WEST_2"
    | "EU_WEST_3"
    | "EU_CENTRAL_1"
    | "EU_CENTRAL_2"
    | "SA_EAST_1"
    | "AP_EAST_1"
    | "AP_EAST_2"
    | "AP_SOUTHEAST_2"
    | "AP_SOUTHEAST_3"
    | "AP_SOUTHEAST_4"
    | "AP_SOUTHEAST_5"
    | "AP_SOUTHEAST_6"
    | "AP_SOUTHEAST_7"
    | "AP_NORTHEAST_1"
    | "AP_NORTHEAST_2"
    | "AP_NORTHEAST_3"
    | "AP_SOUTHEAST_1"
    | "AP_SOUTH_1"
    | "AP_SOUTH_2"
    | "CN_NORTH_1"
    | "CN_NORTHWEST_1"
    | "ME_CENTRAL_1"
    | "ME_SOUTH_1"
    | "AF_SOUTH_1"
    | "EU_SOUTH_1"
    | "EU_SOUTH_2"
    | "IL_CENTRAL_1"
    | "CA_WEST_1"
    | "MX_CENTRAL_1"
    | "GLOBAL"
    | "US_GOV_WEST_1"
    | "US_GOV_EAST_1";
  vpcId?: string;
}
export interface AWSCloudProviderContainerRequest {
  providerName: "AWS";
  atlasCidrBlock?: string;
  regionName:
    | "US_EAST_1"
    | "US_EAST_2"
    | "US_WEST_1"
    | "US_WEST_2"
    | "CA_CENTRAL_1"
    | "EU_NORTH_1"
    | "EU_WEST_1"
    | "EU_WEST_2"
    | "EU_WEST_3"
    | "EU_CENTRAL_1"
    | "EU_CENTRAL_2"
    | "SA_EAST_1"
    | "AP_EAST_1"
    | "AP_EAST_2"
    | "AP_SOUTHEAST_2"
    | "AP_SOUTHEAST_3"
    | "AP_SOUTHEAST_4"
    | "AP_SOUTHEAST_5"
    | "AP_SOUTHEAST_6"
    | "AP_SOUTHEAST_7"
    | "AP_NORTHEAST_1"
    | "AP_NORTHEAST_2"
    | "AP_NORTHEAST_3"
    | "AP_SOUTHEAST_1"
    | "AP_SOUTH_1"
    | "AP_SOUTH_2"
    | "CN_NORTH_1"
    | "CN_NORTHWEST_1"
    | "ME_CENTRAL_1"
    | "ME_SOUTH_1"
    | "AF_SOUTH_1"
    | "EU_SOUTH_1"
    | "EU_SOUTH_2"
    | "IL_CENTRAL_1"
    | "CA_WEST_1"
    | "MX_CENTRAL_1"
    | "GLOBAL"
    | "US_GOV_WEST_1"
    | "US_GOV_EAST_1";
}
export interface AWSCloudProviderContainerResponse {
  id?: string | null;
  providerName: "AWS";
  provisioned?: boolean | null;
  atlasCidrBlock?: string | null;
  regionName:
    | "US_EAST_1"
    | "US_EAST_2"
    | "US_WEST_1"
    | "US_WEST_2"
    | "CA_CENTRAL_1"
    | "EU_NORTH_1"
    | "EU_WEST_1"
    | "EU_WEST_2"
    | "EU_WEST_3"
    | "EU_CENTRAL_1"
    | "EU_CENTRAL_2"
    | "SA_EAST_1"
    | "AP_EAST_1"
    | "AP_EAST_2"
    | "AP_SOUTHEAST_2"
    | "AP_SOUTHEAST_3"
    | "AP_SOUTHEAST_4"
    | "AP_SOUTHEAST_5"
    | "AP_SOUTHEAST_6"
    | "AP_SOUTHEAST_7"
    | "AP_NORTHEAST_1"
    | "AP_NORTHEAST_2"
    | "AP_NORTHEAST_3"
    | "AP_SOUTHEAST_1"
    | "AP_SOUTH_1"
    | "AP_SOUTH_2"
    | "CN_NORTH_1"
    | "CN_NORTHWEST_1"
    | "ME_CENTRAL_1"
    | "ME_SOUTH_1"
    | "AF_SOUTH_1"
    | "EU_SOUTH_1"
    | "EU_SOUTH_2"
    | "IL_CENTRAL_1"
    | "CA_WEST_1"
    | "MX_CENTRAL_1"
    | "GLOBAL"
    | "US_GOV_WEST_1"
    | "US_GOV_EAST_1";
  vpcId?: string | null;
}
export interface AWSInterfaceEndpoint {
  cloudProvider: "AWS";
  deleteRequested?: boolean | null;
  errorMessage?: string | null;
  connectionStatus?: "PENDING_ACCEPTANCE" | "PENDING" | "AVAILABLE" | "REJECTED" | "DELETING" | null;
  interfaceEndpointId?: string | null;
}
export interface AWSPrivateLinkConnection {
  cloudProvider: "AWS";
  errorMessage?: string | null;
  id?: string | null;
  regionName?: string | null;
  status?: "INITIATING" | "AVAILABLE" | "WAITING_FOR_USER" | "FAILED" | "DELETING" | null;
  endpointServiceName?: string | null;
  interfaceEndpoints: string[];
  /**
   * @maxItems 35
   */
  supportedRemoteRegions?: string[] | null;
}
export interface ApiAtlasModifyEndpointServiceRequestView {
  cloudProvider: "AWS";
  /**
   * @maxItems 35
   */
  supportedRemoteRegions?: string[] | null;
}
export interface ApiError {
  badRequestDetail?: BadRequestDetail | null;
  detail?: string | null;
  error: number;
  errorCode: string;
  parameters?: unknown[] | null;
  reason?: string | null;
}
export interface FieldViolation {
  description: string;
  field: string;
}
export interface AwsNetworkPeeringConnectionSettings {
  containerId: string;
  id?: string;
  providerName: "AWS";
  accepterRegionName: string;
  awsAccountId: string;
  connectionId?: string;
  errorStateName?: "REJECTED" | "EXPIRED" | "INVALID_ARGUMENT";
  routeTableCidrBlock: string;
  statusName?: "INITIATING" | "PENDING_ACCEPTANCE" | "FAILED" | "FINALIZING" | "AVAILABLE" | "TERMINATING";
  vpcId: string;
}
export interface AwsNetworkPeeringConnectionSettingsRequest {
  containerId: string;
  providerName: "AWS";
  accepterRegionName: string;
  awsAccountId: string;
  routeTableCidrBlock: string;
  vpcId: string;
}
export interface AwsNetworkPeeringConnectionSettingsResponse {
  containerId: string;
  id?: string | null;
  providerName: "AWS";
  accepterRegionName: string | null;
  awsAccountId: string;
  connectionId?: string | null;
  errorStateName?: "REJECTED" | "EXPIRED" | "INVALID_ARGUMENT" | null;
  routeTableCidrBlock: string;
  statusName?: "INITIATING" | "PENDING_ACCEPTANCE" | "FAILED" | "FINALIZING" | "AVAILABLE" | "TERMINATING" | null;
  vpcId: string;
}
export interface AzureCloudProviderContainer {
  id?: string;
  providerName: "AZURE";
  provisioned?: boolean;
  atlasCidrBlock: string;
  azureSubscriptionId?: string;
  region:
    | "US_CENTRAL"
    | "US_EAST"
    | "US_EAST_2"
    | "US_EAST_2_EUAP"
    | "US_NORTH_CENTRAL"
    | "US_WEST"
    | "US_SOUTH_CENTRAL"
    | "EUROPE_NORTH"
    | "EUROPE_WEST"
    | "US_WEST_CENTRAL"
    | "US_WEST_2"
    | "US_WEST_3"
    | "CANADA_EAST"
    | "CANADA_CENTRAL"
    | "BRAZIL_SOUTH"
    | "BRAZIL_SOUTHEAST"
    | "AUSTRALIA_EAST"
    | "AUSTRALIA_SOUTH_EAST"
    | "AUSTRALIA_CENTRAL"
    | "AUSTRALIA_CENTRAL_2"
    | "UAE_NORTH"
    | "GERMANY_WEST_CENTRAL"
    | "GERMANY_NORTH"
    | "SWITZERLAND_NORTH"
    | "SWITZERLAND_WEST"
    | "SWEDEN_CENTRAL"
    | "SWEDEN_SOUTH"
    | "UK_SOUTH"
    | "UK_WEST"
    | "INDIA_CENTRAL"
    | "INDIA_WEST"
    | "INDIA_SOUTH"
    | "CHINA_EAST"
    | "CHINA_NORTH"
    | "ASIA_EAST"
    | "JAPAN_EAST"
    | "JAPAN_WEST"
    | "ASIA_SOUTH_EAST"
    | "KOREA_CENTRAL"
    | "KOREA_SOUTH"
    | "FRANCE_CENTRAL"
    | "FRANCE_SOUTH"
    | "SOUTH_AFRICA_NORTH"
    | "SOUTH_AFRICA_WEST"
    | "NORWAY_EAST"
    | "NORWAY_WEST"
    | "UAE_CENTRAL"
    | "QATAR_CENTRAL"
    | "POLAND_CENTRAL"
    | "ISRAEL_CENTRAL"
    | "ITALY_NORTH"
    | "SPAIN_CENTRAL"
    | "MEXICO_CENTRAL"
    | "NEW_ZEALAND_NORTH"
    | "INDONESIA_CENTRAL"
    | "MALAYSIA_WEST"
    | "CHILE_CENTRAL"
    | "US_GOV_VIRGINIA"
    | "US_GOV_ARIZONA"
    | "US_GOV_TEXAS";
  vnetName?: string;
}
export interface AzureCloudProviderContainerRequest {
  providerName: "AZURE";
  atlasCidrBlock: string;
  region:
    | "US_CENTRAL"
    | "US_EAST"
    | "US_EAST_2"
    | "US_EAST_2_EUAP"
    | "US_NORTH_CENTRAL"
    | "US_WEST"
    | "US_SOUTH_CENTRAL"
    | "EUROPE_NORTH"
    | "EUROPE_WEST"
    | "US_WEST_CENTRAL"
    | "US_WEST_2"
    | "US_WEST_3"
    | "CANADA_EAST"
    | "CANADA_CENTRAL"
    | "BRAZIL_SOUTH"
    | "BRAZIL_SOUTHEAST"
    | "AUSTRALIA_EAST"
    | "AUSTRALIA_SOUTH_EAST"
    | "AUSTRALIA_CENTRAL"
    | "AUSTRALIA_CENTRAL_2"
    | "UAE_NORTH"
    | "GERMANY_WEST_CENTRAL"
    | "GERMANY_NORTH"
    | "SWITZERLAND_NORTH"
    | "SWITZERLAND_WEST"
    | "SWEDEN_CENTRAL"
    | "SWEDEN_SOUTH"
    | "UK_SOUTH"
    | "UK_WEST"
    | "INDIA_CENTRAL"
    | "INDIA_WEST"
    | "INDIA_SOUTH"
    | "CHINA_EAST"
    | "CHINA_NORTH"
    | "ASIA_EAST"
    | "JAPAN_EAST"
    | "JAPAN_WEST"
    | "ASIA_SOUTH_EAST"
    | "KOREA_CENTRAL"
    | "KOREA_SOUTH"
    | "FRANCE_CENTRAL"
    | "FRANCE_SOUTH"
    | "SOUTH_AFRICA_NORTH"
    | "SOUTH_AFRICA_WEST"
    | "NORWAY_EAST"
    | "NORWAY_WEST"
    | "UAE_CENTRAL"
    | "QATAR_CENTRAL"
    | "POLAND_CENTRAL"
    | "ISRAEL_CENTRAL"
    | "ITALY_NORTH"
    | "SPAIN_CENTRAL"
    | "MEXICO_CENTRAL"
    | "NEW_ZEALAND_NORTH"
    | "INDONESIA_CENTRAL"
    | "MALAYSIA_WEST"
    | "CHILE_CENTRAL"
    | "US_GOV_VIRGINIA"
    | "US_GOV_ARIZONA"
    | "US_GOV_TEXAS";
}
export interface AzureCloudProviderContainerResponse {
  id?: string | null;
  providerName: "AZURE";
  provisioned?: boolean | null;
  atlasCidrBlock: string;
  azureSubscriptionId?: string | null;
  region:
    | "US_CENTRAL"
    | "US_EAST"
    | "US_EAST_2"
    | "US_EAST_2_EUAP"
    | "US_NORTH_CENTRAL"
    | "US_WEST"
    | "US_SOUTH_CENTRAL"
    | "EUROPE_NORTH"
    | "EUROPE_WEST"
    | "US_WEST_CENTRAL"
    | "US_WEST_2"
    | "US_WEST_3"
    | "CANADA_EAST"
    | "CANADA_CENTRAL"
    | "BRAZIL_SOUTH"
    | "BRAZIL_SOUTHEAST"
    | "AUSTRALIA_EAST"
    | "AUSTRALIA_SOUTH_EAST"
    | "AUSTRALIA_CENTRAL"
    | "AUSTRALIA_CENTRAL_2"
    | "UAE_NORTH"
    | "GERMANY_WEST_CENTRAL"
    | "GERMANY_NORTH"
    | "SWITZERLAND_NORTH"
    | "SWITZERLAND_WEST"
    | "SWEDEN_CENTRAL"
    | "SWEDEN_SOUTH"
    | "UK_SOUTH"
    | "UK_WEST"
    | "INDIA_CENTRAL"
    | "INDIA_WEST"
    | "INDIA_SOUTH"
    | "CHINA_EAST"
    | "CHINA_NORTH"
    | "ASIA_EAST"
    | "JAPAN_EAST"
    | "JAPAN_WEST"
    | "ASIA_SOUTH_EAST"
    | "KOREA_CENTRAL"
    | "KOREA_SOUTH"
    | "FRANCE_CENTRAL"
    | "FRANCE_SOUTH"
    | "SOUTH_AFRICA_NORTH"
    | "SOUTH_AFRICA_WEST"
    | "NORWAY_EAST"
    | "NORWAY_WEST"
    | "UAE_CENTRAL"
    | "QATAR_CENTRAL"
    | "POLAND_CENTRAL"
    | "ISRAEL_CENTRAL"
    | "ITALY_NORTH"
    | "SPAIN_CENTRAL"
    | "MEXICO_CENTRAL"
    | "NEW_ZEALAND_NORTH"
    | "INDONESIA_CENTRAL"
    | "MALAYSIA_WEST"
    | "CHILE_CENTRAL"
    | "US_GOV_VIRGINIA"
    | "US_GOV_ARIZONA"
    | "US_GOV_TEXAS";
  vnetName?: string | null;
}
export interface AzureNetworkPeeringConnectionSettings {
  containerId: string;
  id?: string;
  providerName: "AZURE";
  azureDirectoryId: string;
  azureSubscriptionId: string;
  errorState?: string;
  resourceGroupName: string;
  status?: "ADDING_PEER" | "AVAILABLE" | "FAILED" | "DELETION_FAILED" | "DELETING";
  vnetName: string;
}
export interface AzureNetworkPeeringConnectionSettingsRequest {
  containerId: string;
  providerName: "AZURE";
  azureDirectoryId: string;
  azureSubscriptionId: string;
  resourceGroupName: string;
  vnetName: string;
}
export interface AzureNetworkPeeringConnectionSettingsResponse {
  containerId: string;
  id?: string | null;
  providerName: "AZURE";
  azureDirectoryId: string;
  azureSubscriptionId: string;
  errorState?: string | null;
  resourceGroupName: string;
  status?: "ADDING_PEER" | "AVAILABLE" | "FAILED" | "DELETION_FAILED" | "DELETING" | null;
  vnetName: string;
}
export interface AzurePrivateEndpoint {
  cloudProvider: "AZURE";
  deleteRequested?: boolean | null;
  errorMessage?: string | null;
  privateEndpointConnectionName?: string | null;
  privateEndpointIPAddress?: string | null;
  privateEndpointResourceId?: string | null;
  status?: "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING" | null;
}
export interface AzurePrivateLinkConnection {
  cloudProvider: "AZURE";
  errorMessage?: string | null;
  id?: string | null;
  regionName?: string | null;
  status?: "INITIATING" | "AVAILABLE" | "WAITING_FOR_USER" | "FAILED" | "DELETING" | null;
  privateEndpoints?: string[] | null;
  privateLinkServiceName?: string | null;
  privateLinkServiceResourceId?: string | null;
}
export interface GCPNetworkPeeringConnectionSettings {
  containerId: string;
  id?: string;
  providerName: "GCP";
  errorMessage?: string;
  gcpProjectId: string;
  networkName: string;
  status?: "ADDING_PEER" | "WAITING_FOR_USER" | "AVAILABLE" | "FAILED" | "DELETING";
}
export interface GCPNetworkPeeringConnectionSettingsRequest {
  containerId: string;
  providerName: "GCP";
  gcpProjectId: string;
  networkName: string;
}
export interface GCPNetworkPeeringConnectionSettingsResponse {
  containerId: string;
  id?: string | null;
  providerName: "GCP";
  errorMessage?: string | null;
  gcpProjectId: string;
  networkName: string;
  status?: "ADDING_PEER" | "WAITING_FOR_USER" | "AVAILABLE" | "FAILED" | "DELETING" | null;
}
export interface GCPCloudProviderContainer {
  id?: string;
  providerName: "GCP";
  provisioned?: boolean;
  atlasCidrBlock: string;
  gcpProjectId?: string;
  networkName?: string;
  regions: (
    | "AFRICA_SOUTH_1"
    | "ASIA_EAST_2"
    | "ASIA_NORTHEAST_2"
    | "ASIA_NORTHEAST_3"
    | "ASIA_SOUTH_1"
    | "ASIA_SOUTH_2"
    | "ASIA_SOUTHEAST_2"
    | "AUSTRALIA_SOUTHEAST_1"
    | "AUSTRALIA_SOUTHEAST_2"
    | "CENTRAL_US"
    | "EASTERN_ASIA_PACIFIC"
    | "EASTERN_US"
    | "EUROPE_CENTRAL_2"
    | "EUROPE_NORTH_1"
    | "EUROPE_WEST_2"
    | "EUROPE_WEST_3"
    | "EUROPE_WEST_4"
    | "EUROPE_WEST_6"
    | "EUROPE_WEST_10"
    | "EUROPE_WEST_12"
    | "MIDDLE_EAST_CENTRAL_1"
    | "MIDDLE_EAST_CENTRAL_2"
    | "MIDDLE_EAST_WEST_1"
    | "NORTH_AMERICA_NORTHEAST_1"
    | "NORTH_AMERICA_NORTHEAST_2"
    | "NORTH_AMERICA_SOUTH_1"
    | "NORTHEASTERN_ASIA_PACIFIC"
    | "SOUTH_AMERICA_EAST_1"
    | "SOUTH_AMERICA_WEST_1"
    | "SOUTHEASTERN_ASIA_PACIFIC"
    | "US_EAST_4"
    | "US_EAST_5"
    | "US_WEST_2"
    | "US_WEST_3"
    | "US_WEST_4"
    | "US_SOUTH_1"
    | "WESTERN_EUROPE"
    | "WESTERN_US"
  )[];
}
export interface GCPCloudProviderContainerRequest {
  providerName: "GCP";
  atlasCidrBlock: string;
  regions: (
    | "AFRICA_SOUTH_1"
    | "ASIA_EAST_2"
    | "ASIA_NORTHEAST_2"
    | "ASIA_NORTHEAST_3"
    | "ASIA_SOUTH_1"
    | "ASIA_SOUTH_2"
    | "ASIA_SOUTHEAST_2"
    | "AUSTRALIA_SOUTHEAST_1"
    | "AUSTRALIA_SOUTHEAST_2"
    | "CENTRAL_US"
    | "EASTERN_ASIA_PACIFIC"
    | "EASTERN_US"
    | "EUROPE_CENTRAL_2"
    | "EUROPE_NORTH_1"
    | "EUROPE_WEST_2"
    | "EUROPE_WEST_3"
    | "EUROPE_WEST_4"
    | "EUROPE_WEST_6"
    | "EUROPE_WEST_10"
    | "EUROPE_WEST_12"
    | "MIDDLE_EAST_CENTRAL_1"
    | "MIDDLE_EAST_CENTRAL_2"
    | "MIDDLE_EAST_WEST_1"
    | "NORTH_AMERICA_NORTHEAST_1"
    | "NORTH_AMERICA_NORTHEAST_2"
    | "NORTH_AMERICA_SOUTH_1"
    | "NORTHEASTERN_ASIA_PACIFIC"
    | "SOUTH_AMERICA_EAST_1"
    | "SOUTH_AMERICA_WEST_1"
    | "SOUTHEASTERN_ASIA_PACIFIC"
    | "US_EAST_4"
    | "US_EAST_5"
    | "US_WEST_2"
    | "US_WEST_3"
    | "US_WEST_4"
    | "US_SOUTH_1"
    | "WESTERN_EUROPE"
    | "WESTERN_US"
  )[];
}
export interface GCPCloudProviderContainerResponse {
  id?: string | null;
  providerName: "GCP";
  provisioned?: boolean | null;
  atlasCidrBlock: string;
  gcpProjectId?: string | null;
  networkName?: string | null;
  regions: (
    | "AFRICA_SOUTH_1"
    | "ASIA_EAST_2"
    | "ASIA_NORTHEAST_2"
    | "ASIA_NORTHEAST_3"
    | "ASIA_SOUTH_1"
    | "ASIA_SOUTH_2"
    | "ASIA_SOUTHEAST_2"
    | "AUSTRALIA_SOUTHEAST_1"
    | "AUSTRALIA_SOUTHEAST_2"
    | "CENTRAL_US"
    | "EASTERN_ASIA_PACIFIC"
    | "EASTERN_US"
    | "EUROPE_CENTRAL_2"
    | "EUROPE_NORTH_1"
    | "EUROPE_WEST_2"
    | "EUROPE_WEST_3"
    | "EUROPE_WEST_4"
    | "EUROPE_WEST_6"
    | "EUROPE_WEST_10"
    | "EUROPE_WEST_12"
    | "MIDDLE_EAST_CENTRAL_1"
    | "MIDDLE_EAST_CENTRAL_2"
    | "MIDDLE_EAST_WEST_1"
    | "NORTH_AMERICA_NORTHEAST_1"
    | "NORTH_AMERICA_NORTHEAST_2"
    | "NORTH_AMERICA_SOUTH_1"
    | "NORTHEASTERN_ASIA_PACIFIC"
    | "SOUTH_AMERICA_EAST_1"
    | "SOUTH_AMERICA_WEST_1"
    | "SOUTHEASTERN_ASIA_PACIFIC"
    | "US_EAST_4"
    | "US_EAST_5"
    | "US_WEST_2"
    | "US_WEST_3"
    | "US_WEST_4"
    | "US_SOUTH_1"
    | "WESTERN_EUROPE"
    | "WESTERN_US"
  )[];
}
export interface CloudProviderEndpointServiceRequest {
  portMappingEnabled?: boolean;
  providerName: "AWS" | "AZURE" | "GCP";
  region: string;
  /**
   * @maxItems 35
   */
  supportedRemoteRegions?: string[] | null;
}
export interface CreateAWSEndpointRequest {
  cloudProvider?: "AWS";
  id: string;
}
export interface CreateAzureEndpointRequest {
  cloudProvider?: "AZURE";
  id: string;
  privateEndpointIPAddress: string;
}
export interface CreateGCPEndpointGroupRequest {
  cloudProvider?: "GCP";
  endpointGroupName: string;
  endpoints?: CreateGCPForwardingRuleRequest[];
  gcpProjectId: string;
}
export interface CreateGCPForwardingRuleRequest {
  endpointName?: string;
  ipAddress?: string;
}
export interface GCPEndpointService {
  cloudProvider: "GCP";
  errorMessage?: string | null;
  id?: string | null;
  regionName?: string | null;
  status?: "INITIATING" | "AVAILABLE" | "WAITING_FOR_USER" | "FAILED" | "DELETING" | null;
  endpointGroupNames?: string[] | null;
  portMappingEnabled?: boolean | null;
  serviceAttachmentNames?: string[] | null;
}
export interface GCPConsumerForwardingRule {
  endpointName?: string | null;
  ipAddress?: string | null;
  status?: "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING" | null;
}
export interface Link {
  href?: string | null;
  rel?: string | null;
}
export interface PaginatedCloudProviderContainerView {
  links?: Link[] | null;
  results: CloudProviderContainerResponse[];
  totalCount?: number | null;
}
export interface PaginatedContainerPeerView {
  links?: Link[] | null;
  results: BaseNetworkPeeringConnectionSettingsResponse[];
  totalCount?: number | null;
}
export interface PrivateGCPEndpointGroup {
  cloudProvider: "GCP";
  deleteRequested?: boolean | null;
  errorMessage?: string | null;
  endpointGroupName?: string | null;
  endpoints?: GCPConsumerForwardingRule[] | null;
  gcpProjectId?: string | null;
  portMappingEnabled?: boolean | null;
  status?: "INITIATING" | "VERIFIED" | "AVAILABLE" | "FAILED" | "DELETING" | "DELETED" | null;
}
export interface ProjectSettingItemView {
  enabled: boolean;
}
export interface ServerlessAWSTenantEndpoint {
  _id?: string | null;
  cloudProviderEndpointId?: string | null;
  comment?: string | null;
  endpointServiceName?: string | null;
  errorMessage?: string | null;
  status?: "RESERVATION_REQUESTED" | "RESERVED" | "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING" | null;
  providerName: "AWS";
}
export interface ServerlessAWSTenantEndpointUpdate {
  comment?: string;
  providerName: "AWS";
  cloudProviderEndpointId?: string;
}
export interface ServerlessAzureTenantEndpoint {
  _id?: string | null;
  cloudProviderEndpointId?: string | null;
  comment?: string | null;
  endpointServiceName?: string | null;
  errorMessage?: string | null;
  status?: "RESERVATION_REQUESTED" | "RESERVED" | "INITIATING" | "AVAILABLE" | "FAILED" | "DELETING" | null;
  privateEndpointIpAddress?: string | null;
  privateLinkServiceResourceId?: string | null;
  providerName: "AZURE";
}
export interface ServerlessAzureTenantEndpointUpdate {
  comment?: string;
  providerName: "AZURE";
  cloudProviderEndpointId?: string;
  privateEndpointIpAddress?: string;
}
export interface ServerlessTenantCreateRequest {
  comment?: string;
}
