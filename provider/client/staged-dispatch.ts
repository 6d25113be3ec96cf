/**
 * The building block of our own interceptors (auth and budget): a request that may wait before it is
 * sent (for a token from the budget, an OAuth token, the first Digest challenge) and may be sent
 * again after a response its interceptor consumes (a 401 it can answer). undici's DecoratorHandler
 * cannot do either, so this follows what undici's RetryHandler does for the same needs: the
 * caller's handler gets ONE controller for the whole logical request, which forwards to whichever
 * attempt is current, and a consumed response is drained instead of being forwarded.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";

export type DispatchOptions = Dispatcher.DispatchOptions;
export type DispatchHandler = Dispatcher.DispatchHandler;
export type DispatchController = Dispatcher.DispatchController;
type Dispatch = (options: DispatchOptions, handler: DispatchHandler) => boolean;
export type Interceptor = (dispatch: Dispatch) => Dispatch;

export interface StagedRequestHooks {
  /**
   * Runs before every attempt (attempt 1, 2, …); may wait, honouring `signal`, and returns the
   * options to send (typically with an Authorization header added).
   */
  prepare(options: DispatchOptions, attempt: number, signal: AbortSignal): DispatchOptions | Promise<DispatchOptions>;
  /**
   * Sees every final response head. "replay" drains this response and runs another attempt
   * (prepare is called again); "forward" hands it to the caller.
   */
  onResponseHead?(
    statusCode: number,
    headers: IncomingHttpHeaders,
    sent: DispatchOptions,
    attempt: number,
  ): "forward" | "replay";
  /** The statuses whose body `onResponseBody` wants to see (the body still goes to the caller). */
  wantsBody?(statusCode: number): boolean;
  /** The first `maxObservedBodyBytes` of a forwarded response's body whose status `wantsBody` asked for. */
  onResponseBody?(statusCode: number, body: Buffer, sent: DispatchOptions): void;
  /** A prepared attempt ended without a response head (connection error, abort): release what prepare reserved. */
  onAttemptError?(sent: DispatchOptions, error: Error): void;
}

/** The one controller the caller sees; pause, resume and abort reach the current attempt. */
class LogicalController implements DispatchController {
  #target: DispatchController | null = null;
  #paused = false;
  #aborted = false;
  #reason: Error | null = null;
  rawHeaders: DispatchController["rawHeaders"] = null;
  rawTrailers: DispatchController["rawTrailers"] = null;

  constructor(private readonly onAbort: (reason: Error) => void) {}

  set target(controller: DispatchController | null) {
    this.#target = controller;
    if (!controller) return;
    if (this.#aborted) controller.abort(this.#reason ?? new Error("aborted"));
    else if (this.#paused) controller.pause();
  }

  get aborted(): boolean {
    return this.#aborted;
  }
  get paused(): boolean {
    return this.#paused;
  }
  get reason(): Error | null {
    return this.#reason;
  }

  abort(reason: Error): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#target?.abort(reason);
    this.onAbort(reason);
  }
  pause(): void {
    this.#paused = true;
    this.#target?.pause();
  }
  resume(): void {
    this.#paused = false;
    this.#target?.resume();
  }
}

/** Enough for any Atlas error body; a longer one is cut. */
const maxObservedBodyBytes = 16_384;

class StagedRequest implements DispatchHandler {
  readonly #controller: LogicalController;
  readonly #internalAbort = new AbortController();
  #attempt = 0;
  #sent: DispatchOptions;
  #inFlight = false;
  #headSeen = false;
  #draining = false;
  #done = false;
  /** The forwarded response's status and body so far, when `wantsBody` asked for it. */
  #observed: { statusCode: number; chunks: Buffer[]; bytes: number } | undefined;

  constructor(
    private readonly dispatch: Dispatch,
    private readonly options: DispatchOptions,
    private readonly handler: DispatchHandler,
    private readonly hooks: StagedRequestHooks,
  ) {
    this.#sent = options;
    this.#controller = new LogicalController((reason) => {
      this.#internalAbort.abort(reason);
      // Between attempts nothing in undici will report the abort: we do.
      if (!this.#inFlight) this.#fail(reason);
    });
  }

