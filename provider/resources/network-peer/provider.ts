/**
 * The NetworkPeer implementation the serialized provider loads at run time (runtime.ts), on the shared life
 * cycle (shared/lifecycle.ts).
 *
 * A peering connection between an Atlas network container and the user's AWS VPC, Azure VNet or GCP VPC
 * network (docs/resources/network-peer.md). Atlas allows one peer per container and network, the natural
 * key. Atlas's side settles on its own, but AWS (accept the request) and GCP (create the reciprocal peering)
 * then wait for the user, so a create stops there unless `waitForAvailable` is set, and says in one log line
 * what to do next. The outputs users wire to the cloud side partly come from the container; Atlas's GCP
 * project and network may be reported only after the peer settles (gcp-network.ts), so they are absent until
 * a later read finds them, never an error.
 */
import type { AtlasApiError, CloudProvider } from "../../client";
import { hasErrorCode } from "../../client";
import type {
  BaseNetworkPeeringConnectionSettingsRequest,
  BaseNetworkPeeringConnectionSettingsResponse as Peer,
} from "../../client/wire";
import { ResourceFailedError, typicalDurations } from "../../poller";
import { changedKeys } from "../shared/diff";
import { messageOf } from "../shared/errors";
import { defineResource, type OperationContext, type Outputs, type SharedList } from "../shared/lifecycle";
import { pickNonNullish, withoutNullish } from "../shared/outputs";
import { sharedSnapshot } from "../shared/resource-reads";
import { isCloudProvider, toAwsNativeRegion } from "../shared/regions";
import { isUnknown } from "../shared/unknowns";
import { containerFacts, type ContainerFacts } from "./container-facts";
import { atlasGcpNetworkOf, gcpNetworkReportedMessage, gcpUserActionMessage } from "./gcp-network";
import type { networkPeerOutputs } from "./outputs";
import type { NetworkPeerInputs } from "./schema";
import {
  classifyNetworkPeer,
  classifyNetworkPeerDeletion,
  isAwaitingUser,
  peerDeletingStatuses,
  peerErrorMessageOf,
  peerStatusOf,
  type NetworkPeerStatusFields,
} from "./states";

const label = "network peer";

/** Where a peer lives, with its network named for messages (ids, provider, networks: never a credential). */
interface PeerLocation {
  projectId: string;
  providerName: CloudProvider;
  containerId: string;
  /** "VPC vpc-… of AWS account …". */
  network: string;
}

/** AWS only; Atlas validates the PATCH with the create schema, so the body repeats every AWS field. */
const updatable = ["accepterRegionName", "awsAccountId", "routeTableCidrBlock"];

function networkOf(fields: Outputs): string {
  switch (fields.providerName) {
    case "AWS":
      return `VPC ${String(fields.vpcId)} of AWS account ${String(fields.awsAccountId)}`;
    case "AZURE":
      return `VNet ${String(fields.vnetName)} in resource group ${String(fields.resourceGroupName)}`;
    default:
      return `network ${String(fields.networkName)} of GCP project ${String(fields.gcpProjectId)}`;
  }
}

// ---- Atlas's view of a peer ---------------------------------------------------------------------------

function requestBody(inputs: NetworkPeerInputs): BaseNetworkPeeringConnectionSettingsRequest {
  // providerName is always sent: without it Atlas cannot pick the provider's schema.
  switch (inputs.providerName) {
    case "AWS":
      return {
        providerName: "AWS",
        containerId: inputs.containerId,
        accepterRegionName: inputs.accepterRegionName,
        awsAccountId: inputs.awsAccountId,
        routeTableCidrBlock: inputs.routeTableCidrBlock,
        vpcId: inputs.vpcId,
      };
    case "AZURE":
      return {
        providerName: "AZURE",
        containerId: inputs.containerId,
        azureDirectoryId: inputs.azureDirectoryId,
        azureSubscriptionId: inputs.azureSubscriptionId,
        resourceGroupName: inputs.resourceGroupName,
        vnetName: inputs.vnetName,
      };
    case "GCP":
      return {
        providerName: "GCP",
        containerId: inputs.containerId,
        gcpProjectId: inputs.gcpProjectId,
        networkName: inputs.networkName,
      };
  }
}

/**
 * Atlas answers accepterRegionName null when the VPC is in the region of the Atlas VPC
 * (mongodb/terraform-provider-mongodbatlas issue #53): that is the container's region, not a change. Without
 * the container, the previous value stands.
 */
function accepterRegionOf(
  peer: Peer & { providerName: "AWS" },
  container: ContainerFacts | undefined,
  previous: Outputs,
): string | undefined {
  // The wire type says string; real Atlas sends null in that case.
  const region: string | null | undefined = peer.accepterRegionName;
  if (region) return toAwsNativeRegion(region) ?? region;
  const stored = previous.accepterRegionName;
  return container?.awsRegion ?? (typeof stored === "string" && stored !== "" ? stored : undefined);
}

