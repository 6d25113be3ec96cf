/**
 * The OAuth 2.0 token endpoint for service accounts: `POST /api/oauth/token` (client_credentials, client id
 * and secret in HTTP Basic) and `POST /api/oauth/revoke`. Answers are plain JSON (RFC 6749), never cached.
 * Token requests have their own per-IP bucket: they do not use up API requests.
 */
import type { ServerContext } from "./context";
import { Exchange, queryRecord, write } from "./exchange";

export const oauthPaths: readonly string[] = ["/api/oauth/token", "/api/oauth/revoke"];

export function handleOAuthRequest(context: ServerContext, exchange: Exchange, sequence: number): void {
  const { auth, rateLimiter } = context;
  const { request, url, method, raw } = exchange;
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    sendOAuthAnswer(context, exchange, sequence, status, body, headers);

  if (method !== "POST")
    return send(405, { error: "invalid_request", error_description: "Use POST." }, { Allow: "POST" });
  const form = new URLSearchParams(raw.toString("utf8"));
  const type = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    return send(400, {
      error: "invalid_request",
      error_description: "Send an application/x-www-form-urlencoded body.",
    });
  }
  const decision = rateLimiter.take([`oauth:${request.socket.remoteAddress ?? "unknown"}`]);
  if (decision && !decision.allowed) {
    return send(
      429,
      { error: "rate_limited", error_description: "Too many token requests." },
      { "Retry-After": String(decision.retryAfterSeconds) },
    );
  }
  if (!auth.checkClient(request.headers.authorization, form)) {
    return send(
      401,
      { error: "invalid_client", error_description: "Client authentication failed." },
      { "WWW-Authenticate": 'Basic realm="oauth"' },
    );
  }
  if (url.pathname === "/api/oauth/revoke") {
    const token = form.get("token");
    if (!token) return send(400, { error: "invalid_request", error_description: "token is required." });
    auth.revokeToken(token);
    return send(200, undefined);
  }
  if (form.get("grant_type") !== "client_credentials") {
    return send(400, { error: "unsupported_grant_type", error_description: "Only client_credentials is supported." });
  }
  const token = auth.issueToken();
  return send(200, { access_token: token.accessToken, token_type: "Bearer", expires_in: token.expiresIn });
}

/** Writes one token-endpoint answer and logs the request (auth scheme "basic", no operationId). */
function sendOAuthAnswer(
  context: ServerContext,
  exchange: Exchange,
  sequence: number,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const { response, url, method, arrived } = exchange;
  write(
    response,
    {
      status,
      body,
      contentType: body === undefined ? undefined : "application/json",
      headers: { "Cache-Control": "no-store", ...headers },
    },
    false,
  );
  context.requestLog.record({
    sequence,
    timestamp: arrived,
    method,
    path: url.pathname,
    query: queryRecord(url.searchParams),
    operationId: null,
    status,
    authScheme: "basic",
    fault: null,
    durationMs: context.state.now() - arrived,
  });
}
