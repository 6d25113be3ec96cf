/**
 * The migration path of docs/migration.md, tested: a project whose private networking the bridged provider
 * (@pulumi/mongodbatlas) created is taken over by this package's resources declared with the same inputs and
 * `adoptExisting: true`, without recreating anything. The simulator is seeded with the Atlas objects as the
 * bridged provider leaves them (NetworkContainer, PrivateLinkEndpoint, NetworkPeering accepted in the cloud,
 * and from its v3 releases a serverless endpoint attached to an AWS interface endpoint); our providers then
 * run through the serialized-provider shim, as the engine calls them in the first `pulumi up` after the switch.
 * (Removing the old resources from state, `pulumi state delete` or `retainOnDelete`, touches no Atlas object.)
 */
import type { ResourceKind } from "../../provider/resources/shared/provider-contract";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { providerKey } from "../../provider/resources/shared/check";
import {
  checkedInputs,
  createChecked,
  expectNoSecretLogged,
  fastPoll,
  rejectionOf,
  requestLogMark,
  serializedProviderText,
  startResourceSimulator,
  startRunAgainst,
  stopResourceSimulator,
  writesSince,
  type MemoryLogger,
  type Props,
} from "../support/resource-harness";
import { testGroupId, type RunningSimulator } from "../support/simulator";

type SimKind = "private-endpoint-service" | "serverless-private-endpoint" | "network-peer" | "network-container";

/** One Atlas object the bridged provider made, and our declaration of it. */
interface Migrated {
  name: string;
  kind: ResourceKind;
  /** The seeded Atlas id, once seeded. */
  atlasId: string;
  /** Our inputs: the bridged resource's inputs, renamed where our names differ, plus adoptExisting. */
  inputs: Props;
}

const vpceId = "vpce-0a1b2c3d4e5f60718";

let sim: RunningSimulator;
let logger: MemoryLogger;

beforeAll(async () => {
  sim = await startResourceSimulator();
});

beforeEach(() => {
  sim.control.reset();
  logger = startRunAgainst(sim);
});

afterEach(() => expectNoSecretLogged(logger, sim));

afterAll(() => stopResourceSimulator(sim));

function seed(kind: SimKind, body: Props, extra: { instanceName?: string } = {}): string {
  return sim.control.seedResource({ kind, groupId: testGroupId, body, settled: true, ...extra }).id;
}

/**
 * The project as the bridged provider leaves it. Containers come first (as a bridged stack declares them),
 * so that the endpoint services use them instead of making implicit ones.
 */
