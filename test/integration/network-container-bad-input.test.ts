/**
 * Bad NetworkContainer inputs, run through `check` of the serialized provider as `pulumi preview` runs it:
 * each one fails with a reason that names the field, the value given and what is allowed, and none of
 * them reaches Atlas.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { testBadInputs, type BadInput, type Props } from "../support/resource-harness";
import { testGroupId } from "../support/simulator";

const aws: Props = {
  projectId: testGroupId,
  providerName: "AWS",
  regionName: "US_EAST_1",
  atlasCidrBlock: "10.8.0.0/21",
};
const azure: Props = {
  projectId: testGroupId,
  providerName: "AZURE",
  region: "US_EAST_2",
  atlasCidrBlock: "10.8.0.0/21",
};
const gcp: Props = {
  projectId: testGroupId,
  providerName: "GCP",
  regions: ["CENTRAL_US"],
  atlasCidrBlock: "10.8.0.0/21",
};

const badInputs: BadInput[] = [
  {
    name: "a project name instead of its id",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    given: '"my-project"',
    allowed: "24-character lowercase hexadecimal",
  },
  {
    name: "an upper-case project id",
    inputs: { ...aws, projectId: "5F7CAC1ADF5D6C6306F4B283" },
    property: "projectId",
    given: '"5F7CAC1ADF5D6C6306F4B283"',
    allowed: "24-character lowercase hexadecimal",
  },
  {
    name: "a provider containers do not exist for",
    inputs: { ...aws, providerName: "TENANT" },
    property: "providerName",
    given: '"TENANT"',
    allowed: 'one of "AWS", "AZURE", "GCP"',
  },
  {
    name: "a lower-case provider name",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    given: '"aws"',
    allowed: 'one of "AWS", "AZURE", "GCP"',
  },
  {
    name: "an AWS region that does not exist",
    inputs: { ...aws, regionName: "mars-east-1" },
    property: "regionName",
    given: '"mars-east-1"',
    allowed: "must be an AWS region: Atlas's name such as US_EAST_1, or the AWS region code such as us-east-1",
  },
  {
    name: "a mistyped Azure location",
    inputs: { ...azure, region: "westeurop" },
    property: "region",
    given: '"westeurop"',
    allowed: "did you mean westeurope? (every name: docs/regions.md)",
  },
  {
    name: "a GCP region list holding an AWS region",
    inputs: { ...gcp, regions: ["CENTRAL_US", "US_EAST_1"] },
    property: "regions[1]",
    given: '"US_EAST_1"',
    allowed: "US_EAST_1 is a region of AWS, not of GCP",
  },
  {
    // Atlas's cluster enum has EUROPE_WEST_8; its container enum (GCPCloudProviderContainer.regions) does not.
    name: "a GCP region that Atlas's container list lacks",
    inputs: { ...gcp, regions: ["CENTRAL_US", "europe-west8"] },
    property: "regions[1]",
    given: '"europe-west8"',
    allowed: "EUROPE_WEST_8 is a GCP region, but not one Atlas lists for network containers",
  },
  {
    name: "an empty GCP region list",
    inputs: { ...gcp, regions: [] },
    property: "regions",
    given: "[]",
    allowed: "at least one region, or be left out",
  },
  {
    name: "an address without a prefix length",
    inputs: { ...aws, atlasCidrBlock: "10.8.0.0" },
    property: "atlasCidrBlock",
    given: '"10.8.0.0"',
    allowed: "IPv4 CIDR block with a prefix length",
  },
  {
    name: "a public CIDR block",
    inputs: { ...aws, atlasCidrBlock: "8.8.0.0/21" },
    property: "atlasCidrBlock",
    given: '"8.8.0.0/21"',
    allowed: "private range (RFC 1918",
  },
  {
    name: "an AWS block wider than /21",
    inputs: { ...aws, atlasCidrBlock: "10.8.0.0/16" },
    property: "atlasCidrBlock",
    given: '"10.8.0.0/16"',
    allowed: "prefix from /21 to /24",
  },
  {
    name: "an Azure block narrower than /24",
    inputs: { ...azure, atlasCidrBlock: "10.8.0.0/25" },
    property: "atlasCidrBlock",
    given: '"10.8.0.0/25"',
    allowed: "prefix from /21 to /24",
  },
  {
    name: "a global GCP block wider than /18",
    inputs: { ...gcp, regions: undefined, atlasCidrBlock: "10.0.0.0/17" },
    property: "atlasCidrBlock",
    given: '"10.0.0.0/17"',
    allowed: "prefix from /18 to /24",
  },
  {
    name: "a regional GCP block wider than /21",
    inputs: { ...gcp, atlasCidrBlock: "10.8.0.0/18" },
    property: "atlasCidrBlock",
    given: '"10.8.0.0/18"',
    allowed: "/21 to /24 when regions is set",
  },
  {
    name: "a block not written with its network address",
    inputs: { ...aws, atlasCidrBlock: "10.8.1.0/21" },
    property: "atlasCidrBlock",
    given: '"10.8.1.0/21"',
    allowed: "10.8.0.0/21",
  },
  {
    name: "a CIDR block given as a number",
    inputs: { ...aws, atlasCidrBlock: 10821 },
    property: "atlasCidrBlock",
    given: "10821",
    allowed: "must be a string",
  },
  {
    name: "adoptExisting as a word",
    inputs: { ...aws, adoptExisting: "yes" },
    property: "adoptExisting",
    given: '"yes"',
    allowed: "must be true or false",
  },
  {
    name: "a create timeout in words",
    inputs: { ...aws, timeouts: { create: "ten minutes" } },
    property: "timeouts.create",
    given: '"ten minutes"',
    allowed: 'positive duration such as "90s"',
  },
  {
    name: "a negative delete timeout",
    inputs: { ...aws, timeouts: { delete: -5 } },
    property: "timeouts.delete",
    given: "-5",
    allowed: "positive duration",
  },
  {
    name: "a poll interval of zero",
    inputs: { ...aws, poll: { intervalSeconds: 0 } },
    property: "poll.intervalSeconds",
    given: "0",
    allowed: "at least 0.01",
  },
  {
    name: "the Azure region field on an AWS container",
    inputs: { ...aws, region: "US_EAST_2" },
    property: "region",
    given: '"US_EAST_2"',
    allowed: 'applies only when providerName is AZURE; this network container has providerName "AWS"',
  },
  {
    name: "the AWS region field on a GCP container",
    inputs: { ...gcp, regionName: "US_EAST_1" },
    property: "regionName",
    given: '"US_EAST_1"',
    allowed: 'applies only when providerName is AWS; this network container has providerName "GCP"',
  },
  {
    name: "a misspelled input",
    inputs: { ...aws, cidrBlock: "10.8.0.0/21" },
    property: "cidrBlock",
    given: '"10.8.0.0/21"',
    allowed: "is not an input of a network container",
  },
];

testBadInputs(new AtlasDynamicProvider("networkContainer"), {
  corpus: badInputs,
  goodInputs: {
    AWS: aws,
    AZURE: azure,
    "regional GCP": gcp,
    "global GCP": { ...gcp, regions: undefined, atlasCidrBlock: "10.0.0.0/18" },
  },
});
