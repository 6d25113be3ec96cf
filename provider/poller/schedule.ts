/**
 * When a wait reads again.
 *
 * The default is proportional to the time already waited, with a floor and a cap:
 *   interval = clamp(max(previous × growthFactor, elapsed × elapsedFraction), firstIntervalMs, maxIntervalMs)
 * Detection lag (Atlas settles → the wait returns) is at most the interval in force when Atlas settles, so:
 * - floor 0.8 s: every wait shorter than 30 s sees the change within 0.9 s (0.8 s floor, and 3 % of 30 s is
 *   0.9 s), leaving about 100 ms of the 1 s goal for the read's own latency;
 * - 3 % of the elapsed time after that: a wait of length T sees the change within 0.03 T, under the 5 % goal
 *   for any T, while the read count grows only with log(T) (34 reads for the first 27 s, then one more per
 *   3 % of elapsed time: 61 reads for a 1 min wait, 139 for 10 min);
 * - cap 30 s, reached after about 17 min: an hour-long wait makes 243 reads (Terraform's fixed 10 s: 360)
 *   and still sees the change within half a minute.
 * A fixed growth per read (exponential backoff) cannot meet both goals: slow enough growth to stay under
 * 1 s for 30 s grows far too slowly for an hour-long wait. The read count is the price of the short lag;
 * coalescing (ListWatcher) is what makes it cheap, since one list call per tick serves every wait of a
 * kind in a project.
 *
 * A fixed interval is `firstIntervalMs === maxIntervalMs` (see `fixedPollSchedule`): the Terraform
 * provider's network-peering strategy is `fixedPollSchedule(10_000)`, first read after 10 s, then every 10 s.
 */
export interface PollSchedule {
  /** Time from the start of the wait to the first read. */
  initialDelayMs: number;
  /** The interval after the first read, and the floor of every later one. */
  firstIntervalMs: number;
  /** Each interval is at least the previous one times this (1 = no growth per read). */
  growthFactor: number;
  /** Each interval is at least this fraction of the time waited so far (0 = off). */
  elapsedFraction: number;
  /** The cap on any interval. */
  maxIntervalMs: number;
}

export const defaultPollSchedule: Readonly<PollSchedule> = Object.freeze({
  initialDelayMs: 800,
  firstIntervalMs: 800,
  growthFactor: 1,
  elapsedFraction: 0.03,
  maxIntervalMs: 30_000,
});

/** A read every `intervalMs`, the first one after `initialDelayMs` (default: one interval). */
export function fixedPollSchedule(intervalMs: number, initialDelayMs: number = intervalMs): PollSchedule {
  return resolvePollSchedule({
    initialDelayMs,
    firstIntervalMs: intervalMs,
    growthFactor: 1,
    elapsedFraction: 0,
    maxIntervalMs: intervalMs,
  });
}

/** Fills the missing fields from the default and rejects a schedule that could never make progress. */
export function resolvePollSchedule(schedule: Partial<PollSchedule> = {}): PollSchedule {
  const resolved: PollSchedule = { ...defaultPollSchedule, ...definedFields(schedule) };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value)) problems.push(`${name} must be a finite number (got ${String(value)})`);
  }
  if (resolved.initialDelayMs < 0) problems.push("initialDelayMs must be >= 0");
  if (resolved.firstIntervalMs <= 0) problems.push("firstIntervalMs must be > 0");
  if (resolved.maxIntervalMs < resolved.firstIntervalMs) problems.push("maxIntervalMs must be >= firstIntervalMs");
  if (resolved.growthFactor < 1) problems.push("growthFactor must be >= 1");
  if (resolved.elapsedFraction < 0) problems.push("elapsedFraction must be >= 0");
  if (problems.length > 0) throw new RangeError(`invalid poll schedule: ${problems.join("; ")}`);
  return resolved;
}

/**
 * The interval before the next read, given the interval used before the last read (undefined after the
 * first read) and the time waited so far.
 */