/** The input fields as Atlas has them now, so out-of-band changes show up as drift. */
function inputsInAtlas(peer: Peer, container: ContainerFacts | undefined, previous: Outputs): Outputs {
  const common = { containerId: peer.containerId, providerName: peer.providerName };
  switch (peer.providerName) {
    case "AWS":
      return withoutNullish({
        ...common,
        accepterRegionName: accepterRegionOf(peer, container, previous),
        awsAccountId: peer.awsAccountId,
        routeTableCidrBlock: peer.routeTableCidrBlock,
        vpcId: peer.vpcId,
      });
    case "AZURE":
      return withoutNullish({
        ...common,
        azureDirectoryId: peer.azureDirectoryId,
        azureSubscriptionId: peer.azureSubscriptionId,
        resourceGroupName: peer.resourceGroupName,
        vnetName: peer.vnetName,
      });
    case "GCP":
      return withoutNullish({ ...common, gcpProjectId: peer.gcpProjectId, networkName: peer.networkName });
  }
}

function computedOutputs(
  peer: Peer,
  container: ContainerFacts | undefined,
): Record<keyof typeof networkPeerOutputs, unknown> {
  return {
    peerId: peer.id,
    status: peerStatusOf(peer),
    statusName: peer.providerName === "AWS" ? peer.statusName : undefined,
    errorMessage: peerErrorMessageOf(peer),
    // AWS pcx-…: what aws.ec2.VpcPeeringConnectionAccepter needs (terraform-provider-mongodbatlas issue #56).
    connectionId: peer.providerName === "AWS" ? peer.connectionId : undefined,
    atlasCidrBlock: container?.atlasCidrBlock,
    atlasGcpProjectId: peer.providerName === "GCP" ? container?.gcpProjectId : undefined,
    atlasNetworkName: peer.providerName === "GCP" ? container?.networkName : undefined,
  };
}

/** Outputs read from the container rather than the peer: without the container, what state knew stands. */
const containerOutputKeys = ["atlasCidrBlock", "atlasGcpProjectId", "atlasNetworkName"];

// ---- natural key --------------------------------------------------------------------------------------

/** Azure ids and names are case-insensitive; AWS and GCP ids are lowercase already. */
function naturalKey(fields: Outputs): string | undefined {
  const parts = (keys: string[], lower = false) => {
    const values = keys.map((key) => fields[key]);
    if (values.some((value) => typeof value !== "string" || isUnknown(value))) return undefined;
    return values.map((value) => (lower ? (value as string).toLowerCase() : (value as string)));
  };
  const common = parts(["projectId", "providerName", "containerId"]);
  let own: string[] | undefined;
  if (fields.providerName === "AWS") own = parts(["vpcId"]);
  else if (fields.providerName === "AZURE") own = parts(["azureSubscriptionId", "resourceGroupName", "vnetName"], true);
  else if (fields.providerName === "GCP") own = parts(["gcpProjectId", "networkName"]);
  return common && own ? [...common, ...own].join("\n") : undefined;
}

function naturalKeyText(inputs: NetworkPeerInputs): string {
  switch (inputs.providerName) {
    case "AWS":
      return `VPC ${inputs.vpcId}`;
    case "AZURE":
      return `VNet ${inputs.vnetName} in resource group ${inputs.resourceGroupName} of subscription ${inputs.azureSubscriptionId}`;
    case "GCP":
      return `network ${inputs.networkName} of GCP project ${inputs.gcpProjectId}`;
  }
}

/**
 * Delete before create when the replacement would have the same natural key (for example only
 * azureDirectoryId changed): Atlas allows one peer per container and network. Unknown key parts during
 * preview count as the same, the safe choice.
 */
function mustDeleteFirst(olds: Outputs, news: Outputs): boolean {
  const before = naturalKey(olds);
  const after = naturalKey(news);
  return before === undefined || after === undefined || before === after;
}

// ---- the user's part ----------------------------------------------------------------------------------

function waitsForAvailable(inputs: NetworkPeerInputs): boolean {
  return inputs.providerName !== "AZURE" && inputs.waitForAvailable === true;
}

