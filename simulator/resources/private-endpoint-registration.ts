/**
 * Registered cloud endpoints ("interface endpoints"): the user's AWS interface VPC endpoint, Azure private
 * endpoint or GCP endpoint group of forwarding rules, registered with an endpoint service (
 * docs/simulator.md, "Private endpoint registrations and the regional mode").
 *
 *   POST   .../privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint      → 200
 *   GET    .../privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint/{id} → 200
 *   DELETE .../privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint/{id} → 204
 *
 * There is no list operation: the service lists its endpoints (private-endpoint-service.ts).
 *
 * States (durations in resources/durations.ts, group endpointRegistration):
 *   AWS   connectionStatus PENDING_ACCEPTANCE → PENDING → AVAILABLE; a vpce id the control API marked
 *         missing: PENDING_ACCEPTANCE → REJECTED "Interface endpoint vpce-… was not found." (Terraform test
 *         TestAccPrivateLinkEndpointService_failedAWS).
 *   AZURE status INITIATING → AVAILABLE, or FAILED for a missing private endpoint. The POST answer carries no
 *         status yet (recorded in mongodb/mongodb-atlas-cli#578).
 *   GCP   status INITIATING → AVAILABLE, or FAILED when a forwarding rule is missing; each endpoint has its
 *         own status (INITIATING, AVAILABLE, FAILED for the missing ones, DELETING).
 *   DELETE: deleteRequested true and DELETING, then gone (404). A second DELETE while DELETING answers 204
 *   again and changes nothing. Removing the last endpoint may remove the service (removeServiceWithLastEndpoint).
 *
 * The path's `{endpointId}` is routed as `{cloudEndpointId}`: validation.ts checks parameters by name, and its
 * `endpointId` rule (24 hex, serverless endpoints) does not fit these ids; they are checked here per provider.
 */
