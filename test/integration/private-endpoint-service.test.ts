/**
 * PrivateEndpointService against the simulator over real HTTP, called through the serialized provider
 * shim the way the Pulumi engine calls it (check → diff → create/read/update/delete).
 */
import type { PrivateEndpointServiceArgs } from "../../provider/resources/private-endpoint-service/resource";
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
  serializedProviderText,
  startResourceSimulator,
  startRunAgainst,
  stopResourceSimulator,
  writesSince,
  type MemoryLogger,
  type Props,
} from "../support/resource-harness";
import { DigestTestClient, eventually, testGroupId, type RunningSimulator } from "../support/simulator";

const shim = new AtlasDynamicProvider("privateEndpointService");
const simKind = "private-endpoint-service" as const;

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

function seed(body: Props, settled = true) {
  return sim.control.seedResource({ kind: simKind, groupId: testGroupId, body, settled });
}

interface Variant {
  provider: "AWS" | "AZURE" | "GCP";
  /** Declared inputs, in the form a user may write them. */
  inputs: Props;
  /** The Atlas form of the region. */
  region: string;
  /** The body the simulator's seed takes for the same provider and region. */
  seedBody: Props;
  /** The output users wire into their cloud, and what it looks like once the service is built. */
  wiring: { output: string; matches: (value: unknown) => boolean };
}

const variants: Variant[] = [
  {
    provider: "AWS",
    inputs: {
      projectId: testGroupId,
      providerName: "AWS",
      region: "us-east-1",
      supportedRemoteRegions: ["eu-west-1", "US_WEST_2"],
      poll: fastPoll,
    },
    region: "US_EAST_1",
    seedBody: { providerName: "AWS", region: "US_EAST_1" },
    wiring: {
      output: "endpointServiceName",
      matches: (value) =>
        typeof value === "string" && /^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/.test(value),
    },
  },
  {
    provider: "AZURE",
    inputs: { projectId: testGroupId, providerName: "AZURE", region: "US_EAST_2", poll: fastPoll },
    region: "US_EAST_2",
    seedBody: { providerName: "AZURE", region: "US_EAST_2" },
    wiring: {
      output: "privateLinkServiceResourceId",
      matches: (value) =>
        typeof value === "string" &&
        /\/providers\/Microsoft\.Network\/privateLinkServices\/pls_[0-9a-f]{24}$/.test(value),
    },
  },
  {
    provider: "GCP",
    inputs: {
      projectId: testGroupId,
      providerName: "GCP",
      region: "CENTRAL_US",
      portMappingEnabled: true,
      poll: fastPoll,
    },
    region: "CENTRAL_US",
    seedBody: { providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true },
    wiring: {
      output: "serviceAttachmentNames",
      // Port mapping: a single attachment.
      matches: (value) => Array.isArray(value) && value.length === 1 && /\/serviceAttachments\//.test(String(value[0])),
    },
  },
];

