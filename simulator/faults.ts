/**
 * Fault injection for client tests. Each fault is bounded by a count and matches Atlas API requests by
 * method, path prefix and/or operationId (all given must match; none given = every request):
 * - `error`: answer with this status (5xx bursts, or 429/503 with Retry-After) and an Atlas error body;
 * - `reset`: destroy the connection without answering;
 * - `delay`: answer only after `delayMs` (then handle the request normally);
 * - `fail`: the next matching create succeeds (2xx) but the resource ends FAILED with `errorMessage`.
 * Faults apply after authentication, so digest challenge round-trips do not use them up.
 */
import { ControlError } from "./resources/resource-module";
import { isJsonObject } from "./validation";

export interface FaultMatch {
  method?: string;
  pathPrefix?: string;
  operationId?: string;
}

interface FaultBase {
  /** How many matching requests the fault affects (default 1). */
  count?: number;
  match?: FaultMatch;
}

export type FaultSpec =
  | (FaultBase & { kind: "error"; status: number; errorCode?: string; retryAfterSeconds?: number })
  | (FaultBase & { kind: "reset" })
  | (FaultBase & { kind: "delay"; delayMs: number })
  | (FaultBase & { kind: "fail"; errorMessage?: string });

export type FaultKind = FaultSpec["kind"];

export type Fault = FaultSpec & { id: number; remaining: number; applied: number };

export interface FaultTarget {
  method: string;
  path: string;
  operationId: string | undefined;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== target.method) return false;
  if (match.pathPrefix !== undefined && !target.path.startsWith(match.pathPrefix)) return false;
  if (match.operationId !== undefined && match.operationId !== target.operationId) return false;
  return true;
}

/** Checks a fault spec that may come from JSON; throws ControlError(400) when it is not one. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (!isJsonObject(input)) throw new ControlError(400, "a fault must be a JSON object");
  const { kind, count, match } = input;
  if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count) || count < 1)) {
    throw new ControlError(400, "fault count must be an integer >= 1");
  }
  if (match !== undefined) {
    if (!isJsonObject(match)) throw new ControlError(400, "fault match must be an object");
    for (const key of Object.keys(match)) {
      if (!["method", "pathPrefix", "operationId"].includes(key) || typeof match[key] !== "string") {
        throw new ControlError(400, `fault match.${key} is not one of method, pathPrefix, operationId (strings)`);
      }
    }
  }
  const common = {
    ...(count !== undefined ? { count } : {}),
    ...(match !== undefined ? { match: match as FaultMatch } : {}),
  };
  switch (kind) {
    case "error": {
      const { status, errorCode, retryAfterSeconds } = input;
      if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) {
        throw new ControlError(400, "an error fault needs a status between 400 and 599");
      }
      if (errorCode !== undefined && typeof errorCode !== "string")
        throw new ControlError(400, "errorCode must be a string");
      if (retryAfterSeconds !== undefined && (typeof retryAfterSeconds !== "number" || retryAfterSeconds < 0)) {
        throw new ControlError(400, "retryAfterSeconds must be a number >= 0");
      }
      return {
        kind,
        status,
        ...(errorCode !== undefined ? { errorCode } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...common,
      };
    }
    case "reset":
      return { kind, ...common };
    case "delay": {
      const { delayMs } = input;
      if (typeof delayMs !== "number" || delayMs < 0 || delayMs > 600_000)
        throw new ControlError(400, "a delay fault needs delayMs between 0 and 600000");
      return { kind, delayMs, ...common };
    }
    case "fail": {
      const { errorMessage } = input;
      if (errorMessage !== undefined && typeof errorMessage !== "string")
        throw new ControlError(400, "errorMessage must be a string");
      return { kind, ...(errorMessage !== undefined ? { errorMessage } : {}), ...common };
    }
    default:
      throw new ControlError(400, `unknown fault kind ${JSON.stringify(kind)} (error, reset, delay, fail)`);
  }
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const checked = parseFaultSpec(spec);
    const fault: Fault = { ...checked, id: this.nextId++, remaining: checked.count ?? 1, applied: 0 };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first active fault of one of these kinds matching the request, consumed by one use. */
  take<K extends FaultKind>(kinds: readonly K[], target: FaultTarget): Extract<Fault, { kind: K }> | undefined {
    const fault = this.faults.find(
      (candidate) =>
        (kinds as readonly FaultKind[]).includes(candidate.kind) &&
        candidate.remaining > 0 &&
        matches(candidate.match, target),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.applied += 1;
    const taken = { ...fault } as Extract<Fault, { kind: K }>;
    if (fault.remaining === 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return taken;
  }
}
