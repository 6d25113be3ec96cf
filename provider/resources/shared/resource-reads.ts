/**
 * How the life cycle (shared/lifecycle.ts) reads one resource: a GET that takes 404 for gone, and the waits,
 * which read through the shared list of the resource's kind (one list call per tick for every wait on it)
 * unless `poll.coalesce` is off.
 */
import { isNotFound } from "../../client";
import { waitUntilGone, waitUntilSettled, type Classification, type ReadSource } from "../../poller";
import type { OperationContext } from "./operation";
import type { Address, CommonInputs, ResourceDefinition } from "./resource-definition";

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
    const client = op.client;
    const watcher = shared.registry(op.run).watcher(`${client.baseUrl}|${shared.key}`, () => ({
      describe: shared.describe,
      list: (signal) => shared.list(client, signal),
      idOf: (remote) => d.idOf(remote) ?? "",
      logger: op.logger,
    }));
    return watcher.reader(id);
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
      logger: op.logger,
      signal: op.run.signal,
    });
  }

  return { getUnless404, waitSettled, waitGone };
}
