import { setTimeout as sleep } from "node:timers/promises";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasApiError, hasErrorCode, isNotFound, type AtlasClient, type CloudProvider } from "../../client";
import type {
  BaseNetworkPeeringConnectionSettingsRequest,
  BaseNetworkPeeringConnectionSettingsResponse,
} from "../../client/wire";
import type { Logger } from "../../logger";
import { ResourceFailedError, ResourceGoneError, waitUntilGone, waitUntilSettled, type ReadSource } from "../../poller";
import { checkInputs, parseCheckedInputs, providerKey, type CheckContext } from "../shared/check";
import { runContext } from "../shared/context";
import { changedKeys, diffByRules, type DiffRules } from "../shared/diff";
import type { Timeouts } from "../shared/durations";
import type { ResourceProviderImplementation } from "../shared/provider-contract";
import { mayHaveReachedAtlas, messageOf } from "../shared/errors";
import { compact, pick } from "../shared/outputs";
import { partialFailure } from "../shared/partial-failure";
import type { PollSettings } from "../shared/poll";
import { isCloudProvider, toAwsNativeRegion } from "../shared/regions";
import { isUnknown } from "../shared/unknowns";
import { waitSettingsOf } from "../shared/wait-settings";
import { networkPeerInputsSchema, networkPeerProviderOnlyFields, type NetworkPeerInputs } from "./schema";
import {
  classifyNetworkPeer,
  classifyNetworkPeerDeletion,
  isAwaitingUser,
  peerDeletingStatuses,
  peerErrorMessageOf,
  peerStatusOf,
} from "./states";

/**
 * NetworkPeer: a peering connection between an Atlas network container and the user's AWS VPC, Azure VNet
 * or GCP VPC network (reference sections 6-8). Atlas's side settles on its own, but AWS (accept the
 * request) and GCP (create the reciprocal peering) then wait for the user, so a create stops there unless
 * `waitForAvailable` is set, and says in one log line what to do next.
 */

type Props = Record<string, unknown>;
type Peer = BaseNetworkPeeringConnectionSettingsResponse;

const resourceLabel = "network peer";
const checkContext: CheckContext = {
  resourceLabel,
  providerOnlyFields: networkPeerProviderOnlyFields,
  discriminator: "providerName",
};

const diffRules: DiffRules = {
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
  // AWS only; Atlas validates the PATCH with the create schema, so the body repeats every AWS field.
  updatable: ["accepterRegionName", "awsAccountId", "routeTableCidrBlock"],
  providerOnly: ["adoptExisting", "timeouts", "poll", "waitForAvailable"],
};

/** Outputs computed from Atlas (besides the inputs, which the outputs repeat). */
const computedOutputKeys = [
  "peerId",
  "status",
  "statusName",
  "errorMessage",
  "connectionId",
  "atlasCidrBlock",
  "atlasGcpProjectId",
  "atlasNetworkName",
] as const;

/** Outputs read from the container rather than the peer. */
const containerOutputKeys = ["atlasCidrBlock", "atlasGcpProjectId", "atlasNetworkName"] as const;

// ---- small helpers ----------------------------------------------------------------------------------

