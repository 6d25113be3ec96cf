/**
 * The bench's targets, each judged met / not met from the figures, with the reason and, when not met, what
 * the numbers say a default change would (or could not) do. Nothing here adjusts a measurement.
 */
import type { PollSchedule } from "../provider/poller";
import { longWaitReadLimitSeconds, shortWaitLimitSeconds, type CoalescingFigures, type SizeFigures } from "./figures";
import type { BenchParameters } from "./parameters";
import type { PreviewOutcome } from "./preview";
import type { StacksFigures } from "./stacks";
import type { Strategy } from "./strategies";
import { benchKinds, kindTitles, type BenchKind } from "./workloads";

export interface TargetResult {
  target: string;
  scope: string;
  measured: string;
  limit: string;
  /** null: nothing to judge (no such waits in that run). */
  met: boolean | null;
  note?: string;
}

export interface SizeComparison {
  label: string;
  adaptive: SizeFigures;
  baseline: SizeFigures;
}

/** pollTimeline from the built poller: the reads a lone wait of `durationMs` makes under `schedule`. */
export type Timeline = (schedule: PollSchedule, durationMs: number) => number[];

const seconds = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(2)} s`);
const waits = (count: number) => `${count} wait${count === 1 ? "" : "s"}`;
const percent = (value: number | null) => (value === null ? "n/a" : `${(value * 100).toFixed(1)} %`);

export const lagShortLimitSeconds = 1;
export const lagLongLimitFraction = 0.05;
export const readsLimitFraction = 0.5;

export function lagTargets(comparisons: readonly SizeComparison[]): TargetResult[] {
  const results: TargetResult[] = [];
  for (const { label, adaptive } of comparisons) {
    const short = adaptive.lag.short;
    results.push({
      target: `detection lag p95 ≤ ${lagShortLimitSeconds} s for waits under ${shortWaitLimitSeconds} s`,
      scope: label,
      measured: short.count > 0 ? `${seconds(short.p95)} (${waits(short.count)})` : "no such waits",
      limit: `${lagShortLimitSeconds} s`,
      met: short.p95 === null ? null : short.p95 <= lagShortLimitSeconds,
    });
    const long = adaptive.lag.longFractionOfWait;
    results.push({
      target: `detection lag p95 ≤ ${lagLongLimitFraction * 100} % of the wait for waits of ${shortWaitLimitSeconds} s or more`,
      scope: label,
      measured:
        long.count > 0
          ? `${percent(long.p95)} (${waits(long.count)}; lag p95 ${seconds(adaptive.lag.long.p95)})`
          : "no such waits",
      limit: `${lagLongLimitFraction * 100} %`,
      met: long.p95 === null ? null : long.p95 <= lagLongLimitFraction,
    });
  }
  return results;
}

/**
 * Why a lone long wait cannot make half the baseline's reads while keeping the short-wait lag target, and from
 * how many concurrent waits per (project, provider) list coalescing gets there, from the schedules themselves.
 */
export function readsAnalysis(
  parameters: BenchParameters,
  adaptive: Strategy,
  baseline: Strategy,
  timeline: Timeline,
): string[] {
  const lines: string[] = [];
  const shortWindow = timeline(adaptive.schedule("awsPeer"), shortWaitLimitSeconds * 1000).filter(
    (t) => t <= shortWaitLimitSeconds * 1000,
  ).length;
  for (const kind of benchKinds) {
    const waitSeconds = parameters.settleSeconds[kind];
    if (waitSeconds <= longWaitReadLimitSeconds) continue;
    const ours = timeline(adaptive.schedule(kind), waitSeconds * 1000).length;
    const theirs = timeline(baseline.schedule(kind), waitSeconds * 1000).length;
    // Reads every create makes besides polling: the natural-key lookup, and for peers the container read, for
    // registrations the read of their service.
    const fixed = kind === "endpointService" ? 1 : 2;
    const budget = readsLimitFraction * (theirs + fixed) - fixed;
    // Registrations have no list to share: Atlas has no list operation for them, and the provider reads each by id.
    const crossover = budget > 0 && kind !== "endpointRegistration" ? Math.ceil(ours / budget) : null;
    // The other default that would meet it for a lone wait: the first read delayed until the polls fit the budget.
    const delaySeconds = firstReadDelayWithin(adaptive.schedule(kind), waitSeconds, Math.floor(budget), timeline);
    lines.push(
      `${kindTitles[kind]} (${waitSeconds} s wait): a lone wait polls ${ours} times under the default schedule and ${theirs} times ` +
        `under the baseline; with ${fixed} other read${fixed === 1 ? "" : "s"} per create, half the baseline is ${(readsLimitFraction * (theirs + fixed)).toFixed(1)} ` +
        `reads per resource. ${kind === "endpointRegistration" ? "Coalescing cannot reach that: a registration's wait reads its own GET (no list to share)" : `Coalescing reaches that from ${crossover ?? "no number of"} concurrent waits on one (project, provider) list`}; ` +
        (delaySeconds === null
          ? "no first-read delay shorter than the wait gets a lone wait there."
          : `a lone wait gets there only if its first read waits until ${delaySeconds} s, so a resource of this kind that settled sooner would be seen ${delaySeconds} s after its create at the earliest.`),
    );
  }
  lines.push(
    `Why no default that is the same for every kind gets a lone wait of a few minutes there: a lag of at most ${lagShortLimitSeconds} s for waits under ` +
      `${shortWaitLimitSeconds} s takes a read about every second during the first ${shortWaitLimitSeconds} s (${shortWindow} reads under the default), ` +
      `while half of a 10 s baseline allows one read per 20 s, so a lone wait would have to last about ${Math.round((shortWindow * 20) / 60)} min to pay for ` +
      `its first ${shortWaitLimitSeconds} s. The defaults keep the lag and let coalescing pay for it.`,
  );
  return lines;
}

export function readTargets(comparisons: readonly SizeComparison[]): TargetResult[] {
  return comparisons.map(({ label, adaptive, baseline }) => {
    const ours = adaptive.longWaitReadsPerResource;
    const theirs = baseline.longWaitReadsPerResource;
    const limit = theirs === null ? null : theirs * readsLimitFraction;
    return {
      target: `reads per resource ≤ ${readsLimitFraction * 100} % of the baseline's for waits over ${longWaitReadLimitSeconds / 60} min`,
      scope: label,
      measured:
        ours === null || theirs === null
          ? "no such waits"
          : `${ours.toFixed(1)} vs baseline ${theirs.toFixed(1)} (${((ours / theirs) * 100).toFixed(0)} %)`,
      limit: limit === null ? "n/a" : `${limit.toFixed(1)}`,
      met: ours === null || limit === null ? null : ours <= limit,
    };
  });
}

