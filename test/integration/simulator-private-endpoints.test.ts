/**
 * The simulator's registered cloud endpoints ("interface endpoints") on the three clouds, the parent
 * service's lists, the two chosen behaviours (last endpoint removes the service; DELETE of a service with
 * endpoints), the regional mode and the control API for them. Every response is checked against the spec
 * by startTestSimulator.
 */
import { DigestTestClient, RunningSimulator, eventually, startTestSimulator, testGroupId } from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;
const vpce = "vpce-0123456789abcdef0";
const vpce2 = "vpce-0123456789abcdef1";
const azureId =
  "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/network/providers/Microsoft.Network/privateEndpoints/atlas-pe";

type Body = Record<string, unknown>;

const gcpEndpoints = (count: number, prefix = "rule") =>
  Array.from({ length: count }, (_, i) => ({ endpointName: `${prefix}-${i}`, ipAddress: `10.0.42.${i + 1}` }));

describe("simulator endpoint registrations and regional mode", () => {
  let sim: RunningSimulator;
  let atlas: DigestTestClient;

  beforeAll(async () => {
    // 1 simulated second = 1 real ms; the deletions are stretched so a GET right after DELETE still sees them.
    sim = await startTestSimulator({
      timeScale: 0.001,
      rateLimit: false,
      durations: { endpointService: { deleting: 400 }, endpointRegistration: { deleting: 400 } },
    });
    atlas = new DigestTestClient(sim);
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  /** A service that exists and is AVAILABLE, as the control API seeds it. */
  function seedService(body: Body): string {
    return sim.control.seedResource({ kind: "private-endpoint-service", groupId: testGroupId, body, settled: true }).id;
  }
  const servicePath = (provider: string, id: string) => `${group}/privateEndpoint/${provider}/endpointService/${id}`;
  const endpointsPath = (provider: string, id: string) => `${servicePath(provider, id)}/endpoint`;
  const endpointPath = (provider: string, id: string, endpointId: string) =>
    `${endpointsPath(provider, id)}/${encodeURIComponent(endpointId)}`;
  const getBody = async (path: string) => (await atlas.get(path)).body as Body;

  describe("AWS", () => {
    test("a vpce is registered PENDING_ACCEPTANCE, goes PENDING then AVAILABLE, and is listed on its service", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      const created = await atlas.post(endpointsPath("AWS", service), { id: vpce });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        cloudProvider: "AWS",
        connectionStatus: "PENDING_ACCEPTANCE",
        deleteRequested: false,
        errorMessage: null,
        interfaceEndpointId: vpce,
      });
      expect((await getBody(servicePath("AWS", service))).interfaceEndpoints).toEqual([vpce]);
      const settled = await eventually(
        () => getBody(endpointPath("AWS", service, vpce)),
        (body) => body.connectionStatus === "AVAILABLE",
      );
      expect(settled).toMatchObject({ errorMessage: null, deleteRequested: false });
      const [view] = sim.control.getResources({ kind: "private-endpoint-registration" });
      expect(view).toMatchObject({ endpointServiceId: service, endpointId: vpce, provider: "AWS" });
      expect(view?.history.map((h) => h.status)).toEqual(["PENDING_ACCEPTANCE", "PENDING", "AVAILABLE"]);
      expect(view?.settledAt).toBeGreaterThanOrEqual((view?.createdAt ?? 0) + 130);
    });

    test("a vpce marked missing is accepted, then REJECTED with Atlas's 'was not found' message", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      sim.control.setCloudEndpointMissing(vpce);
      expect((await atlas.post(endpointsPath("AWS", service), { id: vpce })).status).toBe(200);
      const rejected = await eventually(
        () => getBody(endpointPath("AWS", service, vpce)),
        (body) => body.connectionStatus !== "PENDING_ACCEPTANCE",
      );
      expect(rejected).toMatchObject({
        connectionStatus: "REJECTED",
        errorMessage: `Interface endpoint ${vpce} was not found.`,
      });
    });

    test("a fault of kind fail ends the registration REJECTED with the fault's message", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      sim.control.addFault({
        kind: "fail",
        errorMessage: "Simulated rejection",
        match: { operationId: "createGroupPrivateEndpointEndpointServiceEndpoint" },
      });
      await atlas.post(endpointsPath("AWS", service), { id: vpce });
      const failed = await eventually(
        () => getBody(endpointPath("AWS", service, vpce)),
        (body) => body.connectionStatus === "REJECTED",
      );
      expect(failed.errorMessage).toBe("Simulated rejection");
    });

    test("DELETE answers 204; the endpoint is DELETING with deleteRequested, stays listed, then reads 404", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      sim.control.seedResource({
        kind: "private-endpoint-registration",
        groupId: testGroupId,
        endpointServiceId: service,
        body: { id: vpce },
        settled: true,
      });
      sim.control.seedResource({
        kind: "private-endpoint-registration",
        groupId: testGroupId,
        endpointServiceId: service,
        body: { id: vpce2 },
        settled: true,
      });
      const deleted = await atlas.delete(endpointPath("AWS", service, vpce));
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      expect(await getBody(endpointPath("AWS", service, vpce))).toMatchObject({
        connectionStatus: "DELETING",
        deleteRequested: true,
      });
      expect((await getBody(servicePath("AWS", service))).interfaceEndpoints).toEqual([vpce, vpce2]);
      // A second DELETE while DELETING changes nothing.
      expect((await atlas.delete(endpointPath("AWS", service, vpce))).status).toBe(204);
      const gone = await eventually(
        () => atlas.get(endpointPath("AWS", service, vpce)),
        (r) => r.status === 404,
      );
      expect(gone.body).toMatchObject({ errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND" });
      // Another endpoint remains: the service stays.
      const remaining = await getBody(servicePath("AWS", service));
      expect(remaining).toMatchObject({ status: "AVAILABLE", interfaceEndpoints: [vpce2] });
    });

    test("removing the last endpoint removes the AWS service (spec, Kubernetes operator maintainers)", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      await atlas.post(endpointsPath("AWS", service), { id: vpce });
      expect((await atlas.delete(endpointPath("AWS", service, vpce))).status).toBe(204);
      // The service stays AVAILABLE while its last endpoint is DELETING, then goes DELETING, then 404.
      expect((await getBody(servicePath("AWS", service))).status).toBe("AVAILABLE");
      await eventually(
        () => atlas.get(servicePath("AWS", service)),
        (r) => r.status === 404,
      );
      const view = sim.control.getResource(service);
      expect(view?.history.map((h) => h.status)).toEqual(["AVAILABLE", "DELETING", "DELETED"]);
      const endpoint = sim.control.getResources({ kind: "private-endpoint-registration" })[0];
      expect(view?.deletedAt).toBeGreaterThan(endpoint?.deletedAt ?? Infinity);
    });

    test("a duplicate vpce gets 409, a DELETING one included", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      sim.control.configure({ privateEndpoints: { lastEndpointRemovesService: "NONE" } });
      await atlas.post(endpointsPath("AWS", service), { id: vpce });
      const duplicate = await atlas.post(endpointsPath("AWS", service), { id: vpce });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({
        errorCode: "PRIVATE_ENDPOINT_ALREADY_EXISTS",
        parameters: [vpce, service],
      });
      await atlas.delete(endpointPath("AWS", service, vpce));
      expect((await atlas.post(endpointsPath("AWS", service), { cloudProvider: "AWS", id: vpce })).status).toBe(409);
    });
  });

  describe("Azure", () => {
    test("the POST answer has no status yet; GET by the URL-encoded id shows INITIATING, then AVAILABLE", async () => {
      const service = seedService({ providerName: "AZURE", region: "US_EAST_2" });
      const created = await atlas.post(endpointsPath("AZURE", service), {
        id: azureId,
        privateEndpointIPAddress: "10.0.0.4",
      });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        cloudProvider: "AZURE",
        deleteRequested: false,
        errorMessage: null,
        privateEndpointIPAddress: "10.0.0.4",
        privateEndpointResourceId: azureId,
      });
      const read = await getBody(endpointPath("AZURE", service, azureId));
      expect(read).toMatchObject({
        status: "INITIATING",
        privateEndpointConnectionName: "19265c27-b60e-4c3b-9426-ae3f507300b5%2Fnetwork%2Fatlas-pe",
      });
      await eventually(
        () => getBody(endpointPath("AZURE", service, azureId)),
        (body) => body.status === "AVAILABLE",
      );
      expect((await getBody(servicePath("AZURE", service))).privateEndpoints).toEqual([azureId]);
      // Azure resource ids are case-insensitive.
      expect((await atlas.get(endpointPath("AZURE", service, azureId.toLowerCase()))).status).toBe(200);
      // Not URL-encoded, the id adds path segments: no such operation (Terraform issue #401).
      const unencoded = await atlas.get(`${endpointsPath("AZURE", service)}${azureId}`);
      expect(unencoded.status).toBe(404);
      expect(unencoded.body).toMatchObject({ errorCode: "RESOURCE_NOT_FOUND" });
    });

    test("a private endpoint marked missing ends FAILED; removing the last endpoint keeps an Azure service by default", async () => {
      const service = seedService({ providerName: "AZURE", region: "US_EAST_2" });
      sim.control.setCloudEndpointMissing(azureId.toUpperCase().replace("/SUBSCRIPTIONS", "/subscriptions"));
      await atlas.post(endpointsPath("AZURE", service), { id: azureId, privateEndpointIPAddress: "10.0.0.4" });
      const failed = await eventually(
        () => getBody(endpointPath("AZURE", service, azureId)),
        (body) => body.status !== "INITIATING",
      );
      expect(failed).toMatchObject({ status: "FAILED", errorMessage: `Private endpoint ${azureId} was not found.` });
      await atlas.delete(endpointPath("AZURE", service, azureId));
      await eventually(
        () => atlas.get(endpointPath("AZURE", service, azureId)),
        (r) => r.status === 404,
      );
      expect(await getBody(servicePath("AZURE", service))).toMatchObject({ status: "AVAILABLE", privateEndpoints: [] });
    });

    test("with lastEndpointRemovesService ALL (the spec's wording) the Azure service goes too", async () => {
      sim.control.configure({ privateEndpoints: { lastEndpointRemovesService: "ALL" } });
      const service = seedService({ providerName: "AZURE", region: "US_EAST_2" });
      await atlas.post(endpointsPath("AZURE", service), { id: azureId, privateEndpointIPAddress: "10.0.0.4" });
      await atlas.delete(endpointPath("AZURE", service, azureId));
      await eventually(
        () => atlas.get(servicePath("AZURE", service)),
        (r) => r.status === 404,
        8000,
      );
    });
  });

  describe("GCP", () => {
    test("a legacy service takes one endpoint per service attachment; each endpoint has its own status", async () => {
      const service = seedService({ providerName: "GCP", region: "CENTRAL_US" });
      const attachments = ((await getBody(servicePath("GCP", service))).serviceAttachmentNames as string[]).length;
      expect(attachments).toBe(50);
      const tooFew = await atlas.post(endpointsPath("GCP", service), {
        gcpProjectId: "customer-project",
        endpointGroupName: "atlas-group",
        endpoints: gcpEndpoints(2),
      });
      expect(tooFew.status).toBe(400);
      expect(tooFew.body).toMatchObject({
        errorCode: "INVALID_ATTRIBUTE",
        badRequestDetail: { fields: [{ field: "endpoints", description: expect.stringContaining("50 (got 2)") }] },
      });

      sim.control.setCloudEndpointMissing("rule-7");
      const created = await atlas.post(endpointsPath("GCP", service), {
        gcpProjectId: "customer-project",
        endpointGroupName: "atlas-group",
        endpoints: gcpEndpoints(attachments),
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        cloudProvider: "GCP",
        endpointGroupName: "atlas-group",
        gcpProjectId: "customer-project",
        portMappingEnabled: false,
        status: "INITIATING",
      });
      expect(((created.body as Body).endpoints as Body[])[0]).toEqual({
        endpointName: "rule-0",
        ipAddress: "10.0.42.1",
        status: "INITIATING",
      });
      expect((await getBody(servicePath("GCP", service))).endpointGroupNames).toEqual(["atlas-group"]);
      const failed = await eventually(
        () => getBody(endpointPath("GCP", service, "atlas-group")),
        (body) => body.status !== "INITIATING",
      );
      expect(failed).toMatchObject({
        status: "FAILED",
        errorMessage: "Forwarding rule(s) rule-7 in GCP project customer-project were not found.",
      });
      const statuses = (failed.endpoints as Body[]).map((e) => e.status);
      expect(statuses.filter((s) => s === "FAILED")).toHaveLength(1);
      expect(statuses[7]).toBe("FAILED");
      expect(statuses.filter((s) => s === "AVAILABLE")).toHaveLength(49);
    });

    test("a port-mapped service takes exactly one endpoint, named after its forwarding rule", async () => {
      const service = seedService({ providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true });
      const two = await atlas.post(endpointsPath("GCP", service), {
        gcpProjectId: "customer-project",
        endpointGroupName: "ignored",
        endpoints: gcpEndpoints(2),
      });
      expect(two.status).toBe(400);
      const created = await atlas.post(endpointsPath("GCP", service), {
        gcpProjectId: "customer-project",
        endpointGroupName: "Ignored Name",
        endpoints: [{ endpointName: "atlas-psc", ipAddress: "10.0.42.1" }],
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ endpointGroupName: "atlas-psc", portMappingEnabled: true });
      const settled = await eventually(
        () => getBody(endpointPath("GCP", service, "atlas-psc")),
        (body) => body.status === "AVAILABLE",
      );
      expect(settled.endpoints).toEqual([{ endpointName: "atlas-psc", ipAddress: "10.0.42.1", status: "AVAILABLE" }]);
      expect((await getBody(servicePath("GCP", service))).endpointGroupNames).toEqual(["atlas-psc"]);
    });
  });

  describe("validation and lookups", () => {
    // provider, region of the service, body, errorCode, the field named in badRequestDetail
    const badBodies: [string, string, Body, string, string][] = [
      ["AWS", "US_EAST_1", {}, "MISSING_ATTRIBUTE", "id"],
      ["AWS", "US_EAST_1", { id: "vpce-123" }, "INVALID_ATTRIBUTE", "id"],
      ["AWS", "US_EAST_1", { id: vpce, color: "blue" }, "INVALID_ATTRIBUTE", "color"],
      ["AWS", "US_EAST_1", { id: vpce, connectionStatus: "AVAILABLE" }, "ATTRIBUTE_READ_ONLY", "connectionStatus"],
      ["AWS", "US_EAST_1", { id: vpce, cloudProvider: "AZURE" }, "INVALID_ATTRIBUTE", "cloudProvider"],
      ["AWS", "US_EAST_1", { id: 42 }, "INVALID_JSON_ATTRIBUTE", "id"],
      ["AZURE", "US_EAST_2", { id: azureId }, "MISSING_ATTRIBUTE", "privateEndpointIPAddress"],
      [
        "AZURE",
        "US_EAST_2",
        { id: azureId, privateEndpointIPAddress: "10.0.0" },
        "INVALID_ATTRIBUTE",
        "privateEndpointIPAddress",
      ],
      ["AZURE", "US_EAST_2", { id: "atlas-pe", privateEndpointIPAddress: "10.0.0.4" }, "INVALID_ATTRIBUTE", "id"],
      ["AZURE", "US_EAST_2", { id: vpce, privateEndpointIPAddress: "10.0.0.4" }, "INVALID_ATTRIBUTE", "id"],
      [
        "GCP",
        "CENTRAL_US",
        { endpointGroupName: "g", endpoints: gcpEndpoints(50) },
        "MISSING_ATTRIBUTE",
        "gcpProjectId",
      ],
      [
        "GCP",
        "CENTRAL_US",
        { gcpProjectId: "My_Project", endpointGroupName: "g", endpoints: gcpEndpoints(50) },
        "INVALID_ATTRIBUTE",
        "gcpProjectId",
      ],
      [
        "GCP",
        "CENTRAL_US",
        { gcpProjectId: "customer-project", endpoints: gcpEndpoints(50) },
        "MISSING_ATTRIBUTE",
        "endpointGroupName",
      ],
      [
        "GCP",
        "CENTRAL_US",
        { gcpProjectId: "customer-project", endpointGroupName: "Bad Name", endpoints: gcpEndpoints(50) },
        "INVALID_ATTRIBUTE",
        "endpointGroupName",
      ],
      [
        "GCP",
        "CENTRAL_US",
        { gcpProjectId: "customer-project", endpointGroupName: "g" },
        "MISSING_ATTRIBUTE",
        "endpoints",
      ],
      [
        "GCP",
        "CENTRAL_US",
        {
          gcpProjectId: "customer-project",
          endpointGroupName: "g",
          endpoints: [...gcpEndpoints(49), { endpointName: "rule-0", ipAddress: "10.1.0.1" }],
        },
        "INVALID_ATTRIBUTE",
        "endpoints[49].endpointName",
      ],
      [
        "GCP",
        "CENTRAL_US",
        {
          gcpProjectId: "customer-project",
          endpointGroupName: "g",
          endpoints: [...gcpEndpoints(49), { endpointName: "x-49", ipAddress: "10.0.42.300" }],
        },
        "INVALID_ATTRIBUTE",
        "endpoints[49].ipAddress",
      ],
      [
        "GCP",
        "CENTRAL_US",
        {
          gcpProjectId: "customer-project",
          endpointGroupName: "g",
          endpoints: [...gcpEndpoints(49), { ipAddress: "10.1.0.1" }],
        },
        "MISSING_ATTRIBUTE",
        "endpoints[49].endpointName",
      ],
    ];
    test.each(badBodies.map(([provider, region, body, code, field]) => [provider, code, field, region, body] as const))(
      "%s: a bad body gets 400 %s naming %s",
      async (provider, errorCode, field, region, body) => {
        const service = seedService({ providerName: provider, region });
        const response = await atlas.post(endpointsPath(provider, service), body);
        expect(response.status).toBe(400);
        const error = response.body as { errorCode: string; badRequestDetail: { fields: { field: string }[] } };
        expect(error.errorCode).toBe(errorCode);
        expect(error.badRequestDetail.fields.map((f) => f.field)).toContain(field);
        expect(sim.control.getResources({ kind: "private-endpoint-registration" })).toEqual([]);
      },
    );

    test("malformed endpoint ids in the path get 400 PATH_PARAM_PARSE_ERROR; unknown ones and services 404", async () => {
      const aws = seedService({ providerName: "AWS", region: "US_EAST_1" });
      const malformed = await atlas.get(endpointPath("AWS", aws, "vpce-12"));
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ errorCode: "PATH_PARAM_PARSE_ERROR" });
      expect((await atlas.get(endpointPath("AWS", aws, vpce))).body).toMatchObject({
        error: 404,
        errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND",
      });
      // The service of another provider, and a service that does not exist.
      expect(
        (await atlas.post(endpointsPath("AZURE", aws), { id: azureId, privateEndpointIPAddress: "10.0.0.4" })).status,
      ).toBe(404);
      const missing = await atlas.post(endpointsPath("AWS", "0123456789abcdef01234567"), { id: vpce });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND" });
      expect((await atlas.delete(endpointPath("AWS", "0123456789abcdef01234567", vpce))).status).toBe(404);
    });

    test("a service that is still INITIATING refuses registrations with 409", async () => {
      sim.control.configure({ durations: { endpointService: { initiating: 5000 } } });
      const service = sim.control.seedResource({
        kind: "private-endpoint-service",
        groupId: testGroupId,
        body: { providerName: "AWS", region: "US_EAST_1" },
      }).id;
      const refused = await atlas.post(endpointsPath("AWS", service), { id: vpce });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ errorCode: "PRIVATE_ENDPOINT_SERVICE_NOT_READY" });
    });
  });

  describe("deleting a service that still has endpoints", () => {
    test("is refused with 409 PRIVATE_ENDPOINT_SERVICE_HAS_ENDPOINTS naming them, DELETING ones included", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      await atlas.post(endpointsPath("AWS", service), { id: vpce });
      await atlas.post(endpointsPath("AWS", service), { id: vpce2 });
      const refused = await atlas.delete(servicePath("AWS", service));
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        errorCode: "PRIVATE_ENDPOINT_SERVICE_HAS_ENDPOINTS",
        parameters: [service, vpce, vpce2],
      });
      await atlas.delete(endpointPath("AWS", service, vpce));
      expect((await atlas.delete(servicePath("AWS", service))).status).toBe(409);
      expect((await getBody(servicePath("AWS", service))).status).toBe("AVAILABLE");
    });

    test("with serviceDeleteWithEndpoints CASCADE the endpoints are deleted with the service", async () => {
      sim.control.configure({ privateEndpoints: { serviceDeleteWithEndpoints: "CASCADE" } });
      const service = seedService({ providerName: "AZURE", region: "US_EAST_2" });
      await atlas.post(endpointsPath("AZURE", service), { id: azureId, privateEndpointIPAddress: "10.0.0.4" });
      expect((await atlas.delete(servicePath("AZURE", service))).status).toBe(202);
      expect(await getBody(endpointPath("AZURE", service, azureId))).toMatchObject({
        status: "DELETING",
        deleteRequested: true,
      });
      await eventually(
        () => atlas.get(servicePath("AZURE", service)),
        (r) => r.status === 404,
      );
      expect(sim.control.getResources({ kind: "private-endpoint-registration", includeDeleted: false })).toEqual([]);
    });
  });

  describe("regional mode", () => {
    const path = `${group}/privateEndpoint/regionalMode`;

    test("is off until enabled; PATCH answers the new value; a bad body gets 400", async () => {
      expect(await atlas.get(path)).toMatchObject({ status: 200, body: { enabled: false } });
      expect(await atlas.patch(path, { enabled: true })).toMatchObject({ status: 200, body: { enabled: true } });
      expect((await atlas.get(path)).body).toEqual({ enabled: true });
      expect((await atlas.patch(path, {})).body).toMatchObject({ error: 400, errorCode: "MISSING_ATTRIBUTE" });
      expect((await atlas.patch(path, { enabled: "yes" })).status).toBe(400);
      expect((await atlas.patch(path, { enabled: false, extra: 1 })).status).toBe(400);
      expect(sim.control.getRegionalMode(testGroupId)).toEqual({ groupId: testGroupId, enabled: true });
    });

    test("cannot be disabled while endpoints span regions with two or more in one region", async () => {
      sim.control.setRegionalMode(testGroupId, true);
      const east = seedService({ providerName: "AWS", region: "US_EAST_1" });
      const west = seedService({ providerName: "AWS", region: "US_WEST_2" });
      for (const [service, id] of [
        [east, vpce],
        [east, vpce2],
        [west, "vpce-0123456789abcdef2"],
      ] as const) {
        sim.control.seedResource({
          kind: "private-endpoint-registration",
          groupId: testGroupId,
          endpointServiceId: service,
          body: { id },
          settled: true,
        });
      }
      const refused = await atlas.patch(path, { enabled: false });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        errorCode: "CANNOT_DISABLE_REGIONALIZED_PRIVATE_ENDPOINTS",
        parameters: [testGroupId, "AWS US_EAST_1"],
      });
      expect((await atlas.get(path)).body).toEqual({ enabled: true });
      // One endpoint per region is fine.
      await atlas.delete(endpointPath("AWS", east, vpce2));
      await eventually(
        () => atlas.get(endpointPath("AWS", east, vpce2)),
        (r) => r.status === 404,
      );
      expect((await atlas.patch(path, { enabled: false })).body).toEqual({ enabled: false });
    });
  });

  describe("control API", () => {
    test("seeds, forces states and marks existing endpoints missing, over HTTP too", async () => {
      const service = seedService({ providerName: "AWS", region: "US_EAST_1" });
      const post = (path: string, body: unknown) =>
        fetch(`${sim.baseUrl}/__sim/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Body }));
      const seeded = await post("resources", {
        kind: "private-endpoint-registration",
        groupId: testGroupId,
        endpointServiceId: service,
        body: { id: vpce },
        settled: true,
      });
      expect(seeded.status).toBe(201);
      expect(seeded.body).toMatchObject({ status: "AVAILABLE", endpointId: vpce, endpointServiceId: service });
      const id = seeded.body.id as string;

      expect((await post(`resources/${id}/state`, { status: "PENDING" })).body).toMatchObject({ status: "PENDING" });
      expect((await post(`resources/${id}/state`, { status: "FAILED" })).status).toBe(400);
      const rejected = await post(`resources/${id}/state`, { status: "REJECTED" });
      expect(rejected.body).toMatchObject({ status: "REJECTED", errorMessage: "Simulated failure." });
      await post(`resources/${id}/state`, { status: "AVAILABLE" });

      const marked = await post("cloud-endpoints/missing", { id: vpce });
      expect(marked.body).toEqual({ id: vpce, missing: true, affected: 1 });
      expect(await getBody(endpointPath("AWS", service, vpce))).toMatchObject({
        connectionStatus: "REJECTED",
        errorMessage: `Interface endpoint ${vpce} was not found.`,
      });
      expect(await (await fetch(`${sim.baseUrl}/__sim/cloud-endpoints/missing`)).json()).toEqual([vpce]);
      expect((await post("cloud-endpoints/missing", { id: vpce, missing: false })).body).toMatchObject({
        missing: false,
      });
      expect(sim.control.listMissingCloudEndpoints()).toEqual([]);

      expect((await post("regional-mode", { groupId: testGroupId, enabled: true })).body).toEqual({
        groupId: testGroupId,
        enabled: true,
      });
      const read = await fetch(`${sim.baseUrl}/__sim/regional-mode?groupId=${testGroupId}`);
      expect(await read.json()).toEqual({ groupId: testGroupId, enabled: true });
      const badSeed = await post("resources", {
        kind: "private-endpoint-registration",
        groupId: testGroupId,
        body: { id: vpce2 },
      });
      expect(badSeed.status).toBe(400);
    });

    test("deleting a service out of band takes its endpoints; the last endpoint out of band takes an AWS service", async () => {
      const azure = seedService({ providerName: "AZURE", region: "US_EAST_2" });
      const endpoint = sim.control.seedResource({
        kind: "private-endpoint-registration",
        groupId: testGroupId,
        endpointServiceId: azure,
        body: { id: azureId, privateEndpointIPAddress: "10.0.0.4" },
        settled: true,
      });
      sim.control.deleteResource(azure);
      expect(sim.control.getResource(endpoint.id)?.status).toBe("DELETED");

      const aws = seedService({ providerName: "AWS", region: "US_EAST_1" });
      const awsEndpoint = sim.control.seedResource({
        kind: "private-endpoint-registration",
        groupId: testGroupId,
        endpointServiceId: aws,
        body: { id: vpce },
        settled: true,
      });
      sim.control.deleteResource(awsEndpoint.id);
      expect(sim.control.getResource(aws)?.status).toBe("DELETING");
    });

    test("configure validates and reports the two behaviours; reset restores the defaults", () => {
      expect(sim.control.getConfig().privateEndpoints).toEqual({
        lastEndpointRemovesService: "AWS",
        serviceDeleteWithEndpoints: "REFUSE",
      });
      expect(() =>
        sim.control.configure({ privateEndpoints: { lastEndpointRemovesService: "SOME" as "ALL" } }),
      ).toThrow(/AWS, ALL or NONE/);
      sim.control.configure({ privateEndpoints: { serviceDeleteWithEndpoints: "CASCADE" } });
      expect(sim.control.getConfig().privateEndpoints.serviceDeleteWithEndpoints).toBe("CASCADE");
      sim.control.setRegionalMode(testGroupId, true);
      sim.control.reset();
      expect(sim.control.getConfig().privateEndpoints.serviceDeleteWithEndpoints).toBe("REFUSE");
      expect(sim.control.getRegionalMode(testGroupId).enabled).toBe(false);
    });
  });
});
