/**
 * The packed package as a user gets it: a temporary project outside the repository installs the tarball
 * (offline, from npm's cache) next to its own @pulumi/pulumi, TypeScript and @types/node, then
 * - compiles a strict TypeScript program that uses every resource (CommonJS, Node ESM and bundler resolution),
 * - fails to compile each field of another cloud provider's variant, with the diagnostic at that field,
 * - runs a CommonJS program that creates every resource against the simulator through the serialized
 *   providers (the runtime resolved by package name from the project, as the engine's host does),
 * - runs an ES module program that imports every export.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";
import { buildLibrary, installedVersion, packInto, repoRoot, run, runOrThrow, type CommandResult } from "./support";

const fixtures = path.join(__dirname, "fixtures");
const packageName = "pulumi-mongodbatlas-network";

/**
 * The tsconfig.json of Pulumi's TypeScript project template (`pulumi new typescript`): CommonJS with node
 * resolution, and neither skipLibCheck nor esModuleInterop, so every declaration file the package's types
 * reach is type-checked under these settings.
 */
const pulumiTemplateOptions = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "commonjs",
  moduleResolution: "node",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

/** Settings a careful user turns on; skipLibCheck off so the package's own declarations are checked too. */
const strictOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noUnusedLocals: false,
  skipLibCheck: false,
  target: "ES2022",
  types: ["node"],
  noEmit: true,
};

interface WrongField {
  file: string;
  field: string;
  /** One line: the diagnostic must be on it. */
  statement: string;
}

const wrongFields: WrongField[] = [
  {
    file: "wrong-azure-service-remote-regions.ts",
    field: "supportedRemoteRegions",
    statement: `new PrivateEndpointService("s", { projectId, providerName: "AZURE", region: "US_EAST_2", supportedRemoteRegions: ["US_WEST_2"] });`,
  },
  {
    file: "wrong-aws-service-port-mapping.ts",
    field: "portMappingEnabled",
    statement: `new PrivateEndpointService("s", { projectId, providerName: "AWS", region: "US_EAST_1", portMappingEnabled: true });`,
  },
  {
    file: "wrong-aws-peer-gcp-project.ts",
    field: "gcpProjectId",
    statement: `new NetworkPeer("p", { projectId, providerName: "AWS", containerId: "5f7cac1adf5d6c6306f4b284", accepterRegionName: "us-east-1", awsAccountId: "123456789012", routeTableCidrBlock: "10.0.0.0/16", vpcId: "vpc-0123456789abcdef0", gcpProjectId: "my-project" });`,
  },
  {
    file: "wrong-azure-peer-wait.ts",
    field: "waitForAvailable",
    statement: `new NetworkPeer("p", { projectId, providerName: "AZURE", containerId: "5f7cac1adf5d6c6306f4b284", azureDirectoryId: "35f3fd1e-7a54-4d7b-bd4e-1b4e3b2f0e11", azureSubscriptionId: "2c9a5a52-3b61-4a44-8a6b-6f0b7d1d8e22", resourceGroupName: "rg", vnetName: "vnet", waitForAvailable: true });`,
  },
  {
    file: "wrong-gcp-container-region-name.ts",
    field: "regionName",
    statement: `new NetworkContainer("c", { projectId, providerName: "GCP", atlasCidrBlock: "10.8.0.0/18", regionName: "US_EAST_1" });`,
  },
  {
    file: "wrong-aws-container-regions.ts",
    field: "regions",
    statement: `new NetworkContainer("c", { projectId, providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21", regions: ["CENTRAL_US"] });`,
  },
  {
    file: "wrong-aws-serverless-ip.ts",
    field: "privateEndpointIpAddress",
    statement: `new ServerlessPrivateEndpoint("e", { projectId, instanceName: "orders", providerName: "AWS", privateEndpointIpAddress: "10.0.0.4" });`,
  },
  {
    file: "wrong-gcp-serverless.ts",
    field: "providerName",
    statement: `new ServerlessPrivateEndpoint("e", { projectId, instanceName: "orders", providerName: "GCP" });`,
  },
];

function wrongFieldSource(statement: string): string {
  return [
    `import { NetworkContainer, NetworkPeer, PrivateEndpointService, ServerlessPrivateEndpoint } from "${packageName}";`,
    `const projectId = "5f7cac1adf5d6c6306f4b283";`,
    `export const declared = ${statement}`,
    `export const used = [NetworkContainer, NetworkPeer, PrivateEndpointService, ServerlessPrivateEndpoint];`,
    "",
  ].join("\n");
}

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  code: string;
  /** The message with its chained explanation lines. */
  text: string;
}

/** Parses `tsc --pretty false` output: `file(line,col): error TSnnnn: message`, then indented continuation lines. */
function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      diagnostics.push({
        file: path.basename(match[1] as string),
        line: Number(match[2]),
        column: Number(match[3]),
        code: match[4] as string,
        text: match[5] as string,
      });
    } else if (/^\s+\S/.test(line) && diagnostics.length > 0) {
      (diagnostics.at(-1) as Diagnostic).text += `\n${line.trim()}`;
    } else if (/error TS\d+/.test(line)) {
      diagnostics.push({ file: "(global)", line: 0, column: 0, code: "?", text: line });
    }
  }
  return diagnostics;
}

