/**
 * The endpoints registered with a private endpoint service, as the service lists them (Atlas has no list
 * operation for registrations: AWS `interfaceEndpoints`, Azure `privateEndpoints`, GCP `endpointGroupNames`,
 * DELETING ones included), each read once to tell the ones that stay from the ones Atlas is removing. Used by
 * the registration's delete (is this the service's last endpoint?) and the service's delete (never delete a
 * service while registrations remain; docs/simulator.md, "Private endpoint registrations and the regional mode").
 */
import { isNotFound, type CloudProvider } from "../../client";
import type { EndpointService } from "../../client/wire";
import type { OperationContext } from "../shared/lifecycle";
import { isBeingDeleted } from "./states";

export interface RegisteredEndpoints {
  /** Registered and staying: a delete of the service must not happen while any is listed. */
  staying: string[];
  /** Being removed (deleteRequested or DELETING): gone soon. */
  leaving: string[];
}

/** What a service of each provider calls the endpoints registered with it, for messages. */
export const registeredEndpointKind: Readonly<Record<CloudProvider, string>> = {
  AWS: "interface endpoints",
  AZURE: "private endpoints",
  GCP: "endpoint groups",
};

/**
 * Providers whose service Atlas removes with its last endpoint. The spec's DELETE says so for every provider;
 * the Kubernetes operator's maintainers and the Atlas CLI say so for AWS only and delete Azure and GCP services
 * themselves (docs/simulator.md, "Private endpoint registrations and the regional mode"), which is what the simulator does by default.
 */
export const servicesRemovedWithLastEndpoint: readonly CloudProvider[] = ["AWS"];

export function endpointIdsListedBy(service: EndpointService): string[] {
  switch (service.cloudProvider) {
    case "AWS":
      return service.interfaceEndpoints ?? [];
    case "AZURE":
      return service.privateEndpoints ?? [];
    case "GCP":
      return service.endpointGroupNames ?? [];
  }
}

/** Azure resource ids compare without case (Azure treats them so); vpce ids and GCP names are lower case. */
export function sameEndpointId(provider: CloudProvider, a: string, b: string): boolean {
  return provider === "AZURE" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The service's registered endpoints but `except`, sorted into staying and leaving (one GET each; 404 = gone). */
export async function registeredEndpoints(
  op: OperationContext,
  where: { projectId: string; providerName: CloudProvider },
  service: EndpointService & { id?: string | null },
  except?: string,
): Promise<RegisteredEndpoints> {
  const result: RegisteredEndpoints = { staying: [], leaving: [] };
  const ids = endpointIdsListedBy(service).filter(
    (id) => except === undefined || !sameEndpointId(where.providerName, id, except),
  );
  for (const endpointId of ids) {
    try {
      const registration = await op.client.endpointRegistrations.get(
        {
          groupId: where.projectId,
          cloudProvider: where.providerName,
          endpointServiceId: service.id ?? "",
          endpointId,
        },
        op.call(),
      );
      (isBeingDeleted(registration) ? result.leaving : result.staying).push(endpointId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return result;
}
