/**
 * Bad inputs for a ServerlessPrivateEndpoint, through `check` of the serialized provider shim (what
 * `pulumi preview` runs). Each is refused with a failure on the right property whose reason names the
 * field, the value given and what is allowed, and none of them reaches Atlas.
 */
import { closeAllAtlasClients } from "../../provider/client";
import { createMemoryLogger } from "../../provider/logger";
import { resetRunContext } from "../../provider/resources/shared/context";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

type Props = Record<string, unknown>;

const provider = new AtlasDynamicProvider("serverlessPrivateEndpoint");
const serializedProvider = "exports.handler = /* the serialized AtlasDynamicProvider text */ undefined;";
const azureEndpointId =
  "/subscriptions/0f8fad5b-d9cb-469f-a165-70867728950e/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/orders-pe";

const aws: Props = { projectId: testGroupId, instanceName: "orders", providerName: "AWS" };
const azure: Props = { projectId: testGroupId, instanceName: "orders", providerName: "AZURE" };

interface BadInput {
  name: string;
  inputs: Props;
  property: string;
  /** The value as the reason must quote it (JSON), or null when the point is that it is missing or misplaced. */
  quoted: string | null;
  /** What is allowed, as the reason must say it. */
  allowed: RegExp;
}

const badInputs: BadInput[] = [
  {
    name: "a project id that is not 24 hex digits",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    quoted: '"my-project"',
    allowed: /24-character lowercase hexadecimal id of the Atlas project/,
  },
  {
    name: "a project id in uppercase hex",
    inputs: { ...aws, projectId: "5F7CAC1ADF5D6C6306F4B283" },
    property: "projectId",
    quoted: '"5F7CAC1ADF5D6C6306F4B283"',
    allowed: /lowercase hexadecimal/,
  },
  {
    name: "a project id that is a number",
    inputs: { ...aws, projectId: 42 },
    property: "projectId",
    quoted: "42",
    allowed: /must be a string/,
  },
  {
    name: "an instance name starting with a hyphen",
    inputs: { ...aws, instanceName: "-orders" },
    property: "instanceName",
    quoted: '"-orders"',
    allowed: /letters, digits and hyphens, starting with a letter or digit/,
  },
  {
    name: "an instance name with an underscore",
    inputs: { ...aws, instanceName: "orders_prod" },
    property: "instanceName",
    quoted: '"orders_prod"',
    allowed: /letters, digits and hyphens/,
  },
  {
    name: "an instance name longer than 64 characters",
    inputs: { ...aws, instanceName: "o".repeat(65) },
    property: "instanceName",
    quoted: `"${"o".repeat(65)}"`,
    allowed: /at most 64 characters/,
  },
  {
    name: "GCP, which has no serverless private endpoints",
    inputs: { ...aws, providerName: "GCP" },
    property: "providerName",
    quoted: '"GCP"',
    allowed: /"AWS", "AZURE"/,
  },
  {
    name: "a provider name in lowercase",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    quoted: '"aws"',
    allowed: /"AWS", "AZURE"/,
  },
  {
    name: "a comment longer than 80 characters",
    inputs: { ...aws, comment: "c".repeat(81) },
    property: "comment",
    quoted: `"${"c".repeat(81)}"`,
    allowed: /at most 80 characters/,
  },
  {
    name: "an empty comment",
    inputs: { ...aws, comment: "" },
    property: "comment",
    quoted: '""',
    allowed: /must not be empty \(leave comment out for none\)/,
  },
  {
    name: "an AWS endpoint id in the short form",
    inputs: { ...aws, cloudProviderEndpointId: "vpce-1234abcd" },
    property: "cloudProviderEndpointId",
    quoted: '"vpce-1234abcd"',
    allowed: /AWS interface endpoint id, such as vpce-0123456789abcdef0/,
  },
  {
    name: "an AWS VPC id where the interface endpoint id belongs",
    inputs: { ...aws, cloudProviderEndpointId: "vpc-0123456789abcdef0" },
    property: "cloudProviderEndpointId",
    quoted: '"vpc-0123456789abcdef0"',
    allowed: /vpce-0123456789abcdef0/,
  },
  {
    name: "an Azure endpoint given by its name instead of its resource id",
    inputs: { ...azure, cloudProviderEndpointId: "orders-pe", privateEndpointIpAddress: "10.0.0.4" },
    property: "cloudProviderEndpointId",
    quoted: '"orders-pe"',
    allowed: /\/subscriptions\/<lowercase subscription guid>\/resourceGroups\/<group>\/providers\/Microsoft\.Network\/privateEndpoints\/<name>/,
  },
  {
    name: "an Azure endpoint id with an uppercase subscription GUID",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId.replace("0f8fad5b", "0F8FAD5B"), privateEndpointIpAddress: "10.0.0.4" },
    property: "cloudProviderEndpointId",
    quoted: JSON.stringify(azureEndpointId.replace("0f8fad5b", "0F8FAD5B")),
    allowed: /lowercase subscription guid/,
  },
  {
    name: "an Azure IP address out of range",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId, privateEndpointIpAddress: "10.0.0.256" },
    property: "privateEndpointIpAddress",
    quoted: '"10.0.0.256"',
    allowed: /IP address in your VNet, such as 10\.0\.0\.4/,
  },
  {
    name: "an Azure IP address given as a CIDR block",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId, privateEndpointIpAddress: "10.0.0.4/32" },
    property: "privateEndpointIpAddress",
    quoted: '"10.0.0.4/32"',
    allowed: /such as 10\.0\.0\.4/,
  },
  {
    name: "adoptExisting as a string",
    inputs: { ...aws, adoptExisting: "yes" },
    property: "adoptExisting",
    quoted: '"yes"',
    allowed: /must be a boolean/,
  },
  {
    name: "a create timeout in words",
    inputs: { ...aws, timeouts: { create: "ten minutes" } },
    property: "timeouts.create",
    quoted: '"ten minutes"',
    allowed: /positive duration such as "90s", "45m" or "1h30m", or a number of seconds/,
  },
  {
    name: "a negative delete timeout",
    inputs: { ...aws, timeouts: { delete: -5 } },
    property: "timeouts.delete",
    quoted: "-5",
    allowed: /positive duration/,
  },
  {
    name: "a poll interval of zero",
    inputs: { ...aws, poll: { intervalSeconds: 0 } },
    property: "poll.intervalSeconds",
    quoted: "0",
    allowed: /at least 0\.01/,
  },
  {
    name: "coalesce as a string",
    inputs: { ...aws, poll: { coalesce: "no" } },
    property: "poll.coalesce",
    quoted: '"no"',
    allowed: /must be a boolean/,
  },
  // Missing or misplaced fields: the reason names the field and the rule (there is no value to quote).
  {
    name: "no project id",
    inputs: { instanceName: "orders", providerName: "AWS" },
    property: "projectId",
    quoted: null,
    allowed: /projectId is required/,
  },
  {
    name: "an Azure endpoint id without its IP address",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId },
    property: "privateEndpointIpAddress",
    quoted: null,
    allowed: /must be set together with the other/,
  },
  {
    name: "an Azure IP address without the endpoint id",
    inputs: { ...azure, privateEndpointIpAddress: "10.0.0.4" },
    property: "cloudProviderEndpointId",
    quoted: null,
    allowed: /must be set together with the other/,
  },
  {
    name: "an IP address on an AWS endpoint",
    inputs: { ...aws, privateEndpointIpAddress: "10.0.0.4" },
    property: "privateEndpointIpAddress",
    quoted: '"AWS"',
    allowed: /applies only when providerName is AZURE/,
  },
  {
    name: "a region, which the instance decides",
    inputs: { ...aws, region: "US_EAST_1" },
    property: "region",
    quoted: null,
    allowed: /is not an input of a serverless private endpoint/,
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
  await closeAllAtlasClients();
  await sim.close();
});

