/**
 * The simulator's own API, for tests and demos: under `/__sim/` (JSON in and out, loopback only, no
 * auth) and, with the same functions, on `RunningSimulator.control`.
 *
 *   GET  /__sim/config                      POST /__sim/configure   POST /__sim/reset
 *   GET  /__sim/faults   POST /__sim/faults   DELETE /__sim/faults
 *   GET  /__sim/resources[?kind=&groupId=]  POST /__sim/resources (seed)
 *   GET|PATCH|DELETE /__sim/resources/{id}  (read, drift, delete out of band)
 *   POST /__sim/resources/{id}/accept       POST /__sim/resources/{id}/state {status, errorMessage?}
 *   POST /__sim/serverless/instances        POST /__sim/serverless/sunset {enabled}
 *   GET  /__sim/regional-mode?groupId=       POST /__sim/regional-mode {groupId, enabled}
 *   GET  /__sim/cloud-endpoints/missing      POST /__sim/cloud-endpoints/missing {id, missing?}
 *   GET  /__sim/requests[?since=N]
 */
import type { ServerlessProvider } from "./resources/serverless-instances";
import { ApiError } from "./errors";
import { Fault, FaultRegistry, FaultSpec, parseFaultSpec } from "./faults";
import { RateLimitSettings, RateLimiter, assertRateLimitSettings } from "./rate-limit";
import { RequestLog, RequestLogEntry } from "./request-log";
import { DurationOverrides, SimulatorDurations, mergeDurations } from "./resources/durations";
import { StatusChange, gone } from "./resources/lifecycle";
import {
  afterRegistrationRemoved,
  removeRegistrationsOf,
  setCloudEndpointMissing,
} from "./resources/private-endpoint-registration";
import { endpointServiceKind } from "./resources/private-endpoint-service";
import { registrationKind, type RegistrationRecord } from "./resources/registrations";
import { ControlError, ResourceModule, SeedInput } from "./resources/resource-module";
import { ResourceKind, ResourceRecord, resourceKinds } from "./resources/store";
import {
  defaultGcpNetworkNames,
  defaultPrivateEndpointSettings,
  type GcpNetworkNames,
  type PrivateEndpointSettings,
  type SimulatorState,
} from "./state";
import { JsonObject, instanceNamePattern, isJsonObject, objectIdPattern } from "./validation";

export interface SimulatorConfig {
  timeScale: number;
  /** Typical phase durations, in simulated seconds (each phase lasts exactly this without a seed). */
  durations: SimulatorDurations;
  /** Seed of the draws around the typical durations; null: no spread. */
  seed: number | null;
  /** `group.phase` of the phases an override set: they last exactly their value, seed or not. */
  exactDurations: string[];
  rateLimit: RateLimitSettings | false;
  autoAcceptPeers: boolean;
  serverless: { sunset: boolean; unknownInstanceProvider: ServerlessProvider | null };
  /** The two endpoint-service behaviours the sources leave open (see state.ts and docs/simulator.md). */
  privateEndpoints: PrivateEndpointSettings;
  /** When a GCP container shows Atlas's GCP project and network (state.ts GcpNetworkNames, docs/simulator.md). */
  gcpNetworkNames: GcpNetworkNames;
}

export interface SimulatorConfigUpdate {
  timeScale?: number;
  /** Overrides, in simulated seconds, merged into the current durations; they stay exact under a seed. */
  durations?: DurationOverrides;
  /** Draw durations around the typical ones with this seed (restarting the draws), or null for none. */
  seed?: number | null;
  rateLimit?: RateLimitSettings | false;
  autoAcceptPeers?: boolean;
  serverless?: { sunset?: boolean; unknownInstanceProvider?: ServerlessProvider | null };
  privateEndpoints?: Partial<PrivateEndpointSettings>;
  gcpNetworkNames?: GcpNetworkNames;
}

