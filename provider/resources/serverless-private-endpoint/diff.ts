/**
 * The diff of a serverless private endpoint. Its rules depend on what Atlas has, which the shared rules
 * (shared/diff.ts) cannot say: the cloud endpoint is updatable until it is attached and replaces once it
 * is (Atlas attaches once, Terraform provider issue #2011), and a FAILED endpoint is an update when
 * attaching again can repair it, a replacement when its reservation failed.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { changedKeys, sameValue, type DiffRules } from "../shared/diff";
import { containsUnknown } from "../shared/unknowns";

/** What the shared life cycle needs: update compares `updatable`, read keeps `providerOnly` from state. */
export const serverlessDiffRules = {
  replaceOnChange: ["projectId", "instanceName", "providerName"],
  updatable: ["cloudProviderEndpointId", "privateEndpointIpAddress", "comment"],
  providerOnly: ["adoptExisting", "timeouts", "poll"],
} as const satisfies DiffRules;

/** Set once by the attaching PATCH: updatable while not attached, replaced once attached. */
const attachmentKeys = ["cloudProviderEndpointId", "privateEndpointIpAddress"] as const;

/** Azure resource ids are case-insensitive; AWS endpoint ids are lowercase by their pattern. */
export function sameCloudEndpointId(providerName: unknown, a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return a === b || (a == null && b == null);
  return providerName === "AZURE" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Replace on projectId / instanceName / providerName, on any change of an attached endpoint's cloud
 * endpoint or IP address, and for a reservation that FAILED; update for attaching, the comment and the
 * provider-only settings. Unknown values during preview count as changes.
 */
export function diffServerlessEndpoint(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): dynamic.DiffResult {
  const replaces = changedKeys(olds, news, serverlessDiffRules.replaceOnChange);
  const attached = typeof olds.cloudProviderEndpointId === "string";
  const failed = olds.status === "FAILED";
  const attachmentChanges = changedKeys(olds, news, attachmentKeys).filter(
    (key) =>
      key !== "cloudProviderEndpointId" ||
      containsUnknown(news[key]) ||
      !sameCloudEndpointId(olds.providerName, olds[key], news[key]),
  );
  if (attached && !failed) replaces.push(...attachmentChanges);
  // A FAILED attachment is retried by an update, but only a replacement takes the cloud endpoint away.
  if (attached && failed && news.cloudProviderEndpointId === undefined) replaces.push("cloudProviderEndpointId");
  if (!attached && failed) replaces.push("status");
  if (replaces.length > 0) {
    // The replacement would find the old endpoint by its cloud endpoint id (and Atlas holds one cloud
    // endpoint once), so the old one has to go first.
    const keepsCloudEndpoint =
      typeof news.cloudProviderEndpointId === "string" &&
      !containsUnknown(news.cloudProviderEndpointId) &&
      sameValue(olds.projectId, news.projectId) &&
      sameValue(olds.instanceName, news.instanceName) &&
      sameCloudEndpointId(olds.providerName, olds.cloudProviderEndpointId, news.cloudProviderEndpointId);
    return { changes: true, replaces: [...new Set(replaces)], deleteBeforeReplace: keepsCloudEndpoint };
  }
  const updates = changedKeys(olds, news, ["comment", ...serverlessDiffRules.providerOnly]);
  return { changes: updates.length > 0 || attachmentChanges.length > 0 || failed };
}
