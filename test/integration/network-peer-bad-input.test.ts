/**
 * Bad NetworkPeer inputs, through `check` of the serialized provider shim as `pulumi preview` calls it: each
 * fails with the property at fault and a reason naming the field, the value given and what is allowed, and
 * none of them costs a call to Atlas.
 */
import { closeAllAtlasClients } from "../../provider/client";
import { createMemoryLogger } from "../../provider/logger";
import { resetRunContext } from "../../provider/resources/shared/context";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

type Props = Record<string, unknown>;

const shim = new AtlasDynamicProvider("networkPeer");
const containerId = "5f7cac1adf5d6c6306f4b284";

const aws: Props = {
  projectId: testGroupId,
  containerId,
  providerName: "AWS",
  accepterRegionName: "us-east-1",
  awsAccountId: "123456789012",
  routeTableCidrBlock: "172.31.0.0/16",
  vpcId: "vpc-0123456789abcdef0",
};
const azure: Props = {
  projectId: testGroupId,
  containerId,
  providerName: "AZURE",
  azureDirectoryId: "35f3b6a4-6b8f-4a0d-9c3e-2f1e7a3b9c11",
  azureSubscriptionId: "b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a",
  resourceGroupName: "my-rg",
  vnetName: "my-vnet",
};
const gcp: Props = { projectId: testGroupId, containerId, providerName: "GCP", gcpProjectId: "my-gcp-project", networkName: "default" };

