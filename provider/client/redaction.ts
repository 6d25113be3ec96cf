/**
 * Keeps credentials out of errors, log lines and stacks. Every error that leaves the client passes
 * through `redactError`, which rebuilds it from redacted text instead of wrapping the original
 * object: undici errors can carry request options, and a `cause` chain is printed by Node and by
 * the Pulumi engine ("${e}: ${e.stack}").
 */

const REDACTED = "[REDACTED]";

/** Header-shaped secrets: `Authorization: Digest …`, `Bearer abc`, `Basic abc=`. */
const authorizationPatterns: RegExp[] = [
  // A quoted value (JSON) ends at its quote; a bare one (a header line) at the end of the line.
  /(authorization["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|[^\r\n]*)/gi,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\b(Digest)\s+username=[^\r\n]*/g,
  /((?:access_token|client_secret|private_?key|password)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers a value that must never be shown (short values are skipped: they would shred ordinary text). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) {
      this.secrets.add(secret);
      this.secrets.add(encodeURIComponent(secret));
    }
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join(REDACTED);
    }
    for (const pattern of authorizationPatterns) {
      result = result.replace(pattern, (_match, prefix: string) =>
        /^(Bearer|Basic|Digest)$/.test(prefix) ? `${prefix} ${REDACTED}` : `${prefix}${REDACTED}`,
      );
    }
    return result;
  }
}

/** A redactor with no registered secrets: still removes Authorization-shaped text. */
export const patternRedactor = new Redactor();

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  stack?: unknown;
  cause?: unknown;
}

/**
 * A plain Error carrying only the redacted name, message, code and stack of `error`, with its cause
 * chain rebuilt the same way (to a bounded depth). Nothing else of the original object survives.
 */
export function redactError(error: unknown, redactor: Redactor = patternRedactor, depth = 0): Error {
  const source: ErrorLike =
    typeof error === "object" && error !== null ? (error as ErrorLike) : { message: String(error) };
  const name = typeof source.name === "string" ? source.name : "Error";
  const message = redactor.redact(typeof source.message === "string" ? source.message : String(source.message ?? ""));
  const copy = new Error(message);
  copy.name = name;
  if (typeof source.code === "string") (copy as Error & { code: string }).code = source.code;
  copy.stack = typeof source.stack === "string" ? redactor.redact(source.stack) : `${name}: ${message}`;
  if (source.cause !== undefined && depth < 4) {
    (copy as Error & { cause: Error }).cause = redactError(source.cause, redactor, depth + 1);
  }
  return copy;
}
