import { z } from "zod";
import { commonInputFields, regionSchema } from "../shared/fields";
import { canonicalRegionList } from "../shared/regions";

/**
 * Inputs of a PrivateEndpointService: one Atlas private endpoint service per cloud provider and region in
 * a project. Atlas can change only an AWS service's supportedRemoteRegions (PATCH); everything else replaces.
 */
const awsInputs = z
  .strictObject({
    ...commonInputFields,
    providerName: z.literal("AWS"),
    region: regionSchema("AWS", "endpointService"),
    // Cross-region PrivateLink: AWS regions (sent in Atlas form), at most 35, without the home region.
    // The complete list: omitting it means none (what Atlas reports as []), so drift is visible and corrected.
    supportedRemoteRegions: z
      .array(regionSchema("AWS", "remoteRegions"))
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
  ...commonInputFields,
  providerName: z.literal("AZURE"),
  region: regionSchema("AZURE", "endpointService"),
});

const gcpInputs = z.strictObject({
  ...commonInputFields,
  providerName: z.literal("GCP"),
  region: regionSchema("GCP", "endpointService"),
  // Port-mapped Private Service Connect (one service attachment instead of 50); fixed at creation.
  // Atlas's default is false, and it reports false: defaulting here keeps a read from looking like drift.
  portMappingEnabled: z.boolean({ error: "must be true or false" }).default(false),
});

export const privateEndpointServiceInputsSchema = z.discriminatedUnion("providerName", [
  awsInputs,
  azureInputs,
  gcpInputs,
]);

export type PrivateEndpointServiceInputs = z.output<typeof privateEndpointServiceInputsSchema>;
