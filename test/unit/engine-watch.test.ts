import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { engineAddressOfThisProcess, watchEngine } from "../../provider/engine-watch";

/** A stand-in for the engine's gRPC server: answers every call UNIMPLEMENTED, as a server without the health service does. */
async function fakeEngine(): Promise<{ address: string; checks: () => number; kill: () => Promise<void> }> {
  let checks = 0;
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = http2.createServer();
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  server.on("stream", (stream) => {
    checks++;
    stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12" }, { endStream: true });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    checks: () => checks,
    // As a kill -9 does: connections dropped, nothing listening any more.
    kill: async () => {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("watching the engine that started the provider process", () => {
  test("finds the engine address only in the dynamic-provider host's arguments", () => {
    const host = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    expect(engineAddressOfThisProcess(["node", host, "127.0.0.1:41234"])).toBe("127.0.0.1:41234");
    expect(
      engineAddressOfThisProcess(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "localhost:1"]),
    ).toBe("localhost:1");
    expect(engineAddressOfThisProcess(["node", host])).toBeUndefined();
    expect(engineAddressOfThisProcess(["node", "/p/node_modules/.bin/jest", "127.0.0.1:41234"])).toBeUndefined();
  });

  test("reports the engine gone soon after it dies, and not while it answers", async () => {
    const engine = await fakeEngine();
    let goneAt: number | undefined;
    const stop = watchEngine({ address: engine.address, intervalMs: 100, onGone: () => (goneAt = Date.now()) });
    try {
      await until(() => engine.checks() >= 3, 5_000);
      expect(goneAt).toBeUndefined();
      const killedAt = Date.now();
      await engine.kill();
      await until(() => goneAt !== undefined, 5_000);
      expect(goneAt! - killedAt).toBeLessThan(2_000);
    } finally {
      stop();
    }
  });

  test("never reports an engine it never reached (a host started by hand)", async () => {
    const engine = await fakeEngine();
    await engine.kill();
    let gone = false;
    const stop = watchEngine({ address: engine.address, intervalMs: 50, onGone: () => (gone = true) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop();
    expect(gone).toBe(false);
  });
});
