/**
 * Default phase durations, in simulated seconds (multiplied by `timeScale` to get real time).
 * One table, so the timing model is reviewable in one place. Values follow what users and the
 * Terraform provider's waits report for real Atlas: minutes, not seconds.
 *
 * | resource                     | phase                                   | default |
 * | ---------------------------- | --------------------------------------- | ------- |
 * | private endpoint service     | INITIATING (create)                     | 180 s   |
 * |                              | INITIATING again after PATCH            | 60 s    |
 * |                              | DELETING                                | 120 s   |
 * | serverless private endpoint  | RESERVATION_REQUESTED                   | 60 s    |
 * |                              | INITIATING (after PATCH with endpoint)  | 120 s   |
 * |                              | DELETING                                | 60 s    |
 * | network peer, AWS            | INITIATING                              | 60 s    |
 * |                              | PENDING_ACCEPTANCE (only when auto-accepting; else until accepted) | 30 s |
 * |                              | FINALIZING (after acceptance)           | 60 s    |
 * |                              | TERMINATING                             | 90 s    |
 * | network peer, Azure and GCP  | ADDING_PEER                             | 120 s   |
 * |                              | WAITING_FOR_USER (GCP, auto-accept only) | 30 s   |
 * |                              | DELETING                                | 90 s    |
 * | network container            | none: created and deleted at once       |         |
 * | endpoint registration, AWS   | PENDING_ACCEPTANCE                      | 40 s    |
 * |                              | PENDING (then AVAILABLE)                | 90 s    |
 * | endpoint registration, Azure | INITIATING (then AVAILABLE)             | 120 s   |
 * | endpoint registration, GCP   | INITIATING (then AVAILABLE)             | 150 s   |
 * | endpoint registration        | DELETING                                | 60 s    |
 */
export interface SimulatorDurations {
  endpointService: { initiating: number; updating: number; deleting: number };
  serverlessEndpoint: { reservationRequested: number; initiating: number; deleting: number };
  networkPeer: {
    initiating: number;
    awaitingAcceptance: number;
    finalizing: number;
    addingPeer: number;
    terminating: number;
    deleting: number;
  };
  /** Registrations of cloud endpoints with an endpoint service (AWS PENDING_ACCEPTANCE + PENDING ≈ TF's 2m13s). */
  endpointRegistration: {
    awsPendingAcceptance: number;
    awsPending: number;
    azureInitiating: number;
    gcpInitiating: number;
    deleting: number;
  };
}

export const defaultDurations: SimulatorDurations = {
  endpointService: { initiating: 180, updating: 60, deleting: 120 },
  serverlessEndpoint: { reservationRequested: 60, initiating: 120, deleting: 60 },
  networkPeer: {
    initiating: 60,
    awaitingAcceptance: 30,
    finalizing: 60,
    addingPeer: 120,
    terminating: 90,
    deleting: 90,
  },
  endpointRegistration: {
    awsPendingAcceptance: 40,
    awsPending: 90,
    azureInitiating: 120,
    gcpInitiating: 150,
    deleting: 60,
  },
};

export type DurationOverrides = { [Group in keyof SimulatorDurations]?: Partial<SimulatorDurations[Group]> };

/** `base` with `overrides` applied; throws on unknown names or values that are not seconds >= 0. */
export function mergeDurations(base: SimulatorDurations, overrides: DurationOverrides = {}): SimulatorDurations {
  const merged: SimulatorDurations = {
    endpointService: { ...base.endpointService },
    serverlessEndpoint: { ...base.serverlessEndpoint },
    networkPeer: { ...base.networkPeer },
    endpointRegistration: { ...base.endpointRegistration },
  };
  for (const [group, values] of Object.entries(overrides) as [keyof SimulatorDurations, Record<string, unknown>][]) {
    const target = merged[group] as Record<string, number> | undefined;
    if (!target) throw new RangeError(`unknown duration group "${group}"`);
    for (const [phase, seconds] of Object.entries(values ?? {})) {
      if (!(phase in target)) throw new RangeError(`unknown duration "${group}.${phase}"`);
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`duration "${group}.${phase}" must be a number of seconds >= 0`);
      }
      target[phase] = seconds;
    }
  }
  return merged;
}
