/**
 * Figures from run records, all in simulated (Atlas) seconds:
 * - wall ÷ settle: (last create returned − batch start) ÷ (last settle in the simulator − batch start);
 * - detection lag per resource: simulator's first settled timestamp → create returned;
 * - API calls: every request the simulator logged (Digest challenges, 429s and retries included, as Atlas
 *   counts them), reads = the GETs among them; per resource = ÷ resources of the run;
 * - 429s: responses with status 429; unrecovered: creates that failed on one;
 * - reads per tick (coalescing): poll reads of one (project, provider) list ÷ the ticks of the poll.
 */
import type { RequestLogEntry } from "../simulator";
import type { RunRecord } from "./harness";
import type { BenchParameters } from "./parameters";
import type { StrategyName } from "./strategies";
import { benchKinds, byKind, type BenchKind } from "./workloads";

/** The lag target's line between short and long waits, and the read target's "over a minute". */
export const shortWaitLimitSeconds = 30;
export const longWaitReadLimitSeconds = 60;

export interface Distribution {
  count: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export interface LagFigures {
  /** Every resource that settled and whose create returned. */
  all: Distribution;
  /** Waits under 30 s: lag in seconds. */
  short: Distribution;
  /** Waits of 30 s or more: lag in seconds, and as a fraction of the wait. */
  long: Distribution;
  longFractionOfWait: Distribution;
  byKind: Record<BenchKind, Distribution>;
  /** The endpoint services and peers only (the mix issue 11's stack targets name), registrations left out. */
  servicesAndPeers: Distribution;
}

export interface RequestFigures {
  calls: number;
  reads: number;
  writes: number;
  /** Digest challenges (401): auth round trips, part of calls. */
  challenges: number;
  status429: number;
  /** Reads attributed to each kind (lookups, polls, container reads). */
  readsByKind: Record<BenchKind, number>;
}

export interface SizeFigures {
  size: number;
  strategy: StrategyName;
  runs: string[];
  resources: number;
  resourcesByKind: Record<BenchKind, number>;
  failures: number;
  failureMessages: string[];
  unrecovered429: number;
  /** Resources whose own GET met a 429: the Terraform provider, which does not retry a 429, would fail them. */
  resourcesMeeting429: number;
  wallSeconds: number;
  settleSeconds: number;
  /** Worst run of the size (size 1 has one run per kind). */
  wallOverSettle: number | null;
  lag: LagFigures;
  requests: RequestFigures;
  callsPerResource: number;
  readsPerResource: number;
  /** Reads of endpoint services and peers ÷ their number (registrations left out); null without any. */
  readsPerServiceOrPeer: number | null;
  /** Reads of kinds whose wait is over a minute ÷ resources of those kinds. */
  longWaitReadsPerResource: number | null;
  retries: number;
  budgetWaited: number;
  budgetPauses: number;
}

export interface CoalescingFigures {
  workload: string;
  strategy: StrategyName;
  waits: number;
  /** Read calls on the group's list or GET-by-id paths, 401 challenges left out, 429s and retries in. */
  pollReads: number;
  /** Lookups before the POSTs (one list per create): reads, but not polls. */
  lookups: number;
  /** adaptive: the watcher's ticks (its debug lines); baseline: the most reads one resource made. */
  ticks: number;
  ticksSource: string;
  readsPerTick: number | null;
  /** Ticks that answered every wait still waiting (adaptive only). */
  maxWaitsPerTick: number | null;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? null };
}

const atlasSeconds = (realMs: number, parameters: BenchParameters) => realMs / 1000 / parameters.timeScale;

// ---- attributing requests to kinds ------------------------------------------------------------------

const groupPath = /^\/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/(.*)$/;

/**
 * The kind a request serves: registration paths (…/endpointService/{id}/endpoint…), endpoint service paths, peer
 * paths (by id or the list's providerName), container reads. A GET of one service by id that a registration of
 * the run made (its create reads its service first: after that service's create returned, or any time when the
 * service was seeded) counts for the registration.
 */
