/**
 * How long a provider process takes from its start to its first Atlas API call, as in a `pulumi refresh`
 * (issue 11): the script plays the engine. It starts the dynamic-provider host exactly as the engine's shim
 * does (`node …/@pulumi/pulumi/cmd/dynamic-provider <engine address>`, cwd = the project), sends Configure
 * and a Read of one endpoint service over gRPC, and takes the time from the spawn to the first request the
 * simulator logs. The host loads `pulumi-mongodbatlas-network/runtime` from the project's node_modules: the
 * compiled dist/ (run `npm run build` first), or the package root given with --package-root.
 *
 *   npx ts-node --transpile-only scripts/measure-startup.ts [--runs 9] [--package-root <dir>]
 *
 * Prints each run and the medians: "port" (the host printed its gRPC port, i.e. node and Pulumi's host are
 * loaded: nothing of this package yet), "first call" (the first API request reached Atlas), the time between
 * the two (what this package costs: configure, loading it, the read up to its first request), and the CPU
 * time the host had used by the end of the read.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { runtime } from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../provider/resources/shared/dynamic-provider";
import { startSimulator } from "../simulator";

const repoRoot = path.resolve(__dirname, "..");
const hostScript = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
const groupId = "5f7cac1adf5d6c6306f4b283";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** A project directory whose node_modules resolves the package to `packageRoot` (and the rest to ours). */
function projectFor(packageRoot: string): string {
  if (path.resolve(packageRoot) === repoRoot) return repoRoot;
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-network-startup-"));
  fs.mkdirSync(path.join(project, "node_modules"));
  for (const entry of fs.readdirSync(path.join(repoRoot, "node_modules"))) {
    if (entry === "pulumi-mongodbatlas-network") continue;
    fs.symlinkSync(path.join(repoRoot, "node_modules", entry), path.join(project, "node_modules", entry));
  }
  fs.symlinkSync(path.resolve(packageRoot), path.join(project, "node_modules", "pulumi-mongodbatlas-network"));
  return project;
}

/** Stands in for the engine's gRPC server (the provider may health-check it). */
async function fakeEngine(): Promise<{ address: string; close: () => void }> {
  const server = http2.createServer();
  server.on("stream", (stream) =>
    stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12" }, { endStream: true }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** User + system CPU time of a process so far (Linux /proc; clock ticks of 10 ms). */
function hostCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After the command name: state is field 3, utime field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function call<Req, Res>(
  method: (req: Req, callback: (error: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) => method(req, (error, res) => (error ? reject(error) : resolve(res))));
}

async function main(): Promise<void> {
  const runs = Number(argument("runs") ?? 9);
  const packageRoot = argument("package-root") ?? repoRoot;
  const project = projectFor(packageRoot);
  const simulator = await startSimulator({ port: 0, rateLimit: false });
  const engine = await fakeEngine();
  const serialized = await runtime.serializeFunction(() => new AtlasDynamicProvider("privateEndpointService"), {
    allowSecrets: true,
  });
  const providerText = serialized.text;
  const config = {
    "mongodbatlas:baseUrl": simulator.baseUrl,
    "mongodbatlas:publicKey": simulator.credentials.publicKey,
    "mongodbatlas:privateKey": simulator.credentials.privateKey,
  };
  const results: Array<{ portMs: number; firstCallMs: number; cpuMs: number }> = [];

  for (let run = 0; run < runs; run++) {
    simulator.control.reset();
    const seeded = simulator.control.seedResource({
      kind: "private-endpoint-service",
      groupId,
      body: { providerName: "AWS", region: "us-east-1" },
      settled: true,
    });
    const props = { __provider: providerText, projectId: groupId, providerName: "AWS", region: "us-east-1" };

    const spawnedAt = Date.now();
    const host = spawn(process.execPath, [hostScript, engine.address], {
      cwd: project,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: "startup", PULUMI_MONGODBATLAS_NETWORK_LOG_LEVEL: "error" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      host.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n")) resolve(line.trim());
      });
      host.on("exit", (code) => reject(new Error(`the host exited (${code}) before printing its port`)));
    });
    const portMs = Date.now() - spawnedAt;

    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const configure = new provproto.ConfigureRequest();
    configure.setArgs(structproto.Struct.fromJavaScript(config));
    await call(client.configure.bind(client), configure);
    const read = new provproto.ReadRequest();
    read.setId(seeded.id);
    read.setUrn("urn:pulumi:dev::startup::pulumi-nodejs:dynamic:Resource::service");
    read.setProperties(structproto.Struct.fromJavaScript(props));
    read.setInputs(structproto.Struct.fromJavaScript(props));
    await call(client.read.bind(client), read);

    const first = simulator.control.getRequestLog()[0];
    if (!first) throw new Error("the read made no API call");
    const cpuMs = hostCpuMs(host.pid!);
    results.push({ portMs, firstCallMs: first.timestamp - spawnedAt, cpuMs });
    console.log(
      `run ${run + 1}: port after ${portMs} ms, first API call after ${first.timestamp - spawnedAt} ms (host CPU by the end of the read: ${cpuMs} ms)`,
    );
    client.close();
    host.kill("SIGKILL");
    await new Promise((resolve) => host.once("exit", resolve));
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `median of ${runs} (package ${packageRoot}): port ${median(results.map((r) => r.portMs))} ms, ` +
      `first API call ${median(results.map((r) => r.firstCallMs))} ms ` +
      `(${median(results.map((r) => r.firstCallMs - r.portMs))} ms after the port: configure, loading the package, the read), ` +
      `host CPU ${median(results.map((r) => r.cpuMs))} ms`,
  );
  engine.close();
  await simulator.close();
  if (project !== repoRoot) fs.rmSync(project, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
