/**
 * What the serialized providers load at run time (`require("pulumi-mongodbatlas-network/runtime")`, see
 * provider/resources/shared/dynamic-provider.ts). It holds no state of its own: the run's state (settings,
 * client, request budget, list watchers, warnings, the run's AbortSignal) lives in
 * provider/resources/shared/context.ts, keyed by the configuration. Besides handing out the resources'
 * implementations, it is where the dynamic-provider host process learns that its engine went away: then
 * every run is aborted and the process exits (engine-watch.ts).
 *
 * Kept small on purpose: this file is loaded by every provider process, so everything it reaches is loaded
 * before the first call (see docs/architecture.md, "Start-up").
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { abortRuns, configureRun } from "./resources/shared/context";
import type { ResourceKind, ResourceProviderImplementation } from "./resources/shared/provider-contract";

/** How long the process lingers after its engine went away, so aborted calls end before it exits. */
const exitDelayAfterEngineGoneMs = 500;
let engineWatched = false;

export function configure(req: dynamic.ConfigureRequest): void {
  configureRun(req.config);
  if (!engineWatched) {
    engineWatched = true;
    watchOwnEngine();
  }
}

/**
 * In the dynamic-provider host, stops everything when the engine that started it is gone: a provider
 * whose engine is gone must stop calling Atlas (issue 11). Elsewhere (tests, the bench) it does nothing.
 */
function watchOwnEngine(): void {
  const { engineAddressOfThisProcess, watchEngine } = require("./engine-watch") as typeof import("./engine-watch");
  const address = engineAddressOfThisProcess();
  if (!address) return;
  watchEngine({
    address,
    onGone: (reason) => {
      abortRuns(reason);
      // Nobody reads our output any more (the engine held the pipes), so there is nothing to log; the gRPC
      // server would keep the process alive, so exit.
      setTimeout(() => process.exit(1), exitDelayAfterEngineGoneMs);
    },
  });
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