export function kindOfRequest(entry: RequestLogEntry, record: RunRecord): BenchKind | undefined {
  const rest = groupPath.exec(entry.path)?.[1];
  if (rest === undefined) return undefined;
  if (/^privateEndpoint\/[A-Z]+\/endpointService\/[0-9a-f]{24}\/endpoint(?:\/|$)/.test(rest))
    return "endpointRegistration";
  const serviceById = /^privateEndpoint\/[A-Z]+\/endpointService\/([0-9a-f]{24})$/.exec(rest)?.[1];
  if (serviceById && entry.method === "GET") {
    const registered = record.outcomes.some(
      (o) => o.kind === "endpointRegistration" && o.endpointServiceId === serviceById,
    );
    const service = record.outcomes.find((o) => o.kind === "endpointService" && o.id === serviceById);
    if (registered && (!service || entry.timestamp >= service.returnedAt)) return "endpointRegistration";
  }
  if (rest.startsWith("privateEndpoint/")) return "endpointService";
  const peer = /^peers(?:\/([0-9a-f]{24}))?$/.exec(rest);
  if (peer) {
    if (peer[1]) return record.outcomes.find((o) => o.id === peer[1])?.kind;
    if (entry.method === "POST") return undefined;
    return (entry.query.providerName ?? "AWS") === "GCP" ? "gcpPeer" : "awsPeer";
  }
  const container = /^containers\/([0-9a-f]{24})$/.exec(rest);
  if (container) {
    const provider = record.containers[container[1] as string];
    return provider === "AWS" ? "awsPeer" : provider === "GCP" ? "gcpPeer" : undefined;
  }
  return undefined;
}

function emptyByKind(): Record<BenchKind, number> {
  return byKind(() => 0);
}

function requestFigures(records: readonly RunRecord[]): RequestFigures {
  const figures: RequestFigures = {
    calls: 0,
    reads: 0,
    writes: 0,
    challenges: 0,
    status429: 0,
    readsByKind: emptyByKind(),
  };
  for (const record of records) {
    for (const entry of record.requests) {
      if (!entry.path.startsWith("/api/atlas/")) continue;
      figures.calls++;
      if (entry.status === 401) figures.challenges++;
      if (entry.status === 429) figures.status429++;
      if (entry.method === "GET") {
        figures.reads++;
        const kind = kindOfRequest(entry, record);
        if (kind) figures.readsByKind[kind]++;
      } else {
        figures.writes++;
      }
    }
  }
  return figures;
}

// ---- one size, one strategy --------------------------------------------------------------------------

export function sizeFigures(records: readonly RunRecord[], parameters: BenchParameters): SizeFigures {
  const first = records[0];
  if (!first) throw new Error("sizeFigures needs at least one run");
  const outcomes = records.flatMap((record) => record.outcomes);
  const resourcesByKind = emptyByKind();
  for (const outcome of outcomes) resourcesByKind[outcome.kind]++;

  const lags: number[] = [];
  const shortLags: number[] = [];
  const longLags: number[] = [];
  const longFractions: number[] = [];
  const lagsByKind = byKind<number[]>(() => []);
  const servicesAndPeersLags: number[] = [];
  for (const outcome of outcomes) {
    if (outcome.error || outcome.settledAt === undefined || outcome.createdAt === undefined) continue;
    const lag = atlasSeconds(outcome.returnedAt - outcome.settledAt, parameters);
    const wait = atlasSeconds(outcome.settledAt - outcome.createdAt, parameters);
    lags.push(lag);
    lagsByKind[outcome.kind].push(lag);
    if (outcome.kind !== "endpointRegistration") servicesAndPeersLags.push(lag);
    if (wait < shortWaitLimitSeconds) shortLags.push(lag);
    else {
      longLags.push(lag);
      longFractions.push(lag / wait);
    }
  }

  let wallMs = 0;
  let settleMs = 0;
  let worstRatio: number | null = null;
  for (const record of records) {
    const settled = record.outcomes.map((o) => o.settledAt).filter((t): t is number => t !== undefined);
    const returned = Math.max(...record.outcomes.map((o) => o.returnedAt));
    const wall = returned - record.startedAt;
    wallMs += wall;
    if (settled.length === 0) continue;
    const settle = Math.max(...settled) - record.startedAt;
    settleMs += settle;
    const ratio = wall / settle;
    worstRatio = worstRatio === null ? ratio : Math.max(worstRatio, ratio);
  }

  const requests = requestFigures(records);
  const servicesAndPeers = outcomes.length - resourcesByKind.endpointRegistration;
  const failures = outcomes.filter((o) => o.error);
  const longKinds = benchKinds.filter(
    (kind) => parameters.settleSeconds[kind] > longWaitReadLimitSeconds && resourcesByKind[kind] > 0,
  );
  const longResources = longKinds.reduce((sum, kind) => sum + resourcesByKind[kind], 0);
  const longReads = longKinds.reduce((sum, kind) => sum + requests.readsByKind[kind], 0);

  // Resources whose own GET (path with their id) was answered 429.
  const met429 = new Set<string>();
  for (const record of records) {
    for (const entry of record.requests) {
      if (entry.status !== 429 || entry.method !== "GET") continue;
      const owner = record.outcomes.find(
        (o) => o.id !== undefined && decodeURIComponent(entry.path).endsWith(`/${o.id}`),
      );
      if (owner?.id) met429.add(owner.id);
    }
  }

  return {
    size: first.size,
    strategy: first.strategy,
    runs: records.map((record) => record.workload),
    resources: outcomes.length,
    resourcesByKind,
    failures: failures.length,
    failureMessages: [...new Set(failures.map((o) => `${o.label}: ${o.error}`))].slice(0, 10),
    unrecovered429: failures.filter((o) => /\b429\b|RATE_LIMITED/.test(o.error ?? "")).length,
    resourcesMeeting429: met429.size,
    wallSeconds: atlasSeconds(wallMs, parameters),
    settleSeconds: atlasSeconds(settleMs, parameters),
    wallOverSettle: worstRatio,
    lag: {
      all: distribution(lags),
      short: distribution(shortLags),
      long: distribution(longLags),
      longFractionOfWait: distribution(longFractions),
      byKind: {
        endpointService: distribution(lagsByKind.endpointService),
        endpointRegistration: distribution(lagsByKind.endpointRegistration),
        awsPeer: distribution(lagsByKind.awsPeer),
        gcpPeer: distribution(lagsByKind.gcpPeer),
      },
      servicesAndPeers: distribution(servicesAndPeersLags),
    },
    requests,
    callsPerResource: requests.calls / outcomes.length,
    readsPerResource: requests.reads / outcomes.length,
    readsPerServiceOrPeer:
      servicesAndPeers > 0 ? (requests.reads - requests.readsByKind.endpointRegistration) / servicesAndPeers : null,
    longWaitReadsPerResource: longResources > 0 ? longReads / longResources : null,
    retries: records.reduce((sum, record) => sum + record.client.retries, 0),
    budgetWaited: records.reduce((sum, record) => sum + record.client.budgetWaited, 0),
    budgetPauses: records.reduce((sum, record) => sum + record.client.budgetPauses, 0),
  };
}

