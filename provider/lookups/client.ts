/**
 * The client lookups use. Lookups run in the program process, not the dynamic-provider process: the stack
 * config comes from `new pulumi.Config("mongodbatlas")` (secrets included, as plain strings the program may
 * read), then the environment, with the same rules as the provider (provider/config.ts: one source for the
 * whole credential set). The client is the provider's (provider/client): retries of 429 and 5xx, the request
 * budget per origin, one connection pool per settings.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createAtlasClient, type AtlasClient } from "../client";
import { resolveProviderSettings } from "../config";
import { createConsoleLogger } from "../logger";

/** Clients by settings: a program's lookups share one (createAtlasClient shares the pool and budget anyway). */
const clients = new Map<string, AtlasClient>();

/** The stack config of the `mongodbatlas` namespace, read the way the provider's configure reads it. */
function stackConfig(): { get(key: string): string | undefined } {
  const config = new pulumi.Config("mongodbatlas");
  const prefix = "mongodbatlas:";
  return { get: (key) => (key.startsWith(prefix) ? config.get(key.slice(prefix.length)) : undefined) };
}

export function lookupClient(): AtlasClient {
  const { settings } = resolveProviderSettings({ config: stackConfig() });
  // A digest, so that no secret is kept in clear as a key.
  const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  let client = clients.get(key);
  if (!client) {
    client = createAtlasClient({ ...settings, logger: createConsoleLogger() });
    clients.set(key, client);
  }
  return client;
}

/** For tests: forget the clients (their pools are closed by closeAllAtlasClients). */
export function resetLookupClients(): void {
  clients.clear();
}
