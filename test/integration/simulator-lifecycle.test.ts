import { Lifecycle, gone } from "../../simulator/resources/lifecycle";

// The state machines are pure functions of time: these pin the schedule arithmetic they rest on.
describe("simulator lifecycle schedules", () => {
  test("the status at any instant follows the phases back to back", () => {
    const lifecycle = new Lifecycle(1000, [
      { status: "INITIATING", durationMs: 100 },
      { status: "AVAILABLE", durationMs: null },
    ]);
    expect(lifecycle.statusAt(1000)).toBe("INITIATING");
    expect(lifecycle.statusAt(1099)).toBe("INITIATING");
    expect(lifecycle.statusAt(1100)).toBe("AVAILABLE");
    expect(lifecycle.statusAt(99_999)).toBe("AVAILABLE");
    expect(lifecycle.enteredAt(5000)).toBe(1100);
    expect(lifecycle.history(1050).map((h) => h.status)).toEqual(["INITIATING"]);
  });

  test("an event rewrites the future and keeps the past, even in the creation's millisecond", () => {
    const lifecycle = new Lifecycle(1000, [{ status: "ACTIVE", durationMs: null }]);
    lifecycle.schedule(1000, [{ status: gone, durationMs: null }]);
    expect(lifecycle.history(1000).map((h) => h.status)).toEqual(["ACTIVE", gone]);
    expect(lifecycle.isGoneAt(1000)).toBe(true);
    expect(lifecycle.goneAt(1000)).toBe(1000);
  });

  test("an event during a phase cuts it short and the new phases start at the event", () => {
    const lifecycle = new Lifecycle(0, [
      { status: "INITIATING", durationMs: 100 },
      { status: "AVAILABLE", durationMs: null },
    ]);
    lifecycle.schedule(40, [
      { status: "DELETING", durationMs: 50 },
      { status: gone, durationMs: null },
    ]);
    expect(lifecycle.statusAt(39)).toBe("INITIATING");
    expect(lifecycle.statusAt(60)).toBe("DELETING");
    expect(lifecycle.goneAt(89)).toBeNull();
    expect(lifecycle.goneAt(200)).toBe(90);
    expect(lifecycle.history(200).map((h) => [h.status, h.at])).toEqual([
      ["INITIATING", 0],
      ["DELETING", 40],
      [gone, 90],
    ]);
    expect(lifecycle.reached("AVAILABLE", 200)).toBe(false);
  });

  test("a forced phase carries its errorMessage", () => {
    const lifecycle = new Lifecycle(0, [
      { status: "INITIATING", durationMs: 10 },
      { status: "FAILED", durationMs: null, errorMessage: "boom" },
    ]);
    expect(lifecycle.phaseAt(5).errorMessage).toBeNull();
    expect(lifecycle.phaseAt(10)).toMatchObject({ status: "FAILED", errorMessage: "boom" });
  });
});
