/**
 * One life cycle for every resource of this package. A resource describes itself (`ResourceDefinition`:
 * how to address it, its natural key, its create body and outputs, its states, its diff rules, and the few
 * places where Atlas treats it differently); `defineResource` turns that into the six methods the
 * dynamic-provider host calls. The rules every resource shares live here, once:
 *
 * - check: zod, messages that name the field and the value, no API call (shared/check.ts).
 * - diff: replace what Atlas cannot change, update what it can, store provider-only settings (shared/diff.ts).
 * - create: look the natural key up first (a resource being deleted is waited out); an existing one is
 *   adopted with `adoptExisting` or refused with a message naming it. POST; a 409 answer means someone
 *   else made it meanwhile: look again and apply the same adopt-or-refuse rule. A POST that may have
 *   reached Atlas (5xx, reset, timeout) is looked up again before it is sent again, at most
 *   `maxCreateAttempts` times, pausing on the wait's own schedule. Then wait until Atlas settles it, converge
 *   (the writes that bring what exists to the declared inputs) and wait again, until nothing is left to send;
 *   then tell the user what is theirs to do (`userAction`) and wait for the state the inputs ask for.
 * - `timeouts.<op>` bounds the whole operation, every wait and call inside it included.
 * - Once Atlas holds the resource, any failure (FAILED, timeout, a failed read) is a partial failure: the
 *   engine keeps the id and the latest outputs in state, so nothing leaks; the next `up` resumes.
 * - read: gone (refresh drops it) on its own GET's 404 only, never a list's; else Atlas's inputs, so drift shows.
 * - update: settings only and settled: no API call; otherwise read it, converge, wait, as create does.
 * - delete: DELETE, then wait for 404. 404 at once is done; "already being deleted" waits; "in use" codes
 *   are retried until the delete timeout; another 409 gets the resource's explanation.
 * - State without the fields Atlas needs: one message naming the resource and `pulumi state delete`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasApiError, AtlasTimeoutError, hasErrorCode, isNotFound } from "../../client";
import {
  formatElapsed,
  nextPollInterval,
  ResourceFailedError,
  ResourceGoneError,
  WaitAbortedError,
  WaitError,
  WaitTimeoutError,
} from "../../poller";
import { inputChecks, withoutProvider } from "./check";
import { runContext } from "./context";
import { changedKeys, diffByRules } from "./diff";
import { mayHaveReachedAtlas, messageOf } from "./errors";
import { withoutUndefined } from "./outputs";
import { partialFailure } from "./partial-failure";
import type { ResourceProviderImplementation } from "./provider-contract";
import { waitSettingsOf } from "./wait-settings";

import { resourceReads } from "./resource-reads";
import { adviceAfterFailure, OperationContext, unreadableStateError, type Operation } from "./operation";
import type { Address, CommonInputs, Outputs, ResourceDefinition } from "./resource-definition";

export { OperationContext, unreadableStateError } from "./operation";
export type {
  Address,
  CommonInputs,
  DeletionRules,
  Outputs,
  ResourceDefinition,
  SharedList,
} from "./resource-definition";

/** POSTs per create when Atlas's answer leaves it unclear whether the resource was made (5xx, reset, timeout). */
const maxCreateAttempts = 3;

// ---- the engine ----------------------------------------------------------------------------------------

