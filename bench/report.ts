/**
 * bench/results.json (everything, for machines) and bench/results.md (the tables the README shows).
 */
import * as os from "node:os";
import { ratio, type CoalescingFigures, type Distribution, type SizeFigures } from "./figures";
import type { RunRecord } from "./harness";
import type { BenchParameters } from "./parameters";
import type { PreviewOutcome } from "./preview";
import type { StacksComparison } from "./targets";
import type { StrategyName } from "./strategies";
import { metText, type SizeComparison, type TargetResult } from "./targets";
import type { BenchKind } from "./workloads";

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  platform: string;
  memoryGiB: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

export interface StrategyDescription {
  name: StrategyName;
  title: string;
  /** The poll input each kind's resources got, in Atlas seconds (before the time scale). */
  pollAtlasSeconds: Record<
    BenchKind,
    { initialDelaySeconds: number; intervalSeconds: number; maxIntervalSeconds: number; coalesce: boolean }
  >;
  budget: string;
}

export interface ComparedSize {
  label: string;
  description: string;
  adaptive: SizeFigures;
  baseline: SizeFigures;
  ratios: Record<string, number | null>;
}

/** Per resource of every run, compact: for charts and for checking a figure by hand. */
export interface ResourceRow {
  run: string;
  strategy: StrategyName;
  label: string;
  kind: BenchKind;
  waitSeconds: number | null;
  lagSeconds: number | null;
  error?: string;
}

export interface BenchResults {
  command: string;
  generatedAt: string;
  runSeconds: number;
  machine: MachineInfo;
  parameters: BenchParameters & { simulatorRefillPerRealSecond: number };
  strategies: StrategyDescription[];
  sizes: ComparedSize[];
  coalescing: { adaptive: CoalescingFigures; baseline: CoalescingFigures } | null;
  targets: TargetResult[];
  analysis: string[];
  preview: PreviewOutcome;
  stacks: StacksComparison | null;
  notes: string[];
  resources: ResourceRow[];
}

export function compare(comparison: SizeComparison, description: string): ComparedSize {
  const { adaptive: a, baseline: b } = comparison;
  return {
    label: comparison.label,
    description,
    adaptive: a,
    baseline: b,
    ratios: {
      wallOverSettle: ratio(a.wallOverSettle, b.wallOverSettle),
      lagP50: ratio(a.lag.all.p50, b.lag.all.p50),
      lagP95: ratio(a.lag.all.p95, b.lag.all.p95),
      shortLagP95: ratio(a.lag.short.p95, b.lag.short.p95),
      longLagFractionP95: ratio(a.lag.longFractionOfWait.p95, b.lag.longFractionOfWait.p95),
      callsPerResource: ratio(a.callsPerResource, b.callsPerResource),
      readsPerResource: ratio(a.readsPerResource, b.readsPerResource),
      longWaitReadsPerResource: ratio(a.longWaitReadsPerResource, b.longWaitReadsPerResource),
      status429: ratio(a.requests.status429, b.requests.status429),
    },
  };
}

export function resourceRows(records: readonly RunRecord[], timeScale: number): ResourceRow[] {
  const atlas = (ms: number) => Math.round((ms / 1000 / timeScale) * 1000) / 1000;
  return records.flatMap((record) =>
    record.outcomes.map((o) => ({
      run: record.workload,
      strategy: record.strategy,
      label: o.label,
      kind: o.kind,
      waitSeconds: o.settledAt !== undefined && o.createdAt !== undefined ? atlas(o.settledAt - o.createdAt) : null,
      lagSeconds: o.settledAt !== undefined && !o.error ? atlas(o.returnedAt - o.settledAt) : null,
      ...(o.error ? { error: o.error } : {}),
    })),
  );
}

// ---- Markdown ------------------------------------------------------------------------------------------

const fixed = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? "–" : value.toFixed(digits);
const secs = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${value.toFixed(2)} s`;
const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${(value * 100).toFixed(1)} %`;
const times = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `×${value.toFixed(2)}`;

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function p95(distribution: Distribution): number | null {
  return distribution.p95;
}

