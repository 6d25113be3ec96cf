import { z } from "zod";
import { timeoutsSchema } from "./durations";
import { pollSchema } from "./poll";
import { type CloudProvider, regionsByProvider, toAtlasRegion } from "./regions";

/** Field schemas shared by the resources. Messages say what is allowed; the check layer adds the field and value. */

export const atlasIdPattern = /^[a-f0-9]{24}$/;

export function atlasIdSchema(what: string) {
  return z.string().regex(atlasIdPattern, {
    error: `must be the 24-character lowercase hexadecimal id of the ${what} (for example 5f7cac1adf5d6c6306f4b283)`,
  });
}

export const projectIdSchema = atlasIdSchema("Atlas project");

/** A region of the given provider, in Atlas form (US_EAST_1) or, for AWS, AWS form (us-east-1); output in Atlas form. */
export function regionSchema(provider: CloudProvider) {
  const example = regionsByProvider[provider][0];
  const awsNote = provider === "AWS" ? ` (the AWS form, such as us-east-1, is accepted too)` : "";
  return z.string().transform((value, ctx) => {
    const region = toAtlasRegion(provider, value);
    if (region === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must be an Atlas ${provider} region name such as ${example}${awsNote}; allowed: ${regionsByProvider[provider].join(", ")}`,
      });
      return z.NEVER;
    }
    return region;
  });
}

const ipv4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
const ipv4Pattern = new RegExp(`^${ipv4}$`);
const cidrPattern = new RegExp(`^${ipv4}/(?:3[0-2]|[12]?\\d)$`);

export const ipv4Schema = z.string().regex(ipv4Pattern, { error: "must be an IPv4 address such as 10.0.0.4" });

export const cidrSchema = z.string().regex(cidrPattern, {
  error: "must be an IPv4 CIDR block with a prefix length, such as 10.8.0.0/21",
});

/** RFC 1918 private ranges, which Atlas requires for a container's atlasCidrBlock. */
export function isRfc1918(cidr: string): boolean {
  const [a, b] = cidr.split("/")[0]!.split(".").map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export function prefixLength(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

export const adoptExistingSchema = z.boolean({ error: "must be true or false" }).optional();

/** The inputs every resource takes: its project, the adoption switch, and how long and how often to wait for Atlas. */
export const commonInputFields = {
  projectId: projectIdSchema,
  adoptExisting: adoptExistingSchema,
  timeouts: timeoutsSchema,
  poll: pollSchema,
};
