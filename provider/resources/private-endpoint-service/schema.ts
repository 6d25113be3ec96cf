import { z } from "zod";
import { adoptExistingSchema, projectIdSchema, regionSchema } from "../shared/fields";
import { timeoutsSchema } from "../shared/durations";
import { pollSchema } from "../shared/poll";

/**
 * Inputs of a PrivateEndpointService: one Atlas private endpoint service per cloud provider and region in
 * a project. Atlas can change only an AWS service's supportedRemoteRegions (PATCH); everything else replaces.
 */
const common = {
  projectId: projectIdSchema,
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
  poll: pollSchema,
};

/** The Atlas form of a remote-region list: order and repeats carry no meaning, so one sorted set. */
export function canonicalRegionList(regions: readonly string[]): string[] {
  return [...new Set(regions)].sort();
}

const awsInputs = z
  .strictObject({
    ...common,
    providerName: z.literal("AWS"),
    region: regionSchema("AWS"),
    // Cross-region PrivateLink: Atlas-format region names, at most 35, without the home region.
    // The complete list: omitting it means none (what Atlas reports as []), so drift is visible and corrected.
    supportedRemoteRegions: z
      .array(regionSchema("AWS"))
      .max(35, { error: "must list at most 35 regions" })
      // Sorting keeps the diff from seeing a change where Atlas sees none.
      .transform(canonicalRegionList)
      .default([]),
  })
  .superRefine((inputs, ctx) => {
    if (inputs.supportedRemoteRegions.includes(inputs.region)) {
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
  // Port-mapped Private Service Connect (one service attachment instead of 50); fixed at creation.
  // Atlas's default is false, and it reports false: defaulting here keeps a read from looking like drift.
  portMappingEnabled: z.boolean({ error: "must be true or false" }).default(false),
});

export const privateEndpointServiceInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs, gcpInputs]);

export type PrivateEndpointServiceInputs = z.output<typeof privateEndpointServiceInputsSchema>;

export const privateEndpointServiceProviderOnlyFields = {
  supportedRemoteRegions: ["AWS"],
  portMappingEnabled: ["GCP"],
} as const;
