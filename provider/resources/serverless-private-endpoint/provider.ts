/**
 * The ServerlessPrivateEndpoint implementation the serialized provider loads at run time (runtime.ts), on the
 * shared life cycle (shared/lifecycle.ts): a private endpoint of a serverless instance, AWS or Azure, made in
 * two steps. POST reserves it (RESERVATION_REQUESTED → RESERVED); once cloudProviderEndpointId (and for
 * Azure privateEndpointIpAddress) is declared, a PATCH attaches the cloud endpoint (INITIATING → AVAILABLE).
 *
 * What Atlas allows, and so what a change does (diff.ts):
 * - projectId, instanceName, providerName: replace.
 * - attaching a cloud endpoint to a reservation: update (PATCH), also to retry one whose attachment FAILED.
 * - changing or removing the cloud endpoint (or the Azure IP) of an attached endpoint: replace. Atlas
 *   attaches once and answers 400 TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID ("can not be updated in
 *   its current state AVAILABLE", Terraform provider issue #2011) to a PATCH carrying the cloud endpoint of an
 *   AVAILABLE endpoint, even the same one; so the cloud endpoint is sent only when it is being attached.
 * - comment: update (a PATCH with providerName and comment only).
 * - a reservation that FAILED: replace (nothing can repair it in place).
 *
 * Natural key (adoption and re-run safety), among the endpoints of the instance that are not DELETING:
 * 1. with cloudProviderEndpointId declared: the endpoint attached to that cloud endpoint (Azure ids compare
 *    case-insensitively, as Azure resource ids are);
 * 2. otherwise, or when no endpoint carries that id: an unattached reservation (RESERVATION_REQUESTED or
 *    RESERVED) with the same comment (no comment matches no comment). This finds the reservation an
 *    interrupted `pulumi up` left behind between its POST and its PATCH, and the one a POST whose answer was
 *    lost made: before that POST nothing matched, so a match afterwards is the new reservation.
 * Several matches are always refused: guessing could take over another stack's endpoint.
 *
 * Gone: a 404 (endpoint or instance). A 400 counts as gone only on the reads after a DELETE Atlas accepted,
 * as in the Terraform provider (`resourceRefreshFunc` in its
 * internal/service/privatelinkendpointserverless/resource_privatelink_endpoint_serverless.go); anywhere else
 * a 400 is an error: a sunset API and a bad request answer 400 too, and reading them as gone would drop a
 * live endpoint from the stack. The sunset itself: sunset.ts.
 */
import { AtlasApiError, hasErrorCode, isNotFound } from "../../client";
import type { ServerlessTenantEndpoint, ServerlessTenantEndpointUpdate } from "../../client/wire";
import { typicalDurations, type Classification } from "../../poller";
import { messageOf } from "../shared/errors";
import { defineResource, type OperationContext, type Outputs } from "../shared/lifecycle";
import { withoutNullish } from "../shared/outputs";
import type { ResourceProviderImplementation } from "../shared/provider-contract";
import { diffServerlessEndpoint, sameCloudEndpointId, serverlessDiffRules } from "./diff";
import type { serverlessPrivateEndpointOutputs } from "./outputs";
import type { ServerlessPrivateEndpointInputs } from "./schema";
import { classifyServerlessEndpoint, isReservationStatus } from "./states";
import { explainSunset, isSunsetAnswer, warnAboutSunset } from "./sunset";

export { isSunsetAnswer, ServerlessSunsetError } from "./sunset";

type Endpoint = ServerlessTenantEndpoint;
type Inputs = ServerlessPrivateEndpointInputs;

const label = "serverless private endpoint";

/** Where an endpoint lives: every call and every message needs it. */
interface EndpointScope {
  projectId: string;
  instanceName: string;
  providerName: Endpoint["providerName"];
}

function scopeOf(inputs: EndpointScope): EndpointScope {
  return { projectId: inputs.projectId, instanceName: inputs.instanceName, providerName: inputs.providerName };
}

function describe(scope: EndpointScope, id?: string): string {
  const place = `${scope.providerName}, serverless instance ${scope.instanceName}, project ${scope.projectId}`;
  return id === undefined ? `${label} (${place})` : `${label} ${id} (${place})`;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : value;
}

