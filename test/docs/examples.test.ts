/**
 * The documentation keeps working as the code changes:
 * - every ```ts block of README.md and docs/ compiles (strict) against the library's sources, with the cloud
 *   packages it uses declared in test/docs/cloud-declarations.ts;
 * - every relative link points at a file that exists and, with a #fragment, at a heading in it;
 * - every control-API command of docs/simulator.md succeeds against a running simulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { eventually, startTestSimulator, testGroupId, type RunningSimulator } from "../support/simulator";
import { cloudPackageDeclarations } from "./cloud-declarations";

const repoRoot = path.resolve(__dirname, "..", "..");

/** The user documentation (architecture.md is for contributors and shows internal code). */
function documentationFiles(): string[] {
  const docs = (dir: string): string[] =>
    fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return docs(relative);
      return entry.name.endsWith(".md") && relative !== "docs/architecture.md" ? [relative] : [];
    });
  return ["README.md", ...docs("docs")];
}

interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  code: string;
}

function codeBlocks(file: string): CodeBlock[] {
  const lines = fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  let open: { line: number; language: string; indent: string; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const fence = /^(\s*)```(\w*)\s*$/.exec(text);
    if (!open && fence) {
      open = { line: index + 1, language: fence[2] ?? "", indent: fence[1] ?? "", body: [] };
    } else if (open && fence) {
      blocks.push({ file, line: open.line, language: open.language, code: open.body.join("\n") });
      open = undefined;
    } else if (open) {
      open.body.push(text.startsWith(open.indent) ? text.slice(open.indent.length) : text);
    }
  });
  return blocks;
}

const allBlocks = documentationFiles().flatMap(codeBlocks);
const typescriptBlocks = allBlocks.filter((block) => block.language === "ts");

describe("the TypeScript examples", () => {
  let diagnostics: Map<string, string[]>;

  beforeAll(() => {
    // Virtual files beside the repository's own, so that @pulumi/pulumi and @types/node resolve as usual.
    const snippetDir = path.join(repoRoot, "test", "docs", "__snippets__");
    const files = new Map<string, string>();
    const fileOf = new Map<string, CodeBlock>();
    typescriptBlocks.forEach((block, index) => {
      const name = path.join(snippetDir, `snippet-${index}.ts`);
      // "../atlas-network/…" in the docs is a checkout of this repository.
      files.set(name, block.code.replace(/(["'])\.\.\/atlas-network\//g, `$1${repoRoot.split(path.sep).join("/")}/`));
      fileOf.set(name, block);
    });
    const declarations = path.join(snippetDir, "cloud-packages.d.ts");
    files.set(declarations, cloudPackageDeclarations);

    const options: ts.CompilerOptions = {
      strict: true,
      noImplicitReturns: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
      baseUrl: repoRoot,
      paths: { "pulumi-mongodbatlas-network": ["provider/index.ts"] },
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (name) => files.get(path.resolve(name)) ?? readFile(name);
    host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
    host.getSourceFile = (name, languageVersion, ...rest) => {
      const text = files.get(path.resolve(name));
      return text !== undefined
        ? ts.createSourceFile(name, text, languageVersion, true)
        : getSourceFile(name, languageVersion, ...rest);
    };
    const program = ts.createProgram([...files.keys()], options, host);

    diagnostics = new Map();
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const name = diagnostic.file ? path.resolve(diagnostic.file.fileName) : "(global)";
      const block = fileOf.get(name);
      const where = block ? `${block.file}:${block.line}` : name;
      const position =
        diagnostic.file && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
          : undefined;
      const line = position ? ` (line ${position.line + 1} of the block)` : "";
      const message = `${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}${line}`;
      diagnostics.set(where, [...(diagnostics.get(where) ?? []), message]);
    }
  }, 120_000);

  test("there are examples for every resource in the usage guide", () => {
    const usage = typescriptBlocks
      .filter((block) => block.file === "docs/usage.md")
      .map((block) => block.code)
      .join("\n");
    for (const resource of ["PrivateEndpointService", "ServerlessPrivateEndpoint", "NetworkPeer", "NetworkContainer"]) {
      expect(usage).toContain(`new ${resource}(`);
    }
    for (const provider of ['"AWS"', '"AZURE"', '"GCP"']) expect(usage).toContain(`providerName: ${provider}`);
  });

  test("every example compiles with strict settings against the library and the cloud packages' types", () => {
    expect(Object.fromEntries(diagnostics)).toEqual({});
  });
});

// ---- links --------------------------------------------------------------------------------------------

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, "utf8");
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

test("every relative link in the documentation points at an existing file and heading", () => {
  const broken: string[] = [];
  for (const file of documentationFiles()) {
    const text = fs.readFileSync(path.join(repoRoot, file), "utf8").replace(/```[\s\S]*?```/g, "");
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string;
      if (/^[a-z]+:/i.test(target)) continue;
      const [pathPart, fragment] = target.split("#") as [string, string | undefined];
      const resolved =
        pathPart === "" ? path.join(repoRoot, file) : path.resolve(path.dirname(path.join(repoRoot, file)), pathPart);
      if (!fs.existsSync(resolved)) {
        broken.push(`${file}: ${target} (no such file)`);
        continue;
      }
      if (fragment && resolved.endsWith(".md") && !anchorsOf(resolved).has(fragment))
        broken.push(`${file}: ${target} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});

// ---- the simulator guide's control-API commands ---------------------------------------------------------

interface CurlCommand {
  method: string;
  url: string;
  body: string | undefined;
  source: string;
}

/** Splits a shell line into words, honouring single and double quotes; stops at a # comment. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | undefined;
  let inWord = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else if (char === "#" && !inWord) {
      break;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

function curlCommands(file: string): CurlCommand[] {
  const commands: CurlCommand[] = [];
  for (const block of codeBlocks(file).filter((b) => b.language === "sh")) {
    for (const line of block.code.replace(/\\\n\s*/g, " ").split("\n")) {
      const words = shellWords(line);
      if (words[0] !== "curl") continue;
      let method = "GET";
      let url = "";
      let body: string | undefined;
      for (let i = 1; i < words.length; i++) {
        const word = words[i] as string;
        if (word === "-X") method = words[++i] as string;
        else if (word === "-d") body = words[++i];
        else if (word === "-H") i++;
        else if (!word.startsWith("-")) url = word;
      }
      if (body !== undefined && method === "GET") method = "POST";
      commands.push({ method, url, body, source: line.trim() });
    }
  }
  return commands;
}

