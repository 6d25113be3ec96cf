import type { Logger } from "../logger";
import type { Classification } from "./classification";

/** `93.4 s`: one decimal, so that sub-second waits (tests, the simulator) still read sensibly. */
export function formatElapsed(elapsedMs: number): string {
  return `${(elapsedMs / 1000).toFixed(1)} s`;
}

/**
 * Turns one wait's reads into progress lines: one info line per state change with the time waited so far
 * (`endpoint service 5f… (AWS US_EAST_1): INITIATING → AVAILABLE after 93.4 s`), and one warning per
 * state this provider does not know, not one per read.
 */
export class ProgressReporter {
  private last: string | undefined;
  private readonly warnedUnknown = new Set<string>();

  constructor(
    private readonly describe: string,
    private readonly logger: Logger,
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
    if (state !== this.last) {
      const change = this.last === undefined ? state : `${this.last} → ${state}`;
      this.logger.info(`${this.describe}: ${change} after ${formatElapsed(elapsedMs)}`);
      this.last = state;
    }
  }

  gone(elapsedMs: number): void {
    const change = this.last === undefined ? "gone" : `${this.last} → gone`;
    this.logger.info(`${this.describe}: ${change} after ${formatElapsed(elapsedMs)}`);
  }
}
