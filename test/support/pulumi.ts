/**
 * The end-to-end harness: the real Pulumi CLI and engine (scripts/pulumi-cli.sh), driven through the
 * Automation API with inline programs, against the local Atlas simulator, fully offline.
 *
 * - `lookUpPulumiCli()` runs scripts/pulumi-cli.sh once per process: ready, unavailable (exit 3: the suites
 *   skip loudly) or failed (the suites fail).
 * - `ensureProviderBuilt()` builds dist/ unless this harness saw it built, without errors, from the current
 *   provider/ sources: the engine's dynamic-provider process loads `pulumi-mongodbatlas-network/runtime`
 *   from dist/ through the repository's self link.
 * - `createEngineWorkspace()` makes a temp directory outside the repository: a project dir whose
 *   node_modules links to the repository's, a file backend, PULUMI_HOME, a passphrase, the offline env.
 * - `EngineStack` wraps one Automation API stack: every engine line (onOutput/onError, and the CLI's output
 *   on failure) goes to its transcript, and its state can be exported.
 * - Simulator helpers: random credentials per test, request-log filters, the recording proxy that sees
 *   the bearer tokens the simulator issues.
 */
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CommandError,
  LocalWorkspace,
  PulumiCommand,
  type ConfigMap,
  type DestroyOptions,
  type DestroyResult,
  type PreviewOptions,
  type PreviewResult,
  type PulumiFn,
  type RefreshOptions,
  type RefreshResult,
  type Stack,
  type UpOptions,
  type UpResult,
} from "@pulumi/pulumi/automation";
import {
  startSimulator,
  type RequestLogEntry,
  type ResourceKind,
  type ResourceView,
  type RunningSimulator,
  type SimulatorOptions,
} from "../../simulator";

export const repoRoot = path.resolve(__dirname, "..", "..");
/** The project's own Node (>= 22, which @pulumi/pulumi 3.249+ needs); the machine's may be older. */
export const projectNodeBin = path.join(repoRoot, "node_modules", ".bin");
const cliScript = path.join(repoRoot, "scripts", "pulumi-cli.sh");

/** The project name of Pulumi.yaml: inline programs use it too, so config keys are the same (`<project>:projectId`). */
export const exampleProjectName = "mongodbatlas-network-example";

/** scripts/pulumi-cli.sh's exit code for "the CLI cannot be had on this machine". */
const EXIT_UNAVAILABLE = 3;
const CLI_BUILD_TIMEOUT_MS = Number(process.env.PULUMI_CLI_BUILD_TIMEOUT_MS ?? 45 * 60_000);
const PROVIDER_BUILD_TIMEOUT_MS = 5 * 60_000;

// ---- the CLI -------------------------------------------------------------------------------------------

export interface ReadyCli {
  kind: "ready";
  /** Holds `pulumi`, the dynamic-provider shim and, when it could be built, `pulumi-language-nodejs`. */
  binDir: string;
  hasLanguageHost: boolean;
  /** What the script printed on stderr (its warnings). */
  notes: string;
}
export type PulumiCliLookup = ReadyCli | { kind: "unavailable"; reason: string } | { kind: "failed"; detail: string };

let cliLookup: PulumiCliLookup | undefined;