export function nextPollInterval(
  schedule: PollSchedule,
  previousIntervalMs: number | undefined,
  elapsedMs: number,
): number {
  const grown =
    previousIntervalMs === undefined ? schedule.firstIntervalMs : previousIntervalMs * schedule.growthFactor;
  const proportional = elapsedMs * schedule.elapsedFraction;
  return Math.min(schedule.maxIntervalMs, Math.max(schedule.firstIntervalMs, grown, proportional));
}

/**
 * The elapsed times of the reads a wait of `durationMs` makes when reads take no time: every read up to and
 * including the first one at or after `durationMs`. For docs, tests and the benchmark's expectations.
 */
export function pollTimeline(schedule: PollSchedule, durationMs: number): number[] {
  const reads: number[] = [];
  let at = schedule.initialDelayMs;
  let interval: number | undefined;
  for (;;) {
    reads.push(at);
    if (at >= durationMs) return reads;
    interval = nextPollInterval(schedule, interval, at);
    at += interval;
  }
}

function definedFields(schedule: Partial<PollSchedule>): Partial<PollSchedule> {
  return Object.fromEntries(Object.entries(schedule).filter(([, value]) => value !== undefined));
}

// ---- the arithmetic of a wait: expected reads and detection lag for a distribution of durations -----------

/**
 * How long Atlas takes in one state: log-normal around `medianMs` with σ `sigma` on the log scale, drawn again
 * outside [minFactor, maxFactor] × median (the simulator's seeded spread: simulator/resources/durations.ts).
 */
export interface DurationDistribution {
  medianMs: number;
  sigma: number;
  minFactor?: number;
  maxFactor?: number;
}

/** Expected figures of one wait over a distribution of durations, reads taking no time. */
export interface WaitFigures {
  /** Mean reads per wait (polls, plus `extraReads`). */
  reads: number;
  lagMeanMs: number;
  lagP50Ms: number;
  lagP95Ms: number;
}

/**
 * `count` durations at evenly spaced quantiles (the midpoints of `count` equal slices of probability) of the
 * distribution: a deterministic sample, so the arithmetic prints the same numbers every time.
 */
export function durationQuantiles(distribution: DurationDistribution, count = 400): number[] {
  const { medianMs, sigma } = distribution;
  if (sigma === 0) return Array.from({ length: count }, () => medianMs);
  const lowZ = Math.log(distribution.minFactor ?? 0) / sigma;
  const highZ = Math.log(distribution.maxFactor ?? Number.POSITIVE_INFINITY) / sigma;
  const lowP = Number.isFinite(lowZ) ? normalCdf(lowZ) : 0;
  const highP = Number.isFinite(highZ) ? normalCdf(highZ) : 1;
  return Array.from({ length: count }, (_, i) => {
    const p = lowP + ((i + 0.5) / count) * (highP - lowP);
    return medianMs * Math.exp(sigma * inverseNormalCdf(p));
  });
}

/**
 * Mean reads and detection lag (settle → the first read at or after it) of a wait whose reads follow
 * `timeline(durationMs)` (`pollTimeline` of a fixed schedule, `phaseTimeline` of the phase-aware one), over
 * `durations` (e.g. `durationQuantiles`). `extraReads`: reads every wait makes besides polling (a lookup).
 */
export function waitArithmetic(
  timeline: (durationMs: number) => readonly number[],
  durations: readonly number[],
  extraReads = 0,
): WaitFigures {
  if (durations.length === 0) throw new RangeError("waitArithmetic needs at least one duration");
  let reads = 0;
  const lags: number[] = [];
  for (const duration of durations) {
    const times = timeline(duration);
    reads += times.length + extraReads;
    lags.push((times.at(-1) ?? duration) - duration);
  }
  lags.sort((a, b) => a - b);
  const at = (p: number) => lags[Math.min(lags.length - 1, Math.max(0, Math.ceil(p * lags.length) - 1))] as number;
  return {
    reads: reads / durations.length,
    lagMeanMs: lags.reduce((sum, lag) => sum + lag, 0) / lags.length,
    lagP50Ms: at(0.5),
    lagP95Ms: at(0.95),
  };
}

/** Φ(z), the standard normal CDF (Abramowitz and Stegun 7.1.26 on erf, error under 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Φ⁻¹(p) (Acklam's rational approximation, relative error under 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseNormalCdf needs 0 < p < 1 (got ${p})`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}
