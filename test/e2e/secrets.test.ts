// Credentials through the real engine with a service account: the client secret goes into stack config
// as a secret, the provider trades it for bearer tokens, and neither (nor any token) may appear in the
// exported state, the engine's output or any file of the stack. A recording proxy in front of the
// simulator learns the tokens it hands out, the one secret a test cannot know in advance.
import * as fs from "node:fs";
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  describeWithEngine,
  exampleStack,
  openStackFixture,
  requestsSince,
  type StackFixture,
} from "../support/pulumi";
import { filesUnder, findSecrets, startRecordingProxy, type RecordingProxy } from "./support/secrets";

const TEST_TIMEOUT_MS = 180_000;

describeWithEngine("credentials through the real engine", (cli) => {
  let fixture: StackFixture | undefined;
  let proxy: RecordingProxy | undefined;
  afterAll(async () => {
    await proxy?.close();
    await fixture?.close();
  });

  test(
    "with a service account, neither the client secret nor any bearer token appears in state, engine output or the stack's files",
    async () => {
      fixture = await openStackFixture(cli, {
        label: "service-account",
        program: atlasNetworkStack,
        credentials: "serviceAccount",
        baseUrl: async (simulator) => {
          proxy = await startRecordingProxy(simulator);
          return proxy.baseUrl;
        },
        // Every line the provider can print, debug included.
        env: { PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL: "debug" },
      });
      const { simulator, stack, workspace } = fixture;
      const exports: Record<string, string> = {};

      const up = await stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });
      exports["`pulumi stack export` after up"] = await stack.exportStoredState();
      await stack.refresh();
      exports["`pulumi stack export` after refresh"] = await stack.exportStoredState();
      await stack.destroy();
      exports["`pulumi stack export` after destroy"] = await stack.exportStoredState();

      // The provider authenticated with bearer tokens (one token request per provider process at least).
      const recorded = proxy as RecordingProxy;
      expect(recorded.issuedTokens.length).toBeGreaterThanOrEqual(1);
      expect(requestsSince(simulator, 0).some((entry) => entry.authScheme === "bearer" && entry.status === 200)).toBe(
        true,
      );

      const files = Object.fromEntries(filesUnder(workspace.root).map((file) => [file, fs.readFileSync(file, "utf8")]));
      const secrets: Record<string, string> = {
        clientSecret: simulator.credentials.clientSecret,
        ...Object.fromEntries(recorded.issuedTokens.map((token, i) => [`bearer token #${i + 1}`, token])),
      };
      expect(findSecrets({ ...exports, "the engine's output": stack.text, ...files }, secrets)).toEqual([]);
      const stackConfig = fs.readFileSync(`${workspace.workDir}/Pulumi.service-account.yaml`, "utf8");
      expect(stackConfig).toMatch(/mongodbatlas:clientSecret:\s+secure: /);
    },
    TEST_TIMEOUT_MS,
  );
});
