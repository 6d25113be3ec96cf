/**
 * Private endpoint services (spec tag "Private Endpoint Services"). One per provider and region (409
 * PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION, a deleting one included). Atlas-recorded quirks
 * (mongodb-atlas-cli e2e test snapshots): POST answers 201, DELETE answers 202 `{}`, a new service goes INITIATING → AVAILABLE, optional
 * fields come back as explicit null. PATCH (AWS only) changes supportedRemoteRegions and sends the service
 * back through INITIATING, which is why Terraform waits again after it.
 *
 * States: INITIATING → AVAILABLE (or FAILED with errorMessage when a fault forces it); DELETE →
 * DELETING → gone (404).
 *
 * Registered endpoints (private-endpoint-registration.ts) are listed on the service: AWS
 * `interfaceEndpoints` (vpce ids), Azure `privateEndpoints` (resource ids), GCP `endpointGroupNames`, DELETING
 * ones included. Two behaviours the sources leave open are settings (state.privateEndpoints): removing the
 * last endpoint removes the service (AWS by default), and DELETE of a service that still has endpoints is
 * refused with 409 PRIVATE_ENDPOINT_SERVICE_HAS_ENDPOINTS (default) or deletes them with it.
 */
import { ApiError, validationError } from "../errors";
import { objectId, randomHex, uuid } from "../ids";
import { CloudProvider, nativeRegion, toAtlasRegion } from "../regions";
import type { RouteContext, RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import { BodyChecker, JsonObject, providerOf } from "../validation";
import { Lifecycle, deletionPhases, forcedStatusPhase, gone, newResourcePhases } from "./lifecycle";
import { ensureContainerFor } from "./network-container";
import { registrationsOf, type RegistrationRecord } from "./registrations";
import { ControlError, ResourceModule, SeedInput } from "./resource-module";
import type { ResourceRecord } from "./store";

export const endpointServiceKind = "private-endpoint-service";

export const endpointServiceStatuses = ["INITIATING", "AVAILABLE", "WAITING_FOR_USER", "FAILED", "DELETING"] as const;
const settledStatuses = new Set(["AVAILABLE", "WAITING_FOR_USER"]);

export interface EndpointServiceFields {
  /** Atlas form, e.g. US_EAST_1. */
  regionName: string;
  supportedRemoteRegions: string[];
  portMappingEnabled: boolean;
  /** Generated names, revealed once the service has been built. */
  awsServiceSuffix: string;
  azureServiceSuffix: string;
  azureSubscriptionId: string;
  gcpProjectSuffix: string;
}

export type EndpointServiceRecord = ResourceRecord<EndpointServiceFields>;

const base = "/api/atlas/v2/groups/{groupId}/privateEndpoint";
const readOnlyFields = [
  "id",
  "cloudProvider",
  "regionName",
  "status",
  "errorMessage",
  "endpointServiceName",
  "interfaceEndpoints",
  "privateLinkServiceName",
  "privateLinkServiceResourceId",
  "privateEndpoints",
  "endpointGroupNames",
  "serviceAttachmentNames",
];

// ---- representation ---------------------------------------------------------------------------------

/** Names exist once Atlas has built the service; null (or empty) while the first INITIATING runs. */
export function isBuilt(record: EndpointServiceRecord, now: number): boolean {
  return [...settledStatuses].some((status) => record.lifecycle.reached(status, now));
}

export function serviceAttachmentNames(record: EndpointServiceRecord): string[] {
  // Atlas sends project-relative names (recorded; spec-patches.ts gcp-service-attachment-names-without-url), one with port mapping, 50 for the legacy layout.
  const region = nativeRegion("GCP", record.fields.regionName);
  const count = record.fields.portMappingEnabled ? 1 : 50;
  return Array.from(
    { length: count },
    (_, index) =>
      `projects/p-${record.fields.gcpProjectSuffix}/regions/${region}/serviceAttachments/sa-${region}-${record.id}-${index}`,
  );
}

export function endpointServiceToApi(record: EndpointServiceRecord, now: number, state: SimulatorState): JsonObject {
  const phase = record.lifecycle.phaseAt(now);
  const built = isBuilt(record, now);
  const { fields } = record;
  // The endpoints registered with it, DELETING ones included (Terraform's test polls the list until empty).
  const registered = registrationsOf(state, record.groupId, record.id, now).map((r) => r.fields.endpointId);
  const common = {
    cloudProvider: record.provider,
    errorMessage: phase.errorMessage,
    id: record.id,
    regionName: fields.regionName,
    status: phase.status,
  };
  if (record.provider === "AWS") {
    return {
      ...common,
      endpointServiceName: built
        ? `com.amazonaws.vpce.${nativeRegion("AWS", fields.regionName)}.vpce-svc-${fields.awsServiceSuffix}`
        : null,
      interfaceEndpoints: registered,
      supportedRemoteRegions: fields.supportedRemoteRegions,
    };
  }
  if (record.provider === "AZURE") {
    const name = `pls_${fields.azureServiceSuffix}`;
    return {
      ...common,
      privateEndpoints: registered,
      privateLinkServiceName: built ? name : null,
      privateLinkServiceResourceId: built
        ? `/subscriptions/${fields.azureSubscriptionId}/resourcegroups/rg_${record.id}_${fields.azureServiceSuffix.slice(0, 8)}/providers/Microsoft.Network/privateLinkServices/${name}`
        : null,
    };
  }
  return {
    ...common,
    endpointGroupNames: registered,
    portMappingEnabled: fields.portMappingEnabled,
    serviceAttachmentNames: built ? serviceAttachmentNames(record) : [],
  };
}

// ---- validation -------------------------------------------------------------------------------------

/** supportedRemoteRegions: AWS regions in either form, at most 35, never the home region (as the Terraform provider documents). */
function readRemoteRegions(checker: BodyChecker, homeRegion: string | undefined): string[] | undefined {
  const raw = checker.optionalStringArray("supportedRemoteRegions", { maxItems: 35 });
  if (raw === undefined) return undefined;
  const regions: string[] = [];
  raw.forEach((name, index) => {
    const atlasName = toAtlasRegion("AWS", name);
    if (!atlasName) {
      checker.fail(
        `supportedRemoteRegions[${index}]`,
        "INVALID_REGION",
        `No region ${name} exists for provider AWS.`,
        [name, "AWS"],
        "must be an AWS region",
      );
    } else if (atlasName === homeRegion) {
      checker.fail(
        `supportedRemoteRegions[${index}]`,
        "INVALID_ATTRIBUTE",
        "Invalid attribute supportedRemoteRegions specified.",
        ["supportedRemoteRegions"],
        "must not include the service's own region",
      );
    } else if (!regions.includes(atlasName)) {
      regions.push(atlasName);
    }
  });
  return regions;
}

interface CreateInput {
  provider: CloudProvider;
  regionName: string;
  supportedRemoteRegions: string[];
  portMappingEnabled: boolean;
}

function readCreateBody(body: JsonObject): CreateInput {
  const checker = new BodyChecker(body);
  checker.allowOnly(["providerName", "region", "supportedRemoteRegions", "portMappingEnabled"], readOnlyFields);
  const provider = providerOf(checker, "providerName");
  const region = checker.requireString("region");
  let regionName: string | undefined;
  if (provider && region !== undefined) {
    regionName = toAtlasRegion(provider, region);
    if (!regionName)
      checker.fail(
        "region",
        "INVALID_REGION",
        `No region ${region} exists for provider ${provider}.`,
        [region, provider],
        `must be a ${provider} region`,
      );
  }
  const remote = readRemoteRegions(checker, regionName);
  if (provider && provider !== "AWS" && remote !== undefined && remote.length > 0) {
    checker.fail(
      "supportedRemoteRegions",
      "INVALID_ATTRIBUTE",
      "Invalid attribute supportedRemoteRegions specified.",
      ["supportedRemoteRegions"],
      "is supported for AWS only",
    );
  }
  const portMapping = checker.optionalBoolean("portMappingEnabled");
  if (provider && provider !== "GCP" && portMapping === true) {
    checker.fail(
      "portMappingEnabled",
      "INVALID_ATTRIBUTE",
      "Invalid attribute portMappingEnabled specified.",
      ["portMappingEnabled"],
      "is supported for GCP only",
    );
  }
  checker.throwIfInvalid();
  return {
    provider: provider as CloudProvider,
    regionName: regionName as string,
    supportedRemoteRegions: remote ?? [],
    portMappingEnabled: portMapping ?? false,
  };
}

// ---- operations -------------------------------------------------------------------------------------

function liveServices(state: SimulatorState, groupId: string, now: number): EndpointServiceRecord[] {
  return state.store.live<EndpointServiceFields>(endpointServiceKind, groupId, now);
}

function createEndpointService(
  state: SimulatorState,
  groupId: string,
  body: JsonObject,
  now: number,
  options: { takeForcedFailure?: () => string | undefined; settled?: boolean } = {},
): EndpointServiceRecord {
  const input = readCreateBody(body);
  const duplicate = liveServices(state, groupId, now).some(
    (service) => service.provider === input.provider && service.fields.regionName === input.regionName,
  );
  if (duplicate) {
    throw new ApiError(
      409,
      "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION",
      `A private endpoint service already exists for ${input.provider} region ${input.regionName}.`,
      [input.provider, input.regionName],
    );
  }
  ensureContainerFor(state, groupId, input.provider, input.regionName, now);
  // Taken only once the request is known to succeed, so a rejected request does not use up the fault.
  const forcedFailure = options.takeForcedFailure?.();
  const initiating = { status: "INITIATING", durationMs: state.ms(state.durations.endpointService.initiating) };
  const phases = newResourcePhases(initiating, "AVAILABLE", { forcedFailure, settled: options.settled });
  return state.store.add<EndpointServiceFields>({
    kind: endpointServiceKind,
    id: objectId(now),
    groupId,
    provider: input.provider,
    createdAt: now,
    lifecycle: new Lifecycle(now, phases),
    fields: {
      regionName: input.regionName,
      supportedRemoteRegions: input.supportedRemoteRegions,
      portMappingEnabled: input.portMappingEnabled,
      awsServiceSuffix: randomHex(17),
      azureServiceSuffix: randomHex(24),
      azureSubscriptionId: uuid(),
      gcpProjectSuffix: randomHex(20),
    },
  });
}

export function notFound(id: string): ApiError {
  return new ApiError(404, "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND", `Private endpoint service ${id} not found.`, [id]);
}

/** The service by id in the project; with a provider segment, it must be of that provider (else 404). */
export function requireService(context: RouteContext): EndpointServiceRecord {
  const { groupId, endpointServiceId, cloudProvider } = context.params as Record<string, string>;
  const record = context.state.store.find<EndpointServiceFields>(
    endpointServiceKind,
    groupId as string,
    endpointServiceId as string,
    context.now,
  );
  if (!record || (cloudProvider !== undefined && record.provider !== cloudProvider))
    throw notFound(endpointServiceId as string);
  return record;
}

/**
 * The answer to DELETE of a service that still has registered endpoints (docs/simulator.md, "Private endpoint registrations and the regional mode": unknown; every
 * tool avoids it, and a Terraform test run failed deleting a service while its endpoint's deletion was still
 * running, PR mongodb/terraform-provider-mongodbatlas#4128). 409 and the code are the simulator's choice.
 */
function serviceHasEndpoints(record: EndpointServiceRecord, registered: RegistrationRecord[]): ApiError {
  const ids = registered.map((r) => r.fields.endpointId);
  return new ApiError(
    409,
    "PRIVATE_ENDPOINT_SERVICE_HAS_ENDPOINTS",
    `Private endpoint service ${record.id} still has ${ids.length} registered private endpoint(s) (${ids.join(", ")}); ` +
      "remove them and wait until they are gone before deleting the service.",
    [record.id, ...ids],
  );
}

/**
 * The spec's rule "when the last private endpoint is removed from a given private endpoint service, that
 * private endpoint service is also removed", for the providers `state.privateEndpoints.lastEndpointRemovesService`
 * names. Called after a registration was scheduled for deletion (or removed out of band): once every
 * registration of the service is on its way out, the service enters DELETING when the last one is gone.
 */
export function removeServiceWithLastEndpoint(
  state: SimulatorState,
  service: EndpointServiceRecord,
  now: number,
): void {
  const rule = state.privateEndpoints.lastEndpointRemovesService;
  if (rule === "NONE" || (rule === "AWS" && service.provider !== "AWS")) return;
  if (service.lifecycle.isGoneAt(now) || service.lifecycle.statusAt(now) === "DELETING") return;
  if (service.lifecycle.nextPhase("DELETING", now)) return;
  const remaining = registrationsOf(state, service.groupId, service.id, now);
  let lastGoneAt = now;
  for (const registration of remaining) {
    const goneAt = registration.lifecycle.nextPhase(gone, now)?.startsAt;
    if (goneAt === undefined) return; // one stays: the service stays
    lastGoneAt = Math.max(lastGoneAt, goneAt);
  }
  service.lifecycle.schedule(
    lastGoneAt,
    deletionPhases({ status: "DELETING", durationMs: state.ms(state.durations.endpointService.deleting) }),
  );
}

function sameRegions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((region) => b.includes(region));
}

