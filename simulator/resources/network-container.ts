/**
 * Network peering containers (spec tag "Network Peering"): the Atlas-side VPC/VNet per provider and region.
 * No status field: a container exists (ACTIVE) until deleted, at once, with 204. While a peering connection
 * (or, set out of band, a cluster) lives in it, it cannot be deleted (409 CONTAINERS_IN_USE) nor have its
 * CIDR changed, and AWS and Azure containers show `provisioned` true. A GCP container shows `provisioned`,
 * `gcpProjectId` and `networkName` once Atlas has built its GCP network: by default when Atlas's side of
 * its first peer is ready, or only once clusters live in it (state.ts GcpNetworkNames). One per provider region for AWS and Azure, one per
 * project for GCP (409 CONTAINER_ALREADY_EXISTS).
 */
import { ApiError } from "../errors";
import { objectId, randomHex } from "../ids";
import { paginate } from "../pagination";
import { CloudProvider, awsRegions, azureRegions, gcpRegions } from "../regions";
import type { RouteContext, RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import { BodyChecker, JsonObject, checkContainerCidr, parseCidr, providerOf } from "../validation";
import { Lifecycle, PhaseSpec, gone } from "./lifecycle";
import { listByProviderName } from "./list-by-provider";
import { ControlError, ResourceModule, SeedInput } from "./resource-module";
import type { ResourceRecord } from "./store";

export const containerKind = "network-container";
const active = "ACTIVE";

export interface ContainerFields {
  atlasCidrBlock: string;
  /** AWS */
  regionName?: string;
  /** Azure */
  region?: string;
  /** GCP */
  regions?: string[];
  vpcId: string;
  azureSubscriptionId: string;
  vnetName: string;
  gcpProjectId: string;
  networkName: string;
  /** Set out of band: Atlas clusters live in the container (provisioned, locked). */
  hasClusters: boolean;
}

export type ContainerRecord = ResourceRecord<ContainerFields>;

/** The CIDR Atlas gives containers it creates on its own (for an endpoint service, or AWS without one). */
const defaultCidr: Readonly<Record<CloudProvider, string>> = {
  AWS: "192.168.248.0/21",
  AZURE: "192.168.248.0/21",
  GCP: "192.168.0.0/18",
};

const readOnlyFields = ["id", "provisioned", "vpcId", "azureSubscriptionId", "vnetName", "gcpProjectId", "networkName"];
const regionField: Readonly<Record<CloudProvider, string>> = { AWS: "regionName", AZURE: "region", GCP: "regions" };

const base = "/api/atlas/v2/groups/{groupId}/containers";

// ---- queries other resources use ----------------------------------------------------------------------

export function findContainer(
  state: SimulatorState,
  groupId: string,
  id: string,
  now: number,
): ContainerRecord | undefined {
  return state.store.find<ContainerFields>(containerKind, groupId, id, now);
}

/** The container a region of a provider maps to (GCP: the project's only one). */
export function containerForRegion(
  state: SimulatorState,
  groupId: string,
  provider: CloudProvider,
  atlasRegion: string,
  now: number,
): ContainerRecord | undefined {
  return state.store
    .live<ContainerFields>(containerKind, groupId, now)
    .find(
      (container) =>
        container.provider === provider && (provider === "GCP" || containerRegion(container) === atlasRegion),
    );
}

function containerRegion(container: ContainerRecord): string | undefined {
  return container.provider === "AWS" ? container.fields.regionName : container.fields.region;
}

/** Atlas creates the provider-region container along with an endpoint service when none exists. */
export function ensureContainerFor(
  state: SimulatorState,
  groupId: string,
  provider: CloudProvider,
  atlasRegion: string,
  now: number,
): ContainerRecord {
  const existing = containerForRegion(state, groupId, provider, atlasRegion, now);
  if (existing) return existing;
  const regionFields: Partial<ContainerFields> =
    provider === "AWS"
      ? { regionName: atlasRegion }
      : provider === "AZURE"
        ? { region: atlasRegion }
        : { regions: [atlasRegion] };
  return addContainer(state, groupId, provider, { atlasCidrBlock: defaultCidr[provider], ...regionFields }, now);
}

function peersIn(state: SimulatorState, container: ContainerRecord, now: number): ResourceRecord[] {
  return state.store
    .live<{ containerId: string }>("network-peer", container.groupId, now)
    .filter((peer) => peer.fields.containerId === container.id);
}

/** A peer or a cluster lives in the container: it is locked (CIDR) and cannot be deleted. */
export function isInUse(state: SimulatorState, container: ContainerRecord, now: number): boolean {
  return container.fields.hasClusters || peersIn(state, container, now).length > 0;
}

/** A peer whose Atlas side is ready: it has reached WAITING_FOR_USER or AVAILABLE. */
function atlasSideReady(peer: ResourceRecord, now: number): boolean {
  return peer.lifecycle.reached("WAITING_FOR_USER", now) || peer.lifecycle.reached("AVAILABLE", now);
}

/**
 * Whether the container reads `provisioned: true`. GCP: once Atlas has built its GCP project and network,
 * whose names the container then shows (state.ts GcpNetworkNames).
 */
export function isProvisioned(state: SimulatorState, container: ContainerRecord, now: number): boolean {
  if (container.provider !== "GCP") return isInUse(state, container, now);
  if (container.fields.hasClusters) return true;
  return (
    state.gcpNetworkNames === "WITH_FIRST_PEER" &&
    peersIn(state, container, now).some((peer) => atlasSideReady(peer, now))
  );
}

function endpointServicesIn(state: SimulatorState, container: ContainerRecord, now: number): ResourceRecord[] {
  return state.store
    .live<{ regionName: string }>("private-endpoint-service", container.groupId, now)
    .filter(
      (service) =>
        service.provider === container.provider &&
        (container.provider === "GCP" || service.fields.regionName === containerRegion(container)),
    );
}

// ---- representation ---------------------------------------------------------------------------------

export function containerToApi(record: ContainerRecord, now: number, state: SimulatorState): JsonObject {
  const provisioned = isProvisioned(state, record, now);
  const { fields } = record;
  const common = { atlasCidrBlock: fields.atlasCidrBlock, id: record.id, providerName: record.provider, provisioned };
  if (record.provider === "AWS") return { ...common, regionName: fields.regionName, vpcId: fields.vpcId };
  if (record.provider === "AZURE") {
    // vnetName stays null until something lives in the container.
    return {
      ...common,
      azureSubscriptionId: fields.azureSubscriptionId,
      region: fields.region,
      vnetName: provisioned ? fields.vnetName : null,
    };
  }
  return {
    ...common,
    gcpProjectId: provisioned ? fields.gcpProjectId : null,
    networkName: provisioned ? fields.networkName : null,
    regions: fields.regions ?? [],
  };
}

// ---- validation -------------------------------------------------------------------------------------

function checkRegion(
  checker: BodyChecker,
  field: string,
  provider: CloudProvider,
  value: string,
  known: readonly string[],
): void {
  if (!known.includes(value)) {
    checker.fail(
      field,
      "INVALID_REGION",
      `No region ${value} exists for provider ${provider}.`,
      [value, provider],
      `must be an Atlas ${provider} region name`,
    );
  }
}

interface ContainerInput {
  provider: CloudProvider;
  atlasCidrBlock?: string;
  regionName?: string;
  region?: string;
  regions?: string[];
}

/** Validates a `CloudProviderContainer` body; for updates, `existing` supplies the provider. */
function readContainerBody(body: JsonObject, existing?: ContainerRecord): ContainerInput {
  const checker = new BodyChecker(body);
  const provider = providerOf(checker, "providerName", existing?.provider);
  if (!provider) {
    checker.throwIfInvalid();
    throw new Error("unreachable: provider missing without a violation");
  }
  checker.allowOnly(["providerName", "atlasCidrBlock", regionField[provider]], readOnlyFields);
  if (existing && provider !== existing.provider) {
    checker.fail(
      "providerName",
      "INVALID_ATTRIBUTE",
      "Invalid attribute providerName specified.",
      ["providerName"],
      "cannot change",
    );
  }
  const input: ContainerInput = { provider };
  const cidrRequired = !existing && provider !== "AWS";
  const cidr = cidrRequired ? checker.requireString("atlasCidrBlock") : checker.optionalString("atlasCidrBlock");
  if (cidr !== undefined) {
    // The prefix rules (provider/atlas-rules/network.ts): a GCP container with regions is a regional one.
    const declaredRegions = body.regions ?? existing?.fields.regions;
    const regional = provider === "GCP" && Array.isArray(declaredRegions) && declaredRegions.length > 0;
    checkContainerCidr(checker, provider, cidr, regional);
    input.atlasCidrBlock = cidr;
  }
  if (provider === "AWS" || provider === "AZURE") {
    const field = regionField[provider];
    const value = existing ? checker.optionalString(field) : checker.requireString(field);
    if (value !== undefined) {
      checkRegion(checker, field, provider, value, provider === "AWS" ? awsRegions : azureRegions);
      if (existing && value !== containerRegion(existing)) {
        checker.fail(
          field,
          "CANNOT_CHANGE_CONTAINER_REGION",
          "The region of a cloud provider container cannot be changed.",
          [],
          "cannot change",
        );
      }
      if (provider === "AWS") input.regionName = value;
      else input.region = value;
    }
  } else {
    // The spec marks GCP `regions` required, but Atlas documents leaving it out: lenient.
    const regions = checker.optionalStringArray("regions");
    regions?.forEach((region, index) => checkRegion(checker, `regions[${index}]`, "GCP", region, gcpRegions));
    if (regions !== undefined) input.regions = regions;
  }
  checker.throwIfInvalid();
  return input;
}

function addContainer(
  state: SimulatorState,
  groupId: string,
  provider: CloudProvider,
  input: Omit<ContainerInput, "provider">,
  now: number,
): ContainerRecord {
  const id = objectId(now);
  return state.store.add<ContainerFields>({
    kind: containerKind,
    id,
    groupId,
    provider,
    createdAt: now,
    lifecycle: new Lifecycle(now, [{ status: active, durationMs: null }]),
    fields: {
      atlasCidrBlock: input.atlasCidrBlock ?? defaultCidr[provider],
      ...(input.regionName !== undefined ? { regionName: input.regionName } : {}),
      ...(input.region !== undefined ? { region: input.region } : {}),
      ...(input.regions !== undefined ? { regions: input.regions } : {}),
      vpcId: `vpc-${randomHex(17)}`,
      azureSubscriptionId: randomHex(24),
      vnetName: `vnet_${randomHex(24)}`,
      gcpProjectId: `p-${randomHex(24)}`,
      networkName: `nt-${randomHex(24)}-${randomHex(8)}`,
      hasClusters: false,
    },
  });
}

function createContainer(state: SimulatorState, groupId: string, body: JsonObject, now: number): ContainerRecord {
  const input = readContainerBody(body);
  const region = input.regionName ?? input.region ?? "";
  if (containerForRegion(state, groupId, input.provider, region, now)) {
    throw new ApiError(409, "CONTAINER_ALREADY_EXISTS", `A container already exists for group ${groupId}.`, [groupId]);
  }
  return addContainer(state, groupId, input.provider, input, now);
}

const inUse = () =>
  new ApiError(
    409,
    "CONTAINERS_IN_USE",
    "Cannot modify in use containers. The container still contains resources.",
    [],
  );

function containerNotFound(id: string): ApiError {
  return new ApiError(
    404,
    "CLOUD_PROVIDER_CONTAINER_NOT_FOUND",
    `An invalid cloud provider container ID ${id} was specified.`,
    [id],
  );
}

function requireContainer(context: RouteContext): ContainerRecord {
  const { groupId, containerId } = context.params as { groupId: string; containerId: string };
  const record = findContainer(context.state, groupId, containerId, context.now);
  if (!record) throw containerNotFound(containerId);
  return record;
}

// ---- routes -----------------------------------------------------------------------------------------

const routes: RouteDefinition[] = [
  {
    method: "GET",
    template: base,
    operationId: "listGroupContainers",
    takesBody: false,
    pretty: true,
    handle(context) {
      return listByProviderName<ContainerFields>(context, containerKind, (record) =>
        containerToApi(record, context.now, context.state),
      );
    },
  },
  {
    method: "GET",
    template: `${base}/all`,
    operationId: "listGroupContainerAll",
    takesBody: false,
    pretty: true,
    handle(context) {
      const { groupId } = context.params as { groupId: string };
      const items = context.state.store
        .live<ContainerFields>(containerKind, groupId, context.now)
        .map((record) => containerToApi(record, context.now, context.state));
      return { status: 200, body: paginate(items, context) };
    },
  },
  {
    method: "POST",
    template: base,
    operationId: "createGroupContainer",
    takesBody: true,
    pretty: true,
    handle(context) {
      const { groupId } = context.params as { groupId: string };
      const record = createContainer(context.state, groupId, context.body ?? {}, context.now);
      return { status: 200, body: containerToApi(record, context.now, context.state) };
    },
  },
  {
    method: "GET",
    template: `${base}/{containerId}`,
    operationId: "getGroupContainer",
    takesBody: false,
    pretty: true,
    handle(context) {
      return { status: 200, body: containerToApi(requireContainer(context), context.now, context.state) };
    },
  },
  {
    method: "PATCH",
    template: `${base}/{containerId}`,
    operationId: "updateGroupContainer",
    takesBody: true,
    pretty: true,
    handle(context) {
      const record = requireContainer(context);
      const input = readContainerBody(context.body ?? {}, record);
      const { state, now } = context;
      if (
        input.atlasCidrBlock !== undefined &&
        input.atlasCidrBlock !== record.fields.atlasCidrBlock &&
        isInUse(state, record, now)
      ) {
        // Atlas locks the CIDR once peers or clusters use the container.
        throw inUse();
      }
      if (input.atlasCidrBlock !== undefined) record.fields.atlasCidrBlock = input.atlasCidrBlock;
      if (input.regions !== undefined) record.fields.regions = input.regions;
      return { status: 200, body: containerToApi(record, now, state) };
    },
  },
  {
    method: "DELETE",
    template: `${base}/{containerId}`,
    operationId: "deleteGroupContainer",
    takesBody: false,
    pretty: true,
    handle(context) {
      const record = requireContainer(context);
      const { state, now } = context;
      if (isInUse(state, record, now) || endpointServicesIn(state, record, now).length > 0) throw inUse();
      record.lifecycle.schedule(now, [{ status: gone, durationMs: null }]);
      return { status: 204 };
    },
  },
];

// ---- module -----------------------------------------------------------------------------------------

export const networkContainerModule: ResourceModule = {
  kind: containerKind,
  routes,
  statuses: () => [active, gone],
  isSettled: (status) => status === active,
  toApi: (record, now, state) => containerToApi(record as ContainerRecord, now, state),
  seed(state: SimulatorState, input: SeedInput, now: number) {
    return createContainer(state, input.groupId, input.body, now);
  },
  drift(record, fields, _state, _now) {
    const container = record as ContainerRecord;
    for (const [name, value] of Object.entries(fields)) {
      if (name === "atlasCidrBlock" && typeof value === "string" && parseCidr(value))
        container.fields.atlasCidrBlock = value;
      else if (
        name === "regions" &&
        container.provider === "GCP" &&
        Array.isArray(value) &&
        value.every((r) => typeof r === "string")
      ) {
        container.fields.regions = value as string[];
      } else if (name === "hasClusters" && typeof value === "boolean") container.fields.hasClusters = value;
      else
        throw new ControlError(
          400,
          `cannot drift container field "${name}" to ${JSON.stringify(value)} (allowed: atlasCidrBlock, regions for GCP, hasClusters)`,
        );
    }
  },
  forcedPhase(_record, status, _errorMessage): PhaseSpec {
    return { status, durationMs: null };
  },
};
