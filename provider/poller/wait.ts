import { silentLogger, type Logger } from "../logger";
import type { Classification } from "./classification";
import { systemPollClock, type PollClock } from "./clock";
import { ResourceFailedError, ResourceGoneError, WaitAbortedError, WaitTimeoutError } from "./errors";
import type { WatchedRead } from "./list-watcher";
import { ProgressReporter } from "./progress";
import { nextPollInterval, resolvePollSchedule, type PollSchedule } from "./schedule";

/** One GET of the resource: its current value, or undefined when Atlas answers 404. */
export type DirectRead<T> = (signal: AbortSignal) => Promise<T | undefined>;

/**
 * Where a wait's reads come from, chosen per call: its own GET (a function), or a coalescing watcher
 * (`watcher.reader(id)`). The benchmark turns coalescing off by passing the GET.
 */
export type ReadSource<T> = DirectRead<T> | WatchedRead<T>;

export interface WaitOptions<T> {
  /** Names the resource in progress lines and errors: ids, provider, region; never a credential. */
  describe: string;
  read: ReadSource<T>;
  classify: (value: T) => Classification;
  /** The overall limit; the last read happens at this time at the latest. */
  timeoutMs: number;
  /** Overrides of the default schedule (see schedule.ts). */
  schedule?: Partial<PollSchedule>;
  logger?: Logger;
  /** Cancels the wait and its timers; the wait rejects with WaitAbortedError. */
  signal?: AbortSignal;
  /**
   * Times the wait and the pauses between its own GETs (default: real time). A watched read waits on its
   * watcher's clock, which should be the same one. Tests pass a clock they move by hand.
   */
  clock?: PollClock;
}

/**
 * Reads until the resource settles and resolves with the settled value. Rejects with ResourceFailedError
 * (FAILED: Atlas's error text), WaitTimeoutError, ResourceGoneError (404 while waiting), WaitAbortedError,
 * or the read's own error (the client has already retried what is safe to retry).
 */
export async function waitUntilSettled<T>(options: WaitOptions<T>): Promise<T> {
  // poll resolves undefined only when the goal is "gone"; for "settled" a 404 is a ResourceGoneError.
  return (await poll(options, "settled")) as T;
}

/**
 * Reads until the resource is gone (404, or missing from its list). A settled or transitional resource keeps
 * the wait going (Atlas may still show AVAILABLE just after a DELETE); FAILED / DELETION_FAILED end it with
 * ResourceFailedError.
 */
export async function waitUntilGone<T>(options: WaitOptions<T>): Promise<void> {
  await poll(options, "gone");
}

type Goal = "settled" | "gone";

/** A wait's view of its source: a GET after a sleep, or a watcher subscription. */
interface Observer<T> {
  next(delayMs: number, signal: AbortSignal): Promise<T | undefined>;
  close(): void;
}

async function poll<T>(options: WaitOptions<T>, goal: Goal): Promise<T | undefined> {
  const { describe, classify, timeoutMs } = options;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(`timeoutMs must be a positive finite number (got ${timeoutMs})`);
  }
  const schedule = resolvePollSchedule(options.schedule);
  const progress = new ProgressReporter(
    describe,
    options.logger ?? silentLogger,
    goal === "settled" ? "to settle" : "to be deleted",
  );
  // A derived signal: the caller may share one signal across many waits, and AbortSignal.any links them
  // without adding a listener per wait to it (Node warns past ten listeners on one signal).
  const signal = options.signal ? AbortSignal.any([options.signal]) : new AbortController().signal;
  const clock = options.clock ?? systemPollClock;
  const startedAt = clock.now();
  const elapsed = () => clock.now() - startedAt;
  if (signal.aborted) throw new WaitAbortedError(describe, undefined, 0, signal.reason);

  const observer = openObserver(options.read, clock);
  let interval: number | undefined;
  let delayMs = Math.min(schedule.initialDelayMs, timeoutMs);
  try {
    for (;;) {
      let value: T | undefined;
      try {
        value = await observer.next(delayMs, signal);
      } catch (error) {
        if (signal.aborted) throw new WaitAbortedError(describe, progress.lastState, elapsed(), signal.reason);
        throw error;
      }
      const waitedMs = elapsed();
      if (value === undefined) {
        if (goal === "gone") {
          progress.gone(waitedMs);
          return undefined;
        }
        throw new ResourceGoneError(describe, progress.lastState, waitedMs);
      }
      const classification = classify(value);
      progress.observe(classification, waitedMs);
      if (classification.phase === "failed") {
        throw new ResourceFailedError(describe, classification.state, classification.errorMessage, value, waitedMs);
      }
      if (classification.phase === "settled" && goal === "settled") return value;
      const remainingMs = timeoutMs - waitedMs;
      if (remainingMs <= 0) {
        const goalText = goal === "settled" ? "to settle" : "to be deleted";
        throw new WaitTimeoutError(describe, classification.state, waitedMs, timeoutMs, goalText);
      }
      interval = nextPollInterval(schedule, interval, waitedMs);
      delayMs = Math.min(interval, remainingMs);
    }
  } finally {
    progress.done();
    observer.close();
  }
}

function openObserver<T>(read: ReadSource<T>, clock: PollClock): Observer<T> {
  if (typeof read !== "function") return read.watcher.subscribe(read.id);
  return {
    next: async (delayMs, signal) => {
      await clock.sleep(delayMs, signal);
      return read(signal);
    },
    close: () => {},
  };
}
