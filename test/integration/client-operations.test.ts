/**
 * The typed groups of the client against the simulator over real HTTP: every operation of the
 * table, pagination to the end, and what each client owns.
 */
import { isNotFound, operations, type AtlasClient } from "../../provider/client";
import { closeAllAtlasClients, createAtlasClient } from "../support/clients";
import { startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

const groupId = testGroupId;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("typed operations", () => {
  let sim: RunningSimulator;
  let atlas: AtlasClient;

  beforeEach(async () => {
    sim = await startTestSimulator({ rateLimit: false });
    atlas = createAtlasClient({
      baseUrl: sim.baseUrl,
      credentials: {
        kind: "serviceAccount",
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
      },
    });
  });

  afterEach(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  test("every operation in the table is declared with the 2023-01-01 media type and its retry policy", () => {
    for (const spec of Object.values(operations)) {
      expect(spec.mediaType).toBe("application/vnd.atlas.2023-01-01+json");
      expect(spec.path.startsWith("/api/atlas/v2/groups/{groupId}")).toBe(true);
      expect(spec.retry).toBe(spec.method === "GET" ? "read" : spec.method === "POST" ? "create" : "idempotent");
    }
    expect(Object.keys(operations)).toHaveLength(26);
  });

  test("an endpoint service goes through create, list, get, update and delete", async () => {
    const created = await atlas.endpointServices.create({
      groupId,
      body: { providerName: "AWS", region: "US_EAST_1" },
    });
    expect(created.cloudProvider).toBe("AWS");
    const id = created.id!;
    const settled = await eventually(
      () => atlas.endpointServices.get({ groupId, cloudProvider: "AWS", endpointServiceId: id }),
      (service) => service.status === "AVAILABLE",
    );
    expect(settled.status).toBe("AVAILABLE");
    expect((await atlas.endpointServices.list({ groupId, cloudProvider: "AWS" })).map((s) => s.id)).toEqual([id]);

    const updated = await atlas.endpointServices.update({
      groupId,
      endpointServiceId: id,
      body: { cloudProvider: "AWS", supportedRemoteRegions: ["EU_WEST_1"] },
    });
    expect(updated.cloudProvider === "AWS" && updated.supportedRemoteRegions).toEqual(["EU_WEST_1"]);

    await atlas.endpointServices.delete({ groupId, cloudProvider: "AWS", endpointServiceId: id });
    const gone = await eventually(
      () =>
        atlas.endpointServices
          .get({ groupId, cloudProvider: "AWS", endpointServiceId: id })
          .then(() => false, isNotFound),
      (isGone) => isGone,
    );
    expect(gone).toBe(true);
  });

  test("a serverless private endpoint goes through create, list, get, update and delete", async () => {
    sim.control.seedServerlessInstance({ groupId, name: "serverless-1", provider: "AWS" });
    const created = await atlas.serverlessEndpoints.create({
      groupId,
      instanceName: "serverless-1",
      body: { comment: "app" },
    });
    expect(created.providerName).toBe("AWS");
    const endpointId = created._id!;
    await eventually(
      () => atlas.serverlessEndpoints.get({ groupId, instanceName: "serverless-1", endpointId }),
      (endpoint) => endpoint.status === "RESERVED",
    );
    expect(await atlas.serverlessEndpoints.list({ groupId, instanceName: "serverless-1" })).toHaveLength(1);
    const updated = await atlas.serverlessEndpoints.update({
      groupId,
      instanceName: "serverless-1",
      endpointId,
      body: { providerName: "AWS", cloudProviderEndpointId: "vpce-0123456789abcdef0", comment: "app" },
    });
    expect(updated.cloudProviderEndpointId).toBe("vpce-0123456789abcdef0");
    await atlas.serverlessEndpoints.delete({ groupId, instanceName: "serverless-1", endpointId });
  });

  test("a container and a peer go through create, get, update and delete", async () => {
    const container = await atlas.containers.create({
      groupId,
      body: { providerName: "AWS", atlasCidrBlock: "10.8.0.0/21", regionName: "US_EAST_1" },
    });
    const containerId = container.id!;
    expect((await atlas.containers.get({ groupId, containerId })).providerName).toBe("AWS");
    const peerBody = {
      providerName: "AWS" as const,
      containerId,
      accepterRegionName: "us-east-1",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "192.168.0.0/24",
      vpcId: "vpc-0123456789abcdef0",
    };
    const peer = await atlas.peers.create({ groupId, body: peerBody });
    const peerId = peer.id!;
    expect((await atlas.peers.get({ groupId, peerId })).containerId).toBe(containerId);
    const updated = await atlas.peers.update({
      groupId,
      peerId,
      body: { ...peerBody, routeTableCidrBlock: "192.168.1.0/24" },
    });
    expect(updated.providerName === "AWS" && updated.routeTableCidrBlock).toBe("192.168.1.0/24");
    await atlas.peers.delete({ groupId, peerId });
    await eventually(
      () => atlas.peers.get({ groupId, peerId }).then(() => false, isNotFound),
      (isGone) => isGone,
    );
    await atlas.containers.delete({ groupId, containerId });
    const afterDelete = await atlas.containers.get({ groupId, containerId }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isNotFound(afterDelete)).toBe(true);
  });

  test("paginated lists follow every page to the end", async () => {
    const regions = ["US_EAST_1", "US_EAST_2", "US_WEST_1", "US_WEST_2", "EU_WEST_1"] as const;
    for (const [index, regionName] of regions.entries()) {
      await atlas.containers.create({
        groupId,
        body: { providerName: "AWS", atlasCidrBlock: `10.${8 + index * 8}.0.0/21`, regionName },
      });
    }
    await atlas.containers.create({
      groupId,
      body: { providerName: "AZURE", atlasCidrBlock: "10.100.0.0/21", region: "US_EAST_2" },
    });
    const since = sim.control.getRequestLog().at(-1)?.sequence ?? 0;

    const aws = await atlas.containers.list({ groupId, providerName: "AWS" }, { itemsPerPage: 2 });
    expect(aws.map((c) => c.providerName === "AWS" && c.regionName).sort()).toEqual([...regions].sort());
    const pages = sim.control.getRequestLog({ since }).filter((entry) => entry.operationId === "listGroupContainers");
    expect(pages.map((entry) => entry.query.pageNum)).toEqual(["1", "2", "3"]);

    const all = await atlas.containers.listAll({ groupId }, { itemsPerPage: 4 });
    expect(all).toHaveLength(6);
    expect(await atlas.peers.list({ groupId, providerName: "AWS" }, { itemsPerPage: 1 })).toEqual([]);
  });

  test("call() reaches any operation of the table by its operationId", async () => {
    const page = await atlas.call("listGroupContainerAll", {
      path: { groupId },
      query: { itemsPerPage: 10, includeCount: false },
    });
    expect(page.results).toEqual([]);
    expect(page.totalCount).toBeUndefined();
  });

  test("each client owns its pool and Digest session: closing one leaves another working, and refuses its own calls", async () => {
    const digest = createAtlasClient({
      baseUrl: sim.baseUrl,
      credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey: sim.credentials.privateKey },
    });
    const other = createAtlasClient({
      baseUrl: `${sim.baseUrl}/`,
      credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey: sim.credentials.privateKey },
    });
    await digest.peers.list({ groupId, providerName: "AWS" });
    await digest.peers.list({ groupId, providerName: "AWS" });
    // One Digest challenge for the first call, then the nonce is reused.
    expect(digest.stats()).toMatchObject({ apiCalls: 2, requestsSent: 3 });
    await digest.close();
    await expect(other.peers.list({ groupId, providerName: "AWS" })).resolves.toEqual([]);
    expect(other.stats()).toMatchObject({ apiCalls: 1, requestsSent: 2 });
    await expect(digest.peers.list({ groupId, providerName: "AWS" })).rejects.toThrow(/closed/);
  });
});
