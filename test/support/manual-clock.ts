/**
 * A clock that only moves when the test says so, for the poller (`PollClock`) and the request budget
 * (`Clock`): both take `now()` and an abortable `sleep()`. Tests that run on it pass or fail the same way on
 * a busy CI machine as on an idle laptop, and take no real time.
 *
 * Between timers it lets every pending promise chain run to its end (a macrotask turn: the code under test
 * does no real I/O on this clock), so a test sees the state right after each due timer fired.
 */
export class ManualClock {
  private time: number;
  private timers: Array<{ at: number; order: number; fire: () => void }> = [];
  private created = 0;

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = {
        at: this.time + Math.max(0, ms),
        order: this.created++,
        fire: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Timers armed and not yet fired or aborted. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting what they start run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = this.nextTimer();
      if (!due || due.at > target) break;
      this.fire(due);
    }
    this.time = target;
    await settle();
  }

  /**
   * Fires timers in order until `promise` settles, and returns what it resolves or rejects with (as a
   * settled result, so a rejection is never unhandled). Fails when no timer is left and it is still pending,
   * or after `limitMs` of clock time: a wait that never ends is a failure, not a hung test.
   */
  async runUntilSettled<T>(
    promise: Promise<T>,
    limitMs = 3_600_000,
  ): Promise<{ status: "fulfilled"; value: T } | { status: "rejected"; reason: unknown }> {
    let outcome: { status: "fulfilled"; value: T } | { status: "rejected"; reason: unknown } | undefined;
    promise.then(
      (value) => (outcome = { status: "fulfilled", value }),
      (reason: unknown) => (outcome = { status: "rejected", reason }),
    );
    const limit = this.time + limitMs;
    for (;;) {
      await settle();
      if (outcome) return outcome;
      const due = this.nextTimer();
      if (!due) throw new Error("the promise is still pending and no timer is armed: it can never settle");
      if (due.at > limit) throw new Error(`the promise is still pending after ${limitMs} ms of clock time`);
      this.fire(due);
    }
  }

  /** Like runUntilSettled, for a promise expected to resolve: its value (a rejection fails the test). */
  async resolved<T>(promise: Promise<T>, limitMs?: number): Promise<T> {
    const outcome = await this.runUntilSettled(promise, limitMs);
    if (outcome.status === "rejected") throw outcome.reason;
    return outcome.value;
  }

  /** Like runUntilSettled, for a promise expected to reject: its reason (a resolution fails the test). */
  async rejected(promise: Promise<unknown>, limitMs?: number): Promise<unknown> {
    const outcome = await this.runUntilSettled(promise, limitMs);
    if (outcome.status === "fulfilled") throw new Error("expected a rejection, and the promise resolved");
    return outcome.reason;
  }

  private nextTimer() {
    return [...this.timers].sort((a, b) => a.at - b.at || a.order - b.order)[0];
  }

  private fire(timer: { at: number; fire: () => void }): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.fire();
  }
}

/** Lets every queued promise continuation run: one macrotask turn comes after all microtasks. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Watches a promise without awaiting it: whether it has settled yet, and how (a rejection is never unhandled). */
export function track<T>(promise: Promise<T>): {
  settled: () => boolean;
  value: () => T | undefined;
  error: () => unknown;
} {
  let settled = false;
  let value: T | undefined;
  let error: unknown;
  promise.then(
    (result) => {
      settled = true;
      value = result;
    },
    (reason: unknown) => {
      settled = true;
      error = reason;
    },
  );
  return { settled: () => settled, value: () => value, error: () => error };
}
