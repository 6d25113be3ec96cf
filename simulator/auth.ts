/**
 * Authentication, as Atlas does it (the spec's `DigestAuth` and `ServiceAccounts` security schemes;
 * https://www.mongodb.com/docs/atlas/api/api-authentication/):
 * - HTTP Digest (RFC 7616, MD5 or MD5-sess, qop=auth) with realm "MMS Public API" and exactly the
 *   challenge shape real clients parse. A nonce may be reused with an increasing nonce count (what our
 *   client does) or answered fresh for every call (what the official SDK does). A repeated or lower nc,
 *   or an expired nonce, with an otherwise valid response gets 401 with `stale=true` and a new nonce,
 *   so clients re-answer without treating it as bad credentials.
 * - OAuth 2.0 client credentials: POST /api/oauth/token (Basic client id/secret) issues bearer tokens
 *   that expire after `tokenTtlSeconds`; POST /api/oauth/revoke revokes them.
 * Nothing here ever logs or echoes a credential.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { opaqueToken } from "./ids";

const digestRealm = "MMS Public API";

export interface SimulatorCredentials {
  publicKey: string;
  privateKey: string;
  clientId: string;
  clientSecret: string;
}

export const defaultCredentials: SimulatorCredentials = {
  publicKey: "sim-public-key",
  privateKey: "sim-private-key",
  clientId: "mdb_sa_id_simulator",
  clientSecret: "mdb_sa_sk_simulator",
};

export type AuthScheme = "digest" | "bearer" | "basic" | "none";

export type AuthOutcome =
  { ok: true; scheme: AuthScheme } | { ok: false; scheme: AuthScheme; stale: boolean; detail: string };

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Parses `key=value, key="quoted value"` auth parameters (RFC 7235). */
export function parseAuthParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  const pattern = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const key = (match[1] as string).toLowerCase();
    params[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
  }
  return params;
}

interface NonceRecord {
  issuedAt: number;
  /**
   * Nonce counts accepted so far. A repeat is a replay and is refused; a count lower than the highest seen
   * is not, because concurrent calls sharing one nonce travel on different connections and may arrive out
   * of order (RFC 7616 3.3: the server only has to recognise a count it has seen before).
   */
  usedNonceCounts: Set<number>;
}

interface TokenRecord {
  expiresAt: number;
}

export interface AuthOptions {
  credentials: SimulatorCredentials;
  nonceTtlMs: number;
  tokenTtlSeconds: number;
  now: () => number;
}

