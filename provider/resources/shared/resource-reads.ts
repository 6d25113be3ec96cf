/**
 * How the life cycle (shared/lifecycle.ts) reads one resource: a GET that takes 404 for gone, and the waits,
 * which read through the shared list of the resource's kind (one list call per tick for every wait on it)
 * unless `poll.coalesce` is off, on the phase-aware schedule (Atlas's typical time in the state read, for
 * this operation) unless the `poll` input sets an interval.
 */
import type { AtlasClient } from "../../client";
import { isNotFound } from "../../client";
import {
  typicalDurationOf,
  waitUntilGone,
  waitUntilSettled,
  type Classification,
  type ListWatcher,
  type ReadSource,
  type WaitPhases,
} from "../../poller";
import type { OperationContext } from "./operation";
import type { Address, CommonInputs, ResourceDefinition, SharedList } from "./resource-definition";

/**
 * The run's watcher of a shared list (one per client and list key): waits of every kind that the list answers
 * subscribe to it, and lookups take snapshots from it.
 */
export function sharedWatcher<Remote>(
  op: OperationContext,
  shared: SharedList<Remote>,
  idOf: (remote: Remote) => string | undefined,
): ListWatcher<Remote> {
  const client: AtlasClient = op.client;
  return shared.registry(op.run).watcher(`${client.baseUrl}|${shared.key}`, () => ({
    describe: shared.describe,
    list: (signal) => shared.list(client, signal),
    idOf: (remote) => idOf(remote) ?? "",
    logger: op.logger,
  }));
}

/**
 * A list for a lookup (a natural key, a container's facts): with `poll.coalesce` on, from the next list call of
 * the shared watcher, so concurrent lookups and waits on one list cost one call; otherwise its own call.
 */
export function sharedSnapshot<Remote>(
  op: OperationContext,
  shared: SharedList<Remote>,
  idOf: (remote: Remote) => string | undefined,
): Promise<readonly Remote[]> {
  if (!op.poll.coalesce) return shared.list(op.client, op.run.signal);
  return sharedWatcher(op, shared, idOf).snapshot(op.run.signal);
}

export function resourceReads<Inputs extends CommonInputs, Remote, Where extends Address>(
  d: ResourceDefinition<Inputs, Remote, Where>,
) {
  const classifyDeletion = (remote: Remote) => (d.classifyDeletion ?? d.classify)(remote);

  async function getUnless404(op: OperationContext, where: Where, id: string, signal?: AbortSignal) {
    try {
      return await d.get(op, where, id, signal);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  function readSource(op: OperationContext, where: Where, id: string): ReadSource<Remote> {
    const shared = op.poll.coalesce ? d.sharedList?.(where) : undefined;
    if (!shared) return (signal) => getUnless404(op, where, id, signal);
    return sharedWatcher(op, shared, d.idOf).reader(id);
  }

  /** The phase-aware schedule with this kind's typical durations for this operation; undefined: the `poll` input's interval. */
  function phasesOf(op: OperationContext): WaitPhases | undefined {
    const schedule = op.poll.phases;
    if (!schedule) return undefined;
    const scale = op.poll.timeScale;
    return {
      schedule,
      typicalMsOf: (state) => {
        const typical = typicalDurationOf(d.typicalDurations, state, op.name);
        return typical === undefined ? undefined : typical * scale;
      },
    };
  }

  function waitSettled(
    op: OperationContext,
    where: Where,
    id: string,
    classify: (remote: Remote) => Classification,
  ): Promise<Remote> {
    return waitUntilSettled({
      describe: d.describe(where, id),
      read: readSource(op, where, id),
      classify,
      timeoutMs: Math.max(1, op.remainingMs()),
      schedule: op.poll.schedule,
      ...optional("phases", phasesOf(op)),
      logger: op.logger,
      signal: op.run.signal,
    });
  }

  function waitGone(op: OperationContext, where: Where, id: string): Promise<void> {
    return waitUntilGone({
      describe: d.describe(where, id),
      read: readSource(op, where, id),
      classify: classifyDeletion,
      timeoutMs: Math.max(1, op.remainingMs()),
      schedule: op.poll.schedule,
      ...optional("phases", phasesOf(op)),
      logger: op.logger,
      signal: op.run.signal,
    });
  }

  return { getUnless404, waitSettled, waitGone };
}

/** `{ [key]: value }`, or nothing when value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
