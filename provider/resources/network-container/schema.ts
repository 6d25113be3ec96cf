import { z } from "zod";
import {
  type CloudProvider,
  type ContainerCidrProblem,
  canonicalBlock,
  containerCidrProblem,
  containerPrefixRangeFor,
  parseIpv4Block,
  privateRanges,
} from "../../atlas-rules";
import { commonInputFields, regionSchema } from "../shared/fields";
import { canonicalRegionList } from "../shared/regions";

/**
 * Inputs of a NetworkContainer: the Atlas-side network that peering connections attach to. AWS and Azure
 * allow one per provider region, GCP one per project. Atlas also creates one implicitly with the first
 * private endpoint service or cluster of a region: `adoptExisting` takes that one over. Containers have no
 * status to wait for: `poll` paces the verifying read and the DELETE retries while the container is in use.
 */

const rfc1918Text = `RFC 1918: ${privateRanges.slice(0, -1).join(", ")} or ${privateRanges.at(-1)}`;

/** The block's network address in dotted form ("10.8.1.0/21" → "10.8.0.0/21"); the text as given when it is no block. */
export function canonicalCidr(cidr: string): string {
  const block = parseIpv4Block(cidr);
  return block ? canonicalBlock(block) : cidr;
}

/** The message for a block that breaks Atlas's container rule (provider/atlas-rules/network.ts). */
function cidrMessage(problem: ContainerCidrProblem, range: { min: number; max: number }): string {
  switch (problem.kind) {
    case "format":
      return `must be an IPv4 CIDR block with a prefix length, such as 10.8.0.0/21 (a private range, /${range.min} to /${range.max})`;
    case "private":
      return `must lie in a private range (${rfc1918Text}), such as 10.8.0.0/21`;
    case "prefix":
      return problem.regional
        ? `must have a prefix from /${problem.range.min} to /${problem.range.max} when regions is set (Atlas's rule for regional GCP containers)`
        : `must have a prefix from /${problem.range.min} to /${problem.range.max}, such as 10.8.0.0/21`;
    case "canonical":
      return `must be written with its network address, ${problem.canonical} (Atlas refuses other forms)`;
  }
}

/** One issue per bad block, the most basic problem first; Atlas answers 400 for each. */
function atlasCidrBlockSchema(provider: CloudProvider) {
  return z.string().superRefine((cidr, ctx) => {
    const problem = containerCidrProblem(provider, cidr, { regional: false });
    if (problem)
      ctx.addIssue({ code: "custom", message: cidrMessage(problem, containerPrefixRangeFor(provider, false)) });
  });
}

const awsInputs = z.strictObject({
  ...commonInputFields,
  providerName: z.literal("AWS"),
  regionName: regionSchema("AWS", "container"),
  atlasCidrBlock: atlasCidrBlockSchema("AWS"),
});

const azureInputs = z.strictObject({
  ...commonInputFields,
  providerName: z.literal("AZURE"),
  region: regionSchema("AZURE", "container"),
  atlasCidrBlock: atlasCidrBlockSchema("AZURE"),
});

const gcpInputs = z
  .strictObject({
    ...commonInputFields,
    providerName: z.literal("GCP"),
    // Without regions Atlas makes a global container (/18 allowed); with regions a regional one (/21 to /24):
    // provider/atlas-rules/network.ts has both rules and their sources.
    regions: z
      .array(regionSchema("GCP", "container"))
      .min(1, { error: "must list at least one region, or be left out" })
      .transform(canonicalRegionList)
      .optional(),
    atlasCidrBlock: atlasCidrBlockSchema("GCP"),
  })
  .superRefine((inputs, ctx) => {
    if (!inputs.regions) return;
    const problem = containerCidrProblem("GCP", inputs.atlasCidrBlock, { regional: true });
    if (problem) {
      ctx.addIssue({
        code: "custom",
        path: ["atlasCidrBlock"],
        message: cidrMessage(problem, containerPrefixRangeFor("GCP", true)),
      });
    }
  });

export const networkContainerInputsSchema = z.discriminatedUnion("providerName", [awsInputs, azureInputs, gcpInputs]);

export type NetworkContainerInputs = z.output<typeof networkContainerInputsSchema>;