function figureCells(f: SizeFigures): string[] {
  return [
    fixed(f.wallOverSettle, 3),
    secs(f.lag.all.p50),
    secs(f.lag.all.p95),
    secs(p95(f.lag.short)),
    pct(p95(f.lag.longFractionOfWait)),
    fixed(f.callsPerResource, 1),
    fixed(f.readsPerResource, 1),
    fixed(f.longWaitReadsPerResource, 1),
    String(f.requests.status429),
    String(f.failures),
  ];
}

function ratioCells(r: Record<string, number | null>, a: SizeFigures, b: SizeFigures): string[] {
  return [
    times(r.wallOverSettle),
    times(r.lagP50),
    times(r.lagP95),
    times(r.shortLagP95),
    times(r.longLagFractionP95),
    times(r.callsPerResource),
    times(r.readsPerResource),
    times(r.longWaitReadsPerResource),
    b.requests.status429 === 0
      ? a.requests.status429 === 0
        ? "0 vs 0"
        : `${a.requests.status429} vs 0`
      : times(r.status429),
    `${a.failures} vs ${b.failures}`,
  ];
}

export function markdown(results: BenchResults): string {
  const p = results.parameters;
  const m = results.machine;
  const lines: string[] = [];
  lines.push("## Benchmark: time to settle, API calls and rate-limit safety");
  lines.push("");
  lines.push(
    `\`${results.command}\` on ${m.cores} cores (${m.cpuModel}), Node ${m.node}, ${results.generatedAt.slice(0, 10)}; ${results.runSeconds.toFixed(0)} s in all. ` +
      `Local Atlas simulator at time scale ${p.timeScale} (every figure is in Atlas seconds; poll schedules, budget and rate limits scaled alike); ` +
      `waits: endpoint service ${p.settleSeconds.endpointService} s, endpoint registration ${p.settleSeconds.endpointRegistration} s (AWS; Azure 120 s, GCP 150 s), AWS peer ${p.settleSeconds.awsPeer} s, GCP peer ${p.settleSeconds.gcpPeer} s; ` +
      `rate limits ${p.rateLimit.capacity} requests burst + ${p.rateLimit.refillPerAtlasSecond}/s per project and per IP.`,
  );
  lines.push("");
  lines.push(
    "**adaptive** = this provider's defaults (the phase-aware schedule: first read after 0.8 s, sparse early in a state, every 3.8 s around Atlas's typical duration for a wait alone on its list, down to 1.6 s when many share it, 3 % of the time waited once overdue, at most 30 s; one list call per tick per project and provider; request budget and pacing). " +
      "**baseline** = the Terraform provider's strategy through the same `poll` input (one GET per resource every 10 s, first after 5 s for endpoint services and 10 s for peers and endpoint registrations; no coalescing, no budget). " +
      "Mixed stacks: each endpoint service brings one endpoint registration, created once the service's create returned.",
  );
  lines.push("");
  lines.push(
    row([
      "Stack",
      "Strategy",
      "Wall ÷ settle",
      "Lag p50",
      "Lag p95",
      "Lag p95, waits < 30 s",
      "Lag p95 ÷ wait, ≥ 30 s",
      "Calls / resource",
      "Reads / resource",
      "Reads / resource, waits > 1 min",
      "429s",
      "Failures",
    ]),
  );
  lines.push(row(Array.from({ length: 12 }, () => "---")));
  for (const size of results.sizes) {
    lines.push(row([`**${size.label}**`, "adaptive", ...figureCells(size.adaptive)]));
    lines.push(row(["", "baseline", ...figureCells(size.baseline)]));
    lines.push(row(["", "adaptive ÷ baseline", ...ratioCells(size.ratios, size.adaptive, size.baseline)]));
  }
  lines.push("");
  lines.push(
    "Lag: Atlas settles (simulator timestamp) → the provider's create returns. Calls: every request Atlas sees (Digest challenges, 429s and retries included); reads: the GETs among them (natural-key lookups, polls, container reads).",
  );
  if (results.coalescing) {
    const { adaptive: a, baseline: b } = results.coalescing;
    lines.push("");
    lines.push(
      row([
        "Coalescing (" + a.waits + " GCP peers, one project)",
        "Poll reads",
        "Ticks",
        "Reads per tick",
        "Waits answered by one tick (max)",
      ]),
    );
    lines.push(row(["---", "---", "---", "---", "---"]));
    lines.push(
      row([
        "adaptive",
        String(a.pollReads),
        `${a.ticks} (${a.ticksSource})`,
        fixed(a.readsPerTick),
        a.maxWaitsPerTick === null ? "–" : String(a.maxWaitsPerTick),
      ]),
    );
    lines.push(
      row([
        "baseline",
        String(b.pollReads),
        `${b.ticks} (${b.ticksSource})`,
        fixed(b.readsPerTick),
        "1 (one GET per wait)",
      ]),
    );
  }
  if (results.stacks) {
    const { adaptive: a, baseline: b } = results.stacks;
    lines.push("");
    lines.push(
      row([
        `${a.stacks} stacks at once (separate processes) × ${a.resourcesPerStack} resources (${a.registrationsPerStack} registrations), one project`,
        "Failures",
        "Unrecovered 429s",
        "429 answers",
        "Reads / resource",
        "Calls / resource",
        "Lag p50",
        "Lag p95",
        "Registration lag p95",
        "Wall (real s)",
      ]),
    );
    lines.push(row(Array.from({ length: 10 }, () => "---")));
    for (const f of [a, b])
      lines.push(
        row([
          f.strategy,
          String(f.failures),
          String(f.unrecovered429),
          String(f.status429),
          fixed(f.readsPerResource, 1),
          fixed(f.callsPerResource, 1),
          secs(f.lag.p50),
          secs(f.lag.p95),
          secs(f.registrationLag?.p95),
          fixed(f.wallSeconds, 1),
        ]),
      );
  }
  lines.push("");
  lines.push(row(["Target", "Scope", "Measured", "Limit", "Result"]));
  lines.push(row(["---", "---", "---", "---", "---"]));
  for (const target of results.targets)
    lines.push(row([target.target, target.scope, target.measured, target.limit, `**${metText(target.met)}**`]));
  if (results.analysis.length > 0) {
    lines.push("");
    lines.push("Why the read target is not met everywhere, from the schedules themselves:");
    lines.push("");
    for (const line of results.analysis) lines.push(`- ${line}`);
  }
  lines.push("");
  lines.push(previewMarkdown(results.preview));
  if (results.notes.length > 0) {
    lines.push("");
    lines.push("Notes:");
    lines.push("");
    for (const note of results.notes) lines.push(`- ${note}`);
  }
  return `${lines.join("\n")}\n`;
}

