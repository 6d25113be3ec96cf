import { z } from "zod";
import { atlasIdSchema, commonInputFields } from "../shared/fields";

/**
 * Inputs of a PrivateEndpointRegistration: the user's cloud endpoint (an AWS interface VPC endpoint, an Azure
 * private endpoint, a GCP endpoint group of forwarding rules) registered with an Atlas private endpoint service.
 * Atlas has no update for a registration: every input but adoptExisting, timeouts and poll replaces it.
 * Patterns: the official spec's (docs/simulator.md, "Private endpoint registrations and the regional mode"), except
 * gcpProjectId, where the spec's `^p-…` is Atlas's internal form and real clients send ordinary GCP project ids.
 */

export const vpcEndpointIdPattern = /^vpce-[0-9a-f]{17}$/;
/** The spec's Azure `endpointId` branch, unencoded (the body's `id` is sent as is; the client encodes the path). */
export const azurePrivateEndpointIdPattern =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resource[gG]roups\/[-\w._()]+\/providers\/Microsoft\.Network\/privateEndpoints\/[-\w._()]+$/;
/** GCP resource names (forwarding rules, endpoint groups): RFC 1035, 1-63 characters. */
export const gcpNamePattern = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** GCP project ids: 6-30 lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
export const gcpProjectIdPattern = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const ipv4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
/** IPv4, or IPv6 in the spec's full eight-group form. */
const ipAddressPattern = new RegExp(`^(?:${ipv4}|(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4})$`);

/** Atlas's limit of forwarding rules per region group (privateServiceConnectionsPerRegionGroup, default 50). */
export const maxGcpEndpoints = 50;

const ipAddressSchema = (what: string) =>
  z.string().regex(ipAddressPattern, {
    error: `must be the private IP address of ${what}: IPv4 such as 10.0.0.4 (or IPv6 in full eight-group form)`,
  });

const commonFields = {
  ...commonInputFields,
  endpointServiceId: atlasIdSchema(
    "Atlas private endpoint service (the endpointServiceId output of a PrivateEndpointService, not its name)",
  ),
};

const awsInputs = z.strictObject({
  ...commonFields,
  providerName: z.literal("AWS"),
  vpcEndpointId: z.string().regex(vpcEndpointIdPattern, {
    error:
      "must be the id of your AWS interface VPC endpoint: vpce- and 17 hexadecimal digits, such as vpce-0df793f9c89c24a3b (aws.ec2.VpcEndpoint's id)",
  }),
});

const azureInputs = z.strictObject({
  ...commonFields,
  providerName: z.literal("AZURE"),
  privateEndpointResourceId: z.string().regex(azurePrivateEndpointIdPattern, {
    error:
      "must be the Azure resource id of your private endpoint: /subscriptions/<subscription uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
  }),
  privateEndpointIpAddress: ipAddressSchema("your Azure private endpoint (its network interface's address)"),
});

const gcpEndpoint = z.strictObject({
  endpointName: z.string().regex(gcpNamePattern, {
    error:
      "must be the name of a GCP forwarding rule: 1-63 lower-case letters, digits and hyphens, starting with a letter",
  }),
  ipAddress: ipAddressSchema("the forwarding rule (its reserved internal address)"),
});

const gcpInputs = z
  .strictObject({
    ...commonFields,
    providerName: z.literal("GCP"),
    gcpProjectId: z.string().regex(gcpProjectIdPattern, {
      error:
        "must be the id of the GCP project that holds your forwarding rules: 6-30 lower-case letters, digits and hyphens, starting with a letter (the project id, not its name or number)",
    }),
    // With port mapping Atlas ignores it and names the group after the one forwarding rule (spec); omitted, the
    // one forwarding rule's name is sent, as Terraform does.
    endpointGroupName: z
      .string()
      .regex(gcpNamePattern, {
        error:
          "must be a GCP-style name for the endpoint group (often your VPC network's name): 1-63 lower-case letters, digits and hyphens, starting with a letter",
      })
      .optional(),
    endpoints: z
      .array(gcpEndpoint)
      .min(1, { error: "must list at least one forwarding rule ({endpointName, ipAddress})" })
      .max(maxGcpEndpoints, {
        error: `must list at most ${maxGcpEndpoints} forwarding rules (one per service attachment of the service)`,
      }),
  })
  .superRefine((inputs, ctx) => {
    const names = new Set<string>();
    const addresses = new Set<string>();
    inputs.endpoints.forEach((endpoint, index) => {
      if (names.has(endpoint.endpointName)) {
        ctx.addIssue({
          code: "custom",
          path: ["endpoints", index, "endpointName"],
          message: `must be unique: ${endpoint.endpointName} is listed twice (one forwarding rule per service attachment)`,
        });
      }
      if (addresses.has(endpoint.ipAddress)) {
        ctx.addIssue({
          code: "custom",
          path: ["endpoints", index, "ipAddress"],
          message: `must be unique: ${endpoint.ipAddress} is listed twice (each forwarding rule has its own address)`,
        });
      }
      names.add(endpoint.endpointName);
      addresses.add(endpoint.ipAddress);
    });
    if (inputs.endpointGroupName === undefined && inputs.endpoints.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["endpointGroupName"],
        message:
          "must be set when endpoints lists more than one forwarding rule (a service without port mapping): Atlas registers them as one named group",
      });
    }
  });

export const privateEndpointRegistrationInputsSchema = z.discriminatedUnion("providerName", [
  awsInputs,
  azureInputs,
  gcpInputs,
]);

export type PrivateEndpointRegistrationInputs = z.output<typeof privateEndpointRegistrationInputsSchema>;
export type GcpRegistrationInputs = Extract<PrivateEndpointRegistrationInputs, { providerName: "GCP" }>;
