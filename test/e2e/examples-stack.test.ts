// The examples stack (examples/network-stack.ts) through the real Pulumi engine: up, a second preview and
// up that change nothing, destroy, and no credential anywhere in state or output. One stack, one Atlas
// project in the simulator; the tests run in order, each on the state the previous one left.
import * as fs from "node:fs";
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  atlasResources,
  atlasWrites,
  compareStateWithAtlas,
  describeWithEngine,
  lastSequence,
  liveResources,
  openStackFixture,
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
      // 9 Atlas resources and the stack itself.
      expect(up.summary.resourceChanges).toEqual({ create: 10 });

      const state = await exportState("the first up");
      const byType = (type: Parameters<typeof atlasResources>[1]) => atlasResources(state, type).length;
      expect([
        byType("NetworkContainer"),
        byType("PrivateEndpointService"),
        byType("NetworkPeer"),
        byType("ServerlessPrivateEndpoint"),
      ]).toEqual([3, 3, 2, 1]);
      expect(compareStateWithAtlas(state, simulator, projectId)).toEqual({ missingInAtlas: [], orphansInAtlas: [] });
      expect(liveResources(simulator, projectId)).toHaveLength(9);

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
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "a second preview reports zero changes, with the serialized provider unchanged in state",
    async () => {
      const before = await exportState("the first up (again)");
      const preview = await stack.preview();
      expect(preview.changeSummary).toEqual({ same: 10 });
      const providers = (state: ExportedState) => atlasResources(state).map((resource) => resource.inputs?.__provider);
      // One tiny provider text per kind, the same in inputs and outputs: nothing for a diff to see.
      for (const resource of atlasResources(before)) {
        expect(typeof resource.inputs?.__provider).toBe("string");
        expect(resource.outputs?.__provider).toBe(resource.inputs?.__provider);
      }
      expect(new Set(providers(before)).size).toBe(4);
      expect(providers(await exportState("the second preview"))).toEqual(providers(before));
    },
    STEP_TIMEOUT_MS,
  );

  test(
    "a second up changes nothing and makes no write call to Atlas",
    async () => {
      const since = lastSequence(simulator);
      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ same: 10 });
      expect(atlasWrites(requestsSince(simulator, since))).toEqual([]);
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
      expect(destroy.summary.resourceChanges).toEqual({ delete: 10 });
      expect(liveResources(simulator, projectId)).toEqual([]);
      // Each owned resource got its DELETE (containers included: the stack declared them).
      const deleted = atlasWrites(requestsSince(simulator, since)).filter(
        (entry) => entry.method === "DELETE" && entry.status !== null && entry.status < 300,
      );
      for (const resource of owned) expect(deleted.some((entry) => entry.path.endsWith(`/${resource.id}`))).toBe(true);
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
    expect(Object.keys(exports)).toHaveLength(5);
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
