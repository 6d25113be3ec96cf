import type { z } from "zod";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { containsUnknown, isUnknownAt } from "./unknowns";

/** The key under which the dynamic-provider host stores the serialized provider in inputs and outputs. */
export const providerKey = "__provider";

export interface CheckContext {
  /** "private endpoint service", used in messages. */
  resourceLabel: string;
  /**
   * Inputs that only some variants of the schema's union have (key → the discriminator values that have it),
   * e.g. `supportedRemoteRegions` → AWS; not to be confused with DiffRules.providerOnly (diff.ts).
   */
  fieldsOfSomeVariants?: Record<string, readonly string[]>;
  /** The discriminator field (providerName) when the schema is a union per provider. */
  discriminator?: string;
}

/** The values without the serialized provider, which is the engine's, not an input of the resource. */
export function withoutProvider(values: Record<string, unknown>): Record<string, unknown> {
  const { [providerKey]: _provider, ...rest } = values;
  return rest;
}

/** `a.b[2].c` for a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/** What the value must be, phrased "must …" (schema messages are written that way too). */
function describeRule(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // A field's own rule ("must be true or false") says more than zod's expected type ("must be a boolean").
      if (issue.message.startsWith("must")) return issue.message;
      return `must be ${issue.expected === "array" || issue.expected === "object" ? "an" : "a"} ${issue.expected}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options;
      return options ? `must be one of ${options.map((v) => JSON.stringify(v)).join(", ")}` : issue.message;
    }
    default:
      return issue.message.startsWith("must") ? issue.message : `must satisfy: ${issue.message}`;
  }
}

/**
 * Turns zod issues into Pulumi check failures whose reason names the field, the value given and what
 * is allowed, so `pulumi preview` tells the user exactly what to change. Issues about values that are
 * still unknown during preview are dropped: they are checked again once the values are known.
 */
function toCheckFailures(
  issues: readonly z.core.$ZodIssue[],
  raw: Record<string, unknown>,
  context: CheckContext,
): dynamic.CheckFailure[] {
  const failures: dynamic.CheckFailure[] = [];
  for (const issue of issues) {
    if (isUnknownAt(raw, issue.path)) continue;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const fullPath = [...issue.path, key];
        const property = formatPath(fullPath);
        const variants = issue.path.length === 0 ? context.fieldsOfSomeVariants?.[key] : undefined;
        const discriminatorValue = context.discriminator ? raw[context.discriminator] : undefined;
        const reason = variants
          ? `${property} applies only when ${context.discriminator} is ${variants.join(" or ")}; this ${context.resourceLabel} has ${context.discriminator} ${describeValue(discriminatorValue)}. Remove ${property}, or change ${context.discriminator}.`
          : `${property} is not an input of a ${context.resourceLabel}; check its spelling against the documented inputs.`;
        const given = valueAt(raw, fullPath);
        failures.push({
          property,
          reason: given === undefined ? reason : `${reason} (given: ${describeValue(given)})`,
        });
      }
      continue;
    }
    const property = formatPath(issue.path) || (context.discriminator ?? "(inputs)");
    const value = valueAt(raw, issue.path);
    const rule = describeRule(issue);
    const reason =
      value === undefined
        ? `${property} is required: it ${rule}`
        : `${property} ${describeValue(value)} is not valid: it ${rule}`;
    failures.push({ property, reason });
  }
  return failures;
}

/**
 * Validates a resource's new inputs. Returns the normalized inputs (zod's output: defaults applied,
 * regions in Atlas form) when everything is known, or the raw inputs while some are unknown (preview).
 */
export function checkInputs<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
  context: CheckContext,
): dynamic.CheckResult<Record<string, unknown>> {
  const { [providerKey]: provider, ...raw } = news;
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    const inputs = containsUnknown(raw) ? { ...raw } : { ...(parsed.data as Record<string, unknown>) };
    if (provider !== undefined) inputs[providerKey] = provider;
    return { inputs };
  }
  const failures = toCheckFailures(parsed.error.issues, raw, context);
  const inputs: Record<string, unknown> = { ...raw };
  if (provider !== undefined) inputs[providerKey] = provider;
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

/**
 * The inputs create and update get, typed: what check returned, so they parse. A failure means the state was
 * edited by hand; the error words it as check would.
 */
export function parseCheckedInputs<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
  context: CheckContext,
): z.output<S> {
  const raw = withoutProvider(news);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const reasons = toCheckFailures(parsed.error.issues, raw, context).map((failure) => failure.reason);
  throw new Error(`Invalid ${context.resourceLabel} inputs: ${reasons.join("; ") || parsed.error.message}`);
}

/** The shape of a discriminated union's options, as far as `fieldsOfSomeVariants` reads it. */
interface UnionOfObjects {
  options: readonly { shape: Record<string, unknown> }[];
}

/**
 * The fields that only some variants of a discriminated union have (key → the discriminator values that
 * have it), read from the schema itself: check names them when another variant is given one.
 */
export function fieldsOfSomeVariants(schema: unknown, discriminator: string): Record<string, string[]> {
  const options = (schema as Partial<UnionOfObjects>).options;
  if (!Array.isArray(options)) return {};
  const owners = new Map<string, string[]>();
  for (const option of options as UnionOfObjects["options"]) {
    const literal = option.shape[discriminator] as { values?: Set<unknown> } | undefined;
    const variant = [...(literal?.values ?? [])].map(String).join(" or ");
    for (const key of Object.keys(option.shape)) owners.set(key, [...(owners.get(key) ?? []), variant]);
  }
  return Object.fromEntries([...owners].filter(([, variants]) => variants.length < options.length));
}

/** A resource's check and the parse of its checked inputs, on a schema loaded at the first use. */
export interface InputChecks<Inputs> {
  check(news: Record<string, unknown>): dynamic.CheckResult<Record<string, unknown>>;
  parse(news: Record<string, unknown>): Inputs;
}

/**
 * `checkInputs` and `parseCheckedInputs` for one resource, its schema taken from `schemaOf` at the first check,
 * create or update: a read (refresh) or a delete never loads the schema, nor zod (docs/architecture.md, "Start-up").
 */
export function inputChecks<Inputs>(
  resourceLabel: string,
  schemaOf: () => z.ZodType<Inputs>,
  discriminator?: string,
): InputChecks<Inputs> {
  let loaded: { schema: z.ZodType<Inputs>; context: CheckContext } | undefined;
  const load = () => {
    if (loaded) return loaded;
    const schema = schemaOf();
    const context: CheckContext = discriminator
      ? { resourceLabel, discriminator, fieldsOfSomeVariants: fieldsOfSomeVariants(schema, discriminator) }
      : { resourceLabel };
    return (loaded = { schema, context });
  };
  return {
    check: (news) => checkInputs(load().schema, news, load().context),
    parse: (news) => parseCheckedInputs(load().schema, news, load().context),
  };
}
