/**
 * NetworkContainer against the simulator over real HTTP, called the way the engine calls it: through the
 * serialized provider class, which loads the implementation by package name.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { unknownValue } from "../../provider/resources/shared/unknowns";
import type { NetworkContainerArgs } from "../../provider/resources/network-container/resource";
import type { RequestLogEntry } from "../../simulator";
import {
  checkedInputs,
  createChecked,
  expectNoSecretLogged,
  fastPoll,
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
import { eventually, testGroupId, type RunningSimulator } from "../support/simulator";

const provider = new AtlasDynamicProvider("networkContainer");

interface Variant {
  providerName: "AWS" | "AZURE" | "GCP";
  /** Declared inputs, as a user writes them. */
  inputs: Props;
  /** The region field and its value after check (Atlas form). */
  regionKey: "regionName" | "region" | "regions";
  checkedRegion: unknown;
  /** The same field with another value: a change that replaces the container. */
  otherRegion: unknown;
  /** The region an endpoint service takes to make Atlas create this container implicitly. */
  endpointServiceRegion: string;
  /** Computed outputs Atlas fills in for an unprovisioned container. */
  computedKeys: string[];
  /** The body the control API seeds a container with. */
  seedBody(atlasCidrBlock: string): Props;
  /** A peering connection in the container (a body the peer POST takes). */
  peerBody(containerId: string): Props;
}

