/**
 * The one region table: every region Atlas names for AWS, Azure and GCP, its Atlas name, the cloud's own name,
 * and which of Atlas's region lists it is in. The library's schemas and the simulator both read it (the simulator
 * through simulator/regions.ts); test/conformance/regions.test.ts compares it with the official spec's enums, and
 * docs/regions.md is generated from it.
 *
 * Sources:
 * - Atlas names: the Atlas Admin API v2 spec's enums. "container": AWSCloudProviderContainer.regionName,
 *   AzureCloudProviderContainer.region, GCPCloudProviderContainer.regions (items). "cluster": the cluster region
 *   enums, AWSCloudProviderSettings.regionName, AzureCloudProviderSettings.regionName,
 *   CloudGCPProviderSettings.regionName (the same three lists CloudRegionConfig.regionName's oneOf holds).
 * - Cloud names: Atlas's own region pages, which put the cloud's name beside the Atlas name:
 *   https://www.mongodb.com/docs/atlas/reference/amazon-aws/ (AWS region codes),
 *   https://www.mongodb.com/docs/atlas/reference/microsoft-azure/ (Azure location names),
 *   https://www.mongodb.com/docs/atlas/reference/google-gcp/ (GCP region names).
 *
 * How the lists differ (spec of 2026-08-21):
 * - AWS: the container and cluster enums are the same 39 names.
 * - Azure: the container enum (60) has US_EAST_2_EUAP, CHILE_CENTRAL, INDONESIA_CENTRAL and MALAYSIA_WEST, which
 *   the cluster enum (56) lacks.
 * - GCP: the cluster enum (50) has EUROPE_WEST_8, EUROPE_WEST_9 and EUROPE_SOUTHWEST_1, and nine Assured Workloads
 *   names (…_AW, Atlas for Government), which the container enum (38) lacks.
 */

import { distance } from "fastest-levenshtein";

export type CloudProvider = "AWS" | "AZURE" | "GCP";
export const cloudProviders: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

export function isCloudProvider(value: unknown): value is CloudProvider {
  return value === "AWS" || value === "AZURE" || value === "GCP";
}

/** Which of Atlas's region enums a name is in; a row without one is in both. */
type OnlyIn = "container" | "cluster";

/** [Atlas name, the cloud's own name (null: none), only in this enum]. */
type RowInput = readonly [string, string | null, OnlyIn?];

const awsRows = [
  ["US_EAST_1", "us-east-1"],
  ["US_EAST_2", "us-east-2"],
  ["US_WEST_1", "us-west-1"],
  ["US_WEST_2", "us-west-2"],
  ["CA_CENTRAL_1", "ca-central-1"],
  ["EU_NORTH_1", "eu-north-1"],
  ["EU_WEST_1", "eu-west-1"],
  ["EU_WEST_2", "eu-west-2"],
  ["EU_WEST_3", "eu-west-3"],
  ["EU_CENTRAL_1", "eu-central-1"],
  ["EU_CENTRAL_2", "eu-central-2"],
  ["SA_EAST_1", "sa-east-1"],
  ["AP_EAST_1", "ap-east-1"],
  ["AP_EAST_2", "ap-east-2"],
  ["AP_SOUTHEAST_2", "ap-southeast-2"],
  ["AP_SOUTHEAST_3", "ap-southeast-3"],
  ["AP_SOUTHEAST_4", "ap-southeast-4"],
  ["AP_SOUTHEAST_5", "ap-southeast-5"],
  ["AP_SOUTHEAST_6", "ap-southeast-6"],
  ["AP_SOUTHEAST_7", "ap-southeast-7"],
  ["AP_NORTHEAST_1", "ap-northeast-1"],
  ["AP_NORTHEAST_2", "ap-northeast-2"],
  ["AP_NORTHEAST_3", "ap-northeast-3"],
  ["AP_SOUTHEAST_1", "ap-southeast-1"],
  ["AP_SOUTH_1", "ap-south-1"],
  ["AP_SOUTH_2", "ap-south-2"],
  ["CN_NORTH_1", "cn-north-1"],
  ["CN_NORTHWEST_1", "cn-northwest-1"],
  ["ME_CENTRAL_1", "me-central-1"],
  ["ME_SOUTH_1", "me-south-1"],
  ["AF_SOUTH_1", "af-south-1"],
  ["EU_SOUTH_1", "eu-south-1"],
  ["EU_SOUTH_2", "eu-south-2"],
  ["IL_CENTRAL_1", "il-central-1"],
  ["CA_WEST_1", "ca-west-1"],
  ["MX_CENTRAL_1", "mx-central-1"],
  // Not an AWS region: Atlas's name for resources that span regions. No AWS name, so no VPC can be in it.
  ["GLOBAL", null],
  ["US_GOV_WEST_1", "us-gov-west-1"],
  ["US_GOV_EAST_1", "us-gov-east-1"],
] as const satisfies readonly RowInput[];

