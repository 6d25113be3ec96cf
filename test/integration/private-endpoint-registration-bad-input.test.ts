/**
 * Bad inputs of a PrivateEndpointRegistration and a PrivateEndpointRegionalMode, as `pulumi preview` meets them:
 * each is refused by check with a failure on the right property whose reason names the field, quotes what was
 * given and says what is allowed, and not one of them costs an Atlas call.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { testBadInputs, type BadInput, type Props } from "../support/resource-harness";
import { testGroupId } from "../support/simulator";

const endpointServiceId = "65a1b2c3d4e5f60718293a4b";
const azureId =
  "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/network/providers/Microsoft.Network/privateEndpoints/atlas";
const aws: Props = {
  projectId: testGroupId,
  endpointServiceId,
  providerName: "AWS",
  vpcEndpointId: "vpce-0df793f9c89c24a3b",
};
const azure: Props = {
  projectId: testGroupId,
  endpointServiceId,
  providerName: "AZURE",
  privateEndpointResourceId: azureId,
  privateEndpointIpAddress: "10.0.0.4",
};
const rule = (endpointName: string, ipAddress: string) => ({ endpointName, ipAddress });
const gcp: Props = {
  projectId: testGroupId,
  endpointServiceId,
  providerName: "GCP",
  gcpProjectId: "my-network-project",
  endpointGroupName: "my-network",
  endpoints: [rule("atlas-0", "10.0.42.0"), rule("atlas-1", "10.0.42.1")],
};

const registrationCorpus: BadInput[] = [
  {
    name: "a project name instead of its id",
    inputs: { ...aws, projectId: "my-project" },
    property: "projectId",
    given: '"my-project"',
    allowed: /24-character lowercase hexadecimal id of the Atlas project/,
  },
  {
    name: "the service's resource name instead of its Atlas id",
    inputs: { ...aws, endpointServiceId: "aws-private-link" },
    property: "endpointServiceId",
    given: '"aws-private-link"',
    allowed: /endpointServiceId output of a PrivateEndpointService/,
  },
  {
    name: "no endpoint service id at all",
    inputs: { projectId: testGroupId, providerName: "AWS", vpcEndpointId: "vpce-0df793f9c89c24a3b" },
    property: "endpointServiceId",
    given: null,
    allowed: /required/,
  },
  {
    name: "a provider name in lower case",
    inputs: { ...aws, providerName: "aws" },
    property: "providerName",
    given: '"aws"',
    allowed: /"AWS", "AZURE", "GCP"/,
  },
  {
    name: "a VPC id instead of the interface endpoint's id",
    inputs: { ...aws, vpcEndpointId: "vpc-0df793f9c89c24a3b" },
    property: "vpcEndpointId",
    given: '"vpc-0df793f9c89c24a3b"',
    allowed: /vpce- and 17 hexadecimal digits/,
  },
  {
    name: "a vpce id with 8 hexadecimal digits (the old short form)",
    inputs: { ...aws, vpcEndpointId: "vpce-0df793f9" },
    property: "vpcEndpointId",
    given: '"vpce-0df793f9"',
    allowed: /17 hexadecimal digits/,
  },
  {
    name: "a vpce id in upper case",
    inputs: { ...aws, vpcEndpointId: "vpce-0DF793F9C89C24A3B" },
    property: "vpcEndpointId",
    given: '"vpce-0DF793F9C89C24A3B"',
    allowed: /interface VPC endpoint/,
  },
  {
    name: "no vpce id for AWS",
    inputs: { projectId: testGroupId, endpointServiceId, providerName: "AWS" },
    property: "vpcEndpointId",
    given: null,
    allowed: /required/,
  },
  {
    name: "an Azure field on an AWS registration",
    inputs: { ...aws, privateEndpointIpAddress: "10.0.0.4" },
    property: "privateEndpointIpAddress",
    given: '"10.0.0.4"',
    allowed: /applies only when providerName is AZURE/,
  },
  {
    name: "the Azure private endpoint's name instead of its resource id",
    inputs: { ...azure, privateEndpointResourceId: "atlas-private-endpoint" },
    property: "privateEndpointResourceId",
    given: '"atlas-private-endpoint"',
    allowed: /Azure resource id of your private endpoint/,
  },
  {
    name: "the resource id of a private link service instead of a private endpoint",
    inputs: {
      ...azure,
      privateEndpointResourceId: azureId.replace("privateEndpoints/atlas", "privateLinkServices/pls_atlas"),
    },
    property: "privateEndpointResourceId",
    given: "privateLinkServices/pls_atlas",
    allowed: /Microsoft.Network\/privateEndpoints/,
  },
  {
    name: "an Azure resource id URL-encoded",
    inputs: { ...azure, privateEndpointResourceId: encodeURIComponent(azureId) },
    property: "privateEndpointResourceId",
    given: "%2Fsubscriptions",
    allowed: /\/subscriptions\/<subscription uuid>/,
  },
  {
    name: "an Azure IP address with a prefix length",
    inputs: { ...azure, privateEndpointIpAddress: "10.0.0.4/32" },
    property: "privateEndpointIpAddress",
    given: '"10.0.0.4/32"',
    allowed: /private IP address of your Azure private endpoint/,
  },
  {
    name: "an Azure IP address out of range",
    inputs: { ...azure, privateEndpointIpAddress: "10.0.0.256" },
    property: "privateEndpointIpAddress",
    given: '"10.0.0.256"',
    allowed: /IPv4 such as 10.0.0.4/,
  },
  {
    name: "no IP address for Azure",
    inputs: { ...azure, privateEndpointIpAddress: undefined },
    property: "privateEndpointIpAddress",
    given: null,
    allowed: /required/,
  },
  {
    name: "a vpce id on an Azure registration",
    inputs: { ...azure, vpcEndpointId: "vpce-0df793f9c89c24a3b" },
    property: "vpcEndpointId",
    given: '"vpce-0df793f9c89c24a3b"',
    allowed: /applies only when providerName is AWS/,
  },
  {
    name: "a GCP project name with spaces and capitals",
    inputs: { ...gcp, gcpProjectId: "My Network Project" },
    property: "gcpProjectId",
    given: '"My Network Project"',
    allowed: /6-30 lower-case letters, digits and hyphens/,
  },
  {
    name: "a GCP project number instead of its id",
    inputs: { ...gcp, gcpProjectId: "123456789012" },
    property: "gcpProjectId",
    given: '"123456789012"',
    allowed: /starting with a letter/,
  },
  {
    name: "a GCP project id too short",
    inputs: { ...gcp, gcpProjectId: "net" },
    property: "gcpProjectId",
    given: '"net"',
    allowed: /6-30/,
  },
  {
    name: "an endpoint group name with an underscore",
    inputs: { ...gcp, endpointGroupName: "my_network" },
    property: "endpointGroupName",
    given: '"my_network"',
    allowed: /GCP-style name for the endpoint group/,
  },
  {
    name: "no endpoint group name for two forwarding rules",
    inputs: { ...gcp, endpointGroupName: undefined },
    property: "endpointGroupName",
    given: null,
    allowed: /more than one forwarding rule/,
  },
  {
    name: "no forwarding rule at all",
    inputs: { ...gcp, endpoints: [] },
    property: "endpoints",
    given: "[]",
    allowed: /at least one forwarding rule/,
  },
  {
    name: "51 forwarding rules",
    inputs: { ...gcp, endpoints: Array.from({ length: 51 }, (_, i) => rule(`atlas-${i}`, `10.0.42.${i}`)) },
    property: "endpoints",
    given: "atlas-50",
    allowed: /at most 50 forwarding rules/,
  },
  {
    name: "the same forwarding rule name twice",
    inputs: { ...gcp, endpoints: [rule("atlas-0", "10.0.42.0"), rule("atlas-0", "10.0.42.1")] },
    property: "endpoints[1].endpointName",
    given: '"atlas-0"',
    allowed: /must be unique: atlas-0 is listed twice/,
  },
  {
    name: "the same IP address for two forwarding rules",
    inputs: { ...gcp, endpoints: [rule("atlas-0", "10.0.42.0"), rule("atlas-1", "10.0.42.0")] },
    property: "endpoints[1].ipAddress",
    given: '"10.0.42.0"',
    allowed: /must be unique: 10.0.42.0 is listed twice/,
  },
  {
    name: "a forwarding rule name in capitals",
    inputs: { ...gcp, endpoints: [rule("Atlas-0", "10.0.42.0"), rule("atlas-1", "10.0.42.1")] },
    property: "endpoints[0].endpointName",
    given: '"Atlas-0"',
    allowed: /name of a GCP forwarding rule/,
  },
  {
    name: "a forwarding rule without its IP address",
    inputs: { ...gcp, endpoints: [{ endpointName: "atlas-0" }, rule("atlas-1", "10.0.42.1")] },
    property: "endpoints[0].ipAddress",
    given: null,
    allowed: /required/,
  },
  {
    name: "a forwarding rule with a hostname instead of an address",
    inputs: { ...gcp, endpoints: [rule("atlas-0", "atlas.internal"), rule("atlas-1", "10.0.42.1")] },
    property: "endpoints[0].ipAddress",
    given: '"atlas.internal"',
    allowed: /private IP address of the forwarding rule/,
  },
  {
    name: "a forwarding rule with a status (an output)",
    inputs: {
      ...gcp,
      endpoints: [{ ...rule("atlas-0", "10.0.42.0"), status: "AVAILABLE" }, rule("atlas-1", "10.0.42.1")],
    },
    property: "endpoints[0].status",
    given: '"AVAILABLE"',
    allowed: /not an input/,
  },
  {
    name: "forwarding rules as a single object",
    inputs: { ...gcp, endpoints: rule("atlas-0", "10.0.42.0") },
    property: "endpoints",
    given: '{"endpointName":"atlas-0","ipAddress":"10.0.42.0"}',
    allowed: /must be an array/,
  },
  {
    name: "an AWS field on a GCP registration",
    inputs: { ...gcp, vpcEndpointId: "vpce-0df793f9c89c24a3b" },
    property: "vpcEndpointId",
    given: '"vpce-0df793f9c89c24a3b"',
    allowed: /applies only when providerName is AWS/,
  },
  {
    name: "adoptExisting as a string",
    inputs: { ...aws, adoptExisting: "yes" },
    property: "adoptExisting",
    given: '"yes"',
    allowed: /true or false/,
  },
  {
    name: "a create timeout without a unit",
    inputs: { ...aws, timeouts: { create: "ten minutes" } },
    property: "timeouts.create",
    given: '"ten minutes"',
    allowed: /positive duration/,
  },
];

testBadInputs(new AtlasDynamicProvider("privateEndpointRegistration"), {
  corpus: registrationCorpus,
  goodInputs: {
    AWS: aws,
    AZURE: azure,
    GCP: gcp,
    "GCP port-mapped": { ...gcp, endpointGroupName: undefined, endpoints: [rule("atlas-psc", "10.0.42.1")] },
  },
});

const regionalMode: Props = { projectId: testGroupId, enabled: true };

describe("PrivateEndpointRegionalMode", () => {
  testBadInputs(new AtlasDynamicProvider("privateEndpointRegionalMode"), {
    corpus: [
      {
        name: "enabled as a string",
        inputs: { ...regionalMode, enabled: "true" },
        property: "enabled",
        given: '"true"',
        allowed: /must be true \(several private endpoints per region/,
      },
      ...[1, "yes", "false", null, ["true"]].map((value) => ({
        name: `enabled as ${JSON.stringify(value)}`,
        inputs: { ...regionalMode, enabled: value },
        property: "enabled",
        given: JSON.stringify(value),
        allowed: /must be true .* or false/,
      })),
      {
        name: "a project id in upper case",
        inputs: { ...regionalMode, projectId: "5F7CAC1ADF5D6C6306F4B283" },
        property: "projectId",
        given: '"5F7CAC1ADF5D6C6306F4B283"',
        allowed: /lowercase hexadecimal/,
      },
      {
        name: "adoptExisting as a string",
        inputs: { ...regionalMode, adoptExisting: "no" },
        property: "adoptExisting",
        given: '"no"',
        allowed: /true or false/,
      },
      {
        name: "a create timeout in words",
        inputs: { ...regionalMode, timeouts: { create: "1 hour" } },
        property: "timeouts.create",
        given: '"1 hour"',
        allowed: /positive duration/,
      },
      {
        name: "regions (the setting covers every region)",
        inputs: { ...regionalMode, regions: ["US_EAST_1"] },
        property: "regions",
        given: '["US_EAST_1"]',
        allowed: /not an input/,
      },
      {
        name: "no enabled at all",
        inputs: { projectId: testGroupId },
        property: "enabled",
        given: null,
        allowed: /required/,
      },
      {
        name: "a project name instead of its id",
        inputs: { ...regionalMode, projectId: "my-project" },
        property: "projectId",
        given: '"my-project"',
        allowed: /24-character lowercase hexadecimal/,
      },
      {
        name: "a provider name (the setting covers every provider)",
        inputs: { ...regionalMode, providerName: "AWS" },
        property: "providerName",
        given: '"AWS"',
        allowed: /not an input of a private endpoint regional mode/,
      },
      {
        name: "poll settings (the PATCH applies at once)",
        inputs: { ...regionalMode, poll: { intervalSeconds: 1 } },
        property: "poll",
        given: '{"intervalSeconds":1}',
        allowed: /not an input/,
      },
      {
        name: "a delete timeout of zero",
        inputs: { ...regionalMode, timeouts: { delete: 0 } },
        property: "timeouts.delete",
        given: "0",
        allowed: /positive duration/,
      },
    ],
    goodInputs: { enabled: regionalMode, disabled: { ...regionalMode, enabled: false } },
  });
});
