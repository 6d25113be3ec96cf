/**
 * The region names the library validates with (and the simulator serves) are the official spec's enums:
 * AWSCloudProviderContainer.regionName, AzureCloudProviderContainer.region, GCPCloudProviderContainer.regions.
 */
import { awsRegions, azureRegions, gcpRegions } from "../../provider/resources/shared/regions";
import * as simulatorRegions from "../../simulator/regions";
import { describeWithSpec, type Spec } from "../support/spec";

interface EnumSchema {
  enum?: string[];
  items?: EnumSchema;
  properties?: Record<string, EnumSchema>;
  allOf?: EnumSchema[];
}

/** The enum of `property` in a component schema, looking through allOf parts and array items. */
function specEnum(spec: Spec, schemaName: string, property: string): string[] {
  const schemas = spec.document.components.schemas as Record<string, EnumSchema>;
  const parts = [schemas[schemaName], ...(schemas[schemaName]?.allOf ?? [])];
  for (const part of parts) {
    const found = part?.properties?.[property];
    const values = found?.enum ?? found?.items?.enum;
    if (values) return [...values].sort();
  }
  throw new Error(`${schemaName}.${property} has no enum in the spec`);
}

describeWithSpec("region names", (spec) => {
  test("the AWS regions are AWSCloudProviderContainer.regionName's enum", () => {
    expect([...awsRegions].sort()).toEqual(specEnum(spec, "AWSCloudProviderContainer", "regionName"));
  });

  test("the Azure regions are AzureCloudProviderContainer.region's enum", () => {
    expect([...azureRegions].sort()).toEqual(specEnum(spec, "AzureCloudProviderContainer", "region"));
  });

  test("the GCP regions are GCPCloudProviderContainer.regions' item enum", () => {
    expect([...gcpRegions].sort()).toEqual(specEnum(spec, "GCPCloudProviderContainer", "regions"));
  });

  test("the simulator serves the same Atlas region names as the library validates", () => {
    expect([...simulatorRegions.awsRegions].sort()).toEqual([...awsRegions].sort());
    expect([...simulatorRegions.azureRegions].sort()).toEqual([...azureRegions].sort());
    expect([...simulatorRegions.gcpRegions].sort()).toEqual([...gcpRegions].sort());
  });
});
