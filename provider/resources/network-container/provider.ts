/**
 * The NetworkContainer implementation the serialized provider loads at run time (runtime.ts), on the
 * shared life cycle (shared/lifecycle.ts).
 *
 * How Atlas treats it: one container per provider region (AWS, Azure) or per project (GCP), the natural
 * key, and Atlas creates one by itself with the first private endpoint service or cluster of a region, so
 * create looks first and adopts or refuses. A container has no status: Atlas creates and changes it at
 * once, so after a write the engine only reads it back. Its CIDR block (and a GCP container's regions)
 * change in place with a PATCH until something uses it; Atlas refuses to delete it (409) while peering
 * connections, endpoint services or clusters use it.
 */
import { AtlasApiError, isNotFound, type CallOptions } from "../../client";
import type {
  AWSCloudProviderContainerRequest,
  AzureCloudProviderContainerRequest,
  CloudProviderContainerRequest,
  CloudProviderContainerResponse,
  GCPCloudProviderContainerRequest,
} from "../../client/wire";
import { peerStatusOf } from "../network-peer/states";
import { sameValue } from "../shared/diff";
import { messageOf } from "../shared/errors";
import { typicalDurations } from "../../poller";
import { defineResource, type OperationContext, type Outputs, type SharedList } from "../shared/lifecycle";
import { withoutUndefined } from "../shared/outputs";
import { sharedSnapshot } from "../shared/resource-reads";
import { canonicalRegionList, isCloudProvider, toAtlasRegion, type CloudProvider } from "../shared/regions";
import type { NetworkContainerOutput } from "./outputs";
import type { NetworkContainerInputs } from "./schema";
import { classifyNetworkContainer } from "./states";

type Container = CloudProviderContainerResponse;

const label = "network container";

interface ContainerPlace {
  projectId: string;
  providerName: CloudProvider;
  /** AWS or Azure, Atlas form; undefined for GCP, whose container spans the project. */
  region: string | undefined;
}

function declaredRegion(inputs: NetworkContainerInputs): string | undefined {
  if (inputs.providerName === "AWS") return inputs.regionName;
  if (inputs.providerName === "AZURE") return inputs.region;
  return undefined;
}

function addressOf(inputs: NetworkContainerInputs): ContainerPlace {
  return { projectId: inputs.projectId, providerName: inputs.providerName, region: declaredRegion(inputs) };
}

function containerRegion(container: Container): string | undefined {
  if (container.providerName === "AWS") return container.regionName;
  if (container.providerName === "AZURE") return container.region;
  return undefined;
}

/** "AWS US_EAST_1", "GCP" */
function placeOf(where: ContainerPlace): string {
  return where.region === undefined ? where.providerName : `${where.providerName} ${where.region}`;
}

/** "network container 65… (AWS US_EAST_1, project 5f…)"; without id "AWS US_EAST_1 network container of project 5f…". */
function describe(where: ContainerPlace, id?: string): string {
  return id === undefined
    ? `${placeOf(where)} ${label} of project ${where.projectId}`
    : `${label} ${id} (${placeOf(where)}, project ${where.projectId})`;
}

const uniquenessRule =
  "Atlas allows one container per provider region (for GCP, one per project) and creates one by itself with the first private endpoint service or cluster of a region";

/** What Atlas computed, named as users wire them (GCP project and network feed the reciprocal peering). */
function computedOutputs(container: Container): Record<NetworkContainerOutput, unknown> {
  const value = (field: string | null | undefined) => field ?? undefined;
  return {
    containerId: container.id ?? undefined,
    provisioned: container.provisioned === true,
    vpcId: container.providerName === "AWS" ? value(container.vpcId) : undefined,
    azureSubscriptionId: container.providerName === "AZURE" ? value(container.azureSubscriptionId) : undefined,
    vnetName: container.providerName === "AZURE" ? value(container.vnetName) : undefined,
    gcpProjectId: container.providerName === "GCP" ? value(container.gcpProjectId) : undefined,
    networkName: container.providerName === "GCP" ? value(container.networkName) : undefined,
  };
}

/**
 * The inputs as Atlas has them. GCP regions are reported only when the user declares them: an undeclared
 * list is Atlas's business, and reporting it would plan a change on the next diff.
 */
