// provider/engine-log.ts: the logger adapter with a fake engine sink, the URN capture on the host's real
// request classes (@pulumi/pulumi/proto/provider_pb, serialized and parsed as gRPC does), and the gRPC sink
// against an in-process fake Engine service. The real engine and host: test/e2e/engine-log.test.ts.
import { createRequire } from "node:module";
import * as path from "node:path";
import {
  connectEngineSink,
  createEngineLogger,
  detectDynamicProviderHost,
  installUrnCapture,
  resourceLabel,
  urnOf,
  type EngineLogRecord,
  type EngineSink,
} from "../../provider/engine-log";
import { createMemoryLogger } from "../../provider/logger";

const urn = "urn:pulumi:dev::network::pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer::aws";
const otherUrn = "urn:pulumi:dev::network::pulumi-nodejs:dynamic/mongodbatlas-network:NetworkContainer::aws";

/** A sink that records, optionally holds every send until released, or fails. */
function fakeSink(behaviour: { hold?: boolean; failAfter?: number } = {}) {
  const records: EngineLogRecord[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;
  const sink: EngineSink = {
    send: (record) => {
      if (behaviour.failAfter !== undefined && records.length >= behaviour.failAfter) {
        return Promise.reject(new Error("14 UNAVAILABLE: connection refused"));
      }
      records.push({ ...record });
      return behaviour.hold ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve();
    },
    close: () => {
      closed = true;
    },
  };
  return {
    sink,
    records,
    release: () => waiting.splice(0).forEach((resolve) => resolve()),
    get closed() {
      return closed;
    },
  };
}

describe("createEngineLogger with an engine", () => {
  test("sends records in order, attached to the resource, statuses as ephemeral infos, debug included", async () => {
    const engine = fakeSink();
    const log = createEngineLogger({ sink: engine.sink, fallback: createMemoryLogger(), level: undefined });
    const peer = log.forResource(urn);
    peer.status("waiting for AVAILABLE, INITIATING for 2m10s");
    peer.warn("accept the peering connection pcx-1 in AWS");
    log.info("stack-level message");
    peer.debug("GET /networking/peers/1 200");
    await log.flush();
    expect(engine.records).toEqual([
      { severity: "info", message: "waiting for AVAILABLE, INITIATING for 2m10s", urn, ephemeral: true },
      { severity: "warn", message: "accept the peering connection pcx-1 in AWS", urn, ephemeral: false },
      { severity: "info", message: "stack-level message", urn: "", ephemeral: false },
      { severity: "debug", message: "GET /networking/peers/1 200", urn, ephemeral: false },
    ]);
    expect(log.connected).toBe(true);
  });

  test("a status still waiting to be sent is replaced by the newer one of the same resource", async () => {
    const engine = fakeSink({ hold: true });
    const log = createEngineLogger({ sink: engine.sink, fallback: createMemoryLogger() });
    log.status(urn, "INITIATING for 1s"); // sent at once, held by the engine
    log.status(urn, "INITIATING for 2s");
    log.status(otherUrn, "NOT_PROVISIONED for 1s");
    log.status(urn, "INITIATING for 3s"); // replaces "2s", keeps its place
    log.warn("a warning", urn);
    const flushed = log.flush();
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      engine.release();
    }
    await flushed;
    expect(engine.records.map((r) => `${r.urn === urn ? "peer" : "container"} ${r.message}`)).toEqual([
      "peer INITIATING for 1s",
      "peer INITIATING for 3s",
      "container NOT_PROVISIONED for 1s",
      "peer a warning",
    ]);
  });

  test("an explicit level drops what is below it", async () => {
    const engine = fakeSink();
    const log = createEngineLogger({ sink: engine.sink, fallback: createMemoryLogger(), level: "warn" });
    log.debug("d", urn);
    log.info("i", urn);
    log.status(urn, "s");
    log.warn("w", urn);
    await log.flush();
    expect(engine.records.map((r) => r.message)).toEqual(["w"]);
  });

  test("after a failed delivery everything goes to the fallback, and the connection is closed", async () => {
    const engine = fakeSink({ failAfter: 1 });
    const fallback = createMemoryLogger();
    const log = createEngineLogger({ sink: engine.sink, fallback });
    log.info("delivered", urn);
    log.warn("not delivered", urn);
    await log.flush();
    log.status(urn, "INITIATING for 4s");
    await log.flush();
    expect(engine.records.map((r) => r.message)).toEqual(["delivered"]);
    expect(log.connected).toBe(false);
    expect(engine.closed).toBe(true);
    expect(fallback.lines).toEqual([
      "debug: engine log unavailable, using the console: 14 UNAVAILABLE: connection refused",
      "warn: not delivered (pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer::aws)",
      "debug: INITIATING for 4s (pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer::aws)",
    ]);
  });
  test("a resource logger without a URN labels its messages, which go to the stack", async () => {
    const engine = fakeSink();
    const log = createEngineLogger({ sink: engine.sink, fallback: createMemoryLogger() });
    log.forResource(undefined, "network peer 5f7c").status("waiting for AVAILABLE");
    log.forResource(undefined).warn("unlabelled");
    log.forResource(urn, "network peer 5f7c").warn("on its row, no label");
    await log.flush();
    expect(engine.records).toEqual([
      { severity: "info", message: "network peer 5f7c: waiting for AVAILABLE", urn: "", ephemeral: true },
      { severity: "warn", message: "unlabelled", urn: "", ephemeral: false },
      { severity: "warn", message: "on its row, no label", urn, ephemeral: false },
    ]);
  });
});

