/**
 * One run: a workload created concurrently with one strategy, the way the engine drives a dynamic provider
 * (a fresh run context with the stack's config, then check → create per resource, all at once), against the
 * simulator; afterwards the simulator's request log and settle times, the poller's tick lines and the
 * client's counters are collected for figures.ts.
 */
import type { RequestLogEntry, ResourceView, RunningSimulator } from "../simulator";
import type { Logger } from "../provider/logger";
import type { BuiltLibrary } from "./built-library";
import { scaledRateLimit, type BenchParameters } from "./parameters";
import { pollInput, scaledBudget, type Strategy, type StrategyName } from "./strategies";
import { containerKey, shimKinds, type BenchKind, type Workload } from "./workloads";
import type { CloudProvider } from "../provider/atlas-rules";

export interface ResourceOutcome {
  label: string;
  kind: BenchKind;
  projectId: string;
  providerName: CloudProvider;
  /** The Atlas id create returned (or the simulator holds, when create failed after the POST). */
  id?: string;
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

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}

function lastSequence(simulator: RunningSimulator): number {
  return simulator.control.getRequestLog().at(-1)?.sequence ?? 0;
}

function settledAtOf(view: ResourceView | undefined): number | undefined {
  return view?.firstSettledAt ?? undefined;
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
  const ticks: TickLine[] = [];
  const problems: string[] = [];
  const config: Record<string, string> = {
    "mongodbatlas:baseUrl": simulator.baseUrl,
    "mongodbatlas:publicKey": simulator.credentials.publicKey,
    "mongodbatlas:privateKey": simulator.credentials.privateKey,
  };
  library.context.resetRunContext({ get: (key) => config[key] }, recordingLogger(ticks, problems), {
    budget: scaledBudget(strategy, scale),
  });

  // check first, as the engine does (it plans before it creates); not timed.
  const planned = await Promise.all(
    workload.resources.map(async (resource) => {
      const shim = new library.dynamicProvider.AtlasDynamicProvider(shimKinds[resource.kind]);
      const raw = {
        ...resource.inputs(containerIds),
        poll: pollInput(strategy, resource.kind, scale),
        timeouts: { create: Math.round(parameters.createTimeoutSeconds * scale) },
      };
      const checked = await shim.check({}, raw);
      if (checked.failures && checked.failures.length > 0) {
        throw new Error(
          `the bench's own inputs for ${resource.label} fail check: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
        );
      }
      return { resource, shim, inputs: checked.inputs as Record<string, unknown> };
    }),
  );

  const mark = lastSequence(simulator);
  const startedAt = Date.now();
  const outcomes = await Promise.all(
    planned.map(async ({ resource, shim, inputs }): Promise<ResourceOutcome> => {
      const base = {
        label: resource.label,
        kind: resource.kind,
        projectId: resource.projectId,
        providerName: resource.providerName,
      };
      try {
        const created = await shim.create(inputs);
        return { ...base, id: created.id, returnedAt: Date.now() };
      } catch (error) {
        // A partial failure carries the id of what Atlas made; keep it to read its settle time.
        const id = (error as { id?: unknown }).id;
        return { ...base, ...(typeof id === "string" ? { id } : {}), returnedAt: Date.now(), error: firstLine(error) };
      }
    }),
  );
  const finishedAt = Date.now();

  const requests = simulator.control.getRequestLog({ since: mark });
  for (const outcome of outcomes) {
    if (!outcome.id) continue;
    const view = simulator.control.getResource(outcome.id);
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