function ipAddressOf(endpoint: Endpoint): string | undefined {
  return endpoint.providerName === "AZURE" ? nonEmpty(endpoint.privateEndpointIpAddress) : undefined;
}

function declaredIpOf(inputs: Inputs): string | undefined {
  return inputs.providerName === "AZURE" ? inputs.privateEndpointIpAddress : undefined;
}

function commentDiffers(endpoint: Endpoint, inputs: Inputs): boolean {
  return nonEmpty(endpoint.comment) !== inputs.comment;
}

// ---- outputs ----------------------------------------------------------------------------------------

/** The cloud endpoint as Atlas has it, in the spelling `known` gives when it is the same id (Azure ids ignore case). */
function cloudEndpointOf(endpoint: Endpoint, known: unknown): string | undefined {
  const inAtlas = nonEmpty(endpoint.cloudProviderEndpointId);
  return typeof known === "string" && sameCloudEndpointId(endpoint.providerName, known, inAtlas) ? known : inAtlas;
}

function computedOutputs(endpoint: Endpoint): Record<keyof typeof serverlessPrivateEndpointOutputs, unknown> {
  return {
    endpointId: endpoint._id,
    status: endpoint.status,
    errorMessage: nonEmpty(endpoint.errorMessage),
    // AWS: the VPC endpoint service the interface endpoint connects to; Azure: the private link service name.
    endpointServiceName: nonEmpty(endpoint.endpointServiceName),
    privateLinkServiceResourceId:
      endpoint.providerName === "AZURE" ? nonEmpty(endpoint.privateLinkServiceResourceId) : undefined,
  };
}

/** The inputs as Atlas has them: what drift shows against. */
function inputsInAtlas(endpoint: Endpoint, scope: EndpointScope, knownCloudEndpoint: unknown): Outputs {
  return withoutNullish({
    projectId: scope.projectId,
    instanceName: scope.instanceName,
    providerName: scope.providerName,
    comment: nonEmpty(endpoint.comment),
    cloudProviderEndpointId: cloudEndpointOf(endpoint, knownCloudEndpoint),
    privateEndpointIpAddress: ipAddressOf(endpoint),
  });
}

// ---- the natural key --------------------------------------------------------------------------------

function isUnattachedReservation(endpoint: Endpoint, comment: string | undefined): boolean {
  return (
    nonEmpty(endpoint.cloudProviderEndpointId) === undefined &&
    isReservationStatus(endpoint.status) &&
    nonEmpty(endpoint.comment) === comment
  );
}

/** The endpoints of the instance that are this resource (see the natural key at the top of the file). */
function naturalKeyMatches(endpoints: readonly Endpoint[], inputs: Inputs): Endpoint[] {
  const live = endpoints.filter((endpoint) => endpoint.status !== "DELETING");
  if (inputs.cloudProviderEndpointId !== undefined) {
    const attached = live.filter((endpoint) =>
      sameCloudEndpointId(inputs.providerName, endpoint.cloudProviderEndpointId, inputs.cloudProviderEndpointId),
    );
    if (attached.length > 0) return attached;
  }
  return live.filter((endpoint) => isUnattachedReservation(endpoint, inputs.comment));
}

function summarize(endpoint: Endpoint): string {
  const attached = nonEmpty(endpoint.cloudProviderEndpointId);
  const comment = nonEmpty(endpoint.comment);
  return (
    `${endpoint._id ?? "(no id)"} (status ${endpoint.status ?? "unknown"}, ` +
    `${attached ? `attached to ${attached}` : "no cloud endpoint attached"}, ${comment ? `comment ${JSON.stringify(comment)}` : "no comment"})`
  );
}

function refuseToGuess(scope: EndpointScope, matches: readonly Endpoint[]): Error {
  return new Error(
    `${matches.length} ${label}s on serverless instance ${scope.instanceName} (${scope.providerName}, project ` +
      `${scope.projectId}) match this resource: ${matches.map(summarize).join("; ")}. Refusing to guess which one is ` +
      "this resource, even with adoptExisting: give this resource a distinct comment, or delete the extra endpoints in Atlas.",
  );
}

