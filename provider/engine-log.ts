/**
 * Progress and diagnostics of the dynamic providers, sent to the Pulumi engine and attached to the resource
 * they are about: a status on the resource's own row while it waits (an "ephemeral" log, replaced by the next
 * one and never listed under Diagnostics), warnings and messages for the user under that resource, the rest at
 * debug level (`pulumi up --debug` shows it). Outside the engine (unit tests, mocks, a host that does not
 * allow it) everything goes to the console logger of ./logger instead.
 *
 * Why this module exists (checked against @pulumi/pulumi 3.276.0, sdk/nodejs in the pkg/sdk v3.276.0 modules):
 *
 * - The engine supports it. Its Engine.Log RPC takes a severity, a message, a resource URN and an ephemeral
 *   flag (pkg/host/host_server.go `hostServer.Log`: ephemeral -> `host.LogStatus`, else `host.Log`, both with
 *   the URN), and it starts every resource plugin, the dynamic-provider host included, with its own address
 *   as the first argument (pkg/resource/plugin/provider_plugin.go, `newPlugin(..., []string{host.ServerAddr()},
 *   ...)`). Go providers connect to exactly that (sdk/go/pulumi/provider/main.go `NewHostClient(args[0])`,
 *   then `HostClient.LogStatus`, which sets Ephemeral). The display shows an ephemeral diagnostic in the
 *   row's info column and leaves it out of the Diagnostics section (pkg/backend/display/progress.go:
 *   `if v.Ephemeral { continue }`).
 * - The Node.js dynamic-provider host does not pass either on. `main(args)` in
 *   sdk/nodejs/cmd/dynamic-provider/index.ts (lines 492-518) checks that the engine address is there and
 *   never uses it, and the provider process gets no PULUMI_NODEJS_ENGINE, so `pulumi.log.*` falls back to
 *   console.log (sdk/nodejs/log/index.ts; pulumi/pulumi#6065, open). Each CRUD handler reads the request's URN
 *   never: `create` calls `provider.create(props)` with the properties only (index.ts line 254; likewise
 *   update 324, delete 343, read 282, check 152, diff 212), and `pulumi.dynamic.ResourceProvider` has no URN
 *   in any signature (sdk/nodejs/dynamic/index.ts line 205).
 *
 * So there is no public API for it. What this module does instead, each step optional and checked:
 * 1. The engine address: `process.argv[2]` of the host process (`node .../cmd/dynamic-provider/index.js
 *    <engine>`, the plugin protocol's first argument). A gRPC Engine client is built from the host's own
 *    copies of @grpc/grpc-js and @pulumi/pulumi/proto (resolved from the host's entry file, so there is one
 *    instance of each in the process).
 * 2. The URN: the request objects the host reads (CreateRequest.getProperties, UpdateRequest.getNews, ...)
 *    carry it. `installUrnCapture` wraps those getters on the host's provider_pb classes so that the plain
 *    object the host then hands to the provider method is remembered with the request's URN; `urnOf(props)`
 *    finds it. It relies on the host passing that very object on (true from 3.216.0 to 3.276.0, pinned by
 *    test/e2e/engine-log.test.ts); when it does not, urnOf returns undefined and a status goes to the stack's
 *    row instead of the resource's.
 * The capture is installed when this module first runs in the host, which is while the host deserializes a
 * provider: the request being served at that moment, the first of the process, has no URN; later ones do.
 * In `pulumi up` and `preview` that first request is a check (nothing waits in it), so every create, update
 * and delete is attributed. In `pulumi destroy` the first delete is not (its status goes to the stack's row,
 * labelled), nor in `pulumi refresh` the first read.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { createConsoleLogger, logLevelFromEnv, type Logger, type LogLevel } from "./logger";

type Severity = LogLevel;

/** One log record for the engine. */
export interface EngineLogRecord {
  severity: Severity;
  message: string;
  /** The resource it is about; "" = the stack. */
  urn: string;
  /** A status on the resource's row: replaced by the next one, never listed under Diagnostics. */
  ephemeral: boolean;
}

/** Where records go: the engine's Log RPC, or a fake in tests. */
export interface EngineSink {
  /** Resolves when the engine took the record; rejects when it could not be delivered. */
  send(record: EngineLogRecord): Promise<void>;
  close(): void;
}

