import { classifyByTable, type Classification, type StateTable } from "../../poller";

/**
 * A container has no status: Atlas creates it synchronously and reports only `provisioned` (clusters exist
 * in it). These two labels name the cases so that the same poller can wait for a container to disappear
 * after DELETE, or for its clusters to leave before one (a DELETE meanwhile answers 409 CONTAINERS_IN_USE).
 */
export const networkContainerStates = ["PROVISIONED", "NOT_PROVISIONED"] as const;
export type NetworkContainerState = (typeof networkContainerStates)[number];

export const networkContainerPhases = {
  PROVISIONED: "settled",
  NOT_PROVISIONED: "settled",
} as const satisfies StateTable<NetworkContainerState>;

/** "exists": any container (a gone-wait keeps going while it is listed); "unprovisioned": no cluster left in it. */
export const networkContainerWaitTargets = {
  exists: ["PROVISIONED", "NOT_PROVISIONED"],
  unprovisioned: ["NOT_PROVISIONED"],
} as const satisfies Record<string, readonly NetworkContainerState[]>;

export type NetworkContainerWaitFor = keyof typeof networkContainerWaitTargets;

/** The field of a CloudProviderContainer (any provider) the classification reads. */
export interface NetworkContainerStatusFields {
  provisioned?: boolean | null;
}

export function classifyNetworkContainer(
  container: NetworkContainerStatusFields,
  options: { waitFor?: NetworkContainerWaitFor } = {},
): Classification {
  // The spec marks `provisioned` optional: missing or null reads as false.
  const state: NetworkContainerState = container.provisioned === true ? "PROVISIONED" : "NOT_PROVISIONED";
  return classifyByTable(networkContainerPhases, networkContainerWaitTargets[options.waitFor ?? "exists"], state);
}