export class Authenticator {
  private readonly nonces = new Map<string, NonceRecord>();
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly options: AuthOptions) {}

  get credentials(): SimulatorCredentials {
    return this.options.credentials;
  }

  /** A fresh challenge: exactly one WWW-Authenticate value in the shape Atlas sends (mongodb-atlas-cli e2e test snapshots). */
  challenge(stale: boolean): string {
    this.pruneNonces();
    const nonce = opaqueToken(24);
    this.nonces.set(nonce, { issuedAt: this.options.now(), usedNonceCounts: new Set() });
    return `Digest realm="${digestRealm}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** Checks the Authorization header of an Atlas API request. */
  authenticate(method: string, requestUri: string, authorization: string | undefined): AuthOutcome {
    if (!authorization)
      return { ok: false, scheme: "none", stale: false, detail: "You are not authorized for this resource." };
    const space = authorization.indexOf(" ");
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const rest = space < 0 ? "" : authorization.slice(space + 1);
    if (scheme === "digest") return this.checkDigest(method, requestUri, rest);
    if (scheme === "bearer") return this.checkBearer(rest.trim());
    return { ok: false, scheme: "none", stale: false, detail: "You are not authorized for this resource." };
  }

  private checkDigest(method: string, requestUri: string, paramText: string): AuthOutcome {
    const fail = (detail: string, stale = false): AuthOutcome => ({ ok: false, scheme: "digest", stale, detail });
    const p = parseAuthParams(paramText);
    const { credentials } = this.options;
    const algorithm = (p.algorithm ?? "MD5").toUpperCase();
    if (!p.username || !p.nonce || !p.response || !p.uri) return fail("Incomplete Digest credentials.");
    if (p.realm !== digestRealm) return fail("Digest realm does not match.");
    if (algorithm !== "MD5" && algorithm !== "MD5-SESS")
      return fail(`Digest algorithm ${p.algorithm} is not supported.`);
    if (p.qop !== "auth" || !p.nc || !p.cnonce || !/^[0-9a-fA-F]{8}$/.test(p.nc)) {
      return fail("Digest credentials must use qop=auth with a nonce count and cnonce.");
    }
    // The digest covers the request-target; it must be this request's (RFC 7616 3.4.6).
    if (p.uri !== requestUri && !p.uri.endsWith(requestUri)) return fail("Digest uri does not match the request.");
    if (!safeEqual(p.username, credentials.publicKey)) return fail("You are not authorized for this resource.");

    let ha1 = md5(`${p.username}:${digestRealm}:${credentials.privateKey}`);
    if (algorithm === "MD5-SESS") ha1 = md5(`${ha1}:${p.nonce}:${p.cnonce}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
    if (!safeEqual(p.response.toLowerCase(), expected)) return fail("You are not authorized for this resource.");

    // The password is right from here on: nonce problems are "stale", so the client simply re-answers.
    const record = this.nonces.get(p.nonce);
    if (!record) return fail("The nonce is unknown or expired.", true);
    if (this.options.now() - record.issuedAt > this.options.nonceTtlMs) {
      this.nonces.delete(p.nonce);
      return fail("The nonce has expired.", true);
    }
    const nonceCount = parseInt(p.nc, 16);
    if (record.usedNonceCounts.has(nonceCount)) return fail("The nonce count was already used.", true);
    record.usedNonceCounts.add(nonceCount);
    return { ok: true, scheme: "digest" };
  }

  private checkBearer(token: string): AuthOutcome {
    const record = this.tokens.get(token);
    if (!record)
      return { ok: false, scheme: "bearer", stale: false, detail: "The access token is invalid or has been revoked." };
    if (this.options.now() >= record.expiresAt) {
      this.tokens.delete(token);
      return { ok: false, scheme: "bearer", stale: false, detail: "The access token has expired." };
    }
    return { ok: true, scheme: "bearer" };
  }

  /** Basic client id/secret of the OAuth endpoints, from the header or (RFC 6749 2.3.1) the form body. */
  checkClient(authorization: string | undefined, form: URLSearchParams): boolean {
    let id = form.get("client_id") ?? undefined;
    let secret = form.get("client_secret") ?? undefined;
    if (authorization?.toLowerCase().startsWith("basic ")) {
      const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon >= 0) {
        id = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    const { credentials } = this.options;
    return (
      id !== undefined &&
      secret !== undefined &&
      safeEqual(id, credentials.clientId) &&
      safeEqual(secret, credentials.clientSecret)
    );
  }

  issueToken(): { accessToken: string; expiresIn: number } {
    this.pruneTokens();
    const accessToken = opaqueToken(32);
    this.tokens.set(accessToken, { expiresAt: this.options.now() + this.options.tokenTtlSeconds * 1000 });
    return { accessToken, expiresIn: this.options.tokenTtlSeconds };
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** Forgets every nonce and token (control reset). */
  clear(): void {
    this.nonces.clear();
    this.tokens.clear();
  }

  private pruneNonces(): void {
    const now = this.options.now();
    for (const [nonce, record] of this.nonces) {
      if (now - record.issuedAt > this.options.nonceTtlMs) this.nonces.delete(nonce);
    }
  }

  private pruneTokens(): void {
    const now = this.options.now();
    for (const [token, record] of this.tokens) if (now >= record.expiresAt) this.tokens.delete(token);
  }
}
