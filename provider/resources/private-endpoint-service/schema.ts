import { z } from "zod";
import { adoptExistingSchema, projectIdSchema, regionSchema } from "../shared/fields";
import { timeoutsSchema } from "../shared/durations";

/**
 * Inputs of a PrivateEndpointService: one Atlas private endpoint service per cloud provider and region in
 * a project. Atlas can change only an AWS service's supportedRemoteRegions (PATCH); everything else replaces.
 */
const common = {
  projectId: projectIdSchema,
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
};

const awsInputs = z
  .strictObject({
    ...common,
    providerName: z.literal("AWS"),
    region: regionSchema("AWS"),
    // Cross-region PrivateLink: Atlas-format region names, at most 35, without the home region.
    supportedRemoteRegions: z
      .array(regionSchema("AWS"))
      .max(35, { error: "must list at most 35 regions" })
      // Order and repeats carry no meaning for Atlas; sorting keeps the diff from seeing a change.
      .transform((regions) => [...new Set(regions)].sort())
      .optional(),
  })
  .superRefine((inputs, ctx) => {
    if (inputs.supportedRemoteRegions?.includes(inputs.region)) {
      ctx.addIssue({
        code: "custom",
        path: ["supportedRemoteRegions"],
        message: `must not include the service's own region ${inputs.region}`,
      });
    }
  });

const azureInputs = z.strictObject({
  ...common,
  providerName: z.literal("AZURE"),
  region: regionSchema("AZURE"),
});

const gcpInputs = z.strictObject({
  ...common,
  providerName: z.literal("GCP"),
  region: regionSchema("GCP"),
  // Port-mapped Private Service Connect; fixed at creation.
  portMappingEnabled: z.boolean({ error: "must be true or false" }).optional(),
});

export const privateEndpointServiceInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs, gcpInputs]);

export type PrivateEndpointServiceInputs = z.output<typeof privateEndpointServiceInputsSchema>;

export const privateEndpointServiceProviderOnlyFields = {
  supportedRemoteRegions: ["AWS"],
  portMappingEnabled: ["GCP"],
} as const;
