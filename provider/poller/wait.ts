import { silentLogger, type Logger } from "../logger";
import type { Classification } from "./classification";
import { systemPollClock, type PollClock } from "./clock";
import { ResourceFailedError, ResourceGoneError, WaitAbortedError, WaitTimeoutError } from "./errors";
import type { WatchedRead } from "./list-watcher";
import { ProgressReporter } from "./progress";
import { checkPhaseSchedule, phaseInterval, type PhaseSchedule } from "./phase-schedule";
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
  /** Overrides of the proportional schedule (see schedule.ts); used when `phases` is not given. */
  schedule?: Partial<PollSchedule>;
  /**
   * The phase-aware schedule (phase-schedule.ts): reads sparsely early in a state Atlas typically spends long
   * in, densely around its typical end. Takes precedence over `schedule`.
   */
  phases?: WaitPhases;
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

/** What the phase-aware schedule needs: its settings and Atlas's typical time per state (undefined: unknown). */
export interface WaitPhases {
  schedule: PhaseSchedule;
  typicalMsOf(state: string): number | undefined;
}

type Goal = "settled" | "gone";

/** A wait's view of its source: a GET after a sleep, or a watcher subscription. */
interface Observer<T> {
  next(delayMs: number, signal: AbortSignal): Promise<T | undefined>;
  /** How many waits share these reads now (1 for a wait's own GETs). */
  sharers(): number;
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

  const phases = options.phases
    ? { ...options.phases, schedule: checkPhaseSchedule(options.phases.schedule) }
    : undefined;
  const observer = openObserver(options.read, clock);
  let interval: number | undefined;
  let delayMs = Math.min(phases ? phases.schedule.firstReadMs : schedule.initialDelayMs, timeoutMs);
  // The phase-aware schedule's view: the state last read, since when (the wait's start for the first one), and
  // the most waits seen sharing the reads.
  let state: string | undefined;
  let stateSinceMs = 0;
  let lastReadMs = 0;
  let sharers = 1;
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
      if (phases) {
        // A new state began somewhere since the last read: the middle of that stretch is the best guess.
        if (state !== undefined && classification.state !== state) stateSinceMs = (lastReadMs + waitedMs) / 2;
        state = classification.state;
        lastReadMs = waitedMs;
        sharers = Math.max(sharers, observer.sharers());
        interval = phaseInterval(phases.schedule, {
          typicalMs: phases.typicalMsOf(state),
          inStateMs: waitedMs - stateSinceMs,
          waitedMs,
          sharers,
        });
      } else {
        interval = nextPollInterval(schedule, interval, waitedMs);
      }
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
    sharers: () => 1,
    close: () => {},
  };
}
