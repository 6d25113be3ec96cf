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
