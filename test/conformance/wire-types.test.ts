import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import { generateCommand, splitWireTypes, wireTypesPath } from "../../scripts/generate-wire-types";
import { describeWithSpec, specEnvVariable, type Spec } from "../support/spec";

const repositoryRoot = path.resolve(__dirname, "..", "..");

/**
 * Runs the documented command in a child process (json-schema-to-typescript formats with prettier, whose
 * dynamic import() does not work inside jest's module sandbox), against the same spec file.
 */
function regenerate(spec: Spec): string {
  const out = path.join(os.tmpdir(), `wire-${process.pid}-${Date.now()}.ts`);
  try {
    const result = spawnSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "scripts/generate-wire-types.ts", "--out", out],
      {
        cwd: repositoryRoot,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, [specEnvVariable]: spec.source },
      },
    );
    if (result.status !== 0) throw new Error(`the generator failed: ${result.stderr || result.error?.message}`);
    return fs.readFileSync(out, "utf8");
  } finally {
    fs.rmSync(out, { force: true });
  }
}

function firstDifference(a: string, b: string): string {
  const left = a.split("\n");
  const right = b.split("\n");
  const line = left.findIndex((l, i) => l !== right[i]);
  const at = line < 0 ? Math.min(left.length, right.length) : line;
  return `line ${at + 1}: committed ${JSON.stringify(left[at])}, generated ${JSON.stringify(right[at])}`;
}

describeWithSpec("the committed wire types", (spec) => {
  test("provider/client/wire.ts is what the generator writes for this spec", () => {
    const generated = regenerate(spec);
    const committed = fs.readFileSync(wireTypesPath, "utf8");
    const parts = { committed: splitWireTypes(committed), generated: splitWireTypes(generated) };
    expect(parts.generated.specSha256).toBe(spec.sha256);
    // Against the spec it was generated from, the whole file must match. Against another spec (a newer
    // download), only the types must: the header naming the spec may differ.
    const same =
      parts.committed.specSha256 === spec.sha256
        ? committed === generated
        : parts.committed.body === parts.generated.body;
    if (!same) {
      const [a, b] =
        parts.committed.specSha256 === spec.sha256
          ? [committed, generated]
          : [parts.committed.body, parts.generated.body];
      throw new Error(
        `provider/client/wire.ts is stale for the spec at ${spec.source} (sha256 ${spec.sha256}); ` +
          `regenerate with \`${generateCommand}\` and review the diff. First difference at ${firstDifference(a, b)}`,
      );
    }
  }, 90_000);
});

