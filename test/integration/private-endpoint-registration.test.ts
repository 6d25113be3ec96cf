/**
 * PrivateEndpointRegistration against the simulator over real HTTP, called through the serialized provider
 * shim the way the Pulumi engine calls it (check → diff → create/read/update/delete), and the two Atlas
 * behaviours it is built around (docs/simulator.md, "Private endpoint registrations and the regional mode"): a service goes with its last AWS endpoint, and a
 * service is never deleted while endpoints remain.
 */
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { ResourceInitError } from "../../provider/resources/shared/partial-failure";
import { unknownValue } from "../../provider/resources/shared/unknowns";
import {
  callsOf,
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
import { testGroupId, type RunningSimulator } from "../support/simulator";

const shim = new AtlasDynamicProvider("privateEndpointRegistration");
const serviceShim = new AtlasDynamicProvider("privateEndpointService");

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

const vpce = "vpce-0123456789abcdef0";
const azureId =
  "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/network/providers/Microsoft.Network/privateEndpoints/atlas";

interface Variant {
  provider: "AWS" | "AZURE" | "GCP";
  serviceBody: Props;
  /** The provider's own inputs (without project, service and poll). */
  own: Props;
  /** The POST body that registers the same endpoint (for seeds). */
  seedBody: Props;
  /** The resource id Atlas gives it. */
  endpointId: string;
  /** The cloud id the control API marks missing. */
  missingId: string;
  failedStatus: string;
  failedMessage: RegExp;
  /** Outputs only this provider has. */
  extraOutputs: Props;
}

const variants: Variant[] = [
  {
    provider: "AWS",
    serviceBody: { providerName: "AWS", region: "US_EAST_1" },
    own: { providerName: "AWS", vpcEndpointId: vpce },
    seedBody: { id: vpce },
    endpointId: vpce,
    missingId: vpce,
    failedStatus: "REJECTED",
    failedMessage: /Interface endpoint vpce-0123456789abcdef0 was not found\./,
    extraOutputs: {},
  },
  {
    provider: "AZURE",
    serviceBody: { providerName: "AZURE", region: "US_EAST_2" },
    own: { providerName: "AZURE", privateEndpointResourceId: azureId, privateEndpointIpAddress: "10.0.0.4" },
    seedBody: { id: azureId, privateEndpointIPAddress: "10.0.0.4" },
    endpointId: azureId,
    missingId: azureId,
    failedStatus: "FAILED",
    failedMessage: /was not found/,
    extraOutputs: { privateEndpointConnectionName: expect.stringContaining("%2Fnetwork%2Fatlas") },
  },
  {
    provider: "GCP",
    serviceBody: { providerName: "GCP", region: "CENTRAL_US", portMappingEnabled: true },
    own: {
      providerName: "GCP",
      gcpProjectId: "my-network-project",
      endpoints: [{ endpointName: "atlas-psc", ipAddress: "10.0.42.1" }],
    },
    seedBody: {
      gcpProjectId: "my-network-project",
      endpointGroupName: "atlas-psc",
      endpoints: [{ endpointName: "atlas-psc", ipAddress: "10.0.42.1" }],
    },
    endpointId: "atlas-psc",
    missingId: "atlas-psc",
    failedStatus: "FAILED",
    failedMessage: /atlas-psc/,
    extraOutputs: {
      portMappingEnabled: true,
      endpointStatuses: [{ endpointName: "atlas-psc", ipAddress: "10.0.42.1", status: "AVAILABLE" }],
    },
  },
];

function seedService(body: Props): string {
  return sim.control.seedResource({ kind: "private-endpoint-service", groupId: testGroupId, body, settled: true }).id;
}

function seedRegistration(endpointServiceId: string, body: Props, settled = true) {
  return sim.control.seedResource({
    kind: "private-endpoint-registration",
    groupId: testGroupId,
    endpointServiceId,
    body,
    settled,
  } as Parameters<typeof sim.control.seedResource>[0]);
}

function inputsFor(variant: Variant, endpointServiceId: string, extra: Props = {}): Props {
  return { projectId: testGroupId, endpointServiceId, ...variant.own, poll: fastPoll, ...extra };
}

/** The simulator's record of the registration with this endpoint id. */
function registrationRecord(endpointId: string) {
  return sim.control
    .getResources({ groupId: testGroupId, includeDeleted: false })
    .find((r) => r.kind === "private-endpoint-registration" && JSON.stringify(r.api).includes(endpointId));
}

describe.each(variants)("a $provider registration", (variant) => {
  test("is created, waited for until AVAILABLE, and keyed by the id Atlas knows it by", async () => {
    const serviceId = seedService(variant.serviceBody);
    const mark = requestLogMark(sim);

    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));

    expect(id).toBe(variant.endpointId);
    expect(outs).toMatchObject({
      endpointId: variant.endpointId,
      status: "AVAILABLE",
      errorMessage: null,
      deleteRequested: false,
      endpointServiceId: serviceId,
      ...variant.extraOutputs,
    });
    expect(outs).not.toHaveProperty("__provider");
    expect(callsOf(sim, mark, "createGroupPrivateEndpointEndpointServiceEndpoint")).toHaveLength(1);
  });

  test("is refused, naming the registration and adoptExisting, when the endpoint is already registered", async () => {
    const serviceId = seedService(variant.serviceBody);
    seedRegistration(serviceId, variant.seedBody);
    const mark = requestLogMark(sim);

    const error = await rejectionOf(shim.create(await checkedInputs(shim, inputsFor(variant, serviceId))));

    expect(error.message).toContain(variant.endpointId);
    expect(error.message).toContain(serviceId);
    expect(error.message).toContain("adoptExisting");
    expect(error).not.toBeInstanceOf(ResourceInitError);
    expect(writesSince(sim, mark)).toEqual([]);
  });

  test("is adopted with adoptExisting: true, after it settles, without a POST", async () => {
    const serviceId = seedService(variant.serviceBody);
    seedRegistration(serviceId, variant.seedBody, false);
    const mark = requestLogMark(sim);

    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId, { adoptExisting: true }));

    expect(id).toBe(variant.endpointId);
    expect(outs).toMatchObject({ status: "AVAILABLE", adoptExisting: true });
    expect(writesSince(sim, mark)).toEqual([]);
  });

  test("whose cloud endpoint is missing ends failed and stays in state with Atlas's message", async () => {
    const serviceId = seedService(variant.serviceBody);
    sim.control.setCloudEndpointMissing(variant.missingId);

    const failure = await initErrorOf(shim.create(await checkedInputs(shim, inputsFor(variant, serviceId))));

    expect(failure.id).toBe(variant.endpointId);
    expect(failure.properties).toMatchObject({
      __provider: serializedProviderText,
      endpointId: variant.endpointId,
      status: variant.failedStatus,
    });
    expect(String(failure.properties.errorMessage)).toMatch(variant.failedMessage);
    expect(failure.message).toMatch(variant.failedMessage);
    expect(failure.message).toContain("pulumi destroy");
  });

  test("that outlasts timeouts.create stays in state with its id and last status", async () => {
    const serviceId = seedService(variant.serviceBody);
    sim.control.configure({
      durations: {
        endpointRegistration: { awsPendingAcceptance: 100_000, azureInitiating: 100_000, gcpInitiating: 100_000 },
      },
    });

    const failure = await initErrorOf(
      shim.create(await checkedInputs(shim, inputsFor(variant, serviceId, { timeouts: { create: 0.4 } }))),
    );

    expect(failure.id).toBe(variant.endpointId);
    expect(failure.properties).toMatchObject({ endpointId: variant.endpointId, __provider: serializedProviderText });
    expect(["PENDING_ACCEPTANCE", "INITIATING"]).toContain(failure.properties.status);
    expect(failure.message).toContain("timeouts.create");
  });

  test("that failed later is read with its status and message, and diff plans its replacement delete-first", async () => {
    const serviceId = seedService(variant.serviceBody);
    const { id, news, outs } = await createChecked(shim, inputsFor(variant, serviceId));
    sim.control.setCloudEndpointMissing(variant.missingId);

    const read = await shim.read(id, outs);

    expect(read.props).toMatchObject({ status: variant.failedStatus });
    expect(String((read.props as Props).errorMessage)).toMatch(variant.failedMessage);
    // Same endpoint id in the same service: Atlas would refuse the duplicate, so the old one must go first.
    expect(await shim.diff(id, read.props as Props, news)).toEqual({
      changes: true,
      replaces: ["status"],
      deleteBeforeReplace: true,
    });
  });

  test("read after an out-of-band deletion returns no id, so a refresh drops it", async () => {
    const serviceId = seedService(variant.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));
    sim.control.deleteResource(registrationRecord(variant.endpointId)!.id);

    expect((await shim.read(id, outs)).id).toBeUndefined();
  });

  test("update of only adoptExisting, timeouts and poll is stored without any Atlas call", async () => {
    const serviceId = seedService(variant.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));
    const news = await checkedInputs(
      shim,
      inputsFor(variant, serviceId, { adoptExisting: true, timeouts: { delete: "2h" } }),
    );
    expect(await shim.diff(id, outs, news)).toEqual({ changes: true });
    const mark = requestLogMark(sim);

    const updated = await shim.update(id, outs, news);

    expect(callsOf(sim, mark, "getGroupPrivateEndpointEndpointServiceEndpoint")).toEqual([]);
    expect(writesSince(sim, mark)).toEqual([]);
    expect(updated.outs).toMatchObject({ adoptExisting: true, status: "AVAILABLE", endpointId: variant.endpointId });
  });

  test("delete already requested (DELETING) is waited out without a second DELETE", async () => {
    const serviceId = seedService(variant.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));
    sim.control.forceState(registrationRecord(variant.endpointId)!.id, { status: "DELETING" });
    sim.control.configure({ durations: { endpointRegistration: { deleting: 100 } } });
    const mark = requestLogMark(sim);

    const deleting = shim.delete(id, outs);
    setTimeout(() => sim.control.deleteResource(registrationRecord(variant.endpointId)!.id), 150);
    await deleting;

    expect(callsOf(sim, mark, "deleteGroupPrivateEndpointEndpointServiceEndpoint")).toEqual([]);
    expect(logger.lines.some((line) => line.includes("deleting it already"))).toBe(true);
  });
});