import { ApiError, pathParameterInvalid } from "../errors";
import { CloudProvider } from "../regions";
import type { RouteContext, RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import { BodyChecker, JsonObject, isIpv4, isJsonObject, objectIdPattern } from "../validation";
import { Lifecycle, PhaseSpec, deletionPhases, forcedStatusPhase, gone } from "./lifecycle";
import {
  EndpointServiceFields,
  EndpointServiceRecord,
  endpointServiceKind,
  isBuilt,
  notFound as serviceNotFound,
  removeServiceWithLastEndpoint,
  requireService,
  serviceAttachmentNames,
} from "./private-endpoint-service";
import { regionalModeRoutes } from "./regional-mode";
import {
  GcpEndpoint,
  RegistrationFields,
  RegistrationRecord,
  endpointIdKey,
  registrationKind,
  registrationsOf,
} from "./registrations";
import { ControlError, ResourceModule, SeedInput } from "./resource-module";
import { objectId } from "../ids";

const base = "/api/atlas/v2/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}";

export const registrationStatuses: Readonly<Record<CloudProvider, readonly string[]>> = {
  AWS: ["PENDING_ACCEPTANCE", "PENDING", "AVAILABLE", "REJECTED", "DELETING"],
  AZURE: ["INITIATING", "AVAILABLE", "FAILED", "DELETING"],
  GCP: ["INITIATING", "VERIFIED", "AVAILABLE", "FAILED", "DELETING"],
};
const failedStatuses = ["REJECTED", "FAILED"];

// ---- ids --------------------------------------------------------------------------------------------

export const vpceIdPattern = /^vpce-[0-9a-f]{17}$/;
/** The spec's GET/DELETE `endpointId` Azure branch, decoded (the body's `id` has no pattern in the spec). */
export const azurePrivateEndpointIdPattern =
  /^\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resource[gG]roups\/([-\w._()]+)\/providers\/Microsoft\.Network\/privateEndpoints\/([-\w._()]+)$/;
/** GCP resource names (forwarding rules, endpoint groups): RFC 1035, 1-63 characters. */
export const gcpNamePattern = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/**
 * GCP project ids: 6-30 characters, lower-case letters, digits and hyphens, starting with a letter. The spec's
 * `^p-[0-9a-z]{24}$` is Atlas's own project form; real clients send ordinary project ids (docs/simulator.md, "Private endpoint registrations and the regional mode").
 */
export const gcpProjectIdPattern = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;
const ipv6Pattern = /^([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/i;

function isIpAddress(text: string): boolean {
  return isIpv4(text) || ipv6Pattern.test(text);
}

function checkPathEndpointId(provider: CloudProvider, id: string): void {
  const rule: [RegExp, string] =
    provider === "AWS"
      ? [vpceIdPattern, "an AWS interface endpoint id (vpce- and 17 hexadecimal digits)"]
      : provider === "AZURE"
        ? [
            // Lookups ignore case (Azure resource ids are case-insensitive); bodies keep the spec's spelling.
            new RegExp(azurePrivateEndpointIdPattern.source, "i"),
            "a URL-encoded Azure private endpoint resource id (/subscriptions/…/privateEndpoints/…)",
          ]
        : [gcpNamePattern, "a GCP endpoint group or forwarding rule name"];
  if (!rule[0].test(id)) {
    throw pathParameterInvalid([{ field: "endpointId", description: `endpointId must be ${rule[1]}.` }]);
  }
}

// ---- representation ---------------------------------------------------------------------------------

function gcpEndpointStatus(record: RegistrationRecord, endpoint: GcpEndpoint, status: string): string {
  if (status === "INITIATING" || status === "VERIFIED") return "INITIATING";
  if (status === "FAILED") {
    const missing = record.fields.missingEndpointNames;
    return missing.length === 0 || missing.includes(endpoint.endpointName) ? "FAILED" : "AVAILABLE";
  }
  return status; // AVAILABLE, DELETING
}

export function registrationToApi(record: RegistrationRecord, now: number, options: { created?: boolean } = {}) {
  const phase = record.lifecycle.phaseAt(now);
  const { fields } = record;
  const common = {
    cloudProvider: record.provider,
    deleteRequested: fields.deleteRequested,
    errorMessage: phase.errorMessage,
  };
  if (record.provider === "AWS") {
    return { ...common, connectionStatus: phase.status, interfaceEndpointId: fields.endpointId };
  }
  if (record.provider === "AZURE") {
    const body: JsonObject = {
      ...common,
      privateEndpointIPAddress: fields.privateEndpointIPAddress,
      privateEndpointResourceId: fields.endpointId,
    };
    // Recorded POST answer (mongodb-atlas-cli#578): no status and no connection name yet.
    if (!options.created) {
      body.privateEndpointConnectionName = fields.privateEndpointConnectionName;
      body.status = phase.status;
    }
    return body;
  }
  return {
    ...common,
    endpointGroupName: fields.endpointId,
    endpoints: fields.endpoints.map((endpoint) => ({
      endpointName: endpoint.endpointName,
      ipAddress: endpoint.ipAddress,
      status: gcpEndpointStatus(record, endpoint, phase.status),
    })),
    gcpProjectId: fields.gcpProjectId,
    portMappingEnabled: fields.portMappingEnabled,
    status: phase.status,
  };
}

// ---- validation -------------------------------------------------------------------------------------

interface CreateInput {
  endpointId: string;
  privateEndpointIPAddress: string | null;
  gcpProjectId: string | null;
  endpoints: GcpEndpoint[];
}

/** The body for `provider` (taken from the path; a `cloudProvider` in the body must agree with it). */
function readCreateBody(body: JsonObject, provider: CloudProvider, service: EndpointServiceRecord): CreateInput {
  const checker = new BodyChecker(body);
  const writable: Record<CloudProvider, string[]> = {
    AWS: ["cloudProvider", "id"],
    AZURE: ["cloudProvider", "id", "privateEndpointIPAddress"],
    GCP: ["cloudProvider", "endpointGroupName", "gcpProjectId", "endpoints"],
  };
  const readOnly = [
    "deleteRequested",
    "errorMessage",
    "connectionStatus",
    "interfaceEndpointId",
    "privateEndpointConnectionName",
    "privateEndpointResourceId",
    "status",
    "portMappingEnabled",
  ];
  checker.allowOnly(writable[provider], readOnly);
  const tag = checker.optionalString("cloudProvider", { enumValues: ["AWS", "AZURE", "GCP"] });
  if (tag !== undefined && tag !== provider) {
    checker.fail(
      "cloudProvider",
      "INVALID_ATTRIBUTE",
      "Invalid attribute cloudProvider specified.",
      ["cloudProvider"],
      `must be ${provider}, the provider in the path`,
    );
  }
  if (provider === "AWS") {
    const id = checker.requireString("id", { pattern: vpceIdPattern });
    checker.throwIfInvalid();
    return { endpointId: id as string, privateEndpointIPAddress: null, gcpProjectId: null, endpoints: [] };
  }
  if (provider === "AZURE") {
    const id = checker.requireString("id", { pattern: azurePrivateEndpointIdPattern });
    const ip = checker.requireString("privateEndpointIPAddress", {
      check: (value) => (isIpAddress(value) ? undefined : "must be an IPv4 or IPv6 address"),
    });
    checker.throwIfInvalid();
    return { endpointId: id as string, privateEndpointIPAddress: ip as string, gcpProjectId: null, endpoints: [] };
  }
  const portMapped = service.fields.portMappingEnabled;
  const projectId = checker.requireString("gcpProjectId", { pattern: gcpProjectIdPattern });
  // With port mapping the group name is "still required but ignored" (spec): any string will do.
  const groupName = checker.requireString("endpointGroupName", portMapped ? {} : { pattern: gcpNamePattern });
  const endpoints = readGcpEndpoints(checker, portMapped ? 1 : serviceAttachmentNames(service).length, portMapped);
  checker.throwIfInvalid();
  return {
    // Port-mapped: Atlas names the group after the one endpoint (spec: endpointGroupName "is the private
    // endpoint name"); Terraform passes that name as the endpointId of GET and DELETE.
    endpointId: portMapped ? (endpoints[0] as GcpEndpoint).endpointName : (groupName as string),
    privateEndpointIPAddress: null,
    gcpProjectId: projectId as string,
    endpoints,
  };
}

/** GCP endpoints: one per service attachment (legacy), exactly one with port mapping (docs/simulator.md, "Private endpoint registrations and the regional mode"). */
function readGcpEndpoints(checker: BodyChecker, expected: number, portMapped: boolean): GcpEndpoint[] {
  const raw = checker.body.endpoints;
  if (raw === undefined || raw === null) {
    checker.fail(
      "endpoints",
      "MISSING_ATTRIBUTE",
      "The required attribute endpoints was not specified.",
      ["endpoints"],
      `is required: ${portMapped ? "the one forwarding rule of a port-mapped service" : `one forwarding rule per service attachment (${expected})`}`,
    );
    return [];
  }
  if (!Array.isArray(raw) || raw.some((item) => !isJsonObject(item))) {
    checker.fail(
      "endpoints",
      "INVALID_JSON_ATTRIBUTE",
      "Received JSON for the endpoints attribute does not match expected format.",
      ["endpoints"],
      "must be an array of {endpointName, ipAddress} objects",
    );
    return [];
  }
  if (raw.length !== expected) {
    checker.fail(
      "endpoints",
      "INVALID_ATTRIBUTE",
      "Invalid attribute endpoints specified.",
      ["endpoints"],
      portMapped
        ? `must list exactly 1 endpoint for a port-mapped service (got ${raw.length})`
        : `must list one endpoint per service attachment of the service: ${expected} (got ${raw.length})`,
    );
  }
  const endpoints: GcpEndpoint[] = [];
  const names = new Set<string>();
  const addresses = new Set<string>();
  (raw as JsonObject[]).forEach((item, index) => {
    const at = `endpoints[${index}]`;
    for (const key of Object.keys(item)) {
      if (key !== "endpointName" && key !== "ipAddress") {
        checker.fail(
          `${at}.${key}`,
          key === "status" ? "ATTRIBUTE_READ_ONLY" : "INVALID_ATTRIBUTE",
          `Invalid attribute ${key} specified.`,
          [key],
          "is not a valid attribute here",
        );
      }
    }
    const name = item.endpointName;
    const ip = item.ipAddress;
    if (typeof name !== "string" || name === "") {
      checker.fail(
        `${at}.endpointName`,
        "MISSING_ATTRIBUTE",
        "The required attribute endpointName was not specified.",
        ["endpointName"],
        "is required (the forwarding rule's name)",
      );
    } else if (!gcpNamePattern.test(name)) {
      checker.fail(
        `${at}.endpointName`,
        "INVALID_ATTRIBUTE",
        "Invalid attribute endpointName specified.",
        ["endpointName"],
        "must be a GCP resource name (lower-case letters, digits and hyphens, at most 63)",
      );
    } else if (names.has(name)) {
      checker.fail(
        `${at}.endpointName`,
        "INVALID_ATTRIBUTE",
        "Invalid attribute endpointName specified.",
        ["endpointName"],
        `repeats ${name}`,
      );
    }
    if (typeof ip !== "string" || ip === "") {
      checker.fail(
        `${at}.ipAddress`,
        "MISSING_ATTRIBUTE",
        "The required attribute ipAddress was not specified.",
        ["ipAddress"],
        "is required (the forwarding rule's private IP address)",
      );
    } else if (!isIpAddress(ip)) {
      checker.fail(
        `${at}.ipAddress`,
        "INVALID_ATTRIBUTE",
        "Invalid attribute ipAddress specified.",
        ["ipAddress"],
        "must be an IPv4 or IPv6 address",
      );
    } else if (addresses.has(ip)) {
      checker.fail(
        `${at}.ipAddress`,
        "INVALID_ATTRIBUTE",
        "Invalid attribute ipAddress specified.",
        ["ipAddress"],
        `repeats ${ip}`,
      );
    }
    if (typeof name === "string") names.add(name);
    if (typeof ip === "string") addresses.add(ip);
    endpoints.push({ endpointName: String(name), ipAddress: String(ip) });
  });
  return endpoints;
}

// ---- state machine ----------------------------------------------------------------------------------

/** What Atlas reports when the cloud endpoint does not exist; null when everything exists. */
function missingFailure(
  state: SimulatorState,
  provider: CloudProvider,
  input: CreateInput,
): {
  message: string;
  missingEndpointNames: string[];
} | null {
  const missing = state.missingCloudEndpoints;
  if (provider === "AWS") {
    // Atlas's wording before CLOUDP-426024 (Terraform test TestAccPrivateLinkEndpointService_failedAWS).
    return missing.has(input.endpointId)
      ? { message: `Interface endpoint ${input.endpointId} was not found.`, missingEndpointNames: [] }
      : null;
  }
  if (provider === "AZURE") {
    // No recorded wording: the simulator's, in the AWS message's shape.
    return missing.has(endpointIdKey("AZURE", input.endpointId))
      ? { message: `Private endpoint ${input.endpointId} was not found.`, missingEndpointNames: [] }
      : null;
  }
  const names = input.endpoints.map((e) => e.endpointName).filter((name) => missing.has(name));
  if (names.length === 0) return null;
  return {
    message: `Forwarding rule(s) ${names.join(", ")} in GCP project ${input.gcpProjectId} were not found.`,
    missingEndpointNames: names,
  };
}

function newRegistrationPhases(
  state: SimulatorState,
  provider: CloudProvider,
  failure: string | null,
  settled: boolean,
): PhaseSpec[] {
  const d = state.durations.endpointRegistration;
  const failedStatus = provider === "AWS" ? "REJECTED" : "FAILED";
  const transitional: PhaseSpec[] =
    provider === "AWS"
      ? failure !== null
        ? [{ status: "PENDING_ACCEPTANCE", durationMs: state.ms(d.awsPendingAcceptance) }]
        : [
            { status: "PENDING_ACCEPTANCE", durationMs: state.ms(d.awsPendingAcceptance) },
            { status: "PENDING", durationMs: state.ms(d.awsPending) },
          ]
      : [{ status: "INITIATING", durationMs: state.ms(provider === "AZURE" ? d.azureInitiating : d.gcpInitiating) }];
  const outcome: PhaseSpec =
    failure !== null
      ? { status: failedStatus, durationMs: null, errorMessage: failure }
      : { status: "AVAILABLE", durationMs: null };
  return settled ? [outcome] : [...transitional, outcome];
}

/** The service the registration belongs to, even when its GET would 404 (for the rules after a removal). */
function serviceOf(state: SimulatorState, record: RegistrationRecord): EndpointServiceRecord | undefined {
  const service = state.store.byId(record.fields.endpointServiceId);
  return service?.kind === endpointServiceKind ? (service as EndpointServiceRecord) : undefined;
}

function createRegistration(
  state: SimulatorState,
  service: EndpointServiceRecord,
  body: JsonObject,
  now: number,
  options: { forcedFailure?: () => string | undefined; settled?: boolean } = {},
): RegistrationRecord {
  const provider = service.provider;
  const input = readCreateBody(body, provider, service);
  const status = service.lifecycle.statusAt(now);
  if (!isBuilt(service, now) || status === "FAILED" || status === "DELETING") {
    // The Kubernetes operator registers endpoints only once the service is ready (docs/simulator.md, "Private endpoint registrations and the regional mode"); what
    // Atlas answers before is not recorded. 409 (declared on this POST) and the code are the simulator's.
    throw new ApiError(
      409,
      "PRIVATE_ENDPOINT_SERVICE_NOT_READY",
      `Private endpoint service ${service.id} is ${status}; endpoints can be registered once it is AVAILABLE.`,
      [service.id, status],
    );
  }
  const key = endpointIdKey(provider, input.endpointId);
  const duplicate = registrationsOf(state, service.groupId, service.id, now).find(
    (r) => endpointIdKey(provider, r.fields.endpointId) === key,
  );
  if (duplicate) {
    // Research note 5.5: the 409 is declared, the code was never recorded; the simulator's choice.
    throw new ApiError(
      409,
      "PRIVATE_ENDPOINT_ALREADY_EXISTS",
      `Private endpoint ${input.endpointId} is already registered with private endpoint service ${service.id}` +
        `${duplicate.lifecycle.statusAt(now) === "DELETING" ? " (it is being deleted)" : ""}.`,
      [input.endpointId, service.id],
    );
  }
  const missing = missingFailure(state, provider, input);
  const forced = missing ? undefined : options.forcedFailure?.();
  const failure = missing?.message ?? forced ?? null;
  const connectionName =
    provider === "AZURE"
      ? (() => {
          const [, subscription, group, name] = azurePrivateEndpointIdPattern.exec(input.endpointId) ?? [];
          return `${subscription}%2F${group}%2F${name}`;
        })()
      : null;
  return state.store.add<RegistrationFields>({
    kind: registrationKind,
    id: objectId(now),
    groupId: service.groupId,
    provider,
    createdAt: now,
    lifecycle: new Lifecycle(now, newRegistrationPhases(state, provider, failure, options.settled ?? false)),
    fields: {
      endpointServiceId: service.id,
      endpointId: input.endpointId,
      regionName: service.fields.regionName,
      deleteRequested: false,
      privateEndpointIPAddress: input.privateEndpointIPAddress,
      privateEndpointConnectionName: connectionName,
      gcpProjectId: input.gcpProjectId,
      endpoints: input.endpoints,
      portMappingEnabled: provider === "GCP" ? service.fields.portMappingEnabled : false,
      missingEndpointNames: missing?.missingEndpointNames ?? [],
    },
  });
}

/** The registration named by the path; 404 when the service or the endpoint does not exist. */
function requireRegistration(context: RouteContext): { service: EndpointServiceRecord; record: RegistrationRecord } {
  const service = requireService(context);
  const id = context.params.cloudEndpointId as string;
  checkPathEndpointId(service.provider, id);
  const key = endpointIdKey(service.provider, id);
  const record = registrationsOf(context.state, service.groupId, service.id, context.now).find(
    (r) => endpointIdKey(service.provider, r.fields.endpointId) === key,
  );
  if (!record) {
    // The Kubernetes operator treats PRIVATE_ENDPOINT_SERVICE_NOT_FOUND as "gone" on this GET (docs/simulator.md, "Private endpoint registrations and the regional mode").
    throw new ApiError(
      404,
      "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
      `Private endpoint ${id} not found in private endpoint service ${service.id}.`,
      [id, service.id],
    );
  }
  return { service, record };
}

/** Schedules the deletion of a registration (DELETE, or its service's cascade). */
export function startRegistrationDeletion(state: SimulatorState, record: RegistrationRecord, now: number): void {
  record.fields.deleteRequested = true;
  if (record.lifecycle.statusAt(now) === "DELETING") return;
  record.lifecycle.schedule(
    now,
    deletionPhases({ status: "DELETING", durationMs: state.ms(state.durations.endpointRegistration.deleting) }),
  );
}

/**
 * After a registration was removed out of band (control API): the service's last-endpoint rule applies as
 * for an API DELETE.
 */
export function afterRegistrationRemoved(state: SimulatorState, record: RegistrationRecord, now: number): void {
  const service = serviceOf(state, record);
  if (service) removeServiceWithLastEndpoint(state, service, now);
}

/** After a service was removed out of band: its registrations cannot outlive it. */
export function removeRegistrationsOf(state: SimulatorState, service: { groupId: string; id: string }, now: number) {
  for (const record of registrationsOf(state, service.groupId, service.id, now)) {
    record.lifecycle.schedule(now, [{ status: gone, durationMs: null }]);
  }
}

const routes: RouteDefinition[] = [
  {
    method: "POST",
    template: `${base}/endpoint`,
    operationId: "createGroupPrivateEndpointEndpointServiceEndpoint",
    takesBody: true,
    pretty: true,
    handle(context) {
      const service = requireService(context);
      const record = createRegistration(context.state, service, context.body ?? {}, context.now, {
        forcedFailure: context.takeForcedFailure,
      });
      // No recording of this POST; the spec's 200.
      return { status: 200, body: registrationToApi(record, context.now, { created: true }) };
    },
  },
  {
    method: "GET",
    template: `${base}/endpoint/{cloudEndpointId}`,
    operationId: "getGroupPrivateEndpointEndpointServiceEndpoint",
    takesBody: false,
    pretty: true,
    handle(context) {
      return { status: 200, body: registrationToApi(requireRegistration(context).record, context.now) };
    },
  },
  {
    method: "DELETE",
    template: `${base}/endpoint/{cloudEndpointId}`,
    operationId: "deleteGroupPrivateEndpointEndpointServiceEndpoint",
    takesBody: false,
    pretty: true,
    handle(context) {
      const { service, record } = requireRegistration(context);
      startRegistrationDeletion(context.state, record, context.now);
      removeServiceWithLastEndpoint(context.state, service, context.now);
      return { status: 204 };
    },
  },
];

function seedService(state: SimulatorState, input: SeedInput, now: number): EndpointServiceRecord {
  const serviceId = (input as SeedInput & { endpointServiceId?: unknown }).endpointServiceId;
  if (typeof serviceId !== "string" || !objectIdPattern.test(serviceId)) {
    throw new ControlError(400, "a private-endpoint-registration seed needs endpointServiceId (24 hex digits)");
  }
  const service = state.store.find<EndpointServiceFields>(endpointServiceKind, input.groupId, serviceId, now);
  if (!service) throw serviceNotFound(serviceId);
  return service;
}

export const privateEndpointRegistrationModule: ResourceModule = {
  kind: registrationKind,
  // The regional mode has no records of its own; its two routes travel with the registrations.
  routes: [...routes, ...regionalModeRoutes],
  statuses: (provider) => [...registrationStatuses[provider], gone],
  isSettled: (status) => status === "AVAILABLE",
  toApi: (record, now) => registrationToApi(record as RegistrationRecord, now),
  seed(state, input, now) {
    return createRegistration(state, seedService(state, input, now), input.body, now, {
      settled: input.settled ?? false,
    });
  },
  drift(record, fields) {
    const registration = record as RegistrationRecord;
    for (const [name, value] of Object.entries(fields)) {
      if (name === "privateEndpointIPAddress" && record.provider === "AZURE" && typeof value === "string") {
        registration.fields.privateEndpointIPAddress = value;
      } else {
        throw new ControlError(
          400,
          `cannot drift registration field "${name}" (allowed: privateEndpointIPAddress on Azure; force a state or ` +
            "mark the cloud endpoint missing instead)",
        );
      }
    }
  },
  forcedPhase: (record, status, errorMessage) => {
    if (status === "DELETING") (record as RegistrationRecord).fields.deleteRequested = true;
    return forcedStatusPhase(status, errorMessage, {
      statuses: failedStatuses,
      defaultError: "Simulated failure.",
    });
  },
};

/**
 * Marks a cloud endpoint as missing (or present again). Registrations of it that exist and are not being
 * deleted fail at once, as Atlas would report a cloud endpoint deleted under it (REJECTED / FAILED with the
 * "was not found" message); later registrations of it fail after their first phase.
 */
export function setCloudEndpointMissing(state: SimulatorState, id: string, missing: boolean, now: number): number {
  const awsOrGcp = id;
  const azure = id.toLowerCase();
  const key = id.startsWith("/") ? azure : awsOrGcp;
  if (!missing) {
    state.missingCloudEndpoints.delete(key);
    return 0;
  }
  state.missingCloudEndpoints.add(key);
  let affected = 0;
  for (const record of state.store.all()) {
    if (record.kind !== registrationKind || record.lifecycle.isGoneAt(now)) continue;
    const registration = record as RegistrationRecord;
    const status = registration.lifecycle.statusAt(now);
    if (status === "DELETING" || failedStatuses.includes(status)) continue;
    const input: CreateInput = {
      endpointId: registration.fields.endpointId,
      privateEndpointIPAddress: registration.fields.privateEndpointIPAddress,
      gcpProjectId: registration.fields.gcpProjectId,
      endpoints: registration.fields.endpoints,
    };
    const failure = missingFailure(state, registration.provider, input);
    if (!failure) continue;
    registration.fields.missingEndpointNames = failure.missingEndpointNames;
    registration.lifecycle.schedule(now, [
      {
        status: registration.provider === "AWS" ? "REJECTED" : "FAILED",
        durationMs: null,
        errorMessage: failure.message,
      },
    ]);
    affected += 1;
  }
  return affected;
}
