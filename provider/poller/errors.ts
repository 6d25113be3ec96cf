import { formatElapsed } from "./progress";

/**
 * Why a wait ended without the outcome it waited for. Every error names the resource (its `describe`
 * text: ids, provider and region, never a credential), the time waited and the last state read.
 */
export abstract class WaitError extends Error {
  protected constructor(
    message: string,
    readonly describe: string,
    readonly elapsedMs: number,
    /** The last state read, or undefined when no read completed. */
    readonly lastState: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Atlas reports the resource FAILED (or DELETION_FAILED): waiting longer will not help. */
export class ResourceFailedError<T = unknown> extends WaitError {
  constructor(
    describe: string,
    readonly state: string,
    /** Atlas's own error text (errorMessage, errorState or errorStateName, per resource and provider). */
    readonly errorMessage: string | undefined,
    readonly lastValue: T,
    elapsedMs: number,
  ) {
    super(
      `${describe} is ${state} after ${formatElapsed(elapsedMs)}: ${errorMessage ?? "Atlas gave no error message"}`,
      describe,
      elapsedMs,
      state,
    );
  }
}

/** The overall timeout passed while the resource was still transitional. */
export class WaitTimeoutError extends WaitError {
  constructor(
    describe: string,
    lastState: string | undefined,
    elapsedMs: number,
    readonly timeoutMs: number,
    /** What the wait was for: "to settle" or "to be deleted". */
    readonly goal: string,
  ) {
    super(
      `timed out after ${formatElapsed(elapsedMs)} waiting for ${describe} ${goal}; ` +
        (lastState === undefined ? "no read completed" : `last state ${lastState}`),
      describe,
      elapsedMs,
      lastState,
    );
  }
}

/** The resource disappeared (404, or missing from its list) while the wait expected it to settle. */
export class ResourceGoneError extends WaitError {
  constructor(describe: string, lastState: string | undefined, elapsedMs: number) {
    super(
      `${describe} disappeared while waiting for it to settle (after ${formatElapsed(elapsedMs)}` +
        (lastState === undefined ? ")" : `; last state ${lastState})`),
      describe,
      elapsedMs,
      lastState,
    );
  }
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class WaitAbortedError extends WaitError {
  constructor(describe: string, lastState: string | undefined, elapsedMs: number, reason: unknown) {
    super(
      `stopped waiting for ${describe} after ${formatElapsed(elapsedMs)} (aborted)` +
        (lastState === undefined ? "" : `; last state ${lastState}`),
      describe,
      elapsedMs,
      lastState,
      { cause: reason },
    );
  }
}
