/**
 * The poller's only source of time. Waits and list watchers take one as an option (default: the real one),
 * so their tests run on a clock that moves only when the test says so, and pass or fail the same way on
 * an idle laptop and on a busy 2-core CI machine (issue #9).
 */
import { abortableSleep } from "../abortable";

export interface PollClock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason (and drops its timer) when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: `performance.now()` (monotonic, unlike Date.now) and a timer that is cleared on abort. */
export const systemPollClock: PollClock = {
  now: () => performance.now(),
  sleep: abortableSleep,
};
