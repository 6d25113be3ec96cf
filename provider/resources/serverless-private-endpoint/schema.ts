import { z } from "zod";
import { adoptExistingSchema, ipv4Schema, projectIdSchema } from "../shared/fields";
import { timeoutsSchema } from "../shared/durations";

/**
 * Inputs of a ServerlessPrivateEndpoint: Atlas first reserves the endpoint (RESERVED), then, once the
 * cloud-side endpoint exists, a PATCH attaches it (cloudProviderEndpointId, and for Azure its IP address).
 * Atlas sunset serverless instances on 2026-01-22; the resource still works wherever the API answers.
 */
const common = {
  projectId: projectIdSchema,
  instanceName: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9-]*$/, {
      error: "must be the serverless instance name: letters, digits and hyphens, starting with a letter or digit",
    })
    .max(64, { error: "must be at most 64 characters" }),
  comment: z.string().max(80, { error: "must be at most 80 characters" }).optional(),
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
};

const awsInputs = z.strictObject({
  ...common,
  providerName: z.literal("AWS"),
  cloudProviderEndpointId: z
    .string()
    .regex(/^vpce-[0-9a-f]{17}$/, { error: "must be the AWS interface endpoint id, such as vpce-0123456789abcdef0" })
    .optional(),
});

// The spec's pattern only admits a resource group literally named privateLink; real Azure resource ids
// use any resource group, so the rule here is the Azure resource-id shape (see ../shared research, trap 3).
const azurePrivateEndpointId =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resource[gG]roups\/[-\w._()]+\/providers\/Microsoft\.Network\/privateEndpoints\/[-\w._()]+$/;

const azureInputs = z
  .strictObject({
    ...common,
    providerName: z.literal("AZURE"),
    cloudProviderEndpointId: z
      .string()
      .regex(azurePrivateEndpointId, {
        error:
          "must be the Azure private endpoint resource id: /subscriptions/<subscription-guid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>",
      })
      .optional(),
    privateEndpointIpAddress: ipv4Schema.optional(),
  })
  .superRefine((inputs, ctx) => {
    // Atlas needs both to attach an Azure endpoint; one without the other would fail at apply time.
    if ((inputs.cloudProviderEndpointId === undefined) !== (inputs.privateEndpointIpAddress === undefined)) {
      const missing = inputs.cloudProviderEndpointId === undefined ? "cloudProviderEndpointId" : "privateEndpointIpAddress";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "must be set together with the other: an Azure endpoint is attached with both cloudProviderEndpointId and privateEndpointIpAddress",
      });
    }
  });

export const serverlessPrivateEndpointInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs]);

export type ServerlessPrivateEndpointInputs = z.output<typeof serverlessPrivateEndpointInputsSchema>;

export const serverlessPrivateEndpointProviderOnlyFields = {
  privateEndpointIpAddress: ["AZURE"],
} as const;