/** The shortest first-read delay (whole seconds) with which a lone wait of `waitSeconds` polls at most `maxReads` times. */
function firstReadDelayWithin(
  schedule: PollSchedule,
  waitSeconds: number,
  maxReads: number,
  timeline: Timeline,
): number | null {
  if (maxReads < 1) return null;
  for (let delay = 0; delay < waitSeconds; delay++) {
    if (timeline({ ...schedule, initialDelayMs: delay * 1000 }, waitSeconds * 1000).length <= maxReads) return delay;
  }
  return null;
}

export function coalescingTarget(figures: CoalescingFigures | undefined, label: string): TargetResult {
  if (!figures)
    return {
      target: "50 concurrent waits of one kind in one project cost at most one read call per tick",
      scope: label,
      measured: "not run",
      limit: "1",
      met: null,
    };
  return {
    target: `${figures.waits} concurrent waits of one kind in one project cost at most one read call per tick`,
    scope: label,
    measured:
      figures.readsPerTick === null
        ? `no ticks seen (${figures.ticksSource})`
        : `${figures.readsPerTick.toFixed(2)} (${figures.pollReads} poll reads, ${figures.ticks} ticks; up to ${figures.maxWaitsPerTick ?? "?"} waits answered by one tick)`,
    limit: "1.00",
    met: figures.readsPerTick === null ? false : figures.readsPerTick <= 1,
    ...(figures.readsPerTick === null
      ? {
          note: "the list watcher's tick lines were not found: the poller's debug line changed, so the ticks could not be counted",
        }
      : {}),
  };
}

