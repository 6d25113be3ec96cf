/**
 * The PrivateEndpointService implementation the serialized provider loads at run time (runtime.ts), on the
 * shared life cycle (shared/lifecycle.ts).
 *
 * How Atlas treats it: one private endpoint service per (project, cloud provider, region), the natural key.
 * Create looks it up before POSTing, so a second declaration, a service made in the Atlas UI, or a create
 * interrupted by a crash is found instead of ending in Atlas's raw 409
 * PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION (Terraform issues #590, #1872, #3422).
 * POST → INITIATING → AVAILABLE or WAITING_FOR_USER (both settled: ready for the user's endpoints) or
 * FAILED; an AWS PATCH of supportedRemoteRegions goes through INITIATING again; DELETE → DELETING → 404.
 * Atlas answers the POST 201 and the DELETE 202 `{}` (the spec says 200 and 204); the client takes any 2xx.
 */
import { isNotFound, type AtlasApiError, type CloudProvider } from "../../client";
import type { CloudProviderEndpointServiceRequest, EndpointService } from "../../client/wire";
import { typicalDurations, type Classification } from "../../poller";
import type { DiffRules } from "../shared/diff";
import { defineResource, type OperationContext, type Outputs, type SharedList } from "../shared/lifecycle";
import { withoutUndefined } from "../shared/outputs";
import { sharedSnapshot } from "../shared/resource-reads";
import { canonicalRegionList, isCloudProvider, toAtlasRegion } from "../shared/regions";
import { containsUnknown, isUnknown } from "../shared/unknowns";
import { registeredEndpointKind, registeredEndpoints } from "../private-endpoint-registration/registered-endpoints";
import { privateEndpointServiceOutputs } from "./outputs";
import type { PrivateEndpointServiceInputs } from "./schema";
import { classifyEndpointService } from "./states";

const label = "private endpoint service";

interface ServiceLocation {
  projectId: string;
  providerName: CloudProvider;
  /** Atlas form (US_EAST_1). */
  region: string;
}

/** Region names compare in Atlas form: us-east-1 and US_EAST_1 are the same region. */
function atlasFormOf(provider: CloudProvider, name: string): string {
  return toAtlasRegion(provider, name) ?? name.trim().toUpperCase().replace(/-/g, "_");
}

function sameRegionLists(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const left = canonicalRegionList((a ?? []).map((r) => atlasFormOf("AWS", r)));
  const right = canonicalRegionList((b ?? []).map((r) => atlasFormOf("AWS", r)));
  return left.length === right.length && left.every((region, i) => region === right[i]);
}

/**
 * What Atlas computed, per provider. What users wire to their cloud: AWS an interface VPC endpoint with
 * `serviceName = endpointServiceName`; Azure a private endpoint whose connection targets
 * `privateLinkServiceResourceId`; GCP one forwarding rule per entry of `serviceAttachmentNames`.
 * Null while Atlas is still building the service (the names appear once it settles).
 */
function computedOutputs(service: EndpointService): Record<keyof typeof privateEndpointServiceOutputs, unknown> {
  const none = { endpointServiceName: undefined, interfaceEndpoints: undefined, privateLinkServiceName: undefined };
  const common = {
    ...none,
    privateLinkServiceResourceId: undefined,
    privateEndpoints: undefined,
    endpointGroupNames: undefined,
    serviceAttachmentNames: undefined,
    endpointServiceId: service.id ?? null,
    status: service.status ?? null,
    errorMessage: service.errorMessage ?? null,
    regionName: service.regionName ?? null,
  };
  switch (service.cloudProvider) {
    case "AWS":
      return {
        ...common,
        endpointServiceName: service.endpointServiceName ?? null,
        interfaceEndpoints: service.interfaceEndpoints ?? [],
      };
    case "AZURE":
      return {
        ...common,
        privateLinkServiceName: service.privateLinkServiceName ?? null,
        privateLinkServiceResourceId: service.privateLinkServiceResourceId ?? null,
        privateEndpoints: service.privateEndpoints ?? [],
      };
    case "GCP":
      return {
        ...common,
        endpointGroupNames: service.endpointGroupNames ?? [],
        serviceAttachmentNames: service.serviceAttachmentNames ?? [],
      };
  }
}

