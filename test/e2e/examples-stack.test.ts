// The examples stack (examples/network-stack.ts) through the real Pulumi engine: up of the whole chain (the
// private link per cloud: service → registration → AVAILABLE, the regional mode, containers, peers, serverless,
// a lookup), a second preview and up that change nothing, a refresh that finds no drift, destroy with every
// registration gone before its service's DELETE, and no credential anywhere in state or output. One stack, one
// Atlas project in the simulator; the tests run in order, each on the state the previous one left.
import * as fs from "node:fs";
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  atlasResources,
  atlasWrites,
  compareStateWithAtlas,
  countsByType,
  describeWithEngine,
  exampleStack,
  lastSequence,
  liveResources,
  openStackFixture,
  privateLinkTeardown,
  requestsSince,
  resourceNamed,
  type EngineSimulator,
  type EngineStack,
  type EngineWorkspace,
  type ExportedState,
  type StackFixture,
} from "../support/pulumi";
import { filesUnder, findSecrets } from "./support/secrets";

const STEP_TIMEOUT_MS = 120_000;

describeWithEngine("the examples stack on the real engine", (cli) => {
  let fixture: StackFixture;
  let simulator: EngineSimulator;
  let workspace: EngineWorkspace;
  let stack: EngineStack;
  let projectId: string;
  const exports: Record<string, string> = {};

  beforeAll(async () => {
    fixture = await openStackFixture(cli, {
      label: "examples",
      program: atlasNetworkStack,
      // Debug lines too: the secrets check below covers everything the provider can print.
      env: { PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL: "debug" },
    });
    ({ simulator, workspace, stack, projectId } = fixture);
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await fixture?.close();
  });

  /** The decrypted state for assertions; the stored one (as `pulumi stack export` prints it) for the secrets check. */
  async function exportState(label: string): Promise<ExportedState> {
    exports[`\`pulumi stack export\` after ${label}`] = await stack.exportStoredState();
    return stack.exportState();
  }

  test(
    "up creates every resource of the examples stack and sets the outputs users wire to their clouds",
    async () => {
      const up = await stack.up();
      expect(up.summary.result).toBe("succeeded");
      // 13 resources (12 Atlas objects and the project's regional mode) and the stack itself.
      expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });

      const state = await exportState("the first up");
      expect(countsByType(state)).toEqual(exampleStack.counts);
      expect(compareStateWithAtlas(state, simulator, projectId)).toEqual({ missingInAtlas: [], orphansInAtlas: [] });
      expect(liveResources(simulator, projectId)).toHaveLength(exampleStack.inAtlas);
      // Every registration settled: AVAILABLE in state and in Atlas.
      const registrations = atlasResources(state, "PrivateEndpointRegistration");
      expect(registrations.map((r) => [r.urn.split("::").pop(), r.outputs?.status]).sort()).toEqual([
        ["aws", "AVAILABLE"],
        ["azure", "AVAILABLE"],
        ["gcp", "AVAILABLE"],
      ]);
      for (const view of liveResources(simulator, projectId).filter((v) => v.kind === "private-endpoint-registration"))
        expect(view.status).toBe("AVAILABLE");
      expect(simulator.control.getRegionalMode(projectId).enabled).toBe(true);

      const outputs = Object.fromEntries(
        Object.entries(up.outputs).map(([key, output]) => [key, output.value as unknown]),
      );
      expect(outputs.awsEndpointServiceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]+$/);
      expect(outputs.awsEndpointServiceId).toBe(resourceNamed(state, "PrivateEndpointService", "aws").id);
      expect(outputs.azurePrivateLinkServiceResourceId).toMatch(
        /^\/subscriptions\/[0-9a-f-]+\/resourcegroups\/.+\/providers\/Microsoft\.Network\/privateLinkServices\/pls_/i,
      );
      expect(outputs.azurePrivateLinkServiceName).toMatch(/^pls_/);
      expect(outputs.gcpServiceAttachmentNames).toEqual([
        expect.stringMatching(/^projects\/.+\/regions\/us-central1\/serviceAttachments\/.+/),
      ]);
      expect(outputs.awsPeeringConnectionId).toMatch(/^pcx-[0-9a-f]+$/);
      expect(outputs.awsAtlasCidrBlock).toBe("10.8.0.0/21");
      // Atlas waits for the user on both peers: accept the AWS request, create the reciprocal GCP peering.
      expect(outputs.awsPeerStatus).toBe("PENDING_ACCEPTANCE");
      expect(outputs.gcpPeerStatus).toBe("WAITING_FOR_USER");
      expect(outputs.gcpAtlasProjectId).toEqual(expect.any(String));
      expect(outputs.gcpAtlasNetworkName).toEqual(expect.any(String));
      expect(outputs.serverlessEndpointStatus).toBe("RESERVED");
      expect(outputs.serverlessEndpointServiceName).toMatch(/^com\.amazonaws\.vpce\./);
      expect(outputs.serverlessEndpointId).toBe(resourceNamed(state, "ServerlessPrivateEndpoint", "serverless").id);
      // The second half of each private link.
      expect(outputs.awsVpcEndpointId).toBe("vpce-0c1d2e3f405162738");
      expect(outputs.awsRegistrationStatus).toBe("AVAILABLE");
      expect(outputs.azureRegistrationStatus).toBe("AVAILABLE");
      expect(outputs.azurePrivateEndpointConnectionName).toEqual(expect.any(String));
      expect(outputs.gcpRegistrationStatus).toBe("AVAILABLE");
      // Port mapping (the default): one service attachment, so one forwarding rule, registered and AVAILABLE.
      expect(outputs.gcpForwardingRules).toEqual([
        {
          endpointName: "atlas-psc-0",
          ipAddress: "10.128.0.10",
          target: (outputs.gcpServiceAttachmentNames as string[])[0],
        },
      ]);
      expect(outputs.gcpEndpointStatuses).toEqual([
        expect.objectContaining({ endpointName: "atlas-psc-0", ipAddress: "10.128.0.10", status: "AVAILABLE" }),
      ]);
      expect(outputs.regionalModeEnabled).toBe(true);
      // The lookup: every container Atlas lists for the project, with its CIDR.
      expect(outputs.atlasCidrBlocks).toEqual({
        "AWS US_EAST_1": "10.8.0.0/21",
        "AZURE US_EAST_2": "10.10.0.0/21",
        "GCP global": "10.12.0.0/18",
      });
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "a second preview reports zero changes, with the serialized provider unchanged in state",
    async () => {
      const before = await exportState("the first up (again)");
      const preview = await stack.preview();
      expect(preview.changeSummary).toEqual({ same: exampleStack.engine });
      const providers = (state: ExportedState) => atlasResources(state).map((resource) => resource.inputs?.__provider);
      // One tiny provider text per kind, the same in inputs and outputs: nothing for a diff to see.
      for (const resource of atlasResources(before)) {
        expect(typeof resource.inputs?.__provider).toBe("string");
        expect(resource.outputs?.__provider).toBe(resource.inputs?.__provider);
      }
      expect(new Set(providers(before)).size).toBe(6);
      expect(providers(await exportState("the second preview"))).toEqual(providers(before));
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "a second up changes nothing and makes no write call to Atlas",
    async () => {
      const since = lastSequence(simulator);
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ same: exampleStack.engine });
      expect(atlasWrites(requestsSince(simulator, since))).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "refresh reads every resource of the chain back, finds no drift and writes nothing",
    async () => {
      const before = await stack.exportState();
      const since = lastSequence(simulator);
      const refresh = await stack.refresh();
      expect(refresh.summary.result).toBe("succeeded");
      expect(refresh.summary.resourceChanges).toEqual({ same: exampleStack.engine });
      const reads = requestsSince(simulator, since);
      expect(atlasWrites(reads)).toEqual([]);
      // Each registration was read from Atlas (GET …/endpointService/{id}/endpoint/{endpointId}).
      expect(
        reads.filter((e) => e.method === "GET" && e.operationId === "getGroupPrivateEndpointEndpointServiceEndpoint")
          .length,
      ).toBeGreaterThanOrEqual(3);
      const after = await exportState("refresh");
      expect(atlasResources(after).map((r) => [r.id, r.outputs?.status])).toEqual(
        atlasResources(before).map((r) => [r.id, r.outputs?.status]),
      );
      expect(compareStateWithAtlas(after, simulator, projectId)).toEqual({ missingInAtlas: [], orphansInAtlas: [] });
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "destroy deletes everything the stack owns and leaves the Atlas project empty",
    async () => {
      const owned = atlasResources(await exportState("the second up"));
      const since = lastSequence(simulator);
      const destroy = await stack.destroy();
      expect(destroy.summary.result).toBe("succeeded");
      expect(destroy.summary.resourceChanges).toEqual({ delete: exampleStack.engine });
      expect(liveResources(simulator, projectId)).toEqual([]);
      // Each owned resource got its DELETE (containers included: the stack declared them), but the AWS service:
      // Atlas removed it with its last endpoint, and its delete found it gone.
      const deleted = atlasWrites(requestsSince(simulator, since)).filter(
        (entry) => entry.method === "DELETE" && entry.status !== null && entry.status < 300,
      );
      for (const resource of owned) {
        if (resource.type.endsWith(":PrivateEndpointRegionalMode")) continue;
        const expected = resource.type.endsWith(":PrivateEndpointRegistration")
          ? `/endpoint/${encodeURIComponent(resource.id as string)}`
          : `/${resource.id}`;
        if (resource.urn.endsWith("PrivateEndpointService::aws")) continue;
        const sent = deleted.some((entry) => entry.path.endsWith(expected));
        expect([resource.urn, sent]).toEqual([resource.urn, true]);
      }
      // The regional mode was turned off again (its delete), after the registrations that depend on it.
      expect(simulator.control.getRegionalMode(projectId).enabled).toBe(false);

      // The order, from the simulator's request log: every registration read 404 before its service's DELETE
      // was sent (Azure, GCP) or before Atlas removed the service with its last endpoint (AWS).
      const teardown = privateLinkTeardown(simulator, projectId, since);
      console.info(
        teardown
          .map(
            (service) =>
              `${service.provider} service ${service.serviceId}: ` +
              service.registrations
                .map((r) => `registration ${r.endpointId} DELETE sent ${r.deleteSentAt}, gone ${r.goneAt}`)
                .join("; ") +
              `; service DELETE sent ${service.serviceDeleteSentAt ?? "never (Atlas removed it with its last endpoint)"}, gone ${service.serviceGoneAt}`,
          )
          .join("\n"),
      );
      expect(
        teardown.map((service) => [service.provider, service.registrations.length, service.registrationsFirst]),
      ).toEqual(
        expect.arrayContaining([
          ["AWS", 1, true],
          ["AZURE", 1, true],
          ["GCP", 1, true],
        ]),
      );
      expect(teardown).toHaveLength(3);
      for (const service of teardown)
        for (const registration of service.registrations) expect(registration.deleteSentAt).toEqual(expect.any(Number));
      // Never the 409 of a service deleted with endpoints still registered.
      expect(requestsSince(simulator, since).filter((entry) => entry.status === 409)).toEqual([]);
      expect(atlasResources(await exportState("destroy"))).toEqual([]);
    },
    STEP_TIMEOUT_MS,
  );

  test("neither the exported states, the engine's output nor any file of the stack holds the API private key", () => {
    const files = Object.fromEntries(filesUnder(workspace.root).map((file) => [file, fs.readFileSync(file, "utf8")]));
    // The key itself was in use: the simulator only accepts Digest answers made with it.
    expect(requestsSince(simulator, 0).some((entry) => entry.authScheme === "digest" && entry.status === 200)).toBe(
      true,
    );
    expect(Object.keys(exports)).toHaveLength(6);
    expect(
      findSecrets(
        { ...exports, "the engine's output": stack.text, ...files },
        { privateKey: simulator.credentials.privateKey },
      ),
    ).toEqual([]);
    // It is in the stack's config, encrypted by the passphrase secrets provider.
    const stackConfig = fs.readFileSync(`${workspace.workDir}/Pulumi.examples.yaml`, "utf8");
    expect(stackConfig).toMatch(/mongodbatlas:privateKey:\s+secure: /);
  });
});
