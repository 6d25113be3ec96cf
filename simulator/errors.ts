/**
 * Atlas error bodies (`ApiError`). Codes and detail texts come from the Atlas "API error codes" page
 * and recorded responses (see simulator/README.md, "Error codes"); codes marked "simulator's choice"
 * below have no published Atlas counterpart and are documented as such.
 * Error bodies are always sent as plain `application/json`, never the versioned media type.
 */

export interface FieldViolation {
  field: string;
  description: string;
}

export interface ApiErrorBody {
  badRequestDetail?: { fields: FieldViolation[] };
  detail: string | null;
  error: number;
  errorCode: string;
  parameters: unknown[];
  reason: string | null;
}

export const reasonPhrases: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return reasonPhrases[status] ?? "Error";
}

/** An Atlas API error: thrown by handlers, turned into a response by the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly parameters: unknown[] = [],
    readonly fields: FieldViolation[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${errorCode}: ${detail}`);
    this.name = "ApiError";
  }

  /** Keys in alphabetical order, the way Atlas (Jackson, sorted) writes them. */
  toBody(): ApiErrorBody {
    return {
      ...(this.fields.length > 0 ? { badRequestDetail: { fields: this.fields } } : {}),
      detail: this.detail,
      error: this.status,
      errorCode: this.errorCode,
      parameters: this.parameters,
      reason: reasonPhrase(this.status),
    };
  }
}

// ---- 400 --------------------------------------------------------------------------------------------

export const malformedJson = () => new ApiError(400, "MALFORMED_JSON", "Received JSON is malformed.");

export const invalidJson = () => new ApiError(400, "INVALID_JSON", "Received JSON does not match expected format.");

export const invalidQueryParameter = (name: string, description: string) =>
  new ApiError(
    400,
    "INVALID_QUERY_PARAMETER",
    `Invalid query parameter ${name} specified.`,
    [name],
    [{ field: name, description }],
  );

/** A path id that does not match its pattern (Atlas answers 400 before looking anything up). */
export const pathParameterInvalid = (fields: FieldViolation[]) =>
  new ApiError(
    400,
    "PATH_PARAM_PARSE_ERROR",
    `One or more path parameter(s) were not in the expected format: ${fields.map((f) => f.field).join(", ")}.`,
    fields.map((f) => f.field),
    fields,
  );

/** Generic state conflict answered as 400 where the spec declares no 409 (simulator's choice of detail). */
export const validationError = (message: string) =>
  new ApiError(400, "VALIDATION_ERROR", `The request content produced the validation error: ${message}`, [message]);

// ---- 401 / 404 / 405 / 406 / 410 / 415 ----------------------------------------------------------------

/** Atlas's answer to missing or wrong credentials (errorCode is the simulator's choice: Atlas varies it). */
export const unauthorized = (detail = "You are not authorized for this resource.") =>
  new ApiError(401, "UNAUTHORIZED", detail);

export const resourceNotFound = (resource: string) =>
  new ApiError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${resource}.`, [resource]);

export const methodNotAllowed = (method: string, path: string, allowed: string[]) =>
  new ApiError(405, "METHOD_NOT_ALLOWED", `Method ${method} is not allowed for ${path}.`, [method, path], [], {
    Allow: allowed.join(", "),
  });

/** Atlas: `406 INVALID_VERSION_DATE: Invalid accept header or version date.` (recorded in client code). */
export const invalidVersionDate = () =>
  new ApiError(406, "INVALID_VERSION_DATE", "Invalid accept header or version date.");

export const versionGone = (detail: string) => new ApiError(410, "VERSION_GONE", detail);

/** 415 for a body sent with a non-JSON Content-Type (simulator's choice: Atlas documents none). */
export const unsupportedMediaType = (contentType: string | undefined) =>
  new ApiError(
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    `Unsupported content type ${contentType ?? "(none)"}; send application/vnd.atlas.2023-01-01+json.`,
    [contentType ?? null],
  );

export const payloadTooLarge = (limit: number) =>
  new ApiError(413, "PAYLOAD_TOO_LARGE", `Request bodies are limited to ${limit} bytes.`, [limit]);

// ---- 5xx --------------------------------------------------------------------------------------------

const serverErrorCodes: Readonly<Record<number, [string, string]>> = {
  500: ["UNEXPECTED_ERROR", "Unexpected error."],
  502: ["BAD_GATEWAY", "Bad gateway."],
  503: ["SERVICE_UNAVAILABLE", "Service Unavailable."],
  504: ["GATEWAY_TIMEOUT", "Gateway timeout."],
};

/** The body of an injected error status: the Atlas code for that status, or the one the fault names. */
export function injectedError(status: number, errorCode?: string, headers: Record<string, string> = {}): ApiError {
  const [code, detail] = serverErrorCodes[status] ?? ["UNEXPECTED_ERROR", "Unexpected error."];
  return new ApiError(status, errorCode ?? code, detail, [], [], headers);
}