function seedBridgedProject(): Migrated[] {
  const common = { projectId: testGroupId, adoptExisting: true, poll: fastPoll };
  const awsContainer = seed("network-container", {
    providerName: "AWS",
    regionName: "US_EAST_1",
    atlasCidrBlock: "10.8.0.0/21",
  });
  const azureContainer = seed("network-container", {
    providerName: "AZURE",
    region: "US_EAST_2",
    atlasCidrBlock: "10.9.0.0/21",
  });
  const gcpContainer = seed("network-container", { providerName: "GCP", atlasCidrBlock: "10.10.0.0/18" });

  const awsService = seed("private-endpoint-service", { providerName: "AWS", region: "US_EAST_1" });
  const azureService = seed("private-endpoint-service", { providerName: "AZURE", region: "US_EAST_2" });
  const gcpService = seed("private-endpoint-service", {
    providerName: "GCP",
    region: "CENTRAL_US",
    portMappingEnabled: true,
  });

  const awsPeer = {
    containerId: awsContainer,
    providerName: "AWS",
    accepterRegionName: "us-east-1",
    awsAccountId: "123456789012",
    routeTableCidrBlock: "10.0.0.0/16",
    vpcId: "vpc-0123456789abcdef0",
  };
  const azurePeer = {
    containerId: azureContainer,
    providerName: "AZURE",
    azureDirectoryId: "35f3fd1e-7a54-4d7b-bd4e-1b4e3b2f0e11",
    azureSubscriptionId: "2c9a5a52-3b61-4a44-8a6b-6f0b7d1d8e22",
    resourceGroupName: "network",
    vnetName: "app",
  };
  const gcpPeer = {
    containerId: gcpContainer,
    providerName: "GCP",
    gcpProjectId: "my-gcp-project",
    networkName: "app-network",
  };
  // Seeded settled: the AWS request was accepted in AWS (aws.ec2.VpcPeeringConnectionAccepter) long ago.
  const awsPeerId = seed("network-peer", awsPeer);
  const azurePeerId = seed("network-peer", azurePeer);
  const gcpPeerId = seed("network-peer", gcpPeer);

  // @pulumi/mongodbatlas v3: PrivatelinkEndpointServerless reserved it, PrivatelinkEndpointServiceServerless attached it.
  sim.control.seedServerlessInstance({ groupId: testGroupId, name: "orders", provider: "AWS" });
  const serverless = seed("serverless-private-endpoint", { comment: "orders app" }, { instanceName: "orders" });
  sim.control.mutateResource(serverless, { cloudProviderEndpointId: vpceId });
  sim.control.forceState(serverless, { status: "AVAILABLE" });

  return [
    {
      name: "aws container",
      kind: "networkContainer",
      atlasId: awsContainer,
      inputs: { ...common, providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
    },
    {
      name: "azure container",
      kind: "networkContainer",
      atlasId: azureContainer,
      inputs: { ...common, providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.9.0.0/21" },
    },
    {
      name: "gcp container",
      kind: "networkContainer",
      atlasId: gcpContainer,
      inputs: { ...common, providerName: "GCP", atlasCidrBlock: "10.10.0.0/18" },
    },
    // PrivateLinkEndpoint took region in either form; ours too.
    {
      name: "aws endpoint service",
      kind: "privateEndpointService",
      atlasId: awsService,
      inputs: { ...common, providerName: "AWS", region: "us-east-1" },
    },
    {
      name: "azure endpoint service",
      kind: "privateEndpointService",
      atlasId: azureService,
      inputs: { ...common, providerName: "AZURE", region: "US_EAST_2" },
    },
    {
      name: "gcp endpoint service",
      kind: "privateEndpointService",
      atlasId: gcpService,
      inputs: { ...common, providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true },
    },
    { name: "aws peer", kind: "networkPeer", atlasId: awsPeerId, inputs: { ...common, ...awsPeer } },
    { name: "azure peer", kind: "networkPeer", atlasId: azurePeerId, inputs: { ...common, ...azurePeer } },
    { name: "gcp peer", kind: "networkPeer", atlasId: gcpPeerId, inputs: { ...common, ...gcpPeer } },
    {
      name: "serverless endpoint",
      kind: "serverlessPrivateEndpoint",
      atlasId: serverless,
      inputs: {
        ...common,
        instanceName: "orders",
        providerName: "AWS",
        comment: "orders app",
        cloudProviderEndpointId: vpceId,
      },
    },
  ];
}

function atlasObjects(): string[] {
  return sim.control
    .getResources({ groupId: testGroupId, includeDeleted: false })
    .map((resource) => `${resource.kind} ${resource.id} ${resource.status}`)
    .sort();
}

/** The first `pulumi up` after the switch: every resource created (adopted) in declaration order. */
async function firstUp(project: Migrated[]): Promise<Map<string, { id: string; news: Props; outs: Props }>> {
  const results = new Map<string, { id: string; news: Props; outs: Props }>();
  for (const resource of project) {
    results.set(resource.name, await createChecked(new AtlasDynamicProvider(resource.kind), resource.inputs));
  }
  return results;
}

test("the first up adopts every object the bridged provider made, keeping its Atlas id, without a POST or any other write", async () => {
  const project = seedBridgedProject();
  const before = atlasObjects();
  const mark = requestLogMark(sim);

  const results = await firstUp(project);

  for (const resource of project)
    expect({ name: resource.name, id: results.get(resource.name)?.id }).toEqual({
      name: resource.name,
      id: resource.atlasId,
    });
  expect(writesSince(sim, mark).map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
  // Nothing was recreated or duplicated: the same objects, in the same states.
  expect(atlasObjects()).toEqual(before);
  // What the cloud side is wired to keeps its value.
  expect(results.get("aws peer")?.outs).toMatchObject({
    status: "AVAILABLE",
    connectionId: expect.stringMatching(/^pcx-/),
  });
  expect(results.get("serverless endpoint")?.outs).toMatchObject({
    status: "AVAILABLE",
    cloudProviderEndpointId: vpceId,
  });
});

test("after the first up, a refresh finds no drift and the next preview plans no change", async () => {
  const project = seedBridgedProject();
  const results = await firstUp(project);
  const mark = requestLogMark(sim);

  for (const resource of project) {
    const shim = new AtlasDynamicProvider(resource.kind);
    const created = results.get(resource.name);
    if (!created) throw new Error(`${resource.name} was not created`);
    const stored = { ...created.outs, [providerKey]: serializedProviderText };
    const read = await shim.read(created.id, stored);
    expect({ name: resource.name, id: read.id }).toEqual({ name: resource.name, id: resource.atlasId });
    const news = await checkedInputs(shim, resource.inputs);
    const diff = await shim.diff(created.id, { ...stored, ...(read.props ?? {}) }, news);
    expect({ name: resource.name, changes: diff.changes, replaces: diff.replaces ?? [] }).toEqual({
      name: resource.name,
      changes: false,
      replaces: [],
    });
  }
  expect(writesSince(sim, mark)).toEqual([]);
});

test("without adoptExisting the first up refuses, naming the existing object and the option, and changes nothing", async () => {
  const project = seedBridgedProject();
  const before = atlasObjects();
  const service = project.find((resource) => resource.name === "aws endpoint service") as Migrated;
  const { adoptExisting: _dropped, ...inputs } = service.inputs;
  const mark = requestLogMark(sim);

  const error = await rejectionOf(createChecked(new AtlasDynamicProvider("privateEndpointService"), inputs));

  expect(error.message).toContain(service.atlasId);
  expect(error.message).toContain("adoptExisting: true");
  expect(writesSince(sim, mark)).toEqual([]);
  expect(atlasObjects()).toEqual(before);
});

test("an input declared differently from the bridged resource is applied in place with a PATCH, never by recreating", async () => {
  const project = seedBridgedProject();
  const service = project.find((resource) => resource.name === "aws endpoint service") as Migrated;
  const mark = requestLogMark(sim);

  const { id, outs } = await createChecked(new AtlasDynamicProvider("privateEndpointService"), {
    ...service.inputs,
    supportedRemoteRegions: ["us-west-2"],
  });

  expect(id).toBe(service.atlasId);
  expect(outs).toMatchObject({ supportedRemoteRegions: ["US_WEST_2"] });
  expect(writesSince(sim, mark).map((entry) => entry.method)).toEqual(["PATCH"]);
});
