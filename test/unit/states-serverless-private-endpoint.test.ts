import type { ServerlessAzureTenantEndpoint, ServerlessTenantEndpoint } from "../../provider/client/wire";
import {
  classifyServerlessEndpoint,
  serverlessEndpointStatuses,
  serverlessEndpointWaitTargets,
  type ServerlessEndpointStatus,
} from "../../provider/resources/serverless-private-endpoint/states";

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

test("the status list is exactly the spec's enum", () => {
  const sameAsSpec: Equal<ServerlessEndpointStatus, NonNullable<ServerlessTenantEndpoint["status"]>> = true;
  expect(sameAsSpec).toBe(true);
  expect(serverlessEndpointStatuses).toHaveLength(6);
});

test.each([
  ["RESERVATION_REQUESTED", "transitional"],
  ["INITIATING", "transitional"],
  ["DELETING", "transitional"],
  ["RESERVED", "settled"],
  ["AVAILABLE", "settled"],
  ["FAILED", "failed"],
] as const)("a reservation wait reads %s as %s", (status, phase) => {
  expect(classifyServerlessEndpoint({ status }).phase).toBe(phase);
});

test("the wait after attaching the cloud endpoint does not stop at a stale RESERVED", () => {
  expect(classifyServerlessEndpoint({ status: "RESERVED" }, { waitFor: "available" }).phase).toBe("transitional");
  expect(classifyServerlessEndpoint({ status: "AVAILABLE" }, { waitFor: "available" }).phase).toBe("settled");
  expect(serverlessEndpointWaitTargets).toEqual({ settled: ["RESERVED", "AVAILABLE"], available: ["AVAILABLE"] });
});

test("FAILED carries Atlas's errorMessage", () => {
  const endpoint: ServerlessAzureTenantEndpoint = {
    _id: "5f7cac1adf5d6c6306f4b283",
    providerName: "AZURE",
    status: "FAILED",
    errorMessage: "The private endpoint was not found in the subscription",
  };
  expect(classifyServerlessEndpoint(endpoint)).toEqual({
    state: "FAILED",
    phase: "failed",
    errorMessage: "The private endpoint was not found in the subscription",
  });
});

test("a state Atlas added later is transitional and flagged", () => {
  expect(classifyServerlessEndpoint({ status: "RESERVATION_EXPIRED" })).toEqual({
    state: "RESERVATION_EXPIRED",
    phase: "transitional",
    unknownState: true,
  });
});
