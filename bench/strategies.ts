/**
 * The two polling strategies compared, both set through the resources' own `poll` input and the process's
 * request budget (nothing in the provider is patched):
 *
 * - adaptive: the provider's defaults (the phase-aware schedule of provider/poller/phase-schedule.ts, from
 *   Atlas's typical durations; coalesced list calls; the default request budget);
 * - baseline: what the Terraform provider does (research/anchors.md section 7): one GET per resource, no
 *   coalescing, no request budget; endpoint services first read after 5 s then every 10 s (Terraform: 5 s,
 *   then 10 s, so one read fewer than Terraform here), peers after 10 s then every 10 s, endpoint registrations
 *   after 10 s then every 10 s (Terraform's registration wait: Delay and MinTimeout 10 s, research note
 *   endpoint-registration.md section 7; its cluster-IDLE wait after that is left out: the bench has no cluster).
 *
 * Every duration is multiplied by the time scale. The proportional part of the adaptive schedule
 * (elapsedFraction) is a fraction of the time waited, so it needs no scaling.
 */
import type { RequestBudgetSettings } from "../provider/client";
import type { PollSchedule } from "../provider/poller";
import type { PollInput } from "../provider/resources/shared/poll";
import type { BenchKind } from "./workloads";

export type StrategyName = "adaptive" | "baseline";

export interface Strategy {
  name: StrategyName;
  title: string;
  /** The schedule in Atlas milliseconds (what pollTimeline takes for expectations). */
  schedule(kind: BenchKind): PollSchedule;
  coalesce: boolean;
  /** The process's request budget, refill per Atlas second (scaledBudget converts it). */
  budget: RequestBudgetSettings | "unlimited";
  /** Pacing by Atlas's RateLimit-* answers (the Terraform provider's client does not read them). */
  pacing: boolean;
}

/** What the poll input of a resource is for this strategy at this time scale. */
export function pollInput(strategy: Strategy, kind: BenchKind, timeScale: number): NonNullable<PollInput> {
  // Our defaults: the phase-aware schedule (provider/poller/phase-schedule.ts) on the compressed clock. Any
  // interval in the input would switch it to the fixed schedule, so only the time scale is given.
  if (strategy.name === "adaptive") return { timeScale, coalesce: strategy.coalesce };
  const schedule = strategy.schedule(kind);
  const seconds = (ms: number) => round((ms / 1000) * timeScale);
  return {
    initialDelaySeconds: seconds(schedule.initialDelayMs),
    intervalSeconds: seconds(schedule.firstIntervalMs),
    maxIntervalSeconds: seconds(schedule.maxIntervalMs),
    coalesce: strategy.coalesce,
  };
}

/** The request budget for the process at this time scale; "unlimited" is a bucket that never runs dry. */
export function scaledBudget(strategy: Strategy, timeScale: number): RequestBudgetSettings {
  if (strategy.budget === "unlimited") return { capacity: 1e9, refillPerSecond: 1e9 };
  return { capacity: strategy.budget.capacity, refillPerSecond: strategy.budget.refillPerSecond / timeScale };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The provider's defaults, scaled. The poll input carries only the delay, floor and cap; the growth factor and
 * the elapsed fraction are filled in from the same default schedule when the provider resolves the input, and
 * both are ratios, so the scaled input is exactly the default schedule on the compressed clock.
 */
export function adaptiveStrategy(
  defaultSchedule: Readonly<PollSchedule>,
  defaultBudget: RequestBudgetSettings,
): Strategy {
  return {
    name: "adaptive",
    title: "adaptive + coalesced (this provider's defaults)",
    schedule: () => ({ ...defaultSchedule }),
    coalesce: true,
    budget: defaultBudget,
    pacing: true,
  };
}

const terraformEndpointService: PollSchedule = {
  initialDelayMs: 5_000,
  firstIntervalMs: 10_000,
  growthFactor: 1,
  elapsedFraction: 0,
  maxIntervalMs: 10_000,
};
/** Terraform's `mongodbatlas_privatelink_endpoint_service` create wait: Delay 10 s, MinTimeout 10 s. */
const terraformRegistration: PollSchedule = {
  initialDelayMs: 10_000,
  firstIntervalMs: 10_000,
  growthFactor: 1,
  elapsedFraction: 0,
  maxIntervalMs: 10_000,
};
const terraformPeer: PollSchedule = {
  initialDelayMs: 10_000,
  firstIntervalMs: 10_000,
  growthFactor: 1,
  elapsedFraction: 0,
  maxIntervalMs: 10_000,
};

export const baselineStrategy: Strategy = {
  name: "baseline",
  title: "baseline (Terraform provider: GET per resource every 10 s)",
  schedule: (kind) => ({
    ...(kind === "endpointService"
      ? terraformEndpointService
      : kind === "endpointRegistration"
        ? terraformRegistration
        : terraformPeer),
  }),
  coalesce: false,
  budget: "unlimited",
  pacing: false,
};