describe.each(variants)("a $provider private endpoint service", (variant) => {
  test("is created, waited for until settled, and reports the names to wire into the cloud", async () => {
    const mark = requestLogMark(sim);
    const { id, outs } = await createChecked(shim, variant.inputs);

    expect(id).toMatch(/^[a-f0-9]{24}$/);
    expect(outs).toMatchObject({
      endpointServiceId: id,
      status: "AVAILABLE",
      region: variant.region,
      regionName: variant.region,
      errorMessage: null,
    });
    expect(variant.wiring.matches(outs[variant.wiring.output])).toBe(true);
    expect(outs).not.toHaveProperty("__provider");
    expect(sim.control.getResource(id)?.history.map((change) => change.status)).toEqual(["INITIATING", "AVAILABLE"]);
    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointService")).toHaveLength(1);
    // The first read may already see AVAILABLE on a busy machine: the settle is logged either way.
    expect(logger.lines.some((line) => line.includes(id) && /\bAVAILABLE after /.test(line))).toBe(true);
  });

  test("is refused, naming the existing service and adoptExisting, when one exists for the provider and region", async () => {
    const existing = seed(variant.seedBody);
    const mark = requestLogMark(sim);

    const error = await rejectionOf(shim.create(await checkedInputs(shim, variant.inputs)));

    expect(error.message).toContain(existing.id);
    expect(error.message).toContain("adoptExisting");
    expect(error.message).toContain(testGroupId);
    expect(error.message).toContain(variant.region);
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(writesSince(sim, mark)).toEqual([]);
  });

  test("is adopted with adoptExisting: true, after the existing service settles, without a POST", async () => {
    const existing = seed(variant.seedBody, false);
    const mark = requestLogMark(sim);

    const { id, outs } = await createChecked(shim, { ...variant.inputs, adoptExisting: true });

    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ status: "AVAILABLE", adoptExisting: true });
    expect(variant.wiring.matches(outs[variant.wiring.output])).toBe(true);
    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointService")).toEqual([]);
    expect(logger.lines.some((line) => line.includes("adopting"))).toBe(true);
  });

  test("that ends FAILED stays in state: the error carries its id, status, Atlas's message and __provider", async () => {
    sim.control.addFault({
      kind: "fail",
      errorMessage: "Capacity exhausted in the region.",
      match: { operationId: "createGroupPrivateEndpointEndpointService" },
    });

    const failure = await initErrorOf(shim.create(await checkedInputs(shim, variant.inputs)));

    expect(failure.id).toMatch(/^[a-f0-9]{24}$/);
    expect(failure.properties).toMatchObject({
      __provider: serializedProviderText,
      endpointServiceId: failure.id,
      status: "FAILED",
      errorMessage: "Capacity exhausted in the region.",
      region: variant.region,
    });
    expect(failure.message).toContain("Capacity exhausted in the region.");
    expect(failure.message).toContain("pulumi destroy");
    expect(sim.control.getResource(failure.id)?.status).toBe("FAILED");
  });

  test("that outlasts timeouts.create stays in state with its id and last status", async () => {
    sim.control.configure({ durations: { endpointService: { initiating: 100_000 } } });

    const failure = await initErrorOf(
      shim.create(await checkedInputs(shim, { ...variant.inputs, timeouts: { create: 0.4 } })),
    );

    expect(failure.properties).toMatchObject({
      __provider: serializedProviderText,
      endpointServiceId: failure.id,
      status: "INITIATING",
    });
    expect(failure.message).toMatch(/timed out/);
    expect(failure.message).toContain("timeouts.create");
    expect(sim.control.getResource(failure.id)?.status).toBe("INITIATING");
  });

  test("that is FAILED is still read (status and error in the outputs), and diff plans its replacement", async () => {
    const { id, news, outs } = await createChecked(shim, variant.inputs);
    sim.control.forceState(id, { status: "FAILED", errorMessage: "The load balancer was removed." });

    const read = await shim.read(id, outs);

    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({
      status: "FAILED",
      errorMessage: "The load balancer was removed.",
      endpointServiceId: id,
    });
    const diff = await shim.diff(id, read.props as Props, news);
    expect(diff).toEqual({ changes: true, replaces: ["status"], deleteBeforeReplace: true });
  });

  test("read after an out-of-band deletion returns no id, so a refresh drops it", async () => {
    const { id, outs } = await createChecked(shim, variant.inputs);
    sim.control.deleteResource(id);

    const read = await shim.read(id, outs);

    expect(read.id).toBeUndefined();
  });

  test("update of only adoptExisting, timeouts and poll is stored without any Atlas call", async () => {
    const { id, outs } = await createChecked(shim, variant.inputs);
    const news = await checkedInputs(shim, {
      ...variant.inputs,
      adoptExisting: true,
      timeouts: { create: "2h" },
      poll: { intervalSeconds: 0.06 },
    });
    expect(await shim.diff(id, outs, news)).toEqual({ changes: true });
    const mark = requestLogMark(sim);

    const updated = await shim.update(id, outs, news);

    expect(callsSince(sim, mark)).toEqual([]);
    expect(updated.outs).toMatchObject({
      adoptExisting: true,
      timeouts: { create: "2h" },
      poll: { intervalSeconds: 0.06 },
      endpointServiceId: id,
      status: "AVAILABLE",
    });
    expect((updated.outs as Props)[variant.wiring.output]).toEqual(outs[variant.wiring.output]);
  });

  test("delete waits until Atlas answers 404", async () => {
    const { id, outs } = await createChecked(shim, variant.inputs);
    const mark = requestLogMark(sim);

    await shim.delete(id, outs);

    expect(sim.control.getResource(id)?.history.map((change) => change.status)).toEqual([
      "INITIATING",
      "AVAILABLE",
      "DELETING",
      "DELETED",
    ]);
    const deletes = callsOf(sim, mark, "deleteGroupPrivateEndpointEndpointService");
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.status).toBe(202);
  });

  test("delete of a service already gone counts as done", async () => {
    const { id, outs } = await createChecked(shim, variant.inputs);
    sim.control.deleteResource(id);
    const mark = requestLogMark(sim);

    await shim.delete(id, outs);

    // The read that looks for registered endpoints before the DELETE finds it gone: nothing is sent.
    expect(callsSince(sim, mark).map((entry) => [entry.operationId, entry.status])).toEqual([
      ["getGroupPrivateEndpointEndpointService", 404],
    ]);
  });

  test("delete refused with 409 names the service and what still uses it", async () => {
    const { id, outs } = await createChecked(shim, variant.inputs);
    sim.control.addFault({
      kind: "error",
      status: 409,
      errorCode: "CANNOT_DELETE_ENDPOINT_SERVICE_IN_USE",
      match: { operationId: "deleteGroupPrivateEndpointEndpointService" },
    });

    const error = await rejectionOf(shim.delete(id, outs));

    expect(error.message).toContain(id);
    expect(error.message).toContain(testGroupId);
    expect(error.message).toContain("CANNOT_DELETE_ENDPOINT_SERVICE_IN_USE");
    expect(error.message).toMatch(/interface endpoints|private endpoints|endpoint groups/);
    expect(sim.control.getResource(id)?.status).toBe("AVAILABLE");
  });
});