/** Finds (or builds, the first time) the CLI; cached for the process. Never throws. */
export function lookUpPulumiCli(): PulumiCliLookup {
  if (cliLookup) return cliLookup;
  const run = spawnSync("bash", [cliScript], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: CLI_BUILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = `${run.stderr ?? ""}${run.error ? `\n${run.error.message}` : ""}`;
  if (run.status === EXIT_UNAVAILABLE) {
    const reason = stderr
      .split("\n")
      .filter((line) => line.includes("unavailable:"))
      .join("\n");
    cliLookup = { kind: "unavailable", reason: reason || stderr };
  } else if (run.status !== 0) {
    cliLookup = {
      kind: "failed",
      detail: `scripts/pulumi-cli.sh exited ${run.status ?? run.signal}\n--- stdout\n${run.stdout}\n--- stderr\n${stderr}`,
    };
  } else {
    const lines = (run.stdout ?? "").trimEnd().split("\n");
    const binDir = lines[lines.length - 1] ?? "";
    cliLookup = {
      kind: "ready",
      binDir,
      hasLanguageHost: fs.existsSync(path.join(binDir, "pulumi-language-nodejs")),
      notes: stderr,
    };
  }
  return cliLookup;
}

/**
 * `describe` for suites that need the engine. When the CLI cannot be had here (script exit 3), the suite is
 * skipped LOUDLY: a warning, and a title that says so. Any other lookup or build failure fails the suite.
 */
export function describeWithEngine(title: string, body: (cli: ReadyCli) => void): void {
  const cli = lookUpPulumiCli();
  if (cli.kind === "unavailable") {
    console.warn(`SKIPPING "${title}": scripts/pulumi-cli.sh says the Pulumi CLI cannot be had here:\n${cli.reason}`);
    describe.skip(`${title} [SKIPPED: no Pulumi CLI on this machine]`, () => {
      test("needs the Pulumi CLI", () => undefined);
    });
    return;
  }
  if (cli.kind === "failed") {
    describe(title, () => {
      test("finds the Pulumi CLI", () => {
        throw new Error(cli.detail);
      });
    });
    return;
  }
  describe(title, () => {
    beforeAll(() => ensureProviderBuilt(), PROVIDER_BUILD_TIMEOUT_MS + 30_000);
    body(cli);
  });
}

// ---- the provider build ----------------------------------------------------------------------------------

const builtRuntime = path.join(repoRoot, "dist", "provider", "runtime.js");
/**
 * Written after a build this harness saw succeed. tsc emits JavaScript even when it reports errors, so a
 * fresh dist/ alone does not show that the build passed; without this marker a failed build would go unseen.
 */
const buildSucceededMarker = path.join(repoRoot, "dist", ".e2e-build-succeeded");

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtimeMs(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function providerBuildIsCurrent(trustFreshOutput: boolean): boolean {
  if (!fs.existsSync(builtRuntime)) return false;
  if (!trustFreshOutput && !fs.existsSync(buildSucceededMarker)) return false;
  const sources = Math.max(
    newestMtimeMs(path.join(repoRoot, "provider")),
    fs.statSync(path.join(repoRoot, "tsconfig.build.json")).mtimeMs,
  );
  const built = trustFreshOutput
    ? fs.statSync(builtRuntime).mtimeMs
    : Math.min(fs.statSync(builtRuntime).mtimeMs, fs.statSync(buildSucceededMarker).mtimeMs);
  return built >= sources;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding a lock directory (jest workers and the demo may want to build at the same time). */
function withLockDirectory<T>(lockDir: string, timeoutMs: number, fn: () => T): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock older than any build was left by a killed process.
      const lockedAt = fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > timeoutMs) fs.rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      else sleepSync(250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ (`tsc -p tsconfig.build.json`, what `npm run build` runs) unless a build this harness saw
 * succeed is newer than every provider source. Throws with the compiler's output when the build fails: a
 * broken build must fail the end-to-end tests and the demo, never skip them.
 */
export function ensureProviderBuilt(
  options: {
    log?: (line: string) => void;
    /** Count a dist/ newer than the sources as built (`npm run demo` has just run `npm run build`, which stops on errors). */
    trustFreshOutput?: boolean;
  } = {},
): void {
  const { log = () => undefined, trustFreshOutput = false } = options;
  if (providerBuildIsCurrent(trustFreshOutput)) return;
  fs.mkdirSync(path.join(repoRoot, "dist"), { recursive: true });
  withLockDirectory(path.join(repoRoot, "dist", ".build-lock"), PROVIDER_BUILD_TIMEOUT_MS, () => {
    if (providerBuildIsCurrent(trustFreshOutput)) return;
    log("building dist/ (tsc -p tsconfig.build.json): the dynamic-provider process loads the provider from there");
    fs.rmSync(buildSucceededMarker, { force: true });
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const build = spawnSync(path.join(projectNodeBin, "node"), [tsc, "-p", "tsconfig.build.json"], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: PROVIDER_BUILD_TIMEOUT_MS,
    });
    if (build.status !== 0) {
      throw new Error(
        `npm run build failed (exit ${build.status ?? build.signal}):\n${build.stdout}${build.stderr}${build.error?.message ?? ""}`,
      );
    }
    fs.writeFileSync(buildSucceededMarker, `${new Date().toISOString()}\n`);
  });
}

// ---- a workspace per stack -------------------------------------------------------------------------------

export interface EngineWorkspace {
  /** The temp root; everything below it goes away with `dispose()`. */
  root: string;
  /** The project directory: the dynamic-provider process runs here and resolves node_modules from here. */
  workDir: string;
  stateDir: string;
  /** What every CLI call gets on top of process.env. */
  envVars: Record<string, string>;
  /** The `pulumi` executable. */
  pulumiPath: string;
  pulumiCommand: PulumiCommand;
  /** The passphrase of the file backend's secrets provider (a test searches state for it too). */
  passphrase: string;
  dispose(): void;
}

/** The environment that keeps the CLI offline: local state and secrets, no update check, no plugin downloads. */
export function offlineEnv(root: string, binDir: string, passphrase: string): Record<string, string> {
  return {
    PATH: [projectNodeBin, binDir, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: path.join(root, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    // Config is the only source of credentials in these runs: an exported key in the caller's shell must not leak in.
    MONGODB_ATLAS_PUBLIC_KEY: "",
    MONGODB_ATLAS_PRIVATE_KEY: "",
    MONGODB_ATLAS_CLIENT_ID: "",
    MONGODB_ATLAS_CLIENT_SECRET: "",
    MONGODB_ATLAS_BASE_URL: "",
  };
}

export async function createEngineWorkspace(cli: ReadyCli, label: string): Promise<EngineWorkspace> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `atlas-network-${label}-`));
  const workDir = path.join(root, "project");
  const stateDir = path.join(root, "state");
  fs.mkdirSync(workDir);
  fs.mkdirSync(stateDir);
  // The dynamic-provider process resolves @pulumi/pulumi and pulumi-mongodbatlas-network/runtime from here.
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(workDir, "node_modules"), "dir");
  const passphrase = `passphrase-${randomBytes(12).toString("hex")}`;
  // PulumiCommand wants <root>/bin/pulumi and puts that bin first on PATH for every CLI call.
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(cli.binDir), skipVersionCheck: true });
  return {
    root,
    workDir,
    stateDir,
    envVars: offlineEnv(root, cli.binDir, passphrase),
    pulumiPath: path.join(cli.binDir, "pulumi"),
    pulumiCommand,
    passphrase,
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

// ---- credentials and config ------------------------------------------------------------------------------

/** Credentials unique to one test, so a search for them in state and logs means something. */
export interface TestCredentials {
  publicKey: string;
  privateKey: string;
  clientId: string;
  clientSecret: string;
}

export function randomCredentials(): TestCredentials {
  const hex = (n: number) => randomBytes(n).toString("hex");
  return {
    publicKey: `pub${hex(4)}`,
    privateKey: `priv-${hex(16)}`,
    clientId: `mdb_sa_id_${hex(12)}`,
    clientSecret: `mdb_sa_sk_${hex(20)}`,
  };
}

export function randomProjectId(): string {
  return randomBytes(12).toString("hex");
}

export type CredentialKind = "digest" | "serviceAccount";

/** The official provider's config keys (what users already have in their stacks); secrets as secrets. */
export function atlasConfig(baseUrl: string, credentials: TestCredentials, kind: CredentialKind): ConfigMap {
  const secrets: ConfigMap =
    kind === "digest"
      ? {
          "mongodbatlas:publicKey": { value: credentials.publicKey },
          "mongodbatlas:privateKey": { value: credentials.privateKey, secret: true },
        }
      : {
          "mongodbatlas:clientId": { value: credentials.clientId },
          "mongodbatlas:clientSecret": { value: credentials.clientSecret, secret: true },
        };
  return { ...secrets, "mongodbatlas:baseUrl": { value: baseUrl } };
}

/** Valid values for every required key of the examples stack (fake cloud-side identities). */
export function exampleStackConfig(
  projectId: string,
  overrides: Record<string, string | object | boolean> = {},
): ConfigMap {
  const values: Record<string, string | object | boolean> = {
    projectId,
    awsAccountId: "123456789012",
    awsVpcId: "vpc-0a1b2c3d4e5f60718",
    awsVpcCidrBlock: "172.31.0.0/16",
    gcpProjectId: "acme-network-prod",
    gcpNetworkName: "shared-vpc",
    serverlessInstanceName: "orders-serverless",
    // Fast polling for the simulator's compressed time; real stacks leave poll unset.
    poll: { intervalSeconds: 0.05, maxIntervalSeconds: 0.25 },
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      `${exampleProjectName}:${key}`,
      { value: typeof value === "string" ? value : JSON.stringify(value) },
    ]),
  );
}

