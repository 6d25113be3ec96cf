import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import { networkContainerOutputs, type NetworkContainerOutput } from "./outputs";
import type { AwsRegion, AzureRegion, GcpRegion } from "../shared/regions";
import type {
  AwsRegionName,
  AzureRegionName,
  GcpRegionName,
  PollArgs,
  TimeoutsArgs,
  WaitArgs,
} from "../shared/resource-args";

interface NetworkContainerCommonArgs extends WaitArgs {
  /** The Atlas project (24 hex digits). Changing it replaces the container. */
  projectId: pulumi.Input<string>;
  /**
   * The Atlas-side CIDR block: RFC 1918, written with its network address; /21 to /24 (GCP: /18 to /24, /21 to
   * /24 with regions). Updated in place while nothing uses the container; Atlas locks it once a peering
   * connection or an M10+ cluster exists in the project.
   */
  atlasCidrBlock: pulumi.Input<string>;
  /**
   * Take over the container Atlas already has for this provider region (GCP: project), for example the one it
   * created with the first private endpoint service. Without it, an existing container fails the create with its id.
   */
  adoptExisting?: pulumi.Input<boolean>;
  /**
   * Paces the verifying read after a write and the DELETE retries while Atlas says the container is in use.
   * `coalesce` has no effect: containers are always read with their own GET.
   */
  poll?: pulumi.Input<PollArgs>;
}

export interface AwsNetworkContainerArgs extends NetworkContainerCommonArgs {
  providerName: "AWS";
  /** Atlas form (US_EAST_1) or AWS form (us-east-1). Changing it replaces the container. */
  regionName: pulumi.Input<AwsRegionName>;
  region?: never;
  regions?: never;
}

export interface AzureNetworkContainerArgs extends NetworkContainerCommonArgs {
  providerName: "AZURE";
  /** Atlas form, such as US_EAST_2. Changing it replaces the container. */
  region: pulumi.Input<AzureRegionName>;
  regionName?: never;
  regions?: never;
}

export interface GcpNetworkContainerArgs extends NetworkContainerCommonArgs {
  providerName: "GCP";
  /** The GCP regions clusters may use; leave out for a global container. Updated in place (Atlas PATCHes the list). */
  regions?: pulumi.Input<pulumi.Input<GcpRegionName>[]>;
  regionName?: never;
  region?: never;
}

export type NetworkContainerArgs = AwsNetworkContainerArgs | AzureNetworkContainerArgs | GcpNetworkContainerArgs;

/**
 * One provider object for every resource of this kind: Pulumi serializes a provider once per object,
 * so sharing it saves a serialization per resource (it showed in `pulumi preview` of a 50-resource stack).
 */
const provider = new AtlasDynamicProvider("networkContainer");

/**
 * The Atlas network container that network peering connections attach to: one per provider region for AWS
 * and Azure, one per project for GCP. The resource id is the container id (`containerId` repeats it), which a
 * NetworkPeer takes as its `containerId`. Deleting waits while peers or endpoint services still use it.
 */
export class NetworkContainer
  extends pulumi.dynamic.Resource
  implements Record<NetworkContainerOutput, pulumi.Output<unknown>>
{
  // `declare`: class fields would be initialized after super() and hide the values the engine resolves.
  declare readonly projectId: pulumi.Output<string>;
  declare readonly providerName: pulumi.Output<"AWS" | "AZURE" | "GCP">;
  declare readonly atlasCidrBlock: pulumi.Output<string>;
  /** AWS */
  declare readonly regionName: pulumi.Output<AwsRegion | undefined>;
  /** Azure */
  declare readonly region: pulumi.Output<AzureRegion | undefined>;
  /** GCP: the declared regions as Atlas reports them (undefined when none are declared). */
  declare readonly regions: pulumi.Output<GcpRegion[] | undefined>;
  declare readonly adoptExisting: pulumi.Output<boolean | undefined>;
  declare readonly timeouts: pulumi.Output<pulumi.Unwrap<TimeoutsArgs> | undefined>;
  declare readonly poll: pulumi.Output<pulumi.Unwrap<PollArgs> | undefined>;
  /** The Atlas container id (the same as the resource id). */
  declare readonly containerId: pulumi.Output<string>;
  /** True once clusters or peering connections live in the container (Atlas then locks its CIDR block). */
  declare readonly provisioned: pulumi.Output<boolean>;
  /** AWS: the Atlas VPC. */
  declare readonly vpcId: pulumi.Output<string | undefined>;
  /** Azure: the subscription holding the Atlas VNet. */
  declare readonly azureSubscriptionId: pulumi.Output<string | undefined>;
  /** Azure: the Atlas VNet; Atlas reports it once something lives in the container. */
  declare readonly vnetName: pulumi.Output<string | undefined>;
  /**
   * GCP: the Atlas GCP project, for the reciprocal peering on the GCP side. Atlas reports it once it has built its
   * network: as a rule with the first peering, in some projects only once a cluster lives in the container; a
   * `pulumi refresh` after that fills it in (NetworkPeer's atlasGcpProjectId has it too).
   */
  declare readonly gcpProjectId: pulumi.Output<string | undefined>;
  /** GCP: the Atlas VPC network, for the reciprocal peering (reported like gcpProjectId). */
  declare readonly networkName: pulumi.Output<string | undefined>;

  constructor(name: string, args: NetworkContainerArgs, opts?: pulumi.CustomResourceOptions) {
    // Every computed output is registered (undefined) so that it exists; the list is outputs.ts.
    const outputs = Object.fromEntries(Object.keys(networkContainerOutputs).map((key) => [key, undefined]));
    // Inputs absent from this variant or left out are still registered (undefined) so their outputs exist.
    const props: Record<string, unknown> = {
      regionName: undefined,
      region: undefined,
      regions: undefined,
      adoptExisting: undefined,
      timeouts: undefined,
      poll: undefined,
      ...args,
      ...outputs,
    };
    super(provider, name, props, opts, "mongodbatlas-network", "NetworkContainer");
  }
}