test("the corpus holds at least 12 distinct bad inputs", () => {
  expect(new Set(badInputs.map((bad) => JSON.stringify(bad.inputs))).size).toBe(badInputs.length);
  expect(badInputs.filter((bad) => bad.quoted !== null).length).toBeGreaterThanOrEqual(12);
});

test.each(badInputs)("check refuses $name", async ({ inputs, property, quoted, allowed }) => {
  const result = await provider.check({}, { __provider: serializedProvider, ...inputs });

  expect(result.failures).toBeDefined();
  const failure = result.failures!.find((candidate) => candidate.property === property);
  expect(failure).toBeDefined();
  const field = property.split(".").at(-1)!;
  expect(failure!.reason).toContain(field);
  if (quoted !== null) expect(failure!.reason).toContain(quoted);
  expect(failure!.reason).toMatch(allowed);
  // The inputs go back unchanged, with the serialized provider, so the engine can report them.
  expect(result.inputs).toMatchObject({ __provider: serializedProvider });
});

test("none of the bad inputs reached Atlas", () => {
  // Runs after the table: check never calls the API, whatever it is given.
  expect(sim.control.getRequestLog()).toEqual([]);
});

test("a good input next to them passes, so the failures are about the bad values", async () => {
  const result = await provider.check({}, {
    __provider: serializedProvider,
    ...azure,
    comment: "orders",
    cloudProviderEndpointId: azureEndpointId,
    privateEndpointIpAddress: "10.0.0.4",
    timeouts: { create: "45m" },
    poll: { intervalSeconds: 5, coalesce: false },
  });
  expect(result.failures).toBeUndefined();
  expect(sim.control.getRequestLog()).toEqual([]);
});
