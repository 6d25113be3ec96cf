import { DigestTestClient, RunningSimulator, eventually, startTestSimulator, testGroupId } from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;
const createPath = `${group}/privateEndpoint/endpointService`;

interface EndpointService {
  id: string;
  cloudProvider: string;
  regionName: string;
  status: string;
  errorMessage: string | null;
  [field: string]: unknown;
}

describe("simulator private endpoint services", () => {
  let sim: RunningSimulator;
  let atlas: DigestTestClient;

  beforeAll(async () => {
    // 1 simulated second = 1 real ms: INITIATING lasts 180 ms; DELETING is stretched to 400 ms so a GET
    // right after DELETE still sees it on a loaded machine.
    sim = await startTestSimulator({ timeScale: 0.001, durations: { endpointService: { deleting: 400 } } });
    atlas = new DigestTestClient(sim);
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  const get = async (provider: string, id: string) =>
    atlas.get(`${group}/privateEndpoint/${provider}/endpointService/${id}`);
  const statusOf = async (provider: string, id: string) => ((await get(provider, id)).body as EndpointService).status;

  test("an AWS service is created with 201, INITIATING with explicit nulls, then becomes AVAILABLE with its service name", async () => {
    const created = await atlas.post(createPath, {
      providerName: "AWS",
      region: "us-east-1",
      supportedRemoteRegions: ["EU_WEST_1"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      cloudProvider: "AWS",
      endpointServiceName: null,
      errorMessage: null,
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      interfaceEndpoints: [],
      regionName: "US_EAST_1",
      status: "INITIATING",
      supportedRemoteRegions: ["EU_WEST_1"],
    });
    const { id } = created.body as EndpointService;
    const settled = await eventually(
      () => get("AWS", id),
      (r) => (r.body as EndpointService).status !== "INITIATING",
    );
    expect(settled.body).toMatchObject({
      status: "AVAILABLE",
      endpointServiceName: expect.stringMatching(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/),
    });
    const view = sim.control.getResource(id);
    expect(view?.history.map((h) => h.status)).toEqual(["INITIATING", "AVAILABLE"]);
    expect(view?.settledAt).toBeGreaterThanOrEqual((view?.createdAt ?? 0) + 180);
  });

  test("Azure and GCP services carry their own fields, filled once built", async () => {
    const azure = await atlas.post(createPath, { providerName: "AZURE", region: "eastus2" });
    expect(azure.body).toMatchObject({
      cloudProvider: "AZURE",
      regionName: "US_EAST_2",
      privateEndpoints: [],
      privateLinkServiceName: null,
      privateLinkServiceResourceId: null,
    });
    const gcp = await atlas.post(createPath, { providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true });
    expect(gcp.body).toMatchObject({
      cloudProvider: "GCP",
      regionName: "CENTRAL_US",
      endpointGroupNames: [],
      serviceAttachmentNames: [],
      portMappingEnabled: true,
    });

    const azureId = (azure.body as EndpointService).id;
    const builtAzure = await eventually(
      () => get("AZURE", azureId),
      (r) => (r.body as EndpointService).status === "AVAILABLE",
    );
    expect(builtAzure.body).toMatchObject({
      privateLinkServiceName: expect.stringMatching(/^pls_[0-9a-f]{24}$/),
      privateLinkServiceResourceId: expect.stringMatching(
        /^\/subscriptions\/.+\/providers\/Microsoft\.Network\/privateLinkServices\/pls_[0-9a-f]{24}$/,
      ),
    });
    const gcpId = (gcp.body as EndpointService).id;
    const builtGcp = await eventually(
      () => get("GCP", gcpId),
      (r) => (r.body as EndpointService).status === "AVAILABLE",
    );
    const attachments = (builtGcp.body as { serviceAttachmentNames: string[] }).serviceAttachmentNames;
    expect(attachments).toHaveLength(1); // port mapping: one attachment
    expect(attachments[0]).toMatch(/^projects\/p-[a-z0-9]+\/regions\/us-central1\/serviceAttachments\/[a-z0-9-]+$/);
  });

  test("a second service for the same provider and region gets 409 with Atlas's code, detail and parameters", async () => {
    expect((await atlas.post(createPath, { providerName: "AWS", region: "US_EAST_1" })).status).toBe(201);
    const again = await atlas.post(createPath, { providerName: "AWS", region: "us-east-1" });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      detail: "A private endpoint service already exists for AWS region US_EAST_1.",
      error: 409,
      errorCode: "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION",
      parameters: ["AWS", "US_EAST_1"],
      reason: "Conflict",
    });
  });

  test("creating a service creates the region's network container when none exists", async () => {
    await atlas.post(createPath, { providerName: "AWS", region: "EU_WEST_1" });
    const containers = await atlas.get(`${group}/containers?providerName=AWS`);
    expect((containers.body as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ providerName: "AWS", regionName: "EU_WEST_1", atlasCidrBlock: "192.168.248.0/21" }),
    ]);
  });

  test("create bodies are validated: missing region, unknown region, remote regions off AWS, unknown fields", async () => {
    const missing = await atlas.post(createPath, { providerName: "AWS" });
    expect(missing.body).toMatchObject({ error: 400, errorCode: "MISSING_ATTRIBUTE", parameters: ["region"] });
    const unknownRegion = await atlas.post(createPath, { providerName: "GCP", region: "mars-north1" });
    expect(unknownRegion.body).toMatchObject({
      errorCode: "INVALID_REGION",
      detail: "No region mars-north1 exists for provider GCP.",
    });
    const remoteOnAzure = await atlas.post(createPath, {
      providerName: "AZURE",
      region: "US_EAST_2",
      supportedRemoteRegions: ["US_WEST_2"],
    });
    expect(remoteOnAzure.body).toMatchObject({
      errorCode: "INVALID_ATTRIBUTE",
      badRequestDetail: { fields: [{ field: "supportedRemoteRegions" }] },
    });
    const badProvider = await atlas.post(createPath, { providerName: "ORACLE", region: "x", cloudProvider: "AWS" });
    expect(badProvider.status).toBe(400);
    const fields = (
      badProvider.body as { badRequestDetail: { fields: { field: string }[] } }
    ).badRequestDetail.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["cloudProvider", "providerName"]));
  });

  test("lists are bare arrays per provider and a service is not found under another provider", async () => {
    const { id } = (await atlas.post(createPath, { providerName: "AWS", region: "US_WEST_2" })).body as EndpointService;
    const aws = await atlas.get(`${group}/privateEndpoint/AWS/endpointService`);
    expect(Array.isArray(aws.body)).toBe(true);
    expect((aws.body as EndpointService[]).map((s) => s.id)).toEqual([id]);
    expect((await atlas.get(`${group}/privateEndpoint/AZURE/endpointService`)).body).toEqual([]);
    const wrongProvider = await get("GCP", id);
    expect(wrongProvider.status).toBe(404);
    expect(wrongProvider.body).toMatchObject({ errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND" });
  });

  test("PATCH changes supportedRemoteRegions and sends the service through INITIATING again", async () => {
    const { id } = (await atlas.post(createPath, { providerName: "AWS", region: "US_EAST_1" })).body as EndpointService;
    await eventually(
      () => statusOf("AWS", id),
      (s) => s === "AVAILABLE",
    );
    const patched = await atlas.patch(`${group}/privateEndpoint/endpointService/${id}`, {
      cloudProvider: "AWS",
      supportedRemoteRegions: ["US_WEST_2", "EU_WEST_1"],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: "INITIATING", supportedRemoteRegions: ["US_WEST_2", "EU_WEST_1"] });
    await eventually(
      () => statusOf("AWS", id),
      (s) => s === "AVAILABLE",
    );
    const homeRegion = await atlas.patch(`${group}/privateEndpoint/endpointService/${id}`, {
      cloudProvider: "AWS",
      supportedRemoteRegions: ["US_EAST_1"],
    });
    expect(homeRegion.status).toBe(400);
    const notAws = await atlas.patch(`${group}/privateEndpoint/endpointService/${id}`, { cloudProvider: "GCP" });
    expect(notAws.body).toMatchObject({ errorCode: "INVALID_ENUM_VALUE" });
  });

  test("DELETE answers 202 {} and the service passes through DELETING before it is gone", async () => {
    const { id } = (await atlas.post(createPath, { providerName: "AWS", region: "US_EAST_1" })).body as EndpointService;
    const deleted = await atlas.delete(`${group}/privateEndpoint/AWS/endpointService/${id}`);
    expect(deleted.status).toBe(202);
    expect(deleted.body).toEqual({});
    expect(await statusOf("AWS", id)).toBe("DELETING");
    // Still one per region while deleting.
    expect((await atlas.post(createPath, { providerName: "AWS", region: "US_EAST_1" })).status).toBe(409);
    const gone = await eventually(
      () => get("AWS", id),
      (r) => r.status === 404,
    );
    expect(gone.body).toMatchObject({ errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND" });
    const view = sim.control.getResource(id);
    expect(view?.history.map((h) => h.status)).toEqual(["INITIATING", "DELETING", "DELETED"]);
    expect(view?.deletedAt).not.toBeNull();
  });

  test("a forced-failure fault makes the next create end FAILED with the errorMessage", async () => {
    sim.control.addFault({
      kind: "fail",
      errorMessage: "Insufficient capacity in US_EAST_1.",
      match: { operationId: "createGroupPrivateEndpointEndpointService" },
    });
    const created = await atlas.post(createPath, { providerName: "AWS", region: "US_EAST_1" });
    expect(created.status).toBe(201);
    const { id } = created.body as EndpointService;
    const failed = await eventually(
      () => get("AWS", id),
      (r) => (r.body as EndpointService).status !== "INITIATING",
    );
    expect(failed.body).toMatchObject({
      status: "FAILED",
      errorMessage: "Insufficient capacity in US_EAST_1.",
      endpointServiceName: null,
    });
    expect(
      sim.control
        .getRequestLog()
        .find((e) => e.operationId === "createGroupPrivateEndpointEndpointService" && e.status === 201)?.fault,
    ).toBe("fail");
    // The fault was used up: the next create (another region) settles normally.
    const next = await atlas.post(createPath, { providerName: "AWS", region: "US_WEST_1" });
    const nextId = (next.body as EndpointService).id;
    expect(
      await eventually(
        () => statusOf("AWS", nextId),
        (s) => s !== "INITIATING",
      ),
    ).toBe("AVAILABLE");
  });
});
