/**
 * One run: a workload created concurrently with one strategy, the way the engine drives a dynamic provider
 * (a fresh run context with the stack's config, then check → create per resource, all at once, and a resource
 * that takes another's output once that one's create returned: create-order.ts), against the
 * simulator; afterwards the simulator's request log and settle times, the poller's tick lines and the
 * client's counters are collected for figures.ts.
 */
import type { RequestLogEntry, ResourceView, RunningSimulator, SimulatorControl } from "../simulator";
import type { Logger } from "../provider/logger";
import type { BuiltLibrary } from "./built-library";
import { scaledRateLimit, type BenchParameters } from "./parameters";
import { pollInput, scaledBudget, type Strategy, type StrategyName } from "./strategies";
import { checkAndCreate, createInOrder } from "./create-order";
import {
  containerKey,
  placeholderAtlasId,
  serviceKey,
  shimKinds,
  type BenchKind,
  type PlannedResource,
  type Workload,
} from "./workloads";
import type { CloudProvider } from "../provider/atlas-rules";

export interface ResourceOutcome {
  label: string;
  kind: BenchKind;
  projectId: string;
  providerName: CloudProvider;
  /**
   * The id create returned (or the simulator holds, when create failed after the POST): Atlas's id, except for
   * a registration, whose id is its cloud endpoint's (vpce id, Azure resource id, GCP group name).
   */
  id?: string;
  /** Registrations: the service it is registered with. */
  endpointServiceId?: string;
  /** When create returned or threw (real ms since the epoch). */
  returnedAt: number;
  /** The first line of the error create threw. */
  error?: string;
  /** From the simulator: when the POST created it, and when it first reached a settled status (real ms). */
  createdAt?: number;
  settledAt?: number;
}

/** One tick of a coalescing list watcher, from its debug line. */
export interface TickLine {
  watcher: string;
  waits: number;
  items: number;
  at: number;
}

export interface ClientFigures {
  retries: number;
  rateLimited: number;
  budgetWaited: number;
  budgetPauses: number;
}

export interface RunRecord {
  workload: string;
  size: number;
  strategy: StrategyName;
  startedAt: number;
  finishedAt: number;
  outcomes: ResourceOutcome[];
  /** Every Atlas API request of the run (the control API is not logged). */
  requests: RequestLogEntry[];
  ticks: TickLine[];
  /** Seeded container id → provider, to attribute container reads. */
  containers: Record<string, "AWS" | "GCP">;
  client: ClientFigures;
  /** Warnings and errors the provider logged (no secrets: the logger contract). */
  problems: string[];
}

export interface BenchEnvironment {
  simulator: RunningSimulator;
  library: BuiltLibrary;
  parameters: BenchParameters;
}

/** The watcher's debug line per tick (provider/poller/list-watcher.ts). */
const tickLine = /^(.*): tick \d+: \d+ list calls? \((\d+) items\) for (\d+) waits?$/;

function recordingLogger(ticks: TickLine[], problems: string[]): Logger {
  return {
    debug: (message) => {
      const match = tickLine.exec(message);
      if (match)
        ticks.push({ watcher: match[1] as string, items: Number(match[2]), waits: Number(match[3]), at: Date.now() });
    },
    info: () => undefined,
    warn: (message) => void problems.push(`warn: ${message}`),
    error: (message) => void problems.push(`error: ${message}`),
  };
}

function lastSequence(simulator: RunningSimulator): number {
  return simulator.control.getRequestLog().at(-1)?.sequence ?? 0;
}

function settledAtOf(view: ResourceView | undefined): number | undefined {
  return view?.firstSettledAt ?? undefined;
}

/**
 * The simulator's view of what a create made. Every kind by its id, except registrations: their id is the cloud
 * endpoint's, not the simulator's record id, so they are found by service and endpoint id (Azure resource ids are
 * case-insensitive).
 */
export function simulatorViewOf(
  control: SimulatorControl,
  outcome: { kind: BenchKind; id?: string; endpointServiceId?: string },
): ResourceView | undefined {
  if (!outcome.id) return undefined;
  if (outcome.kind !== "endpointRegistration") return control.getResource(outcome.id);
  const id = outcome.id.toLowerCase();
  return control
    .getResources({ kind: "private-endpoint-registration" })
    .find(
      (view) =>
        view.endpointId?.toLowerCase() === id &&
        (outcome.endpointServiceId === undefined || view.endpointServiceId === outcome.endpointServiceId),
    );
}

/** A resource's inputs before its run: poll and timeouts added, a dependency's output filled with a placeholder. */
export function plannedInputs(
  resource: PlannedResource,
  seeded: ReadonlyMap<string, string>,
  poll: unknown,
  createTimeoutSeconds: number,
): Record<string, unknown> {
  return {
    ...resource.inputs(seeded),
    ...(resource.after ? { [resource.after.input]: placeholderAtlasId } : {}),
    poll,
    timeouts: { create: Math.round(createTimeoutSeconds) },
  };
}