describe("delete", () => {
  test("of an Azure registration waits until Atlas answers 404, and the Azure service stays", async () => {
    const variant = variants[1]!;
    const serviceId = seedService(variant.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));
    const mark = requestLogMark(sim);

    await shim.delete(id, outs);

    expect(callsOf(sim, mark, "deleteGroupPrivateEndpointEndpointServiceEndpoint")).toHaveLength(1);
    expect(registrationRecord(variant.endpointId)).toBeUndefined();
    expect(sim.control.getResource(serviceId)?.status).toBe("AVAILABLE");
  });

  test("of the last endpoint of an AWS service warns, naming the service Atlas removes with it", async () => {
    const variant = variants[0]!;
    const serviceId = seedService(variant.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));

    await shim.delete(id, outs);

    const warning = logger.lines.find((line) => line.includes("last endpoint registered"));
    expect(warning).toContain(serviceId);
    expect(warning).toContain("removes the service");
  });

  test("of one of two endpoints of an AWS service does not warn", async () => {
    const variant = variants[0]!;
    const serviceId = seedService(variant.serviceBody);
    seedRegistration(serviceId, { id: "vpce-0fedcba9876543210" });
    const { id, outs } = await createChecked(shim, inputsFor(variant, serviceId));

    await shim.delete(id, outs);

    expect(logger.lines.some((line) => line.includes("last endpoint registered"))).toBe(false);
    expect(sim.control.getResource(serviceId)?.status).toBe("AVAILABLE");
  });
});

