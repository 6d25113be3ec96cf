import { Clock } from "./clock";
import { DurationOverrides, SimulatorDurations, defaultDurations, mergeDurations } from "./resources/durations";
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
  durations: SimulatorDurations;
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
    autoAcceptPeers?: boolean;
    /** The time source (default Date.now). */
    now?: () => number;
  }) {
    this.clock = new Clock(options.timeScale, options.now);
    this.durations = mergeDurations(defaultDurations, options.durations);
    this.autoAcceptPeers = options.autoAcceptPeers ?? false;
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
  }
}
