/**
 * The NetworkContainer implementation the serialized provider loads at run time (see
 * shared/dynamic-provider.ts). A container has no status: Atlas creates and changes it synchronously, so
 * after a write there is only a verifying GET. What needs care is its natural key: Atlas allows one per
 * provider region (one per project for GCP) and creates one by itself with the first endpoint service or
 * cluster of a region, so create looks first and adopts or refuses; and delete, which Atlas refuses with
 * 409 while peers or endpoint services still use the container.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasApiError, AtlasTimeoutError, hasErrorCode, isNotFound, type AtlasClient } from "../../client";
import type {
  AWSCloudProviderContainerRequest,
  AzureCloudProviderContainerRequest,
  CloudProviderContainerRequest,
  CloudProviderContainerResponse,
  GCPCloudProviderContainerRequest,
} from "../../client/wire";
import {
  formatElapsed,
  nextPollInterval,
  waitUntilGone,
  waitUntilSettled,
  WaitTimeoutError,
  type PollSchedule,
  type WaitOptions,
} from "../../poller";
import { peerStatusOf } from "../network-peer/states";
import { checkInputs, parseCheckedInputs, withoutProvider, type CheckContext } from "../shared/check";
import { runContext } from "../shared/context";
import { changedKeys, diffByRules, sameValue, type DiffRules } from "../shared/diff";
import type { ResourceProviderImplementation } from "../shared/provider-contract";
import { mayHaveReachedAtlas, messageOf } from "../shared/errors";
import { withoutUndefined } from "../shared/outputs";
import { partialFailure } from "../shared/partial-failure";
import { canonicalRegionList, toAtlasRegion } from "../shared/regions";
import { waitSettingsOf } from "../shared/wait-settings";
import {
  networkContainerInputsSchema,
  networkContainerProviderOnlyFields,
  type NetworkContainerInputs,
} from "./schema";
import { classifyNetworkContainer } from "./states";

type Outputs = Record<string, unknown>;
type Container = CloudProviderContainerResponse;
type ContainerProvider = NetworkContainerInputs["providerName"];

const resourceLabel = "network container";
const checkContext: CheckContext = {
  resourceLabel,
  providerOnlyFields: networkContainerProviderOnlyFields,
  discriminator: "providerName",
};

export const networkContainerDiffRules: DiffRules = {
  // A GCP container spans regions and Atlas changes that list in place (PATCH), as the Terraform provider
  // does; replacing it would fail while peers use it. An AWS or Azure container is its region.
  replaceOnChange: ["projectId", "providerName", "regionName", "region"],
  updatable: ["atlasCidrBlock", "regions"],
  providerOnly: ["adoptExisting", "timeouts", "poll"],
  // Atlas allows one container per provider region (per project for GCP): the old one must go first.
  deleteBeforeReplace: true,
};

const providerOnlyKeys = networkContainerDiffRules.providerOnly;

/** A POST whose answer was lost is looked up and, when Atlas has no container, sent again (at most this often). */
const maxCreateAttempts = 3;

// ---- inputs, names and messages ---------------------------------------------------------------------

/** The AWS or Azure region of a declared container; GCP containers span the project. */
function declaredRegion(declared: NetworkContainerInputs): string | undefined {
  if (declared.providerName === "AWS") return declared.regionName;
  if (declared.providerName === "AZURE") return declared.region;
  return undefined;
}

function containerRegion(container: Container): string | undefined {
  if (container.providerName === "AWS") return container.regionName;
  if (container.providerName === "AZURE") return container.region;
  return undefined;
}

/** "AWS US_EAST_1", "GCP" */
function placeOf(provider: string, region: string | undefined): string {
  return region === undefined ? provider : `${provider} ${region}`;
}

interface Identity {
  projectId: string;
  provider: string;
  region: string | undefined;
}

function identityOf(declared: NetworkContainerInputs): Identity {
  return { projectId: declared.projectId, provider: declared.providerName, region: declaredRegion(declared) };
}

/** "network container 65… (AWS US_EAST_1, project 5f…)", or without an id "the AWS US_EAST_1 network container of project 5f…". */
function describe(identity: Identity, id?: string): string {
  const place = placeOf(identity.provider, identity.region);
  return id === undefined
    ? `the ${place} ${resourceLabel} of project ${identity.projectId}`
    : `${resourceLabel} ${id} (${place}, project ${identity.projectId})`;
}

const uniquenessRule =
  "Atlas allows one container per provider region (for GCP, one per project) and creates one by itself with the first private endpoint service or cluster of a region";

