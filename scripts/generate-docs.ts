/**
 * Generates the reference pages docs/resources/<resource>.md from the code itself, so they cannot drift:
 * - inputs: names, types, required, defaults and validation rules from the zod schemas (the messages are the
 *   ones `pulumi preview` prints), descriptions from the JSDoc of the exported *Args types. A resource whose
 *   inputs differ per cloud provider (a union of one object per providerName) gets a table of the inputs every
 *   provider shares and one per provider; a resource with the same inputs on every cloud (one object), one table;
 * - what a change does (replace or update in place): asked of each provider's own `diff`, by changing one
 *   input at a time to a value that is not known yet (which every provider counts as a change);
 * - outputs: the resource classes' declared properties and their JSDoc (the ones beyond the inputs; when every
 *   output is an input, the ones the class documents);
 * - states: the state tables in states.ts, their wait targets and the comments beside each state (a resource
 *   without a status says so).
 * test/docs/reference.test.ts regenerates the pages and compares them with the files.
 *
 *   npm run docs                  (or: npx ts-node --transpile-only scripts/generate-docs.ts)
 *   ... scripts/generate-docs.ts --check   exits 1 and names the pages that are out of date
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { z } from "zod";
import { defaultPollSchedule } from "../provider/poller";
import { defaultTimeoutMs } from "../provider/resources/shared/durations";
import type { ResourceKind } from "../provider/resources/shared/provider-contract";
import {
  type RegionInput,
  atlasRegionNameFor,
  cloudProviders,
  cloudRegionWord,
  regionTable,
} from "../provider/atlas-rules/regions";
import { pollSchema, regionListDoc, timeoutsSchema } from "../provider/resources/shared/fields";
import { unknownValue } from "../provider/resources/shared/unknowns";
import { createMemoryLogger } from "../provider/logger";
import { resetRunContext } from "../provider/resources/shared/context";
import { resourceProvider } from "../provider/runtime";
import { privateEndpointServiceReference } from "../provider/resources/private-endpoint-service/reference";
import { privateEndpointRegistrationReference } from "../provider/resources/private-endpoint-registration/reference";
import { privateEndpointRegionalModeReference } from "../provider/resources/private-endpoint-regional-mode/reference";
import { serverlessPrivateEndpointReference } from "../provider/resources/serverless-private-endpoint/reference";
import { networkPeerReference } from "../provider/resources/network-peer/reference";
import { networkContainerReference } from "../provider/resources/network-container/reference";
import type { CloudProvider } from "../provider/atlas-rules/regions";
import type { ResourceReference, RuleProbe, StateTableSpec } from "../provider/resources/shared/reference";

const repoRoot = path.resolve(__dirname, "..");
type Props = Record<string, unknown>;

const providerTitles: Record<CloudProvider, string> = { AWS: "AWS", AZURE: "Azure", GCP: "GCP" };
const providerTypePrefix: Record<CloudProvider, string> = { AWS: "Aws", AZURE: "Azure", GCP: "Gcp" };

// ---- what the generator needs to know about each resource ------------------------------------------------

type ResourceSpec = ResourceReference;

const resources: ResourceSpec[] = [
  privateEndpointServiceReference,
  privateEndpointRegistrationReference,
  privateEndpointRegionalModeReference,
  serverlessPrivateEndpointReference,
  networkPeerReference,
  networkContainerReference,
];

// ---- zod: types, defaults and static messages ------------------------------------------------------------

interface ZodNode {
  _zod: {
    def: {
      type: string;
      check?: string;
      checks?: ZodNode[];
      error?: (issue: unknown) => unknown;
      innerType?: ZodNode;
      in?: ZodNode;
      out?: ZodNode;
      element?: ZodNode;
      options?: ZodNode[];
      shape?: Record<string, ZodNode>;
    };
  };
}

interface VariantSchema {
  shape: Record<string, ZodNode>;
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: z.core.$ZodIssue[] } };
}

function asVariant(option: unknown): VariantSchema {
  const candidate = option as Partial<VariantSchema>;
  if (!candidate.shape || typeof candidate.safeParse !== "function")
    throw new Error("a schema variant is not a zod object");
  return candidate as VariantSchema;
}

function callError(error: ((issue: unknown) => unknown) | undefined): string | undefined {
  if (!error) return undefined;
  try {
    const message = error({ code: "custom", input: undefined, path: [] });
    return typeof message === "string" ? message : undefined;
  } catch {
    return undefined;
  }
}

/** The messages a schema states up front: its type error and each check's error (not refinements written as code). */
function staticMessages(node: ZodNode | undefined, depth = 0): string[] {
  if (!node || depth > 8) return [];
  const def = node._zod.def;
  const own = [callError(def.error), ...(def.checks ?? []).map((check) => callError(check._zod.def.error))];
  const nested = [def.innerType, def.in, def.out, def.element, ...(def.options ?? [])].flatMap((child) =>
    staticMessages(child, depth + 1),
  );
  return [...own, ...nested].filter((message): message is string => message !== undefined);
}

interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  anyOf?: JsonSchema[];
}

function jsonSchemaOf(schema: unknown): JsonSchema {
  return z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

function typeText(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeText).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types
    .map((type) => {
      if (type === "array") return `${schema.items ? typeText(schema.items) : "unknown"}[]`;
      if (type === "object") return "object";
      return type;
    })
    .join(" | ");
}

// ---- TypeScript declarations: JSDoc of the Args types and the output properties ---------------------------

interface DeclaredField {
  doc: string;
}

interface DeclaredOutput {
  name: string;
  type: string;
  doc: string;
}

interface Declarations {
  classDoc: string;
  outputs: DeclaredOutput[];
  /** Args type name → field → doc. */
  args: Map<string, Map<string, DeclaredField>>;
}

function loadDeclarations(): Map<string, Declarations> {
  const indexFile = path.join(repoRoot, "provider", "index.ts");
  const program = ts.createProgram([indexFile], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error("cannot read provider/index.ts");
  const exported = new Map(
    checker.getExportsOfModule(moduleSymbol).map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return [symbol.getName(), target] as const;
    }),
  );
  const rawDocOf = (symbol: ts.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const docOf = (symbol: ts.Symbol) => rawDocOf(symbol).replace(/\s+/g, " ");

  const result = new Map<string, Declarations>();
  for (const resource of resources) {
    const classSymbol = exported.get(resource.className);
    const classDeclaration = classSymbol?.declarations?.find(ts.isClassDeclaration);
    if (!classSymbol || !classDeclaration)
      throw new Error(`provider/index.ts does not export the class ${resource.className}`);
    const outputs: DeclaredOutput[] = [];
    for (const member of classDeclaration.members) {
      if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || !member.type) continue;
      const memberSymbol = checker.getSymbolAtLocation(member.name);
      const typeSource = member.type.getText().replace(/\s+/g, " ").trim();
      const unwrapped = /^pulumi\.Output<(.*)>$/.exec(typeSource)?.[1] ?? typeSource;
      outputs.push({
        name: member.name.text,
        type: unwrapped.replace(/;? }/g, " }").trim(),
        doc: memberSymbol ? docOf(memberSymbol) : "",
      });
    }
    const args = new Map<string, Map<string, DeclaredField>>();
    for (const { argsType: typeName } of variantsOf(resource)) {
      const typeSymbol = exported.get(typeName);
      if (!typeSymbol) throw new Error(`provider/index.ts does not export the type ${typeName}`);
      const fields = new Map<string, DeclaredField>();
      for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(typeSymbol))) {
        fields.set(property.getName(), { doc: docOf(property) });
      }
      args.set(typeName, fields);
    }
    result.set(resource.className, { classDoc: rawDocOf(classSymbol), outputs, args });
  }
  return result;
}

