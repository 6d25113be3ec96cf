import { classifyByTable, type Classification, type StateTable, type WaitFor, type WaitTargets } from "../../poller";

/** `status` of an endpoint service: the spec's enum, the same for AWS, Azure and GCP. */
export const endpointServiceStatuses = ["INITIATING", "AVAILABLE", "WAITING_FOR_USER", "FAILED", "DELETING"] as const;
export type EndpointServiceStatus = (typeof endpointServiceStatuses)[number];

export const endpointServicePhases = {
  INITIATING: "transitional", // Atlas is building the load balancer and the endpoint service
  DELETING: "transitional", // ends in 404
  WAITING_FOR_USER: "settled", // ready; waits for the user's interface / private endpoint in their cloud
  AVAILABLE: "settled", // what real Atlas now reports for a new service, even with no endpoint attached
  FAILED: "failed", // errorMessage says why
} as const satisfies StateTable<EndpointServiceStatus>;

/** A create or a PATCH of supportedRemoteRegions stops at either settled state; "available" only at AVAILABLE. */
export const endpointServiceWaitTargets = {
  settled: ["WAITING_FOR_USER", "AVAILABLE"],
  available: ["AVAILABLE"],
} as const satisfies WaitTargets<EndpointServiceStatus>;

/** The fields of an EndpointService (any provider) the classification reads. */
export interface EndpointServiceStatusFields {
  status?: string | null;
  errorMessage?: string | null;
}

export function classifyEndpointService(
  service: EndpointServiceStatusFields,
  options: { waitFor?: WaitFor } = {},
): Classification {
  const targets = endpointServiceWaitTargets[options.waitFor ?? "settled"];
  return classifyByTable(endpointServicePhases, targets, service.status, service.errorMessage);
}
