/**
 * The PrivateEndpointRegistration implementation the serialized provider loads at run time (runtime.ts), on the
 * shared life cycle (shared/lifecycle.ts). How Atlas treats it: docs/simulator.md, "Private endpoint registrations and the regional mode".
 *
 * How Atlas treats it: the user's cloud endpoint registered with an endpoint service, known by the cloud
 * endpoint's id (`endpointId`: vpce id, Azure resource id, GCP group name; with port mapping the forwarding
 * rule's name). That id within the service is the natural key: create GETs it first (404 = none), so a lost POST
 * answer or an earlier run's registration is found instead of ending in Atlas's duplicate 409.
 * POST → AWS PENDING_ACCEPTANCE → PENDING → AVAILABLE or REJECTED; Azure (no status yet) → INITIATING →
 * AVAILABLE or FAILED; GCP INITIATING/VERIFIED → AVAILABLE or FAILED. DELETE → deleteRequested, DELETING → 404.
 * Atlas has no update: every change replaces (states.ts, schema.ts).
 *
 * Two Atlas behaviours shape the delete (docs/simulator.md, "Private endpoint registrations and the regional mode", 5.6): removing a service's last endpoint removes the
 * service too (AWS at least), and every tool avoids deleting a service that still has endpoints. So a
 * replacement is made before the old one goes, except when the new one has the same id in the same service
 * (Atlas would refuse the duplicate): then the old one goes first, and that delete refuses when it would take an
 * AWS service with it (see `planDeleteFirst`). A plain delete of a last endpoint warns, naming the service.
 */
import { isNotFound, type CloudProvider } from "../../client";
import type { CreateEndpointRequest, EndpointService, PrivateLinkEndpoint } from "../../client/wire";
import { typicalDurations, waitUntilSettled } from "../../poller";
import { classifyEndpointService } from "../private-endpoint-service/states";
import { defineResource, type OperationContext, type Outputs } from "../shared/lifecycle";
import { withoutNullish, withoutUndefined } from "../shared/outputs";
import { isCloudProvider } from "../shared/regions";
import { containsUnknown } from "../shared/unknowns";
import { privateEndpointRegistrationOutputs } from "./outputs";
import { registeredEndpoints, sameEndpointId, servicesRemovedWithLastEndpoint } from "./registered-endpoints";
import type { PrivateEndpointRegistrationInputs } from "./schema";
import { classifyRegistration, isBeingDeleted, registrationStatusOf } from "./states";

const label = "private endpoint registration";

interface RegistrationAddress {
  projectId: string;
  providerName: CloudProvider;
  endpointServiceId: string;
}

/** The inputs that name the cloud endpoint and its registration; Atlas can change none of them. */
const registrationFields = [
  "vpcEndpointId",
  "privateEndpointResourceId",
  "privateEndpointIpAddress",
  "gcpProjectId",
  "endpointGroupName",
  "endpoints",
] as const;

function serviceLabel(where: RegistrationAddress): string {
  return `${where.providerName} private endpoint service ${where.endpointServiceId} (project ${where.projectId})`;
}

/**
 * The id Atlas gives the registration for these inputs. GCP: the group's name, which with port mapping is the
 * one forwarding rule's name (spec: endpointGroupName "is the private endpoint name"; Terraform passes it so).
 */
function endpointIdFor(inputs: Outputs, portMapped: boolean): string | undefined {
  switch (inputs.providerName) {
    case "AWS":
      return inputs.vpcEndpointId as string | undefined;
    case "AZURE":
      return inputs.privateEndpointResourceId as string | undefined;
    case "GCP": {
      const endpoints = inputs.endpoints as { endpointName?: string }[] | undefined;
      const first = Array.isArray(endpoints) ? endpoints[0]?.endpointName : undefined;
      return portMapped ? first : ((inputs.endpointGroupName as string | undefined) ?? first);
    }
    default:
      return undefined;
  }
}

function idOfRemote(remote: PrivateLinkEndpoint): string | undefined {
  switch (remote.cloudProvider) {
    case "AWS":
      return remote.interfaceEndpointId ?? undefined;
    case "AZURE":
      return remote.privateEndpointResourceId ?? undefined;
    case "GCP":
      return remote.endpointGroupName ?? undefined;
  }
}

function createBody(inputs: PrivateEndpointRegistrationInputs): CreateEndpointRequest {
  // No cloudProvider in the body: Atlas takes it from the path, and Terraform, the operator and the CLI never send it.
  switch (inputs.providerName) {
    case "AWS":
      return { id: inputs.vpcEndpointId };
    case "AZURE":
      return { id: inputs.privateEndpointResourceId, privateEndpointIPAddress: inputs.privateEndpointIpAddress };
    case "GCP":
      return {
        gcpProjectId: inputs.gcpProjectId,
        endpointGroupName: inputs.endpointGroupName ?? inputs.endpoints[0]!.endpointName,
        endpoints: inputs.endpoints.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress })),
      };
  }
}

