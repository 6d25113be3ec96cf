import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import type { WaitArgs } from "../shared/resource-args";
import { serverlessPrivateEndpointOutputs, type ServerlessPrivateEndpointOutput } from "./outputs";

interface CommonArgs extends WaitArgs {
  /** The Atlas project (24 hex digits). Changing it replaces the endpoint. */
  projectId: pulumi.Input<string>;
  /** The serverless instance the endpoint belongs to. Changing it replaces the endpoint. */
  instanceName: pulumi.Input<string>;
  /** Up to 80 characters; part of how an unattached reservation is found again (adoption, re-runs). */
  comment?: pulumi.Input<string>;
  /** Manage an existing endpoint that matches this one instead of failing. */
  adoptExisting?: pulumi.Input<boolean>;
}

export interface AwsServerlessPrivateEndpointArgs extends CommonArgs {
  providerName: "AWS";
  /**
   * The AWS interface endpoint (vpce-…) to attach, created against `endpointServiceName`. Leave it out to
   * only reserve the endpoint; adding it later attaches it in place; changing it afterwards replaces.
   */
  cloudProviderEndpointId?: pulumi.Input<string>;
  privateEndpointIpAddress?: never;
}

export interface AzureServerlessPrivateEndpointArgs extends CommonArgs {
  providerName: "AZURE";
  /** The Azure private endpoint's resource id, created against `privateLinkServiceResourceId`. Set with privateEndpointIpAddress. */
  cloudProviderEndpointId?: pulumi.Input<string>;
  /** The Azure private endpoint's IP address in your VNet. Set with cloudProviderEndpointId. */
  privateEndpointIpAddress?: pulumi.Input<string>;
}

export type ServerlessPrivateEndpointArgs = AwsServerlessPrivateEndpointArgs | AzureServerlessPrivateEndpointArgs;

/**
 * One provider object for every resource of this kind: Pulumi serializes a provider once per object,
 * so sharing it saves a serialization per resource (it showed in `pulumi preview` of a 50-resource stack).
 */
const provider = new AtlasDynamicProvider("serverlessPrivateEndpoint");

/**
 * A private endpoint of an Atlas serverless instance (AWS or Azure). Without cloudProviderEndpointId it is
 * reserved (status RESERVED): create the AWS interface endpoint against `endpointServiceName` (or the Azure
 * private endpoint against `privateLinkServiceResourceId`), then declare its id to attach it (AVAILABLE).
 *
 * An existing endpoint is this resource when it is attached to the declared cloud endpoint, or, failing
 * that, when it is an unattached reservation with the same comment: `adoptExisting: true` adopts it,
 * otherwise create fails naming it (several matches always fail). Give reservations distinct comments.
 *
 * Atlas sunset serverless instances on 2026-01-22: this works wherever the API still answers, and fails
 * with a clear error where it does not; for new work use a dedicated cluster with a PrivateEndpointService.
 */
export class ServerlessPrivateEndpoint
  extends pulumi.dynamic.Resource
  implements Record<ServerlessPrivateEndpointOutput, pulumi.Output<unknown>>
{
  // `declare`: class fields would be initialized after super() and hide the values the engine resolves.
  declare readonly projectId: pulumi.Output<string>;
  declare readonly instanceName: pulumi.Output<string>;
  declare readonly providerName: pulumi.Output<"AWS" | "AZURE">;
  declare readonly comment: pulumi.Output<string | undefined>;
  /** Atlas's id of the endpoint (`_id`). */
  declare readonly endpointId: pulumi.Output<string>;
  /** RESERVATION_REQUESTED, RESERVED, INITIATING, AVAILABLE, FAILED or DELETING. */
  declare readonly status: pulumi.Output<string>;
  /** Why the endpoint FAILED, as Atlas says. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;
  /** AWS: the VPC endpoint service name the interface endpoint connects to; Azure: the private link service name. */
  declare readonly endpointServiceName: pulumi.Output<string | undefined>;
  /** Azure: the private link service the Azure private endpoint connects to. */
  declare readonly privateLinkServiceResourceId: pulumi.Output<string | undefined>;
  declare readonly cloudProviderEndpointId: pulumi.Output<string | undefined>;
  declare readonly privateEndpointIpAddress: pulumi.Output<string | undefined>;

  constructor(name: string, args: ServerlessPrivateEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    // Every computed output is registered (undefined) so that it exists; the list is outputs.ts.
    const outputs = Object.fromEntries(Object.keys(serverlessPrivateEndpointOutputs).map((key) => [key, undefined]));
    // Optional inputs left out are still registered (undefined) so their outputs exist.
    const props = {
      comment: undefined,
      cloudProviderEndpointId: undefined,
      privateEndpointIpAddress: undefined,
      ...args,
      ...outputs,
    };
    super(provider, name, props, opts, "mongodbatlas-network", "ServerlessPrivateEndpoint");
  }
}