/** Endpoints of one instance all have the instance's provider: a mismatch is a wrong providerName. */
function providerMismatch(scope: EndpointScope, actual: string | undefined): string {
  return (
    `serverless instance ${scope.instanceName} (project ${scope.projectId}) is an ${actual ?? "unknown-provider"} instance, so its ` +
    `private endpoints are ${actual ?? "of that"} endpoints; this ${label} declares providerName ${scope.providerName}. ` +
    `Set providerName to ${JSON.stringify(actual ?? "the instance's provider")}.`
  );
}

function getEndpoint(op: OperationContext, scope: EndpointScope, id: string, signal?: AbortSignal) {
  return op.client.serverlessEndpoints.get(
    { groupId: scope.projectId, instanceName: scope.instanceName, endpointId: id },
    signal ? { signal } : op.call(),
  );
}

// ---- writes -----------------------------------------------------------------------------------------

/**
 * Atlas reserved an endpoint of another provider than declared (the POST names none: the instance decides).
 * Delete it again and say why; when that DELETE fails it is returned, and converge keeps it in the stack
 * (a partial failure) so that `pulumi destroy` removes it.
 */
async function undoWrongProviderReservation(op: OperationContext, scope: EndpointScope, endpoint: Endpoint) {
  const mismatch = providerMismatch(scope, endpoint.providerName);
  try {
    await op.client.serverlessEndpoints.delete(
      { groupId: scope.projectId, instanceName: scope.instanceName, endpointId: endpoint._id ?? "" },
      op.call(),
    );
  } catch (error) {
    if (!isNotFound(error)) {
      op.logger.warn(`${describe(scope, endpoint._id ?? undefined)}: deleting it again failed (${messageOf(error)})`);
      return endpoint;
    }
  }
  throw new Error(`${mismatch} The endpoint Atlas reserved meanwhile (${endpoint._id}) was deleted again.`);
}

function attachmentBody(inputs: Inputs): ServerlessTenantEndpointUpdate {
  const comment = inputs.comment !== undefined ? { comment: inputs.comment } : {};
  const cloudEndpoint = { cloudProviderEndpointId: inputs.cloudProviderEndpointId };
  if (inputs.providerName === "AWS") return { providerName: "AWS", ...cloudEndpoint, ...comment };
  return {
    providerName: "AZURE",
    ...cloudEndpoint,
    privateEndpointIpAddress: inputs.privateEndpointIpAddress,
    ...comment,
  };
}

/** Only the comment (an empty one clears it): never the cloud endpoint again (Terraform provider #2011). */
function commentBody(inputs: Inputs): ServerlessTenantEndpointUpdate {
  return { providerName: inputs.providerName, comment: inputs.comment ?? "" };
}

async function patch(op: OperationContext, scope: EndpointScope, id: string, body: ServerlessTenantEndpointUpdate) {
  try {
    return await op.client.serverlessEndpoints.update(
      { groupId: scope.projectId, instanceName: scope.instanceName, endpointId: id, body },
      op.call(),
    );
  } catch (error) {
    if (!hasErrorCode(error, "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID")) throw error;
    throw new Error(
      `${describe(scope, id)}: Atlas refused the change: ${error.message}. Atlas attaches a cloud endpoint to a ` +
        "serverless private endpoint once and does not change an attached endpoint in place; to connect another cloud " +
        "endpoint, replace this resource (`pulumi up --replace <urn>`).",
      { cause: error },
    );
  }
}

/** Operations that sent the attaching PATCH: an attachment that FAILED again is not retried in the same one. */
const attachmentSent = new WeakSet<OperationContext>();

/** The attached endpoint is not the declared one (stale state, or another IP): only a replacement changes that. */
function attachedElsewhere(scope: EndpointScope, id: string, endpoint: Endpoint, inputs: Inputs): Error {
  const ip = endpoint.providerName === "AZURE" ? ` (IP address ${ipAddressOf(endpoint) ?? "unknown"})` : "";
  const declaredIp = declaredIpOf(inputs) === undefined ? "" : ` (IP address ${declaredIpOf(inputs)})`;
  return new Error(
    `${describe(scope, id)} is attached to ${nonEmpty(endpoint.cloudProviderEndpointId)}${ip} in Atlas, not to the ` +
      `declared ${inputs.cloudProviderEndpointId ?? "(none)"}${declaredIp}, and Atlas does not move an attached endpoint. ` +
      "Replace this resource (`pulumi up --replace <urn>`), run `pulumi refresh` so the next preview plans the " +
      "replacement, or declare what it is attached to.",
  );
}