function createBody(inputs: PrivateEndpointServiceInputs): CloudProviderEndpointServiceRequest {
  switch (inputs.providerName) {
    case "AWS":
      return { providerName: "AWS", region: inputs.region, supportedRemoteRegions: inputs.supportedRemoteRegions };
    case "AZURE":
      return { providerName: "AZURE", region: inputs.region };
    case "GCP":
      return { providerName: "GCP", region: inputs.region, portMappingEnabled: inputs.portMappingEnabled };
  }
}

/** The remote regions an AWS service must get, or undefined when it has them (or is no AWS service). */
function remoteRegionsToSend(service: EndpointService, inputs: PrivateEndpointServiceInputs): string[] | undefined {
  if (inputs.providerName !== "AWS" || service.cloudProvider !== "AWS") return undefined;
  return sameRegionLists(service.supportedRemoteRegions, inputs.supportedRemoteRegions)
    ? undefined
    : inputs.supportedRemoteRegions;
}

/** Atlas refuses to delete a service while endpoints are registered with it: say which, from a fresh read. */
async function whatUsesIt(op: OperationContext, where: ServiceLocation, id: string, error: AtlasApiError) {
  const service = await op.client.endpointServices
    .get({ groupId: where.projectId, cloudProvider: where.providerName, endpointServiceId: id }, op.call())
    .catch(() => undefined);
  let attached: string[] = [];
  if (service?.cloudProvider === "AWS") attached = service.interfaceEndpoints ?? [];
  if (service?.cloudProvider === "AZURE") attached = service.privateEndpoints ?? [];
  if (service?.cloudProvider === "GCP") attached = service.endpointGroupNames ?? [];
  const kind = { AWS: "interface endpoints", AZURE: "private endpoints", GCP: "endpoint groups" }[where.providerName];
  const which =
    attached.length > 0 ? `registered ${kind}: ${attached.join(", ")}` : `Atlas lists no registered ${kind} right now`;
  return (
    `something still uses it (HTTP 409 ${error.errorCode ?? ""}${error.detail ? `: ${error.detail}` : ""}); ${which}. ` +
    `Delete the endpoints registered with this service (and the ${kind} in your cloud) first`
  );
}

/** What a change does: Atlas changes only an AWS service's remote regions; the rest replaces it. */
export const privateEndpointServiceDiffRules: DiffRules = {
  replaceOnChange: ["projectId", "providerName", "region", "portMappingEnabled"],
  updatable: ["supportedRemoteRegions"],
  providerOnly: ["adoptExisting", "timeouts", "poll"],
  // Atlas allows one service per provider and region: create-then-delete would hit the 409 (TF issue #406).
  deleteBeforeReplace: true,
};

/**
 * Before the DELETE: a service is never deleted while endpoints are registered with it (
 * docs/simulator.md, "Private endpoint registrations and the regional mode": nobody knows whether Atlas refuses or takes them along; every
 * tool avoids it). Registrations in this stack are deleted first (they depend on the service); ones Atlas is
 * removing are waited out; any other (made outside the stack) fails the delete, named. A service already gone
 * went with its last endpoint (Atlas removes an AWS service so): the engine's 404 handling counts it deleted.
 */