// ---- outputs ----------------------------------------------------------------------------------------

/** The fields Atlas computes, named as users wire them (GCP project and network feed the reciprocal peering). */
function computedFields(container: Container, id: string): Outputs {
  const computed: Outputs = { containerId: container.id ?? id, provisioned: container.provisioned === true };
  const set = (key: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined) computed[key] = value;
  };
  if (container.providerName === "AWS") set("vpcId", container.vpcId);
  if (container.providerName === "AZURE") {
    set("azureSubscriptionId", container.azureSubscriptionId);
    set("vnetName", container.vnetName);
  }
  if (container.providerName === "GCP") {
    set("gcpProjectId", container.gcpProjectId);
    set("networkName", container.networkName);
  }
  return computed;
}

/**
 * The input fields as Atlas has them now. GCP regions are reported only when the user declares them:
 * an undeclared list is Atlas's business, and reporting it would plan a replacement on the next diff.
 */
function inputFieldsFromAtlas(container: Container, projectId: string, regionsDeclared: boolean): Outputs {
  const fields: Outputs = { projectId, providerName: container.providerName };
  if (container.atlasCidrBlock !== null && container.atlasCidrBlock !== undefined)
    fields.atlasCidrBlock = container.atlasCidrBlock;
  if (container.providerName === "AWS") fields.regionName = container.regionName;
  if (container.providerName === "AZURE") fields.region = container.region;
  if (container.providerName === "GCP" && regionsDeclared)
    fields.regions = canonicalRegionList(container.regions ?? []);
  return fields;
}

/** Declared inputs, with what Atlas reports for the fields it owns, plus the computed fields. */
function outputsOf(declared: NetworkContainerInputs, container: Container, id: string): Outputs {
  return {
    ...withoutUndefined(declared),
    ...inputFieldsFromAtlas(
      container,
      declared.projectId,
      declared.providerName === "GCP" && declared.regions !== undefined,
    ),
    ...computedFields(container, id),
  };
}

// ---- Atlas calls --------------------------------------------------------------------------------------

/**
 * The body of a POST or PATCH. A PATCH repeats providerName and the region field: Atlas validates it with
 * the create schema (the Terraform provider learned this in #2031/#2055). An undeclared GCP region list is
 * repeated from Atlas so a CIDR change does not clear it.
 */
function requestBody(
  declared: NetworkContainerInputs,
  currentGcpRegions?: readonly string[],
): CloudProviderContainerRequest {
  switch (declared.providerName) {
    case "AWS":
      return {
        providerName: "AWS",
        atlasCidrBlock: declared.atlasCidrBlock,
        regionName: declared.regionName as AWSCloudProviderContainerRequest["regionName"],
      };
    case "AZURE":
      return {
        providerName: "AZURE",
        atlasCidrBlock: declared.atlasCidrBlock,
        region: declared.region as AzureCloudProviderContainerRequest["region"],
      };
    case "GCP": {
      const regions = declared.regions ?? currentGcpRegions;
      // The spec marks regions required, yet Atlas documents leaving it out for a global container.
      const body = {
        providerName: "GCP" as const,
        atlasCidrBlock: declared.atlasCidrBlock,
        ...(regions ? { regions } : {}),
      };
      return body as GCPCloudProviderContainerRequest;
    }
  }
}

/** The container of this provider region (GCP: of this project) that Atlas lists, if any. */
async function findByNaturalKey(client: AtlasClient, declared: NetworkContainerInputs): Promise<Container | undefined> {
  const containers = await client.containers.list({ groupId: declared.projectId, providerName: declared.providerName });
  const region = declaredRegion(declared);
  return containers.find(
    (c) =>
      c.providerName === declared.providerName && (declared.providerName === "GCP" || containerRegion(c) === region),
  );
}

/** How an existing container differs from the declared inputs (CIDR, and GCP regions when declared); empty when it matches. */
function differences(container: Container, declared: NetworkContainerInputs): string[] {
  const found: string[] = [];
  if (container.atlasCidrBlock !== declared.atlasCidrBlock) {
    found.push(
      `its atlasCidrBlock is ${container.atlasCidrBlock ?? "(none)"} but ${declared.atlasCidrBlock} is declared`,
    );
  }
  if (declared.providerName === "GCP" && declared.regions !== undefined && container.providerName === "GCP") {
    const current = canonicalRegionList(container.regions ?? []);
    if (!sameValue(current, declared.regions)) {
      found.push(`its regions are [${current.join(", ")}] but [${declared.regions.join(", ")}] are declared`);
    }
  }
  return found;
}

