/**
 * Bad NetworkContainer inputs, run through `check` of the serialized provider as `pulumi preview` runs it:
 * each one fails with a reason that names the field, the value given and what is allowed, and none of
 * them reaches Atlas.
 */
import { closeAllAtlasClients } from "../../provider/client";
import { createMemoryLogger } from "../../provider/logger";
import { resetRunContext } from "../../provider/resources/shared/context";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

type Props = Record<string, unknown>;

const aws: Props = { projectId: testGroupId, providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" };
const azure: Props = { projectId: testGroupId, providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.8.0.0/21" };
const gcp: Props = { projectId: testGroupId, providerName: "GCP", regions: ["CENTRAL_US"], atlasCidrBlock: "10.8.0.0/21" };

interface BadInput {
  what: string;
  inputs: Props;
  /** The failing property as Pulumi shows it. */
  property: string;
  /** The value given, as the reason quotes it. */
  given: string;
  /** Words of the reason that say what is allowed. */
  allowed: string;
}

const badInputs: BadInput[] = [
  { what: "a project name instead of its id", inputs: { ...aws, projectId: "my-project" }, property: "projectId", given: '"my-project"', allowed: "24-character lowercase hexadecimal" },
  { what: "an upper-case project id", inputs: { ...aws, projectId: "5F7CAC1ADF5D6C6306F4B283" }, property: "projectId", given: '"5F7CAC1ADF5D6C6306F4B283"', allowed: "24-character lowercase hexadecimal" },
  { what: "a provider containers do not exist for", inputs: { ...aws, providerName: "TENANT" }, property: "providerName", given: '"TENANT"', allowed: 'one of "AWS", "AZURE", "GCP"' },
  { what: "a lower-case provider name", inputs: { ...aws, providerName: "aws" }, property: "providerName", given: '"aws"', allowed: 'one of "AWS", "AZURE", "GCP"' },
  { what: "an AWS region that does not exist", inputs: { ...aws, regionName: "mars-east-1" }, property: "regionName", given: '"mars-east-1"', allowed: "Atlas AWS region name such as US_EAST_1" },
  { what: "an Azure region in the Azure CLI's own form", inputs: { ...azure, region: "eastus2" }, property: "region", given: '"eastus2"', allowed: "Atlas AZURE region name such as US_CENTRAL" },
  { what: "a GCP region list holding an AWS region", inputs: { ...gcp, regions: ["CENTRAL_US", "US_EAST_1"] }, property: "regions[1]", given: '"US_EAST_1"', allowed: "Atlas GCP region name" },
  { what: "an empty GCP region list", inputs: { ...gcp, regions: [] }, property: "regions", given: "[]", allowed: "at least one region, or be left out" },
  { what: "an address without a prefix length", inputs: { ...aws, atlasCidrBlock: "10.8.0.0" }, property: "atlasCidrBlock", given: '"10.8.0.0"', allowed: "IPv4 CIDR block with a prefix length" },
  { what: "a public CIDR block", inputs: { ...aws, atlasCidrBlock: "8.8.0.0/21" }, property: "atlasCidrBlock", given: '"8.8.0.0/21"', allowed: "private range (RFC 1918" },
  { what: "an AWS block wider than /21", inputs: { ...aws, atlasCidrBlock: "10.8.0.0/16" }, property: "atlasCidrBlock", given: '"10.8.0.0/16"', allowed: "prefix from /21 to /24" },
  { what: "an Azure block narrower than /24", inputs: { ...azure, atlasCidrBlock: "10.8.0.0/25" }, property: "atlasCidrBlock", given: '"10.8.0.0/25"', allowed: "prefix from /21 to /24" },
  { what: "a global GCP block wider than /18", inputs: { ...gcp, regions: undefined, atlasCidrBlock: "10.0.0.0/17" }, property: "atlasCidrBlock", given: '"10.0.0.0/17"', allowed: "prefix from /18 to /24" },
  { what: "a regional GCP block wider than /21", inputs: { ...gcp, atlasCidrBlock: "10.8.0.0/18" }, property: "atlasCidrBlock", given: '"10.8.0.0/18"', allowed: "/21 to /24 when regions is set" },
  { what: "a block not written with its network address", inputs: { ...aws, atlasCidrBlock: "10.8.1.0/21" }, property: "atlasCidrBlock", given: '"10.8.1.0/21"', allowed: "10.8.0.0/21" },
  { what: "a CIDR block given as a number", inputs: { ...aws, atlasCidrBlock: 10821 }, property: "atlasCidrBlock", given: "10821", allowed: "must be a string" },
  { what: "adoptExisting as a word", inputs: { ...aws, adoptExisting: "yes" }, property: "adoptExisting", given: '"yes"', allowed: "must be a boolean" },
  { what: "a create timeout in words", inputs: { ...aws, timeouts: { create: "ten minutes" } }, property: "timeouts.create", given: '"ten minutes"', allowed: 'positive duration such as "90s"' },
  { what: "a negative delete timeout", inputs: { ...aws, timeouts: { delete: -5 } }, property: "timeouts.delete", given: "-5", allowed: "positive duration" },
  { what: "a poll interval of zero", inputs: { ...aws, poll: { intervalSeconds: 0 } }, property: "poll.intervalSeconds", given: "0", allowed: "at least 0.01" },
  { what: "the Azure region field on an AWS container", inputs: { ...aws, region: "US_EAST_2" }, property: "region", given: 'providerName "AWS"', allowed: "applies only when providerName is AZURE" },
  { what: "the AWS region field on a GCP container", inputs: { ...gcp, regionName: "US_EAST_1" }, property: "regionName", given: 'providerName "GCP"', allowed: "applies only when providerName is AWS" },
  { what: "a misspelled input", inputs: { ...aws, cidrBlock: "10.8.0.0/21" }, property: "cidrBlock", given: "cidrBlock", allowed: "is not an input of a network container" },
];

const provider = new AtlasDynamicProvider("networkContainer");
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimit: false });
  const config: Record<string, string> = {
    "mongodbatlas:baseUrl": sim.baseUrl,
    "mongodbatlas:publicKey": sim.credentials.publicKey,
    "mongodbatlas:privateKey": sim.credentials.privateKey,
  };
  resetRunContext({ get: (key: string) => config[key] }, createMemoryLogger());
});

