/**
 * What Atlas computes for a network peer, per output: the public class declares them, the provider fills
 * them, the docs generator lists them. No imports: user programs load this file.
 */
export const networkPeerOutputs = {
  peerId: "Atlas's peer id (the same as `id`).",
  status:
    "The state for every provider: AWS statusName, Azure and GCP status (PENDING_ACCEPTANCE, WAITING_FOR_USER, AVAILABLE, FAILED, …).",
  statusName: "AWS only: Atlas's raw statusName.",
  errorMessage: "Why the peer failed: AWS errorStateName (with what it means), Azure errorState, GCP errorMessage.",
  connectionId:
    "AWS only: the VPC peering connection (pcx-…) to accept, e.g. aws.ec2.VpcPeeringConnectionAccepter's vpcPeeringConnectionId.",
  atlasCidrBlock: "The Atlas side's CIDR block (from the container): route it to the peering connection.",
  atlasGcpProjectId:
    "GCP only: Atlas's GCP project (p-…) for the reciprocal peering, from the container; not set until Atlas reports it (a refresh then reads it).",
  atlasNetworkName:
    "GCP only: Atlas's VPC network name (nt-…) for the reciprocal peering; set along with atlasGcpProjectId.",
} as const;

export type NetworkPeerOutput = keyof typeof networkPeerOutputs;
