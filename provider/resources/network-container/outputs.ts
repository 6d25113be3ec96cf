/**
 * What Atlas computes for a network container, per output: the public class declares them, the provider
 * fills them. No imports: user programs load this file.
 */
export const networkContainerOutputs = {
  containerId: "The Atlas container id (the same as the resource id).",
  provisioned: "True once clusters or peering connections live in the container (Atlas then locks its CIDR block).",
  vpcId: "AWS: the Atlas VPC.",
  azureSubscriptionId: "Azure: the subscription holding the Atlas VNet.",
  vnetName: "Azure: the Atlas VNet; Atlas reports it once something lives in the container.",
  gcpProjectId:
    "GCP: the Atlas GCP project, for the reciprocal peering on the GCP side. Atlas reports it once it has built its " +
    "network: as a rule with the first peering, in some projects only once a cluster lives in the container; a " +
    "`pulumi refresh` after that fills it in (NetworkPeer's atlasGcpProjectId has it too).",
  networkName: "GCP: the Atlas VPC network, for the reciprocal peering (reported like gcpProjectId).",
} as const;

export type NetworkContainerOutput = keyof typeof networkContainerOutputs;