describe("the control-API commands of docs/simulator.md", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimit: false });
  });
  afterAll(async () => {
    await sim.close();
  });

  test("each one succeeds against a running simulator", async () => {
    const commands = curlCommands("docs/simulator.md");
    expect(commands.length).toBeGreaterThanOrEqual(15);
    const failures: string[] = [];
    let service: string | undefined;
    let peer: string | undefined;
    for (const command of commands) {
      let url = command.url.replace("$SIM", sim.baseUrl);
      if (url.includes("$ID")) {
        // The commands that act on one object: a peer waiting for acceptance, or an AWS endpoint service.
        if (url.endsWith("/accept")) {
          sim.control.configure({ autoAcceptPeers: false });
          const container = sim.control.seedResource({
            kind: "network-container",
            groupId: testGroupId,
            body: { providerName: "AWS", regionName: "EU_WEST_1", atlasCidrBlock: "10.20.0.0/21" },
          }).id;
          peer = sim.control.seedResource({
            kind: "network-peer",
            groupId: testGroupId,
            body: {
              containerId: container,
              providerName: "AWS",
              accepterRegionName: "eu-west-1",
              awsAccountId: "123456789012",
              routeTableCidrBlock: "10.0.0.0/16",
              vpcId: "vpc-0123456789abcdef0",
            },
          }).id;
          const waiting = peer;
          await eventually(
            async () => sim.control.getResource(waiting)?.status,
            (status) => status === "PENDING_ACCEPTANCE",
          );
          url = url.replace("$ID", peer);
        } else {
          service ??= sim.control.seedResource({
            kind: "private-endpoint-service",
            groupId: testGroupId,
            body: { providerName: "AWS", region: "EU_WEST_1" },
            settled: true,
          }).id;
          url = url.replace("$ID", service);
        }
      }
      const response = await fetch(url, {
        method: command.method,
        ...(command.body !== undefined ? { body: command.body, headers: { "content-type": "application/json" } } : {}),
      });
      const text = await response.text();
      if (!response.ok) failures.push(`${command.source} → HTTP ${response.status} ${text}`);
    }
    expect(failures).toEqual([]);
    expect(peer).toBeDefined();
  });
});
