import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import { networkPeerOutputs, type NetworkPeerOutput } from "./outputs";
import type { AwsRegionName, PollArgs, TimeoutsArgs, WaitArgs } from "../shared/resource-args";

interface NetworkPeerCommonArgs extends WaitArgs {
  /** The Atlas project (group) id. Changing it replaces the peer. */
  projectId: pulumi.Input<string>;
  /** The Atlas network container to peer with (NetworkContainer.id), of the same provider. Changing it replaces the peer. */
  containerId: pulumi.Input<string>;
  /** When a peer with the same container and network already exists in Atlas, manage it instead of failing. */
  adoptExisting?: pulumi.Input<boolean>;
}

/** Peering with an AWS VPC. Atlas settles at PENDING_ACCEPTANCE until you accept `connectionId` in AWS. */
export interface AwsNetworkPeerArgs extends NetworkPeerCommonArgs {
  providerName: "AWS";
  /** The AWS region of your VPC, us-east-1 (US_EAST_1 is accepted too). Updated in place. */
  accepterRegionName: pulumi.Input<AwsRegionName>;
  /** The 12-digit AWS account that owns the VPC. Updated in place (a new peering request to accept). */
  awsAccountId: pulumi.Input<string>;
  /** The CIDR block of your VPC that Atlas routes to, such as 10.0.0.0/16. Updated in place. */
  routeTableCidrBlock: pulumi.Input<string>;
  /** Your VPC, vpc- followed by 17 hex digits. Changing it replaces the peer. */
  vpcId: pulumi.Input<string>;
  /** Wait through PENDING_ACCEPTANCE until AVAILABLE (accept the request in the same deployment, or in time). */
  waitForAvailable?: pulumi.Input<boolean>;
}

/** Peering with an Azure VNet. Every Azure field is fixed: changing one replaces the peer. */
export interface AzureNetworkPeerArgs extends NetworkPeerCommonArgs {
  providerName: "AZURE";
  azureDirectoryId: pulumi.Input<string>;
  azureSubscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  vnetName: pulumi.Input<string>;
}

/**
 * Peering with a GCP VPC network. Atlas settles at WAITING_FOR_USER until you create the reciprocal peering
 * to `atlasGcpProjectId` / `atlasNetworkName`, which may only be set by a later refresh (docs/usage.md).
 * Changing the project or network replaces the peer.
 */
export interface GcpNetworkPeerArgs extends NetworkPeerCommonArgs {
  providerName: "GCP";
  gcpProjectId: pulumi.Input<string>;
  networkName: pulumi.Input<string>;
  /** Wait through WAITING_FOR_USER until AVAILABLE. */
  waitForAvailable?: pulumi.Input<boolean>;
}

/** One shape per provider: a field of another provider does not compile. */
export type NetworkPeerArgs = AwsNetworkPeerArgs | AzureNetworkPeerArgs | GcpNetworkPeerArgs;

/**
 * One provider object for every resource of this kind: Pulumi serializes a provider once per object,
 * so sharing it saves a serialization per resource (it showed in `pulumi preview` of a 50-resource stack).
 */
const provider = new AtlasDynamicProvider("networkPeer");

/**
 * A MongoDB Atlas network peering connection (AWS VPC, Azure VNet or GCP VPC network) with an Atlas
 * network container. `id` is Atlas's peer id.
 */
export class NetworkPeer extends pulumi.dynamic.Resource implements Record<NetworkPeerOutput, pulumi.Output<unknown>> {
  // `declare`: a class field would be set to undefined after super() and hide the engine's outputs.
  declare readonly projectId: pulumi.Output<string>;
  declare readonly containerId: pulumi.Output<string>;
  declare readonly providerName: pulumi.Output<"AWS" | "AZURE" | "GCP">;
  declare readonly adoptExisting: pulumi.Output<boolean | undefined>;
  declare readonly waitForAvailable: pulumi.Output<boolean | undefined>;
  declare readonly timeouts: pulumi.Output<pulumi.Unwrap<TimeoutsArgs> | undefined>;
  declare readonly poll: pulumi.Output<pulumi.Unwrap<PollArgs> | undefined>;

  /** AWS: the accepter region in AWS form (us-east-1). */
  declare readonly accepterRegionName: pulumi.Output<string | undefined>;
  declare readonly awsAccountId: pulumi.Output<string | undefined>;
  declare readonly routeTableCidrBlock: pulumi.Output<string | undefined>;
  declare readonly vpcId: pulumi.Output<string | undefined>;
  declare readonly azureDirectoryId: pulumi.Output<string | undefined>;
  declare readonly azureSubscriptionId: pulumi.Output<string | undefined>;
  declare readonly resourceGroupName: pulumi.Output<string | undefined>;
  declare readonly vnetName: pulumi.Output<string | undefined>;
  declare readonly gcpProjectId: pulumi.Output<string | undefined>;
  declare readonly networkName: pulumi.Output<string | undefined>;

  /** Atlas's peer id (the same as `id`). */
  declare readonly peerId: pulumi.Output<string>;
  /** The state for every provider: AWS statusName, Azure and GCP status (PENDING_ACCEPTANCE, WAITING_FOR_USER, AVAILABLE, FAILED, …). */
  declare readonly status: pulumi.Output<string>;
  /** AWS only: Atlas's raw statusName. */
  declare readonly statusName: pulumi.Output<string | undefined>;
  /** Why the peer failed: AWS errorStateName (with what it means), Azure errorState, GCP errorMessage. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** AWS only: the VPC peering connection (pcx-…) to accept, e.g. aws.ec2.VpcPeeringConnectionAccepter's vpcPeeringConnectionId. */
  declare readonly connectionId: pulumi.Output<string | undefined>;
  /** The Atlas side's CIDR block (from the container): route it to the peering connection. */
  declare readonly atlasCidrBlock: pulumi.Output<string | undefined>;
  /** GCP only: Atlas's GCP project (p-…) for the reciprocal peering, from the container; not set until Atlas reports it (a refresh then reads it). */
  declare readonly atlasGcpProjectId: pulumi.Output<string | undefined>;
  /** GCP only: Atlas's VPC network name (nt-…) for the reciprocal peering; set along with atlasGcpProjectId. */
  declare readonly atlasNetworkName: pulumi.Output<string | undefined>;

  constructor(name: string, args: NetworkPeerArgs, opts?: pulumi.CustomResourceOptions) {
    // Every computed output is registered (undefined) so that it exists; the list is outputs.ts.
    const outputs = Object.fromEntries(Object.keys(networkPeerOutputs).map((key) => [key, undefined]));
    // Every input key gets an output (undefined when not given), so all declared properties exist.
    const inputs = {
      adoptExisting: undefined,
      waitForAvailable: undefined,
      timeouts: undefined,
      poll: undefined,
      accepterRegionName: undefined,
      awsAccountId: undefined,
      routeTableCidrBlock: undefined,
      vpcId: undefined,
      azureDirectoryId: undefined,
      azureSubscriptionId: undefined,
      resourceGroupName: undefined,
      vnetName: undefined,
      gcpProjectId: undefined,
      networkName: undefined,
      ...args,
    };
    super(provider, name, { ...inputs, ...outputs }, opts, "mongodbatlas-network", "NetworkPeer");
  }
}
