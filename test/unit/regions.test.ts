/**
 * Region names as users write them: each cloud's own form is read as Atlas's, stored in one form so that a
 * respelling is no change, and a wrong name gets the closest names instead of the whole list.
 */
import {
  atlasRegionName,
  atlasRegionNameFor,
  closestRegionNames,
  cloudProviders,
  cloudRegionName,
  regionTable,
} from "../../provider/atlas-rules/regions";
import { createMemoryLogger } from "../../provider/logger";
import { privateEndpointServiceDiffRules } from "../../provider/resources/private-endpoint-service/provider";
import { privateEndpointServiceInputsSchema } from "../../provider/resources/private-endpoint-service/schema";
import { resetRunContext } from "../../provider/resources/shared/context";
import { diffByRules } from "../../provider/resources/shared/diff";
import type { ResourceKind } from "../../provider/resources/shared/provider-contract";
import { resourceProvider } from "../../provider/runtime";
import * as fs from "node:fs";
import * as path from "node:path";
import { generateRegionsPage } from "../../scripts/generate-docs";

const projectId = "5f7cac1adf5d6c6306f4b283";
const containerId = "5f7cac1adf5d6c6306f4b284";
type Props = Record<string, unknown>;

beforeAll(() => resetRunContext(undefined, createMemoryLogger()));

describe("reading a region name", () => {
  test.each([
    ["AWS", "us-east-1", "US_EAST_1"],
    ["AWS", "US_EAST_1", "US_EAST_1"],
    ["AWS", "us-gov-west-1", "US_GOV_WEST_1"],
    ["AZURE", "eastus2", "US_EAST_2"],
    ["AZURE", "East US 2", "US_EAST_2"],
    ["AZURE", "westeurope", "EUROPE_WEST"],
    ["AZURE", "centralindia", "INDIA_CENTRAL"],
    ["GCP", "us-central1", "CENTRAL_US"],
    ["GCP", "europe-west1", "WESTERN_EUROPE"],
    ["GCP", "asia-northeast1", "NORTHEASTERN_ASIA_PACIFIC"],
    ["GCP", "europe-west8", "EUROPE_WEST_8"],
    ["GCP", "central_us", "CENTRAL_US"],
  ] as const)("%s %s is Atlas's %s", (provider, written, atlas) => {
    expect(atlasRegionName(provider, written)).toBe(atlas);
  });

  test("a name of another cloud is not a region of this one", () => {
    expect(atlasRegionName("AWS", "eastus2")).toBeUndefined();
    expect(atlasRegionName("GCP", "us-east-1")).toBeUndefined();
    expect(atlasRegionName("AZURE", "us-central1")).toBeUndefined();
  });

  test("every cloud name maps back to its own Atlas name, and no two rows of a provider share one", () => {
    for (const provider of cloudProviders) {
      const names = regionTable[provider].flatMap((row) => (row.cloud ? [row.cloud] : []));
      expect(new Set(names).size).toBe(names.length);
      for (const row of regionTable[provider]) {
        if (row.cloud) expect(atlasRegionName(provider, row.cloud)).toBe(row.atlas);
        expect(atlasRegionName(provider, row.atlas)).toBe(row.atlas);
      }
    }
  });

  test("AWS's region codes are Atlas's names in lower case with hyphens (GLOBAL has none)", () => {
    for (const row of regionTable.AWS) {
      expect(row.cloud).toBe(row.atlas === "GLOBAL" ? undefined : row.atlas.toLowerCase().replace(/_/g, "-"));
    }
  });

  test("a GCP Assured Workloads name has no GCP name of its own: its twin keeps it", () => {
    const assured = regionTable.GCP.filter((row) => row.atlas.endsWith("_AW"));
    expect(assured).toHaveLength(9);
    for (const row of assured) {
      expect(row.cloud).toBeUndefined();
      expect(cloudRegionName("GCP", row.atlas.replace(/_AW$/, ""))).toBeDefined();
    }
  });

  test("each input takes its own list: the endpoint service takes EUROPE_WEST_8, a container does not", () => {
    expect(atlasRegionNameFor("GCP", "endpointService", "europe-west8")).toBe("EUROPE_WEST_8");
    expect(atlasRegionNameFor("GCP", "container", "europe-west8")).toBeUndefined();
    expect(atlasRegionNameFor("AZURE", "endpointService", "MALAYSIA_WEST")).toBe("MALAYSIA_WEST");
    expect(atlasRegionNameFor("AWS", "accepter", "GLOBAL")).toBeUndefined();
    expect(atlasRegionNameFor("AWS", "accepter", "US_EAST_1")).toBe("US_EAST_1");
  });
});

