/**
 * The ServerlessPrivateEndpoint implementation (reference section 4): a private endpoint of a serverless
 * instance, AWS or Azure, in two steps. POST reserves it (RESERVATION_REQUESTED → RESERVED); once
 * cloudProviderEndpointId (and for Azure privateEndpointIpAddress) is declared, a PATCH attaches the cloud
 * endpoint (INITIATING → AVAILABLE).
 *
 * What Atlas allows, and so what a change does:
 * - projectId, instanceName, providerName: replace.
 * - attaching a cloud endpoint to a reservation: update (PATCH), also to retry one whose attachment FAILED.
 * - changing or removing the cloud endpoint (or the Azure IP) of an attached endpoint: replace. Atlas
 *   attaches once and answers 400 TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID ("can not be updated in
 *   its current state AVAILABLE", TF #2011) to a PATCH carrying the cloud endpoint of an AVAILABLE
 *   endpoint, even the same one; so the cloud endpoint is sent only when it is being attached, never again.
 * - comment: update (a PATCH with providerName and comment only).
 * - a reservation that FAILED: replace (nothing can repair it in place).
 *
 * Natural key (adoption and re-run safety), among the endpoints of the instance that are not DELETING:
 * 1. with cloudProviderEndpointId declared: the endpoint attached to that cloud endpoint (Azure ids compare
 *    case-insensitively, as Azure resource ids are);
 * 2. otherwise, or when no endpoint carries that id: an unattached reservation (RESERVATION_REQUESTED or
 *    RESERVED) with the same comment (no comment matches no comment). This finds the reservation an
 *    interrupted `pulumi up` left behind between its POST and its PATCH.
 * One match is adopted with `adoptExisting: true` and refused otherwise (the message names it); several
 * matches are always refused: guessing could take over another stack's endpoint.
 *
 * Gone: a 404 (endpoint or instance). A 400 counts as gone only on the reads that follow a DELETE Atlas
 * accepted, as the Terraform provider did (reference section 8); anywhere else a 400 is an error, because a
 * sunset API and a bad request answer 400 too, and treating them as "gone" would drop a live endpoint from
 * the stack. The simulator answers 404 for both a deleted endpoint and an unknown instance.
 *
 * Atlas sunset serverless instances on 2026-01-22: every method warns once per run, and a 410 (or a 400
 * that says the API is sunset or deprecated) becomes a ServerlessSunsetError naming what to use instead.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasApiError, hasErrorCode, isNotFound } from "../../client";
import type { ServerlessTenantEndpoint, ServerlessTenantEndpointUpdate } from "../../client/wire";
import { ResourceFailedError, waitUntilGone, waitUntilSettled, type ReadSource, type WaitFor } from "../../poller";
import { checkInputs, parseCheckedInputs, type CheckContext } from "../shared/check";
import { runContext } from "../shared/context";
import { changedKeys, sameValue } from "../shared/diff";
import { resolveTimeouts, timeoutsSchema, type TimeoutsInput } from "../shared/durations";
import type { ResourceProviderImplementation } from "../shared/provider-contract";
import { mayHaveReachedAtlas, messageOf } from "../shared/errors";
import { compact, pick } from "../shared/outputs";
import { partialFailure } from "../shared/partial-failure";
import { pollSchema, resolvePoll, type PollInput, type PollSettings } from "../shared/poll";
import { containsUnknown } from "../shared/unknowns";
import {
  serverlessPrivateEndpointInputsSchema,
  serverlessPrivateEndpointProviderOnlyFields,
  type ServerlessPrivateEndpointInputs,
} from "./schema";
import { classifyServerlessEndpoint, isReservationStatus } from "./states";

type Outputs = Record<string, unknown>;
type Endpoint = ServerlessTenantEndpoint;
type ProviderName = Endpoint["providerName"];

const resourceLabel = "serverless private endpoint";
const checkContext: CheckContext = {
  resourceLabel,
  providerOnlyFields: serverlessPrivateEndpointProviderOnlyFields,
  discriminator: "providerName",
};

const replaceKeys = ["projectId", "instanceName", "providerName"] as const;
/** Set once by the attaching PATCH: updatable while not attached, replaced once attached. */
const attachmentKeys = ["cloudProviderEndpointId", "privateEndpointIpAddress"] as const;
const providerOnlyKeys = ["adoptExisting", "timeouts", "poll"] as const;
const inputKeys = [...replaceKeys, ...attachmentKeys, "comment", ...providerOnlyKeys] as const;
const computedKeys = [
  "endpointId",
  "status",
  "errorMessage",
  "endpointServiceName",
  "privateLinkServiceResourceId",
] as const;

