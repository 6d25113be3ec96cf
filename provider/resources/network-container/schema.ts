import { z } from "zod";
import { adoptExistingSchema, cidrSchema, isRfc1918, prefixLength, projectIdSchema, regionSchema } from "../shared/fields";
import { timeoutsSchema } from "../shared/durations";

/**
 * Inputs of a NetworkContainer: the Atlas-side network that peering connections attach to. AWS and Azure
 * allow one per provider region, GCP one per project. Atlas also creates one implicitly with the first
 * private endpoint service or cluster of a region: `adoptExisting` takes that one over.
 */
function atlasCidrBlockSchema(minPrefix: number, maxPrefix: number) {
  return cidrSchema.refine((cidr) => isRfc1918(cidr) && prefixLength(cidr) >= minPrefix && prefixLength(cidr) <= maxPrefix, {
    error: `must be a private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) CIDR block with a prefix from /${minPrefix} to /${maxPrefix}, such as 10.8.0.0/21`,
  });
}

const common = {
  projectId: projectIdSchema,
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
};

const awsInputs = z.strictObject({
  ...common,
  providerName: z.literal("AWS"),
  regionName: regionSchema("AWS"),
  atlasCidrBlock: atlasCidrBlockSchema(21, 24),
});

const azureInputs = z.strictObject({
  ...common,
  providerName: z.literal("AZURE"),
  region: regionSchema("AZURE"),
  atlasCidrBlock: atlasCidrBlockSchema(21, 24),
});

const gcpInputs = z
  .strictObject({
    ...common,
    providerName: z.literal("GCP"),
    // Without regions Atlas makes a global container (/18 allowed); with regions a small one (/21 to /24).
    regions: z
      .array(regionSchema("GCP"))
      .min(1, { error: "must list at least one region, or be left out" })
      .transform((regions) => [...new Set(regions)].sort())
      .optional(),
    atlasCidrBlock: atlasCidrBlockSchema(18, 24),
  })
  .superRefine((inputs, ctx) => {
    if (inputs.regions && prefixLength(inputs.atlasCidrBlock) < 21) {
      ctx.addIssue({
        code: "custom",
        path: ["atlasCidrBlock"],
        message: "must have a prefix from /21 to /24 when regions is set (Atlas's rule for regional GCP containers)",
      });
    }
  });

export const networkContainerInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs, gcpInputs]);

export type NetworkContainerInputs = z.output<typeof networkContainerInputsSchema>;

export const networkContainerProviderOnlyFields = {
  regionName: ["AWS"],
  region: ["AZURE"],
  regions: ["GCP"],
} as const;
