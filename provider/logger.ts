/**
 * The one logger interface of the library. Inside the dynamic-provider host, records go to the engine
 * attached to their resource (engine-log.ts: pulumi.log does not reach the engine from there,
 * pulumi/pulumi#6065); elsewhere, and when the engine cannot be reached, to the console.
 * Messages never carry credentials: callers pass ids, states and timings only.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /**
   * Progress of a wait, shown on the resource's own row while it lasts (the engine's ephemeral status, see
   * engine-log.ts); where there is no such row, a debug line.
   */
  status?(message: string): void;
}

const levelOrder: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Reads the threshold from PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL (default "info"). */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const value = env.PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL?.toLowerCase();
  return value === "debug" || value === "info" || value === "warn" || value === "error" ? value : "info";
}

/** A logger writing `[atlas-network] message` lines: info and debug to stdout, warn and error to stderr. */
export function createConsoleLogger(level: LogLevel = logLevelFromEnv()): Logger {
  const enabled = (l: LogLevel) => levelOrder[l] >= levelOrder[level];
  const write = (l: LogLevel, message: string) => {
    if (!enabled(l)) return;
    const line = `[atlas-network] ${message}`;
    if (l === "warn" || l === "error") console.error(line);
    else console.log(line);
  };
  return {
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
    status: (m) => write("debug", m),
  };
}

/** A logger that drops everything (the default for library calls that pass none). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  status: () => {},
};

/** A logger that keeps lines in memory: for tests that assert on progress and on the absence of secrets. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (l: LogLevel | "status") => (m: string) => void lines.push(`${l}: ${m}`);
  return {
    lines,
    debug: push("debug"),
    info: push("info"),
    warn: push("warn"),
    error: push("error"),
    status: push("status"),
  };
}
