import {
  DigestTestClient,
  RunningSimulator,
  TestResponse,
  eventually,
  SimulatorTime,
  startTestSimulator,
  testGroupId,
} from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;

interface Container {
  id: string;
  providerName: string;
  provisioned: boolean;
  [field: string]: unknown;
}

interface Peer {
  id: string;
  [field: string]: unknown;
}

const awsPeerBody = (containerId: string, overrides: Record<string, unknown> = {}) => ({
  providerName: "AWS",
  containerId,
  accepterRegionName: "us-west-2",
  awsAccountId: "123456789012",
  routeTableCidrBlock: "172.31.0.0/16",
  vpcId: "vpc-0123456789abcdef0",
  ...overrides,
});
const azurePeerBody = (containerId: string) => ({
  providerName: "AZURE",
  containerId,
  azureDirectoryId: "35f3b6a4-6b8f-4a0d-9c3e-2f1e7a3b9c11",
  azureSubscriptionId: "b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a",
  resourceGroupName: "my-rg",
  vnetName: "my-vnet",
});
const gcpPeerBody = (containerId: string) => ({
  providerName: "GCP",
  containerId,
  gcpProjectId: "my-gcp-project",
  networkName: "default",
});

describe("simulator network containers and peering", () => {
  let sim: RunningSimulator;
  let atlas: DigestTestClient;

  beforeAll(async () => {
    // Transitional phases read right after an event are stretched, so a loaded machine still sees them.
    sim = await startTestSimulator({
      timeScale: 0.001,
      durations: { networkPeer: { finalizing: 300, terminating: 400, deleting: 400 } },
    });
    atlas = new DigestTestClient(sim);
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  async function container(body: Record<string, unknown>): Promise<Container> {
    const response = await atlas.post(`${group}/containers`, body);
    expect(response.status).toBe(200);
    return response.body as Container;
  }
  const awsContainer = () => container({ providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" });
  const getPeer = (id: string) => atlas.get(`${group}/peers/${id}`);
  const peerField = (field: string) => (r: TestResponse) => (r.body as Record<string, unknown>)[field];

  describe("containers", () => {
    test("an AWS container is created with 200 and read back with its VPC id", async () => {
      const created = await awsContainer();
      expect(created).toEqual({
        atlasCidrBlock: "10.8.0.0/21",
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        providerName: "AWS",
        provisioned: false,
        regionName: "US_EAST_1",
        vpcId: expect.stringMatching(/^vpc-[0-9a-f]{17}$/),
      });
      expect((await atlas.get(`${group}/containers/${created.id}`)).body).toEqual(created);
    });

    test("a second container for the same region, or a second GCP container, gets 409 CONTAINER_ALREADY_EXISTS", async () => {
      await awsContainer();
      const again = await atlas.post(`${group}/containers`, {
        providerName: "AWS",
        regionName: "US_EAST_1",
        atlasCidrBlock: "10.9.0.0/21",
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        errorCode: "CONTAINER_ALREADY_EXISTS",
        detail: `A container already exists for group ${testGroupId}.`,
      });
      await container({ providerName: "GCP", atlasCidrBlock: "10.10.0.0/21", regions: ["CENTRAL_US"] });
      const secondGcp = await atlas.post(`${group}/containers`, {
        providerName: "GCP",
        atlasCidrBlock: "10.20.0.0/21",
        regions: ["WESTERN_US"],
      });
      expect(secondGcp.status).toBe(409);
    });

    test.each([
      ["a public CIDR", "8.8.0.0/21", "ATLAS_INVALID_CIDR_RANGE"],
      ["a too large block", "10.0.0.0/16", "ATLAS_INVALID_CIDR_BLOCK"],
      ["a non-canonical block", "10.8.0.1/21", "ATLAS_NON_CANONICAL_CIDR_BLOCK"],
      ["no CIDR notation", "10.8.0.0", "INVALID_CIDR_BLOCK"],
    ])("atlasCidrBlock with %s (%s) gets 400 %s", async (_name, cidr, errorCode) => {
      const response = await atlas.post(`${group}/containers`, {
        providerName: "AZURE",
        region: "US_EAST_2",
        atlasCidrBlock: cidr,
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errorCode, badRequestDetail: { fields: [{ field: "atlasCidrBlock" }] } });
    });

    test("per-provider required fields and region field names are enforced", async () => {
      const azureMissing = await atlas.post(`${group}/containers`, { providerName: "AZURE", regionName: "US_EAST_2" });
      expect(azureMissing.status).toBe(400);
      const fields = (
        azureMissing.body as { badRequestDetail: { fields: { field: string }[] } }
      ).badRequestDetail.fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(["regionName", "atlasCidrBlock", "region"]));
      const badRegion = await atlas.post(`${group}/containers`, {
        providerName: "AWS",
        regionName: "us-east-1",
        atlasCidrBlock: "10.8.0.0/21",
      });
      expect(badRegion.body).toMatchObject({ errorCode: "INVALID_REGION" });
    });

    test("lists by provider default to AWS and /containers/all lists every provider", async () => {
      await awsContainer();
      await container({ providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.12.0.0/21" });
      const aws = (await atlas.get(`${group}/containers`)).body as { results: Container[]; totalCount: number };
      expect(aws.results.map((c) => c.providerName)).toEqual(["AWS"]);
      const all = (await atlas.get(`${group}/containers/all`)).body as { results: Container[]; totalCount: number };
      expect(all.results.map((c) => c.providerName)).toEqual(["AWS", "AZURE"]);
      expect(all.totalCount).toBe(2);
    });

    test("PATCH changes the CIDR but never the region", async () => {
      const created = await awsContainer();
      const patched = await atlas.patch(`${group}/containers/${created.id}`, {
        providerName: "AWS",
        regionName: "US_EAST_1",
        atlasCidrBlock: "10.16.0.0/22",
      });
      expect(patched.body).toMatchObject({ atlasCidrBlock: "10.16.0.0/22" });
      const moved = await atlas.patch(`${group}/containers/${created.id}`, {
        providerName: "AWS",
        regionName: "US_WEST_1",
      });
      expect(moved.status).toBe(400);
      expect(moved.body).toMatchObject({ errorCode: "CANNOT_CHANGE_CONTAINER_REGION" });
    });

    test("DELETE answers 204 and then the container is 404 CLOUD_PROVIDER_CONTAINER_NOT_FOUND", async () => {
      const created = await awsContainer();
      const deleted = await atlas.delete(`${group}/containers/${created.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      const read = await atlas.get(`${group}/containers/${created.id}`);
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ errorCode: "CLOUD_PROVIDER_CONTAINER_NOT_FOUND", parameters: [created.id] });
    });

    test("a container in use by a peer is provisioned, keeps its CIDR and cannot be deleted (409 CONTAINERS_IN_USE)", async () => {
      const created = await awsContainer();
      await atlas.post(`${group}/peers`, awsPeerBody(created.id));
      expect(((await atlas.get(`${group}/containers/${created.id}`)).body as Container).provisioned).toBe(true);
      const deleted = await atlas.delete(`${group}/containers/${created.id}`);
      expect(deleted.status).toBe(409);
      expect(deleted.body).toMatchObject({ errorCode: "CONTAINERS_IN_USE" });
      const recidr = await atlas.patch(`${group}/containers/${created.id}`, {
        providerName: "AWS",
        atlasCidrBlock: "10.24.0.0/21",
      });
      expect(recidr.status).toBe(409);
    });

    test("a container used by an endpoint service cannot be deleted", async () => {
      await atlas.post(`${group}/privateEndpoint/endpointService`, { providerName: "AWS", region: "US_EAST_1" });
      const [implicit] = ((await atlas.get(`${group}/containers`)).body as { results: Container[] }).results;
      expect((await atlas.delete(`${group}/containers/${implicit?.id}`)).status).toBe(409);
    });
  });

  describe("peers", () => {
    test("an AWS peer waits in PENDING_ACCEPTANCE until accepted, then goes FINALIZING → AVAILABLE", async () => {
      const { id: containerId } = await awsContainer();
      const created = await atlas.post(`${group}/peers`, awsPeerBody(containerId));
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        accepterRegionName: "us-west-2",
        awsAccountId: "123456789012",
        connectionId: null,
        containerId,
        errorStateName: null,
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        providerName: "AWS",
        routeTableCidrBlock: "172.31.0.0/16",
        statusName: "INITIATING",
        vpcId: "vpc-0123456789abcdef0",
      });
      const { id } = created.body as Peer;
      const pending = await eventually(
        () => getPeer(id),
        (r) => peerField("statusName")(r) === "PENDING_ACCEPTANCE",
      );
      expect(peerField("connectionId")(pending)).toMatch(/^pcx-[0-9a-f]{17}$/);
      await new Promise((resolve) => setTimeout(resolve, 100)); // 100 simulated seconds: still waiting for the user
      expect(peerField("statusName")(await getPeer(id))).toBe("PENDING_ACCEPTANCE");

      sim.control.acceptPeering(id);
      expect(peerField("statusName")(await getPeer(id))).toBe("FINALIZING");
      await eventually(
        () => getPeer(id),
        (r) => peerField("statusName")(r) === "AVAILABLE",
      );
      expect(sim.control.getResource(id)?.history.map((h) => h.status)).toEqual([
        "INITIATING",
        "PENDING_ACCEPTANCE",
        "FINALIZING",
        "AVAILABLE",
      ]);
    });

    test("accepterRegionName comes back null when the VPC is in the container's region", async () => {
      const { id: containerId } = await awsContainer();
      const created = await atlas.post(`${group}/peers`, awsPeerBody(containerId, { accepterRegionName: "us-east-1" }));
      expect(created.body).toMatchObject({ accepterRegionName: null });
    });

    test("a GCP peer goes ADDING_PEER → WAITING_FOR_USER and becomes AVAILABLE once accepted; its container shows the network", async () => {
      const { id: containerId } = await container({
        providerName: "GCP",
        atlasCidrBlock: "10.8.0.0/21",
        regions: ["CENTRAL_US"],
      });
      const created = await atlas.post(`${group}/peers`, gcpPeerBody(containerId));
      expect(created.body).toEqual({
        containerId,
        errorMessage: null,
        gcpProjectId: "my-gcp-project",
        id: expect.any(String),
        networkName: "default",
        providerName: "GCP",
        status: "ADDING_PEER",
      });
      const { id } = created.body as Peer;
      await eventually(
        () => getPeer(id),
        (r) => peerField("status")(r) === "WAITING_FOR_USER",
      );
      const gcpContainer = (await atlas.get(`${group}/containers/${containerId}`)).body as Container;
      expect(gcpContainer).toMatchObject({
        provisioned: true,
        gcpProjectId: expect.stringMatching(/^p-[0-9a-z]{24}$/),
        networkName: expect.stringMatching(/^nt-[0-9a-f]{24}-[0-9a-z]{8}$/),
      });
      sim.control.acceptPeering(id);
      expect(peerField("status")(await getPeer(id))).toBe("AVAILABLE");
    });

    describe("when a GCP container shows Atlas's GCP project and network (gcpNetworkNames)", () => {
      const names = (c: Container) => ({
        provisioned: c.provisioned,
        gcpProjectId: c.gcpProjectId,
        networkName: c.networkName,
      });
      const none = { provisioned: false, gcpProjectId: null, networkName: null };
      const shown = {
        provisioned: true,
        gcpProjectId: expect.stringMatching(/^p-[0-9a-z]{24}$/),
        networkName: expect.stringMatching(/^nt-[0-9a-f]{24}-[0-9a-z]{8}$/),
      };
      const readContainer = async (id: string) => (await atlas.get(`${group}/containers/${id}`)).body as Container;

      test("WITH_FIRST_PEER (default): null while the peer is ADDING_PEER, set once Atlas's side is ready, null again when no peer is left", async () => {
        // Its own simulator on time that stands still until the test moves it: the peer stays ADDING_PEER for as
        // long as the test needs, however slowly a busy machine sends the requests.
        const time = new SimulatorTime();
        const local = await startTestSimulator({ timeScale: 0.001, now: time.now });
        const client = new DigestTestClient(local);
        const read = async (id: string) => (await client.get(`${group}/containers/${id}`)).body as Container;
        const peer = (id: string) => client.get(`${group}/peers/${id}`);
        try {
          expect(local.control.getConfig().gcpNetworkNames).toBe("WITH_FIRST_PEER");
          const created = await client.post(`${group}/containers`, {
            providerName: "GCP",
            atlasCidrBlock: "10.8.0.0/18",
          });
          const containerId = (created.body as Container).id as string;
          expect(names(await read(containerId))).toEqual(none);
          const { id } = (await client.post(`${group}/peers`, gcpPeerBody(containerId))).body as Peer;
          // In use at once (locked, not deletable), but Atlas's network is not built yet.
          expect(peerField("status")(await peer(id))).toBe("ADDING_PEER");
          expect(names(await read(containerId))).toEqual(none);
          expect((await client.delete(`${group}/containers/${containerId}`)).status).toBe(409);
          time.advance(3_600_000);
          expect(peerField("status")(await peer(id))).toBe("WAITING_FOR_USER");
          expect(names(await read(containerId))).toEqual(shown);
          await client.delete(`${group}/peers/${id}`);
          time.advance(3_600_000);
          expect((await peer(id)).status).toBe(404);
          expect(names(await read(containerId))).toEqual(none);
        } finally {
          await local.close();
        }
      });

      test("WITH_CLUSTERS: a peer alone settles WAITING_FOR_USER with the names null; they appear once clusters exist", async () => {
        sim.control.configure({ gcpNetworkNames: "WITH_CLUSTERS" });
        const { id: containerId } = await container({ providerName: "GCP", atlasCidrBlock: "10.8.0.0/18" });
        const { id } = (await atlas.post(`${group}/peers`, gcpPeerBody(containerId))).body as Peer;
        await eventually(
          () => getPeer(id),
          (r) => peerField("status")(r) === "WAITING_FOR_USER",
        );
        expect(names(await readContainer(containerId))).toEqual(none);
        // Still in use: the peer locks the CIDR block.
        const recidr = await atlas.patch(`${group}/containers/${containerId}`, {
          providerName: "GCP",
          atlasCidrBlock: "10.16.0.0/18",
        });
        expect(recidr.status).toBe(409);
        sim.control.mutateResource(containerId, { hasClusters: true });
        expect(names(await readContainer(containerId))).toEqual(shown);
      });

      test("the names of one container stay the same whenever they are shown", async () => {
        sim.control.configure({ gcpNetworkNames: "WITH_CLUSTERS" });
        const { id: containerId } = await container({ providerName: "GCP", atlasCidrBlock: "10.8.0.0/18" });
        sim.control.mutateResource(containerId, { hasClusters: true });
        const first = await readContainer(containerId);
        sim.control.configure({ gcpNetworkNames: "WITH_FIRST_PEER" });
        expect(names(await readContainer(containerId))).toEqual(names(first));
      });

      test("configure refuses another value and reset restores the default", () => {
        expect(() => sim.control.configure({ gcpNetworkNames: "NEVER" as never })).toThrow(
          "gcpNetworkNames must be WITH_FIRST_PEER or WITH_CLUSTERS",
        );
        sim.control.configure({ gcpNetworkNames: "WITH_CLUSTERS" });
        sim.control.reset();
        expect(sim.control.getConfig().gcpNetworkNames).toBe("WITH_FIRST_PEER");
        // ADDING_PEER lasts a real second, so a loaded machine still reads the container during it.
        sim.control.configure({ durations: { networkPeer: { addingPeer: 1000 } } });
      });
    });

    test("an Azure peer goes ADDING_PEER → AVAILABLE by itself, with Azure's status field names", async () => {
      const { id: containerId } = await container({
        providerName: "AZURE",
        region: "US_EAST_2",
        atlasCidrBlock: "10.8.0.0/21",
      });
      const created = await atlas.post(`${group}/peers`, azurePeerBody(containerId));
      expect(created.body).toMatchObject({ status: "ADDING_PEER", errorState: null, vnetName: "my-vnet" });
      expect(created.body).not.toHaveProperty("statusName");
      const { id } = created.body as Peer;
      await eventually(
        () => getPeer(id),
        (r) => peerField("status")(r) === "AVAILABLE",
      );
    });

    test("peers are listed per provider, AWS by default", async () => {
      const { id: awsId } = await awsContainer();
      const { id: azureId } = await container({
        providerName: "AZURE",
        region: "US_EAST_2",
        atlasCidrBlock: "10.8.0.0/21",
      });
      await atlas.post(`${group}/peers`, awsPeerBody(awsId));
      await atlas.post(`${group}/peers`, azurePeerBody(azureId));
      const byDefault = (await atlas.get(`${group}/peers`)).body as { results: Peer[]; totalCount: number };
      expect(byDefault.results.map((p) => p.providerName)).toEqual(["AWS"]);
      const azure = (await atlas.get(`${group}/peers?providerName=AZURE`)).body as { results: Peer[] };
      expect(azure.results.map((p) => p.providerName)).toEqual(["AZURE"]);
    });

    test("the container must exist and be of the peer's provider", async () => {
      const missing = await atlas.post(`${group}/peers`, awsPeerBody("5f7cac1adf5d6c6306f4b2ff"));
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ errorCode: "CLOUD_PROVIDER_CONTAINER_NOT_FOUND" });
      const { id: azureId } = await container({
        providerName: "AZURE",
        region: "US_EAST_2",
        atlasCidrBlock: "10.8.0.0/21",
      });
      const mismatch = await atlas.post(`${group}/peers`, awsPeerBody(azureId));
      expect(mismatch.status).toBe(400);
      expect(mismatch.body).toMatchObject({ errorCode: "INVALID_ATTRIBUTE", parameters: ["containerId"] });
    });

    test("a duplicate peer (same container and VPC) gets 409 PEER_ALREADY_EXISTS", async () => {
      const { id: containerId } = await awsContainer();
      expect((await atlas.post(`${group}/peers`, awsPeerBody(containerId))).status).toBe(200);
      const again = await atlas.post(`${group}/peers`, awsPeerBody(containerId));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        errorCode: "PEER_ALREADY_EXISTS",
        detail: "The peer with AWS Account ID 123456789012 and VPC ID vpc-0123456789abcdef0 already exists.",
      });
    });

    test("per-provider fields are validated, with every problem listed", async () => {
      const { id: containerId } = await awsContainer();
      const response = await atlas.post(
        `${group}/peers`,
        awsPeerBody(containerId, {
          vpcId: "vpc-123",
          awsAccountId: "12",
          accepterRegionName: "US_WEST_2",
          atlasCidrBlock: "10.0.0.0/21",
        }),
      );
      expect(response.status).toBe(400);
      const fields = (
        response.body as { badRequestDetail: { fields: { field: string }[] } }
      ).badRequestDetail.fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(["atlasCidrBlock", "accepterRegionName", "awsAccountId", "vpcId"]));
      const missing = await atlas.post(`${group}/peers`, { providerName: "GCP", containerId });
      expect(missing.body).toMatchObject({ errorCode: "MISSING_ATTRIBUTE" });
    });

    test("PATCH takes the full body, updates AWS route tables and refuses to change fixed fields", async () => {
      const { id: containerId } = await awsContainer();
      const { id } = (await atlas.post(`${group}/peers`, awsPeerBody(containerId))).body as Peer;
      const routes = await atlas.patch(
        `${group}/peers/${id}`,
        awsPeerBody(containerId, { routeTableCidrBlock: "172.30.0.0/16" }),
      );
      expect(routes.status).toBe(200);
      expect(routes.body).toMatchObject({ routeTableCidrBlock: "172.30.0.0/16" });
      const vpc = await atlas.patch(
        `${group}/peers/${id}`,
        awsPeerBody(containerId, { vpcId: "vpc-0123456789abcdef1" }),
      );
      expect(vpc.status).toBe(400);
      expect(vpc.body).toMatchObject({ errorCode: "INVALID_ATTRIBUTE", parameters: ["vpcId"] });
      const partial = await atlas.patch(`${group}/peers/${id}`, {
        providerName: "AWS",
        containerId,
        routeTableCidrBlock: "172.29.0.0/16",
      });
      expect(partial.status).toBe(400);
    });

    test("DELETE answers 202 {}, the AWS peer is TERMINATING, a second DELETE gets 409, then it is gone", async () => {
      const { id: containerId } = await awsContainer();
      const { id } = (await atlas.post(`${group}/peers`, awsPeerBody(containerId))).body as Peer;
      const deleted = await atlas.delete(`${group}/peers/${id}`);
      expect(deleted.status).toBe(202);
      expect(deleted.body).toEqual({});
      expect(peerField("statusName")(await getPeer(id))).toBe("TERMINATING");
      const again = await atlas.delete(`${group}/peers/${id}`);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ errorCode: "PEER_ALREADY_REQUESTED_DELETION" });
      const gone = await eventually(
        () => getPeer(id),
        (r) => r.status === 404,
      );
      expect(gone.body).toMatchObject({ errorCode: "PEER_NOT_FOUND", parameters: [id, testGroupId] });
      // With the peer gone the container is free again.
      expect(((await atlas.get(`${group}/containers/${containerId}`)).body as Container).provisioned).toBe(false);
      expect((await atlas.delete(`${group}/containers/${containerId}`)).status).toBe(204);
    });

    test("a GCP peer is DELETING before it is gone", async () => {
      const { id: containerId } = await container({ providerName: "GCP", atlasCidrBlock: "10.8.0.0/18" });
      const { id } = (await atlas.post(`${group}/peers`, gcpPeerBody(containerId))).body as Peer;
      await atlas.delete(`${group}/peers/${id}`);
      expect(peerField("status")(await getPeer(id))).toBe("DELETING");
      await eventually(
        () => getPeer(id),
        (r) => r.status === 404,
      );
    });

    test("a forced failure ends an AWS peer FAILED with an errorStateName from the spec's enum", async () => {
      const { id: containerId } = await awsContainer();
      sim.control.addFault({ kind: "fail", errorMessage: "REJECTED", match: { operationId: "createGroupPeer" } });
      const { id } = (await atlas.post(`${group}/peers`, awsPeerBody(containerId))).body as Peer;
      const failed = await eventually(
        () => getPeer(id),
        (r) => peerField("statusName")(r) === "FAILED",
      );
      expect(failed.body).toMatchObject({ errorStateName: "REJECTED" });
    });

    test("autoAcceptPeers lets AWS peers finish without the control API", async () => {
      sim.control.configure({ autoAcceptPeers: true });
      const { id: containerId } = await awsContainer();
      const { id } = (await atlas.post(`${group}/peers`, awsPeerBody(containerId))).body as Peer;
      await eventually(
        () => getPeer(id),
        (r) => peerField("statusName")(r) === "AVAILABLE",
      );
    });
  });
});
