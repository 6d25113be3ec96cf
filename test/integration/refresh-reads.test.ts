/**
 * How `pulumi refresh` reads (the life cycle's read, shared/resource-reads.ts `readOne`), against the simulator
 * over real HTTP, called through the serialized provider shim as the engine calls it: the reads of one
 * project's resources of a kind made together share its list call instead of a GET each, and a resource the
 * list does not show leaves the state only when its own GET answers 404.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { startLaggingListProxy, type LaggingListProxy } from "../support/lagging-list-proxy";
import {
  callsOf,
  callsSince,
  createChecked,
  expectNoSecretLogged,
  fastPoll,
  requestLogMark,
  serializedProviderText,
  startResourceSimulator,
  startRunAgainst,
  stopResourceSimulator,
  type MemoryLogger,
  type Props,
} from "../support/resource-harness";
import { testGroupId, type RunningSimulator } from "../support/simulator";

const peers = new AtlasDynamicProvider("networkPeer");
const containers = new AtlasDynamicProvider("networkContainer");
const services = new AtlasDynamicProvider("privateEndpointService");

let sim: RunningSimulator;
let proxy: LaggingListProxy;
let logger: MemoryLogger;

beforeAll(async () => {
  sim = await startResourceSimulator();
  proxy = await startLaggingListProxy(sim);
});

beforeEach(() => {
  sim.control.reset();
  // Through the proxy, which passes everything on unless a test hides an item from the lists.
  logger = startRunAgainst(sim, proxy.baseUrl);
});

afterEach(() => expectNoSecretLogged(logger, sim));

afterAll(async () => {
  await proxy.close();
  await stopResourceSimulator(sim);
});

interface Created {
  id: string;
  outs: Props;
  /** The outputs as the engine stores them (with the serialized provider, which read does not repeat). */
  stored: Props;
}

function created(id: string, outs: Props): Created {
  return { id, outs, stored: { ...outs, __provider: serializedProviderText } };
}

function awsContainer(): string {
  return sim.control.seedResource({
    kind: "network-container",
    groupId: testGroupId,
    body: { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
  }).id;
}

/** `count` AWS peers in one container, one VPC each, created together as `pulumi up` does. */
async function createAwsPeers(count: number, containerId = awsContainer()): Promise<Created[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const { id, outs } = await createChecked(peers, {
        projectId: testGroupId,
        containerId,
        providerName: "AWS",
        accepterRegionName: "us-west-2",
        awsAccountId: "123456789012",
        routeTableCidrBlock: "172.31.0.0/16",
        vpcId: `vpc-${n.toString(16).padStart(17, "0")}`,
        poll: fastPoll,
      });
      return created(id, outs);
    }),
  );
}

/** A refresh: every resource read at once, as the engine sends its Read requests. */
function refresh(provider: AtlasDynamicProvider, resources: readonly Created[]) {
  return Promise.all(resources.map(({ id, stored }) => provider.read(id, stored)));
}

test("reading 12 peers of one project at once costs one list call of the peers and one of the containers, no GET", async () => {
  const made = await createAwsPeers(12);
  const mark = requestLogMark(sim);

  const reads = await refresh(peers, made);

  expect(reads.map((read) => read.id)).toEqual(made.map(({ id }) => id));
  reads.forEach((read, n) => expect(read.props).toEqual(made[n]!.outs));
  expect(callsSince(sim, mark).map((call) => call.operationId)).toEqual(["listGroupPeers", "listGroupContainerAll"]);
  expect(callsOf(sim, mark, "listGroupPeers")[0]?.query.providerName).toBe("AWS");
});

test("endpoint services of three providers read at once cost one list call per provider, no GET", async () => {
  const regions = { AWS: ["us-east-1", "us-west-2"], AZURE: ["US_EAST_2", "EUROPE_WEST"], GCP: ["CENTRAL_US"] };
  const made = await Promise.all(
    Object.entries(regions).flatMap(([providerName, names]) =>
      names.map(async (region) => {
        const { id, outs } = await createChecked(services, {
          projectId: testGroupId,
          providerName,
          region,
          ...(providerName === "GCP" ? { portMappingEnabled: true } : {}),
          poll: fastPoll,
        });
        return created(id, outs);
      }),
    ),
  );
  const mark = requestLogMark(sim);

  const reads = await refresh(services, made);

  reads.forEach((read, n) => expect(read.props).toEqual(made[n]!.outs));
  const calls = callsSince(sim, mark);
  expect(calls.every((call) => call.operationId === "listGroupPrivateEndpointEndpointService")).toBe(true);
  expect(calls.map((call) => call.path.split("/")[7]).sort()).toEqual(["AWS", "AZURE", "GCP"]);
});