/** A logger bound to one resource (or to none, when its URN is not known). */
interface ResourceLogger extends Logger {
  /** The resource's ephemeral status ("waiting for AVAILABLE, INITIATING for 2m10s"). */
  status(message: string): void;
}

export interface EngineLogger {
  /** At debug level: hidden unless the user asks (`pulumi up --debug`, or the log level variable). */
  debug(message: string, urn?: string): void;
  /** A message the user should read, under the resource when a URN is given. */
  info(message: string, urn?: string): void;
  warn(message: string, urn?: string): void;
  error(message: string, urn?: string): void;
  /** The resource's ephemeral status on its row; without a URN (or an engine) it is a debug line. */
  status(urn: string | undefined, message: string): void;
  /**
   * The same, bound to one resource: `forResource(urnOf(inputs), "network peer 5f7c…")` at the top of a
   * provider method. When the URN is unknown, every message starts with `label: ` (it then shows on the
   * stack's row or among the stack's diagnostics, where it must say which resource it is about).
   */
  forResource(urn: string | undefined, label?: string): ResourceLogger;
  /** True while records go to the engine (false before, without, or after a failed delivery). */
  readonly connected: boolean;
  /** Resolves when everything logged so far was delivered or written to the fallback. */
  flush(): Promise<void>;
}

export interface EngineLoggerOptions {
  /** The engine; undefined = console only. */
  sink?: EngineSink | undefined;
  /** Where records go without an engine, or after a delivery failed. Default: the console logger. */
  fallback?: Logger;
  /**
   * The lowest severity sent anywhere. Default: PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL when set, else "debug"
   * with an engine (the CLI hides debug unless asked) and "info" without.
   */
  level?: LogLevel;
}

const levelOrder: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The logger: records to the sink in order, one at a time; a pending status of a URN is replaced, not queued. */
export function createEngineLogger(options: EngineLoggerOptions = {}): EngineLogger {
  let sink = options.sink;
  const explicitLevel =
    options.level ?? (process.env.PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL ? logLevelFromEnv() : undefined);
  const fallback = options.fallback ?? createConsoleLogger(explicitLevel ?? "info");
  const threshold = () => explicitLevel ?? (sink ? "debug" : "info");
  const queue: EngineLogRecord[] = [];
  let draining: Promise<void> | undefined;

  const toFallback = (record: EngineLogRecord) => {
    const where = record.urn ? ` (${resourceLabel(record.urn)})` : "";
    if (record.ephemeral) fallback.debug(`${record.message}${where}`);
    else fallback[record.severity](`${record.message}${where}`);
  };

  const drain = async () => {
    while (queue.length > 0) {
      const record = queue.shift() as EngineLogRecord;
      if (!sink) {
        toFallback(record);
        continue;
      }
      try {
        await sink.send(record);
      } catch (error) {
        // The engine went away (or never answered): everything from here on goes to the console.
        const failed = sink;
        sink = undefined;
        failed.close();
        fallback.debug(
          `engine log unavailable, using the console: ${error instanceof Error ? error.message : String(error)}`,
        );
        toFallback(record);
      }
    }
  };

  const enqueue = (record: EngineLogRecord) => {
    if (levelOrder[record.severity] < levelOrder[threshold()]) return;
    if (!sink) {
      toFallback(record);
      return;
    }
    if (record.ephemeral) {
      const pending = queue.find((queued) => queued.ephemeral && queued.urn === record.urn);
      if (pending) {
        pending.message = record.message;
        pending.severity = record.severity;
        return;
      }
    }
    queue.push(record);
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  };

  const logger: EngineLogger = {
    debug: (message, urn) => enqueue({ severity: "debug", message, urn: urn ?? "", ephemeral: false }),
    info: (message, urn) => enqueue({ severity: "info", message, urn: urn ?? "", ephemeral: false }),
    warn: (message, urn) => enqueue({ severity: "warn", message, urn: urn ?? "", ephemeral: false }),
    error: (message, urn) => enqueue({ severity: "error", message, urn: urn ?? "", ephemeral: false }),
    status: (urn, message) => {
      // Without a URN the engine would show it on the stack's row; useful, but only when there is an engine.
      enqueue({ severity: "info", message, urn: urn ?? "", ephemeral: true });
    },
    forResource: (urn, label) => {
      const text = (message: string) =>
        urn === undefined && label && message !== "" ? `${label}: ${message}` : message;
      return {
        debug: (message) => logger.debug(text(message), urn),
        info: (message) => logger.info(text(message), urn),
        warn: (message) => logger.warn(text(message), urn),
        error: (message) => logger.error(text(message), urn),
        status: (message) => logger.status(urn, text(message)),
      };
    },
    get connected() {
      return sink !== undefined;
    },
    flush: async () => {
      while (draining) await draining;
    },
  };
  return logger;
}

