/**
 * The Atlas base URL: https by default, plain http only to a loopback address (the local simulator),
 * so credentials and Digest answers never cross a network in clear text.
 */
import { isIPv4 } from "node:net";

export const defaultBaseUrl = "https://cloud.mongodb.com";

export class BaseUrlError extends Error {
  override readonly name = "BaseUrlError";
}

/** 127.0.0.0/8, ::1 (any spelling URL normalises to [::1]) and the name localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host === "::1") return true;
  if (host.startsWith("::ffff:")) return isLoopbackHost(host.slice("::ffff:".length));
  return isIPv4(host) && host.split(".")[0] === "127";
}

/**
 * Validates and normalises a base URL: no credentials, query or fragment, no trailing slash.
 * A path prefix (a reverse proxy) is kept. Throws BaseUrlError with a message a user can act on;
 * the message never repeats a user:password part.
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BaseUrlError(
      `The Atlas base URL is not a valid URL; expected something like ${defaultBaseUrl} or http://127.0.0.1:8080`,
    );
  }
  if (url.username || url.password) {
    throw new BaseUrlError(
      "The Atlas base URL must not contain a user name or password; set the credentials with the publicKey/privateKey or clientId/clientSecret settings instead",
    );
  }
  const shown = `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) {
      throw new BaseUrlError(
        `The Atlas base URL ${shown} uses plain http://, which would send credentials unencrypted; use https://, or http:// only to a loopback address (127.0.0.0/8, ::1, localhost) such as the local simulator`,
      );
    }
  } else if (url.protocol !== "https:") {
    throw new BaseUrlError(`The Atlas base URL ${shown} must start with https:// (or http:// to a loopback address)`);
  }
  if (url.search || url.hash) {
    throw new BaseUrlError(`The Atlas base URL ${shown} must not have a query string or fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
