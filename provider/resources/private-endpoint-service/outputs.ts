/**
 * What Atlas computes for a private endpoint service, per output: the public class declares them, the
 * provider fills them, the docs generator lists them. No imports: user programs load this file.
 */
export const privateEndpointServiceOutputs = {
  endpointServiceId: "Atlas's id of the service (also this resource's id): what an endpoint registration needs.",
  status:
    "INITIATING, AVAILABLE, WAITING_FOR_USER, FAILED or DELETING; AVAILABLE or WAITING_FOR_USER after a successful create.",
  errorMessage: "Atlas's reason when status is FAILED.",
  regionName: "The region as Atlas reports it.",
  endpointServiceName:
    "AWS: the VPC endpoint service name (com.amazonaws.vpce.<region>.vpce-svc-…): the `serviceName` of your interface endpoint.",
  interfaceEndpoints: "AWS: ids of the interface endpoints registered with this service.",
  privateLinkServiceName: "Azure: the Private Link Service name (pls_…).",
  privateLinkServiceResourceId:
    "Azure: the Private Link Service resource id: the target of your private endpoint's connection.",
  privateEndpoints: "Azure: private endpoints registered with this service.",
  endpointGroupNames: "GCP: endpoint groups registered with this service.",
  serviceAttachmentNames:
    "GCP: service attachments, the targets of your forwarding rules (one with port mapping, else 50).",
} as const;

export type PrivateEndpointServiceOutput = keyof typeof privateEndpointServiceOutputs;
