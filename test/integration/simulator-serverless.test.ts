import {
  DigestTestClient,
  RunningSimulator,
  TestResponse,
  eventually,
  startTestSimulator,
  testGroupId,
} from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;
const endpoints = (instance: string) => `${group}/privateEndpoint/serverless/instance/${instance}/endpoint`;
const status = (r: TestResponse) => (r.body as { status?: string }).status;

interface ServerlessEndpoint {
  _id: string;
  [field: string]: unknown;
}

describe("simulator serverless private endpoints", () => {
  let sim: RunningSimulator;
  let atlas: DigestTestClient;

  beforeAll(async () => {
    // DELETING is stretched so the GET right after DELETE still sees it on a loaded machine.
    sim = await startTestSimulator({ timeScale: 0.001, durations: { serverlessEndpoint: { deleting: 400 } } });
    atlas = new DigestTestClient(sim);
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  test("an AWS endpoint is reserved (201), attached by PATCH and becomes AVAILABLE", async () => {
    const created = await atlas.post(endpoints("my-instance"), { comment: "app" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      _id: expect.stringMatching(/^[a-f0-9]{24}$/),
      comment: "app",
      endpointServiceName: null,
      errorMessage: null,
      providerName: "AWS",
      status: "RESERVATION_REQUESTED",
    });
    const { _id: id } = created.body as ServerlessEndpoint;
    const reserved = await eventually(
      () => atlas.get(`${endpoints("my-instance")}/${id}`),
      (r) => status(r) === "RESERVED",
    );
    expect(reserved.body).toMatchObject({
      endpointServiceName: expect.stringMatching(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/),
    });
    expect(reserved.body).not.toHaveProperty("cloudProviderEndpointId");

    const patched = await atlas.patch(`${endpoints("my-instance")}/${id}`, {
      providerName: "AWS",
      cloudProviderEndpointId: "vpce-0123456789abcdef0",
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: "INITIATING", cloudProviderEndpointId: "vpce-0123456789abcdef0" });
    await eventually(
      () => atlas.get(`${endpoints("my-instance")}/${id}`),
      (r) => status(r) === "AVAILABLE",
    );
    expect(sim.control.getResource(id)?.history.map((h) => h.status)).toEqual([
      "RESERVATION_REQUESTED",
      "RESERVED",
      "INITIATING",
      "AVAILABLE",
    ]);
  });

  test("an Azure instance seeded through the control API gives Azure endpoints that need the IP address", async () => {
    sim.control.seedServerlessInstance({ groupId: testGroupId, name: "azure-inst", provider: "AZURE" });
    const { _id: id } = (await atlas.post(endpoints("azure-inst"), {})).body as ServerlessEndpoint;
    const reserved = await eventually(
      () => atlas.get(`${endpoints("azure-inst")}/${id}`),
      (r) => status(r) === "RESERVED",
    );
    expect(reserved.body).toMatchObject({
      providerName: "AZURE",
      endpointServiceName: expect.stringMatching(/^pls_[0-9a-f]{24}$/),
      privateLinkServiceResourceId: expect.stringContaining("/providers/Microsoft.Network/privateLinkServices/pls_"),
    });
    const endpointId =
      "/subscriptions/6a3c4e1b-2d5f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/app-rg/providers/Microsoft.Network/privateEndpoints/pe-1";
    const withoutIp = await atlas.patch(`${endpoints("azure-inst")}/${id}`, {
      providerName: "AZURE",
      cloudProviderEndpointId: endpointId,
    });
    expect(withoutIp.status).toBe(400);
    expect(withoutIp.body).toMatchObject({ errorCode: "MISSING_ATTRIBUTE", parameters: ["privateEndpointIpAddress"] });
    const attached = await atlas.patch(`${endpoints("azure-inst")}/${id}`, {
      providerName: "AZURE",
      cloudProviderEndpointId: endpointId,
      privateEndpointIpAddress: "10.0.0.4",
    });
    expect(attached.body).toMatchObject({ status: "INITIATING", privateEndpointIpAddress: "10.0.0.4" });
    const wrongProvider = await atlas.patch(`${endpoints("azure-inst")}/${id}`, { providerName: "AWS" });
    expect(wrongProvider.body).toMatchObject({ errorCode: "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID" });
  });

  test("create takes only a comment, and PATCH needs providerName and a well-formed endpoint id", async () => {
    const withProvider = await atlas.post(endpoints("inst"), { providerName: "AWS" });
    expect(withProvider.status).toBe(400);
    // providerName is a response (read-only) field; the instance decides the provider.
    expect(withProvider.body).toMatchObject({ errorCode: "ATTRIBUTE_READ_ONLY", parameters: ["providerName"] });
    const unknown = await atlas.post(endpoints("inst"), { name: "x" });
    expect(unknown.body).toMatchObject({ errorCode: "INVALID_ATTRIBUTE", parameters: ["name"] });
    const longComment = await atlas.post(endpoints("inst"), { comment: "x".repeat(81) });
    expect(longComment.status).toBe(400);
    const { _id: id } = (await atlas.post(endpoints("inst"), {})).body as ServerlessEndpoint;
    await eventually(
      () => atlas.get(`${endpoints("inst")}/${id}`),
      (r) => status(r) === "RESERVED",
    );
    const noProvider = await atlas.patch(`${endpoints("inst")}/${id}`, {
      cloudProviderEndpointId: "vpce-0123456789abcdef0",
    });
    expect(noProvider.body).toMatchObject({ errorCode: "MISSING_ATTRIBUTE", parameters: ["providerName"] });
    const shortId = await atlas.patch(`${endpoints("inst")}/${id}`, {
      providerName: "AWS",
      cloudProviderEndpointId: "vpce-1234",
    });
    expect(shortId.body).toMatchObject({
      errorCode: "INVALID_ATTRIBUTE",
      badRequestDetail: { fields: [{ field: "cloudProviderEndpointId" }] },
    });
  });

  test("lists are bare arrays per instance and a bad instance name is a 400", async () => {
    await atlas.post(endpoints("inst-a"), {});
    expect(((await atlas.get(endpoints("inst-a"))).body as unknown[]).length).toBe(1);
    expect((await atlas.get(endpoints("inst-b"))).body).toEqual([]);
    const bad = await atlas.get(endpoints("-bad_name"));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ badRequestDetail: { fields: [{ field: "instanceName" }] } });
  });

  test("DELETE answers 204 and the endpoint is DELETING until it reads 404", async () => {
    const { _id: id } = (await atlas.post(endpoints("inst"), {})).body as ServerlessEndpoint;
    const deleted = await atlas.delete(`${endpoints("inst")}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect(status(await atlas.get(`${endpoints("inst")}/${id}`))).toBe("DELETING");
    const gone = await eventually(
      () => atlas.get(`${endpoints("inst")}/${id}`),
      (r) => r.status === 404,
    );
    expect(gone.body).toMatchObject({ errorCode: "TENANT_PRIVATE_ENDPOINT_NOT_FOUND" });
  });

  test("unknown instances are AWS by default, or 404 when the simulator is told so", async () => {
    sim.control.configure({ serverless: { unknownInstanceProvider: null } });
    const missing = await atlas.get(endpoints("nobody"));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: "SERVERLESS_INSTANCE_NOT_FOUND" });
  });

  test("in sunset mode every serverless operation answers 410 VERSION_GONE", async () => {
    const { _id: id } = (await atlas.post(endpoints("inst"), {})).body as ServerlessEndpoint;
    sim.control.setServerlessSunset(true);
    for (const response of [
      await atlas.get(endpoints("inst")),
      await atlas.post(endpoints("inst"), {}),
      await atlas.get(`${endpoints("inst")}/${id}`),
      await atlas.patch(`${endpoints("inst")}/${id}`, { providerName: "AWS" }),
      await atlas.delete(`${endpoints("inst")}/${id}`),
    ]) {
      expect(response.status).toBe(410);
      expect(response.body).toMatchObject({ error: 410, errorCode: "VERSION_GONE", reason: "Gone" });
    }
    sim.control.setServerlessSunset(false);
    expect((await atlas.get(endpoints("inst"))).status).toBe(200);
  });
});
