/**
 * ServerlessPrivateEndpoint against the simulator over real HTTP, called through the serialized provider
 * shim the way the Pulumi engine calls it (check, then create/read/update/delete with the checked inputs).
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { ResourceInitError } from "../../provider/resources/shared/partial-failure";
import { unknownValue } from "../../provider/resources/shared/unknowns";
import type { ServerlessPrivateEndpointArgs } from "../../provider/resources/serverless-private-endpoint/resource";
import type { RequestLogEntry } from "../../simulator";
import {
  checkedInputs,
  createChecked,
  expectNoSecretLogged,
  fastPoll,
  initErrorOf,
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
import { eventually, testGroupId, type ObservedResponse, type RunningSimulator } from "../support/simulator";

type ProviderName = "AWS" | "AZURE";

const provider = new AtlasDynamicProvider("serverlessPrivateEndpoint");
const kind = "serverless-private-endpoint";

let sim: RunningSimulator;
let logger: MemoryLogger;
/** Set by a test to act on the simulator's answers (e.g. to make a POST that "failed" take effect). */
let onResponse: ((response: ObservedResponse) => void) | undefined;

beforeAll(async () => {
  sim = await startResourceSimulator({ responseObserver: (response) => onResponse?.(response) });
});

afterAll(() => stopResourceSimulator(sim));

beforeEach(() => {
  sim.control.reset();
  onResponse = undefined;
  logger = startRunAgainst(sim);
});

afterEach(() => expectNoSecretLogged(logger, sim));

interface Variant {
  providerName: ProviderName;
  instanceName: string;
  attachment: Props;
  otherAttachment: Props;
}

const variants: Variant[] = [
  {
    providerName: "AWS",
    instanceName: "orders-aws",
    attachment: { cloudProviderEndpointId: "vpce-0123456789abcdef0" },
    otherAttachment: { cloudProviderEndpointId: "vpce-0fedcba9876543210" },
  },
  {
    providerName: "AZURE",
    instanceName: "orders-azure",
    attachment: {
      cloudProviderEndpointId:
        "/subscriptions/0f8fad5b-d9cb-469f-a165-70867728950e/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/orders-pe",
      privateEndpointIpAddress: "10.0.0.4",
    },
    otherAttachment: {
      cloudProviderEndpointId:
        "/subscriptions/0f8fad5b-d9cb-469f-a165-70867728950e/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/orders-pe-2",
      privateEndpointIpAddress: "10.0.0.5",
    },
  },
];

/** What the simulator answered to each request, for comparing whole sequences. */
function answers(entries: readonly RequestLogEntry[]) {
  return entries.map((entry) => ({ method: entry.method, operationId: entry.operationId, status: entry.status }));
}

function resourcesOfKind() {
  return sim.control.getResources({ kind, groupId: testGroupId });
}

function endpointInAtlas(id: string): Props {
  const view = sim.control.getResource(id);
  if (!view?.api) throw new Error(`endpoint ${id} is not in the simulator`);
  return view.api;
}

