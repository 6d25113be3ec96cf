import { classifyByTable, type Classification, type StateTable, type WaitFor, type WaitTargets } from "../../poller";

/** `status` of a serverless private endpoint: the spec's enum, the same for AWS and Azure (there is no GCP). */
export const serverlessEndpointStatuses = [
  "RESERVATION_REQUESTED",
  "RESERVED",
  "INITIATING",
  "AVAILABLE",
  "FAILED",
  "DELETING",
] as const;
export type ServerlessEndpointStatus = (typeof serverlessEndpointStatuses)[number];

export const serverlessEndpointPhases = {
  RESERVATION_REQUESTED: "transitional", // right after POST: Atlas reserves the endpoint and its service
  RESERVED: "settled", // waits for the PATCH carrying the user's cloud endpoint id
  INITIATING: "transitional", // after that PATCH: Atlas connects the endpoint
  AVAILABLE: "settled",
  FAILED: "failed", // errorMessage says why
  DELETING: "transitional", // ends in 404
} as const satisfies StateTable<ServerlessEndpointStatus>;

/**
 * The POST (reservation) stops at RESERVED. After the PATCH that attaches the cloud endpoint, wait for
 * "available": a read right after the PATCH may still show RESERVED, which must not end that wait.
 */
export const serverlessEndpointWaitTargets = {
  settled: ["RESERVED", "AVAILABLE"],
  available: ["AVAILABLE"],
} as const satisfies WaitTargets<ServerlessEndpointStatus>;

/** The fields of a ServerlessTenantEndpoint (AWS or Azure) the classification reads. */
export interface ServerlessEndpointStatusFields {
  status?: string | null;
  errorMessage?: string | null;
}

export function classifyServerlessEndpoint(
  endpoint: ServerlessEndpointStatusFields,
  options: { waitFor?: WaitFor } = {},
): Classification {
  const targets = serverlessEndpointWaitTargets[options.waitFor ?? "settled"];
  return classifyByTable(serverlessEndpointPhases, targets, endpoint.status, endpoint.errorMessage);
}

/**
 * The states of a reservation that no cloud endpoint is attached to yet: what the POST makes before the
 * PATCH. A create looks for one of these (same instance, same comment) so that a re-run after an
 * interrupted `pulumi up` finds the reservation instead of making a second one.
 */
const reservationStatuses = [
  "RESERVATION_REQUESTED",
  "RESERVED",
] as const satisfies readonly ServerlessEndpointStatus[];

export function isReservationStatus(status: string | null | undefined): boolean {
  return (reservationStatuses as readonly string[]).includes(status ?? "");
}
