// Smoke test of the real Pulumi CLI that scripts/pulumi-cli.sh finds or builds from Go modules:
// the script's contract (bin directory last, warm reuse, concurrent runs, a pulumi on PATH), then a
// dynamic resource created and destroyed by the real engine, fully offline, in temp directories
// outside the repository (file backend, passphrase secrets, no update check, no plugin downloads).
//
// The script runs once when this file loads, so that tests can be skipped when it reports that the CLI
// cannot be had here (exit 3: no Go, or the module proxy refuses a module); any other failure fails.
// A cold build takes tens of minutes on 2 cores: PULUMI_CLI_BUILD_TIMEOUT_MS bounds it (default 45 min).
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");
const cliScript = path.join(repoRoot, "scripts", "pulumi-cli.sh");
const projectNodeBin = path.join(repoRoot, "node_modules", ".bin");
const shimSource = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs");

/** scripts/pulumi-cli.sh's exit code for "the CLI cannot be had on this machine". */
const EXIT_UNAVAILABLE = 3;
const BUILD_TIMEOUT_MS = Number(process.env.PULUMI_CLI_BUILD_TIMEOUT_MS ?? 45 * 60_000);
const COMMAND_TIMEOUT_MS = 3 * 60_000;
const ENGINE_TEST_TIMEOUT_MS = 10 * 60_000;

interface CommandResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

type CliLookup =
  | { kind: "ready"; binDir: string; run: CommandResult }
  | { kind: "unavailable"; reason: string }
  | { kind: "failed"; detail: string };

function runSync(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): CommandResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    timeout: options.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? "",
    stderr: (result.stderr ?? "") + (result.error ? `\n${result.error.message}` : ""),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

function runAsync(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolve({ status, signal, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }),
    );
  });
}

function lastLine(text: string): string {
  const lines = text.trimEnd().split("\n");
  return lines[lines.length - 1] ?? "";
}

function describeFailure(what: string, result: CommandResult): string {
  return `${what} exited ${result.status ?? result.signal} after ${result.seconds.toFixed(1)}s\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

function lookUpCli(): CliLookup {
  const run = runSync("bash", [cliScript], { cwd: repoRoot, timeoutMs: BUILD_TIMEOUT_MS });
  if (run.status === EXIT_UNAVAILABLE) {
    const reason = run.stderr
      .split("\n")
      .filter((line) => line.includes("unavailable:"))
      .join("\n");
    return { kind: "unavailable", reason: reason || run.stderr };
  }
  if (run.status !== 0) return { kind: "failed", detail: describeFailure("scripts/pulumi-cli.sh", run) };
  return { kind: "ready", binDir: lastLine(run.stdout), run };
}

const cli = lookUpCli();
if (cli.kind === "unavailable") {
  console.warn(
    `SKIPPING the Pulumi CLI end-to-end tests: scripts/pulumi-cli.sh says the CLI cannot be had here:\n${cli.reason}`,
  );
}
const testWithCli = cli.kind === "unavailable" ? test.skip : test;
const hasLanguageHost = cli.kind === "ready" && fs.existsSync(path.join(cli.binDir, "pulumi-language-nodejs"));
if (cli.kind === "ready" && !hasLanguageHost) {
  const why = cli.run.stderr
    .split("\n")
    .filter((line) => line.includes("pulumi-language-nodejs"))
    .join("\n");
  console.warn(`SKIPPING \`pulumi up\` of a Pulumi.yaml project: the CLI has no pulumi-language-nodejs:\n${why}`);
}
const testWithLanguageHost = hasLanguageHost ? test : test.skip;
// Written by the script when the module proxy refuses the matching host and an older one was built.
const fallbackMarker = cli.kind === "ready" ? path.join(path.dirname(cli.binDir), "language-host-fallback") : "";
const testOnFallbackHost = hasLanguageHost && fs.existsSync(fallbackMarker) ? test : test.skip;

