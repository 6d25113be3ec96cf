/**
 * Lookups against the simulator, called as a program calls them: credentials from the stack config
 * (`mongodbatlas:*`) or, without it, the environment; the provider's client, so 429 and 5xx are retried.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  getNetworkContainer,
  getNetworkContainers,
  getNetworkPeer,
  getNetworkPeers,
  getPrivateEndpointRegistration,
  getPrivateEndpointRegistrationOutput,
  getPrivateEndpointService,
  getPrivateEndpointServiceOutput,
  getPrivateEndpointServices,
} from "../../provider";
import { resetLookupClients } from "../../provider/lookups/client";
import { rejectionOf, startResourceSimulator, stopResourceSimulator } from "../support/resource-harness";
import { testGroupId, type RunningSimulator } from "../support/simulator";

let sim: RunningSimulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sim = await startResourceSimulator();
});

beforeEach(() => {
  sim.control.reset();
  resetLookupClients();
  process.env.MONGODB_ATLAS_BASE_URL = sim.baseUrl;
  process.env.MONGODB_ATLAS_PUBLIC_KEY = sim.credentials.publicKey;
  process.env.MONGODB_ATLAS_PRIVATE_KEY = sim.credentials.privateKey;
});

afterEach(() => {
  process.env = { ...savedEnv };
  pulumi.runtime.setAllConfig({});
});

afterAll(() => stopResourceSimulator(sim));

function seed(kind: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return sim.control.seedResource({ kind, groupId: testGroupId, body, settled: true, ...extra } as Parameters<
    typeof sim.control.seedResource
  >[0]);
}

function awsService() {
  return seed("private-endpoint-service", { providerName: "AWS", region: "US_EAST_1" });
}

describe("an endpoint service", () => {
  test("is found by provider and region, in either region form, with what a registration needs", async () => {
    const service = awsService();

    for (const region of ["US_EAST_1", "us-east-1"]) {
      const found = await getPrivateEndpointService({ projectId: testGroupId, providerName: "AWS", region });
      expect(found).toMatchObject({
        projectId: testGroupId,
        endpointServiceId: service.id,
        cloudProvider: "AWS",
        status: "AVAILABLE",
      });
      expect(found.cloudProvider === "AWS" && found.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\./);
    }
  });

  test("is found by id", async () => {
    const service = awsService();

    const found = await getPrivateEndpointService({
      projectId: testGroupId,
      providerName: "AWS",
      endpointServiceId: service.id,
    });

    expect(found.endpointServiceId).toBe(service.id);
  });

  test("not found says what was looked for", async () => {
    awsService();

    const byRegion = await rejectionOf(
      getPrivateEndpointService({ projectId: testGroupId, providerName: "AWS", region: "EU_WEST_1" }),
    );
    const byId = await rejectionOf(
      getPrivateEndpointService({
        projectId: testGroupId,
        providerName: "AZURE",
        endpointServiceId: "65a1b2c3d4e5f60718293a4b",
      }),
    );

    expect(byRegion.message).toBe(
      `No AWS private endpoint service in region EU_WEST_1 of Atlas project ${testGroupId}`,
    );
    expect(byId.message).toContain(
      `No AZURE private endpoint service 65a1b2c3d4e5f60718293a4b in Atlas project ${testGroupId}`,
    );
  });

  test("a bad project id is refused before any call", async () => {
    const error = await rejectionOf(
      getPrivateEndpointService({ projectId: "my-project", providerName: "AWS", region: "US_EAST_1" }),
    );

    expect(error.message).toContain('projectId "my-project" is not valid');
    expect(sim.control.getRequestLog()).toEqual([]);
  });

  test("lists of a project per provider, empty when there are none", async () => {
    awsService();
    seed("private-endpoint-service", { providerName: "AWS", region: "US_WEST_2" });

    const aws = await getPrivateEndpointServices({ projectId: testGroupId, providerName: "AWS" });
    const gcp = await getPrivateEndpointServices({ projectId: testGroupId, providerName: "GCP" });

    expect(aws.services.map((s) => s.regionName).sort()).toEqual(["US_EAST_1", "US_WEST_2"]);
    expect(gcp.services).toEqual([]);
  });

  test("as an Output, from Inputs, passes on to what a program declares", async () => {
    const service = awsService();

    const id = await new Promise<string>((resolve) =>
      getPrivateEndpointServiceOutput({
        projectId: pulumi.output(testGroupId),
        providerName: "AWS",
        region: Promise.resolve("US_EAST_1"),
      }).endpointServiceId.apply((value) => {
        resolve(value);
        return value;
      }),
    );

    expect(id).toBe(service.id);
  });
});

describe("faults are absorbed by the client's retries", () => {
  test("429 twice, then the answer", async () => {
    awsService();
    sim.control.addFault({ kind: "error", status: 429, count: 2, retryAfterSeconds: 0, match: { method: "GET" } });

    const found = await getPrivateEndpointServices({ projectId: testGroupId, providerName: "AWS" });

    expect(found.services).toHaveLength(1);
    expect(sim.control.getRequestLog().filter((entry) => entry.status === 429)).toHaveLength(2);
  });

  test("503 and 500, then the answer", async () => {
    const service = awsService();
    sim.control.addFault({ kind: "error", status: 503, count: 1, retryAfterSeconds: 0, match: { method: "GET" } });
    sim.control.addFault({ kind: "error", status: 500, count: 1, match: { method: "GET" } });

    const found = await getPrivateEndpointService({
      projectId: testGroupId,
      providerName: "AWS",
      endpointServiceId: service.id,
    });

    expect(found.endpointServiceId).toBe(service.id);
    expect(sim.control.getRequestLog().filter((entry) => (entry.status ?? 0) >= 500).length).toBeGreaterThanOrEqual(2);
  });
});

describe("a registration", () => {
  test("is found by service and endpoint id, and not found says which", async () => {
    const service = awsService();
    seed("private-endpoint-registration", { id: "vpce-0123456789abcdef0" }, { endpointServiceId: service.id });

    const found = await getPrivateEndpointRegistration({
      projectId: testGroupId,
      providerName: "AWS",
      endpointServiceId: service.id,
      endpointId: "vpce-0123456789abcdef0",
    });
    const missing = await rejectionOf(
      getPrivateEndpointRegistration({
        projectId: testGroupId,
        providerName: "AWS",
        endpointServiceId: service.id,
        endpointId: "vpce-0123456789abcdef1",
      }),
    );

    expect(found).toMatchObject({
      cloudProvider: "AWS",
      connectionStatus: "AVAILABLE",
      endpointId: "vpce-0123456789abcdef0",
    });
    expect(missing.message).toContain(
      `No endpoint vpce-0123456789abcdef1 registered with AWS private endpoint service ${service.id}`,
    );
  });

  test("an Azure one, by its resource id, as an Output", async () => {
    const service = seed("private-endpoint-service", { providerName: "AZURE", region: "US_EAST_2" });
    const id =
      "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/network/providers/Microsoft.Network/privateEndpoints/atlas";
    seed(
      "private-endpoint-registration",
      { id, privateEndpointIPAddress: "10.0.0.4" },
      { endpointServiceId: service.id },
    );

    const status = await new Promise<unknown>((resolve) =>
      getPrivateEndpointRegistrationOutput({
        projectId: testGroupId,
        providerName: "AZURE",
        endpointServiceId: service.id,
        endpointId: id,
      }).apply((found) => resolve(found.cloudProvider === "AZURE" ? found.status : undefined)),
    );

    expect(status).toBe("AVAILABLE");
  });
});

describe("containers and peers", () => {
  test("a container by provider and region, and the project's list", async () => {
    const container = seed("network-container", {
      providerName: "AWS",
      regionName: "US_EAST_2",
      atlasCidrBlock: "10.8.0.0/21",
    });

    const found = await getNetworkContainer({ projectId: testGroupId, providerName: "AWS", region: "us-east-2" });
    const all = await getNetworkContainers({ projectId: testGroupId });
    const missing = await rejectionOf(
      getNetworkContainer({ projectId: testGroupId, providerName: "AWS", region: "US_WEST_1" }),
    );

    expect(found).toMatchObject({ containerId: container.id, atlasCidrBlock: "10.8.0.0/21" });
    expect(all.containers.map((c) => c.containerId)).toContain(container.id);
    expect(missing.message).toBe(`No AWS network container for region US_WEST_1 in Atlas project ${testGroupId}`);
  });

  test("a peer by id, the project's list, and a missing peer named", async () => {
    const container = seed("network-container", {
      providerName: "AWS",
      regionName: "US_EAST_1",
      atlasCidrBlock: "10.8.0.0/21",
    });
    const peer = seed("network-peer", {
      providerName: "AWS",
      containerId: container.id,
      accepterRegionName: "us-east-1",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "10.0.0.0/16",
      vpcId: "vpc-0123456789abcdef0",
    });

    const found = await getNetworkPeer({ projectId: testGroupId, peerId: peer.id });
    const all = await getNetworkPeers({ projectId: testGroupId });
    const missing = await rejectionOf(getNetworkPeer({ projectId: testGroupId, peerId: "65a1b2c3d4e5f60718293a4b" }));

    expect(found).toMatchObject({ peerId: peer.id, providerName: "AWS" });
    expect(all.peers.map((p) => p.peerId)).toEqual([peer.id]);
    expect(missing.message).toContain(
      `No network peering connection 65a1b2c3d4e5f60718293a4b in Atlas project ${testGroupId}`,
    );
  });
});

describe("credentials", () => {
  test("come from the stack config first", async () => {
    awsService();
    pulumi.runtime.setAllConfig({
      "mongodbatlas:baseUrl": sim.baseUrl,
      "mongodbatlas:publicKey": sim.credentials.publicKey,
      "mongodbatlas:privateKey": sim.credentials.privateKey,
    });
    process.env.MONGODB_ATLAS_PUBLIC_KEY = "not-the-key";
    process.env.MONGODB_ATLAS_PRIVATE_KEY = "not-the-secret";

    const found = await getPrivateEndpointServices({ projectId: testGroupId, providerName: "AWS" });

    expect(found.services).toHaveLength(1);
  });

  test("that are wrong fail without showing the secret", async () => {
    process.env.MONGODB_ATLAS_PRIVATE_KEY = "a-wrong-private-key";

    const error = await rejectionOf(getPrivateEndpointServices({ projectId: testGroupId, providerName: "AWS" }));

    expect(error.message).toMatch(/401/);
    expect(error.message).not.toContain("a-wrong-private-key");
  });
});
