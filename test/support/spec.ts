/**
 * The official Atlas Admin API OpenAPI spec as test data: where to find it, how to read it as JSON Schema
 * (with the known traps patched, see spec-patches.ts), and a validator for the requests and responses of
 * the operations this project uses.
 *
 * The spec's licence is CC BY-NC-SA: it is read at run time from outside the repository and never copied in.
 */
import type { ObservedResponse } from "../../simulator";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import {
  explicitNullsInResponses,
  refName,
  responseAllowances,
  schemaPatches,
  type OpenApiSchema,
  type SchemaMap,
} from "./spec-patches";

export type { OpenApiSchema, SchemaMap } from "./spec-patches";

// ---------------------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------------------

export interface OpenApiMediaType {
  schema?: OpenApiSchema;
}

export interface OpenApiResponse {
  $ref?: string;
  description?: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  requestBody?: { required?: boolean; content?: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { version: string; "x-xgen-sha"?: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: SchemaMap; responses?: Record<string, OpenApiResponse>; [key: string]: unknown };
}

export interface Spec {
  document: OpenApiDocument;
  /** sha256 of the spec file's bytes (hex). */
  sha256: string;
  /** Where it was read from. */
  source: string;
}

export const specEnvVariable = "ATLAS_OPENAPI_SPEC";
/** Set to 1 to never download the spec (offline machines, CI without network). */
export const specNoDownloadEnvVariable = "ATLAS_OPENAPI_SPEC_NO_DOWNLOAD";
export const specDownloadUrl = "https://raw.githubusercontent.com/mongodb/openapi/main/openapi/v2.yaml";
const downloadTimeoutMs = 8000;
const repositoryRoot = path.resolve(__dirname, "..", "..");

/** Outside the repository, per user: the downloaded spec and the parsed-JSON cache. */
export function specCacheDirectory(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-mongodbatlas-network");
}

function downloadSpecSync(target: string): boolean {
  // A child process keeps the download synchronous (jest decides which suites to skip while collecting
  // them, before any async code can run) and bounded: fetch aborts after the timeout, spawnSync kills it
  // a little later in any case.
  const script = `
    const fs = require("node:fs");
    fetch(process.argv[1], { signal: AbortSignal.timeout(${downloadTimeoutMs}) })
      .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
      .then((b) => { fs.writeFileSync(process.argv[2], Buffer.from(b)); })
      .catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });`;
  const partial = `${target}.${process.pid}.download`;
  const result = spawnSync(process.execPath, ["-e", script, specDownloadUrl, partial], {
    timeout: downloadTimeoutMs + 2000,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    fs.rmSync(partial, { force: true });
    console.warn(
      `Could not download the Atlas OpenAPI spec from ${specDownloadUrl}: ${(result.stderr || result.error?.message || "timeout").trim()}`,
    );
    return false;
  }
  fs.renameSync(partial, target);
  return true;
}

/**
 * Where the spec is: $ATLAS_OPENAPI_SPEC, else ../shared/atlas-openapi/spec.yaml beside the repository,
 * else a copy downloaded earlier into the cache folder, else a fresh download (unless
 * ATLAS_OPENAPI_SPEC_NO_DOWNLOAD=1). Null when none works.
 */
export function locateSpec(): string | null {
  const fromEnv = process.env[specEnvVariable];
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (!fs.existsSync(resolved)) throw new Error(`${specEnvVariable}=${fromEnv}: no such file`);
    return resolved;
  }
  const beside = path.resolve(repositoryRoot, "..", "shared", "atlas-openapi", "spec.yaml");
  if (fs.existsSync(beside)) return beside;
  const downloaded = path.join(specCacheDirectory(), "v2.yaml");
  if (fs.existsSync(downloaded)) return downloaded;
  if (process.env[specNoDownloadEnvVariable] === "1") return null;
  try {
    fs.mkdirSync(path.dirname(downloaded), { recursive: true });
  } catch {
    return null;
  }
  return downloadSpecSync(downloaded) ? downloaded : null;
}

function parseSpecFile(file: string, bytes: Buffer): OpenApiDocument {
  const text = bytes.toString("utf8");
  const parsed: unknown = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  const document = parsed as OpenApiDocument;
  if (!document?.components?.schemas || !document.paths || !document.info) {
    throw new Error(`${file} does not look like an OpenAPI document (no components.schemas, paths or info)`);
  }
  return document;
}

/**
 * Reads a spec file (YAML or JSON). Parsing 4 MB of YAML takes a second or more, so the parsed JSON is
 * cached in the cache folder by the file's sha256: each jest worker after the first reads JSON instead.
 */
export function readSpecFile(file: string): Spec {
  const bytes = fs.readFileSync(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const cached = path.join(specCacheDirectory(), `spec-${sha256}.json`);
  if (fs.existsSync(cached)) {
    try {
      return { document: JSON.parse(fs.readFileSync(cached, "utf8")) as OpenApiDocument, sha256, source: file };
    } catch {
      // A torn or foreign file: parse the spec again and overwrite it.
    }
  }
  const document = parseSpecFile(file, bytes);
  try {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify(document));
    fs.renameSync(partial, cached); // atomic: parallel jest workers never read half a file
  } catch {
    // No writable cache: every process parses the YAML itself.
  }
  return { document, sha256, source: file };
}

let memoized: Spec | null | undefined;
let warned = false;

/** The skip reason shown in suite titles and warnings. */
export const specMissingReason =
  `SKIPPED: the Atlas OpenAPI spec was not found; set ${specEnvVariable} to the path of spec.yaml (or v2.json) ` +
  `from ${specDownloadUrl}`;

/** Synchronous form of loadSpec, for deciding at collection time whether a suite runs. */
export function loadSpecSync(): Spec | null {
  if (memoized !== undefined) return memoized;
  const file = locateSpec();
  memoized = file ? readSpecFile(file) : null;
  if (!memoized && !warned) {
    warned = true;
    console.warn(specMissingReason);
  }
  return memoized;
}

export async function loadSpec(): Promise<Spec | null> {
  return loadSpecSync();
}

/**
 * A describe block that runs only when the spec is available; otherwise jest shows it as skipped with the
 * reason (and the variable to set) in its title.
 */
export function describeWithSpec(title: string, body: (spec: Spec) => void): void {
  const spec = loadSpecSync();
  if (spec) describe(title, () => body(spec));
  else describe.skip(`${title} (${specMissingReason})`, () => test("needs the spec", () => undefined));
}

/** Short description of the spec for messages and generated headers. */
export function describeSpec(spec: Spec): { sha256: string; version: string; xgenSha: string } {
  return {
    sha256: spec.sha256,
    version: String(spec.document.info.version),
    xgenSha: String(spec.document.info["x-xgen-sha"] ?? "unknown"),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Operations in scope
// ---------------------------------------------------------------------------------------------------------

/** The operations this project calls, by the spec's operationId. */
export const inScopeOperationIds = [
  "createGroupPrivateEndpointEndpointService",
  "listGroupPrivateEndpointEndpointService",
  "getGroupPrivateEndpointEndpointService",
  "updateGroupPrivateEndpointEndpointService",
  "deleteGroupPrivateEndpointEndpointService",
  "createGroupPrivateEndpointEndpointServiceEndpoint",
  "getGroupPrivateEndpointEndpointServiceEndpoint",
  "deleteGroupPrivateEndpointEndpointServiceEndpoint",
  "getGroupPrivateEndpointRegionalMode",
  "toggleGroupPrivateEndpointRegionalMode",
  "listGroupPrivateEndpointServerlessInstanceEndpoint",
  "createGroupPrivateEndpointServerlessInstanceEndpoint",
  "getGroupPrivateEndpointServerlessInstanceEndpoint",
  "updateGroupPrivateEndpointServerlessInstanceEndpoint",
  "deleteGroupPrivateEndpointServerlessInstanceEndpoint",
  "listGroupContainers",
  "listGroupContainerAll",
  "createGroupContainer",
  "getGroupContainer",
  "updateGroupContainer",
  "deleteGroupContainer",
  "listGroupPeers",
  "createGroupPeer",
  "getGroupPeer",
  "updateGroupPeer",
  "deleteGroupPeer",
] as const;

export type InScopeOperationId = (typeof inScopeOperationIds)[number];

export interface LocatedOperation {
  operationId: string;
  method: string;
  path: string;
  operation: OpenApiOperation;
}

const httpMethods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export function indexOperations(document: OpenApiDocument): Map<string, LocatedOperation> {
  const index = new Map<string, LocatedOperation>();
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!httpMethods.has(method)) continue;
      const operation = value as OpenApiOperation;
      if (operation?.operationId) {
        index.set(operation.operationId, {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path: pathTemplate,
          operation,
        });
      }
    }
  }
  return index;
}

