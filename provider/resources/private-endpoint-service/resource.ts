import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import { privateEndpointServiceOutputs, type PrivateEndpointServiceOutput } from "./outputs";
import type { AwsRegionName, AzureRegionName, GcpRegionName, WaitArgs } from "../shared/resource-args";

interface CommonArgs extends WaitArgs {
  /** The Atlas project (group) id. Changing it replaces the service. */
  projectId: pulumi.Input<string>;
  /**
   * Atlas allows one service per provider and region in a project. When one already exists, true adopts it
   * (and brings it to these inputs; `pulumi destroy` then deletes it); false or unset fails, naming its id.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

export interface AwsPrivateEndpointServiceArgs extends CommonArgs {
  providerName: "AWS";
  /** Changing it replaces the service. */
  region: pulumi.Input<AwsRegionName>;
  /** Cross-region PrivateLink: other AWS regions whose VPCs may connect (at most 35, not `region`). Updated in place. Omitted = none. */
  supportedRemoteRegions?: pulumi.Input<pulumi.Input<AwsRegionName>[]>;
  portMappingEnabled?: never;
}

export interface AzurePrivateEndpointServiceArgs extends CommonArgs {
  providerName: "AZURE";
  /** Atlas form, e.g. US_EAST_2. Changing it replaces the service. */
  region: pulumi.Input<AzureRegionName>;
  supportedRemoteRegions?: never;
  portMappingEnabled?: never;
}

export interface GcpPrivateEndpointServiceArgs extends CommonArgs {
  providerName: "GCP";
  /** Atlas form, e.g. CENTRAL_US. Changing it replaces the service. */
  region: pulumi.Input<GcpRegionName>;
  /** Port-mapped Private Service Connect: one service attachment instead of 50. Fixed at creation (a change replaces). Default false. */
  portMappingEnabled?: pulumi.Input<boolean>;
  supportedRemoteRegions?: never;
}

/** One variant per cloud provider: a field of another provider's variant does not compile. */
export type PrivateEndpointServiceArgs =
  AwsPrivateEndpointServiceArgs | AzurePrivateEndpointServiceArgs | GcpPrivateEndpointServiceArgs;

/**
 * One provider object for every resource of this kind: Pulumi serializes a provider once per object,
 * so sharing it saves a serialization per resource (it showed in `pulumi preview` of a 50-resource stack).
 */
const provider = new AtlasDynamicProvider("privateEndpointService");

/**
 * An Atlas private endpoint service: the Atlas side of PrivateLink (AWS), Private Link (Azure) or Private
 * Service Connect (GCP), one per cloud provider and region in a project. The resource id is Atlas's
 * endpoint service id. Wire the cloud side to these outputs:
 * - AWS: an interface VPC endpoint (`aws.ec2.VpcEndpoint`) with `serviceName: endpointServiceName`;
 * - Azure: a private endpoint whose private service connection targets `privateLinkServiceResourceId`;
 * - GCP: one address and forwarding rule per entry of `serviceAttachmentNames` (their `target`).
 * Then register those endpoints with Atlas (the endpoint of this service, `endpointServiceId`).
 */
export class PrivateEndpointService
  extends pulumi.dynamic.Resource
  implements Record<PrivateEndpointServiceOutput, pulumi.Output<unknown>>
{
  // `declare`: class fields would be initialized after super() and hide the values the engine resolves.
  declare readonly projectId: pulumi.Output<string>;
  declare readonly providerName: pulumi.Output<"AWS" | "AZURE" | "GCP">;
  /** Atlas form (US_EAST_1), whatever form was given. */
  declare readonly region: pulumi.Output<string>;
  /** AWS: the remote regions, sorted, in Atlas form. */
  declare readonly supportedRemoteRegions: pulumi.Output<string[] | undefined>;
  /** GCP: whether the service uses port mapping. */
  declare readonly portMappingEnabled: pulumi.Output<boolean | undefined>;

  /** Atlas's id of the service (also this resource's id): what the Atlas private endpoint registration needs. */
  declare readonly endpointServiceId: pulumi.Output<string>;
  /** INITIATING, AVAILABLE, WAITING_FOR_USER, FAILED or DELETING; AVAILABLE or WAITING_FOR_USER after a successful create. */
  declare readonly status: pulumi.Output<string>;
  /** Atlas's reason when status is FAILED. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** The region as Atlas reports it. */
  declare readonly regionName: pulumi.Output<string | undefined>;

  /** AWS: the VPC endpoint service name (com.amazonaws.vpce.<region>.vpce-svc-…): the `serviceName` of your interface endpoint. */
  declare readonly endpointServiceName: pulumi.Output<string | undefined>;
  /** AWS: ids of the Atlas interface endpoints attached to this service. */
  declare readonly interfaceEndpoints: pulumi.Output<string[] | undefined>;

  /** Azure: the Private Link Service name (pls_…). */
  declare readonly privateLinkServiceName: pulumi.Output<string | undefined>;
  /** Azure: the Private Link Service resource id: the target of your private endpoint's connection. */
  declare readonly privateLinkServiceResourceId: pulumi.Output<string | undefined>;
  /** Azure: private endpoints attached to this service. */
  declare readonly privateEndpoints: pulumi.Output<string[] | undefined>;

  /** GCP: endpoint groups attached to this service. */
  declare readonly endpointGroupNames: pulumi.Output<string[] | undefined>;
  /** GCP: service attachments, the targets of your forwarding rules (one with port mapping, else 50). */
  declare readonly serviceAttachmentNames: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: PrivateEndpointServiceArgs, opts?: pulumi.CustomResourceOptions) {
    // Every computed output is registered (undefined) so that it exists; the list is outputs.ts.
    const outputs = Object.fromEntries(Object.keys(privateEndpointServiceOutputs).map((key) => [key, undefined]));
    // Provider-specific inputs absent from this variant are still registered (undefined) so their outputs exist.
    const props = { supportedRemoteRegions: undefined, portMappingEnabled: undefined, ...args, ...outputs };
    super(provider, name, props, opts, "mongodbatlas-network", "PrivateEndpointService");
    // The same value as the id, taken from the id: a preview keeps an updated resource's id known but not its
    // other outputs (dynamic providers have no preview of an update), so a registration wired to an output
    // would be planned as a replacement at every in-place update of its service.
    this.endpointServiceId = this.id;
  }
}
