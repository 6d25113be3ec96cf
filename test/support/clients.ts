/**
 * Clients made by a test file, closed together afterwards: a client owns its connection pool and keeps
 * nothing in module state, so whoever makes one closes it.
 */
import {
  createAtlasClient as createClient,
  type AtlasClient,
  type ClientOptions,
  type ClientSettings,
} from "../../provider/client";

const open = new Set<AtlasClient>();

/** createAtlasClient, remembering the client for closeAllAtlasClients. */
export function createAtlasClient(settings: ClientSettings, options?: ClientOptions): AtlasClient {
  const client = createClient(settings, options);
  open.add(client);
  return client;
}

/** Closes every client createAtlasClient made here. */
export async function closeAllAtlasClients(): Promise<void> {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((client) => client.close()));
}