describe("destroying a whole chain", () => {
  test("registration then service: the AWS service gone with its last endpoint counts as deleted, logged", async () => {
    const service = await createChecked(serviceShim, {
      projectId: testGroupId,
      providerName: "AWS",
      region: "US_EAST_1",
      poll: fastPoll,
    });
    const registration = await createChecked(shim, inputsFor(variants[0]!, service.id));

    await shim.delete(registration.id, registration.outs);
    await serviceShim.delete(service.id, service.outs);

    expect(sim.control.getResource(service.id)?.status).toBe("DELETED");
    expect(logger.lines.some((line) => line.includes(service.id) && /gone/.test(line))).toBe(true);
  });

  test("an Azure service is deleted once its registration is gone", async () => {
    const service = await createChecked(serviceShim, {
      projectId: testGroupId,
      providerName: "AZURE",
      region: "US_EAST_2",
      poll: fastPoll,
    });
    const registration = await createChecked(shim, inputsFor(variants[1]!, service.id));
    const mark = requestLogMark(sim);

    await shim.delete(registration.id, registration.outs);
    await serviceShim.delete(service.id, service.outs);

    expect(callsOf(sim, mark, "deleteGroupPrivateEndpointEndpointService").map((c) => c.status)).toEqual([202]);
    expect(sim.control.getResource(service.id)?.status).toBe("DELETED");
  });

  test("a service with a registration made outside the stack is not deleted: the delete names it", async () => {
    const service = await createChecked(serviceShim, {
      projectId: testGroupId,
      providerName: "AZURE",
      region: "US_EAST_2",
      poll: fastPoll,
    });
    seedRegistration(service.id, variants[1]!.seedBody);
    const mark = requestLogMark(sim);

    const error = await rejectionOf(serviceShim.delete(service.id, service.outs));

    expect(error.message).toContain(azureId);
    expect(error.message).toContain("registered outside");
    expect(callsOf(sim, mark, "deleteGroupPrivateEndpointEndpointService")).toEqual([]);
    expect(sim.control.getResource(service.id)?.status).toBe("AVAILABLE");
  });

  test("a service whose registration is still being deleted waits for it, then is deleted", async () => {
    const service = await createChecked(serviceShim, {
      projectId: testGroupId,
      providerName: "AZURE",
      region: "US_EAST_2",
      poll: fastPoll,
    });
    const registration = await createChecked(shim, inputsFor(variants[1]!, service.id));
    // A registration's delete that returned without waiting (Terraform's delete-on-timeout, PR #4128).
    await new DigestlessDelete().send(registration.id, service.id);
    const mark = requestLogMark(sim);

    await serviceShim.delete(service.id, service.outs);

    expect(callsOf(sim, mark, "deleteGroupPrivateEndpointEndpointService").map((c) => c.status)).toEqual([202]);
    expect(logger.lines.some((line) => line.includes("waiting for Atlas to finish removing"))).toBe(true);
  });
});

