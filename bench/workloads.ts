/**
 * What each run creates. A workload is a list of resources (kind, project, inputs) created concurrently;
 * each resource's inputs get the strategy's poll settings and a timeout when a run starts.
 *
 * - size 1: one run per kind, each resource alone (an endpoint service, an AWS peer, a GCP peer);
 * - sizes 10 and 50: one stack of 40 % endpoint services (AWS, Azure and GCP regions in turn: Atlas allows one
 *   per provider and region in a project), 30 % AWS peers and 30 % GCP peers, all in one project;
 * - the coalescing workload: N GCP peers on one container, one project (N waits of one kind in one project).
 */
import type { ResourceKind } from "../provider/resources/shared/provider-contract";
import type { BenchParameters } from "./parameters";
import type { CloudProvider } from "../provider/atlas-rules";

export type BenchKind = "endpointService" | "awsPeer" | "gcpPeer";

export const benchKinds: readonly BenchKind[] = ["endpointService", "awsPeer", "gcpPeer"];

export const kindTitles: Record<BenchKind, string> = {
  endpointService: "private endpoint service",
  awsPeer: "AWS network peer",
  gcpPeer: "GCP network peer",
};

export const shimKinds: Record<BenchKind, ResourceKind> = {
  endpointService: "privateEndpointService",
  awsPeer: "networkPeer",
  gcpPeer: "networkPeer",
};

/** A network container a workload's peers need, seeded through the simulator's control API before a run. */
export interface ContainerNeed {
  projectId: string;
  providerName: "AWS" | "GCP";
}

export interface PlannedResource {
  /** Unique in its workload, e.g. `endpointService-AZURE-US_EAST_2`. */
  label: string;
  kind: BenchKind;
  projectId: string;
  /** The cloud provider of the list a coalesced wait reads (endpoint services and peers are listed per provider). */
  providerName: CloudProvider;
  /** Inputs without poll and timeouts; container ids are filled in from the seeded containers. */
  inputs(containers: ContainerIds): Record<string, unknown>;
}

export interface Workload {
  /** e.g. `mixed-10`, `single-gcpPeer`, `same-kind-50`. */
  name: string;
  /** The stack size it counts towards in the report. */
  size: number;
  description: string;
  resources: PlannedResource[];
  containers: ContainerNeed[];
  /** A rate limit other than the bench's (Atlas time), set on the simulator for this run only. */
  rateLimit?: { capacity: number; refillPerAtlasSecond: number };
}

/** Container id by `${projectId}|${providerName}`. */
export type ContainerIds = ReadonlyMap<string, string>;

export function containerKey(projectId: string, providerName: string): string {
  return `${projectId}|${providerName}`;
}

/** Project ids: 24 hex digits, one per workload family (they are reused across runs: the simulator is reset). */
export const benchProjects = {
  single: "b00000000000000000000001",
  mixed: "b00000000000000000000010",
  sameKind: "b00000000000000000000050",
  stacks: "b00000000000000000000100",
} as const;

const endpointServiceRegions: Record<CloudProvider, readonly string[]> = {
  AWS: [
    "US_EAST_1",
    "US_EAST_2",
    "US_WEST_1",
    "US_WEST_2",
    "CA_CENTRAL_1",
    "EU_NORTH_1",
    "EU_WEST_1",
    "EU_WEST_2",
    "EU_WEST_3",
    "EU_CENTRAL_1",
  ],
  AZURE: [
    "US_EAST",
    "US_EAST_2",
    "US_WEST",
    "US_WEST_2",
    "US_CENTRAL",
    "EUROPE_NORTH",
    "EUROPE_WEST",
    "UK_SOUTH",
    "JAPAN_EAST",
    "CANADA_CENTRAL",
  ],
  GCP: [
    "CENTRAL_US",
    "EASTERN_US",
    "US_EAST_4",
    "WESTERN_US",
    "US_WEST_2",
    "WESTERN_EUROPE",
    "EUROPE_WEST_2",
    "EUROPE_WEST_3",
    "EUROPE_NORTH_1",
    "ASIA_SOUTH_1",
  ],
};

const serviceProviders: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0");
}

export function endpointService(projectId: string, providerName: CloudProvider, region: string): PlannedResource {
  return {
    label: `endpointService-${providerName}-${region}`,
    kind: "endpointService",
    projectId,
    providerName,
    inputs: () => ({ projectId, providerName, region }),
  };
}

export function awsPeer(projectId: string, index: number): PlannedResource {
  return {
    label: `awsPeer-${index}`,
    kind: "awsPeer",
    projectId,
    providerName: "AWS",
    inputs: (containers) => ({
      projectId,
      containerId: requireContainer(containers, projectId, "AWS"),
      providerName: "AWS",
      accepterRegionName: "us-west-2",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "172.31.0.0/16",
      // One peer per VPC and container: each peer its own VPC.
      vpcId: `vpc-${hex(0xbe0000 + index, 17)}`,
    }),
  };
}

export function gcpPeer(projectId: string, index: number): PlannedResource {
  return {
    label: `gcpPeer-${index}`,
    kind: "gcpPeer",
    projectId,
    providerName: "GCP",
    inputs: (containers) => ({
      projectId,
      containerId: requireContainer(containers, projectId, "GCP"),
      providerName: "GCP",
      gcpProjectId: "bench-network-project",
      networkName: `bench-network-${index}`,
    }),
  };
}

function requireContainer(containers: ContainerIds, projectId: string, providerName: "AWS" | "GCP"): string {
  const id = containers.get(containerKey(projectId, providerName));
  if (!id) throw new Error(`no ${providerName} container was seeded in project ${projectId}`);
  return id;
}

