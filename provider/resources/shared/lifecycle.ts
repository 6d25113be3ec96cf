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
 *   `maxCreateAttempts` times, pausing on the wait's own schedule. Then wait until settled, converge
 *   (the writes that bring what exists to the declared inputs) and wait again, until nothing is left to send.
 * - `timeouts.<op>` bounds the whole operation, every wait and call inside it included.
 * - Once Atlas holds the resource, any failure (FAILED, timeout, a failed read) is a partial failure: the
 *   engine keeps the id and the latest outputs in state, so nothing leaks; the next `up` resumes.
 * - read: 404 means gone (the refresh drops it); otherwise the inputs as Atlas has them, so drift shows.
 * - update: only provider-only settings changed and the resource is settled: no API call. Otherwise read
 *   it, converge, wait, as create does.
 * - delete: DELETE, then wait for 404. 404 at once is done; "already being deleted" waits; "in use" codes
 *   are retried until the delete timeout; another 409 gets the resource's explanation.
 * - State without the fields Atlas needs (edited by hand, written by an old version): one message that
 *   names the resource and `pulumi state delete`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { AtlasApiError, hasErrorCode, isNotFound, type AtlasClient } from "../../client";
import type { CallOptions } from "../../client/transport";
import {
  formatElapsed,
  nextPollInterval,
  ResourceFailedError,
  ResourceGoneError,
  WaitAbortedError,
  WaitError,
  WaitTimeoutError,
  waitUntilGone,
  waitUntilSettled,
  type Classification,
  type ListWatcherRegistry,
  type ReadSource,
} from "../../poller";
import { checkInputs, fieldsPerVariant, parseCheckedInputs, withoutProvider, type CheckContext } from "./check";
import { runContext, type RunContext } from "./context";
import { changedKeys, diffByRules, type DiffRules } from "./diff";
import { mayHaveReachedAtlas, messageOf } from "./errors";
import { withoutUndefined } from "./outputs";
import { partialFailure } from "./partial-failure";
import type { PollSettings } from "./poll";
import type { ResourceProviderImplementation } from "./provider-contract";
import { waitSettingsOf } from "./wait-settings";

export type Outputs = Record<string, unknown>;
type Operation = "create" | "read" | "update" | "delete";

/** POSTs per create when Atlas's answer leaves it unclear whether the resource was made (5xx, reset, timeout). */
export const maxCreateAttempts = 3;

/** The inputs every resource has (shared/fields.ts `commonInputFields`). */
export interface CommonInputs {
  projectId: string;
  adoptExisting?: boolean | undefined;
  timeouts?: unknown;
  poll?: unknown;
}

/** Where a resource lives: every Atlas path starts with its project. */
export interface Address {
  projectId: string;
}

/**
 * One running operation (create, read, update or delete) of one resource: the run's client and logger, the
 * poll settings, and the deadline that `timeouts.<op>` sets for the whole operation.
 */
export class OperationContext {
  readonly client: AtlasClient;
  private readonly startedAt = performance.now();
  private readonly deadline: number;

  constructor(
    readonly run: RunContext,
    readonly name: Operation,
    readonly poll: PollSettings,
    /** The operation's timeout; reads (refresh) are bounded by each call's own request timeout only. */
    readonly timeoutMs: number,
  ) {
    this.client = run.client();
    this.deadline = this.startedAt + timeoutMs;
  }

  get logger() {
    return this.run.logger;
  }