function stringProp(record: Props, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function withProvider(record: Props, from: Props): Props {
  return from[providerKey] === undefined ? record : { ...record, [providerKey]: from[providerKey] };
}

/** The inputs as outputs: every checked input, nothing undefined. */
function inputOutputs(inputs: NetworkPeerInputs): Props {
  return compact({ ...inputs });
}

// ---- describing a peer (ids, provider, networks: never a credential) --------------------------------

function networkOf(fields: Props): string {
  switch (fields.providerName) {
    case "AWS":
      return `VPC ${String(fields.vpcId)} of AWS account ${String(fields.awsAccountId)}`;
    case "AZURE":
      return `VNet ${String(fields.vnetName)} in resource group ${String(fields.resourceGroupName)}`;
    case "GCP":
      return `network ${String(fields.networkName)} of GCP project ${String(fields.gcpProjectId)}`;
    default:
      return `provider ${String(fields.providerName)}`;
  }
}

function describePeer(fields: Props, id?: string): string {
  return `${resourceLabel} ${id ?? "(new)"} (${String(fields.providerName)}, project ${String(fields.projectId)}, container ${String(fields.containerId)}, ${networkOf(fields)})`;
}

// ---- Atlas calls ------------------------------------------------------------------------------------

/** What a peer needs from its container: outputs users wire into the cloud side, and the region quirk. */
interface ContainerFacts {
  atlasCidrBlock?: string;
  /** The container's region in AWS form: what Atlas means by a null accepterRegionName. */
  awsRegion?: string;
  gcpProjectId?: string;
  networkName?: string;
}

async function readContainerFacts(
  client: AtlasClient,
  groupId: string,
  containerId: string,
): Promise<ContainerFacts | undefined> {
  try {
    const container = await client.containers.get({ groupId, containerId });
    const facts: ContainerFacts = {};
    if (container.atlasCidrBlock) facts.atlasCidrBlock = container.atlasCidrBlock;
    if (container.providerName === "AWS") {
      const region = toAwsNativeRegion(container.regionName);
      if (region) facts.awsRegion = region;
    } else if (container.providerName === "GCP") {
      // Both stay null until Atlas has provisioned its GCP network (reference 5.1).
      if (container.gcpProjectId) facts.gcpProjectId = container.gcpProjectId;
      if (container.networkName) facts.networkName = container.networkName;
    }
    return facts;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function getPeerUnless404(
  client: AtlasClient,
  groupId: string,
  peerId: string,
  signal?: AbortSignal,
): Promise<Peer | undefined> {
  try {
    return await client.peers.get({ groupId, peerId }, signal ? { signal } : undefined);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Reads for a wait: one list call per tick shared by every wait on the project's peers of this provider, or one GET. */
function peerReads(
  client: AtlasClient,
  groupId: string,
  providerName: CloudProvider,
  peerId: string,
  poll: PollSettings,
): ReadSource<Peer> {
  if (!poll.coalesce) return (signal) => getPeerUnless404(client, groupId, peerId, signal);
  const context = runContext();
  const watcher = context.watchers.peers.watcher(`${client.baseUrl}|networkPeer|${groupId}|${providerName}`, () => ({
    describe: `${providerName} network peers of project ${groupId}`,
    list: (signal) => client.peers.list({ groupId, providerName }, { signal }),
    idOf: (peer) => peer.id ?? "",
    logger: context.logger,
  }));
  return watcher.reader(peerId);
}

function requestBody(inputs: NetworkPeerInputs): BaseNetworkPeeringConnectionSettingsRequest {
  // providerName is always sent: without it Atlas cannot pick the provider's schema (reference 6.1).
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

// ---- Atlas's view of the inputs ---------------------------------------------------------------------

/**
 * Atlas answers accepterRegionName null when the VPC is in the region of the Atlas VPC (TF #53): that is the
 * container's region, not a change. Without the container, the previous value stands.
 */
function accepterRegionOf(
  peer: Peer & { providerName: "AWS" },
  container: ContainerFacts | undefined,
  previous: Props,
): string | undefined {
  // The wire type says string; real Atlas sends null in that case.
  const region: string | null | undefined = peer.accepterRegionName;
  if (region) return toAwsNativeRegion(region) ?? region;
  return container?.awsRegion ?? stringProp(previous, "accepterRegionName");
}

/** The input fields as Atlas has them now, so out-of-band changes show up as drift. */
function inputsInAtlas(peer: Peer, container: ContainerFacts | undefined, previous: Props): Props {
  const common = { containerId: peer.containerId, providerName: peer.providerName };
  switch (peer.providerName) {
    case "AWS":
      return compact({
        ...common,
        accepterRegionName: accepterRegionOf(peer, container, previous),
        awsAccountId: peer.awsAccountId,
        routeTableCidrBlock: peer.routeTableCidrBlock,
        vpcId: peer.vpcId,
      });
    case "AZURE":
      return compact({
        ...common,
        azureDirectoryId: peer.azureDirectoryId,
        azureSubscriptionId: peer.azureSubscriptionId,
        resourceGroupName: peer.resourceGroupName,
        vnetName: peer.vnetName,
      });
    case "GCP":
      return compact({ ...common, gcpProjectId: peer.gcpProjectId, networkName: peer.networkName });
  }
}

function computedOutputs(peer: Peer, container: ContainerFacts | undefined): Props {
  return compact({
    peerId: peer.id,
    status: peerStatusOf(peer),
    statusName: peer.providerName === "AWS" ? peer.statusName : undefined,
    errorMessage: peerErrorMessageOf(peer),
    // AWS pcx-…: what aws.ec2.VpcPeeringConnectionAccepter needs (TF #56).
    connectionId: peer.providerName === "AWS" ? peer.connectionId : undefined,
    atlasCidrBlock: container?.atlasCidrBlock,
    atlasGcpProjectId: peer.providerName === "GCP" ? container?.gcpProjectId : undefined,
    atlasNetworkName: peer.providerName === "GCP" ? container?.networkName : undefined,
  });
}

// ---- natural key ------------------------------------------------------------------------------------

/** Azure ids and names are case-insensitive; AWS and GCP ids are lowercase already. */
function naturalKey(fields: Props): string[] | undefined {
  const parts = (keys: string[], lower = false) => {
    const values = keys.map((key) => fields[key]);
    if (values.some((value) => typeof value !== "string" || isUnknown(value))) return undefined;
    return values.map((value) => (lower ? (value as string).toLowerCase() : (value as string)));
  };
  const common = parts(["projectId", "providerName", "containerId"]);
  if (!common) return undefined;
  let own: string[] | undefined;
  if (fields.providerName === "AWS") own = parts(["vpcId"]);
  else if (fields.providerName === "AZURE") own = parts(["azureSubscriptionId", "resourceGroupName", "vnetName"], true);
  else if (fields.providerName === "GCP") own = parts(["gcpProjectId", "networkName"]);
  return own ? [...common, ...own] : undefined;
}

function sameNaturalKey(peer: Peer, inputs: NetworkPeerInputs): boolean {
  const key = naturalKey({ ...peer, projectId: inputs.projectId });
  const wanted = naturalKey({ ...inputs });
  return key !== undefined && wanted !== undefined && key.join("\n") === wanted.join("\n");
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

// ---- waiting ----------------------------------------------------------------------------------------

/** What the user must do when Atlas's side is done and the peer waits for them. */
function userActionMessage(
  peer: Peer,
  inputs: NetworkPeerInputs,
  container: ContainerFacts | undefined,
  waitingForAvailable: boolean,
): string {
  const describe = describePeer(inputs, peer.id ?? undefined);
  const then = waitingForAvailable
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
  if (container?.gcpProjectId && container.networkName && inputs.providerName === "GCP") {
    return (
      `${describe} is WAITING_FOR_USER: create the reciprocal peering from network ${inputs.networkName} of GCP project ${inputs.gcpProjectId} ` +
      `to network ${container.networkName} of GCP project ${container.gcpProjectId} (for example gcp.compute.NetworkPeering with ` +
      `peerNetwork = "projects/${container.gcpProjectId}/global/networks/${container.networkName}", from this resource's ` +
      `atlasGcpProjectId and atlasNetworkName outputs).${then}`
    );
  }
  return (
    `${describe} is WAITING_FOR_USER: create the reciprocal peering in GCP to Atlas's network. Atlas has not reported its GCP ` +
    `project and network yet (the container shows them once provisioned); run pulumi refresh to read the atlasGcpProjectId and ` +
    `atlasNetworkName outputs.${then}`
  );
}

interface SettleOptions {
  client: AtlasClient;
  inputs: NetworkPeerInputs;
  peerId: string;
  container: ContainerFacts | undefined;
  timeoutMs: number;
  poll: PollSettings;
  logger: Logger;
}

function waitsForAvailable(inputs: NetworkPeerInputs): boolean {
  return inputs.providerName !== "AZURE" && inputs.waitForAvailable === true;
}

/** Waits until the peer is no longer transitional, telling the user once what to do when it waits for them. */
async function settle(options: SettleOptions): Promise<Peer> {
  const { client, inputs, peerId, container, poll, logger } = options;
  const waitingForAvailable = waitsForAvailable(inputs);
  let told = false;
  return waitUntilSettled({
    describe: describePeer(inputs, peerId),
    read: peerReads(client, inputs.projectId, inputs.providerName, peerId, poll),
    classify: (peer) => {
      if (!told && isAwaitingUser(peer)) {
        told = true;
        logger.info(userActionMessage(peer, inputs, container, waitingForAvailable));
      }
      return classifyNetworkPeer(peer, { waitFor: waitingForAvailable ? "available" : "settled" });
    },
    timeoutMs: options.timeoutMs,
    schedule: poll.schedule,
    logger,
  });
}

const failedAdvice =
  "The peer stays in the stack's state. Atlas does not bring a FAILED peer back by itself: fix the cause, then replace the peer " +
  "(pulumi up --replace <urn>) or delete it (pulumi destroy)";

/**
 * Turns a failed wait after Atlas accepted a create or update into the error the engine needs to keep the
 * peer in state (with its id and the latest outputs we know), so nothing leaks. A peer that disappeared
 * meanwhile is not kept: there is nothing left to track.
 */
async function failedWait(
  error: unknown,
  options: {
    client: AtlasClient;
    inputs: NetworkPeerInputs;
    raw: Props;
    peerId: string;
    lastKnown: Peer;
    container: ContainerFacts | undefined;
  },
): Promise<Error> {
  if (error instanceof ResourceGoneError) return error;
  let peer = options.lastKnown;
  let cause = error;
  if (error instanceof ResourceFailedError) {
    peer = error.lastValue as Peer;
    cause = new Error(`${error.message}. ${failedAdvice}`, { cause: error });
  } else {
    // After a timeout or a failed read, one more read gives the outputs the state should keep.
    peer =
      (await getPeerUnless404(options.client, options.inputs.projectId, options.peerId).catch(() => undefined)) ?? peer;
  }
  return partialFailure(
    options.peerId,
    { ...inputOutputs(options.inputs), ...computedOutputs(peer, options.container) },
    options.raw,
    cause,
  );
}

// ---- create -----------------------------------------------------------------------------------------

const maxCreateAttempts = 3;

interface CreateContext {
  client: AtlasClient;
  inputs: NetworkPeerInputs;
  logger: Logger;
  timeouts: Timeouts;
  poll: PollSettings;
}

/**
 * The live peer with the inputs' natural key, if any. A matching peer still being deleted (a previous destroy
 * or replacement) is waited out first: Atlas refuses a second peer for the same network until it is gone.
 */
async function findExisting(context: CreateContext): Promise<Peer | undefined> {
  const { client, inputs, logger, timeouts, poll } = context;
  const peers = await client.peers.list({ groupId: inputs.projectId, providerName: inputs.providerName });
  const matches = peers.filter((peer) => sameNaturalKey(peer, inputs));
  const live = matches.find((peer) => !peerDeletingStatuses.has(peerStatusOf(peer) ?? ""));
  if (live) return live;
  for (const leaving of matches) {
    if (!leaving.id) continue;
    const describe = describePeer(inputs, leaving.id);
    logger.info(
      `${describe} is ${peerStatusOf(leaving) ?? "being deleted"}; waiting for it to be gone before creating its successor`,
    );
    await waitUntilGone({
      describe,
      read: peerReads(client, inputs.projectId, inputs.providerName, leaving.id, poll),
      classify: classifyNetworkPeerDeletion,
      timeoutMs: timeouts.createMs,
      schedule: poll.schedule,
      logger,
    });
  }
  return undefined;
}

function refuseToAdopt(inputs: NetworkPeerInputs, existing: Peer): Error {
  return new Error(
    `a ${resourceLabel} for ${naturalKeyText(inputs)} in container ${inputs.containerId} of project ${inputs.projectId} (${inputs.providerName}) ` +
      `already exists in Atlas: peer ${existing.id ?? "(no id)"}, ${peerStatusOf(existing) ?? "no status"}. ` +
      `Set adoptExisting: true to manage that peer with this resource (it is then updated to the declared settings), or delete it in Atlas first.`,
  );
}

function describeRejectedPost(inputs: NetworkPeerInputs, error: unknown): Error {
  const hint = hasErrorCode(error, "CLOUD_PROVIDER_CONTAINER_NOT_FOUND")
    ? ` Check containerId: it must be the id of a ${inputs.providerName} NetworkContainer of project ${inputs.projectId}.`
    : "";
  return new Error(`Atlas refused to create the ${describePeer(inputs)}: ${messageOf(error)}.${hint}`, {
    cause: error,
  });
}

/** POSTs the peer; a POST that may have reached Atlas is resolved by looking the natural key up again. */
async function postPeer(context: CreateContext): Promise<{ peer: Peer; existed: boolean }> {
  const { client, inputs, logger } = context;
  for (let attempt = 1; ; attempt++) {
    try {
      return {
        peer: await client.peers.create({ groupId: inputs.projectId, body: requestBody(inputs) }),
        existed: false,
      };
    } catch (error) {
      if (error instanceof AtlasApiError && error.status === 409) {
        // PEER_ALREADY_EXISTS(_AZURE|_GCP): created by someone else since our lookup, and the adoptExisting
        // rules apply to it. Any other 409 is Atlas's answer as it stands.
        const existing = await findExisting(context);
        if (existing) return { peer: existing, existed: true };
        throw describeRejectedPost(inputs, error);
      }
      if (!mayHaveReachedAtlas(error)) throw describeRejectedPost(inputs, error);
      const created = await findExisting(context);
      if (created) {
        logger.info(
          `${describePeer(inputs, created.id ?? undefined)}: the create call failed (${messageOf(error)}) ` +
            `but Atlas created the peer; continuing with it`,
        );
        return { peer: created, existed: false };
      }
      if (attempt >= maxCreateAttempts) throw describeRejectedPost(inputs, error);
      // A pause that grows per attempt, on the wait's own scale (tests poll fast, users about every second).
      const pauseMs = context.poll.schedule.firstIntervalMs * attempt;
      logger.info(
        `${describePeer(inputs)}: the create call failed (${messageOf(error)}) and Atlas has no such peer; ` +
          `creating it again in ${pauseMs} ms (attempt ${attempt + 1} of ${maxCreateAttempts})`,
      );
      await sleep(pauseMs);
    }
  }
}

async function create(raw: Props): Promise<dynamic.CreateResult<Props>> {
  const inputs = parseCheckedInputs(networkPeerInputsSchema, raw, checkContext);
  const run = runContext();
  const context: CreateContext = {
    client: run.client(),
    inputs,
    logger: run.logger,
    ...waitSettingsOf(inputs),
  };
  const { client, logger } = context;

  let peer = await findExisting(context);
  let adopted = false;
  if (peer) {
    if (!inputs.adoptExisting) throw refuseToAdopt(inputs, peer);
    adopted = true;
  } else {
    const posted = await postPeer(context);
    peer = posted.peer;
    if (posted.existed) {
      if (!inputs.adoptExisting) throw refuseToAdopt(inputs, peer);
      adopted = true;
    }
  }
  const peerId = peer.id;
  if (!peerId) throw new Error(`Atlas returned the ${describePeer(inputs)} without an id`);

  let container: ContainerFacts | undefined;
  try {
    container = await readContainerFacts(client, inputs.projectId, inputs.containerId);
    if (adopted) {
      logger.info(`${describePeer(inputs, peerId)}: adopting the existing peer (adoptExisting: true)`);
      const drift = changedKeys(inputsInAtlas(peer, container, {}), { ...inputs }, diffRules.updatable);
      if (inputs.providerName === "AWS" && drift.length > 0) {
        logger.info(`${describePeer(inputs, peerId)}: updating ${drift.join(", ")} to the declared values`);
        peer = await client.peers.update({ groupId: inputs.projectId, peerId, body: requestBody(inputs) });
      }
    }
  } catch (error) {
    // The peer exists (we created it, or adopted it): keep it in state whatever failed.
    throw partialFailure(peerId, { ...inputOutputs(inputs), ...computedOutputs(peer, container) }, raw, error);
  }

  const lastKnown = peer;
  try {
    peer = await settle({
      client,
      inputs,
      peerId,
      container,
      timeoutMs: context.timeouts.createMs,
      poll: context.poll,
      logger,
    });
    if (inputs.providerName === "GCP" && !container?.gcpProjectId) {
      container = (await readContainerFacts(client, inputs.projectId, inputs.containerId)) ?? container;
    }
  } catch (error) {
    throw await failedWait(error, { client, inputs, raw, peerId, lastKnown, container });
  }
  return { id: peerId, outs: { ...inputOutputs(inputs), ...computedOutputs(peer, container) } };
}

// ---- read -------------------------------------------------------------------------------------------

async function read(id: string, props: Props): Promise<dynamic.ReadResult<Props>> {
  const projectId = stringProp(props, "projectId");
  if (!projectId) {
    throw new Error(
      `cannot read ${resourceLabel} ${id}: its state has no projectId (Pulumi's import does not work for dynamic resources; ` +
        `declare the peer with adoptExisting: true instead)`,
    );
  }
  const run = runContext();
  const client = run.client();
  const peer = await getPeerUnless404(client, projectId, id);
  if (!peer) {
    run.logger.info(
      `${resourceLabel} ${id} (project ${projectId}) no longer exists in Atlas; it leaves the stack's state`,
    );
    return {};
  }
  const container = await readContainerFacts(client, projectId, peer.containerId);
  const settings = pick(props, diffRules.providerOnly);
  const inputs = { projectId, ...inputsInAtlas(peer, container, props), ...settings };
  const outputs = {
    ...inputs,
    // Without the container (deleted meanwhile), what we knew of it stands.
    ...(container ? {} : pick(props, containerOutputKeys)),
    ...computedOutputs(peer, container),
  };
  const errorMessage = peerErrorMessageOf(peer);
  if (peerStatusOf(peer) === "FAILED") {
    run.logger.warn(`${describePeer(inputs, id)} is FAILED: ${errorMessage ?? "Atlas gave no error message"}`);
  }
  return { id, props: withProvider(outputs, props), inputs: withProvider(inputs, props) };
}

// ---- update -----------------------------------------------------------------------------------------

/** True when the stored outputs say the last create or update did not finish (a kept partial failure). */
function unfinished(olds: Props): boolean {
  if (!isCloudProvider(olds.providerName) || typeof olds.status !== "string") return false;
  const phase = classifyNetworkPeer(
    olds.providerName === "AWS"
      ? { providerName: "AWS", statusName: olds.status }
      : { providerName: olds.providerName, status: olds.status },
  ).phase;
  return phase !== "settled";
}

async function update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult<Props>> {
  const inputs = parseCheckedInputs(networkPeerInputsSchema, news, checkContext);
  const apiChanges = inputs.providerName === "AWS" ? changedKeys(olds, { ...inputs }, diffRules.updatable) : [];
  if (apiChanges.length === 0 && !unfinished(olds)) {
    // Only settings of this provider changed (timeouts, poll, adoptExisting, waitForAvailable): nothing to send.
    return { outs: { ...pick(olds, computedOutputKeys), ...inputOutputs(inputs) } };
  }

  const run = runContext();
  const client = run.client();
  const logger = run.logger;
  const { timeouts, poll } = waitSettingsOf(inputs);
  const describe = describePeer(inputs, id);

  let peer: Peer | undefined;
  if (apiChanges.length > 0) {
    logger.info(`${describe}: updating ${apiChanges.join(", ")}`);
    try {
      peer = await client.peers.update({ groupId: inputs.projectId, peerId: id, body: requestBody(inputs) });
    } catch (error) {
      throw new Error(`Atlas refused to update the ${describe}: ${messageOf(error)}`, { cause: error });
    }
  } else {
    // The last operation was kept as a partial failure: the next up resumes its wait (a GET, no write).
    peer = await getPeerUnless404(client, inputs.projectId, id);
    if (!peer)
      throw new Error(
        `the ${describe} no longer exists in Atlas; run pulumi refresh to drop it from the state, then pulumi up`,
      );
    logger.info(
      `${describe}: the last operation did not finish (${peerStatusOf(peer) ?? "no status"}); waiting for the peer to settle`,
    );
  }

  const lastKnown = peer;
  let container: ContainerFacts | undefined;
  try {
    container = await readContainerFacts(client, inputs.projectId, inputs.containerId);
    peer = await settle({ client, inputs, peerId: id, container, timeoutMs: timeouts.updateMs, poll, logger });
  } catch (error) {
    throw await failedWait(error, { client, inputs, raw: news, peerId: id, lastKnown, container });
  }
  return { outs: { ...inputOutputs(inputs), ...computedOutputs(peer, container) } };
}

// ---- delete -----------------------------------------------------------------------------------------

async function deletePeer(id: string, props: Props): Promise<void> {
  const projectId = stringProp(props, "projectId");
  const providerName = props.providerName;
  if (!projectId || !isCloudProvider(providerName)) {
    throw new Error(`cannot delete ${resourceLabel} ${id}: its state has no projectId or providerName`);
  }
  const run = runContext();
  const client = run.client();
  const logger = run.logger;
  const { timeouts, poll } = waitSettingsOf(props);
  const describe = describePeer(props, id);
  try {
    await client.peers.delete({ groupId: projectId, peerId: id });
  } catch (error) {
    if (isNotFound(error)) {
      logger.info(`${describe} is already gone from Atlas`);
      return;
    }
    if (hasErrorCode(error, "PEER_ALREADY_REQUESTED_DELETION")) {
      logger.info(`${describe}: Atlas is already deleting it; waiting for it to be gone`);
    } else if (error instanceof AtlasApiError && error.status === 409) {
      throw new Error(
        `Atlas refused to delete the ${describe}: ${error.errorCode ?? "HTTP 409"}${error.detail ? ` (${error.detail})` : ""}. ` +
          `Atlas answers 409 while something still depends on the peering connection or another change to it is in progress; ` +
          `resolve that in Atlas, then run the delete again.`,
        { cause: error },
      );
    } else {
      throw error;
    }
  }
  await waitUntilGone({
    describe,
    read: peerReads(client, projectId, providerName, id, poll),
    classify: classifyNetworkPeerDeletion,
    timeoutMs: timeouts.deleteMs,
    schedule: poll.schedule,
    logger,
  });
}

// ---- check and diff ---------------------------------------------------------------------------------

/**
 * Delete before create when the replacement would have the same natural key (for example only
 * azureDirectoryId changed): Atlas allows one peer per container and network. Unknown key parts during
 * preview count as the same, the safe choice.
 */
function mustDeleteFirst(olds: Props, news: Props): boolean {
  const before = naturalKey(olds);
  const after = naturalKey(news);
  return before === undefined || after === undefined || before.join("\n") === after.join("\n");
}

export const networkPeerProvider: ResourceProviderImplementation = {
  async check(_olds, news) {
    return checkInputs(networkPeerInputsSchema, news, checkContext);
  },

  async diff(_id, olds, news) {
    // Both region forms are accepted; a preview with unknowns passes raw inputs, so compare AWS form to AWS form.
    const region = news.accepterRegionName;
    const normalized =
      typeof region === "string" && !isUnknown(region)
        ? { ...news, accepterRegionName: toAwsNativeRegion(region) ?? region }
        : news;
    const result = diffByRules(olds, normalized, diffRules);
    return result.replaces && result.replaces.length > 0
      ? { ...result, deleteBeforeReplace: mustDeleteFirst(olds, normalized) }
      : result;
  },

  create,
  read,
  update,
  delete: deletePeer,
};
