/**
 * What `npm pack` puts in the package: the compiled library (dist/provider) with its type declarations,
 * README, LICENSE and CHANGELOG, and nothing else: no tests, sources, source maps, simulator or spec.
 * Every module the library loads must be in the tarball, in node's built-ins or in its dependencies.
 */
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { buildLibrary, listFiles, packDryRun, repoRoot, type PackResult } from "./support";

interface Manifest {
  name: string;
  main?: string;
  types?: string;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as Manifest;
const alwaysPacked = ["package.json", "README.md", "LICENSE", "CHANGELOG.md"];

/** What the build makes from the library's sources: one .js and one .d.ts per provider/**.ts. */
function expectedLibraryFiles(): string[] {
  return listFiles(path.join(repoRoot, "provider"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.endsWith(".test.ts"))
    .flatMap((file) => {
      const stem = `dist/provider/${file.slice(0, -".ts".length)}`;
      return [`${stem}.js`, `${stem}.d.ts`];
    });
}

/** The module names a compiled file passes to require(). */
function requiredNames(source: string): string[] {
  return [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] as string);
}

/** "@pulumi/pulumi/dynamic" → "@pulumi/pulumi", "zod" → "zod". */
function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/** The file paths an exports map (or main/types) points at, without "./". */
function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value.replace(/^\.\//, "")];
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(exportTargets);
  return [];
}

let pack: PackResult;
let packed: Set<string>;

beforeAll(async () => {
  await buildLibrary();
  pack = await packDryRun();
  packed = new Set(pack.files.map((file) => file.path));
}, 300_000);

test("the package holds exactly the compiled library, its declarations, README, LICENSE and CHANGELOG", () => {
  const expected = [...alwaysPacked, ...expectedLibraryFiles()].sort();
  const actual = [...packed].sort();
  const unexpected = actual.filter((file) => !expected.includes(file));
  const missing = expected.filter((file) => !packed.has(file));
  // A file in dist/provider without a source is left over from an earlier build: build into a clean dist.
  expect({ unexpected, missing }).toEqual({ unexpected: [], missing: [] });
});

test("the package holds no tests, TypeScript sources, source maps, simulator, scripts or API spec", () => {
  const offending = [...packed].filter(
    (file) =>
      /(^|\/)(test|simulator|scripts|bench|examples|docs)\//.test(file) ||
      (file.endsWith(".ts") && !file.endsWith(".d.ts")) ||
      file.endsWith(".map") ||
      /spec\.ya?ml$|openapi/i.test(file),
  );
  expect(offending).toEqual([]);
});

test("every path that main, types and the exports map name is in the package", () => {
  const targets = [manifest.main, manifest.types, ...exportTargets(manifest.exports)].filter(
    (t): t is string => t !== undefined,
  );
  expect(targets.length).toBeGreaterThan(0);
  expect(targets.filter((target) => !packed.has(target))).toEqual([]);
});

test("the exports map gives types for the package and for the runtime the serialized providers load", () => {
  const exportsMap = manifest.exports ?? {};
  for (const entry of [".", "./runtime"]) {
    const conditions = exportsMap[entry] as Record<string, string> | undefined;
    expect(conditions).toBeDefined();
    // "types" must come first: TypeScript takes the first condition that matches.
    expect(Object.keys(conditions ?? {})[0]).toBe("types");
    expect(conditions?.types).toMatch(/\.d\.ts$/);
  }
});

test("every module the compiled library requires is in the package, a Node built-in, or a declared dependency", () => {
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const builtins = new Set(builtinModules);
  const problems: string[] = [];
  for (const file of [...packed].filter((f) => f.endsWith(".js"))) {
    const source = fs.readFileSync(path.join(repoRoot, file), "utf8");
    for (const specifier of requiredNames(source)) {
      if (specifier.startsWith(".")) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        if (![`${target}.js`, `${target}/index.js`, target].some((candidate) => packed.has(candidate))) {
          problems.push(`${file} requires ${specifier}, which is not in the package`);
        }
      } else if (specifier === manifest.name || specifier.startsWith(`${manifest.name}/`)) {
        const subpath = specifier === manifest.name ? "." : `./${specifier.slice(manifest.name.length + 1)}`;
        if (!(manifest.exports && subpath in manifest.exports))
          problems.push(`${file} requires ${specifier}, which the exports map does not export`);
      } else if (!builtins.has(specifier.replace(/^node:/, "")) && !declared.has(packageNameOf(specifier))) {
        problems.push(`${file} requires ${specifier}, which is not a dependency`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test("the package stays small (the 4 MB API spec or a stray bundle would show here)", () => {
  expect(pack.size).toBeLessThan(400 * 1024);
  expect(pack.unpackedSize).toBeLessThan(1.5 * 1024 * 1024);
});
