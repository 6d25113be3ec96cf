/**
 * The process-wide request budget: a token bucket per Atlas origin, shared by every client of the
 * process (so by every resource of one `pulumi up`, which all run in one dynamic-provider process).
 * Each HTTP request takes one token. When Atlas answers 429 with Retry-After, the bucket is paused
 * for every caller, not only the one that got the 429: Atlas's buckets are per project, org or IP,
 * so our other requests would be refused too.
 */
import type { RequestBudgetSettings } from "./settings";

export const defaultRequestBudget: RequestBudgetSettings = { capacity: 50, refillPerSecond: 10 };

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export interface RequestBudgetStats {
  /** Tokens handed out (one per HTTP request). */
  granted: number;
  /** Requests that had to wait for a token or a pause. */
  waited: number;
  /** Times a 429 paused the whole budget. */
  pauses: number;
}

export class RequestBudget {
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  /** FIFO of waiters, so a burst is served in arrival order and none starves. */
  private readonly queue: Array<() => void> = [];
  private pumping = false;
  readonly stats: RequestBudgetStats = { granted: 0, waited: 0, pauses: 0 };

  constructor(
    private settings: RequestBudgetSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = settings.capacity;
    this.lastRefill = clock.now();
  }

  get capacity(): number {
    return this.settings.capacity;
  }

  /** Changes capacity and refill rate; tokens already in the bucket are kept up to the new capacity. */
  reconfigure(settings: RequestBudgetSettings): void {
    this.refill();
    this.settings = settings;
    this.tokens = Math.min(this.tokens, settings.capacity);
  }

  /** Tokens available now (after refilling for the time elapsed). */
  available(): number {
    this.refill();
    return this.clock.now() < this.pausedUntil ? 0 : Math.floor(this.tokens);
  }

  /** Stops handing out tokens for `ms` (the longest pause asked for wins). */
  pauseFor(ms: number): void {
    const until = this.clock.now() + ms;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.stats.pauses++;
    }
  }

  /**
   * Atlas told us how many requests its bucket still holds (RateLimit-Remaining): never believe we
   * have more than that, so a burst slows down before it meets a 429.
   */
  observeRemaining(remaining: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, remaining);
  }

  /** Takes one token, waiting for a refill or the end of a pause; rejects if `signal` aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    if (this.queue.length === 0 && this.tryTake()) return;
    this.stats.waited++;
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.queue.indexOf(grant);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(grant);
      void this.pump();
    });
  }

  private tryTake(): boolean {
    this.refill();
    if (this.clock.now() < this.pausedUntil || this.tokens < 1) return false;
    this.tokens -= 1;
    this.stats.granted++;
    return true;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.lastRefill);
    this.tokens = Math.min(this.settings.capacity, this.tokens + (elapsed / 1000) * this.settings.refillPerSecond);
    this.lastRefill = now;
  }

  /** One loop serves the queue: sleeps until the next token is due, then grants in order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        if (this.tryTake()) {
          this.queue.shift()?.();
          continue;
        }
        const now = this.clock.now();
        const untilToken = Math.ceil(((1 - this.tokens) / this.settings.refillPerSecond) * 1000);
        const wait = Math.max(this.pausedUntil - now, untilToken, 1);
        await this.clock.sleep(wait);
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** One budget per Atlas origin for the whole process (module-level, like every cache in runtime.ts). */
const budgets = new Map<string, RequestBudget>();

/**
 * The process's budget for `origin`. Settings, when given, reconfigure it (the last configuration
 * wins: every client of one `pulumi up` is built from the same provider configuration).
 */
export function requestBudgetFor(origin: string, settings?: RequestBudgetSettings): RequestBudget {
  let budget = budgets.get(origin);
  if (!budget) {
    budget = new RequestBudget(settings ?? defaultRequestBudget);
    budgets.set(origin, budget);
  } else if (settings) {
    budget.reconfigure(settings);
  }
  return budget;
}

/** Forgets every budget (tests start each scenario from a full bucket). */
export function resetRequestBudgets(): void {
  budgets.clear();
}
