import { z } from "zod";
import {
  awsVpcEndpointIdPattern,
  azurePrivateEndpointIdPattern,
  endpointIpAddressPattern,
  serverlessInstanceNameMaxLength,
  serverlessInstanceNamePattern,
} from "../../atlas-rules";
import { commonInputFields } from "../shared/fields";

/**
 * Inputs of a ServerlessPrivateEndpoint: Atlas first reserves the endpoint (RESERVED), then, once the
 * cloud-side endpoint exists, a PATCH attaches it (cloudProviderEndpointId, and for Azure its IP address).
 * Atlas sunset serverless instances on 2026-01-22; the resource still works wherever the API answers.
 */
const common = {
  ...commonInputFields,
  instanceName: z
    .string()
    .regex(serverlessInstanceNamePattern, {
      error: "must be the serverless instance name: letters, digits and hyphens, starting with a letter or digit",
    })
    .max(serverlessInstanceNameMaxLength, { error: `must be at most ${serverlessInstanceNameMaxLength} characters` }),
  // Non-empty: the comment is part of the natural key of an unattached reservation, and Atlas cannot tell
  // "" from no comment, so "" would show as a change on every preview.
  comment: z
    .string()
    .min(1, { error: "must not be empty (leave comment out for none)" })
    .max(80, { error: "must be at most 80 characters" })
    .optional(),
};

const awsInputs = z.strictObject({
  ...common,
  providerName: z.literal("AWS"),
  cloudProviderEndpointId: z
    .string()
    .regex(awsVpcEndpointIdPattern, { error: "must be the AWS interface endpoint id, such as vpce-0123456789abcdef0" })
    .optional(),
});

const azureInputs = z
  .strictObject({
    ...common,
    providerName: z.literal("AZURE"),
    cloudProviderEndpointId: z
      .string()
      .regex(azurePrivateEndpointIdPattern, {
        error:
          "must be the Azure private endpoint resource id: /subscriptions/<lowercase subscription guid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
      })
      .optional(),
    privateEndpointIpAddress: z
      .string()
      .regex(endpointIpAddressPattern, {
        error:
          "must be the private endpoint's IP address in your VNet, such as 10.0.0.4 (or a full eight-group lowercase IPv6 address)",
      })
      .optional(),
  })
  .superRefine((inputs, ctx) => {
    // Atlas needs both to attach an Azure endpoint; one without the other would fail at apply time.
    if ((inputs.cloudProviderEndpointId === undefined) !== (inputs.privateEndpointIpAddress === undefined)) {
      const missing =
        inputs.cloudProviderEndpointId === undefined ? "cloudProviderEndpointId" : "privateEndpointIpAddress";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message:
          "must be set together with the other: an Azure endpoint is attached with both cloudProviderEndpointId and privateEndpointIpAddress",
      });
    }
  });

export const serverlessPrivateEndpointInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs]);

export type ServerlessPrivateEndpointInputs = z.output<typeof serverlessPrivateEndpointInputsSchema>;