const variants: Variant[] = [
  {
    providerName: "AWS",
    inputs: { providerName: "AWS", regionName: "us-east-1", atlasCidrBlock: "10.8.0.0/21" },
    regionKey: "regionName",
    checkedRegion: "US_EAST_1",
    otherRegion: "US_WEST_2",
    endpointServiceRegion: "us-east-1",
    computedKeys: ["vpcId"],
    seedBody: (atlasCidrBlock) => ({ providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock }),
    peerBody: (containerId) => ({
      providerName: "AWS",
      containerId,
      accepterRegionName: "us-east-1",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "172.31.0.0/16",
      vpcId: "vpc-0123456789abcdef0",
    }),
  },
  {
    providerName: "AZURE",
    inputs: { providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.9.0.0/21" },
    regionKey: "region",
    checkedRegion: "US_EAST_2",
    otherRegion: "EUROPE_WEST",
    endpointServiceRegion: "US_EAST_2",
    computedKeys: ["azureSubscriptionId"],
    seedBody: (atlasCidrBlock) => ({ providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock }),
    peerBody: (containerId) => ({
      providerName: "AZURE",
      containerId,
      azureDirectoryId: "35bfd6b4-1d2a-4b0b-9a5e-4a1f3c2d1e0f",
      azureSubscriptionId: "a1b2c3d4-e5f6-4789-a012-3456789abcde",
      resourceGroupName: "my-rg",
      vnetName: "my-vnet",
    }),
  },
  {
    providerName: "GCP",
    inputs: { providerName: "GCP", regions: ["US_EAST_4", "CENTRAL_US", "US_EAST_4"], atlasCidrBlock: "10.10.0.0/21" },
    regionKey: "regions",
    checkedRegion: ["CENTRAL_US", "US_EAST_4"],
    otherRegion: ["WESTERN_US"],
    endpointServiceRegion: "CENTRAL_US",
    computedKeys: [],
    seedBody: (atlasCidrBlock) => ({ providerName: "GCP", regions: ["CENTRAL_US", "US_EAST_4"], atlasCidrBlock }),
    peerBody: (containerId) => ({
      providerName: "GCP",
      containerId,
      gcpProjectId: "my-gcp-project",
      networkName: "default",
    }),
  },
];

let sim: RunningSimulator;
let logger: MemoryLogger;

beforeAll(async () => {
  sim = await startResourceSimulator();
});

afterAll(() => stopResourceSimulator(sim));

beforeEach(() => {
  sim.control.reset();
  logger = startRunAgainst(sim);
});

afterEach(() => expectNoSecretLogged(logger, sim));

function declared(variant: Variant, extra: Props = {}): Props {
  return { projectId: testGroupId, poll: fastPoll, ...variant.inputs, ...extra, __provider: serializedProviderText };
}

async function created(variant: Variant, extra: Props = {}): Promise<{ id: string; inputs: Props; outs: Props }> {
  const { news, id, outs } = await createChecked(provider, declared(variant, extra));
  return { id, inputs: news, outs: { ...outs, __provider: serializedProviderText } };
}

const calls = (entries: RequestLogEntry[]) =>
  entries.filter((e) => e.status !== 401).map((e) => `${e.operationId} ${e.status}`);

function seedContainer(variant: Variant, atlasCidrBlock: string): string {
  return sim.control.seedResource({
    kind: "network-container",
    groupId: testGroupId,
    body: variant.seedBody(atlasCidrBlock),
  }).id;
}

/** An endpoint service makes Atlas create its region's container by itself; returns both ids. */
function seedEndpointService(variant: Variant): { serviceId: string; containerId: string } {
  const service = sim.control.seedResource({
    kind: "private-endpoint-service",
    groupId: testGroupId,
    body: { providerName: variant.providerName, region: variant.endpointServiceRegion },
    settled: true,
  });
  const container = sim.control.getResources({ kind: "network-container", includeDeleted: false })[0];
  if (!container) throw new Error("the simulator created no implicit container");
  return { serviceId: service.id, containerId: container.id };
}

function atlasView(id: string): Props {
  return (sim.control.getResource(id)?.api ?? {}) as Props;
}

describe.each(variants)("a $providerName network container", (variant) => {
  test("is created with one POST and read back once, and its outputs hold the id, the checked inputs and Atlas's computed fields", async () => {
    const { id, outs } = await created(variant);
    expect(id).toMatch(/^[a-f0-9]{24}$/);
    expect(outs).toMatchObject({
      projectId: testGroupId,
      providerName: variant.providerName,
      atlasCidrBlock: variant.inputs.atlasCidrBlock,
      [variant.regionKey]: variant.checkedRegion,
      containerId: id,
      provisioned: false,
      poll: fastPoll,
    });
    for (const key of variant.computedKeys) expect(outs[key]).toEqual(atlasView(id)[key]);
    expect(atlasView(id)).toMatchObject({
      atlasCidrBlock: variant.inputs.atlasCidrBlock,
      [variant.regionKey]: variant.checkedRegion,
    });
    expect(calls(sim.control.getRequestLog())).toEqual([
      "listGroupContainers 200",
      "createGroupContainer 200",
      "getGroupContainer 200",
    ]);
  });

  test("refuses to create when Atlas already made one with an endpoint service, naming its id, its CIDR and adoptExisting", async () => {
    const { containerId } = seedEndpointService(variant);
    const atlasCidr = atlasView(containerId).atlasCidrBlock as string;
    const since = requestLogMark(sim);
    const error = await rejectionOf(created(variant));
    expect(error.message).toContain(containerId);
    expect(error.message).toContain(atlasCidr);
    expect(error.message).toContain("adoptExisting");
    expect(error.id).toBeUndefined();
    expect(writesSince(sim, since)).toEqual([]);
  });

  test("adopts the container Atlas made with an endpoint service and changes its CIDR to the declared one with a PATCH", async () => {
    const { containerId } = seedEndpointService(variant);
    const since = requestLogMark(sim);
    const { id, outs } = await created(variant, { adoptExisting: true });
    expect(id).toBe(containerId);
    expect(outs).toMatchObject({ atlasCidrBlock: variant.inputs.atlasCidrBlock, containerId, adoptExisting: true });
    expect(atlasView(containerId).atlasCidrBlock).toBe(variant.inputs.atlasCidrBlock);
    expect(writesSince(sim, since).map((e) => e.operationId)).toEqual(["updateGroupContainer"]);
  });

  test("adopts a container that already matches the declared inputs without writing anything", async () => {
    const existing = seedContainer(variant, variant.inputs.atlasCidrBlock as string);
    const since = requestLogMark(sim);
    const { id, outs } = await created(variant, { adoptExisting: true });
    expect(id).toBe(existing);
    expect(outs.atlasCidrBlock).toBe(variant.inputs.atlasCidrBlock);
    expect(writesSince(sim, since)).toEqual([]);
  });

  test("refuses to adopt a provisioned container whose CIDR differs, naming both CIDRs and its id", async () => {
    const existing = seedContainer(variant, "10.200.0.0/21");
    sim.control.mutateResource(existing, { hasClusters: true });
    const since = requestLogMark(sim);
    const error = await rejectionOf(created(variant, { adoptExisting: true }));
    expect(error.message).toContain(existing);
    expect(error.message).toContain("10.200.0.0/21");
    expect(error.message).toContain(variant.inputs.atlasCidrBlock as string);
    expect(writesSince(sim, since)).toEqual([]);
  });

  test("stays in state with its id and __provider when reading it back after the POST fails", async () => {
    // One more 500 than the client retries a GET: the read-back fails after Atlas accepted the create.
    sim.control.addFault({ kind: "error", status: 500, count: 5, match: { operationId: "getGroupContainer" } });
    const error = await rejectionOf(created(variant));
    const [container] = sim.control.getResources({ kind: "network-container", includeDeleted: false });
    expect(container).toBeDefined();
    expect(error.id).toBe(container?.id);
    expect(error.properties).toMatchObject({
      containerId: container?.id,
      __provider: serializedProviderText,
      atlasCidrBlock: variant.inputs.atlasCidrBlock,
    });
    // The engine's one partial-failure message: the read's error, then what stays and what the next up does.
    expect(error.message).toContain("500");
    expect(error.message).toContain(`network container ${container?.id ?? "?"} (`);
    expect(error.message).toContain("stays in the stack");
  });

  test("stays in state with its id and __provider when the create timeout passes before it is read back", async () => {
    sim.control.addFault({ kind: "delay", delayMs: 700, match: { operationId: "getGroupContainer" } });
    const error = await rejectionOf(created(variant, { timeouts: { create: 0.3 } }));
    const [container] = sim.control.getResources({ kind: "network-container", includeDeleted: false });
    expect(error.id).toBe(container?.id);
    expect(error.properties).toMatchObject({ containerId: container?.id, __provider: serializedProviderText });
    // timeouts.create bounds the whole create, the read-back included; the engine's partial-failure message.
    expect(error.message).toContain("timed out");
    expect(error.message).toContain("stays in the stack");
    expect(error.message).toContain("raise timeouts.create");
    // Let the simulator answer the abandoned GET, so it cannot take the next test's faults. On a busy machine
    // the timeout can pass before the GET is sent: then no GET took the delay, and there is none to wait for.
    // (The simulator runs in this process: checking and clearing the fault is one step for it.)
    const delayTaken = sim.control.listFaults().length === 0;
    sim.control.clearFaults();
    if (delayTaken) await eventually(async () => sim.control.getRequestLog().some((e) => e.fault === "delay"), Boolean);
  });

  test("reads an out-of-band CIDR change as drift, and the next update puts the declared CIDR back", async () => {
    const { id, outs, inputs } = await created(variant);
    sim.control.mutateResource(id, { atlasCidrBlock: "10.44.0.0/22" });
    const read = await provider.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.inputs).toMatchObject({
      atlasCidrBlock: "10.44.0.0/22",
      [variant.regionKey]: variant.checkedRegion,
      projectId: testGroupId,
      poll: fastPoll,
    });
    expect(read.props).toMatchObject({ atlasCidrBlock: "10.44.0.0/22", containerId: id });
    const refreshed = { ...(read.props as Props), __provider: serializedProviderText };
    const diff = await provider.diff(id, refreshed, inputs);
    expect(diff).toEqual({ changes: true });
    const updated = await provider.update(id, refreshed, inputs);
    expect(updated.outs).toMatchObject({ atlasCidrBlock: variant.inputs.atlasCidrBlock });
    expect(atlasView(id).atlasCidrBlock).toBe(variant.inputs.atlasCidrBlock);
  });

  test("reads an out-of-band deletion as gone: no id, so a refresh drops it", async () => {
    const { id, outs } = await created(variant);
    sim.control.deleteResource(id);
    const read = await provider.read(id, outs);
    expect(read.id).toBeUndefined();
  });

  test("changes the CIDR in place with one PATCH and returns the new outputs", async () => {
    const { id, outs } = await created(variant);
    const news = await checkedInputs(provider, declared(variant, { atlasCidrBlock: "10.50.0.0/22" }));
    expect(await provider.diff(id, outs, news)).toEqual({ changes: true });
    const since = requestLogMark(sim);
    const updated = await provider.update(id, outs, news);
    expect(updated.outs).toMatchObject({
      atlasCidrBlock: "10.50.0.0/22",
      containerId: id,
      [variant.regionKey]: variant.checkedRegion,
    });
    expect(atlasView(id).atlasCidrBlock).toBe("10.50.0.0/22");
    expect(writesSince(sim, since).map((e) => `${e.operationId} ${e.status}`)).toEqual(["updateGroupContainer 200"]);
  });

  test("stores changed timeouts, poll and adoptExisting without any call to Atlas", async () => {
    const { id, outs } = await created(variant);
    const news = await checkedInputs(
      provider,
      declared(variant, { timeouts: { delete: "2h" }, poll: { intervalSeconds: 0.1 }, adoptExisting: true }),
    );
    expect(await provider.diff(id, outs, news)).toEqual({ changes: true });
    const since = requestLogMark(sim);
    const updated = await provider.update(id, outs, news);
    expect(requestsSince(sim, since)).toEqual([]);
    expect(updated.outs).toMatchObject({
      timeouts: { delete: "2h" },
      poll: { intervalSeconds: 0.1 },
      adoptExisting: true,
      containerId: id,
      atlasCidrBlock: variant.inputs.atlasCidrBlock,
    });
    for (const key of variant.computedKeys) expect((updated.outs as Props)[key]).toBe(outs[key]);
  });

  test("surfaces Atlas's lock on the CIDR once a peering connection uses the container, naming the peer", async () => {
    const { id, outs } = await created(variant);
    const peer = sim.control.seedResource({
      kind: "network-peer",
      groupId: testGroupId,
      body: variant.peerBody(id),
      settled: true,
    });
    const news = await checkedInputs(provider, declared(variant, { atlasCidrBlock: "10.60.0.0/22" }));
    const error = await rejectionOf(provider.update(id, outs, news));
    expect(error.message).toContain("409");
    expect(error.message).toContain("locks");
    expect(error.message).toContain(`from ${variant.inputs.atlasCidrBlock as string} to 10.60.0.0/22`);
    expect(error.message).toContain(peer.id);
    expect(atlasView(id).atlasCidrBlock).toBe(variant.inputs.atlasCidrBlock);
  });

  test("plans no change for the same inputs, nor for a new __provider alone", async () => {
    const { id, outs, inputs } = await created(variant);
    expect(await provider.diff(id, outs, inputs)).toEqual({ changes: false });
    expect(
      await provider.diff(id, outs, { ...inputs, __provider: "exports.handler = () => newer; // other text" }),
    ).toEqual({ changes: false });
  });

  test("plans a delete-before-replace for another project or region, and an update for another CIDR, also while unknown", async () => {
    const { id, outs, inputs } = await created(variant);
    const otherRegion = { ...inputs, [variant.regionKey]: variant.otherRegion };
    // A GCP container spans regions, and Atlas changes its list in place; an AWS or Azure one is its region.
    expect(await provider.diff(id, outs, otherRegion)).toEqual(
      variant.regionKey === "regions"
        ? { changes: true }
        : { changes: true, replaces: [variant.regionKey], deleteBeforeReplace: true },
    );
    expect(await provider.diff(id, outs, { ...inputs, projectId: "0123456789abcdef01234567" })).toEqual({
      changes: true,
      replaces: ["projectId"],
      deleteBeforeReplace: true,
    });
    expect(await provider.diff(id, outs, { ...inputs, projectId: unknownValue })).toMatchObject({
      replaces: ["projectId"],
    });
    expect(await provider.diff(id, outs, { ...inputs, [variant.regionKey]: unknownValue })).toEqual(
      variant.regionKey === "regions"
        ? { changes: true }
        : { changes: true, replaces: [variant.regionKey], deleteBeforeReplace: true },
    );
    expect(await provider.diff(id, outs, { ...inputs, atlasCidrBlock: unknownValue })).toEqual({ changes: true });
  });

  test("deletes with one DELETE and confirms the 404", async () => {
    const { id, outs } = await created(variant);
    const since = requestLogMark(sim);
    await provider.delete(id, outs);
    expect(sim.control.getResource(id)?.status).toBe("DELETED");
    expect(calls(requestsSince(sim, since))).toEqual(["deleteGroupContainer 204", "getGroupContainer 404"]);
  });

  test("counts a 404 on DELETE as already deleted", async () => {
    const { id, outs } = await created(variant);
    sim.control.deleteResource(id);
    const since = requestLogMark(sim);
    await provider.delete(id, outs);
    expect(calls(requestsSince(sim, since))).toEqual(["deleteGroupContainer 404"]);
  });

  test("retries a DELETE refused with 409 CONTAINERS_IN_USE until the endpoint service using it is gone", async () => {
    const { serviceId } = seedEndpointService(variant);
    const { id, outs } = await created(variant, { adoptExisting: true });
    const since = requestLogMark(sim);
    const deleting = provider.delete(id, outs);
    await eventually(
      async () =>
        requestsSince(sim, since).filter((e) => e.operationId === "deleteGroupContainer" && e.status === 409).length,
      (refusals) => refusals >= 2,
    );
    sim.control.deleteResource(serviceId);
    await deleting;
    expect(sim.control.getResource(id)?.status).toBe("DELETED");
    expect(
      calls(requestsSince(sim, since))
        .filter((c) => c.startsWith("deleteGroupContainer"))
        .at(-1),
    ).toBe("deleteGroupContainer 204");
    expect(logger.lines.some((line) => line.includes("CONTAINERS_IN_USE"))).toBe(true);
  });

  test("gives up on a container still in use at the delete timeout, naming the peer and the endpoint service that use it", async () => {
    const { serviceId } = seedEndpointService(variant);
    const { id, outs } = await created(variant, { adoptExisting: true, timeouts: { delete: 0.5 } });
    const peer = sim.control.seedResource({
      kind: "network-peer",
      groupId: testGroupId,
      body: variant.peerBody(id),
      settled: true,
    });
    const error = await rejectionOf(provider.delete(id, outs));
    expect(error.message).toContain(`Atlas refused to delete network container ${id}`);
    expect(error.message).toContain("CONTAINERS_IN_USE");
    expect(error.message).toContain(peer.id);
    expect(error.message).toContain(serviceId);
    expect(error.message).not.toContain(sim.credentials.privateKey);
    expect(sim.control.getResource(id)?.status).toBe("ACTIVE");
  });

  test("retries a DELETE refused with CANNOT_DELETE_RECENTLY_CREATED_CONTAINER", async () => {
    const { id, outs } = await created(variant);
    sim.control.addFault({
      kind: "error",
      status: 409,
      errorCode: "CANNOT_DELETE_RECENTLY_CREATED_CONTAINER",
      count: 2,
      match: { operationId: "deleteGroupContainer" },
    });
    const since = requestLogMark(sim);
    await provider.delete(id, outs);
    expect(calls(requestsSince(sim, since))).toEqual([
      "deleteGroupContainer 409",
      "deleteGroupContainer 409",
      "deleteGroupContainer 204",
      "getGroupContainer 404",
    ]);
  });

  test("passes preview-time unknowns through check and still reports the fields that are known to be wrong", async () => {
    const unknownProject = await provider.check({}, declared(variant, { projectId: unknownValue }));
    expect(unknownProject.failures ?? []).toEqual([]);
    expect(unknownProject.inputs).toMatchObject({
      projectId: unknownValue,
      atlasCidrBlock: variant.inputs.atlasCidrBlock,
    });
    const unknownCidr = await provider.check(
      {},
      declared(variant, { atlasCidrBlock: unknownValue, projectId: "not-a-project" }),
    );
    expect(unknownCidr.failures?.map((f) => f.property)).toEqual(["projectId"]);
  });
});