function readyBinDir(): string {
  if (cli.kind === "failed") throw new Error(cli.detail);
  if (cli.kind !== "ready") throw new Error("the CLI is unavailable: this test should have been skipped");
  return cli.binDir;
}

function sdkVersionFromLock(): string {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages["node_modules/@pulumi/pulumi"]?.version;
  if (!version) throw new Error("package-lock.json has no node_modules/@pulumi/pulumi entry");
  return `v${version}`;
}

const tempDirs: string[] = [];
function makeTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-cli-${label}-`));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The environment the CLI needs to run with no network: local state, local secrets, no downloads. */
function offlineEnv(workDir: string, binDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PULUMI_ACCESS_TOKEN;
  const stateDir = path.join(workDir, "state");
  fs.mkdirSync(stateDir, { recursive: true });
  return {
    ...env,
    // Node 24 first: @pulumi/pulumi 3.249+ needs Node >= 22, and the machine's own node may be older.
    PATH: `${projectNodeBin}${path.delimiter}${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(workDir, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-smoke-local-only",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
}

/** A project directory whose node_modules is the repository's (its @pulumi/pulumi, typescript, ts-node). */
function makeProjectDir(label: string): string {
  const dir = makeTempDir(label);
  const project = path.join(dir, "project");
  fs.mkdirSync(project);
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(project, "node_modules"), "dir");
  return project;
}

// The provider writes a marker file from inside the dynamic-provider process (started by the engine
// through pulumi-resource-pulumi-nodejs), so the test sees that create and delete really ran there.
const smokeProgram = `import * as pulumi from "@pulumi/pulumi";

interface SmokeInputs {
  label: string;
  markerDir: string;
}

const provider: pulumi.dynamic.ResourceProvider<SmokeInputs, SmokeInputs> = {
  async create(inputs) {
    const fs = require("fs");
    const path = require("path");
    const id = "smoke-" + inputs.label;
    fs.writeFileSync(path.join(inputs.markerDir, "created-" + id), String(process.pid));
    return { id, outs: inputs };
  },
  async delete(id, props) {
    const fs = require("fs");
    const path = require("path");
    fs.writeFileSync(path.join(props.markerDir, "deleted-" + id), String(process.pid));
  },
};

class Smoke extends pulumi.dynamic.Resource {
  public declare readonly label: pulumi.Output<string>;
  constructor(name: string, args: SmokeInputs) {
    super(provider, name, { label: args.label, markerDir: args.markerDir }, undefined, "smoke", "Smoke");
  }
}

const smoke = new Smoke("smoke", { label: "hello", markerDir: process.cwd() });
export const smokeId = smoke.id;
export const smokeLabel = smoke.label;
`;

