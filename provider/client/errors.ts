/**
 * The errors the client throws. Every message names the call (method and path) and what Atlas said;
 * none carries a credential: messages are built from Atlas's error body and our own text, passed
 * through the client's Redactor, and causes are redacted copies (see redaction.ts).
 */
import { patternRedactor, type Redactor } from "./redaction";

export interface FieldViolation {
  field: string;
  description: string;
}

/** Atlas's `ApiError` body, read leniently: real responses differ from the spec (parameters hold strings and numbers). */
export interface ApiErrorBody {
  error?: number;
  errorCode?: string;
  detail?: string | null;
  reason?: string | null;
  parameters?: unknown[] | null;
  badRequestDetail?: { fields?: FieldViolation[] | null } | null;
}

/**
 * The body as an ApiErrorBody, or undefined when a field has another type (then it is not Atlas's error body).
 * Checked by hand rather than with zod: the client is on every provider process's path, zod is not needed there.
 */
function asApiErrorBody(json: unknown): ApiErrorBody | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const body = json as Record<string, unknown>;
  const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
  const nullish = (value: unknown, check: (v: unknown) => boolean) =>
    value === undefined || value === null || check(value);
  const isString = (v: unknown) => typeof v === "string";
  const isFieldViolation = (v: unknown) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as FieldViolation).field === "string" &&
    typeof (v as FieldViolation).description === "string";
  const isBadRequestDetail = (v: unknown) =>
    typeof v === "object" &&
    v !== null &&
    nullish((v as { fields?: unknown }).fields, (f) => Array.isArray(f) && f.every(isFieldViolation));
  const valid =
    optional(body.error, (v) => Number.isInteger(v)) &&
    optional(body.errorCode, isString) &&
    nullish(body.detail, isString) &&
    nullish(body.reason, isString) &&
    nullish(body.parameters, Array.isArray) &&
    nullish(body.badRequestDetail, isBadRequestDetail);
  if (!valid) return undefined;
  const detail = body.badRequestDetail as ApiErrorBody["badRequestDetail"];
  return {
    ...(body.error !== undefined ? { error: body.error as number } : {}),
    ...(body.errorCode !== undefined ? { errorCode: body.errorCode as string } : {}),
    ...(body.detail !== undefined ? { detail: body.detail as string | null } : {}),
    ...(body.reason !== undefined ? { reason: body.reason as string | null } : {}),
    ...(body.parameters !== undefined ? { parameters: body.parameters as unknown[] | null } : {}),
    ...(detail !== undefined
      ? {
          badRequestDetail:
            detail === null
              ? null
              : {
                  fields:
                    detail.fields?.map((f) => ({ field: f.field, description: f.description })) ??
                    (detail.fields as null | undefined),
                },
        }
      : {}),
  };
}

export interface AtlasApiErrorInit {
  method: string;
  path: string;
  status: number;
  operationId?: string;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: { fields: FieldViolation[] };
  retryAfterMs?: number;
}

