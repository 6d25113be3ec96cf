/**
 * Region names per provider. Atlas names (`US_EAST_1`) are the spec's enums; cloud-native names
 * (`us-east-1`, `eastus2`, `us-central1`) are accepted where real Atlas accepts them (endpoint service
 * `region`, reference 3.1) and required where Atlas requires them (peer `accepterRegionName`, 6.1).
 */
import { awsRegions } from "../provider/resources/shared/regions";

export type CloudProvider = "AWS" | "AZURE" | "GCP";
export const cloudProviders: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

// The Atlas AWS region names are the same data the library validates with (test/conformance/regions.test.ts
// checks them against the official spec's enum): one list serves both.
export { awsRegions };

/** Atlas Azure name → Azure location name. */
const azureNative: Readonly<Record<string, string>> = {
  US_CENTRAL: "centralus",
  US_EAST: "eastus",
  US_EAST_2: "eastus2",
  US_EAST_2_EUAP: "eastus2euap",
  US_NORTH_CENTRAL: "northcentralus",
  US_WEST: "westus",
  US_SOUTH_CENTRAL: "southcentralus",
  EUROPE_NORTH: "northeurope",
  EUROPE_WEST: "westeurope",
  US_WEST_CENTRAL: "westcentralus",
  US_WEST_2: "westus2",
  US_WEST_3: "westus3",
  CANADA_EAST: "canadaeast",
  CANADA_CENTRAL: "canadacentral",
  BRAZIL_SOUTH: "brazilsouth",
  BRAZIL_SOUTHEAST: "brazilsoutheast",
  AUSTRALIA_EAST: "australiaeast",
  AUSTRALIA_SOUTH_EAST: "australiasoutheast",
  AUSTRALIA_CENTRAL: "australiacentral",
  AUSTRALIA_CENTRAL_2: "australiacentral2",
  UAE_NORTH: "uaenorth",
  GERMANY_WEST_CENTRAL: "germanywestcentral",
  GERMANY_NORTH: "germanynorth",
  SWITZERLAND_NORTH: "switzerlandnorth",
  SWITZERLAND_WEST: "switzerlandwest",
  SWEDEN_CENTRAL: "swedencentral",
  SWEDEN_SOUTH: "swedensouth",
  UK_SOUTH: "uksouth",
  UK_WEST: "ukwest",
  INDIA_CENTRAL: "centralindia",
  INDIA_WEST: "westindia",
  INDIA_SOUTH: "southindia",
  CHINA_EAST: "chinaeast",
  CHINA_NORTH: "chinanorth",
  ASIA_EAST: "eastasia",
  JAPAN_EAST: "japaneast",
  JAPAN_WEST: "japanwest",
  ASIA_SOUTH_EAST: "southeastasia",
  KOREA_CENTRAL: "koreacentral",
  KOREA_SOUTH: "koreasouth",
  FRANCE_CENTRAL: "francecentral",
  FRANCE_SOUTH: "francesouth",
  SOUTH_AFRICA_NORTH: "southafricanorth",
  SOUTH_AFRICA_WEST: "southafricawest",
  NORWAY_EAST: "norwayeast",
  NORWAY_WEST: "norwaywest",
  UAE_CENTRAL: "uaecentral",
  QATAR_CENTRAL: "qatarcentral",
  POLAND_CENTRAL: "polandcentral",
  ISRAEL_CENTRAL: "israelcentral",
  ITALY_NORTH: "italynorth",
  SPAIN_CENTRAL: "spaincentral",
  MEXICO_CENTRAL: "mexicocentral",
  NEW_ZEALAND_NORTH: "newzealandnorth",
  INDONESIA_CENTRAL: "indonesiacentral",
  MALAYSIA_WEST: "malaysiawest",
  CHILE_CENTRAL: "chilecentral",
  US_GOV_VIRGINIA: "usgovvirginia",
  US_GOV_ARIZONA: "usgovarizona",
  US_GOV_TEXAS: "usgovtexas",
};