export async function runWorkload(
  environment: BenchEnvironment,
  workload: Workload,
  strategy: Strategy,
): Promise<RunRecord> {
  const { simulator, library, parameters } = environment;
  const scale = parameters.timeScale;

  // A clean Atlas (full rate-limit buckets, empty log) and a clean provider process state.
  simulator.control.reset();
  if (workload.rateLimit) simulator.control.configure({ rateLimit: scaledRateLimit(workload.rateLimit, scale) });
  const containerIds = new Map<string, string>();
  const containers: Record<string, "AWS" | "GCP"> = {};
  for (const need of workload.containers) {
    const body =
      need.providerName === "AWS"
        ? { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" }
        : { providerName: "GCP", atlasCidrBlock: "10.10.0.0/18" };
    const view = simulator.control.seedResource({ kind: "network-container", groupId: need.projectId, body });
    containerIds.set(containerKey(need.projectId, need.providerName), view.id);
    containers[view.id] = need.providerName;
  }
  for (const need of workload.services) {
    const view = simulator.control.seedResource({
      kind: "private-endpoint-service",
      groupId: need.projectId,
      body: { providerName: need.providerName, region: need.region },
      settled: true,
    });
    containerIds.set(serviceKey(need), view.id);
  }
  const ticks: TickLine[] = [];
  const problems: string[] = [];
  const config: Record<string, string> = {
    "mongodbatlas:baseUrl": simulator.baseUrl,
    "mongodbatlas:publicKey": simulator.credentials.publicKey,
    "mongodbatlas:privateKey": simulator.credentials.privateKey,
  };
  library.context.resetRunContext({ get: (key) => config[key] }, recordingLogger(ticks, problems), {
    budget: scaledBudget(strategy, scale),
    pacing: strategy.pacing,
  });

  // check first, as the engine does (it plans before it creates); not timed. A resource that takes another's
  // output is checked here with a placeholder (the bench's own inputs must pass), and again with the real value
  // once that output exists, as the engine checks it during `up`.
  const check = async (
    shim: InstanceType<BuiltLibrary["dynamicProvider"]["AtlasDynamicProvider"]>,
    label: string,
    raw: Record<string, unknown>,
  ) => {
    const checked = await shim.check({}, raw);
    if (checked.failures && checked.failures.length > 0) {
      throw new Error(
        `the bench's own inputs for ${label} fail check: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
      );
    }
    return checked.inputs as Record<string, unknown>;
  };
  const planned = await Promise.all(
    workload.resources.map(async (resource) => {
      const shim = new library.dynamicProvider.AtlasDynamicProvider(shimKinds[resource.kind]);
      const raw = plannedInputs(
        resource,
        containerIds,
        pollInput(strategy, resource.kind, scale),
        parameters.createTimeoutSeconds * scale,
      );
      const inputs = await check(shim, resource.label, raw);
      return { label: resource.label, after: resource.after, resource, shim, raw, inputs };
    }),
  );

  const mark = lastSequence(simulator);
  const startedAt = Date.now();
  const baseOf = (resource: PlannedResource) => ({
    label: resource.label,
    kind: resource.kind,
    projectId: resource.projectId,
    providerName: resource.providerName,
  });
  const outcomes = await createInOrder<(typeof planned)[number], ResourceOutcome>(
    planned,
    async ({ resource, shim, raw, inputs }, fill) => {
      const recheck = resource.after ? () => check(shim, resource.label, { ...raw, ...fill }) : undefined;
      const { result, outs } = await checkAndCreate(shim, resource.kind, inputs, recheck);
      return { result: { ...baseOf(resource), ...result }, ...(outs ? { outs } : {}) };
    },
    ({ resource }, reason): ResourceOutcome => ({ ...baseOf(resource), returnedAt: Date.now(), error: reason }),
  );
  const finishedAt = Date.now();

  const requests = simulator.control.getRequestLog({ since: mark });
  for (const outcome of outcomes) {
    if (!outcome.id) continue;
    const view = simulatorViewOf(simulator.control, outcome);
    if (view) outcome.createdAt = view.createdAt;
    const settledAt = settledAtOf(view);
    if (settledAt !== undefined) outcome.settledAt = settledAt;
  }
  // A create that returned without Atlas having settled the resource would make every lag figure wrong.
  const unsettled = outcomes.filter((o) => !o.error && o.settledAt === undefined).map((o) => o.label);
  if (unsettled.length > 0)
    throw new Error(
      `${workload.name}: create returned for ${unsettled.join(", ")} but the simulator never saw them settle`,
    );
  const stats = library.context.runContext().client().stats();
  return {
    workload: workload.name,
    size: workload.size,
    strategy: strategy.name,
    startedAt,
    finishedAt,
    outcomes,
    requests,
    ticks,
    containers,
    client: {
      retries: stats.retries,
      rateLimited: stats.rateLimited,
      budgetWaited: stats.budget.waited,
      budgetPauses: stats.budget.pauses,
    },
    problems,
  };
}
