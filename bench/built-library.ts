/**
 * The library as the engine runs it: compiled in dist/ and reached through the package's self link.
 *
 * The serialized provider (AtlasDynamicProvider) does `require("pulumi-mongodbatlas-network/runtime")`,
 * which resolves through node_modules/pulumi-mongodbatlas-network -> .. to dist/provider/runtime.js. The
 * run context, the request budget and the list watchers live in module-level state of THOSE files, so the
 * bench must reset and tune the very same module instances: it requires them by their real paths next to
 * the resolved runtime (Node caches modules by real path), never the TypeScript sources.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

type ContextModule = typeof import("../provider/resources/shared/context");
type ClientModule = typeof import("../provider/client");
type PollerModule = typeof import("../provider/poller");
type DynamicProviderModule = typeof import("../provider/resources/shared/dynamic-provider");

export interface BuiltLibrary {
  /** dist/provider, as resolved through the self link. */
  providerDir: string;
  context: ContextModule;
  client: ClientModule;
  poller: PollerModule;
  dynamicProvider: DynamicProviderModule;
}

export const repoRoot = path.resolve(__dirname, "..");

/**
 * `npm run build` (tsc -p tsconfig.build.json). The bench measures what the engine loads, so a failed build
 * is fatal: the compiler's output is thrown.
 */
export function buildLibrary(): number {
  const started = Date.now();
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 5 * 60_000,
  });
  if (build.status !== 0) {
    throw new Error(
      `npm run build failed (exit ${build.status ?? build.signal}):\n${build.stdout}${build.stderr}${build.error?.message ?? ""}`,
    );
  }
  return Date.now() - started;
}

export function loadBuiltLibrary(): BuiltLibrary {
  const runtimePath = require.resolve("pulumi-mongodbatlas-network/runtime");
  const providerDir = path.dirname(runtimePath);
  if (!fs.existsSync(path.join(providerDir, "resources", "shared", "context.js"))) {
    throw new Error(
      `${runtimePath} is not the compiled library (no resources/shared/context.js next to it): run npm run build`,
    );
  }
  const load = <T>(relative: string): T => require(path.join(providerDir, relative)) as T;
  return {
    providerDir,
    context: load<ContextModule>("resources/shared/context.js"),
    client: load<ClientModule>("client/index.js"),
    poller: load<PollerModule>("poller/index.js"),
    dynamicProvider: load<DynamicProviderModule>("resources/shared/dynamic-provider.js"),
  };
}