function inputsOf(container: Container, projectId: string, regionsDeclared: boolean): Outputs {
  return withoutUndefined({
    projectId,
    providerName: container.providerName,
    atlasCidrBlock: container.atlasCidrBlock ?? undefined,
    regionName: container.providerName === "AWS" ? container.regionName : undefined,
    region: container.providerName === "AZURE" ? container.region : undefined,
    regions:
      container.providerName === "GCP" && regionsDeclared ? canonicalRegionList(container.regions ?? []) : undefined,
  });
}

/**
 * The body of a POST or PATCH. A PATCH repeats providerName and the region field: Atlas validates it with
 * the create schema (Terraform provider issues #2031 and #2055). An undeclared GCP region list is repeated
 * from Atlas, so a CIDR change does not clear it.
 */
function requestBody(
  inputs: NetworkContainerInputs,
  currentGcpRegions?: readonly string[],
): CloudProviderContainerRequest {
  switch (inputs.providerName) {
    case "AWS":
      return {
        providerName: "AWS",
        atlasCidrBlock: inputs.atlasCidrBlock,
        regionName: inputs.regionName as AWSCloudProviderContainerRequest["regionName"],
      };
    case "AZURE":
      return {
        providerName: "AZURE",
        atlasCidrBlock: inputs.atlasCidrBlock,
        region: inputs.region as AzureCloudProviderContainerRequest["region"],
      };
    case "GCP": {
      const regions = inputs.regions ?? currentGcpRegions;
      // The spec marks regions required, yet Atlas documents leaving it out for a global container.
      return {
        providerName: "GCP",
        atlasCidrBlock: inputs.atlasCidrBlock,
        ...(regions ? { regions } : {}),
      } as GCPCloudProviderContainerRequest;
    }
  }
}

/** What differs between a container and the declared inputs (CIDR; GCP regions when declared). */
interface Changes {
  cidr?: { from: string | undefined; to: string };
  regions?: { from: string[]; to: string[] };
}

function changesOf(container: Container, inputs: NetworkContainerInputs): Changes {
  const changes: Changes = {};
  if (container.atlasCidrBlock !== inputs.atlasCidrBlock) {
    changes.cidr = { from: container.atlasCidrBlock ?? undefined, to: inputs.atlasCidrBlock };
  }
  if (inputs.providerName === "GCP" && inputs.regions !== undefined && container.providerName === "GCP") {
    const current = canonicalRegionList(container.regions ?? []);
    if (!sameValue(current, inputs.regions)) changes.regions = { from: current, to: inputs.regions };
  }
  return changes;
}

/** "atlasCidrBlock 10.8.0.0/21 → 10.50.0.0/22; regions [CENTRAL_US] → [CENTRAL_US, WESTERN_US]" */
function changeText({ cidr, regions }: Changes): string {
  const parts: string[] = [];
  if (cidr) parts.push(`atlasCidrBlock ${cidr.from ?? "(none)"} → ${cidr.to}`);
  if (regions) parts.push(`regions [${regions.from.join(", ")}] → [${regions.to.join(", ")}]`);
  return parts.join("; ");
}

/**
 * What still uses a container, for a refused DELETE or change: its peering connections, the endpoint
 * services of its provider region (Atlas counts them too) and clusters (only visible as `provisioned`).
 * Each call runs on its own request timeout: the operation's time may be spent already.
 */
async function describeUsers(op: OperationContext, where: ContainerPlace, id: string): Promise<string> {
  const options = { signal: op.run.signal };
  const { projectId: groupId, providerName } = where;
  const parts: string[] = [];
  const container = await op.client.containers.get({ groupId, containerId: id }, options).catch(() => undefined);
  try {
    const peers = (await op.client.peers.list({ groupId, providerName }, options)).filter((p) => p.containerId === id);
    if (peers.length > 0) {
      const listed = peers.map((p) => `${p.id ?? "?"} (${peerStatusOf(p) ?? "no status"})`);
      parts.push(`network peering connections ${listed.join(", ")}`);
    }
  } catch (error) {
    parts.push(`(its peering connections could not be listed: ${messageOf(error)})`);
  }
  try {
    const services = (await op.client.endpointServices.list({ groupId, cloudProvider: providerName }, options)).filter(
      (s) => where.region === undefined || toAtlasRegion(providerName, s.regionName ?? "") === where.region,
    );
    if (services.length > 0) {
      const listed = services.map((s) => `${s.id ?? "?"} (${s.status ?? "no status"})`);
      parts.push(`private endpoint services of ${placeOf(where)} ${listed.join(", ")}`);
    }
  } catch (error) {
    parts.push(`(the endpoint services of ${placeOf(where)} could not be listed: ${messageOf(error)})`);
  }
  if (container?.provisioned === true && !parts.some((p) => p.startsWith("network peering")))
    parts.push("Atlas clusters (the container is provisioned)");
  return parts.length > 0
    ? parts.join("; ")
    : "Atlas lists no peering connection or endpoint service for it (clusters, or something still being deleted)";
}

