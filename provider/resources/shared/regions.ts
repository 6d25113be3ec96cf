/**
 * Atlas region names per cloud provider, as the container schemas of the Atlas Admin API v2 enumerate
 * them (AWSCloudProviderContainer.regionName, AzureCloudProviderContainer.region,
 * GCPCloudProviderContainer.regions). test/conformance/regions.test.ts compares these lists with the official spec.
 */
export const awsRegions = [
  "US_EAST_1",
  "US_EAST_2",
  "US_WEST_1",
  "US_WEST_2",
  "CA_CENTRAL_1",
  "EU_NORTH_1",
  "EU_WEST_1",
  "EU_WEST_2",
  "EU_WEST_3",
  "EU_CENTRAL_1",
  "EU_CENTRAL_2",
  "SA_EAST_1",
  "AP_EAST_1",
  "AP_EAST_2",
  "AP_SOUTHEAST_2",
  "AP_SOUTHEAST_3",
  "AP_SOUTHEAST_4",
  "AP_SOUTHEAST_5",
  "AP_SOUTHEAST_6",
  "AP_SOUTHEAST_7",
  "AP_NORTHEAST_1",
  "AP_NORTHEAST_2",
  "AP_NORTHEAST_3",
  "AP_SOUTHEAST_1",
  "AP_SOUTH_1",
  "AP_SOUTH_2",
  "CN_NORTH_1",
  "CN_NORTHWEST_1",
  "ME_CENTRAL_1",
  "ME_SOUTH_1",
  "AF_SOUTH_1",
  "EU_SOUTH_1",
  "EU_SOUTH_2",
  "IL_CENTRAL_1",
  "CA_WEST_1",
  "MX_CENTRAL_1",
  "GLOBAL",
  "US_GOV_WEST_1",
  "US_GOV_EAST_1",
] as const;

export const azureRegions = [
  "US_CENTRAL",
  "US_EAST",
  "US_EAST_2",
  "US_EAST_2_EUAP",
  "US_NORTH_CENTRAL",
  "US_WEST",
  "US_SOUTH_CENTRAL",
  "EUROPE_NORTH",
  "EUROPE_WEST",
  "US_WEST_CENTRAL",
  "US_WEST_2",
  "US_WEST_3",
  "CANADA_EAST",
  "CANADA_CENTRAL",
  "BRAZIL_SOUTH",
  "BRAZIL_SOUTHEAST",
  "AUSTRALIA_EAST",
  "AUSTRALIA_SOUTH_EAST",
  "AUSTRALIA_CENTRAL",
  "AUSTRALIA_CENTRAL_2",
  "UAE_NORTH",
  "GERMANY_WEST_CENTRAL",
  "GERMANY_NORTH",
  "SWITZERLAND_NORTH",
  "SWITZERLAND_WEST",
  "SWEDEN_CENTRAL",
  "SWEDEN_SOUTH",
  "UK_SOUTH",
  "UK_WEST",
  "INDIA_CENTRAL",
  "INDIA_WEST",
  "INDIA_SOUTH",
  "CHINA_EAST",
  "CHINA_NORTH",
  "ASIA_EAST",
  "JAPAN_EAST",
  "JAPAN_WEST",
  "ASIA_SOUTH_EAST",
  "KOREA_CENTRAL",
  "KOREA_SOUTH",
  "FRANCE_CENTRAL",
  "FRANCE_SOUTH",
  "SOUTH_AFRICA_NORTH",
  "SOUTH_AFRICA_WEST",
  "NORWAY_EAST",
  "NORWAY_WEST",
  "UAE_CENTRAL",
  "QATAR_CENTRAL",
  "POLAND_CENTRAL",
  "ISRAEL_CENTRAL",
  "ITALY_NORTH",
  "SPAIN_CENTRAL",
  "MEXICO_CENTRAL",
  "NEW_ZEALAND_NORTH",
  "INDONESIA_CENTRAL",
  "MALAYSIA_WEST",
  "CHILE_CENTRAL",
  "US_GOV_VIRGINIA",
  "US_GOV_ARIZONA",
  "US_GOV_TEXAS",
] as const;

export const gcpRegions = [
  "AFRICA_SOUTH_1",
  "ASIA_EAST_2",
  "ASIA_NORTHEAST_2",
  "ASIA_NORTHEAST_3",
  "ASIA_SOUTH_1",
  "ASIA_SOUTH_2",
  "ASIA_SOUTHEAST_2",
  "AUSTRALIA_SOUTHEAST_1",
  "AUSTRALIA_SOUTHEAST_2",
  "CENTRAL_US",
  "EASTERN_ASIA_PACIFIC",
  "EASTERN_US",
  "EUROPE_CENTRAL_2",
  "EUROPE_NORTH_1",
  "EUROPE_WEST_2",
  "EUROPE_WEST_3",
  "EUROPE_WEST_4",
  "EUROPE_WEST_6",
  "EUROPE_WEST_10",
  "EUROPE_WEST_12",
  "MIDDLE_EAST_CENTRAL_1",
  "MIDDLE_EAST_CENTRAL_2",
  "MIDDLE_EAST_WEST_1",
  "NORTH_AMERICA_NORTHEAST_1",
  "NORTH_AMERICA_NORTHEAST_2",
  "NORTH_AMERICA_SOUTH_1",
  "NORTHEASTERN_ASIA_PACIFIC",
  "SOUTH_AMERICA_EAST_1",
  "SOUTH_AMERICA_WEST_1",
  "SOUTHEASTERN_ASIA_PACIFIC",
  "US_EAST_4",
  "US_EAST_5",
  "US_WEST_2",
  "US_WEST_3",
  "US_WEST_4",
  "US_SOUTH_1",
  "WESTERN_EUROPE",
  "WESTERN_US",
] as const;

export type AwsRegion = (typeof awsRegions)[number];
export type AzureRegion = (typeof azureRegions)[number];
export type GcpRegion = (typeof gcpRegions)[number];
export type CloudProvider = "AWS" | "AZURE" | "GCP";

export function isCloudProvider(value: unknown): value is CloudProvider {
  return value === "AWS" || value === "AZURE" || value === "GCP";
}

export const regionsByProvider: Record<CloudProvider, readonly string[]> = {
  AWS: awsRegions,
  AZURE: azureRegions,
  GCP: gcpRegions,
};

/**
 * The Atlas form of a region name. Atlas-style names (US_EAST_1) pass through; AWS's own form
 * (us-east-1) is accepted too, because older API examples and AWS users write it that way.
 * Returns undefined when the name is not a region of that provider.
 */
export function toAtlasRegion(provider: CloudProvider, name: string): string | undefined {
  const candidate = name.trim().toUpperCase().replace(/-/g, "_");
  return regionsByProvider[provider].includes(candidate) ? candidate : undefined;
}

/** A list of region names as Atlas treats it: order and repeats carry no meaning, so one sorted set. */
export function canonicalRegionList(regions: readonly string[]): string[] {
  return [...new Set(regions)].sort();
}

/**
 * The AWS form (us-east-1) that the peering API wants for `accepterRegionName`, from either form.
 * Atlas's peering API is the one place that takes AWS-native names (the Terraform provider converts too).
 */
export function toAwsNativeRegion(name: string): string | undefined {
  const atlas = toAtlasRegion("AWS", name);
  return atlas === undefined || atlas === "GLOBAL" ? undefined : atlas.toLowerCase().replace(/_/g, "-");
}
