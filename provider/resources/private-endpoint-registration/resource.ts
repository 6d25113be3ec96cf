import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import type { WaitArgs } from "../shared/resource-args";
import { privateEndpointRegistrationOutputs, type PrivateEndpointRegistrationOutput } from "./outputs";

interface CommonArgs extends WaitArgs {
  /** The Atlas project (group) id. Changing it replaces the registration. */
  projectId: pulumi.Input<string>;
  /** Atlas's id of the private endpoint service (a PrivateEndpointService's `endpointServiceId`). Changing it replaces. */
  endpointServiceId: pulumi.Input<string>;
  /**
   * When the endpoint is already registered with the service (an earlier run, the Atlas UI), true adopts it
   * (`pulumi destroy` then deletes it); false or unset fails, naming it.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

export interface AwsPrivateEndpointRegistrationArgs extends CommonArgs {
  providerName: "AWS";
  /** Your interface VPC endpoint's id (vpce-…, `aws.ec2.VpcEndpoint`'s `id`), made with the service's `endpointServiceName`. */
  vpcEndpointId: pulumi.Input<string>;
  privateEndpointResourceId?: never;
  privateEndpointIpAddress?: never;
  gcpProjectId?: never;
  endpointGroupName?: never;
  endpoints?: never;
}

export interface AzurePrivateEndpointRegistrationArgs extends CommonArgs {
  providerName: "AZURE";
  /** Your private endpoint's Azure resource id (/subscriptions/…/providers/Microsoft.Network/privateEndpoints/…). */
  privateEndpointResourceId: pulumi.Input<string>;
  /** Your private endpoint's private IP address (its network interface's). */
  privateEndpointIpAddress: pulumi.Input<string>;
  vpcEndpointId?: never;
  gcpProjectId?: never;
  endpointGroupName?: never;
  endpoints?: never;
}

/** One forwarding rule of a GCP endpoint group. */
export interface GcpEndpointArgs {
  /** The forwarding rule's name. */
  endpointName: pulumi.Input<string>;
  /** The forwarding rule's internal IP address. */
  ipAddress: pulumi.Input<string>;
}

export interface GcpPrivateEndpointRegistrationArgs extends CommonArgs {
  providerName: "GCP";
  /** The GCP project that holds the forwarding rules (its id, such as my-network-project). */
  gcpProjectId: pulumi.Input<string>;
  /**
   * The endpoint group's name (often the VPC network's). Required with more than one forwarding rule; with port
   * mapping Atlas ignores it and names the group after the one rule (omitted, that name is sent).
   */
  endpointGroupName?: pulumi.Input<string>;
  /**
   * The forwarding rules: exactly 1 for a service with port mapping, else one per entry of the service's
   * `serviceAttachmentNames` (checked against the service at create, before any write).
   */
  endpoints: pulumi.Input<pulumi.Input<GcpEndpointArgs>[]>;
  vpcEndpointId?: never;
  privateEndpointResourceId?: never;
  privateEndpointIpAddress?: never;
}

/** One variant per cloud provider: a field of another provider's variant does not compile. */
export type PrivateEndpointRegistrationArgs =
  AwsPrivateEndpointRegistrationArgs | AzurePrivateEndpointRegistrationArgs | GcpPrivateEndpointRegistrationArgs;

/** One provider object for every resource of this kind (see PrivateEndpointService). */
const provider = new AtlasDynamicProvider("privateEndpointRegistration");

/**
 * Your cloud endpoint registered with an Atlas private endpoint service: the second half of PrivateLink (AWS
 * interface VPC endpoint), Private Link (Azure private endpoint) or Private Service Connect (GCP forwarding
 * rules). Terraform calls it `mongodbatlas_privatelink_endpoint_service`. The resource id is the id Atlas
 * knows it by (`endpointId`). Atlas cannot change a registration: every change replaces it.
 */
export class PrivateEndpointRegistration
  extends pulumi.dynamic.Resource
  implements Record<PrivateEndpointRegistrationOutput, pulumi.Output<unknown>>
{
  // `declare`: class fields would be initialized after super() and hide the values the engine resolves.
  declare readonly projectId: pulumi.Output<string>;
  declare readonly endpointServiceId: pulumi.Output<string>;
  declare readonly providerName: pulumi.Output<"AWS" | "AZURE" | "GCP">;
  declare readonly vpcEndpointId: pulumi.Output<string | undefined>;
  declare readonly privateEndpointResourceId: pulumi.Output<string | undefined>;
  declare readonly privateEndpointIpAddress: pulumi.Output<string | undefined>;
  declare readonly gcpProjectId: pulumi.Output<string | undefined>;
  declare readonly endpointGroupName: pulumi.Output<string | undefined>;
  declare readonly endpoints: pulumi.Output<{ endpointName: string; ipAddress: string }[] | undefined>;

  /** The id Atlas knows the registration by (also this resource's id). */
  declare readonly endpointId: pulumi.Output<string>;
  /** AWS connectionStatus or Azure/GCP status; AVAILABLE after a successful create. */
  declare readonly status: pulumi.Output<string>;
  /** Atlas's reason when status is REJECTED or FAILED. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** True once Atlas received a request to remove the registration. */
  declare readonly deleteRequested: pulumi.Output<boolean>;
  /** Azure: the connection name Atlas generated for your private endpoint. */
  declare readonly privateEndpointConnectionName: pulumi.Output<string | undefined>;
  /** GCP: each forwarding rule with its own status. */
  declare readonly endpointStatuses: pulumi.Output<
    { endpointName: string; ipAddress: string; status?: string }[] | undefined
  >;
  /** GCP: whether the service uses port mapping. */
  declare readonly portMappingEnabled: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: PrivateEndpointRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    // Every computed output is registered (undefined) so that it exists; the list is outputs.ts.
    const outputs = Object.fromEntries(Object.keys(privateEndpointRegistrationOutputs).map((key) => [key, undefined]));
    // Inputs of the other providers' variants are still registered (undefined) so their outputs exist.
    const props = {
      vpcEndpointId: undefined,
      privateEndpointResourceId: undefined,
      privateEndpointIpAddress: undefined,
      gcpProjectId: undefined,
      endpointGroupName: undefined,
      endpoints: undefined,
      ...args,
      ...outputs,
    };
    super(provider, name, props, opts, "mongodbatlas-network", "PrivateEndpointRegistration");
  }
}