describe("suggestions for a wrong name", () => {
  test.each([
    ["AWS", "us-east-7", ["us-east-1", "us-east-2"]],
    ["AWS", "US_EAST_7", ["US_EAST_1", "US_EAST_2"]],
    ["AWS", "eu-wset-1", ["eu-west-1"]],
    ["AZURE", "westeurop", ["westeurope"]],
    ["AZURE", "US_EST_2", ["US_EAST_2", "US_WEST_2"]],
    ["GCP", "us-centrl1", ["us-central1"]],
    ["GCP", "us-central-1", ["us-central1"]],
    ["GCP", "CENTRL_US", ["CENTRAL_US"]],
  ] as const)("%s %s: did you mean %j", (provider, written, expected) => {
    expect(closestRegionNames(provider, "endpointService", written)).toEqual(expected);
  });

  test("nothing is suggested for a name that is not close to any", () => {
    expect(closestRegionNames("AWS", "endpointService", "mars-north-1")).toEqual([]);
    expect(closestRegionNames("GCP", "container", "antarctica")).toEqual([]);
    expect(closestRegionNames("AWS", "endpointService", "")).toEqual([]);
  });

  test("at most three, and only names the input takes", () => {
    expect(closestRegionNames("AWS", "endpointService", "us-west-9").length).toBeLessThanOrEqual(3);
    expect(closestRegionNames("GCP", "container", "europe-west7")).not.toContain("europe-west8");
  });

  test("the check message names the closest region and where the full list is, not every region", () => {
    const parsed = privateEndpointServiceInputsSchema.safeParse({
      projectId,
      providerName: "AZURE",
      region: "eastus3",
    });
    expect(parsed.success).toBe(false);
    const message = parsed.error?.issues[0]?.message ?? "";
    expect(message).toContain("did you mean eastus or eastus2?");
    expect(message).toContain("docs/regions.md");
    expect(message).not.toContain("US_GOV_TEXAS");
  });
});

/** Check the new inputs and diff them against the old outputs, as `pulumi preview` does. */
async function diffOf(kind: ResourceKind, olds: Props, news: Props) {
  const provider = resourceProvider(kind);
  const checked = await provider.check({}, news);
  expect(checked.failures ?? []).toEqual([]);
  return provider.diff("id", olds, checked.inputs as Props);
}

describe("a respelled region is no change", () => {
  test("through the schema's parse and diffByRules: state US_EAST_2, input eastus2", () => {
    const olds = { projectId, providerName: "AZURE", region: "US_EAST_2", status: "AVAILABLE" };
    const news = privateEndpointServiceInputsSchema.parse({ projectId, providerName: "AZURE", region: "eastus2" });
    expect(diffByRules(olds, news as Props, privateEndpointServiceDiffRules)).toEqual({ changes: false });
  });

  test.each([
    ["AZURE", "US_EAST_2", "eastus2"],
    ["AZURE", "US_EAST_2", "East US 2"],
    ["GCP", "CENTRAL_US", "us-central1"],
    ["AWS", "US_EAST_1", "us-east-1"],
  ])("PrivateEndpointService %s: state %s, input %s", async (providerName, stored, written) => {
    const olds = { projectId, providerName, region: stored, status: "AVAILABLE" };
    const gcp = providerName === "GCP" ? { portMappingEnabled: false } : {};
    const aws = providerName === "AWS" ? { supportedRemoteRegions: [] } : {};
    expect(
      await diffOf("privateEndpointService", { ...olds, ...gcp, ...aws }, { projectId, providerName, region: written }),
    ).toMatchObject({ changes: false });
  });

  test("and a changed region still replaces the service", async () => {
    const olds = { projectId, providerName: "AZURE", region: "US_EAST_2", status: "AVAILABLE" };
    const result = await diffOf("privateEndpointService", olds, {
      projectId,
      providerName: "AZURE",
      region: "westus2",
    });
    expect(result.replaces).toEqual(["region"]);
  });

  test("NetworkContainer: Azure US_EAST_2 as eastus2, GCP regions as GCP names in another order", async () => {
    const azure = { projectId, providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.8.0.0/21" };
    expect(await diffOf("networkContainer", azure, { ...azure, region: "eastus2" })).toMatchObject({ changes: false });
    const gcp = {
      projectId,
      providerName: "GCP",
      regions: ["CENTRAL_US", "EASTERN_US"],
      atlasCidrBlock: "10.8.0.0/21",
    };
    expect(await diffOf("networkContainer", gcp, { ...gcp, regions: ["us-east1", "us-central1"] })).toMatchObject({
      changes: false,
    });
  });

  test("NetworkPeer: accepterRegionName us-east-1 as US_EAST_1", async () => {
    const peer = {
      projectId,
      containerId,
      providerName: "AWS",
      accepterRegionName: "us-east-1",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "10.0.0.0/16",
      vpcId: "vpc-0123456789abcdef0",
    };
    expect(
      await diffOf("networkPeer", { ...peer, statusName: "AVAILABLE" }, { ...peer, accepterRegionName: "US_EAST_1" }),
    ).toMatchObject({ changes: false });
  });
});

test("docs/regions.md is what the region table generates (run `npm run docs` after changing the table)", () => {
  const { file, content } = generateRegionsPage();
  expect(fs.readFileSync(path.join(__dirname, "..", "..", file), "utf8")).toBe(content);
});
