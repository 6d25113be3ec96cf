/**
 * What a resource tells the life cycle engine (shared/lifecycle.ts) about itself: where it lives, how Atlas
 * makes, reads, changes and deletes it, its states and its outputs.
 */
import type { z } from "zod";
import type { AtlasApiError, AtlasClient } from "../../client";
import type { Logger } from "../../logger";
import type { Classification, ListWatcherRegistry, TypicalDurations } from "../../poller";
import type { RunContext } from "./context";
import type { DiffRules } from "./diff";
import type { Operation, OperationContext } from "./operation";

export type Outputs = Record<string, unknown>;

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
  /** An error on the reads after an accepted DELETE that still means it is gone (a serverless endpoint's 400). */
  goneWhen?(error: unknown): boolean;
}

/**
 * What the engine needs to know about one resource. Every function receives checked inputs (the schema's
 * output) or, for read and delete, the address recorded in state.
 */
export interface ResourceDefinition<Inputs extends CommonInputs, Remote, Where extends Address> {
  /** "private endpoint service": names the resource in messages. */
  label: string;
  /**
   * The inputs: a discriminated union per provider; messages are written for the user. Loaded at the first check,
   * create or update (`() => require("./schema")…`): a read (refresh) or a delete never loads zod.
   */
  schema(): z.ZodType<Inputs>;
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
  /** Waits read through a shared list when `poll.coalesce` is on (the default); so do reads and natural-key lookups. */
  sharedList?(where: Where): SharedList<Remote>;
  /** The list a read (refresh) takes the resource from, for a kind whose waits keep their GET (default `sharedList`). */
  readList?(where: Where): SharedList<Remote>;
  /** Atlas's typical time per transitional state (provider/poller/typical-durations.ts): the default schedule's pace. */
  typicalDurations?: TypicalDurations;
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
  /**
   * Settled, transitional or failed. Without inputs: whether Atlas is done (writes wait for that). With the
   * declared inputs: whether it is where they ask the operation to end (a peer with waitForAvailable waits
   * past PENDING_ACCEPTANCE for AVAILABLE).
   */
  classify(remote: Remote, inputs?: Inputs): Classification;
  /** After a write, until Atlas shows it (default `classify`). */
  classifyAfterWrite?(remote: Remote, inputs?: Inputs): Classification;
  /** During a delete (default `classify`). */
  classifyDeletion?(remote: Remote): Classification;
  /** Whether the stored outputs say the resource settled; an update of settings only then needs no call. */
  settledInState(olds: Outputs): boolean;
  /** Whether the stored outputs say Atlas gave up on it (FAILED) in a way only a replacement repairs. */
  replaceWhenFailed?(olds: Outputs): boolean;
  /**
   * What the user must do next (accept a peering), told once when Atlas is done and nothing is left to send,
   * before waiting for the state the inputs ask for; undefined when there is nothing to do.
   */
  userAction?(op: OperationContext, remote: Remote, inputs: Inputs): Promise<string | undefined> | string | undefined;

  // ---- outputs ----------------------------------------------------------------------------------------
  /** What state holds: the checked inputs and what Atlas computed. */
  outputsOf(op: OperationContext, inputs: Inputs, remote: Remote): Promise<Outputs> | Outputs;
  /** The inputs as Atlas has them (read), with what only the state knows taken from `props`. */
  inputsFromAtlas(remote: Remote, props: Outputs, where: Where, op: OperationContext): Promise<Outputs> | Outputs;
  /** The outputs a read stores (default: the inputs from Atlas plus `outputsOf`'s computed fields). */
  readOutputs?(op: OperationContext, remote: Remote, inputs: Outputs, props: Outputs): Promise<Outputs> | Outputs;
  /** Turns an error into the one users see (the serverless sunset answer); default as is. `subject`: `describe`'s. */
  explainError?(error: unknown, operation: Operation, subject: string): unknown;
  /** Runs before every method (the serverless sunset warning); `logger` is the resource's. */
  beforeEach?(run: RunContext, logger: Logger): void;
}
