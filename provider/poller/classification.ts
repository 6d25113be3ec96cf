/**
 * How the poller sees a resource: every read is classified into a phase. The tables that say which Atlas
 * state is which phase live with each resource (`provider/resources/<resource>/states.ts`); this module only
 * holds the shared vocabulary and the one lookup they all use.
 */
export type StatePhase = "transitional" | "settled" | "failed";

export interface Classification {
  /** Atlas's state as read (or a label for resources without one, such as containers). */
  state: string;
  phase: StatePhase;
  /** Atlas's error text for a failed resource (the field differs per resource and provider). */
  errorMessage?: string;
  /** True when the state is not in the table: Atlas added a value. The poller warns once and keeps waiting. */
  unknownState?: boolean;
}

/** Every known state of a resource mapped to its phase; `satisfies StateTable<Union>` makes the table complete. */
export type StateTable<State extends string> = Readonly<Record<State, StatePhase>>;

/**
 * Which settled states end a wait: any of them ("settled": what a create or an update waits for, including
 * WAITING_FOR_USER, PENDING_ACCEPTANCE and RESERVED), or only AVAILABLE ("available").
 */
export type WaitFor = "settled" | "available";

/** Per resource: the states each kind of wait stops at. */
export type WaitTargets<State extends string> = Readonly<Record<WaitFor, readonly State[]>>;

/** Label used when Atlas returns no state at all (the field missing or null). */
export const missingStateLabel = "(no state)";

/**
 * Classifies `state` with `table`. A settled state that is not one of `targets` counts as transitional: that
 * is how an "available" wait keeps waiting through WAITING_FOR_USER or PENDING_ACCEPTANCE. A state missing
 * from the table is transitional and flagged, never an exception: Atlas adds enum values without notice.
 */
export function classifyByTable<State extends string>(
  table: StateTable<State>,
  targets: readonly State[],
  state: string | null | undefined,
  errorMessage?: string | null,
): Classification {
  if (state === null || state === undefined || state === "") {
    return { state: missingStateLabel, phase: "transitional", unknownState: true };
  }
  // Object.hasOwn, not `in`: a state named like an Object.prototype member ("constructor") is still unknown.
  if (!Object.hasOwn(table, state)) {
    return { state, phase: "transitional", unknownState: true };
  }
  const known = state as State;
  const phase = table[known];
  if (phase === "failed") {
    return errorMessage ? { state, phase, errorMessage } : { state, phase };
  }
  if (phase === "settled" && !targets.includes(known)) {
    return { state, phase: "transitional" };
  }
  return { state, phase };
}