/** Atlas answered with a non-2xx status. */
export class AtlasApiError extends Error {
  override readonly name = "AtlasApiError";
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly operationId: string | undefined;
  readonly errorCode: string | undefined;
  readonly detail: string | undefined;
  readonly reason: string | undefined;
  readonly parameters: unknown[];
  readonly badRequestDetail: { fields: FieldViolation[] } | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: AtlasApiErrorInit, redactor: Redactor = patternRedactor) {
    const detail = init.detail === undefined ? undefined : redactor.redact(init.detail);
    const fields = init.badRequestDetail?.fields.map((f) => ({
      field: redactor.redact(f.field),
      description: redactor.redact(f.description),
    }));
    super(formatApiErrorMessage({ ...init, detail, badRequestDetail: fields ? { fields } : undefined }));
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.operationId = init.operationId;
    this.errorCode = init.errorCode;
    this.detail = detail;
    this.reason = init.reason;
    this.parameters = init.parameters ?? [];
    this.badRequestDetail = fields ? { fields } : undefined;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function formatApiErrorMessage(init: AtlasApiErrorInit): string {
  const status = `HTTP ${init.status}${init.reason ? ` ${init.reason}` : ""}`;
  const code = init.errorCode ? ` ${init.errorCode}` : "";
  let message = `Atlas API ${init.method} ${init.path} failed: ${status}${code}`;
  if (init.detail) message += `: ${init.detail}`;
  const fields = init.badRequestDetail?.fields ?? [];
  if (fields.length > 0)
    message += ` (invalid fields: ${fields.map((f) => `${f.field}: ${f.description}`).join("; ")})`;
  return message;
}

/** A response body as Atlas's `ApiError`, or undefined when it is not JSON or not that shape. */
export function apiErrorBodyOf(text: string): ApiErrorBody | undefined {
  try {
    return asApiErrorBody(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Builds an AtlasApiError from a response. `body` is the raw text; a body that is not Atlas's
 * JSON error (a proxy's HTML page, an OAuth error) still yields an error naming the status.
 */
export function apiErrorFromResponse(
  response: { method: string; path: string; status: number; operationId?: string; body: string; retryAfterMs?: number },
  redactor: Redactor = patternRedactor,
): AtlasApiError {
  let parsed: ApiErrorBody | undefined;
  let oauthDetail: string | undefined;
  try {
    const json: unknown = JSON.parse(response.body);
    parsed = asApiErrorBody(json);
    // The token endpoint answers OAuth-style ({ error: "invalid_client", error_description }).
    if (typeof json === "object" && json !== null && typeof (json as { error?: unknown }).error === "string") {
      const oauth = json as { error: string; error_description?: unknown };
      oauthDetail =
        typeof oauth.error_description === "string" ? `${oauth.error}: ${oauth.error_description}` : oauth.error;
    }
  } catch {
    // Not JSON: fall through with a snippet of the text.
  }
  const snippet = response.body.trim().slice(0, 200);
  const detail = parsed?.detail ?? oauthDetail ?? (parsed === undefined && snippet ? snippet : undefined);
  const fields = parsed?.badRequestDetail?.fields ?? undefined;
  return new AtlasApiError(
    {
      method: response.method,
      path: response.path,
      status: response.status,
      ...(response.operationId !== undefined ? { operationId: response.operationId } : {}),
      ...(parsed?.errorCode !== undefined ? { errorCode: parsed.errorCode } : {}),
      ...(detail ? { detail } : {}),
      ...(parsed?.reason ? { reason: parsed.reason } : {}),
      ...(parsed?.parameters ? { parameters: parsed.parameters } : {}),
      ...(fields && fields.length > 0 ? { badRequestDetail: { fields } } : {}),
      ...(response.retryAfterMs !== undefined ? { retryAfterMs: response.retryAfterMs } : {}),
    },
    redactor,
  );
}

/** The request never got an HTTP answer (connection refused or reset, DNS, TLS) after the retries allowed. */
export class AtlasTransportError extends Error {
  override readonly name = "AtlasTransportError";
  constructor(
    readonly method: string,
    readonly path: string,
    /** The system or undici error code, e.g. ECONNRESET, UND_ERR_SOCKET. */
    readonly code: string | undefined,
    message: string,
    options?: { cause?: Error },
  ) {
    super(`Atlas API ${method} ${path} failed: ${message}${code ? ` (${code})` : ""}`, options);
  }
}

/** The call did not finish within its time limit (including retries and waits for the request budget). */
export class AtlasTimeoutError extends Error {
  override readonly name = "AtlasTimeoutError";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
  ) {
    super(`Atlas API ${method} ${path} timed out after ${timeoutMs} ms`);
  }
}

/** The caller's AbortSignal fired. */
export class AtlasAbortError extends Error {
  override readonly name = "AbortError";
  constructor(
    readonly method: string,
    readonly path: string,
    options?: { cause?: Error },
  ) {
    super(`Atlas API ${method} ${path} was aborted`, options);
  }
}

/** Atlas answered 2xx with something that is not the declared media type or not JSON. */
export class AtlasProtocolError extends Error {
  override readonly name = "AtlasProtocolError";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(`Atlas API ${method} ${path} answered HTTP ${status} but ${message}`);
  }
}

/** true for an Atlas 404 (the resource does not exist, or is gone). */
/** Settings a caller gave createAtlasClient are invalid; the message names each setting, never a value. */
export class ClientSettingsError extends Error {
  override readonly name = "ClientSettingsError";
}

export function isNotFound(error: unknown): error is AtlasApiError {
  return error instanceof AtlasApiError && error.status === 404;
}

/** true when Atlas answered with this errorCode (e.g. `CONTAINERS_IN_USE`). */
export function hasErrorCode(error: unknown, errorCode: string): error is AtlasApiError {
  return error instanceof AtlasApiError && error.errorCode === errorCode;
}
