// The repository's Pulumi.yaml project (main: examples/, which exports atlasNetworkStack) run the way a
// user runs it: by the CLI's Node.js language host, not inline. Skipped loudly when the CLI came without
// a language host (scripts/pulumi-cli.sh says why).
import {
  atlasConfig,
  createEngineWorkspace,
  describeWithEngine,
  EngineStack,
  exampleStack,
  exampleStackConfig,
  liveResources,
  randomProjectId,
  startEngineSimulator,
} from "../support/pulumi";

const TEST_TIMEOUT_MS = 300_000;

describeWithEngine("the Pulumi.yaml project", (cli) => {
  if (!cli.hasLanguageHost) {
    console.warn(`SKIPPING the Pulumi.yaml project: the CLI has no pulumi-language-nodejs:\n${cli.notes}`);
  }
  const testWithLanguageHost = cli.hasLanguageHost ? test : test.skip;

  testWithLanguageHost(
    "pulumi up, preview and destroy of the Pulumi.yaml project create, keep and delete the examples stack",
    async () => {
      const simulator = await startEngineSimulator();
      const workspace = await createEngineWorkspace(cli, "project");
      try {
        const projectId = randomProjectId();
        const stack = await EngineStack.createForProject({
          workspace,
          stackName: "project",
          config: {
            ...atlasConfig(simulator.baseUrl, simulator.credentials, "digest"),
            ...exampleStackConfig(projectId),
          },
        });
        const up = await stack.up();
        expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });
        expect(up.outputs.awsEndpointServiceName?.value).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
        expect(liveResources(simulator, projectId)).toHaveLength(exampleStack.inAtlas);
        expect((await stack.preview()).changeSummary).toEqual({ same: exampleStack.engine });
        await stack.destroy();
        expect(liveResources(simulator, projectId)).toEqual([]);
      } finally {
        await simulator.close();
        workspace.dispose();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
