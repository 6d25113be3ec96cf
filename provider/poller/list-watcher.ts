import { silentLogger, type Logger } from "../logger";
import { systemPollClock, type PollClock } from "./clock";

/**
 * Coalesced polling. Atlas's list operations for endpoint services, serverless endpoints, peers and
 * containers return every item of a project (per provider, or per serverless instance), so when several
 * waits of one kind and scope run at once, one list call per tick can refresh them all.
 *
 * A ListWatcher owns the tick. A wait subscribes with the id it watches and asks for its next value with the
 * delay it wants; the watcher's next tick is due at the earliest time any pending wait asked for, and that
 * tick's single `list()` answers every pending wait (an id missing from the list is gone, `undefined`).
 * Only requests made before the tick's list call started are answered by it: a wait registered right after
 * a create never sees a list that was started before the create returned. A snapshot for a read (refresh)
 * may join the call in flight (`joinInFlight`): nothing it must see was written just before it. With no wait pending, no timer
 * is armed; when the last subscription closes, an in-flight list call is aborted.
 */
export interface ListWatcherOptions<T> {
  /** Names the watcher in debug lines (kind, project, scope). The registry key may hold a client identity
   * and is never logged. */
  describe: string;
  /** One call returning every item of the scope (all pages). */
  list: (signal: AbortSignal) => Promise<readonly T[]>;
  /** The id a wait registers for the item. */
  idOf: (item: T) => string;
  logger?: Logger;
  /** When ticks are due and how the watcher waits for them (default: real time). */
  clock?: PollClock;
}

/** What `waitUntilSettled({ read })` accepts to take its reads from a watcher instead of its own GETs. */
export interface WatchedRead<T> {
  readonly watcher: ListWatcher<T>;
  readonly id: string;
}

/** How a snapshot may be answered (default: by the first list call that starts after it is asked for). */
export interface SnapshotOptions {
  /** A list call already in flight answers it too (a read that need not see what was written before it). */
  joinInFlight?: boolean;
}

/** One wait's registration on a watcher. */
export interface WatchSubscription<T> {
  /** The watched item as of the next tick at most about `delayMs` from now; undefined when it is gone. */
  next(delayMs: number, signal: AbortSignal): Promise<T | undefined>;
  /** How many waits are subscribed to the watcher now (this one included): the waits each tick serves. */
  sharers(): number;
  /** Leaves the watcher; the last one to leave stops it. */
  close(): void;
}

interface PendingRead<T> {
  /** The item a wait watches, or null for a snapshot (the whole list). */
  readonly id: string | null;
  readonly dueAt: number;
  resolve(value: T | undefined | readonly T[]): void;
  reject(error: unknown): void;
}

interface Tick<T> {
  readonly controller: AbortController;
  readonly recipients: Set<PendingRead<T>>;
}

export class ListWatcher<T> {
  private readonly logger: Logger;
  private readonly clock: PollClock;
  private readonly subscriptions = new Set<WatchSubscription<T>>();
  private readonly pending = new Set<PendingRead<T>>();
  /** Aborting it disarms the armed tick (the clock drops its timer). */
  private timer: AbortController | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private inFlight: Tick<T> | undefined;
  private tickCount = 0;

