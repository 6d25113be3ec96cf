/**
 * Lookups: functions a program calls to read what already exists in Atlas (Terraform issues #1525 and #1872:
 * find the service of a region, share one service between stacks; `pulumi import` cannot work for dynamic
 * resources). Like Pulumi's own `getX` / `getXOutput` functions: `getX(args)` returns a Promise of a typed
 * result, `getXOutput(args)` takes Inputs and returns an Output, to pass to resources. A lookup that finds
 * nothing throws, saying what it looked for; other errors are the client's (method, path, status, Atlas's
 * code), never a credential.
 */
import * as pulumi from "@pulumi/pulumi";
import { isNotFound, type AtlasClient, type CloudProvider } from "../client";
import type {
  BaseNetworkPeeringConnectionSettingsResponse,
  CloudProviderContainerResponse,
  EndpointService,
  PrivateLinkEndpoint,
} from "../client/wire";
import { toAtlasRegion } from "../resources/shared/regions";
import { lookupClient } from "./client";

/** Each field of `T` as a Pulumi Input, for the `…Output` variants. */
export type LookupInputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

const atlasId = /^[a-f0-9]{24}$/;
const providers: readonly CloudProvider[] = ["AWS", "AZURE", "GCP"];

function requireAtlasId(field: string, value: string, what: string): void {
  if (!atlasId.test(value)) {
    throw new Error(
      `${field} ${JSON.stringify(value)} is not valid: it must be the 24-character lowercase hexadecimal id of the ${what}`,
    );
  }
}

function requireProvider(value: string): CloudProvider {
  if (!providers.includes(value as CloudProvider)) {
    throw new Error(`providerName ${JSON.stringify(value)} is not valid: it must be one of "AWS", "AZURE", "GCP"`);
  }
  return value as CloudProvider;
}

function atlasRegion(provider: CloudProvider, region: string): string {
  const atlas = toAtlasRegion(provider, region);
  if (atlas === undefined) throw new Error(`region ${JSON.stringify(region)} is not an Atlas ${provider} region name`);
  return atlas;
}

/** Runs `read`; a 404 becomes the lookup's "found nothing" message. */
async function orNotFound<T>(read: () => Promise<T>, nothing: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) throw new Error(`${nothing} (Atlas answered 404)`, { cause: error });
    throw error;
  }
}

function output<Args, Result>(lookup: (args: Args) => Promise<Result>) {
  return (args: LookupInputs<Args>): pulumi.Output<Result> =>
    pulumi.output(args).apply((resolved) => lookup(resolved as Args)) as pulumi.Output<Result>;
}

// ---- private endpoint services ----------------------------------------------------------------------------

/** An endpoint service as Atlas reports it, with the ids a program passes on. */
export type PrivateEndpointServiceLookup = EndpointService & { projectId: string; endpointServiceId: string };

export interface GetPrivateEndpointServiceArgs {
  projectId: string;
  providerName: "AWS" | "AZURE" | "GCP";
  /** The service's Atlas id; or give `region` instead. */
  endpointServiceId?: string;
  /** The service's region (Atlas form, or AWS form for AWS): Atlas allows one service per provider and region. */
  region?: string;
}

function asServiceLookup(projectId: string, service: EndpointService): PrivateEndpointServiceLookup {
  return { ...service, projectId, endpointServiceId: service.id ?? "" };
}

async function listServices(client: AtlasClient, projectId: string, provider: CloudProvider) {
  return client.endpointServices.list({ groupId: projectId, cloudProvider: provider });
}

