import type * as pulumi from "@pulumi/pulumi";
import type { AwsCloudRegion, AwsRegion, AzureCloudRegion, AzureRegion, GcpCloudRegion, GcpRegion } from "./regions";

/** Argument types every resource shares; each resource's own args are a discriminated union per provider. */

/** A duration such as "90s", "45m" or "1h30m", or a number of seconds. */
export type Duration = string | number;

/**
 * How long create, update and delete wait for Atlas; each defaults to 1 h, like Terraform's. Pulumi's own
 * customTimeouts never reach a dynamic provider, hence an input.
 */
export interface TimeoutsArgs {
  create?: pulumi.Input<Duration>;
  update?: pulumi.Input<Duration>;
  delete?: pulumi.Input<Duration>;
}

/** How waits poll Atlas; the defaults suit real Atlas (a first read after about a second, then slower, at most every 30 s). */
export interface PollArgs {
  initialDelaySeconds?: pulumi.Input<number>;
  intervalSeconds?: pulumi.Input<number>;
  maxIntervalSeconds?: pulumi.Input<number>;
  /** false: one GET per wait (as Terraform does) instead of one list call per tick shared by every wait on the same list. */
  coalesce?: pulumi.Input<boolean>;
  /** Real seconds per Atlas second of the default schedule, for a simulator running faster than Atlas (default 1). */
  timeScale?: pulumi.Input<number>;
}

/** The inputs that steer this provider's waits; they are stored in state, never sent to Atlas. */
export interface WaitArgs {
  timeouts?: pulumi.Input<TimeoutsArgs>;
  poll?: pulumi.Input<PollArgs>;
}

// The names are offered by the editor, but `string & {}` still takes a plain string, such as a stack config
// value (`config.require("region")`); check refuses a name that is not a region of the provider, and names the
// closest ones. Every list: docs/regions.md (generated from provider/atlas-rules/regions.ts).

/** An AWS region in Atlas form (US_EAST_1) or AWS form (us-east-1). */
export type AwsRegionName = AwsRegion | AwsCloudRegion | (string & {});
/** An Azure region in Atlas form (US_EAST_2) or Azure form (eastus2). */
export type AzureRegionName = AzureRegion | AzureCloudRegion | (string & {});
/** A GCP region in Atlas form (CENTRAL_US) or GCP form (us-central1). */
export type GcpRegionName = GcpRegion | GcpCloudRegion | (string & {});
