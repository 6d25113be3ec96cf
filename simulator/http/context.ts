/** What the simulator's HTTP handlers share for one running server. */
import type { Authenticator } from "../auth";
import type { Control } from "../control-api";
import type { FaultRegistry } from "../faults";
import type { RateLimiter } from "../rate-limit";
import type { RequestLog } from "../request-log";
import type { Router } from "../router";
import type { SimulatorState } from "../state";

/** A response the simulator sent for an Atlas API operation (given to `responseObserver`). */
export interface ObservedResponse {
  /** The spec operationId; undefined when the path is no Atlas operation (404/405). */
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  contentType: string | undefined;
  /** The JSON body as sent (after `envelope`); undefined when there is none. */
  body: unknown;
  /** True when the request asked for `envelope=true`, so `body` is the wrapper (see atlas-pipeline.ts). */
  envelope: boolean;
}

export interface ServerContext {
  readonly state: SimulatorState;
  readonly auth: Authenticator;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultRegistry;
  readonly requestLog: RequestLog;
  readonly router: Router;
  readonly control: Control;
  /** Injected `delay` faults in progress; `close()` cuts them short. */
  readonly delays: PendingDelays;
  readonly responseObserver: ((response: ObservedResponse) => void) | undefined;
  /** e.g. http://127.0.0.1:8787, known once the server listens: links in list responses start with it. */
  baseUrl(): string;
}

/** Real-time waits (delay faults) that the server's close() ends at once instead of waiting them out. */
export class PendingDelays {
  private readonly aborts = new Set<() => void>();
  private isClosed = false;

  /** True once the server is closing: a request that was delayed is then dropped, not answered. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Waits `ms` and resolves true, or resolves false at once if the server closes meanwhile. */
  delay(ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const finish = (completed: boolean) => {
        clearTimeout(timer);
        this.aborts.delete(abort);
        resolve(completed);
      };
      const abort = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      this.aborts.add(abort);
    });
  }

  /** Marks the server closed and ends every pending delay. */
  close(): void {
    this.isClosed = true;
    for (const abort of [...this.aborts]) abort();
  }
}