/** One private endpoint service, by id or by provider and region. */
export async function getPrivateEndpointService(
  args: GetPrivateEndpointServiceArgs,
): Promise<PrivateEndpointServiceLookup> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  const provider = requireProvider(args.providerName);
  if ((args.endpointServiceId === undefined) === (args.region === undefined)) {
    throw new Error("getPrivateEndpointService needs exactly one of endpointServiceId and region");
  }
  const client = lookupClient();
  if (args.endpointServiceId !== undefined) {
    const id = args.endpointServiceId;
    requireAtlasId("endpointServiceId", id, "private endpoint service");
    const service = await orNotFound(
      () => client.endpointServices.get({ groupId: args.projectId, cloudProvider: provider, endpointServiceId: id }),
      `No ${provider} private endpoint service ${id} in Atlas project ${args.projectId}`,
    );
    return asServiceLookup(args.projectId, service);
  }
  const region = atlasRegion(provider, args.region as string);
  const found = (await listServices(client, args.projectId, provider)).find(
    (service) => typeof service.regionName === "string" && toAtlasRegion(provider, service.regionName) === region,
  );
  if (!found)
    throw new Error(`No ${provider} private endpoint service in region ${region} of Atlas project ${args.projectId}`);
  return asServiceLookup(args.projectId, found);
}
export const getPrivateEndpointServiceOutput = output(getPrivateEndpointService);

export interface GetPrivateEndpointServicesArgs {
  projectId: string;
  providerName: "AWS" | "AZURE" | "GCP";
}

export interface GetPrivateEndpointServicesResult {
  projectId: string;
  providerName: "AWS" | "AZURE" | "GCP";
  services: PrivateEndpointServiceLookup[];
}

/** A project's private endpoint services of one provider (none is an empty list, not an error). */
export async function getPrivateEndpointServices(
  args: GetPrivateEndpointServicesArgs,
): Promise<GetPrivateEndpointServicesResult> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  const provider = requireProvider(args.providerName);
  const services = await listServices(lookupClient(), args.projectId, provider);
  return {
    projectId: args.projectId,
    providerName: provider,
    services: services.map((s) => asServiceLookup(args.projectId, s)),
  };
}
export const getPrivateEndpointServicesOutput = output(getPrivateEndpointServices);

// ---- registrations ------------------------------------------------------------------------------------------

/** A registration as Atlas reports it, with the ids a program passes on. */
export type PrivateEndpointRegistrationLookup = PrivateLinkEndpoint & {
  projectId: string;
  endpointServiceId: string;
  endpointId: string;
};

export interface GetPrivateEndpointRegistrationArgs {
  projectId: string;
  providerName: "AWS" | "AZURE" | "GCP";
  endpointServiceId: string;
  /** The vpce id (AWS), the private endpoint's resource id (Azure), the endpoint group name (GCP). */
  endpointId: string;
}

export async function getPrivateEndpointRegistration(
  args: GetPrivateEndpointRegistrationArgs,
): Promise<PrivateEndpointRegistrationLookup> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  requireAtlasId("endpointServiceId", args.endpointServiceId, "private endpoint service");
  const provider = requireProvider(args.providerName);
  const registration = await orNotFound(
    () =>
      lookupClient().endpointRegistrations.get({
        groupId: args.projectId,
        cloudProvider: provider,
        endpointServiceId: args.endpointServiceId,
        endpointId: args.endpointId,
      }),
    `No endpoint ${args.endpointId} registered with ${provider} private endpoint service ${args.endpointServiceId} in ` +
      `Atlas project ${args.projectId}`,
  );
  return {
    ...registration,
    projectId: args.projectId,
    endpointServiceId: args.endpointServiceId,
    endpointId: args.endpointId,
  };
}
export const getPrivateEndpointRegistrationOutput = output(getPrivateEndpointRegistration);

// ---- containers -----------------------------------------------------------------------------------------------

export type NetworkContainerLookup = CloudProviderContainerResponse & { projectId: string; containerId: string };

export interface GetNetworkContainerArgs {
  projectId: string;
  /** The container's Atlas id; or give providerName (and region for AWS and Azure) instead. */
  containerId?: string;
  providerName?: "AWS" | "AZURE" | "GCP";
  /** AWS and Azure: the container's region. GCP: one of its regions, or omitted (one GCP container per project). */
  region?: string;
}

function asContainerLookup(projectId: string, container: CloudProviderContainerResponse): NetworkContainerLookup {
  return { ...container, projectId, containerId: container.id ?? "" };
}

function containerRegionMatches(container: CloudProviderContainerResponse, region: string | undefined): boolean {
  if (region === undefined) return true;
  switch (container.providerName) {
    case "AWS":
      return container.regionName === region;
    case "AZURE":
      return container.region === region;
    case "GCP":
      return (container.regions ?? []).length === 0 || (container.regions as string[]).includes(region);
  }
}

