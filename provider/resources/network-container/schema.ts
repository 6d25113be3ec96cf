import { z } from "zod";
import { cidrSchema, commonInputFields, isRfc1918, prefixLength, regionSchema } from "../shared/fields";
import { canonicalRegionList } from "../shared/regions";

/**
 * Inputs of a NetworkContainer: the Atlas-side network that peering connections attach to. AWS and Azure
 * allow one per provider region, GCP one per project. Atlas also creates one implicitly with the first
 * private endpoint service or cluster of a region: `adoptExisting` takes that one over. Containers have no
 * status to wait for: `poll` paces the verifying read and the DELETE retries while the container is in use.
 */

const rfc1918Text = "RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16";

/** The block's network address in dotted form ("10.8.1.0/21" → "10.8.0.0/21"). */
export function canonicalCidr(cidr: string): string {
  const [address, prefixText] = cidr.split("/") as [string, string];
  const prefix = Number(prefixText);
  const value = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(value / size) * size;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/**
 * One issue per bad block, the most basic problem first: Atlas answers 400 for each of these
 * (INVALID_CIDR_BLOCK, ATLAS_INVALID_CIDR_RANGE, ATLAS_INVALID_CIDR_BLOCK, ATLAS_NON_CANONICAL_CIDR_BLOCK).
 */
function atlasCidrBlockSchema(minPrefix: number, maxPrefix: number) {
  return z.string().superRefine((cidr, ctx) => {
    const problem = !cidrSchema.safeParse(cidr).success
      ? `must be an IPv4 CIDR block with a prefix length, such as 10.8.0.0/21 (a private range, /${minPrefix} to /${maxPrefix})`
      : !isRfc1918(cidr)
        ? `must lie in a private range (${rfc1918Text}), such as 10.8.0.0/21`
        : prefixLength(cidr) < minPrefix || prefixLength(cidr) > maxPrefix
          ? `must have a prefix from /${minPrefix} to /${maxPrefix}, such as 10.8.0.0/21`
          : canonicalCidr(cidr) !== cidr
            ? `must be written with its network address, ${canonicalCidr(cidr)} (Atlas refuses other forms)`
            : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

const awsInputs = z.strictObject({
  ...commonInputFields,
  providerName: z.literal("AWS"),
  regionName: regionSchema("AWS"),
  atlasCidrBlock: atlasCidrBlockSchema(21, 24),
});

const azureInputs = z.strictObject({
  ...commonInputFields,
  providerName: z.literal("AZURE"),
  region: regionSchema("AZURE"),
  atlasCidrBlock: atlasCidrBlockSchema(21, 24),
});

const gcpInputs = z
  .strictObject({
    ...commonInputFields,
    providerName: z.literal("GCP"),
    // Without regions Atlas makes a global container (/18 allowed); with regions a small one (/21 to /24).
    regions: z
      .array(regionSchema("GCP"))
      .min(1, { error: "must list at least one region, or be left out" })
      .transform(canonicalRegionList)
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
