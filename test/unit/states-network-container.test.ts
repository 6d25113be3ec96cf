import type { GCPCloudProviderContainerResponse } from "../../provider/client/wire";
import { classifyNetworkContainer } from "../../provider/resources/network-container/states";

test("any existing container is settled, so a delete's gone-wait keeps going until the 404", () => {
  expect(classifyNetworkContainer({ provisioned: true })).toEqual({ state: "PROVISIONED", phase: "settled" });
  expect(classifyNetworkContainer({ provisioned: false })).toEqual({ state: "NOT_PROVISIONED", phase: "settled" });
});

test("a container without `provisioned` counts as not provisioned", () => {
  const container: GCPCloudProviderContainerResponse = {
    providerName: "GCP",
    atlasCidrBlock: "10.8.0.0/18",
    regions: [],
    provisioned: null,
  };
  expect(classifyNetworkContainer(container)).toEqual({ state: "NOT_PROVISIONED", phase: "settled" });
  expect(classifyNetworkContainer({}).state).toBe("NOT_PROVISIONED");
});
