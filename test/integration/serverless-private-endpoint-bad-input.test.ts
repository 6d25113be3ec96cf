/**
 * Bad inputs for a ServerlessPrivateEndpoint, through `check` of the serialized provider shim (what
 * `pulumi preview` runs). Each is refused with a failure on the right property whose reason names the
 * field, the value given and what is allowed, and none of them reaches Atlas.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { testBadInputs, type BadInput, type Props } from "../support/resource-harness";
import { testGroupId } from "../support/simulator";

const azureEndpointId =
  "/subscriptions/0f8fad5b-d9cb-469f-a165-70867728950e/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/orders-pe";

const aws: Props = { projectId: testGroupId, instanceName: "orders", providerName: "AWS" };
const azure: Props = { projectId: testGroupId, instanceName: "orders", providerName: "AZURE" };

const badInputs: BadInput[] = [
  {
    name: "a project id that is not 24 hex digits",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    given: '"my-project"',
    allowed: /24-character lowercase hexadecimal id of the Atlas project/,
  },
  {
    name: "a project id in uppercase hex",
    inputs: { ...aws, projectId: "5F7CAC1ADF5D6C6306F4B283" },
    property: "projectId",
    given: '"5F7CAC1ADF5D6C6306F4B283"',
    allowed: /lowercase hexadecimal/,
  },
  {
    name: "a project id that is a number",
    inputs: { ...aws, projectId: 42 },
    property: "projectId",
    given: "42",
    allowed: /must be a string/,
  },
  {
    name: "an instance name starting with a hyphen",
    inputs: { ...aws, instanceName: "-orders" },
    property: "instanceName",
    given: '"-orders"',
    allowed: /letters, digits and hyphens, starting with a letter or digit/,
  },
  {
    name: "an instance name with an underscore",
    inputs: { ...aws, instanceName: "orders_prod" },
    property: "instanceName",
    given: '"orders_prod"',
    allowed: /letters, digits and hyphens/,
  },
  {
    name: "an instance name longer than 64 characters",
    inputs: { ...aws, instanceName: "o".repeat(65) },
    property: "instanceName",
    given: `"${"o".repeat(65)}"`,
    allowed: /at most 64 characters/,
  },
  {
    name: "GCP, which has no serverless private endpoints",
    inputs: { ...aws, providerName: "GCP" },
    property: "providerName",
    given: '"GCP"',
    allowed: /"AWS", "AZURE"/,
  },
  {
    name: "a provider name in lowercase",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    given: '"aws"',
    allowed: /"AWS", "AZURE"/,
  },
  {
    name: "a comment longer than 80 characters",
    inputs: { ...aws, comment: "c".repeat(81) },
    property: "comment",
    given: `"${"c".repeat(81)}"`,
    allowed: /at most 80 characters/,
  },
  {
    name: "an empty comment",
    inputs: { ...aws, comment: "" },
    property: "comment",
    given: '""',
    allowed: /must not be empty \(leave comment out for none\)/,
  },
  {
    name: "an AWS endpoint id in the short form",
    inputs: { ...aws, cloudProviderEndpointId: "vpce-1234abcd" },
    property: "cloudProviderEndpointId",
    given: '"vpce-1234abcd"',
    allowed: /AWS interface endpoint id, such as vpce-0123456789abcdef0/,
  },
  {
    name: "an AWS VPC id where the interface endpoint id belongs",
    inputs: { ...aws, cloudProviderEndpointId: "vpc-0123456789abcdef0" },
    property: "cloudProviderEndpointId",
    given: '"vpc-0123456789abcdef0"',
    allowed: /vpce-0123456789abcdef0/,
  },
  {
    name: "an Azure endpoint given by its name instead of its resource id",
    inputs: { ...azure, cloudProviderEndpointId: "orders-pe", privateEndpointIpAddress: "10.0.0.4" },
    property: "cloudProviderEndpointId",
    given: '"orders-pe"',
    allowed:
      /\/subscriptions\/<lowercase subscription guid>\/resourceGroups\/<group>\/providers\/Microsoft\.Network\/privateEndpoints\/<name>/,
  },
  {
    name: "an Azure endpoint id with an uppercase subscription GUID",
    inputs: {
      ...azure,
      cloudProviderEndpointId: azureEndpointId.replace("0f8fad5b", "0F8FAD5B"),
      privateEndpointIpAddress: "10.0.0.4",
    },
    property: "cloudProviderEndpointId",
    given: JSON.stringify(azureEndpointId.replace("0f8fad5b", "0F8FAD5B")),
    allowed: /lowercase subscription guid/,
  },
  {
    name: "an Azure IP address out of range",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId, privateEndpointIpAddress: "10.0.0.256" },
    property: "privateEndpointIpAddress",
    given: '"10.0.0.256"',
    allowed: /IP address in your VNet, such as 10\.0\.0\.4/,
  },
  {
    name: "an Azure IP address given as a CIDR block",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId, privateEndpointIpAddress: "10.0.0.4/32" },
    property: "privateEndpointIpAddress",
    given: '"10.0.0.4/32"',
    allowed: /such as 10\.0\.0\.4/,
  },
  {
    name: "adoptExisting as a string",
    inputs: { ...aws, adoptExisting: "yes" },
    property: "adoptExisting",
    given: '"yes"',
    allowed: /must be true or false/,
  },
  {
    name: "a create timeout in words",
    inputs: { ...aws, timeouts: { create: "ten minutes" } },
    property: "timeouts.create",
    given: '"ten minutes"',
    allowed: /positive duration such as "90s", "45m" or "1h30m", or a number of seconds/,
  },
  {
    name: "a negative delete timeout",
    inputs: { ...aws, timeouts: { delete: -5 } },
    property: "timeouts.delete",
    given: "-5",
    allowed: /positive duration/,
  },
  {
    name: "a poll interval of zero",
    inputs: { ...aws, poll: { intervalSeconds: 0 } },
    property: "poll.intervalSeconds",
    given: "0",
    allowed: /at least 0\.01/,
  },
  {
    name: "coalesce as a string",
    inputs: { ...aws, poll: { coalesce: "no" } },
    property: "poll.coalesce",
    given: '"no"',
    allowed: /must be true or false/,
  },
  // Missing or misplaced fields: the reason names the field and the rule (there is no value to quote).
  {
    name: "no project id",
    inputs: { instanceName: "orders", providerName: "AWS" },
    property: "projectId",
    given: null,
    allowed: /projectId is required/,
  },
  {
    name: "an Azure endpoint id without its IP address",
    inputs: { ...azure, cloudProviderEndpointId: azureEndpointId },
    property: "privateEndpointIpAddress",
    given: null,
    allowed: /must be set together with the other/,
  },
  {
    name: "an Azure IP address without the endpoint id",
    inputs: { ...azure, privateEndpointIpAddress: "10.0.0.4" },
    property: "cloudProviderEndpointId",
    given: null,
    allowed: /must be set together with the other/,
  },
  {
    name: "an IP address on an AWS endpoint",
    inputs: { ...aws, privateEndpointIpAddress: "10.0.0.4" },
    property: "privateEndpointIpAddress",
    given: '"10.0.0.4"',
    allowed: /applies only when providerName is AZURE; this serverless private endpoint has providerName "AWS"/,
  },
  {
    name: "a region, which the instance decides",
    inputs: { ...aws, region: "US_EAST_1" },
    property: "region",
    given: '"US_EAST_1"',
    allowed: /is not an input of a serverless private endpoint/,
  },
];

testBadInputs(new AtlasDynamicProvider("serverlessPrivateEndpoint"), {
  corpus: badInputs,
  goodInputs: {
    AWS: aws,
    "attached AZURE": {
      ...azure,
      comment: "orders",
      cloudProviderEndpointId: azureEndpointId,
      privateEndpointIpAddress: "10.0.0.4",
      timeouts: { create: "45m" },
      poll: { intervalSeconds: 5, coalesce: false },
    },
  },
});
