import type { AWSPrivateLinkConnection, EndpointService } from "../../provider/client/wire";
import {
  classifyEndpointService,
  endpointServiceStatuses,
  endpointServiceWaitTargets,
  type EndpointServiceStatus,
} from "../../provider/resources/private-endpoint-service/states";

// True only when both types are the same: a spec regeneration that adds a status breaks the typecheck here.
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

test("the status list is exactly the spec's enum", () => {
  const sameAsSpec: Equal<EndpointServiceStatus, NonNullable<EndpointService["status"]>> = true;
  expect(sameAsSpec).toBe(true);
  expect([...endpointServiceStatuses].sort()).toEqual([
    "AVAILABLE",
    "DELETING",
    "FAILED",
    "INITIATING",
    "WAITING_FOR_USER",
  ]);
});

test.each([
  ["INITIATING", "transitional"],
  ["DELETING", "transitional"],
  ["WAITING_FOR_USER", "settled"],
  ["AVAILABLE", "settled"],
  ["FAILED", "failed"],
] as const)("a create wait reads %s as %s", (status, phase) => {
  expect(classifyEndpointService({ status }).phase).toBe(phase);
});

test("an available wait keeps waiting through WAITING_FOR_USER", () => {
  expect(classifyEndpointService({ status: "WAITING_FOR_USER" }, { waitFor: "available" })).toEqual({
    state: "WAITING_FOR_USER",
    phase: "transitional",
  });
  expect(classifyEndpointService({ status: "AVAILABLE" }, { waitFor: "available" }).phase).toBe("settled");
  expect(endpointServiceWaitTargets).toEqual({ settled: ["WAITING_FOR_USER", "AVAILABLE"], available: ["AVAILABLE"] });
});

test("FAILED carries Atlas's errorMessage", () => {
  const service: AWSPrivateLinkConnection = {
    cloudProvider: "AWS",
    id: "5f7cac1adf5d6c6306f4b283",
    regionName: "US_EAST_1",
    status: "FAILED",
    errorMessage: "Unable to create the VPC endpoint service",
    interfaceEndpoints: [],
  };
  expect(classifyEndpointService(service)).toEqual({
    state: "FAILED",
    phase: "failed",
    errorMessage: "Unable to create the VPC endpoint service",
  });
  expect(classifyEndpointService({ status: "FAILED", errorMessage: null })).toEqual({
    state: "FAILED",
    phase: "failed",
  });
});

test("a state Atlas added later is transitional and flagged, and so is a missing one", () => {
  expect(classifyEndpointService({ status: "PAUSED" })).toEqual({
    state: "PAUSED",
    phase: "transitional",
    unknownState: true,
  });
  expect(classifyEndpointService({ status: "constructor" })).toMatchObject({
    phase: "transitional",
    unknownState: true,
  });
  expect(classifyEndpointService({ status: null })).toEqual({
    state: "(no state)",
    phase: "transitional",
    unknownState: true,
  });
});