export function safetyTargets(runs: ReadonlyArray<{ label: string; figures: SizeFigures }>): TargetResult[] {
  return runs.map(({ label, figures }) => ({
    target: "zero failures and zero unrecovered 429s under the simulator's Atlas-like rate limits",
    scope: label,
    measured: `${figures.failures} failures, ${figures.unrecovered429} unrecovered 429s (${figures.requests.status429} 429 responses, ${figures.retries} retries)`,
    limit: "0 and 0",
    met: figures.failures === 0 && figures.unrecovered429 === 0,
    ...(figures.failures > 0 ? { note: figures.failureMessages.join(" | ") } : {}),
  }));
}

export function metText(met: boolean | null): string {
  return met === null ? "n/a" : met ? "met" : "NOT MET";
}

// ---- issue 11: ratios against the baseline, from one run ---------------------------------------------

export interface StacksComparison {
  adaptive: StacksFigures;
  baseline: StacksFigures;
}

const ratioText = (ours: number | null, theirs: number | null, digits = 2) =>
  ours === null || theirs === null
    ? "n/a"
    : `${ours.toFixed(digits)} vs baseline ${theirs.toFixed(digits)} (×${theirs === 0 ? "∞" : (ours / theirs).toFixed(2)})`;

function within(ours: number | null, theirs: number | null, factor: number): boolean | null {
  if (ours === null || theirs === null) return null;
  return ours <= theirs * factor;
}

/**
 * A mixed stack: reads per resource ≤ `readsFactor` × the baseline's, with lag p95 ≤ `lagFactor` × the baseline's.
 * The targets name a stack of `size` resources of the mix they were measured on (endpoint services and peers);
 * the bench's stack also registers one endpoint per service, created alongside (same project, same buckets), so
 * the targets are measured on its `size` services and peers, and the registrations and the whole stack are
 * reported on lines of their own (a registration has no list to share its reads: see the arithmetic below).
 */
export function mixedStackTarget(
  comparison: SizeComparison | undefined,
  size: number,
  readsFactor: number,
  lagFactor: number,
): TargetResult[] {
  const registrations = comparison?.adaptive.resourcesByKind.endpointRegistration ?? 0;
  const scope =
    registrations > 0
      ? `the ${size} endpoint services and peers of the mixed stack of ${size} + ${registrations} registrations`
      : `mixed stack of ${size}`;
  if (!comparison)
    return [{ target: `reads and lag, ${size} resources`, scope, measured: "not run", limit: "–", met: null }];
  const { adaptive: a, baseline: b } = comparison;
  const reads = (f: typeof a) => (registrations > 0 ? (f.readsPerServiceOrPeer ?? 0) : f.readsPerResource);
  const lag = (f: typeof a) => (registrations > 0 ? f.lag.servicesAndPeers.p95 : f.lag.all.p95);
  const targets: TargetResult[] = [
    {
      target: `reads per resource ≤ ${readsFactor}× the baseline's`,
      scope,
      measured: ratioText(reads(a), reads(b), 1),
      limit: `≤ ${(reads(b) * readsFactor).toFixed(1)}`,
      met: within(reads(a), reads(b), readsFactor),
    },
    {
      target: `detection lag p95 ≤ ${lagFactor}× the baseline's`,
      scope,
      measured: `${ratioText(lag(a), lag(b))} s`,
      limit: lag(b) === null ? "n/a" : `≤ ${((lag(b) ?? 0) * lagFactor).toFixed(2)} s`,
      met: within(lag(a), lag(b), lagFactor),
    },
  ];
  if (registrations > 0) {
    targets.push({
      target: "reported, no target: reads and lag against the baseline",
      scope: `the whole mixed stack of ${size} + ${registrations} registrations (${a.resources} resources)`,
      measured: `reads ${ratioText(a.readsPerResource, b.readsPerResource, 1)}; lag p95 ${ratioText(a.lag.all.p95, b.lag.all.p95)} s`,
      limit: "–",
      met: null,
    });
  }
  return targets;
}

/**
 * One kind inside the mixed stacks (registrations: created once their service settled, so their reads and lag
 * are theirs alone): reported, no target.
 */
