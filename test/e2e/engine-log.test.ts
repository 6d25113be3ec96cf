// Proof of concept for provider/engine-log.ts with the real engine: a tiny dynamic resource in a temp
// Pulumi.yaml project whose create sends statuses and a warning through engineLogger(). The engine's event
// log (`pulumi up --event-log` with PULUMI_DEBUG_COMMANDS=true: what the Automation API's onEvent reads) must show the statuses as ephemeral
// diagnostics attached to the resource's URN, and the warning attached to it too; the display lists the
// warning under Diagnostics and the statuses only on the resource's progress line.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createEngineWorkspace, describeWithEngine, repoRoot, type EngineWorkspace } from "../support/pulumi";

const TEST_TIMEOUT_MS = 5 * 60_000;
const COMMAND_TIMEOUT_MS = 3 * 60_000;
const builtEngineLog = path.join(repoRoot, "dist", "provider", "engine-log.js");

/** The program: the provider requires the built engine-log module by absolute path (it is not a package export). */
function probeProgram(modulePath: string): string {
  return `"use strict";
const pulumi = require("@pulumi/pulumi");
const modulePath = ${JSON.stringify(modulePath)};

const provider = {
  // Runs while the host deserializes the provider (first check of the process): installs the URN capture,
  // as the package's runtime module will when it loads.
  async configure() {
    require(modulePath).engineLogger();
  },
  async create(inputs) {
    const engineLog = require(modulePath);
    const log = engineLog.engineLogger();
    const urn = engineLog.urnOf(inputs);
    const row = log.forResource(urn);
    for (let second = 1; second <= 3; second++) {
      row.status("waiting for AVAILABLE, INITIATING for " + second + "s");
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    row.warn("accept the peering connection pcx-probe in AWS");
    row.debug("probe polled 3 times");
    await log.flush();
    return { id: "probe-1", outs: { label: inputs.label, urnSeen: urn || "", connected: log.connected } };
  },
  async update(id, olds, news) {
    return { outs: { ...olds, ...news } };
  },
  async delete(id, props) {
    const engineLog = require(modulePath);
    const log = engineLog.engineLogger();
    // In a destroy this is the process's first request: no URN yet (see provider/engine-log.ts), so labelled.
    log.forResource(engineLog.urnOf(props), "probe " + id).status("deleting " + id);
    await log.flush();
  },
};

class Probe extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(provider, name, { label: args.label, urnSeen: undefined, connected: undefined }, undefined, "probe", "Probe");
  }
}

const probe = new Probe("probe", { label: "hello" });
exports.urn = probe.urn;
exports.urnSeen = probe.urnSeen;
exports.connected = probe.connected;
`;
}

interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function pulumi(workspace: EngineWorkspace, args: string[]): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(workspace.pulumiPath, args, {
      cwd: workspace.workDir,
      // --event-log is a debug command's flag: the Automation API sets this for onEvent too.
      env: { ...process.env, ...workspace.envVars, PULUMI_DEBUG_COMMANDS: "true" },
      timeout: COMMAND_TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

async function pulumiOk(workspace: EngineWorkspace, args: string[]): Promise<CommandResult> {
  const result = await pulumi(workspace, args);
  if (result.code !== 0) {
    throw new Error(
      `pulumi ${args.join(" ")} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}

interface DiagnosticEvent {
  urn?: string;
  message: string;
  severity: string;
  ephemeral?: boolean;
}

function diagnostics(eventLog: string): DiagnosticEvent[] {
  return fs
    .readFileSync(eventLog, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { diagnosticEvent?: DiagnosticEvent })
    .flatMap((event) => (event.diagnosticEvent ? [event.diagnosticEvent] : []));
}

describeWithEngine("provider/engine-log.ts in the dynamic-provider host", (cli) => {
  const testWithLanguageHost = cli.hasLanguageHost ? test : test.skip;

  testWithLanguageHost(
    "statuses reach the engine as ephemeral diagnostics on the resource's URN, the warning as a diagnostic of the resource",
    async () => {
      const workspace = await createEngineWorkspace(cli, "engine-log");
      try {
        fs.writeFileSync(
          path.join(workspace.workDir, "Pulumi.yaml"),
          "name: engine-log-probe\nruntime: nodejs\nmain: index.js\n",
        );
        fs.writeFileSync(path.join(workspace.workDir, "index.js"), probeProgram(builtEngineLog));
        fs.writeFileSync(
          path.join(workspace.workDir, "package.json"),
          JSON.stringify({ name: "engine-log-probe", private: true, main: "index.js" }),
        );
        await pulumiOk(workspace, ["stack", "init", "dev", "--secrets-provider", "passphrase", "--non-interactive"]);

        const upLog = path.join(workspace.root, "up-events.jsonl");
        const up = await pulumiOk(workspace, [
          "up",
          "--yes",
          "--non-interactive",
          "--skip-preview",
          "--event-log",
          upLog,
        ]);
        const outputs = JSON.parse((await pulumiOk(workspace, ["stack", "output", "--json"])).stdout) as {
          urn: string;
          urnSeen: string;
          connected: boolean;
        };
        // The provider knew its resource's URN and was connected to the engine.
        expect(outputs.urn).toMatch(/^urn:pulumi:dev::engine-log-probe::pulumi-nodejs:dynamic\/probe:Probe::probe$/);
        expect(outputs.urnSeen).toBe(outputs.urn);
        expect(outputs.connected).toBe(true);

        const events = diagnostics(upLog);
        // (The engine's own debug lines quote the serialized provider, which holds these texts too: match starts.)
        const statuses = events.filter((e) => e.message.startsWith("waiting for AVAILABLE, INITIATING for"));
        expect(statuses.length).toBeGreaterThanOrEqual(1);
        for (const status of statuses) {
          expect(status).toMatchObject({ urn: outputs.urn, ephemeral: true, severity: "info" });
        }
        const warnings = events.filter((e) => e.message.startsWith("accept the peering connection pcx-probe"));
        expect(warnings).toEqual([expect.objectContaining({ urn: outputs.urn, severity: "warning" })]);
        expect(warnings[0]?.ephemeral ?? false).toBe(false);

        const debug = events.filter((e) => e.message.startsWith("probe polled 3 times"));
        expect(debug).toEqual([expect.objectContaining({ urn: outputs.urn, severity: "debug" })]);

        // The display: each status on the resource's own progress line (non-interactive: a line per change),
        // debug hidden (`pulumi up --debug` shows it), the warning under Diagnostics, under the resource; the statuses not there.
        const diagnosticsSection = up.stdout.slice(up.stdout.indexOf("Diagnostics:"));
        expect(up.stdout).toMatch(
          /pulumi-nodejs:dynamic:Probe probe creating \(\d+s\) waiting for AVAILABLE, INITIATING for \ds/,
        );
        expect(up.stdout).not.toContain("probe polled 3 times");
        expect(up.stdout).toContain("Diagnostics:");
        expect(diagnosticsSection).toContain("accept the peering connection pcx-probe in AWS");
        expect(diagnosticsSection).toMatch(
          /pulumi-nodejs:dynamic:Probe \(probe\):\n\s+warning: accept the peering connection pcx-probe in AWS\n/,
        );
        expect(diagnosticsSection).not.toContain("waiting for AVAILABLE");
        // Nothing went to the console fallback.
        expect(up.stdout + up.stderr).not.toContain("engine log unavailable");

        const destroyLog = path.join(workspace.root, "destroy-events.jsonl");
        await pulumiOk(workspace, [
          "destroy",
          "--yes",
          "--non-interactive",
          "--skip-preview",
          "--event-log",
          destroyLog,
        ]);
        // The destroy's first request is this delete, served while the host loads the provider: no URN was
        // captured for it, so its status goes to the stack's row, labelled.
        const deleting = diagnostics(destroyLog).filter((e) => e.message.startsWith("probe probe-1: deleting probe-1"));
        expect(deleting).toEqual([expect.objectContaining({ ephemeral: true })]);
        expect(deleting[0]?.urn ?? "").toBe("");
        await pulumiOk(workspace, ["stack", "rm", "dev", "--yes", "--non-interactive"]);
      } finally {
        workspace.dispose();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