// ---- coalescing: one kind, one project ---------------------------------------------------------------

/** Poll reads per tick for a workload whose resources all share one (project, provider) list. */
export function coalescingFigures(record: RunRecord): CoalescingFigures {
  const kinds = new Set(record.outcomes.map((o) => o.kind));
  const projects = new Set(record.outcomes.map((o) => o.projectId));
  const [kind] = [...kinds];
  if (kinds.size !== 1 || projects.size !== 1 || (kind !== "awsPeer" && kind !== "gcpPeer")) {
    throw new Error(`${record.workload}: the coalescing figures need peers of one kind in one project`);
  }
  const ids = new Set(record.outcomes.map((o) => o.id).filter((id): id is string => id !== undefined));
  let listReads = 0;
  const readsById = new Map<string, number>();
  for (const entry of record.requests) {
    if (entry.method !== "GET" || entry.status === 401 || kindOfRequest(entry, record) !== kind) continue;
    const id = /\/peers\/([0-9a-f]{24})$/.exec(entry.path)?.[1];
    if (id && ids.has(id)) readsById.set(id, (readsById.get(id) ?? 0) + 1);
    else if (/\/peers$/.test(entry.path)) listReads++;
  }
  const lookups = record.outcomes.length;
  const pollReads = Math.max(0, listReads - lookups) + [...readsById.values()].reduce((a, b) => a + b, 0);
  const adaptive = record.ticks.length > 0;
  const ticks = adaptive ? record.ticks.length : Math.max(0, ...readsById.values());
  return {
    workload: record.workload,
    strategy: record.strategy,
    waits: record.outcomes.length,
    pollReads,
    lookups,
    ticks,
    ticksSource: adaptive ? "list watcher ticks" : "polls of the most-polled wait",
    readsPerTick: ticks > 0 ? pollReads / ticks : null,
    maxWaitsPerTick: adaptive ? Math.max(...record.ticks.map((t) => t.waits)) : null,
  };
}

/** ours ÷ baseline, or null when either is missing or the baseline is 0. */
export function ratio(ours: number | null | undefined, baseline: number | null | undefined): number | null {
  if (ours === null || ours === undefined || baseline === null || baseline === undefined || baseline === 0) return null;
  return ours / baseline;
}
