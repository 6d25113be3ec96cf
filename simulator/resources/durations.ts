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

// ---- seeded spread ----------------------------------------------------------------------------------

/**
 * How far a drawn duration strays from its typical value: log-normal with the typical value as its median
 * (so half the draws are shorter, half longer, and a phase is never negative), σ = 0.3 on the log scale
 * (the middle 90 % of draws within ×0.61 and ×1.64 of the typical value), bounded to ×0.5 … ×2 by drawing
 * again (a clamp would pile draws up on the bounds). Atlas publishes no spread; σ and the bounds are the
 * simulator's choice (docs/simulator.md, "Durations").
 */
export const durationSpread = { sigma: 0.3, min: 0.5, max: 2 } as const;

export type DurationSpread = { sigma: number; min: number; max: number };

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state, one multiply-xorshift round per number,
 * uniform on [0, 1). Small and fast; plenty for drawing a few durations, not for anything cryptographic.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns a draw's key (seed, request, phase, occurrence) into mulberry32's seed. */
export function hashKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * One duration around `typical` seconds: exp(N(ln typical, σ)) from two uniforms (Box-Muller), drawn again
 * while outside [min, max] × typical (at σ 0.3 that is about 1 draw in 50), clamped after 16 tries.
 * Rounded to the millisecond. 0 stays 0.
 */
export function drawDuration(typical: number, uniform: () => number, spread: DurationSpread = durationSpread): number {
  if (typical <= 0) return 0;
  let factor = 1;
  for (let attempt = 0; attempt < 16; attempt++) {
    const u1 = 1 - uniform(); // (0, 1]: the log below stays finite
    const u2 = uniform();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    factor = Math.exp(spread.sigma * normal);
    if (factor >= spread.min && factor <= spread.max) break;
  }
  factor = Math.min(spread.max, Math.max(spread.min, factor));
  return Math.round(typical * factor * 1000) / 1000;
}

/** `group.phase` names of the phases an override sets: those stay exact when durations are drawn. */
export function overriddenPhases(overrides: DurationOverrides = {}): string[] {
  return Object.entries(overrides).flatMap(([group, phases]) =>
    Object.keys(phases ?? {}).map((phase) => `${group}.${phase}`),
  );
}

/**
 * Seeded draws. A draw is a pure function of the seed, the context that asks (the simulator sets it to the
 * API request being handled: method, path and body, ids left out), the phase and how many times that context
 * drew that phase since the last reset. So two runs that send the same requests get the same durations,
 * whatever order their concurrent requests arrive in: the bench runs both strategies on the same draws.
 */
export class DurationDraws {
  private readonly counts = new Map<string, number>();
  /** Who is asking: set around each API request; "control" for control API calls (seeds, accept). */
  context = "control";

  constructor(readonly seed: number) {}

  draw(phase: string, typical: number): number {
    const key = `${this.seed}|${this.context}|${phase}`;
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    return drawDuration(typical, mulberry32(hashKey(`${key}|${n}`)));
  }

  /** Forgets the occurrence counts (the simulator's reset): the same requests draw the same durations again. */
  reset(): void {
    this.counts.clear();
  }

  /** Runs `body` with `context` as the draws' context. */
  within<T>(context: string, body: () => T): T {
    const previous = this.context;
    this.context = context;
    try {
      return body();
    } finally {
      this.context = previous;
    }
  }
}

/**
 * What the resource handlers read as `state.durations`: without draws, the typical values; with draws,
 * each read of a phase not in `exact` is a fresh draw around its typical value (handlers read a phase
 * once when they schedule it).
 */
export function drawnDurations(
  typical: SimulatorDurations,
  exact: ReadonlySet<string>,
  draws: DurationDraws | null,
): SimulatorDurations {
  if (!draws) return typical;
  const groups = {} as Record<string, Record<string, number>>;
  for (const [group, phases] of Object.entries(typical) as [string, Record<string, number>][]) {
    const view = {} as Record<string, number>;
    for (const [phase, seconds] of Object.entries(phases)) {
      const name = `${group}.${phase}`;
      Object.defineProperty(view, phase, {
        enumerable: true,
        get: () => (exact.has(name) ? seconds : draws.draw(name, seconds)),
      });
    }
    groups[group] = view;
  }
  return groups as unknown as SimulatorDurations;
}