const azureRows = [
  ["US_CENTRAL", "centralus"],
  ["US_EAST", "eastus"],
  ["US_EAST_2", "eastus2"],
  ["US_EAST_2_EUAP", "eastus2euap", "container"],
  ["US_NORTH_CENTRAL", "northcentralus"],
  ["US_WEST", "westus"],
  ["US_SOUTH_CENTRAL", "southcentralus"],
  ["EUROPE_NORTH", "northeurope"],
  ["EUROPE_WEST", "westeurope"],
  ["US_WEST_CENTRAL", "westcentralus"],
  ["US_WEST_2", "westus2"],
  ["US_WEST_3", "westus3"],
  ["CANADA_EAST", "canadaeast"],
  ["CANADA_CENTRAL", "canadacentral"],
  ["BRAZIL_SOUTH", "brazilsouth"],
  ["BRAZIL_SOUTHEAST", "brazilsoutheast"],
  ["AUSTRALIA_EAST", "australiaeast"],
  ["AUSTRALIA_SOUTH_EAST", "australiasoutheast"],
  ["AUSTRALIA_CENTRAL", "australiacentral"],
  ["AUSTRALIA_CENTRAL_2", "australiacentral2"],
  ["UAE_NORTH", "uaenorth"],
  ["GERMANY_WEST_CENTRAL", "germanywestcentral"],
  ["GERMANY_NORTH", "germanynorth"],
  ["SWITZERLAND_NORTH", "switzerlandnorth"],
  ["SWITZERLAND_WEST", "switzerlandwest"],
  ["SWEDEN_CENTRAL", "swedencentral"],
  ["SWEDEN_SOUTH", "swedensouth"],
  ["UK_SOUTH", "uksouth"],
  ["UK_WEST", "ukwest"],
  ["INDIA_CENTRAL", "centralindia"],
  ["INDIA_WEST", "westindia"],
  ["INDIA_SOUTH", "southindia"],
  ["CHINA_EAST", "chinaeast"],
  ["CHINA_NORTH", "chinanorth"],
  ["ASIA_EAST", "eastasia"],
  ["JAPAN_EAST", "japaneast"],
  ["JAPAN_WEST", "japanwest"],
  ["ASIA_SOUTH_EAST", "southeastasia"],
  ["KOREA_CENTRAL", "koreacentral"],
  ["KOREA_SOUTH", "koreasouth"],
  ["FRANCE_CENTRAL", "francecentral"],
  ["FRANCE_SOUTH", "francesouth"],
  ["SOUTH_AFRICA_NORTH", "southafricanorth"],
  ["SOUTH_AFRICA_WEST", "southafricawest"],
  ["NORWAY_EAST", "norwayeast"],
  ["NORWAY_WEST", "norwaywest"],
  ["UAE_CENTRAL", "uaecentral"],
  ["QATAR_CENTRAL", "qatarcentral"],
  ["POLAND_CENTRAL", "polandcentral"],
  ["ISRAEL_CENTRAL", "israelcentral"],
  ["ITALY_NORTH", "italynorth"],
  ["SPAIN_CENTRAL", "spaincentral"],
  ["MEXICO_CENTRAL", "mexicocentral"],
  ["NEW_ZEALAND_NORTH", "newzealandnorth"],
  ["INDONESIA_CENTRAL", "indonesiacentral", "container"],
  ["MALAYSIA_WEST", "malaysiawest", "container"],
  ["CHILE_CENTRAL", "chilecentral", "container"],
  ["US_GOV_VIRGINIA", "usgovvirginia"],
  ["US_GOV_ARIZONA", "usgovarizona"],
  ["US_GOV_TEXAS", "usgovtexas"],
] as const satisfies readonly RowInput[];

