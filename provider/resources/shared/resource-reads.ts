/**
 * How the life cycle (shared/lifecycle.ts) reads one resource: a GET that takes 404 for gone; a read (what
 * `pulumi refresh` calls), which takes the resource from the shared list of its kind, so the reads of one
 * project's services or peers made together cost a list call or two instead of a GET each; and the waits,
 * which read through the shared list too (one list call per tick for every wait on it). Both use the list
 * unless `poll.coalesce` is off; the waits follow the phase-aware schedule (Atlas's typical time in the state
 * read, for this operation) unless the `poll` input sets an interval.
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
 * A list for a lookup (a natural key, a container's facts) or a read: with `poll.coalesce` on, from the shared
 * watcher, so concurrent lookups, reads and waits on one list cost one call; otherwise its own call. A lookup
 * takes the next list call (one started before it may miss what was just made); a read (refresh) also takes
 * one already in flight, which started a moment before the engine asked: as fresh as a GET sent then, and it
 * lets the engine's reads, which arrive a few milliseconds apart, share a call instead of chaining one each.
 */
export function sharedSnapshot<Remote>(
  op: OperationContext,
  shared: SharedList<Remote>,
  idOf: (remote: Remote) => string | undefined,
): Promise<readonly Remote[]> {
  if (!op.poll.coalesce) return shared.list(op.client, op.run.signal);
  return sharedWatcher(op, shared, idOf).snapshot(op.run.signal, { joinInFlight: op.name === "read" });
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

  /**
   * One resource for a read (refresh): from its kind's shared list when `poll.coalesce` is on (the call in flight
   * or the next one), so every read of that list made at the same time shares it; else, and for kinds without a
   * list, its GET. Undefined only when its own GET answers 404: one absent from a list (or whose list answers
   * 404) is looked up by id before it is called gone, because the engine drops what a refresh reports gone from
   * the state, and a list is no proof of absence (items shift between pages while the client pages through them).
   */
  async function readOne(op: OperationContext, where: Where, id: string): Promise<Remote | undefined> {
    const shared = op.poll.coalesce ? (d.readList ?? d.sharedList)?.(where) : undefined;
    if (shared) {
      try {
        const listed = await sharedSnapshot(op, shared, d.idOf);
        const found = listed.find((remote) => d.idOf(remote) === id);
        if (found !== undefined) return found;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      op.logger.debug(`${d.describe(where, id)} is not in ${shared.describe}; reading it by id`);
    }
    return getUnless404(op, where, id);
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

  return { getUnless404, readOne, waitSettled, waitGone };
}

/** `{ [key]: value }`, or nothing when value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
