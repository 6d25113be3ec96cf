/**
 * What the serialized providers load at run time (`require("pulumi-mongodbatlas-network/runtime")`, see
 * provider/resources/shared/dynamic-provider.ts). Module-level state here is the run's state: one client,
 * one request budget, one set of list watchers for every resource of one `pulumi up`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { configureRun } from "./resources/shared/context";
import type { ResourceKind, ResourceProviderImplementation } from "./resources/shared/provider-contract";

export function configure(req: dynamic.ConfigureRequest): void {
  configureRun(req.config);
}

/** Each resource's implementation, loaded on first use so a run only loads what its stack declares. */
export function resourceProvider(kind: ResourceKind): ResourceProviderImplementation {
  switch (kind) {
    case "privateEndpointService":
      return (
        require("./resources/private-endpoint-service/provider") as typeof import("./resources/private-endpoint-service/provider")
      ).privateEndpointServiceProvider;
    case "privateEndpointRegistration":
      return (
        require("./resources/private-endpoint-registration/provider") as typeof import("./resources/private-endpoint-registration/provider")
      ).privateEndpointRegistrationProvider;
    case "privateEndpointRegionalMode":
      return (
        require("./resources/private-endpoint-regional-mode/provider") as typeof import("./resources/private-endpoint-regional-mode/provider")
      ).privateEndpointRegionalModeProvider;
    case "serverlessPrivateEndpoint":
      return (
        require("./resources/serverless-private-endpoint/provider") as typeof import("./resources/serverless-private-endpoint/provider")
      ).serverlessPrivateEndpointProvider;
    case "networkPeer":
      return (require("./resources/network-peer/provider") as typeof import("./resources/network-peer/provider"))
        .networkPeerProvider;
    case "networkContainer":
      return (
        require("./resources/network-container/provider") as typeof import("./resources/network-container/provider")
      ).networkContainerProvider;
  }
}