describe("drift", () => {
  test("an AWS service's remote regions changed outside Pulumi show in read, and the next update puts them back", async () => {
    const { id, news, outs } = await createChecked(shim, variants[0]!.inputs);
    sim.control.mutateResource(id, { supportedRemoteRegions: ["AP_SOUTH_1"] });

    const read = await shim.read(id, outs);

    expect(read.inputs).toMatchObject({ supportedRemoteRegions: ["AP_SOUTH_1"], region: "US_EAST_1" });
    expect(read.inputs).not.toHaveProperty("__provider");
    expect(read.props).toMatchObject({ supportedRemoteRegions: ["AP_SOUTH_1"] });
    expect(await shim.diff(id, read.props as Props, news)).toEqual({ changes: true });

    const mark = requestLogMark(sim);
    const updated = await shim.update(id, read.props as Props, news);

    expect(updated.outs).toMatchObject({ supportedRemoteRegions: ["EU_WEST_1", "US_WEST_2"], status: "AVAILABLE" });
    expect(sim.control.getResource(id)?.api).toMatchObject({ supportedRemoteRegions: ["EU_WEST_1", "US_WEST_2"] });
    expect(callsOf(sim, mark, "updateGroupPrivateEndpointEndpointService")).toHaveLength(1);
  });

  test("a GCP service's port mapping changed outside Pulumi shows in read, and diff plans a replacement", async () => {
    const { id, news, outs } = await createChecked(shim, variants[2]!.inputs);
    sim.control.mutateResource(id, { portMappingEnabled: false });

    const read = await shim.read(id, outs);

    expect(read.inputs).toMatchObject({ portMappingEnabled: false });
    expect(await shim.diff(id, read.props as Props, news)).toEqual({
      changes: true,
      replaces: ["portMappingEnabled"],
      deleteBeforeReplace: true,
    });
  });

  test("read without drift gives back the inputs as stored, so the next diff sees no change", async () => {
    const { id, news, outs } = await createChecked(shim, variants[0]!.inputs);

    const read = await shim.read(id, outs);

    expect(read.props).toEqual(outs);
    expect(await shim.diff(id, read.props as Props, news)).toEqual({ changes: false });
  });
});