function remainingMs(deadline: number): number {
  return deadline - performance.now();
}

/** A call's own time limit: what is left of the operation's (whole milliseconds, at least 1). */
function callTimeoutMs(deadline: number): number {
  return Math.max(1, Math.ceil(remainingMs(deadline)));
}

/** One GET that reads 404 as "gone", bounded by the operation's deadline. */
function directRead(client: AtlasClient, projectId: string, id: string, deadline: number) {
  return async (signal: AbortSignal): Promise<Container | undefined> => {
    try {
      return await client.containers.get(
        { groupId: projectId, containerId: id },
        { signal, timeoutMs: callTimeoutMs(deadline) },
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
}

/** A wait on the container's own GETs until `deadline`, reading at once: a container has no status to wait through. */
function directWait(
  client: AtlasClient,
  identity: Identity,
  id: string,
  deadline: number,
  schedule: PollSchedule,
): WaitOptions<Container> {
  return {
    describe: describe(identity, id),
    read: directRead(client, identity.projectId, id, deadline),
    classify: (container) => classifyNetworkContainer(container),
    timeoutMs: remainingMs(deadline),
    schedule: { ...schedule, initialDelayMs: 0 },
    logger: runContext().logger,
  };
}

/** There is no status to wait for: one GET confirms Atlas serves the container as written. */
async function verifyContainer(
  client: AtlasClient,
  identity: Identity,
  id: string,
  deadline: number,
  schedule: PollSchedule,
): Promise<Container> {
  if (remainingMs(deadline) <= 0) throw new Error(`timed out before ${describe(identity, id)} could be read back`);
  return waitUntilSettled(directWait(client, identity, id, deadline, schedule));
}

/**
 * What still uses a container, for a refused DELETE or CIDR change: its peering connections, the endpoint
 * services of its provider region (Atlas counts them too) and clusters (only visible as `provisioned`).
 */
async function describeUsers(client: AtlasClient, identity: Identity, id: string): Promise<string> {
  const provider = identity.provider as ContainerProvider;
  const parts: string[] = [];
  let provisioned = false;
  try {
    provisioned = (await client.containers.get({ groupId: identity.projectId, containerId: id })).provisioned === true;
  } catch {
    // Only used to mention clusters; the lists below say the rest.
  }
  try {
    const peers = (await client.peers.list({ groupId: identity.projectId, providerName: provider })).filter(
      (p) => p.containerId === id,
    );
    if (peers.length > 0)
      parts.push(
        `network peering connections ${peers.map((p) => `${p.id ?? "?"} (${peerStatusOf(p) ?? "no status"})`).join(", ")}`,
      );
  } catch (error) {
    parts.push(`(its peering connections could not be listed: ${messageOf(error)})`);
  }
  try {
    const services = (
      await client.endpointServices.list({ groupId: identity.projectId, cloudProvider: provider })
    ).filter((s) => identity.region === undefined || toAtlasRegion(provider, s.regionName ?? "") === identity.region);
    if (services.length > 0) {
      parts.push(
        `private endpoint services of ${placeOf(identity.provider, identity.region)} ${services.map((s) => `${s.id ?? "?"} (${s.status ?? "no status"})`).join(", ")}`,
      );
    }
  } catch (error) {
    parts.push(
      `(the endpoint services of ${placeOf(identity.provider, identity.region)} could not be listed: ${messageOf(error)})`,
    );
  }
  if (provisioned && !parts.some((p) => p.startsWith("network peering")))
    parts.push("Atlas clusters (the container is provisioned)");
  return parts.length > 0
    ? parts.join("; ")
    : "Atlas lists no peering connection or endpoint service for it (clusters, or something still being deleted)";
}

// ---- create -----------------------------------------------------------------------------------------

interface Operation {
  client: AtlasClient;
  declared: NetworkContainerInputs;
  identity: Identity;
  inputs: Outputs;
  deadline: number;
  /** The operation's timeout, for messages: "create" or "update" and its length. */
  timeout: { name: "create" | "update"; ms: number };
  schedule: PollSchedule;
}

function refuseToAdopt(op: Operation, existing: Container): Error {
  const differ = differences(existing, op.declared);
  const note = differ.length > 0 ? ` (${differ.join("; ")}: adopting changes it where Atlas allows)` : "";
  return new Error(
    `Cannot create ${describe(op.identity)}: container ${existing.id} already exists there, with atlasCidrBlock ` +
      `${existing.atlasCidrBlock ?? "(none)"} (provisioned: ${existing.provisioned === true}). ${uniquenessRule}. ` +
      `Set adoptExisting: true to manage container ${existing.id} with this resource${note}, or remove this resource.`,
  );
}

/** Takes over a container that exists already, bringing its CIDR (and GCP regions) to the declared ones when Atlas allows. */
async function adopt(op: Operation, existing: Container): Promise<dynamic.CreateResult<Outputs>> {
  const { client, declared, identity } = op;
  const id = existing.id;
  if (!id) throw new Error(`Atlas listed ${describe(identity)} without an id; cannot adopt it`);
  if (!declared.adoptExisting) throw refuseToAdopt(op, existing);
  const differ = differences(existing, declared);
  const logger = runContext().logger;
  if (differ.length === 0) {
    logger.info(`adopting existing ${describe(identity, id)}: it matches the declared inputs`);
    return { id, outs: outputsOf(declared, existing, id) };
  }
  if (existing.provisioned === true) {
    throw new Error(
      `Cannot adopt ${describe(identity, id)}: ${differ.join("; ")}, and Atlas locks a provisioned container ` +
        `(peering connections or clusters use it). Declare atlasCidrBlock ${existing.atlasCidrBlock ?? "(none)"}` +
        `${declared.providerName === "GCP" && declared.regions !== undefined ? " and its regions" : ""} to adopt it as it is, or remove what uses it first.`,
    );
  }
  logger.info(`adopting existing ${describe(identity, id)} and updating it: ${differ.join("; ")}`);
  const currentRegions = existing.providerName === "GCP" ? existing.regions : undefined;
  let patched: Container;
  try {
    patched = await client.containers.update({
      groupId: identity.projectId,
      containerId: id,
      body: requestBody(declared, currentRegions),
    });
  } catch (error) {
    throw new Error(
      `Cannot adopt ${describe(identity, id)}: ${differ.join("; ")}, and Atlas refused the change: ${messageOf(error)}`,
    );
  }
  return finishWrite(op, id, patched, "adopted and updated");
}

/** After an accepted write: read the container back; a failure keeps it in state (partial failure) with its id. */
async function finishWrite(
  op: Operation,
  id: string,
  written: Container,
  what: string,
): Promise<{ id: string; outs: Outputs }> {
  try {
    const verified = await verifyContainer(op.client, op.identity, id, op.deadline, op.schedule);
    return { id, outs: outputsOf(op.declared, verified, id) };
  } catch (error) {
    const timedOut =
      error instanceof AtlasTimeoutError || error instanceof WaitTimeoutError || remainingMs(op.deadline) <= 0;
    const failure = timedOut
      ? `the ${op.timeout.name} timeout (${formatElapsed(op.timeout.ms)}) passed before it could be read back (${messageOf(error)})`
      : `reading it back failed: ${messageOf(error)}`;
    const message =
      `${describe(op.identity, id)} was ${what}, but ${failure}. ` +
      `It is kept in the stack's state; run pulumi up again to finish, or pulumi refresh to re-read it.`;
    throw partialFailure(id, outputsOf(op.declared, written, id), op.inputs, new Error(message));
  }
}

/** A create or update of `declared`, timed from now by its own timeout. */
function startOperation(name: "create" | "update", declared: NetworkContainerInputs, inputs: Outputs): Operation {
  const { timeouts, poll } = waitSettingsOf(declared);
  const ms = name === "create" ? timeouts.createMs : timeouts.updateMs;
  return {
    client: runContext().client(),
    declared,
    identity: identityOf(declared),
    inputs,
    deadline: performance.now() + ms,
    timeout: { name, ms },
    schedule: poll.schedule,
  };
}

async function createContainer(inputs: Outputs): Promise<dynamic.CreateResult<Outputs>> {
  const declared = parseCheckedInputs(networkContainerInputsSchema, inputs, checkContext);
  const context = runContext();
  const op = startOperation("create", declared, inputs);
  const { client, identity } = op;

  const existing = await findByNaturalKey(client, declared);
  if (existing) return adopt(op, existing);

  let interval: number | undefined;
  const startedAt = performance.now();
  for (let attempt = 1; ; attempt++) {
    let created: Container;
    try {
      created = await client.containers.create({ groupId: declared.projectId, body: requestBody(declared) });
    } catch (error) {
      const conflict = error instanceof AtlasApiError && error.status === 409;
      if (!conflict && !mayHaveReachedAtlas(error)) {
        throw new Error(`Atlas refused to create ${describe(identity)}: ${messageOf(error)}`);
      }
      // Someone else created one meanwhile (409), or Atlas may have processed the POST before failing: look again.
      const found = await findByNaturalKey(client, declared);
      if (found?.id && !conflict && differences(found, declared).length === 0) {
        context.logger.warn(
          `creating ${describe(identity)}: the POST failed (${messageOf(error)}), but Atlas created it as ${found.id}; using it`,
        );
        return finishWrite(op, found.id, found, "created");
      }
      if (found) return adopt(op, found);
      if (conflict)
        throw new Error(
          `Atlas refused to create ${describe(identity)} with a 409, and lists no container there: ${messageOf(error)}`,
        );
      interval = nextPollInterval(op.schedule, interval, performance.now() - startedAt);
      if (attempt >= maxCreateAttempts || remainingMs(op.deadline) <= interval) {
        throw new Error(
          `Creating ${describe(identity)} failed after ${attempt} attempt(s): ${messageOf(error)}. ` +
            `Atlas lists no such container, so nothing was left behind; run pulumi up again.`,
        );
      }
      context.logger.warn(
        `creating ${describe(identity)} failed (${messageOf(error)}); Atlas lists no such container, so sending the create again`,
      );
      await sleep(interval);
      continue;
    }
    if (!created.id)
      throw new Error(`Atlas created ${describe(identity)} but returned no id: ${JSON.stringify(created)}`);
    context.logger.info(`created ${describe(identity, created.id)} with atlasCidrBlock ${declared.atlasCidrBlock}`);
    return finishWrite(op, created.id, created, "created");
  }
}

// ---- read -------------------------------------------------------------------------------------------

function providerOnlyFromProps(props: Outputs): Outputs {
  return Object.fromEntries(providerOnlyKeys.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]));
}

async function readContainer(id: string, props: Outputs): Promise<dynamic.ReadResult<Outputs>> {
  const projectId = props.projectId;
  if (typeof projectId !== "string") {
    throw new Error(
      `Cannot read ${resourceLabel} ${id}: its state has no projectId (reading by id alone, as pulumi import does, is not supported)`,
    );
  }
  let container: Container;
  try {
    container = await runContext().client().containers.get({ groupId: projectId, containerId: id });
  } catch (error) {
    // Gone: an empty result makes a refresh drop it from the state.
    if (isNotFound(error)) return {};
    throw error;
  }
  const inputs = {
    ...providerOnlyFromProps(props),
    ...inputFieldsFromAtlas(container, projectId, props.regions !== undefined),
  };
  return { id, props: { ...inputs, ...computedFields(container, id) }, inputs };
}

// ---- update -----------------------------------------------------------------------------------------

function lockedCidrMessage(
  identity: Identity,
  id: string,
  from: unknown,
  to: string,
  error: AtlasApiError,
  users: string,
): string {
  return (
    `Atlas refused to change atlasCidrBlock of ${describe(identity, id)} from ${String(from)} to ${to}: ${error.message}. ` +
    `Atlas locks a container's CIDR block once a network peering connection or an M10+ cluster exists in the project; ` +
    `in this container: ${users}. Keep atlasCidrBlock ${String(from)}, or remove those first.`
  );
}

async function updateContainer(id: string, olds: Outputs, news: Outputs): Promise<dynamic.UpdateResult<Outputs>> {
  const declared = parseCheckedInputs(networkContainerInputsSchema, news, checkContext);
  // Only provider settings changed (timeouts, poll, adoptExisting): stored without a call to Atlas.
  if (changedKeys(olds, news, networkContainerDiffRules.updatable).length === 0) {
    const computed = Object.fromEntries(
      Object.entries(withoutProvider(olds)).filter(([key]) => !(key in news) && !providerOnlyKeys.includes(key)),
    );
    return { outs: { ...computed, ...withoutUndefined(declared) } };
  }
  const context = runContext();
  const op = startOperation("update", declared, news);
  const { client, identity } = op;
  let currentRegions: readonly string[] | undefined;
  if (declared.providerName === "GCP" && declared.regions === undefined) {
    // Repeat Atlas's own region list: the PATCH body is a whole container.
    const current = await directRead(
      client,
      identity.projectId,
      id,
      op.deadline,
    )(AbortSignal.timeout(callTimeoutMs(op.deadline)));
    if (current?.providerName === "GCP") currentRegions = current.regions;
  }
  let patched: Container;
  try {
    patched = await client.containers.update({
      groupId: identity.projectId,
      containerId: id,
      body: requestBody(declared, currentRegions),
    });
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(
        `${describe(identity, id)} no longer exists in Atlas (deleted outside Pulumi?): run pulumi refresh to drop it from the stack, then pulumi up to create it again`,
      );
    }
    if (error instanceof AtlasApiError && (error.status === 409 || error.status === 400)) {
      const users = await describeUsers(client, identity, id);
      throw new Error(lockedCidrMessage(identity, id, olds.atlasCidrBlock, declared.atlasCidrBlock, error, users));
    }
    throw new Error(`Updating ${describe(identity, id)} failed: ${messageOf(error)}`);
  }
  context.logger.info(
    `updated ${describe(identity, id)}: atlasCidrBlock ${String(olds.atlasCidrBlock)} → ${declared.atlasCidrBlock}`,
  );
  const { outs } = await finishWrite(op, id, patched, "updated");
  return { outs };
}