const routes: RouteDefinition[] = [
  {
    method: "POST",
    template: `${base}/endpointService`,
    operationId: "createGroupPrivateEndpointEndpointService",
    takesBody: true,
    pretty: true,
    handle(context) {
      const { groupId } = context.params as { groupId: string };
      const record = createEndpointService(context.state, groupId, context.body ?? {}, context.now, {
        takeForcedFailure: context.takeForcedFailure,
      });
      // The spec says 200; Atlas was recorded answering 201 (test/support/spec-patches.ts, responseAllowances).
      return { status: 201, body: endpointServiceToApi(record, context.now, context.state) };
    },
  },
  {
    method: "GET",
    template: `${base}/{cloudProvider}/endpointService`,
    operationId: "listGroupPrivateEndpointEndpointService",
    takesBody: false,
    pretty: true,
    handle(context) {
      const { groupId, cloudProvider } = context.params as { groupId: string; cloudProvider: string };
      // Not paginated: the spec answers a bare JSON array.
      const body = liveServices(context.state, groupId, context.now)
        .filter((record) => record.provider === cloudProvider)
        .map((record) => endpointServiceToApi(record, context.now, context.state));
      return { status: 200, body };
    },
  },
  {
    method: "GET",
    template: `${base}/{cloudProvider}/endpointService/{endpointServiceId}`,
    operationId: "getGroupPrivateEndpointEndpointService",
    takesBody: false,
    pretty: true,
    handle(context) {
      return { status: 200, body: endpointServiceToApi(requireService(context), context.now, context.state) };
    },
  },
  {
    method: "PATCH",
    template: `${base}/endpointService/{endpointServiceId}`,
    operationId: "updateGroupPrivateEndpointEndpointService",
    takesBody: true,
    pretty: true,
    handle(context) {
      const record = requireService(context);
      const { state, now } = context;
      const checker = new BodyChecker(context.body ?? {});
      checker.allowOnly(
        ["cloudProvider", "supportedRemoteRegions"],
        readOnlyFields.filter((f) => f !== "cloudProvider"),
      );
      checker.requireString("cloudProvider", { enumValues: ["AWS"] });
      const remote = readRemoteRegions(checker, record.fields.regionName);
      checker.throwIfInvalid();
      if (record.provider !== "AWS")
        throw validationError(
          `supportedRemoteRegions can only be changed on AWS services; ${record.id} is ${record.provider}.`,
        );
      if (record.lifecycle.statusAt(now) === "DELETING")
        throw validationError(`private endpoint service ${record.id} is being deleted.`);
      const next = remote ?? [];
      if (!sameRegions(next, record.fields.supportedRemoteRegions)) {
        record.fields.supportedRemoteRegions = next;
        const current = record.lifecycle.statusAt(now);
        const settleAs = current === "WAITING_FOR_USER" ? "WAITING_FOR_USER" : "AVAILABLE";
        record.lifecycle.schedule(now, [
          { status: "INITIATING", durationMs: state.ms(state.durations.endpointService.updating) },
          { status: settleAs, durationMs: null },
        ]);
      }
      return { status: 200, body: endpointServiceToApi(record, now, state) };
    },
  },
  {
    method: "DELETE",
    template: `${base}/{cloudProvider}/endpointService/{endpointServiceId}`,
    operationId: "deleteGroupPrivateEndpointEndpointService",
    takesBody: false,
    pretty: true,
    handle(context) {
      const record = requireService(context);
      const { state, now } = context;
      const registered = registrationsOf(state, record.groupId, record.id, now);
      if (registered.length > 0 && state.privateEndpoints.serviceDeleteWithEndpoints === "REFUSE") {
        throw serviceHasEndpoints(record, registered);
      }
      if (record.lifecycle.statusAt(now) !== "DELETING") {
        const deleting = { status: "DELETING", durationMs: state.ms(state.durations.endpointService.deleting) };
        record.lifecycle.schedule(now, deletionPhases(deleting));
        // CASCADE: the endpoints go with their service, on the service's schedule.
        for (const registration of registered) {
          registration.fields.deleteRequested = true;
          if (registration.lifecycle.statusAt(now) !== "DELETING")
            registration.lifecycle.schedule(now, deletionPhases(deleting));
        }
      }
      // The spec says 204; Atlas was recorded answering 202 with `{}` (test/support/spec-patches.ts, responseAllowances).
      return { status: 202, body: {} };
    },
  },
];

export const privateEndpointServiceModule: ResourceModule = {
  kind: endpointServiceKind,
  routes,
  statuses: () => [...endpointServiceStatuses, gone],
  isSettled: (status) => settledStatuses.has(status),
  toApi: (record, now, state) => endpointServiceToApi(record as EndpointServiceRecord, now, state),
  seed(state: SimulatorState, input: SeedInput, now: number) {
    return createEndpointService(state, input.groupId, input.body, now, { settled: input.settled ?? false });
  },
  drift(record, fields) {
    const service = record as EndpointServiceRecord;
    for (const [name, value] of Object.entries(fields)) {
      if (name === "supportedRemoteRegions" && Array.isArray(value) && value.every((r) => typeof r === "string")) {
        service.fields.supportedRemoteRegions = value as string[];
      } else if (name === "portMappingEnabled" && typeof value === "boolean") {
        service.fields.portMappingEnabled = value;
      } else {
        throw new ControlError(
          400,
          `cannot drift endpoint service field "${name}" (allowed: supportedRemoteRegions, portMappingEnabled)`,
        );
      }
    }
  },
  forcedPhase: (_record, status, errorMessage) => forcedStatusPhase(status, errorMessage),
};
