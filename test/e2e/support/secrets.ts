/**
 * Secrets in end-to-end runs: a recording proxy that learns the bearer tokens the simulator hands out
 * (the one secret a test cannot know in advance), and a search of texts and files for secrets.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningSimulator } from "../../../simulator";
import { startBufferingProxy } from "../../support/buffering-proxy";

export interface RecordingProxy {
  baseUrl: string;
  /** Every access_token the simulator's token endpoint returned through this proxy. */
  issuedTokens: string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of the simulator that passes every request through unchanged and keeps
 * the access tokens of /api/oauth/token answers: the one secret a test cannot know in advance.
 */
export async function startRecordingProxy(target: RunningSimulator): Promise<RecordingProxy> {
  const issuedTokens: string[] = [];
  const proxy = await startBufferingProxy(target, (request, statusCode, body) => {
    if (request.url?.startsWith("/api/oauth/token") && statusCode === 200) {
      const token = (JSON.parse(body.toString("utf8")) as { access_token?: string }).access_token;
      if (token) issuedTokens.push(token);
    }
    return undefined;
  });
  return { ...proxy, issuedTokens };
}

/** Every regular file below `dir`, symlinks not followed (so the linked node_modules is skipped). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * Which secrets occur in which texts: "<secret name> in <where>" per hit, so a failure says what leaked
 * where without printing the secret. Texts are searched as given and, for files, as read from disk.
 */
export function findSecrets(texts: Record<string, string>, secrets: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const [secretName, secret] of Object.entries(secrets)) {
    if (secret.length < 8) throw new Error(`the secret ${secretName} is too short to search for meaningfully`);
    for (const [where, text] of Object.entries(texts))
      if (text.includes(secret)) hits.push(`${secretName} in ${where}`);
  }
  return hits;
}