function previewMarkdown(preview: PreviewOutcome): string {
  switch (preview.status) {
    case "skipped":
      return `**\`pulumi preview\` overhead: SKIPPED.** ${preview.reason}`;
    case "failed":
      return `**\`pulumi preview\` overhead: FAILED.** ${preview.detail.split("\n")[0] ?? ""} (details in results.json)`;
    case "measured":
      return [
        row([
          "`pulumi preview`, real seconds (median of " + preview.repeats + ")",
          "Empty stack",
          `${preview.resources} do-nothing dynamic resources`,
          `Unchanged ${preview.resources}-resource stack`,
          "Ratio to empty",
          "Ratio to do-nothing",
          "Atlas calls",
        ]),
        row(["---", "---", "---", "---", "---", "---", "---"]),
        row([
          "real CLI and engine, Automation API",
          secs(preview.emptyStackSeconds.p50),
          secs(preview.noopStackSeconds.p50),
          secs(preview.fullStackSeconds.p50),
          times(preview.ratio),
          times(preview.ratioToNoop),
          String(preview.apiCallsDuringPreviews),
        ]),
        "",
        row([
          "`pulumi refresh`, real seconds (median of " + preview.repeats + ")",
          `${preview.resources} do-nothing dynamic resources`,
          `Unchanged ${preview.resources}-resource stack`,
          "Ratio to do-nothing",
          "First Atlas call after start",
          "Atlas calls per refresh",
        ]),
        row(["---", "---", "---", "---", "---", "---"]),
        row([
          "real CLI and engine, Automation API",
          secs(preview.noopRefreshSeconds.p50),
          secs(preview.refreshSeconds.p50),
          times(preview.refreshRatioToNoop),
          secs(preview.firstCallSeconds.p50),
          fixed(preview.apiCallsPerRefresh, 0),
        ]),
      ].join("\n");
  }
}
