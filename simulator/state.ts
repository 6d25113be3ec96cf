import { Clock } from "./clock";
import {
  DurationDraws,
  DurationOverrides,
  SimulatorDurations,
  defaultDurations,
  drawnDurations,
  mergeDurations,
  overriddenPhases,
} from "./resources/durations";
import { ServerlessInstances } from "./resources/serverless-instances";
import { ResourceStore } from "./resources/store";

/**
 * How Atlas treats endpoint services and their registered endpoints where the sources disagree or are
 * silent (docs/simulator.md, "Private endpoint registrations"; docs/simulator.md, "Private endpoint registrations and the regional mode").
 */
export interface PrivateEndpointSettings {
  /**
   * Whether removing the last registered endpoint of a service removes the service too. "AWS" (default):
   * AWS only, as the Kubernetes operator's maintainers and the Atlas CLI describe it; "ALL": every provider,
   * as the spec's DELETE description says; "NONE": never.
   */
  lastEndpointRemovesService: "AWS" | "ALL" | "NONE";
  /**
   * DELETE of a service that still has registered endpoints (DELETING ones included): "REFUSE" (default)
   * answers 409 PRIVATE_ENDPOINT_SERVICE_HAS_ENDPOINTS naming them; "CASCADE" deletes them with the service.
   */
  serviceDeleteWithEndpoints: "REFUSE" | "CASCADE";
}

export const defaultPrivateEndpointSettings: Readonly<PrivateEndpointSettings> = {
  lastEndpointRemovesService: "AWS",
  serviceDeleteWithEndpoints: "REFUSE",
};

/**
 * When Atlas fills in a GCP container's `provisioned`, `gcpProjectId` and `networkName`, where the sources
 * disagree (docs/simulator.md, "GCP network names"):
 * - "WITH_FIRST_PEER" (default): once Atlas's side of a peering connection in the container is ready (the
 *   peer has left ADDING_PEER), or once clusters live in it. The Terraform provider's GCP create waits for
 *   exactly that flag at WAITING_FOR_USER, its acceptance test reads `p-…` / `nt-…` names right after
 *   creating a container and a peer without any cluster, and its documented GCP example creates the cluster
 *   only after the reciprocal peering.
 * - "WITH_CLUSTERS": only once clusters live in it (drift field `hasClusters`), as the spec's field texts
 *   say; a peer alone then settles at WAITING_FOR_USER with the names still null.
 */
export type GcpNetworkNames = "WITH_FIRST_PEER" | "WITH_CLUSTERS";

export const defaultGcpNetworkNames: GcpNetworkNames = "WITH_FIRST_PEER";

/** Everything the resource handlers read and change: time, timing settings, and the resources. */
export class SimulatorState {
  readonly clock: Clock;
  readonly store = new ResourceStore();
  readonly serverless = new ServerlessInstances();
  /** Typical phase durations: the defaults with the overrides applied (what configure reports). */
  private typical: SimulatorDurations;
  /** `group.phase` names set by an override: exact even when durations are drawn. */
  private readonly exact = new Set<string>();
  /** Seeded draws around the typical durations, or null: every phase lasts its typical value exactly. */
  private draws: DurationDraws | null = null;
  /** When true, AWS/GCP peers leave PENDING_ACCEPTANCE / WAITING_FOR_USER on their own (demo convenience). */
  autoAcceptPeers: boolean;
  privateEndpoints: PrivateEndpointSettings = { ...defaultPrivateEndpointSettings };
  /** When a GCP container shows Atlas's GCP project and network (see GcpNetworkNames). */
  gcpNetworkNames: GcpNetworkNames = defaultGcpNetworkNames;
  /** Projects' regionalized private endpoint setting (GET/PATCH .../privateEndpoint/regionalMode); absent = false. */
  readonly regionalMode = new Map<string, boolean>();
  /**
   * Cloud endpoint ids (AWS vpce ids, Azure private endpoint resource ids in lower case, GCP forwarding rule
   * names) the control API marked as missing in the cloud: registering them ends REJECTED / FAILED.
   */
  readonly missingCloudEndpoints = new Set<string>();

  constructor(options: {
    timeScale: number;
    durations?: DurationOverrides;
    /** Draw each phase's duration around its typical value with this seed (default: none, exact values). */
    seed?: number | null;
    autoAcceptPeers?: boolean;
    /** The time source (default Date.now). */
    now?: () => number;
  }) {
    this.clock = new Clock(options.timeScale, options.now);
    this.typical = mergeDurations(defaultDurations, options.durations);
    for (const name of overriddenPhases(options.durations)) this.exact.add(name);
    this.seed = options.seed ?? null;
    this.autoAcceptPeers = options.autoAcceptPeers ?? false;
  }

  /**
   * What the resource handlers read when they schedule a phase: the typical values, or with a seed a fresh
   * draw per read around them (overridden phases stay exact). See resources/durations.ts.
   */
  get durations(): SimulatorDurations {
    return drawnDurations(this.typical, this.exact, this.draws);
  }

  /** The typical durations (a copy). */
  get typicalDurations(): SimulatorDurations {
    return mergeDurations(this.typical);
  }

  /** Phases set by an override, which stay exact when durations are drawn. */
  get exactPhases(): string[] {
    return [...this.exact].sort();
  }

  /** Merges overrides into the typical durations; the phases they name become exact. Throws on a bad name. */
  overrideDurations(overrides: DurationOverrides): void {
    this.typical = mergeDurations(this.typical, overrides);
    for (const name of overriddenPhases(overrides)) this.exact.add(name);
  }

  /** Back to the defaults with these overrides (the start-up settings, on reset). */
  restoreDurations(overrides: DurationOverrides): void {
    this.typical = mergeDurations(defaultDurations, overrides);
    this.exact.clear();
    for (const name of overriddenPhases(overrides)) this.exact.add(name);
  }

  get seed(): number | null {
    return this.draws?.seed ?? null;
  }

  /** A seed starts the draws afresh (the same requests draw the same durations again); null stops drawing. */
  set seed(seed: number | null) {
    if (seed !== null && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff))
      throw new RangeError("seed must be an integer from 0 to 4294967295, or null");
    this.draws = seed === null ? null : new DurationDraws(seed);
  }

  /** Runs a request's handler with the request as the draws' context (see DurationDraws). */
  drawingFor<T>(context: string, body: () => T): T {
    return this.draws ? this.draws.within(context, body) : body();
  }

  /** Real milliseconds for a phase of `simulatedSeconds`. */
  ms(simulatedSeconds: number): number {
    return this.clock.realMs(simulatedSeconds);
  }

  now(): number {
    return this.clock.now();
  }

  /** Forgets every resource, serverless instance, regional mode and missing cloud endpoint; timing settings stay. */
  clearResources(): void {
    this.store.clear();
    this.serverless.clear();
    this.regionalMode.clear();
    this.missingCloudEndpoints.clear();
    this.draws?.reset();
  }
}
