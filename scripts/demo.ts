/**
 * `npm run demo`: the examples stack (examples/network-stack.ts) on the real Pulumi engine against the
 * local Atlas simulator, entirely offline and without prompts:
 *   build dist/ if needed → find or build the Pulumi CLI (scripts/pulumi-cli.sh) → start the simulator →
 *   `pulumi up` (the engine's own output) → every private endpoint registration settled → stack outputs →
 *   `pulumi preview` (no changes) → `pulumi destroy` → the destroy order of each private link, from the
 *   simulator's request log (registrations gone before their service's DELETE) → timing: the wall time of `up`
 *   against the simulator's own settle time for the same resources.
 * State, config and PULUMI_HOME live in a temp directory that is removed at the end, like the simulator.
 *
 * Time runs `--time-scale` times faster in the simulator (default 0.05: an endpoint service's three
 * minutes take nine seconds). The provider's poll schedule and Atlas's rate-limit refill are scaled by the
 * same factor, so the run looks like one against real Atlas, only faster.
 *
 * `--project` runs the repository's Pulumi.yaml project through the CLI's Node.js language host (as
 * `pulumi up` in the repository root would) instead of the same program inline through the Automation API;
 * it needs `pulumi-language-nodejs` next to the CLI, which scripts/pulumi-cli.sh builds when it can.
 *
 * Exit codes: 0 done; 1 a step failed; 3 the Pulumi CLI (or, with --project, its language host) cannot be had.
 */
import * as path from "node:path";
import type { OutputMap } from "@pulumi/pulumi/automation";
import {
  createEngineWorkspace,
  EngineStack,
  ensureProviderBuilt,
  exampleStackConfig,
  atlasConfig,
  lastSequence,
  lookUpPulumiCli,
  privateLinkTeardown,
  randomProjectId,
  startEngineSimulator,
  type EngineSimulator,
  type EngineWorkspace,
} from "../test/support/pulumi";
import type { ResourceView } from "../simulator";

const EXIT_CLI_UNAVAILABLE = 3;

