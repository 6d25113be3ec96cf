import { classifyByTable, type Classification, type StateTable } from "../../poller";

// Atlas reports a registration's state in a different field per provider (AWS `connectionStatus`, Azure and
// GCP `status`) with different values, hence one table per provider. Meanings:
// docs/simulator.md, "Private endpoint registrations and the regional mode" (Terraform's docs and how Terraform and the Kubernetes
// operator treat each value).

/** AWS `connectionStatus`; NONE is not in the spec's enum but in Terraform's docs and its wait. */
export const awsRegistrationStatuses = [
  "NONE",
  "PENDING_ACCEPTANCE",
  "PENDING",
  "AVAILABLE",
  "REJECTED",
  "DELETING",
] as const;
export type AwsRegistrationStatus = (typeof awsRegistrationStatuses)[number];

export const awsRegistrationPhases = {
  NONE: "transitional", // Atlas built its side; AWS has not created the connection yet
  PENDING_ACCEPTANCE: "transitional", // AWS received the connection request of the interface endpoint
  PENDING: "transitional", // AWS is establishing the connection
  AVAILABLE: "settled", // connected: applications can use the private connection strings
  REJECTED: "failed", // errorMessage says why, e.g. "Interface endpoint vpce-… was not found."
  DELETING: "transitional", // ends in 404
} as const satisfies StateTable<AwsRegistrationStatus>;

/** Azure `status`. */
export const azureRegistrationStatuses = ["INITIATING", "AVAILABLE", "FAILED", "DELETING"] as const;
export type AzureRegistrationStatus = (typeof azureRegistrationStatuses)[number];

export const azureRegistrationPhases = {
  INITIATING: "transitional", // Atlas has not accepted the connection of the private endpoint yet
  AVAILABLE: "settled",
  FAILED: "failed", // errorMessage says why
  DELETING: "transitional", // ends in 404
} as const satisfies StateTable<AzureRegistrationStatus>;

/** GCP `status` of the whole endpoint group (each forwarding rule has its own, informational). */
export const gcpRegistrationStatuses = [
  "INITIATING",
  "VERIFIED",
  "AVAILABLE",
  "FAILED",
  "DELETING",
  "DELETED",
] as const;
export type GcpRegistrationStatus = (typeof gcpRegistrationStatuses)[number];

export const gcpRegistrationPhases = {
  INITIATING: "transitional",
  VERIFIED: "transitional", // no source defines it; Terraform and the Kubernetes operator both keep waiting
  AVAILABLE: "settled",
  FAILED: "failed", // errorMessage says why; the FAILED forwarding rules show in endpoints[].status
  DELETING: "transitional", // ends in 404
  DELETED: "transitional", // spec only; the GET answers 404 soon after
} as const satisfies StateTable<GcpRegistrationStatus>;

/** The fields of a PrivateLinkEndpoint (any provider) the classification reads. */
export interface RegistrationStatusFields {
  cloudProvider?: string | null;
  connectionStatus?: string | null;
  status?: string | null;
  errorMessage?: string | null;
}

/** The state Atlas reports, whichever field holds it for the provider. */
export function registrationStatusOf(remote: RegistrationStatusFields): string | null {
  return (remote.cloudProvider === "AWS" ? remote.connectionStatus : remote.status) ?? null;
}

/**
 * A registration's phase. A missing state is transitional and expected, not an unknown value: Atlas's answer to
 * an Azure POST carries no status yet (recorded in mongodb/mongodb-atlas-cli#578).
 */
export function classifyRegistration(remote: RegistrationStatusFields): Classification {
  const state = registrationStatusOf(remote);
  if (state === null || state === "") return { state: "(no status yet)", phase: "transitional" };
  switch (remote.cloudProvider) {
    case "AWS":
      return classifyByTable(awsRegistrationPhases, ["AVAILABLE"], state, remote.errorMessage);
    case "AZURE":
      return classifyByTable(azureRegistrationPhases, ["AVAILABLE"], state, remote.errorMessage);
    default:
      return classifyByTable(gcpRegistrationPhases, ["AVAILABLE"], state, remote.errorMessage);
  }
}

/** A registration Atlas is removing (or was asked to): a create waits it out, a delete does not send DELETE again. */
export function isBeingDeleted(remote: RegistrationStatusFields & { deleteRequested?: boolean | null }): boolean {
  const state = registrationStatusOf(remote);
  return remote.deleteRequested === true || state === "DELETING" || state === "DELETED";
}
