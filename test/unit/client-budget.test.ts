import { RequestBudget, requestBudgetFor, resetRequestBudgets } from "../../provider/client/request-budget";
import { ManualClock, settle as flush, track } from "../support/manual-clock";

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
