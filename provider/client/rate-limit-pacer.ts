/**
 * Pacing from Atlas's own signals. Every Atlas answer may say where its token bucket stands
 * (`RateLimit-Limit`: capacity, `RateLimit-Remaining`: tokens left; `RateLimit-Reset`, seconds until the
 * bucket is full again, is read when present although Atlas does not document it). Each client paces on
 * what it is told, in every process independently, with no coordination between processes:
 *
 * - what the others take: between two of our answers the bucket should have gone from the first Remaining,
 *   plus the refill for the time between, less our requests in between, to the second; any shortfall was taken
 *   by other clients (other processes, or our other collections in the same Atlas bucket). Their rate o is
 *   that over the answers of the last second;
 * - estimated tokens left E = the last Remaining − our requests sent since the request that answer was for −
 *   what the others take beyond the refill since that answer (the refill itself is not counted as ours: every
 *   client sharing the bucket would count it);
 * - our rate: refill × E / (Limit − E) (the time to reset spread over the tokens left) less o, and at least
 *   one request per time to reset from one token. The refill rate is the budget's refillPerSecond until Atlas
 *   shows otherwise (see `learn`), or states it in a 429's body (`learnFromRefusal`);
 * - with E < 1, once nothing is in flight, one probe is sent as if one token were left (at least a second
 *   after the last request), and its answer says more (a 429 is paused for its Retry-After and retried, by
 *   the budget and the retry policy, and its body states the bucket's refill rate, which replaces the one
 *   assumed). Retry-After itself says nothing of the rate: Atlas rounds it up to whole seconds.
 *
 * Why this holds for many processes: N clients each taking refill × E / (Limit − E) less what the others take
 * settle where their total equals the refill, at E ≈ Limit / 2, whatever N is; without the others' rate they
 * would settle at E ≈ Limit / (N + 1), a few tokens from empty, where answers in flight turn into 429s (the
 * unit tests in test/unit/client-budget.test.ts run 20 processes bursting into one bucket). Until the first
 * answer of a bucket arrives only one request is in flight (it is the Digest challenge or the token request
 * anyway); a bucket whose answers carry no headers is not paced.
 *
 * Atlas keeps one bucket per endpoint set and scope and does not say which set answered; requests are
 * grouped by project and collection (`api/atlas/v2/groups/<id>/peers`), so collections sharing a bucket
 * see each other as others (safe, see above) and separate buckets never slow each other.
 */
import type { IncomingHttpHeaders } from "node:http";
import { raceAbort } from "../abortable";
import { rateLimitHeaders, type StatedBucketLimits } from "./backoff";
import type { Clock } from "./request-budget";

export interface PacerTicket {
  readonly bucket: string;
  readonly sequence: number;
}

/** The bucket a request path counts against, as far as the client can tell (see the file comment). */
export function rateLimitBucketOf(path: string): string {
  const segments = (path.split("?")[0] ?? "").split("/").filter(Boolean);
  const groups = segments.indexOf("groups");
  return groups >= 0 ? segments.slice(0, groups + 3).join("/") : segments.slice(0, 4).join("/");
}

interface BucketState {
  /** From the last answer that carried the headers. */
  limit?: number;
  remaining?: number;
  /** The sequence number of the request that answer was for, and when it came. */
  observedSequence: number;
  observedAt: number;
  /** An answer without the headers came: Atlas may not send them; then this bucket is not paced. */
  answeredWithoutHeaders: boolean;
  /** Requests admitted so far (the last sequence number handed out). */
  sent: number;
  lastSentAt: number;
  inFlight: Set<number>;
  /** Tokens per second Atlas adds to this bucket, as far as we know. */
  refillPerSecond: number;
  /** Atlas stated the refill (a 429's body): nothing inferred replaces it. */
  refillStated: boolean;
  /** Tokens others took from the bucket between two of our answers, over the last `othersWindowMs`. */
  othersSeen: Array<{ from: number; to: number; tokens: number }>;
  /** Admissions are served one at a time, in arrival order. */
  gate: Promise<void>;
  /** Woken by every answer and every failed attempt. */
  changed: Array<() => void>;
}

/** How far back the others' rate looks, and the shortest span it is taken over. */
const othersWindowMs = 1_000;
const othersMinSpanMs = 100;