async function untilNoEndpointsRegistered(op: OperationContext, where: ServiceLocation, id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let service: EndpointService;
    try {
      service = await op.client.endpointServices.get(
        { groupId: where.projectId, cloudProvider: where.providerName, endpointServiceId: id },
        op.call(),
      );
    } catch (error) {
      if (isNotFound(error)) {
        op.logger.info(
          `${label} ${id} is gone: Atlas removes a service with its last registered endpoint; nothing left to delete`,
        );
      }
      throw error;
    }
    const { staying, leaving } = await registeredEndpoints(op, where, { ...service, id });
    const kind = registeredEndpointKind[where.providerName];
    if (staying.length > 0) {
      throw new Error(
        `Cannot delete ${label} ${id} (${where.providerName} ${where.region}, project ${where.projectId}): ${kind} ` +
          `are still registered with it: ${staying.join(", ")}. This stack does not manage them (its own registrations ` +
          `are deleted before their service), so they were registered outside it: delete them (a ` +
          `PrivateEndpointRegistration in their stack, or the Atlas UI), then run \`pulumi destroy\` again.`,
      );
    }
    if (leaving.length === 0) return;
    if (attempt === 1)
      op.logger.info(`${label} ${id}: waiting for Atlas to finish removing ${kind} ${leaving.join(", ")}`);
    if (op.remainingMs() <= 0) {
      throw new Error(
        `${label} ${id}: ${kind} ${leaving.join(", ")} were still being removed when timeouts.delete passed; run ` +
          `\`pulumi destroy\` again later, or raise timeouts.delete.`,
      );
    }
    await op.pauseBeforeAttempt(attempt);
  }
}

/** The endpoint services of a project and provider: one list call serves every wait and lookup on it. */
function serviceList({
  projectId,
  providerName,
}: {
  projectId: string;
  providerName: CloudProvider;
}): SharedList<EndpointService> {
  return {
    registry: (run) => run.watchers.endpointServices,
    key: `privateEndpointService|${projectId}|${providerName}`,
    describe: `${providerName} private endpoint services of project ${projectId}`,
    list: (client, signal) =>
      client.endpointServices.list({ groupId: projectId, cloudProvider: providerName }, { signal }),
  };
}

export const privateEndpointServiceProvider = defineResource<
  PrivateEndpointServiceInputs,
  EndpointService,
  ServiceLocation