/** `type::name` of a URN (`urn:pulumi:stack::project::type::name`), for console lines. */
export function resourceLabel(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return urn;
  const type = parts[2] as string;
  return `${type.slice(type.lastIndexOf("$") + 1)}::${parts.slice(3).join("::")}`;
}

// ---- the dynamic-provider host -------------------------------------------------------------------------

/** The host process, when this code runs inside it. */
export interface DynamicProviderHost {
  /** The engine's gRPC address: the host's first argument. */
  engineAddress: string;
  /** The host's entry file (.../@pulumi/pulumi/cmd/dynamic-provider/index.js): its modules are resolved from here. */
  entry: string;
}

const hostEntrySuffix = path.join("@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");

/** Finds the host from the process's main module and arguments; undefined anywhere else. */
export function detectDynamicProviderHost(
  argv: readonly string[] = process.argv,
  mainFilename: string | undefined = require.main?.filename,
): DynamicProviderHost | undefined {
  if (!mainFilename || !mainFilename.endsWith(hostEntrySuffix)) return undefined;
  const address = argv[2];
  if (!address || !/^[\w.\-[\]:]+:\d+$/.test(address)) return undefined;
  return { engineAddress: address, entry: mainFilename };
}

// Minimal shapes of the generated gRPC and protobuf modules that are used here.
interface LogRequestMessage {
  setSeverity(value: number): void;
  setMessage(value: string): void;
  setUrn(value: string): void;
  setStreamid(value: number): void;
  setEphemeral(value: boolean): void;
}
interface EngineProtoModule {
  LogRequest: new () => LogRequestMessage;
  LogSeverity: { DEBUG: number; INFO: number; WARNING: number; ERROR: number };
}
interface EngineClient {
  log(
    request: LogRequestMessage,
    metadata: unknown,
    options: { deadline: number },
    callback: (error: Error | null) => void,
  ): void;
  close(): void;
}
interface EngineGrpcModule {
  EngineClient: new (address: string, credentials: unknown, options?: object) => EngineClient;
}
interface GrpcModule {
  credentials: { createInsecure(): unknown };
  Metadata: new () => unknown;
}

const DELIVERY_DEADLINE_MS = 5_000;

/**
 * A sink on the engine's Log RPC, built from the @grpc/grpc-js and proto modules next to `entry` (the host's
 * own). Undefined when they cannot be loaded.
 */
export function connectEngineSink(address: string, entry: string): EngineSink | undefined {
  let grpc: GrpcModule;
  let engineProto: EngineProtoModule;
  let engineGrpc: EngineGrpcModule;
  try {
    const hostRequire = createRequire(entry);
    grpc = hostRequire("@grpc/grpc-js") as GrpcModule;
    engineProto = hostRequire("../../proto/engine_pb") as EngineProtoModule;
    engineGrpc = hostRequire("../../proto/engine_grpc_pb") as EngineGrpcModule;
  } catch {
    return undefined;
  }
  const client = new engineGrpc.EngineClient(address, grpc.credentials.createInsecure());
  const severities: Record<Severity, number> = {
    debug: engineProto.LogSeverity.DEBUG,
    info: engineProto.LogSeverity.INFO,
    warn: engineProto.LogSeverity.WARNING,
    error: engineProto.LogSeverity.ERROR,
  };
  return {
    send: (record) =>
      new Promise<void>((resolve, reject) => {
        const request = new engineProto.LogRequest();
        request.setSeverity(severities[record.severity]);
        request.setMessage(record.message);
        request.setUrn(record.urn);
        request.setStreamid(0);
        request.setEphemeral(record.ephemeral);
        client.log(request, new grpc.Metadata(), { deadline: Date.now() + DELIVERY_DEADLINE_MS }, (error) =>
          error ? reject(error) : resolve(),
        );
      }),
    close: () => client.close(),
  };
}

