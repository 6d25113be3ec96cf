/**
 * The client's operations for registered cloud endpoints and the regional mode, against the simulator over
 * real HTTP: typed groups `endpointRegistrations` and `regionalMode`, their operationIds, media type and retry
 * policies, the URL-encoded Azure id, and Atlas's errors surfacing as AtlasApiError.
 */
import { AtlasApiError, hasErrorCode, isNotFound, operations, type AtlasClient } from "../../provider/client";
import { closeAllAtlasClients, createAtlasClient } from "../support/clients";
import { eventually, startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";

const groupId = testGroupId;
const vpce = "vpce-0123456789abcdef0";
const azureId =
  "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/network/providers/Microsoft.Network/privateEndpoints/atlas-pe";

const failureOf = <T>(promise: Promise<T>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("client operations for endpoint registrations and the regional mode", () => {
  let sim: RunningSimulator;
  let atlas: AtlasClient;

  beforeEach(async () => {
    sim = await startTestSimulator({ rateLimit: false });
    atlas = createAtlasClient({
      baseUrl: sim.baseUrl,
      credentials: { kind: "digest", publicKey: sim.credentials.publicKey, privateKey: sim.credentials.privateKey },
      retry: { minDelayMs: 1, maxDelayMs: 5, maxRetries: 3 },
    });
  });

  afterEach(async () => {
    await closeAllAtlasClients();
    await sim.close();
  });

  function seedService(body: Record<string, unknown>): string {
    return sim.control.seedResource({ kind: "private-endpoint-service", groupId, body, settled: true }).id;
  }

  test("the five operations are declared with the spec's operationIds, paths, media type and retry policies", () => {
    const base = "/api/atlas/v2/groups/{groupId}/privateEndpoint";
    expect(
      [
        operations.createGroupPrivateEndpointEndpointServiceEndpoint,
        operations.getGroupPrivateEndpointEndpointServiceEndpoint,
        operations.deleteGroupPrivateEndpointEndpointServiceEndpoint,
        operations.getGroupPrivateEndpointRegionalMode,
        operations.toggleGroupPrivateEndpointRegionalMode,
      ].map(({ method, path, retry, mediaType }) => [method, path, retry, mediaType]),
    ).toEqual([
      [
        "POST",
        `${base}/{cloudProvider}/endpointService/{endpointServiceId}/endpoint`,
        "create",
        "application/vnd.atlas.2023-01-01+json",
      ],
      [
        "GET",
        `${base}/{cloudProvider}/endpointService/{endpointServiceId}/endpoint/{endpointId}`,
        "read",
        "application/vnd.atlas.2023-01-01+json",
      ],
      [
        "DELETE",
        `${base}/{cloudProvider}/endpointService/{endpointServiceId}/endpoint/{endpointId}`,
        "idempotent",
        "application/vnd.atlas.2023-01-01+json",
      ],
      ["GET", `${base}/regionalMode`, "read", "application/vnd.atlas.2023-01-01+json"],
      ["PATCH", `${base}/regionalMode`, "idempotent", "application/vnd.atlas.2023-01-01+json"],
    ]);
  });

  test("an AWS interface endpoint is registered, read until AVAILABLE, listed on its service and deleted", async () => {
    const endpointServiceId = seedService({ providerName: "AWS", region: "US_EAST_1" });
    const ids = { groupId, cloudProvider: "AWS" as const, endpointServiceId };
    const created = await atlas.endpointRegistrations.create({ ...ids, body: { id: vpce } });
    expect(created).toMatchObject({
      cloudProvider: "AWS",
      connectionStatus: "PENDING_ACCEPTANCE",
      interfaceEndpointId: vpce,
    });
    const settled = await eventually(
      () => atlas.endpointRegistrations.get({ ...ids, endpointId: vpce }),
      (endpoint) => endpoint.cloudProvider === "AWS" && endpoint.connectionStatus === "AVAILABLE",
    );
    expect(settled.cloudProvider === "AWS" && settled.connectionStatus).toBe("AVAILABLE");
    // No list operation: the service lists its endpoints.
    const service = await atlas.endpointServices.get(ids);
    expect(service.cloudProvider === "AWS" && service.interfaceEndpoints).toEqual([vpce]);

    const duplicate = await failureOf(atlas.endpointRegistrations.create({ ...ids, body: { id: vpce } }));
    expect(duplicate).toBeInstanceOf(AtlasApiError);
    expect(duplicate).toMatchObject({ status: 409, errorCode: "PRIVATE_ENDPOINT_ALREADY_EXISTS" });

    await atlas.endpointRegistrations.delete({ ...ids, endpointId: vpce });
    const deleting = await atlas.endpointRegistrations.get({ ...ids, endpointId: vpce }).catch(() => undefined);
    if (deleting) expect(deleting.deleteRequested).toBe(true);
    const gone = await eventually(
      () => failureOf(atlas.endpointRegistrations.get({ ...ids, endpointId: vpce })),
      (error) => isNotFound(error),
    );
    expect(isNotFound(gone)).toBe(true);
    // Its last endpoint gone, the AWS service goes too (the simulator's default, see docs/simulator.md).
    const serviceGone = await eventually(
      () => failureOf(atlas.endpointServices.get(ids)),
      (error) => isNotFound(error),
    );
    expect(isNotFound(serviceGone)).toBe(true);
  });

  test("an Azure private endpoint id is sent URL-encoded in the path and found again", async () => {
    const endpointServiceId = seedService({ providerName: "AZURE", region: "US_EAST_2" });
    const ids = { groupId, cloudProvider: "AZURE" as const, endpointServiceId };
    const created = await atlas.endpointRegistrations.create({
      ...ids,
      body: { id: azureId, privateEndpointIPAddress: "10.0.0.4" },
    });
    expect(created).toMatchObject({ cloudProvider: "AZURE", privateEndpointResourceId: azureId });
    const read = await atlas.endpointRegistrations.get({ ...ids, endpointId: azureId });
    expect(read.cloudProvider === "AZURE" && read.privateEndpointIPAddress).toBe("10.0.0.4");
    const paths = sim.control
      .getRequestLog()
      .filter((entry) => entry.operationId === "getGroupPrivateEndpointEndpointServiceEndpoint")
      .map((entry) => entry.path);
    expect(paths[0]).toContain("/endpoint/%2Fsubscriptions%2F19265c27-b60e-4c3b-9426-ae3f507300b5%2FresourceGroups%2F");
    await atlas.endpointRegistrations.delete({ ...ids, endpointId: azureId });
  });

  test("a GCP port-mapped endpoint is registered with its one forwarding rule", async () => {
    const endpointServiceId = seedService({ providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true });
    const ids = { groupId, cloudProvider: "GCP" as const, endpointServiceId };
    const created = await atlas.endpointRegistrations.create({
      ...ids,
      body: {
        gcpProjectId: "customer-project",
        endpointGroupName: "psc-1",
        endpoints: [{ endpointName: "psc-1", ipAddress: "10.0.42.1" }],
      },
    });
    expect(created).toMatchObject({ cloudProvider: "GCP", endpointGroupName: "psc-1", portMappingEnabled: true });
    const settled = await eventually(
      () => atlas.endpointRegistrations.get({ ...ids, endpointId: "psc-1" }),
      (endpoint) => endpoint.cloudProvider === "GCP" && endpoint.status === "AVAILABLE",
    );
    expect(settled.cloudProvider === "GCP" && settled.endpoints).toEqual([
      { endpointName: "psc-1", ipAddress: "10.0.42.1", status: "AVAILABLE" },
    ]);
  });

  test("a 503 on the GET is retried; a 503 on the POST is not (Atlas may have acted on it)", async () => {
    const endpointServiceId = seedService({ providerName: "AWS", region: "US_EAST_1" });
    const ids = { groupId, cloudProvider: "AWS" as const, endpointServiceId };
    sim.control.addFault({
      kind: "error",
      status: 503,
      match: { operationId: "createGroupPrivateEndpointEndpointServiceEndpoint" },
    });
    const refused = await failureOf(atlas.endpointRegistrations.create({ ...ids, body: { id: vpce } }));
    expect(refused).toMatchObject({ status: 503 });
    await atlas.endpointRegistrations.create({ ...ids, body: { id: vpce } });
    sim.control.addFault({
      kind: "error",
      status: 503,
      count: 2,
      match: { operationId: "getGroupPrivateEndpointEndpointServiceEndpoint" },
    });
    const read = await atlas.endpointRegistrations.get({ ...ids, endpointId: vpce });
    expect(read.cloudProvider).toBe("AWS");
    const gets = sim.control
      .getRequestLog()
      .filter((entry) => entry.operationId === "getGroupPrivateEndpointEndpointServiceEndpoint");
    expect(gets.map((entry) => entry.status)).toEqual([503, 503, 200]);
  });

  test("the regional mode is read and toggled; a disable Atlas refuses surfaces as a 409 AtlasApiError", async () => {
    expect(await atlas.regionalMode.get({ groupId })).toEqual({ enabled: false });
    expect(await atlas.regionalMode.update({ groupId, body: { enabled: true } })).toEqual({ enabled: true });
    expect(await atlas.regionalMode.get({ groupId })).toEqual({ enabled: true });
    const east = seedService({ providerName: "AWS", region: "US_EAST_1" });
    const west = seedService({ providerName: "AWS", region: "US_WEST_2" });
    for (const [endpointServiceId, id] of [
      [east, vpce],
      [east, "vpce-0123456789abcdef1"],
      [west, "vpce-0123456789abcdef2"],
    ]) {
      sim.control.seedResource({
        kind: "private-endpoint-registration",
        groupId,
        endpointServiceId,
        body: { id },
        settled: true,
      });
    }
    const refused = await failureOf(atlas.regionalMode.update({ groupId, body: { enabled: false } }));
    expect(hasErrorCode(refused, "CANNOT_DISABLE_REGIONALIZED_PRIVATE_ENDPOINTS")).toBe(true);
    expect(refused).toMatchObject({ status: 409, operationId: "toggleGroupPrivateEndpointRegionalMode" });
    expect(await atlas.regionalMode.get({ groupId })).toEqual({ enabled: true });
  });
});
