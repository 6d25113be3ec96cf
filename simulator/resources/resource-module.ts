import type { CloudProvider } from "../regions";
import type { RouteDefinition } from "../router";
import type { SimulatorState } from "../state";
import type { JsonObject } from "../validation";
import type { PhaseSpec } from "./lifecycle";
import type { ResourceKind, ResourceRecord } from "./store";

export interface SeedInput {
  groupId: string;
  /** The body the API create would take (validated the same way). */
  body: JsonObject;
  /** Serverless endpoints only: the instance they belong to. */
  instanceName?: string;
  /** Skip the transitional phases: the resource exists already settled. */
  settled?: boolean;
}

/**
 * What the server and the control API need from each resource: its routes, its representation, and
 * the out-of-band operations (seed, drift, force a state, accept). Each resource file implements it.
 */
export interface ResourceModule {
  readonly kind: ResourceKind;
  readonly routes: readonly RouteDefinition[];
  /** Every status a resource of this provider can be in (for forcing states). */
  statuses(provider: CloudProvider): readonly string[];
  /** Settled = success or waiting for the user (docs/waiting-and-timeouts.md). */
  isSettled(status: string): boolean;
  /** The API body of the resource at `now`. */
  toApi(record: ResourceRecord, now: number, state: SimulatorState): JsonObject;
  seed(state: SimulatorState, input: SeedInput, now: number): ResourceRecord;
  /** Applies fields changed outside the API (drift); throws a ControlError on bad input. */
  drift(record: ResourceRecord, fields: JsonObject, state: SimulatorState, now: number): void;
  /** The phase that forcing `status` installs (maps errorMessage onto the provider's error field). */
  forcedPhase(record: ResourceRecord, status: string, errorMessage: string | null): PhaseSpec;
  /** Accepts a peering that waits for the user (network peers only). */
  accept?(record: ResourceRecord, state: SimulatorState, now: number): void;
}

/** A problem with a control-API request (answered with this HTTP status and message). */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ControlError";
  }
}