describe("the wire types in TypeScript", () => {
  // Compiles small client-like snippets against the committed wire.ts with the project's strict settings:
  // the unions must narrow on their tag, and request types must refuse response-only fields.
  const snippets: Record<string, string> = {
    "narrowing.ts": `
      import type * as W from "./wire";
      export function regionOf(c: W.CloudProviderContainerResponse): string | string[] | null | undefined {
        switch (c.providerName) {
          case "AWS": return c.regionName;
          case "AZURE": return c.region;
          case "GCP": return c.regions;
        }
      }
      export function stateOf(p: W.BaseNetworkPeeringConnectionSettingsResponse): string | null | undefined {
        return p.providerName === "AWS" ? p.statusName : p.status;
      }
      export function interfaceEndpointsOf(s: W.EndpointService): string[] {
        return s.cloudProvider === "AWS" ? s.interfaceEndpoints : [];
      }
      export function endpointIdOf(e: W.ServerlessTenantEndpoint): string | null | undefined {
        return e.providerName === "AZURE" ? e.privateEndpointIpAddress : e.cloudProviderEndpointId;
      }
      export const peer: W.BaseNetworkPeeringConnectionSettingsRequest = {
        providerName: "GCP", containerId: "5f7cac1adf5d6c6306f4b283", gcpProjectId: "my-project", networkName: "default",
      };
      export const container: W.CloudProviderContainerRequest = { providerName: "AZURE", atlasCidrBlock: "10.8.0.0/21", region: "US_EAST_2" };
      export const update: W.ServerlessTenantEndpointUpdate = { providerName: "AWS", cloudProviderEndpointId: "vpce-0123456789abcdef0" };
      export const accepted: W.RequestAccepted = {};
      export const error: W.ApiError = { error: 409, errorCode: "CONTAINERS_IN_USE", parameters: ["AWS", 1], detail: null };
    `,
    "bad-readonly-in-request.ts": `
      import type * as W from "./wire";
      export const peer: W.AwsNetworkPeeringConnectionSettingsRequest = {
        providerName: "AWS", containerId: "c", accepterRegionName: "us-east-1", awsAccountId: "1", routeTableCidrBlock: "10.0.0.0/24",
        vpcId: "vpc-0123456789abcdef0", statusName: "AVAILABLE",
      };
    `,
    "bad-field-of-other-provider.ts": `
      import type * as W from "./wire";
      export function regionOf(c: W.CloudProviderContainerResponse) { return c.providerName === "AWS" ? c.region : undefined; }
    `,
    "bad-missing-tag.ts": `
      import type * as W from "./wire";
      export const endpoint: W.ServerlessTenantEndpoint = { _id: "5f7cac1adf5d6c6306f4b283", status: "RESERVED" };
    `,
    "bad-wrong-tag.ts": `
      import type * as W from "./wire";
      export const update: W.ApiAtlasModifyEndpointServiceRequestView = { cloudProvider: "GCP" };
    `,
    "bad-non-empty-accepted.ts": `
      import type * as W from "./wire";
      export const accepted: W.RequestAccepted = { status: "ok" };
    `,
  };

  let diagnostics: Record<string, string[]>;
  beforeAll(() => {
    const directory = path.dirname(wireTypesPath);
    const files = Object.fromEntries(
      Object.entries(snippets).map(([name, text]) => [path.join(directory, `__snippet_${name}`), text]),
    );
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ["lib.es2023.d.ts"],
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (f) => files[f] ?? readFile(f);
    host.fileExists = (f) => f in files || fileExists(f);
    host.getSourceFile = (f, languageVersion, ...rest) =>
      f in files ? ts.createSourceFile(f, files[f], languageVersion) : getSourceFile(f, languageVersion, ...rest);
    const program = ts.createProgram(Object.keys(files), options, host);
    diagnostics = Object.fromEntries(
      Object.keys(snippets).map((name) => {
        const file = program.getSourceFile(path.join(directory, `__snippet_${name}`));
        const found = file ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : [];
        return [name, found.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))];
      }),
    );
    // wire.ts itself must compile under strict settings.
    const wire = program.getSourceFile(wireTypesPath);
    diagnostics["wire.ts"] = wire
      ? program.getSemanticDiagnostics(wire).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
      : ["wire.ts not loaded"];
  }, 60_000);

  test("wire.ts compiles under strict settings", () => {
    expect(diagnostics["wire.ts"]).toEqual([]);
  });

  test("client code narrows every union on its providerName or cloudProvider tag", () => {
    expect(diagnostics["narrowing.ts"]).toEqual([]);
  });

  test("a request type refuses a readOnly response field", () => {
    expect(diagnostics["bad-readonly-in-request.ts"].join("\n")).toMatch(
      /'statusName' does not exist in type 'AwsNetworkPeeringConnectionSettingsRequest'/,
    );
  });

  test("a narrowed branch has no fields of the other providers", () => {
    expect(diagnostics["bad-field-of-other-provider.ts"].join("\n")).toMatch(
      /Property 'region' does not exist on type 'AWSCloudProviderContainerResponse'/,
    );
  });

  test("a serverless endpoint without its providerName tag does not type-check", () => {
    expect(diagnostics["bad-missing-tag.ts"].join("\n")).toMatch(/providerName/);
  });

  test("the endpoint service PATCH body takes only AWS", () => {
    expect(diagnostics["bad-wrong-tag.ts"].join("\n")).toMatch(/Type '"GCP"' is not assignable to type '"AWS"'/);
  });

  test("RequestAccepted is an empty object and nothing else", () => {
    expect(diagnostics["bad-non-empty-accepted.ts"].join("\n")).toMatch(/not assignable to type 'never'/);
  });
});
