/**
 * The project's regionalized private endpoint setting (docs/simulator.md, "Private endpoint registrations and the regional mode"):
 *
 *   GET   /api/atlas/v2/groups/{groupId}/privateEndpoint/regionalMode → 200 {enabled}
 *   PATCH /api/atlas/v2/groups/{groupId}/privateEndpoint/regionalMode {enabled} → 200 {enabled}
 *
 * Off in every project until enabled. The PATCH is synchronous. Disabling is refused with 409 while the
 * project's registered private endpoints span regions the way the spec forbids: "more than one private endpoint
 * in more than one region" or "more than one private endpoint in one region and one private endpoint in one or
 * more regions", i.e. some region has two or more and another region has any. The 409 is declared; its error
 * code is not recorded anywhere (CANNOT_DISABLE_REGIONALIZED_PRIVATE_ENDPOINTS is the simulator's choice).
 * Registering a second endpoint in a region while the mode is off is not refused (no source says Atlas does).
 */
import { ApiError } from "../errors";
import type { RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import { BodyChecker } from "../validation";
import { RegistrationFields, registrationKind } from "./registrations";

const path = "/api/atlas/v2/groups/{groupId}/privateEndpoint/regionalMode";

export function regionalModeOf(state: SimulatorState, groupId: string): boolean {
  return state.regionalMode.get(groupId) ?? false;
}

/** Registered endpoints (DELETING ones included) per provider and region, e.g. {"AWS US_EAST_1": 2}. */
export function endpointsPerRegion(state: SimulatorState, groupId: string, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of state.store.live<RegistrationFields>(registrationKind, groupId, now)) {
    const region = `${record.provider} ${record.fields.regionName}`;
    counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  return counts;
}

/** Why disabling is refused now, or undefined when it is allowed. */
export function disableRefusal(state: SimulatorState, groupId: string, now: number): ApiError | undefined {
  const counts = endpointsPerRegion(state, groupId, now);
  const crowded = [...counts].filter(([, count]) => count > 1).map(([region]) => region);
  if (crowded.length === 0 || counts.size < 2) return undefined;
  const regions = [...counts].map(([region, count]) => `${region}: ${count}`).join(", ");
  return new ApiError(
    409,
    "CANNOT_DISABLE_REGIONALIZED_PRIVATE_ENDPOINTS",
    `Regionalized private endpoints cannot be disabled while the project has more than one private endpoint in ` +
      `${crowded.join(" and ")} and private endpoints in other regions (${regions}).`,
    [groupId, ...crowded],
  );
}

export const regionalModeRoutes: RouteDefinition[] = [
  {
    method: "GET",
    template: path,
    operationId: "getGroupPrivateEndpointRegionalMode",
    takesBody: false,
    pretty: true,
    handle(context) {
      return { status: 200, body: { enabled: regionalModeOf(context.state, context.params.groupId as string) } };
    },
  },
  {
    method: "PATCH",
    template: path,
    operationId: "toggleGroupPrivateEndpointRegionalMode",
    takesBody: true,
    pretty: true,
    handle(context) {
      const groupId = context.params.groupId as string;
      const checker = new BodyChecker(context.body ?? {});
      checker.allowOnly(["enabled"], []);
      if (!checker.has("enabled")) {
        checker.fail(
          "enabled",
          "MISSING_ATTRIBUTE",
          "The required attribute enabled was not specified.",
          ["enabled"],
          "is required",
        );
      }
      const enabled = checker.optionalBoolean("enabled");
      checker.throwIfInvalid();
      if (enabled === false && regionalModeOf(context.state, groupId)) {
        const refusal = disableRefusal(context.state, groupId, context.now);
        if (refusal) throw refusal;
      }
      context.state.regionalMode.set(groupId, enabled as boolean);
      return { status: 200, body: { enabled } };
    },
  },
];
