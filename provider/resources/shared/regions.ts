/**
 * Region names as the resources use them. The table itself (Atlas name ↔ the cloud's own name, per provider, with
 * its sources) is provider/atlas-rules/regions.ts, which the simulator reads too.
 */
import { type CloudProvider, atlasRegionName, cloudRegionName, containerRegions } from "../../atlas-rules/regions";

export {
  type AwsRegion,
  type AzureRegion,
  type GcpRegion,
  type AwsCloudRegion,
  type AzureCloudRegion,
  type GcpCloudRegion,
  type CloudProvider,
  type RegionInput,
  isCloudProvider,
} from "../../atlas-rules/regions";

/** The names a container takes per provider: the spec's container enums (test/conformance/regions.test.ts). */
export const awsRegions: readonly string[] = containerRegions.AWS;
export const azureRegions: readonly string[] = containerRegions.AZURE;
export const gcpRegions: readonly string[] = containerRegions.GCP;

/**
 * The Atlas form of a region name written either way: Atlas's (US_EAST_2, any case, - for _) or the cloud's own
 * (us-east-2, eastus2, us-central1). Returns undefined when the provider has no such region. Comparing in this form
 * is what makes a respelling no change, and what adoption matches Atlas's regionName with.
 */
export function toAtlasRegion(provider: CloudProvider, name: string): string | undefined {
  return atlasRegionName(provider, name);
}

/** A list of region names as Atlas treats it: order and repeats carry no meaning, so one sorted set. */
export function canonicalRegionList(regions: readonly string[]): string[] {
  return [...new Set(regions)].sort();
}

/**
 * The AWS form (us-east-1) that the peering API wants for `accepterRegionName`, from either form.
 * Atlas's peering API is the one place that takes AWS-native names (the Terraform provider converts too).
 * Undefined for a name that is no AWS region, and for GLOBAL, which no VPC is in.
 */
export function toAwsNativeRegion(name: string): string | undefined {
  return cloudRegionName("AWS", name);
}
