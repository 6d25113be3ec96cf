/**
 * PrivateEndpointRegionalMode against the simulator: one setting per project, taken over on create, PATCHed on
 * update, disabled on delete; Atlas's refusal to disable while private endpoints span regions fails the delete
 * with a message instead of being ignored (Terraform ignores it).
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import {
  callsOf,
  checkedInputs,
  createChecked,
  expectNoSecretLogged,
  rejectionOf,
  requestLogMark,
  startResourceSimulator,
  startRunAgainst,
  stopResourceSimulator,
  writesSince,
  type MemoryLogger,
  type Props,
} from "../support/resource-harness";
import { testGroupId, type RunningSimulator } from "../support/simulator";

const shim = new AtlasDynamicProvider("privateEndpointRegionalMode");
const toggle = "toggleGroupPrivateEndpointRegionalMode";

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

/** Endpoints the spec's refusal rule counts: two in one AWS region and one in another. */
function endpointsSpanningRegions(): void {
  const service = (region: string) =>
    sim.control.seedResource({
      kind: "private-endpoint-service",
      groupId: testGroupId,
      body: { providerName: "AWS", region },
      settled: true,
    }).id;
  const register = (endpointServiceId: string, id: string) =>
    sim.control.seedResource({
      kind: "private-endpoint-registration",
      groupId: testGroupId,
      endpointServiceId,
      body: { id },
      settled: true,
    } as Parameters<typeof sim.control.seedResource>[0]);
  const east = service("US_EAST_1");
  register(east, "vpce-0123456789abcdef0");
  register(east, "vpce-0123456789abcdef1");
  register(service("US_WEST_2"), "vpce-0123456789abcdef2");
}

test("create enables the mode with one PATCH; the id is the project id", async () => {
  const mark = requestLogMark(sim);

  const { id, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });

  expect(id).toBe(testGroupId);
  expect(outs).toEqual({ projectId: testGroupId, enabled: true });
  expect(callsOf(sim, mark, toggle)).toHaveLength(1);
  expect(sim.control.getRegionalMode(testGroupId).enabled).toBe(true);
});

test("create takes the setting over without a write when Atlas already has the declared value", async () => {
  sim.control.setRegionalMode(testGroupId, true);
  const mark = requestLogMark(sim);

  const { outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });

  expect(outs).toMatchObject({ enabled: true });
  expect(writesSince(sim, mark)).toEqual([]);
});

test("update disables it with a PATCH; a change of timeouts alone makes no call", async () => {
  const { id, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });
  const disabled = await checkedInputs(shim, { projectId: testGroupId, enabled: false });
  expect(await shim.diff(id, outs, disabled)).toEqual({ changes: true });

  const updated = await shim.update(id, outs, disabled);
  expect(updated.outs).toMatchObject({ enabled: false });
  expect(sim.control.getRegionalMode(testGroupId).enabled).toBe(false);

  const mark = requestLogMark(sim);
  const withTimeouts = await checkedInputs(shim, {
    projectId: testGroupId,
    enabled: false,
    timeouts: { update: "5m" },
  });
  await shim.update(id, updated.outs as Props, withTimeouts);
  expect(callsOf(sim, mark, toggle)).toEqual([]);
  expect(callsOf(sim, mark, "getGroupPrivateEndpointRegionalMode")).toEqual([]);
});

test("read shows a change made outside Pulumi, and the next diff plans an update", async () => {
  const { id, news, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });
  sim.control.setRegionalMode(testGroupId, false);

  const read = await shim.read(id, outs);

  expect(read.inputs).toEqual({ projectId: testGroupId, enabled: false });
  expect(await shim.diff(id, read.props as Props, news)).toEqual({ changes: true });
});

test("a change of project replaces it", async () => {
  const { id, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });
  const news = await checkedInputs(shim, { projectId: "65a1b2c3d4e5f60718293a4b", enabled: true });

  expect(await shim.diff(id, outs, news)).toMatchObject({ replaces: ["projectId"] });
});

test("delete disables the mode", async () => {
  const { id, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });

  await shim.delete(id, outs);

  expect(sim.control.getRegionalMode(testGroupId).enabled).toBe(false);
});

test("delete refused because endpoints span regions fails with Atlas's reason and what to do", async () => {
  const { id, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });
  endpointsSpanningRegions();

  const error = await rejectionOf(shim.delete(id, outs));

  expect(error.message).toContain("Atlas refused to disable");
  expect(error.message).toContain("CANNOT_DISABLE_REGIONALIZED_PRIVATE_ENDPOINTS");
  expect(error.message).toContain("dependsOn");
  expect(error.message).toContain("pulumi state delete");
  expect(sim.control.getRegionalMode(testGroupId).enabled).toBe(true);
});

test("update to disabled refused the same way keeps the state as it was", async () => {
  const { id, outs } = await createChecked(shim, { projectId: testGroupId, enabled: true });
  endpointsSpanningRegions();

  const error = await rejectionOf(
    shim.update(id, outs, await checkedInputs(shim, { projectId: testGroupId, enabled: false })),
  );

  expect(error.message).toContain("Atlas refused to disable");
  expect(sim.control.getRegionalMode(testGroupId).enabled).toBe(true);
});
