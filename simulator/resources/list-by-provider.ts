import { invalidQueryParameter } from "../errors";
import { paginate } from "../pagination";
import { cloudProviders } from "../regions";
import type { RouteContext, RouteResult } from "../router";
import type { JsonObject } from "../validation";
import type { ResourceKind, ResourceRecord } from "./store";

/**
 * The answer of a list operation that takes a `providerName` query (containers, peers): a page of the
 * project's live resources of that provider. The spec gives the parameter the default AWS, so a list without
 * it shows AWS resources only (`listGroupContainers`, `listGroupPeers`).
 */
export function listByProviderName<Fields>(
  context: RouteContext,
  kind: ResourceKind,
  toApi: (record: ResourceRecord<Fields>) => JsonObject,
): RouteResult {
  const provider = context.query.get("providerName") ?? "AWS";
  if (!(cloudProviders as readonly string[]).includes(provider)) {
    throw invalidQueryParameter("providerName", "providerName must be one of AWS, AZURE, GCP");
  }
  const { groupId } = context.params as { groupId: string };
  const items = context.state.store
    .live<Fields>(kind, groupId, context.now)
    .filter((record) => record.provider === provider)
    .map(toApi);
  return { status: 200, body: paginate(items, context) };
}