// An Assured Workloads name (…_AW, Atlas for Government) is the same GCP region as its twin without the suffix:
// the GCP name stays the twin's (us-central1 is CENTRAL_US), so the …_AW names are written in Atlas form only.
const gcpRows = [
  ["AFRICA_SOUTH_1", "africa-south1"],
  ["ASIA_EAST_2", "asia-east2"],
  ["ASIA_NORTHEAST_2", "asia-northeast2"],
  ["ASIA_NORTHEAST_3", "asia-northeast3"],
  ["ASIA_SOUTH_1", "asia-south1"],
  ["ASIA_SOUTH_2", "asia-south2"],
  ["ASIA_SOUTHEAST_2", "asia-southeast2"],
  ["AUSTRALIA_SOUTHEAST_1", "australia-southeast1"],
  ["AUSTRALIA_SOUTHEAST_2", "australia-southeast2"],
  ["CENTRAL_US", "us-central1"],
  ["EASTERN_ASIA_PACIFIC", "asia-east1"],
  ["EASTERN_US", "us-east1"],
  ["EUROPE_CENTRAL_2", "europe-central2"],
  ["EUROPE_NORTH_1", "europe-north1"],
  ["EUROPE_SOUTHWEST_1", "europe-southwest1", "cluster"],
  ["EUROPE_WEST_2", "europe-west2"],
  ["EUROPE_WEST_3", "europe-west3"],
  ["EUROPE_WEST_4", "europe-west4"],
  ["EUROPE_WEST_6", "europe-west6"],
  ["EUROPE_WEST_8", "europe-west8", "cluster"],
  ["EUROPE_WEST_9", "europe-west9", "cluster"],
  ["EUROPE_WEST_10", "europe-west10"],
  ["EUROPE_WEST_12", "europe-west12"],
  ["MIDDLE_EAST_CENTRAL_1", "me-central1"],
  ["MIDDLE_EAST_CENTRAL_2", "me-central2"],
  ["MIDDLE_EAST_WEST_1", "me-west1"],
  ["NORTH_AMERICA_NORTHEAST_1", "northamerica-northeast1"],
  ["NORTH_AMERICA_NORTHEAST_2", "northamerica-northeast2"],
  ["NORTH_AMERICA_SOUTH_1", "northamerica-south1"],
  ["NORTHEASTERN_ASIA_PACIFIC", "asia-northeast1"],
  ["SOUTH_AMERICA_EAST_1", "southamerica-east1"],
  ["SOUTH_AMERICA_WEST_1", "southamerica-west1"],
  ["SOUTHEASTERN_ASIA_PACIFIC", "asia-southeast1"],
  ["US_EAST_4", "us-east4"],
  ["US_EAST_5", "us-east5"],
  ["US_WEST_2", "us-west2"],
  ["US_WEST_3", "us-west3"],
  ["US_WEST_4", "us-west4"],
  ["US_SOUTH_1", "us-south1"],
  ["WESTERN_EUROPE", "europe-west1"],
  ["WESTERN_US", "us-west1"],
  ["CENTRAL_US_AW", null, "cluster"],
  ["EASTERN_US_AW", null, "cluster"],
  ["US_EAST_4_AW", null, "cluster"],
  ["US_EAST_5_AW", null, "cluster"],
  ["US_SOUTH_1_AW", null, "cluster"],
  ["US_WEST_2_AW", null, "cluster"],
  ["US_WEST_3_AW", null, "cluster"],
  ["US_WEST_4_AW", null, "cluster"],
  ["WESTERN_US_AW", null, "cluster"],
] as const satisfies readonly RowInput[];

type AtlasNameOf<Rows extends readonly RowInput[]> = Rows[number][0];
type CloudNameOf<Rows extends readonly RowInput[]> = Exclude<Rows[number][1], null>;

/** Every Atlas name of a provider (either enum). */
export type AwsRegion = AtlasNameOf<typeof awsRows>;
export type AzureRegion = AtlasNameOf<typeof azureRows>;
export type GcpRegion = AtlasNameOf<typeof gcpRows>;
/** The cloud's own names: AWS region codes, Azure location names, GCP region names. */
export type AwsCloudRegion = CloudNameOf<typeof awsRows>;
export type AzureCloudRegion = CloudNameOf<typeof azureRows>;
export type GcpCloudRegion = CloudNameOf<typeof gcpRows>;