  constructor(private readonly options: ListWatcherOptions<T>) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemPollClock;
  }

  /** Pass as `read` to `waitUntilSettled` / `waitUntilGone` to take that wait's reads from this watcher. */
  reader(id: string): WatchedRead<T> {
    return { watcher: this, id };
  }

  /** Ticks run so far (one list call each). */
  get ticks(): number {
    return this.tickCount;
  }

  /** Waits currently subscribed. */
  get registeredWaits(): number {
    return this.subscriptions.size;
  }

  /** True while a tick is scheduled or its list call is in flight. */
  get isRunning(): boolean {
    return this.timer !== undefined || this.inFlight !== undefined;
  }

  subscribe(id: string): WatchSubscription<T> {
    let closed = false;
    let current: PendingRead<T> | undefined;
    const subscription: WatchSubscription<T> = {
      next: (delayMs, signal) => {
        if (closed) return Promise.reject(new Error(`${this.options.describe}: the wait for ${id} has left`));
        if (current) {
          return Promise.reject(new Error(`${this.options.describe}: the wait for ${id} already has a read pending`));
        }
        return (this.request(id, delayMs, signal, (read) => (current = read)) as Promise<T | undefined>).finally(
          () => (current = undefined),
        );
      },
      sharers: () => this.subscriptions.size,
      close: () => {
        if (closed) return;
        closed = true;
        if (current) {
          this.withdraw(current);
          current.reject(new Error(`${this.options.describe}: the wait for ${id} has left`));
        }
        this.subscriptions.delete(subscription);
        if (this.subscriptions.size === 0) this.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * The whole list, from a list call that starts after this request (the next tick, or one of its own when no
   * tick is due), or with `joinInFlight` from the one in flight if any: a lookup by natural key or a read that
   * shares its call with every lookup, read and wait asking at the same time. Rejects with the list's error,
   * or the signal's reason.
   */
  snapshot(signal: AbortSignal, options: SnapshotOptions = {}): Promise<readonly T[]> {
    return this.request(null, 0, signal, () => {}, options.joinInFlight === true) as Promise<readonly T[]>;
  }

  private request(
    id: string | null,
    delayMs: number,
    signal: AbortSignal,
    onPending: (read: PendingRead<T>) => void,
    joinInFlight = false,
  ): Promise<T | undefined | readonly T[]> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T | undefined | readonly T[]>((resolve, reject) => {
      const onAbort = () => {
        this.withdraw(read);
        reject(signal.reason);
      };
      const read: PendingRead<T> = {
        id,
        dueAt: this.clock.now() + Math.max(0, delayMs),
        resolve: (value) => {
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      onPending(read);
      if (joinInFlight && this.inFlight) {
        this.inFlight.recipients.add(read);
        return;
      }
      this.pending.add(read);
      this.schedule();
    });
  }

  private withdraw(read: PendingRead<T>): void {
    this.pending.delete(read);
    const tick = this.inFlight;
    if (tick && tick.recipients.delete(read) && tick.recipients.size === 0) tick.controller.abort();
    this.schedule();
  }

  /** Arms the timer for the earliest due pending read; with a list in flight, the tick's end does it. */
  private schedule(): void {
    if (this.inFlight) return;
    if (this.pending.size === 0) {
      this.clearTimer();
      return;
    }
    let dueAt = Number.POSITIVE_INFINITY;
    for (const read of this.pending) dueAt = Math.min(dueAt, read.dueAt);
    if (this.timer !== undefined && this.timerDueAt <= dueAt) return;
    this.clearTimer();
    const timer = new AbortController();
    this.timer = timer;
    this.timerDueAt = dueAt;
    this.clock.sleep(Math.max(0, dueAt - this.clock.now()), timer.signal).then(
      () => {
        if (this.timer === timer) void this.tick();
      },
      () => {}, // disarmed by clearTimer
    );
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
    if (this.pending.size === 0) return;
    const tick: Tick<T> = { controller: new AbortController(), recipients: new Set(this.pending) };
    this.pending.clear();
    this.inFlight = tick;
    this.tickCount += 1;
    try {
      const items = await this.options.list(tick.controller.signal);
      const byId = new Map<string, T>();
      for (const item of items) byId.set(this.options.idOf(item), item);
      this.logger.debug(
        `${this.options.describe}: tick ${this.tickCount}: 1 list call (${items.length} items) ` +
          `for ${tick.recipients.size} waits`,
      );
      for (const read of tick.recipients) read.resolve(read.id === null ? items : byId.get(read.id));
    } catch (error) {
      // A failed list ends every wait it was meant to answer, as a failed GET would (the client has
      // already retried what is safe to retry); waits that left meanwhile are not there to receive it.
      for (const read of tick.recipients) read.reject(error);
    } finally {
      this.inFlight = undefined;
      this.schedule();
    }
  }

  /** Every subscription has left (each withdrew its own pending read): disarm and abandon the list call. */
  private stop(): void {
    // A snapshot (a lookup) still pending or in flight keeps its list call: it is not a subscription.
    if (this.pending.size === 0) this.clearTimer();
    if (this.inFlight && this.inFlight.recipients.size === 0) this.inFlight.controller.abort();
  }

  private clearTimer(): void {
    this.timer?.abort();
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }
}