/** What Atlas computed, per provider (outputs.ts). */
function computedOutputs(
  remote: PrivateLinkEndpoint,
): Record<keyof typeof privateEndpointRegistrationOutputs, unknown> {
  return {
    endpointId: idOfRemote(remote) ?? null,
    status: registrationStatusOf(remote),
    errorMessage: remote.errorMessage ?? null,
    deleteRequested: remote.deleteRequested ?? false,
    privateEndpointConnectionName:
      remote.cloudProvider === "AZURE" ? (remote.privateEndpointConnectionName ?? null) : undefined,
    endpointStatuses:
      remote.cloudProvider === "GCP"
        ? (remote.endpoints ?? []).map((endpoint) => withoutNullish({ ...endpoint }))
        : undefined,
    portMappingEnabled: remote.cloudProvider === "GCP" ? (remote.portMappingEnabled ?? false) : undefined,
  };
}

/** The inputs as Atlas has them (what a refresh compares with the program). */
function inputsOf(remote: PrivateLinkEndpoint, props: Outputs, where: RegistrationAddress): Outputs {
  const common: Outputs = { ...where };
  switch (remote.cloudProvider) {
    case "AWS":
      return { ...common, vpcEndpointId: remote.interfaceEndpointId ?? props.vpcEndpointId };
    case "AZURE": {
      // Azure resource ids are case-insensitive: keep the declared spelling when Atlas's differs only in case.
      const declared = props.privateEndpointResourceId;
      const atlas = remote.privateEndpointResourceId;
      const sameId =
        typeof declared === "string" && typeof atlas === "string" && sameEndpointId("AZURE", declared, atlas);
      return {
        ...common,
        privateEndpointResourceId: sameId ? declared : (atlas ?? declared),
        privateEndpointIpAddress: remote.privateEndpointIPAddress ?? props.privateEndpointIpAddress,
      };
    }
    case "GCP":
      return withoutUndefined({
        ...common,
        gcpProjectId: remote.gcpProjectId ?? props.gcpProjectId,
        // With port mapping Atlas reports the rule's name as the group's: the declared name (or none) stays.
        endpointGroupName: remote.portMappingEnabled
          ? props.endpointGroupName
          : (remote.endpointGroupName ?? undefined),
        endpoints: (remote.endpoints ?? []).map((e) => ({ endpointName: e.endpointName, ipAddress: e.ipAddress })),
      });
  }
}

/**
 * The service, settled: a registration needs a built service (Atlas answers 409 before), and a GCP service's
 * attachments, which fix how many forwarding rules to register, exist only then.
 */
async function settledService(op: OperationContext, where: RegistrationAddress): Promise<EndpointService> {
  const read = (signal?: AbortSignal) =>
    op.client.endpointServices.get(
      { groupId: where.projectId, cloudProvider: where.providerName, endpointServiceId: where.endpointServiceId },
      signal ? { signal } : op.call(),
    );
  let service: EndpointService;
  try {
    service = await read();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new Error(
      `The ${serviceLabel(where)} does not exist in Atlas (of this provider, in this project): endpointServiceId must be ` +
        `the endpointServiceId output of a PrivateEndpointService of provider ${where.providerName}. If that service ` +
        `was deleted outside Pulumi (or went with its last endpoint), \`pulumi refresh\` drops it and \`pulumi up\` makes it again.`,
      { cause: error },
    );
  }
  if (classifyEndpointService(service).phase === "transitional") {
    service = await waitUntilSettled({
      describe: serviceLabel(where),
      read: (signal) => read(signal).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e))),
      classify: (s) => classifyEndpointService(s),
      timeoutMs: Math.max(1, op.remainingMs()),
      schedule: op.poll.schedule,
      logger: op.logger,
      signal: op.run.signal,
    });
  }
  if (classifyEndpointService(service).phase === "failed") {
    throw new Error(
      `Cannot register an endpoint with the ${serviceLabel(where)}: it is FAILED (${service.errorMessage ?? "no message"}). ` +
        `Replace the service first (\`pulumi up --replace <service urn>\`).`,
    );
  }
  return service;
}

/**
 * GCP: Atlas needs exactly one forwarding rule with port mapping and one per service attachment without (research
 * note 5.2). Preview cannot know the service's attachments (check makes no call), so this runs at create, before
 * any write.
 */