/** One network container, by id or by provider and region. */
export async function getNetworkContainer(args: GetNetworkContainerArgs): Promise<NetworkContainerLookup> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  const client = lookupClient();
  if (args.containerId !== undefined) {
    const id = args.containerId;
    requireAtlasId("containerId", id, "network container");
    const container = await orNotFound(
      () => client.containers.get({ groupId: args.projectId, containerId: id }),
      `No network container ${id} in Atlas project ${args.projectId}`,
    );
    return asContainerLookup(args.projectId, container);
  }
  if (args.providerName === undefined)
    throw new Error("getNetworkContainer needs containerId, or providerName (and region)");
  const provider = requireProvider(args.providerName);
  if (provider !== "GCP" && args.region === undefined) {
    throw new Error(`getNetworkContainer needs the region of the ${provider} container (one per region)`);
  }
  const region = args.region === undefined ? undefined : atlasRegion(provider, args.region);
  const found = (await client.containers.list({ groupId: args.projectId, providerName: provider })).find((c) =>
    containerRegionMatches(c, region),
  );
  if (!found) {
    throw new Error(
      `No ${provider} network container${region ? ` for region ${region}` : ""} in Atlas project ${args.projectId}`,
    );
  }
  return asContainerLookup(args.projectId, found);
}
export const getNetworkContainerOutput = output(getNetworkContainer);

export interface GetNetworkContainersArgs {
  projectId: string;
  /** Omitted: every provider's containers. */
  providerName?: "AWS" | "AZURE" | "GCP";
}

export interface GetNetworkContainersResult {
  projectId: string;
  containers: NetworkContainerLookup[];
}

export async function getNetworkContainers(args: GetNetworkContainersArgs): Promise<GetNetworkContainersResult> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  const client = lookupClient();
  const containers =
    args.providerName === undefined
      ? await client.containers.listAll({ groupId: args.projectId })
      : await client.containers.list({ groupId: args.projectId, providerName: requireProvider(args.providerName) });
  return { projectId: args.projectId, containers: containers.map((c) => asContainerLookup(args.projectId, c)) };
}
export const getNetworkContainersOutput = output(getNetworkContainers);

// ---- peers --------------------------------------------------------------------------------------------------

export type NetworkPeerLookup = BaseNetworkPeeringConnectionSettingsResponse & { projectId: string; peerId: string };

export interface GetNetworkPeerArgs {
  projectId: string;
  peerId: string;
}

export async function getNetworkPeer(args: GetNetworkPeerArgs): Promise<NetworkPeerLookup> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  requireAtlasId("peerId", args.peerId, "network peering connection");
  const peer = await orNotFound(
    () => lookupClient().peers.get({ groupId: args.projectId, peerId: args.peerId }),
    `No network peering connection ${args.peerId} in Atlas project ${args.projectId}`,
  );
  return { ...peer, projectId: args.projectId, peerId: args.peerId };
}
export const getNetworkPeerOutput = output(getNetworkPeer);

export interface GetNetworkPeersArgs {
  projectId: string;
  /** Omitted: every provider's peers (Atlas lists one provider per call; without one it lists AWS only). */
  providerName?: "AWS" | "AZURE" | "GCP";
}

export interface GetNetworkPeersResult {
  projectId: string;
  peers: NetworkPeerLookup[];
}

export async function getNetworkPeers(args: GetNetworkPeersArgs): Promise<GetNetworkPeersResult> {
  requireAtlasId("projectId", args.projectId, "Atlas project");
  const client = lookupClient();
  const wanted = args.providerName === undefined ? providers : [requireProvider(args.providerName)];
  const peers: NetworkPeerLookup[] = [];
  for (const provider of wanted) {
    for (const peer of await client.peers.list({ groupId: args.projectId, providerName: provider })) {
      peers.push({ ...peer, projectId: args.projectId, peerId: peer.id ?? "" });
    }
  }
  return { projectId: args.projectId, peers };
}
export const getNetworkPeersOutput = output(getNetworkPeers);
