/** The local Atlas simulator: see docs/architecture.md ("Simulator") and server.ts. */
export { startSimulator } from "./server";
export type { ObservedResponse, RunningSimulator, SimulatorOptions } from "./server";
export { defaultCredentials } from "./auth";
export type { SimulatorCredentials } from "./auth";
export type {
  ResourceFilter,
  ResourceView,
  SeedResourceInput,
  SeedServerlessInstanceInput,
  SimulatorConfig,
  SimulatorConfigUpdate,
  SimulatorControl,
} from "./control-api";
export type { Fault, FaultKind, FaultMatch, FaultSpec } from "./faults";
export type { RateLimitSettings } from "./rate-limit";
export type { RequestLogEntry } from "./request-log";
export { defaultDurations } from "./resources/durations";
export type { DurationOverrides, SimulatorDurations } from "./resources/durations";
export type { StatusChange } from "./resources/lifecycle";
export type { ResourceKind } from "./resources/store";
