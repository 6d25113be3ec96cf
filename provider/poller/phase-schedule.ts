/**
 * When a wait reads again, from what Atlas typically takes: the phase-aware default schedule.
 *
 * A wait knows the state it waits through (INITIATING, ADDING_PEER, DELETING, …), how long it has seen it, and
 * how many waits share its reads (the waits registered on its list watcher). Atlas's typical time in that state
 * (provider/poller/typical-durations.ts; sources in docs/waiting-and-timeouts.md) says when a change is likely:
 * Atlas publishes no spread, so durations are taken to scatter log-normally around the typical one with
 * `spread` = σ of ln(actual ÷ typical) (0.3: the middle 90 % between ×0.61 and ×1.64).
 *
 *   time in the state τ, typical D, window [D·e^(−denseFromZ·σ), D·e^(denseToZ·σ)]
 *   first read                 firstReadMs after the wait starts (catches Atlas being done at once)
 *   τ before the window        earlyFraction × τ, at least firstReadMs, at most maxIntervalMs, and never past
 *                              the window's start: an early settle at τ is seen by (1 + earlyFraction) × τ
 *   τ inside the window        dense(n) = max(denseFloorMs, denseAloneMs ÷ n^sharingExponent), n = the most
 *                              waits seen sharing this wait's list (1 for a wait with its own GETs)
 *   τ after the window         max(dense(n), lateFraction × time waited), at most maxIntervalMs (overdue)
 *   a state without a typical  max(firstReadMs, lateFraction × time waited), at most maxIntervalMs: the
 *   duration                   proportional schedule (a user's step, an unknown state)
 *
 * Why n: one list call answers every wait registered on the watcher, so a tick costs each of n waits 1/n of a
 * read. The interval shrinks with the number of waits that share it, and the reads per wait stay about the
 * same; a lone wait reads every denseAloneMs around its typical end. The numbers (reads and detection lag per
 * kind, alone and in a stack, against a GET every 10 s) are printed by `waitArithmetic` and written up in
 * docs/waiting-and-timeouts.md.
 *
 * Pure: the caller passes every time; nothing here reads a clock.
 */
export interface PhaseSchedule {
  /** Time from the start of the wait to its first read. */
  firstReadMs: number;
  /** Assumed σ of ln(actual ÷ typical) for Atlas's durations. */
  spread: number;
  /** The dense window starts this many σ before the typical duration (on the log scale)… */
  denseFromZ: number;
  /** …and ends this many σ after it. */
  denseToZ: number;
  /** The interval inside the window for a wait alone on its list. */
  denseAloneMs: number;
  /** The shortest interval inside the window, however many waits share the list. */
  denseFloorMs: number;
  /** From this many waits sharing the reads on, the interval shrinks… */
  sharingFrom: number;
  /** …as (sharingFrom ÷ n)^sharingExponent: dense(n) = max(denseFloorMs, denseAloneMs × that). */
  sharingExponent: number;
  /** Before the window: this fraction of the time spent in the state… */
  earlyFraction: number;
  /** …and at most this fraction of the time left until the window, so the reads close in on its start. */
  approachFraction: number;
  /** After the window, and in states without a typical duration: this fraction of the time waited. */
  lateFraction: number;
  /** The cap on any interval. */
  maxIntervalMs: number;
}

export const defaultPhaseSchedule: Readonly<PhaseSchedule> = Object.freeze({
  firstReadMs: 800,
  spread: 0.3,
  denseFromZ: 1.4,
  denseToZ: 2.35,
  denseAloneMs: 3_800,
  denseFloorMs: 1_600,
  sharingFrom: 2.8,
  sharingExponent: 0.9,
  earlyFraction: 3,
  approachFraction: 0.7,
  lateFraction: 0.03,
  maxIntervalMs: 30_000,
});

/** What the schedule is told after a read. */
export interface PhaseMoment {
  /** Atlas's typical time in the state just read, for this operation; undefined when none is known. */
  typicalMs: number | undefined;
  /** How long the wait has seen this state (from the wait's start for the state it began in). */
  inStateMs: number;
  /** How long the wait has waited. */
  waitedMs: number;
  /** The most waits seen sharing this wait's reads (1 for its own GETs). */
  sharers: number;
}

