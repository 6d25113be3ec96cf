import { classifyByTable, type Classification, type StateTable } from "../../poller";

/**
 * A container has no status: Atlas creates it synchronously and reports only `provisioned` (clusters or
 * peering connections live in it). These two labels name the cases; both are settled, so a delete's
 * gone-wait keeps reading until the 404 (a DELETE while it is in use answers 409 CONTAINERS_IN_USE).
 */
export type NetworkContainerState = "PROVISIONED" | "NOT_PROVISIONED";

export const networkContainerPhases = {
  PROVISIONED: "settled",
  NOT_PROVISIONED: "settled",
} as const satisfies StateTable<NetworkContainerState>;

/** The one wait target: any container that exists (docs/resources/network-container.md lists it). */
export const networkContainerWaitTargets = {
  exists: ["PROVISIONED", "NOT_PROVISIONED"],
} as const satisfies Record<string, readonly NetworkContainerState[]>;

/** The field of a CloudProviderContainer (any provider) the classification reads. */
export interface NetworkContainerStatusFields {
  provisioned?: boolean | null;
}

export function classifyNetworkContainer(container: NetworkContainerStatusFields): Classification {
  // The spec marks `provisioned` optional: missing or null reads as false.
  const state: NetworkContainerState = container.provisioned === true ? "PROVISIONED" : "NOT_PROVISIONED";
  return classifyByTable(networkContainerPhases, networkContainerWaitTargets.exists, state);
}