/** A resource as the control API reports it: identity, state now, timings and full status history. */
export interface ResourceView {
  kind: ResourceKind;
  id: string;
  groupId: string;
  provider: string;
  /** Serverless endpoints only. */
  instanceName?: string;
  /** Endpoint registrations only: the service and the cloud endpoint id Atlas lists on it. */
  endpointServiceId?: string;
  endpointId?: string;
  /** Current status; "DELETED" once gone, "ACTIVE" for a container that exists. */
  status: string;
  errorMessage: string | null;
  createdAt: number;
  /** When the current settled status was entered; null while transitional or gone. */
  settledAt: number | null;
  /** When a settled status was first entered; null if never. */
  firstSettledAt: number | null;
  deletedAt: number | null;
  history: StatusChange[];
  /** The API representation now; null once gone. */
  api: JsonObject | null;
}

export interface SeedResourceInput extends SeedInput {
  kind: ResourceKind;
  /** Registrations only: the endpoint service (of `groupId`) to register with; the provider is the service's. */
  endpointServiceId?: string;
}

export interface SeedServerlessInstanceInput {
  groupId: string;
  name: string;
  provider: ServerlessProvider;
  /** Atlas region name (default US_EAST_1 for AWS, US_EAST_2 for Azure). */
  region?: string;
}

export interface ResourceFilter {
  kind?: ResourceKind;
  groupId?: string;
  /** Include gone resources (default true: their history is often the point). */
  includeDeleted?: boolean;
}

export interface SimulatorControl {
  /** Forgets resources, faults, the request log and rate-limit buckets; restores the start-up settings. */
  reset(): void;
  configure(update: SimulatorConfigUpdate): SimulatorConfig;
  getConfig(): SimulatorConfig;
  addFault(spec: FaultSpec): Fault;
  listFaults(): Fault[];
  clearFaults(): void;
  seedResource(input: SeedResourceInput): ResourceView;
  seedServerlessInstance(input: SeedServerlessInstanceInput): SeedServerlessInstanceInput;
  /** Changes fields outside the API (drift). */
  mutateResource(id: string, fields: JsonObject): ResourceView;
  /** Deletes at once, outside the API (the resource reads 404 from now on). */
  deleteResource(id: string): ResourceView;
  acceptPeering(id: string): ResourceView;
  /** Puts the resource in `status` (held until the next event), e.g. FAILED with an errorMessage. */
  forceState(id: string, state: { status: string; errorMessage?: string | null }): ResourceView;
  setServerlessSunset(enabled: boolean): void;
  /** The project's regionalized private endpoint setting (false until set), as GET .../regionalMode answers. */
  getRegionalMode(groupId: string): { groupId: string; enabled: boolean };
  /** Sets it out of band (no 409: the control API may create states Atlas would refuse). */
  setRegionalMode(groupId: string, enabled: boolean): { groupId: string; enabled: boolean };
  /**
   * Marks a cloud endpoint id (vpce id, Azure private endpoint resource id, GCP forwarding rule name) as
   * missing in the cloud (or present again with `missing: false`). Registering it ends REJECTED (AWS) or
   * FAILED with Atlas's "… was not found." message; registrations of it that exist fail at once.
   */
  setCloudEndpointMissing(id: string, missing?: boolean): { id: string; missing: boolean; affected: number };
  listMissingCloudEndpoints(): string[];
  getRequestLog(options?: { since?: number }): RequestLogEntry[];
  getResources(filter?: ResourceFilter): ResourceView[];
  getResource(id: string): ResourceView | undefined;
}

interface ControlDependencies {
  state: SimulatorState;
  faults: FaultRegistry;
  requestLog: RequestLog;
  rateLimiter: RateLimiter;
  modules: ReadonlyMap<ResourceKind, ResourceModule>;
  /** The start-up settings `reset()` restores (privateEndpoints, gcpNetworkNames: state.ts's defaults when left out). */
  initial: Omit<SimulatorConfig, "privateEndpoints" | "gcpNetworkNames" | "durations" | "exactDurations"> & {
    privateEndpoints?: PrivateEndpointSettings;
    gcpNetworkNames?: GcpNetworkNames;
    /** The start-up duration overrides (exact phases). */
    durationOverrides: DurationOverrides;
  };
}

/** Turns an API validation error met while seeding into a control error with the same status. */
function asControlError(error: unknown): never {
  if (error instanceof ApiError) throw new ControlError(error.status, `${error.errorCode}: ${error.detail}`);
  throw error;
}