// ---- the stack -------------------------------------------------------------------------------------------

/** The part of an exported deployment the tests read. */
export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}
export interface PendingOperation {
  type: string;
  resource: StateResource;
}
export interface ExportedState {
  version: number;
  deployment: { resources?: StateResource[]; pending_operations?: PendingOperation[] };
}

/** Dynamic resources of this package have tokens `pulumi-nodejs:dynamic/mongodbatlas-network:<Type>`. */
export type AtlasResourceType =
  | "PrivateEndpointService"
  | "PrivateEndpointRegistration"
  | "PrivateEndpointRegionalMode"
  | "ServerlessPrivateEndpoint"
  | "NetworkPeer"
  | "NetworkContainer";

export function atlasResources(state: ExportedState, type?: AtlasResourceType): StateResource[] {
  return (state.deployment.resources ?? []).filter(
    (resource) =>
      resource.type.startsWith("pulumi-nodejs:dynamic/mongodbatlas-network:") &&
      (type === undefined || resource.type.endsWith(`:${type}`)),
  );
}

export function resourceNamed(state: ExportedState, type: AtlasResourceType, name: string): StateResource {
  const found = atlasResources(state, type).find((resource) => resource.urn.endsWith(`::${name}`));
  if (!found) throw new Error(`no ${type} named ${name} in the exported state`);
  return found;
}