export interface RegionRow {
  /** Atlas's name, as the spec's enums write it and Atlas reports it (US_EAST_2). */
  atlas: string;
  /** The cloud's own name (us-east-2, eastus2, us-central1); undefined where there is none to write. */
  cloud?: string;
  /** In the container schema's enum. */
  container: boolean;
  /** In the cluster region enum. */
  cluster: boolean;
}

function rowsOf(rows: readonly RowInput[]): readonly RegionRow[] {
  return rows.map(([atlas, cloud, onlyIn]) => ({
    atlas,
    ...(cloud === null ? {} : { cloud }),
    container: onlyIn !== "cluster",
    cluster: onlyIn !== "container",
  }));
}

export const regionTable: Readonly<Record<CloudProvider, readonly RegionRow[]>> = {
  AWS: rowsOf(awsRows),
  AZURE: rowsOf(azureRows),
  GCP: rowsOf(gcpRows),
};

/** How each cloud calls its own region names, for messages. */
export const cloudRegionWord: Readonly<Record<CloudProvider, string>> = {
  AWS: "AWS region code",
  AZURE: "Azure location name",
  GCP: "GCP region name",
};

export const providerTitle: Readonly<Record<CloudProvider, string>> = { AWS: "AWS", AZURE: "Azure", GCP: "GCP" };

// ---- which names each input takes -----------------------------------------------------------------------------

/**
 * The region inputs, and which names each takes. Every input takes a region in Atlas form or in the cloud's own
 * form; it is stored in one form (Atlas's, except accepterRegionName), so a respelling is never a change.
 */
export type RegionInput =
  /**
   * PrivateEndpointService `region`. CloudProviderEndpointServiceRequest.region has no enum; its description points
   * at Atlas's region pages per cloud, which list where clusters run: the cluster enum, plus the container enum's
   * extra Azure names (Atlas creates the region's container along with the service). Atlas takes both forms (the
   * Terraform provider's examples write us-east-1, eastus2 and us-central1, and US_EAST_1).
   */
  | "endpointService"
  /**
   * NetworkContainer `regionName` (AWS), `region` (Azure), `regions` (GCP): the container schema's enum, in Atlas
   * form; this package sends the Atlas form whichever was written.
   */
  | "container"
  /** PrivateEndpointService `supportedRemoteRegions` (items "AWS region name", no enum): AWS regions, sent in Atlas form. */
  | "remoteRegions"
  /**
   * NetworkPeer `accepterRegionName`: the AWS region of the user's VPC. Atlas takes and reports the AWS form
   * (us-east-1; the spec's example, and the Terraform provider converts to it), so that is the form stored.
   */
  | "accepter";

function namesFor(provider: CloudProvider, input: RegionInput): readonly string[] {
  const rows = regionTable[provider];
  switch (input) {
    case "endpointService":
      return rows.map((row) => row.atlas);
    case "container":
      return rows.filter((row) => row.container).map((row) => row.atlas);
    case "remoteRegions":
      return provider === "AWS" ? rows.map((row) => row.atlas) : [];
    case "accepter":
      return provider === "AWS" ? rows.filter((row) => row.cloud !== undefined).map((row) => row.atlas) : [];
  }
}

const regionInputs: readonly RegionInput[] = ["endpointService", "container", "remoteRegions", "accepter"];

const allowedByInput = new Map<string, ReadonlySet<string>>(
  cloudProviders.flatMap((provider) =>
    regionInputs.map((input) => [`${provider}/${input}`, new Set(namesFor(provider, input))] as const),
  ),
);

/** The Atlas names an input takes for a provider, in table order. */
export function regionNamesFor(provider: CloudProvider, input: RegionInput): readonly string[] {
  return namesFor(provider, input);
}

/** The Atlas names in the container enum: what the container inputs take. */
export const containerRegions: Readonly<Record<CloudProvider, readonly string[]>> = {
  AWS: namesFor("AWS", "container"),
  AZURE: namesFor("AZURE", "container"),
  GCP: namesFor("GCP", "container"),
};