/** Where an endpoint lives: every call and every message needs it. */
interface EndpointScope {
  projectId: string;
  instanceName: string;
  providerName: ProviderName;
}

/** What outputs are built from besides Atlas's answer: the declared (or stored) identity and settings. */
interface Declared extends EndpointScope {
  /** Only to keep the declared spelling of an Azure id that Atlas returns in another letter case. */
  cloudProviderEndpointId?: string | undefined;
  adoptExisting?: boolean | undefined;
  timeouts?: TimeoutsInput;
  poll?: PollInput;
}

function describeEndpoint(scope: EndpointScope, endpointId?: string): string {
  return `${resourceLabel} ${endpointId ?? "(new)"} (${scope.providerName}, serverless instance ${scope.instanceName}, project ${scope.projectId})`;
}

// ---- the sunset ---------------------------------------------------------------------------------------

const sunsetWarningKey = "serverless-private-endpoint-sunset";

function warnAboutSunset(): void {
  runContext().warnOnce(
    sunsetWarningKey,
    "ServerlessPrivateEndpoint: MongoDB Atlas sunset serverless instances on 2026-01-22, and their private endpoint API " +
      "is deprecated; where Atlas still answers it this resource works, elsewhere it fails with a clear error. " +
      "For new work use a dedicated cluster with a PrivateEndpointService.",
  );
}

// Atlas answers a sunset resource version with 410 VERSION_GONE; a 400 counts only when it says why.
const sunsetWording = /VERSION_GONE|sunset|deprecat|no longer (?:available|supported)|flex/i;

/** True for Atlas's answer to a call of the sunset serverless API (410, or a 400 that says so). */
export function isSunsetAnswer(error: unknown): error is AtlasApiError {
  if (!(error instanceof AtlasApiError)) return false;
  if (error.status === 410) return true;
  return error.status === 400 && sunsetWording.test(`${error.errorCode ?? ""} ${error.detail ?? ""}`);
}

type Action = "created" | "read" | "updated" | "deleted";

/** What happened, that serverless instances were sunset, and what to use instead; no stack trace. */
export class ServerlessSunsetError extends Error {
  override readonly name = "ServerlessSunsetError";

