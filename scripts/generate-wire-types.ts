/**
 * Writes provider/client/wire.ts: TypeScript types for the request and response bodies of the Atlas
 * operations this project calls, generated from the official OpenAPI spec with the patches of
 * test/support/spec-patches.ts applied.
 *
 *   npx ts-node --transpile-only scripts/generate-wire-types.ts [--out <file>]
 *
 * The spec is found like in the tests (ATLAS_OPENAPI_SPEC, ../shared/atlas-openapi/spec.yaml, a download).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  describeSpec,
  inScopeOperationIds,
  indexOperations,
  loadSpecSync,
  operationSchemaRoots,
  patchedComponentSchemas,
  schemaClosure,
  schemaView,
  specEnvVariable,
  toJsonSchema,
  type Direction,
  type JsonSchema,
  type OpenApiSchema,
  type SchemaMap,
  type Spec,
} from "../test/support/spec";
import { explicitNullsInResponses, schemaPatches } from "../test/support/spec-patches";

export const wireTypesPath = path.resolve(__dirname, "..", "provider", "client", "wire.ts");
export const generateCommand = "npx ts-node --transpile-only scripts/generate-wire-types.ts";
const headerEnd = " * (end of generated header)";

function hasReadOrWriteOnly(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasReadOrWriteOnly);
  if (!schema || typeof schema !== "object") return false;
  const s = schema as OpenApiSchema;
  if (s.readOnly === true || s.writeOnly === true) return true;
  return Object.values(s).some(hasReadOrWriteOnly);
}

function withoutNestedTitles(schema: JsonSchema): JsonSchema {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== "title")
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  return strip(schema) as JsonSchema;
}

interface Plan {
  /** Type name → JSON Schema, in output order. */
  definitions: Record<string, JsonSchema>;
  /** Schemas that serve both directions and got Request/Response variants. */
  variants: string[];
}

function plan(spec: Spec): Plan {
  const document = spec.document;
  const operations = indexOperations(document);
  const requestRoots = new Set<string>();
  const responseRoots = new Set<string>();
  for (const operationId of inScopeOperationIds) {
    const located = operations.get(operationId);
    if (!located) throw new Error(`the spec has no operation ${operationId}`);
    const roots = operationSchemaRoots(document, located.operation);
    roots.request.forEach((n) => requestRoots.add(n));
    roots.response.forEach((n) => responseRoots.add(n));
  }
  const schemas: SchemaMap = patchedComponentSchemas(document);
  const requestNames = new Set(schemaClosure(schemas, requestRoots));
  const responseNames = new Set(schemaClosure(schemas, responseRoots));
  const allNames = [...new Set([...requestNames, ...responseNames])].sort();
  const variants = new Set(
    allNames.filter(
      (n) =>
        requestNames.has(n) &&
        responseNames.has(n) &&
        schemaClosure(schemas, [n]).some((m) => hasReadOrWriteOnly(schemas[m])),
    ),
  );
  const typeName = (name: string, direction: Direction | "both") =>
    variants.has(name) && direction !== "both" ? `${name}${direction === "request" ? "Request" : "Response"}` : name;

  const definitions: Record<string, JsonSchema> = {};
  const emit = (title: string, schema: OpenApiSchema, direction: Direction | "both") => {
    const converted = toJsonSchema(schema, { ref: (n) => `#/definitions/${typeName(n, direction)}` });
    const definition: JsonSchema = { ...withoutNestedTitles(converted), title };
    // An object that can only be empty (RequestAccepted): `{}` would be any non-nullish value in TypeScript.
    if (schema.type === "object" && !schema.properties && !schema.oneOf && !schema.allOf && !schema.anyOf) {
      definition.tsType = "Record<string, never>";
    }
    definitions[title] = definition;
  };
  for (const name of allNames) {
    const schema = schemas[name];
    if (variants.has(name)) {
      emit(name, schema, "both");
      emit(typeName(name, "request"), schemaView(schema, "request"), "request");
      emit(typeName(name, "response"), schemaView(schema, "response"), "response");
    } else {
      emit(
        name,
        schemaView(schema, requestNames.has(name) ? "request" : "response"),
        requestNames.has(name) ? "request" : "response",
      );
    }
  }
  return { definitions, variants: [...variants] };
}

