/**
 * HTTP Digest arithmetic (RFC 7616, with RFC 2617's qop=auth as the case Atlas uses): parse a
 * `WWW-Authenticate: Digest …` challenge and compute the `Authorization` header answering it.
 * Pure functions; the nonce bookkeeping lives in digest-auth.ts.
 */
import { createHash, randomBytes } from "node:crypto";

type DigestAlgorithm = "MD5" | "SHA-256";

export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** Atlas sends `qop="auth"`; a challenge without qop is the RFC 2069 form, which we refuse (see parse). */
  qop: "auth";
  algorithm: DigestAlgorithm;
  opaque?: string;
  /** true when the server rejected our nonce as expired while accepting the credentials. */
  stale: boolean;
}

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestRequest {
  method: string;
  /** The request-target exactly as sent on the request line (path and query). */
  uri: string;
}

export interface DigestAnswer {
  /** Nonce count, 1 for the first use of a nonce. */
  nc: number;
  cnonce: string;
}

/**
 * Splits an auth-param list (`a="x, y", b=z`) into lower-cased names and unquoted values.
 * Quoted strings may contain commas and backslash escapes, so a naive split on ", " is wrong.
 */
export function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const skip = (chars: string) => {
    while (i < text.length && chars.includes(text[i])) i++;
  };
  while (i < text.length) {
    skip(" \t,");
    const nameStart = i;
    while (i < text.length && !"=, \t".includes(text[i])) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    skip(" \t");
    if (text[i] !== "=") {
      // A bare token (e.g. the scheme name or a token68): not an auth-param; move on.
      continue;
    }
    i++;
    skip(" \t");
    let value = "";
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      i++;
    } else {
      const valueStart = i;
      while (i < text.length && text[i] !== ",") i++;
      value = text.slice(valueStart, i).trim();
    }
    if (name) params.set(name, value);
  }
  return params;
}

/** Finds the Digest challenge among `WWW-Authenticate` values; undefined when there is none. */
export function parseDigestChallenge(header: string | string[] | undefined): DigestChallenge | undefined {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  for (const value of values) {
    const match = /^\s*Digest\s+/i.exec(value);
    if (!match) continue;
    const params = parseAuthParams(value.slice(match[0].length));
    const realm = params.get("realm");
    const nonce = params.get("nonce");
    if (realm === undefined || !nonce) {
      throw new Error("Atlas sent a Digest challenge without realm or nonce");
    }
    const qops = (params.get("qop") ?? "").split(",").map((q) => q.trim().toLowerCase());
    if (!qops.includes("auth")) {
      throw new Error(`Atlas sent a Digest challenge without qop="auth" (qop="${params.get("qop") ?? ""}")`);
    }
    const algorithmName = (params.get("algorithm") ?? "MD5").toUpperCase();
    if (algorithmName !== "MD5" && algorithmName !== "SHA-256") {
      throw new Error(`Atlas sent a Digest challenge with unsupported algorithm ${algorithmName}`);
    }
    const opaque = params.get("opaque");
    return {
      realm,
      nonce,
      qop: "auth",
      algorithm: algorithmName,
      ...(opaque !== undefined ? { opaque } : {}),
      stale: (params.get("stale") ?? "false").toLowerCase() === "true",
    };
  }
  return undefined;
}

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm === "MD5" ? "md5" : "sha256")
    .update(text, "utf8")
    .digest("hex");
}

/** The `response` value: H(H(A1):nonce:nc:cnonce:qop:H(A2)) with A1 = user:realm:password, A2 = method:uri. */
export function digestResponse(
  challenge: Pick<DigestChallenge, "realm" | "nonce" | "algorithm">,
  credentials: DigestCredentials,
  request: DigestRequest,
  answer: DigestAnswer,
): string {
  const ha1 = hash(challenge.algorithm, `${credentials.username}:${challenge.realm}:${credentials.password}`);
  const ha2 = hash(challenge.algorithm, `${request.method}:${request.uri}`);
  return hash(
    challenge.algorithm,
    `${ha1}:${challenge.nonce}:${formatNonceCount(answer.nc)}:${answer.cnonce}:auth:${ha2}`,
  );
}

/** nc is eight hex digits (RFC 7616 §3.4). */
export function formatNonceCount(nc: number): string {
  return nc.toString(16).padStart(8, "0");
}

/** A fresh client nonce: 16 random bytes, hex. */
export function newClientNonce(): string {
  return randomBytes(16).toString("hex");
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The full `Authorization: Digest …` header value answering the challenge. */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  request: DigestRequest,
  answer: DigestAnswer,
): string {
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `qop=auth`,
    `nc=${formatNonceCount(answer.nc)}`,
    `cnonce=${quote(answer.cnonce)}`,
    `response=${quote(digestResponse(challenge, credentials, request, answer))}`,
  ];
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(", ")}`;
}
