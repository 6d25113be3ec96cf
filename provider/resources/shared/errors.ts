import { AtlasApiError, AtlasProtocolError, AtlasTimeoutError, AtlasTransportError } from "../../client";

/** The message of whatever was thrown (the client's errors name method, path and status, never a credential). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A write that failed this way may still have been carried out: Atlas answered 5xx after acting, the answer
 * was lost (a reset connection, a timeout), or it came back unreadable. Before giving up or sending the write
 * again, look the resource up by its natural key.
 */
export function mayHaveReachedAtlas(error: unknown): boolean {
  if (error instanceof AtlasApiError) return error.status >= 500;
  return (
    error instanceof AtlasTransportError || error instanceof AtlasTimeoutError || error instanceof AtlasProtocolError
  );
}