afterAll(async () => {
  await closeAllAtlasClients();
  await sim.close();
});

test("the corpus holds at least 12 distinct bad inputs", () => {
  expect(new Set(badInputs.map((b) => JSON.stringify(b.inputs))).size).toBe(badInputs.length);
  expect(badInputs.length).toBeGreaterThanOrEqual(12);
});

test.each(badInputs)("check refuses $what, naming $property, the value and what is allowed", async ({ inputs, property, given, allowed }) => {
  const result = await provider.check({}, { ...inputs, __provider: "serialized provider" });
  expect(result.failures).toHaveLength(1);
  const [failure] = result.failures ?? [];
  expect(failure?.property).toBe(property);
  expect(failure?.reason).toContain(property);
  expect(failure?.reason).toContain(given);
  expect(failure?.reason).toContain(allowed);
  // The serialized provider survives a failed check (the engine needs it to report the failure).
  expect(result.inputs?.__provider).toBe("serialized provider");
});

test("none of the bad inputs reached Atlas", () => {
  expect(sim.control.getRequestLog()).toEqual([]);
});

test("the same inputs, corrected, pass check (so each case fails for its one bad field)", async () => {
  for (const good of [aws, azure, gcp, { ...gcp, regions: undefined, atlasCidrBlock: "10.0.0.0/18" }]) {
    const result = await provider.check({}, good);
    expect(result.failures ?? []).toEqual([]);
  }
  expect(sim.control.getRequestLog()).toEqual([]);
});
