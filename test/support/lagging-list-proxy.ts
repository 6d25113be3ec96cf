/**
 * A loopback HTTP proxy in front of the simulator whose list answers leave out the items a test names, as a
 * list that lags behind Atlas's objects (or a page boundary that moved while the client paged) would: a GET of
 * such an item by id still finds it. Every request goes through to the simulator, so its request log shows
 * what the client sent.
 */
import { startBufferingProxy } from "./buffering-proxy";
import type { RunningSimulator } from "./simulator";

export interface LaggingListProxy {
  baseUrl: string;
  /** Leaves the item with this id out of every list answer from now on. */
  hide(id: string): void;
  close(): Promise<void>;
}

export async function startLaggingListProxy(target: RunningSimulator): Promise<LaggingListProxy> {
  const hidden = new Set<string>();
  const proxy = await startBufferingProxy(target, (request, statusCode, body) =>
    request.method === "GET" && statusCode === 200 ? withoutHidden(body, hidden) : undefined,
  );
  return { ...proxy, hide: (id) => hidden.add(id) };
}

type Item = Record<string, unknown>;

/** A list answer (an array, or a page `{ results: [...] }`) without the hidden items; undefined for anything else. */
function withoutHidden(body: Buffer, hidden: ReadonlySet<string>): Buffer | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  const visible = (items: Item[]) => items.filter((item) => !hidden.has(String(item.id ?? item._id)));
  if (Array.isArray(parsed)) return Buffer.from(JSON.stringify(visible(parsed as Item[])));
  const page = parsed as { results?: unknown; totalCount?: unknown } | null;
  if (typeof page !== "object" || page === null || !Array.isArray(page.results)) return undefined;
  const results = visible(page.results as Item[]);
  // A consistent page of a list that lags: its count leaves them out too.
  const left = page.results.length - results.length;
  const totalCount = typeof page.totalCount === "number" ? { totalCount: page.totalCount - left } : {};
  return Buffer.from(JSON.stringify({ ...page, results, ...totalCount }));
}