/** The comment beside (or above) each state in a states.ts table. */
function stateComments(sourceFile: string, variable: string): Map<string, string> {
  const file = path.join(repoRoot, sourceFile);
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const comments = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === variable &&
      node.initializer
    ) {
      let initializer: ts.Expression = node.initializer;
      while (
        ts.isSatisfiesExpression(initializer) ||
        ts.isAsExpression(initializer) ||
        ts.isParenthesizedExpression(initializer)
      ) {
        initializer = initializer.expression;
      }
      if (!ts.isObjectLiteralExpression(initializer)) return;
      for (const property of initializer.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name = property.name.getText(source).replace(/^["']|["']$/g, "");
        const leading = (ts.getLeadingCommentRanges(text, property.getFullStart()) ?? []).map((range) =>
          text.slice(range.pos, range.end),
        );
        const lineEnd = text.indexOf("\n", property.end);
        const trailing = /^\s*,?\s*\/\/\s*(.*)$/.exec(
          text.slice(property.end, lineEnd === -1 ? undefined : lineEnd),
        )?.[1];
        const parts = [...leading, ...(trailing ? [trailing] : [])].map((c) =>
          c.replace(/^\/\/\s?|^\/\*+|\*+\/$/g, "").trim(),
        );
        comments.set(name, parts.join(" ").replace(/\s+/g, " ").trim());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return comments;
}

// ---- probing the providers: check for messages, diff for what a change does ---------------------------------

function providerNameOf(variant: VariantSchema): CloudProvider {
  const literal = jsonSchemaOf(variant.shape.providerName).const;
  if (literal !== "AWS" && literal !== "AZURE" && literal !== "GCP")
    throw new Error("a variant without a providerName literal");
  return literal;
}

type Probe = Omit<RuleProbe, "provider">;

/**
 * One set of inputs a page documents: a cloud provider's variant of a resource whose inputs differ per provider,
 * or the one schema of a resource without variants (`provider` undefined).
 */
interface InputVariant {
  provider: CloudProvider | undefined;
  schema: VariantSchema;
  sample: Props;
  /** The exported Args type whose JSDoc describes the inputs. */
  argsType: string;
  /** The situations' inputs are this variant's own. */
  situations: { label: string; inputs: Props; outputs: Props }[];
  probes: Probe[];
}

function variantsOf(resource: ResourceSpec): InputVariant[] {
  if (!("samples" in resource)) {
    return [
      {
        provider: undefined,
        schema: asVariant(resource.schema),
        sample: resource.sample,
        argsType: `${resource.className}Args`,
        situations: resource.situations,
        probes: resource.probes,
      },
    ];
  }
  return resource.schema.options.map(asVariant).map((schema) => {
    const provider = providerNameOf(schema);
    const sample = resource.samples[provider];
    if (!sample) throw new Error(`${resource.className}: no sample for ${provider}`);
    return {
      provider,
      schema,
      sample,
      argsType: `${providerTypePrefix[provider]}${resource.className}Args`,
      situations: resource.situations.map((situation) => ({
        label: situation.label,
        inputs: situation.inputs[provider] ?? {},
        outputs: situation.outputs,
      })),
      probes: resource.probes.filter((probe) => probe.provider === provider || probe.provider === "all"),
    };
  });
}

/** "AWS " for a provider's variant, nothing for a resource without variants: for error messages. */
function variantLabel(variant: InputVariant): string {
  return variant.provider ? `${variant.provider} ` : "";
}

/** The messages zod gives for one field when the sample is changed by `probe`. */
function probeMessages(variant: InputVariant, probe: Probe): string[] {
  const candidate: Props = { ...variant.sample, ...probe.with, [probe.field]: probe.value };
  if (probe.value === undefined) delete candidate[probe.field];
  const parsed = variant.schema.safeParse(candidate);
  const probed = `probe ${variantLabel(variant)}${probe.field}`;
  if (parsed.success)
    throw new Error(`${probed}=${JSON.stringify(probe.value)} passed the schema; it must break a rule`);
  const messages = parsed.error.issues.filter((issue) => issue.path[0] === probe.field).map((issue) => issue.message);
  if (messages.length === 0) throw new Error(`${probed} broke no rule of that field`);
  return messages;
}

type ChangeEffect = "replace" | "update" | "none";

async function changeEffect(kind: ResourceKind, olds: Props, news: Props, field: string): Promise<ChangeEffect> {
  const result = await resourceProvider(kind).diff("probe", olds, { ...news, [field]: unknownValue });
  if (result.replaces?.includes(field)) return "replace";
  return result.changes ? "update" : "none";
}

// ---- rendering ----------------------------------------------------------------------------------------------

/** Markdown table cells: pipes escaped, angle brackets kept visible, newlines as breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>");
}

function code(text: string): string {
  return `\`${text}\``;
}

/** Distinct messages, without one that another message only extends ("…such as us-east-1" and "…such as us-east-1 (…)"). */
function withoutRepeats(messages: string[]): string[] {
  const distinct = [...new Set(messages)];
  return distinct.filter((message) => !distinct.some((other) => other !== message && other.startsWith(message)));
}

/** Region rules list every allowed name: keep the rule, point at the Regions section. */
function shortenMessage(message: string): string {
  return message.replace(` (every name: ${regionListDoc})`, " (see [Regions](#regions))");
}

/** A sentence: a capital (unless it starts with a name such as errorMessage) and a final stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  const capital = /^[a-z]+\b/.test(trimmed) ? trimmed[0]?.toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A JSDoc block as markdown: its lines joined into paragraphs, its "- " items kept as a list. */
function paragraphs(doc: string): string {
  const out: string[] = [];
  for (const line of doc.split("\n").map((l) => l.trim())) {
    const previous = out.at(-1);
    if (line === "") out.push("");
    else if (line.startsWith("- ") || previous === undefined || previous === "") out.push(line);
    else out[out.length - 1] = `${previous} ${line}`;
  }
  return out
    .map((line, index) =>
      line.startsWith("- ") && index > 0 && out[index - 1] !== "" && !out[index - 1]?.startsWith("- ")
        ? `\n${line}`
        : line,
    )
    .join("\n");
}

function describeEffects(effects: Map<string, ChangeEffect>): string {
  const distinct = [...new Set(effects.values())];
  const words: Record<ChangeEffect, string> = { replace: "replace", update: "update in place", none: "ignored" };
  if (distinct.length === 1) return words[distinct[0] as ChangeEffect];
  return [...effects.entries()].map(([label, effect]) => `${words[effect]} ${label}`).join("; ");
}

interface FieldFacts {
  name: string;
  type: string;
  required: boolean;
  defaultValue: unknown;
  effect: string;
  doc: string;
  rules: string[];
  /** The zod schema objects, to tell a shared field from per-provider ones. */
  node: ZodNode;
}

const settingsFields = new Set(["timeouts", "poll"]);
const settingsDocs: Record<string, string> = {
  timeouts: "How long create, update and delete wait for Atlas.",
  poll: "How waits read Atlas; the defaults suit real Atlas.",
};

function fieldRow(field: FieldFacts): string {
  const type = settingsFields.has(field.name) ? `object ([${field.name}](#${field.name}))` : code(field.type);
  const defaultText = field.defaultValue === undefined ? "" : code(JSON.stringify(field.defaultValue));
  const description = [
    sentence(field.doc),
    ...field.rules.map((rule) => sentence(`${field.name} ${rule}`.replace(/^\S+ must/, "Must"))),
  ]
    .filter((part) => part !== "")
    .join("\n");
  return `| ${code(field.name)} | ${cell(type)} | ${field.required ? "yes" : "no"} | ${cell(defaultText)} | ${field.effect} | ${cell(description)} |`;
}

const inputHeader = [
  "| Input | Type | Required | Default | On change | Description and rules |",
  "| --- | --- | --- | --- | --- | --- |",
];

function durationText(ms: number): string {
  const minutes = ms / 60_000;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** The sections of the settings among `inputNames` (a resource that never waits has no poll). */
function settingsSection(inputNames: Set<string>): string[] {
  if (![...settingsFields].some((name) => inputNames.has(name))) return [];
  const timeoutShape = (timeoutsSchema as unknown as ZodNode)._zod.def.innerType?._zod.def.shape ?? {};
  const pollObject = (pollSchema as unknown as ZodNode)._zod.def.innerType;
  const pollShape = pollObject?._zod.def.shape ?? {};
  const timeoutRules = [...new Set(Object.values(timeoutShape).flatMap((node) => staticMessages(node)))];
  const pollRules = new Map(
    Object.entries(pollShape).map(([name, node]) => [name, [...new Set(staticMessages(node))]]),
  );
  const pollObjectRules = (pollObject?._zod.def.checks ?? [])
    .map((check) => callError(check._zod.def.error))
    .filter((m): m is string => !!m);
  const pollDefaults: Record<string, string> = {
    initialDelaySeconds: `${defaultPollSchedule.initialDelayMs / 1000}`,
    intervalSeconds: `${defaultPollSchedule.firstIntervalMs / 1000}`,
    maxIntervalSeconds: `${defaultPollSchedule.maxIntervalMs / 1000}`,
    coalesce: "true",
    timeScale: "1",
  };
  const pollDocs: Record<string, string> = {
    initialDelaySeconds: "Seconds before the first read of a wait (default: one interval).",
    intervalSeconds: "The interval after the first read, and the floor of every later one.",
    maxIntervalSeconds: `The cap on any interval; between the floor and the cap each interval is ${defaultPollSchedule.elapsedFraction * 100} % of the time already waited.`,
    coalesce:
      "One shared list call per tick for every wait of this kind in the project, and for the reads of a refresh; false: one GET per wait and per read.",
    timeScale:
      "Real seconds per Atlas second of the default schedule (sparse early in a long state, dense around its typical end), for a simulator; any interval set above replaces that schedule.",
  };
  const timeoutsLines = [
    "### timeouts",
    "",
    "| Field | Type | Default | Rules |",
    "| --- | --- | --- | --- |",
    ...Object.keys(timeoutShape).map(
      (name) =>
        `| ${code(`timeouts.${name}`)} | ${cell(code("string | number"))} | ${code(durationText(defaultTimeoutMs))} | ${cell(timeoutRules.map(sentence).join(" "))} |`,
    ),
    "",
  ];
  const pollLines = [
    "### poll",
    "",
    "| Field | Type | Default | Description and rules |",
    "| --- | --- | --- | --- |",
    ...Object.entries(pollShape).map(([name, node]) => {
      const type = typeText(jsonSchemaOf(node));
      const rules = (pollRules.get(name) ?? []).map(sentence);
      return `| ${code(`poll.${name}`)} | ${code(type)} | ${code(pollDefaults[name] ?? "")} | ${cell([pollDocs[name] ?? "", ...rules].join(" ").trim())} |`;
    }),
    "",
    ...pollObjectRules.map((rule) => `The poll object ${rule}.`),
  ];
  return [
    "## Settings shared by every resource",
    "",
    "These inputs steer this package, not Atlas: changing one updates the stack without any Atlas call. See",
    "[Waiting, timeouts and states](../waiting-and-timeouts.md).",
    "",
    ...(inputNames.has("timeouts") ? timeoutsLines : []),
    ...(inputNames.has("poll") ? pollLines : []),
  ];
}

function statesSection(className: string, tables: StateTableSpec[]): string[] {
  const lines = ["## States", ""];
  if (tables.length === 0)
    return [
      ...lines,
      `${className} has no status: nothing waits for Atlas to settle, and create, update and delete return with Atlas's answer.`,
      "",
    ];
  for (const table of tables) {
    const comments = stateComments(table.sourceFile, table.variable);
    if (table.label) lines.push(`### ${table.label}`, "");
    const withAvailable = table.available !== undefined;
    lines.push(
      withAvailable
        ? "| State | Phase | A create or update returns here | With `waitForAvailable` / when attaching | Meaning |"
        : "| State | Phase | A create or update returns here | Meaning |",
      withAvailable ? "| --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- |",
    );
    for (const [state, phase] of Object.entries(table.phases)) {
      const settles = table.settled.includes(state) ? "yes" : phase === "failed" ? "fails" : "no";
      const available = table.available?.includes(state) ? "yes" : phase === "failed" ? "fails" : "no";
      const meaning = cell(sentence(comments.get(state) ?? ""));
      lines.push(
        withAvailable
          ? `| ${code(state)} | ${phase} | ${settles} | ${available} | ${meaning} |`
          : `| ${code(state)} | ${phase} | ${settles} | ${meaning} |`,
      );
    }
    lines.push("");
  }
  return lines;
}

function regionsSection(regionFields: Set<string>): string[] {
  if (regionFields.size === 0) return [];
  return [
    "## Regions",
    "",
    `Region inputs (${[...regionFields].sort().map(code).join(", ")}) take Atlas's name (\`US_EAST_2\`) or the cloud's own`,
    "(`us-east-2`, `eastus2`, `us-central1`) and store Atlas's, so respelling one is no change (`accepterRegionName`",
    "stores the AWS form, which Atlas takes there). Which names each input takes: [Regions](../regions.md).",
    "",
  ];
}

/** docs/regions.md: every region of the table, its cloud name, and the inputs that take it. */
function renderRegionsPage(): string {
  const mark = (taken: boolean) => (taken ? "yes" : "");
  const lines = [
    "<!-- Generated by scripts/generate-docs.ts from provider/atlas-rules/regions.ts. Do not edit: run `npm run docs`. -->",
    "",
    "# Regions",
    "",
    "Every region input takes a region in Atlas's form (`US_EAST_2`) or in the cloud's own (`us-east-2`, `eastus2`,",
    "`us-central1`), in any case. The checked value, the one stored in the stack and compared by `pulumi preview`, is",
    "Atlas's name, except for NetworkPeer's `accepterRegionName`, which Atlas takes and reports in AWS form: so",
    "writing a region another way is never a change.",
    "",
    "Which names an input takes comes from the Atlas Admin API spec:",
    "",
    "- **Endpoint service**: PrivateEndpointService `region` (and, for AWS, `supportedRemoteRegions`). The spec gives it",
    "  no enum and points at Atlas's region pages, which list where clusters run: every name of the spec's cluster",
    "  region enums and of its container enums.",
    "- **Container**: NetworkContainer `regionName` (AWS), `region` (Azure) and `regions` (GCP): the spec's container",
    "  enums. GCP's lacks `EUROPE_WEST_8`, `EUROPE_WEST_9` and `EUROPE_SOUTHWEST_1`, which clusters and endpoint",
    "  services take.",
    "- **VPC**: NetworkPeer `accepterRegionName`: AWS regions a VPC can be in (not `GLOBAL`).",
    "",
    "A GCP name ending in `_AW` is an Assured Workloads region of Atlas for Government; its GCP name belongs to its",
    "twin without the suffix, so write these in Atlas's form.",
    "",
  ];
  for (const provider of cloudProviders) {
    const rows = regionTable[provider];
    lines.push(
      `## ${providerTitles[provider]} (${rows.length})`,
      "",
      `| Atlas name | ${cloudRegionWord[provider]} | Endpoint service | Container |${provider === "AWS" ? " VPC |" : ""}`,
      `| --- | --- | --- | --- |${provider === "AWS" ? " --- |" : ""}`,
      ...rows.map((row) => {
        const taken = (input: RegionInput) => atlasRegionNameFor(provider, input, row.atlas) !== undefined;
        const vpc = provider === "AWS" ? ` ${mark(taken("accepter"))} |` : "";
        return `| ${code(row.atlas)} | ${row.cloud ? code(row.cloud) : ""} | ${mark(taken("endpointService"))} | ${mark(taken("container"))} |${vpc}`;
      }),
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

// ---- one page -----------------------------------------------------------------------------------------------

async function renderResource(resource: ResourceSpec, declarations: Declarations): Promise<string> {
  const implementation = resourceProvider(resource.kind);
  const variants = variantsOf(resource);
  const perProvider = variants.every((variant) => variant.provider !== undefined);
  const facts = new Map<InputVariant, FieldFacts[]>();
  const regionFields = new Set<string>();

  for (const variant of variants) {
    const json = jsonSchemaOf(variant.schema);
    const docs = declarations.args.get(variant.argsType) ?? new Map<string, DeclaredField>();

    // What a change of each input does, in each situation the resource can be in.
    const checkedBySituation: { label: string; olds: Props; news: Props }[] = [];
    for (const situation of variant.situations) {
      const inputs = { ...variant.sample, ...situation.inputs };
      const checked = await implementation.check({}, inputs);
      if (checked.failures?.length)
        throw new Error(
          `${resource.className} ${variantLabel(variant)}sample fails check: ${JSON.stringify(checked.failures)}`,
        );
      const news = checked.inputs as Props;
      checkedBySituation.push({ label: situation.label, olds: { ...news, ...situation.outputs }, news });
    }

    const fields: FieldFacts[] = [];
    for (const [name, node] of Object.entries(variant.schema.shape)) {
      const property = json.properties?.[name] ?? {};
      const effects = new Map<string, ChangeEffect>();
      for (const { label, olds, news } of checkedBySituation) {
        effects.set(label, await changeEffect(resource.kind, olds, news, name));
      }
      const probed = variant.probes
        .filter((probe) => probe.field === name)
        .flatMap((probe) => probeMessages(variant, probe));
      const rules = withoutRepeats([...staticMessages(node), ...probed]).map(shortenMessage);
      if (rules.some((rule) => rule.includes("(see [Regions](#regions))"))) regionFields.add(name);
      fields.push({
        name,
        type: typeText(property),
        required: json.required?.includes(name) ?? false,
        defaultValue: property.default,
        effect: describeEffects(effects),
        doc: docs.get(name)?.doc || settingsDocs[name] || "",
        rules: settingsFields.has(name) ? [] : rules,
        node,
      });
    }
    facts.set(variant, fields);
  }

  const allFields = [...facts.values()].flat();
  const inputNames = new Set(allFields.map((field) => field.name));
  const lines: string[] = [
    "<!-- Generated by scripts/generate-docs.ts from the zod schemas, the providers' diff and the resource classes. -->",
    "<!-- Do not edit: change the code, then run `npm run docs`. test/docs/reference.test.ts fails when this page is stale. -->",
    "",
    `# ${resource.className}`,
    "",
    paragraphs(declarations.classDoc),
    "",
    "```ts",
    `import { ${resource.className} } from "pulumi-mongodbatlas-network";`,
    "```",
    "",
    ...resource.notes.flatMap((note) => [`- ${note}`]),
    "",
    "## Inputs",
    "",
    '"On change" is what `pulumi up` does when the input changes: replace the resource, or update it in place.',
    "Rules are checked by `pulumi preview` before anything reaches Atlas; the texts are the messages it prints.",
    "",
    ...(perProvider ? perProviderInputs(facts) : [...inputHeader, ...allFields.map(fieldRow), ""]),
  ];

  // Outputs beyond the inputs; a resource whose outputs are all inputs lists those its class says something about.
  const ownOutputs = declarations.outputs.filter((output) => !inputNames.has(output.name));
  const listedOutputs = ownOutputs.length > 0 ? ownOutputs : declarations.outputs.filter((output) => output.doc !== "");
  // What check makes of region inputs (shared/regions.ts): Atlas's name, region lists sorted.
  const checkedForm = regionFields.size > 0 ? " (regions in Atlas form, lists sorted)" : "";
  lines.push(
    "## Outputs",
    "",
    `Every input is also an output, in its checked form${checkedForm}. The resource's \`id\` is`,
    `${resource.id ?? "Atlas's id of the object"}.${perProvider ? " Outputs that do not apply to the resource's provider are `undefined`." : ""}`,
    "",
    ...(listedOutputs.length === 0
      ? []
      : [
          "| Output | Type | Description |",
          "| --- | --- | --- |",
          ...listedOutputs.map(
            (output) => `| ${code(output.name)} | ${cell(code(output.type))} | ${cell(sentence(output.doc))} |`,
          ),
        ]),
    "",
    ...settingsSection(inputNames),
    "",
    ...statesSection(resource.className, resource.states),
    ...regionsSection(regionFields),
  );
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/** The inputs of a resource with provider variants: the ones every variant shares, then a table per provider. */
function perProviderInputs(facts: Map<InputVariant, FieldFacts[]>): string[] {
  const variants = [...facts.keys()];
  const providers = variants.map((variant) => variant.provider as CloudProvider);
  // Fields every variant declares with the same schema and behaviour are listed once.
  const first = facts.get(variants[0] as InputVariant) ?? [];
  const shared = first.filter((field) =>
    variants.every((variant) =>
      (facts.get(variant) ?? []).some(
        (other) =>
          other.name === field.name &&
          other.node === field.node &&
          other.effect === field.effect &&
          other.doc === field.doc,
      ),
    ),
  );
  const sharedNames = new Set(shared.map((field) => field.name));
  const providerName: FieldFacts = {
    ...(first.find((field) => field.name === "providerName") as FieldFacts),
    type: providers.map((p) => JSON.stringify(p)).join(" | "),
    doc: "The cloud provider; it selects which other inputs apply (one section per provider below).",
  };
  const lines = [
    "### Every provider",
    "",
    ...inputHeader,
    fieldRow(providerName),
    ...shared.filter((field) => field.name !== "providerName").map(fieldRow),
    "",
  ];
  for (const [variant, fields] of facts) {
    const provider = variant.provider as CloudProvider;
    const own = fields.filter((field) => !sharedNames.has(field.name) && field.name !== "providerName");
    lines.push(`### ${providerTitles[provider]} (\`providerName: "${provider}"\`)`, "");
    if (own.length === 0) lines.push("No inputs besides the ones above.", "");
    else lines.push(...inputHeader, ...own.map(fieldRow), "");
  }
  return lines;
}

/**
 * The page as the repository's Prettier formats it, so that a format pass leaves it as generated. Prettier runs
 * in its own process: its CommonJS entry loads parts of itself with import(), which jest's module system refuses.
 */
function formatLikeTheRepository(markdown: string, filepath: string): string {
  const prettierCli = path.join(repoRoot, "node_modules", "prettier", "bin", "prettier.cjs");
  const result = spawnSync(process.execPath, [prettierCli, "--stdin-filepath", filepath], {
    input: markdown,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`prettier failed on ${filepath}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** Every reference page: path relative to the repository → content. */
export async function generateReferencePages(): Promise<Map<string, string>> {
  // check and diff need no Atlas; the run's logger is kept quiet (the serverless check warns about the sunset).
  resetRunContext(undefined, createMemoryLogger());
  const declarations = loadDeclarations();
  const pages = new Map<string, string>();
  for (const resource of resources) {
    const file = `docs/resources/${resource.folder}.md`;
    const markdown = await renderResource(resource, declarations.get(resource.className) as Declarations);
    pages.set(file, formatLikeTheRepository(markdown, path.join(repoRoot, file)));
  }
  return pages;
}

/** docs/regions.md as the repository's Prettier formats it. */
export function generateRegionsPage(): { file: string; content: string } {
  const file = regionListDoc;
  return { file, content: formatLikeTheRepository(renderRegionsPage(), path.join(repoRoot, file)) };
}

/** The pages whose file differs from what the code generates now. */
export async function stalePages(): Promise<string[]> {
  const pages = await generateReferencePages();
  const regions = generateRegionsPage();
  pages.set(regions.file, regions.content);
  return [...pages.entries()]
    .filter(([file, content]) => {
      const full = path.join(repoRoot, file);
      return !fs.existsSync(full) || fs.readFileSync(full, "utf8") !== content;
    })
    .map(([file]) => file);
}

async function main(): Promise<void> {
  if (process.argv.includes("--check")) {
    const stale = await stalePages();
    if (stale.length > 0) {
      console.error(`Out of date (run npm run docs): ${stale.join(", ")}`);
      process.exitCode = 1;
    }
    return;
  }
  const regions = generateRegionsPage();
  for (const [file, content] of [...(await generateReferencePages()), [regions.file, regions.content] as const]) {
    const full = path.join(repoRoot, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    console.log(`wrote ${file}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
