/**
 * Shared by the packaging tests: run npm and node the way a user's machine would (Node 24 first on PATH,
 * none of the npm_* variables that `npx jest` sets, which would point npm back at this repository), build
 * the library, and pack it.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureProviderBuilt } from "../support/pulumi";

export const repoRoot = path.resolve(__dirname, "..", "..");

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to the cleaned environment. */
  env?: Record<string, string>;
  timeoutMs: number;
}

/**
 * The environment of a child command: this process's, without npm_* variables (npx sets
 * npm_config_local_prefix to this repository, which would make `npm install` in a temporary project
 * install here instead), with the Node that runs jest first on PATH.
 */
export function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  env.PATH = [path.dirname(process.execPath), env.PATH ?? ""].join(path.delimiter);
  return { ...env, ...extra };
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: cleanEnvironment(options.env),
      timeout: options.timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command and throws with its output when it does not exit 0. */
export async function runOrThrow(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} (in ${options.cwd}) exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/**
 * The library (and the simulator) compiled into dist/, as `npm run build` does. It goes through the same
 * locked, skip-when-current build as the end-to-end tests: jest runs these files in parallel, and a second
 * build rewriting dist/ while another file packs it would pack half-written files.
 */
export async function buildLibrary(): Promise<void> {
  ensureProviderBuilt();
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

function parsePackJson(stdout: string): PackResult {
  // npm may print notices before the JSON array; the array is the last thing on stdout.
  const start = stdout.indexOf("[");
  const parsed = JSON.parse(stdout.slice(start)) as PackResult[];
  const result = parsed[0];
  if (!result) throw new Error(`npm pack printed no package: ${stdout}`);
  return result;
}

/**
 * `npm pack --dry-run --json` of the repository as it is (build first). Scripts are skipped: a prepack
 * that builds would only repeat the build the caller just ran.
 */
export async function packDryRun(): Promise<PackResult> {
  const { stdout } = await runOrThrow("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: repoRoot,
    timeoutMs: 120_000,
  });
  return parsePackJson(stdout);
}

/** Packs the repository into `destination`; returns the tarball's path. */
export async function packInto(destination: string): Promise<string> {
  const { stdout } = await runOrThrow(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", destination],
    {
      cwd: repoRoot,
      timeoutMs: 120_000,
    },
  );
  const tarball = path.join(destination, parsePackJson(stdout).filename);
  if (!fs.existsSync(tarball)) throw new Error(`npm pack reported ${tarball}, which does not exist`);
  return tarball;
}

/** The version of a package installed in this repository (to install the same one, from the cache, elsewhere). */
export function installedVersion(packageName: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(repoRoot, "node_modules", packageName, "package.json"), "utf8"),
  ) as { version: string };
  return manifest.version;
}

/** Every file below `dir`, as paths relative to `base` with forward slashes. */
export function listFiles(dir: string, base: string = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, base);
    return [path.relative(base, full).split(path.sep).join("/")];
  });
}