describe("update of an AWS service's supportedRemoteRegions", () => {
  test("PATCHes without the provider segment, waits through INITIATING and returns the new list", async () => {
    const { id, outs } = await createChecked(shim, variants[0]!.inputs);
    const news = await checkedInputs(shim, { ...variants[0]!.inputs, supportedRemoteRegions: ["ap-south-1"] });
    expect(await shim.diff(id, outs, news)).toEqual({ changes: true });
    const mark = requestLogMark(sim);

    const updated = await shim.update(id, outs, news);

    expect(updated.outs).toMatchObject({
      supportedRemoteRegions: ["AP_SOUTH_1"],
      status: "AVAILABLE",
      endpointServiceId: id,
    });
    const patches = callsOf(sim, mark, "updateGroupPrivateEndpointEndpointService");
    expect(patches).toHaveLength(1);
    expect(patches[0]?.path).toBe(`/api/atlas/v2/groups/${testGroupId}/privateEndpoint/endpointService/${id}`);
    expect(sim.control.getResource(id)?.history.map((change) => change.status)).toEqual([
      "INITIATING",
      "AVAILABLE",
      "INITIATING",
      "AVAILABLE",
    ]);
  });

  test("that outlasts timeouts.update stays in state with the new inputs", async () => {
    const { id, outs } = await createChecked(shim, variants[0]!.inputs);
    sim.control.configure({ durations: { endpointService: { updating: 100_000 } } });
    const news = await checkedInputs(shim, {
      ...variants[0]!.inputs,
      supportedRemoteRegions: [],
      timeouts: { update: 0.3 },
    });

    const error = await initErrorOf(shim.update(id, outs, news));

    expect(error.properties).toMatchObject({
      __provider: serializedProviderText,
      supportedRemoteRegions: [],
      status: "INITIATING",
    });
    expect(error.message).toContain("timeouts.update");
  });

  test("a later update resumes the wait for a service kept in state while INITIATING", async () => {
    sim.control.configure({ durations: { endpointService: { initiating: 600 } } });
    const news = await checkedInputs(shim, { ...variants[0]!.inputs, timeouts: { create: 0.2 } });
    const failure = await initErrorOf(shim.create(news));
    expect(failure.properties).toMatchObject({ status: "INITIATING" });
    const mark = requestLogMark(sim);

    const updated = await shim.update(failure.id, failure.properties, news);

    expect(updated.outs).toMatchObject({ status: "AVAILABLE" });
    expect(writesSince(sim, mark)).toEqual([]);
  });
});