function resolveResponse(document: OpenApiDocument, response: OpenApiResponse): OpenApiResponse {
  if (!response.$ref) return response;
  const resolved = document.components.responses?.[refName(response.$ref)];
  if (!resolved) throw new Error(`spec: response ${response.$ref} is not defined`);
  return resolved;
}

/** The schema roots an operation reads (request body) and returns (every declared response). */
export function operationSchemaRoots(
  document: OpenApiDocument,
  operation: OpenApiOperation,
): { request: string[]; response: string[] } {
  const collect = (schemas: (OpenApiSchema | undefined)[]) => {
    const names = new Set<string>();
    for (const schema of schemas) if (schema) collectRefs(schema, names);
    return [...names];
  };
  const requestSchemas = Object.values(operation.requestBody?.content ?? {}).map((m) => m.schema);
  const responseSchemas = Object.values(operation.responses).flatMap((r) =>
    Object.values(resolveResponse(document, r).content ?? {}).map((m) => m.schema),
  );
  return { request: collect(requestSchemas), response: collect(responseSchemas) };
}

// ---------------------------------------------------------------------------------------------------------
// From OpenAPI 3.0 schemas to JSON Schema
// ---------------------------------------------------------------------------------------------------------

function collectRefs(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) {
    for (const item of schema) collectRefs(item, into);
    return;
  }
  if (!schema || typeof schema !== "object") return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string") into.add(refName(value));
    // A discriminator mapping names schemas too (EndpointService has a mapping and nothing else).
    else if (key === "discriminator" && value && typeof value === "object") {
      for (const ref of Object.values((value as { mapping?: Record<string, string> }).mapping ?? {}))
        into.add(refName(ref));
    } else collectRefs(value, into);
  }
}