describe.each(variants)("a $providerName serverless private endpoint", (variant) => {
  const { providerName, instanceName } = variant;

  beforeEach(() => {
    sim.control.seedServerlessInstance({ groupId: testGroupId, name: instanceName, provider: providerName });
  });

  function raw(extra: Props = {}): Props {
    return {
      [`__provider`]: serializedProviderText,
      projectId: testGroupId,
      instanceName,
      providerName,
      poll: fastPoll,
      ...extra,
    };
  }

  function checked(extra: Props = {}): Promise<Props> {
    return checkedInputs(provider, raw(extra));
  }

  async function created(extra: Props = {}): Promise<{ id: string; outs: Props; inputs: Props }> {
    const { id, outs, news } = await createChecked(provider, raw(extra));
    return { id, outs, inputs: news };
  }

  function seedReservation(comment: string | undefined, settled = true): string {
    const view = sim.control.seedResource({
      kind,
      groupId: testGroupId,
      instanceName,
      body: comment === undefined ? {} : { comment },
      settled,
    });
    return view.id;
  }

  describe("create", () => {
    test("without a cloud endpoint reserves it and stops at RESERVED with the names to wire the cloud side", async () => {
      const since = requestLogMark(sim);
      const { id, outs } = await created({ comment: "orders" });

      expect(outs).toMatchObject({
        endpointId: id,
        status: "RESERVED",
        providerName,
        instanceName,
        projectId: testGroupId,
        comment: "orders",
      });
      expect(outs.endpointServiceName).toEqual(expect.any(String));
      if (providerName === "AWS") {
        expect(outs.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
        expect(outs).not.toHaveProperty("privateLinkServiceResourceId");
      } else {
        expect(outs.privateLinkServiceResourceId).toMatch(/\/providers\/Microsoft\.Network\/privateLinkServices\/pls_/);
      }
      expect(outs).not.toHaveProperty("cloudProviderEndpointId");
      // The engine's Struct conversion throws on undefined.
      expect(Object.values(outs).every((value) => value !== undefined && value !== null)).toBe(true);
      expect(answers(writesSince(sim, since))).toEqual([
        { method: "POST", operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint", status: 201 },
      ]);
      expect(sim.control.getResource(id)?.history.map((change) => change.status)).toEqual([
        "RESERVATION_REQUESTED",
        "RESERVED",
      ]);
    });

    test("with the cloud endpoint reserves, attaches it with one PATCH and waits until AVAILABLE", async () => {
      const since = requestLogMark(sim);
      const { id, outs } = await created({ ...variant.attachment });

      expect(outs).toMatchObject({ endpointId: id, status: "AVAILABLE", ...variant.attachment });
      expect(writesSince(sim, since).map((entry) => `${entry.method} ${entry.status}`)).toEqual([
        "POST 201",
        "PATCH 200",
      ]);
      expect(sim.control.getResource(id)?.history.map((change) => change.status)).toEqual([
        "RESERVATION_REQUESTED",
        "RESERVED",
        "INITIATING",
        "AVAILABLE",
      ]);
      expect(endpointInAtlas(id)).toMatchObject({ status: "AVAILABLE", ...variant.attachment });
    });

    test("with coalescing off, its waits read the endpoint with GETs instead of list calls", async () => {
      const since = requestLogMark(sim);
      await created({ ...variant.attachment, poll: { ...fastPoll, coalesce: false } });

      const reads = requestsSince(sim, since)
        .filter((entry) => entry.method === "GET" && entry.status !== 401)
        .map((entry) => entry.operationId);
      // One list for the natural key, then only GETs.
      expect(reads[0]).toBe("listGroupPrivateEndpointServerlessInstanceEndpoint");
      expect(reads.slice(1).length).toBeGreaterThan(0);
      expect(new Set(reads.slice(1))).toEqual(new Set(["getGroupPrivateEndpointServerlessInstanceEndpoint"]));
    });

    test("adopts a matching reservation with adoptExisting and attaches the cloud endpoint to it", async () => {
      const existing = seedReservation("orders");
      const since = requestLogMark(sim);

      const { id, outs } = await created({ comment: "orders", adoptExisting: true, ...variant.attachment });

      expect(id).toBe(existing);
      expect(outs).toMatchObject({ status: "AVAILABLE", ...variant.attachment });
      expect(writesSince(sim, since).map((entry) => entry.method)).toEqual(["PATCH"]);
    });

    test("adopts an endpoint already attached to the declared cloud endpoint without any write", async () => {
      const existing = seedReservation(undefined);
      sim.control.mutateResource(existing, variant.attachment as Record<string, string>);
      sim.control.forceState(existing, { status: "AVAILABLE" });
      const since = requestLogMark(sim);

      const { id, outs } = await created({ adoptExisting: true, ...variant.attachment });

      expect(id).toBe(existing);
      expect(outs).toMatchObject({ status: "AVAILABLE", ...variant.attachment });
      expect(writesSince(sim, since)).toEqual([]);
    });

    test("refuses a matching endpoint without adoptExisting, naming it and the option", async () => {
      const existing = seedReservation("orders");
      const since = requestLogMark(sim);

      const error = await provider.create(await checked({ comment: "orders" })).catch((e: Error) => e);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(existing);
      expect((error as Error).message).toContain("adoptExisting: true");
      expect((error as Error).message).toContain(instanceName);
      expect(error).not.toBeInstanceOf(ResourceInitError);
      expect(writesSince(sim, since)).toEqual([]);
    });

    test("refuses to guess when several reservations match, even with adoptExisting", async () => {
      const first = seedReservation("orders");
      const second = seedReservation("orders");
      const since = requestLogMark(sim);

      const error = (await provider
        .create(await checked({ comment: "orders", adoptExisting: true }))
        .catch((e: Error) => e)) as Error;

      expect(error.message).toContain(first);
      expect(error.message).toContain(second);
      expect(error.message).toMatch(/Refusing to guess/);
      expect(writesSince(sim, since)).toEqual([]);
    });

    test("a reservation with another comment is not this resource: a new one is reserved", async () => {
      const other = seedReservation("billing");
      const { id } = await created({ comment: "orders" });
      expect(id).not.toBe(other);
      expect(resourcesOfKind()).toHaveLength(2);
    });

    test("a POST that failed but that Atlas carried out is found by its comment, not duplicated", async () => {
      sim.control.addFault({
        kind: "error",
        status: 500,
        match: { operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint" },
      });
      // Atlas made the reservation although the answer was an error: do what it would have done.
      onResponse = (response) => {
        if (response.method === "POST" && response.status === 500) {
          onResponse = undefined;
          sim.control.seedResource({ kind, groupId: testGroupId, instanceName, body: { comment: "orders" } });
        }
      };

      const { id, outs } = await created({ comment: "orders", ...variant.attachment });

      expect(resourcesOfKind().map((view) => view.id)).toEqual([id]);
      expect(outs).toMatchObject({ status: "AVAILABLE" });
      expect(logger.lines.some((line) => line.includes("but Atlas made it"))).toBe(true);
    });

    test("a 409 answer to the POST looks again and applies the adopt rules to what it finds", async () => {
      sim.control.addFault({
        kind: "error",
        status: 409,
        match: { operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint" },
      });
      // Another creator reserved it meanwhile.
      let other: string | undefined;
      onResponse = (response) => {
        if (response.method === "POST" && response.status === 409) {
          onResponse = undefined;
          other = seedReservation("orders");
        }
      };

      const error = (await provider.create(await checked({ comment: "orders" })).catch((e: Error) => e)) as Error;

      expect(other).toBeDefined();
      expect(error.message).toContain(String(other));
      expect(error.message).toContain("adoptExisting: true");
      expect(error).not.toBeInstanceOf(ResourceInitError);
    });

    test("a POST that failed with nothing made is sent again, and reserves exactly one endpoint", async () => {
      sim.control.addFault({
        kind: "error",
        status: 503,
        match: { operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint" },
      });

      const { id } = await created({ comment: "orders" });

      expect(resourcesOfKind().map((view) => view.id)).toEqual([id]);
      expect(logger.lines.some((line) => line.includes("sending it again"))).toBe(true);
    });

    test("a POST that keeps failing with nothing made says so, and that a re-run is safe", async () => {
      sim.control.addFault({
        kind: "error",
        status: 503,
        count: 3,
        match: { operationId: "createGroupPrivateEndpointServerlessInstanceEndpoint" },
      });

      const error = (await provider.create(await checked({ comment: "orders" })).catch((e: Error) => e)) as Error;

      expect(error.message).toMatch(/failed 3 times .* nothing was left behind; run `pulumi up` again/);
      expect(error).not.toBeInstanceOf(ResourceInitError);
      expect(resourcesOfKind()).toEqual([]);
    });

    test("a reservation that ends FAILED is a partial failure keeping its id, outputs and __provider", async () => {
      sim.control.addFault({
        kind: "fail",
        errorMessage: "No capacity for a private endpoint.",
        match: { method: "POST" },
      });

      const error = await initErrorOf(provider.create(await checked({ comment: "orders" })));

      expect(error.id).toMatch(/^[a-f0-9]{24}$/);
      expect(error.properties).toMatchObject({
        __provider: serializedProviderText,
        endpointId: error.id,
        status: "FAILED",
        errorMessage: "No capacity for a private endpoint.",
      });
      expect(error.message).toContain("No capacity for a private endpoint.");
    });

    test("an attachment that ends FAILED is a partial failure, and the next update attaches again", async () => {
      sim.control.configure({ durations: { serverlessEndpoint: { initiating: 60_000 } } });
      const inputs = await checked({ ...variant.attachment });
      const creating = initErrorOf(provider.create(inputs));
      const [view] = await eventually(
        async () => resourcesOfKind(),
        (views) => views[0]?.status === "INITIATING",
      );
      sim.control.forceState(view!.id, { status: "FAILED", errorMessage: "The cloud endpoint was rejected." });

      const error = await creating;
      expect(error.id).toBe(view!.id);
      expect(error.properties).toMatchObject({
        __provider: serializedProviderText,
        status: "FAILED",
        ...variant.attachment,
      });

      // The engine keeps the resource with these outputs; diff sees the failure and update retries.
      sim.control.configure({ durations: { serverlessEndpoint: { initiating: 100 } } });
      expect(await provider.diff(error.id, error.properties, inputs)).toEqual({ changes: true });
      const since = requestLogMark(sim);
      const { outs } = await provider.update(error.id, error.properties, inputs);
      expect(outs).toMatchObject({ status: "AVAILABLE" });
      expect(writesSince(sim, since).map((entry) => entry.method)).toEqual(["PATCH"]);
    });

    test("a create that does not settle within timeouts.create is a partial failure", async () => {
      sim.control.configure({ durations: { serverlessEndpoint: { reservationRequested: 100_000 } } });

      const error = await initErrorOf(provider.create(await checked({ timeouts: { create: 0.4 } })));

      expect(error.message).toMatch(/timed out after .* last state RESERVATION_REQUESTED/);
      expect(error.properties).toMatchObject({ __provider: serializedProviderText, endpointId: error.id });
      expect(resourcesOfKind().map((view) => view.id)).toEqual([error.id]);
    });

    test("after a create that timed out, the engine's empty update goes on waiting and finishes it", async () => {
      sim.control.configure({ durations: { serverlessEndpoint: { reservationRequested: 100_000 } } });
      const inputs = await checked({ comment: "orders", timeouts: { create: 0.3 } });
      const error = await initErrorOf(provider.create(inputs));
      expect(error.properties).toMatchObject({ status: "RESERVATION_REQUESTED" });
      sim.control.forceState(error.id, { status: "RESERVED" });

      // Inputs unchanged: no diff, but the engine runs an update for a resource with init errors.
      expect(await provider.diff(error.id, error.properties, inputs)).toEqual({ changes: false });
      const since = requestLogMark(sim);
      const { outs } = await provider.update(error.id, error.properties, inputs);

      expect(outs).toMatchObject({ endpointId: error.id, status: "RESERVED", comment: "orders" });
      expect(writesSince(sim, since)).toEqual([]);
    });

    test("the wrong providerName for the instance fails clearly, and the reservation made meanwhile is deleted", async () => {
      const wrong: ProviderName = providerName === "AWS" ? "AZURE" : "AWS";
      const inputs = (await provider.check({}, raw({ providerName: wrong }))).inputs as Props;

      const error = (await provider.create(inputs).catch((e: Error) => e)) as Error;

      expect(error.message).toContain(`is an ${providerName} instance`);
      expect(error.message).toContain(`Set providerName to "${providerName}"`);
      expect(error.message).toMatch(/was deleted again/);
      await eventually(
        async () => resourcesOfKind(),
        (views) => views.every((view) => view.status === "DELETED"),
      );
    });

    test("a wrong-provider reservation that cannot be deleted again stays in the stack for destroy", async () => {
      const wrong: ProviderName = providerName === "AWS" ? "AZURE" : "AWS";
      const inputs = (await provider.check({}, raw({ providerName: wrong }))).inputs as Props;
      sim.control.addFault({
        kind: "error",
        status: 500,
        count: 1,
        match: { operationId: "deleteGroupPrivateEndpointServerlessInstanceEndpoint" },
      });

      const error = await initErrorOf(provider.create(inputs));

      expect(error.message).toContain(`Set providerName to "${providerName}"`);
      expect(error.message).toContain("`pulumi destroy` deletes it");
      expect(error.properties).toMatchObject({ __provider: serializedProviderText, endpointId: error.id });
      expect(resourcesOfKind().map((view) => view.id)).toEqual([error.id]);
      await provider.delete(error.id, error.properties);
      expect(sim.control.getResource(error.id)?.status).toBe("DELETED");
    });
  });

  describe("read", () => {
    test("reports out-of-band changes as drift, and the following update corrects them", async () => {
      const { id, outs, inputs } = await created({ comment: "orders", ...variant.attachment });
      sim.control.mutateResource(id, { comment: "changed by hand" });

      const read = await provider.read(id, outs);

      expect(read.id).toBe(id);
      expect(read.inputs).toMatchObject({
        comment: "changed by hand",
        ...variant.attachment,
        providerName,
        instanceName,
      });
      expect(read.inputs).not.toHaveProperty("endpointId");
      expect(read.props).toMatchObject({ comment: "changed by hand", status: "AVAILABLE" });

      const decision = await provider.diff(id, read.props as Props, inputs);
      expect(decision).toEqual({ changes: true });
      const since = requestLogMark(sim);
      const { outs: corrected } = await provider.update(id, read.props as Props, inputs);
      expect(corrected).toMatchObject({ comment: "orders", status: "AVAILABLE" });
      expect(endpointInAtlas(id)).toMatchObject({ comment: "orders", ...variant.attachment });
      expect(writesSince(sim, since).map((entry) => `${entry.method} ${entry.status}`)).toEqual(["PATCH 200"]);
    });

    test("returns no id after an out-of-band deletion, so a refresh drops it", async () => {
      const { id, outs } = await created();
      sim.control.deleteResource(id);
      expect(await provider.read(id, outs)).toEqual({});
    });

    test("reads a FAILED endpoint without throwing, with its status and error message", async () => {
      const { id, outs } = await created({ comment: "orders" });
      sim.control.forceState(id, { status: "FAILED", errorMessage: "Reservation lost." });

      const read = await provider.read(id, outs);

      expect(read.props).toMatchObject({ status: "FAILED", errorMessage: "Reservation lost.", endpointId: id });
    });
  });

  describe("update", () => {
    test("attaches a cloud endpoint to a reservation with one PATCH and waits until AVAILABLE", async () => {
      const { id, outs } = await created({ comment: "orders" });
      const news = await checked({ comment: "orders", ...variant.attachment });
      expect(await provider.diff(id, outs, news)).toEqual({ changes: true });

      const since = requestLogMark(sim);
      const { outs: updated } = await provider.update(id, outs, news);

      expect(updated).toMatchObject({ status: "AVAILABLE", endpointId: id, ...variant.attachment });
      expect(writesSince(sim, since).map((entry) => entry.method)).toEqual(["PATCH"]);
    });

    test("changes the comment of an AVAILABLE endpoint without sending its cloud endpoint again", async () => {
      const { id, outs } = await created({ comment: "orders", ...variant.attachment });
      const news = await checked({ comment: "orders, renamed", ...variant.attachment });

      const since = requestLogMark(sim);
      const { outs: updated } = await provider.update(id, outs, news);

      expect(updated).toMatchObject({ status: "AVAILABLE", comment: "orders, renamed", ...variant.attachment });
      expect(answers(writesSince(sim, since))).toEqual([
        { method: "PATCH", operationId: "updateGroupPrivateEndpointServerlessInstanceEndpoint", status: 200 },
      ]);
      expect(endpointInAtlas(id)).toMatchObject({ comment: "orders, renamed" });
    });

    test("removing the comment clears it in Atlas", async () => {
      const { id, outs } = await created({ comment: "orders" });
      const { outs: updated } = await provider.update(id, outs, await checked());
      expect(updated).not.toHaveProperty("comment");
      expect((await provider.read(id, updated as Props)).inputs).not.toHaveProperty("comment");
    });

    test("from a stale state does not send the cloud endpoint of an endpoint Atlas already has AVAILABLE (TF #2011)", async () => {
      const { id, outs } = await created({ comment: "orders" });
      const news = await checked({ comment: "orders", ...variant.attachment });
      // Attached meanwhile (e.g. by an update whose answer was lost): the stored outputs still say RESERVED.
      await provider.update(id, outs, news);
      const since = requestLogMark(sim);

      const { outs: updated } = await provider.update(id, outs, news);

      expect(updated).toMatchObject({ status: "AVAILABLE", ...variant.attachment });
      expect(writesSince(sim, since)).toEqual([]);
    });

    test("a PATCH Atlas refuses as TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID says what Atlas allows", async () => {
      const { id, outs } = await created({ comment: "orders" });
      sim.control.addFault({
        kind: "error",
        status: 400,
        errorCode: "TENANT_PRIVATE_ENDPOINT_PROVIDER_UPDATE_INVALID",
        match: { operationId: "updateGroupPrivateEndpointServerlessInstanceEndpoint" },
      });

      const error = (await provider
        .update(id, outs, await checked({ comment: "orders", ...variant.attachment }))
        .catch((e: Error) => e)) as Error;

      expect(error.message).toContain(id);
      expect(error.message).toMatch(/attaches a cloud endpoint .* once/);
      expect(error.message).toContain("pulumi up --replace");
      expect(error).not.toBeInstanceOf(ResourceInitError);
    });

    test("of timeouts, poll or adoptExisting alone makes no API call at all", async () => {
      const { id, outs } = await created({ comment: "orders", ...variant.attachment });
      const news = await checked({
        comment: "orders",
        ...variant.attachment,
        adoptExisting: true,
        timeouts: { create: "2h", delete: "30m" },
        poll: { intervalSeconds: 0.5, coalesce: false },
      });
      expect(await provider.diff(id, outs, news)).toEqual({ changes: true });

      const since = requestLogMark(sim);
      const { outs: updated } = await provider.update(id, outs, news);

      expect(requestsSince(sim, since)).toEqual([]);
      expect(updated).toMatchObject({
        endpointId: id,
        status: "AVAILABLE",
        adoptExisting: true,
        timeouts: { create: "2h", delete: "30m" },
        poll: { intervalSeconds: 0.5, coalesce: false },
      });
    });
  });

  describe("delete", () => {
    test("deletes the endpoint and waits until Atlas no longer has it", async () => {
      const { id, outs } = await created({ ...variant.attachment });
      const since = requestLogMark(sim);

      await provider.delete(id, outs);

      expect(sim.control.getResource(id)?.status).toBe("DELETED");
      expect(writesSince(sim, since).map((entry) => `${entry.method} ${entry.status}`)).toEqual(["DELETE 204"]);
    });

    test("counts a 404 at the start as done", async () => {
      const { id, outs } = await created();
      sim.control.deleteResource(id);
      const since = requestLogMark(sim);

      await expect(provider.delete(id, outs)).resolves.toBeUndefined();

      expect(answers(requestsSince(sim, since))).toEqual([
        { method: "DELETE", operationId: "deleteGroupPrivateEndpointServerlessInstanceEndpoint", status: 404 },
      ]);
    });

    test("refused with 409 says that it is in use and what to remove first", async () => {
      const { id, outs } = await created({ ...variant.attachment });
      sim.control.addFault({
        kind: "error",
        status: 409,
        errorCode: "TENANT_PRIVATE_ENDPOINT_IN_USE",
        match: { operationId: "deleteGroupPrivateEndpointServerlessInstanceEndpoint" },
      });

      const error = (await provider.delete(id, outs).catch((e: Error) => e)) as Error;

      expect(error.message).toContain(id);
      expect(error.message).toMatch(/in use \(HTTP 409 TENANT_PRIVATE_ENDPOINT_IN_USE/);
      expect(error.message).toContain(String(variant.attachment.cloudProviderEndpointId));
      expect(sim.control.getResource(id)?.status).toBe("AVAILABLE");
    });

    test("counts a 400 on the reads after an accepted DELETE as gone, as Terraform did", async () => {
      const { id, outs } = await created();
      sim.control.configure({ durations: { serverlessEndpoint: { deleting: 60_000 } } });
      sim.control.addFault({
        kind: "error",
        status: 400,
        errorCode: "INVALID_PARAMETER",
        count: 100,
        match: { operationId: "getGroupPrivateEndpointServerlessInstanceEndpoint" },
      });

      await expect(provider.delete(id, { ...outs, poll: { ...fastPoll, coalesce: false } })).resolves.toBeUndefined();
      expect(sim.control.getResource(id)?.status).toBe("DELETING");
    });
  });
});

describe("the sunset of serverless instances", () => {
  const instanceName = "legacy";
  const inputs = {
    __provider: serializedProviderText,
    projectId: testGroupId,
    instanceName,
    providerName: "AWS",
    poll: fastPoll,
  };
  const stored = { ...inputs, endpointId: "5f7cac1adf5d6c6306f4b283", status: "AVAILABLE" };

  function expectSunsetError(error: unknown, action: string): void {
    expect(error).toBeInstanceOf(Error);
    const { message, stack } = error as Error;
    expect(message).toContain(`could not be ${action}`);
    expect(message).toContain("sunset serverless instances on 2026-01-22");
    expect(message).toContain("dedicated cluster");
    expect(message).toContain("PrivateEndpointService");
    expect(message).not.toContain(sim.credentials.privateKey);
    // No stack trace for the host to print, just the message.
    expect(stack).not.toMatch(/\n\s+at /);
  }

  test("a 410 from the sunset API fails create, read and delete with a clear error, not a trace", async () => {
    sim.control.setServerlessSunset(true);

    expectSunsetError(await provider.create(inputs).catch((e: unknown) => e), "created");
    expectSunsetError(await provider.read(stored.endpointId, stored).catch((e: unknown) => e), "read");
    expectSunsetError(await provider.delete(stored.endpointId, stored).catch((e: unknown) => e), "deleted");
    expect(((await provider.create(inputs).catch((e: Error) => e)) as Error).message).toContain(
      "HTTP 410 VERSION_GONE",
    );
  });

  test("a 400 that says the API is deprecated is the same clear error", async () => {
    sim.control.addFault({
      kind: "error",
      status: 400,
      errorCode: "SERVERLESS_PRIVATE_ENDPOINT_DEPRECATED",
      match: { operationId: "listGroupPrivateEndpointServerlessInstanceEndpoint" },
    });
    expectSunsetError(await provider.create(inputs).catch((e: unknown) => e), "created");
  });

  test("a 400 that is not about the sunset stays Atlas's own error", async () => {
    sim.control.addFault({
      kind: "error",
      status: 400,
      errorCode: "INVALID_PARAMETER",
      match: { operationId: "listGroupPrivateEndpointServerlessInstanceEndpoint" },
    });
    const error = (await provider.create(inputs).catch((e: Error) => e)) as Error;
    expect(error.message).toContain("HTTP 400");
    expect(error.message).not.toContain("sunset");
  });

  test("is announced once per run, however many calls are made", async () => {
    await provider.check({}, inputs);
    const { id, outs } = await provider.create(inputs);
    await provider.read(id, outs as Props);
    await provider.delete(id, outs as Props);

    const warnings = logger.lines.filter(
      (line) => line.startsWith("warn:") && line.includes("sunset serverless instances on 2026-01-22"),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("PrivateEndpointService");
  });
});

describe("state without what Atlas needs", () => {
  test("fails read and delete with the one message that names `pulumi state delete`, without calling Atlas", async () => {
    const stored = {
      __provider: serializedProviderText,
      projectId: testGroupId,
      providerName: "AWS",
      status: "RESERVED",
    };
    const since = requestLogMark(sim);

    for (const call of [
      provider.read("5f7cac1adf5d6c6306f4b283", stored),
      provider.delete("5f7cac1adf5d6c6306f4b283", stored),
    ]) {
      const error = (await call.catch((e: Error) => e)) as Error;
      expect(error.message).toContain("serverless private endpoint 5f7cac1adf5d6c6306f4b283");
      expect(error.message).toContain("pulumi state delete");
    }
    expect(requestsSince(sim, since)).toEqual([]);
  });
});

describe("diff", () => {
  const aws = {
    projectId: testGroupId,
    instanceName: "orders",
    providerName: "AWS",
    comment: "orders",
    poll: fastPoll,
  };
  const awsAttached = { ...aws, cloudProviderEndpointId: "vpce-0123456789abcdef0" };
  const azureAttached = {
    ...aws,
    providerName: "AZURE",
    cloudProviderEndpointId:
      "/subscriptions/0f8fad5b-d9cb-469f-a165-70867728950e/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/orders-pe",
    privateEndpointIpAddress: "10.0.0.4",
  };
  const outputs = (inputs: Props, status: string) => ({
    ...inputs,
    __provider: serializedProviderText,
    endpointId: "5f7cac1adf5d6c6306f4b283",
    status,
    endpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  });
  const id = "5f7cac1adf5d6c6306f4b283";

  test.each<[string, Props, Props, unknown]>([
    ["unchanged inputs are no change", outputs(awsAttached, "AVAILABLE"), awsAttached, { changes: false }],
    [
      "a changed __provider alone is no change",
      outputs(awsAttached, "AVAILABLE"),
      { ...awsAttached, __provider: "exports.handler = /* another version */ undefined;" },
      { changes: false },
    ],
    [
      "a new comment is an update",
      outputs(awsAttached, "AVAILABLE"),
      { ...awsAttached, comment: "renamed" },
      { changes: true },
    ],
    [
      "an unknown comment is an update",
      outputs(awsAttached, "AVAILABLE"),
      { ...awsAttached, comment: unknownValue },
      { changes: true },
    ],
    [
      "new poll settings are an update",
      outputs(aws, "RESERVED"),
      { ...aws, poll: { intervalSeconds: 1 } },
      { changes: true },
    ],
    [
      "attaching a cloud endpoint to a reservation is an update",
      outputs(aws, "RESERVED"),
      awsAttached,
      { changes: true },
    ],
    [
      "an unknown cloud endpoint for a reservation is an update",
      outputs(aws, "RESERVED"),
      { ...aws, cloudProviderEndpointId: unknownValue },
      { changes: true },
    ],
    [
      "another project replaces",
      outputs(aws, "RESERVED"),
      { ...aws, projectId: "6f7cac1adf5d6c6306f4b283" },
      { changes: true, replaces: ["projectId"], deleteBeforeReplace: false },
    ],
    [
      "an unknown instance name replaces",
      outputs(aws, "RESERVED"),
      { ...aws, instanceName: unknownValue },
      { changes: true, replaces: ["instanceName"], deleteBeforeReplace: false },
    ],
    [
      "another provider replaces",
      outputs(aws, "RESERVED"),
      { ...aws, providerName: "AZURE" },
      { changes: true, replaces: ["providerName"], deleteBeforeReplace: false },
    ],
    [
      "another cloud endpoint for an attached endpoint replaces, creating the new one first",
      outputs(awsAttached, "AVAILABLE"),
      { ...awsAttached, cloudProviderEndpointId: "vpce-0fedcba9876543210" },
      { changes: true, replaces: ["cloudProviderEndpointId"], deleteBeforeReplace: false },
    ],
    [
      "an unknown cloud endpoint for an attached endpoint replaces",
      outputs(awsAttached, "AVAILABLE"),
      { ...awsAttached, cloudProviderEndpointId: unknownValue },
      { changes: true, replaces: ["cloudProviderEndpointId"], deleteBeforeReplace: false },
    ],
    [
      "removing the cloud endpoint of an attached endpoint replaces",
      outputs(awsAttached, "AVAILABLE"),
      aws,
      { changes: true, replaces: ["cloudProviderEndpointId"], deleteBeforeReplace: false },
    ],
    [
      "another IP address for an attached Azure endpoint replaces, deleting the old one first",
      outputs(azureAttached, "AVAILABLE"),
      { ...azureAttached, privateEndpointIpAddress: "10.0.0.9" },
      { changes: true, replaces: ["privateEndpointIpAddress"], deleteBeforeReplace: true },
    ],
    [
      "an Azure id that differs only in letter case is no change",
      outputs(azureAttached, "AVAILABLE"),
      {
        ...azureAttached,
        cloudProviderEndpointId: String(azureAttached.cloudProviderEndpointId).replace("network-rg", "Network-RG"),
      },
      { changes: false },
    ],
    [
      "a FAILED attachment with the cloud endpoint still declared is an update (a retry)",
      outputs(awsAttached, "FAILED"),
      awsAttached,
      { changes: true },
    ],
    [
      "a FAILED reservation replaces",
      outputs(aws, "FAILED"),
      aws,
      { changes: true, replaces: ["status"], deleteBeforeReplace: false },
    ],
  ])("%s", async (_name, olds, news, expected) => {
    const withProvider = { __provider: serializedProviderText, ...news };
    expect(await provider.diff(id, olds, withProvider)).toEqual(expected);
  });
});

describe("check during preview", () => {
  test("passes unknown values through without failures or API calls", async () => {
    const since = requestLogMark(sim);
    const news = {
      __provider: serializedProviderText,
      projectId: unknownValue,
      instanceName: unknownValue,
      providerName: "AZURE",
      cloudProviderEndpointId: unknownValue,
      privateEndpointIpAddress: unknownValue,
      comment: "orders",
    };

    const result = await provider.check({}, news);

    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual(news);
    expect(requestsSince(sim, since)).toEqual([]);
  });

  test("still reports the known values that are wrong", async () => {
    const result = await provider.check(
      {},
      {
        __provider: serializedProviderText,
        projectId: unknownValue,
        instanceName: "orders",
        providerName: "AWS",
        cloudProviderEndpointId: "vpce-short",
      },
    );
    expect(result.failures?.map((failure) => failure.property)).toEqual(["cloudProviderEndpointId"]);
  });
});

// Compile-time: a provider-specific field on the wrong provider fails to compile (checked by `npm run typecheck`).
export const typeChecks: ServerlessPrivateEndpointArgs[] = [
  {
    projectId: testGroupId,
    instanceName: "orders",
    providerName: "AZURE",
    privateEndpointIpAddress: "10.0.0.4",
    cloudProviderEndpointId: "x",
  },
  // @ts-expect-error privateEndpointIpAddress is Azure-only
  { projectId: testGroupId, instanceName: "orders", providerName: "AWS", privateEndpointIpAddress: "10.0.0.4" },
];
