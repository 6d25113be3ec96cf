import { z } from "zod";
import { adoptExistingSchema, projectIdSchema, timeoutsSchema } from "../shared/fields";

/**
 * Inputs of a PrivateEndpointRegionalMode: the project's one regionalized private endpoint setting
 * (docs/simulator.md, "Private endpoint registrations and the regional mode"). No poll: Atlas applies the PATCH at once.
 */
export const privateEndpointRegionalModeInputsSchema = z.strictObject({
  projectId: projectIdSchema,
  // Required, unlike Terraform's Optional+Computed `enabled` (which sends false when unset): the point of the
  // resource is the value, and a missing one should not quietly disable the mode.
  enabled: z.boolean({
    error:
      "must be true (several private endpoints per region, needed for multi-region and global sharded clusters) or false",
  }),
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
});

export type PrivateEndpointRegionalModeInputs = z.output<typeof privateEndpointRegionalModeInputsSchema>;