/** The provider methods for a resource definition. */
export function defineResource<Inputs extends CommonInputs, Remote, Where extends Address>(
  definition: ResourceDefinition<Inputs, Remote, Where>,
): ResourceProviderImplementation {
  const d = definition;
  const checked = inputChecks(d.label, d.schema, d.discriminator);

  /** `properties`: the very object the host handed over, which tells the engine logger which resource this is. */
  function start(operation: Operation, settings: Outputs, properties: object): OperationContext {
    const run = runContext();
    const logger = run.loggerFor(properties, d.label);
    d.beforeEach?.(run, logger);
    const { timeouts, poll } = waitSettingsOf(settings);
    const timeoutMs =
      operation === "create" ? timeouts.createMs : operation === "update" ? timeouts.updateMs : timeouts.deleteMs;
    return new OperationContext(run, operation, poll, timeoutMs, logger);
  }

  function whereFromState(id: string, props: Outputs, operation: Operation): Where {
    const where = d.addressFromState(props);
    if (!where) throw unreadableStateError(d.label, id, operation);
    return where;
  }

  const { getUnless404, readOne, waitSettled, waitGone } = resourceReads(d);

  /** The natural-key match that stays: one being deleted (a replacement, an out-of-band delete) is waited out. */
  async function findLive(op: OperationContext, inputs: Inputs, where: Where): Promise<Remote | undefined> {
    for (;;) {
      const existing = await d.findExisting(op, inputs, where);
      const id = existing === undefined ? undefined : d.idOf(existing);
      if (existing === undefined || id === undefined || !d.isLeaving?.(existing)) return existing;
      op.progress(`${d.describe(where, id)} is being deleted; waiting for it to go before creating its successor`);
      await waitGone(op, where, id);
    }
  }

  function adoptOrRefuse(op: OperationContext, inputs: Inputs, where: Where, existing: Remote): Remote {
    if (!inputs.adoptExisting) throw new Error(d.refuseToAdopt(inputs, existing));
    d.checkAdoptable?.(op, inputs, existing);
    op.logger.info(`${d.describe(where, d.idOf(existing))}: adopting the existing resource (adoptExisting)`);
    return existing;
  }

  /**
   * The resource this create ends up with: an existing one (adopted), or the one a POST made (`posted`: the
   * answer to the POST, not yet read back).
   */
  async function obtain(
    op: OperationContext,
    inputs: Inputs,
    where: Where,
  ): Promise<{ remote: Remote; posted?: true }> {
    const existing = await findLive(op, inputs, where);
    if (existing !== undefined) return { remote: adoptOrRefuse(op, inputs, where, existing) };
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxCreateAttempts; attempt++) {
      try {
        const created = await d.post(op, inputs, where);
        op.logger.debug(`${d.describe(where, d.idOf(created))}: created`);
        return { remote: created, posted: true };
      } catch (error) {
        lastError = error;
        if (error instanceof AtlasApiError && error.status === 409) {
          // Made by someone else since the lookup (or the lookup did not see it yet): the adopt rules apply.
          const found = await findLive(op, inputs, where);
          if (found !== undefined) return { remote: adoptOrRefuse(op, inputs, where, found) };
          throw new Error(
            `Atlas refused to create the ${d.describe(where)} as a duplicate (${messageOf(error)}), but finds none ` +
              `for its natural key; check the project in the Atlas UI.`,
            { cause: error },
          );
        }
        if (!mayHaveReachedAtlas(error)) {
          const hint = d.explainRefusedCreate?.(inputs, error);
          throw new Error(
            `Atlas refused to create the ${d.describe(where)}: ${messageOf(error)}${hint ? `. ${hint}` : ""}`,
            {
              cause: error,
            },
          );
        }
        const found = await findLive(op, inputs, where);
        if (found !== undefined) {
          op.logger.debug(
            `${d.describe(where, d.idOf(found))}: the create call failed (${messageOf(error)}) but Atlas made it; continuing with it`,
          );
          return { remote: found };
        }
        if (attempt === maxCreateAttempts) break;
        op.logger.warn(
          `${d.describe(where)}: the create call failed (${messageOf(error)}) and Atlas has none; sending it again ` +
            `(attempt ${attempt + 1} of ${maxCreateAttempts})`,
        );
        await op.pauseBeforeAttempt(attempt);
      }
    }
    throw new Error(
      `Creating the ${d.describe(where)} failed ${maxCreateAttempts} times (last: ${messageOf(lastError)}). Atlas shows ` +
        `none for its natural key, so nothing was left behind; run \`pulumi up\` again.`,
      { cause: lastError },
    );
  }

  /**
   * From a resource Atlas holds to the declared inputs: wait until Atlas settles it, send what still differs,
   * read until the write shows (Atlas's answer to a write may still show the old state), and again, until
   * nothing is left to send; then tell the user their part and wait for the state the inputs ask for. A
   * FAILED resource is handed to converge, which repairs it or says why it cannot.
   * `readBack`: `seen.latest` is Atlas's answer to a POST, read at least once even when it looks settled
   * (a resource without status, a network container, is otherwise never read after its create).
   */
  async function settleAndConverge(
    op: OperationContext,
    where: Where,
    id: string,
    inputs: Inputs,
    seen: { latest: Remote },
    readBack = false,
  ): Promise<Remote> {
    let latest = seen.latest;
    let wrote = false;
    let unread = readBack;
    for (;;) {
      // Atlas's own work first (a write waits until the resource is no longer busy); after a write, until it shows.
      const classify = (remote: Remote) =>
        wrote && d.classifyAfterWrite ? d.classifyAfterWrite(remote, inputs) : d.classify(remote);
      if (wrote || unread || classify(latest).phase === "transitional") {
        unread = false;
        try {
          latest = seen.latest = await waitSettled(op, where, id, classify);
        } catch (error) {
          if (!(error instanceof ResourceFailedError) || !d.converge) throw error;
          latest = error.lastValue as Remote;
        }
      }
      const written = d.converge ? await d.converge(op, id, inputs, latest) : undefined;
      if (written !== undefined) {
        latest = seen.latest = written;
        wrote = true;
        continue;
      }
      const outcome = d.classify(latest, inputs);
      if (outcome.phase === "failed") {
        throw new ResourceFailedError(
          d.describe(where, id),
          outcome.state,
          outcome.errorMessage,
          latest,
          op.elapsedMs(),
        );
      }
      const action = await d.userAction?.(op, latest, inputs);
      if (action) op.logger.info(action);
      if (outcome.phase === "transitional") {
        latest = seen.latest = await waitSettled(op, where, id, (remote) => d.classify(remote, inputs));
      }
      return latest;
    }
  }

  /**
   * Atlas holds the resource, but it did not settle (FAILED, a timeout, a failed read): keep it in state with
   * its id and what is known of it, so nothing leaks. One that vanished meanwhile left nothing behind.
   */
  async function keptInState(
    op: OperationContext,
    where: Where,
    id: string,
    inputs: Inputs,
    news: Outputs,
    lastKnown: Remote,
    error: unknown,
  ): Promise<Error> {
    if (error instanceof ResourceGoneError) {
      return new Error(
        `${error.message}: it was deleted outside Pulumi; nothing is left in Atlas, so run \`pulumi up\` again.`,
        { cause: error },
      );
    }
    let latest = error instanceof ResourceFailedError ? (error.lastValue as Remote) : undefined;
    // One more read for the outputs to keep, on its own request timeout: the operation's may have run out.
    latest ??= (await getUnless404(op, where, id, op.run.signal).catch(() => undefined)) ?? lastKnown;
    const outputs = await Promise.resolve(d.outputsOf(op, inputs, latest)).catch(() => ({ ...(inputs as Outputs) }));
    const explained = d.explainError?.(error, op.name, d.describe(where, id)) ?? error;
    const advice = adviceAfterFailure(d.describe(where, id), error, op);
    return partialFailure(
      id,
      withoutUndefined(outputs),
      news,
      new Error(`${messageOf(explained)}. ${advice}`, { cause: error }),
    );
  }

  /** After Atlas accepted a write, only a wait's outcome keeps the resource in state; a refused write changed nothing. */
  function isWaitOutcome(error: unknown): boolean {
    return error instanceof WaitError && !(error instanceof WaitAbortedError);
  }

  async function create(news: Outputs): Promise<dynamic.CreateResult<Outputs>> {
    const inputs = checked.parse(news);
    const op = start("create", inputs as Outputs, news);
    const where = d.addressOf(inputs);
    let obtained: Remote;
    let posted: boolean;
    try {
      const result = await obtain(op, inputs, where);
      obtained = result.remote;
      posted = result.posted === true;
    } catch (error) {
      throw d.explainError?.(error, "create", d.describe(where)) ?? error;
    }
    const id = d.idOf(obtained);
    if (id === undefined) throw new Error(`Atlas answered for the ${d.describe(where)} without an id`);
    const seen = { latest: obtained };
    try {
      const settled = await settleAndConverge(op, where, id, inputs, seen, posted);
      return { id, outs: await d.outputsOf(op, inputs, settled) };
    } catch (error) {
      // The resource exists (made or adopted): whatever failed, it stays in state.
      throw await keptInState(op, where, id, inputs, news, seen.latest, error);
    }
  }

  async function read(id: string, props: Outputs): Promise<dynamic.ReadResult<Outputs>> {
    const where = whereFromState(id, props, "read");
    const op = start("read", props, props);
    let remote: Remote | undefined;
    try {
      remote = await readOne(op, where, id);
    } catch (error) {
      throw d.explainError?.(error, "read", d.describe(where, id)) ?? error;
    }
    if (remote === undefined) {
      // No id: the engine drops it from state on refresh.
      op.logger.info(`${d.describe(where, id)} no longer exists in Atlas; it leaves the stack's state`);
      return {};
    }
    const settings = Object.fromEntries(
      d.diff.providerOnly.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]),
    );
    const inputs = { ...(await d.inputsFromAtlas(remote, props, where, op)), ...settings };
    const outputs = d.readOutputs ? await d.readOutputs(op, remote, inputs, props) : { ...inputs };
    const classification = d.classify(remote);
    if (classification.phase === "failed") {
      op.logger.warn(
        `${d.describe(where, id)} is ${classification.state}: ${classification.errorMessage ?? "Atlas gave no error message"}`,
      );
    }
    // The host adds __provider back to both (cmd/dynamic-provider `read`), so it is not repeated here.
    return { id, props: withoutUndefined(outputs), inputs: withoutUndefined(inputs) };
  }

  async function update(id: string, olds: Outputs, news: Outputs): Promise<dynamic.UpdateResult<Outputs>> {
    const inputs = checked.parse(news);
    const apiChanges = changedKeys(olds, news, d.diff.updatable);
    if (apiChanges.length === 0 && d.settledInState(olds)) {
      // Only settings of this provider changed (timeouts, poll, adoptExisting): stored without an Atlas call.
      const computed = Object.fromEntries(
        Object.entries(withoutProvider(olds)).filter(([key]) => !(key in news) && !d.diff.providerOnly.includes(key)),
      );
      return { outs: { ...computed, ...withoutUndefined(inputs as Outputs) } };
    }
    const op = start("update", inputs as Outputs, news);
    const where = d.addressOf(inputs);
    let current: Remote | undefined;
    try {
      current = await getUnless404(op, where, id);
    } catch (error) {
      throw d.explainError?.(error, "update", d.describe(where, id)) ?? error;
    }
    if (current === undefined) {
      throw new Error(
        `${d.describe(where, id)} no longer exists in Atlas (deleted outside Pulumi?): run \`pulumi refresh\` to drop it ` +
          `from the stack, then \`pulumi up\` to create it again.`,
      );
    }
    if (apiChanges.length > 0) op.progress(`${d.describe(where, id)}: updating ${apiChanges.join(", ")}`);
    else op.progress(`${d.describe(where, id)}: the last operation did not finish; waiting for it to settle`);
    const seen = { latest: current };
    try {
      const settled = await settleAndConverge(op, where, id, inputs, seen);
      return { outs: await d.outputsOf(op, inputs, settled) };
    } catch (error) {
      if (isWaitOutcome(error)) throw await keptInState(op, where, id, inputs, news, seen.latest, error);
      // Atlas refused the change (or it could not be sent): the state keeps what it had.
      throw d.explainError?.(error, "update", d.describe(where, id)) ?? error;
    }
  }

  async function remove(id: string, props: Outputs): Promise<void> {
    const where = whereFromState(id, props, "delete");
    const op = start("delete", props, props);
    const rules = d.deletion ?? {};
    const describe = d.describe(where, id);
    let refusals = 0;
    let lastBusy: AtlasApiError | undefined;
    try {
      for (;;) {
        try {
          await d.remove(op, where, id);
          break;
        } catch (caught) {
          // A retry that the deadline cut short: the refusal it repeated is the answer.
          const error = lastBusy && caught instanceof AtlasTimeoutError && op.remainingMs() <= 0 ? lastBusy : caught;
          if (isNotFound(error)) {
            op.logger.debug(`${describe} is already gone from Atlas`);
            return;
          }
          if (rules.alreadyDeletingCodes?.some((code) => hasErrorCode(error, code))) {
            op.progress(`${describe}: Atlas is deleting it already; waiting for it to be gone`);
            break;
          }
          if (!(error instanceof AtlasApiError) || error.status !== 409) throw error;
          const busy = rules.busyCodes?.find((code) => hasErrorCode(error, code));
          if (busy !== undefined) lastBusy = error;
          refusals++;
          if (busy !== undefined && op.remainingMs() > nextPollInterval(op.poll.schedule, undefined, op.elapsedMs())) {
            op.progress(
              `${describe} is still in use (${busy}); sending the DELETE again until it is free or timeouts.delete passes`,
            );
            await op.pauseBeforeAttempt(refusals);
            continue;
          }
          const why = rules.explainRefusal ? await rules.explainRefusal(op, where, id, error) : messageOf(error);
          const waited =
            busy === undefined
              ? ""
              : ` after ${formatElapsed(op.elapsedMs())} and ${refusals} attempts (timeouts.delete ${formatElapsed(op.timeoutMs)})`;
          throw new Error(
            `Atlas refused to delete ${describe}${waited}: ${why}. Resolve that, then run \`pulumi destroy\` (or \`pulumi up\`) again` +
              `${busy === undefined ? "" : "; raise timeouts.delete to wait longer"}.`,
            { cause: error },
          );
        }
      }
      try {
        await waitGone(op, where, id);
      } catch (error) {
        if (!rules.goneWhen?.(error)) throw error;
        op.logger.debug(`${describe}: Atlas answers ${messageOf(error)} after the DELETE; counted as gone`);
      }
    } catch (error) {
      const explained = d.explainError?.(error, "delete", describe) ?? error;
      if (error instanceof WaitTimeoutError) {
        throw new Error(
          `${messageOf(explained)}. Atlas may still finish; run \`pulumi destroy\` again later (a resource already gone counts as deleted), or raise timeouts.delete.`,
          { cause: error },
        );
      }
      throw explained;
    }
  }

  return {
    async check(_olds, news) {
      const run = runContext();
      // What beforeEach says belongs under the resource: in the process's first request, whose URN is not
      // known, it waits for the resource's next call (its create, read, update or delete).
      if (run.knowsResource(news)) d.beforeEach?.(run, run.loggerFor(news, d.label));
      return checked.check(news);
    },
    async diff(_id, olds, news) {
      const normalized = d.normalizeForDiff ? d.normalizeForDiff(news) : news;
      const result = diffByRules(olds, normalized, d.diff);
      if (!result.replaces?.length && d.replaceWhenFailed?.(olds)) {
        // Atlas cannot repair it in place (Terraform makes refresh fail instead): plan its replacement.
        const deleteFirst = d.deleteBeforeReplace?.(olds, normalized) ?? d.diff.deleteBeforeReplace ?? false;
        return { changes: true, replaces: ["status"], deleteBeforeReplace: deleteFirst };
      }
      if (result.replaces && result.replaces.length > 0 && d.deleteBeforeReplace) {
        return { ...result, deleteBeforeReplace: d.deleteBeforeReplace(olds, normalized) };
      }
      return result;
    },
    create,
    read,
    update,
    delete: remove,
  };
}