/** Atlas refused a PATCH: say what it refused and, for a refusal of the CIDR, what locks it. */
async function refusedChange(
  op: OperationContext,
  where: ContainerPlace,
  id: string,
  changes: Changes,
  error: unknown,
): Promise<Error> {
  const refused = error instanceof AtlasApiError && (error.status === 409 || error.status === 400);
  if (!refused)
    return new Error(`Changing ${describe(where, id)} (${changeText(changes)}) failed: ${messageOf(error)}`);
  const users = await describeUsers(op, where, id);
  if (changes.cidr) {
    const { from, to } = changes.cidr;
    return new Error(
      `Atlas refused to change atlasCidrBlock of ${describe(where, id)} from ${from ?? "(none)"} to ${to}: ${messageOf(error)}. ` +
        `Atlas locks a container's CIDR block once a network peering connection or an M10+ cluster exists in the project; ` +
        `in this container: ${users}. Keep atlasCidrBlock ${from ?? "(none)"}, or remove those first.`,
      { cause: error },
    );
  }
  // Only the GCP regions changed: no CIDR lock to speak of (Atlas may refuse to drop a region clusters use).
  return new Error(
    `Atlas refused to change ${describe(where, id)} (${changeText(changes)}): ${messageOf(error)}. What uses the ` +
      `container: ${users}.`,
    { cause: error },
  );
}

/** The containers of a project and provider (all pages): one list call serves the lookups made at the same time. */
function containerList({
  projectId,
  providerName,
}: {
  projectId: string;
  providerName: CloudProvider;
}): SharedList<Container> {
  return {
    registry: (run) => run.watchers.containers,
    key: `networkContainer|${projectId}|${providerName}`,
    describe: `${providerName} network containers of project ${projectId}`,
    list: (client, signal) => client.containers.list({ groupId: projectId, providerName }, { signal }),
  };
}

/** Every container of a project (`/containers/all`): what a peer reads of its container, shared by the project's peers. */
function projectContainers(projectId: string): SharedList<Container> {
  return {
    registry: (run) => run.watchers.containers,
    key: `networkContainer|${projectId}|all`,
    describe: `network containers of project ${projectId}`,
    list: (client, signal) => client.containers.listAll({ groupId: projectId }, { signal }),
  };
}

/**
 * One container for another resource (a peer's outputs), undefined when Atlas has none with that id. With
 * `poll.coalesce` on, from the project's container list, so the peers that settle together read it once;
 * otherwise its own GET on `options`.
 */
