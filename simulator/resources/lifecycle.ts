/**
 * A resource's state machine as a pure function of time. Each phase has a start time and a duration
 * (null = until some event); the status at any instant is derived by reading the schedule, so nothing
 * ticks in the background and nothing outlives `close()`. Events (PATCH, DELETE, accepting a peering,
 * forcing a state) rewrite the schedule from a given instant on; what already happened stays as history.
 */

/** Internal marker for "the resource no longer exists": reads answer 404 from this instant on. */
export const gone = "DELETED";

export interface PhaseSpec {
  status: string;
  /** Real milliseconds; null = holds until the next event. */
  durationMs: number | null;
  errorMessage?: string | null;
}

/**
 * The phases of a new resource: `transitional`, then `settledStatus`, or FAILED when a forced failure is due.
 * A seeded resource (`settled`) starts in that last phase.
 */
export function newResourcePhases(
  transitional: PhaseSpec,
  settledStatus: string,
  options: { forcedFailure?: string | undefined; settled?: boolean | undefined },
): PhaseSpec[] {
  const outcome: PhaseSpec =
    options.forcedFailure !== undefined
      ? { status: "FAILED", durationMs: null, errorMessage: options.forcedFailure }
      : { status: settledStatus, durationMs: null };
  return options.settled ? [outcome] : [transitional, outcome];
}

/** The phases after an accepted DELETE: `deleting`, then gone (reads answer 404). */
export function deletionPhases(deleting: PhaseSpec): PhaseSpec[] {
  return [deleting, { status: gone, durationMs: null }];
}

/**
 * The phase the control API's "force a state" installs: it holds until the next event, and a failed status
 * carries an error message (`defaultError` when none is given).
 */
export function forcedStatusPhase(
  status: string,
  errorMessage: string | null,
  failure: { statuses: readonly string[]; defaultError: string } = {
    statuses: ["FAILED"],
    defaultError: "Simulated failure.",
  },
): PhaseSpec {
  const failed = failure.statuses.includes(status);
  return { status, durationMs: null, errorMessage: failed ? (errorMessage ?? failure.defaultError) : errorMessage };
}

export interface Phase {
  status: string;
  startsAt: number;
  /** Null while the phase holds until an event. */
  endsAt: number | null;
  errorMessage: string | null;
}

export interface StatusChange {
  status: string;
  at: number;
  errorMessage: string | null;
}

export class Lifecycle {
  private phases: Phase[] = [];

  constructor(start: number, phases: readonly PhaseSpec[]) {
    this.schedule(start, phases);
  }

  /**
   * Replaces everything from `at` on with `phases` (run back to back). `at` may lie in the future,
   * e.g. "once the peering is pending, go on to FINALIZING". The last phase should hold (null duration).
   */
  schedule(at: number, phases: readonly PhaseSpec[]): void {
    // Phases that started by `at` are history (one that started exactly at `at` is kept with no length,
    // so an event in the same millisecond as the creation does not erase the first status).
    this.phases = this.phases.filter((phase) => phase.startsAt <= at);
    for (const phase of this.phases) if (phase.endsAt === null || phase.endsAt > at) phase.endsAt = at;
    let start = at;
    for (const spec of phases) {
      const endsAt = spec.durationMs === null ? null : start + spec.durationMs;
      this.phases.push({ status: spec.status, startsAt: start, endsAt, errorMessage: spec.errorMessage ?? null });
      if (endsAt === null) break;
      start = endsAt;
    }
  }

  /** The phase in force at `t` (the first one if `t` precedes it). */
  phaseAt(t: number): Phase {
    for (let i = this.phases.length - 1; i >= 0; i--) {
      const phase = this.phases[i] as Phase;
      if (phase.startsAt <= t && (phase.endsAt === null || t < phase.endsAt)) return phase;
    }
    // Before the first phase, or past the end of a finite schedule: clamp to the nearest phase.
    const first = this.phases[0] as Phase;
    if (t < first.startsAt) return first;
    return this.phases[this.phases.length - 1] as Phase;
  }

  statusAt(t: number): string {
    return this.phaseAt(t).status;
  }

  isGoneAt(t: number): boolean {
    return this.statusAt(t) === gone;
  }

  /** The first future phase with this status, if the schedule reaches it. */
  nextPhase(status: string, after: number): Phase | undefined {
    return this.phases.find((phase) => phase.status === status && phase.startsAt >= after);
  }

  /** Every status entered up to `t`, oldest first. */
  history(t: number): StatusChange[] {
    return this.phases
      .filter((phase) => phase.startsAt <= t)
      .map((phase) => ({ status: phase.status, at: phase.startsAt, errorMessage: phase.errorMessage }));
  }

  /** When the resource became gone, if it has by `t`. */
  goneAt(t: number): number | null {
    const phase = this.phaseAt(t);
    return phase.status === gone && phase.startsAt <= t ? phase.startsAt : null;
  }

  /** When the current phase began (the settle time when the current status is a settled one). */
  enteredAt(t: number): number {
    return this.phaseAt(t).startsAt;
  }

  /** Whether the status ever reached `status` by `t`. */
  reached(status: string, t: number): boolean {
    return this.phases.some((phase) => phase.status === status && phase.startsAt <= t);
  }
}
