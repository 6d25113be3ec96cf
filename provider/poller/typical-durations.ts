/**
 * Atlas's typical time in each transitional state, per resource kind and operation, in Atlas milliseconds: what
 * the phase-aware schedule (phase-schedule.ts) reads densely around. Atlas publishes no durations; the table, its
 * sources and what happens when Atlas is faster or slower are in docs/waiting-and-timeouts.md ("How often a wait
 * reads"), and the simulator models the same values (simulator/resources/durations.ts). States missing here (a
 * user's step such as PENDING_ACCEPTANCE, or an unknown state) get the proportional schedule.
 */
export type WaitOperation = "create" | "update" | "delete" | "read";

/** Per state: the typical duration for an operation, or `any` for every operation. */
export type TypicalDurations = Readonly<Record<string, Readonly<Partial<Record<WaitOperation | "any", number>>>>>;

const s = 1000;

export const typicalDurations = {
  privateEndpointService: {
    INITIATING: { create: 180 * s, update: 60 * s, any: 180 * s },
    DELETING: { any: 120 * s },
  },
  serverlessPrivateEndpoint: {
    RESERVATION_REQUESTED: { any: 60 * s },
    INITIATING: { any: 120 * s },
    DELETING: { any: 60 * s },
  },
  networkPeer: {
    INITIATING: { any: 60 * s },
    FINALIZING: { any: 60 * s },
    ADDING_PEER: { any: 120 * s },
    TERMINATING: { any: 90 * s },
    DELETING: { any: 90 * s },
  },
  /**
   * A registered cloud endpoint: AWS PENDING_ACCEPTANCE then PENDING (a recorded Terraform run took 2m13s in
   * all, terraform-provider-mongodbatlas PR #530), Azure and GCP INITIATING (Azure 120 s, GCP 150 s: one table
   * per state, so the shorter, where the dense window starts earlier), DELETING. Sources: docs/simulator.md, "Durations".
   */
  privateEndpointRegistration: {
    PENDING_ACCEPTANCE: { any: 40 * s },
    PENDING: { any: 90 * s },
    INITIATING: { any: 120 * s },
    DELETING: { any: 60 * s },
  },
  /** No status: a container is made and changed at once, so every wait settles on its first read. */
  networkContainer: {},
} as const satisfies Record<string, TypicalDurations>;

/** The typical duration of `state` for `operation`, or undefined when none is known. */
export function typicalDurationOf(
  table: TypicalDurations | undefined,
  state: string,
  operation: WaitOperation,
): number | undefined {
  if (!table || !Object.hasOwn(table, state)) return undefined;
  const entry = table[state];
  return entry?.[operation] ?? entry?.any;
}
