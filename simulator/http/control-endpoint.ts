/**
 * The control API over HTTP, under `/__sim/` (see control-api.ts for the routes): JSON in and out, no
 * auth, loopback clients only, never in the request log.
 */
import { handleControlRequest } from "../control-api";
import type { ServerContext } from "./context";
import { Exchange, isLoopback, write } from "./exchange";

export function isControlPath(pathname: string): boolean {
  return pathname === "/__sim" || pathname.startsWith("/__sim/");
}

export function handleControlHttpRequest(context: ServerContext, exchange: Exchange): void {
  const { request, response, url, method, raw } = exchange;
  const send = (status: number, body: unknown) =>
    write(response, { status, body, contentType: "application/json", headers: {} }, true);
  if (!isLoopback(request.socket.remoteAddress))
    return send(403, { error: "the control API answers loopback clients only" });
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return send(400, { error: "the control API takes JSON bodies" });
    }
  }
  const result = handleControlRequest(context.control, method, url.pathname, url.searchParams, body);
  return send(result.status, result.body);
}
