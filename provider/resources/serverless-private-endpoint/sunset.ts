/**
 * Atlas sunset serverless instances on 2026-01-22 (they became Flex clusters, which have no private
 * endpoints). The resource still works wherever Atlas answers its API; every run warns once, and the
 * answers of the sunset API become one error that says what to use instead.
 */
import { AtlasApiError } from "../../client";
import type { Logger } from "../../logger";
import type { RunContext } from "../shared/context";

/** The warning, once per run, attached to the resource `logger` is about. */
export function warnAboutSunset(run: RunContext, logger?: Logger): void {
  run.warnOnce(
    "serverless-private-endpoint-sunset",
    "ServerlessPrivateEndpoint: MongoDB Atlas sunset serverless instances on 2026-01-22, and their private endpoint API " +
      "is deprecated; where Atlas still answers it this resource works, elsewhere it fails with a clear error. " +
      "For new work use a dedicated cluster with a PrivateEndpointService.",
    logger,
  );
}

// Atlas answers a sunset resource version with 410 VERSION_GONE; a 400 counts only when it says why.
const sunsetWording = /VERSION_GONE|sunset|deprecat|no longer (?:available|supported)|flex/i;

/** True for Atlas's answer to a call of the sunset serverless API (410, or a 400 that says so). */
export function isSunsetAnswer(error: unknown): error is AtlasApiError {
  if (!(error instanceof AtlasApiError)) return false;
  if (error.status === 410) return true;
  return error.status === 400 && sunsetWording.test(`${error.errorCode ?? ""} ${error.detail ?? ""}`);
}

type Action = "created" | "read" | "updated" | "deleted";

/** What happened, that serverless instances were sunset, and what to use instead; no stack trace. */
export class ServerlessSunsetError extends Error {
  override readonly name = "ServerlessSunsetError";

  constructor(
    what: string,
    action: Action,
    readonly atlasError: AtlasApiError,
  ) {
    const code = atlasError.errorCode ? ` ${atlasError.errorCode}` : "";
    const detail = atlasError.detail ? ` ("${atlasError.detail}")` : "";
    super(
      `${what} could not be ${action}: Atlas answered ${atlasError.method} ${atlasError.path} with HTTP ${atlasError.status}${code}${detail}. ` +
        "MongoDB Atlas sunset serverless instances on 2026-01-22, and with them the serverless private endpoint API, so this " +
        "resource can no longer be managed. Use a dedicated cluster instead, connected privately with this package's " +
        "PrivateEndpointService (serverless private endpoints do not work on Flex clusters, which replaced serverless instances). " +
        "To drop this resource from the stack without calling Atlas, run `pulumi state delete <urn>`.",
    );
    // The Pulumi host prints `${error}: ${error.stack}` for read and delete: keep that to the message.
    this.stack = `${this.name}: ${this.message}`;
  }
}

const actions = { create: "created", read: "read", update: "updated", delete: "deleted" } as const;

/**
 * The error users see: a sunset answer, also one the life cycle wrapped (a refused create), becomes a
 * ServerlessSunsetError about `subject`; anything else is kept.
 */
export function explainSunset(error: unknown, operation: keyof typeof actions, subject: string): unknown {
  const atlasError = isSunsetAnswer(error) ? error : error instanceof Error ? error.cause : undefined;
  if (!isSunsetAnswer(atlasError)) return error;
  return new ServerlessSunsetError(subject, actions[operation], atlasError);
}
