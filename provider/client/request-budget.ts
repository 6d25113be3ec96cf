/**
 * A client's request budget (one client serves every resource of a run, see
 * provider/resources/shared/context.ts): our own token bucket, a ceiling the client never exceeds, and
 * the pacing Atlas's RateLimit-* answers call for (rate-limit-pacer.ts). Each HTTP request takes one
 * token. When Atlas answers 429 with Retry-After, the budget is paused for every caller, not only the one
 * that got the 429: Atlas's buckets are per project, org or IP, so our other requests would be refused too.
 */
import type { IncomingHttpHeaders } from "node:http";
import { abortableSleep } from "../abortable";
import { bucketLimitsOfRefusal, retryAfterMs } from "./backoff";
import { RateLimitPacer, rateLimitBucketOf, type PacerTicket } from "./rate-limit-pacer";
import type { RequestBudgetSettings } from "./settings";

export const defaultRequestBudget: RequestBudgetSettings = { capacity: 50, refillPerSecond: 10 };

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const systemClock: Clock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

export interface RequestBudgetStats {
  /** Tokens handed out (one per HTTP request). */
  granted: number;
  /** Requests that had to wait for a token or a pause. */
  waited: number;
  /** Times a 429 paused the whole budget. */
  pauses: number;
}

export interface RequestBudgetOptions {
  clock?: Clock;
  /** Pace by Atlas's RateLimit-* answers (default true). */
  pacing?: boolean;
}

/** One admitted request: pass it back with its answer (or its failure). */
export interface BudgetTicket {
  readonly pacer?: PacerTicket;
}

/** How long a 429 without Retry-After pauses everyone (Atlas documents the header as optional). */
const pauseWithoutRetryAfterMs = 1_000;

export class RequestBudget {
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  /** FIFO of waiters, so a burst is served in arrival order and none starves. */
  private readonly queue: Array<() => void> = [];
  private pumping = false;
  readonly stats: RequestBudgetStats = { granted: 0, waited: 0, pauses: 0 };
  private readonly clock: Clock;
  /** Undefined when pacing is off. */
  readonly pacer: RateLimitPacer | undefined;

  constructor(
    private settings: RequestBudgetSettings,
    options: RequestBudgetOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.tokens = settings.capacity;
    this.lastRefill = this.clock.now();
    this.pacer =
      options.pacing === false ? undefined : new RateLimitPacer(this.clock, () => this.settings.refillPerSecond);
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
   * Admits one request to `path`: first the pacing its Atlas bucket calls for, then a token of our own
   * (waiting for a refill or the end of a pause). Rejects if `signal` aborts first.
   */
  async admit(path: string, signal?: AbortSignal): Promise<BudgetTicket> {
    const pacer = this.pacer ? await this.pacer.admit(rateLimitBucketOf(path), signal) : undefined;
    try {
      await this.take(signal);
    } catch (error) {
      if (pacer) this.pacer?.release(pacer);
      throw error;
    }
    return pacer ? { pacer } : {};
  }

  /** Atlas's answer to an admitted request: its rate-limit headers pace what follows; a 429 pauses everyone. */
  answered(ticket: BudgetTicket, statusCode: number, headers: IncomingHttpHeaders): void {
    if (ticket.pacer) this.pacer?.observe(ticket.pacer, statusCode, headers);
    const wait = retryAfterMs(headers);
    if (statusCode === 429) this.pauseFor(wait ?? pauseWithoutRetryAfterMs);
    else if (statusCode === 503 && wait !== undefined) this.pauseFor(wait);
  }

  /** The body of a 429 answer to an admitted request: Atlas states the refusing bucket's capacity and refill there. */
  refused(ticket: BudgetTicket, body: string): void {
    const limits = bucketLimitsOfRefusal(body);
    if (ticket.pacer && limits) this.pacer?.learnFromRefusal(ticket.pacer, limits);
  }

  /** An admitted request ended without an answer. */
  failed(ticket: BudgetTicket): void {
    if (ticket.pacer) this.pacer?.release(ticket.pacer);
  }

  /** Takes one token of our own bucket, waiting for a refill or the end of a pause; rejects if `signal` aborts first. */
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