/** What the user must do when Atlas's side is done and the peer waits for them. */
function userActionMessage(peer: Peer, inputs: NetworkPeerInputs, container: ContainerFacts | undefined): string {
  const describe = describePeer(addressOf(inputs), peer.id ?? undefined);
  const then = waitsForAvailable(inputs)
    ? " Waiting for AVAILABLE (waitForAvailable: true)."
    : " The deployment does not wait for that; set waitForAvailable: true to make it wait for AVAILABLE.";
  if (peer.providerName === "AWS" && inputs.providerName === "AWS") {
    const cidr = container?.atlasCidrBlock
      ? `, then route the Atlas CIDR ${container.atlasCidrBlock} to it in the VPC's route tables`
      : "";
    return (
      `${describe} is PENDING_ACCEPTANCE: accept VPC peering connection ${peer.connectionId ?? "(see the connectionId output)"} ` +
      `in AWS account ${inputs.awsAccountId}, region ${inputs.accepterRegionName} ` +
      `(for example with aws.ec2.VpcPeeringConnectionAccepter and vpcPeeringConnectionId = this resource's connectionId output)${cidr}.${then}`
    );
  }
  if (inputs.providerName !== "GCP") return `${describe} is ${peerStatusOf(peer) ?? "waiting"}.${then}`;
  return gcpUserActionMessage({
    describe,
    containerId: inputs.containerId,
    gcpProjectId: inputs.gcpProjectId,
    networkName: inputs.networkName,
    atlas: container && atlasGcpNetworkOf(container),
    then,
  });
}

/**
 * A refresh that finds Atlas's GCP names the stored outputs lacked, while the peer still waits for the
 * reciprocal peering: the next `up` can now create it, so say so once.
 */
function reportNewGcpNetwork(
  op: OperationContext,
  peer: Peer,
  inputs: Outputs,
  props: Outputs,
  container?: ContainerFacts,
) {
  const atlas = container && atlasGcpNetworkOf(container);
  if (peer.providerName !== "GCP" || !atlas || !isAwaitingUser(peer)) return;
  if (props.atlasGcpProjectId === atlas.gcpProjectId && props.atlasNetworkName === atlas.networkName) return;
  op.logger.info(gcpNetworkReportedMessage(describePeer(addressOf(inputs), peer.id ?? undefined), atlas));
}

// ---- the resource -------------------------------------------------------------------------------------

function addressOf(fields: Outputs | NetworkPeerInputs): PeerLocation {
  return {
    projectId: String(fields.projectId),
    providerName: fields.providerName as CloudProvider,
    containerId: String(fields.containerId),
    network: networkOf(fields),
  };
}

function describePeer(where: PeerLocation, id?: string): string {
  const place = `${where.providerName}, project ${where.projectId}, container ${where.containerId}, ${where.network}`;
  return id === undefined ? `${label} (${place})` : `${label} ${id} (${place})`;
}

/** Whether Atlas's AWS fields differ from the inputs (Azure and GCP peers change nothing in place). */
async function awsFieldsDiffer(op: OperationContext, inputs: NetworkPeerInputs, peer: Peer): Promise<boolean> {
  if (inputs.providerName !== "AWS" || peer.providerName !== "AWS") return false;
  const container = await containerFacts(op, inputs.projectId, inputs.containerId);
  return changedKeys(inputsInAtlas(peer, container, {}), { ...inputs }, updatable).length > 0;
}

const isLeaving = (peer: Peer) => peerDeletingStatuses.has(peerStatusOf(peer) ?? "");

/** The peers of a project and provider: one list call serves every peer wait and lookup on it. */
function peerList({ projectId, providerName }: { projectId: string; providerName: CloudProvider }): SharedList<Peer> {
  return {
    registry: (run) => run.watchers.peers,
    key: `networkPeer|${projectId}|${providerName}`,
    describe: `${providerName} network peers of project ${projectId}`,
    list: (client, signal) => client.peers.list({ groupId: projectId, providerName }, { signal }),
  };
}

