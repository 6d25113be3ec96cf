/**
 * HTTP Digest as an interceptor, reusing the server's nonce. The official SDK and the Terraform
 * provider send every call unauthenticated first and answer the 401, so each API call costs two
 * requests. We keep the last challenge and answer it pre-emptively with an increasing nonce count
 * (RFC 7616 §3.4), so in the steady state a call costs ONE request:
 * - no nonce yet: one request goes out bare to fetch the challenge; concurrent calls wait for it
 *   instead of each fetching their own (single flight), then all answer the same nonce;
 * - nc is taken with a synchronous increment, so concurrent calls never reuse a count;
 * - a 401 with `stale=true` (the nonce expired) is answered once with the new nonce (bounded, see
 *   maxDigestAttempts);
 * - a 401 without `stale=true` to an answered challenge means the keys are wrong: it reaches the caller.
 */
import type { IncomingHttpHeaders } from "node:http";
import {
  digestAuthorization,
  newClientNonce,
  parseAuthParams,
  parseDigestChallenge,
  type DigestChallenge,
  type DigestCredentials,
} from "./digest";
import { stagedInterceptor, withHeader, type DispatchOptions, type Interceptor } from "./staged-dispatch";

interface NonceState {
  challenge: DigestChallenge;
  /** Last nonce count used with this nonce. */
  nc: number;
}

/** Digest state for one set of credentials against one server. */
export class DigestSession {
  private current: NonceState | undefined;
  /** Resolves when the bare request in flight has brought back a challenge (or failed). */
  private challengeFetch: Promise<void> | undefined;
  private releaseChallengeFetch: (() => void) | undefined;

  constructor(private readonly credentials: DigestCredentials) {}

  /** The nonce in use, for tests and diagnostics (a nonce is not a secret). */
  get nonce(): string | undefined {
    return this.current?.challenge.nonce;
  }

  /**
   * The Authorization value for one attempt, or undefined when this attempt must go out bare to
   * fetch the first challenge. Waits (abortably) while another attempt is fetching it.
   */
  async authorize(method: string, uri: string, signal: AbortSignal): Promise<string | undefined> {
    for (;;) {
      if (this.current) {
        const state = this.current;
        state.nc += 1;
        return digestAuthorization(
          state.challenge,
          this.credentials,
          { method, uri },
          { nc: state.nc, cnonce: newClientNonce() },
        );
      }
      if (!this.challengeFetch) {
        this.challengeFetch = new Promise<void>((resolve) => (this.releaseChallengeFetch = resolve));
        return undefined;
      }
      await abortable(this.challengeFetch, signal);
    }
  }

  /**
   * Called with every response to an attempt; returns true when the attempt should be sent again
   * (we learnt a challenge we can answer).
   */
  onResponse(statusCode: number, headers: IncomingHttpHeaders, sentAuthorization: string | undefined): boolean {
    const wasChallengeFetch = sentAuthorization === undefined;
    let challenge: DigestChallenge | undefined;
    if (statusCode === 401) {
      try {
        challenge = parseDigestChallenge(headers["www-authenticate"]);
      } catch {
        challenge = undefined; // A malformed challenge: let the 401 reach the caller.
      }
    }
    if (wasChallengeFetch) {
      if (challenge && this.current?.challenge.nonce !== challenge.nonce) this.current = { challenge, nc: 0 };
      this.endChallengeFetch();
      return challenge !== undefined;
    }
    if (!challenge?.stale) return false;
    // Switch to the new nonce only if we are still on the one refused: when several calls in flight
    // meet the same stale nonce, the first installs a new one and the others answer that one,
    // instead of each resetting the count with yet another nonce.
    if (this.current === undefined || this.current.challenge.nonce === nonceOf(sentAuthorization)) {
      this.current = { challenge, nc: 0 };
    }
    return true;
  }

  /** The bare attempt failed before any answer: let a waiting call fetch the challenge itself. */
  onAttemptFailed(sentAuthorization: string | undefined): void {
    if (sentAuthorization === undefined) this.endChallengeFetch();
  }

  private endChallengeFetch(): void {
    this.releaseChallengeFetch?.();
    this.challengeFetch = undefined;
    this.releaseChallengeFetch = undefined;
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function nonceOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  return parseAuthParams(authorization.replace(/^\s*Digest\s+/i, "")).get("nonce");
}

function sentAuthorizationOf(options: DispatchOptions): string | undefined {
  const headers = options.headers as Record<string, string | string[] | undefined> | undefined;
  const value = headers?.authorization ?? headers?.Authorization;
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Attempts per request: the answer to a first challenge, plus re-answers to stale nonces. A server
 * that checks nc strictly in order can call a nonce stale when concurrent calls overtake each other
 * on different connections; each such 401 is answered once with the new nonce, up to this bound, so
 * a server that keeps refusing cannot make us loop.
 */
const maxDigestAttempts = 4;

export function digestAuthInterceptor(session: DigestSession): Interceptor {
  return stagedInterceptor(() => ({
    prepare: async (options, _attempt, signal) => {
      const authorization = await session.authorize(options.method, options.path, signal);
      return authorization === undefined
        ? options
        : { ...options, headers: withHeader(options.headers, "authorization", authorization) };
    },
    onResponseHead: (statusCode, headers, sent, attempt) => {
      const replay = session.onResponse(statusCode, headers, sentAuthorizationOf(sent));
      return replay && attempt < maxDigestAttempts ? "replay" : "forward";
    },
    // A bare attempt that dies without an answer must not leave the calls waiting on it stuck.
    onAttemptError: (sent) => session.onAttemptFailed(sentAuthorizationOf(sent)),
  }));
}
