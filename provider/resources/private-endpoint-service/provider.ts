/**
 * The PrivateEndpointService implementation the serialized provider loads at run time (runtime.ts).
 *
 * One Atlas private endpoint service per (project, cloud provider, region): that pair is the natural key.
 * Create looks it up before POSTing, so a second declaration, a service made in the Atlas UI, or a create
 * interrupted by a crash is found instead of ending in Atlas's raw 409
 * PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION (Terraform issues #590, #1872, #3422): with
 * `adoptExisting: true` it is adopted, otherwise the error names it and the option.
 *
 * Life cycle: POST → INITIATING → AVAILABLE or WAITING_FOR_USER (both settled: the service is ready for
 * the user's endpoints) or FAILED; an AWS PATCH of supportedRemoteRegions goes through INITIATING again;
 * DELETE → DELETING → 404. Atlas answers the POST 201 and the DELETE 202 `{}` (the spec says 200 and 204);
 * the client takes any 2xx.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  AtlasApiError,
  AtlasProtocolError,
  hasErrorCode,
  isNotFound,
  type AtlasClient,
  type CloudProvider,
} from "../../client";
import type { CloudProviderEndpointServiceRequest, EndpointService } from "../../client/wire";
import {
  ResourceFailedError,
  ResourceGoneError,
  WaitTimeoutError,
  waitUntilGone,
  waitUntilSettled,
  type Classification,
  type ReadSource,
} from "../../poller";
import { checkInputs, parseCheckedInputs, type CheckContext } from "../shared/check";
import { runContext, type RunContext } from "../shared/context";
import { diffByRules, type DiffRules } from "../shared/diff";
import type { Timeouts } from "../shared/durations";
import type { ResourceProviderImplementation } from "../shared/dynamic-provider";
import { mayHaveReachedAtlas, messageOf } from "../shared/errors";
import { withoutUndefined } from "../shared/outputs";
import { partialFailure } from "../shared/partial-failure";
import type { PollSettings } from "../shared/poll";
import { canonicalRegionList, isCloudProvider, toAtlasRegion } from "../shared/regions";
import { containsUnknown, isUnknown } from "../shared/unknowns";
import { waitSettingsOf } from "../shared/wait-settings";
import {
  privateEndpointServiceInputsSchema,
  privateEndpointServiceProviderOnlyFields,
  type PrivateEndpointServiceInputs,
} from "./schema";
import { classifyEndpointService } from "./states";

type Outputs = Record<string, unknown>;

const resourceLabel = "private endpoint service";
const checkContext: CheckContext = {
  resourceLabel,
  providerOnlyFields: privateEndpointServiceProviderOnlyFields,
  discriminator: "providerName",
};
const alreadyExistsCode = "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION";
/** POSTs per create when Atlas's answer leaves it unclear whether the service was made (5xx, reset, timeout). */
const maxCreateAttempts = 3;

export const privateEndpointServiceDiffRules: DiffRules = {
  replaceOnChange: ["projectId", "providerName", "region", "portMappingEnabled"],
  updatable: ["supportedRemoteRegions"],
  providerOnly: ["adoptExisting", "timeouts", "poll"],
  // Atlas allows one service per provider and region: create-then-delete would hit the 409 (TF issue #406).
  deleteBeforeReplace: true,
};

// ---- where a service lives, and how it is named in messages ---------------------------------------------

interface ServiceLocation {
  projectId: string;
  providerName: CloudProvider;
  /** Atlas form (US_EAST_1). */
  region: string;
}

function describeService(location: ServiceLocation, id?: string): string {
  const where = `${location.providerName} ${location.region}, project ${location.projectId}`;
  return id === undefined ? `${resourceLabel} (${where})` : `${resourceLabel} ${id} (${where})`;
}

/** Region names compare in Atlas form: us-east-1 and US_EAST_1 are the same region. */
function atlasFormOf(provider: CloudProvider, name: string): string {
  return toAtlasRegion(provider, name) ?? name.trim().toUpperCase().replace(/-/g, "_");
}