// Pulumi's closure serializer loads every built-in module to recognise captured ones, node:sqlite included,
// and on Node 22.5+ that prints an ExperimentalWarning in the middle of the engine's output: not ours, drop it.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === "string" ? warning : warning.message;
  if (/SQLite is an experimental feature/.test(text)) return;
  (emitWarning as (warning: string | Error, ...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

function parseTimeScale(argv: readonly string[]): number {
  const index = argv.indexOf("--time-scale");
  const text = index >= 0 ? argv[index + 1] : process.env.DEMO_TIME_SCALE;
  if (text === undefined) return 0.05;
  const scale = Number(text);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    throw new Error(`--time-scale must be a number in (0, 1], got ${text}`);
  return scale;
}

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const heading = (text: string) => console.log(`\n${bold(`▶ ${text}`)}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

function printOutputs(outputs: OutputMap): void {
  const width = Math.max(...Object.keys(outputs).map((key) => key.length));
  for (const [key, output] of Object.entries(outputs).sort(([a], [b]) => a.localeCompare(b))) {
    const value =
      Array.isArray(output.value) && output.value.length > 3
        ? [...output.value.slice(0, 2), `… ${output.value.length} in all`]
        : output.value;
    console.log(`  ${key.padEnd(width)}  ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
}

/** What the simulator's timeline says about the stack's resources: the window Atlas itself needed. */
function settleTimes(resources: readonly ResourceView[]): {
  windowMs: number;
  slowest: ResourceView;
  slowestMs: number;
} {
  const settled = resources.filter(
    (view): view is ResourceView & { firstSettledAt: number } => view.firstSettledAt !== null,
  );
  if (settled.length === 0 || settled.length !== resources.length) {
    throw new Error(
      `the simulator shows ${resources.length - settled.length} of ${resources.length} resources never settled`,
    );
  }
  const firstCreated = Math.min(...settled.map((view) => view.createdAt));
  const lastSettled = Math.max(...settled.map((view) => view.firstSettledAt));
  const byDuration = [...settled].sort((a, b) => b.firstSettledAt - b.createdAt - (a.firstSettledAt - a.createdAt));
  const slowest = byDuration[0] as ResourceView & { firstSettledAt: number };
  return { windowMs: lastSettled - firstCreated, slowest, slowestMs: slowest.firstSettledAt - slowest.createdAt };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const timeScale = parseTimeScale(argv);
  const asProject = argv.includes("--project");
  console.log(
    bold("pulumi-mongodbatlas-network demo: the examples stack, the real Pulumi engine, a local Atlas (offline)"),
  );

  heading("build");
  ensureProviderBuilt({ log: (line) => console.log(`  ${line}`), trustFreshOutput: true });
  console.log("  dist/ is current (the dynamic-provider process loads pulumi-mongodbatlas-network/runtime from it)");
  // Loaded only now: through the repository's self link the examples import the built package.
  const { atlasNetworkStack } =
    (await import("../examples/network-stack")) as typeof import("../examples/network-stack");

  heading("Pulumi CLI");
  const cli = lookUpPulumiCli();
  if (cli.kind === "unavailable") {
    console.error(`  The Pulumi CLI cannot be had on this machine, so the demo cannot run:\n${cli.reason}`);
    return EXIT_CLI_UNAVAILABLE;
  }
  if (cli.kind === "failed") throw new Error(cli.detail);
  console.log(`  ${path.join(cli.binDir, "pulumi")} (reused when cached; built once by scripts/pulumi-cli.sh)`);
  for (const line of cli.notes.split("\n").filter((l) => l.includes("WARNING")))
    console.log(`  ${line.replace(/^pulumi-cli: /, "")}`);
  if (asProject && !cli.hasLanguageHost) {
    console.error(
      "  --project needs pulumi-language-nodejs next to the CLI, and scripts/pulumi-cli.sh could not build it (above).",
    );
    return EXIT_CLI_UNAVAILABLE;
  }

  let simulator: EngineSimulator | undefined;
  let workspace: EngineWorkspace | undefined;
  const cleanUp = async () => {
    await simulator?.close();
    workspace?.dispose();
  };
  // Ctrl-C: the CLI (same process group) cancels its own run; the simulator and temp files go with us.
  process.once("SIGINT", () => {
    void cleanUp().finally(() => process.exit(130));
  });

  try {
    heading("Atlas simulator");
    simulator = await startEngineSimulator({
      timeScale,
      // Atlas's default limit (100 requests, 10 per second), its refill sped up like the clock.
      rateLimit: { capacity: 100, refillPerSecond: 10 / timeScale },
    });
    const projectId = randomProjectId();
    console.log(
      `  ${simulator.baseUrl}, time × ${timeScale} (an endpoint service's 3 min INITIATING takes ${(180 * timeScale).toFixed(1)} s)`,
    );
    console.log(
      `  project ${projectId}, API key ${simulator.credentials.publicKey} (its private key goes into stack config as a secret)`,
    );

    workspace = await createEngineWorkspace(cli, "demo");
    console.log(`  stack state, config and PULUMI_HOME in ${workspace.root} (removed at the end)`);
    const config = {
      ...atlasConfig(simulator.baseUrl, simulator.credentials, "digest"),
      // The provider's default poll schedule (0.8 s floor, 30 s cap), compressed like the simulator's clock.
      // (0.01 s is the smallest interval the resources accept.)
      ...exampleStackConfig(projectId, {
        poll: { intervalSeconds: Math.max(0.01, 0.8 * timeScale), maxIntervalSeconds: Math.max(0.01, 30 * timeScale) },
      }),
    };
    const stack = asProject
      ? await EngineStack.createForProject({ workspace, stackName: "demo", config })
      : await EngineStack.create({ workspace, stackName: "demo", program: atlasNetworkStack, config });
    console.log(
      asProject
        ? "  program: Pulumi.yaml (examples/index.ts) run by the language host"
        : "  program: atlasNetworkStack, inline (Automation API)",
    );
    stack.echo = (text) => process.stdout.write(text);

    heading("pulumi up");
    const up = await timed(() => stack.up());
    const resources = simulator.control.getResources({ groupId: projectId });
    console.log(
      `  up: ${up.result.summary.result} in ${seconds(up.ms)}, ${JSON.stringify(up.result.summary.resourceChanges)}`,
    );

    heading("private links: every registration settled");
    const registrations = resources.filter((view) => view.kind === "private-endpoint-registration");
    for (const view of registrations) {
      const settledIn = view.firstSettledAt === null ? "never" : seconds(view.firstSettledAt - view.createdAt);
      console.log(
        `  ${view.provider.padEnd(5)} ${view.status.padEnd(9)} ${view.endpointId ?? view.id} (settled ${settledIn} after its POST) → service ${view.endpointServiceId}`,
      );
    }
    const unsettled = registrations.filter((view) => view.status !== "AVAILABLE");
    if (registrations.length !== 3 || unsettled.length > 0)
      throw new Error(
        `expected 3 AVAILABLE registrations, Atlas has ${JSON.stringify(registrations.map((v) => v.status))}`,
      );
    console.log(`  regional mode: ${simulator.control.getRegionalMode(projectId).enabled ? "enabled" : "disabled"}`);

    heading("stack outputs (what the cloud-side resources take)");
    printOutputs(up.result.outputs);
    console.log("  The AWS peer stays PENDING_ACCEPTANCE and the GCP peer WAITING_FOR_USER: accept the AWS request");
    console.log(
      "  (awsPeeringConnectionId) and create the reciprocal GCP peering, then `pulumi refresh` shows AVAILABLE.",
    );

    heading("pulumi preview (a second run: nothing to change)");
    const preview = await stack.preview();
    const changes = Object.entries(preview.changeSummary).filter(([op]) => op !== "same");
    console.log(
      `  preview: ${preview.changeSummary.same ?? 0} unchanged, ${changes.length === 0 ? "no changes" : JSON.stringify(Object.fromEntries(changes))}`,
    );
    if (changes.length > 0) throw new Error("the second preview planned changes");

    heading("pulumi destroy");
    const destroyFrom = lastSequence(simulator);
    const destroyStartedAt = Date.now();
    const destroy = await timed(() => stack.destroy());
    const left = simulator.control.getResources({ groupId: projectId, includeDeleted: false });
    console.log(
      `  destroy: ${destroy.result.summary.result} in ${seconds(destroy.ms)}; Atlas project now holds ${left.length} resources`,
    );
    if (left.length > 0) throw new Error(`destroy left ${left.length} resources in the Atlas project`);

    heading("destroy order of each private link (the simulator's request log; seconds after destroy began)");
    const at = (ms: number | null) => (ms === null ? "—" : `${((ms - destroyStartedAt) / 1000).toFixed(2)} s`);
    const teardown = privateLinkTeardown(simulator, projectId, destroyFrom);
    for (const service of teardown) {
      for (const registration of service.registrations) {
        console.log(
          `  ${service.provider.padEnd(5)} registration ${registration.endpointId}: DELETE ${at(registration.deleteSentAt)}, gone ${at(registration.goneAt)}`,
        );
      }
      console.log(
        `  ${service.provider.padEnd(5)} service ${service.serviceId}: ` +
          (service.serviceDeleteSentAt === null
            ? `removed by Atlas with its last endpoint, gone ${at(service.serviceGoneAt)}`
            : `DELETE ${at(service.serviceDeleteSentAt)}, gone ${at(service.serviceGoneAt)}`),
      );
    }
    const outOfOrder = teardown.filter((service) => !service.registrationsFirst);
    if (teardown.length !== 3 || outOfOrder.length > 0)
      throw new Error(`a service went before its registrations: ${JSON.stringify(outOfOrder)}`);
    console.log("  every registration was gone before its service's DELETE (or before Atlas removed the service)");

    heading("timing");
    const settle = settleTimes(resources);
    const slowest = `${settle.slowest.kind} ${settle.slowest.provider}`;
    console.log(`  pulumi up, wall time                     ${seconds(up.ms)}`);
    console.log(
      `  simulator settle time for its resources  ${seconds(settle.windowMs)} (first create accepted → last settled)`,
    );
    console.log(`  slowest single resource                  ${seconds(settle.slowestMs)} (${slowest})`);
    console.log(`  ratio up / settle                        ${(up.ms / settle.windowMs).toFixed(2)}`);
    return 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