  remainingMs(): number {
    return this.deadline - performance.now();
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Options for one client call: cancelled with the run, and never longer than what is left of the operation. */
  call(): CallOptions {
    return { signal: this.run.signal, timeoutMs: Math.max(1, Math.ceil(this.remainingMs())) };
  }

  /**
   * The pause before sending a write again (attempt 1 = after the first failure): the next interval of the
   * wait's own schedule, so tests that poll fast retry fast and users wait about a second.
   */
  async pauseBeforeAttempt(attempt: number): Promise<void> {
    let interval: number | undefined;
    for (let i = 0; i < attempt; i++) interval = nextPollInterval(this.poll.schedule, interval, this.elapsedMs());
    const pauseMs = Math.min(interval ?? 0, Math.max(0, this.remainingMs()));
    await sleep(pauseMs, undefined, { signal: this.run.signal });
  }
}

/** Coalesced reads: one list call per tick serves every wait on the same list (provider/poller/list-watcher.ts). */
export interface SharedList<Remote> {
  registry(run: RunContext): ListWatcherRegistry<Remote>;
  /** Everything the list depends on but the client (kind, project, provider or instance). */
  key: string;
  describe: string;
  list(client: AtlasClient, signal: AbortSignal): Promise<readonly Remote[]>;
}

/** How a resource deletes, where Atlas differs between resources. */
export interface DeletionRules<Where extends Address> {
  /** 409 codes that mean Atlas is deleting it already: wait for it to be gone. */
  alreadyDeletingCodes?: readonly string[];
  /** 409 codes that mean "in use, try later": the DELETE is sent again until the delete timeout. */
  busyCodes?: readonly string[];
  /** Why Atlas refused (another 409, or busy until the timeout): names what still uses the resource. */
  explainRefusal?(op: OperationContext, where: Where, id: string, error: AtlasApiError): Promise<string>;
}

/**
 * What the engine needs to know about one resource. Every function receives checked inputs (the schema's
 * output) or, for read and delete, the address recorded in state.
 */
export interface ResourceDefinition<Inputs extends CommonInputs, Remote, Where extends Address> {
  /** "private endpoint service": names the resource in messages. */
  label: string;
  /** The inputs: a discriminated union per provider; messages are written for the user. */
  schema: z.ZodType<Inputs>;
  /** The schema's discriminator (providerName): check names the variants a misplaced field belongs to. */
  discriminator?: string;
  diff: DiffRules;
  /** Per change, whether the old resource must go before its replacement is made (default `diff.deleteBeforeReplace`). */
  deleteBeforeReplace?(olds: Outputs, news: Outputs): boolean;
  /** Brings new inputs to the form outputs are stored in before they are compared (while some are still unknown). */
  normalizeForDiff?(news: Outputs): Outputs;

  // ---- where it lives ------------------------------------------------------------------------------
  addressOf(inputs: Inputs): Where;
  /** The address recorded in state, or undefined when the state lacks what Atlas needs. */
  addressFromState(props: Outputs): Where | undefined;
  /** "private endpoint service 65… (AWS US_EAST_1, project 5f…)"; without id, the one to be made. */
  describe(where: Where, id?: string): string;

  // ---- Atlas ------------------------------------------------------------------------------------------
  /** One GET; the engine reads a 404 as gone. */
  get(op: OperationContext, where: Where, id: string, signal?: AbortSignal): Promise<Remote>;
  /** Waits read through a shared list when `poll.coalesce` is on (the default). */
  sharedList?(where: Where): SharedList<Remote>;
  idOf(remote: Remote): string | undefined;
  /** The resource Atlas has for the inputs' natural key, if any (may throw when the match is ambiguous). */
  findExisting(op: OperationContext, inputs: Inputs, where: Where): Promise<Remote | undefined>;
  /** True for a natural-key match that is being deleted: the create waits until it is gone. */
  isLeaving?(remote: Remote): boolean;
  /** The create call. */
  post(op: OperationContext, inputs: Inputs, where: Where): Promise<Remote>;
  /** Words a refused create (a 4xx that is no conflict): add what the user should check. */
  explainRefusedCreate?(inputs: Inputs, error: unknown): string | undefined;
  /** The refusal to take over an existing resource without `adoptExisting`: what exists, and the way out. */
  refuseToAdopt(inputs: Inputs, existing: Remote): string;
  /** Checks an existing resource can become this one; throws a message when Atlas could not change what differs. */
  checkAdoptable?(op: OperationContext, inputs: Inputs, existing: Remote): void;
  /**
   * The writes that bring what Atlas has (settled, or FAILED) to the declared inputs: a PATCH after an
   * adoption or for an update, an attachment after a reservation. Returns Atlas's answer after a write (the
   * engine then waits again), or undefined when nothing needs to be sent. May throw when Atlas cannot do it.
   */
  converge?(op: OperationContext, id: string, inputs: Inputs, current: Remote): Promise<Remote | undefined>;
  /** DELETE; the engine handles 404, the codes in `deletion` and the wait until it is gone. */
  remove(op: OperationContext, where: Where, id: string): Promise<void>;
  deletion?: DeletionRules<Where>;

