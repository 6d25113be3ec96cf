/**
 * One running operation of one resource (shared/lifecycle.ts): its client, logger and poll settings, and the
 * deadline that `timeouts.<op>` sets for all of it; and the messages every resource words the same way.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { AtlasClient } from "../../client";
import type { CallOptions } from "../../client/transport";
import { nextPollInterval, ResourceFailedError, WaitTimeoutError } from "../../poller";
import type { Logger } from "../../logger";
import type { RunContext } from "./context";
import type { PollSettings } from "./poll";

export type Operation = "create" | "read" | "update" | "delete";

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
    /** Attached to the resource being operated on (its row in `pulumi up`). */
    readonly logger: Logger,
  ) {
    this.client = run.client();
    this.deadline = this.startedAt + timeoutMs;
  }

  /** Progress of the operation: the resource's row while it lasts, and a debug line. */
  progress(message: string): void {
    this.logger.status?.(message);
    this.logger.debug(message);
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

/** The one answer to state that lacks what Atlas needs. */
export function unreadableStateError(label: string, id: string, operation: Operation): Error {
  return new Error(
    `Cannot ${operation} ${label} ${id}: its state lacks the fields every Atlas call for it needs (projectId and the ` +
      `provider fields). Declare the resource with its inputs and \`adoptExisting: true\` instead of importing it, or ` +
      `remove it from the stack with \`pulumi state delete <urn>\` (Atlas keeps the object).`,
  );
}

export function adviceAfterFailure(describe: string, error: unknown, op: OperationContext): string {
  const operation = op.name === "update" ? "update" : "create";
  if (error instanceof ResourceFailedError) {
    return `${describe} stays in the stack: fix the cause, then \`pulumi up\` deals with it again (replace a FAILED resource with \`pulumi up --replace <urn>\`), or \`pulumi destroy\` deletes it.`;
  }
  // A wait that timed out, or a call the operation's deadline cut short.
  if (error instanceof WaitTimeoutError || op.remainingMs() <= 0) {
    return `${describe} stays in the stack: the next \`pulumi up\` waits for it again; raise timeouts.${operation} if Atlas needs longer.`;
  }
  return `${describe} stays in the stack; the next \`pulumi up\` reads it again.`;
}