>({
  label,
  // Loaded at the first check, create or update: a refresh never loads zod.
  schema: () => (require("./schema") as typeof import("./schema")).privateEndpointServiceInputsSchema,
  discriminator: "providerName",
  diff: privateEndpointServiceDiffRules,

  /**
   * Preview passes raw inputs through check when some are unknown, so known fields may still be in the
   * user's form (us-east-1, unsorted lists, a missing default): put them in the stored form before comparing.
   */
  normalizeForDiff(news) {
    const provider = news.providerName;
    if (!isCloudProvider(provider)) return news;
    const normalized = { ...news };
    if (typeof normalized.region === "string" && !isUnknown(normalized.region)) {
      normalized.region = toAtlasRegion(provider, normalized.region) ?? normalized.region;
    }
    if (provider === "AWS") {
      const remote = normalized.supportedRemoteRegions;
      if (remote === undefined || remote === null) normalized.supportedRemoteRegions = [];
      else if (Array.isArray(remote) && !containsUnknown(remote) && remote.every((r) => typeof r === "string")) {
        normalized.supportedRemoteRegions = canonicalRegionList(remote.map((r: string) => atlasFormOf("AWS", r)));
      }
    }
    if (provider === "GCP" && normalized.portMappingEnabled === undefined) normalized.portMappingEnabled = false;
    return normalized;
  },

  addressOf: (inputs) => ({ projectId: inputs.projectId, providerName: inputs.providerName, region: inputs.region }),
  addressFromState({ projectId, providerName, region }) {
    if (typeof projectId !== "string" || !isCloudProvider(providerName)) return undefined;
    const atlasRegion = typeof region === "string" ? atlasFormOf(providerName, region) : "(region unknown)";
    return { projectId, providerName, region: atlasRegion };
  },
  describe(where, id) {
    const place = `${where.providerName} ${where.region}, project ${where.projectId}`;
    return id === undefined ? `${label} (${place})` : `${label} ${id} (${place})`;
  },

  get: (op, where, id, signal) =>
    op.client.endpointServices.get(
      { groupId: where.projectId, cloudProvider: where.providerName, endpointServiceId: id },
      signal ? { signal } : op.call(),
    ),
  // One list per project and provider answers every service wait and lookup of that provider (not paginated).
  sharedList: serviceList,
  typicalDurations: typicalDurations.privateEndpointService,
  idOf: (service) => service.id ?? undefined,
  async findExisting(op, _inputs, where) {
    const services = await sharedSnapshot(op, serviceList(where), (service) => service.id ?? undefined);
    return services.find(
      (service) =>
        typeof service.regionName === "string" && atlasFormOf(where.providerName, service.regionName) === where.region,
    );
  },
  isLeaving: (service) => service.status === "DELETING",
  post: (op, inputs, where) =>
    op.client.endpointServices.create({ groupId: where.projectId, body: createBody(inputs) }, op.call()),
  refuseToAdopt: (inputs, existing) =>
    `A ${inputs.providerName} private endpoint service already exists in Atlas project ${inputs.projectId} for region ` +
    `${inputs.region}: id ${existing.id}, status ${existing.status ?? "unknown"}. Atlas allows one per provider and region. ` +
    `To manage that service with this resource, set \`adoptExisting: true\` (then \`pulumi destroy\` deletes it too); ` +
    `if another resource or stack manages it, use its outputs instead of declaring a second one.`,
  checkAdoptable(_op, inputs, existing) {
    if (inputs.providerName !== "GCP" || existing.cloudProvider !== "GCP") return;
    const actual = existing.portMappingEnabled ?? false;
    if (actual === inputs.portMappingEnabled) return;
    throw new Error(
      `Cannot adopt ${label} ${existing.id} (GCP ${inputs.region}, project ${inputs.projectId}): it has portMappingEnabled ` +
        `${actual}, this resource declares ${inputs.portMappingEnabled}, and Atlas cannot change it after creation. Declare ` +
        `portMappingEnabled: ${actual}, or delete the service and let this resource create it.`,
    );
  },
  // Only an AWS service's remote regions change in place; the PATCH path has no provider segment.
  async converge(op, id, inputs, current) {
    if (classifyEndpointService(current).phase !== "settled") return undefined;
    const regions = remoteRegionsToSend(current, inputs);
    if (regions === undefined) return undefined;
    return op.client.endpointServices.update(
      {
        groupId: inputs.projectId,
        endpointServiceId: id,
        body: { cloudProvider: "AWS", supportedRemoteRegions: regions },
      },
      op.call(),
    );
  },
  async remove(op, where, id) {
    await untilNoEndpointsRegistered(op, where, id);
    await op.client.endpointServices.delete(
      { groupId: where.projectId, cloudProvider: where.providerName, endpointServiceId: id },
      op.call(),
    );
  },
  deletion: {
    explainRefusal: whatUsesIt,
  },

  classify: (service) => classifyEndpointService(service),
  // After a PATCH, Atlas may still show the old list as AVAILABLE: settled only once it shows the new one.
  classifyAfterWrite(service, inputs): Classification {
    const classification = classifyEndpointService(service);
    if (classification.phase === "settled" && inputs && remoteRegionsToSend(service, inputs) !== undefined) {
      return { state: `${classification.state} (new supportedRemoteRegions not applied yet)`, phase: "transitional" };
    }
    return classification;
  },
  replaceWhenFailed: (olds) => olds.status === "FAILED",
  settledInState: (olds) =>
    typeof olds.status === "string" && classifyEndpointService({ status: olds.status }).phase === "settled",

  outputsOf: (_op, inputs, service) => withoutUndefined({ ...inputs, ...computedOutputs(service) }),
  inputsFromAtlas(service, _props, where): Outputs {
    const inputs: Outputs = {
      projectId: where.projectId,
      providerName: where.providerName,
      region: service.regionName ? atlasFormOf(where.providerName, service.regionName) : where.region,
    };
    if (service.cloudProvider === "AWS") {
      inputs.supportedRemoteRegions = canonicalRegionList(
        (service.supportedRemoteRegions ?? []).map((r) => atlasFormOf("AWS", r)),
      );
    }
    if (service.cloudProvider === "GCP") inputs.portMappingEnabled = service.portMappingEnabled ?? false;
    return inputs;
  },
  readOutputs: (_op, service, inputs) => withoutUndefined({ ...inputs, ...computedOutputs(service) }),
});
