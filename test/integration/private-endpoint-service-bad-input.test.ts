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
    name: "an AWS region that does not exist",
    inputs: { ...aws, region: "mars-east-1" },
    property: "region",
    given: '"mars-east-1"',
    allowed: /Atlas AWS region name such as US_EAST_1 .*us-east-1.*allowed: US_EAST_1,/,
  },
  {
    name: "Azure's own region name instead of Atlas's",
    inputs: { ...azure, region: "eastus2" },
    property: "region",
    given: '"eastus2"',
    allowed: /Atlas AZURE region name .*allowed: .*US_EAST_2/,
  },
  {
    name: "GCP's own region name instead of Atlas's",
    inputs: { ...gcp, region: "us-central1" },
    property: "region",
    given: '"us-central1"',
    allowed: /Atlas GCP region name .*allowed: .*CENTRAL_US/,
  },
  {
    name: "a region that is a number",
    inputs: { ...aws, region: 1 },
    property: "region",
    given: "1",
    allowed: /must be a string/,
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
    allowed: /Atlas AWS region name .*allowed: /,
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