export class Control implements SimulatorControl {
  constructor(private readonly deps: ControlDependencies) {}

  reset(): void {
    const { state, faults, requestLog, rateLimiter, initial } = this.deps;
    state.clearResources();
    faults.clear();
    requestLog.clear();
    this.apply({
      timeScale: initial.timeScale,
      rateLimit: initial.rateLimit,
      autoAcceptPeers: initial.autoAcceptPeers,
      serverless: initial.serverless,
      privateEndpoints: initial.privateEndpoints ?? defaultPrivateEndpointSettings,
      gcpNetworkNames: initial.gcpNetworkNames ?? defaultGcpNetworkNames,
    });
    state.restoreDurations(initial.durationOverrides);
    state.seed = initial.seed;
    rateLimiter.reset();
  }

  configure(update: SimulatorConfigUpdate): SimulatorConfig {
    if (!isJsonObject(update)) throw new ControlError(400, "configure takes an object");
    this.apply(update);
    return this.getConfig();
  }

  private apply(update: SimulatorConfigUpdate): void {
    const { state, rateLimiter } = this.deps;
    // Validate everything first so a bad field changes nothing.
    try {
      if (
        update.timeScale !== undefined &&
        (typeof update.timeScale !== "number" || !Number.isFinite(update.timeScale) || update.timeScale < 0)
      ) {
        throw new RangeError("timeScale must be a number >= 0");
      }
      if (update.durations !== undefined) mergeDurations(state.typicalDurations, update.durations);
      const seed = update.seed;
      if (
        seed !== undefined &&
        seed !== null &&
        (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      ) {
        throw new RangeError("seed must be an integer from 0 to 4294967295, or null");
      }
      if (update.rateLimit !== undefined && update.rateLimit !== false) assertRateLimitSettings(update.rateLimit);
      const provider = update.serverless?.unknownInstanceProvider;
      if (provider !== undefined && provider !== null && provider !== "AWS" && provider !== "AZURE") {
        throw new RangeError("serverless.unknownInstanceProvider must be AWS, AZURE or null");
      }
      const endpoints = update.privateEndpoints;
      if (endpoints !== undefined && !isJsonObject(endpoints))
        throw new RangeError("privateEndpoints must be an object");
      const rule = endpoints?.lastEndpointRemovesService;
      if (rule !== undefined && !["AWS", "ALL", "NONE"].includes(rule)) {
        throw new RangeError("privateEndpoints.lastEndpointRemovesService must be AWS, ALL or NONE");
      }
      const onDelete = endpoints?.serviceDeleteWithEndpoints;
      if (onDelete !== undefined && !["REFUSE", "CASCADE"].includes(onDelete)) {
        throw new RangeError("privateEndpoints.serviceDeleteWithEndpoints must be REFUSE or CASCADE");
      }
      const names = update.gcpNetworkNames;
      if (names !== undefined && names !== "WITH_FIRST_PEER" && names !== "WITH_CLUSTERS") {
        throw new RangeError("gcpNetworkNames must be WITH_FIRST_PEER or WITH_CLUSTERS");
      }
    } catch (error) {
      throw new ControlError(400, (error as Error).message);
    }
    if (update.timeScale !== undefined) state.clock.timeScale = update.timeScale;
    if (update.durations !== undefined) state.overrideDurations(update.durations);
    if (update.seed !== undefined) state.seed = update.seed;
    if (update.rateLimit !== undefined) rateLimiter.configure(update.rateLimit);
    if (update.autoAcceptPeers !== undefined) state.autoAcceptPeers = Boolean(update.autoAcceptPeers);
    if (update.serverless?.sunset !== undefined) state.serverless.sunset = Boolean(update.serverless.sunset);
    if (update.serverless?.unknownInstanceProvider !== undefined) {
      state.serverless.unknownInstanceProvider = update.serverless.unknownInstanceProvider;
    }
    if (update.privateEndpoints !== undefined) {
      state.privateEndpoints = { ...state.privateEndpoints, ...stripUndefined(update.privateEndpoints) };
    }
    if (update.gcpNetworkNames !== undefined) state.gcpNetworkNames = update.gcpNetworkNames;
  }

  getConfig(): SimulatorConfig {
    const { state, rateLimiter } = this.deps;
    return {
      timeScale: state.clock.timeScale,
      durations: state.typicalDurations,
      seed: state.seed,
      exactDurations: state.exactPhases,
      rateLimit: rateLimiter.current,
      autoAcceptPeers: state.autoAcceptPeers,
      serverless: {
        sunset: state.serverless.sunset,
        unknownInstanceProvider: state.serverless.unknownInstanceProvider,
      },
      privateEndpoints: { ...state.privateEndpoints },
      gcpNetworkNames: state.gcpNetworkNames,
    };
  }

  addFault(spec: FaultSpec): Fault {
    return this.deps.faults.add(parseFaultSpec(spec));
  }

  listFaults(): Fault[] {
    return this.deps.faults.list();
  }

  clearFaults(): void {
    this.deps.faults.clear();
  }

  seedResource(input: SeedResourceInput): ResourceView {
    if (!isJsonObject(input)) throw new ControlError(400, "seed takes an object");
    const module = this.deps.modules.get(input.kind);
    if (!module) throw new ControlError(400, `kind must be one of ${resourceKinds.join(", ")}`);
    if (typeof input.groupId !== "string" || !objectIdPattern.test(input.groupId)) {
      throw new ControlError(400, "groupId must be 24 lowercase hex digits");
    }
    if (!isJsonObject(input.body)) throw new ControlError(400, "body must be the JSON object the API create takes");
    const now = this.deps.state.now();
    let record: ResourceRecord;
    try {
      record = module.seed(this.deps.state, input, now);
    } catch (error) {
      asControlError(error);
    }
    return this.view(record, now);
  }

  seedServerlessInstance(input: SeedServerlessInstanceInput): SeedServerlessInstanceInput {
    if (!isJsonObject(input)) throw new ControlError(400, "seedServerlessInstance takes an object");
    const { groupId, name, provider, region } = input;
    if (typeof groupId !== "string" || !objectIdPattern.test(groupId))
      throw new ControlError(400, "groupId must be 24 lowercase hex digits");
    if (typeof name !== "string" || !instanceNamePattern.test(name))
      throw new ControlError(400, "name must match ^[a-zA-Z0-9][a-zA-Z0-9-]*$");
    if (provider !== "AWS" && provider !== "AZURE")
      throw new ControlError(400, "provider must be AWS or AZURE (serverless has no GCP)");
    if (region !== undefined && typeof region !== "string") throw new ControlError(400, "region must be a string");
    const instance = this.deps.state.serverless.seed(groupId, name, provider, region);
    return { groupId, name, provider, region: instance.region };
  }

  mutateResource(id: string, fields: JsonObject): ResourceView {
    if (!isJsonObject(fields)) throw new ControlError(400, "fields must be an object");
    const { record, module, now } = this.live(id);
    module.drift(record, fields, this.deps.state, now);
    return this.view(record, now);
  }

  deleteResource(id: string): ResourceView {
    const { record, now } = this.live(id);
    record.lifecycle.schedule(now, [{ status: gone, durationMs: null }]);
    // Registered endpoints go with their service; the last endpoint may take its service with it.
    if (record.kind === endpointServiceKind) removeRegistrationsOf(this.deps.state, record, now);
    if (record.kind === registrationKind) afterRegistrationRemoved(this.deps.state, record as RegistrationRecord, now);
    return this.view(record, now);
  }

  acceptPeering(id: string): ResourceView {
    const { record, module, now } = this.live(id);
    if (!module.accept) throw new ControlError(409, `${record.kind} ${id} is not a peering connection`);
    module.accept(record, this.deps.state, now);
    return this.view(record, now);
  }

  forceState(id: string, state: { status: string; errorMessage?: string | null }): ResourceView {
    if (!isJsonObject(state) || typeof state.status !== "string")
      throw new ControlError(400, "forceState takes {status, errorMessage?}");
    if (state.errorMessage !== undefined && state.errorMessage !== null && typeof state.errorMessage !== "string") {
      throw new ControlError(400, "errorMessage must be a string");
    }
    const { record, module, now } = this.live(id);
    const allowed = module.statuses(record.provider);
    if (!allowed.includes(state.status)) {
      throw new ControlError(400, `status of a ${record.provider} ${record.kind} must be one of ${allowed.join(", ")}`);
    }
    record.lifecycle.schedule(now, [module.forcedPhase(record, state.status, state.errorMessage ?? null)]);
    return this.view(record, now);
  }

  setServerlessSunset(enabled: boolean): void {
    this.deps.state.serverless.sunset = Boolean(enabled);
  }

  getRegionalMode(groupId: string): { groupId: string; enabled: boolean } {
    if (typeof groupId !== "string" || !objectIdPattern.test(groupId))
      throw new ControlError(400, "groupId must be 24 lowercase hex digits");
    return { groupId, enabled: this.deps.state.regionalMode.get(groupId) ?? false };
  }

  setRegionalMode(groupId: string, enabled: boolean): { groupId: string; enabled: boolean } {
    if (typeof groupId !== "string" || !objectIdPattern.test(groupId))
      throw new ControlError(400, "groupId must be 24 lowercase hex digits");
    if (typeof enabled !== "boolean") throw new ControlError(400, "enabled must be a boolean");
    this.deps.state.regionalMode.set(groupId, enabled);
    return { groupId, enabled };
  }

  setCloudEndpointMissing(id: string, missing = true): { id: string; missing: boolean; affected: number } {
    if (typeof id !== "string" || id === "") throw new ControlError(400, "id must be a cloud endpoint id");
    if (typeof missing !== "boolean") throw new ControlError(400, "missing must be a boolean");
    const affected = setCloudEndpointMissing(this.deps.state, id, missing, this.deps.state.now());
    return { id, missing, affected };
  }

  listMissingCloudEndpoints(): string[] {
    return [...this.deps.state.missingCloudEndpoints];
  }

  getRequestLog(options: { since?: number } = {}): RequestLogEntry[] {
    return this.deps.requestLog.list(options.since ?? 0);
  }

  getResources(filter: ResourceFilter = {}): ResourceView[] {
    const now = this.deps.state.now();
    return this.deps.state.store
      .all()
      .filter((record) => filter.kind === undefined || record.kind === filter.kind)
      .filter((record) => filter.groupId === undefined || record.groupId === filter.groupId)
      .filter((record) => filter.includeDeleted !== false || !record.lifecycle.isGoneAt(now))
      .map((record) => this.view(record, now));
  }

  getResource(id: string): ResourceView | undefined {
    const record = this.deps.state.store.byId(id);
    return record ? this.view(record, this.deps.state.now()) : undefined;
  }

  private live(id: string): { record: ResourceRecord; module: ResourceModule; now: number } {
    const now = this.deps.state.now();
    const record = this.deps.state.store.byId(id);
    if (!record) throw new ControlError(404, `no resource with id ${id}`);
    if (record.lifecycle.isGoneAt(now)) throw new ControlError(409, `${record.kind} ${id} is already gone`);
    return { record, module: this.module(record.kind), now };
  }

  private module(kind: ResourceKind): ResourceModule {
    const module = this.deps.modules.get(kind);
    if (!module) throw new Error(`no module for ${kind}`);
    return module;
  }

  private view(record: ResourceRecord, now: number): ResourceView {
    const module = this.module(record.kind);
    const phase = record.lifecycle.phaseAt(now);
    const history = record.lifecycle.history(now);
    const isGone = phase.status === gone;
    const firstSettled = history.find((change) => module.isSettled(change.status));
    const { instanceName, endpointServiceId, endpointId } = record.fields as {
      instanceName?: string;
      endpointServiceId?: string;
      endpointId?: string;
    };
    return {
      kind: record.kind,
      id: record.id,
      groupId: record.groupId,
      provider: record.provider,
      ...(instanceName !== undefined ? { instanceName } : {}),
      ...(record.kind === registrationKind ? { endpointServiceId, endpointId } : {}),
      status: phase.status,
      errorMessage: phase.errorMessage,
      createdAt: record.createdAt,
      settledAt: !isGone && module.isSettled(phase.status) ? phase.startsAt : null,
      firstSettledAt: firstSettled?.at ?? null,
      deletedAt: record.lifecycle.goneAt(now),
      history,
      api: isGone ? null : module.toApi(record, now, this.deps.state),
    };
  }
}

// ---- HTTP -------------------------------------------------------------------------------------------

export interface ControlHttpResult {
  status: number;
  body: unknown;
}

/** Routes one `/__sim/...` request to the control functions. */
export function handleControlRequest(
  control: SimulatorControl,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): ControlHttpResult {
  const parts = path.split("/").filter(Boolean).slice(1); // drop "__sim"
  const [section, id, action] = parts;
  const ok = (result: unknown, status = 200): ControlHttpResult => ({ status, body: result ?? {} });
  const input = (body ?? {}) as JsonObject;
  try {
    switch (`${method} ${section ?? ""}${id === undefined ? "" : "/:id"}${action === undefined ? "" : `/${action}`}`) {
      case "GET config":
        return ok(control.getConfig());
      case "POST configure":
        return ok(control.configure(input as SimulatorConfigUpdate));
      case "POST reset":
        control.reset();
        return ok({ reset: true });
      case "GET faults":
        return ok(control.listFaults());
      case "POST faults":
        return ok(control.addFault(input as unknown as FaultSpec), 201);
      case "DELETE faults":
        control.clearFaults();
        return ok({ cleared: true });
      case "GET resources": {
        const kind = query.get("kind") ?? undefined;
        if (kind !== undefined && !(resourceKinds as readonly string[]).includes(kind)) {
          throw new ControlError(400, `kind must be one of ${resourceKinds.join(", ")}`);
        }
        return ok(
          control.getResources({
            ...(kind !== undefined ? { kind: kind as ResourceKind } : {}),
            ...(query.get("groupId") ? { groupId: query.get("groupId") as string } : {}),
            ...(query.get("includeDeleted") === "false" ? { includeDeleted: false } : {}),
          }),
        );
      }
      case "POST resources":
        return ok(control.seedResource(input as unknown as SeedResourceInput), 201);
      case "GET resources/:id": {
        const view = control.getResource(id as string);
        if (!view) throw new ControlError(404, `no resource with id ${id}`);
        return ok(view);
      }
      case "PATCH resources/:id":
        return ok(control.mutateResource(id as string, input));
      case "DELETE resources/:id":
        return ok(control.deleteResource(id as string));
      case "POST resources/:id/accept":
        return ok(control.acceptPeering(id as string));
      case "POST resources/:id/state":
        return ok(control.forceState(id as string, input as { status: string; errorMessage?: string }));
      case "POST serverless/:id":
        if (id === "instances")
          return ok(control.seedServerlessInstance(input as unknown as SeedServerlessInstanceInput), 201);
        if (id === "sunset") {
          if (typeof input.enabled !== "boolean") throw new ControlError(400, "sunset takes {enabled: boolean}");
          control.setServerlessSunset(input.enabled);
          return ok({ sunset: input.enabled });
        }
        break;
      case "GET regional-mode": {
        return ok(control.getRegionalMode(query.get("groupId") ?? ""));
      }
      case "POST regional-mode":
        return ok(control.setRegionalMode(input.groupId as string, input.enabled as boolean));
      case "GET cloud-endpoints/:id":
        if (id === "missing") return ok(control.listMissingCloudEndpoints());
        break;
      case "POST cloud-endpoints/:id":
        if (id === "missing") {
          return ok(
            control.setCloudEndpointMissing(
              input.id as string,
              input.missing === undefined ? true : (input.missing as boolean),
            ),
          );
        }
        break;
      case "GET requests": {
        const since = Number(query.get("since") ?? "0");
        if (!Number.isInteger(since) || since < 0) throw new ControlError(400, "since must be an integer >= 0");
        return ok(control.getRequestLog({ since }));
      }
      default:
        break;
    }
    return { status: 404, body: { error: `no control operation ${method} ${path}` } };
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
    throw error;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