/** Every schema name reachable from the roots ($ref and discriminator mappings), roots included. */
export function schemaClosure(schemas: SchemaMap, roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    if (!schemas[name]) throw new Error(`spec: component schema ${name} is referenced but not defined`);
    seen.add(name);
    const refs = new Set<string>();
    collectRefs(schemas[name], refs);
    queue.push(...refs);
  }
  return [...seen].sort();
}

/** A deep copy of the component schemas with every patch of spec-patches.ts applied. */
export function patchedComponentSchemas(document: OpenApiDocument): SchemaMap {
  const schemas = structuredClone(document.components.schemas);
  for (const patch of schemaPatches) patch.apply(schemas);
  return schemas;
}

export type Direction = "request" | "response";

/**
 * The schema as one direction sees it: requests carry no readOnly properties (Atlas rejects them with 400),
 * responses carry no writeOnly properties and may return null for any optional property (a patch).
 */
export function schemaView(schema: OpenApiSchema, direction: Direction): OpenApiSchema {
  const hidden = (s: OpenApiSchema) => (direction === "request" ? s.readOnly === true : s.writeOnly === true);
  const visit = (s: OpenApiSchema): OpenApiSchema => {
    const out: OpenApiSchema = { ...s };
    if (s.properties) {
      const kept = Object.entries(s.properties).filter(([, p]) => !hidden(p));
      out.properties = Object.fromEntries(kept.map(([name, p]) => [name, visit(p)]));
      if (s.required) out.required = s.required.filter((name) => name in (out.properties as object));
      if (direction === "response") explicitNullsInResponses.allowNullForOptionalProperties(out);
    }
    if (s.items) out.items = visit(s.items);
    for (const key of ["allOf", "oneOf", "anyOf"] as const) {
      const list = s[key];
      if (list) out[key] = list.map(visit);
    }
    return out;
  };
  return visit(schema);
}

