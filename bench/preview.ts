/**
 * Part 3: `pulumi preview` and `pulumi refresh` of an unchanged 50-resource stack against the preview of an empty stack, with the
 * real CLI and engine (Automation API, inline programs; test/support/pulumi.ts finds the CLI and makes an
 * offline workspace). The dynamic-provider process loads the library from dist/ through the self link.
 *
 * A third stack of 50 dynamic resources with a provider that does nothing splits the difference: what any
 * dynamic provider costs (Pulumi serializing it per resource, starting the Node provider process) versus what
 * this provider adds on top (loading the library, configure, its check and diff × 50).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  NetworkPeer,
  PrivateEndpointRegistration,
  PrivateEndpointService,
  type NetworkPeerArgs,
  type PrivateEndpointRegistrationArgs,
  type PrivateEndpointServiceArgs,
} from "pulumi-mongodbatlas-network";
import {
  atlasConfig,
  createEngineWorkspace,
  EngineStack,
  errorText,
  lastSequence,
  lookUpPulumiCli,
  requestsSince,
  startEngineSimulator,
} from "../test/support/pulumi";
import type { RequestLogEntry } from "../simulator";
import { distribution, type Distribution } from "./figures";
import { containerKey, mixedWorkload, type Workload } from "./workloads";

export type PreviewOutcome =
  | { status: "skipped"; reason: string }
  | { status: "failed"; detail: string }
  | {
      status: "measured";
      resources: number;
      repeats: number;
      /** Real seconds: the engine's own time, not scaled. */
      upSeconds: number;
      fullStackSeconds: Distribution;
      emptyStackSeconds: Distribution;
      /** The same number of dynamic resources with a do-nothing provider. */
      noopStackSeconds: Distribution;
      /** Median of the full stack ÷ median of the empty stack. */
      ratio: number;
      /** Median of the full stack ÷ median of the do-nothing dynamic stack: this provider's own share. */
      ratioToNoop: number;
      /** The previews' change summary for the full stack: everything `same`. */
      changeSummary: Record<string, number>;
      /** Atlas API calls the previews made (a preview without refresh needs none). */
      apiCallsDuringPreviews: number;
      /** `pulumi refresh` of the unchanged stack and of the do-nothing stack (real seconds). */
      refreshSeconds: Distribution;
      noopRefreshSeconds: Distribution;
      /** Median refresh of this provider's stack ÷ median refresh of the do-nothing stack. */
      refreshRatioToNoop: number;
      /** From the refresh's start to the first Atlas API call the simulator saw (real seconds). */
      firstCallSeconds: Distribution;
      /** Atlas API calls per refresh of the full stack. */
      apiCallsPerRefresh: number;
      cli: string;
    };

/** Fast polls for the `up` that deploys the stack first (the simulator runs 500 times faster than Atlas). */
const deployPoll = { intervalSeconds: 0.05, maxIntervalSeconds: 0.25 };

function declare(workload: Workload, containers: ReadonlyMap<string, string>): void {
  const services = new Map<string, PrivateEndpointService>();
  for (const planned of workload.resources) {
    // The provider's check validates these at preview; the bench's inputs are the same the direct runs use.
    const args: Record<string, unknown> = { ...planned.inputs(containers), poll: deployPoll };
    if (planned.kind === "endpointService")
      services.set(
        planned.label,
        new PrivateEndpointService(planned.label, args as unknown as PrivateEndpointServiceArgs),
      );
    else if (planned.kind === "endpointRegistration") {
      // Its service's output, as a program wires it (declared before it in every workload).
      const service = planned.after ? services.get(planned.after.label) : undefined;
      if (planned.after && !service)
        throw new Error(`${planned.label}: ${planned.after.label} is not declared before it`);
      if (planned.after && service) args[planned.after.input] = service.endpointServiceId;
      new PrivateEndpointRegistration(planned.label, args as unknown as PrivateEndpointRegistrationArgs);
    } else new NetworkPeer(planned.label, args as unknown as NetworkPeerArgs);
  }
}

/** Dynamic resources whose provider does nothing: Pulumi's own cost of a dynamic resource. */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: String(inputs.label), outs: inputs };
  },
};

class NoopResource extends pulumi.dynamic.Resource {
  constructor(name: string, props: pulumi.Inputs) {
    super(noopProvider, name, props);
  }
}

function declareNoop(workload: Workload, containers: ReadonlyMap<string, string>): void {
  const made = new Map<string, NoopResource>();
  for (const planned of workload.resources) {
    const after = planned.after;
    const parent = after ? made.get(after.label) : undefined;
    made.set(
      planned.label,
      new NoopResource(planned.label, {
        label: planned.label,
        ...planned.inputs(containers),
        ...(after && parent ? { [after.input]: parent.id } : {}),
        poll: deployPoll,
      }),
    );
  }
}