// ---- states -----------------------------------------------------------------------------------------

/**
 * RESERVED is settled while a declared cloud endpoint still has to be attached (converge attaches it); once it
 * is attached, or after a PATCH that attaches it, only AVAILABLE is: a read right after the PATCH may still
 * show RESERVED. After any PATCH, a read that does not show the new comment yet is not the answer either.
 */
function classifyFor(endpoint: Endpoint, inputs: Inputs | undefined, afterWrite: boolean): Classification {
  const attaching =
    inputs?.cloudProviderEndpointId !== undefined &&
    (afterWrite || nonEmpty(endpoint.cloudProviderEndpointId) !== undefined);
  const classification = classifyServerlessEndpoint(endpoint, { waitFor: attaching ? "available" : "settled" });
  if (afterWrite && inputs && classification.phase === "settled" && commentDiffers(endpoint, inputs)) {
    return { state: `${classification.state} (new comment not applied yet)`, phase: "transitional" };
  }
  return classification;
}

// ---- the definition ---------------------------------------------------------------------------------

const lifecycle = defineResource<Inputs, Endpoint, EndpointScope>({
  label,
  // Loaded at the first check, create or update: a refresh never loads zod.
  schema: () => (require("./schema") as typeof import("./schema")).serverlessPrivateEndpointInputsSchema,
  discriminator: "providerName",
  diff: serverlessDiffRules,

  addressOf: scopeOf,
  addressFromState({ projectId, instanceName, providerName }) {
    if (typeof projectId !== "string" || typeof instanceName !== "string") return undefined;
    if (providerName !== "AWS" && providerName !== "AZURE") return undefined;
    return { projectId, instanceName, providerName };
  },
  describe,

  get: getEndpoint,
  sharedList: ({ projectId, instanceName }) => ({
    registry: (run) => run.watchers.serverlessEndpoints,
    key: `serverlessPrivateEndpoint|${projectId}|${instanceName}`,
    describe: `serverless private endpoints of instance ${instanceName} (project ${projectId})`,
    async list(client, signal) {
      try {
        return await client.serverlessEndpoints.list({ groupId: projectId, instanceName }, { signal });
      } catch (error) {
        // The instance itself is gone, and its endpoints with it.
        if (isNotFound(error)) return [];
        throw error;
      }
    },
  }),
  typicalDurations: typicalDurations.serverlessPrivateEndpoint,
  idOf: (endpoint) => endpoint._id ?? undefined,
  async findExisting(op, inputs, scope) {
    const endpoints = await op.client.serverlessEndpoints.list(
      { groupId: scope.projectId, instanceName: scope.instanceName },
      op.call(),
    );
    const other = endpoints.find((endpoint) => endpoint.providerName !== scope.providerName);
    if (other) throw new Error(providerMismatch(scope, other.providerName));
    const matches = naturalKeyMatches(endpoints, inputs);
    if (matches.length > 1) throw refuseToGuess(scope, matches);
    return matches[0];
  },
  async post(op, inputs, scope) {
    const reserved = await op.client.serverlessEndpoints.create(
      {
        groupId: scope.projectId,
        instanceName: scope.instanceName,
        body: inputs.comment !== undefined ? { comment: inputs.comment } : {},
      },
      op.call(),
    );
    return reserved.providerName === inputs.providerName ? reserved : undoWrongProviderReservation(op, scope, reserved);
  },
  refuseToAdopt: (inputs, existing) =>
    `A ${label} matching this resource already exists on serverless instance ${inputs.instanceName} ` +
    `(${inputs.providerName}, project ${inputs.projectId}): ${summarize(existing)}. Set adoptExisting: true to manage it with ` +
    "this resource (an interrupted `pulumi up` leaves such an endpoint behind, and adopting it is safe), or delete it in " +
    "Atlas first, or give this resource a different comment.",

  /** Attach the declared cloud endpoint (once), or send the comment; never the cloud endpoint of an attached one. */
  async converge(op, id, inputs, current) {
    const scope = scopeOf(inputs);
    if (current.providerName !== inputs.providerName) {
      throw new Error(
        `${providerMismatch(scope, current.providerName)} Atlas reserved endpoint ${id} meanwhile, and deleting it ` +
          "again failed: `pulumi destroy` deletes it.",
      );
    }
    const attachedTo = nonEmpty(current.cloudProviderEndpointId);
    const declared = inputs.cloudProviderEndpointId;
    let attach = attachedTo === undefined && declared !== undefined;
    if (current.status === "FAILED") {
      // Attaching again is the one repair in place (a failed reservation is replaced: diff.ts plans it).
      attach = attachedTo !== undefined && declared !== undefined && !attachmentSent.has(op);
      if (!attach) return undefined;
    } else if (attachedTo !== undefined) {
      const otherIp = declaredIpOf(inputs) !== undefined && ipAddressOf(current) !== declaredIpOf(inputs);
      if (!sameCloudEndpointId(inputs.providerName, attachedTo, declared) || otherIp) {
        throw attachedElsewhere(scope, id, current, inputs);
      }
    }
    if (attach) {
      op.progress(`${describe(scope, id)}: attaching ${declared}`);
      attachmentSent.add(op);
      return patch(op, scope, id, attachmentBody(inputs));
    }
    return commentDiffers(current, inputs) ? patch(op, scope, id, commentBody(inputs)) : undefined;
  },
  remove: (op, scope, id) =>
    op.client.serverlessEndpoints.delete(
      { groupId: scope.projectId, instanceName: scope.instanceName, endpointId: id },
      op.call(),
    ),
  deletion: {
    async explainRefusal(op, scope, id, error: AtlasApiError) {
      const endpoint = await getEndpoint(op, scope, id).catch(() => undefined);
      const attached = endpoint && nonEmpty(endpoint.cloudProviderEndpointId);
      const cloudSide = attached
        ? ` If the ${scope.providerName === "AWS" ? "AWS interface endpoint" : "Azure private endpoint"} ${attached} still connects to it, delete that first`
        : "";
      return `it is in use (HTTP 409 ${error.errorCode ?? ""}${error.detail ? `: ${error.detail}` : ""}).${cloudSide}`;
    },
    goneWhen: (error) => error instanceof AtlasApiError && error.status === 400 && !isSunsetAnswer(error),
  },

  classify: (endpoint, inputs) => classifyFor(endpoint, inputs, false),
  classifyAfterWrite: (endpoint, inputs) => classifyFor(endpoint, inputs, true),
  classifyDeletion: (endpoint) => classifyServerlessEndpoint(endpoint),
  settledInState: (olds) => olds.status === "RESERVED" || olds.status === "AVAILABLE",

  // What Atlas has, not what was declared: an attachment that was not sent must not look attached to diff.ts.
  outputsOf: (_op, inputs, endpoint) =>
    withoutNullish({
      ...inputsInAtlas(endpoint, scopeOf(inputs), inputs.cloudProviderEndpointId),
      adoptExisting: inputs.adoptExisting,
      timeouts: inputs.timeouts,
      poll: inputs.poll,
      ...computedOutputs(endpoint),
    }),
  inputsFromAtlas: (endpoint, props, scope) =>
    inputsInAtlas(endpoint, { ...scope, providerName: endpoint.providerName }, props.cloudProviderEndpointId),
  readOutputs: (_op, endpoint, inputs) => withoutNullish({ ...inputs, ...computedOutputs(endpoint) }),

  explainError: explainSunset,
  beforeEach: warnAboutSunset,
});

/** The shared life cycle, with this resource's own diff: its replace rules depend on what Atlas has (diff.ts). */
export const serverlessPrivateEndpointProvider: ResourceProviderImplementation = {
  ...lifecycle,
  diff: async (_id, olds, news) => diffServerlessEndpoint(olds, news),
};
