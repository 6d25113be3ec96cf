/**
 * NetworkPeer against the simulator over real HTTP, called through the serialized provider shim the way the
 * Pulumi engine calls it (check → diff → create/read/update/delete), for each of AWS, Azure and GCP.
 */
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { networkPeerOutputs } from "../../provider/resources/network-peer/outputs";
import { NetworkPeer } from "../../provider/resources/network-peer/resource";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { ResourceInitError } from "../../provider/resources/shared/partial-failure";
import { unknownValue } from "../../provider/resources/shared/unknowns";
import {
  callsOf,
  callsSince,
  checkedInputs,
  createChecked,
  expectNoSecretLogged,
  fastPoll,
  initErrorOf,
  rejectionOf,
  requestLogMark,
  requestsSince,
  serializedProviderText,
  startResourceSimulator,
  startRunAgainst,
  stopResourceSimulator,
  writesSince,
  type MemoryLogger,
  type Props,
} from "../support/resource-harness";
import { DigestTestClient, eventually, testGroupId, type RunningSimulator } from "../support/simulator";

type Provider = "AWS" | "AZURE" | "GCP";

const shim = new AtlasDynamicProvider("networkPeer");
const group = `/api/atlas/v2/groups/${testGroupId}`;

interface Variant {
  container: Props;
  peer: (containerId: string) => Props;
  /** Where a create stops without waitForAvailable. */
  settledStatus: string;
  /** The first state after a POST. */
  firstStatus: string;
  deletingStatus: string;
}

