/**
 * Service-account auth (OAuth 2.0 client credentials) as an interceptor. The token is cached and
 * refreshed shortly before it expires; fetching is single flight, so 50 concurrent calls with no
 * token cause ONE token request. A 401 to a request sent with a cached token (revoked, or the
 * server restarted) drops that token and retries the request once with a fresh one.
 */
import type { Dispatcher } from "undici";
import { raceAbort } from "../abortable";
import { retryAfterMs } from "./backoff";
import { apiErrorFromResponse, AtlasProtocolError } from "./errors";
import type { Redactor } from "./redaction";
import type { RetryCallback } from "./retry-policy";
import { stagedInterceptor, withHeader, type DispatchOptions, type Interceptor } from "./staged-dispatch";
import { request } from "./undici-parts";

const tokenPath = "/api/oauth/token";

interface TokenResponse {
  access_token: string;
  expires_in: number;
}

/**
 * An OAuth token response ({ access_token, token_type?, expires_in }), checked by hand: the client stays
 * free of zod, which a provider process that only reads would otherwise load for this one shape.
 */
function parseTokenResponse(text: string): TokenResponse {
  const body: unknown = JSON.parse(text);
  if (typeof body !== "object" || body === null) throw new TypeError("not an object");
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = body as Record<string, unknown>;
  if (typeof accessToken !== "string" || accessToken.length === 0) throw new TypeError("no access_token");
  if (tokenType !== undefined && typeof tokenType !== "string") throw new TypeError("token_type is not a string");
  if (typeof expiresIn !== "number" || !(expiresIn > 0)) throw new TypeError("no positive expires_in");
  return { access_token: accessToken, expires_in: expiresIn };
}

export interface AccessToken {
  value: string;
  /** Epoch ms after which we stop using it (expiry minus the refresh skew). */
  refreshAt: number;
}

/**
 * How long before expiry a token is replaced: 60 s for Atlas's one-hour tokens (the Go SDK's
 * oauth2 library uses 10 s; a minute also covers clock skew and slow calls), never more than a
 * tenth of the lifetime, so a short-lived token (the simulator's) is still used.
 */
function refreshSkewMs(expiresInSeconds: number): number {
  return Math.min(60_000, (expiresInSeconds * 1000) / 10);
}

export interface TokenSourceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The pool with budget and retry, without auth. */
  dispatcher: Dispatcher;
  retry: RetryCallback;
  userAgent: string;
  timeoutMs: number;
  redactor: Redactor;
  now?: () => number;
}

export class ServiceAccountTokenSource {
  private token: AccessToken | undefined;
  private inflight: Promise<AccessToken> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TokenSourceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A valid token: the cached one, or the result of the one fetch in flight, or a new fetch. */
  async getToken(signal?: AbortSignal): Promise<string> {
    const cached = this.token;
    if (cached && this.now() < cached.refreshAt) return cached.value;
    if (!this.inflight) {
      this.inflight = this.fetchToken().finally(() => (this.inflight = undefined));
    }
    // The fetch is shared: one caller giving up must not cancel it for the others.
    const token = await raceAbort(this.inflight, signal);
    return token.value;
  }

  /** Forgets `value` if it is still the cached token (a 401 proved it dead). */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async fetchToken(): Promise<AccessToken> {
    const { baseUrl, clientId, clientSecret, dispatcher, redactor } = this.options;
    const url = new URL(`${baseUrl}${tokenPath}`);
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding (as Go's oauth2 does).
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
    const started = this.now();
    const response = await request(dispatcher, {
      origin: url.origin,
      path: url.pathname,
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        "user-agent": this.options.userAgent,
      },
      body: "grant_type=client_credentials",
      signal: AbortSignal.timeout(this.options.timeoutMs),
      retryOptions: { retry: this.options.retry },
    } as Dispatcher.RequestOptions);
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const wait = retryAfterMs(response.headers);
      throw apiErrorFromResponse(
        {
          method: "POST",
          path: url.pathname,
          status: response.statusCode,
          body: text,
          ...(wait !== undefined ? { retryAfterMs: wait } : {}),
        },
        redactor,
      );
    }
    let parsed: TokenResponse;
    try {
      parsed = parseTokenResponse(text);
    } catch {
      throw new AtlasProtocolError(
        "POST",
        url.pathname,
        response.statusCode,
        "the body is not an OAuth token response",
      );
    }
    const token = {
      value: parsed.access_token,
      refreshAt: started + parsed.expires_in * 1000 - refreshSkewMs(parsed.expires_in),
    };
    redactor.add(token.value);
    this.token = token;
    return token;
  }
}

function bearerOf(options: DispatchOptions): string | undefined {
  const headers = options.headers as Record<string, string | string[] | undefined> | undefined;
  const value = headers?.authorization;
  const text = Array.isArray(value) ? value[0] : value;
  return text?.startsWith("Bearer ") ? text.slice("Bearer ".length) : undefined;
}

export function bearerAuthInterceptor(tokens: ServiceAccountTokenSource): Interceptor {
  return stagedInterceptor(() => ({
    prepare: async (options, _attempt, signal) => {
      const token = await tokens.getToken(signal);
      return { ...options, headers: withHeader(options.headers, "authorization", `Bearer ${token}`) };
    },
    onResponseHead: (statusCode, _headers, sent, attempt) => {
      if (statusCode !== 401 || attempt > 1) return "forward";
      const used = bearerOf(sent);
      if (used !== undefined) tokens.invalidate(used);
      return "replay";
    },
  }));
}