function header(spec: Spec, variants: string[]): string {
  const { sha256, version, xgenSha } = describeSpec(spec);
  return [
    "/**",
    " * Atlas Admin API v2 wire types: private endpoint services, serverless private endpoints, network peering",
    " * connections and containers (request and response bodies, resource version 2023-01-01).",
    " *",
    " * GENERATED FILE: DO NOT EDIT. Regenerate with",
    ` *   ${generateCommand}`,
    " * from the official OpenAPI spec (mongodb/openapi openapi/v2.yaml; CC BY-NC-SA, not vendored here):",
    ` *   sha256 ${sha256}`,
    ` *   info.version ${version}, info.x-xgen-sha ${xgenSha}`,
    " * test/conformance/wire-types.test.ts regenerates it and fails when this file is stale.",
    " *",
    " * Type names are the spec's component schema names. Polymorphic schemas are discriminated unions",
    " * (providerName / cloudProvider literal types). Schemas used both in requests and in responses also get",
    ` * <Name>Request (no readOnly fields) and <Name>Response (no writeOnly fields) variants: ${variants.join(", ")}.`,
    " * Response-only types allow null for every optional field, as Atlas sends explicit nulls.",
    " * Spec patches applied (see test/support/spec-patches.ts for what Atlas really does):",
    ...[...schemaPatches.map((p) => p.id), explicitNullsInResponses.id].map((id) => ` *   - ${id}`),
    headerEnd,
    " */",
    "",
  ].join("\n");
}

/** The full text of provider/client/wire.ts for this spec. */
export async function generateWireTypes(spec: Spec): Promise<string> {
  const { definitions, variants } = plan(spec);
  const rootTitle = "AtlasWireTypesRoot";
  const root = { title: rootTitle, type: "object", properties: {}, additionalProperties: false, definitions };
  // Loaded here, not at the top: it loads prettier, which needs dynamic import() and so cannot run inside
  // jest's module sandbox; the conformance test runs this script as a child process instead.
  const { compile } = await import("json-schema-to-typescript");
  const generated = await compile(root as Parameters<typeof compile>[0], rootTitle, {
    bannerComment: "",
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    style: { printWidth: 120, singleQuote: false, trailingComma: "all" },
  });
  // The root exists only to carry the definitions: drop its (empty) interface and the
  // "referenced by AtlasWireTypesRoot" comment the generator puts above every definition.
  const body = generated
    .replace(new RegExp(`export interface ${rootTitle} \\{\\}\\n*`), "")
    .replace(
      new RegExp(
        `/\\*\\*\\n \\* This interface was referenced by \`${rootTitle}\`'s JSON-Schema\\n \\* via the \`definition\` "\\w+"\\.\\n \\*/\\n`,
        "g",
      ),
      "",
    )
    .trim();
  return `${header(spec, variants)}\n${body}\n`;
}

/** Splits a wire.ts text into its header (spec identity) and its types. */
export function splitWireTypes(text: string): { header: string; body: string; specSha256: string | undefined } {
  const end = text.indexOf(headerEnd);
  const closing = end < 0 ? -1 : text.indexOf("*/", end);
  const headerText = closing < 0 ? "" : text.slice(0, closing + 2);
  return {
    header: headerText,
    body: text.slice(headerText.length).trim(),
    specSha256: /sha256 ([0-9a-f]{64})/.exec(headerText)?.[1],
  };
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : wireTypesPath;
  const spec = loadSpecSync();
  if (!spec) {
    console.error(`The Atlas OpenAPI spec was not found: set ${specEnvVariable} to the path of spec.yaml.`);
    process.exit(1);
  }
  const text = await generateWireTypes(spec);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  const types = (text.match(/^export (interface|type) /gm) ?? []).length;
  console.log(
    `wrote ${path.relative(process.cwd(), out)}: ${types} types from ${spec.source} (sha256 ${spec.sha256.slice(0, 12)}…)`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