/** The location recorded in a resource's state (read and delete get old outputs, or the program's inputs for `.get`). */
function locationFromState(id: string, props: Outputs): ServiceLocation {
  const { projectId, providerName, region } = props;
  if (typeof projectId !== "string" || !isCloudProvider(providerName)) {
    throw new Error(
      `The state of ${resourceLabel} ${id} holds no projectId and providerName (AWS, AZURE or GCP), which every Atlas call ` +
        `for it needs; declare the resource with both, or remove it from the stack with \`pulumi state delete\`.`,
    );
  }
  return {
    projectId,
    providerName,
    region: typeof region === "string" ? atlasFormOf(providerName, region) : "(region unknown)",
  };
}

// ---- inputs and outputs ------------------------------------------------------------------------------------

function locationOf(inputs: PrivateEndpointServiceInputs): ServiceLocation {
  return { projectId: inputs.projectId, providerName: inputs.providerName, region: inputs.region };
}

/** Output keys Atlas computes (the rest of the outputs are the checked inputs). */
const computedKeys = [
  "endpointServiceId",
  "status",
  "errorMessage",
  "regionName",
  "endpointServiceName",
  "interfaceEndpoints",
  "privateLinkServiceName",
  "privateLinkServiceResourceId",
  "privateEndpoints",
  "endpointGroupNames",
  "serviceAttachmentNames",
] as const;

/**
 * What Atlas computed, per provider. What users wire to their cloud:
 * - AWS: an interface VPC endpoint with `serviceName = endpointServiceName`;
 * - Azure: a private endpoint whose private service connection uses `privateLinkServiceResourceId`;
 * - GCP: one forwarding rule per entry of `serviceAttachmentNames` (one with port mapping, 50 without).
 * Null while Atlas is still building the service (the names appear once it settles).
 */
