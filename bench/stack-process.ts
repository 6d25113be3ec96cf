/**
 * One "stack" of the many-stacks scenario, in its own Node process: the provider runtime (compiled, from
 * dist/ like the engine's dynamic-provider process) with its own run context, request budget and pacing, driving
 * `check` then `create` for its resources through the serialized shim, as bench/harness.ts does in-process.
 *
 * Protocol (IPC with the parent, bench/stacks.ts): parent → `start` (config, budget, resources); child →
 * `ready` once loaded and checked; parent → `go` (all stacks at once); child → `done` with each resource's
 * outcome and the client's counters, then exits. Loading is not timed: every stack waits for `go`.
 */
import { loadBuiltLibrary } from "./built-library";
import type { RequestBudgetSettings } from "../provider/client";
import { checkAndCreate, createInOrder } from "./create-order";
import type { BenchKind, Dependency } from "./workloads";
import { shimKinds } from "./workloads";

export interface StackStart {
  type: "start";
  stack: number;
  config: Record<string, string>;
  budget: RequestBudgetSettings;
  /** Pacing by Atlas's RateLimit-* answers (off for the baseline). */
  pacing: boolean;
  /** Inputs with a placeholder for a dependency's output, filled in once that resource's create returned. */
  resources: Array<{ label: string; kind: BenchKind; after?: Dependency; inputs: Record<string, unknown> }>;
}

export interface StackOutcome {
  label: string;
  kind: BenchKind;
  id?: string;
  /** Registrations: their service (their id is the cloud endpoint's). */
  endpointServiceId?: string;
  returnedAt: number;
  error?: string;
}

export interface StackDone {
  type: "done";
  stack: number;
  startedAt: number;
  outcomes: StackOutcome[];
  client: { retries: number; rateLimited: number };
  problems: string[];
}

async function run(start: StackStart): Promise<void> {
  const library = loadBuiltLibrary();
  const problems: string[] = [];
  library.context.resetRunContext(
    { get: (key) => start.config[key] },
    {
      debug: () => undefined,
      info: () => undefined,
      warn: (message) => void problems.push(`warn: ${message}`),
      error: (message) => void problems.push(`error: ${message}`),
    },
    { budget: start.budget, pacing: start.pacing },
  );
  const check = async (
    shim: InstanceType<typeof library.dynamicProvider.AtlasDynamicProvider>,
    label: string,
    raw: Record<string, unknown>,
  ) => {
    const checked = await shim.check({}, raw);
    if (checked.failures && checked.failures.length > 0)
      throw new Error(`${label} fails check: ${JSON.stringify(checked.failures)}`);
    return checked.inputs as Record<string, unknown>;
  };
  const planned = await Promise.all(
    start.resources.map(async (resource) => {
      const shim = new library.dynamicProvider.AtlasDynamicProvider(shimKinds[resource.kind]);
      const inputs = await check(shim, resource.label, resource.inputs);
      return { label: resource.label, after: resource.after, resource, shim, inputs };
    }),
  );
  const go = new Promise<void>((resolve) => process.once("message", () => resolve()));
  process.send?.({ type: "ready", stack: start.stack });
  await go;
  const startedAt = Date.now();
  const outcomes = await createInOrder<(typeof planned)[number], StackOutcome>(
    planned,
    async ({ resource, shim, inputs }, fill) => {
      // As the engine does during `up`: checked again once the dependency's output is known.
      const recheck = resource.after ? () => check(shim, resource.label, { ...resource.inputs, ...fill }) : undefined;
      const { result, outs } = await checkAndCreate(shim, resource.kind, inputs, recheck);
      return { result: { label: resource.label, kind: resource.kind, ...result }, ...(outs ? { outs } : {}) };
    },
    ({ resource }, reason): StackOutcome => ({
      label: resource.label,
      kind: resource.kind,
      returnedAt: Date.now(),
      error: reason,
    }),
  );
  const stats = library.context.runContext().client().stats();
  const done: StackDone = {
    type: "done",
    stack: start.stack,
    startedAt,
    outcomes,
    client: { retries: stats.retries, rateLimited: stats.rateLimited },
    problems,
  };
  await library.context.closeRuns();
  process.send?.(done, () => process.exit(0));
}

process.once("message", (message: StackStart) => {
  run(message).catch((error: unknown) => {
    process.stderr.write(`[stack ${message.stack}] ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
});
