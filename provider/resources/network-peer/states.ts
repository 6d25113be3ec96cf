import { classifyByTable, type Classification, type StateTable, type WaitFor, type WaitTargets } from "../../poller";

// The three providers name the state fields differently (AWS statusName + errorStateName, Azure status +
// errorState, GCP status + errorMessage) and use different values, hence one table per provider.

/** AWS `statusName`. */
export const awsPeerStatuses = [
  "INITIATING",
  "PENDING_ACCEPTANCE",
  "FAILED",
  "FINALIZING",
  "AVAILABLE",
  "TERMINATING",
] as const;
export type AwsPeerStatus = (typeof awsPeerStatuses)[number];

export const awsPeerPhases = {
  INITIATING: "transitional", // Atlas is creating the VPC peering request
  PENDING_ACCEPTANCE: "settled", // the user must accept the request in AWS (connectionId is the pcx-…)
  FINALIZING: "transitional", // accepted; Atlas is finishing the routes
  AVAILABLE: "settled",
  FAILED: "failed", // errorStateName says why
  TERMINATING: "transitional", // ends in 404
} as const satisfies StateTable<AwsPeerStatus>;

/** A create stops at PENDING_ACCEPTANCE (the user accepts in AWS, often in the same stack) unless asked for
 * AVAILABLE, which then waits through PENDING_ACCEPTANCE for the acceptance. */
export const awsPeerWaitTargets = {
  settled: ["PENDING_ACCEPTANCE", "AVAILABLE"],
  available: ["AVAILABLE"],
} as const satisfies WaitTargets<AwsPeerStatus>;

/** AWS `errorStateName` values and what the user should know about each. */
export const awsPeerErrorStates = {
  REJECTED: "the peering request was rejected in AWS",
  EXPIRED: "the peering request was not accepted in AWS in time",
  INVALID_ARGUMENT: "Atlas rejected the AWS account id, VPC id or route table CIDR block",
} as const;

/** Azure `status`. */
export const azurePeerStatuses = ["ADDING_PEER", "AVAILABLE", "FAILED", "DELETION_FAILED", "DELETING"] as const;
export type AzurePeerStatus = (typeof azurePeerStatuses)[number];

export const azurePeerPhases = {
  ADDING_PEER: "transitional",
  AVAILABLE: "settled",
  FAILED: "failed", // errorState says why
  DELETION_FAILED: "failed", // the delete did not complete; waiting for 404 would never end
  DELETING: "transitional", // ends in 404
} as const satisfies StateTable<AzurePeerStatus>;

export const azurePeerWaitTargets = {
  settled: ["AVAILABLE"],
  available: ["AVAILABLE"],
} as const satisfies WaitTargets<AzurePeerStatus>;

/** GCP `status`. */
export const gcpPeerStatuses = ["ADDING_PEER", "WAITING_FOR_USER", "AVAILABLE", "FAILED", "DELETING"] as const;
export type GcpPeerStatus = (typeof gcpPeerStatuses)[number];

export const gcpPeerPhases = {
  ADDING_PEER: "transitional",
  // Atlas's side is done; the user creates the reciprocal peering in GCP with the container's
  // gcpProjectId and networkName (Terraform waited here forever before treating it as settled, TF #16/#917).
  WAITING_FOR_USER: "settled",
  AVAILABLE: "settled",
  FAILED: "failed", // errorMessage says why
  DELETING: "transitional", // ends in 404
} as const satisfies StateTable<GcpPeerStatus>;

export const gcpPeerWaitTargets = {
  settled: ["WAITING_FOR_USER", "AVAILABLE"],
  available: ["AVAILABLE"],
} as const satisfies WaitTargets<GcpPeerStatus>;

/** The fields of a peering connection the classification reads, per provider. */
export interface AwsPeerStatusFields {
  providerName: "AWS";
  statusName?: string | null;
  errorStateName?: string | null;
}
export interface AzurePeerStatusFields {
  providerName: "AZURE";
  status?: string | null;
  errorState?: string | null;
}
export interface GcpPeerStatusFields {
  providerName: "GCP";
  status?: string | null;
  errorMessage?: string | null;
}
export type NetworkPeerStatusFields = AwsPeerStatusFields | AzurePeerStatusFields | GcpPeerStatusFields;