/** The Atlas names in the cluster enum. */
export const clusterRegions: Readonly<Record<CloudProvider, readonly string[]>> = {
  AWS: regionTable.AWS.filter((row) => row.cluster).map((row) => row.atlas),
  AZURE: regionTable.AZURE.filter((row) => row.cluster).map((row) => row.atlas),
  GCP: regionTable.GCP.filter((row) => row.cluster).map((row) => row.atlas),
};

// ---- reading a name as written ----------------------------------------------------------------------------------

/** Azure's own tools also write a location as its display name ("East US 2"): spaces and case carry no meaning. */
function cloudKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, "");
}

/** The row of a name written in Atlas form (any case, - for _) or in the cloud's form; undefined when none. */
function rowOf(provider: CloudProvider, name: string): RegionRow | undefined {
  const atlasForm = name.trim().toUpperCase().replace(/-/g, "_");
  const rows = regionTable[provider];
  const key = cloudKey(name);
  return rows.find((row) => row.atlas === atlasForm) ?? rows.find((row) => row.cloud === key);
}

/**
 * The Atlas name of a region written in either form (US_EAST_2, us-east-2; US_EAST_2, eastus2; CENTRAL_US,
 * us-central1), whichever of Atlas's lists it is in; undefined when the provider has no such region.
 */
export function atlasRegionName(provider: CloudProvider, name: string): string | undefined {
  return rowOf(provider, name)?.atlas;
}

/** The Atlas name when `input` takes the region, else undefined. */
export function atlasRegionNameFor(provider: CloudProvider, input: RegionInput, name: string): string | undefined {
  const atlas = atlasRegionName(provider, name);
  return atlas !== undefined && allowedByInput.get(`${provider}/${input}`)?.has(atlas) ? atlas : undefined;
}

/** The cloud's own name of a region given in either form (US_EAST_1 → us-east-1); undefined when it has none. */
export function cloudRegionName(provider: CloudProvider, name: string): string | undefined {
  return rowOf(provider, name)?.cloud;
}

/** The providers other than `provider` that have a region of this name, with its Atlas name there. */
export function otherProvidersWith(
  provider: CloudProvider,
  name: string,
): { provider: CloudProvider; atlas: string }[] {
  return cloudProviders
    .filter((other) => other !== provider)
    .flatMap((other) => {
      const atlas = atlasRegionName(other, name);
      return atlas === undefined ? [] : [{ provider: other, atlas }];
    });
}

// ---- suggestions for a name that is not a region -------------------------------------------------------------

/** Letters and digits only, lower case: us-east-1, US_EAST_1 and "US East 1" all read useast1. */
function spellingKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Written the cloud's way (lower case, as us-east-1, eastus2, us-central1) rather than Atlas's (US_EAST_1). */
function looksCloudForm(name: string): boolean {
  return /[a-z]/.test(name) && !/[A-Z]/.test(name);
}

/**
 * The closest names `input` takes (at most `limit`, ties kept in table order), written the way the user wrote
 * theirs: the cloud's form for a lower-case name that has one, else Atlas's. Edit distance (Levenshtein, from
 * fastest-levenshtein) over letters and digits only, so separators and case cost nothing; nothing is suggested when
 * even the closest name is more than two edits away, or a quarter of the letters for a long name.
 */
export function closestRegionNames(provider: CloudProvider, input: RegionInput, written: string, limit = 3): string[] {
  const key = spellingKey(written);
  if (key === "") return [];
  const allowed = allowedByInput.get(`${provider}/${input}`) ?? new Set<string>();
  const scored = regionTable[provider]
    .filter((row) => allowed.has(row.atlas))
    .map((row) => {
      const atlasDistance = distance(key, spellingKey(row.atlas));
      const cloudDistance = row.cloud === undefined ? Infinity : distance(key, spellingKey(row.cloud));
      return { row, score: Math.min(atlasDistance, cloudDistance) };
    });
  const best = Math.min(...scored.map((entry) => entry.score));
  if (!Number.isFinite(best) || best > Math.max(2, Math.floor(key.length / 4))) return [];
  const cloudForm = looksCloudForm(written);
  return scored
    .filter((entry) => entry.score === best)
    .slice(0, limit)
    .map(({ row }) => (cloudForm && row.cloud !== undefined ? row.cloud : row.atlas));
}
