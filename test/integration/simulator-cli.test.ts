import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { parseCli } from "../../simulator/cli";
import { DigestTestClient, RunningSimulator, testGroupId } from "../support/simulator";

const root = path.resolve(__dirname, "../..");

describe("simulator command line", () => {
  test("options are parsed into simulator settings, with credentials from the environment", () => {
    const settings = parseCli(
      [
        "--port",
        "9999",
        "--time-scale",
        "0.05",
        "--rate-limit",
        "20/2",
        "--duration",
        "endpointService.initiating=30",
        "--duration",
        "networkPeer.finalizing=5",
        "--auto-accept-peers",
      ],
      { MONGODB_ATLAS_PUBLIC_KEY: "env-public", MONGODB_ATLAS_PRIVATE_KEY: "env-private" },
    );
    expect(settings.options).toEqual({
      port: 9999,
      timeScale: 0.05,
      credentials: { publicKey: "env-public", privateKey: "env-private" },
      rateLimit: { capacity: 20, refillPerSecond: 2 },
      durations: { endpointService: { initiating: 30 }, networkPeer: { finalizing: 5 } },
      seed: 1,
      autoAcceptPeers: true,
    });
    expect(settings.fromEnvironment).toEqual(["publicKey", "privateKey"]);
    expect(parseCli(["--seed", "42"], {}).options.seed).toBe(42);
    expect(parseCli(["--exact-durations"], {}).options).not.toHaveProperty("seed");
    expect(parseCli(["--rate-limit", "off"], {}).options.rateLimit).toBe(false);
  });

  test("bad option values are refused", () => {
    const quiet = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(() => parseCli(["--time-scale", "fast"], {})).toThrow();
      expect(() => parseCli(["--duration", "endpointService.sleeping=3"], {})).toThrow();
      expect(() => parseCli(["--rate-limit", "lots"], {})).toThrow();
    } finally {
      quiet.mockRestore();
    }
  });

  test("npm run simulator prints where to connect, serves the API with the environment's keys, and stops on SIGTERM", async () => {
    const env = {
      ...process.env,
      MONGODB_ATLAS_PUBLIC_KEY: "cli-public",
      MONGODB_ATLAS_PRIVATE_KEY: "cli-private-secret",
    };
    const child: ChildProcess = spawn(
      process.execPath,
      [
        require.resolve("ts-node/dist/bin.js"),
        "--transpile-only",
        "simulator/cli.ts",
        "--port",
        "0",
        "--time-scale",
        "0.001",
      ],
      {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`simulator did not start: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
      expect(output).toContain("public key cli-public");
      expect(output).toContain("(from MONGODB_ATLAS_PRIVATE_KEY)");
      expect(output).not.toContain("cli-private-secret");
      expect(output).toContain("client id mdb_sa_id_simulator");

      const sim = {
        baseUrl,
        credentials: { publicKey: "cli-public", privateKey: "cli-private-secret" },
      } as RunningSimulator;
      const response = await new DigestTestClient(sim).get(`/api/atlas/v2/groups/${testGroupId}/peers`);
      expect(response.status).toBe(200);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toContain("SIGTERM received");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 30_000);
});
