/**
 * Drives the simulator through every in-scope operation for every provider, with real HTTP requests and
 * the service-account (Bearer) flow, and checks every response it sends against the official spec (with
 * the documented patches and allowances of test/support/spec-patches.ts). Our own request bodies are
 * checked against the spec too, so the flows exercised are ones a conforming client can produce.
 *
 * Deliberately independent of provider/client: the paths come from the spec's own path templates.
 */
import {
  createResponseRecorder,
  createSpecValidator,
  describeWithSpec,
  inScopeOperationIds,
  type ResponseRecorder,
  type SpecValidator,
} from "../support/spec";
import { RunningSimulator, TestResponse, eventually, sendRaw, startTestSimulator } from "../support/simulator";

const versioned = "application/vnd.atlas.2023-01-01+json";
// One project per area: GCP allows a single container per project, and endpoint services create theirs.
const servicesGroup = "5f7cac1adf5d6c6306f4b281";
const serverlessGroup = "5f7cac1adf5d6c6306f4b282";
const peeringGroup = "5f7cac1adf5d6c6306f4b283";
const registrationsGroup = "5f7cac1adf5d6c6306f4b284";
const missingId = "0123456789abcdef01234567";

type Body = Record<string, unknown>;
type Params = Record<string, string>;

interface CallOptions {
  params?: Params;
  query?: Record<string, string>;
  body?: unknown;
  /** Headers replacing the defaults (Accept, Content-Type, Authorization). */
  headers?: Record<string, string>;
  /** The body is wrong on purpose (a 400 case): do not hold it against the spec. */
  invalidOnPurpose?: boolean;
}

