/**
 * What each run creates. A workload is a list of resources (kind, project, inputs) created concurrently;
 * each resource's inputs get the strategy's poll settings and a timeout when a run starts.
 *
 * - size 1: one run per kind, each resource alone (an endpoint service, an AWS peer, a GCP peer, an endpoint
 *   registration with an AWS service seeded AVAILABLE through the control API);
 * - sizes 10 and 50: one stack of 40 % endpoint services (AWS, Azure and GCP regions in turn: Atlas allows one
 *   per provider and region in a project), 30 % AWS peers and 30 % GCP peers, all in one project, and one
 *   endpoint registration per service, created once its service's create returned (as the engine orders a
 *   resource after the one whose output it takes): a stack of 10 is 14 resources, one of 50 is 70;
 * - the coalescing workload: N GCP peers on one container, one project (N waits of one kind in one project).
 */
import type { ResourceKind } from "../provider/resources/shared/provider-contract";
import type { BenchParameters } from "./parameters";
import type { CloudProvider } from "../provider/atlas-rules";

export type BenchKind = "endpointService" | "endpointRegistration" | "awsPeer" | "gcpPeer";

export const benchKinds: readonly BenchKind[] = ["endpointService", "endpointRegistration", "awsPeer", "gcpPeer"];

export const kindTitles: Record<BenchKind, string> = {
  endpointService: "private endpoint service",
  endpointRegistration: "private endpoint registration",
  awsPeer: "AWS network peer",
  gcpPeer: "GCP network peer",
};

export const shimKinds: Record<BenchKind, ResourceKind> = {
  endpointService: "privateEndpointService",
  endpointRegistration: "privateEndpointRegistration",
  awsPeer: "networkPeer",
  gcpPeer: "networkPeer",
};

/** A zeroed record per kind. */
export function byKind<T>(value: () => T): Record<BenchKind, T> {
  return { endpointService: value(), endpointRegistration: value(), awsPeer: value(), gcpPeer: value() };
}

/** A network container a workload's peers need, seeded through the simulator's control API before a run. */
export interface ContainerNeed {
  projectId: string;
  providerName: "AWS" | "GCP";
}

/** An endpoint service seeded AVAILABLE through the control API (the lone registration's service). */
export interface ServiceNeed {
  projectId: string;
  providerName: CloudProvider;
  region: string;
}

/**
 * An input taken from another resource's output: the resource is checked and created once that one's create
 * returned, as the engine does with a resource whose input is another's output (a registration's
 * endpointServiceId is its service's endpointServiceId output).
 */
export interface Dependency {
  /** The label of the resource in the same workload. */
  label: string;
  output: string;
  input: string;
}

/** A well-formed Atlas id that stands in for a dependency's output when the bench checks its own inputs up front. */
export const placeholderAtlasId = "000000000000000000000000";

export interface PlannedResource {
  /** Unique in its workload, e.g. `endpointService-AZURE-US_EAST_2`. */
  label: string;
  kind: BenchKind;
  projectId: string;
  /** The cloud provider of the list a coalesced wait reads (endpoint services and peers are listed per provider). */
  providerName: CloudProvider;
  /** Inputs without poll and timeouts; container and seeded service ids are filled in from `seeded`. */
  inputs(seeded: ContainerIds): Record<string, unknown>;
  /** Created after another resource of the workload, with one input from its outputs. */
  after?: Dependency;
}

export interface Workload {
  /** e.g. `mixed-10`, `single-gcpPeer`, `same-kind-50`. */
  name: string;
  /** The stack size it counts towards in the report. */
  size: number;
  description: string;
  resources: PlannedResource[];
  containers: ContainerNeed[];
  /** Endpoint services seeded AVAILABLE before the run (not created by it). */
  services: ServiceNeed[];
  /** A rate limit other than the bench's (Atlas time), set on the simulator for this run only. */
  rateLimit?: { capacity: number; refillPerAtlasSecond: number };
}

/** Seeded ids: containers by `${projectId}|${providerName}`, services by serviceKey. */
export type ContainerIds = ReadonlyMap<string, string>;

export function containerKey(projectId: string, providerName: string): string {
  return `${projectId}|${providerName}`;
}

