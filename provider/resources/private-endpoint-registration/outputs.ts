/**
 * What Atlas computes for a private endpoint registration, per output: the public class declares them, the
 * provider fills them, the docs generator lists them. No imports: user programs load this file.
 */
export const privateEndpointRegistrationOutputs = {
  endpointId:
    "The id Atlas knows the registration by (also this resource's id): the vpce id (AWS), the private endpoint's resource id (Azure), the endpoint group name (GCP; with port mapping, the forwarding rule's name).",
  status:
    "AWS connectionStatus (PENDING_ACCEPTANCE, PENDING, AVAILABLE, REJECTED, DELETING) or Azure/GCP status (INITIATING, VERIFIED, AVAILABLE, FAILED, DELETING); AVAILABLE after a successful create.",
  errorMessage:
    "Atlas's reason when status is REJECTED or FAILED (for example `Interface endpoint vpce-… was not found.`).",
  deleteRequested: "True once Atlas received a request to remove the registration.",
  privateEndpointConnectionName:
    "Azure: the connection name Atlas generated for your private endpoint (what the Azure portal lists on the Private Link Service).",
  endpointStatuses:
    "GCP: each forwarding rule with its own status ({endpointName, ipAddress, status}); a FAILED one names the rule to fix.",
  portMappingEnabled: "GCP: whether the service uses port mapping (then exactly one forwarding rule is registered).",
} as const;

export type PrivateEndpointRegistrationOutput = keyof typeof privateEndpointRegistrationOutputs;