function median(values: readonly number[]): number {
  return distribution(values).p50 ?? Number.NaN;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function measurePreview(
  size: number,
  repeats: number,
  log: (line: string) => void,
  /** Each measured refresh of the full stack: when it started and the Atlas calls it made (bench/preview-only.ts). */
  observeRefresh?: (startedAt: number, calls: readonly RequestLogEntry[]) => void,
): Promise<PreviewOutcome> {
  const cli = lookUpPulumiCli();
  if (cli.kind === "unavailable")
    return {
      status: "skipped",
      reason: `scripts/pulumi-cli.sh: the Pulumi CLI cannot be had here (exit 3): ${cli.reason.trim()}`,
    };
  if (cli.kind === "failed") return { status: "failed", detail: cli.detail };

  const simulator = await startEngineSimulator();
  const workspace = await createEngineWorkspace(cli, "bench-preview");
  try {
    const workload = mixedWorkload(size);
    const containers = new Map<string, string>();
    for (const need of workload.containers) {
      const body =
        need.providerName === "AWS"
          ? { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" }
          : { providerName: "GCP", atlasCidrBlock: "10.10.0.0/18" };
      containers.set(
        containerKey(need.projectId, need.providerName),
        simulator.control.seedResource({ kind: "network-container", groupId: need.projectId, body }).id,
      );
    }
    const config = atlasConfig(simulator.baseUrl, simulator.credentials, "digest");
    const full = await EngineStack.create({
      workspace,
      stackName: "bench-full",
      program: async () => declare(workload, containers),
      config,
    });
    const noop = await EngineStack.create({
      workspace,
      stackName: "bench-noop",
      program: async () => declareNoop(workload, containers),
      config,
    });
    const empty = await EngineStack.create({
      workspace,
      stackName: "bench-empty",
      program: async () => pulumi.log.debug("an empty stack"),
      config,
    });

    log(
      `part 3: pulumi up of the ${workload.resources.length}-resource stack (once, to have something unchanged to preview)`,
    );
    const upSeconds = await timed(async () => {
      const up = await full.up();
      const created = up.summary.resourceChanges?.create ?? 0;
      if (created < workload.resources.length)
        throw new Error(`pulumi up created ${created} resources, expected ${workload.resources.length} and the stack`);
    });
    await noop.up();
    // A first preview of each warms the CLI's and the OS's caches; it is not counted.
    await full.preview();
    await noop.preview();
    await empty.preview();

    const since = lastSequence(simulator);
    const fullTimes: number[] = [];
    const noopTimes: number[] = [];
    const emptyTimes: number[] = [];
    let changeSummary: Record<string, number> = {};
    for (let i = 0; i < repeats; i++) {
      log(
        `part 3: previews, round ${i + 1} of ${repeats} (this provider's stack, the do-nothing stack, the empty stack)`,
      );
      fullTimes.push(
        await timed(async () => {
          const result = await full.preview();
          changeSummary = { ...result.changeSummary };
          const changed = Object.entries(changeSummary).filter(([op, n]) => op !== "same" && n > 0);
          if (changed.length > 0)
            throw new Error(`the unchanged stack's preview plans changes: ${JSON.stringify(changeSummary)}`);
        }),
      );
      noopTimes.push(await timed(() => noop.preview()));
      emptyTimes.push(await timed(() => empty.preview()));
    }
    const apiCallsDuringPreviews = requestsSince(simulator, since).filter((entry) =>
      entry.path.startsWith("/api/atlas/"),
    ).length;

    // Refresh: the real engine reads every resource of the unchanged stack (and the do-nothing stack's
    // provider, which has no read, keeps its state). One warm-up each, not counted.
    await full.refresh();
    await noop.refresh();
    const refreshTimes: number[] = [];
    const noopRefreshTimes: number[] = [];
    const firstCalls: number[] = [];
    let refreshCalls = 0;
    for (let i = 0; i < repeats; i++) {
      log(`part 3: refresh, round ${i + 1} of ${repeats} (this provider's stack, the do-nothing stack)`);
      const mark = lastSequence(simulator);
      const startedAt = Date.now();
      refreshTimes.push(await timed(() => full.refresh()));
      const calls = requestsSince(simulator, mark).filter((entry) => entry.path.startsWith("/api/atlas/"));
      refreshCalls += calls.length;
      if (calls[0]) firstCalls.push((calls[0].timestamp - startedAt) / 1000);
      observeRefresh?.(startedAt, calls);
      noopRefreshTimes.push(await timed(() => noop.refresh()));
    }
    await full.destroy();
    await noop.destroy();
    return {
      status: "measured",
      resources: workload.resources.length,
      repeats,
      upSeconds,
      fullStackSeconds: distribution(fullTimes),
      emptyStackSeconds: distribution(emptyTimes),
      noopStackSeconds: distribution(noopTimes),
      ratio: median(fullTimes) / median(emptyTimes),
      ratioToNoop: median(fullTimes) / median(noopTimes),
      changeSummary,
      apiCallsDuringPreviews,
      refreshSeconds: distribution(refreshTimes),
      noopRefreshSeconds: distribution(noopRefreshTimes),
      refreshRatioToNoop: median(refreshTimes) / median(noopRefreshTimes),
      firstCallSeconds: distribution(firstCalls),
      apiCallsPerRefresh: refreshCalls / repeats,
      cli: cli.binDir,
    };
  } catch (error) {
    return { status: "failed", detail: errorText(error).slice(0, 4000) };
  } finally {
    await simulator.close();
    workspace.dispose();
  }
}