function checkEndpointCount(inputs: PrivateEndpointRegistrationInputs, service: EndpointService): void {
  if (inputs.providerName !== "GCP" || service.cloudProvider !== "GCP") return;
  const portMapped = service.portMappingEnabled ?? false;
  const attachments = service.serviceAttachmentNames ?? [];
  const expected = portMapped ? 1 : attachments.length;
  if (inputs.endpoints.length === expected) return;
  const why = portMapped
    ? "it uses port mapping, so Atlas takes exactly 1 forwarding rule (targeting its one service attachment)"
    : `it has ${attachments.length} service attachments, and Atlas takes one forwarding rule per attachment (each rule's target is one of the service's serviceAttachmentNames)`;
  throw new Error(
    `endpoints lists ${inputs.endpoints.length} forwarding rules, but the GCP private endpoint service ` +
      `${inputs.endpointServiceId} needs ${expected}: ${why}. Nothing was sent to Atlas.`,
  );
}

// ---- replacement ---------------------------------------------------------------------------------------

/**
 * The registrations this process's diffs planned to replace delete-first (same service, same endpoint id).
 * Diff and the delete that follows run in the same provider process; a plain delete (destroy, or the resource
 * removed from the program) is not in the set. Module-level on purpose: it must outlive one RunContext.
 */
const plannedDeleteFirst = new Set<string>();

function replacementKey(projectId: unknown, endpointServiceId: unknown, endpointId: unknown): string {
  return `${String(projectId)}|${String(endpointServiceId)}|${String(endpointId).toLowerCase()}`;
}

/**
 * Pulumi replaces create-before-delete by default, which never strips a service of its last endpoint. But a
 * replacement with the same endpoint id in the same service would hit Atlas's duplicate 409, so that one goes
 * delete-first, and its delete refuses if it would take the service with it. Unknown values (preview): the
 * default order; the diff of `pulumi up` sees them known.
 */
function planDeleteFirst(olds: Outputs, news: Outputs): boolean {
  if (containsUnknown(news.projectId) || containsUnknown(news.endpointServiceId)) return false;
  const newId = containsUnknown(news) ? undefined : endpointIdFor(news, olds.portMappingEnabled === true);
  const oldId =
    typeof olds.endpointId === "string" ? olds.endpointId : endpointIdFor(olds, olds.portMappingEnabled === true);
  const provider = olds.providerName;
  const same =
    newId !== undefined &&
    oldId !== undefined &&
    isCloudProvider(provider) &&
    news.providerName === provider &&
    news.projectId === olds.projectId &&
    news.endpointServiceId === olds.endpointServiceId &&
    sameEndpointId(provider, newId, oldId);
  if (same) plannedDeleteFirst.add(replacementKey(olds.projectId, olds.endpointServiceId, oldId));
  return same;
}

/**
 * Before the DELETE: a registration Atlas is already removing is waited out (no second DELETE), and the last
 * endpoint of a service Atlas removes with it is deleted with a warning, or refused when a replacement planned
 * to register the same endpoint again right after (the service would be gone by then).
 */
async function removeRegistration(op: OperationContext, where: RegistrationAddress, id: string): Promise<void> {
  const params = {
    groupId: where.projectId,
    cloudProvider: where.providerName,
    endpointServiceId: where.endpointServiceId,
  };
  const current = await op.client.endpointRegistrations.get({ ...params, endpointId: id }, op.call());
  const describe = describeRegistration(where, id);
  if (isBeingDeleted(current)) {
    op.logger.info(`${describe}: Atlas is deleting it already (deleteRequested); waiting for it to be gone`);
    return;
  }
  const service = await op.client.endpointServices
    .get(
      { groupId: where.projectId, cloudProvider: where.providerName, endpointServiceId: where.endpointServiceId },
      op.call(),
    )
    .catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
  if (service && servicesRemovedWithLastEndpoint.includes(where.providerName)) {
    const others = await registeredEndpoints(op, where, service, id);
    if (others.staying.length === 0) {
      if (plannedDeleteFirst.has(replacementKey(where.projectId, where.endpointServiceId, id))) {
        throw new Error(
          `Refusing to replace ${describe} by deleting it first: it is the last endpoint registered with the ` +
            `${serviceLabel(where)}, and Atlas removes an ${where.providerName} service with its last endpoint, so the ` +
            `replacement (the same endpoint id, which Atlas cannot register twice) would find no service. Register ` +
            `another endpoint with the service first (a second PrivateEndpointRegistration, \`pulumi up\`), then run this ` +
            `change again; or replace the service with it (\`pulumi up --replace <service urn>\`). Nothing was deleted.`,
        );
      }
      op.logger.warn(
        `${describe} is the last endpoint registered with the ${serviceLabel(where)}: Atlas removes the service with ` +
          `it. On \`pulumi destroy\` that is the expected end; in a stack that keeps the service, its next ` +
          `\`pulumi refresh\` shows it gone and \`pulumi up\` creates it again.`,
      );
    }
  }
  await op.client.endpointRegistrations.delete({ ...params, endpointId: id }, op.call());
}

