/**
 * Request validation shared by the four resources: path ids, JSON bodies, field rules, CIDRs.
 * Violations are collected so a 400 lists every bad field in `badRequestDetail.fields`; the body's
 * errorCode/detail are those of the first violation (Atlas reports one code per response).
 * Atlas rejects unknown and read-only fields (400) instead of ignoring them.
 */
import {
  type Ipv4Block,
  atlasIdPattern,
  blocksOverlap,
  canonicalBlock,
  containerCidrProblem,
  isPrivateBlock,
  ipv4Pattern,
  parseIpv4Block,
  privateRanges,
  serverlessInstanceNameMaxLength,
  serverlessInstanceNamePattern,
} from "../provider/atlas-rules";
import { ApiError, FieldViolation, invalidJson, malformedJson, pathParameterInvalid } from "./errors";
import { CloudProvider, cloudProviders } from "./regions";

// Ids and names: the library's rule table (provider/atlas-rules/identifiers.ts, each with its source) is the one
// both sides check with.
export {
  awsAccountIdPattern,
  awsVpcEndpointIdPattern,
  awsVpcIdPattern,
  azureNamePattern,
  azurePrivateEndpointIdPattern,
  endpointIpAddressPattern,
  gcpNetworkNamePattern,
  gcpProjectIdPattern,
  uuidPattern,
} from "../provider/atlas-rules";
export const objectIdPattern = atlasIdPattern;
export const instanceNamePattern = serverlessInstanceNamePattern;

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---- path parameters ----------------------------------------------------------------------------------

const idParameters = new Set(["groupId", "endpointServiceId", "endpointId", "peerId", "containerId"]);

/** Validates every path parameter by name; throws one 400 naming all bad ones. */
export function validatePathParameters(params: Readonly<Record<string, string>>): void {
  const fields: FieldViolation[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (idParameters.has(name) && !objectIdPattern.test(value)) {
      fields.push({ field: name, description: `${name} must be a 24-character lowercase hexadecimal string.` });
    } else if (
      name === "instanceName" &&
      (!instanceNamePattern.test(value) || value.length > serverlessInstanceNameMaxLength)
    ) {
      fields.push({ field: name, description: "instanceName must match ^[a-zA-Z0-9][a-zA-Z0-9-]*$." });
    } else if (name === "cloudProvider" && !(cloudProviders as readonly string[]).includes(value)) {
      fields.push({ field: name, description: "cloudProvider must be one of AWS, AZURE, GCP." });
    }
  }
  if (fields.length > 0) throw pathParameterInvalid(fields);
}

// ---- bodies -------------------------------------------------------------------------------------------

/** Parses a JSON object body; missing, malformed or non-object bodies give the Atlas 400s. */
export function parseJsonObject(raw: Buffer | undefined): JsonObject {
  if (!raw || raw.length === 0) throw invalidJson();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw malformedJson();
  }
  if (!isJsonObject(parsed)) throw invalidJson();
  return parsed;
}

interface Violation extends FieldViolation {
  errorCode: string;
  detail: string;
  parameters: unknown[];
}

export interface StringRule {
  pattern?: RegExp;
  enumValues?: readonly string[];
  maxLength?: number;
  /** Extra check; returns a description of what is wrong, or undefined. */
  check?: (value: string) => string | undefined;
}

/** Collects field violations for one request body, then throws them as one Atlas 400. */
export class BodyChecker {
  private readonly violations: Violation[] = [];

  constructor(readonly body: JsonObject) {}

  /** Rejects fields that are not writable here: read-only ones by name, everything else as unknown. */
  allowOnly(writable: readonly string[], readOnly: readonly string[]): void {
    for (const key of Object.keys(this.body)) {
      if (writable.includes(key)) continue;
      if (readOnly.includes(key)) {
        this.fail(
          key,
          "ATTRIBUTE_READ_ONLY",
          `The attribute ${key} is read-only and cannot be changed by the user.`,
          [key],
          "is read-only",
        );
      } else {
        this.fail(
          key,
          "INVALID_ATTRIBUTE",
          `Invalid attribute ${key} specified.`,
          [key],
          "is not a valid attribute here",
        );
      }
    }
  }

  has(field: string): boolean {
    return this.body[field] !== undefined && this.body[field] !== null;
  }

  requireString(field: string, rule: StringRule = {}): string | undefined {
    if (!this.has(field)) {
      this.fail(
        field,
        "MISSING_ATTRIBUTE",
        `The required attribute ${field} was not specified.`,
        [field],
        "is required",
      );
      return undefined;
    }
    return this.optionalString(field, rule);
  }

