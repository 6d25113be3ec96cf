/**
 * The run state: everything shared by the resources of one provider process, i.e. one `pulumi up`,
 * `refresh` or `destroy`, and the one place it lives (docs/architecture.md, "The run state"):
 * - the settings, resolved from the stack config and the environment once (config.ts);
 * - the client, made at the first API call with its own pool, request budget and pacing, so check and diff
 *   (and so `pulumi preview` with bad input) never need credentials nor load the HTTP client;
 * - the coalescing list watchers and the once-per-run warnings;
 * - the run's AbortSignal, aborted when the engine that started the process has gone away (runtime.ts):
 *   every call of the client and every wait given it stops.
 *
 * Runs are keyed by a fingerprint of the configuration. The dynamic-provider host calls `configure` once per
 * serialized provider text (so once per resource kind), each time with a new object holding the same stack
 * config: equal configurations find the same run, so all kinds share one client and one set of watchers.
 * The fingerprint is an HMAC with a key made for this process, so it can be kept and compared without
 * holding a secret, and cannot be turned back into one.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { AtlasClient } from "../../client/client";
import type { RequestBudgetSettings } from "../../client/settings";
import type {
  BaseNetworkPeeringConnectionSettingsResponse,
  CloudProviderContainerResponse,
  EndpointService,
  ServerlessTenantEndpoint,
} from "../../client/wire";
import { configKeys, resolveProviderSettings, type ProviderConfig } from "../../config";
import { engineLogger, urnOf } from "../../engine-log";
import type { Logger } from "../../logger";
import { ListWatcherRegistry } from "../../poller/list-watcher-registry";

export interface RunContext {
  readonly logger: Logger;
  /** The run's client (made at the first call; throws AtlasConfigurationError when settings are missing). */
  client(): AtlasClient;
  readonly watchers: {
    readonly endpointServices: ListWatcherRegistry<EndpointService>;
    readonly serverlessEndpoints: ListWatcherRegistry<ServerlessTenantEndpoint>;
    readonly peers: ListWatcherRegistry<BaseNetworkPeeringConnectionSettingsResponse>;
    readonly containers: ListWatcherRegistry<CloudProviderContainerResponse>;
  };
  /** Logs a warning the first time a key is seen in this run (to `logger`, e.g. a resource's, when given). */
  warnOnce(key: string, message: string, logger?: Logger): void;
  /** Aborted when the run must stop (the engine went away): pass it to every wait and call. */
  readonly signal: AbortSignal;
  /**
   * The logger for one operation of one resource: attached to the resource the engine asked about (found
   * from the very `properties` object the host handed over), so progress shows on that resource's row.
   */
  loggerFor(properties: object, label: string): Logger;
  /**
   * Whether what is logged about `properties` reaches its resource: false only in the dynamic-provider host's
   * first request, whose URN is not known yet (engine-log.ts).
   */
  knowsResource(properties: object): boolean;
}

/** What tests and the bench may set on a run besides its configuration. */
export interface RunOptions {
  logger?: Logger;
  /** The client's own request budget (default: defaultRequestBudget). */
  budget?: RequestBudgetSettings;
  /** Pacing by Atlas's RateLimit-* answers (default on); the bench turns it off for its Terraform-like baseline. */
  pacing?: boolean;
}

class RunState implements RunContext {
  readonly watchers = {
    endpointServices: new ListWatcherRegistry<EndpointService>(),
    serverlessEndpoints: new ListWatcherRegistry<ServerlessTenantEndpoint>(),
    peers: new ListWatcherRegistry<BaseNetworkPeeringConnectionSettingsResponse>(),
    containers: new ListWatcherRegistry<CloudProviderContainerResponse>(),
  };
  private readonly controller = new AbortController();
  private readonly warned = new Set<string>();
  private atlasClient: AtlasClient | undefined;