  start(): void {
    // The caller learns its controller at once, so an abort during a wait reaches us.
    this.handler.onRequestStart?.(this.#controller, {});
    if (!this.#controller.aborted) void this.#nextAttempt();
  }

  async #nextAttempt(): Promise<void> {
    this.#attempt += 1;
    let options: DispatchOptions;
    try {
      options = await this.hooks.prepare(this.options, this.#attempt, this.#internalAbort.signal);
    } catch (error) {
      this.#fail(this.#controller.aborted && this.#controller.reason ? this.#controller.reason : toError(error));
      return;
    }
    this.#sent = options;
    this.#headSeen = false;
    if (this.#done || this.#controller.aborted) {
      this.hooks.onAttemptError?.(options, this.#controller.reason ?? new Error("aborted"));
      return;
    }
    this.#inFlight = true;
    try {
      this.dispatch(options, this);
    } catch (error) {
      this.#inFlight = false;
      this.hooks.onAttemptError?.(options, toError(error));
      this.#fail(toError(error));
    }
  }

  #fail(error: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.handler.onResponseError?.(this.#controller, error);
  }

  onRequestStart(controller: DispatchController): void {
    this.#controller.target = controller;
  }

  onRequestUpgrade(
    _controller: DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    socket: import("node:stream").Duplex,
  ): void {
    this.handler.onRequestUpgrade?.(this.#controller, statusCode, headers, socket);
  }

  onResponseStarted(): void {
    this.handler.onResponseStarted?.();
  }

  onResponseStart(
    controller: DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    if (statusCode < 200) {
      this.handler.onResponseStart?.(this.#controller, statusCode, headers, statusMessage);
      return;
    }
    this.#headSeen = true;
    const decision = this.hooks.onResponseHead?.(statusCode, headers, this.#sent, this.#attempt) ?? "forward";
    if (decision === "replay") {
      this.#draining = true;
      // The caller may have paused the logical controller; the body we drain must still flow.
      controller.resume();
      return;
    }
    this.#observed = this.hooks.wantsBody?.(statusCode) ? { statusCode, chunks: [], bytes: 0 } : undefined;
    this.#controller.rawHeaders = controller.rawHeaders ?? null;
    this.handler.onResponseStart?.(this.#controller, statusCode, headers, statusMessage);
  }

  onResponseData(_controller: DispatchController, chunk: Buffer): void {
    if (this.#draining) return;
    const observed = this.#observed;
    if (observed && observed.bytes < maxObservedBodyBytes) {
      observed.chunks.push(chunk.subarray(0, maxObservedBodyBytes - observed.bytes));
      observed.bytes += chunk.length;
    }
    this.handler.onResponseData?.(this.#controller, chunk);
  }

  onResponseEnd(controller: DispatchController, trailers: IncomingHttpHeaders): void {
    this.#inFlight = false;
    if (this.#draining) {
      this.#draining = false;
      this.#controller.target = null;
      if (this.#controller.aborted) {
        this.#fail(this.#controller.reason ?? new Error("aborted"));
        return;
      }
      void this.#nextAttempt();
      return;
    }
    if (this.#done) return;
    this.#done = true;
    const observed = this.#observed;
    this.#observed = undefined;
    if (observed) this.hooks.onResponseBody?.(observed.statusCode, Buffer.concat(observed.chunks), this.#sent);
    this.#controller.rawTrailers = controller.rawTrailers ?? null;
    this.handler.onResponseEnd?.(this.#controller, trailers);
  }

  onResponseError(_controller: DispatchController, error: Error): void {
    this.#inFlight = false;
    if (!this.#headSeen) this.hooks.onAttemptError?.(this.#sent, error);
    this.#draining = false;
    this.#fail(error);
  }

  onBodySent(chunk: Buffer): void {
    this.handler.onBodySent?.(chunk);
  }

  onRequestSent(): void {
    this.handler.onRequestSent?.();
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** An undici interceptor running every request through `hooks(options)` (one hooks object per request). */
export function stagedInterceptor(hooksFor: (options: DispatchOptions) => StagedRequestHooks): Interceptor {
  return (dispatch) => (options, handler) => {
    new StagedRequest(dispatch, options, handler, hooksFor(options)).start();
    return true;
  };
}

/** Returns `headers` with `name` set to `value`, whatever shape undici was given them in. */
export function withHeader(
  headers: DispatchOptions["headers"],
  name: string,
  value: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  const lower = name.toLowerCase();
  const put = (key: string, v: unknown) => {
    if (key.toLowerCase() === lower || v === undefined || v === null) return;
    result[key] = Array.isArray(v) ? v.map(String) : String(v);
  };
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) put(String(headers[i]), headers[i + 1]);
  } else if (headers && typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const [key, v] of headers as Iterable<[string, unknown]>) put(key, v);
  } else if (headers) {
    for (const [key, v] of Object.entries(headers)) put(key, v);
  }
  result[name] = value;
  return result;
}
