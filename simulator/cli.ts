/**
 * `npm run simulator -- --port 8787`: runs the Atlas simulator until SIGINT/SIGTERM.
 * Credentials come from MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY / MONGODB_ATLAS_CLIENT_ID /
 * MONGODB_ATLAS_CLIENT_SECRET when set, else the simulator defaults. Secrets taken from the environment
 * are never printed (they may be real keys); the defaults are, since they exist only here.
 */
import { Command, InvalidArgumentError } from "commander";
import { SimulatorCredentials } from "./auth";
import { DurationOverrides, SimulatorDurations, defaultDurations } from "./resources/durations";
import { RunningSimulator, SimulatorOptions, startSimulator } from "./server";

const credentialVariables: Readonly<Record<keyof SimulatorCredentials, string>> = {
  publicKey: "MONGODB_ATLAS_PUBLIC_KEY",
  privateKey: "MONGODB_ATLAS_PRIVATE_KEY",
  clientId: "MONGODB_ATLAS_CLIENT_ID",
  clientSecret: "MONGODB_ATLAS_CLIENT_SECRET",
};

function number(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (value.trim() === "" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

function rateLimit(value: string): SimulatorOptions["rateLimit"] {
  if (value === "off" || value === "false") return false;
  const match = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new InvalidArgumentError('use "<capacity>/<refill per second>", e.g. 100/10, or "off".');
  }
  return { capacity: Number(match[1]), refillPerSecond: Number(match[2]) };
}

function duration(value: string, previous: DurationOverrides = {}): DurationOverrides {
  const match = /^(\w+)\.(\w+)=(\d+(?:\.\d+)?)$/.exec(value);
  const group = match?.[1] as keyof SimulatorDurations | undefined;
  if (!match || !group || !(group in defaultDurations) || !((match[2] as string) in defaultDurations[group])) {
    const names = Object.entries(defaultDurations).flatMap(([g, phases]) =>
      Object.keys(phases).map((p) => `${g}.${p}`),
    );
    throw new InvalidArgumentError(`use <group.phase>=<seconds> with one of: ${names.join(", ")}.`);
  }
  return { ...previous, [group]: { ...previous[group], [match[2] as string]: Number(match[3]) } };
}

/**
 * The command line draws durations by default (real Atlas phases vary; a fixed poll grid would land on exact
 * round numbers), with a fixed seed so two runs see the same durations. startSimulator's default is exact.
 */
export const defaultCliSeed = 1;

export interface CliSettings {
  options: SimulatorOptions;
  serverlessSunset: boolean;
  logRequests: boolean;
  /** Which credentials came from the environment (their secrets are not printed). */
  fromEnvironment: (keyof SimulatorCredentials)[];
}

/** Reads argv (without the node and script entries) and the environment into simulator options. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliSettings {
  const program = new Command()
    .name("npm run simulator --")
    .description(
      "Local MongoDB Atlas Administration API v2 simulator (private endpoints, serverless endpoints, peering, containers).",
    )
    .option("-p, --port <port>", "port on 127.0.0.1 (0 = any free port)", number("port", 0, 65535), 8787)
    .option(
      "-t, --time-scale <scale>",
      "real seconds per simulated second (1 = Atlas speed, 0.05 = demo)",
      number("time scale", 0),
      1,
    )
    .option("--rate-limit <capacity/refill>", 'token bucket per project and per IP, e.g. 100/10, or "off"', rateLimit)
    .option("--nonce-ttl-ms <ms>", "lifetime of a Digest nonce", number("nonce TTL", 1))
    .option("--token-ttl-seconds <seconds>", "lifetime of OAuth access tokens", number("token TTL", 1))
    .option(
      "--duration <group.phase=seconds>",
      "set a phase duration exactly, in simulated seconds (repeatable)",
      duration,
    )
    .option(
      "--seed <n>",
      "seed of the durations drawn around Atlas's typical ones (log-normal, x0.5 to x2)",
      number("seed", 0, 0xffffffff),
      defaultCliSeed,
    )
    .option("--exact-durations", "no spread: every phase lasts exactly its typical duration", false)
    .option("--auto-accept-peers", "let AWS/GCP peers finish without being accepted through the control API", false)
    .option("--serverless-sunset", "answer the serverless endpoint API with 410, as after its 2026-01-22 sunset", false)
    .option("--log-requests", "print one line per Atlas API response", false)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.parse([...argv], { from: "user" });
  const opts = program.opts<{
    port: number;
    timeScale: number;
    rateLimit?: SimulatorOptions["rateLimit"];
    nonceTtlMs?: number;
    tokenTtlSeconds?: number;
    duration?: DurationOverrides;
    seed: number;
    exactDurations: boolean;
    autoAcceptPeers: boolean;
    serverlessSunset: boolean;
    logRequests: boolean;
  }>();

  const credentials: Partial<SimulatorCredentials> = {};
  const fromEnvironment: (keyof SimulatorCredentials)[] = [];
  for (const [field, variable] of Object.entries(credentialVariables) as [keyof SimulatorCredentials, string][]) {
    const value = env[variable];
    if (value) {
      credentials[field] = value;
      fromEnvironment.push(field);
    }
  }
  return {
    options: {
      port: opts.port,
      timeScale: opts.timeScale,
      credentials,
      ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
      ...(opts.nonceTtlMs !== undefined ? { nonceTtlMs: opts.nonceTtlMs } : {}),
      ...(opts.tokenTtlSeconds !== undefined ? { tokenTtlSeconds: opts.tokenTtlSeconds } : {}),
      ...(opts.duration !== undefined ? { durations: opts.duration } : {}),
      ...(opts.exactDurations ? {} : { seed: Math.trunc(opts.seed) }),
      autoAcceptPeers: opts.autoAcceptPeers,
    },
    serverlessSunset: opts.serverlessSunset,
    logRequests: opts.logRequests,
    fromEnvironment,
  };
}

/** The start-up banner: where to connect and with what. Secrets from the environment are not echoed. */
export function banner(sim: RunningSimulator, settings: CliSettings): string {
  // Public key and client id are identifiers; only the secrets stay hidden when they come from the environment.
  const secret = (field: "privateKey" | "clientSecret") =>
    settings.fromEnvironment.includes(field) ? `(from ${credentialVariables[field]})` : sim.credentials[field];
  const shown = (field: keyof SimulatorCredentials) =>
    field === "privateKey" || field === "clientSecret" ? secret(field) : sim.credentials[field];
  const usingDefaults = settings.fromEnvironment.length === 0 ? " (simulator defaults)" : "";
  return [
    `Atlas simulator listening on ${sim.baseUrl}`,
    `  Atlas API:        ${sim.baseUrl}/api/atlas/v2   control API: ${sim.baseUrl}/__sim/`,
    `  API key (Digest): public key ${shown("publicKey")}, private key ${shown("privateKey")}${usingDefaults}`,
    `  Service account:  client id ${shown("clientId")}, client secret ${shown("clientSecret")} (token URL ${sim.baseUrl}/api/oauth/token)`,
    `  Time scale:       ${settings.options.timeScale} real s per simulated s`,
    settings.options.seed === undefined
      ? "  Durations:        exact typical values (--exact-durations)"
      : `  Durations:        drawn around Atlas's typical ones, seed ${settings.options.seed} (--seed <n>, --exact-durations)`,
    `  Use it with:      MONGODB_ATLAS_BASE_URL=${sim.baseUrl}`,
    "Press Ctrl-C to stop.",
  ].join("\n");
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let settings: CliSettings;
  try {
    settings = parseCli(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    process.exitCode = code ?? 2;
    return;
  }
  const sim = await startSimulator({
    ...settings.options,
    ...(settings.logRequests
      ? {
          responseObserver: (r) =>
            console.log(
              `${new Date().toISOString()} ${r.method} ${r.path} -> ${r.status}${r.operationId ? ` (${r.operationId})` : ""}`,
            ),
        }
      : {}),
  });
  if (settings.serverlessSunset) sim.control.setServerlessSunset(true);
  console.log(banner(sim, settings));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping the Atlas simulator.`);
    sim.close().then(
      () => (process.exitCode = 0),
      (error: unknown) => {
        console.error(`Atlas simulator did not close cleanly: ${(error as Error).message}`);
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`Atlas simulator failed to start: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
