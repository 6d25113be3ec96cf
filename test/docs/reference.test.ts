/**
 * The reference pages docs/resources/*.md are generated from the zod schemas, the providers' diff and the
 * resource classes (scripts/generate-docs.ts). Regenerating must give the files as they are: a changed
 * schema, diff rule or JSDoc without `npm run docs` fails here, so the pages cannot drift from the code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as api from "../../provider";
import { networkContainerInputsSchema } from "../../provider/resources/network-container/schema";
import { networkPeerInputsSchema } from "../../provider/resources/network-peer/schema";
import { privateEndpointRegionalModeInputsSchema } from "../../provider/resources/private-endpoint-regional-mode/schema";
import { privateEndpointRegistrationInputsSchema } from "../../provider/resources/private-endpoint-registration/schema";
import { privateEndpointServiceInputsSchema } from "../../provider/resources/private-endpoint-service/schema";
import { serverlessPrivateEndpointInputsSchema } from "../../provider/resources/serverless-private-endpoint/schema";
import { generateReferencePages } from "../../scripts/generate-docs";

const repoRoot = path.resolve(__dirname, "..", "..");

/** Each page's input schema: a union of one object per cloud provider, or one object for every cloud. */
const schemas = {
  "docs/resources/private-endpoint-service.md": privateEndpointServiceInputsSchema,
  "docs/resources/private-endpoint-registration.md": privateEndpointRegistrationInputsSchema,
  "docs/resources/private-endpoint-regional-mode.md": privateEndpointRegionalModeInputsSchema,
  "docs/resources/serverless-private-endpoint.md": serverlessPrivateEndpointInputsSchema,
  "docs/resources/network-peer.md": networkPeerInputsSchema,
  "docs/resources/network-container.md": networkContainerInputsSchema,
};

let pages: Map<string, string>;

type InputSchema = (typeof schemas)[keyof typeof schemas];

/** The inputs of every provider variant, or of the one object. */
function inputsOf(schema: InputSchema): string[] {
  const objects: { shape: object }[] = "options" in schema ? schema.options : [schema];
  return [...new Set(objects.flatMap((object) => Object.keys(object.shape)))];
}

/** The table row of an input (Prettier pads the cells). */
function rowOf(page: string, input: string): string | undefined {
  return page.split("\n").find((line) => new RegExp(`^\\| \`${input}\`\\s+\\|`).test(line));
}

/** The cells of a row, trimmed. */
function cellsOf(row: string | undefined): string[] {
  return (row ?? "").split(/(?<!\\)\|/).map((cell) => cell.trim());
}

beforeAll(async () => {
  pages = await generateReferencePages();
}, 60_000);

test("there is one reference page per resource", () => {
  expect([...pages.keys()].sort()).toEqual(Object.keys(schemas).sort());
});

test("every resource class the package exports has a reference page", () => {
  const resourceClasses = Object.entries(api)
    .filter(([, value]) => typeof value === "function" && value.prototype instanceof pulumi.dynamic.Resource)
    .map(([name]) => name);
  const pageOf = (className: string) =>
    `docs/resources/${className.replace(/(?<=[a-z])(?=[A-Z])/g, "-").toLowerCase()}.md`;
  expect(resourceClasses.length).toBeGreaterThan(0);
  expect(resourceClasses.map(pageOf).filter((file) => !pages.has(file))).toEqual([]);
});

test.each(Object.keys(schemas))(
  "%s is what the code generates now (run `npm run docs` after changing a schema, a diff rule or a JSDoc)",
  (file) => {
    const onDisk = fs.readFileSync(path.join(repoRoot, file), "utf8");
    expect(onDisk).toBe(pages.get(file));
  },
);

test.each(Object.entries(schemas))("%s has a row for every input (of every provider variant)", (file, schema) => {
  const page = pages.get(file) ?? "";
  expect(inputsOf(schema).filter((input) => rowOf(page, input) === undefined)).toEqual([]);
});

test("what a change does comes from each provider's own diff", () => {
  const onChange = (file: string, input: string) => cellsOf(rowOf(pages.get(file) ?? "", input))[5];
  expect(onChange("docs/resources/private-endpoint-service.md", "region")).toBe("replace");
  expect(onChange("docs/resources/private-endpoint-service.md", "supportedRemoteRegions")).toBe("update in place");
  expect(onChange("docs/resources/network-peer.md", "vpcId")).toBe("replace");
  expect(onChange("docs/resources/network-peer.md", "awsAccountId")).toBe("update in place");
  expect(onChange("docs/resources/network-container.md", "atlasCidrBlock")).toBe("update in place");
  // Atlas attaches a serverless endpoint once: an update while reserved, a replacement after.
  expect(onChange("docs/resources/serverless-private-endpoint.md", "cloudProviderEndpointId")).toBe(
    "update in place while reserved; replace once attached",
  );
  // The regional mode's own provider, not the shared life cycle: a PATCH for the flag, another project replaces.
  expect(onChange("docs/resources/private-endpoint-regional-mode.md", "enabled")).toBe("update in place");
  expect(onChange("docs/resources/private-endpoint-regional-mode.md", "projectId")).toBe("replace");
});

test("a resource without provider variants has one input table, its class's outputs, and says it has no status", () => {
  const page = pages.get("docs/resources/private-endpoint-regional-mode.md") ?? "";
  expect(page).not.toContain("### Every provider");
  expect(page).not.toContain("providerName");
  expect(page).toContain("The resource's `id` is\nthe project id.");
  expect(cellsOf(rowOf(page, "enabled"))[6]).toContain("Must be true");
  expect(page).toMatch(/\| `enabled` +\| `boolean` +\| The setting as Atlas has it\. +\|/);
  expect(page).toContain("PrivateEndpointRegionalMode has no status");
  // It never waits, so it has timeouts but no poll.
  expect(page).toContain("### timeouts");
  expect(page).not.toContain("### poll");
});

test("rule texts are the messages `pulumi preview` prints, including refinements written as code", () => {
  const container = pages.get("docs/resources/network-container.md") ?? "";
  expect(container).toContain("Must lie in a private range (RFC 1918");
  expect(container).toContain("Must have a prefix from /21 to /24 when regions is set");
  const serverless = pages.get("docs/resources/serverless-private-endpoint.md") ?? "";
  expect(serverless).toContain("Must be set together with the other");
});
