/**
 * The many-stacks scenario (issue 11): N stacks run at once as separate processes, as a pipeline runs them,
 * each of M resources, all in one project under the simulator's Atlas-like limits (one project bucket shared
 * by every process, each process with its own request budget and pacing), once per strategy, on the same seeded
 * duration draws (the simulator is reset between strategies, and a draw belongs to its request, not to the order
 * requests arrive in).
 *
 * Each stack is a child process running the provider runtime (bench/stack-process.ts), not `pulumi up`: the
 * engine's start-up (seconds per stack, on 2 cores shared by 10 stacks) would dominate waits of 18 real seconds
 * at the bench's time scale. What is measured is what the provider does once running.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { RunningSimulator } from "../simulator";
import { containerRegions } from "../provider/atlas-rules/regions";
import { repoRoot } from "./built-library";
import { distribution, type Distribution } from "./figures";
import { plannedInputs, simulatorViewOf } from "./harness";
import type { BenchParameters } from "./parameters";
import type { StackDone, StackOutcome, StackStart } from "./stack-process";
import { pollInput, scaledBudget, type Strategy, type StrategyName } from "./strategies";
import { containerKey, stackWorkloads, type Workload } from "./workloads";

export interface StacksFigures {
  strategy: StrategyName;
  stacks: number;
  /** Resources per stack: the mixed pattern's, and one registration per endpoint service on top. */
  resourcesPerStack: number;
  registrationsPerStack: number;
  resources: number;
  failures: number;
  failureMessages: string[];
  /** Creates that failed on a 429 (after the client's retries). */
  unrecovered429: number;
  /** Answers with status 429 Atlas (the simulator) gave, over all stacks. */
  status429: number;
  calls: number;
  reads: number;
  readsPerResource: number;
  callsPerResource: number;
  /** Atlas seconds: settle (simulator) → create returned (child). */
  lag: Distribution;
  /** The same, registrations only (each created once its service's create returned). */
  registrationLag: Distribution;
  /** Real seconds from `go` to the last create returning. */
  wallSeconds: number;
  clientRetries: number;
}

function containerBody(providerName: "AWS" | "GCP") {
  return providerName === "AWS"
    ? { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" }
    : { providerName: "GCP", atlasCidrBlock: "10.10.0.0/18" };
}

function message<T extends { type: string }>(child: ChildProcess, type: T["type"]): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: T) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`a stack process exited (${code}) before "${type}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export async function runStacks(
  simulator: RunningSimulator,
  parameters: BenchParameters,
  strategy: Strategy,
  log: (line: string) => void,
): Promise<StacksFigures> {
  const { stacks } = parameters.manyStacks;
  const scale = parameters.timeScale;
  simulator.control.reset();
  const workloads: Workload[] = stackWorkloads(stacks, parameters.manyStacks.resourcesPerStack, containerRegions);
  const resourcesPerStack = workloads[0]?.resources.length ?? 0;
  const registrationsPerStack = workloads[0]?.resources.filter((r) => r.kind === "endpointRegistration").length ?? 0;
  const containerIds = new Map<string, string>();
  for (const need of new Map(
    workloads.flatMap((w) => w.containers).map((c) => [containerKey(c.projectId, c.providerName), c]),
  ).values()) {
    const view = simulator.control.seedResource({
      kind: "network-container",
      groupId: need.projectId,
      body: containerBody(need.providerName),
    });
    containerIds.set(containerKey(need.projectId, need.providerName), view.id);
  }
  const config = {
    "mongodbatlas:baseUrl": simulator.baseUrl,
    "mongodbatlas:publicKey": simulator.credentials.publicKey,
    "mongodbatlas:privateKey": simulator.credentials.privateKey,
  };
  const budget = scaledBudget(strategy, scale);
  const children = workloads.map(() =>
    fork(path.join(__dirname, "stack-process.ts"), [], {
      cwd: repoRoot,
      execArgv: ["-r", "ts-node/register/transpile-only"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // Ten processes starting at once must not share a V8 code cache: a full run crashed one of them in
      // V8's code deserializer ("unreachable code") while the others wrote the cache.
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1", DISABLE_V8_COMPILE_CACHE: "1" },
    }),
  );
  try {
    const ready = children.map((child) => message(child, "ready"));
    workloads.forEach((workload, stack) => {
      const start: StackStart = {
        type: "start",
        stack,
        config,
        budget,
        pacing: strategy.pacing,
        resources: workload.resources.map((resource) => ({
          label: resource.label,
          kind: resource.kind,
          ...(resource.after ? { after: resource.after } : {}),
          inputs: plannedInputs(
            resource,
            containerIds,
            pollInput(strategy, resource.kind, scale),
            parameters.createTimeoutSeconds * scale,
          ),
        })),
      };
      children[stack]?.send(start);
    });
    await Promise.all(ready);
    const mark = simulator.control.getRequestLog().at(-1)?.sequence ?? 0;
    const done = children.map((child) => message<StackDone>(child, "done"));
    const go = Date.now();
    for (const child of children) child.send({ type: "go" });
    const results = await Promise.all(done);
    const finished = Date.now();
    const outcomes: StackOutcome[] = results.flatMap((r) => r.outcomes);
    const requests = simulator.control.getRequestLog({ since: mark }).filter((e) => e.path.startsWith("/api/atlas/"));
    const lags: number[] = [];
    const registrationLags: number[] = [];
    for (const outcome of outcomes) {
      if (outcome.error || !outcome.id) continue;
      const settledAt = simulatorViewOf(simulator.control, outcome)?.firstSettledAt;
      if (settledAt === null || settledAt === undefined) throw new Error(`${outcome.label} returned but never settled`);
      const lag = (outcome.returnedAt - settledAt) / 1000 / scale;
      lags.push(lag);
      if (outcome.kind === "endpointRegistration") registrationLags.push(lag);
    }
    const failures = outcomes.filter((o) => o.error);
    const reads = requests.filter((e) => e.method === "GET").length;
    const figures: StacksFigures = {
      strategy: strategy.name,
      stacks,
      resourcesPerStack,
      registrationsPerStack,
      resources: outcomes.length,
      failures: failures.length,
      failureMessages: [...new Set(failures.map((o) => `${o.label}: ${o.error}`))].slice(0, 10),
      unrecovered429: failures.filter((o) => /\b429\b|RATE_LIMITED/.test(o.error ?? "")).length,
      status429: requests.filter((e) => e.status === 429).length,
      calls: requests.length,
      reads,
      readsPerResource: reads / outcomes.length,
      callsPerResource: requests.length / outcomes.length,
      lag: distribution(lags),
      registrationLag: distribution(registrationLags),
      wallSeconds: (finished - go) / 1000,
      clientRetries: results.reduce((sum, r) => sum + r.client.retries, 0),
    };
    const refusedAt = requests
      .filter((e) => e.status === 429)
      .map((e) => ((e.timestamp - go) / 1000 / scale).toFixed(0));
    log(
      `many stacks (${stacks} processes × ${resourcesPerStack}), ${strategy.name}: ${figures.wallSeconds.toFixed(1)} s real, ` +
        `${figures.calls} requests, ${figures.status429} answered 429${refusedAt.length > 0 ? ` (at Atlas s ${refusedAt.join(", ")})` : ""}, ${figures.failures} failed`,
    );
    return figures;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}
