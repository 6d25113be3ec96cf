import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../shared/dynamic-provider";
import type { TimeoutsArgs } from "../shared/resource-args";

export interface PrivateEndpointRegionalModeArgs {
  /** The Atlas project (group) id; the resource id too. Changing it replaces the resource. */
  projectId: pulumi.Input<string>;
  /**
   * true: more than one private endpoint per cloud region (needed to reach multi-region and global sharded clusters
   * through private endpoints in several regions; the project can then hold no replica sets). Updated in place.
   */
  enabled: pulumi.Input<boolean>;
  /**
   * Accepted for symmetry with the other resources; the setting always exists, so creating this resource always
   * takes it over (and `pulumi destroy` disables it).
   */
  adoptExisting?: pulumi.Input<boolean>;
  timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** One provider object for every resource of this kind (see PrivateEndpointService). */
const provider = new AtlasDynamicProvider("privateEndpointRegionalMode");

/**
 * The project's regionalized private endpoint setting (Terraform `mongodbatlas_private_endpoint_regional_mode`),
 * one per project. Create takes the setting over (PATCH only when it differs); delete disables it, and fails with
 * Atlas's reason when Atlas refuses because the project's private endpoints span regions (Terraform ignores that
 * refusal and leaves the mode on). Make registrations in several regions `dependsOn` it.
 */
export class PrivateEndpointRegionalMode extends pulumi.dynamic.Resource {
  declare readonly projectId: pulumi.Output<string>;
  /** The setting as Atlas has it. */
  declare readonly enabled: pulumi.Output<boolean>;

  constructor(name: string, args: PrivateEndpointRegionalModeArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, "mongodbatlas-network", "PrivateEndpointRegionalMode");
  }
}