describe("a GCP network container", () => {
  const gcp = variants[2] as Variant;

  test("without regions is a global container, and Atlas's region list never plans a replacement", async () => {
    const global = {
      projectId: testGroupId,
      poll: fastPoll,
      providerName: "GCP",
      atlasCidrBlock: "10.64.0.0/18",
      __provider: serializedProviderText,
    };
    const inputs = await checkedInputs(provider, global);
    const { id, outs } = await provider.create(inputs);
    expect(outs).not.toHaveProperty("regions");
    sim.control.mutateResource(id, { regions: ["WESTERN_US"] });
    const read = await provider.read(id, { ...(outs as Props), __provider: serializedProviderText });
    expect(read.inputs).not.toHaveProperty("regions");
    expect(await provider.diff(id, { ...(read.props as Props), __provider: serializedProviderText }, inputs)).toEqual({
      changes: false,
    });
  });

  test("reads an out-of-band change of its declared regions as drift that an update puts back in place", async () => {
    const { id, outs, inputs } = await created(gcp);
    sim.control.mutateResource(id, { regions: ["WESTERN_US", "CENTRAL_US"] });
    const read = await provider.read(id, outs);
    expect(read.inputs).toMatchObject({ regions: ["CENTRAL_US", "WESTERN_US"] });
    const olds = { ...(read.props as Props), __provider: serializedProviderText };
    expect(await provider.diff(id, olds, inputs)).toEqual({ changes: true });
    const since = requestLogMark(sim);
    const updated = await provider.update(id, olds, inputs);
    expect(updated.outs).toMatchObject({ regions: inputs.regions });
    expect(calls(requestsSince(sim, since))).toContain("updateGroupContainer 200");
    expect(sim.control.getResource(id)?.status).not.toBe("DELETED");
  });

  test("changes only its regions without naming the CIDR, and a refusal of that claims no CIDR lock", async () => {
    const { id, outs } = await created(gcp);
    const news = await checkedInputs(provider, declared(gcp, { regions: ["CENTRAL_US", "WESTERN_US"] }));
    const since = requestLogMark(sim);
    const logged = logger.lines.length;
    const updated = await provider.update(id, outs, news);
    expect(updated.outs).toMatchObject({
      regions: ["CENTRAL_US", "WESTERN_US"],
      atlasCidrBlock: gcp.inputs.atlasCidrBlock,
    });
    expect(writesSince(sim, since).map((e) => e.operationId)).toEqual(["updateGroupContainer"]);
    expect(
      logger.lines
        .slice(logged)
        .some((line) => line.includes("regions [CENTRAL_US, US_EAST_4] → [CENTRAL_US, WESTERN_US]")),
    ).toBe(true);
    expect(logger.lines.slice(logged).filter((line) => line.includes("atlasCidrBlock"))).toEqual([]);

    sim.control.addFault({ kind: "error", status: 409, match: { operationId: "updateGroupContainer" } });
    const olds = { ...(updated.outs as Props), __provider: serializedProviderText };
    const error = await rejectionOf(provider.update(id, olds, await checkedInputs(provider, declared(gcp))));
    expect(error.message).toContain("regions [CENTRAL_US, WESTERN_US] → [CENTRAL_US, US_EAST_4]");
    expect(error.message).toContain("409");
    expect(error.message).not.toContain("atlasCidrBlock");
    expect(error.message).not.toContain("locks");
  });

  test("reports the GCP project and network for the reciprocal peering once a peer lives in it", async () => {
    const { id, outs } = await created(gcp);
    sim.control.seedResource({ kind: "network-peer", groupId: testGroupId, body: gcp.peerBody(id), settled: true });
    const read = await provider.read(id, outs);
    expect(read.props).toMatchObject({
      provisioned: true,
      gcpProjectId: expect.stringMatching(/^p-[0-9a-z]{24}$/),
      networkName: expect.stringMatching(/^nt-/),
    });
  });
});