function describeRegistration(where: RegistrationAddress, id?: string): string {
  const place = `${where.providerName}, service ${where.endpointServiceId}, project ${where.projectId}`;
  return id === undefined ? `${label} (${place})` : `${label} ${id} (${place})`;
}

export const privateEndpointRegistrationProvider = defineResource<
  PrivateEndpointRegistrationInputs,
  PrivateLinkEndpoint,
  RegistrationAddress
>({
  label,
  // Loaded at the first check, create or update: a refresh never loads zod.
  schema: () => (require("./schema") as typeof import("./schema")).privateEndpointRegistrationInputsSchema,
  typicalDurations: typicalDurations.privateEndpointRegistration,
  discriminator: "providerName",
  diff: {
    replaceOnChange: ["projectId", "endpointServiceId", "providerName", ...registrationFields],
    updatable: [],
    providerOnly: ["adoptExisting", "timeouts", "poll"],
  },
  deleteBeforeReplace: planDeleteFirst,

  addressOf: (inputs) => ({
    projectId: inputs.projectId,
    providerName: inputs.providerName,
    endpointServiceId: inputs.endpointServiceId,
  }),
  addressFromState({ projectId, providerName, endpointServiceId }) {
    if (typeof projectId !== "string" || typeof endpointServiceId !== "string" || !isCloudProvider(providerName)) {
      return undefined;
    }
    return { projectId, providerName, endpointServiceId };
  },
  describe: describeRegistration,

  get: (op, where, id, signal) =>
    op.client.endpointRegistrations.get(
      {
        groupId: where.projectId,
        cloudProvider: where.providerName,
        endpointServiceId: where.endpointServiceId,
        endpointId: id,
      },
      signal ? { signal } : op.call(),
    ),
  idOf: idOfRemote,
  async findExisting(op, inputs, where) {
    const service = await settledService(op, where);
    checkEndpointCount(inputs, service);
    const portMapped = service.cloudProvider === "GCP" && service.portMappingEnabled === true;
    const endpointId = endpointIdFor(inputs as Outputs, portMapped);
    if (endpointId === undefined) return undefined;
    try {
      return await op.client.endpointRegistrations.get(
        {
          groupId: where.projectId,
          cloudProvider: where.providerName,
          endpointServiceId: where.endpointServiceId,
          endpointId,
        },
        op.call(),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
  isLeaving: isBeingDeleted,
  post: (op, inputs, where) =>
    op.client.endpointRegistrations.create(
      {
        groupId: where.projectId,
        cloudProvider: where.providerName,
        endpointServiceId: where.endpointServiceId,
        body: createBody(inputs),
      },
      op.call(),
    ),
  refuseToAdopt: (inputs, existing) =>
    `The ${inputs.providerName} endpoint ${idOfRemote(existing)} is already registered with private endpoint service ` +
    `${inputs.endpointServiceId} in Atlas project ${inputs.projectId} (status ${registrationStatusOf(existing) ?? "unknown"}). ` +
    `To manage that registration with this resource, set \`adoptExisting: true\` (then \`pulumi destroy\` deletes it ` +
    `too); if another resource or stack manages it, leave it to that one.`,
  checkAdoptable(_op, inputs, existing) {
    const where = {
      projectId: inputs.projectId,
      providerName: inputs.providerName,
      endpointServiceId: inputs.endpointServiceId,
    };
    const atlas = inputsOf(existing, inputs as Outputs, where);
    const differing = registrationFields.filter(
      (field) => JSON.stringify(atlas[field] ?? null) !== JSON.stringify((inputs as Outputs)[field] ?? null),
    );
    if (differing.length === 0) return;
    throw new Error(
      `Cannot adopt ${label} ${idOfRemote(existing)}: Atlas has ${differing
        .map((field) => `${field} ${JSON.stringify(atlas[field])}`)
        .join(", ")}, this resource declares ${differing
        .map((field) => JSON.stringify((inputs as Outputs)[field]))
        .join(
          ", ",
        )}, and Atlas cannot change a registration. Declare what Atlas has, or delete that registration first.`,
    );
  },
  remove: removeRegistration,

  classify: (remote) => classifyRegistration(remote),
  settledInState: (olds) =>
    classifyRegistration({
      cloudProvider: olds.providerName as string,
      connectionStatus: olds.status as string,
      status: olds.status as string,
    }).phase === "settled",
  replaceWhenFailed: (olds) => olds.status === "REJECTED" || olds.status === "FAILED",

  outputsOf: (_op, inputs, remote) => withoutUndefined({ ...inputs, ...computedOutputs(remote) }),
  inputsFromAtlas: (remote, props, where) => inputsOf(remote, props, where),
  readOutputs: (_op, remote, inputs) => withoutUndefined({ ...inputs, ...computedOutputs(remote) }),
});