const variants: Record<Provider, Variant> = {
  AWS: {
    container: { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
    peer: (containerId) => ({
      projectId: testGroupId,
      containerId,
      providerName: "AWS",
      accepterRegionName: "us-west-2",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "172.31.0.0/16",
      vpcId: "vpc-0123456789abcdef0",
    }),
    settledStatus: "PENDING_ACCEPTANCE",
    firstStatus: "INITIATING",
    deletingStatus: "TERMINATING",
  },
  AZURE: {
    container: { providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.9.0.0/21" },
    peer: (containerId) => ({
      projectId: testGroupId,
      containerId,
      providerName: "AZURE",
      azureDirectoryId: "35f3b6a4-6b8f-4a0d-9c3e-2f1e7a3b9c11",
      azureSubscriptionId: "b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a",
      resourceGroupName: "my-rg",
      vnetName: "my-vnet",
    }),
    settledStatus: "AVAILABLE",
    firstStatus: "ADDING_PEER",
    deletingStatus: "DELETING",
  },
  GCP: {
    container: { providerName: "GCP", regions: ["CENTRAL_US"], atlasCidrBlock: "10.10.0.0/21" },
    peer: (containerId) => ({
      projectId: testGroupId,
      containerId,
      providerName: "GCP",
      gcpProjectId: "my-gcp-project",
      networkName: "default",
    }),
    settledStatus: "WAITING_FOR_USER",
    firstStatus: "ADDING_PEER",
    deletingStatus: "DELETING",
  },
};
const providers = Object.keys(variants) as Provider[];

let sim: RunningSimulator;
let logger: MemoryLogger;

beforeAll(async () => {
  sim = await startResourceSimulator();
});

beforeEach(() => {
  sim.control.reset();
  logger = startRunAgainst(sim);
});

afterEach(() => expectNoSecretLogged(logger, sim));

afterAll(() => stopResourceSimulator(sim));

// ---- helpers ------------------------------------------------------------------------------------------

function seedContainer(provider: Provider): string {
  return sim.control.seedResource({
    kind: "network-container",
    groupId: testGroupId,
    body: variants[provider].container,
  }).id;
}

const settingKeys = ["projectId", "adoptExisting", "timeouts", "poll", "waitForAvailable"];
const computedKeys = Object.keys(networkPeerOutputs);

function without(record: Props, keys: readonly string[]): Props {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** A peer created outside this provider (with the body the API create takes), by default already settled. */
function seedPeer(inputs: Props, settled = true): string {
  return sim.control.seedResource({
    kind: "network-peer",
    groupId: testGroupId,
    body: without(inputs, settingKeys),
    settled,
  }).id;
}

/** The inputs among a create's outputs, to declare a changed version of them. */
function inputsOf(outs: Props): Props {
  return without(outs, computedKeys);
}

/** Outputs as the engine stores them: with the serialized provider added. */
function stored(outs: Props): Props {
  return { ...outs, __provider: serializedProviderText };
}

/** The peer as Atlas has it now (the API representation). */
function atlasPeer(id: string): Props {
  const view = sim.control.getResource(id);
  if (!view?.api) throw new Error(`peer ${id} is not in the simulator`);
  return view.api;
}

function peersInAtlas() {
  return sim.control.getResources({ kind: "network-peer", includeDeleted: false });
}

/** Inputs of one provider's peer in a fresh container, with fast polling. */
function peerInputs(provider: Provider, extra: Props = {}): Props {
  return { ...variants[provider].peer(seedContainer(provider)), poll: fastPoll, ...extra };
}

/** The engine converts outputs with protobuf's Struct: undefined anywhere would throw "Unexpected struct type". */
function expectEngineCanStore(outputs: Props): void {
  expect(() => Struct.fromJavaScript(outputs as Parameters<typeof Struct.fromJavaScript>[0])).not.toThrow();
}

function infoLines(): string[] {
  return logger.lines.filter((line) => line.startsWith("info: "));
}

// ---- create -------------------------------------------------------------------------------------------

describe("create", () => {
  test("an AWS peer settles at PENDING_ACCEPTANCE with its pcx- connectionId and says how to accept it", async () => {
    const mark = requestLogMark(sim);
    const { id, outs } = await createChecked(shim, peerInputs("AWS"));

    expect(outs).toMatchObject({
      peerId: id,
      status: "PENDING_ACCEPTANCE",
      statusName: "PENDING_ACCEPTANCE",
      connectionId: expect.stringMatching(/^pcx-[0-9a-f]{17}$/),
      atlasCidrBlock: "10.8.0.0/21",
      providerName: "AWS",
      accepterRegionName: "us-west-2",
      vpcId: "vpc-0123456789abcdef0",
    });
    expect(outs).not.toHaveProperty("errorMessage");
    expect(outs).not.toHaveProperty("atlasGcpProjectId");
    expectEngineCanStore(outs);
    expect(sim.control.getResource(id)?.status).toBe("PENDING_ACCEPTANCE");
    expect(callsOf(sim, mark, "createGroupPeer")).toHaveLength(1);
    // The natural-key lookup and the coalesced wait list AWS peers explicitly (Atlas defaults to AWS anyway).
    expect(callsOf(sim, mark, "listGroupPeers").every((call) => call.query.providerName === "AWS")).toBe(true);

    const advice = infoLines().find((line) => line.includes("is PENDING_ACCEPTANCE"));
    expect(advice).toContain(
      `accept VPC peering connection ${String(outs.connectionId)} in AWS account 123456789012, region us-west-2`,
    );
    expect(advice).toContain("VpcPeeringConnectionAccepter");
    expect(advice).toContain("set waitForAvailable: true");
  });

  test("an Azure peer waits through ADDING_PEER until AVAILABLE, with no advice to act", async () => {
    const { id, outs } = await createChecked(shim, peerInputs("AZURE"));
    expect(outs).toMatchObject({ peerId: id, status: "AVAILABLE", atlasCidrBlock: "10.9.0.0/21", vnetName: "my-vnet" });
    expect(outs).not.toHaveProperty("statusName");
    expect(outs).not.toHaveProperty("connectionId");
    expectEngineCanStore(outs);
    expect(sim.control.getResource(id)?.history.map((change) => change.status)).toEqual(["ADDING_PEER", "AVAILABLE"]);
    expect(infoLines().some((line) => line.includes("WAITING_FOR_USER") || line.includes("PENDING_ACCEPTANCE"))).toBe(
      false,
    );
  });

  test("a GCP peer settles at WAITING_FOR_USER with Atlas's GCP project and network for the reciprocal peering", async () => {
    const { id, outs } = await createChecked(shim, peerInputs("GCP"));
    expect(outs).toMatchObject({
      peerId: id,
      status: "WAITING_FOR_USER",
      atlasCidrBlock: "10.10.0.0/21",
      atlasGcpProjectId: expect.stringMatching(/^p-[0-9a-f]{24}$/),
      atlasNetworkName: expect.stringMatching(/^nt-[0-9a-f]{24}-[0-9a-f]{8}$/),
    });
    expectEngineCanStore(outs);
    const advice = infoLines().find((line) => line.includes("is WAITING_FOR_USER"));
    expect(advice).toContain(
      `projects/${String(outs.atlasGcpProjectId)}/global/networks/${String(outs.atlasNetworkName)}`,
    );
    expect(advice).toContain("from network default of GCP project my-gcp-project");
  });

  test("an accepter region written US_WEST_2 is sent to Atlas in AWS form us-west-2", async () => {
    const { id, outs } = await createChecked(shim, peerInputs("AWS", { accepterRegionName: "US_WEST_2" }));
    expect(atlasPeer(id).accepterRegionName).toBe("us-west-2");
    expect(outs.accepterRegionName).toBe("us-west-2");
  });

  test.each(["AWS", "GCP"] as const)(
    "%s with waitForAvailable waits until the user side is done and the peer is AVAILABLE",
    async (provider) => {
      const creating = createChecked(shim, peerInputs(provider, { waitForAvailable: true }));
      // The user acts once told to, as they would reading `pulumi up`'s output.
      const told = await eventually(
        async () => infoLines().find((line) => line.includes(`is ${variants[provider].settledStatus}`)),
        (line) => line !== undefined,
      );
      expect(told).toContain("Waiting for AVAILABLE");
      const [peer] = peersInAtlas();
      expect(peer!.status).toBe(variants[provider].settledStatus);
      sim.control.acceptPeering(peer!.id);
      const { outs } = await creating;
      expect(outs.status).toBe("AVAILABLE");
    },
  );

  test("a POST answered 503 that Atlas did not act on is sent again after looking the peer up, and creates one peer", async () => {
    sim.control.addFault({ kind: "error", status: 503, match: { operationId: "createGroupPeer" } });
    const mark = requestLogMark(sim);
    const { id } = await createChecked(shim, peerInputs("AZURE"));
    expect(callsOf(sim, mark, "createGroupPeer").map((call) => call.status)).toEqual([503, 200]);
    expect(peersInAtlas().map((peer) => peer.id)).toEqual([id]);
    // The engine's one retry rule (shared/lifecycle.ts) names the retry in a warning.
    expect(
      logger.lines.some((line) => line.startsWith("warn: ") && line.includes("and Atlas has none; sending it again")),
    ).toBe(true);
  });

  test("a POST that Atlas processed but answered 500 is found by its natural key, not created twice", async () => {
    const inputs = peerInputs("GCP");
    // The POST is held back, the peer appears meanwhile (as if Atlas had processed it), then the POST answers 500.
    sim.control.addFault({ kind: "delay", delayMs: 1500, match: { operationId: "createGroupPeer" } });
    sim.control.addFault({ kind: "error", status: 500, match: { operationId: "createGroupPeer" } });
    const mark = requestLogMark(sim);
    const creating = createChecked(shim, inputs);
    await eventually(
      async () => callsOf(sim, mark, "listGroupPeers"),
      (calls) => calls.some((call) => call.status === 200),
    );
    const processed = seedPeer(inputs, false);
    const { id } = await creating;
    expect(id).toBe(processed);
    expect(callsOf(sim, mark, "createGroupPeer").map((call) => call.status)).toEqual([500]);
    expect(peersInAtlas()).toHaveLength(1);
  });

  test.each([
    [false, "is refused, naming the peer and adoptExisting"],
    [true, "is adopted"],
  ] as const)(
    "a peer created by someone else between the lookup and the POST (409) with adoptExisting %s %s",
    async (adoptExisting, _outcome) => {
      const inputs = peerInputs("AZURE", { adoptExisting });
      sim.control.addFault({ kind: "delay", delayMs: 1000, match: { operationId: "createGroupPeer" } });
      const mark = requestLogMark(sim);
      const creating = createChecked(shim, inputs).then(
        (created) => created,
        (error: unknown) => error as Error,
      );
      await eventually(
        async () => callsOf(sim, mark, "listGroupPeers"),
        (calls) => calls.some((call) => call.status === 200),
      );
      const other = seedPeer(inputs);
      const outcome = await creating;
      expect(callsOf(sim, mark, "createGroupPeer").map((call) => call.status)).toEqual([409]);
      if (adoptExisting) expect(outcome).toMatchObject({ id: other });
      else expect((outcome as Error).message).toMatch(new RegExp(`peer ${other}.*adoptExisting: true`));
      expect(peersInAtlas().map((peer) => peer.id)).toEqual([other]);
    },
  );

  test("a container that does not exist fails the create at once, naming containerId", async () => {
    const mark = requestLogMark(sim);
    const inputs = { ...variants.AWS.peer("5f7cac1adf5d6c6306f4b299"), poll: fastPoll };
    const error = await rejectionOf(createChecked(shim, inputs));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toContain("CLOUD_PROVIDER_CONTAINER_NOT_FOUND");
    expect(error.message).toContain("Check containerId");
    expect(callsOf(sim, mark, "createGroupPeer")).toHaveLength(1);
    expect(peersInAtlas()).toHaveLength(0);
  });

  test("without coalescing, the wait reads the peer with its own GETs instead of listing", async () => {
    const mark = requestLogMark(sim);
    await createChecked(shim, peerInputs("AZURE", { poll: { ...fastPoll, coalesce: false } }));
    const afterPost = requestsSince(sim, mark).slice(
      requestsSince(sim, mark).findIndex((call) => call.operationId === "createGroupPeer") + 1,
    );
    expect(afterPost.filter((call) => call.operationId === "getGroupPeer").length).toBeGreaterThan(0);
    expect(afterPost.filter((call) => call.operationId === "listGroupPeers")).toHaveLength(0);
  });
});

// ---- adopt --------------------------------------------------------------------------------------------

describe.each(providers)("adopting an existing %s peer", (provider) => {
  test("with adoptExisting: true the existing peer becomes this resource, without a POST", async () => {
    const inputs = peerInputs(provider, { adoptExisting: true });
    const existing = seedPeer(inputs);
    const mark = requestLogMark(sim);
    const { id, outs } = await createChecked(shim, inputs);
    expect(id).toBe(existing);
    expect(outs).toMatchObject({ peerId: existing, status: "AVAILABLE", adoptExisting: true });
    expect(callsOf(sim, mark, "createGroupPeer")).toHaveLength(0);
    expect(writesSince(sim, mark)).toHaveLength(0);
    expect(infoLines().some((line) => line.includes(`${existing}`) && line.includes("adopting"))).toBe(true);
  });

  test("without adoptExisting the create fails naming the existing peer and the option, and creates nothing", async () => {
    const inputs = peerInputs(provider);
    const existing = seedPeer(inputs);
    const mark = requestLogMark(sim);
    const error = await rejectionOf(createChecked(shim, inputs));
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(error.message).toContain(`peer ${existing}`);
    expect(error.message).toContain("adoptExisting: true");
    expect(writesSince(sim, mark)).toHaveLength(0);
    expect(peersInAtlas()).toHaveLength(1);
  });
});

test("adopting an AWS peer whose route table CIDR differs PATCHes it to the declared value", async () => {
  const inputs = peerInputs("AWS", { adoptExisting: true });
  const existing = seedPeer({ ...inputs, routeTableCidrBlock: "172.30.0.0/16" });
  const mark = requestLogMark(sim);
  const { id, outs } = await createChecked(shim, inputs);
  expect(id).toBe(existing);
  expect(callsOf(sim, mark, "updateGroupPeer")).toHaveLength(1);
  expect(atlasPeer(id).routeTableCidrBlock).toBe("172.31.0.0/16");
  expect(outs.routeTableCidrBlock).toBe("172.31.0.0/16");
});

test("a peer with the same natural key that is being deleted is waited out, then a new one is created", async () => {
  const inputs = peerInputs("AWS");
  const leaving = seedPeer(inputs);
  expect((await new DigestTestClient(sim).delete(`${group}/peers/${leaving}`)).status).toBe(202);
  const { id } = await createChecked(shim, inputs);
  expect(id).not.toBe(leaving);
  expect(sim.control.getResource(leaving)?.status).toBe("DELETED");
});

test("a create whose timeouts.create passes while a peer with the same natural key is being deleted fails without a POST", async () => {
  const inputs = peerInputs("AWS", { timeouts: { create: 0.3 } });
  const leaving = seedPeer(inputs);
  sim.control.configure({ durations: { networkPeer: { terminating: 1e6 } } });
  expect((await new DigestTestClient(sim).delete(`${group}/peers/${leaving}`)).status).toBe(202);
  const mark = requestLogMark(sim);
  const error = await rejectionOf(createChecked(shim, inputs));
  expect(error.message).toContain("timed out");
  expect(callsOf(sim, mark, "createGroupPeer")).toHaveLength(0);
});

// ---- partial failures ---------------------------------------------------------------------------------

describe.each(providers)("%s: a create that Atlas accepted but that does not settle", (provider) => {
  test("ends FAILED: the error keeps the peer in state with its id, outputs and __provider", async () => {
    // The simulator maps a message that is not an AWS errorStateName to INVALID_ARGUMENT; REJECTED is one.
    const atlasError = provider === "AWS" ? "REJECTED" : "the VNet or network refused the peering";
    sim.control.addFault({ kind: "fail", errorMessage: atlasError, match: { operationId: "createGroupPeer" } });
    const error = await initErrorOf(createChecked(shim, peerInputs(provider)));
    const [peer] = peersInAtlas();
    expect(error.id).toBe(peer!.id);
    expect(error.properties).toMatchObject({
      __provider: serializedProviderText,
      peerId: peer!.id,
      status: "FAILED",
      providerName: provider,
    });
    expect(String(error.properties.errorMessage)).toContain(atlasError);
    expect(error.message).toContain("FAILED");
    expect(error.message).toContain(atlasError);
    expect(error.message).toContain("--replace");
    expectEngineCanStore(error.properties);
  });

  test("times out: the error keeps the peer in state with its id and last state", async () => {
    sim.control.configure({ durations: { networkPeer: { initiating: 1e6, addingPeer: 1e6 } } });
    const error = await initErrorOf(createChecked(shim, peerInputs(provider, { timeouts: { create: 0.3 } })));
    const [peer] = peersInAtlas();
    expect(error.id).toBe(peer!.id);
    expect(error.properties).toMatchObject({
      __provider: serializedProviderText,
      status: variants[provider].firstStatus,
    });
    expect(error.message).toContain("timed out");
  });
});

test("the next up after a timed-out create resumes the wait with reads only and clears the failure", async () => {
  sim.control.configure({ durations: { networkPeer: { addingPeer: 400 } } });
  const news = await checkedInputs(shim, peerInputs("AZURE", { timeouts: { create: 0.1 } }));
  const failure = await initErrorOf(shim.create(news));
  // The engine stores the kept outputs and calls update on the next up (the resource has init errors).
  const mark = requestLogMark(sim);
  const updated = await shim.update(failure.id, failure.properties, news);
  expect((updated.outs as Props).status).toBe("AVAILABLE");
  expect(writesSince(sim, mark)).toHaveLength(0);
});

// ---- Atlas's GCP network names -------------------------------------------------------------------------

describe("Atlas's GCP network names (simulator gcpNetworkNames)", () => {
  const reciprocal = /^projects\/p-[0-9a-f]{24}\/global\/networks\/nt-[0-9a-f]{24}-[0-9a-f]{8}$/;

  test("WITH_FIRST_PEER (default): the create's outputs have them, read from the container once the peer settles", async () => {
    expect(sim.control.getConfig().gcpNetworkNames).toBe("WITH_FIRST_PEER");
    const inputs = peerInputs("GCP");
    const { outs } = await createChecked(shim, inputs);
    const container = sim.control.getResource(String(inputs.containerId))!.api!;
    expect(container.provisioned).toBe(true);
    expect(outs).toMatchObject({
      status: "WAITING_FOR_USER",
      atlasGcpProjectId: container.gcpProjectId,
      atlasNetworkName: container.networkName,
    });
    expect(`projects/${String(outs.atlasGcpProjectId)}/global/networks/${String(outs.atlasNetworkName)}`).toMatch(
      reciprocal,
    );
  });

  describe("WITH_CLUSTERS: a peer alone does not make Atlas report them", () => {
    beforeEach(() => sim.control.configure({ gcpNetworkNames: "WITH_CLUSTERS" }));

    test("the create settles at WAITING_FOR_USER without them, and says what to do and how to get them later", async () => {
      const inputs = peerInputs("GCP");
      const { outs } = await createChecked(shim, inputs);
      expect(outs.status).toBe("WAITING_FOR_USER");
      expect(outs).not.toHaveProperty("atlasGcpProjectId");
      expect(outs).not.toHaveProperty("atlasNetworkName");
      expect(outs.atlasCidrBlock).toBe("10.10.0.0/21");
      expectEngineCanStore(outs);
      const advice = infoLines().filter((line) => line.includes("is WAITING_FOR_USER"));
      expect(advice).toHaveLength(1);
      expect(advice[0]).toContain("create the reciprocal peering from network default of GCP project my-gcp-project");
      expect(advice[0]).toContain(`container ${String(inputs.containerId)}`);
      expect(advice[0]).toContain("not set yet");
      expect(advice[0]).toContain("pulumi up --refresh");
      expect(advice[0]).toContain("set waitForAvailable: true to make it wait");
      expect(logger.lines.some((line) => line.startsWith("warn: ") || line.startsWith("error: "))).toBe(false);
    });

    test("a refresh reads them once clusters exist, says so once, and the next diff shows no change", async () => {
      const inputs = peerInputs("GCP");
      const { id, outs, news } = await createChecked(shim, inputs);

      // Refreshed before Atlas reports them: still absent, nothing said, no change.
      const early = await shim.read(id, stored(outs));
      expect(early.props).toEqual(outs);
      expect(infoLines().some((line) => line.includes("now reports its GCP network"))).toBe(false);

      sim.control.mutateResource(String(inputs.containerId), { hasClusters: true });
      const container = sim.control.getResource(String(inputs.containerId))!.api!;
      const refreshed = await shim.read(id, stored(outs));
      expect(refreshed.props).toMatchObject({
        status: "WAITING_FOR_USER",
        atlasGcpProjectId: container.gcpProjectId,
        atlasNetworkName: container.networkName,
      });
      expect(refreshed.inputs).toEqual(without(news, ["__provider"]));
      const told = infoLines().filter((line) => line.includes("now reports its GCP network"));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain(
        `projects/${String(container.gcpProjectId)}/global/networks/${String(container.networkName)}`,
      );
      expect(told[0]).toContain("run `pulumi up`");
      expect(await shim.diff(id, refreshed.props as Props, news)).toEqual({ changes: false });

      // A second refresh has nothing new to tell.
      await shim.read(id, stored(refreshed.props as Props));
      expect(infoLines().filter((line) => line.includes("now reports its GCP network"))).toHaveLength(1);
    });

    test("with waitForAvailable the create waits through WAITING_FOR_USER without them and ends AVAILABLE", async () => {
      const creating = createChecked(shim, peerInputs("GCP", { waitForAvailable: true }));
      const told = await eventually(
        async () => infoLines().find((line) => line.includes("is WAITING_FOR_USER")),
        (line) => line !== undefined,
      );
      expect(told).toContain("not set yet");
      expect(told).toContain("Waiting for AVAILABLE");
      const [peer] = peersInAtlas();
      sim.control.acceptPeering(peer!.id);
      const { outs } = await creating;
      expect(outs.status).toBe("AVAILABLE");
      expect(outs).not.toHaveProperty("atlasNetworkName");
    });

    test("an update of settings only keeps them absent without an error, and a refresh fills them in later", async () => {
      const inputs = peerInputs("GCP");
      const { id, outs, news } = await createChecked(shim, inputs);
      const changed = await checkedInputs(shim, { ...inputsOf(news), timeouts: { delete: "30m" } });
      const updated = await shim.update(id, stored(outs), changed);
      expect(updated.outs).not.toHaveProperty("atlasGcpProjectId");
      sim.control.mutateResource(String(inputs.containerId), { hasClusters: true });
      const refreshed = await shim.read(id, stored(updated.outs as Props));
      expect(refreshed.props).toHaveProperty("atlasGcpProjectId", expect.stringMatching(/^p-/));
      expect(refreshed.props).toHaveProperty("atlasNetworkName", expect.stringMatching(/^nt-/));
    });
  });
});

// ---- read ---------------------------------------------------------------------------------------------

describe.each(providers)("reading an existing %s peer", (provider) => {
  test("after an out-of-band deletion returns no id, so a refresh drops it", async () => {
    const { id, outs } = await createChecked(shim, peerInputs(provider));
    sim.control.deleteResource(id);
    expect(await shim.read(id, stored(outs))).toEqual({});
  });

  test("in FAILED returns its outputs with the status and Atlas's error, without throwing", async () => {
    const { id, outs } = await createChecked(shim, peerInputs(provider));
    sim.control.forceState(id, { status: "FAILED", errorMessage: provider === "AWS" ? "EXPIRED" : "peering broke" });
    const result = await shim.read(id, stored(outs));
    expect(result.id).toBe(id);
    expect(result.props).toMatchObject({
      status: "FAILED",
      errorMessage:
        provider === "AWS" ? "EXPIRED (the peering request was not accepted in AWS in time)" : "peering broke",
    });
    expect(logger.lines.some((line) => line.startsWith("warn: ") && line.includes("is FAILED"))).toBe(true);
  });

  test("with nothing changed gives back the inputs unchanged, so the next diff shows no change", async () => {
    const { id, outs, news } = await createChecked(shim, peerInputs(provider, { timeouts: { delete: "30m" } }));
    const result = await shim.read(id, stored(outs));
    expect(result.id).toBe(id);
    // The host adds __provider back to read's results (shared/lifecycle.ts read).
    expect(result.inputs).toEqual(without(news, ["__provider"]));
    expect(result.props).toEqual(outs);
    expect(await shim.diff(id, result.props as Props, news)).toEqual({ changes: false });
  });
});

test("AWS: drift of the route table CIDR shows in read's inputs, diffs as an update, and the update puts it back", async () => {
  const { id, outs, news } = await createChecked(shim, peerInputs("AWS"));
  sim.control.mutateResource(id, { routeTableCidrBlock: "172.16.0.0/16" });
  const refreshed = await shim.read(id, stored(outs));
  expect(refreshed.inputs).toMatchObject({ routeTableCidrBlock: "172.16.0.0/16" });
  expect(refreshed.props).toMatchObject({ routeTableCidrBlock: "172.16.0.0/16" });

  const diff = await shim.diff(id, refreshed.props as Props, news);
  expect(diff).toEqual({ changes: true });
  const mark = requestLogMark(sim);
  const updated = await shim.update(id, refreshed.props as Props, news);
  expect(callsOf(sim, mark, "updateGroupPeer")).toHaveLength(1);
  expect(atlasPeer(id).routeTableCidrBlock).toBe("172.31.0.0/16");
  expect((updated.outs as Props).routeTableCidrBlock).toBe("172.31.0.0/16");
});

test.each([
  ["AZURE", { vnetName: "other-vnet" }, "vnetName"],
  ["GCP", { networkName: "other-network" }, "networkName"],
] as const)(
  "%s: drift of a fixed field shows in read's inputs and diffs as a replacement",
  async (provider, drift, field) => {
    const { id, outs, news } = await createChecked(shim, peerInputs(provider));
    sim.control.mutateResource(id, drift);
    const refreshed = await shim.read(id, stored(outs));
    expect(refreshed.inputs).toMatchObject(drift);
    const diff = await shim.diff(id, refreshed.props as Props, news);
    expect(diff.replaces).toEqual([field]);
  },
);

test("AWS: Atlas's null accepterRegionName for a VPC in the container's region is not drift (TF #53)", async () => {
  const { id, outs, news } = await createChecked(shim, peerInputs("AWS", { accepterRegionName: "us-east-1" }));
  expect(atlasPeer(id).accepterRegionName).toBeNull();
  const refreshed = await shim.read(id, stored(outs));
  expect(refreshed.inputs).toMatchObject({ accepterRegionName: "us-east-1" });
  expect(await shim.diff(id, refreshed.props as Props, news)).toEqual({ changes: false });
});

// ---- update -------------------------------------------------------------------------------------------

test("AWS: a new account id is PATCHed with the full body, Atlas sends a new request, and the peer settles again", async () => {
  const { id, outs } = await createChecked(shim, peerInputs("AWS"));
  const news = await checkedInputs(shim, { ...inputsOf(outs), awsAccountId: "210987654321" });
  expect(await shim.diff(id, stored(outs), news)).toEqual({ changes: true });
  const mark = requestLogMark(sim);
  const updated = (await shim.update(id, stored(outs), news)).outs as Props;
  expect(callsOf(sim, mark, "updateGroupPeer")).toHaveLength(1);
  expect(updated).toMatchObject({ awsAccountId: "210987654321", status: "PENDING_ACCEPTANCE" });
  expect(updated.connectionId).not.toBe(outs.connectionId);
  expect(atlasPeer(id)).toMatchObject({ awsAccountId: "210987654321", vpcId: "vpc-0123456789abcdef0" });
  expect(
    infoLines()
      .filter((line) => line.includes("is PENDING_ACCEPTANCE"))
      .at(-1),
  ).toContain(String(updated.connectionId));
});

test("AWS with waitForAvailable: a new account id is PATCHed at once, then the update waits for the new request's acceptance", async () => {
  const { id, outs } = await createChecked(shim, peerInputs("AWS"));
  const news = await checkedInputs(shim, { ...inputsOf(outs), awsAccountId: "210987654321", waitForAvailable: true });
  const mark = requestLogMark(sim);
  const updating = shim.update(id, stored(outs), news);
  const told = await eventually(
    async () => infoLines().find((line) => line.includes("is PENDING_ACCEPTANCE") && line.includes("210987654321")),
    (line) => line !== undefined,
  );
  expect(told).toContain("Waiting for AVAILABLE");
  expect(callsOf(sim, mark, "updateGroupPeer")).toHaveLength(1);
  sim.control.acceptPeering(id);
  expect(((await updating).outs as Props).status).toBe("AVAILABLE");
});

test("AWS: an update whose wait times out keeps the peer with the new outputs and __provider", async () => {
  const { id, outs } = await createChecked(shim, peerInputs("AWS"));
  sim.control.configure({ durations: { networkPeer: { initiating: 1e6 } } });
  const news = await checkedInputs(shim, {
    ...inputsOf(outs),
    accepterRegionName: "eu-west-1",
    timeouts: { update: 0.3 },
  });
  const error = await initErrorOf(shim.update(id, stored(outs), news));
  expect(error.id).toBe(id);
  expect(error.properties).toMatchObject({
    __provider: serializedProviderText,
    accepterRegionName: "eu-west-1",
    status: "INITIATING",
  });
});

describe.each(providers)("updating only the provider settings of an existing %s peer", (provider) => {
  test("stores them without any call to Atlas", async () => {
    const { id, outs } = await createChecked(shim, peerInputs(provider));
    const settings: Props = { timeouts: { create: "2h" }, poll: { intervalSeconds: 1 }, adoptExisting: true };
    if (provider !== "AZURE") settings.waitForAvailable = true;
    const news = await checkedInputs(shim, { ...inputsOf(outs), ...settings });
    expect(await shim.diff(id, stored(outs), news)).toEqual({ changes: true });
    const mark = requestLogMark(sim);
    const updated = (await shim.update(id, stored(outs), news)).outs as Props;
    expect(requestsSince(sim, mark)).toHaveLength(0);
    expect(updated).toMatchObject({ ...settings, peerId: id, status: outs.status });
    expectEngineCanStore(updated);
  });
});

// ---- diff ---------------------------------------------------------------------------------------------

describe("diff", () => {
  const containerId = "5f7cac1adf5d6c6306f4b284";
  const aws = {
    ...variants.AWS.peer(containerId),
    peerId: "6f7cac1adf5d6c6306f4b200",
    status: "AVAILABLE",
    __provider: serializedProviderText,
  };
  const azure = {
    ...variants.AZURE.peer(containerId),
    peerId: "6f7cac1adf5d6c6306f4b201",
    status: "AVAILABLE",
    __provider: serializedProviderText,
  };
  const gcp = {
    ...variants.GCP.peer(containerId),
    peerId: "6f7cac1adf5d6c6306f4b202",
    status: "AVAILABLE",
    __provider: serializedProviderText,
  };
  test.each<[string, Props, Props, object]>([
    ["no change", aws, {}, { changes: false }],
    ["a new serialized provider only", aws, { __provider: "exports.handler = other" }, { changes: false }],
    ["the accepter region written in Atlas form", aws, { accepterRegionName: "US_WEST_2" }, { changes: false }],
    ["AWS routeTableCidrBlock", aws, { routeTableCidrBlock: "172.30.0.0/16" }, { changes: true }],
    ["AWS awsAccountId unknown during preview", aws, { awsAccountId: unknownValue }, { changes: true }],
    ["waitForAvailable (stored without a call)", aws, { waitForAvailable: true }, { changes: true }],
    ["timeouts (stored without a call)", gcp, { timeouts: { delete: "2h" } }, { changes: true }],
    [
      "AWS vpcId: a new network, create first",
      aws,
      { vpcId: "vpc-0123456789abcdef1" },
      { changes: true, replaces: ["vpcId"], deleteBeforeReplace: false },
    ],
    [
      "containerId: a new natural key",
      aws,
      { containerId: "5f7cac1adf5d6c6306f4b285" },
      { changes: true, replaces: ["containerId"], deleteBeforeReplace: false },
    ],
    [
      "projectId",
      gcp,
      { projectId: "5f7cac1adf5d6c6306f4b286" },
      { changes: true, replaces: ["projectId"], deleteBeforeReplace: false },
    ],
    [
      "containerId unknown during preview",
      azure,
      { containerId: unknownValue },
      { changes: true, replaces: ["containerId"], deleteBeforeReplace: true },
    ],
    [
      "Azure directory: same VNet, so delete first",
      azure,
      { azureDirectoryId: "45f3b6a4-6b8f-4a0d-9c3e-2f1e7a3b9c11" },
      { changes: true, replaces: ["azureDirectoryId"], deleteBeforeReplace: true },
    ],
    [
      "Azure VNet name",
      azure,
      { vnetName: "other-vnet" },
      { changes: true, replaces: ["vnetName"], deleteBeforeReplace: false },
    ],
    [
      "Azure VNet name in other letter case: the same VNet",
      azure,
      { vnetName: "My-VNet" },
      { changes: true, replaces: ["vnetName"], deleteBeforeReplace: true },
    ],
    [
      "GCP network",
      gcp,
      { networkName: "other" },
      { changes: true, replaces: ["networkName"], deleteBeforeReplace: false },
    ],
  ])("%s", async (_name, olds, change, expected) => {
    const news = { ...inputsOf(olds), ...change };
    expect(await shim.diff(String(olds.peerId), olds, news)).toEqual(expected);
  });

  test("a change of providerName replaces the peer", async () => {
    const result = await shim.diff(String(aws.peerId), aws, inputsOf(gcp));
    expect(result.replaces).toEqual(expect.arrayContaining(["providerName", "vpcId", "gcpProjectId", "networkName"]));
    expect(result.deleteBeforeReplace).toBe(false);
  });
});

// ---- delete -------------------------------------------------------------------------------------------

describe.each(providers)("deleting an existing %s peer", (provider) => {
  test("sends one DELETE and returns once Atlas no longer has the peer", async () => {
    const { id, outs } = await createChecked(shim, peerInputs(provider));
    const mark = requestLogMark(sim);
    await shim.delete(id, stored(outs));
    expect(callsOf(sim, mark, "deleteGroupPeer").map((call) => call.status)).toEqual([202]);
    const view = sim.control.getResource(id);
    expect(view?.status).toBe("DELETED");
    expect(view?.history.map((change) => change.status)).toContain(variants[provider].deletingStatus);
  });

  test("that is already gone counts as done", async () => {
    const { id, outs } = await createChecked(shim, peerInputs(provider));
    sim.control.deleteResource(id);
    const mark = requestLogMark(sim);
    await shim.delete(id, stored(outs));
    const calls = callsSince(sim, mark);
    expect(calls.map((call) => [call.operationId, call.status])).toEqual([["deleteGroupPeer", 404]]);
  });
});

test("deleting a peer Atlas is already deleting (409 PEER_ALREADY_REQUESTED_DELETION) waits for it to be gone", async () => {
  const { id, outs } = await createChecked(shim, peerInputs("GCP"));
  sim.control.configure({ durations: { networkPeer: { deleting: 1000 } } });
  expect((await new DigestTestClient(sim).delete(`${group}/peers/${id}`)).status).toBe(202);
  const mark = requestLogMark(sim);
  await shim.delete(id, stored(outs));
  expect(callsOf(sim, mark, "deleteGroupPeer").map((call) => call.status)).toEqual([409]);
  expect(sim.control.getResource(id)?.status).toBe("DELETED");
});

test("a delete that Atlas refuses with another 409 fails with a message naming the peer and Atlas's reason", async () => {
  const { id, outs } = await createChecked(shim, peerInputs("AWS"));
  sim.control.addFault({
    kind: "error",
    status: 409,
    errorCode: "PEER_IN_USE",
    match: { operationId: "deleteGroupPeer" },
  });
  const error = await rejectionOf(shim.delete(id, stored(outs)));
  expect(error.message).toContain(`network peer ${id} (AWS, project ${testGroupId}`);
  expect(error.message).toContain("PEER_IN_USE");
  expect(error.message).toContain("something still depends on the peering connection");
  expect(sim.control.getResource(id)?.status).toBe("PENDING_ACCEPTANCE");
});

test.each(["read", "delete"] as const)(
  "%s of a state without providerName fails with the one message naming pulumi state delete",
  async (method) => {
    const mark = requestLogMark(sim);
    const props = { projectId: testGroupId, __provider: serializedProviderText };
    const error = await rejectionOf(
      method === "read" ? shim.read("6f7cac1adf5d6c6306f4b200", props) : shim.delete("6f7cac1adf5d6c6306f4b200", props),
    );
    expect(error.message).toContain("network peer 6f7cac1adf5d6c6306f4b200");
    expect(error.message).toContain("pulumi state delete");
    expect(requestsSince(sim, mark)).toHaveLength(0);
  },
);

// ---- check during preview -----------------------------------------------------------------------------

describe("check during preview", () => {
  test("a containerId still unknown passes and comes back as given", async () => {
    const inputs = { ...variants.AWS.peer(unknownValue), accepterRegionName: "US_WEST_2" };
    const result = await shim.check({}, { ...inputs, __provider: serializedProviderText });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...inputs, __provider: serializedProviderText });
  });

  test("an unknown providerName passes", async () => {
    const result = await shim.check(
      {},
      { ...variants.GCP.peer("5f7cac1adf5d6c6306f4b284"), providerName: unknownValue },
    );
    expect(result.failures).toBeUndefined();
  });

  test("a known bad value is still reported next to an unknown one", async () => {
    const result = await shim.check({}, { ...variants.AWS.peer(unknownValue), vpcId: "vpc-1" });
    expect(result.failures).toEqual([expect.objectContaining({ property: "vpcId" })]);
  });

  test("check and diff make no call to Atlas", async () => {
    const mark = requestLogMark(sim);
    const news = await checkedInputs(shim, variants.AZURE.peer(unknownValue));
    await shim.diff("6f7cac1adf5d6c6306f4b201", { ...variants.AZURE.peer("5f7cac1adf5d6c6306f4b284") }, news);
    expect(requestsSince(sim, mark)).toHaveLength(0);
  });
});

// ---- the resource class ------------------------------------------------------------------------------

test("the NetworkPeer class registers its dynamic type, sends only the given inputs and exposes the engine's outputs", async () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return {
          id: "6f7cac1adf5d6c6306f4b202",
          state: { ...args.inputs, peerId: "6f7cac1adf5d6c6306f4b202", status: "WAITING_FOR_USER" },
        };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
  const peer = new NetworkPeer("gcp-peer", {
    providerName: "GCP",
    projectId: testGroupId,
    containerId: "5f7cac1adf5d6c6306f4b284",
    gcpProjectId: "my-gcp-project",
    networkName: "default",
  });
  const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
  expect(await value(peer.status)).toBe("WAITING_FOR_USER");
  expect(await value(peer.networkName)).toBe("default");
  expect(await value(peer.vpcId)).toBeUndefined();
  expect(registered).toHaveLength(1);
  expect(registered[0]!.type).toBe("pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer");
  expect(Object.keys(registered[0]!.inputs).sort()).toEqual([
    "__provider",
    "containerId",
    "gcpProjectId",
    "networkName",
    "projectId",
    "providerName",
  ]);
  // The serialized provider loads the implementation by package name and carries nothing else of this run.
  const providerSource = String(registered[0]!.inputs.__provider);
  expect(providerSource).toContain("pulumi-mongodbatlas-network/runtime");
  expect(providerSource).not.toContain(sim.credentials.privateKey);
  expect(providerSource).not.toContain(sim.baseUrl);
});

