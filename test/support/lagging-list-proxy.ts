/**
 * A loopback HTTP proxy in front of the simulator whose list answers leave out the items a test names, as a
 * list that lags behind Atlas's objects (or a page boundary that moved while the client paged) would: a GET of
 * such an item by id still finds it. Every request goes through to the simulator, so its request log shows
 * what the client sent.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningSimulator } from "./simulator";

export interface LaggingListProxy {
  baseUrl: string;
  /** Leaves the item with this id out of every list answer from now on. */
  hide(id: string): void;
  close(): Promise<void>;
}

export async function startLaggingListProxy(target: RunningSimulator): Promise<LaggingListProxy> {
  const hidden = new Set<string>();
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      { host: "127.0.0.1", port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          let body: Buffer = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          const listed =
            request.method === "GET" && answer.statusCode === 200 ? withoutHidden(body, hidden) : undefined;
          if (listed) {
            body = listed;
            headers["content-length"] = String(body.length);
          }
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(body);
        });
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hide: (id) => hidden.add(id),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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