describeWithSpec("the simulator answers every in-scope operation as the official spec says", (spec) => {
  let validator: SpecValidator;
  let recorder: ResponseRecorder;
  let sim: RunningSimulator;
  let token: string;
  const requestViolations: string[] = [];
  const routingProblems: string[] = [];

  beforeAll(async () => {
    validator = createSpecValidator(spec);
    recorder = createResponseRecorder(validator);
    sim = await startTestSimulator({ timeScale: 0.001, rateLimit: false, responseObserver: recorder.observer });
  });
  afterAll(async () => {
    await sim?.close();
  });

  function pathOf(operationId: string, params: Params): string {
    const operation = validator.operation(operationId);
    if (!operation) throw new Error(`no operation ${operationId} in the spec`);
    return operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${operationId} needs path parameter ${name}`);
      return encodeURIComponent(value);
    });
  }

  /** One request for an operation, by operationId; method and path come from the spec. */
  async function call(operationId: string, options: CallOptions = {}): Promise<TestResponse> {
    const operation = validator.operation(operationId);
    if (!operation) throw new Error(`no operation ${operationId} in the spec`);
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : "";
    const path = pathOf(operationId, options.params ?? {}) + query;
    const headers: Record<string, string> = options.headers ?? {
      Accept: versioned,
      Authorization: `Bearer ${token}`,
      ...(options.body !== undefined ? { "Content-Type": versioned } : {}),
    };
    if (options.body !== undefined && !options.invalidOnPurpose) {
      requestViolations.push(
        ...validator.validateRequest({ operationId, contentType: headers["Content-Type"], body: options.body }),
      );
    }
    const seenBefore = recorder.count();
    const response = await sendRaw(sim, operation.method, path, {
      headers,
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
    // The simulator reports each response to the observer before the client reads it.
    const reported = recorder.seen().slice(seenBefore);
    if (reported.length !== 1 || reported[0].operationId !== operationId || reported[0].status !== response.status) {
      routingProblems.push(
        `${operation.method} ${path}: expected one ${operationId} ${response.status} report, got ${JSON.stringify(reported)}`,
      );
    }
    return response;
  }

  const bodyOf = (response: TestResponse) => response.body as Body;
  const statusOf = (response: TestResponse) => bodyOf(response)?.status ?? bodyOf(response)?.statusName;

  async function untilGone(operationId: string, params: Params): Promise<void> {
    await eventually(
      () => call(operationId, { params }),
      (r) => r.status === 404,
    );
  }

  test("a service account gets a Bearer token for its Basic client credentials", async () => {
    const { clientId, clientSecret } = sim.credentials;
    const response = await fetch(`${sim.baseUrl}/api/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(200);
    const issued = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(issued).toMatchObject({ token_type: "Bearer", expires_in: expect.any(Number) });
    token = issued.access_token;
  });

  describe("private endpoint services", () => {
    const group = { groupId: servicesGroup };
    const creates: [string, Body][] = [
      ["AWS", { providerName: "AWS", region: "US_EAST_1", supportedRemoteRegions: ["EU_WEST_1"] }],
      ["AZURE", { providerName: "AZURE", region: "US_EAST_2" }],
      ["GCP", { providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true }],
    ];

    test.each(creates)(
      "the %s service is created, listed, read until settled, updated where allowed and deleted",
      async (provider, create) => {
        const created = await call("createGroupPrivateEndpointEndpointService", { params: group, body: create });
        expect(created.status).toBeGreaterThanOrEqual(200);
        expect(created.status).toBeLessThan(300);
        const ids = { ...group, cloudProvider: provider, endpointServiceId: bodyOf(created).id as string };

        const listed = await call("listGroupPrivateEndpointEndpointService", { params: ids });
        expect((listed.body as Body[]).map((s) => s.id)).toContain(ids.endpointServiceId);
        const settled = await eventually(
          () => call("getGroupPrivateEndpointEndpointService", { params: ids }),
          (r) => statusOf(r) === "AVAILABLE" || statusOf(r) === "WAITING_FOR_USER",
        );
        expect(bodyOf(settled).cloudProvider).toBe(provider);

        if (provider === "AWS") {
          const updated = await call("updateGroupPrivateEndpointEndpointService", {
            params: ids,
            body: { cloudProvider: "AWS", supportedRemoteRegions: ["EU_WEST_1", "US_WEST_2"] },
          });
          expect(updated.status).toBe(200);
          await eventually(
            () => call("getGroupPrivateEndpointEndpointService", { params: ids }),
            (r) => statusOf(r) !== "INITIATING",
          );
          // A second service for the same provider and region is refused.
          expect(
            (await call("createGroupPrivateEndpointEndpointService", { params: group, body: create })).status,
          ).toBe(409);
        }

        const deleted = await call("deleteGroupPrivateEndpointEndpointService", { params: ids });
        expect([202, 204]).toContain(deleted.status);
        await untilGone("getGroupPrivateEndpointEndpointService", ids);
      },
    );

    test("a forced failure is reported as FAILED with an errorMessage", async () => {
      const created = await call("createGroupPrivateEndpointEndpointService", {
        params: group,
        body: { providerName: "AWS", region: "EU_WEST_3" },
      });
      const ids = { ...group, cloudProvider: "AWS", endpointServiceId: bodyOf(created).id as string };
      sim.control.forceState(ids.endpointServiceId, { status: "FAILED", errorMessage: "Simulated failure." });
      const failed = await call("getGroupPrivateEndpointEndpointService", { params: ids });
      expect(bodyOf(failed)).toMatchObject({ status: "FAILED", errorMessage: "Simulated failure." });
    });
  });

  describe("endpoint registrations and regional mode", () => {
    const group = { groupId: registrationsGroup };
    const azureId =
      "/subscriptions/6a3c4e1b-2d5f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/app-rg/providers/Microsoft.Network/privateEndpoints/pe-1";
    const rules = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ endpointName: `rule-${i}`, ipAddress: `10.0.42.${i + 1}` }));
    // provider, service create body, registration body (as Terraform sends it: without cloudProvider, except
    // the Azure one, which carries it as the spec allows), the endpointId of GET/DELETE
    const flows: [string, Body, Body, string][] = [
      ["AWS", { providerName: "AWS", region: "US_EAST_1" }, { id: "vpce-0123456789abcdef0" }, "vpce-0123456789abcdef0"],
      [
        "AZURE",
        { providerName: "AZURE", region: "US_EAST_2" },
        { cloudProvider: "AZURE", id: azureId, privateEndpointIPAddress: "10.0.0.4" },
        azureId,
      ],
      [
        "GCP",
        { providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true },
        {
          gcpProjectId: "customer-project",
          endpointGroupName: "psc-1",
          endpoints: [{ endpointName: "psc-1", ipAddress: "10.0.42.1" }],
        },
        "psc-1",
      ],
      [
        "GCP",
        { providerName: "GCP", region: "WESTERN_EUROPE" },
        { gcpProjectId: "customer-project", endpointGroupName: "legacy-group", endpoints: rules(50) },
        "legacy-group",
      ],
    ];

    test.each(flows)(
      "a %s endpoint is registered, read until settled, listed on its service, refused twice, deleted",
      async (provider, createService, register, endpointId) => {
        const service = await call("createGroupPrivateEndpointEndpointService", { params: group, body: createService });
        const serviceIds = { ...group, cloudProvider: provider, endpointServiceId: bodyOf(service).id as string };
        await eventually(
          () => call("getGroupPrivateEndpointEndpointService", { params: serviceIds }),
          (r) => statusOf(r) === "AVAILABLE",
        );
        const created = await call("createGroupPrivateEndpointEndpointServiceEndpoint", {
          params: serviceIds,
          body: register,
        });
        expect(created.status).toBe(200);
        const ids = { ...serviceIds, endpointId };
        const settled = await eventually(
          () => call("getGroupPrivateEndpointEndpointServiceEndpoint", { params: ids }),
          (r) => (bodyOf(r).connectionStatus ?? statusOf(r)) === "AVAILABLE",
        );
        expect(bodyOf(settled).cloudProvider).toBe(provider);
        const listed = bodyOf(await call("getGroupPrivateEndpointEndpointService", { params: serviceIds }));
        expect(listed.interfaceEndpoints ?? listed.privateEndpoints ?? listed.endpointGroupNames).toEqual([endpointId]);
        const duplicate = await call("createGroupPrivateEndpointEndpointServiceEndpoint", {
          params: serviceIds,
          body: register,
        });
        expect(duplicate.status).toBe(409);
        // The service cannot go while an endpoint is registered (the simulator's documented answer).
        expect((await call("deleteGroupPrivateEndpointEndpointService", { params: serviceIds })).status).toBe(409);

        expect((await call("deleteGroupPrivateEndpointEndpointServiceEndpoint", { params: ids })).status).toBe(204);
        const deleting = bodyOf(await call("getGroupPrivateEndpointEndpointServiceEndpoint", { params: ids }));
        expect(deleting.deleteRequested).toBe(true);
        await untilGone("getGroupPrivateEndpointEndpointServiceEndpoint", ids);
        // AWS removes the service with its last endpoint; the others are deleted here.
        if (provider !== "AWS") await call("deleteGroupPrivateEndpointEndpointService", { params: serviceIds });
        await untilGone("getGroupPrivateEndpointEndpointService", serviceIds);
      },
    );

    test("a vpce that does not exist in AWS is REJECTED with Atlas's message; envelope wraps the answer", async () => {
      const service = await call("createGroupPrivateEndpointEndpointService", {
        params: group,
        body: { providerName: "AWS", region: "EU_WEST_1" },
      });
      const serviceIds = { ...group, cloudProvider: "AWS", endpointServiceId: bodyOf(service).id as string };
      await eventually(
        () => call("getGroupPrivateEndpointEndpointService", { params: serviceIds }),
        (r) => statusOf(r) === "AVAILABLE",
      );
      sim.control.setCloudEndpointMissing("vpce-11111111111111111");
      await call("createGroupPrivateEndpointEndpointServiceEndpoint", {
        params: serviceIds,
        body: { id: "vpce-11111111111111111" },
        query: { envelope: "true" },
      });
      const ids = { ...serviceIds, endpointId: "vpce-11111111111111111" };
      const rejected = await eventually(
        () => call("getGroupPrivateEndpointEndpointServiceEndpoint", { params: ids }),
        (r) => bodyOf(r).connectionStatus === "REJECTED",
      );
      expect(bodyOf(rejected).errorMessage).toBe("Interface endpoint vpce-11111111111111111 was not found.");
      const enveloped = await call("getGroupPrivateEndpointEndpointServiceEndpoint", {
        params: ids,
        query: { envelope: "true", pretty: "true" },
      });
      expect(bodyOf(enveloped)).toMatchObject({ status: 200, content: { connectionStatus: "REJECTED" } });
      const bad = await call("createGroupPrivateEndpointEndpointServiceEndpoint", {
        params: serviceIds,
        body: { id: "vpce-1" },
        invalidOnPurpose: true,
      });
      expect(bad.status).toBe(400);
    });

    test("the regional mode is read, enabled, refused a disable while endpoints span regions, then disabled", async () => {
      expect(bodyOf(await call("getGroupPrivateEndpointRegionalMode", { params: group }))).toEqual({ enabled: false });
      const enabled = await call("toggleGroupPrivateEndpointRegionalMode", { params: group, body: { enabled: true } });
      expect(enabled.status).toBe(200);
      const east = sim.control.seedResource({
        kind: "private-endpoint-service",
        groupId: registrationsGroup,
        body: { providerName: "AWS", region: "AP_SOUTH_1" },
        settled: true,
      }).id;
      const west = sim.control.seedResource({
        kind: "private-endpoint-service",
        groupId: registrationsGroup,
        body: { providerName: "AWS", region: "AP_SOUTH_2" },
        settled: true,
      }).id;
      const seeded = [
        [east, "vpce-0123456789abcdef2"],
        [east, "vpce-0123456789abcdef3"],
        [west, "vpce-0123456789abcdef4"],
      ].map(
        ([endpointServiceId, id]) =>
          sim.control.seedResource({
            kind: "private-endpoint-registration",
            groupId: registrationsGroup,
            endpointServiceId,
            body: { id },
            settled: true,
          }).id,
      );
      const refused = await call("toggleGroupPrivateEndpointRegionalMode", { params: group, body: { enabled: false } });
      expect(refused.status).toBe(409);
      seeded.forEach((id) => sim.control.deleteResource(id));
      const disabled = await call("toggleGroupPrivateEndpointRegionalMode", {
        params: group,
        body: { enabled: false },
      });
      expect(bodyOf(disabled)).toEqual({ enabled: false });
    });
  });

  describe("serverless private endpoints", () => {
    beforeAll(() => {
      sim.control.seedServerlessInstance({ groupId: serverlessGroup, name: "aws-instance", provider: "AWS" });
      sim.control.seedServerlessInstance({ groupId: serverlessGroup, name: "azure-instance", provider: "AZURE" });
    });
    const attach: [string, string, Body][] = [
      [
        "AWS",
        "aws-instance",
        { providerName: "AWS", cloudProviderEndpointId: "vpce-0123456789abcdef0", comment: "app" },
      ],
      [
        "AZURE",
        "azure-instance",
        {
          providerName: "AZURE",
          cloudProviderEndpointId:
            "/subscriptions/6a3c4e1b-2d5f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/app-rg/providers/Microsoft.Network/privateEndpoints/pe-1",
          privateEndpointIpAddress: "10.0.0.4",
        },
      ],
    ];

    test.each(attach)(
      "the %s endpoint is reserved, listed, attached, read until available and deleted",
      async (provider, instanceName, update) => {
        const instance = { groupId: serverlessGroup, instanceName };
        const created = await call("createGroupPrivateEndpointServerlessInstanceEndpoint", {
          params: instance,
          body: { comment: "app" },
        });
        expect(created.status).toBe(201);
        const ids = { ...instance, endpointId: bodyOf(created)._id as string };
        await eventually(
          () => call("getGroupPrivateEndpointServerlessInstanceEndpoint", { params: ids }),
          (r) => statusOf(r) === "RESERVED",
        );
        const listed = await call("listGroupPrivateEndpointServerlessInstanceEndpoint", { params: instance });
        expect((listed.body as Body[]).map((e) => e._id)).toContain(ids.endpointId);

        const updated = await call("updateGroupPrivateEndpointServerlessInstanceEndpoint", {
          params: ids,
          body: update,
        });
        expect(updated.status).toBe(200);
        const available = await eventually(
          () => call("getGroupPrivateEndpointServerlessInstanceEndpoint", { params: ids }),
          (r) => statusOf(r) === "AVAILABLE",
        );
        expect(bodyOf(available).providerName).toBe(provider);

        expect((await call("deleteGroupPrivateEndpointServerlessInstanceEndpoint", { params: ids })).status).toBe(204);
        await eventually(
          () => call("getGroupPrivateEndpointServerlessInstanceEndpoint", { params: ids }),
          (r) => r.status === 404 || r.status === 400,
        );
      },
    );
  });

  describe("network containers and peering connections", () => {
    const group = { groupId: peeringGroup };
    const containers: Record<string, string> = {};
    const containerBodies: [string, Body, Body][] = [
      [
        "AWS",
        { providerName: "AWS", atlasCidrBlock: "10.8.0.0/21", regionName: "US_EAST_1" },
        { providerName: "AWS", atlasCidrBlock: "10.9.0.0/21", regionName: "US_EAST_1" },
      ],
      [
        "AZURE",
        { providerName: "AZURE", atlasCidrBlock: "10.10.0.0/21", region: "US_EAST_2" },
        { providerName: "AZURE", atlasCidrBlock: "10.11.0.0/21", region: "US_EAST_2" },
      ],
      [
        "GCP",
        { providerName: "GCP", atlasCidrBlock: "10.12.0.0/21", regions: ["US_EAST_4"] },
        { providerName: "GCP", atlasCidrBlock: "10.13.0.0/21", regions: ["US_EAST_4"] },
      ],
    ];

    test.each(containerBodies)(
      "the %s container is created, listed by provider and in all, read and updated",
      async (provider, create, update) => {
        const created = await call("createGroupContainer", { params: group, body: create });
        expect(created.status).toBe(200);
        containers[provider] = bodyOf(created).id as string;
        const ids = { ...group, containerId: containers[provider] };
        const byProvider = await call("listGroupContainers", { params: group, query: { providerName: provider } });
        expect((bodyOf(byProvider).results as Body[]).map((c) => c.id)).toContain(ids.containerId);
        const all = await call("listGroupContainerAll", { params: group, query: { itemsPerPage: "2", pageNum: "1" } });
        expect(all.status).toBe(200);
        expect(bodyOf(await call("getGroupContainer", { params: ids })).providerName).toBe(provider);
        const updated = await call("updateGroupContainer", { params: ids, body: update });
        expect(updated.status).toBe(200);
      },
    );

    const peerBodies: [string, (containerId: string) => Body, (containerId: string) => Body][] = [
      [
        "AWS",
        (containerId) => ({
          providerName: "AWS",
          containerId,
          accepterRegionName: "us-west-2",
          awsAccountId: "123456789012",
          routeTableCidrBlock: "192.168.0.0/24",
          vpcId: "vpc-0123456789abcdef0",
        }),
        (containerId) => ({
          providerName: "AWS",
          containerId,
          accepterRegionName: "us-west-2",
          awsAccountId: "123456789012",
          routeTableCidrBlock: "192.168.1.0/24",
          vpcId: "vpc-0123456789abcdef0",
        }),
      ],
      [
        "AZURE",
        (containerId) => ({
          providerName: "AZURE",
          containerId,
          azureDirectoryId: "6a3c4e1b-2d5f-4a7b-8c9d-0e1f2a3b4c5d",
          azureSubscriptionId: "7b4d5f2c-3e6a-4b8c-9d0e-1f2a3b4c5d6e",
          resourceGroupName: "my-rg",
          vnetName: "my-vnet",
        }),
        (containerId) => ({
          providerName: "AZURE",
          containerId,
          azureDirectoryId: "6a3c4e1b-2d5f-4a7b-8c9d-0e1f2a3b4c5d",
          azureSubscriptionId: "7b4d5f2c-3e6a-4b8c-9d0e-1f2a3b4c5d6e",
          resourceGroupName: "my-rg",
          vnetName: "my-vnet",
        }),
      ],
      [
        "GCP",
        (containerId) => ({ providerName: "GCP", containerId, gcpProjectId: "my-gcp-project", networkName: "default" }),
        (containerId) => ({ providerName: "GCP", containerId, gcpProjectId: "my-gcp-project", networkName: "default" }),
      ],
    ];

    test.each(peerBodies)(
      "the %s peer is created, listed, settled, updated and deleted, and holds its container meanwhile",
      async (provider, create, update) => {
        const containerId = containers[provider];
        expect(containerId).toBeDefined();
        const created = await call("createGroupPeer", { params: group, body: create(containerId) });
        expect(created.status).toBe(200);
        const ids = { ...group, peerId: bodyOf(created).id as string };
        const listed = await call("listGroupPeers", { params: group, query: { providerName: provider } });
        expect((bodyOf(listed).results as Body[]).map((p) => p.id)).toContain(ids.peerId);

        if (provider !== "AZURE") {
          await eventually(
            () => call("getGroupPeer", { params: ids }),
            (r) => statusOf(r) === "PENDING_ACCEPTANCE" || statusOf(r) === "WAITING_FOR_USER",
          );
          sim.control.acceptPeering(ids.peerId);
        }
        await eventually(
          () => call("getGroupPeer", { params: ids }),
          (r) => statusOf(r) === "AVAILABLE",
        );
        expect((await call("updateGroupPeer", { params: ids, body: update(containerId) })).status).toBe(200);

        // A container with a peer is in use.
        expect((await call("deleteGroupContainer", { params: { ...group, containerId } })).status).toBe(409);

        const deleted = await call("deleteGroupPeer", { params: ids });
        expect(deleted.status).toBe(202);
        await untilGone("getGroupPeer", ids);
        expect((await call("deleteGroupContainer", { params: { ...group, containerId } })).status).toBe(204);
        expect((await call("getGroupContainer", { params: { ...group, containerId } })).status).toBe(404);
      },
    );
  });

  describe("error responses", () => {
    const everyOperationParams: Params = {
      groupId: peeringGroup,
      cloudProvider: "AWS",
      endpointServiceId: missingId,
      instanceName: "missing-instance",
      endpointId: missingId,
      peerId: missingId,
      containerId: missingId,
    };

    test("every operation answers 401 without credentials and 406 without a versioned Accept header", async () => {
      for (const operationId of inScopeOperationIds) {
        const noAuth = await call(operationId, { params: everyOperationParams, headers: { Accept: versioned } });
        expect([operationId, noAuth.status]).toEqual([operationId, 401]);
        const unversioned = await call(operationId, {
          params: everyOperationParams,
          headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
        });
        expect([operationId, unversioned.status]).toEqual([operationId, 406]);
      }
    });

    test("an unknown Bearer token gets 401", async () => {
      const response = await call("listGroupPeers", {
        params: { groupId: peeringGroup },
        headers: { Accept: versioned, Authorization: "Bearer not-a-token" },
      });
      expect(response.status).toBe(401);
    });

    test("reads, updates and deletes of ids that do not exist get 404", async () => {
      const ids = everyOperationParams;
      sim.control.configure({ serverless: { unknownInstanceProvider: null } });
      try {
        for (const operationId of [
          "getGroupPrivateEndpointEndpointService",
          "deleteGroupPrivateEndpointEndpointService",
          "getGroupPrivateEndpointEndpointServiceEndpoint",
          "deleteGroupPrivateEndpointEndpointServiceEndpoint",
          "getGroupPrivateEndpointServerlessInstanceEndpoint",
          "deleteGroupPrivateEndpointServerlessInstanceEndpoint",
          "listGroupPrivateEndpointServerlessInstanceEndpoint",
          "getGroupContainer",
          "deleteGroupContainer",
          "getGroupPeer",
          "deleteGroupPeer",
        ]) {
          expect([operationId, (await call(operationId, { params: ids })).status]).toEqual([operationId, 404]);
        }
        const update = await call("updateGroupPrivateEndpointEndpointService", {
          params: ids,
          body: { cloudProvider: "AWS", supportedRemoteRegions: [] },
        });
        expect(update.status).toBe(404);
      } finally {
        sim.control.configure({ serverless: { unknownInstanceProvider: "AWS" } });
      }
    });

    test("invalid bodies and malformed path ids get 400 with the bad fields listed", async () => {
      const group = { groupId: peeringGroup };
      const badCidr = await call("createGroupContainer", {
        params: group,
        body: { providerName: "AWS", atlasCidrBlock: "10.8.0.0", regionName: "US_EAST_1" },
        invalidOnPurpose: true,
      });
      expect(badCidr.status).toBe(400);
      const unknownField = await call("createGroupPeer", {
        params: group,
        body: {
          providerName: "GCP",
          containerId: missingId,
          gcpProjectId: "my-project",
          networkName: "default",
          color: "blue",
        },
        invalidOnPurpose: true,
      });
      expect(unknownField.status).toBe(400);
      const missingRegion = await call("createGroupPrivateEndpointEndpointService", {
        params: group,
        body: { providerName: "AWS" },
        invalidOnPurpose: true,
      });
      expect(missingRegion.status).toBe(400);
      const malformedId = await call("getGroupPeer", { params: { ...group, peerId: "not-an-id" } });
      expect(malformedId.status).toBe(400);
      expect(bodyOf(malformedId).badRequestDetail).toBeTruthy();
    });

    test("a path that is no Atlas operation gets an ApiError 404", async () => {
      const response = await sendRaw(sim, "GET", `/api/atlas/v2/groups/${peeringGroup}/nothingHere`, {
        headers: { Accept: versioned, Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
    });

    test("once serverless instances are sunset, the serverless operations answer with an ApiError", async () => {
      sim.control.setServerlessSunset(true);
      try {
        const instance = { groupId: serverlessGroup, instanceName: "aws-instance" };
        const listed = await call("listGroupPrivateEndpointServerlessInstanceEndpoint", { params: instance });
        expect(listed.status).toBeGreaterThanOrEqual(400);
        expect(bodyOf(listed).errorCode).toEqual(expect.any(String));
      } finally {
        sim.control.setServerlessSunset(false);
      }
    });

    test("a burst over the project's rate limit gets 429", async () => {
      sim.control.configure({ rateLimit: { capacity: 2, refillPerSecond: 0.01 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++)
          statuses.push((await call("listGroupContainerAll", { params: { groupId: peeringGroup } })).status);
        expect(statuses).toEqual([200, 200, 429, 429]);
      } finally {
        sim.control.configure({ rateLimit: false });
      }
    });
  });

  test("every in-scope operation was answered, and every answer conforms to the spec", () => {
    const seen = recorder.seen();
    const seenOperations = new Set(seen.map((s) => s.operationId));
    expect(inScopeOperationIds.filter((operationId) => !seenOperations.has(operationId))).toEqual([]);
    const statuses = new Set(seen.map((s) => s.status));
    expect([200, 201, 202, 204, 400, 401, 404, 406, 409, 429].filter((status) => !statuses.has(status))).toEqual([]);
    expect(recorder.count()).toBeGreaterThan(100);
    expect(routingProblems).toEqual([]);
    expect(requestViolations).toEqual([]);
    expect(recorder.violations()).toEqual([]);
  });
});