describe("create when the natural key is taken or the POST fails", () => {
  const aws = variants[0]!;

  test("an adopted AWS service takes the declared remote regions with one PATCH", async () => {
    const existing = seed({ providerName: "AWS", region: "US_EAST_1", supportedRemoteRegions: ["AP_SOUTH_1"] });
    const mark = requestLogMark(sim);

    const { id, outs } = await createChecked(shim, { ...aws.inputs, adoptExisting: true });

    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ supportedRemoteRegions: ["EU_WEST_1", "US_WEST_2"], status: "AVAILABLE" });
    expect(writesSince(sim, mark).map((entry) => entry.operationId)).toEqual([
      "updateGroupPrivateEndpointEndpointService",
    ]);
  });

  test("a GCP service with the other port mapping is not adopted, and the message says why", async () => {
    const existing = seed({ providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: false });
    const mark = requestLogMark(sim);

    const error = await rejectionOf(
      shim.create(await checkedInputs(shim, { ...variants[2]!.inputs, adoptExisting: true })),
    );

    expect(error.message).toContain(existing.id);
    expect(error.message).toContain("portMappingEnabled");
    expect(writesSince(sim, mark)).toEqual([]);
  });

  test("a 409 from a POST racing another creator is never shown raw: the found service is named", async () => {
    // The lookup sees nothing; while the POST is held, another creator makes the service, so Atlas answers 409.
    sim.control.addFault({
      kind: "delay",
      delayMs: 800,
      match: { operationId: "createGroupPrivateEndpointEndpointService" },
    });
    const mark = requestLogMark(sim);
    const creating = rejectionOf(shim.create(await checkedInputs(shim, aws.inputs)));
    await eventually(
      async () => callsOf(sim, mark, "listGroupPrivateEndpointEndpointService").length,
      (n) => n >= 1,
    );
    const other = seed(aws.seedBody);

    const error = await creating;

    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointService").map((entry) => entry.status)).toEqual([409]);
    expect(error.message).toContain(other.id);
    expect(error.message).toContain("adoptExisting");
    expect(error.message).not.toContain("HTTP 409");
  });

  test("a POST that Atlas processed but answered 500 is found by its natural key, not sent again", async () => {
    // Emulates "Atlas made it, the answer was lost": the POST is held, the service appears meanwhile, the answer is a 500.
    sim.control.addFault({
      kind: "delay",
      delayMs: 800,
      match: { operationId: "createGroupPrivateEndpointEndpointService" },
    });
    sim.control.addFault({
      kind: "error",
      status: 500,
      match: { operationId: "createGroupPrivateEndpointEndpointService" },
    });
    const mark = requestLogMark(sim);
    const creating = shim.create(await checkedInputs(shim, aws.inputs));
    await eventually(
      async () => callsOf(sim, mark, "listGroupPrivateEndpointEndpointService").length,
      (n) => n >= 1,
    );
    const made = seed(aws.seedBody, false);

    const created = await creating;

    expect(created.id).toBe(made.id);
    expect(created.outs).toMatchObject({ status: "AVAILABLE" });
    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointService").map((entry) => entry.status)).toEqual([500]);
    expect(sim.control.getResources({ kind: simKind, includeDeleted: false })).toHaveLength(1);
  });

  test("a POST whose connection was reset before Atlas saw it is sent again once the natural key shows nothing", async () => {
    sim.control.addFault({ kind: "reset", match: { operationId: "createGroupPrivateEndpointEndpointService" } });
    const mark = requestLogMark(sim);

    const { id, outs } = await createChecked(shim, aws.inputs);

    expect(outs).toMatchObject({ status: "AVAILABLE", endpointServiceId: id });
    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointService").map((entry) => entry.status)).toEqual([
      null,
      201,
    ]);
    expect(callsOf(sim, mark, "listGroupPrivateEndpointEndpointService").length).toBeGreaterThanOrEqual(2);
    expect(sim.control.getResources({ kind: simKind, includeDeleted: false })).toHaveLength(1);
  });

  test("a POST Atlas rejects as invalid fails at once with Atlas's reason and the service named", async () => {
    sim.control.addFault({
      kind: "error",
      status: 400,
      errorCode: "INVALID_REGION",
      match: { operationId: "createGroupPrivateEndpointEndpointService" },
    });
    const mark = requestLogMark(sim);

    const error = await rejectionOf(shim.create(await checkedInputs(shim, aws.inputs)));

    expect(error.message).toContain("INVALID_REGION");
    expect(error.message).toContain("AWS US_EAST_1");
    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointService")).toHaveLength(1);
  });

  test("a service still DELETING for the same region (a replacement) is waited out, then a new one is created", async () => {
    const first = await createChecked(shim, aws.inputs);
    const direct = new DigestTestClient(sim);
    const deleting = await direct.delete(
      `/api/atlas/v2/groups/${testGroupId}/privateEndpoint/AWS/endpointService/${first.id}`,
    );
    expect(deleting.status).toBe(202);

    const second = await createChecked(shim, aws.inputs);

    expect(second.id).not.toBe(first.id);
    expect(sim.control.getResource(first.id)?.status).toBe("DELETED");
    expect(second.outs).toMatchObject({ status: "AVAILABLE" });
  });
});