/** Atlas GCP name → GCP region name. */
const gcpNative: Readonly<Record<string, string>> = {
  AFRICA_SOUTH_1: "africa-south1",
  ASIA_EAST_2: "asia-east2",
  ASIA_NORTHEAST_2: "asia-northeast2",
  ASIA_NORTHEAST_3: "asia-northeast3",
  ASIA_SOUTH_1: "asia-south1",
  ASIA_SOUTH_2: "asia-south2",
  ASIA_SOUTHEAST_2: "asia-southeast2",
  AUSTRALIA_SOUTHEAST_1: "australia-southeast1",
  AUSTRALIA_SOUTHEAST_2: "australia-southeast2",
  CENTRAL_US: "us-central1",
  EASTERN_ASIA_PACIFIC: "asia-east1",
  EASTERN_US: "us-east1",
  EUROPE_CENTRAL_2: "europe-central2",
  EUROPE_NORTH_1: "europe-north1",
  EUROPE_WEST_2: "europe-west2",
  EUROPE_WEST_3: "europe-west3",
  EUROPE_WEST_4: "europe-west4",
  EUROPE_WEST_6: "europe-west6",
  EUROPE_WEST_10: "europe-west10",
  EUROPE_WEST_12: "europe-west12",
  MIDDLE_EAST_CENTRAL_1: "me-central1",
  MIDDLE_EAST_CENTRAL_2: "me-central2",
  MIDDLE_EAST_WEST_1: "me-west1",
  NORTH_AMERICA_NORTHEAST_1: "northamerica-northeast1",
  NORTH_AMERICA_NORTHEAST_2: "northamerica-northeast2",
  NORTH_AMERICA_SOUTH_1: "northamerica-south1",
  NORTHEASTERN_ASIA_PACIFIC: "asia-northeast1",
  SOUTH_AMERICA_EAST_1: "southamerica-east1",
  SOUTH_AMERICA_WEST_1: "southamerica-west1",
  SOUTHEASTERN_ASIA_PACIFIC: "asia-southeast1",
  US_EAST_4: "us-east4",
  US_EAST_5: "us-east5",
  US_WEST_2: "us-west2",
  US_WEST_3: "us-west3",
  US_WEST_4: "us-west4",
  US_SOUTH_1: "us-south1",
  WESTERN_EUROPE: "europe-west1",
  WESTERN_US: "us-west1",
};

export const azureRegions: readonly string[] = Object.keys(azureNative);
export const gcpRegions: readonly string[] = Object.keys(gcpNative);

const atlasRegionsByProvider: Readonly<Record<CloudProvider, readonly string[]>> = {
  AWS: awsRegions,
  AZURE: azureRegions,
  GCP: gcpRegions,
};

export function isAtlasRegion(provider: CloudProvider, name: string): boolean {
  return atlasRegionsByProvider[provider].includes(name);
}

/** `US_EAST_1` → `us-east-1` (the form AWS itself and peer `accepterRegionName` use). */
export function awsNativeRegion(atlasName: string): string {
  return atlasName.toLowerCase().replace(/_/g, "-");
}

/** The cloud-native name of an Atlas region (used in generated service names). */
export function nativeRegion(provider: CloudProvider, atlasName: string): string {
  if (provider === "AWS") return awsNativeRegion(atlasName);
  if (provider === "AZURE") return azureNative[atlasName] ?? atlasName.toLowerCase();
  return gcpNative[atlasName] ?? atlasName.toLowerCase();
}

/**
 * Atlas name for a region written either way (`US_EAST_1` or `us-east-1`, `EUROPE_WEST` or
 * `westeurope`, `CENTRAL_US` or `us-central1`); undefined when the provider has no such region.
 */
export function toAtlasRegion(provider: CloudProvider, name: string): string | undefined {
  if (isAtlasRegion(provider, name)) return name;
  const lower = name.toLowerCase();
  return atlasRegionsByProvider[provider].find((atlasName) => nativeRegion(provider, atlasName) === lower);
}

/** The Atlas name of an AWS-native region (`us-east-1` → `US_EAST_1`), only when written natively. */
export function atlasRegionFromAwsNative(name: string): string | undefined {
  return awsRegions.find((atlasName) => awsNativeRegion(atlasName) === name);
}
