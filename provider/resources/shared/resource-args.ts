import type * as pulumi from "@pulumi/pulumi";
import type { AwsRegion, AzureRegion, GcpRegion } from "./regions";

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
}

/** The inputs that steer this provider's waits; they are stored in state, never sent to Atlas. */
export interface WaitArgs {
  timeouts?: pulumi.Input<TimeoutsArgs>;
  poll?: pulumi.Input<PollArgs>;
}

/** `US_EAST_1` → `us-east-1`: the AWS form of a region name. */
type AwsNativeForm<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Lowercase<Head>}-${AwsNativeForm<Tail>}`
  : Lowercase<S>;

// The names are offered by the editor, but `string & {}` still takes a plain string, such as a stack config
// value (`config.require("region")`); check refuses a name that is not a region of the provider.

/** An AWS region in Atlas form (US_EAST_1) or AWS form (us-east-1). */
export type AwsRegionName = AwsRegion | AwsNativeForm<AwsRegion> | (string & {});
/** An Azure region in Atlas form (US_EAST_2). */
export type AzureRegionName = AzureRegion | (string & {});
/** A GCP region in Atlas form (CENTRAL_US). */
export type GcpRegionName = GcpRegion | (string & {});
