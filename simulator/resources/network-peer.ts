/**
 * Network peering connections (spec tag "Network Peering"). The status field names differ per provider
 * (AWS statusName/errorStateName, Azure status/errorState, GCP status/errorMessage), and so do the
 * state machines:
 *   AWS:   INITIATING → PENDING_ACCEPTANCE (until accepted through the control API) → FINALIZING → AVAILABLE
 *   GCP:   ADDING_PEER → WAITING_FOR_USER (until accepted) → AVAILABLE
 *   Azure: ADDING_PEER → AVAILABLE
 * DELETE answers 202 `{}`, then TERMINATING (AWS) or DELETING until gone; a second DELETE answers 409
 * PEER_ALREADY_REQUESTED_DELETION. The container must exist and be of the same provider; one peer per
 * container and customer network (409 PEER_ALREADY_EXISTS*).
 */
import { ApiError } from "../errors";
import { objectId, randomHex } from "../ids";
import { CloudProvider, atlasRegionFromAwsNative, awsNativeRegion } from "../regions";
import type { RouteContext, RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import {
  BodyChecker,
  JsonObject,
  awsAccountIdPattern,
  awsVpcIdPattern,
  azureNamePattern,
  cidrsOverlap,
  gcpNetworkNamePattern,
  gcpProjectIdPattern,
  isPrivateCidr,
  objectIdPattern,
  parseCidr,
  providerOf,
  uuidPattern,
} from "../validation";
import { Lifecycle, PhaseSpec, deletionPhases, forcedStatusPhase, gone } from "./lifecycle";
import { listByProviderName } from "./list-by-provider";
import { ContainerRecord, findContainer } from "./network-container";
import { ControlError, ResourceModule, SeedInput } from "./resource-module";
import type { ResourceRecord } from "./store";

export const peerKind = "network-peer";

export const peerStatuses: Readonly<Record<CloudProvider, readonly string[]>> = {
  AWS: ["INITIATING", "PENDING_ACCEPTANCE", "FAILED", "FINALIZING", "AVAILABLE", "TERMINATING"],
  AZURE: ["ADDING_PEER", "AVAILABLE", "FAILED", "DELETION_FAILED", "DELETING"],
  GCP: ["ADDING_PEER", "WAITING_FOR_USER", "AVAILABLE", "FAILED", "DELETING"],
};
const settledStatuses = new Set(["PENDING_ACCEPTANCE", "WAITING_FOR_USER", "AVAILABLE"]);
const deletingStatuses = new Set(["TERMINATING", "DELETING"]);
/** The only values the spec allows in AWS `errorStateName`. */
const awsErrorStates = ["REJECTED", "EXPIRED", "INVALID_ARGUMENT"];

export interface PeerFields {
  containerId: string;
  accepterRegionName?: string;
  awsAccountId?: string;
  routeTableCidrBlock?: string;
  vpcId?: string;
  azureDirectoryId?: string;
  azureSubscriptionId?: string;
  resourceGroupName?: string;
  vnetName?: string;
  gcpProjectId?: string;
  networkName?: string;
  /** 17 hex digits of the AWS `pcx-` id, revealed once Atlas has sent the peering request. */
  connectionSuffix: string;
}

type PeerRecord = ResourceRecord<PeerFields>;

type ProviderField = Exclude<keyof PeerFields, "containerId" | "connectionSuffix">;

const providerFields: Readonly<Record<CloudProvider, readonly ProviderField[]>> = {
  AWS: ["accepterRegionName", "awsAccountId", "routeTableCidrBlock", "vpcId"],
  AZURE: ["azureDirectoryId", "azureSubscriptionId", "resourceGroupName", "vnetName"],
  GCP: ["gcpProjectId", "networkName"],
};
/** Fields that cannot change after creation (the Terraform provider's ForceNew fields); a PATCH changing them gets 400 INVALID_ATTRIBUTE. */
const fixedFields: Readonly<Record<CloudProvider, readonly ProviderField[]>> = {
  AWS: ["vpcId"],
  AZURE: ["azureDirectoryId", "azureSubscriptionId", "resourceGroupName", "vnetName"],
  GCP: ["gcpProjectId", "networkName"],
};
const readOnlyFields = ["id", "connectionId", "statusName", "errorStateName", "status", "errorState", "errorMessage"];

const base = "/api/atlas/v2/groups/{groupId}/peers";

// ---- representation ---------------------------------------------------------------------------------

export function peerToApi(record: PeerRecord, now: number, state: SimulatorState): JsonObject {
  const phase = record.lifecycle.phaseAt(now);
  const { fields } = record;
  const common = { containerId: fields.containerId, id: record.id, providerName: record.provider };
  if (record.provider === "AWS") {
    const requested = ["PENDING_ACCEPTANCE", "FINALIZING", "AVAILABLE"].some((status) =>
      record.lifecycle.reached(status, now),
    );
    const container = state.store.byId(fields.containerId) as ContainerRecord | undefined;
    const sameRegion =
      container?.fields.regionName !== undefined &&
      awsNativeRegion(container.fields.regionName) === fields.accepterRegionName;
    const error = phase.errorMessage;
    return {
      ...common,
      // Atlas returns null when the customer VPC is in the Atlas VPC's region (the spec's `accepterRegionName`;
      // mongodb/terraform-provider-mongodbatlas#2105 fills it in from the container).
      accepterRegionName: sameRegion ? null : (fields.accepterRegionName ?? null),
      awsAccountId: fields.awsAccountId,
      connectionId: requested ? `pcx-${fields.connectionSuffix}` : null,
      errorStateName: error === null ? null : awsErrorStates.includes(error) ? error : "INVALID_ARGUMENT",
      routeTableCidrBlock: fields.routeTableCidrBlock,
      statusName: phase.status,
      vpcId: fields.vpcId,
    };
  }
  if (record.provider === "AZURE") {
    return {
      ...common,
      azureDirectoryId: fields.azureDirectoryId,
      azureSubscriptionId: fields.azureSubscriptionId,
      errorState: phase.errorMessage,
      resourceGroupName: fields.resourceGroupName,
      status: phase.status,
      vnetName: fields.vnetName,
    };
  }
  return {
    ...common,
    errorMessage: phase.errorMessage,
    gcpProjectId: fields.gcpProjectId,
    networkName: fields.networkName,
    status: phase.status,
  };
}

// ---- validation -------------------------------------------------------------------------------------

interface PeerInput {
  provider: CloudProvider;
  fields: Omit<PeerFields, "connectionSuffix">;
  container: ContainerRecord;
}

/** Validates a full `BaseNetworkPeeringConnectionSettings` body (POST and PATCH take the same schema). */
function readPeerBody(context: RouteContext, groupId: string, existing?: PeerRecord): PeerInput {
  const checker = new BodyChecker(context.body ?? {});
  // providerName is optional in the schema; Atlas's peering API has always defaulted to AWS.
  const provider = providerOf(checker, "providerName", existing?.provider ?? "AWS");
  if (!provider) {
    checker.throwIfInvalid();
    throw new Error("unreachable: provider missing without a violation");
  }
  checker.allowOnly(["providerName", "containerId", ...providerFields[provider]], readOnlyFields);
  if (existing && provider !== existing.provider) {
    checker.fail(
      "providerName",
      "INVALID_ATTRIBUTE",
      "Invalid attribute providerName specified.",
      ["providerName"],
      "cannot change",
    );
  }
  const containerId = checker.requireString("containerId", { pattern: objectIdPattern });
  const fields: Omit<PeerFields, "connectionSuffix"> = { containerId: containerId ?? "" };
  if (provider === "AWS") {
    fields.accepterRegionName = checker.requireString("accepterRegionName", {
      // AWS-native form (us-east-1), not the Atlas enum form (US_EAST_1) containers use.
      check: (value) =>
        atlasRegionFromAwsNative(value) ? undefined : "must be an AWS region in AWS form, e.g. us-east-1",
    });
    fields.awsAccountId = checker.requireString("awsAccountId", { pattern: awsAccountIdPattern });
    const routeTable = checker.requireString("routeTableCidrBlock");
    if (routeTable !== undefined) {
      // The spec's pattern is an IP pattern; real clients send CIDRs, so CIDRs are checked
      // (test/support/spec-patches.ts, route-table-cidr-block-is-cidr).
      const cidr = parseCidr(routeTable);
      if (!cidr) {
        checker.fail(
          "routeTableCidrBlock",
          "INVALID_CIDR_BLOCK",
          `The cidr block ${routeTable} must be in valid CIDR notation.`,
          [routeTable],
          "must be an IPv4 CIDR block",
        );
      } else if (!isPrivateCidr(cidr)) {
        checker.fail(
          "routeTableCidrBlock",
          "INVALID_ROUTE_TABLE_CIDR",
          `The address ${routeTable} must be within the private ranges ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].`,
          [routeTable],
          "must lie in a private range",
        );
      }
      fields.routeTableCidrBlock = routeTable;
    }
    fields.vpcId = checker.requireString("vpcId", { pattern: awsVpcIdPattern });
  } else if (provider === "AZURE") {
    fields.azureDirectoryId = checker.requireString("azureDirectoryId", { pattern: uuidPattern });
    fields.azureSubscriptionId = checker.requireString("azureSubscriptionId", { pattern: uuidPattern });
    fields.resourceGroupName = checker.requireString("resourceGroupName", { pattern: azureNamePattern });
    fields.vnetName = checker.requireString("vnetName", { pattern: azureNamePattern });
  } else {
    fields.gcpProjectId = checker.requireString("gcpProjectId", { pattern: gcpProjectIdPattern });
    fields.networkName = checker.requireString("networkName", { pattern: gcpNetworkNamePattern });
  }
  if (existing) {
    if (containerId !== undefined && containerId !== existing.fields.containerId) {
      checker.fail(
        "containerId",
        "INVALID_ATTRIBUTE",
        "Invalid attribute containerId specified.",
        ["containerId"],
        "cannot change",
      );
    }
    for (const name of fixedFields[provider]) {
      if (fields[name] !== undefined && fields[name] !== existing.fields[name]) {
        checker.fail(
          name,
          "INVALID_ATTRIBUTE",
          `Invalid attribute ${name} specified.`,
          [name],
          "cannot change after creation",
        );
      }
    }
  }
  checker.throwIfInvalid();

  const container = findContainer(context.state, groupId, fields.containerId, context.now);
  if (!container) {
    throw new ApiError(
      404,
      "CLOUD_PROVIDER_CONTAINER_NOT_FOUND",
      `An invalid cloud provider container ID ${fields.containerId} was specified.`,
      [fields.containerId],
    );
  }
  if (container.provider !== provider) {
    throw new ApiError(
      400,
      "INVALID_ATTRIBUTE",
      "Invalid attribute containerId specified.",
      ["containerId"],
      [{ field: "containerId", description: `containerId names a ${container.provider} container, not ${provider}` }],
    );
  }
  const routeTable = fields.routeTableCidrBlock !== undefined ? parseCidr(fields.routeTableCidrBlock) : undefined;
  const atlasCidr = parseCidr(container.fields.atlasCidrBlock);
  if (routeTable && atlasCidr && cidrsOverlap(routeTable, atlasCidr)) {
    throw new ApiError(
      409,
      "OVERLAPPING_ATLAS_CIDR_BLOCK",
      `The CIDR block ${fields.routeTableCidrBlock} overlaps with an Atlas CIDR block.`,
      [fields.routeTableCidrBlock],
    );
  }
  return { provider, fields, container };
}

function assertNotDuplicate(
  state: SimulatorState,
  groupId: string,
  input: PeerInput,
  now: number,
  self?: PeerRecord,
): void {
  const { fields, provider } = input;
  const clash = state.store.live<PeerFields>(peerKind, groupId, now).find((peer) => {
    if (peer === self || peer.provider !== provider || peer.fields.containerId !== fields.containerId) return false;
    if (provider === "AWS") return peer.fields.vpcId === fields.vpcId;
    if (provider === "AZURE")
      return peer.fields.azureSubscriptionId === fields.azureSubscriptionId && peer.fields.vnetName === fields.vnetName;
    return peer.fields.gcpProjectId === fields.gcpProjectId && peer.fields.networkName === fields.networkName;
  });
  if (!clash) return;
  if (provider === "AWS") {
    throw new ApiError(
      409,
      "PEER_ALREADY_EXISTS",
      `The peer with AWS Account ID ${fields.awsAccountId} and VPC ID ${fields.vpcId} already exists.`,
      [fields.awsAccountId, fields.vpcId],
    );
  }
  if (provider === "AZURE") {
    throw new ApiError(
      409,
      "PEER_ALREADY_EXISTS_AZURE",
      `The peer with Azure Subscription ID ${fields.azureSubscriptionId} and Virtual Network name ${fields.vnetName} already exists.`,
      [fields.azureSubscriptionId, fields.vnetName],
    );
  }
  throw new ApiError(
    409,
    "PEER_ALREADY_EXISTS_GCP",
    `The peer with GCP Project ID ${fields.gcpProjectId} and network name ${fields.networkName} already exists.`,
    [fields.gcpProjectId, fields.networkName],
  );
}

// ---- state machines ---------------------------------------------------------------------------------

/** The phases from creation (or re-initiation) on, per provider. */
function creationPhases(
  state: SimulatorState,
  provider: CloudProvider,
  forcedFailure: string | undefined,
): PhaseSpec[] {
  const d = state.durations.networkPeer;
  const first: PhaseSpec =
    provider === "AWS"
      ? { status: "INITIATING", durationMs: state.ms(d.initiating) }
      : { status: "ADDING_PEER", durationMs: state.ms(d.addingPeer) };
  if (forcedFailure !== undefined) return [first, { status: "FAILED", durationMs: null, errorMessage: forcedFailure }];
  const waitMs = state.autoAcceptPeers ? state.ms(d.awaitingAcceptance) : null;
  if (provider === "AWS") {
    return waitMs === null
      ? [first, { status: "PENDING_ACCEPTANCE", durationMs: null }]
      : [
          first,
          { status: "PENDING_ACCEPTANCE", durationMs: waitMs },
          { status: "FINALIZING", durationMs: state.ms(d.finalizing) },
          { status: "AVAILABLE", durationMs: null },
        ];
  }
  if (provider === "GCP") {
    return waitMs === null
      ? [first, { status: "WAITING_FOR_USER", durationMs: null }]
      : [first, { status: "WAITING_FOR_USER", durationMs: waitMs }, { status: "AVAILABLE", durationMs: null }];
  }
  return [first, { status: "AVAILABLE", durationMs: null }];
}

function acceptPeer(record: PeerRecord, state: SimulatorState, now: number): void {
  const status = record.lifecycle.statusAt(now);
  if (record.provider === "AWS" && status === "PENDING_ACCEPTANCE") {
    record.lifecycle.schedule(now, [
      { status: "FINALIZING", durationMs: state.ms(state.durations.networkPeer.finalizing) },
      { status: "AVAILABLE", durationMs: null },
    ]);
    return;
  }
  if (record.provider === "GCP" && status === "WAITING_FOR_USER") {
    record.lifecycle.schedule(now, [{ status: "AVAILABLE", durationMs: null }]);
    return;
  }
  throw new ControlError(
    409,
    `peer ${record.id} (${record.provider}) is ${status}; only an AWS peer in PENDING_ACCEPTANCE or a GCP peer in WAITING_FOR_USER can be accepted`,
  );
}

// ---- operations -------------------------------------------------------------------------------------

function createPeer(
  context: RouteContext,
  groupId: string,
  options: { settled?: boolean; takeForcedFailure?: () => string | undefined } = {},
): PeerRecord {
  const { state, now } = context;
  const input = readPeerBody(context, groupId);
  assertNotDuplicate(state, groupId, input, now);
  const forcedFailure = options.takeForcedFailure?.();
  const phases: PhaseSpec[] = options.settled
    ? [{ status: "AVAILABLE", durationMs: null }]
    : creationPhases(state, input.provider, forcedFailure);
  return state.store.add<PeerFields>({
    kind: peerKind,
    id: objectId(now),
    groupId,
    provider: input.provider,
    createdAt: now,
    lifecycle: new Lifecycle(now, phases),
    fields: { ...input.fields, connectionSuffix: randomHex(17) },
  });
}

function notFound(peerId: string, groupId: string): ApiError {
  return new ApiError(404, "PEER_NOT_FOUND", `No peer with ID ${peerId} exists in project ${groupId}.`, [
    peerId,
    groupId,
  ]);
}

function requirePeer(context: RouteContext): PeerRecord {
  const { groupId, peerId } = context.params as { groupId: string; peerId: string };
  const record = context.state.store.find<PeerFields>(peerKind, groupId, peerId, context.now);
  if (!record) throw notFound(peerId, groupId);
  return record;
}

function alreadyDeleting(record: PeerRecord): ApiError {
  return new ApiError(
    409,
    "PEER_ALREADY_REQUESTED_DELETION",
    `The peer with ID ${record.id} has already been requested for deletion.`,
    [record.id],
  );
}

function updatePeer(context: RouteContext, record: PeerRecord): void {
  const { state, now } = context;
  const status = record.lifecycle.statusAt(now);
  if (deletingStatuses.has(status)) throw alreadyDeleting(record);
  const input = readPeerBody(context, record.groupId, record);
  assertNotDuplicate(state, record.groupId, input, now, record);
  if (record.provider !== "AWS") return; // every Azure/GCP field is fixed: nothing else can change
  const before = record.fields;
  const renegotiate =
    input.fields.awsAccountId !== before.awsAccountId || input.fields.accepterRegionName !== before.accepterRegionName;
  const routesChanged = input.fields.routeTableCidrBlock !== before.routeTableCidrBlock;
  record.fields = { ...before, ...input.fields };
  if (renegotiate || (status === "FAILED" && routesChanged)) {
    // A new account or region means a new peering request, to be accepted again.
    record.fields.connectionSuffix = randomHex(17);
    record.lifecycle.schedule(now, creationPhases(state, "AWS", undefined));
  } else if (routesChanged && status === "AVAILABLE") {
    record.lifecycle.schedule(now, [
      { status: "FINALIZING", durationMs: state.ms(state.durations.networkPeer.finalizing) },
      { status: "AVAILABLE", durationMs: null },
    ]);
  }
}

const routes: RouteDefinition[] = [
  {
    method: "GET",
    template: base,
    operationId: "listGroupPeers",
    takesBody: false,
    pretty: true,
    handle(context) {
      return listByProviderName<PeerFields>(context, peerKind, (record) =>
        peerToApi(record, context.now, context.state),
      );
    },
  },
  {
    method: "POST",
    template: base,
    operationId: "createGroupPeer",
    takesBody: true,
    pretty: true,
    handle(context) {
      const { groupId } = context.params as { groupId: string };
      const record = createPeer(context, groupId, { takeForcedFailure: context.takeForcedFailure });
      return { status: 200, body: peerToApi(record, context.now, context.state) };
    },
  },
  {
    method: "GET",
    template: `${base}/{peerId}`,
    operationId: "getGroupPeer",
    takesBody: false,
    pretty: true,
    handle(context) {
      return { status: 200, body: peerToApi(requirePeer(context), context.now, context.state) };
    },
  },
  {
    method: "PATCH",
    template: `${base}/{peerId}`,
    operationId: "updateGroupPeer",
    takesBody: true,
    pretty: true,
    handle(context) {
      const record = requirePeer(context);
      updatePeer(context, record);
      return { status: 200, body: peerToApi(record, context.now, context.state) };
    },
  },
  {
    method: "DELETE",
    template: `${base}/{peerId}`,
    operationId: "deleteGroupPeer",
    takesBody: false,
    pretty: true,
    handle(context) {
      const record = requirePeer(context);
      const { state, now } = context;
      if (deletingStatuses.has(record.lifecycle.statusAt(now))) throw alreadyDeleting(record);
      const d = state.durations.networkPeer;
      const deleting: PhaseSpec =
        record.provider === "AWS"
          ? { status: "TERMINATING", durationMs: state.ms(d.terminating) }
          : { status: "DELETING", durationMs: state.ms(d.deleting) };
      record.lifecycle.schedule(now, deletionPhases(deleting));
      return { status: 202, body: {} };
    },
  },
];

export const networkPeerModule: ResourceModule = {
  kind: peerKind,
  routes,
  statuses: (provider) => [...peerStatuses[provider], gone],
  isSettled: (status) => settledStatuses.has(status),
  toApi: (record, now, state) => peerToApi(record as PeerRecord, now, state),
  seed(state: SimulatorState, input: SeedInput, now: number) {
    const context: RouteContext = {
      params: { groupId: input.groupId },
      query: new URLSearchParams(),
      body: input.body,
      now,
      state,
      path: "",
      link: (path) => path,
      takeForcedFailure: () => undefined,
    };
    return createPeer(context, input.groupId, { settled: input.settled ?? false });
  },
  drift(record, fields) {
    const peer = record as PeerRecord;
    const allowed = providerFields[peer.provider];
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== "string" || !(allowed as readonly string[]).includes(name)) {
        throw new ControlError(
          400,
          `cannot drift ${peer.provider} peer field "${name}" (allowed: ${allowed.join(", ")}, as strings)`,
        );
      }
      (peer.fields as unknown as Record<string, string>)[name] = value;
    }
  },
  forcedPhase: (_record, status, errorMessage) =>
    forcedStatusPhase(status, errorMessage, {
      statuses: ["FAILED", "DELETION_FAILED"],
      defaultError: "INVALID_ARGUMENT",
    }),
  accept: (record, state, now) => acceptPeer(record as PeerRecord, state, now),
};