export interface NetworkPeerClassifyOptions {
  /** "settled" (default): a create stops at PENDING_ACCEPTANCE (AWS) or WAITING_FOR_USER (GCP). */
  waitFor?: WaitFor;
}

export function classifyAwsPeer(
  peer: Omit<AwsPeerStatusFields, "providerName">,
  options: NetworkPeerClassifyOptions = {},
): Classification {
  return classifyByTable(
    awsPeerPhases,
    awsPeerWaitTargets[options.waitFor ?? "settled"],
    peer.statusName,
    describeAwsErrorState(peer.errorStateName),
  );
}

export function classifyAzurePeer(
  peer: Omit<AzurePeerStatusFields, "providerName">,
  options: NetworkPeerClassifyOptions = {},
): Classification {
  const targets = azurePeerWaitTargets[options.waitFor ?? "settled"];
  return classifyByTable(azurePeerPhases, targets, peer.status, peer.errorState);
}

export function classifyGcpPeer(
  peer: Omit<GcpPeerStatusFields, "providerName">,
  options: NetworkPeerClassifyOptions = {},
): Classification {
  const targets = gcpPeerWaitTargets[options.waitFor ?? "settled"];
  return classifyByTable(gcpPeerPhases, targets, peer.status, peer.errorMessage);
}

/** Picks the table by `providerName`. */
export function classifyNetworkPeer(
  peer: NetworkPeerStatusFields,
  options: NetworkPeerClassifyOptions = {},
): Classification {
  switch (peer.providerName) {
    case "AWS":
      return classifyAwsPeer(peer, options);
    case "AZURE":
      return classifyAzurePeer(peer, options);
    case "GCP":
      return classifyGcpPeer(peer, options);
    default: {
      const unexpected: never = peer;
      const providerName = (unexpected as { providerName?: unknown }).providerName;
      throw new TypeError(`network peer with unsupported providerName ${JSON.stringify(providerName)}`);
    }
  }
}

function describeAwsErrorState(errorStateName: string | null | undefined): string | undefined {
  if (!errorStateName) return undefined;
  const hint = Object.hasOwn(awsPeerErrorStates, errorStateName)
    ? awsPeerErrorStates[errorStateName as keyof typeof awsPeerErrorStates]
    : undefined;
  return hint ? `${errorStateName} (${hint})` : errorStateName;
}

/** The state of a peer whatever its provider calls the field (AWS statusName, Azure and GCP status). */
export function peerStatusOf(peer: NetworkPeerStatusFields): string | undefined {
  const status = peer.providerName === "AWS" ? peer.statusName : peer.status;
  return status ?? undefined;
}

/** Atlas's error text whatever its provider calls the field (AWS errorStateName with what it means). */
export function peerErrorMessageOf(peer: NetworkPeerStatusFields): string | undefined {
  switch (peer.providerName) {
    case "AWS":
      return describeAwsErrorState(peer.errorStateName);
    case "AZURE":
      return peer.errorState ?? undefined;
    case "GCP":
      return peer.errorMessage ?? undefined;
  }
}

/** States on the way to 404 after a DELETE. */
export const peerDeletingStatuses: ReadonlySet<string> = new Set(["TERMINATING", "DELETING"]);

/** Settled states in which Atlas's side is done and the user has to act on the cloud side. */
export const peerAwaitingUserStatuses = { AWS: "PENDING_ACCEPTANCE", GCP: "WAITING_FOR_USER" } as const;

export function isAwaitingUser(peer: NetworkPeerStatusFields): boolean {
  const status = peerStatusOf(peer);
  return (
    (peer.providerName === "AWS" && status === peerAwaitingUserStatuses.AWS) ||
    (peer.providerName === "GCP" && status === peerAwaitingUserStatuses.GCP)
  );
}

/**
 * The classification while waiting for a deleted peer to disappear. DELETION_FAILED ends the wait; a FAILED
 * peer keeps it going, because a peer that was FAILED before the DELETE may still read FAILED for a moment
 * before Atlas moves it to TERMINATING / DELETING (the wait's timeout bounds it).
 */
export function classifyNetworkPeerDeletion(peer: NetworkPeerStatusFields): Classification {
  const classification = classifyNetworkPeer(peer);
  return classification.state === "FAILED" ? { state: "FAILED", phase: "transitional" } : classification;
}