let workDir: string;
let projectDir: string;
let install: CommandResult;
let installMode: string;

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(path.join(projectDir, file), `${JSON.stringify(value, null, 2)}\n`);
}

async function tsc(config: string): Promise<{ result: CommandResult; diagnostics: Diagnostic[] }> {
  const result = await run(
    process.execPath,
    [path.join("node_modules", "typescript", "bin", "tsc"), "-p", config, "--pretty", "false"],
    {
      cwd: projectDir,
      timeoutMs: 180_000,
    },
  );
  return { result, diagnostics: parseDiagnostics(result.stdout + result.stderr) };
}

beforeAll(async () => {
  await buildLibrary();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-network-consumer-"));
  projectDir = path.join(workDir, "stack");
  fs.mkdirSync(projectDir);
  const tarball = await packInto(workDir);
  writeJson("package.json", { name: "consumer-stack", version: "1.0.0", private: true });

  const packages = [
    tarball,
    `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`,
    `typescript@${installedVersion("typescript")}`,
    `@types/node@${installedVersion("@types/node")}`,
  ];
  // Offline from npm's cache first (the dependencies are the repository's own); --prefer-offline lets npm
  // reach the registry for what the cache lacks.
  const common = ["install", "--no-audit", "--no-fund", "--ignore-scripts"];
  installMode = "--offline";
  install = await run("npm", [...common, "--offline", ...packages], { cwd: projectDir, timeoutMs: 300_000 });
  if (install.code !== 0) {
    installMode = "--prefer-offline";
    install = await runOrThrow("npm", [...common, "--prefer-offline", ...packages], {
      cwd: projectDir,
      timeoutMs: 300_000,
    });
  }

  fs.copyFileSync(path.join(fixtures, "consumer-program.ts"), path.join(projectDir, "index.ts"));
  fs.copyFileSync(path.join(fixtures, "consumer-program.ts"), path.join(projectDir, "index.mts"));
  fs.copyFileSync(path.join(fixtures, "require-program.cjs"), path.join(projectDir, "require-program.cjs"));
  fs.copyFileSync(path.join(fixtures, "import-program.mjs"), path.join(projectDir, "import-program.mjs"));
  for (const wrong of wrongFields)
    fs.writeFileSync(path.join(projectDir, wrong.file), wrongFieldSource(wrong.statement));

  writeJson("tsconfig.nodenext.json", {
    compilerOptions: { ...strictOptions, module: "nodenext", moduleResolution: "nodenext" },
    files: ["index.ts", "index.mts"],
  });
  writeJson("tsconfig.pulumi-template.json", {
    compilerOptions: { ...pulumiTemplateOptions, noEmit: true },
    files: ["index.ts"],
  });
  writeJson("tsconfig.bundler.json", {
    compilerOptions: { ...strictOptions, module: "esnext", moduleResolution: "bundler" },
    files: ["index.ts"],
  });
  writeJson("tsconfig.wrong.json", {
    compilerOptions: { ...strictOptions, module: "nodenext", moduleResolution: "nodenext" },
    files: wrongFields.map((w) => w.file),
  });
}, 600_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test("the tarball installs without the network and shares the project's single @pulumi/pulumi", () => {
  expect({ code: install.code, mode: installMode }).toEqual({ code: 0, mode: "--offline" });
  const installed = JSON.parse(
    fs.readFileSync(path.join(projectDir, "node_modules", packageName, "package.json"), "utf8"),
  ) as { version: string };
  const ours = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  expect(installed.version).toBe(ours.version);
  // Two copies of @pulumi/pulumi in one program split its runtime state and its Output types.
  expect(fs.existsSync(path.join(projectDir, "node_modules", packageName, "node_modules", "@pulumi", "pulumi"))).toBe(
    false,
  );
  // The consumer got only the library: no sources, tests or simulator. (npm may nest a dependency whose
  // version differs from the project's, such as undici, in the package's own node_modules.)
  const shipped = fs
    .readdirSync(path.join(projectDir, "node_modules", packageName))
    .filter((name) => name !== "node_modules")
    .sort();
  expect(shipped).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "dist", "package.json"]);
  expect(fs.readdirSync(path.join(projectDir, "node_modules", packageName, "dist"))).toEqual(["provider"]);
});

test.each([
  [
    "the tsconfig.json of Pulumi's TypeScript template (CommonJS, no skipLibCheck, no esModuleInterop)",
    "tsconfig.pulumi-template.json",
  ],
  ["Node's nodenext resolution, as CommonJS and as an ES module", "tsconfig.nodenext.json"],
  ["bundler resolution", "tsconfig.bundler.json"],
])(
  "a strict TypeScript program using every resource compiles with %s",
  async (_label, config) => {
    const { result, diagnostics } = await tsc(config);
    expect(diagnostics).toEqual([]);
    expect(result.code).toBe(0);
  },
  180_000,
);

