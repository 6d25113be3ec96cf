import { RequestBudget, requestBudgetFor, resetRequestBudgets, type Clock } from "../../provider/client/request-budget";

/** A clock that only moves when the test says so. */
class ManualClock implements Clock {
  private time = 1_000_000;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.time + ms, resolve }));
  }

  /** Moves time forward, firing due timers and letting the promises they resolve run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = Math.max(this.time, due.at);
      this.timers = this.timers.filter((t) => t !== due);
      due.resolve();
    }
    this.time = target;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function track(promise: Promise<void>): { settled: () => boolean; error: () => unknown } {
  let settled = false;
  let error: unknown;
  promise.then(
    () => (settled = true),
    (e: unknown) => {
      settled = true;
      error = e;
    },
  );
  return { settled: () => settled, error: () => error };
}

describe("request budget (token bucket)", () => {
  test("grants a full bucket at once, then one request per refill interval", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 3, refillPerSecond: 2 }, clock);
    const takes = Array.from({ length: 5 }, () => track(budget.take()));
    await flush();
    expect(takes.map((t) => t.settled())).toEqual([true, true, true, false, false]);
    await clock.advance(499);
    expect(takes[3].settled()).toBe(false);
    await clock.advance(1);
    expect(takes[3].settled()).toBe(true);
    expect(takes[4].settled()).toBe(false);
    await clock.advance(500);
    expect(takes[4].settled()).toBe(true);
    expect(budget.stats.granted).toBe(5);
    expect(budget.stats.waited).toBe(2);
  });

  test("serves waiting requests in arrival order", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 1, refillPerSecond: 1 }, clock);
    const order: number[] = [];
    const all = [1, 2, 3].map((n) => budget.take().then(() => order.push(n)));
    await clock.advance(3_000);
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });

  test("pauses every caller when a 429 asks for a pause, even with tokens left", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 10, refillPerSecond: 10 }, clock);
    budget.pauseFor(2_000);
    const a = track(budget.take());
    const b = track(budget.take());
    await clock.advance(1_999);
    expect(a.settled() || b.settled()).toBe(false);
    await clock.advance(1);
    expect(a.settled() && b.settled()).toBe(true);
    expect(budget.stats.pauses).toBe(1);
  });

  test("keeps the longest of overlapping pauses", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 10, refillPerSecond: 10 }, clock);
    budget.pauseFor(3_000);
    budget.pauseFor(1_000);
    const take = track(budget.take());
    await clock.advance(2_000);
    expect(take.settled()).toBe(false);
    await clock.advance(1_000);
    expect(take.settled()).toBe(true);
  });

  test("never believes it has more tokens than Atlas says remain", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 10, refillPerSecond: 1 }, clock);
    budget.observeRemaining(0);
    expect(budget.available()).toBe(0);
    const take = track(budget.take());
    await clock.advance(999);
    expect(take.settled()).toBe(false);
    await clock.advance(1);
    expect(take.settled()).toBe(true);
  });

  test("lets a waiting caller give up through its AbortSignal without losing a token", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget({ capacity: 1, refillPerSecond: 1 }, clock);
    await budget.take();
    const controller = new AbortController();
    const abandoned = track(budget.take(controller.signal));
    const next = track(budget.take());
    controller.abort(new Error("caller gave up"));
    await flush();
    expect(abandoned.settled()).toBe(true);
    expect((abandoned.error() as Error).message).toBe("caller gave up");
    await clock.advance(1_000);
    expect(next.settled()).toBe(true);
  });

  test("is shared per origin across the process, and reconfigured by the last settings", () => {
    resetRequestBudgets();
    const first = requestBudgetFor("http://127.0.0.1:1", { capacity: 5, refillPerSecond: 1 });
    const again = requestBudgetFor("http://127.0.0.1:1");
    const other = requestBudgetFor("http://127.0.0.1:2");
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    requestBudgetFor("http://127.0.0.1:1", { capacity: 2, refillPerSecond: 1 });
    expect(first.capacity).toBe(2);
    expect(first.available()).toBe(2);
    resetRequestBudgets();
  });
});
