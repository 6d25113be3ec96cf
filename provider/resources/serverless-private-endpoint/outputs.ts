/**
 * What Atlas computes for a serverless private endpoint, per output: the public class declares them, the
 * provider fills them, the docs generator lists them. No imports: user programs load this file.
 */
export const serverlessPrivateEndpointOutputs = {
  endpointId: "Atlas's id of the endpoint (`_id`).",
  status: "RESERVATION_REQUESTED, RESERVED, INITIATING, AVAILABLE, FAILED or DELETING.",
  errorMessage: "Why the endpoint FAILED, as Atlas says.",
  endpointServiceName:
    "AWS: the VPC endpoint service name the interface endpoint connects to; Azure: the private link service name.",
  privateLinkServiceResourceId: "Azure: the private link service the Azure private endpoint connects to.",
} as const;

export type ServerlessPrivateEndpointOutput = keyof typeof serverlessPrivateEndpointOutputs;
