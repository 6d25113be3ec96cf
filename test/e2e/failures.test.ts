// Atlas misbehaving under the real engine: a resource that ends FAILED, a 429 storm and a 5xx burst,
// and input Atlas would refuse. Each test has its own simulator, stack and temp directory.
import * as pulumi from "@pulumi/pulumi";
import { PrivateEndpointService } from "pulumi-mongodbatlas-network";
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  atlasResources,
  compareStateWithAtlas,
  describeWithEngine,
  errorText,
  exampleStack,
  liveResources,
  openStackFixture,
  requestsSince,
  resourceNamed,
  type StackFixture,
} from "../support/pulumi";

const TEST_TIMEOUT_MS = 180_000;

/** One AWS endpoint service: the smallest stack a forced FAILED can hit without ambiguity. */
async function oneEndpointService() {
  const config = new pulumi.Config();
  const service = new PrivateEndpointService("aws", {
    projectId: config.require("projectId"),
    providerName: "AWS",
    region: "US_EAST_1",
    poll: config.requireObject("poll"),
  });
  return { endpointServiceId: service.endpointServiceId, status: service.status };
}

describeWithEngine("Atlas failures under the real engine", (cli) => {
  let fixture: StackFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  test(
    "an endpoint service Atlas ends FAILED fails up with Atlas's errorMessage, stays in state with its id, and the next up replaces it",
    async () => {
      fixture = await openStackFixture(cli, { label: "failed", program: oneEndpointService });
      const { simulator, stack, projectId } = fixture;
      const atlasMessage = "Atlas could not provision the AWS load balancer in US_EAST_1 (simulated)";
      simulator.control.addFault({
        kind: "fail",
        errorMessage: atlasMessage,
        match: { operationId: "createGroupPrivateEndpointEndpointService" },
      });

      const failure = await stack.up().then(
        () => undefined,
        (error: unknown) => errorText(error),
      );
      expect(failure).toContain(atlasMessage);

      const failedState = await stack.exportState();
      const kept = resourceNamed(failedState, "PrivateEndpointService", "aws");
      // (Atlas also made the region's network container for the service: not this stack's resource.)
      const liveServices = () =>
        liveResources(simulator, projectId).filter((view) => view.kind === "private-endpoint-service");
      const [atlasService] = liveServices();
      expect(atlasService?.status).toBe("FAILED");
      // Kept with Atlas's id (nothing leaks) and with the failure recorded for the next run.
      expect(kept.id).toBe(atlasService?.id);
      expect(kept.outputs?.status).toBe("FAILED");
      expect(kept.initErrors?.join("\n")).toContain(atlasMessage);

      // The fault was used up: the next up replaces the FAILED service (Atlas cannot repair one in place).
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
      expect(up.outputs.status?.value).toMatch(/^(AVAILABLE|WAITING_FOR_USER)$/);
      const recovered = await stack.exportState();
      expect(resourceNamed(recovered, "PrivateEndpointService", "aws").id).not.toBe(kept.id);
      expect(resourceNamed(recovered, "PrivateEndpointService", "aws").initErrors ?? []).toEqual([]);
      expect(simulator.control.getResource(kept.id as string)?.status).toBe("DELETED");
      expect(liveServices().map((view) => view.id)).toEqual([
        resourceNamed(recovered, "PrivateEndpointService", "aws").id,
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "up of the examples stack succeeds through a storm of 429s from Atlas's rate limit and a burst of 5xx answers",
    async () => {
      fixture = await openStackFixture(cli, {
        label: "storm",
        program: atlasNetworkStack,
        // Atlas's own token bucket, far tighter than its default: twelve resources polling every 50 ms. The client
        // paces itself from the RateLimit-* headers; the 429s it cannot foresee are injected below.
        simulator: { rateLimit: { capacity: 8, refillPerSecond: 4 } },
      });
      const { simulator, stack, projectId } = fixture;
      const { control } = simulator;
      // Plus a 5xx burst: on each kind of create (Atlas did nothing; each provider looks its resource up and
      // sends the create again) and on reads (the client retries those).
      for (const operationId of [
        "createGroupContainer",
        "createGroupPrivateEndpointEndpointService",
        "createGroupPeer",
      ]) {
        control.addFault({ kind: "error", status: 503, match: { operationId } });
      }
      control.addFault({ kind: "error", status: 500, count: 2, match: { method: "GET" } });
      control.addFault({ kind: "error", status: 502, match: { method: "GET" } });
      control.addFault({ kind: "error", status: 429, count: 5, match: { method: "GET" } });

      const up = await stack.up();
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });
      expect(control.listFaults()).toEqual([]);

      const log = requestsSince(simulator, 0);
      const answered = (status: number) => log.filter((entry) => entry.status === status).length;
      expect([answered(503), answered(500), answered(502)]).toEqual([3, 2, 1]);
      expect(answered(429)).toBeGreaterThanOrEqual(5);
      // Retried creates made no duplicates: one Atlas resource per declared resource.
      expect(compareStateWithAtlas(await stack.exportState(), simulator, projectId)).toEqual({
        missingInAtlas: [],
        orphansInAtlas: [],
      });
      expect(liveResources(simulator, projectId)).toHaveLength(exampleStack.inAtlas);
    },
    TEST_TIMEOUT_MS,
  );

  // A 503 on a create may or may not have been carried out: the provider looks the reservation up and, when
  // Atlas made none, sends the POST again, like the other creates.
  test(
    "a 503 on the serverless reservation POST is retried like the other creates",
    async () => {
      fixture = await openStackFixture(cli, { label: "serverless-503", program: atlasNetworkStack });
      const { simulator, stack, projectId } = fixture;
      simulator.control.addFault({
        kind: "error",
        status: 503,
        match: { operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint" },
      });
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });
      expect(compareStateWithAtlas(await stack.exportState(), simulator, projectId)).toEqual({
        missingInAtlas: [],
        orphansInAtlas: [],
      });
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "preview of bad input fails with a message naming the field and what Atlas accepts, before any call to Atlas",
    async () => {
      fixture = await openStackFixture(cli, {
        label: "bad-input",
        program: atlasNetworkStack,
        config: { awsAtlasCidrBlock: "10.8.1.0/21" },
      });
      const { simulator, stack } = fixture;
      const failure = await stack.preview().then(
        () => undefined,
        (error: unknown) => errorText(error),
      );
      expect(failure).toContain(
        'atlasCidrBlock "10.8.1.0/21" is not valid: it must be written with its network address, 10.8.0.0/21',
      );
      expect(requestsSince(simulator, 0)).toEqual([]);
      expect(atlasResources(await stack.exportState())).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