/** Starts a registration's deletion as another tool would: the record goes DELETING, nobody waits. */
class DigestlessDelete {
  async send(endpointId: string, _serviceId: string): Promise<void> {
    const record = registrationRecord(endpointId)!;
    sim.control.configure({ durations: { endpointRegistration: { deleting: 300 } } });
    sim.control.forceState(record.id, { status: "DELETING" });
    setTimeout(() => sim.control.deleteResource(record.id), 300);
  }
}

describe("replacement", () => {
  test("with another cloud endpoint is made before the old one goes (the service keeps an endpoint)", async () => {
    const serviceId = seedService(variants[0]!.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variants[0]!, serviceId));
    const news = await checkedInputs(
      shim,
      inputsFor(variants[0]!, serviceId, { vpcEndpointId: "vpce-0fedcba9876543210" }),
    );

    expect(await shim.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: ["vpcEndpointId"],
      deleteBeforeReplace: false,
    });
  });

  test("to another service is made before the old one goes", async () => {
    const serviceId = seedService(variants[1]!.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variants[1]!, serviceId));
    const news = await checkedInputs(shim, inputsFor(variants[1]!, "65a1b2c3d4e5f60718293a4b"));

    expect((await shim.diff(id, outs, news)).deleteBeforeReplace).toBe(false);
  });

  test("of the same Azure endpoint with another IP address deletes the old one first (no duplicate)", async () => {
    const serviceId = seedService(variants[1]!.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variants[1]!, serviceId));
    const news = await checkedInputs(
      shim,
      inputsFor(variants[1]!, serviceId, { privateEndpointIpAddress: "10.0.0.5" }),
    );

    expect(await shim.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: ["privateEndpointIpAddress"],
      deleteBeforeReplace: true,
    });
    await shim.delete(id, outs);
    const created = await shim.create(news);
    expect(created.outs).toMatchObject({ privateEndpointIpAddress: "10.0.0.5", status: "AVAILABLE" });
  });

  test("while a value is unknown (preview) keeps Pulumi's create-first order", async () => {
    const serviceId = seedService(variants[0]!.serviceBody);
    const { id, outs } = await createChecked(shim, inputsFor(variants[0]!, serviceId));

    const diff = await shim.diff(id, outs, { ...inputsFor(variants[0]!, serviceId), vpcEndpointId: unknownValue });

    expect(diff).toMatchObject({ replaces: ["vpcEndpointId"], deleteBeforeReplace: false });
  });

  test("delete-first of the last endpoint of an AWS service is refused before anything is deleted", async () => {
    const serviceId = seedService(variants[0]!.serviceBody);
    const { id, news, outs } = await createChecked(shim, inputsFor(variants[0]!, serviceId));
    sim.control.setCloudEndpointMissing(vpce);
    const read = await shim.read(id, outs);
    expect((await shim.diff(id, read.props as Props, news)).deleteBeforeReplace).toBe(true);
    const mark = requestLogMark(sim);

    const error = await rejectionOf(shim.delete(id, read.props as Props));

    expect(error.message).toContain("last endpoint");
    expect(error.message).toContain(serviceId);
    expect(error.message).toContain("Register another endpoint with the service first");
    expect(writesSince(sim, mark)).toEqual([]);
    expect(sim.control.getResource(serviceId)?.status).toBe("AVAILABLE");
  });
});