describe("createEngineLogger without an engine", () => {
  test("writes to the fallback: statuses at debug level, the rest at its own, with the resource named", async () => {
    const fallback = createMemoryLogger();
    const log = createEngineLogger({ fallback, level: "debug" });
    log.status(urn, "waiting for AVAILABLE");
    log.status(undefined, "no urn");
    log.warn("accept it", urn);
    log.error("failed");
    await log.flush();
    expect(log.connected).toBe(false);
    expect(fallback.lines).toEqual([
      "debug: waiting for AVAILABLE (pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer::aws)",
      "debug: no urn",
      "warn: accept it (pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer::aws)",
      "error: failed",
    ]);
  });

  test("leaves debug out by default", async () => {
    const previous = process.env.PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL;
    delete process.env.PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL;
    try {
      const fallback = createMemoryLogger();
      const log = createEngineLogger({ fallback });
      log.debug("hidden");
      log.info("shown");
      await log.flush();
      expect(fallback.lines).toEqual(["info: shown"]);
    } finally {
      if (previous !== undefined) process.env.PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL = previous;
    }
  });
});

test("resourceLabel names a resource by its type (without parent types) and name", () => {
  expect(resourceLabel(urn)).toBe("pulumi-nodejs:dynamic/mongodbatlas-network:NetworkPeer::aws");
  expect(resourceLabel("urn:pulumi:dev::p::my:Component$pulumi-nodejs:dynamic:Probe::a::b")).toBe(
    "pulumi-nodejs:dynamic:Probe::a::b",
  );
  expect(resourceLabel("not-a-urn")).toBe("not-a-urn");
});

describe("detectDynamicProviderHost", () => {
  const entry = path.join("/p", "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
  test("finds the engine address in the host process's first argument", () => {
    expect(detectDynamicProviderHost(["node", entry, "127.0.0.1:40123"], entry)).toEqual({
      engineAddress: "127.0.0.1:40123",
      entry,
    });
  });
  test("is undefined in any other process, or without an address", () => {
    expect(detectDynamicProviderHost(["node", "/p/index.js", "127.0.0.1:40123"], "/p/index.js")).toBeUndefined();
    expect(detectDynamicProviderHost(["node", entry], entry)).toBeUndefined();
    expect(detectDynamicProviderHost(["node", entry, "--flag"], entry)).toBeUndefined();
    expect(detectDynamicProviderHost(["node", entry, "127.0.0.1:1"], undefined)).toBeUndefined();
  });
});

// The host's own modules, as engineLogger() loads them: relative to its entry file.
const hostEntry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
const hostRequire = createRequire(hostEntry);

interface StructClass {
  fromJavaScript(value: object): unknown;
}
interface RequestInstance {
  setUrn(urn: string): void;
  serializeBinary(): Uint8Array;
  [setter: string]: unknown;
}
type RequestClass = { new (): RequestInstance; deserializeBinary(bytes: Uint8Array): Record<string, () => unknown> };

describe("installUrnCapture on the host's provider_pb request classes", () => {
  const providerProto = hostRequire("../../proto/provider_pb") as Record<string, unknown>;
  const { Struct } = hostRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };

  /** A request as the host receives it: built, serialized and parsed again (what gRPC does). */
  function received(className: string, fields: Record<string, object>): Record<string, () => unknown> {
    const RequestType = providerProto[className] as RequestClass;
    const request = new RequestType();
    request.setUrn(urn);
    for (const [setter, value] of Object.entries(fields)) {
      (request[setter] as (v: unknown) => void).call(request, Struct.fromJavaScript(value));
    }
    return RequestType.deserializeBinary(request.serializeBinary());
  }
  const toJs = (struct: unknown) => (struct as { toJavaScript(): object }).toJavaScript();

  test("wraps the getters of check, diff, create, read, update and delete requests, once", () => {
    const count = installUrnCapture(providerProto);
    expect(count).toBe(13);
    expect(installUrnCapture(providerProto)).toBe(count);
  });

  test("the object the host hands to create, update, delete, read and check has the request's URN", () => {
    installUrnCapture(providerProto);
    const create = received("CreateRequest", { setProperties: { name: "aws" } });
    const props = toJs(create.getProperties?.());
    expect(props).toEqual({ name: "aws" });
    expect(urnOf(props)).toBe(urn);

    const update = received("UpdateRequest", { setOlds: { a: 1 }, setNews: { a: 2 } });
    expect(urnOf(toJs(update.getNews?.()))).toBe(urn);
    expect(urnOf(toJs(update.getOlds?.()))).toBe(urn);
    expect(urnOf(toJs(received("DeleteRequest", { setProperties: { a: 1 } }).getProperties?.()))).toBe(urn);
    expect(urnOf(toJs(received("ReadRequest", { setProperties: { a: 1 } }).getProperties?.()))).toBe(urn);
    expect(urnOf(toJs(received("CheckRequest", { setNews: { a: 1 } }).getNews?.()))).toBe(urn);
    expect(urnOf(toJs(received("DiffRequest", { setNews: { a: 1 } }).getNews?.()))).toBe(urn);
  });

  test("a copy, a primitive or an unrelated object has none", () => {
    installUrnCapture(providerProto);
    const props = toJs(received("CreateRequest", { setProperties: { name: "aws" } }).getProperties?.());
    expect(urnOf({ ...props })).toBeUndefined();
    expect(urnOf({ name: "aws" })).toBeUndefined();
    expect(urnOf("aws")).toBeUndefined();
    expect(urnOf(undefined)).toBeUndefined();
  });

  test("a module without request classes wraps nothing", () => {
    expect(installUrnCapture({})).toBe(0);
    expect(installUrnCapture({ CreateRequest: class {} })).toBe(0);
  });
});