/** The text of a CommandError (the CLI's stdout and stderr), or of any other error. */
export function errorText(error: unknown): string {
  if (error instanceof CommandError) return error.message;
  return error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
}

export interface EngineStackOptions {
  workspace: EngineWorkspace;
  stackName: string;
  program: PulumiFn;
  config: ConfigMap;
}

type OperationOptions = Pick<UpOptions, "onEvent" | "signal" | "parallel">;

/**
 * One stack of the examples project in a temp workspace. Every operation streams the engine's output into
 * `transcript` (and into `echo`, when set: the demo prints it) and keeps the CLI's output of a failure too.
 */
export class EngineStack {
  readonly transcript: string[] = [];
  echo: ((text: string) => void) | undefined;

  private constructor(
    readonly stack: Stack,
    private readonly workspace: EngineWorkspace,
  ) {}

  /**
   * The repository's Pulumi.yaml project (main: examples/) run by the CLI's Node.js language host: the
   * workspace gets a copy of Pulumi.yaml and a link to examples/, so stack files stay out of the repository.
   */
  static async createForProject(options: Omit<EngineStackOptions, "program">): Promise<EngineStack> {
    const { workspace } = options;
    fs.copyFileSync(path.join(repoRoot, "Pulumi.yaml"), path.join(workspace.workDir, "Pulumi.yaml"));
    fs.symlinkSync(path.join(repoRoot, "examples"), path.join(workspace.workDir, "examples"), "dir");
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: options.stackName, workDir: workspace.workDir },
      { pulumiCommand: workspace.pulumiCommand, envVars: workspace.envVars },
    );
    await stack.setAllConfig(options.config);
    return new EngineStack(stack, workspace);
  }

  static async create(options: EngineStackOptions): Promise<EngineStack> {
    const { workspace } = options;
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: options.stackName, projectName: exampleProjectName, program: options.program },
      {
        workDir: workspace.workDir,
        pulumiCommand: workspace.pulumiCommand,
        envVars: workspace.envVars,
        // No main: the program directory (the dynamic-provider process's cwd) is the workDir itself.
        projectSettings: { name: exampleProjectName, runtime: "nodejs" },
      },
    );
    await stack.setAllConfig(options.config);
    return new EngineStack(stack, workspace);
  }

  /** The whole transcript as one text (engine output, provider lines, failures). */
  get text(): string {
    return this.transcript.join("");
  }

  up(options: OperationOptions = {}): Promise<UpResult> {
    return this.run("up", (io) => this.stack.up({ ...io, ...options }));
  }

  preview(options: OperationOptions = {}): Promise<PreviewResult> {
    return this.run("preview", (io) => this.stack.preview({ ...io, ...options } as PreviewOptions));
  }

  refresh(options: Pick<RefreshOptions, "clearPendingCreates"> & OperationOptions = {}): Promise<RefreshResult> {
    return this.run("refresh", (io) => this.stack.refresh({ ...io, ...options }));
  }

  destroy(options: OperationOptions = {}): Promise<DestroyResult> {
    return this.run("destroy", (io) => this.stack.destroy({ ...io, ...options } as DestroyOptions));
  }

  /** The state with secrets decrypted (the Automation API exports with --show-secrets): for assertions on values. */
  async exportState(): Promise<ExportedState> {
    return (await this.stack.exportStack()) as ExportedState;
  }

  /** `pulumi stack export` as a user runs it (secrets stay encrypted): what a state file or a CI log would hold. */
  exportStoredState(): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        this.workspace.pulumiPath,
        ["stack", "export", "--stack", this.stack.name, "--non-interactive"],
        {
          cwd: this.workspace.workDir,
          env: { ...process.env, ...this.workspace.envVars },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) =>
          error ? reject(new Error(`pulumi stack export failed: ${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  async setConfig(values: ConfigMap): Promise<void> {
    await this.stack.setAllConfig(values);
  }

  private async run<T>(
    operation: string,
    call: (io: { onOutput: (text: string) => void; onError: (text: string) => void }) => Promise<T>,
  ): Promise<T> {
    const record = (text: string) => {
      this.transcript.push(text);
      this.echo?.(text);
    };
    record(`\n==== pulumi ${operation} ====\n`);
    try {
      return await call({ onOutput: record, onError: record });
    } catch (error) {
      this.transcript.push(`\n==== pulumi ${operation} failed ====\n${errorText(error)}\n`);
      throw error;
    }
  }
}

// ---- the simulator ---------------------------------------------------------------------------------------

export interface EngineSimulator extends RunningSimulator {
  credentials: TestCredentials;
}

/**
 * A simulator for engine tests: random credentials, compressed time (1 simulated second = 2 real ms), and
 * no rate limit unless asked (tests that want one configure it, so the others measure the engine, not 429s).
 */
export async function startEngineSimulator(options: SimulatorOptions = {}): Promise<EngineSimulator> {
  const credentials = randomCredentials();
  const simulator = await startSimulator({ port: 0, timeScale: 0.002, rateLimit: false, credentials, ...options });
  return { ...simulator, credentials: { ...credentials, ...simulator.credentials } };
}

const writeMethods = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/**
 * Atlas API calls that change something (the OAuth token endpoint is not one). A 401 is left out: it is
 * the Digest handshake (a new provider process's first request fetches a nonce), answered before Atlas
 * looks at the request, and the same request follows with credentials.
 */
export function atlasWrites(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter(
    (entry) => writeMethods.has(entry.method) && entry.path.startsWith("/api/atlas/") && entry.status !== 401,
  );
}

/** The request log entries after `sequence` (0 = all). */
export function requestsSince(simulator: RunningSimulator, sequence: number): RequestLogEntry[] {
  return simulator.control.getRequestLog({ since: sequence });
}

/** The sequence number of the newest request, to take a later slice of the log from. */
export function lastSequence(simulator: RunningSimulator): number {
  const log = simulator.control.getRequestLog();
  return log.length === 0 ? 0 : (log[log.length - 1] as RequestLogEntry).sequence;
}

/** Live (not gone) simulator resources of a project. */
export function liveResources(simulator: RunningSimulator, groupId: string): ResourceView[] {
  return simulator.control.getResources({ groupId, includeDeleted: false });
}

/** The simulator's kind of each resource type; the regional mode is a project setting, not a simulator resource. */
const simulatorKinds: Record<Exclude<AtlasResourceType, "PrivateEndpointRegionalMode">, ResourceKind> = {
  PrivateEndpointService: "private-endpoint-service",
  PrivateEndpointRegistration: "private-endpoint-registration",
  ServerlessPrivateEndpoint: "serverless-private-endpoint",
  NetworkPeer: "network-peer",
  NetworkContainer: "network-container",
};

function typeOf(resource: StateResource): AtlasResourceType {
  return resource.type.slice(resource.type.lastIndexOf(":") + 1) as AtlasResourceType;
}

export interface StateVersusAtlas {
  /** Resources in state whose id Atlas does not have (of that kind, alive). */
  missingInAtlas: StateResource[];
  /** Live Atlas resources of the project that no resource in state points to: leaked. */
  orphansInAtlas: ResourceView[];
}

/** Compares the stack's state with the simulator's project: both lists empty = one Atlas resource per declared one. */
export function compareStateWithAtlas(
  state: ExportedState,
  simulator: RunningSimulator,
  groupId: string,
): StateVersusAtlas {
  const live = liveResources(simulator, groupId);
  const inState = atlasResources(state);
  return {
    missingInAtlas: inState.filter((resource) => {
      const type = typeOf(resource);
      // The project's setting always exists: "missing" means Atlas has another value than state.
      if (type === "PrivateEndpointRegionalMode")
        return simulator.control.getRegionalMode(groupId).enabled !== resource.outputs?.enabled;
      return !live.some((view) => view.kind === simulatorKinds[type] && matches(resource, view));
    }),
    orphansInAtlas: live.filter((view) => !inState.some((resource) => matches(resource, view))),
  };
}

/**
 * Whether a resource in state is this simulator resource. A registration's id is the cloud endpoint's id within
 * its service (vpce id, Azure resource id, GCP group name); the simulator keys it by an Atlas object id.
 */
export function matches(resource: StateResource, view: ResourceView): boolean {
  if (view.kind === "private-endpoint-registration") {
    return (
      typeOf(resource) === "PrivateEndpointRegistration" &&
      resource.outputs?.endpointServiceId === view.endpointServiceId &&
      String(resource.id).toLowerCase() === String(view.endpointId).toLowerCase()
    );
  }
  return resource.id === view.id;
}

/** The state's resources of the examples stack per type, in a fixed order (for one-line count assertions). */
export function countsByType(state: ExportedState): Record<AtlasResourceType, number> {
  const types: AtlasResourceType[] = [
    "NetworkContainer",
    "PrivateEndpointService",
    "PrivateEndpointRegistration",
    "PrivateEndpointRegionalMode",
    "NetworkPeer",
    "ServerlessPrivateEndpoint",
  ];
  return Object.fromEntries(types.map((type) => [type, atlasResources(state, type).length])) as Record<
    AtlasResourceType,
    number
  >;
}

/**
 * The examples stack with its default config: 3 containers, 3 endpoint services, 3 registrations, the regional
 * mode, 2 peers, 1 serverless endpoint. The regional mode is a project setting, so the simulator holds one fewer
 * resource than state; the engine counts the stack itself too.
 */
export const exampleStack = {
  counts: {
    NetworkContainer: 3,
    PrivateEndpointService: 3,
    PrivateEndpointRegistration: 3,
    PrivateEndpointRegionalMode: 1,
    NetworkPeer: 2,
    ServerlessPrivateEndpoint: 1,
  } satisfies Record<AtlasResourceType, number>,
  /** Dynamic resources in state. */
  inState: 13,
  /** Live resources in the simulator's project. */
  inAtlas: 12,
  /** Resources the engine counts (the stack included). */
  engine: 14,
} as const;

// ---- a stack with its own simulator and workspace ------------------------------------------------------

export interface StackFixture {
  simulator: EngineSimulator;
  workspace: EngineWorkspace;
  stack: EngineStack;
  /** The Atlas project of this stack in the simulator. */
  projectId: string;
  /** Closes the simulator and removes the temp directory (state, config, PULUMI_HOME). */
  close(): Promise<void>;
}

export interface StackFixtureOptions {
  /** Names the stack and the temp directory. */
  label: string;
  /** The inline program, usually examples/network-stack.ts's atlasNetworkStack. */
  program: PulumiFn;
  /** Overrides of the examples stack's config values (see exampleStackConfig). */
  config?: Record<string, string | object | boolean>;
  simulator?: SimulatorOptions;
  credentials?: CredentialKind;
  /** Default: the simulator's; a proxy in front of it, for instance. */
  baseUrl?: (simulator: EngineSimulator) => Promise<string> | string;
  /** Extra environment for every CLI call (and so for the dynamic-provider process). */
  env?: Record<string, string>;
}

export async function openStackFixture(cli: ReadyCli, options: StackFixtureOptions): Promise<StackFixture> {
  const simulator = await startEngineSimulator(options.simulator);
  let workspace: EngineWorkspace | undefined;
  try {
    workspace = await createEngineWorkspace(cli, options.label);
    Object.assign(workspace.envVars, options.env ?? {});
    const projectId = randomProjectId();
    const baseUrl = options.baseUrl ? await options.baseUrl(simulator) : simulator.baseUrl;
    const stack = await EngineStack.create({
      workspace,
      stackName: options.label,
      program: options.program,
      config: {
        ...atlasConfig(baseUrl, simulator.credentials, options.credentials ?? "digest"),
        ...exampleStackConfig(projectId, options.config),
      },
    });
    const opened = workspace;
    return {
      simulator,
      workspace,
      stack,
      projectId,
      close: async () => {
        await simulator.close();
        opened.dispose();
      },
    };
  } catch (error) {
    await simulator.close();
    workspace?.dispose();
    throw error;
  }
}

// ---- the destroy order of the private links ------------------------------------------------------------

/** One endpoint service's end, from the simulator's request log and timeline (real ms since the epoch). */
export interface ServiceTeardown {
  provider: string;
  serviceId: string;
  registrations: { endpointId: string; deleteSentAt: number | null; goneAt: number | null }[];
  /** The service's first DELETE request; null when Atlas removed it with its last endpoint (AWS). */
  serviceDeleteSentAt: number | null;
  serviceGoneAt: number | null;
  /** Every registration was gone (404) before the service's DELETE was sent, or before Atlas removed the service. */
  registrationsFirst: boolean;
}

/**
 * How the project's endpoint services and their registrations went, for requests after `since`: each
 * registration's DELETE and the time it read 404, then the service's DELETE (or Atlas removing the service).
 */
export function privateLinkTeardown(simulator: RunningSimulator, groupId: string, since = 0): ServiceTeardown[] {
  const log = simulator.control.getRequestLog({ since });
  const deletes = log.filter((entry) => entry.method === "DELETE" && entry.status !== 401);
  const views = simulator.control.getResources({ groupId });
  return views
    .filter((view) => view.kind === "private-endpoint-service" && view.deletedAt !== null)
    .map((service) => {
      const registrations = views
        .filter((view) => view.kind === "private-endpoint-registration" && view.endpointServiceId === service.id)
        .map((registration) => ({
          endpointId: registration.endpointId ?? registration.id,
          deleteSentAt:
            deletes.find(
              (entry) =>
                entry.operationId === "deleteGroupPrivateEndpointEndpointServiceEndpoint" &&
                entry.path.includes(`/endpointService/${service.id}/endpoint/`) &&
                decodeURIComponent(entry.path.slice(entry.path.lastIndexOf("/endpoint/") + "/endpoint/".length)) ===
                  registration.endpointId,
            )?.timestamp ?? null,
          goneAt: registration.deletedAt,
        }));
      const serviceDeleteSentAt =
        deletes.find(
          (entry) =>
            entry.operationId === "deleteGroupPrivateEndpointEndpointService" &&
            entry.path.endsWith(`/endpointService/${service.id}`),
        )?.timestamp ?? null;
      const serviceEnd = serviceDeleteSentAt ?? service.deletedAt ?? 0;
      return {
        provider: service.provider,
        serviceId: service.id,
        registrations,
        serviceDeleteSentAt,
        serviceGoneAt: service.deletedAt,
        registrationsFirst: registrations.every(
          (registration) => registration.goneAt !== null && registration.goneAt <= serviceEnd,
        ),
      };
    });
}