describe("deleting a container", () => {
  test("names Atlas clusters as the user when only clusters keep it provisioned", async () => {
    const { id, outs } = await created(variants[0] as Variant, { timeouts: { delete: 0.3 } });
    sim.control.mutateResource(id, { hasClusters: true });
    const error = await rejectionOf(provider.delete(id, outs));
    expect(error.message).toContain("What uses it: Atlas clusters (the container is provisioned)");
    expect(sim.control.getResource(id)?.status).toBe("ACTIVE");
  });

  test("reports an unexpected refusal at once instead of retrying it", async () => {
    const { id, outs } = await created(variants[0] as Variant);
    sim.control.addFault({
      kind: "error",
      status: 403,
      errorCode: "USER_UNAUTHORIZED",
      match: { operationId: "deleteGroupContainer" },
    });
    const since = requestLogMark(sim);
    const error = await rejectionOf(provider.delete(id, outs));
    expect(error.message).toContain(`Deleting network container ${id} (AWS US_EAST_1, project ${testGroupId}) failed`);
    expect(error.message).toContain("USER_UNAUTHORIZED");
    expect(calls(requestsSince(sim, since))).toEqual(["deleteGroupContainer 403"]);
  });
});

describe("a state without the fields Atlas needs", () => {
  // Issue 9: the container used to send /groups/undefined/…; every resource now gives the engine's one message.
  test("fails read and delete with one message naming the container and pulumi state delete, without calling Atlas", async () => {
    const id = "6b1163cbcc8af4956d2506b3";
    const props = { atlasCidrBlock: "10.8.0.0/21", __provider: serializedProviderText };
    const since = requestLogMark(sim);
    for (const error of [await rejectionOf(provider.read(id, props)), await rejectionOf(provider.delete(id, props))]) {
      expect(error.message).toContain(`network container ${id}`);
      expect(error.message).toContain("pulumi state delete");
    }
    expect(requestsSince(sim, since)).toEqual([]);
  });
});