test("network containers read at once cost one list call of the project's containers, no GET", async () => {
  const regions = [
    ["us-east-1", "10.8.0.0/21"],
    ["us-west-2", "10.16.0.0/21"],
    ["eu-west-1", "10.24.0.0/21"],
  ];
  const made = await Promise.all(
    regions.map(async ([regionName, atlasCidrBlock]) => {
      const { id, outs } = await createChecked(containers, {
        projectId: testGroupId,
        providerName: "AWS",
        regionName,
        atlasCidrBlock,
        poll: fastPoll,
      });
      return created(id, outs);
    }),
  );
  const mark = requestLogMark(sim);

  const reads = await refresh(containers, made);

  reads.forEach((read, n) => expect(read.props).toEqual(made[n]!.outs));
  // The list peers read their containers from: a refresh of containers and peers shares it.
  expect(callsSince(sim, mark).map((call) => call.operationId)).toEqual(["listGroupContainerAll"]);
});

test("a peer deleted outside Pulumi is missing from the list, and its own GET's 404 confirms it before the read drops it", async () => {
  const [gone, kept] = (await createAwsPeers(2)) as [Created, Created];
  sim.control.deleteResource(gone.id);
  const mark = requestLogMark(sim);

  const [goneRead, keptRead] = await refresh(peers, [gone, kept]);

  expect(goneRead).toEqual({});
  expect(keptRead?.id).toBe(kept.id);
  const peerCalls = callsSince(sim, mark).filter((call) => call.operationId !== "listGroupContainerAll");
  expect(peerCalls.map((call) => [call.operationId, call.path.split("/").at(-1), call.status])).toEqual([
    ["listGroupPeers", "peers", 200],
    ["getGroupPeer", gone.id, 404],
  ]);
});

test("a peer a lagging list leaves out is read by its GET and stays in the state", async () => {
  const [hidden, listed] = (await createAwsPeers(2)) as [Created, Created];
  proxy.hide(hidden.id);
  const mark = requestLogMark(sim);

  const [hiddenRead, listedRead] = await refresh(peers, [hidden, listed]);

  expect(hiddenRead?.id).toBe(hidden.id);
  expect(hiddenRead?.props).toEqual(hidden.outs);
  expect(listedRead?.props).toEqual(listed.outs);
  const peerCalls = callsSince(sim, mark).filter((call) => call.operationId !== "listGroupContainerAll");
  expect(peerCalls.map((call) => [call.operationId, call.path.split("/").at(-1), call.status])).toEqual([
    ["listGroupPeers", "peers", 200],
    ["getGroupPeer", hidden.id, 200],
  ]);
  expect(logger.lines.some((line) => line.includes(`${hidden.id}`) && line.includes("reading it by id"))).toBe(true);
});

test("a list that answers 404 drops nothing: each peer is read by its GET", async () => {
  const made = await createAwsPeers(2);
  sim.control.addFault({ kind: "error", status: 404, match: { operationId: "listGroupPeers" } });
  const mark = requestLogMark(sim);

  const reads = await refresh(peers, made);

  reads.forEach((read, n) => expect(read.props).toEqual(made[n]!.outs));
  expect(callsOf(sim, mark, "listGroupPeers").map((call) => call.status)).toEqual([404]);
  expect(callsOf(sim, mark, "getGroupPeer").map((call) => call.status)).toEqual([200, 200]);
});

test("with poll.coalesce false each read is its own GET", async () => {
  const made = (await createAwsPeers(3)).map(({ id, outs }) =>
    created(id, { ...outs, poll: { ...fastPoll, coalesce: false } }),
  );
  const mark = requestLogMark(sim);

  const reads = await refresh(peers, made);

  expect(reads.map((read) => read.id)).toEqual(made.map(({ id }) => id));
  expect(callsOf(sim, mark, "listGroupPeers")).toEqual([]);
  expect(callsOf(sim, mark, "getGroupPeer")).toHaveLength(3);
});

test("a refresh in a fresh process loads no zod: only check, create and update need the schemas", async () => {
  const peer = (await createAwsPeers(1))[0]!;
  const service = await createChecked(services, {
    projectId: testGroupId,
    providerName: "AWS",
    region: "us-east-1",
    poll: fastPoll,
  });
  const job = {
    config: {
      "mongodbatlas:baseUrl": sim.baseUrl,
      "mongodbatlas:publicKey": sim.credentials.publicKey,
      "mongodbatlas:privateKey": sim.credentials.privateKey,
    },
    reads: [
      { kind: "networkPeer", id: peer.id, props: peer.stored },
      { kind: "privateEndpointService", id: service.id, props: created(service.id, service.outs).stored },
      {
        kind: "networkContainer",
        id: String(peer.outs.containerId),
        props: { projectId: testGroupId, providerName: "AWS", regionName: "US_EAST_1" },
      },
    ],
  };
  // Asynchronously: the simulator answering the child runs in this process.
  const child = await promisify(execFile)(
    process.execPath,
    [
      require.resolve("ts-node/dist/bin.js"),
      "--transpile-only",
      "test/support/read-in-fresh-process.ts",
      JSON.stringify(job),
    ],
    { cwd: path.resolve(__dirname, "../.."), encoding: "utf8", timeout: 60_000 },
  );
  expect(child.stderr).toBe("");
  expect(JSON.parse(child.stdout)).toEqual({
    ids: [peer.id, service.id, peer.outs.containerId],
    zodAfterReads: false,
    zodAfterCheck: true,
  });
}, 60_000);
