import {
  DurationDraws,
  defaultDurations,
  drawDuration,
  drawnDurations,
  durationSpread,
  hashKey,
  mulberry32,
  overriddenPhases,
} from "../../simulator/resources/durations";

describe("the simulator's seeded durations", () => {
  test("mulberry32 repeats for a seed and differs between seeds, uniform on [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
    const many = mulberry32(7);
    const values = Array.from({ length: 10_000 }, () => many());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, x) => sum + x, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  test("FNV-1a: the published test vectors", () => {
    expect(hashKey("")).toBe(0x811c9dc5);
    expect(hashKey("a")).toBe(0xe40c292c);
    expect(hashKey("foobar")).toBe(0xbf9cf968);
  });

  test("draws are log-normal around the typical value: median near it, bounded, spread like σ 0.3", () => {
    const uniform = mulberry32(1);
    const draws = Array.from({ length: 4000 }, () => drawDuration(180, uniform)).sort((x, y) => x - y);
    const at = (q: number) => draws[Math.floor(q * (draws.length - 1))] as number;
    expect(draws[0]).toBeGreaterThanOrEqual(180 * durationSpread.min);
    expect(draws.at(-1)).toBeLessThanOrEqual(180 * durationSpread.max);
    expect(at(0.5)).toBeGreaterThan(170);
    expect(at(0.5)).toBeLessThan(190);
    // exp(±1.645 σ) = ×0.61 and ×1.64
    expect(at(0.05)).toBeGreaterThan(180 * 0.55);
    expect(at(0.05)).toBeLessThan(180 * 0.67);
    expect(at(0.95)).toBeGreaterThan(180 * 1.5);
    expect(at(0.95)).toBeLessThan(180 * 1.8);
    expect(new Set(draws.map((d) => d % 10)).size).toBeGreaterThan(100); // not on a 10 s grid
    expect(drawDuration(0, uniform)).toBe(0);
  });

  test("a draw depends on seed, context, phase and occurrence, not on the order of other draws", () => {
    const one = new DurationDraws(5);
    const two = new DurationDraws(5);
    const a1 = one.within("POST /x {a}", () => one.draw("endpointService.initiating", 180));
    const b1 = one.within("POST /x {b}", () => one.draw("endpointService.initiating", 180));
    const b2 = two.within("POST /x {b}", () => two.draw("endpointService.initiating", 180));
    const a2 = two.within("POST /x {a}", () => two.draw("endpointService.initiating", 180));
    expect([a2, b2]).toEqual([a1, b1]);
    expect(a1).not.toBe(b1);
    const again = one.within("POST /x {a}", () => one.draw("endpointService.initiating", 180));
    expect(again).not.toBe(a1); // the second time that request draws the phase
    one.reset();
    expect(one.within("POST /x {a}", () => one.draw("endpointService.initiating", 180))).toBe(a1);
    const other = new DurationDraws(6);
    expect(other.within("POST /x {a}", () => other.draw("endpointService.initiating", 180))).not.toBe(a1);
  });

  test("overridden phases stay exact; without draws the typical values are returned as they are", () => {
    expect(overriddenPhases({ endpointService: { initiating: 30 }, networkPeer: { finalizing: 5 } })).toEqual([
      "endpointService.initiating",
      "networkPeer.finalizing",
    ]);
    expect(drawnDurations(defaultDurations, new Set(), null)).toBe(defaultDurations);
    const view = drawnDurations(defaultDurations, new Set(["endpointService.initiating"]), new DurationDraws(1));
    expect(view.endpointService.initiating).toBe(180);
    expect(view.endpointService.initiating).toBe(180);
    const deleting = [view.endpointService.deleting, view.endpointService.deleting];
    expect(deleting[0]).not.toBe(120);
    expect(deleting[0]).not.toBe(deleting[1]); // each read schedules a phase: a fresh draw
  });
});