describe("a create whose POST fails", () => {
  const aws = variants[0] as Variant;

  test("sends the POST again when Atlas lists no container after the connection was reset, and makes exactly one", async () => {
    sim.control.addFault({ kind: "reset", match: { operationId: "createGroupContainer" } });
    const { id } = await created(aws);
    expect(sim.control.getResources({ kind: "network-container" }).map((c) => c.id)).toEqual([id]);
    expect(calls(sim.control.getRequestLog()).filter((c) => c.startsWith("createGroupContainer"))).toEqual([
      "createGroupContainer null",
      "createGroupContainer 200",
    ]);
    expect(logger.lines.some((line) => line.includes("sending it again"))).toBe(true);
  });

  test("takes the container Atlas created although the POST answered 500, without a second POST", async () => {
    // Atlas processes the POST (the container appears while the answer is delayed), then answers 500.
    sim.control.addFault({ kind: "delay", delayMs: 300, match: { operationId: "createGroupContainer" } });
    sim.control.addFault({ kind: "error", status: 500, match: { operationId: "createGroupContainer" } });
    const creating = created(aws);
    await eventually(
      async () => sim.control.getRequestLog().some((e) => e.operationId === "listGroupContainers" && e.status === 200),
      Boolean,
    );
    const madeByAtlas = seedContainer(aws, aws.inputs.atlasCidrBlock as string);
    const { id } = await creating;
    expect(id).toBe(madeByAtlas);
    expect(calls(sim.control.getRequestLog()).filter((c) => c.startsWith("createGroupContainer"))).toEqual([
      "createGroupContainer 500",
    ]);
  });

  test("refuses, naming the container, when another one appeared in the region meanwhile (409) and adoptExisting is not set", async () => {
    sim.control.addFault({ kind: "delay", delayMs: 300, match: { operationId: "createGroupContainer" } });
    const creating = rejectionOf(created(aws));
    await eventually(
      async () => sim.control.getRequestLog().some((e) => e.operationId === "listGroupContainers" && e.status === 200),
      Boolean,
    );
    const other = seedContainer(aws, "192.168.248.0/21");
    const error = await creating;
    expect(error.message).toContain(other);
    expect(error.message).toContain("192.168.248.0/21");
    expect(error.message).toContain("adoptExisting");
    expect(sim.control.getResources({ kind: "network-container" }).map((c) => c.id)).toEqual([other]);
  });

  test("reports Atlas's refusal of a bad request without retrying it", async () => {
    sim.control.addFault({
      kind: "error",
      status: 400,
      errorCode: "INVALID_ATTRIBUTE",
      match: { operationId: "createGroupContainer" },
    });
    const error = await rejectionOf(created(aws));
    expect(error.message).toContain("Atlas refused to create the AWS US_EAST_1 network container of project");
    expect(error.message).toContain("INVALID_ATTRIBUTE");
    expect(calls(sim.control.getRequestLog())).toEqual(["listGroupContainers 200", "createGroupContainer 400"]);
  });
});

