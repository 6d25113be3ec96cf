import { Clock } from "./clock";
import { DurationOverrides, SimulatorDurations, defaultDurations, mergeDurations } from "./resources/durations";
import { ServerlessInstances } from "./resources/serverless-instances";
import { ResourceStore } from "./resources/store";

/** Everything the resource handlers read and change: time, timing settings, and the resources. */
export class SimulatorState {
  readonly clock: Clock;
  readonly store = new ResourceStore();
  readonly serverless = new ServerlessInstances();
  durations: SimulatorDurations;
  /** When true, AWS/GCP peers leave PENDING_ACCEPTANCE / WAITING_FOR_USER on their own (demo convenience). */
  autoAcceptPeers: boolean;

  constructor(options: {
    timeScale: number;
    durations?: DurationOverrides;
    autoAcceptPeers?: boolean;
    /** The time source (default Date.now). */
    now?: () => number;
  }) {
    this.clock = new Clock(options.timeScale, options.now);
    this.durations = mergeDurations(defaultDurations, options.durations);
    this.autoAcceptPeers = options.autoAcceptPeers ?? false;
  }

  /** Real milliseconds for a phase of `simulatedSeconds`. */
  ms(simulatedSeconds: number): number {
    return this.clock.realMs(simulatedSeconds);
  }

  now(): number {
    return this.clock.now();
  }

  /** Forgets every resource and serverless instance; timing settings stay as configured. */
  clearResources(): void {
    this.store.clear();
    this.serverless.clear();
  }
}
