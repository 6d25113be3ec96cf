/**
 * Bad inputs of a PrivateEndpointService, as `pulumi preview` meets them: each is refused by check with a
 * failure on the right property whose reason names the field, quotes what was given and says what is
 * allowed, and not one of them costs an Atlas call.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { awsRegions } from "../../provider/resources/shared/regions";
import { testBadInputs, type BadInput, type Props } from "../support/resource-harness";
import { testGroupId } from "../support/simulator";

const aws: Props = { projectId: testGroupId, providerName: "AWS", region: "US_EAST_1" };
const azure: Props = { projectId: testGroupId, providerName: "AZURE", region: "US_EAST_2" };
const gcp: Props = { projectId: testGroupId, providerName: "GCP", region: "CENTRAL_US" };
// 36 regions: every AWS region but the service's own and the two GovCloud ones, one more than Atlas allows.
const allAwsRegions = awsRegions.filter((region) => region !== "US_EAST_1" && !region.startsWith("US_GOV_"));

const corpus: BadInput[] = [
  {
    name: "a project name instead of its id",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    given: '"my-project"',
    allowed: /24-character lowercase hexadecimal id/,
  },
  {
    name: "a project id in upper case",
    inputs: { ...aws, projectId: "5F7CAC1ADF5D6C6306F4B283" },
    property: "projectId",
    given: '"5F7CAC1ADF5D6C6306F4B283"',
    allowed: /lowercase hexadecimal/,
  },
  {
    name: "no project id at all",
    inputs: { providerName: "AWS", region: "US_EAST_1" },
    property: "projectId",
    given: null,
    allowed: /required: it must be a string/,
  },
  {
    name: "a provider name in lower case",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    given: '"aws"',
    allowed: /"AWS", "AZURE", "GCP"/,
  },
  {
    name: "a cloud Atlas does not offer",
    inputs: { ...aws, providerName: "ORACLE" },
    property: "providerName",
    given: '"ORACLE"',
    allowed: /"AWS", "AZURE", "GCP"/,
  },
  {
    // The closest names and where the full list is, not all 39 names.
    name: "an AWS region that does not exist",
    inputs: { ...aws, region: "mars-east-1" },
    property: "region",
    given: '"mars-east-1"',
    allowed:
      /must be an AWS region: Atlas's name such as US_EAST_1, or the AWS region code such as us-east-1 \(every name: docs\/regions\.md\)$/,
  },
  {
    name: "a mistyped AWS region",
    inputs: { ...aws, region: "us-east-7" },
    property: "region",
    given: '"us-east-7"',
    allowed: /did you mean us-east-1 or us-east-2\? \(every name: docs\/regions\.md\)$/,
  },
  {
    name: "a mistyped Azure location",
    inputs: { ...azure, region: "estus2" },
    property: "region",
    given: '"estus2"',
    allowed: /an Azure region: .*Azure location name such as eastus2; did you mean eastus2 or westus2\?/,
  },
  {
    name: "a mistyped Atlas name for a GCP region",
    inputs: { ...gcp, region: "CENTRL_US" },
    property: "region",
    given: '"CENTRL_US"',
    allowed: /a GCP region: .*; did you mean CENTRAL_US\?/,
  },
  {
    name: "an AWS region for an Azure service",
    inputs: { ...azure, region: "us-east-1" },
    property: "region",
    given: '"us-east-1"',
    allowed: /us-east-1 is a region of AWS \(US_EAST_1\), not of Azure/,
  },
  {
    name: "an Azure location for a GCP service",
    inputs: { ...gcp, region: "westeurope" },
    property: "region",
    given: '"westeurope"',
    allowed: /westeurope is a region of Azure \(EUROPE_WEST\), not of GCP/,
  },
  {
    name: "a region that is a number",
    inputs: { ...aws, region: 1 },
    property: "region",
    given: "1",
    allowed: /must be an AWS region: Atlas's name such as US_EAST_1/,
  },
  {
    name: "the home region among the remote regions",
    inputs: { ...aws, supportedRemoteRegions: ["EU_WEST_1", "us-east-1"] },
    property: "supportedRemoteRegions",
    given: '["EU_WEST_1","us-east-1"]',
    allowed: /must not include the service's own region US_EAST_1/,
  },
  {
    name: "an unknown remote region",
    inputs: { ...aws, supportedRemoteRegions: ["EU_WEST_1", "narnia-1"] },
    property: "supportedRemoteRegions[1]",
    given: '"narnia-1"',
    allowed: /must be an AWS region: .*\(every name: docs\/regions\.md\)$/,
  },
  {
    name: "remote regions as one string",
    inputs: { ...aws, supportedRemoteRegions: "EU_WEST_1" },
    property: "supportedRemoteRegions",
    given: '"EU_WEST_1"',
    allowed: /must be an array/,
  },
  {
    name: "more than 35 remote regions",
    inputs: { ...aws, supportedRemoteRegions: allAwsRegions },
    property: "supportedRemoteRegions",
    given: JSON.stringify(allAwsRegions),
    allowed: /at most 35 regions/,
  },
  {
    name: "remote regions on an Azure service",
    inputs: { ...azure, supportedRemoteRegions: ["US_WEST"] },
    property: "supportedRemoteRegions",
    given: '["US_WEST"]',
    allowed: /applies only when providerName is AWS.*providerName "AZURE"/,
  },
  {
    name: "port mapping on an AWS service",
    inputs: { ...aws, portMappingEnabled: true },
    property: "portMappingEnabled",
    given: "true",
    allowed: /applies only when providerName is GCP.*providerName "AWS"/,
  },
  {
    name: "port mapping given as text",
    inputs: { ...gcp, portMappingEnabled: "yes" },
    property: "portMappingEnabled",
    given: '"yes"',
    allowed: /must be true or false/,
  },
  {
    name: "adoptExisting given as text",
    inputs: { ...aws, adoptExisting: "true" },
    property: "adoptExisting",
    given: '"true"',
    allowed: /must be true or false/,
  },
  {
    name: "a create timeout that is not a duration",
    inputs: { ...aws, timeouts: { create: "forever" } },
    property: "timeouts.create",
    given: '"forever"',
    allowed: /positive duration such as "90s", "45m" or "1h30m"/,
  },
  {
    name: "a negative delete timeout",
    inputs: { ...gcp, timeouts: { delete: -5 } },
    property: "timeouts.delete",
    given: "-5",
    allowed: /positive duration/,
  },
  {
    name: "a read timeout, which Terraform has but this resource does not",
    inputs: { ...aws, timeouts: { read: "5m" } },
    property: "timeouts.read",
    given: '"5m"',
    allowed: /not an input of a private endpoint service/,
  },
  {
    name: "a poll interval of zero",
    inputs: { ...azure, poll: { intervalSeconds: 0 } },
    property: "poll.intervalSeconds",
    given: "0",
    allowed: /must be at least 0.01/,
  },
  {
    name: "the output regionName given as an input",
    inputs: { ...aws, regionName: "US_EAST_1" },
    property: "regionName",
    given: '"US_EAST_1"',
    allowed: /not an input of a private endpoint service; check its spelling/,
  },
];

testBadInputs(new AtlasDynamicProvider("privateEndpointService"), {
  corpus,
  goodInputs: { AWS: aws, AZURE: azure, GCP: gcp },
});
