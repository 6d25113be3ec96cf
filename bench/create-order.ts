/**
 * Creates a workload's resources as the engine does: every resource without a dependency at once, and a
 * resource whose input is another's output (a registration's endpointServiceId) as soon as that one's create
 * returned. Used in-process (harness.ts) and by each stack process (stack-process.ts).
 */
import type { Dependency } from "./workloads";

export interface Creatable {
  label: string;
  after?: Dependency;
}

export interface Created<R> {
  result: R;
  /** The outputs create returned; undefined when it failed. */
  outs?: Record<string, unknown>;
}

/**
 * `create(item, fill)` creates one resource with `fill` merged into its inputs (the dependency's output);
 * `skip(item, reason)` is the result of one whose dependency failed (it is not created, as in the engine).
 */
export async function createInOrder<T extends Creatable, R>(
  items: readonly T[],
  create: (item: T, fill: Record<string, unknown>) => Promise<Created<R>>,
  skip: (item: T, reason: string) => R,
): Promise<R[]> {
  const started = new Map<string, Promise<Created<R>>>();
  const start = (item: T): Promise<Created<R>> => {
    const existing = started.get(item.label);
    if (existing) return existing;
    const after = item.after;
    let promise: Promise<Created<R>>;
    if (!after) promise = create(item, {});
    else {
      const parent = items.find((other) => other.label === after.label);
      if (!parent) throw new Error(`${item.label} depends on ${after.label}, which is not in its workload`);
      promise = start(parent).then((done) => {
        const value = done.outs?.[after.output];
        if (value === undefined) return { result: skip(item, `not created: ${after.label} failed`) };
        return create(item, { [after.input]: value });
      });
    }
    started.set(item.label, promise);
    return promise;
  };
  const all = await Promise.all(items.map(start));
  return all.map((done) => done.result);
}

/** What one create gave: the id (also of a partial failure, to read its settle time), when it returned, the error. */
export interface CreateResult {
  id?: string;
  /** A registration's service (its settle time is found by service and endpoint id). */
  endpointServiceId?: string;
  returnedAt: number;
  error?: string;
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}

/**
 * Checks (when `recheck` is given: again, with the dependency's output, as the engine does during `up`) and
 * creates one resource through the provider shim, timing when create returned.
 */
export async function checkAndCreate(
  shim: { create(inputs: Record<string, unknown>): Promise<{ id: string; outs?: unknown }> },
  kind: string,
  inputs: Record<string, unknown>,
  recheck?: () => Promise<Record<string, unknown>>,
): Promise<Created<CreateResult>> {
  let checked: Record<string, unknown>;
  try {
    checked = recheck ? await recheck() : inputs;
  } catch (error) {
    return { result: { returnedAt: Date.now(), error: firstLine(error) } };
  }
  const serviceId = checked.endpointServiceId;
  const registration =
    kind === "endpointRegistration" && typeof serviceId === "string" ? { endpointServiceId: serviceId } : {};
  try {
    const created = await shim.create(checked);
    return {
      result: { ...registration, id: created.id, returnedAt: Date.now() },
      outs: created.outs as Record<string, unknown>,
    };
  } catch (error) {
    // A partial failure carries the id of what Atlas made; keep it to read its settle time.
    const id = (error as { id?: unknown }).id;
    return {
      result: {
        ...registration,
        ...(typeof id === "string" ? { id } : {}),
        returnedAt: Date.now(),
        error: firstLine(error),
      },
    };
  }
}
