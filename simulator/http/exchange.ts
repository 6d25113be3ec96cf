/** One HTTP request as the simulator's handlers see it, and the plumbing every handler shares. */
import { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../errors";
import { errorContentType } from "../media-types";

/** Bodies above this size are refused with 413 (Atlas's own limit is larger; no request here comes close). */
export const maxBodyBytes = 1024 * 1024;

/** A request that has been read in full: what every handler takes. */
export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  method: string;
  /** The body as received (empty for none). */
  raw: Buffer;
  /** When the request arrived, on the simulator's clock. */
  arrived: number;
}

/** A response about to be written. */
export interface Outgoing {
  status: number;
  body: unknown;
  contentType: string | undefined;
  headers: Record<string, string>;
}

export class BodyTooLarge extends Error {}

/** The whole body, or BodyTooLarge past `maxBodyBytes` (the rest is read and dropped). */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on("end", () => (size > maxBodyBytes ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    request.on("error", reject);
  });
}

/** Writes status, headers and the JSON body (with Content-Type and Content-Length when there is one). */
export function write(response: ServerResponse, outgoing: Outgoing, pretty: boolean): void {
  const headers: Record<string, string> = { ...outgoing.headers };
  let payload: string | undefined;
  if (outgoing.body !== undefined) {
    payload = pretty ? JSON.stringify(outgoing.body, null, 2) : JSON.stringify(outgoing.body);
    if (outgoing.contentType) headers["Content-Type"] = outgoing.contentType;
    headers["Content-Length"] = String(Buffer.byteLength(payload));
  }
  response.writeHead(outgoing.status, headers);
  response.end(payload);
}

/** An Atlas error as a response: its status, Atlas's error body and its headers (Retry-After, ...). */
export function errorOutgoing(error: ApiError): Outgoing {
  return { status: error.status, body: error.toBody(), contentType: errorContentType, headers: { ...error.headers } };
}

export function queryRecord(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) out[key] = value;
  return out;
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}