  constructor(
    what: string,
    action: Action,
    readonly atlasError: AtlasApiError,
  ) {
    const code = atlasError.errorCode ? ` ${atlasError.errorCode}` : "";
    const detail = atlasError.detail ? ` ("${atlasError.detail}")` : "";
    super(
      `${what} could not be ${action}: Atlas answered ${atlasError.method} ${atlasError.path} with HTTP ${atlasError.status}${code}${detail}. ` +
        "MongoDB Atlas sunset serverless instances on 2026-01-22, and with them the serverless private endpoint API, so this " +
        "resource can no longer be managed. Use a dedicated cluster instead, connected privately with this package's " +
        "PrivateEndpointService (serverless private endpoints do not work on Flex clusters, which replaced serverless instances). " +
        "To drop this resource from the stack without calling Atlas, run `pulumi state delete <urn>`.",
    );
    // The Pulumi host prints `${error}: ${error.stack}` for read and delete: keep that to the message.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The error users should see: a sunset answer becomes a ServerlessSunsetError, anything else is kept. */
function explain(error: unknown, scope: EndpointScope, endpointId: string | undefined, action: Action): unknown {
  return isSunsetAnswer(error) ? new ServerlessSunsetError(describeEndpoint(scope, endpointId), action, error) : error;
}

/** A refused PATCH, with what Atlas allows (TF #2011). */
function explainPatchError(error: unknown, scope: EndpointScope, endpointId: string): unknown {
  if (hasErrorCode(error, "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID")) {
    return new Error(
      `${describeEndpoint(scope, endpointId)}: Atlas refused the change: ${error.message}. Atlas attaches a cloud endpoint to a ` +
        "serverless private endpoint once and does not change an attached endpoint in place; to connect another cloud " +
        "endpoint, replace this resource (`pulumi up --replace <urn>`).",
      { cause: error },
    );
  }
  return explain(error, scope, endpointId, "updated");
}

// ---- reading Atlas ----------------------------------------------------------------------------------

function endpointsApi() {
  return runContext().client().serverlessEndpoints;
}

function listEndpoints(scope: EndpointScope): Promise<Endpoint[]> {
  return endpointsApi().list({ groupId: scope.projectId, instanceName: scope.instanceName });
}

/** One GET; undefined when Atlas answers 404. */
async function getEndpoint(
  scope: EndpointScope,
  endpointId: string,
  signal?: AbortSignal,
): Promise<Endpoint | undefined> {
  try {
    return await endpointsApi().get(
      { groupId: scope.projectId, instanceName: scope.instanceName, endpointId },
      signal ? { signal } : undefined,
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A wait's reads: the run's coalescing watcher for the instance (one list call per tick), or its own GETs. */
function readSource(scope: EndpointScope, endpointId: string, poll: PollSettings): ReadSource<Endpoint> {
  if (!poll.coalesce) return (signal) => getEndpoint(scope, endpointId, signal);
  const context = runContext();
  const client = context.client();
  const key = `${client.baseUrl} ${scope.projectId} ${scope.instanceName}`;
  const watcher = context.watchers.serverlessEndpoints.watcher(key, () => ({
    describe: `serverless private endpoints of instance ${scope.instanceName} (project ${scope.projectId})`,
    list: async (signal) => {
      try {
        return await client.serverlessEndpoints.list(
          { groupId: scope.projectId, instanceName: scope.instanceName },
          { signal },
        );
      } catch (error) {
        // The instance itself is gone, and its endpoints with it.
        if (isNotFound(error)) return [];
        throw error;
      }
    },
    idOf: (endpoint) => endpoint._id ?? "",
    logger: context.logger,
  }));
  return watcher.reader(endpointId);
}

interface WaitPlan {
  scope: EndpointScope;
  endpointId: string;
  poll: PollSettings;
  /** One deadline for all the waits of one create, update or delete (epoch ms). */
  deadline: number;
}

function remainingMs(plan: WaitPlan): number {
  return Math.max(1, plan.deadline - Date.now());
}

function waitUntil(plan: WaitPlan, waitFor: WaitFor): Promise<Endpoint> {
  return waitUntilSettled({
    describe: describeEndpoint(plan.scope, plan.endpointId),
    read: readSource(plan.scope, plan.endpointId, plan.poll),
    classify: (endpoint) => classifyServerlessEndpoint(endpoint, { waitFor }),
    timeoutMs: remainingMs(plan),
    schedule: plan.poll.schedule,
    logger: runContext().logger,
  });
}

async function waitUntilDeleted(plan: WaitPlan): Promise<void> {
  try {
    await waitUntilGone({
      describe: describeEndpoint(plan.scope, plan.endpointId),
      read: readSource(plan.scope, plan.endpointId, plan.poll),
      classify: (endpoint) => classifyServerlessEndpoint(endpoint),
      timeoutMs: remainingMs(plan),
      schedule: plan.poll.schedule,
      logger: runContext().logger,
    });
  } catch (error) {
    // After Atlas accepted the DELETE, a 400 on the reads that follow means the endpoint (or its instance)
    // is gone: the Terraform provider counted it so (reference section 8). Only here, never in read.
    if (error instanceof AtlasApiError && error.status === 400 && !isSunsetAnswer(error)) {
      runContext().logger.info(
        `${describeEndpoint(plan.scope, plan.endpointId)}: Atlas answers 400 after the DELETE; counted as gone`,
      );
      return;
    }
    throw error;
  }
}

/** The last endpoint a failed wait saw (FAILED carries it), else `fallback`. */
function lastSeen(error: unknown, fallback: Endpoint): Endpoint {
  return error instanceof ResourceFailedError ? (error.lastValue as Endpoint) : fallback;
}

// ---- outputs ----------------------------------------------------------------------------------------

/** Azure resource ids are case-insensitive; AWS endpoint ids are lowercase by their pattern. */
function sameCloudEndpointId(providerName: unknown, a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return a === b || (a == null && b == null);
  return providerName === "AZURE" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : value;
}

function ipAddressOf(endpoint: Endpoint): string | undefined {
  return endpoint.providerName === "AZURE" ? nonEmpty(endpoint.privateEndpointIpAddress) : undefined;
}

/** The declared identity and settings plus what Atlas reports: the resource's outputs. */
function outputsOf(declared: Declared, endpoint: Endpoint): Outputs {
  const atlasCloudId = nonEmpty(endpoint.cloudProviderEndpointId);
  const cloudProviderEndpointId = sameCloudEndpointId(
    declared.providerName,
    declared.cloudProviderEndpointId,
    atlasCloudId,
  )
    ? declared.cloudProviderEndpointId
    : atlasCloudId;
  return compact({
    projectId: declared.projectId,
    instanceName: declared.instanceName,
    providerName: declared.providerName,
    comment: nonEmpty(endpoint.comment),
    cloudProviderEndpointId,
    privateEndpointIpAddress: ipAddressOf(endpoint),
    adoptExisting: declared.adoptExisting,
    timeouts: declared.timeouts,
    poll: declared.poll,
    endpointId: endpoint._id,
    status: endpoint.status,
    errorMessage: nonEmpty(endpoint.errorMessage),
    // AWS: the VPC endpoint service the interface endpoint connects to; Azure: the private link service name.
    endpointServiceName: nonEmpty(endpoint.endpointServiceName),
    privateLinkServiceResourceId:
      endpoint.providerName === "AZURE" ? nonEmpty(endpoint.privateLinkServiceResourceId) : undefined,
  });
}

// ---- inputs and stored state ------------------------------------------------------------------------

function scopeOf(inputs: EndpointScope): EndpointScope {
  return { projectId: inputs.projectId, instanceName: inputs.instanceName, providerName: inputs.providerName };
}

/** What state (old outputs, or a program's inputs for a `.get`) says about an endpoint. */
interface Stored extends Declared {
  status: string | undefined;
  comment: string | undefined;
  privateEndpointIpAddress: string | undefined;
}

function storedState(endpointId: string, props: Outputs): Stored {
  const text = (key: string) => (typeof props[key] === "string" ? (props[key] as string) : undefined);
  const projectId = text("projectId");
  const instanceName = text("instanceName");
  const providerName = text("providerName");
  if (projectId === undefined || instanceName === undefined || (providerName !== "AWS" && providerName !== "AZURE")) {
    throw new Error(
      `${resourceLabel} ${endpointId}: the stack's state has no projectId, instanceName and providerName (AWS or AZURE) for it, ` +
        "so it cannot be found in Atlas. Check the resource's inputs.",
    );
  }
  const timeouts = timeoutsSchema.safeParse(props.timeouts);
  const poll = pollSchema.safeParse(props.poll);
  return {
    projectId,
    instanceName,
    providerName,
    cloudProviderEndpointId: text("cloudProviderEndpointId"),
    privateEndpointIpAddress: text("privateEndpointIpAddress"),
    comment: text("comment"),
    status: text("status"),
    adoptExisting: typeof props.adoptExisting === "boolean" ? props.adoptExisting : undefined,
    timeouts: timeouts.success ? timeouts.data : undefined,
    poll: poll.success ? poll.data : undefined,
  };
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
function naturalKeyMatches(endpoints: readonly Endpoint[], inputs: ServerlessPrivateEndpointInputs): Endpoint[] {
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

function refuseToAdopt(scope: EndpointScope, existing: Endpoint): Error {
  return new Error(
    `A ${resourceLabel} matching this resource already exists on serverless instance ${scope.instanceName} ` +
      `(${scope.providerName}, project ${scope.projectId}): ${summarize(existing)}. Set adoptExisting: true to manage it with ` +
      "this resource (an interrupted `pulumi up` leaves such an endpoint behind, and adopting it is safe), or delete it in " +
      "Atlas first, or give this resource a different comment.",
  );
}

function refuseToGuess(scope: EndpointScope, matches: readonly Endpoint[]): Error {
  return new Error(
    `${matches.length} ${resourceLabel}s on serverless instance ${scope.instanceName} (${scope.providerName}, project ` +
      `${scope.projectId}) match this resource: ${matches.map(summarize).join("; ")}. Refusing to guess which one is ` +
      "this resource, even with adoptExisting: give this resource a distinct comment, or delete the extra endpoints in Atlas.",
  );
}

/** Endpoints of one instance all have the instance's provider: a mismatch is a wrong providerName. */
function providerMismatch(scope: EndpointScope, actual: string | undefined): string {
  return (
    `serverless instance ${scope.instanceName} (project ${scope.projectId}) is an ${actual ?? "unknown-provider"} instance, so its ` +
    `private endpoints are ${actual ?? "of that"} endpoints; this ${resourceLabel} declares providerName ${scope.providerName}. ` +
    `Set providerName to ${JSON.stringify(actual ?? "the instance's provider")}.`
  );
}

// ---- create ------------------------------------------------------------------------------------------

/** How many reservation POSTs a create makes at most when Atlas answers none of them definitely. */
const maxReservationAttempts = 3;

/**
 * POST the reservation. A POST that failed without a definite refusal (5xx, a reset connection, a timeout)
 * may still have been carried out: the new endpoints of the instance are checked first, so a reservation
 * Atlas did make is used, not duplicated and not leaked; when none appeared, the POST is sent again (the
 * client never retries a POST blindly), like the other resources' creates.
 */
async function reserve(
  scope: EndpointScope,
  inputs: ServerlessPrivateEndpointInputs,
  before: readonly Endpoint[],
): Promise<Endpoint> {
  const body = inputs.comment !== undefined ? { comment: inputs.comment } : {};
  const describe = describeEndpoint(scope);
  for (let attempt = 1; ; attempt++) {
    try {
      return await endpointsApi().create({ groupId: scope.projectId, instanceName: scope.instanceName, body });
    } catch (postError) {
      // A sunset answer (410, or a 400 that says so) is a definite refusal too.
      if (!mayHaveReachedAtlas(postError)) throw postError;
      const reason = messageOf(postError);
      let after: Endpoint[];
      try {
        after = await listEndpoints(scope);
      } catch (listError) {
        const listReason = messageOf(listError);
        throw new Error(
          `${describe}: the reservation request failed (${reason}), and checking whether Atlas made it failed too ` +
            `(${listReason}). Atlas may have reserved an endpoint: the next \`pulumi up\` finds it by this resource's ` +
            "comment and asks for adoptExisting: true before using it.",
        );
      }
      const known = new Set(before.map((endpoint) => endpoint._id));
      const made = after.filter(
        (endpoint) => !known.has(endpoint._id) && isUnattachedReservation(endpoint, inputs.comment),
      );
      if (made.length === 1) {
        runContext().logger.info(
          `${describe}: the reservation request failed (${reason}), but Atlas made it: continuing with ${made[0]!._id}`,
        );
        return made[0]!;
      }
      if (made.length > 1) throw refuseToGuess(scope, made);
      if (attempt >= maxReservationAttempts) {
        throw new Error(
          `${describe}: the reservation request failed ${attempt} times, last: ${reason}. No new endpoint appeared on ` +
            "the instance, so nothing was reserved and running `pulumi up` again is safe.",
        );
      }
      runContext().logger.info(
        `${describe}: the reservation request failed (${reason}) and Atlas made none: sending it again`,
      );
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
    }
  }
}

/** Atlas reserved an endpoint of another provider than declared: delete it again and say why. */
async function undoWrongProviderReservation(
  scope: EndpointScope,
  endpoint: Endpoint & { _id: string },
  inputs: ServerlessPrivateEndpointInputs,
  news: Outputs,
): Promise<never> {
  const message = providerMismatch(scope, endpoint.providerName);
  try {
    await endpointsApi().delete({
      groupId: scope.projectId,
      instanceName: scope.instanceName,
      endpointId: endpoint._id,
    });
  } catch (error) {
    if (!isNotFound(error)) {
      const reason = messageOf(error);
      throw partialFailure(
        endpoint._id,
        outputsOf(inputs, endpoint),
        news,
        new Error(
          `${message} The endpoint Atlas reserved meanwhile (${endpoint._id}) could not be deleted (${reason}); it stays in the stack so that \`pulumi destroy\` removes it.`,
        ),
      );
    }
  }
  throw new Error(`${message} The endpoint Atlas reserved meanwhile (${endpoint._id}) was deleted again.`);
}

function attachmentBody(inputs: ServerlessPrivateEndpointInputs): ServerlessTenantEndpointUpdate {
  const comment = inputs.comment !== undefined ? { comment: inputs.comment } : {};
  if (inputs.providerName === "AZURE") {
    return {
      providerName: "AZURE",
      ...(inputs.cloudProviderEndpointId !== undefined
        ? { cloudProviderEndpointId: inputs.cloudProviderEndpointId }
        : {}),
      ...(inputs.privateEndpointIpAddress !== undefined
        ? { privateEndpointIpAddress: inputs.privateEndpointIpAddress }
        : {}),
      ...comment,
    };
  }
  return {
    providerName: "AWS",
    ...(inputs.cloudProviderEndpointId !== undefined
      ? { cloudProviderEndpointId: inputs.cloudProviderEndpointId }
      : {}),
    ...comment,
  };
}

/** Only the comment (an empty one clears it): never the cloud endpoint again (TF #2011). */
function commentBody(inputs: ServerlessPrivateEndpointInputs): ServerlessTenantEndpointUpdate {
  return { providerName: inputs.providerName, comment: inputs.comment ?? "" };
}

/** The declared cloud endpoint still has to be attached to `endpoint` (a reservation, or a FAILED attachment). */
function needsAttachment(endpoint: Endpoint, inputs: ServerlessPrivateEndpointInputs): boolean {
  if (inputs.cloudProviderEndpointId === undefined) return false;
  return endpoint.status === "FAILED" || nonEmpty(endpoint.cloudProviderEndpointId) === undefined;
}

function commentDiffers(endpoint: Endpoint, inputs: ServerlessPrivateEndpointInputs): boolean {
  return nonEmpty(endpoint.comment) !== inputs.comment;
}

/** An attached Azure endpoint with another IP than declared: Atlas cannot change that in place. */
function ipMismatch(endpoint: Endpoint, inputs: ServerlessPrivateEndpointInputs): string | undefined {
  const declared = declaredIpOf(inputs);
  const actual = ipAddressOf(endpoint);
  return declared !== undefined && actual !== undefined && actual !== declared ? actual : undefined;
}

function declaredIpOf(inputs: ServerlessPrivateEndpointInputs): string | undefined {
  return inputs.providerName === "AZURE" ? inputs.privateEndpointIpAddress : undefined;
}

async function patchEndpoint(
  scope: EndpointScope,
  endpointId: string,
  body: ServerlessTenantEndpointUpdate,
): Promise<Endpoint> {
  try {
    return await endpointsApi().update({
      groupId: scope.projectId,
      instanceName: scope.instanceName,
      endpointId,
      body,
    });
  } catch (error) {
    throw explainPatchError(error, scope, endpointId);
  }
}

async function create(news: Outputs): Promise<dynamic.CreateResult<Outputs>> {
  warnAboutSunset();
  const inputs = parseCheckedInputs(serverlessPrivateEndpointInputsSchema, news, checkContext);
  const scope = scopeOf(inputs);
  const logger = runContext().logger;
  const poll = resolvePoll(inputs.poll);
  const deadline = Date.now() + resolveTimeouts(inputs.timeouts).createMs;

  let endpoint: Endpoint;
  let adopted = false;
  try {
    const existing = await listEndpoints(scope);
    const other = existing.find((candidate) => candidate.providerName !== scope.providerName);
    if (other) throw new Error(providerMismatch(scope, other.providerName));
    const matches = naturalKeyMatches(existing, inputs);
    if (matches.length > 1) throw refuseToGuess(scope, matches);
    if (matches.length === 1) {
      if (inputs.adoptExisting !== true) throw refuseToAdopt(scope, matches[0]!);
      endpoint = matches[0]!;
      adopted = true;
      logger.info(
        `${describeEndpoint(scope, endpoint._id ?? undefined)}: adopting the existing endpoint (adoptExisting)`,
      );
    } else {
      endpoint = await reserve(scope, inputs, existing);
    }
  } catch (error) {
    throw explain(error, scope, undefined, "created");
  }
  const endpointId = endpoint._id;
  if (!endpointId) throw new Error(`${describeEndpoint(scope)}: Atlas answered the reservation without an _id`);
  if (!adopted && endpoint.providerName !== inputs.providerName) {
    await undoWrongProviderReservation(scope, { ...endpoint, _id: endpointId }, inputs, news);
  }

  // From here the endpoint exists and is this resource: a failure keeps it in the stack (partial failure).
  const plan: WaitPlan = { scope, endpointId, poll, deadline };
  let last = endpoint;
  try {
    // An adopted endpoint read from the list is fresh; a POST's answer is not (reference section 8).
    const fresh = adopted && classifyServerlessEndpoint(endpoint).phase === "settled";
    const retryingAttachment = adopted && endpoint.status === "FAILED" && needsAttachment(endpoint, inputs);
    if (!fresh && !retryingAttachment) last = await waitUntil(plan, "settled");
    if (needsAttachment(last, inputs)) {
      logger.info(`${describeEndpoint(scope, endpointId)}: attaching ${inputs.cloudProviderEndpointId}`);
      last = await patchEndpoint(scope, endpointId, attachmentBody(inputs));
      last = await waitUntil(plan, "available");
    } else if (commentDiffers(last, inputs)) {
      last = await patchEndpoint(scope, endpointId, commentBody(inputs));
    }
    const otherIp = ipMismatch(last, inputs);
    if (otherIp !== undefined) {
      throw new Error(
        `${describeEndpoint(scope, endpointId)} is attached with IP address ${otherIp}, not the declared ` +
          `${declaredIpOf(inputs)}; Atlas cannot change it in place, so the next \`pulumi up\` replaces it ` +
          "(or declare the IP address it has).",
      );
    }
    return { id: endpointId, outs: outputsOf(inputs, last) };
  } catch (error) {
    throw partialFailure(
      endpointId,
      outputsOf(inputs, lastSeen(error, last)),
      news,
      explain(error, scope, endpointId, "created"),
    );
  }
}

// ---- read, update, delete ---------------------------------------------------------------------------

async function read(id: string, props: Outputs): Promise<dynamic.ReadResult<Outputs>> {
  warnAboutSunset();
  const stored = storedState(id, props);
  let endpoint: Endpoint | undefined;
  try {
    endpoint = await getEndpoint(stored, id);
  } catch (error) {
    throw explain(error, stored, id, "read");
  }
  // Gone: no id, so a refresh drops it from the stack.
  if (!endpoint) return {};
  // A FAILED endpoint is read like any other: its outputs carry status and errorMessage, and destroy still works.
  const outputs = outputsOf({ ...stored, providerName: endpoint.providerName }, endpoint);
  return { id, props: outputs, inputs: pick(outputs, inputKeys) };
}

/** What Atlas reported last, with the new declared inputs (an update that needed no API call). */
function carriedOver(olds: Outputs, inputs: ServerlessPrivateEndpointInputs): Outputs {
  return compact({ ...pick(olds, computedKeys), ...inputs });
}

async function update(id: string, olds: Outputs, news: Outputs): Promise<dynamic.UpdateResult<Outputs>> {
  warnAboutSunset();
  const inputs = parseCheckedInputs(serverlessPrivateEndpointInputsSchema, news, checkContext);
  const scope = scopeOf(inputs);
  const stored = storedState(id, olds);
  const attachmentChanged =
    !sameCloudEndpointId(inputs.providerName, stored.cloudProviderEndpointId, inputs.cloudProviderEndpointId) ||
    stored.privateEndpointIpAddress !== declaredIpOf(inputs);
  const wantsAttachment =
    inputs.cloudProviderEndpointId !== undefined && (attachmentChanged || stored.status === "FAILED");
  const settledBefore = stored.status === "RESERVED" || stored.status === "AVAILABLE";
  if (!wantsAttachment && stored.comment === inputs.comment && settledBefore) {
    // Only settings of this provider changed (timeouts, poll, adoptExisting): stored without an API call.
    return { outs: carriedOver(olds, inputs) };
  }
  // Otherwise Atlas is read first. That also serves the engine's empty update after a partial failure
  // (unchanged inputs, init errors): it goes on waiting for an endpoint a timed-out create left transitional.

  const describe = describeEndpoint(scope, id);
  const plan: WaitPlan = {
    scope,
    endpointId: id,
    poll: resolvePoll(inputs.poll),
    deadline: Date.now() + resolveTimeouts(inputs.timeouts).updateMs,
  };
  let current: Endpoint;
  try {
    const found = await getEndpoint(scope, id);
    if (!found) {
      throw new Error(
        `${describe} no longer exists in Atlas. Run \`pulumi refresh\` to drop it from the stack; the next \`pulumi up\` then creates it again.`,
      );
    }
    current = found;
    if (classifyServerlessEndpoint(current).phase === "transitional") current = await waitUntil(plan, "settled");
  } catch (error) {
    if (!(error instanceof ResourceFailedError)) throw explain(error, scope, id, "updated");
    current = error.lastValue as Endpoint;
  }

  const attachedTo = nonEmpty(current.cloudProviderEndpointId);
  let attach = needsAttachment(current, inputs);
  if (current.status === "FAILED" && (!attach || attachedTo === undefined)) {
    // Only attaching a cloud endpoint again can repair a FAILED endpoint in place.
    throw new Error(
      `${describe} is FAILED (${current.errorMessage ?? "Atlas gave no error message"}) and cannot be repaired in place` +
        `${attachedTo === undefined ? ": its reservation failed" : ""}. Replace it: \`pulumi up --replace <urn>\`.`,
    );
  }
  if (current.status !== "FAILED" && attachedTo !== undefined) {
    if (
      !sameCloudEndpointId(inputs.providerName, attachedTo, inputs.cloudProviderEndpointId) ||
      ipMismatch(current, inputs) !== undefined
    ) {
      throw new Error(
        `${describe} is attached to ${attachedTo}${current.providerName === "AZURE" ? ` (IP address ${ipAddressOf(current) ?? "unknown"})` : ""} ` +
          "in Atlas, and Atlas does not move an attached endpoint to another cloud endpoint. Replace this resource " +
          "(`pulumi up --replace <urn>`), or run `pulumi refresh` so the next preview plans the replacement.",
      );
    }
    attach = false; // already attached as declared: the stored state was behind
  }
  if (!attach && !commentDiffers(current, inputs)) return { outs: outputsOf(inputs, current) };

  const patched = await patchEndpoint(scope, id, attach ? attachmentBody(inputs) : commentBody(inputs));
  try {
    const settled = await waitUntil(plan, attach ? "available" : "settled");
    return { outs: outputsOf(inputs, settled) };
  } catch (error) {
    throw partialFailure(id, outputsOf(inputs, lastSeen(error, patched)), news, explain(error, scope, id, "updated"));
  }
}

async function remove(id: string, props: Outputs): Promise<void> {
  warnAboutSunset();
  const stored = storedState(id, props);
  const describe = describeEndpoint(stored, id);
  const plan: WaitPlan = {
    scope: stored,
    endpointId: id,
    poll: resolvePoll(stored.poll),
    deadline: Date.now() + resolveTimeouts(stored.timeouts).deleteMs,
  };
  try {
    try {
      await endpointsApi().delete({ groupId: stored.projectId, instanceName: stored.instanceName, endpointId: id });
    } catch (error) {
      if (isNotFound(error)) {
        runContext().logger.info(`${describe}: already gone (404), nothing to delete`);
        return;
      }
      if (error instanceof AtlasApiError && error.status === 409) {
        const cloudSide = stored.cloudProviderEndpointId
          ? ` If the ${stored.providerName === "AWS" ? "AWS interface endpoint" : "Azure private endpoint"} ${stored.cloudProviderEndpointId} still connects to it, delete that first.`
          : "";
        throw new Error(
          `${describe} cannot be deleted yet: Atlas says it is in use (HTTP 409 ${error.errorCode ?? ""}${error.detail ? `: ${error.detail}` : ""}).` +
            `${cloudSide} Then run \`pulumi destroy\` (or \`pulumi up\`) again.`,
          { cause: error },
        );
      }
      throw error;
    }
    await waitUntilDeleted(plan);
  } catch (error) {
    throw explain(error, stored, id, "deleted");
  }
}

// ---- check and diff ---------------------------------------------------------------------------------

async function check(_olds: Outputs, news: Outputs): Promise<dynamic.CheckResult<Outputs>> {
  warnAboutSunset();
  return checkInputs(serverlessPrivateEndpointInputsSchema, news, checkContext);
}

/**
 * Replace on projectId / instanceName / providerName, on any change of an attached endpoint's cloud
 * endpoint or IP address, and for a reservation that FAILED; update for attaching, the comment and the
 * provider-only settings. Unknown values during preview count as changes.
 */
async function diff(_id: string, olds: Outputs, news: Outputs): Promise<dynamic.DiffResult> {
  const replaces = changedKeys(olds, news, replaceKeys);
  const attached = typeof olds.cloudProviderEndpointId === "string";
  const failed = olds.status === "FAILED";
  const attachmentChanges = changedKeys(olds, news, attachmentKeys).filter(
    (key) =>
      key !== "cloudProviderEndpointId" ||
      containsUnknown(news[key]) ||
      !sameCloudEndpointId(olds.providerName, olds[key], news[key]),
  );
  if (attached && !failed) replaces.push(...attachmentChanges);
  // A FAILED attachment is retried by an update, but only a replacement takes the cloud endpoint away.
  if (attached && failed && news.cloudProviderEndpointId === undefined) replaces.push("cloudProviderEndpointId");
  if (!attached && failed) replaces.push("status");
  if (replaces.length > 0) {
    // The replacement would find the old endpoint by its cloud endpoint id (and Atlas holds one cloud
    // endpoint once), so the old one has to go first.
    const keepsCloudEndpoint =
      typeof news.cloudProviderEndpointId === "string" &&
      !containsUnknown(news.cloudProviderEndpointId) &&
      sameValue(olds.projectId, news.projectId) &&
      sameValue(olds.instanceName, news.instanceName) &&
      sameCloudEndpointId(olds.providerName, olds.cloudProviderEndpointId, news.cloudProviderEndpointId);
    return { changes: true, replaces: [...new Set(replaces)], deleteBeforeReplace: keepsCloudEndpoint };
  }
  const updates = changedKeys(olds, news, ["comment", ...providerOnlyKeys]);
  return { changes: updates.length > 0 || attachmentChanges.length > 0 || failed };
}

export const serverlessPrivateEndpointProvider: ResourceProviderImplementation = {
  check,
  diff,
  create,
  read,
  update,
  delete: remove,
};
