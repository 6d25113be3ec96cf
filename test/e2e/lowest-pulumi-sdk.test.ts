// The lowest @pulumi/pulumi that the package's peer range promises (package.json peerDependencies), run
// for real: a temp Pulumi.yaml project installs the packed package next to exactly that SDK (offline from
// npm's cache first, the registry only for what the cache lacks), and the CLI of scripts/pulumi-cli.sh runs
// it against the simulator. The SDK's own program runtime and its dynamic-provider host (the engine starts
// it from the project's node_modules) are both that lowest version. up, refresh (ReadResult.inputs, new in
// 3.216.0), an empty preview, destroy.
import * as fs from "node:fs";
import * as path from "node:path";
import { packInto, run, runOrThrow } from "../package/support";
import {
  createEngineWorkspace,
  describeWithEngine,
  liveResources,
  randomProjectId,
  repoRoot,
  startEngineSimulator,
  type EngineWorkspace,
} from "../support/pulumi";

const TEST_TIMEOUT_MS = 12 * 60_000;
const INSTALL_TIMEOUT_MS = 6 * 60_000;
const COMMAND_TIMEOUT_MS = 3 * 60_000;

/** The lower bound of the peer range (">=3.216.0 <4" -> "3.216.0"). */
function lowestPromisedSdk(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    peerDependencies?: Record<string, string>;
  };
  const range = manifest.peerDependencies?.["@pulumi/pulumi"] ?? "";
  const lowest = /^>=\s*(\d+\.\d+\.\d+)\s/.exec(range)?.[1];
  if (!lowest) throw new Error(`cannot read the lower bound of the @pulumi/pulumi peer range "${range}"`);
  return lowest;
}

const program = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { NetworkContainer, NetworkPeer, PrivateEndpointService } = require("pulumi-mongodbatlas-network");

const config = new pulumi.Config();
const projectId = config.require("projectId");
const poll = { intervalSeconds: 0.05, maxIntervalSeconds: 0.25 };

const service = new PrivateEndpointService("aws", { projectId, providerName: "AWS", region: "us-east-1", poll });
const container = new NetworkContainer("aws", {
  projectId,
  providerName: "AWS",
  regionName: "US_EAST_2",
  atlasCidrBlock: "10.8.0.0/21",
  poll,
});
const peer = new NetworkPeer("aws", {
  projectId,
  providerName: "AWS",
  containerId: container.id,
  accepterRegionName: "us-east-2",
  awsAccountId: "123456789012",
  routeTableCidrBlock: "10.0.0.0/16",
  vpcId: "vpc-0123456789abcdef0",
  poll,
});

exports.endpointServiceName = service.endpointServiceName;
exports.peerStatus = peer.statusName;
exports.sdkVersion = require("@pulumi/pulumi/package.json").version;
`;

describeWithEngine("the lowest @pulumi/pulumi of the peer range", (cli) => {
  const testWithLanguageHost = cli.hasLanguageHost ? test : test.skip;
  const lowest = lowestPromisedSdk();

  testWithLanguageHost(
    `@pulumi/pulumi ${lowest} runs the package: up, refresh, an empty preview and destroy`,
    async () => {
      const simulator = await startEngineSimulator();
      let workspace: EngineWorkspace | undefined;
      try {
        workspace = await createEngineWorkspace(cli, "lowest-sdk");
        const project = workspace.workDir;
        // Its own node_modules, not the repository's: replace the link the workspace made.
        fs.unlinkSync(path.join(project, "node_modules"));
        fs.writeFileSync(
          path.join(project, "package.json"),
          JSON.stringify({ name: "lowest-sdk", private: true, main: "index.js" }),
        );
        const tarball = await packInto(workspace.root);
        const packages = [tarball, `@pulumi/pulumi@${lowest}`];
        const common = ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"];
        const offline = await run("npm", [...common, "--offline", ...packages], {
          cwd: project,
          timeoutMs: INSTALL_TIMEOUT_MS,
        });
        if (offline.code !== 0) {
          await runOrThrow("npm", [...common, "--prefer-offline", ...packages], {
            cwd: project,
            timeoutMs: INSTALL_TIMEOUT_MS,
          });
        }
        const installed = JSON.parse(
          fs.readFileSync(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
        ) as { version: string };
        expect(installed.version).toBe(lowest);
        // One copy of the SDK: the package uses the project's (a peer dependency).
        expect(
          fs.existsSync(
            path.join(project, "node_modules", "pulumi-mongodbatlas-network", "node_modules", "@pulumi", "pulumi"),
          ),
        ).toBe(false);

        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: lowest-sdk\nruntime: nodejs\nmain: index.js\n");
        fs.writeFileSync(path.join(project, "index.js"), program);
        const ws = workspace;
        const pulumi = async (...args: string[]) => {
          const result = await run(ws.pulumiPath, args, {
            cwd: project,
            env: ws.envVars,
            timeoutMs: COMMAND_TIMEOUT_MS,
          });
          if (result.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
          }
          return result;
        };
        const projectId = randomProjectId();
        await pulumi("stack", "init", "dev", "--secrets-provider", "passphrase", "--non-interactive");
        await pulumi("config", "set", "projectId", projectId);
        await pulumi("config", "set", "mongodbatlas:baseUrl", simulator.baseUrl);
        await pulumi("config", "set", "mongodbatlas:publicKey", simulator.credentials.publicKey);
        await pulumi("config", "set", "--secret", "mongodbatlas:privateKey", simulator.credentials.privateKey);

        await pulumi("up", "--yes", "--non-interactive", "--skip-preview");
        const outputs = JSON.parse((await pulumi("stack", "output", "--json")).stdout) as Record<string, string>;
        expect(outputs).toEqual({
          endpointServiceName: expect.stringMatching(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/),
          peerStatus: "PENDING_ACCEPTANCE",
          sdkVersion: lowest,
        });
        // Atlas also makes an implicit container for the endpoint service's region.
        expect(
          liveResources(simulator, projectId)
            .map((r) => r.kind)
            .sort(),
        ).toEqual(["network-container", "network-container", "network-peer", "private-endpoint-service"]);

        await pulumi("refresh", "--yes", "--non-interactive", "--skip-preview");
        await pulumi("preview", "--non-interactive", "--expect-no-changes");
        await pulumi("destroy", "--yes", "--non-interactive", "--skip-preview");
        // What is left is at most the container Atlas made implicitly for the service's region.
        expect(liveResources(simulator, projectId).map((r) => r.kind)).toEqual(
          expect.not.arrayContaining(["network-peer", "private-endpoint-service"]),
        );
        expect(liveResources(simulator, projectId).length).toBeLessThanOrEqual(1);
        await pulumi("stack", "rm", "dev", "--yes", "--non-interactive");
      } finally {
        await simulator.close();
        workspace?.dispose();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