describe("waits", () => {
  test("waits of several services of one provider share one list call per tick instead of one GET each", async () => {
    const regions = ["US_EAST_1", "US_WEST_2", "EU_WEST_1"];
    const mark = requestLogMark(sim);

    const created = await Promise.all(
      regions.map((region) =>
        createChecked(shim, { projectId: testGroupId, providerName: "AWS", region, poll: fastPoll }),
      ),
    );

    expect(created.map((c) => c.outs.status)).toEqual(["AVAILABLE", "AVAILABLE", "AVAILABLE"]);
    expect(callsOf(sim, mark, "getGroupPrivateEndpointEndpointService")).toEqual([]);
  });

  test("poll.coalesce false reads the service with its own GETs", async () => {
    const mark = requestLogMark(sim);

    const { outs } = await createChecked(shim, { ...variants[1]!.inputs, poll: { ...fastPoll, coalesce: false } });

    expect(outs).toMatchObject({ status: "AVAILABLE" });
    expect(callsOf(sim, mark, "getGroupPrivateEndpointEndpointService").length).toBeGreaterThanOrEqual(1);
    // One list only: the natural-key lookup before the POST.
    expect(callsOf(sim, mark, "listGroupPrivateEndpointEndpointService")).toHaveLength(1);
  });
});

describe("diff", () => {
  const olds: Props = {
    projectId: testGroupId,
    providerName: "AWS",
    region: "US_EAST_1",
    supportedRemoteRegions: ["EU_WEST_1"],
    poll: fastPoll,
    endpointServiceId: "64b0c0ffee0000000000beef",
    status: "AVAILABLE",
    errorMessage: null,
    __provider: serializedProviderText,
  };
  const declared: Props = {
    projectId: testGroupId,
    providerName: "AWS",
    region: "US_EAST_1",
    supportedRemoteRegions: ["EU_WEST_1"],
    poll: fastPoll,
  };

  const replace = (...replaces: string[]) => ({ changes: true, replaces, deleteBeforeReplace: true });
  const update = { changes: true };
  const none = { changes: false };

  test.each([
    ["the same inputs", "no change", {}, none],
    ["only a new __provider text", "no change", { __provider: "exports.handler = another_text" }, none],
    [
      "the remote regions in another order and form",
      "no change",
      { supportedRemoteRegions: ["eu-west-1", "EU_WEST_1"] },
      none,
    ],
    ["another region", "a replacement, deleting first", { region: "US_WEST_2" }, replace("region")],
    [
      "another project",
      "a replacement, deleting first",
      { projectId: "6f7cac1adf5d6c6306f4b284" },
      replace("projectId"),
    ],
    [
      "another provider",
      "a replacement, deleting first",
      { providerName: "GCP", region: "CENTRAL_US", supportedRemoteRegions: undefined },
      replace("providerName", "region", "portMappingEnabled"),
    ],
    ["an unknown project (preview)", "a replacement", { projectId: unknownValue }, replace("projectId")],
    ["an unknown region (preview)", "a replacement", { region: unknownValue }, replace("region")],
    ["other remote regions", "an update", { supportedRemoteRegions: ["AP_SOUTH_1"] }, update],
    ["an unknown remote region (preview)", "an update", { supportedRemoteRegions: [unknownValue] }, update],
    [
      "the region in AWS form while the remote regions are unknown (preview)",
      "an update, not a replacement",
      { region: "us-east-1", supportedRemoteRegions: unknownValue },
      update,
    ],
    ["adoptExisting set", "an update", { adoptExisting: true }, update],
    ["another create timeout", "an update", { timeouts: { create: "2h" } }, update],
  ] as const)("with %s decides %s", async (_label, _decision, change, expected) => {
    const merged: Props = {
      ...declared,
      ...change,
      __provider: (change as Props).__provider ?? serializedProviderText,
    };
    const news = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
    // Preview passes unknowns through check unchanged, so diff gets what check returns.
    const result = await shim.check(olds, news);
    expect(result.failures ?? []).toEqual([]);

    expect(await shim.diff(olds.endpointServiceId as string, olds, result.inputs as Props)).toEqual(expected);
  });

  test("a GCP service's portMappingEnabled change is a replacement, an omitted one matches Atlas's default false", async () => {
    const gcpOlds: Props = {
      projectId: testGroupId,
      providerName: "GCP",
      region: "CENTRAL_US",
      portMappingEnabled: false,
      status: "AVAILABLE",
    };
    const omitted = await checkedInputs(shim, { projectId: testGroupId, providerName: "GCP", region: "CENTRAL_US" });
    const enabled = await checkedInputs(shim, {
      projectId: testGroupId,
      providerName: "GCP",
      region: "CENTRAL_US",
      portMappingEnabled: true,
    });

    expect(await shim.diff("x", gcpOlds, omitted)).toEqual({ changes: false });
    expect(await shim.diff("x", gcpOlds, enabled)).toEqual({
      changes: true,
      replaces: ["portMappingEnabled"],
      deleteBeforeReplace: true,
    });
  });
});

