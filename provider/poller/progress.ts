import type { Logger } from "../logger";
import type { Classification } from "./classification";

/** `93.4 s`: one decimal, so that sub-second waits (tests, the simulator) still read sensibly. */
export function formatElapsed(elapsedMs: number): string {
  return `${(elapsedMs / 1000).toFixed(1)} s`;
}

/** `2m10s`, `45s`, `1h02m`: how a status on the resource's row says how long it has waited. */
export function formatWaited(elapsedMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** How often the status on the row is refreshed while the state stays the same (each refresh is a message). */
const statusRefreshMs = 10_000;

/**
 * Turns one wait's reads into progress: a status on the resource's row ("waiting to settle: INITIATING for
 * 2m10s", replaced by the next one) when the state changes and every 10 s, a debug line per state change
 * (`endpoint service 5f… (AWS US_EAST_1): INITIATING → AVAILABLE after 93.4 s`), and one warning per state
 * this provider does not know, not one per read. Nothing here needs the user's action, so nothing is a
 * diagnostic users must read.
 */
export class ProgressReporter {
  private last: string | undefined;
  private lastStatusAt = Number.NEGATIVE_INFINITY;
  private readonly warnedUnknown = new Set<string>();

  constructor(
    private readonly describe: string,
    private readonly logger: Logger,
    /** What the wait is for, in the status: "to settle" or "to be deleted". */
    private readonly goal = "to settle",
  ) {}

  /** The last state read, or undefined before the first read. */
  get lastState(): string | undefined {
    return this.last;
  }

  observe(classification: Classification, elapsedMs: number): void {
    const { state } = classification;
    if (classification.unknownState && !this.warnedUnknown.has(state)) {
      this.warnedUnknown.add(state);
      this.logger.warn(
        `${this.describe}: Atlas reported state ${state}, which this provider does not know; ` +
          `treating it as transitional and waiting on`,
      );
    }
    const changed = state !== this.last;
    if (changed) {
      const change = this.last === undefined ? state : `${this.last} → ${state}`;
      this.logger.debug(`${this.describe}: ${change} after ${formatElapsed(elapsedMs)}`);
      this.last = state;
    }
    if (classification.phase !== "transitional" && this.goal === "to settle") return;
    if (changed || elapsedMs - this.lastStatusAt >= statusRefreshMs) {
      this.lastStatusAt = elapsedMs;
      this.logger.status?.(`waiting ${this.goal}: ${state} for ${formatWaited(elapsedMs)}`);
    }
  }

  /** The wait is over: its status leaves the resource's row (an empty status clears it). */
  done(): void {
    if (this.lastStatusAt !== Number.NEGATIVE_INFINITY) this.logger.status?.("");
  }

  gone(elapsedMs: number): void {
    const change = this.last === undefined ? "gone" : `${this.last} → gone`;
    this.logger.debug(`${this.describe}: ${change} after ${formatElapsed(elapsedMs)}`);
  }
}