describe("drift", () => {
  test("an Azure IP address changed outside Pulumi shows in read, and diff plans a replacement", async () => {
    const serviceId = seedService(variants[1]!.serviceBody);
    const { id, news, outs } = await createChecked(shim, inputsFor(variants[1]!, serviceId));
    sim.control.mutateResource(registrationRecord(azureId)!.id, { privateEndpointIPAddress: "10.0.0.9" });

    const read = await shim.read(id, outs);

    expect(read.inputs).toMatchObject({ privateEndpointIpAddress: "10.0.0.9", privateEndpointResourceId: azureId });
    expect(read.inputs).not.toHaveProperty("__provider");
    expect(await shim.diff(id, read.props as Props, news)).toMatchObject({ replaces: ["privateEndpointIpAddress"] });
  });

  test("read without drift gives back the inputs as stored, so the next diff sees no change", async () => {
    for (const variant of variants) {
      sim.control.reset();
      const serviceId = seedService(variant.serviceBody);
      const { id, news, outs } = await createChecked(shim, inputsFor(variant, serviceId));
      const read = await shim.read(id, outs);
      expect(await shim.diff(id, read.props as Props, news)).toEqual({ changes: false });
    }
  });
});

describe("GCP endpoint count", () => {
  test("a service without port mapping needs one forwarding rule per attachment: checked before any write", async () => {
    const serviceId = seedService({ providerName: "GCP", region: "CENTRAL_US" });
    const mark = requestLogMark(sim);

    const error = await rejectionOf(
      shim.create(
        await checkedInputs(shim, {
          projectId: testGroupId,
          endpointServiceId: serviceId,
          providerName: "GCP",
          gcpProjectId: "my-network-project",
          endpointGroupName: "my-network",
          endpoints: [
            { endpointName: "atlas-0", ipAddress: "10.0.42.0" },
            { endpointName: "atlas-1", ipAddress: "10.0.42.1" },
          ],
          poll: fastPoll,
        }),
      ),
    );

    expect(error.message).toContain("endpoints lists 2 forwarding rules");
    expect(error.message).toContain("needs 50");
    expect(writesSince(sim, mark)).toEqual([]);
  });

  test("50 forwarding rules for the 50 attachments register as one group, each rule with its status", async () => {
    const serviceId = seedService({ providerName: "GCP", region: "CENTRAL_US" });
    const endpoints = Array.from({ length: 50 }, (_, i) => ({ endpointName: `atlas-${i}`, ipAddress: `10.0.42.${i}` }));

    const { id, outs } = await createChecked(shim, {
      projectId: testGroupId,
      endpointServiceId: serviceId,
      providerName: "GCP",
      gcpProjectId: "my-network-project",
      endpointGroupName: "my-network",
      endpoints,
      poll: fastPoll,
    });

    expect(id).toBe("my-network");
    expect(outs).toMatchObject({ status: "AVAILABLE", portMappingEnabled: false });
    expect(outs.endpointStatuses).toHaveLength(50);
  });

  test("a service of another provider (or none) is named in the message", async () => {
    const error = await rejectionOf(
      shim.create(await checkedInputs(shim, inputsFor(variants[0]!, "65a1b2c3d4e5f60718293a4b"))),
    );
    expect(error.message).toContain("65a1b2c3d4e5f60718293a4b");
    expect(error.message).toContain("does not exist");
  });
});