export function kindInStackReports(comparisons: readonly SizeComparison[], kind: BenchKind): TargetResult[] {
  return comparisons
    .filter((c) => c.adaptive.resourcesByKind[kind] > 0 && c.baseline.resourcesByKind[kind] > 0)
    .map(({ label, adaptive: a, baseline: b }) => ({
      target: "reported, no target: reads and lag against the baseline",
      scope: `${a.resourcesByKind[kind]} ${kindTitles[kind]}s in the mixed stack of ${label}`,
      measured: `reads ${ratioText(a.requests.readsByKind[kind] / a.resourcesByKind[kind], b.requests.readsByKind[kind] / b.resourcesByKind[kind], 1)}; lag p95 ${ratioText(a.lag.byKind[kind].p95, b.lag.byKind[kind].p95)} s`,
      limit: "–",
      met: null,
    }));
}

/** Each kind alone: reported, no target. */
export function loneResourceReports(comparison: SizeComparison | undefined): TargetResult[] {
  if (!comparison) return [];
  return benchKinds.map((kind) => {
    const a = comparison.adaptive;
    const b = comparison.baseline;
    const ours = a.resourcesByKind[kind] > 0 ? a.requests.readsByKind[kind] / a.resourcesByKind[kind] : null;
    const theirs = b.resourcesByKind[kind] > 0 ? b.requests.readsByKind[kind] / b.resourcesByKind[kind] : null;
    return {
      target: "reported, no target: reads and lag against the baseline",
      scope: `lone ${kindTitles[kind]}`,
      measured: `reads ${ratioText(ours, theirs, 1)}; lag p95 ${ratioText(a.lag.byKind[kind].p95, b.lag.byKind[kind].p95)} s`,
      limit: "–",
      met: null,
    };
  });
}

export function stacksTargets(comparison: StacksComparison | null, lagFactor = 0.5): TargetResult[] {
  if (!comparison)
    return [{ target: "10 parallel stacks", scope: "many stacks", measured: "not run", limit: "–", met: null }];
  const { adaptive: a, baseline: b } = comparison;
  const scope = `${a.stacks} parallel stacks × ${a.resourcesPerStack} resources${a.registrationsPerStack > 0 ? ` (${a.registrationsPerStack} of them registrations)` : ""}, one project`;
  return [
    {
      target: "0 failures and 0 unrecovered 429s",
      scope,
      measured: `${a.failures} failures, ${a.unrecovered429} unrecovered 429s (baseline: ${b.failures}, ${b.unrecovered429})`,
      limit: "0 and 0",
      met: a.failures === 0 && a.unrecovered429 === 0,
      ...(a.failures > 0 ? { note: a.failureMessages.join(" | ") } : {}),
    },
    {
      target: "fewer 429 answers than the baseline",
      scope,
      measured: `${a.status429} vs baseline ${b.status429}`,
      limit: `< ${b.status429}`,
      met: a.status429 < b.status429,
    },
    {
      target: `detection lag p95 ≤ ${lagFactor}× the baseline's`,
      scope,
      measured: `${ratioText(a.lag.p95, b.lag.p95)} s`,
      limit: b.lag.p95 === null ? "n/a" : `≤ ${(b.lag.p95 * lagFactor).toFixed(2)} s`,
      met: within(a.lag.p95, b.lag.p95, lagFactor),
    },
  ];
}

export function refreshTargets(preview: PreviewOutcome, factor = 1.3): TargetResult[] {
  const scope = "pulumi refresh, unchanged 50-resource stack, real engine";
  if (preview.status !== "measured")
    return [
      {
        target: `refresh wall ≤ ${factor}× the refresh of 50 do-nothing dynamic resources`,
        scope,
        measured: preview.status === "skipped" ? `SKIPPED: ${preview.reason}` : "FAILED (details in results.json)",
        limit: `≤ ${factor}×`,
        met: preview.status === "skipped" ? null : false,
      },
    ];
  return [
    {
      target: `refresh wall ≤ ${factor}× the refresh of 50 do-nothing dynamic resources`,
      scope,
      measured: `${preview.refreshSeconds.p50?.toFixed(2)} s vs ${preview.noopRefreshSeconds.p50?.toFixed(2)} s (×${preview.refreshRatioToNoop.toFixed(2)}, medians of ${preview.repeats})`,
      limit: `≤ ×${factor}`,
      met: preview.refreshRatioToNoop <= factor,
    },
    {
      target: "time to first API call: reported, no target",
      scope,
      measured: `${preview.firstCallSeconds.p50?.toFixed(2) ?? "n/a"} s (median; ${preview.apiCallsPerRefresh.toFixed(0)} Atlas calls per refresh)`,
      limit: "–",
      met: null,
    },
  ];
}
