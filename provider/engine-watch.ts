/**
 * Noticing that the engine which started this provider process has gone away (issue 11: after a `kill -9`
 * of `pulumi up`, the provider process outlived it and went on polling Atlas).
 *
 * The engine starts the dynamic-provider host as `…/cmd/dynamic-provider <engine address>`: the address of
 * the engine's gRPC server, which lives exactly as long as the engine. Pulumi's own provider SDK watches
 * that address the same way (sdk/go/pulumi/provider/main.go runs rpcutil.Healthcheck on it: a
 * grpc.health.v1 Check, any answer or UNIMPLEMENTED meaning alive), but every 5 minutes; the Node host does
 * not watch at all. This watch keeps one HTTP/2 connection open to that address (a kill closes it at once)
 * and sends the same health check every `intervalMs`. The engine is declared gone when, after it answered
 * once, the address refuses two connections in a row: a slow or paused engine is never mistaken for a
 * dead one, and a host started by hand (or by a test) with an address nothing ever listened on is left
 * alone.
 */
import type { ClientHttp2Session } from "node:http2";

export interface EngineWatchOptions {
  /** host:port of the engine's gRPC server (argv[2] of the dynamic-provider host). */
  address: string;
  onGone: (reason: Error) => void;
  intervalMs?: number;
}

class EngineGoneError extends Error {
  override readonly name = "EngineGoneError";
}

/** The engine address when this process is the dynamic-provider host, else undefined. */
export function engineAddressOfThisProcess(argv: readonly string[] = process.argv): string | undefined {
  const script = argv[1] ?? "";
  const address = argv[2] ?? "";
  if (!/[\\/]cmd[\\/]dynamic-provider([\\/]index(\.js)?)?$/.test(script)) return undefined;
  return /^[^\s/]+:\d+$/.test(address) ? address : undefined;
}

/** Starts watching; returns a function that stops the watch. Holds no reference that keeps the process alive. */
export function watchEngine(options: EngineWatchOptions): () => void {
  const http2 = require("node:http2") as typeof import("node:http2");
  const intervalMs = options.intervalMs ?? 1_000;
  let session: ClientHttp2Session | undefined;
  let answeredOnce = false;
  let refusals = 0;
  let stopped = false;
  let checking = false;

  const gone = () => {
    if (stopped) return;
    stop();
    options.onGone(new EngineGoneError(`the Pulumi engine at ${options.address} has gone away`));
  };

  const connectionFailed = () => {
    session?.destroy();
    session = undefined;
    if (!answeredOnce) return;
    refusals += 1;
    if (refusals >= 2) gone();
    // Look again soon rather than at the next tick: a killed engine is declared gone within a fraction of a second.
    else setTimeout(() => void check(), 200).unref();
  };

  const openSession = (): ClientHttp2Session => {
    const opened = http2.connect(`http://${options.address}`);
    opened.unref();
    opened.on("error", () => {});
    // A kill closes the connection: check again at once instead of at the next tick.
    opened.on("close", () => {
      if (session === opened) {
        session = undefined;
        if (!stopped) void check();
      }
    });
    return opened;
  };

  /** One grpc.health.v1.Health/Check: any gRPC answer is "alive"; a failed connection "refused"; no answer "unknown". */
  const healthCheck = (target: ClientHttp2Session): Promise<"alive" | "refused" | "unknown"> =>
    new Promise((resolve) => {
      let settled = false;
      const done = (outcome: "alive" | "refused" | "unknown") => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        resolve(outcome);
      };
      const timeout = setTimeout(() => {
        stream?.close();
        done("unknown");
      }, 5_000);
      timeout.unref();
      let stream: ReturnType<ClientHttp2Session["request"]> | undefined;
      try {
        stream = target.request({
          ":method": "POST",
          ":path": "/grpc.health.v1.Health/Check",
          "content-type": "application/grpc",
          te: "trailers",
        });
        stream.on("response", () => done("alive"));
        stream.on("error", () => done("refused"));
        stream.on("close", () => done("refused"));
        stream.resume();
        // An empty HealthCheckRequest: no compression flag, zero length.
        stream.end(Buffer.alloc(5));
      } catch {
        done("refused");
      }
    });

  const check = async (): Promise<void> => {
    if (checking || stopped) return;
    checking = true;
    try {
      session ??= openSession();
      const outcome = await healthCheck(session);
      if (stopped) return;
      if (outcome === "alive") {
        answeredOnce = true;
        refusals = 0;
      } else if (outcome === "refused") {
        connectionFailed();
      }
    } finally {
      checking = false;
    }
  };

  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  void check();

  function stop(): void {
    stopped = true;
    clearInterval(timer);
    session?.destroy();
    session = undefined;
  }
  return stop;
}