function without(record: Props, key: string): Props {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

interface BadInput {
  name: string;
  inputs: Props;
  property: string;
  /** Besides the field name: the value as given (JSON) or what stands for it, and what is allowed. */
  mentions: (string | RegExp)[];
}

const cases: BadInput[] = [
  {
    name: "providerName in lower case",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    mentions: ['"aws"', '"AWS", "AZURE", "GCP"'],
  },
  {
    name: "no providerName at all",
    inputs: without(gcp, "providerName"),
    property: "providerName",
    mentions: ["is required", '"AWS", "AZURE", "GCP"'],
  },
  {
    name: "a project name instead of the project id",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    mentions: ['"my-project"', "24-character lowercase hexadecimal id of the Atlas project"],
  },
  {
    name: "a container id in upper case",
    inputs: { ...azure, containerId: "5F7CAC1ADF5D6C6306F4B284" },
    property: "containerId",
    mentions: ['"5F7CAC1ADF5D6C6306F4B284"', "lowercase hexadecimal id of the Atlas network container"],
  },
  {
    name: "an accepter region that AWS does not have",
    inputs: { ...aws, accepterRegionName: "mars-east-1" },
    property: "accepterRegionName",
    mentions: ['"mars-east-1"', "such as us-east-1"],
  },
  {
    name: "the GLOBAL pseudo-region as accepter region",
    inputs: { ...aws, accepterRegionName: "GLOBAL" },
    property: "accepterRegionName",
    mentions: ['"GLOBAL"', "the AWS region of your VPC"],
  },
  {
    name: "an AWS account id with 11 digits",
    inputs: { ...aws, awsAccountId: "12345678901" },
    property: "awsAccountId",
    mentions: ['"12345678901"', "12-digit AWS account id"],
  },
  {
    name: "an AWS account id given as a number",
    inputs: { ...aws, awsAccountId: 123456789012 },
    property: "awsAccountId",
    // shared/check.ts words a wrong type by zod's expected type, not by the field's own rule (reported).
    mentions: ["123456789012", /must be (a string|the 12-digit AWS account id)/],
  },
  {
    name: "a route table block without a prefix length",
    inputs: { ...aws, routeTableCidrBlock: "172.31.0.0" },
    property: "routeTableCidrBlock",
    mentions: ['"172.31.0.0"', "CIDR block with a prefix length"],
  },
  {
    name: "a short-form VPC id that Atlas refuses",
    inputs: { ...aws, vpcId: "vpc-0123abcd" },
    property: "vpcId",
    mentions: ['"vpc-0123abcd"', "17 lowercase hex digits"],
  },
  {
    name: "no VPC id for an AWS peer",
    inputs: without(aws, "vpcId"),
    property: "vpcId",
    mentions: ["is required", /must be (a string|an AWS VPC id)/],
  },
  {
    name: "an Azure directory that is not a GUID",
    inputs: { ...azure, azureDirectoryId: "contoso.onmicrosoft.com" },
    property: "azureDirectoryId",
    mentions: ['"contoso.onmicrosoft.com"', "a GUID"],
  },
  {
    name: "an Azure resource group with a slash",
    inputs: { ...azure, resourceGroupName: "rg/prod" },
    property: "resourceGroupName",
    mentions: ['"rg/prod"', "letters, digits, and - _ . ( ) only"],
  },
  {
    name: "an AWS field on an Azure peer",
    inputs: { ...azure, vpcId: "vpc-0123456789abcdef0" },
    property: "vpcId",
    mentions: ["applies only when providerName is AWS", '"AZURE"'],
  },
  {
    name: "waitForAvailable on an Azure peer, which always waits for AVAILABLE",
    inputs: { ...azure, waitForAvailable: true },
    property: "waitForAvailable",
    mentions: ["applies only when providerName is AWS or GCP", '"AZURE"'],
  },
  {
    name: "a GCP project id with upper case and an underscore",
    inputs: { ...gcp, gcpProjectId: "My_Project" },
    property: "gcpProjectId",
    mentions: ['"My_Project"', "6 to 30 lowercase letters, digits or hyphens"],
  },
  {
    name: "a GCP network name of 64 characters",
    inputs: { ...gcp, networkName: `n${"a".repeat(63)}` },
    property: "networkName",
    mentions: [`"n${"a".repeat(63)}"`, "at most 63 lowercase letters"],
  },
  {
    name: "the Azure subscription field on a GCP peer",
    inputs: { ...gcp, azureSubscriptionId: "b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a" },
    property: "azureSubscriptionId",
    mentions: ["applies only when providerName is AZURE", '"GCP"'],
  },
  {
    name: "waitForAvailable written as a string",
    inputs: { ...gcp, waitForAvailable: "yes" },
    property: "waitForAvailable",
    mentions: ['"yes"', /must be (a boolean|true or false)/],
  },
  {
    name: "adoptExisting written as a string",
    inputs: { ...aws, adoptExisting: "true" },
    property: "adoptExisting",
    mentions: ['"true"', /must be (a boolean|true or false)/],
  },
  {
    name: "a create timeout that is not a duration",
    inputs: { ...aws, timeouts: { create: "soon" } },
    property: "timeouts.create",
    mentions: ['"soon"', '"45m"'],
  },
  {
    name: "a poll interval of zero",
    inputs: { ...gcp, poll: { intervalSeconds: 0 } },
    property: "poll.intervalSeconds",
    mentions: ["0", "at least 0.01"],
  },
  {
    name: "a misspelt input",
    inputs: { ...aws, accepterRegion: "us-east-1" },
    property: "accepterRegion",
    mentions: ["is not an input of a network peer", "spelling"],
  },
];

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimit: false });
  const config: Record<string, string> = {
    "mongodbatlas:baseUrl": sim.baseUrl,
    "mongodbatlas:publicKey": sim.credentials.publicKey,
    "mongodbatlas:privateKey": sim.credentials.privateKey,
  };
  resetRunContext({ get: (key) => config[key] }, createMemoryLogger());
});

afterAll(async () => {
  // Every case ran through check: not one of them reached Atlas, not even for authentication.
  expect(sim.control.getRequestLog()).toEqual([]);
  await closeAllAtlasClients();
  await sim.close();
});

test("the corpus has at least 12 distinct bad inputs", () => {
  expect(new Set(cases.map((c) => JSON.stringify(c.inputs))).size).toBe(cases.length);
  expect(cases.length).toBeGreaterThanOrEqual(12);
});

test.each(cases.map((c) => [c.name, c] as const))("%s is refused by check", async (_name, badInput) => {
  const result = await shim.check({}, { ...badInput.inputs, __provider: "exports.handler = __provider_text_for_tests" });
  const failure = result.failures?.find((f) => f.property === badInput.property);
  expect(failure).toBeDefined();
  expect(failure!.reason).toContain(badInput.property);
  for (const mention of badInput.mentions) {
    if (typeof mention === "string") expect(failure!.reason).toContain(mention);
    else expect(failure!.reason).toMatch(mention);
  }
  expect(sim.control.getRequestLog()).toEqual([]);
});

test.each([
  ["AWS", aws],
  ["AZURE", azure],
  ["GCP", gcp],
] as const)("the good %s inputs these cases start from pass check", async (_provider, inputs) => {
  const result = await shim.check({}, inputs);
  expect(result.failures).toBeUndefined();
});
