/**
 * The region table (provider/atlas-rules/regions.ts) against the official spec's enums: the container enums
 * (AWSCloudProviderContainer.regionName, AzureCloudProviderContainer.region, GCPCloudProviderContainer.regions) and
 * the cluster enums (AWSCloudProviderSettings.regionName, AzureCloudProviderSettings.regionName,
 * CloudGCPProviderSettings.regionName). The simulator reads the same table.
 */
import {
  type CloudProvider,
  clusterRegions,
  containerRegions,
  regionNamesFor,
  regionTable,
} from "../../provider/atlas-rules/regions";
import { awsRegions, azureRegions, gcpRegions } from "../../provider/resources/shared/regions";
import * as simulatorRegions from "../../simulator/regions";
import { describeWithSpec, type Spec } from "../support/spec";

interface EnumSchema {
  enum?: string[];
  items?: EnumSchema;
  properties?: Record<string, EnumSchema>;
  allOf?: EnumSchema[];
  oneOf?: EnumSchema[];
}

function schemasOf(spec: Spec): Record<string, EnumSchema> {
  return spec.document.components.schemas as Record<string, EnumSchema>;
}

/** The enum of `property` in a component schema, looking through allOf parts and array items. */
function specEnum(spec: Spec, schemaName: string, property: string): string[] {
  const schemas = schemasOf(spec);
  const parts = [schemas[schemaName], ...(schemas[schemaName]?.allOf ?? [])];
  for (const part of parts) {
    const found = part?.properties?.[property];
    const values = found?.enum ?? found?.items?.enum;
    if (values) return [...values].sort();
  }
  throw new Error(`${schemaName}.${property} has no enum in the spec`);
}

const sorted = (names: readonly string[]) => [...names].sort();

const containerEnums: Record<CloudProvider, [string, string]> = {
  AWS: ["AWSCloudProviderContainer", "regionName"],
  AZURE: ["AzureCloudProviderContainer", "region"],
  GCP: ["GCPCloudProviderContainer", "regions"],
};

const clusterEnums: Record<CloudProvider, [string, string]> = {
  AWS: ["AWSCloudProviderSettings", "regionName"],
  AZURE: ["AzureCloudProviderSettings", "regionName"],
  GCP: ["CloudGCPProviderSettings", "regionName"],
};

const providers: CloudProvider[] = ["AWS", "AZURE", "GCP"];

describeWithSpec("region names", (spec) => {
  test.each(providers)("the %s container names are the spec's container enum", (provider) => {
    const [schema, property] = containerEnums[provider];
    expect(sorted(containerRegions[provider])).toEqual(specEnum(spec, schema, property));
  });

  test.each(providers)("the %s cluster names are the spec's cluster enum", (provider) => {
    const [schema, property] = clusterEnums[provider];
    expect(sorted(clusterRegions[provider])).toEqual(specEnum(spec, schema, property));
  });

  test("the cluster enums are CloudRegionConfig.regionName's three lists", () => {
    const oneOf = schemasOf(spec).CloudRegionConfig?.properties?.regionName?.oneOf ?? [];
    const lists = oneOf.map((option) => sorted(option.enum ?? []));
    expect(lists).toEqual(expect.arrayContaining(providers.map((provider) => sorted(clusterRegions[provider]))));
  });

  test("the GCP container enum lacks EUROPE_WEST_8, EUROPE_WEST_9 and EUROPE_SOUTHWEST_1 of the cluster enum", () => {
    const containers = specEnum(spec, "GCPCloudProviderContainer", "regions");
    const clusters = specEnum(spec, "CloudGCPProviderSettings", "regionName");
    const onlyClusters = clusters.filter((name) => !containers.includes(name));
    expect(onlyClusters.filter((name) => !name.endsWith("_AW"))).toEqual([
      "EUROPE_SOUTHWEST_1",
      "EUROPE_WEST_8",
      "EUROPE_WEST_9",
    ]);
    expect(containers.filter((name) => !clusters.includes(name))).toEqual([]);
  });

  test("the endpoint service region has no enum in the spec, so it takes every name of either enum", () => {
    const region = schemasOf(spec).CloudProviderEndpointServiceRequest?.properties?.region;
    expect(region?.enum).toBeUndefined();
    for (const provider of providers) {
      expect(sorted(regionNamesFor(provider, "endpointService"))).toEqual(
        sorted([...new Set([...containerRegions[provider], ...clusterRegions[provider]])]),
      );
    }
  });

  test("the library's container lists are the table's", () => {
    expect(awsRegions).toBe(containerRegions.AWS);
    expect(azureRegions).toBe(containerRegions.AZURE);
    expect(gcpRegions).toBe(containerRegions.GCP);
  });

  test("the simulator checks with the same table objects as the library", () => {
    expect(simulatorRegions.awsRegions).toBe(containerRegions.AWS);
    expect(simulatorRegions.azureRegions).toBe(containerRegions.AZURE);
    expect(simulatorRegions.gcpRegions).toBe(containerRegions.GCP);
    for (const provider of providers) {
      for (const row of regionTable[provider]) {
        expect(simulatorRegions.toAtlasRegion(provider, row.atlas)).toBe(row.atlas);
        if (row.cloud) expect(simulatorRegions.toAtlasRegion(provider, row.cloud)).toBe(row.atlas);
      }
    }
  });
});