// ---- typed arguments (checked by `tsc`, never run) ----------------------------------------------------

export function argumentTypesThatMustNotCompile(): void {
  const common = { projectId: testGroupId, containerId: "5f7cac1adf5d6c6306f4b284" };
  new NetworkPeer("azure", {
    ...common,
    providerName: "AZURE",
    azureDirectoryId: "35f3b6a4-6b8f-4a0d-9c3e-2f1e7a3b9c11",
    azureSubscriptionId: "b9a4c1e2-7d3f-4e8a-9b6c-1f2e3d4c5b6a",
    resourceGroupName: "rg",
    vnetName: "vnet",
    // @ts-expect-error vpcId is an AWS field
    vpcId: "vpc-0123456789abcdef0",
  });
  // @ts-expect-error an AWS peer needs its VPC
  new NetworkPeer("aws", {
    ...common,
    providerName: "AWS",
    accepterRegionName: "us-east-1",
    awsAccountId: "123456789012",
    routeTableCidrBlock: "10.0.0.0/16",
  });
  new NetworkPeer("gcp", {
    ...common,
    providerName: "GCP",
    gcpProjectId: "my-gcp-project",
    networkName: "default",
    // @ts-expect-error waitForAvailable takes a boolean
    waitForAvailable: "yes",
  });
}