describe("check during preview", () => {
  test("an unknown projectId passes, and the other inputs are still checked", async () => {
    const result = await shim.check(
      {},
      { projectId: unknownValue, providerName: "AWS", region: "mars-1", __provider: serializedProviderText },
    );

    expect(result.failures?.map((failure) => failure.property)).toEqual(["region"]);
  });

  test("unknown values inside the remote-region list pass through unchanged", async () => {
    const news = {
      projectId: testGroupId,
      providerName: "AWS",
      region: "US_EAST_1",
      supportedRemoteRegions: ["EU_WEST_1", unknownValue],
      __provider: serializedProviderText,
    };

    const result = await shim.check({}, news);

    expect(result.failures ?? []).toEqual([]);
    expect(result.inputs).toEqual(news);
  });

  test("known inputs come back in Atlas form with the serialized provider kept", async () => {
    const result = await shim.check(
      {},
      {
        projectId: testGroupId,
        providerName: "AWS",
        region: "us-east-1",
        supportedRemoteRegions: ["us-west-2", "eu-west-1"],
        __provider: serializedProviderText,
      },
    );

    expect(result.inputs).toEqual({
      projectId: testGroupId,
      providerName: "AWS",
      region: "US_EAST_1",
      supportedRemoteRegions: ["EU_WEST_1", "US_WEST_2"],
      __provider: serializedProviderText,
    });
  });

  test("args typed for one provider reject another provider's field at compile time, and check rejects it at run time", async () => {
    // @ts-expect-error portMappingEnabled belongs to the GCP variant only (npm run typecheck fails if this compiles)
    const awsArgs: PrivateEndpointServiceArgs = {
      projectId: testGroupId,
      providerName: "AWS",
      region: "us-east-1",
      portMappingEnabled: true,
    };
    const gcpArgs: PrivateEndpointServiceArgs = {
      projectId: testGroupId,
      providerName: "GCP",
      region: "CENTRAL_US",
      portMappingEnabled: true,
    };
    expect((await shim.check({}, { ...gcpArgs, __provider: serializedProviderText })).failures ?? []).toEqual([]);
    const result = await shim.check({}, { ...awsArgs, __provider: serializedProviderText });

    expect(result.failures).toEqual([
      { property: "portMappingEnabled", reason: expect.stringContaining("applies only when providerName is GCP") },
    ]);
  });
});
