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
import type { BenchKind } from "./workloads";
import { shimKinds } from "./workloads";

export interface StackStart {
  type: "start";
  stack: number;
  config: Record<string, string>;
  budget: RequestBudgetSettings;
  resources: Array<{ label: string; kind: BenchKind; inputs: Record<string, unknown> }>;
}

export interface StackOutcome {
  label: string;
  kind: BenchKind;
  id?: string;
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

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
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
    { budget: start.budget },
  );
  const planned = await Promise.all(
    start.resources.map(async (resource) => {
      const shim = new library.dynamicProvider.AtlasDynamicProvider(shimKinds[resource.kind]);
      const checked = await shim.check({}, resource.inputs);
      if (checked.failures && checked.failures.length > 0)
        throw new Error(`${resource.label} fails check: ${JSON.stringify(checked.failures)}`);
      return { resource, shim, inputs: checked.inputs as Record<string, unknown> };
    }),
  );
  const go = new Promise<void>((resolve) => process.once("message", () => resolve()));
  process.send?.({ type: "ready", stack: start.stack });
  await go;
  const startedAt = Date.now();
  const outcomes = await Promise.all(
    planned.map(async ({ resource, shim, inputs }): Promise<StackOutcome> => {
      try {
        const created = await shim.create(inputs);
        return { label: resource.label, kind: resource.kind, id: created.id, returnedAt: Date.now() };
      } catch (error) {
        const id = (error as { id?: unknown }).id;
        return {
          label: resource.label,
          kind: resource.kind,
          ...(typeof id === "string" ? { id } : {}),
          returnedAt: Date.now(),
          error: firstLine(error),
        };
      }
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
