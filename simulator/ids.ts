import { randomBytes, randomUUID } from "node:crypto";

/** Random lowercase hex of the given length. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * A 24-hex id shaped like a MongoDB ObjectId (seconds, random, counter), the form every Atlas `*Id`
 * takes (`^([a-f0-9]{24})$`). The counter keeps ids unique within one process even in the same second.
 */
export function objectId(nowMs: number = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, "0")
    .slice(-8);
  counter = (counter + 1) % 0xffffff;
  return `${seconds}${randomHex(10)}${counter.toString(16).padStart(6, "0")}`;
}

export function uuid(): string {
  return randomUUID();
}

/** An opaque bearer token or nonce: url-safe, unguessable. */
export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