export type JsonSchema = { [keyword: string]: unknown };

export interface JsonSchemaOptions {
  /** Maps a component schema name to the $ref to emit. */
  ref: (name: string) => string;
  /** Keep `description`? (The wire types leave the spec's prose out; see the licence note above.) */
  keepDescriptions?: boolean;
}

const droppedKeywords = new Set([
  "example",
  "examples",
  "externalDocs",
  "xml",
  "nullable",
  "deprecated",
  "discriminator",
]);

/** OpenAPI 3.0 schema → JSON Schema (draft 7): nullable, closed objects, x-* and examples dropped. */
export function toJsonSchema(schema: OpenApiSchema, options: JsonSchemaOptions): JsonSchema {
  const convert = (s: OpenApiSchema): JsonSchema => toJsonSchema(s, options);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-") || droppedKeywords.has(key)) continue;
    if (key === "description" && !options.keepDescriptions) continue;
    if (key === "$ref") out.$ref = options.ref(refName(value as string));
    else if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, OpenApiSchema>).map(([n, p]) => [n, convert(p)]),
      );
    } else if (key === "items" || key === "not") out[key] = convert(value as OpenApiSchema);
    else if (key === "allOf" || key === "oneOf" || key === "anyOf") out[key] = (value as OpenApiSchema[]).map(convert);
    else if (key === "additionalProperties" && typeof value === "object") out[key] = convert(value as OpenApiSchema);
    else out[key] = value;
  }
  // ajv's discriminator keyword picks the branch by the tag's const/enum; it does not read `mapping`.
  if (schema.discriminator && schema.oneOf) out.discriminator = { propertyName: schema.discriminator.propertyName };
  // Atlas does not ignore unknown fields in requests (400), and a faithful simulator returns none.
  const composed = schema.allOf || schema.oneOf || schema.anyOf || schema.$ref;
  if (schema.type === "object" && !composed && schema.additionalProperties === undefined)
    out.additionalProperties = false;
  if (schema.nullable) {
    if (schema.$ref) return { anyOf: [out, { type: "null" }] };
    if (typeof schema.type === "string") out.type = [schema.type, "null"];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------------------------

export interface ResponseToValidate {
  /** Undefined for a response to a path that is no Atlas operation (a 404 or 405 from the router). */
  operationId: string | undefined;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

export interface RequestToValidate {
  operationId: string;
  contentType: string | undefined;
  body: unknown;
}

export interface SpecValidator {
  /** Empty when the response conforms; otherwise one message per problem, naming operation, status and JSON pointer. */
  validateResponse(response: ResponseToValidate): string[];
  validateRequest(request: RequestToValidate): string[];
  /** The operation as the spec declares it (method, path template), or undefined. */
  operation(operationId: string): LocatedOperation | undefined;
}

const mediaTypeOf = (contentType: string | undefined) => contentType?.split(";")[0].trim().toLowerCase();

function hasBody(body: unknown): boolean {
  return body !== undefined && body !== null && body !== "";
}

function formatError(error: ErrorObject): string {
  const pointer = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  let detail = "";
  if (error.keyword === "additionalProperties") detail = `: unknown property "${String(params.additionalProperty)}"`;
  else if (error.keyword === "enum") detail = ` ${JSON.stringify(params.allowedValues)}`;
  else if (error.keyword === "discriminator" && params.tagValue !== undefined)
    detail = ` (got ${JSON.stringify(params.tagValue)})`;
  return `${pointer} ${error.message ?? error.keyword}${detail}`;
}

interface ExpectedBody {
  /** Media types the body may be sent as; empty when no body is expected. */
  mediaTypes: string[];
  schema: OpenApiSchema | undefined;
}

export function createSpecValidator(spec: Spec): SpecValidator {
  const document = spec.document;
  const operations = indexOperations(document);
  const patched = patchedComponentSchemas(document);
  const ajv = new Ajv({
    allErrors: true,
    discriminator: true,
    strict: true,
    allowUnionTypes: true,
    strictRequired: false,
  });
  addFormats(ajv);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });

  const views: Record<Direction, Map<string, JsonSchema>> = { request: new Map(), response: new Map() };
  const viewOf = (name: string, direction: Direction): JsonSchema => {
    let converted = views[direction].get(name);
    if (!converted) {
      converted = toJsonSchema(schemaView(patched[name], direction), { ref: (n) => `#/definitions/${n}` });
      views[direction].set(name, converted);
    }
    return converted;
  };

  // Compiled lazily per (operation, direction, status, media type): the spec has over a thousand schemas.
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: OpenApiSchema, direction: Direction): ValidateFunction => {
    let validate = compiled.get(key);
    if (!validate) {
      const roots = new Set<string>();
      collectRefs(schema, roots);
      const definitions = Object.fromEntries(schemaClosure(patched, roots).map((n) => [n, viewOf(n, direction)]));
      const root = toJsonSchema(schemaView(schema, direction), { ref: (n) => `#/definitions/${n}` });
      validate = ajv.compile({ ...root, definitions });
      compiled.set(key, validate);
    }
    return validate;
  };

  const checkBody = (
    label: string,
    key: string,
    direction: Direction,
    expected: ExpectedBody,
    contentType: string | undefined,
    rawBody: unknown,
  ): string[] => {
    if (expected.mediaTypes.length === 0) {
      return hasBody(rawBody) ? [`${label}: expected no body, got ${JSON.stringify(rawBody).slice(0, 200)}`] : [];
    }
    const mediaType = mediaTypeOf(contentType);
    const problems: string[] = [];
    if (!mediaType || !expected.mediaTypes.includes(mediaType)) {
      problems.push(`${label}: content type ${contentType ?? "(none)"} is not ${expected.mediaTypes.join(" or ")}`);
    }
    if (!expected.schema) return problems;
    let body = rawBody;
    if (typeof rawBody === "string") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return [...problems, `${label}: body is not JSON`];
      }
    }
    const validate = compile(`${key} ${mediaType}`, expected.schema, direction);
    if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${label}: ${formatError(e)}`));
    return problems;
  };

  const expectedResponse = (located: LocatedOperation, status: number): ExpectedBody | string => {
    const declared = located.operation.responses[String(status)];
    if (declared) {
      const response = resolveResponse(document, declared);
      const content = Object.entries(response.content ?? {});
      const withSchema = content.filter(([, m]) => m.schema);
      // A 204 declares a media type but no schema: there is no body.
      if (withSchema.length === 0) return { mediaTypes: [], schema: undefined };
      return { mediaTypes: withSchema.map(([t]) => t.toLowerCase()), schema: withSchema[0][1].schema };
    }
    const allowance = responseAllowances.find(
      (a) =>
        (a.operationId === "*" || a.operationId === located.operationId) &&
        (a.status === status || (a.status === "error" && status >= 400)),
    );
    if (!allowance) {
      return `status ${status} is not declared (declared: ${Object.keys(located.operation.responses).join(", ")}) and not in the allowance list`;
    }
    if (!allowance.bodySchema) return { mediaTypes: [], schema: undefined };
    return {
      mediaTypes: [allowance.contentType ?? "application/json"],
      schema: { $ref: `#/components/schemas/${allowance.bodySchema}` },
    };
  };

  return {
    operation: (operationId) => operations.get(operationId),

    validateResponse({ operationId, status, contentType, body }) {
      const label = `${operationId ?? "(no operation)"} ${status}`;
      if (operationId === undefined) {
        // Only errors can answer a path that is no operation; they are ApiErrors like any other.
        if (status < 400) return [`${label}: a success response for a path that is no Atlas operation`];
        const apiError = { $ref: "#/components/schemas/ApiError" };
        return checkBody(
          label,
          `(no operation) ${status}`,
          "response",
          { mediaTypes: ["application/json"], schema: apiError },
          contentType,
          body,
        );
      }
      const located = operations.get(operationId);
      if (!located) return [`${label}: no operation ${operationId} in the spec`];
      const expected = expectedResponse(located, status);
      if (typeof expected === "string") return [`${label}: ${expected}`];
      return checkBody(label, `${operationId} response ${status}`, "response", expected, contentType, body);
    },

    validateRequest({ operationId, contentType, body }) {
      const label = `${operationId} request`;
      const located = operations.get(operationId);
      if (!located) return [`${label}: no operation ${operationId} in the spec`];
      const content = Object.entries(located.operation.requestBody?.content ?? {});
      if (content.length === 0) return hasBody(body) ? [`${label}: the operation takes no body`] : [];
      if (!hasBody(body)) return located.operation.requestBody?.required ? [`${label}: a body is required`] : [];
      const expected = { mediaTypes: content.map(([t]) => t.toLowerCase()), schema: content[0][1].schema };
      return checkBody(label, `${operationId} request`, "request", expected, contentType, body);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Recording what a simulator answers
// ---------------------------------------------------------------------------------------------------------

/** What the simulator's `responseObserver` option receives for every Atlas API response. */
export type { ObservedResponse };

export interface ResponseRecorder {
  observer: (response: ObservedResponse) => void;
  /**
   * One line per distinct problem, `METHOD path -> operationId status: /pointer message`, with ` (seen N times)`
   * appended when polling met it repeatedly.
   */
  violations(): string[];
  /** How many responses were observed. */
  count(): number;
  /** Every (operationId, status) pair seen, for coverage assertions. */
  seen(): { operationId: string | undefined; status: number }[];
}

/**
 * The body the spec describes, from an `envelope=true` answer: a single item (or a bare array) comes as
 * `{ status, content }`, a paginated list keeps its own object with `status` added (MongoDB API guideline IPA-115).
 */
function unwrapEnvelope(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const { status: _status, ...rest } = body as Record<string, unknown>;
  return "content" in rest ? rest.content : rest;
}

export function createResponseRecorder(validator: SpecValidator): ResponseRecorder {
  const problems = new Map<string, number>();
  const observed: { operationId: string | undefined; status: number }[] = [];
  return {
    observer(response) {
      observed.push({ operationId: response.operationId, status: response.status });
      let found: string[];
      try {
        found = validator.validateResponse(
          response.envelope ? { ...response, body: unwrapEnvelope(response.body) } : response,
        );
      } catch (error) {
        found = [
          `${response.operationId ?? "(no operation)"} ${response.status}: validator failed: ${(error as Error).message}`,
        ];
      }
      for (const problem of found) {
        const line = `${response.method} ${response.path} -> ${problem}`;
        problems.set(line, (problems.get(line) ?? 0) + 1);
      }
    },
    violations: () => [...problems].map(([line, times]) => (times > 1 ? `${line} (seen ${times} times)` : line)),
    count: () => observed.length,
    seen: () => observed.map((o) => ({ ...o })),
  };
}