function computedOutputs(service: EndpointService): Outputs {
  const common = {
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

function computedFromOutputs(olds: Outputs): Outputs {
  return Object.fromEntries(computedKeys.filter((key) => key in olds).map((key) => [key, olds[key]]));
}

function outputsOf(inputs: Outputs, computed: Outputs): Outputs {
  return withoutUndefined({ ...inputs, ...computed });
}

/** The inputs as they are now in Atlas: what a refresh stores, so out-of-band changes show as drift. */
function inputsFromAtlas(props: Outputs, location: ServiceLocation, service: EndpointService): Outputs {
  const inputs: Outputs = {
    projectId: location.projectId,
    providerName: location.providerName,
    region: service.regionName ? atlasFormOf(location.providerName, service.regionName) : location.region,
    adoptExisting: props.adoptExisting,
    timeouts: props.timeouts,
    poll: props.poll,
  };
  if (service.cloudProvider === "AWS") {
    inputs.supportedRemoteRegions = canonicalRegionList(
      (service.supportedRemoteRegions ?? []).map((r) => atlasFormOf("AWS", r)),
    );
  }
  if (service.cloudProvider === "GCP") inputs.portMappingEnabled = service.portMappingEnabled ?? false;
  return withoutUndefined(inputs);
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

function sameRegionLists(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const left = canonicalRegionList((a ?? []).map((r) => atlasFormOf("AWS", r)));
  const right = canonicalRegionList((b ?? []).map((r) => atlasFormOf("AWS", r)));
  return left.length === right.length && left.every((region, i) => region === right[i]);
}

/**
 * Preview passes raw inputs through check when some are unknown, so known fields may still be in the
 * user's form (us-east-1, unsorted lists, a missing default): put them in the form check stores before
 * comparing, so an unrelated unknown does not turn into a planned replacement.
 */
function normalizeForDiff(news: Outputs): Outputs {
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
      normalized.supportedRemoteRegions = canonicalRegionList(remote.map((r: string) => toAtlasRegion("AWS", r) ?? r));
    }
  }
  if (provider === "GCP" && normalized.portMappingEnabled === undefined) normalized.portMappingEnabled = false;
  return normalized;
}

// ---- reading and waiting -------------------------------------------------------------------------------------

async function getService(
  client: AtlasClient,
  location: ServiceLocation,
  id: string,
  signal?: AbortSignal,
): Promise<EndpointService | undefined> {
  try {
    return await client.endpointServices.get(
      { groupId: location.projectId, cloudProvider: location.providerName, endpointServiceId: id },
      signal ? { signal } : undefined,
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The service of this provider and region in the project, if any (the list is per provider, not paginated). */
async function findByNaturalKey(client: AtlasClient, location: ServiceLocation): Promise<EndpointService | undefined> {
  const services = await client.endpointServices.list({
    groupId: location.projectId,
    cloudProvider: location.providerName,
  });
  return services.find(
    (service) =>
      typeof service.regionName === "string" &&
      atlasFormOf(location.providerName, service.regionName) === location.region,
  );
}

/** As findByNaturalKey, but a service being deleted (a replacement, an out-of-band delete) is waited out first. */
async function findLiveByNaturalKey(context: WaitContext, timeouts: Timeouts): Promise<EndpointService | undefined> {
  const existing = await findByNaturalKey(context.client, context.location);
  if (!existing?.id || existing.status !== "DELETING") return existing;
  context.run.logger.info(
    `${describeService(context.location, existing.id)} is being deleted; waiting for it to go before creating a new one`,
  );
  await waitGone(context, existing.id, timeouts.createMs);
  return findByNaturalKey(context.client, context.location);
}

/** Reads for a wait: one shared list call per tick for every wait on this provider's services in the project, or own GETs. */
function readSource(
  run: RunContext,
  client: AtlasClient,
  location: ServiceLocation,
  id: string,
  poll: PollSettings,
): ReadSource<EndpointService> {
  if (!poll.coalesce) return (signal) => getService(client, location, id, signal);
  const { projectId, providerName } = location;
  const watcher = run.watchers.endpointServices.watcher(
    `${client.baseUrl}|privateEndpointService|${projectId}|${providerName}`,
    () => ({
      describe: `${providerName} private endpoint services of project ${projectId}`,
      list: (signal) => client.endpointServices.list({ groupId: projectId, cloudProvider: providerName }, { signal }),
      idOf: (service) => service.id ?? "",
      logger: run.logger,
    }),
  );
  return watcher.reader(id);
}

/** After a PATCH, settled only counts once Atlas shows the new list (it may still show the old one as AVAILABLE). */
function classifyWithRemoteRegions(desired: readonly string[]): (service: EndpointService) => Classification {
  return (service) => {
    const classification = classifyEndpointService(service);
    if (
      classification.phase === "settled" &&
      service.cloudProvider === "AWS" &&
      !sameRegionLists(service.supportedRemoteRegions, desired)
    ) {
      return { state: `${classification.state} (new supportedRemoteRegions not applied yet)`, phase: "transitional" };
    }
    return classification;
  };
}

interface WaitContext {
  run: RunContext;
  client: AtlasClient;
  location: ServiceLocation;
  poll: PollSettings;
}

function waitSettled(
  context: WaitContext,
  id: string,
  timeoutMs: number,
  classify: (service: EndpointService) => Classification = (service) => classifyEndpointService(service),
): Promise<EndpointService> {
  return waitUntilSettled({
    describe: describeService(context.location, id),
    read: readSource(context.run, context.client, context.location, id, context.poll),
    classify,
    timeoutMs,
    schedule: context.poll.schedule,
    logger: context.run.logger,
  });
}

function waitGone(context: WaitContext, id: string, timeoutMs: number): Promise<void> {
  return waitUntilGone({
    describe: describeService(context.location, id),
    read: readSource(context.run, context.client, context.location, id, context.poll),
    classify: (service) => classifyEndpointService(service),
    timeoutMs,
    schedule: context.poll.schedule,
    logger: context.run.logger,
  });
}

/**
 * Atlas accepted the create (or the PATCH) but the service did not settle. The service exists, so it is
 * kept in state with its id (a partial failure) instead of leaking: the next `up` deals with it, `destroy`
 * removes it. A service that vanished while we waited left nothing behind: a plain error.
 */
async function failureAfterAccepted(
  context: WaitContext,
  id: string,
  inputs: PrivateEndpointServiceInputs,
  news: Outputs,
  lastKnown: Outputs,
  error: unknown,
  operation: "create" | "update",
): Promise<Error> {
  const describe = describeService(context.location, id);
  if (error instanceof ResourceGoneError) {
    return new Error(
      `${error.message}: it was deleted outside Pulumi; nothing is left in Atlas, so run \`pulumi up\` again.`,
      { cause: error },
    );
  }
  let latest = error instanceof ResourceFailedError ? (error.lastValue as EndpointService) : undefined;
  if (!latest) latest = await getService(context.client, context.location, id).catch(() => undefined);
  let advice: string;
  if (error instanceof ResourceFailedError) {
    advice = `${describe} stays in the stack: the next \`pulumi up\` replaces it (a FAILED service cannot be repaired), \`pulumi destroy\` deletes it.`;
  } else if (error instanceof WaitTimeoutError) {
    advice = `${describe} stays in the stack: the next \`pulumi up\` waits for it again; raise timeouts.${operation} if Atlas needs longer.`;
  } else {
    advice = `${describe} stays in the stack; the next \`pulumi up\` reads it again.`;
  }
  const cause = new Error(`${messageOf(error)}. ${advice}`, { cause: error });
  return partialFailure(id, outputsOf(inputs, latest ? computedOutputs(latest) : lastKnown), news, cause);
}

// ---- create: find by natural key, adopt or refuse, or POST ------------------------------------------------

function alreadyExistsMessage(location: ServiceLocation, existing: EndpointService): string {
  return (
    `A ${location.providerName} private endpoint service already exists in Atlas project ${location.projectId} for region ` +
    `${location.region}: id ${existing.id}, status ${existing.status ?? "unknown"}. Atlas allows one per provider and region. ` +
    `To manage that service with this resource, set \`adoptExisting: true\` (then \`pulumi destroy\` deletes it too); ` +
    `if another resource or stack manages it, use its outputs instead of declaring a second one.`
  );
}

type Obtained = { service: EndpointService; origin: "created" | "adopted" };

/**
 * The service this create ends up with. A service found for the natural key is adopted (adoptExisting) or
 * refused with a message naming it; after a POST that may have reached Atlas, a service found is the one
 * that POST made. A DELETING service (a replacement, an out-of-band delete) is waited out first.
 */
async function obtainService(
  context: WaitContext,
  inputs: PrivateEndpointServiceInputs,
  timeouts: Timeouts,
): Promise<Obtained> {
  const { run, client, location } = context;
  let postMayHaveCreated = false;
  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    const existing = await findLiveByNaturalKey(context, timeouts);
    if (existing?.id) {
      if (postMayHaveCreated) {
        run.logger.info(
          `${describeService(location, existing.id)}: the failed POST had reached Atlas; continuing with this service`,
        );
        return { service: existing, origin: "created" };
      }
      if (!inputs.adoptExisting) throw new Error(alreadyExistsMessage(location, existing));
      if (
        inputs.providerName === "GCP" &&
        existing.cloudProvider === "GCP" &&
        (existing.portMappingEnabled ?? false) !== inputs.portMappingEnabled
      ) {
        const actual = existing.portMappingEnabled ?? false;
        throw new Error(
          `Cannot adopt ${describeService(location, existing.id)}: it has portMappingEnabled ${actual}, this resource declares ` +
            `${inputs.portMappingEnabled}, and Atlas cannot change it after creation. Declare portMappingEnabled: ${actual}, ` +
            `or delete the service and let this resource create it.`,
        );
      }
      run.logger.info(
        `${describeService(location, existing.id)}: adopting the existing service (adoptExisting), status ${existing.status ?? "unknown"}`,
      );
      return { service: existing, origin: "adopted" };
    }
    if (attempt > maxCreateAttempts) break;
    try {
      const created = await client.endpointServices.create({ groupId: location.projectId, body: createBody(inputs) });
      if (!created.id) {
        throw new AtlasProtocolError(
          "POST",
          `/api/atlas/v2/groups/${location.projectId}/privateEndpoint/endpointService`,
          201,
          "its body has no id",
        );
      }
      run.logger.info(`${describeService(location, created.id)}: created, status ${created.status ?? "unknown"}`);
      return { service: created, origin: "created" };
    } catch (error) {
      lastError = error;
      // Another creator won a race, or the lookup above did not see it yet: look again; never show the raw 409.
      if (hasErrorCode(error, alreadyExistsCode)) continue;
      if (!mayHaveReachedAtlas(error))
        throw new Error(`Creating the ${describeService(location)} failed: ${messageOf(error)}`, { cause: error });
      postMayHaveCreated = true;
      run.logger.warn(
        `${describeService(location)}: ${messageOf(error)}; checking whether Atlas created it before trying again`,
      );
      await sleep(250 * 2 ** (attempt - 1));
    }
  }
  if (hasErrorCode(lastError, alreadyExistsCode)) {
    throw new Error(
      `Atlas keeps answering that a ${location.providerName} private endpoint service exists in project ${location.projectId} for ` +
        `region ${location.region}, but its list of ${location.providerName} services shows none there; check the project in the Atlas UI.`,
      { cause: lastError },
    );
  }
  throw new Error(
    `Creating the ${describeService(location)} failed ${maxCreateAttempts} times (last: ${messageOf(lastError)}). Atlas shows no service ` +
      `for ${location.providerName} ${location.region} in project ${location.projectId}, so nothing was left behind; run \`pulumi up\` again.`,
    { cause: lastError },
  );
}

async function patchRemoteRegions(context: WaitContext, id: string, regions: string[]): Promise<EndpointService> {
  try {
    // The PATCH path has no provider segment, and the body names the provider as cloudProvider (AWS only).
    return await context.client.endpointServices.update({
      groupId: context.location.projectId,
      endpointServiceId: id,
      body: { cloudProvider: "AWS", supportedRemoteRegions: regions },
    });
  } catch (error) {
    const describe = describeService(context.location, id);
    if (isNotFound(error)) {
      throw new Error(
        `${describe} no longer exists in Atlas (deleted outside Pulumi); run \`pulumi refresh\`, then \`pulumi up\` creates it again.`,
        {
          cause: error,
        },
      );
    }
    throw new Error(`Changing supportedRemoteRegions of ${describe} failed: ${messageOf(error)}`, { cause: error });
  }
}

// ---- delete --------------------------------------------------------------------------------------------------

/** Atlas refuses to delete a service while endpoints are attached: say which, from a fresh read. */
async function inUseError(context: WaitContext, id: string, error: AtlasApiError): Promise<Error> {
  const service = await getService(context.client, context.location, id).catch(() => undefined);
  let attached: string[] = [];
  if (service?.cloudProvider === "AWS") attached = service.interfaceEndpoints ?? [];
  if (service?.cloudProvider === "AZURE") attached = service.privateEndpoints ?? [];
  if (service?.cloudProvider === "GCP") attached = service.endpointGroupNames ?? [];
  const kind = { AWS: "interface endpoints", AZURE: "private endpoints", GCP: "endpoint groups" }[
    context.location.providerName
  ];
  const which =
    attached.length > 0 ? `attached ${kind}: ${attached.join(", ")}` : `Atlas lists no attached ${kind} right now`;
  return new Error(
    `Atlas refused to delete ${describeService(context.location, id)} because something still uses it ` +
      `(HTTP 409 ${error.errorCode ?? ""}${error.detail ? `: ${error.detail}` : ""}); ${which}. ` +
      `Delete the endpoints connected to this service (the Atlas private endpoint and the ${kind} in your cloud) first, then delete it again.`,
    { cause: error },
  );
}

// ---- the provider ------------------------------------------------------------------------------------------

export const privateEndpointServiceProvider: ResourceProviderImplementation = {
  async check(_olds: Outputs, news: Outputs): Promise<dynamic.CheckResult<Outputs>> {
    return checkInputs(privateEndpointServiceInputsSchema, news, checkContext);
  },

  async diff(_id: string, olds: Outputs, news: Outputs): Promise<dynamic.DiffResult> {
    const result = diffByRules(olds, normalizeForDiff(news), privateEndpointServiceDiffRules);
    // A FAILED service cannot be repaired in place (Terraform makes refresh fail instead): plan its replacement.
    if (!result.replaces?.length && olds.status === "FAILED") {
      return { changes: true, replaces: ["status"], deleteBeforeReplace: true };
    }
    return result;
  },

  async create(news: Outputs): Promise<dynamic.CreateResult<Outputs>> {
    const inputs = parseCheckedInputs(privateEndpointServiceInputsSchema, news, checkContext);
    const { timeouts, poll } = waitSettingsOf(inputs);
    const run = runContext();
    const context: WaitContext = { run, client: run.client(), location: locationOf(inputs), poll };

    const { service, origin } = await obtainService(context, inputs, timeouts);
    const id = service.id as string;
    try {
      let settled = await waitSettled(context, id, timeouts.createMs);
      // An adopted AWS service takes the declared remote regions (a new one was created with them).
      const remote = settled.cloudProvider === "AWS" ? settled.supportedRemoteRegions : undefined;
      if (
        origin === "adopted" &&
        inputs.providerName === "AWS" &&
        !sameRegionLists(remote, inputs.supportedRemoteRegions)
      ) {
        await patchRemoteRegions(context, id, inputs.supportedRemoteRegions);
        settled = await waitSettled(
          context,
          id,
          timeouts.createMs,
          classifyWithRemoteRegions(inputs.supportedRemoteRegions),
        );
      }
      return { id, outs: outputsOf(inputs, computedOutputs(settled)) };
    } catch (error) {
      throw await failureAfterAccepted(context, id, inputs, news, computedOutputs(service), error, "create");
    }
  },

  async read(id: string, props: Outputs): Promise<dynamic.ReadResult<Outputs>> {
    const location = locationFromState(id, props);
    const service = await getService(runContext().client(), location, id);
    // Gone (deleted outside Pulumi): no id tells the engine to drop it from state on refresh.
    if (!service) return {};
    const inputs = inputsFromAtlas(props, location, service);
    // A FAILED service is read like any other: its status and errorMessage are in the outputs.
    return { id, props: outputsOf(inputs, computedOutputs(service)), inputs };
  },

  async update(id: string, olds: Outputs, news: Outputs): Promise<dynamic.UpdateResult<Outputs>> {
    const inputs = parseCheckedInputs(privateEndpointServiceInputsSchema, news, checkContext);
    const { timeouts, poll } = waitSettingsOf(inputs);
    const remoteRegionsChanged =
      inputs.providerName === "AWS" &&
      !sameRegionLists(olds.supportedRemoteRegions as string[] | undefined, inputs.supportedRemoteRegions);
    const settledBefore =
      typeof olds.status === "string" && classifyEndpointService({ status: olds.status }).phase === "settled";
    // Only adoptExisting, timeouts or poll changed: stored without any Atlas call.
    if (!remoteRegionsChanged && settledBefore) return { outs: outputsOf(inputs, computedFromOutputs(olds)) };

    const run = runContext();
    const context: WaitContext = { run, client: run.client(), location: locationOf(inputs), poll };
    let patched: EndpointService | undefined;
    if (remoteRegionsChanged && inputs.providerName === "AWS") {
      patched = await patchRemoteRegions(context, id, inputs.supportedRemoteRegions);
    }
    try {
      // Without a PATCH this resumes a wait that timed out in an earlier run (the service was kept in state while INITIATING).
      const classify =
        patched && inputs.providerName === "AWS" ? classifyWithRemoteRegions(inputs.supportedRemoteRegions) : undefined;
      const settled = await waitSettled(context, id, timeouts.updateMs, classify);
      return { outs: outputsOf(inputs, computedOutputs(settled)) };
    } catch (error) {
      const lastKnown = patched ? computedOutputs(patched) : computedFromOutputs(olds);
      throw await failureAfterAccepted(context, id, inputs, news, lastKnown, error, "update");
    }
  },

  async delete(id: string, props: Outputs): Promise<void> {
    const location = locationFromState(id, props);
    const { timeouts, poll } = waitSettingsOf(props);
    const run = runContext();
    const context: WaitContext = { run, client: run.client(), location, poll };
    const describe = describeService(location, id);
    try {
      await context.client.endpointServices.delete({
        groupId: location.projectId,
        cloudProvider: location.providerName,
        endpointServiceId: id,
      });
    } catch (error) {
      if (isNotFound(error)) {
        run.logger.info(`${describe} is already gone`);
        return;
      }
      if (error instanceof AtlasApiError && error.status === 409) throw await inUseError(context, id, error);
      throw new Error(`Deleting ${describe} failed: ${messageOf(error)}`, { cause: error });
    }
    try {
      await waitGone(context, id, timeouts.deleteMs);
    } catch (error) {
      const advice =
        error instanceof WaitTimeoutError
          ? `Atlas may still finish; run \`pulumi destroy\` again later (a service already gone counts as deleted), or raise timeouts.delete.`
          : `Check the service in the Atlas UI, then run \`pulumi destroy\` again.`;
      throw new Error(`${messageOf(error)}. ${advice}`, { cause: error });
    }
  },
};
