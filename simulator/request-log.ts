import type { AuthScheme } from "./auth";
import type { FaultKind } from "./faults";

/** One request as the simulator saw it. Never holds credentials, tokens or bodies. */
export interface RequestLogEntry {
  /** Increases by one per request, from 1; survives log trimming so `since` keeps working. */
  sequence: number;
  /** When the request arrived (ms since the epoch). */
  timestamp: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The spec operationId, when the path is an Atlas operation. */
  operationId: string | null;
  /** Null when the connection was reset without an answer. */
  status: number | null;
  authScheme: AuthScheme;
  /** The fault injected into this request, if any (a delay may precede another outcome). */
  fault: FaultKind | null;
  /** Real milliseconds from arrival to the answer. */
  durationMs: number;
}

/** Keeps the latest entries (bounded, so long demo runs do not grow without end). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private sequence = 0;

  constructor(private readonly capacity = 50_000) {}

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries = this.entries.slice(-this.capacity);
  }

  /** Entries with a sequence greater than `since` (all when omitted), oldest first. */
  list(since = 0): RequestLogEntry[] {
    return this.entries
      .filter((entry) => entry.sequence > since)
      .map((entry) => ({ ...entry, query: { ...entry.query } }));
  }

  clear(): void {
    this.entries = [];
  }
}