const inlineAutomationProgram = `"use strict";
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

const provider = {
  async create(inputs) {
    const fs = require("fs");
    const path = require("path");
    const id = "inline-" + inputs.label;
    fs.writeFileSync(path.join(inputs.markerDir, "created-" + id), String(process.pid));
    return { id, outs: inputs };
  },
  async delete(id, props) {
    const fs = require("fs");
    const path = require("path");
    fs.writeFileSync(path.join(props.markerDir, "deleted-" + id), String(process.pid));
  },
};

class Smoke extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(provider, name, args, undefined, "smoke", "Smoke");
  }
}

async function main() {
  const binDir = process.argv[2];
  const program = async () => {
    const smoke = new Smoke("inline", { label: "hello", markerDir: process.cwd() });
    return { smokeId: smoke.id };
  };
  // PulumiCommand wants <root>/bin/pulumi and puts <root>/bin first on PATH for every CLI call.
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir) });
  const stack = await LocalWorkspace.createStack(
    { stackName: "dev", projectName: "inline-smoke", program },
    { pulumiCommand, workDir: process.cwd() },
  );
  const up = await stack.up();
  const destroy = await stack.destroy();
  await stack.workspace.removeStack("dev");
  console.log(JSON.stringify({ up: up.summary.result, smokeId: up.outputs.smokeId.value, destroy: destroy.summary.result }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

describe("scripts/pulumi-cli.sh", () => {
  testWithCli(
    "prints the bin directory last, holding pulumi of a release version and the dynamic-provider shim",
    () => {
      const binDir = readyBinDir();
      expect(path.isAbsolute(binDir)).toBe(true);
      expect(binDir.startsWith(repoRoot + path.sep)).toBe(false);
      const version = runSync(path.join(binDir, "pulumi"), ["version"], { cwd: os.tmpdir(), timeoutMs: 30_000 });
      expect(version.status).toBe(0);
      const reported = version.stdout.trim();
      expect(reported).toMatch(/^v3\.\d+\.\d+$/);
      // Another version than the SDK's only with a warning (a module proxy that lacks the SDK's version).
      const wanted = process.env.PULUMI_CLI_VERSION ?? sdkVersionFromLock();
      if (reported !== wanted)
        expect(cli.kind === "ready" && cli.run.stderr).toContain(`WARNING: using pulumi ${reported}, not ${wanted}`);
      const shim = path.join(binDir, "pulumi-resource-pulumi-nodejs");
      expect(fs.readFileSync(shim, "utf8")).toBe(fs.readFileSync(shimSource, "utf8"));
      expect(fs.statSync(shim).mode & 0o111).not.toBe(0);
    },
  );

  testWithCli("a second run reuses the cached CLI within seconds", () => {
    const binDir = readyBinDir();
    const again = runSync("bash", [cliScript], { cwd: repoRoot, timeoutMs: 120_000 });
    expect(again.status).toBe(0);
    expect(lastLine(again.stdout)).toBe(binDir);
    expect(again.stderr).not.toMatch(/go build/);
    expect(again.seconds).toBeLessThan(30);
  });

  testWithCli(
    "two runs at the same time agree on one bin directory",
    async () => {
      const binDir = readyBinDir();
      const runs = await Promise.all(
        [1, 2].map(() => runAsync("bash", [cliScript], { cwd: repoRoot, timeoutMs: 120_000 })),
      );
      for (const run of runs) {
        expect(run.status).toBe(0);
        expect(lastLine(run.stdout)).toBe(binDir);
      }
    },
    150_000,
  );

  testOnFallbackHost("names the older language host's version in a warning when the matching one is refused", () => {
    const hostVersion = fs.readFileSync(fallbackMarker, "utf8").split("\n")[0] ?? "";
    expect(hostVersion).toMatch(/^v3\.\d+\.\d+$/);
    expect(cli.kind === "ready" && cli.run.stderr).toContain(`WARNING: using pulumi-language-nodejs ${hostVersion}`);
  });

  test("uses a pulumi on PATH that already reports the wanted version, and builds nothing", () => {
    const dir = makeTempDir("on-path");
    const installed = path.join(dir, "installed-bin");
    fs.mkdirSync(installed);
    // Stands in for the official installer's pulumi: only its `version` answer matters to the script.
    fs.writeFileSync(
      path.join(installed, "pulumi"),
      `#!/bin/sh\n[ "$1" = version ] && echo ${sdkVersionFromLock()}\n`,
      { mode: 0o755 },
    );
    const cacheDir = path.join(dir, "cache");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${installed}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_CLI_CACHE_DIR: cacheDir,
    };
    delete env.PULUMI_CLI_VERSION; // the default: the SDK's version from package-lock.json
    const run = runSync("bash", [cliScript], { cwd: repoRoot, env, timeoutMs: 60_000 });
    expect(run.status).toBe(0);
    expect(lastLine(run.stdout)).toBe(installed);
    expect(fs.existsSync(cacheDir)).toBe(false);
  });

  test("exits 3 and says the CLI cannot be had when there is neither such a pulumi nor Go", () => {
    const dir = makeTempDir("no-go");
    const tools = path.join(dir, "tools");
    fs.mkdirSync(tools);
    // Only what the script needs before it looks for Go, so no go (and no pulumi) can be found.
    for (const tool of ["awk", "dirname", "head", "tr", "cat"]) {
      const found = runSync("bash", ["-c", `command -v ${tool}`], { cwd: dir, timeoutMs: 10_000 }).stdout.trim();
      fs.symlinkSync(found, path.join(tools, tool));
    }
    const bash = runSync("bash", ["-c", "command -v bash"], { cwd: dir, timeoutMs: 10_000 }).stdout.trim();
    const run = runSync(bash, [cliScript], {
      cwd: repoRoot,
      env: { PATH: tools, HOME: dir, PULUMI_CLI_CACHE_DIR: path.join(dir, "cache") },
      timeoutMs: 60_000,
    });
    expect(run.status).toBe(EXIT_UNAVAILABLE);
    expect(run.stderr).toContain(
      `unavailable: no pulumi ${sdkVersionFromLock()} on PATH and no Go toolchain to build it`,
    );
    expect(run.stdout).toBe("");
  });
});