describe("a field of another cloud provider's variant does not compile", () => {
  let diagnostics: Diagnostic[];
  let exitCode: number | null;
  beforeAll(async () => {
    const { result, diagnostics: found } = await tsc("tsconfig.wrong.json");
    diagnostics = found;
    exitCode = result.code;
  }, 180_000);

  test("tsc fails, only in the files with a wrong field", () => {
    expect(exitCode).not.toBe(0);
    expect([...new Set(diagnostics.map((d) => d.file))].sort()).toEqual(wrongFields.map((w) => w.file).sort());
  });

  test.each(wrongFields.map((w) => [w.field, w] as const))(
    "%s in the wrong variant is reported on its statement, naming or pointing at it",
    (_field, wrong) => {
      const found = diagnostics.filter((d) => d.file === wrong.file);
      expect(found).toHaveLength(1);
      const diagnostic = found[0] as Diagnostic;
      expect(diagnostic.line).toBe(3);
      const fieldColumn = `export const declared = ${wrong.statement}`.indexOf(`${wrong.field}:`) + 1;
      const namesField = diagnostic.text.includes(`'${wrong.field}'`) || diagnostic.column === fieldColumn;
      expect({ namesField, diagnostic }).toEqual({ namesField: true, diagnostic });
    },
  );
});

describe("JavaScript consumers", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimit: false });
  });
  afterAll(async () => {
    await sim.close();
  });

  test("a CommonJS program requires the package and creates every resource through the serialized providers", async () => {
    const result = await run(process.execPath, ["require-program.cjs"], {
      cwd: projectDir,
      timeoutMs: 120_000,
      env: {
        MONGODB_ATLAS_BASE_URL: sim.baseUrl,
        MONGODB_ATLAS_PUBLIC_KEY: sim.credentials.publicKey,
        MONGODB_ATLAS_PRIVATE_KEY: sim.credentials.privateKey,
        CONSUMER_PROJECT_ID: testGroupId,
      },
    });
    expect({ code: result.code, stderr: result.code === 0 ? "" : result.stderr }).toEqual({ code: 0, stderr: "" });
    const summary = JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as Record<string, string>;
    expect(summary).toEqual({
      serviceId: expect.stringMatching(/^[a-f0-9]{24}$/),
      serviceStatus: expect.stringMatching(/^(AVAILABLE|WAITING_FOR_USER)$/),
      endpointServiceName: expect.stringMatching(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/),
      containerId: expect.stringMatching(/^[a-f0-9]{24}$/),
      peerStatus: "PENDING_ACCEPTANCE",
      connectionId: expect.stringMatching(/^pcx-[0-9a-f]+$/),
      serverlessStatus: "RESERVED",
      serverlessServiceName: expect.stringMatching(/^com\.amazonaws\.vpce\./),
    });
    // Every resource exists in the simulator under the id the program got (Atlas also makes an implicit
    // container for the endpoint service's region, which is not the program's).
    const live = new Map(
      sim.control.getResources({ groupId: testGroupId, includeDeleted: false }).map((r) => [r.id, r.kind]),
    );
    expect(live.get(summary.serviceId as string)).toBe("private-endpoint-service");
    expect(live.get(summary.containerId as string)).toBe("network-container");
    expect([...new Set(live.values())].sort()).toEqual([
      "network-container",
      "network-peer",
      "private-endpoint-service",
      "serverless-private-endpoint",
    ]);
    // The credentials went over the wire, never into the program's output.
    expect(result.stdout + result.stderr).not.toContain(sim.credentials.privateKey);
  }, 180_000);

  test("an ES module program imports every export and its serialized providers load the runtime by package name", async () => {
    const result = await run(process.execPath, ["import-program.mjs"], { cwd: projectDir, timeoutMs: 120_000 });
    expect({ code: result.code, stderr: result.code === 0 ? "" : result.stderr }).toEqual({ code: 0, stderr: "" });
    const summary = JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as {
      ids: string[];
      checks: { type: string; failures: unknown[] }[];
      providerTexts: number;
      runtimeByName: boolean;
      exportsSeen: { errors: string[]; configKeys: string; envVars: string; defaultHasResources: string };
    };
    expect(summary.ids).toEqual(["gcp-id", "azure-id", "gcp-id", "aws-id"]);
    expect(summary.checks.map((check) => check.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/mongodbatlas-network:NetworkContainer",
      "pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer",
      "pulumi-nodejs:dynamic/mongodbatlas-network:PrivateEndpointService",
      "pulumi-nodejs:dynamic/mongodbatlas-network:ServerlessPrivateEndpoint",
    ]);
    expect(summary.checks.flatMap((check) => check.failures)).toEqual([]);
    expect(summary.providerTexts).toBe(4);
    expect(summary.runtimeByName).toBe(true);
    expect(summary.exportsSeen).toEqual({
      errors: ["function", "function", "function", "function"],
      configKeys: "mongodbatlas:publicKey",
      envVars: "MONGODB_ATLAS_BASE_URL",
      defaultHasResources: "function",
    });
  }, 180_000);
});
