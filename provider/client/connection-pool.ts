/**
 * One undici Agent (keep-alive connection pool) per Atlas origin for the whole process, shared by
 * every client talking to that origin and closed when the last of them is closed.
 */
import { Agent } from "undici";

interface PoolEntry {
  agent: Agent;
  users: number;
}

const pools = new Map<string, PoolEntry>();

function newAgent(): Agent {
  return new Agent({
    // Atlas keeps idle connections for a while; reusing them avoids a TLS handshake per call.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
    connections: 16,
    connect: { timeout: 10_000 },
  });
}

/** The pool for `origin`, counting one more user. */
export function acquirePool(origin: string): Agent {
  let entry = pools.get(origin);
  if (!entry || entry.agent.closed || entry.agent.destroyed) {
    entry = { agent: newAgent(), users: 0 };
    pools.set(origin, entry);
  }
  entry.users++;
  return entry.agent;
}

/** One user fewer; the last one closes the pool (waiting for requests in flight). */
export async function releasePool(origin: string, agent: Agent): Promise<void> {
  const entry = pools.get(origin);
  if (!entry || entry.agent !== agent) return;
  entry.users--;
  if (entry.users <= 0) {
    pools.delete(origin);
    await agent.close();
  }
}

/** How many pools are open (tests check that clients to one origin share one). */
export function openPoolCount(): number {
  return pools.size;
}