describe("the Pulumi CLI, offline, with a dynamic resource", () => {
  testWithLanguageHost(
    "pulumi stack init, up, preview and destroy run a TypeScript project's dynamic provider create and delete",
    () => {
      const binDir = readyBinDir();
      const project = makeProjectDir("project");
      const env = offlineEnv(path.dirname(project), binDir);
      fs.writeFileSync(
        path.join(project, "Pulumi.yaml"),
        "name: cli-smoke\nruntime: nodejs\ndescription: e2e smoke test\n",
      );
      fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "cli-smoke", main: "index.ts" }));
      fs.writeFileSync(
        path.join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: { strict: true, target: "ES2022", module: "commonjs", types: ["node"] },
          files: ["index.ts"],
        }),
      );
      fs.writeFileSync(path.join(project, "index.ts"), smokeProgram);

      const pulumi = (...args: string[]): CommandResult => {
        const result = runSync(path.join(binDir, "pulumi"), args, { cwd: project, env, timeoutMs: COMMAND_TIMEOUT_MS });
        if (result.status !== 0) throw new Error(describeFailure(`pulumi ${args.join(" ")}`, result));
        return result;
      };

      pulumi("stack", "init", "dev", "--secrets-provider", "passphrase", "--non-interactive");
      pulumi("up", "--yes", "--non-interactive", "--skip-preview");
      const outputs = JSON.parse(pulumi("stack", "output", "--json").stdout) as Record<string, string>;
      expect(outputs).toEqual({ smokeId: "smoke-hello", smokeLabel: "hello" });
      expect(fs.existsSync(path.join(project, "created-smoke-hello"))).toBe(true);

      // A second run of the program over the stored state: the language host and the provider agree.
      pulumi("preview", "--non-interactive", "--expect-no-changes");

      pulumi("destroy", "--yes", "--non-interactive", "--skip-preview");
      expect(fs.existsSync(path.join(project, "deleted-smoke-hello"))).toBe(true);
      pulumi("stack", "rm", "dev", "--yes", "--non-interactive");
    },
    ENGINE_TEST_TIMEOUT_MS,
  );

  testWithCli(
    "an Automation API inline program creates and destroys a dynamic resource through the CLI",
    async () => {
      const binDir = readyBinDir();
      const project = makeProjectDir("inline");
      const env = offlineEnv(path.dirname(project), binDir);
      fs.writeFileSync(path.join(project, "inline.js"), inlineAutomationProgram);

      const run = await runAsync(path.join(projectNodeBin, "node"), ["inline.js", binDir], {
        cwd: project,
        env,
        timeoutMs: ENGINE_TEST_TIMEOUT_MS - 30_000,
      });
      if (run.status !== 0) throw new Error(describeFailure("node inline.js", run));
      expect(JSON.parse(lastLine(run.stdout))).toEqual({
        up: "succeeded",
        smokeId: "inline-hello",
        destroy: "succeeded",
      });
      expect(fs.existsSync(path.join(project, "created-inline-hello"))).toBe(true);
      expect(fs.existsSync(path.join(project, "deleted-inline-hello"))).toBe(true);
    },
    ENGINE_TEST_TIMEOUT_MS,
  );
});