// ---- URNs of the requests ------------------------------------------------------------------------------

const urnsByProperties = new WeakMap<object, string>();
const captured = Symbol.for("pulumi-mongodbatlas-network.urn-capture");

/** The getters of each request whose Struct.toJavaScript() result the host hands to the provider method. */
const requestGetters: Record<string, readonly string[]> = {
  CheckRequest: ["getOlds", "getNews"],
  DiffRequest: ["getOlds", "getNews", "getOldInputs"],
  CreateRequest: ["getProperties"],
  ReadRequest: ["getProperties", "getInputs"],
  UpdateRequest: ["getOlds", "getNews", "getOldInputs"],
  DeleteRequest: ["getProperties", "getOldInputs"],
};

interface StructLike {
  toJavaScript(): unknown;
}
type RequestPrototype = Record<string | symbol, unknown> & { getUrn?: () => string };

/**
 * Wraps the getters of the request classes in `providerProto` (the host's provider_pb module) so that the
 * plain objects made from them remember the request's URN. Idempotent. Returns the number of getters wrapped
 * (0 = nothing to capture: the module does not look as expected).
 */
export function installUrnCapture(providerProto: Record<string, unknown>): number {
  let wrapped = 0;
  for (const [className, getters] of Object.entries(requestGetters)) {
    const requestClass = providerProto[className] as { prototype?: RequestPrototype } | undefined;
    const prototype = requestClass?.prototype;
    if (!prototype || typeof prototype.getUrn !== "function") continue;
    for (const getter of getters) {
      const original = prototype[getter];
      if (typeof original !== "function") continue;
      if ((original as { [captured]?: boolean })[captured]) {
        wrapped++;
        continue;
      }
      const wrapper = function (this: RequestPrototype & { getUrn(): string }, ...args: unknown[]) {
        const struct = (original as (...a: unknown[]) => unknown).apply(this, args) as StructLike | undefined;
        const urn = this.getUrn();
        if (struct && typeof struct.toJavaScript === "function" && urn) rememberUrn(struct, urn);
        return struct;
      };
      Object.defineProperty(wrapper, captured, { value: true });
      prototype[getter] = wrapper;
      wrapped++;
    }
  }
  return wrapped;
}

function rememberUrn(struct: StructLike, urn: string): void {
  const own = struct as StructLike & { [captured]?: string };
  if (own[captured] === undefined) {
    const toJavaScript = struct.toJavaScript;
    own.toJavaScript = function (this: StructLike & { [captured]?: string }) {
      const value = toJavaScript.call(this);
      const latest = this[captured];
      if (value && typeof value === "object" && latest) urnsByProperties.set(value, latest);
      return value;
    };
  }
  Object.defineProperty(own, captured, { value: urn, writable: true, configurable: true, enumerable: false });
}

/**
 * The URN of the resource whose request produced `properties` (the inputs, olds or news object a provider
 * method received, before any copy), or undefined.
 */
export function urnOf(properties: unknown): string | undefined {
  return properties && typeof properties === "object" ? urnsByProperties.get(properties) : undefined;
}

// ---- the process's logger ------------------------------------------------------------------------------

let processLogger: EngineLogger | undefined;

/**
 * The process's engine logger. Inside the dynamic-provider host: connected to the engine, and the URN
 * capture installed on the host's request classes. Anywhere else: the console.
 */
export function engineLogger(): EngineLogger {
  if (processLogger) return processLogger;
  const host = detectDynamicProviderHost();
  let sink: EngineSink | undefined;
  if (host) {
    sink = connectEngineSink(host.engineAddress, host.entry);
    try {
      installUrnCapture(createRequire(host.entry)("../../proto/provider_pb") as Record<string, unknown>);
    } catch {
      // No capture: statuses go to the stack's row.
    }
  }
  processLogger = createEngineLogger({ sink });
  return processLogger;
}
