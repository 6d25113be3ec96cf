// Changes to a deployed examples stack through the real engine: mutable inputs update in place,
// immutable ones replace (deleting an endpoint service first), and refresh sees what happened in Atlas
// behind Pulumi's back. One stack; the tests run in order on the state the previous one left.
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  atlasWrites,
  compareStateWithAtlas,
  describeWithEngine,
  exampleProjectName,
  exampleStack,
  lastSequence,
  liveResources,
  openStackFixture,
  requestsSince,
  resourceNamed,
  type EngineSimulator,
  type EngineStack,
  type StackFixture,
} from "../support/pulumi";

const STEP_TIMEOUT_MS = 120_000;
const configKey = (key: string) => `${exampleProjectName}:${key}`;

describeWithEngine("changing a deployed stack", (cli) => {
  let fixture: StackFixture;
  let simulator: EngineSimulator;
  let stack: EngineStack;
  let projectId: string;

  beforeAll(async () => {
    fixture = await openStackFixture(cli, { label: "changes", program: atlasNetworkStack });
    ({ simulator, stack, projectId } = fixture);
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await fixture?.close();
  });

  test(
    "changed mutable inputs update in place: AWS remote regions and attaching the serverless endpoint are PATCHes",
    async () => {
      const before = await stack.exportState();
      await stack.setConfig({
        [configKey("awsRemoteRegions")]: { value: JSON.stringify(["us-west-2", "EU_WEST_1"]) },
        [configKey("serverlessAwsEndpointId")]: { value: "vpce-0123456789abcdef0" },
      });
      const since = lastSequence(simulator);
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ same: exampleStack.engine - 2, update: 2 });
      // Two PATCHes (in either order: the engine runs them in parallel) and nothing else.
      const writes = atlasWrites(requestsSince(simulator, since)).map(
        (entry) => `${entry.method} ${entry.operationId}`,
      );
      expect(writes.sort()).toEqual([
        "PATCH updateGroupPrivateEndpointEndpointService",
        "PATCH updateGroupPrivateEndpointServerlessInstanceEndpoint",
      ]);

      const after = await stack.exportState();
      const awsService = resourceNamed(after, "PrivateEndpointService", "aws");
      expect(awsService.id).toBe(resourceNamed(before, "PrivateEndpointService", "aws").id);
      expect(awsService.outputs?.supportedRemoteRegions).toEqual(["EU_WEST_1", "US_WEST_2"]);
      expect(simulator.control.getResource(awsService.id as string)?.api?.supportedRemoteRegions).toEqual([
        "EU_WEST_1",
        "US_WEST_2",
      ]);

      const serverless = resourceNamed(after, "ServerlessPrivateEndpoint", "serverless");
      expect(serverless.id).toBe(resourceNamed(before, "ServerlessPrivateEndpoint", "serverless").id);
      expect(up.outputs.serverlessEndpointStatus?.value).toBe("AVAILABLE");
      expect(simulator.control.getResource(serverless.id as string)?.api?.cloudProviderEndpointId).toBe(
        "vpce-0123456789abcdef0",
      );
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "a changed immutable input replaces the endpoint service, deleting the old one (its registration first) before creating the new one, then a registration of all its attachments",
    async () => {
      const oldId = resourceNamed(await stack.exportState(), "PrivateEndpointService", "gcp").id as string;
      await stack.setConfig({ [configKey("gcpPortMapping")]: { value: "false" } });
      const since = lastSequence(simulator);
      const up = await stack.up();
      // The GCP registration goes with its service (a new endpointServiceId, and 50 forwarding rules for 1).
      expect(up.summary.resourceChanges).toEqual({ same: exampleStack.engine - 2, replace: 2 });

      const newService = resourceNamed(await stack.exportState(), "PrivateEndpointService", "gcp");
      expect(newService.id).not.toBe(oldId);
      expect(newService.outputs?.portMappingEnabled).toBe(false);
      // Without port mapping Atlas makes one service attachment per port (50), not one.
      expect(newService.outputs?.serviceAttachmentNames).toHaveLength(50);

      // Atlas allows one service per provider and region: the old one was gone before the new one existed.
      const timeline = simulator.control
        .getResources({ kind: "private-endpoint-service", groupId: projectId })
        .filter((view) => view.provider === "GCP");
      const old = timeline.find((view) => view.id === oldId);
      const replacement = timeline.find((view) => view.id === newService.id);
      expect(timeline).toHaveLength(2);
      expect(old?.deletedAt).toEqual(expect.any(Number));
      expect(replacement?.createdAt).toBeGreaterThanOrEqual(old?.deletedAt as number);
      expect(replacement?.deletedAt).toBeNull();
      const writes = atlasWrites(requestsSince(simulator, since)).map(
        (entry) => `${entry.method} ${entry.operationId}`,
      );
      expect(writes).toEqual([
        "DELETE deleteGroupPrivateEndpointEndpointServiceEndpoint",
        "DELETE deleteGroupPrivateEndpointEndpointService",
        "POST createGroupPrivateEndpointEndpointService",
        "POST createGroupPrivateEndpointEndpointServiceEndpoint",
      ]);
      // The new registration lists one forwarding rule per service attachment, each AVAILABLE.
      const registration = resourceNamed(await stack.exportState(), "PrivateEndpointRegistration", "gcp");
      expect(registration.outputs?.endpointServiceId).toBe(newService.id);
      expect(registration.outputs?.status).toBe("AVAILABLE");
      expect(registration.outputs?.endpointStatuses).toHaveLength(50);
      expect(up.outputs.gcpForwardingRules?.value).toHaveLength(50);
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "refresh after an out-of-band change records the drift, and the next up puts the declared value back",
    async () => {
      const serviceId = resourceNamed(await stack.exportState(), "PrivateEndpointService", "aws").id as string;
      simulator.control.mutateResource(serviceId, { supportedRemoteRegions: ["AP_SOUTHEAST_1"] });

      const refresh = await stack.refresh();
      expect(refresh.summary.resourceChanges).toEqual({ same: exampleStack.engine - 1, update: 1 });
      const drifted = resourceNamed(await stack.exportState(), "PrivateEndpointService", "aws");
      expect(drifted.outputs?.supportedRemoteRegions).toEqual(["AP_SOUTHEAST_1"]);
      expect(drifted.inputs?.supportedRemoteRegions).toEqual(["AP_SOUTHEAST_1"]);

      const preview = await stack.preview();
      expect(preview.changeSummary).toEqual({ same: exampleStack.engine - 1, update: 1 });
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ same: exampleStack.engine - 1, update: 1 });
      expect(simulator.control.getResource(serviceId)?.api?.supportedRemoteRegions).toEqual(["EU_WEST_1", "US_WEST_2"]);
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "refresh after an out-of-band delete drops the resource from state, and the next up creates it again",
    async () => {
      const oldPeerId = resourceNamed(await stack.exportState(), "NetworkPeer", "aws-vpc").id as string;
      simulator.control.deleteResource(oldPeerId);

      const refresh = await stack.refresh();
      expect(refresh.summary.resourceChanges).toEqual({ same: exampleStack.engine - 1, delete: 1 });
      const afterRefresh = await stack.exportState();
      expect(() => resourceNamed(afterRefresh, "NetworkPeer", "aws-vpc")).toThrow("no NetworkPeer named aws-vpc");

      const since = lastSequence(simulator);
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ same: exampleStack.engine - 1, create: 1 });
      const state = await stack.exportState();
      const newPeerId = resourceNamed(state, "NetworkPeer", "aws-vpc").id;
      expect(newPeerId).not.toBe(oldPeerId);
      expect(
        atlasWrites(requestsSince(simulator, since)).map((entry) => `${entry.method} ${entry.operationId}`),
      ).toEqual(["POST createGroupPeer"]);
      expect(compareStateWithAtlas(state, simulator, projectId)).toEqual({ missingInAtlas: [], orphansInAtlas: [] });
      expect(liveResources(simulator, projectId)).toHaveLength(exampleStack.inAtlas);
    },
    STEP_TIMEOUT_MS,
  );
});