describe("connectEngineSink against a fake Engine gRPC service", () => {
  interface GrpcServer {
    addService(service: unknown, implementation: object): void;
    bindAsync(address: string, credentials: unknown, callback: (error: Error | null, port: number) => void): void;
    forceShutdown(): void;
  }
  const grpc = hostRequire("@grpc/grpc-js") as {
    Server: new () => GrpcServer;
    ServerCredentials: { createInsecure(): unknown };
  };
  const engineGrpc = hostRequire("../../proto/engine_grpc_pb") as { EngineService: unknown };
  const { Empty } = hostRequire("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

  interface LogRequest {
    getSeverity(): number;
    getMessage(): string;
    getUrn(): string;
    getEphemeral(): boolean;
  }
  const received: { severity: number; message: string; urn: string; ephemeral: boolean }[] = [];
  let server: GrpcServer;
  let address: string;

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(engineGrpc.EngineService, {
      log: (call: { request: LogRequest }, callback: (error: null, response: unknown) => void) => {
        const { request } = call;
        received.push({
          severity: request.getSeverity(),
          message: request.getMessage(),
          urn: request.getUrn(),
          ephemeral: request.getEphemeral(),
        });
        callback(null, new Empty());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, p) =>
        error ? reject(error) : resolve(p),
      ),
    );
    address = `127.0.0.1:${port}`;
  });
  afterAll(() => server?.forceShutdown());

  test("delivers severity, message, URN and the ephemeral flag as the engine's LogRequest", async () => {
    const sink = connectEngineSink(address, hostEntry);
    expect(sink).toBeDefined();
    const log = createEngineLogger({ sink, fallback: createMemoryLogger() });
    log.status(urn, "waiting for AVAILABLE, INITIATING for 3s");
    log.warn("accept the peering connection", urn);
    log.debug("polled");
    log.error("failed", urn);
    await log.flush();
    expect(log.connected).toBe(true);
    // pulumirpc.LogSeverity: DEBUG 0, INFO 1, WARNING 2, ERROR 3
    expect(received).toEqual([
      { severity: 1, message: "waiting for AVAILABLE, INITIATING for 3s", urn, ephemeral: true },
      { severity: 2, message: "accept the peering connection", urn, ephemeral: false },
      { severity: 0, message: "polled", urn: "", ephemeral: false },
      { severity: 3, message: "failed", urn, ephemeral: false },
    ]);
    sink?.close();
  });

  test("is undefined when the host's modules cannot be found", () => {
    expect(connectEngineSink(address, path.join("/nonexistent", "index.js"))).toBeUndefined();
  });
});
