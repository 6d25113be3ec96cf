/**
 * Region names as the simulator checks them, read from the library's region table
 * (provider/atlas-rules/regions.ts, with the source of every list): one table serves both.
 * - Containers take the spec's container enums, in Atlas form only (as Atlas does: the fields are enums).
 * - An endpoint service's `region` (no enum in the spec) takes Atlas names and the cloud's own names
 *   (us-east-1, eastus2, us-central1), as Atlas does; `supportedRemoteRegions` takes AWS regions either way.
 * - A peer's `accepterRegionName` takes the AWS form only (us-east-1), as Atlas does.
 */
import {
  type CloudProvider,
  atlasRegionNameFor,
  cloudProviders,
  cloudRegionName,
  containerRegions,
  regionTable,
} from "../provider/atlas-rules/regions";

export { type CloudProvider, cloudProviders };

/** The container enums (Atlas names). */
export const awsRegions: readonly string[] = containerRegions.AWS;
export const azureRegions: readonly string[] = containerRegions.AZURE;
export const gcpRegions: readonly string[] = containerRegions.GCP;

export function isAtlasRegion(provider: CloudProvider, name: string): boolean {
  return regionTable[provider].some((row) => row.atlas === name);
}

/** `US_EAST_1` → `us-east-1` (the form AWS itself and peer `accepterRegionName` use). */
export function awsNativeRegion(atlasName: string): string {
  return cloudRegionName("AWS", atlasName) ?? atlasName.toLowerCase().replace(/_/g, "-");
}

/**
 * The cloud-native name of an Atlas region (used in generated service names). An Assured Workloads name
 * (CENTRAL_US_AW) is its twin's region.
 */
export function nativeRegion(provider: CloudProvider, atlasName: string): string {
  return (
    cloudRegionName(provider, atlasName) ??
    cloudRegionName(provider, atlasName.replace(/_AW$/, "")) ??
    atlasName.toLowerCase()
  );
}

/**
 * Atlas name of an endpoint service region written either way (`US_EAST_1` or `us-east-1`, `EUROPE_WEST` or
 * `westeurope`, `CENTRAL_US` or `us-central1`); undefined when the provider has no such region.
 */
export function toAtlasRegion(provider: CloudProvider, name: string): string | undefined {
  return atlasRegionNameFor(provider, "endpointService", name);
}

/** The Atlas name of an AWS-native region (`us-east-1` → `US_EAST_1`), only when written natively. */
export function atlasRegionFromAwsNative(name: string): string | undefined {
  return regionTable.AWS.find((row) => row.cloud !== undefined && row.cloud === name)?.atlas;
}
