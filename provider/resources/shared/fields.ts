import { z } from "zod";
import { parseDurationMs } from "./durations";
import { atlasIdPattern } from "../../atlas-rules/identifiers";
import {
  type CloudProvider,
  type RegionInput,
  atlasRegionName,
  atlasRegionNameFor,
  closestRegionNames,
  cloudRegionName,
  cloudRegionWord,
  otherProvidersWith,
  providerTitle,
} from "../../atlas-rules/regions";

/** Field schemas shared by the resources. Messages say what is allowed; the check layer adds the field and value. */

export { atlasIdPattern };

export function atlasIdSchema(what: string) {
  return z.string().regex(atlasIdPattern, {
    error: `must be the 24-character lowercase hexadecimal id of the ${what} (for example 5f7cac1adf5d6c6306f4b283)`,
  });
}

export const projectIdSchema = atlasIdSchema("Atlas project");

/** Where every region name is listed, per provider and input (generated from the region table). */
export const regionListDoc = "docs/regions.md";

const exampleRegion: Readonly<Record<CloudProvider, { atlas: string; cloud: string }>> = {
  AWS: { atlas: "US_EAST_1", cloud: "us-east-1" },
  AZURE: { atlas: "US_EAST_2", cloud: "eastus2" },
  GCP: { atlas: "CENTRAL_US", cloud: "us-central1" },
};

/** What a region input must be, for messages: "an AWS region: Atlas's name such as US_EAST_1, or …". */
function regionRule(provider: CloudProvider, input: RegionInput): string {
  const example = exampleRegion[provider];
  const forms =
    input === "accepter"
      ? `the AWS region of your VPC, such as ${example.cloud} (or Atlas's name, such as ${example.atlas})`
      : `${provider === "GCP" ? "a" : "an"} ${providerTitle[provider]} region: Atlas's name such as ${example.atlas}, or the ${cloudRegionWord[provider]} such as ${example.cloud}`;
  return `must be ${forms}`;
}

/** "a", "a or b", "a, b or c". */
function alternatives(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** Why a name that is not taken here was refused, and what comes closest. */
function regionHint(provider: CloudProvider, input: RegionInput, written: string): string {
  const own = atlasRegionName(provider, written);
  if (own !== undefined) {
    // A region of this provider that this input does not take.
    return input === "accepter"
      ? `; ${own} is no region a VPC can be in`
      : `; ${own} is a ${providerTitle[provider]} region, but not one Atlas lists for ${input === "container" ? "network containers" : "this input"}`;
  }
  const elsewhere = otherProvidersWith(provider, written);
  if (elsewhere.length > 0) {
    const where = elsewhere
      .map((other) => `${providerTitle[other.provider]}${other.atlas === written ? "" : ` (${other.atlas})`}`)
      .join(" and ");
    return `; ${written} is a region of ${where}, not of ${providerTitle[provider]}`;
  }
  const closest = closestRegionNames(provider, input, written);
  return closest.length > 0 ? `; did you mean ${alternatives(closest)}?` : "";
}

/**
 * A region of the given provider, written in Atlas's form (US_EAST_2) or the cloud's own (eastus2), checked against
 * the names `input` takes. The output is one form, so that a respelling is no change in the diff: Atlas's, except for
 * the peer's accepterRegionName, which Atlas takes and reports in AWS form. A wrong name gets the closest names and
 * where the full list is, not the whole list.
 */
export function regionSchema(provider: CloudProvider, input: RegionInput) {
  const rule = regionRule(provider, input);
  return z.string({ error: rule }).transform((value, ctx) => {
    const atlas = atlasRegionNameFor(provider, input, value);
    if (atlas === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `${rule}${regionHint(provider, input, value)} (every name: ${regionListDoc})`,
      });
      return z.NEVER;
    }
    return input === "accepter" ? (cloudRegionName(provider, atlas) as string) : atlas;
  });
}

const ipv4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
const cidrPattern = new RegExp(`^${ipv4}/(?:3[0-2]|[12]?\\d)$`);

export const cidrSchema = z.string().regex(cidrPattern, {
  error: "must be an IPv4 CIDR block with a prefix length, such as 10.8.0.0/21",
});

export const adoptExistingSchema = z.boolean({ error: "must be true or false" }).optional();

// The settings every resource takes (durations.ts, poll.ts). A read (refresh) takes them from state by hand
// (wait-settings.ts), as these schemas would: only check, create and update load zod.

const durationSchema = z.union([z.string(), z.number()]).refine((v) => parseDurationMs(v) !== undefined, {
  error: 'must be a positive duration such as "90s", "45m" or "1h30m", or a number of seconds',
});

export const timeoutsSchema = z
  .strictObject({
    create: durationSchema.optional(),
    update: durationSchema.optional(),
    delete: durationSchema.optional(),
  })
  .optional();

export type TimeoutsInput = z.infer<typeof timeoutsSchema>;

export const pollSchema = z
  .strictObject({
    initialDelaySeconds: z.number().min(0, { error: "must be 0 or more" }).optional(),
    intervalSeconds: z.number().min(0.01, { error: "must be at least 0.01" }).optional(),
    maxIntervalSeconds: z.number().min(0.01, { error: "must be at least 0.01" }).optional(),
    // false: one GET per wait and read (what the Terraform provider does), instead of one shared list call.
    coalesce: z.boolean({ error: "must be true or false" }).optional(),
    // Real seconds per Atlas second of the phase-aware default (a simulator's time scale); 1 for real Atlas.
    timeScale: z.number().gt(0, { error: "must be more than 0" }).max(1, { error: "must be at most 1" }).optional(),
  })
  .refine(
    (p) =>
      p.intervalSeconds === undefined ||
      p.maxIntervalSeconds === undefined ||
      p.maxIntervalSeconds >= p.intervalSeconds,
    {
      error: "must have maxIntervalSeconds at least intervalSeconds",
    },
  )
  .optional();

export type PollInput = z.infer<typeof pollSchema>;

/** The inputs every resource takes: its project, the adoption switch, and how long and how often to wait for Atlas. */
export const commonInputFields = {
  projectId: projectIdSchema,
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
  poll: pollSchema,
};