  constructor(
    private readonly config: ProviderConfig | undefined,
    readonly logger: Logger,
    private readonly options: RunOptions,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  loggerFor(properties: object, label: string): Logger {
    // A logger given by tests or the bench takes everything, as it always did.
    if (this.options.logger) return this.logger;
    return engineLogger().forResource(urnOf(properties), label);
  }

  knowsResource(properties: object): boolean {
    if (this.options.logger) return true;
    return !engineLogger().connected || urnOf(properties) !== undefined;
  }

  client(): AtlasClient {
    if (!this.atlasClient) {
      const { settings, credentialsFrom, baseUrlFrom } = resolveProviderSettings(
        this.config ? { config: this.config } : {},
      );
      this.logger.debug(
        `Atlas API at ${settings.baseUrl} (base URL from ${baseUrlFrom}, credentials from ${credentialsFrom})`,
      );
      // Loaded here, at the first API call: check and diff never pay for the HTTP client.
      const { openAtlasClient } = require("../../client/client") as typeof import("../../client/client");
      this.atlasClient = openAtlasClient(
        {
          ...settings,
          logger: this.logger,
          ...(this.options.budget ? { budget: this.options.budget } : {}),
          ...(this.options.pacing === false ? { pacing: false } : {}),
        },
        { signal: this.signal },
      );
    }
    return this.atlasClient;
  }

  warnOnce(key: string, message: string, logger?: Logger): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    (logger ?? this.logger).warn(message);
  }

  abort(reason: Error): void {
    this.controller.abort(reason);
  }

  async close(): Promise<void> {
    const client = this.atlasClient;
    this.atlasClient = undefined;
    await client?.close();
  }
}

/** Records about no one resource (the run's settings, once-per-run warnings): on the stack, or the console. */
function stackLogger(): Logger {
  const engine = engineLogger();
  return {
    debug: (message) => engine.debug(message),
    info: (message) => engine.info(message),
    warn: (message) => engine.warn(message),
    error: (message) => engine.error(message),
    status: (message) => engine.status(undefined, message),
  };
}

/** Every run of this process by fingerprint, and the one configured last (which runContext() answers). */
const runs = new Map<string, RunState>();
let current: RunState | undefined;
let defaults: RunOptions = {};
/** Closing runs that were replaced (tests start a run per test): closeRuns() waits for them. */
const closing = new Set<Promise<void>>();
const fingerprintKey = randomBytes(32);

/** The key of a configuration: an HMAC of the settings it carries, with a key made for this process. */
function fingerprint(config: ProviderConfig | undefined): string {
  const values = Object.values(configKeys).map((key) => config?.get(key) ?? null);
  return createHmac("sha256", fingerprintKey).update(JSON.stringify(values)).digest("hex");
}

function runFor(config: ProviderConfig | undefined): RunState {
  const key = fingerprint(config);
  let run = runs.get(key);
  if (!run) {
    run = new RunState(config, defaults.logger ?? stackLogger(), defaults);
    runs.set(key, run);
  }
  return run;
}

/** Called from the dynamic provider's configure with the stack config: makes its run the current one. */
export function configureRun(config: ProviderConfig | undefined): void {
  current = runFor(config);
}

/** The current run, created on first use (from the environment alone if configure never ran). */
export function runContext(): RunContext {
  current ??= runFor(undefined);
  return current;
}

/** Aborts every run of this process (the engine went away): their calls and waits stop with `reason`. */
export function abortRuns(reason: Error): void {
  for (const run of runs.values()) run.abort(reason);
}

/**
 * For tests and the bench: ends every run (aborting what is still running, closing clients) and starts a
 * fresh one with this config; `options` apply to it and to every run made until the next reset.
 */
export function resetRunContext(
  config?: ProviderConfig,
  logger?: Logger,
  options: Omit<RunOptions, "logger"> = {},
): void {
  endRuns();
  defaults = { ...options, ...(logger ? { logger } : {}) };
  current = runFor(config);
}

/** For tests and the bench: ends every run and waits until their clients are closed. */
export async function closeRuns(): Promise<void> {
  endRuns();
  defaults = {};
  await Promise.all([...closing]);
}

function endRuns(): void {
  for (const run of runs.values()) {
    run.abort(new Error("the run was ended (a new run started)"));
    const closed = run.close().finally(() => closing.delete(closed));
    closing.add(closed);
  }
  runs.clear();
  current = undefined;
}
