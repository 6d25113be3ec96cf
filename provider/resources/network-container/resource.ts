import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import type { AwsRegion, AzureRegion, GcpRegion } from "../shared/regions";

/** "US_EAST_1" → "us-east-1": the AWS form of a region name, which regionName accepts too. */
type AwsNativeForm<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Lowercase<Head>}-${AwsNativeForm<Tail>}` : Lowercase<S>;

/** Durations such as "90s", "45m", "1h30m", or a number of seconds. Default: 1 hour each. */
export interface NetworkContainerTimeouts {
  create?: pulumi.Input<string | number>;
  update?: pulumi.Input<string | number>;
  delete?: pulumi.Input<string | number>;
}

/** How often to read again: the verifying read after a write, and the DELETE retries while Atlas says the container is in use. */
export interface NetworkContainerPoll {
  initialDelaySeconds?: pulumi.Input<number>;
  intervalSeconds?: pulumi.Input<number>;
  maxIntervalSeconds?: pulumi.Input<number>;
  /** Accepted for symmetry with the other resources; containers are always read with their own GET. */
  coalesce?: pulumi.Input<boolean>;
}

interface NetworkContainerCommonArgs {
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
  timeouts?: pulumi.Input<NetworkContainerTimeouts>;
  poll?: pulumi.Input<NetworkContainerPoll>;
}

export interface AwsNetworkContainerArgs extends NetworkContainerCommonArgs {
  providerName: "AWS";
  /** Atlas form (US_EAST_1) or AWS form (us-east-1). Changing it replaces the container. */
  regionName: pulumi.Input<AwsRegion | AwsNativeForm<AwsRegion>>;
  region?: never;
  regions?: never;
}

export interface AzureNetworkContainerArgs extends NetworkContainerCommonArgs {
  providerName: "AZURE";
  /** Atlas form, such as US_EAST_2. Changing it replaces the container. */
  region: pulumi.Input<AzureRegion>;
  regionName?: never;
  regions?: never;
}

export interface GcpNetworkContainerArgs extends NetworkContainerCommonArgs {
  providerName: "GCP";
  /** The GCP regions clusters may use; leave out for a global container. Changing it replaces the container. */
  regions?: pulumi.Input<pulumi.Input<GcpRegion>[]>;
  regionName?: never;
  region?: never;
}

export type NetworkContainerArgs = AwsNetworkContainerArgs | AzureNetworkContainerArgs | GcpNetworkContainerArgs;

/**
 * The Atlas network container that network peering connections attach to: one per provider region for AWS
 * and Azure, one per project for GCP. The resource id is the container id (`containerId` repeats it), which a
 * NetworkPeer takes as its `containerId`. Deleting waits while peers or endpoint services still use it.
 */
export class NetworkContainer extends pulumi.dynamic.Resource {
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
  declare readonly timeouts: pulumi.Output<NetworkContainerTimeouts | undefined>;
  declare readonly poll: pulumi.Output<NetworkContainerPoll | undefined>;
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
   * GCP: the Atlas GCP project, for the reciprocal peering on the GCP side. Atlas reports it once something
   * lives in the container, so after the first peering a `pulumi refresh` fills it in.
   */
  declare readonly gcpProjectId: pulumi.Output<string | undefined>;
  /** GCP: the Atlas VPC network, for the reciprocal peering (reported like gcpProjectId). */
  declare readonly networkName: pulumi.Output<string | undefined>;

  constructor(name: string, args: NetworkContainerArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      regionName: undefined,
      region: undefined,
      regions: undefined,
      adoptExisting: undefined,
      timeouts: undefined,
      poll: undefined,
      ...args,
      containerId: undefined,
      provisioned: undefined,
      vpcId: undefined,
      azureSubscriptionId: undefined,
      vnetName: undefined,
      gcpProjectId: undefined,
      networkName: undefined,
    };
    super(new AtlasDynamicProvider("networkContainer"), name, props, opts, "mongodbatlas-network", "NetworkContainer");
  }
}