export async function readContainer(
  op: OperationContext,
  projectId: string,
  containerId: string,
  options: CallOptions,
): Promise<Container | undefined> {
  if (op.poll.coalesce) {
    const containers = await sharedSnapshot(op, projectContainers(projectId), (container) => container.id ?? undefined);
    return containers.find((container) => container.id === containerId);
  }
  try {
    return await op.client.containers.get({ groupId: projectId, containerId }, options);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export const networkContainerProvider = defineResource<NetworkContainerInputs, Container, ContainerPlace>({
  label,
  // Loaded at the first check, create or update: a refresh never loads zod.
  schema: () => (require("./schema") as typeof import("./schema")).networkContainerInputsSchema,
  discriminator: "providerName",
  diff: {
    // A GCP container spans regions and Atlas changes that list in place (PATCH), as the Terraform provider
    // does; replacing it would fail while peers use it. An AWS or Azure container is its region.
    replaceOnChange: ["projectId", "providerName", "regionName", "region"],
    updatable: ["atlasCidrBlock", "regions"],
    providerOnly: ["adoptExisting", "timeouts", "poll"],
    // Atlas allows one container per provider region (per project for GCP): the old one must go first.
    deleteBeforeReplace: true,
  },

  addressOf,
  addressFromState({ projectId, providerName, regionName, region }) {
    if (typeof projectId !== "string" || !isCloudProvider(providerName)) return undefined;
    const own = providerName === "AWS" ? regionName : providerName === "AZURE" ? region : undefined;
    return { projectId, providerName, region: typeof own === "string" ? own : undefined };
  },
  describe,

  // Atlas answers a container GET at once: a wait's read is bounded by what is left of the operation too.
  get: (op, where, id, signal) =>
    op.client.containers.get(
      { groupId: where.projectId, containerId: id },
      signal ? { ...op.call(), signal } : op.call(),
    ),
  // No sharedList: a container wait is one read (Atlas makes, changes and deletes it at once), its own GET.
  // Lookups share the project's list of the provider (containerList); reads (refresh) share /containers/all
  // with the peers' reads of their containers (readContainer).
  readList: ({ projectId }) => projectContainers(projectId),
  typicalDurations: typicalDurations.networkContainer,
  idOf: (container) => container.id ?? undefined,
  async findExisting(op, inputs, where) {
    const containers = await sharedSnapshot(op, containerList(where), (container) => container.id ?? undefined);
    return containers.find(
      (c) =>
        c.providerName === inputs.providerName && (where.region === undefined || containerRegion(c) === where.region),
    );
  },
  post: (op, inputs, where) =>
    op.client.containers.create({ groupId: where.projectId, body: requestBody(inputs) }, op.call()),
  refuseToAdopt(inputs, existing) {
    const differ = changeText(changesOf(existing, inputs));
    const note = differ ? ` (${differ}: adopting changes it where Atlas allows)` : "";
    return (
      `Cannot create the ${describe(addressOf(inputs))}: container ${existing.id} already exists there, with atlasCidrBlock ` +
      `${existing.atlasCidrBlock ?? "(none)"} (provisioned: ${existing.provisioned === true}). ${uniquenessRule}. ` +
      `Set adoptExisting: true to manage container ${existing.id} with this resource${note}, or remove this resource.`
    );
  },
  checkAdoptable(_op, inputs, existing) {
    const changes = changesOf(existing, inputs);
    if (existing.provisioned !== true || (!changes.cidr && !changes.regions)) return;
    throw new Error(
      `Cannot adopt ${describe(addressOf(inputs), existing.id ?? undefined)}: ${changeText(changes)} declared, and Atlas ` +
        `locks a provisioned container (peering connections or clusters use it). Declare atlasCidrBlock ` +
        `${existing.atlasCidrBlock ?? "(none)"}${changes.regions ? " and its regions" : ""} to adopt it as it is, or ` +
        `remove what uses it first.`,
    );
  },
  // An adopted container, or an update: PATCH what differs (the whole container: see requestBody).
  async converge(op, id, inputs, current) {
    const changes = changesOf(current, inputs);
    if (!changes.cidr && !changes.regions) return undefined;
    const where = addressOf(inputs);
    op.progress(`${describe(where, id)}: changing ${changeText(changes)}`);
    const currentRegions = current.providerName === "GCP" ? current.regions : undefined;
    try {
      return await op.client.containers.update(
        { groupId: where.projectId, containerId: id, body: requestBody(inputs, currentRegions) },
        op.call(),
      );
    } catch (error) {
      throw await refusedChange(op, where, id, changes, error);
    }
  },
  async remove(op, where, id) {
    try {
      await op.client.containers.delete({ groupId: where.projectId, containerId: id }, op.call());
    } catch (error) {
      // 404 and 409 are the engine's to read (gone, in use), and so is a call cut short; another answer is named here.
      if (!(error instanceof AtlasApiError) || error.status === 404 || error.status === 409) throw error;
      throw new Error(`Deleting ${describe(where, id)} failed: ${messageOf(error)}`, { cause: error });
    }
  },
  deletion: {
    // While something uses it, or right after it was made.
    busyCodes: ["CONTAINERS_IN_USE", "CANNOT_DELETE_RECENTLY_CREATED_CONTAINER"],
    explainRefusal: async (op, where, id, error) =>
      `HTTP 409 ${error.errorCode ?? ""}${error.detail ? ` (${error.detail.replace(/\.$/, "")})` : ""}. What uses it: ` +
      (await describeUsers(op, where, id)),
  },

  // No status: any container Atlas serves is settled (states.ts names `provisioned` for the delete wait).
  classify: (container) => classifyNetworkContainer(container),
  settledInState: () => true,

  outputsOf: (_op, inputs, container) =>
    withoutUndefined({
      ...inputs,
      ...inputsOf(container, inputs.projectId, inputs.providerName === "GCP" && inputs.regions !== undefined),
      ...computedOutputs(container),
    }),
  inputsFromAtlas: (container, props, where) => inputsOf(container, where.projectId, props.regions !== undefined),
  readOutputs: (_op, container, inputs) => withoutUndefined({ ...inputs, ...computedOutputs(container) }),
});