  optionalString(field: string, rule: StringRule = {}): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      this.wrongType(field, "must be a string");
      return undefined;
    }
    return this.checkString(field, value, rule) ? value : undefined;
  }

  optionalBoolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") {
      this.wrongType(field, "must be a boolean");
      return undefined;
    }
    return value;
  }

  /** An optional array of strings (null allowed where the spec says nullable). */
  optionalStringArray(field: string, options: { maxItems?: number; item?: StringRule } = {}): string[] | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
      this.wrongType(field, "must be an array of strings");
      return undefined;
    }
    if (options.maxItems !== undefined && value.length > options.maxItems) {
      this.fail(
        field,
        "INVALID_ATTRIBUTE",
        `Invalid attribute ${field} specified.`,
        [field],
        `must have at most ${options.maxItems} items`,
      );
      return undefined;
    }
    const items = value as string[];
    const ok = items.every((item, index) => this.checkString(`${field}[${index}]`, item, options.item ?? {}));
    return ok ? items : undefined;
  }

  /** Records a violation; the first one decides the response's errorCode and detail. */
  fail(field: string, errorCode: string, detail: string, parameters: unknown[], description: string): void {
    this.violations.push({ field, description: `${field} ${description}`, errorCode, detail, parameters });
  }

  get ok(): boolean {
    return this.violations.length === 0;
  }

  throwIfInvalid(): void {
    const [first] = this.violations;
    if (!first) return;
    throw new ApiError(
      400,
      first.errorCode,
      first.detail,
      first.parameters,
      this.violations.map(({ field, description }) => ({ field, description })),
    );
  }

  private wrongType(field: string, description: string): void {
    this.fail(
      field,
      "INVALID_JSON_ATTRIBUTE",
      `Received JSON for the ${field} attribute does not match expected format.`,
      [field],
      description,
    );
  }

  private checkString(field: string, value: string, rule: StringRule): boolean {
    if (rule.enumValues && !rule.enumValues.includes(value)) {
      this.fail(
        field,
        "INVALID_ENUM_VALUE",
        `An invalid enumeration value ${value} was specified.`,
        [value],
        `must be one of ${rule.enumValues.join(", ")}`,
      );
      return false;
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      this.fail(
        field,
        "INVALID_ATTRIBUTE",
        `Invalid attribute ${field} specified.`,
        [field],
        `must be at most ${rule.maxLength} characters`,
      );
      return false;
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.fail(
        field,
        "INVALID_ATTRIBUTE",
        `Invalid attribute ${field} specified.`,
        [field],
        `must match ${rule.pattern.source}`,
      );
      return false;
    }
    const problem = rule.check?.(value);
    if (problem) {
      this.fail(field, "INVALID_ATTRIBUTE", `Invalid attribute ${field} specified.`, [field], problem);
      return false;
    }
    return true;
  }
}

/** Reads the provider tag of a polymorphic body, defaulting when the body leaves it out. */
export function providerOf(checker: BodyChecker, field: string, fallback?: CloudProvider): CloudProvider | undefined {
  const value =
    fallback !== undefined && !checker.has(field)
      ? fallback
      : checker.requireString(field, { enumValues: cloudProviders });
  return value as CloudProvider | undefined;
}

// ---- CIDR ---------------------------------------------------------------------------------------------

export interface Cidr extends Ipv4Block {
  text: string;
}

export function isIpv4(text: string): boolean {
  return ipv4Pattern.test(text);
}

/** IPv4 CIDR `a.b.c.d/n`; Atlas also accepts `%2F` for the slash (spec pattern). */
export function parseCidr(text: string): Cidr | undefined {
  const block = parseIpv4Block(text, { encodedSlash: true });
  return block ? { ...block, text } : undefined;
}

/** The canonical text of a CIDR (host bits cleared). */
export function canonicalCidr(cidr: Cidr): string {
  return canonicalBlock(cidr);
}

export function isPrivateCidr(cidr: Cidr): boolean {
  return isPrivateBlock(cidr);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return blocksOverlap(a, b);
}

/**
 * A container's `atlasCidrBlock`, checked with the library's rule (provider/atlas-rules/network.ts): the same
 * ranges and prefix lengths, a regional GCP container (one with `regions`) included. Records Atlas's 400 for the
 * first problem.
 */
export function checkContainerCidr(
  checker: BodyChecker,
  provider: CloudProvider,
  cidrText: string,
  regional: boolean,
): void {
  const problem = containerCidrProblem(provider, cidrText, { regional, encodedSlash: true });
  if (!problem) return;
  switch (problem.kind) {
    case "format":
      checker.fail(
        "atlasCidrBlock",
        "INVALID_CIDR_BLOCK",
        `The cidr block ${cidrText} must be in valid CIDR notation.`,
        [cidrText],
        "must be an IPv4 CIDR block",
      );
      return;
    case "private":
      checker.fail(
        "atlasCidrBlock",
        "ATLAS_INVALID_CIDR_RANGE",
        `Atlas CIDR ${cidrText} must be in private range.`,
        [cidrText],
        `must lie in ${privateRanges.join(", ")}`,
      );
      return;
    case "prefix": {
      const { min, max } = problem.range;
      const what = problem.regional ? "GCP with regions" : provider;
      checker.fail(
        "atlasCidrBlock",
        "ATLAS_INVALID_CIDR_BLOCK",
        `Atlas CIDR ${cidrText} must be a /${min} to /${max} block for ${what}.`,
        [cidrText, `${min}-${max}`, provider],
        `must have a prefix between /${min} and /${max}`,
      );
      return;
    }
    case "canonical":
      checker.fail(
        "atlasCidrBlock",
        "ATLAS_NON_CANONICAL_CIDR_BLOCK",
        `The canonical form for the specified Atlas CIDR ${cidrText} is ${problem.canonical}.`,
        [cidrText, problem.canonical],
        `must be written ${problem.canonical}`,
      );
      return;
  }
}