// ---- delete -----------------------------------------------------------------------------------------

/** Atlas answers 409 with these while something still uses the container, or right after creating it. */
const busyErrorCodes = ["CONTAINERS_IN_USE", "CANNOT_DELETE_RECENTLY_CREATED_CONTAINER"] as const;

function identityFromProps(props: Outputs): Identity {
  const provider = String(props.providerName);
  const region = provider === "AWS" ? props.regionName : provider === "AZURE" ? props.region : undefined;
  return { projectId: String(props.projectId), provider, region: typeof region === "string" ? region : undefined };
}

async function deleteContainer(id: string, props: Outputs): Promise<void> {
  const identity = identityFromProps(props);
  const { timeouts, poll } = waitSettingsOf(props);
  const timeoutMs = timeouts.deleteMs;
  const schedule = poll.schedule;
  const context = runContext();
  const client = context.client();
  const startedAt = performance.now();
  const deadline = startedAt + timeoutMs;
  let interval: number | undefined;
  let refusals = 0;
  let lastRefusal: string | undefined;

  const stillInUse = async (code: string): Promise<Error> => {
    const users = await describeUsers(client, identity, id);
    return new Error(
      `Could not delete ${describe(identity, id)}: Atlas still answered 409 ${code} after ${formatElapsed(performance.now() - startedAt)} ` +
        `and ${refusals} attempt(s) (delete timeout ${formatElapsed(timeoutMs)}). What uses it: ${users}. ` +
        `Delete those first (or wait until they are gone), then run pulumi destroy or up again; raise timeouts.delete to wait longer.`,
    );
  };

  for (;;) {
    try {
      await client.containers.delete(
        { groupId: identity.projectId, containerId: id },
        { timeoutMs: callTimeoutMs(deadline) },
      );
      break;
    } catch (error) {
      if (isNotFound(error)) return; // Already gone: deleting is done.
      // The deadline cut a retry short: report why we were still retrying.
      if (error instanceof AtlasTimeoutError && lastRefusal !== undefined) throw await stillInUse(lastRefusal);
      const busy = busyErrorCodes.find((code) => hasErrorCode(error, code));
      if (!busy) throw new Error(`Deleting ${describe(identity, id)} failed: ${messageOf(error)}`);
      refusals++;
      lastRefusal = busy;
      interval = nextPollInterval(schedule, interval, performance.now() - startedAt);
      if (remainingMs(deadline) <= interval) throw await stillInUse(busy);
      if (refusals === 1) {
        context.logger.info(
          `${describe(identity, id)} is still in use (${busy}); retrying DELETE until it is free or the delete timeout passes`,
        );
      }
      await sleep(interval);
    }
  }
  if (remainingMs(deadline) <= 0) return;
  // Atlas deletes containers synchronously; one read confirms the 404 (a list could lag behind).
  await waitUntilGone(directWait(client, identity, id, deadline, schedule));
}

// ---- the provider -----------------------------------------------------------------------------------

export const networkContainerProvider: ResourceProviderImplementation = {
  async check(_olds, news) {
    return checkInputs(networkContainerInputsSchema, news, checkContext);
  },

  async diff(_id, olds, news) {
    return diffByRules(olds, news, networkContainerDiffRules);
  },

  create: createContainer,
  read: readContainer,
  update: updateContainer,
  delete: deleteContainer,
};