/** The [start, end] of the dense window for a state of typical duration `typicalMs`. */
export function denseWindow(schedule: PhaseSchedule, typicalMs: number): [number, number] {
  return [
    typicalMs * Math.exp(-schedule.denseFromZ * schedule.spread),
    typicalMs * Math.exp(schedule.denseToZ * schedule.spread),
  ];
}

/** The interval inside the dense window when `sharers` waits share the reads. */
export function denseInterval(schedule: PhaseSchedule, sharers: number): number {
  const shrink = Math.min(1, schedule.sharingFrom / Math.max(1, sharers)) ** schedule.sharingExponent;
  return Math.max(schedule.denseFloorMs, Math.min(schedule.denseAloneMs, schedule.denseAloneMs * shrink));
}

/** The delay before the next read, after a read at `moment`. */
export function phaseInterval(schedule: PhaseSchedule, moment: PhaseMoment): number {
  const cap = (ms: number) => Math.min(schedule.maxIntervalMs, ms);
  const { typicalMs, inStateMs, waitedMs, sharers } = moment;
  if (typicalMs === undefined || !(typicalMs > 0)) {
    return cap(Math.max(schedule.firstReadMs, waitedMs * schedule.lateFraction));
  }
  const [from, to] = denseWindow(schedule, typicalMs);
  const dense = denseInterval(schedule, sharers);
  if (inStateMs < from) {
    const early = Math.max(schedule.firstReadMs, inStateMs * schedule.earlyFraction);
    // Closing in on the window's start: the closer, the shorter, never below the window's own pace.
    const approach = Math.max(dense, (from - inStateMs) * schedule.approachFraction);
    return cap(Math.min(early, approach));
  }
  if (inStateMs <= to) return Math.min(dense, schedule.maxIntervalMs);
  return cap(Math.max(dense, waitedMs * schedule.lateFraction));
}

/** Every time field multiplied by `scale` (a simulator that runs `scale` real seconds per Atlas second). */
export function scalePhaseSchedule(schedule: PhaseSchedule, scale: number): PhaseSchedule {
  return {
    ...schedule,
    firstReadMs: schedule.firstReadMs * scale,
    denseAloneMs: schedule.denseAloneMs * scale,
    denseFloorMs: schedule.denseFloorMs * scale,
    maxIntervalMs: schedule.maxIntervalMs * scale,
  };
}

/** Rejects a schedule that could never make progress. */
export function checkPhaseSchedule(schedule: PhaseSchedule): PhaseSchedule {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(schedule)) {
    if (!Number.isFinite(value)) problems.push(`${name} must be a finite number (got ${String(value)})`);
  }
  if (schedule.firstReadMs < 0) problems.push("firstReadMs must be >= 0");
  if (schedule.denseFloorMs <= 0) problems.push("denseFloorMs must be > 0");
  if (schedule.denseAloneMs < schedule.denseFloorMs) problems.push("denseAloneMs must be >= denseFloorMs");
  if (schedule.maxIntervalMs < schedule.denseFloorMs) problems.push("maxIntervalMs must be >= denseFloorMs");
  if (schedule.spread < 0 || schedule.lateFraction < 0 || schedule.sharingExponent < 0 || schedule.sharingFrom < 1) {
    problems.push("spread, lateFraction and sharingExponent must be >= 0, sharingFrom >= 1");
  }
  if (schedule.earlyFraction <= 0 || schedule.approachFraction <= 0) {
    problems.push("earlyFraction and approachFraction must be > 0");
  }
  if (problems.length > 0) throw new RangeError(`invalid phase schedule: ${problems.join("; ")}`);
  return schedule;
}

/**
 * The elapsed times of the reads a wait makes through one state of typical duration `typicalMs` that ends
 * after `durationMs`, when reads take no time and `sharers` waits share them: every read up to and including
 * the first one at or after `durationMs`. For docs, tests and the benchmark's expectations.
 */
export function phaseTimeline(
  schedule: PhaseSchedule,
  typicalMs: number | undefined,
  durationMs: number,
  sharers = 1,
): number[] {
  const reads: number[] = [];
  let at = schedule.firstReadMs;
  for (;;) {
    reads.push(at);
    if (at >= durationMs) return reads;
    at += phaseInterval(schedule, { typicalMs, inStateMs: at, waitedMs: at, sharers });
  }
}
