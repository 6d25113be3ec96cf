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