export class RateLimitPacer {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly clock: Clock,
    /** The refill rate assumed until Atlas shows another (the budget's refillPerSecond). */
    private readonly assumedRefillPerSecond: () => number,
  ) {}

  /** Waits until a request to `bucket` may go, then counts it as sent. Rejects if `signal` aborts first. */
  async admit(bucket: string, signal?: AbortSignal): Promise<PacerTicket> {
    const state = this.state(bucket);
    const previous = state.gate;
    let done!: () => void;
    state.gate = new Promise<void>((resolve) => (done = resolve));
    let acquired = false;
    try {
      await raceAbort(previous, signal);
      acquired = true;
      for (;;) {
        const wait = this.waitMs(state);
        if (wait === 0) break;
        await this.sleepOrChange(state, wait, signal);
      }
      const sequence = ++state.sent;
      state.inFlight.add(sequence);
      state.lastSentAt = this.clock.now();
      return { bucket, sequence };
    } finally {
      // A caller that gave up before its turn hands the turn on only when the one before it is done.
      if (acquired) done();
      else void previous.then(done);
    }
  }

  /** An answer to a request admitted with `ticket`. */
  observe(ticket: PacerTicket, statusCode: number, headers: IncomingHttpHeaders): void {
    const state = this.state(ticket.bucket);
    state.inFlight.delete(ticket.sequence);
    const { limit, remaining } = rateLimitHeaders(headers);
    const now = this.clock.now();
    if (limit !== undefined && remaining !== undefined) {
      if (ticket.sequence > state.observedSequence) {
        this.learn(state, ticket.sequence, limit, remaining, now, headers);
        this.noteOthers(state, ticket.sequence, limit, remaining, now);
        state.limit = limit;
        state.remaining = remaining;
        state.observedSequence = ticket.sequence;
        state.observedAt = now;
      }
    } else if (statusCode !== 401) {
      // A Digest challenge may come before any rate limiting; any other answer without headers means
      // Atlas is not sending them here.
      state.answeredWithoutHeaders = state.limit === undefined;
    }
    this.wake(state);
  }

  /**
   * What a 429's body says of the bucket that refused: Atlas's documented body names its capacity and refill
   * ("Request capacity: 10. Refill rate: 5 per 60 seconds.", also in `parameters`). That is the bucket's own
   * rate, so it replaces whatever was assumed or inferred.
   */
  learnFromRefusal(ticket: PacerTicket, limits: StatedBucketLimits): void {
    const state = this.state(ticket.bucket);
    state.refillPerSecond = limits.refillPerSecond;
    state.refillStated = true;
    this.wake(state);
  }

  /** A request admitted with `ticket` ended without an answer. */
  release(ticket: PacerTicket): void {
    const state = this.state(ticket.bucket);
    state.inFlight.delete(ticket.sequence);
    this.wake(state);
  }

  /** What the pacer believes of a bucket (tests, logs). */
  estimate(bucket: string): { limit?: number; tokens?: number; refillPerSecond: number } {
    const state = this.state(bucket);
    return {
      ...(state.limit !== undefined ? { limit: state.limit, tokens: this.tokens(state) } : {}),
      refillPerSecond: state.refillPerSecond,
    };
  }

  private state(bucket: string): BucketState {
    let state = this.buckets.get(bucket);
    if (!state) {
      state = {
        observedSequence: 0,
        observedAt: 0,
        answeredWithoutHeaders: false,
        sent: 0,
        lastSentAt: 0,
        inFlight: new Set(),
        refillPerSecond: this.assumedRefillPerSecond(),
        refillStated: false,
        othersSeen: [],
        gate: Promise.resolve(),
        changed: [],
      };
      this.buckets.set(bucket, state);
    }
    return state;
  }

  /**
   * Tokens left as far as we know: the last Remaining, less what we sent after the request it answered, less
   * what the others took since beyond the refill, at the rate they were last seen taking. The refill is not
   * counted as ours (every client sharing the bucket would count it), only as what offsets the others.
   */
  private tokens(state: BucketState): number {
    const sinceSeconds = Math.max(0, this.clock.now() - state.observedAt) / 1000;
    const drain = Math.max(0, this.othersPerSecond(state) - state.refillPerSecond) * sinceSeconds;
    return (state.remaining ?? 0) - drain - (state.sent - state.observedSequence);
  }

  /**
   * What the others (other processes, other collections in the same Atlas bucket) took between our last answer
   * and this one: the bucket as we left it, refilled for the time between, less our requests in between, less
   * what Atlas now says is left. Seen only through Atlas's answers: no coordination.
   */
  private noteOthers(state: BucketState, sequence: number, limit: number, remaining: number, now: number): void {
    if (state.remaining === undefined || now <= state.observedAt) return;
    const refilled = (state.refillPerSecond * (now - state.observedAt)) / 1000;
    const expected = Math.min(limit, state.remaining + refilled) - (sequence - state.observedSequence);
    const taken = expected - remaining;
    if (taken > 0) state.othersSeen.push({ from: state.observedAt, to: now, tokens: taken });
  }

  /**
   * The others' rate, from the answers of the last second: what they took over the time those answers cover (a
   * tenth of a second at the least, so one burst does not read as an endless rate).
   */
  private othersPerSecond(state: BucketState): number {
    const now = this.clock.now();
    state.othersSeen = state.othersSeen.filter((seen) => seen.to > now - othersWindowMs);
    const first = state.othersSeen[0];
    if (!first) return 0;
    const spanMs = Math.max(othersMinSpanMs, now - first.from);
    return (state.othersSeen.reduce((sum, seen) => sum + seen.tokens, 0) * 1000) / spanMs;
  }

  /**
   * Refines the refill rate: RateLimit-Reset gives it outright; otherwise, over a second or more between
   * two answers, the bucket grew by at least (Remaining now − Remaining then + what we sent in between),
   * a lower bound (other processes also take tokens), so the rate only ever rises to what was seen.
   */
  private learn(
    state: BucketState,
    sequence: number,
    limit: number,
    remaining: number,
    now: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (state.refillStated) return;
    const resetSeconds = rateLimitResetSeconds(headers);
    if (resetSeconds !== undefined && resetSeconds > 0 && remaining < limit) {
      state.refillPerSecond = (limit - remaining) / resetSeconds;
      return;
    }
    if (state.remaining === undefined) return;
    const elapsedSeconds = (now - state.observedAt) / 1000;
    if (elapsedSeconds < 1) return;
    const refilled = remaining - state.remaining + (sequence - state.observedSequence);
    if (refilled > 0) state.refillPerSecond = Math.max(state.refillPerSecond, refilled / elapsedSeconds);
  }

  /** 0 when a request may go now; "change" to wait for an answer; else milliseconds to wait. */
  private waitMs(state: BucketState): number | "change" {
    if (state.limit === undefined) {
      // Nothing known yet: one request at a time until an answer says where the bucket stands.
      return state.answeredWithoutHeaders || state.inFlight.size === 0 ? 0 : "change";
    }
    const now = this.clock.now();
    const tokens = this.tokens(state);
    if (tokens < 1) {
      // Empty as far as we know: wait for what is in flight, then probe as if one token were left (so many
      // processes probing an empty bucket still add up to less than it refills), a second at the least.
      if (state.inFlight.size > 0) return "change";
      const probeGapMs = Math.max(1000, this.gapMs(state, 1));
      return Math.max(0, Math.ceil(Math.max(state.observedAt, state.lastSentAt) + probeGapMs - now));
    }
    if (tokens >= state.limit) return 0;
    return Math.max(0, Math.ceil(state.lastSentAt + this.gapMs(state, tokens) - now));
  }

  /**
   * The gap before our next request: our share of the rate refill × tokens / (limit − tokens) (the time to reset
   * spread over the tokens left) after what the others are taking, and never less than one request per time to
   * reset from one token (as the probe of an empty bucket).
   */
  private gapMs(state: BucketState, tokens: number): number {
    const limit = state.limit ?? tokens;
    const refill = state.refillPerSecond;
    const floor = refill / Math.max(1, limit - 1);
    const share = limit > tokens ? (refill * tokens) / (limit - tokens) - this.othersPerSecond(state) : Infinity;
    return 1000 / Math.max(floor, share);
  }

  private async sleepOrChange(state: BucketState, wait: number | "change", signal?: AbortSignal): Promise<void> {
    const local = new AbortController();
    const signals = signal ? AbortSignal.any([signal, local.signal]) : local.signal;
    let woken!: () => void;
    const change = new Promise<void>((resolve) => (woken = resolve));
    state.changed.push(woken);
    // An answer may lower the wait (more tokens): wake on it; a "change" wait still ends after a second so a
    // lost answer can never stall the bucket. The sleep rejects when the caller's signal aborts.
    const sleep = this.clock.sleep(wait === "change" ? 1000 : wait, signals).catch((error: unknown) => {
      if (signal?.aborted) throw error;
    });
    try {
      await Promise.race([sleep, change]);
    } finally {
      local.abort();
      state.changed = state.changed.filter((w) => w !== woken);
    }
    if (signal?.aborted) throw signal.reason;
  }

  private wake(state: BucketState): void {
    const waiting = state.changed;
    state.changed = [];
    for (const wake of waiting) wake();
  }
}

function rateLimitResetSeconds(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers["ratelimit-reset"];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value !== undefined && /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
}
