/**
 * Serverless private endpoints (spec tag "Serverless Private Endpoints"; deprecated, sunset 2026-01-22). Two steps:
 * POST reserves (201, RESERVATION_REQUESTED → RESERVED), then PATCH attaches the cloud endpoint
 * (RESERVED → INITIATING → AVAILABLE). DELETE answers 204 and goes DELETING → gone. Responses use `_id`
 * and always carry `providerName` (the response schema is a oneOf without a discriminator). The
 * provider is the instance's (see serverless-instances.ts). In sunset mode every operation answers
 * 410 VERSION_GONE, as Atlas does for a resource whose sunset date has passed.
 */
import { ApiError, validationError, versionGone } from "../errors";
import { objectId, randomHex, uuid } from "../ids";
import { nativeRegion } from "../regions";
import type { RouteContext, RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import {
  BodyChecker,
  JsonObject,
  awsVpcEndpointIdPattern,
  azurePrivateEndpointIdPattern,
  endpointIpAddressPattern,
} from "../validation";
import { Lifecycle, deletionPhases, forcedStatusPhase, gone, newResourcePhases } from "./lifecycle";
import { ControlError, ResourceModule, SeedInput } from "./resource-module";
import type { ServerlessInstance, ServerlessProvider } from "./serverless-instances";
import type { ResourceRecord } from "./store";

export const serverlessEndpointKind = "serverless-private-endpoint";

export const serverlessEndpointStatuses = [
  "RESERVATION_REQUESTED",
  "RESERVED",
  "INITIATING",
  "AVAILABLE",
  "FAILED",
  "DELETING",
] as const;
const settledStatuses = new Set(["RESERVED", "AVAILABLE"]);

export interface ServerlessEndpointFields {
  instanceName: string;
  instanceRegion: string;
  comment?: string;
  cloudProviderEndpointId?: string;
  privateEndpointIpAddress?: string;
  serviceSuffix: string;
  azureSubscriptionId: string;
}

type ServerlessEndpointRecord = ResourceRecord<ServerlessEndpointFields>;

const base = "/api/atlas/v2/groups/{groupId}/privateEndpoint/serverless/instance/{instanceName}/endpoint";
const readOnlyFields = ["_id", "status", "errorMessage", "endpointServiceName", "privateLinkServiceResourceId"];

// ---- representation ---------------------------------------------------------------------------------

export function serverlessEndpointToApi(record: ServerlessEndpointRecord, now: number): JsonObject {
  const phase = record.lifecycle.phaseAt(now);
  const reserved = record.lifecycle.reached("RESERVED", now);
  const { fields } = record;
  const out: JsonObject = {
    _id: record.id,
    ...(fields.cloudProviderEndpointId !== undefined
      ? { cloudProviderEndpointId: fields.cloudProviderEndpointId }
      : {}),
    ...(fields.comment !== undefined ? { comment: fields.comment } : {}),
    errorMessage: phase.errorMessage,
    providerName: record.provider,
    status: phase.status,
  };
  if (record.provider === "AWS") {
    out.endpointServiceName = reserved
      ? `com.amazonaws.vpce.${nativeRegion("AWS", fields.instanceRegion)}.vpce-svc-${fields.serviceSuffix.slice(0, 17)}`
      : null;
    return out;
  }
  const name = `pls_${fields.serviceSuffix}`;
  out.endpointServiceName = reserved ? name : null;
  out.privateLinkServiceResourceId = reserved
    ? `/subscriptions/${fields.azureSubscriptionId}/resourceGroups/rg_${fields.serviceSuffix.slice(0, 12)}/providers/Microsoft.Network/privateLinkServices/${name}`
    : null;
  if (fields.privateEndpointIpAddress !== undefined) out.privateEndpointIpAddress = fields.privateEndpointIpAddress;
  return out;
}

// ---- operations -------------------------------------------------------------------------------------

function instanceOf(context: RouteContext): ServerlessInstance {
  const { groupId, instanceName } = context.params as { groupId: string; instanceName: string };
  return context.state.serverless.resolve(groupId, instanceName);
}

function endpointsOf(state: SimulatorState, instance: ServerlessInstance, now: number): ServerlessEndpointRecord[] {
  return state.store
    .live<ServerlessEndpointFields>(serverlessEndpointKind, instance.groupId, now)
    .filter((record) => record.fields.instanceName === instance.name);
}

function reserve(
  state: SimulatorState,
  instance: ServerlessInstance,
  body: JsonObject,
  now: number,
  options: { takeForcedFailure?: () => string | undefined; settled?: boolean } = {},
): ServerlessEndpointRecord {
  const checker = new BodyChecker(body);
  // No provider in the create body (`ServerlessTenantCreateRequest`): the provider follows from the instance.
  checker.allowOnly(
    ["comment"],
    [...readOnlyFields, "providerName", "cloudProviderEndpointId", "privateEndpointIpAddress"],
  );
  const comment = checker.optionalString("comment", { maxLength: 80 });
  checker.throwIfInvalid();
  const forcedFailure = options.takeForcedFailure?.();
  const requested = {
    status: "RESERVATION_REQUESTED",
    durationMs: state.ms(state.durations.serverlessEndpoint.reservationRequested),
  };
  const phases = newResourcePhases(requested, "RESERVED", { forcedFailure, settled: options.settled });
  return state.store.add<ServerlessEndpointFields>({
    kind: serverlessEndpointKind,
    id: objectId(now),
    groupId: instance.groupId,
    provider: instance.provider,
    createdAt: now,
    lifecycle: new Lifecycle(now, phases),
    fields: {
      instanceName: instance.name,
      instanceRegion: instance.region,
      ...(comment !== undefined ? { comment } : {}),
      serviceSuffix: randomHex(24),
      azureSubscriptionId: uuid(),
    },
  });
}

function notFound(endpointId: string, instanceName: string): ApiError {
  return new ApiError(
    404,
    "TENANT_PRIVATE_ENDPOINT_NOT_FOUND",
    `No private endpoint with ID ${endpointId} exists for serverless instance ${instanceName}.`,
    [endpointId, instanceName],
  );
}

function requireEndpoint(context: RouteContext, instance: ServerlessInstance): ServerlessEndpointRecord {
  const { endpointId } = context.params as { endpointId: string };
  const record = context.state.store.find<ServerlessEndpointFields>(
    serverlessEndpointKind,
    instance.groupId,
    endpointId,
    context.now,
  );
  if (!record || record.fields.instanceName !== instance.name) throw notFound(endpointId, instance.name);
  return record;
}

interface UpdateInput {
  comment?: string;
  cloudProviderEndpointId?: string;
  privateEndpointIpAddress?: string;
}

function readUpdateBody(body: JsonObject, provider: ServerlessProvider): UpdateInput {
  const checker = new BodyChecker(body);
  const writable =
    provider === "AWS"
      ? ["providerName", "comment", "cloudProviderEndpointId"]
      : ["providerName", "comment", "cloudProviderEndpointId", "privateEndpointIpAddress"];
  checker.allowOnly(writable, readOnlyFields);
  const providerName = checker.requireString("providerName", { enumValues: ["AWS", "AZURE"] });
  if (providerName !== undefined && providerName !== provider) {
    // The instance decides the provider; Atlas answers this code for provider mismatches (TF #2011).
    checker.fail(
      "providerName",
      "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID",
      `The provider ${providerName} does not match the serverless instance's provider ${provider}.`,
      [providerName, provider],
      `must be ${provider}`,
    );
  }
  const input: UpdateInput = {};
  const comment = checker.optionalString("comment", { maxLength: 80 });
  if (comment !== undefined) input.comment = comment;
  const endpointId = checker.optionalString("cloudProviderEndpointId", {
    pattern: provider === "AWS" ? awsVpcEndpointIdPattern : azurePrivateEndpointIdPattern,
  });
  if (endpointId !== undefined) input.cloudProviderEndpointId = endpointId;
  if (provider === "AZURE") {
    const ip = checker.optionalString("privateEndpointIpAddress", {
      check: (value) => (endpointIpAddressPattern.test(value) ? undefined : "must be an IPv4 or IPv6 address"),
    });
    if (ip !== undefined) input.privateEndpointIpAddress = ip;
    if (checker.has("cloudProviderEndpointId") && !checker.has("privateEndpointIpAddress")) {
      checker.fail(
        "privateEndpointIpAddress",
        "MISSING_ATTRIBUTE",
        "The required attribute privateEndpointIpAddress was not specified.",
        ["privateEndpointIpAddress"],
        "is required with an Azure cloudProviderEndpointId",
      );
    }
  }
  checker.throwIfInvalid();
  return input;
}

function update(record: ServerlessEndpointRecord, input: UpdateInput, state: SimulatorState, now: number): void {
  const status = record.lifecycle.statusAt(now);
  if (status === "DELETING") throw validationError(`serverless private endpoint ${record.id} is being deleted.`);
  const attaching = input.cloudProviderEndpointId !== undefined;
  if (attaching) {
    const current = record.fields.cloudProviderEndpointId;
    if (status === "RESERVATION_REQUESTED") {
      throw validationError(`serverless private endpoint ${record.id} is not reserved yet; wait for status RESERVED.`);
    }
    // TF #2011: a PATCH carrying the cloud endpoint of an AVAILABLE endpoint is refused, even with the same id.
    if (status === "AVAILABLE")
      throw new ApiError(
        400,
        "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID",
        "The private endpoint can not be updated in its current state AVAILABLE.",
        [record.id],
      );
    if (current !== undefined && current !== input.cloudProviderEndpointId && status !== "FAILED") {
      // The cloud endpoint is set once (Terraform treats it as ForceNew; TF #2011 shows the 400).
      throw new ApiError(
        400,
        "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID",
        `The cloud provider endpoint of private endpoint ${record.id} cannot be changed.`,
        [record.id],
      );
    }
  }
  if (input.comment !== undefined) record.fields.comment = input.comment;
  if (!attaching) return;
  const firstAttach = record.fields.cloudProviderEndpointId === undefined || status === "FAILED";
  record.fields.cloudProviderEndpointId = input.cloudProviderEndpointId;
  if (input.privateEndpointIpAddress !== undefined)
    record.fields.privateEndpointIpAddress = input.privateEndpointIpAddress;
  if (firstAttach) {
    record.lifecycle.schedule(now, [
      { status: "INITIATING", durationMs: state.ms(state.durations.serverlessEndpoint.initiating) },
      { status: "AVAILABLE", durationMs: null },
    ]);
  }
}

/** All five operations answer 410 once the API is sunset (control API toggle). */
function sunsetAnswer(state: SimulatorState): ApiError | undefined {
  return state.serverless.sunset
    ? versionGone(
        "Serverless private endpoints were sunset on 2026-01-22; this resource version is no longer available.",
      )
    : undefined;
}

const routes: RouteDefinition[] = [
  {
    method: "GET",
    template: base,
    operationId: "listGroupPrivateEndpointServerlessInstanceEndpoint",
    takesBody: false,
    pretty: false,
    precheck: sunsetAnswer,
    handle(context) {
      const instance = instanceOf(context);
      const body = endpointsOf(context.state, instance, context.now).map((record) =>
        serverlessEndpointToApi(record, context.now),
      );
      return { status: 200, body };
    },
  },
  {
    method: "POST",
    template: base,
    operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint",
    takesBody: true,
    pretty: false,
    precheck: sunsetAnswer,
    handle(context) {
      const instance = instanceOf(context);
      const record = reserve(context.state, instance, context.body ?? {}, context.now, {
        takeForcedFailure: context.takeForcedFailure,
      });
      return { status: 201, body: serverlessEndpointToApi(record, context.now) };
    },
  },
  {
    method: "GET",
    template: `${base}/{endpointId}`,
    operationId: "getGroupPrivateEndpointServerlessInstanceEndpoint",
    takesBody: false,
    pretty: false,
    precheck: sunsetAnswer,
    handle(context) {
      return { status: 200, body: serverlessEndpointToApi(requireEndpoint(context, instanceOf(context)), context.now) };
    },
  },
  {
    method: "PATCH",
    template: `${base}/{endpointId}`,
    operationId: "updateGroupPrivateEndpointServerlessInstanceEndpoint",
    takesBody: true,
    pretty: false,
    precheck: sunsetAnswer,
    handle(context) {
      const instance = instanceOf(context);
      const record = requireEndpoint(context, instance);
      const input = readUpdateBody(context.body ?? {}, instance.provider);
      update(record, input, context.state, context.now);
      return { status: 200, body: serverlessEndpointToApi(record, context.now) };
    },
  },
  {
    method: "DELETE",
    template: `${base}/{endpointId}`,
    operationId: "deleteGroupPrivateEndpointServerlessInstanceEndpoint",
    takesBody: false,
    pretty: false,
    precheck: sunsetAnswer,
    handle(context) {
      const record = requireEndpoint(context, instanceOf(context));
      const { state, now } = context;
      if (record.lifecycle.statusAt(now) !== "DELETING") {
        record.lifecycle.schedule(
          now,
          deletionPhases({ status: "DELETING", durationMs: state.ms(state.durations.serverlessEndpoint.deleting) }),
        );
      }
      return { status: 204 };
    },
  },
];

export const serverlessPrivateEndpointModule: ResourceModule = {
  kind: serverlessEndpointKind,
  routes,
  statuses: () => [...serverlessEndpointStatuses, gone],
  isSettled: (status) => settledStatuses.has(status),
  toApi: (record, now) => serverlessEndpointToApi(record as ServerlessEndpointRecord, now),
  seed(state: SimulatorState, input: SeedInput, now: number) {
    if (!input.instanceName) throw new ControlError(400, "seeding a serverless private endpoint needs instanceName");
    const instance = state.serverless.resolve(input.groupId, input.instanceName);
    return reserve(state, instance, input.body, now, { settled: input.settled ?? false });
  },
  drift(record, fields) {
    const endpoint = record as ServerlessEndpointRecord;
    for (const [name, value] of Object.entries(fields)) {
      if (
        typeof value !== "string" ||
        !["comment", "cloudProviderEndpointId", "privateEndpointIpAddress"].includes(name)
      ) {
        throw new ControlError(
          400,
          `cannot drift serverless endpoint field "${name}" (allowed: comment, cloudProviderEndpointId, privateEndpointIpAddress, as strings)`,
        );
      }
      (endpoint.fields as unknown as Record<string, string>)[name] = value;
    }
  },
  forcedPhase: (_record, status, errorMessage) => forcedStatusPhase(status, errorMessage),
};