function containersFor(resources: readonly PlannedResource[]): ContainerNeed[] {
  const needs = new Map<string, ContainerNeed>();
  for (const resource of resources) {
    if (resource.kind === "endpointService") continue;
    const providerName = resource.kind === "awsPeer" ? "AWS" : "GCP";
    needs.set(containerKey(resource.projectId, providerName), { projectId: resource.projectId, providerName });
  }
  return [...needs.values()];
}

function workload(name: string, size: number, description: string, resources: PlannedResource[]): Workload {
  return { name, size, description, resources, containers: containersFor(resources) };
}

/** One run per kind, each with a single resource. */
export function singleResourceWorkloads(): Workload[] {
  const projectId = benchProjects.single;
  const alone: Record<BenchKind, PlannedResource> = {
    endpointService: endpointService(projectId, "AWS", "US_EAST_1"),
    awsPeer: awsPeer(projectId, 0),
    gcpPeer: gcpPeer(projectId, 0),
  };
  return benchKinds.map((kind) => workload(`single-${kind}`, 1, `one ${kindTitles[kind]}, alone`, [alone[kind]]));
}

/** Kinds in the order resources are added to a mixed stack: every 10 resources, 4 endpoint services, 3 + 3 peers. */
const mixedPattern: readonly BenchKind[] = [
  "endpointService",
  "awsPeer",
  "gcpPeer",
  "endpointService",
  "awsPeer",
  "gcpPeer",
  "endpointService",
  "awsPeer",
  "gcpPeer",
  "endpointService",
];

/**
 * The many-stacks scenario: `stacks` stacks of `size` resources each (the mixed pattern), all in one project.
 * Endpoint services take regions from the container tables (40 services need more regions than the mixed
 * lists); peers are numbered across stacks (one VPC or network each). Each stack is one Workload.
 */
export function stackWorkloads(
  stacks: number,
  size: number,
  regions: Readonly<Record<CloudProvider, readonly string[]>>,
): Workload[] {
  const projectId = benchProjects.stacks;
  const count: Record<BenchKind, number> = { endpointService: 0, awsPeer: 0, gcpPeer: 0 };
  return Array.from({ length: stacks }, (_, stack) => {
    const resources: PlannedResource[] = [];
    for (let i = 0; i < size; i++) {
      const kind = mixedPattern[i % mixedPattern.length] as BenchKind;
      const n = count[kind]++;
      if (kind === "endpointService") {
        const providerName = serviceProviders[n % serviceProviders.length] as CloudProvider;
        const region = regions[providerName][Math.floor(n / serviceProviders.length)];
        if (!region) throw new Error(`too few ${providerName} regions for ${stacks} stacks of ${size}`);
        resources.push(endpointService(projectId, providerName, region));
      } else {
        resources.push(kind === "awsPeer" ? awsPeer(projectId, n) : gcpPeer(projectId, n));
      }
    }
    return workload(`stack-${stack}`, size, `stack ${stack + 1} of ${stacks}`, resources);
  });
}

export function mixedWorkload(size: number): Workload {
  const projectId = benchProjects.mixed;
  const resources: PlannedResource[] = [];
  const count: Record<BenchKind, number> = { endpointService: 0, awsPeer: 0, gcpPeer: 0 };
  for (let i = 0; i < size; i++) {
    const kind = mixedPattern[i % mixedPattern.length] as BenchKind;
    const n = count[kind]++;
    if (kind === "endpointService") {
      const providerName = serviceProviders[n % serviceProviders.length] as CloudProvider;
      const regions = endpointServiceRegions[providerName];
      const region = regions[Math.floor(n / serviceProviders.length)];
      if (!region) throw new Error(`the bench lists too few ${providerName} regions for ${size} resources`);
      resources.push(endpointService(projectId, providerName, region));
    } else {
      resources.push(kind === "awsPeer" ? awsPeer(projectId, n) : gcpPeer(projectId, n));
    }
  }
  const summary = (Object.entries(count) as [BenchKind, number][])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kindTitles[kind]}${n === 1 ? "" : "s"}`)
    .join(", ");
  return workload(`mixed-${size}`, size, `${summary} in one project`, resources);
}

export function sameKindWorkload(size: number): Workload {
  const projectId = benchProjects.sameKind;
  const resources = Array.from({ length: size }, (_, i) => gcpPeer(projectId, i));
  return workload(`same-kind-${size}`, size, `${size} GCP network peers on one container in one project`, resources);
}

/** The mixed stack again under a stricter rate limit. */
export function rateLimitedWorkload(size: number, limit: { capacity: number; refillPerAtlasSecond: number }): Workload {
  const perMinute = Math.round(limit.refillPerAtlasSecond * 60);
  const mixed = mixedWorkload(size);
  return {
    ...mixed,
    name: `mixed-${size}-at-${perMinute}-per-min`,
    description: `${mixed.description}, rate limit ${limit.capacity} burst + ${perMinute}/min`,
    rateLimit: limit,
  };
}

/** Every run of the bench, in order: single resources, the mixed stacks, the coalescing workload, the strict limit. */
export function allWorkloads(parameters: BenchParameters): Workload[] {
  const sizes = parameters.sizes;
  const largest = Math.max(...sizes);
  return [
    ...(sizes.includes(1) ? singleResourceWorkloads() : []),
    ...sizes.filter((size) => size > 1).map(mixedWorkload),
    ...(parameters.sameKindSize > 0 ? [sameKindWorkload(parameters.sameKindSize)] : []),
    ...(parameters.strictRateLimit && largest > 1 ? [rateLimitedWorkload(largest, parameters.strictRateLimit)] : []),
  ];
}

/** How long a kind's wait lasts in Atlas, in simulated seconds. */
export function settleSecondsOf(kind: BenchKind, parameters: BenchParameters): number {
  return parameters.settleSeconds[kind];
}