export const networkPeerProvider = defineResource<NetworkPeerInputs, Peer, PeerLocation>({
  label,
  // Loaded at the first check, create or update: a refresh never loads zod.
  schema: () => (require("./schema") as typeof import("./schema")).networkPeerInputsSchema,
  discriminator: "providerName",
  diff: {
    replaceOnChange: [
      "projectId",
      "containerId",
      "providerName",
      "vpcId",
      "azureDirectoryId",
      "azureSubscriptionId",
      "resourceGroupName",
      "vnetName",
      "gcpProjectId",
      "networkName",
    ],
    updatable,
    providerOnly: ["adoptExisting", "timeouts", "poll", "waitForAvailable"],
  },
  deleteBeforeReplace: mustDeleteFirst,
  // Both region forms are accepted; a preview with unknowns passes raw inputs, so compare AWS form to AWS form.
  normalizeForDiff(news) {
    const region = news.accepterRegionName;
    if (typeof region !== "string" || isUnknown(region)) return news;
    return { ...news, accepterRegionName: toAwsNativeRegion(region) ?? region };
  },

  addressOf,
  addressFromState: (props) =>
    typeof props.projectId === "string" && isCloudProvider(props.providerName) ? addressOf(props) : undefined,
  describe: describePeer,

  get: (op, where, id, signal) =>
    op.client.peers.get({ groupId: where.projectId, peerId: id }, signal ? { signal } : op.call()),
  sharedList: peerList,
  typicalDurations: typicalDurations.networkPeer,
  idOf: (peer) => peer.id ?? undefined,
  // A live match first; else one being deleted, which the engine waits out.
  async findExisting(op, inputs, where) {
    const peers = await sharedSnapshot(op, peerList(where), (peer) => peer.id ?? undefined);
    const wanted = naturalKey({ ...inputs });
    const matches = peers.filter((peer) => naturalKey({ ...peer, projectId: where.projectId }) === wanted);
    return matches.find((peer) => !isLeaving(peer)) ?? matches[0];
  },
  isLeaving,
  post: (op, inputs, where) =>
    op.client.peers.create({ groupId: where.projectId, body: requestBody(inputs) }, op.call()),
  explainRefusedCreate: (inputs, error) =>
    hasErrorCode(error, "CLOUD_PROVIDER_CONTAINER_NOT_FOUND")
      ? `Check containerId: it must be the id of a ${inputs.providerName} NetworkContainer of project ${inputs.projectId}.`
      : undefined,
  refuseToAdopt: (inputs, existing) =>
    `a ${label} for ${naturalKeyText(inputs)} in container ${inputs.containerId} of project ${inputs.projectId} (${inputs.providerName}) ` +
    `already exists in Atlas: peer ${existing.id ?? "(no id)"}, ${peerStatusOf(existing) ?? "no status"}. ` +
    `Set adoptExisting: true to manage that peer with this resource (it is then updated to the declared settings), or delete it in Atlas first.`,
  // AWS fields change in place, after an adoption too; Atlas validates the PATCH with the create schema.
  async converge(op, id, inputs, current) {
    if (!(await awsFieldsDiffer(op, inputs, current))) return undefined;
    try {
      return await op.client.peers.update(
        { groupId: inputs.projectId, peerId: id, body: requestBody(inputs) },
        op.call(),
      );
    } catch (error) {
      throw new Error(`Atlas refused to update the ${describePeer(addressOf(inputs), id)}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  },
  remove: (op, where, id) => op.client.peers.delete({ groupId: where.projectId, peerId: id }, op.call()),
  deletion: {
    alreadyDeletingCodes: ["PEER_ALREADY_REQUESTED_DELETION"],
    explainRefusal: async (_op, _where, _id, error: AtlasApiError) =>
      `${error.errorCode ?? "HTTP 409"}${error.detail ? ` (${error.detail})` : ""}; Atlas answers 409 while something still ` +
      `depends on the peering connection or another change to it is in progress`,
  },

  classify: (peer, inputs) =>
    classifyNetworkPeer(peer, { waitFor: inputs && waitsForAvailable(inputs) ? "available" : "settled" }),
  classifyDeletion: classifyNetworkPeerDeletion,
  settledInState(olds) {
    if (!isCloudProvider(olds.providerName) || typeof olds.status !== "string") return true;
    const fields: NetworkPeerStatusFields =
      olds.providerName === "AWS"
        ? { providerName: "AWS", statusName: olds.status }
        : { providerName: olds.providerName, status: olds.status };
    return classifyNetworkPeer(fields).phase === "settled";
  },
  async userAction(op, peer, inputs) {
    if (!isAwaitingUser(peer)) return undefined;
    // The advice reads better with the container's facts, but does without them.
    const container = await containerFacts(op, inputs.projectId, inputs.containerId).catch(() => undefined);
    return userActionMessage(peer, inputs, container);
  },

  async outputsOf(op, inputs, peer) {
    const container = await containerFacts(op, inputs.projectId, inputs.containerId);
    return withoutNullish({ ...inputs, ...computedOutputs(peer, container) });
  },
  async inputsFromAtlas(peer, props, where, op) {
    const container = await containerFacts(op, where.projectId, peer.containerId);
    return { projectId: where.projectId, ...inputsInAtlas(peer, container, props) };
  },
  async readOutputs(op, peer, inputs, props) {
    const container = await containerFacts(op, String(inputs.projectId), peer.containerId);
    reportNewGcpNetwork(op, peer, inputs, props, container);
    return {
      ...inputs,
      ...(container ? {} : pickNonNullish(props, containerOutputKeys)),
      ...withoutNullish(computedOutputs(peer, container)),
    };
  },
  // Atlas does not repair a FAILED peer; the engine's advice says how to replace or delete it.
  explainError(error, operation) {
    if (!(error instanceof ResourceFailedError) || operation === "delete") return error;
    return new Error(`${error.message}. Atlas does not bring a FAILED peer back by itself`, { cause: error });
  },
});
