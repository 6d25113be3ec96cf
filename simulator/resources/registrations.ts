/**
 * What the endpoint service and the regional mode need to know about registered endpoints, kept apart
 * from private-endpoint-registration.ts so that the service module can list its endpoints without an
 * import cycle.
 */
import type { CloudProvider } from "../regions";
import type { SimulatorState } from "../state";
import type { ResourceRecord } from "./store";

export const registrationKind = "private-endpoint-registration";

export interface GcpEndpoint {
  endpointName: string;
  ipAddress: string;
}

/** One registered cloud endpoint (an Atlas "interface endpoint" / private endpoint / endpoint group). */
export interface RegistrationFields {
  endpointServiceId: string;
  /**
   * The id Atlas lists on the service and takes as `{endpointId}` in GET/DELETE: the vpce id (AWS), the
   * private endpoint's resource id (Azure, as sent), the endpoint group name (GCP; the forwarding rule's
   * name with port mapping).
   */
  endpointId: string;
  /** The service's region (Atlas name): what the regional mode counts. */
  regionName: string;
  deleteRequested: boolean;
  /** Azure: echoed IP and the connection name Atlas generates. */
  privateEndpointIPAddress: string | null;
  privateEndpointConnectionName: string | null;
  /** GCP. */
  gcpProjectId: string | null;
  endpoints: GcpEndpoint[];
  portMappingEnabled: boolean;
  /** GCP forwarding rules that were missing in the cloud when Atlas checked (they end FAILED). */
  missingEndpointNames: string[];
}

export type RegistrationRecord = ResourceRecord<RegistrationFields>;

/** Azure resource ids are case-insensitive; vpce ids and GCP names are lower case anyway. */
export function endpointIdKey(provider: CloudProvider, id: string): string {
  return provider === "AZURE" ? id.toLowerCase() : id;
}

/** The registrations of a service that exist at `now` (DELETING ones included), oldest first. */
export function registrationsOf(
  state: SimulatorState,
  groupId: string,
  endpointServiceId: string,
  now: number,
): RegistrationRecord[] {
  return state.store
    .live<RegistrationFields>(registrationKind, groupId, now)
    .filter((record) => record.fields.endpointServiceId === endpointServiceId);
}
