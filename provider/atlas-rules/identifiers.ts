/**
 * Patterns of ids and names that Atlas checks, read by the library's schemas and by the simulator's validation
 * alike. Each names its source: the Atlas Admin API v2 spec's schema and field, or, where the spec's pattern is
 * known to be wrong, the rule of the cloud that owns the name.
 */

/** Atlas object ids (projects, containers, peers, endpoint services). Spec: path parameter groupId, ^([a-f0-9]{24})$. */
export const atlasIdPattern = /^[a-f0-9]{24}$/;

/**
 * A serverless instance name. Spec: path parameter instanceName of …/serverless/instance/{instanceName}/endpoint,
 * ^[a-zA-Z0-9][a-zA-Z0-9-]*$. The spec gives no maximum; 64 is the limit both sides had before this table.
 */
export const serverlessInstanceNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
export const serverlessInstanceNameMaxLength = 64;

/** Spec: AwsNetworkPeeringConnectionSettings.awsAccountId. */
export const awsAccountIdPattern = /^[0-9]{12}$/;

/** Spec: AwsNetworkPeeringConnectionSettings.vpcId (17 lowercase hex digits; AWS's older 8-digit ids do not match). */
export const awsVpcIdPattern = /^vpc-[0-9a-f]{17}$/;

/** Spec: ServerlessAWSTenantEndpointUpdate.cloudProviderEndpointId. */
export const awsVpcEndpointIdPattern = /^vpce-[0-9a-f]{17}$/;

/** Spec: AzureNetworkPeeringConnectionSettings.azureDirectoryId and azureSubscriptionId, format uuid (any case). */
export const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Spec: AzureNetworkPeeringConnectionSettings.resourceGroupName and vnetName, ^([-\w._()])+$. */
export const azureNamePattern = /^[-\w._()]+$/;

/**
 * An Azure private endpoint's resource id. The spec's ServerlessAzureTenantEndpointUpdate.cloudProviderEndpointId
 * admits only a resource group named privateLink; Azure resource ids name any group (Azure's resource id format,
 * https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules), so the group is
 * any Azure name. The subscription is a lowercase GUID, as the spec's pattern has it.
 */
export const azurePrivateEndpointIdPattern =
  /^\/subscriptions\/[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\/resource[gG]roups\/[-\w._()]+\/providers\/Microsoft\.Network\/privateEndpoints\/[-\w._()]+$/;

/**
 * A GCP project id. Spec: GCPNetworkPeeringConnectionSettings.gcpProjectId, ^[a-z][0-9a-z-]{4,28}[0-9a-z]{1},
 * anchored at the end here (the spec's lacks `$`; GCP ids are 6 to 30 characters,
 * https://cloud.google.com/resource-manager/docs/creating-managing-projects).
 */
export const gcpProjectIdPattern = /^[a-z][0-9a-z-]{4,28}[0-9a-z]$/;

/**
 * A GCP VPC network name: GCP's own rule, at most 63 characters
 * (https://cloud.google.com/compute/docs/naming-resources). The spec's
 * GCPNetworkPeeringConnectionSettings.networkName pattern allows 65 and is not anchored; GCP would refuse those.
 */
export const gcpNetworkNamePattern = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

const ipv4Octet = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

/** A dotted IPv4 address without leading zeros. */
export const ipv4Pattern = new RegExp(`^${ipv4Octet}(?:\\.${ipv4Octet}){3}$`);

/**
 * An Azure private endpoint's IP address. Spec: ServerlessAzureTenantEndpointUpdate.privateEndpointIpAddress,
 * IPv4 or the full eight-group IPv6 form in lower case (no :: shorthand).
 */
export const endpointIpAddressPattern = new RegExp(
  `^(?:${ipv4Octet}(?:\\.${ipv4Octet}){3}|(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4})$`,
);
