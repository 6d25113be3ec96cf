/**
 * Bad NetworkPeer inputs, through `check` of the serialized provider shim as `pulumi preview` calls it: each
 * fails with the property at fault and a reason naming the field, the value given and what is allowed, and
 * none of them costs a call to Atlas.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { testBadInputs, type BadInput, type Props } from "../support/resource-harness";
import { testGroupId } from "../support/simulator";

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
const gcp: Props = {
  projectId: testGroupId,
  containerId,
  providerName: "GCP",
  gcpProjectId: "my-gcp-project",
  networkName: "default",
};

function without(record: Props, key: string): Props {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

const cases: BadInput[] = [
  {
    name: "providerName in lower case",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    given: '"aws"',
    allowed: '"AWS", "AZURE", "GCP"',
  },
  {
    name: "no providerName at all",
    inputs: without(gcp, "providerName"),
    property: "providerName",
    given: null,
    allowed: /is required: it must be one of "AWS", "AZURE", "GCP"/,
  },
  {
    name: "a project name instead of the project id",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    given: '"my-project"',
    allowed: "24-character lowercase hexadecimal id of the Atlas project",
  },
  {
    name: "a container id in upper case",
    inputs: { ...azure, containerId: "5F7CAC1ADF5D6C6306F4B284" },
    property: "containerId",
    given: '"5F7CAC1ADF5D6C6306F4B284"',
    allowed: "lowercase hexadecimal id of the Atlas network container",
  },
  {
    name: "an accepter region that AWS does not have",
    inputs: { ...aws, accepterRegionName: "mars-east-1" },
    property: "accepterRegionName",
    given: '"mars-east-1"',
    allowed: "must be the AWS region of your VPC, such as us-east-1 (or Atlas's name, such as US_EAST_1)",
  },
  {
    name: "the GLOBAL pseudo-region as accepter region",
    inputs: { ...aws, accepterRegionName: "GLOBAL" },
    property: "accepterRegionName",
    given: '"GLOBAL"',
    allowed: "GLOBAL is no region a VPC can be in",
  },
  {
    name: "an Azure location as accepter region",
    inputs: { ...aws, accepterRegionName: "eastus2" },
    property: "accepterRegionName",
    given: '"eastus2"',
    allowed: "eastus2 is a region of Azure (US_EAST_2), not of AWS",
  },
  {
    name: "an AWS account id with 11 digits",
    inputs: { ...aws, awsAccountId: "12345678901" },
    property: "awsAccountId",
    given: '"12345678901"',
    allowed: "12-digit AWS account id",
  },
  {
    name: "an AWS account id given as a number",
    inputs: { ...aws, awsAccountId: 123456789012 },
    property: "awsAccountId",
    given: "123456789012",
    allowed: "must be the 12-digit AWS account id",
  },
  {
    name: "a route table block without a prefix length",
    inputs: { ...aws, routeTableCidrBlock: "172.31.0.0" },
    property: "routeTableCidrBlock",
    given: '"172.31.0.0"',
    allowed: "CIDR block with a prefix length",
  },
  {
    name: "a short-form VPC id that Atlas refuses",
    inputs: { ...aws, vpcId: "vpc-0123abcd" },
    property: "vpcId",
    given: '"vpc-0123abcd"',
    allowed: "17 lowercase hex digits",
  },
  {
    name: "no VPC id for an AWS peer",
    inputs: without(aws, "vpcId"),
    property: "vpcId",
    given: null,
    allowed: "is required: it must be an AWS VPC id",
  },
  {
    name: "an Azure directory that is not a GUID",
    inputs: { ...azure, azureDirectoryId: "contoso.onmicrosoft.com" },
    property: "azureDirectoryId",
    given: '"contoso.onmicrosoft.com"',
    allowed: "a GUID",
  },
  {
    name: "an Azure resource group with a slash",
    inputs: { ...azure, resourceGroupName: "rg/prod" },
    property: "resourceGroupName",
    given: '"rg/prod"',
    allowed: "letters, digits, and - _ . ( ) only",
  },
  {
    name: "an AWS field on an Azure peer",
    inputs: { ...azure, vpcId: "vpc-0123456789abcdef0" },
    property: "vpcId",
    given: '"vpc-0123456789abcdef0"',
    allowed: /applies only when providerName is AWS;.* "AZURE"/,
  },
  {
    name: "waitForAvailable on an Azure peer, which always waits for AVAILABLE",
    inputs: { ...azure, waitForAvailable: true },
    property: "waitForAvailable",
    given: "true",
    allowed: /applies only when providerName is AWS or GCP;.* "AZURE"/,
  },
  {
    name: "a GCP project id with upper case and an underscore",
    inputs: { ...gcp, gcpProjectId: "My_Project" },
    property: "gcpProjectId",
    given: '"My_Project"',
    allowed: "6 to 30 lowercase letters, digits or hyphens",
  },
  {
    name: "a GCP network name of 64 characters",
    inputs: { ...gcp, networkName: `n${"a".repeat(63)}` },
    property: "networkName",
    given: `"n${"a".repeat(63)}"`,
    allowed: "at most 63 lowercase letters",
  },
  {
    name: "the Azure subscription field on a GCP peer",
    inputs: { ...gcp, azureSubscriptionId: "b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a" },
    property: "azureSubscriptionId",
    given: '"b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a"',
    allowed: /applies only when providerName is AZURE;.* "GCP"/,
  },
  {
    name: "waitForAvailable written as a string",
    inputs: { ...gcp, waitForAvailable: "yes" },
    property: "waitForAvailable",
    given: '"yes"',
    allowed: "must be true or false",
  },
  {
    name: "adoptExisting written as a string",
    inputs: { ...aws, adoptExisting: "true" },
    property: "adoptExisting",
    given: '"true"',
    allowed: "must be true or false",
  },
  {
    name: "a create timeout that is not a duration",
    inputs: { ...aws, timeouts: { create: "soon" } },
    property: "timeouts.create",
    given: '"soon"',
    allowed: '"45m"',
  },
  {
    name: "a poll interval of zero",
    inputs: { ...gcp, poll: { intervalSeconds: 0 } },
    property: "poll.intervalSeconds",
    given: "0",
    allowed: "at least 0.01",
  },
  {
    name: "a misspelt input",
    inputs: { ...aws, accepterRegion: "us-east-1" },
    property: "accepterRegion",
    given: '"us-east-1"',
    allowed: /is not an input of a network peer; check its spelling/,
  },
];

testBadInputs(new AtlasDynamicProvider("networkPeer"), {
  corpus: cases,
  goodInputs: { AWS: aws, AZURE: azure, GCP: gcp },
});
