/**
 * Everything the bench is run with, in one place, in simulated (Atlas) seconds. The simulator runs
 * `timeScale` real seconds per Atlas second, and every time-based setting of the provider (poll schedules,
 * request budget refill, timeouts) is multiplied by the same factor, so each strategy behaves as it would
 * against Atlas, only faster; figures are divided back into Atlas seconds.
 */
import type { RateLimitSettings } from "../simulator";

export interface BenchParameters {
  /** Real seconds per simulated second. */
  timeScale: number;
  /**
   * The typical wait of each kind in Atlas, in simulated seconds: the simulator's typical phase durations
   * (docs/simulator.md, "Durations"). Each create's actual wait is drawn around it with `seed`.
   */
  settleSeconds: {
    /** Private endpoint service INITIATING → AVAILABLE. */
    endpointService: number;
    /**
     * Private endpoint registration, POST → AVAILABLE: AWS PENDING_ACCEPTANCE 40 s + PENDING 90 s (the lone run's
     * provider); Azure INITIATING 120 s and GCP INITIATING 150 s in the mixed stacks.
     */
    endpointRegistration: number;
    /** AWS peer INITIATING → PENDING_ACCEPTANCE. */
    awsPeer: number;
    /** GCP peer ADDING_PEER → WAITING_FOR_USER. */
    gcpPeer: number;
  };
  /**
   * The simulator's seed: every wait is drawn (log-normal around the typical value, ×0.5 … ×2), the same for
   * both strategies (a draw belongs to its request), so no fixed poll grid lands on round-number settles.
   */
  seed: number;
  /** The many-stacks scenario: this many stack processes at once, of this many resources each, one project. */
  manyStacks: { stacks: number; resourcesPerStack: number };
  /** The simulator's token buckets (per project and per client IP), refill in requests per Atlas second. */
  rateLimit: { capacity: number; refillPerAtlasSecond: number };
  /**
   * A stricter limit for one more run of the largest mixed stack: Atlas's long-documented 100 requests per
   * minute per project (capacity 100, refill 100 per 60 s). Not a target's scope: a stress row.
   */
  strictRateLimit: { capacity: number; refillPerAtlasSecond: number } | null;
  /** Concurrent creates per run of the mixed stack (1 = one run per kind, each alone). */
  sizes: number[];
  /** Waits of one kind in one project, for the coalescing target. */
  sameKindSize: number;
  /** Each create's `timeouts.create`, in Atlas seconds (Terraform's and our default: 1 h). */
  createTimeoutSeconds: number;
  /** Previews timed per stack in part 3 (the median is reported). */
  previewRepeats: number;
}

/**
 * Time scale 0.1: the longest wait (180 s) takes 18 real seconds, so both strategies at every size fit in a
 * few minutes on 2 cores, while a millisecond of real latency still counts only 0.01 Atlas seconds against
 * the 1 s lag target (at 0.01 it would count 0.1 s: the machine, not the schedule, would be measured).
 *
 * Rate limits: the simulator's own "Atlas-like" buckets (capacity 100, 10 requests per second, per project and
 * per IP; Atlas publishes no single figure for these endpoints, https://www.mongodb.com/docs/atlas/api/api-rate-limit/), refilled per Atlas second.
 */
export const defaultParameters: BenchParameters = {
  timeScale: 0.1,
  settleSeconds: { endpointService: 180, endpointRegistration: 130, awsPeer: 60, gcpPeer: 120 },
  seed: 1,
  manyStacks: { stacks: 10, resourcesPerStack: 10 },
  rateLimit: { capacity: 100, refillPerAtlasSecond: 10 },
  strictRateLimit: { capacity: 100, refillPerAtlasSecond: 100 / 60 },
  sizes: [1, 10, 50],
  sameKindSize: 50,
  createTimeoutSeconds: 3600,
  previewRepeats: 3,
};

/** The simulator's buckets for a limit in Atlas time: it refills in real seconds. */
export function scaledRateLimit(
  limit: { capacity: number; refillPerAtlasSecond: number },
  timeScale: number,
): RateLimitSettings {
  return { capacity: limit.capacity, refillPerSecond: limit.refillPerAtlasSecond / timeScale };
}

/** The simulator's settings for these parameters: durations in Atlas seconds, refill in real time. */
export function simulatorSettings(parameters: BenchParameters): {
  timeScale: number;
  seed: number;
  rateLimit: RateLimitSettings;
} {
  return {
    timeScale: parameters.timeScale,
    // No duration overrides (an override is exact): the simulator's typical durations, drawn with the seed.
    seed: parameters.seed,
    // The simulator refills in real seconds (rate limits are about the real request rate): scale it like the
    // schedules, or the compressed run would look ten times as bursty to Atlas as the same stack at Atlas speed.
    rateLimit: scaledRateLimit(parameters.rateLimit, parameters.timeScale),
  };
}