describe("the NetworkContainer args type", () => {
  // Checked by `npm run typecheck` (jest only transpiles): each @ts-expect-error must meet a type error.
  test("accepts each provider's own region field, also as a plain string, and refuses another provider's at compile time", () => {
    // A region from stack config is a plain string: it compiles, and check refuses a name that is not a region.
    const configuredRegion: string = "US_EAST_1";
    const accepted: NetworkContainerArgs[] = [
      { projectId: testGroupId, providerName: "AWS", regionName: "us-east-1", atlasCidrBlock: "10.8.0.0/21" },
      { projectId: testGroupId, providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
      { projectId: testGroupId, providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.8.0.0/21" },
      {
        projectId: testGroupId,
        providerName: "GCP",
        regions: ["CENTRAL_US"],
        atlasCidrBlock: "10.8.0.0/21",
        timeouts: { delete: "2h" },
      },
      { projectId: testGroupId, providerName: "AWS", regionName: configuredRegion, atlasCidrBlock: "10.8.0.0/21" },
      { projectId: testGroupId, providerName: "GCP", regions: [configuredRegion], atlasCidrBlock: "10.8.0.0/21" },
    ];
    const refused: NetworkContainerArgs[] = [
      // @ts-expect-error region is the Azure field; an AWS container takes regionName
      {
        projectId: testGroupId,
        providerName: "AWS",
        regionName: "US_EAST_1",
        region: "US_EAST_2",
        atlasCidrBlock: "10.8.0.0/21",
      },
      // @ts-expect-error regions is the GCP field
      {
        projectId: testGroupId,
        providerName: "AZURE",
        region: "US_EAST_2",
        regions: ["CENTRAL_US"],
        atlasCidrBlock: "10.8.0.0/21",
      },
    ];
    expect(accepted).toHaveLength(6);
    expect(refused).toHaveLength(2);
  });
});