  // ---- states -----------------------------------------------------------------------------------------
  /** Settled, transitional or failed, for the declared inputs (a wait ends at the states they ask for). */
  classify(remote: Remote, inputs?: Inputs): Classification;
  /** After a write, until Atlas shows it (default `classify`). */
  classifyAfterWrite?(remote: Remote, inputs?: Inputs): Classification;
  /** During a delete (default `classify`). */
  classifyDeletion?(remote: Remote): Classification;
  /** Whether the stored outputs say the resource settled; an update of settings only then needs no call. */
  settledInState(olds: Outputs): boolean;
  /** Whether the stored outputs say Atlas gave up on it (FAILED) in a way only a replacement repairs. */
  replaceWhenFailed?(olds: Outputs): boolean;
  /** Told once per wait when the resource settles in a state that needs the user (accept a peering). */
  userAction?(remote: Remote, inputs: Inputs): string | undefined;

  // ---- outputs ----------------------------------------------------------------------------------------
  /** What state holds: the checked inputs and what Atlas computed. */
  outputsOf(op: OperationContext, inputs: Inputs, remote: Remote): Promise<Outputs> | Outputs;
  /** The inputs as Atlas has them (read), with what only the state knows taken from `props`. */
  inputsFromAtlas(remote: Remote, props: Outputs, where: Where): Outputs;
  /** The outputs a read stores (default: the inputs from Atlas plus `outputsOf`'s computed fields). */
  readOutputs?(op: OperationContext, remote: Remote, inputs: Outputs, props: Outputs): Promise<Outputs> | Outputs;
  /** Turns an error into the one users see (the serverless sunset answer); default as is. */
  explainError?(error: unknown, operation: Operation): unknown;
  /** Runs before every method (the serverless sunset warning). */
  beforeEach?(run: RunContext): void;
}

// ---- messages shared by every resource -----------------------------------------------------------------

/** The one answer to state that lacks what Atlas needs. */
export function unreadableStateError(label: string, id: string, operation: Operation): Error {
  return new Error(
    `Cannot ${operation} ${label} ${id}: its state lacks the fields every Atlas call for it needs (projectId and the ` +
      `provider fields). Declare the resource with its inputs and \`adoptExisting: true\` instead of importing it, or ` +
      `remove it from the stack with \`pulumi state delete <urn>\` (Atlas keeps the object).`,
  );
}

function adviceAfterFailure(describe: string, error: unknown, operation: "create" | "update"): string {
  if (error instanceof ResourceFailedError) {
    return `${describe} stays in the stack: fix the cause, then \`pulumi up\` deals with it again (replace a FAILED resource with \`pulumi up --replace <urn>\`), or \`pulumi destroy\` deletes it.`;
  }
  if (error instanceof WaitTimeoutError) {
    return `${describe} stays in the stack: the next \`pulumi up\` waits for it again; raise timeouts.${operation} if Atlas needs longer.`;
  }
  return `${describe} stays in the stack; the next \`pulumi up\` reads it again.`;
}

// ---- the engine ----------------------------------------------------------------------------------------

/** The provider methods for a resource definition. */
export function defineResource<Inputs extends CommonInputs, Remote, Where extends Address>(
  definition: ResourceDefinition<Inputs, Remote, Where>,
): ResourceProviderImplementation {
  const d = definition;
  const checkContext: CheckContext = d.discriminator
    ? {
        resourceLabel: d.label,
        discriminator: d.discriminator,
        providerOnlyFields: fieldsPerVariant(d.schema, d.discriminator),
      }
    : { resourceLabel: d.label };
  const classifyDeletion = (remote: Remote) => (d.classifyDeletion ?? d.classify)(remote);

  function start(operation: Operation, settings: Outputs): OperationContext {
    const run = runContext();
    d.beforeEach?.(run);
    const { timeouts, poll } = waitSettingsOf(settings);
    const timeoutMs =
      operation === "create" ? timeouts.createMs : operation === "update" ? timeouts.updateMs : timeouts.deleteMs;
    return new OperationContext(run, operation, poll, timeoutMs);
  }

  function whereFromState(id: string, props: Outputs, operation: Operation): Where {
    const where = d.addressFromState(props);
    if (!where) throw unreadableStateError(d.label, id, operation);
    return where;
  }

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
    inputs: Inputs,
    classify: (remote: Remote, inputs?: Inputs) => Classification,
  ): Promise<Remote> {
    let told = false;
    return waitUntilSettled({
      describe: d.describe(where, id),
      read: readSource(op, where, id),
      classify: (remote) => {
        const classification = classify(remote, inputs);
        if (!told && classification.phase === "settled" && d.userAction) {
          const action = d.userAction(remote, inputs);
          if (action) {
            told = true;
            op.logger.info(action);
          }
        }
        return classification;
      },
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

  /** The natural-key match that stays: one being deleted (a replacement, an out-of-band delete) is waited out. */
  async function findLive(op: OperationContext, inputs: Inputs, where: Where): Promise<Remote | undefined> {
    for (;;) {
      const existing = await d.findExisting(op, inputs, where);
      const id = existing === undefined ? undefined : d.idOf(existing);
      if (existing === undefined || id === undefined || !d.isLeaving?.(existing)) return existing;
      op.logger.info(`${d.describe(where, id)} is being deleted; waiting for it to go before creating its successor`);
      await waitGone(op, where, id);
    }
  }

  function adoptOrRefuse(op: OperationContext, inputs: Inputs, where: Where, existing: Remote): Remote {
    if (!inputs.adoptExisting) throw new Error(d.refuseToAdopt(inputs, existing));
    d.checkAdoptable?.(op, inputs, existing);
    op.logger.info(`${d.describe(where, d.idOf(existing))}: adopting the existing resource (adoptExisting)`);
    return existing;
  }

  /** The resource this create ends up with: an existing one (adopted), or the one a POST made. */
  async function obtain(op: OperationContext, inputs: Inputs, where: Where): Promise<Remote> {
    const existing = await findLive(op, inputs, where);
    if (existing !== undefined) return adoptOrRefuse(op, inputs, where, existing);
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxCreateAttempts; attempt++) {
      try {
        const created = await d.post(op, inputs, where);
        op.logger.info(`${d.describe(where, d.idOf(created))}: created`);
        return created;
      } catch (error) {
        lastError = error;
        if (error instanceof AtlasApiError && error.status === 409) {
          // Made by someone else since the lookup (or the lookup did not see it yet): the adopt rules apply.
          const found = await findLive(op, inputs, where);
          if (found !== undefined) return adoptOrRefuse(op, inputs, where, found);
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
          op.logger.info(
            `${d.describe(where, d.idOf(found))}: the create call failed (${messageOf(error)}) but Atlas made it; continuing with it`,
          );
          return found;
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
   * From a resource Atlas holds to the declared inputs: wait until it settles, send what still differs, read
   * until the write shows (Atlas's answer to a write may still show the old state), and again, until nothing
   * is left to send. A FAILED resource is handed to converge, which repairs it or says why it cannot.
   */
  async function settleAndConverge(
    op: OperationContext,
    where: Where,
    id: string,
    inputs: Inputs,
    seen: { latest: Remote },
  ): Promise<Remote> {
    let latest = seen.latest;
    let wrote = false;
    for (;;) {
      const classify = wrote && d.classifyAfterWrite ? d.classifyAfterWrite : d.classify;
      if (wrote || classify(latest, inputs).phase === "transitional") {
        try {
          latest = seen.latest = await waitSettled(op, where, id, inputs, classify);
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
    const explained = d.explainError?.(error, op.name) ?? error;
    const advice = adviceAfterFailure(d.describe(where, id), error, op.name === "update" ? "update" : "create");
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
    const inputs = parseCheckedInputs(d.schema, news, checkContext);
    const op = start("create", inputs as Outputs);
    const where = d.addressOf(inputs);
    let obtained: Remote;
    try {
      obtained = await obtain(op, inputs, where);
    } catch (error) {
      throw d.explainError?.(error, "create") ?? error;
    }
    const id = d.idOf(obtained);
    if (id === undefined) throw new Error(`Atlas answered for the ${d.describe(where)} without an id`);
    const seen = { latest: obtained };
    try {
      const settled = await settleAndConverge(op, where, id, inputs, seen);
      return { id, outs: await d.outputsOf(op, inputs, settled) };
    } catch (error) {
      // The resource exists (made or adopted): whatever failed, it stays in state.
      throw await keptInState(op, where, id, inputs, news, seen.latest, error);
    }
  }

  async function read(id: string, props: Outputs): Promise<dynamic.ReadResult<Outputs>> {
    const where = whereFromState(id, props, "read");
    const op = start("read", props);
    let remote: Remote | undefined;
    try {
      remote = await getUnless404(op, where, id);
    } catch (error) {
      throw d.explainError?.(error, "read") ?? error;
    }
    if (remote === undefined) {
      // No id: the engine drops it from state on refresh.
      op.logger.info(`${d.describe(where, id)} no longer exists in Atlas; it leaves the stack's state`);
      return {};
    }
    const settings = Object.fromEntries(
      d.diff.providerOnly.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]),
    );
    const inputs = { ...d.inputsFromAtlas(remote, props, where), ...settings };
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
    const inputs = parseCheckedInputs(d.schema, news, checkContext);
    const apiChanges = changedKeys(olds, news, d.diff.updatable);
    if (apiChanges.length === 0 && d.settledInState(olds)) {
      // Only settings of this provider changed (timeouts, poll, adoptExisting): stored without an Atlas call.
      const computed = Object.fromEntries(
        Object.entries(withoutProvider(olds)).filter(([key]) => !(key in news) && !d.diff.providerOnly.includes(key)),
      );
      return { outs: { ...computed, ...withoutUndefined(inputs as Outputs) } };
    }
    const op = start("update", inputs as Outputs);
    const where = d.addressOf(inputs);
    let current: Remote | undefined;
    try {
      current = await getUnless404(op, where, id);
    } catch (error) {
      throw d.explainError?.(error, "update") ?? error;
    }
    if (current === undefined) {
      throw new Error(
        `${d.describe(where, id)} no longer exists in Atlas (deleted outside Pulumi?): run \`pulumi refresh\` to drop it ` +
          `from the stack, then \`pulumi up\` to create it again.`,
      );
    }
    if (apiChanges.length > 0) op.logger.info(`${d.describe(where, id)}: updating ${apiChanges.join(", ")}`);
    else op.logger.info(`${d.describe(where, id)}: the last operation did not finish; waiting for it to settle`);
    const seen = { latest: current };
    try {
      const settled = await settleAndConverge(op, where, id, inputs, seen);
      return { outs: await d.outputsOf(op, inputs, settled) };
    } catch (error) {
      if (isWaitOutcome(error)) throw await keptInState(op, where, id, inputs, news, seen.latest, error);
      // Atlas refused the change (or it could not be sent): the state keeps what it had.
      throw d.explainError?.(error, "update") ?? error;
    }
  }

  async function remove(id: string, props: Outputs): Promise<void> {
    const where = whereFromState(id, props, "delete");
    const op = start("delete", props);
    const rules = d.deletion ?? {};
    const describe = d.describe(where, id);
    let refusals = 0;
    try {
      for (;;) {
        try {
          await d.remove(op, where, id);
          break;
        } catch (error) {
          if (isNotFound(error)) {
            op.logger.info(`${describe} is already gone from Atlas`);
            return;
          }
          if (rules.alreadyDeletingCodes?.some((code) => hasErrorCode(error, code))) {
            op.logger.info(`${describe}: Atlas is deleting it already; waiting for it to be gone`);
            break;
          }
          if (!(error instanceof AtlasApiError) || error.status !== 409) throw error;
          const busy = rules.busyCodes?.find((code) => hasErrorCode(error, code));
          refusals++;
          if (busy !== undefined && op.remainingMs() > nextPollInterval(op.poll.schedule, undefined, op.elapsedMs())) {
            if (refusals === 1) {
              op.logger.info(
                `${describe} is still in use (${busy}); sending the DELETE again until it is free or timeouts.delete passes`,
              );
            }
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
      await waitGone(op, where, id);
    } catch (error) {
      const explained = d.explainError?.(error, "delete") ?? error;
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
      d.beforeEach?.(runContext());
      return checkInputs(d.schema, news, checkContext);
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