export function serviceKey(need: ServiceNeed): string {
  return `${need.projectId}|service|${need.providerName}|${need.region}`;
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

/**
 * GCP services use port mapping: Atlas then takes exactly one forwarding rule per registration (without it, one per
 * service attachment: 50), which keeps the registration's inputs small.
 */
export function endpointService(projectId: string, providerName: CloudProvider, region: string): PlannedResource {
  return {
    label: `endpointService-${providerName}-${region}`,
    kind: "endpointService",
    projectId,
    providerName,
    inputs: () => ({
      projectId,
      providerName,
      region,
      ...(providerName === "GCP" ? { portMappingEnabled: true } : {}),
    }),
  };
}

/**
 * The cloud endpoint registered with a service, one per service, numbered across the workload (the simulator
 * accepts any well-formed id: none is marked missing). AWS: an interface endpoint id; Azure: a private endpoint's
 * resource id and IP; GCP (port-mapped services): one forwarding rule, whose name Atlas uses as the group's.
 */
function registrationInputs(providerName: CloudProvider, index: number): Record<string, unknown> {
  const ip = `10.${100 + Math.floor(index / 250)}.${index % 250}.4`;
  switch (providerName) {
    case "AWS":
      return { vpcEndpointId: `vpce-${hex(0xe00000 + index, 17)}` };
    case "AZURE":
      return {
        privateEndpointResourceId: `/subscriptions/00000000-0000-4000-8000-00000000be00/resourceGroups/bench/providers/Microsoft.Network/privateEndpoints/bench-endpoint-${index}`,
        privateEndpointIpAddress: ip,
      };
    case "GCP":
      return {
        gcpProjectId: "bench-network-project",
        endpoints: [{ endpointName: `bench-rule-${index}`, ipAddress: ip }],
      };
  }
}

/** A registration with the service `service` creates in this workload (its endpointServiceId once created). */
export function endpointRegistration(service: PlannedResource, index: number): PlannedResource {
  const { projectId, providerName } = service;
  return {
    label: service.label.replace(/^endpointService-/, "endpointRegistration-"),
    kind: "endpointRegistration",
    projectId,
    providerName,
    inputs: () => ({ projectId, providerName, ...registrationInputs(providerName, index) }),
    after: { label: service.label, output: "endpointServiceId", input: "endpointServiceId" },
  };
}

/** A registration with a service seeded AVAILABLE before the run. */
export function seededServiceRegistration(need: ServiceNeed, index: number): PlannedResource {
  const { projectId, providerName } = need;
  return {
    label: `endpointRegistration-${providerName}-${need.region}`,
    kind: "endpointRegistration",
    projectId,
    providerName,
    inputs: (seeded) => {
      const endpointServiceId = seeded.get(serviceKey(need));
      if (!endpointServiceId) throw new Error(`no ${providerName} service was seeded in ${need.region}`);
      return { projectId, providerName, endpointServiceId, ...registrationInputs(providerName, index) };
    },
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
    if (resource.kind === "endpointService" || resource.kind === "endpointRegistration") continue;
    const providerName = resource.kind === "awsPeer" ? "AWS" : "GCP";
    needs.set(containerKey(resource.projectId, providerName), { projectId: resource.projectId, providerName });
  }
  return [...needs.values()];
}

function workload(
  name: string,
  size: number,
  description: string,
  resources: PlannedResource[],
  services: ServiceNeed[] = [],
): Workload {
  return { name, size, description, resources, containers: containersFor(resources), services };
}

/** One run per kind, each with a single resource. */
export function singleResourceWorkloads(): Workload[] {
  const projectId = benchProjects.single;
  const service: ServiceNeed = { projectId, providerName: "AWS", region: "US_EAST_1" };
  const alone: Record<BenchKind, PlannedResource> = {
    endpointService: endpointService(projectId, "AWS", "US_EAST_1"),
    endpointRegistration: seededServiceRegistration(service, 0),
    awsPeer: awsPeer(projectId, 0),
    gcpPeer: gcpPeer(projectId, 0),
  };
  return benchKinds.map((kind) =>
    kind === "endpointRegistration"
      ? workload(
          `single-${kind}`,
          1,
          `one ${kindTitles[kind]} (AWS), alone, with its service seeded AVAILABLE`,
          [alone[kind]],
          [service],
        )
      : workload(`single-${kind}`, 1, `one ${kindTitles[kind]}, alone`, [alone[kind]]),
  );
}

/**
 * Kinds in the order resources are added to a mixed stack: every 10 resources, 4 endpoint services, 3 + 3 peers;
 * each service brings its registration on top (created after it).
 */
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
 * lists); peers and registrations are numbered across stacks (one VPC, network or cloud endpoint each). Each
 * stack is one Workload: `size` resources of the pattern and one registration per service.
 */
export function stackWorkloads(
  stacks: number,
  size: number,
  regions: Readonly<Record<CloudProvider, readonly string[]>>,
): Workload[] {
  const projectId = benchProjects.stacks;
  const count = byKind(() => 0);
  return Array.from({ length: stacks }, (_, stack) => {
    const resources: PlannedResource[] = [];
    for (let i = 0; i < size; i++) {
      const kind = mixedPattern[i % mixedPattern.length] as BenchKind;
      const n = count[kind]++;
      if (kind === "endpointService") {
        const providerName = serviceProviders[n % serviceProviders.length] as CloudProvider;
        const region = regions[providerName][Math.floor(n / serviceProviders.length)];
        if (!region) throw new Error(`too few ${providerName} regions for ${stacks} stacks of ${size}`);
        const service = endpointService(projectId, providerName, region);
        resources.push(service, endpointRegistration(service, count.endpointRegistration++));
      } else {
        resources.push(kind === "awsPeer" ? awsPeer(projectId, n) : gcpPeer(projectId, n));
      }
    }
    return workload(
      `stack-${stack}`,
      size,
      `stack ${stack + 1} of ${stacks} (${resources.length} resources)`,
      resources,
    );
  });
}

export function mixedWorkload(size: number): Workload {
  const projectId = benchProjects.mixed;
  const resources: PlannedResource[] = [];
  const count = byKind(() => 0);
  for (let i = 0; i < size; i++) {
    const kind = mixedPattern[i % mixedPattern.length] as BenchKind;
    const n = count[kind]++;
    if (kind === "endpointService") {
      const providerName = serviceProviders[n % serviceProviders.length] as CloudProvider;
      const regions = endpointServiceRegions[providerName];
      const region = regions[Math.floor(n / serviceProviders.length)];
      if (!region) throw new Error(`the bench lists too few ${providerName} regions for ${size} resources`);
      const service = endpointService(projectId, providerName, region);
      resources.push(service, endpointRegistration(service, count.endpointRegistration++));
    } else {
      resources.push(kind === "awsPeer" ? awsPeer(projectId, n) : gcpPeer(projectId, n));
    }
  }
  const summary = (Object.entries(count) as [BenchKind, number][])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kindTitles[kind]}${n === 1 ? "" : "s"}`)
    .join(", ");
  return workload(`mixed-${size}`, size, `${resources.length} resources: ${summary} in one project`, resources);
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
