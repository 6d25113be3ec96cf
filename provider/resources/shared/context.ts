import { createHash } from "node:crypto";
import type { AtlasClient } from "../../client";
import { createAtlasClient } from "../../client";
import type {
  BaseNetworkPeeringConnectionSettingsResponse,
  EndpointService,
  ServerlessTenantEndpoint,
} from "../../client/wire";
import { configKeys, resolveProviderSettings, type ProviderConfig } from "../../config";
import { createConsoleLogger, type Logger } from "../../logger";
import { ListWatcherRegistry } from "../../poller";

/**
 * Everything shared by the resources of one provider process, i.e. one `pulumi up` or `destroy`: the
 * client (one pool, one request budget), the coalescing list watchers and the once-per-run warnings.
 * The dynamic-provider host calls `configure` with the stack config before any other method; the client
 * is made at the first API call, so check and diff (and so `pulumi preview` with bad input) never need
 * credentials.
 */
export interface RunContext {
  readonly logger: Logger;
  client(): AtlasClient;
  readonly watchers: {
    readonly endpointServices: ListWatcherRegistry<EndpointService>;
    readonly serverlessEndpoints: ListWatcherRegistry<ServerlessTenantEndpoint>;
    readonly peers: ListWatcherRegistry<BaseNetworkPeeringConnectionSettingsResponse>;
  };
  /** Logs a warning the first time a key is seen in this run. */
  warnOnce(key: string, message: string): void;
  /** Aborted when the run must stop: every wait and call of the run takes it. */
  readonly signal: AbortSignal;
}

function createRunContext(config: ProviderConfig | undefined, logger: Logger): RunContext {
  let client: AtlasClient | undefined;
  const warned = new Set<string>();
  const stop = new AbortController();
  return {
    logger,
    signal: stop.signal,
    client() {
      if (!client) {
        const { settings, credentialsFrom, baseUrlFrom } = resolveProviderSettings(config ? { config } : {});
        logger.debug(
          `Atlas API at ${settings.baseUrl} (base URL from ${baseUrlFrom}, credentials from ${credentialsFrom})`,
        );
        client = createAtlasClient({ ...settings, logger });
      }
      return client;
    },
    watchers: {
      endpointServices: new ListWatcherRegistry(),
      serverlessEndpoints: new ListWatcherRegistry(),
      peers: new ListWatcherRegistry(),
    },
    warnOnce(key, message) {
      if (warned.has(key)) return;
      warned.add(key);
      logger.warn(message);
    },
  };
}

let configuredWith: ProviderConfig | undefined;
let configuredFingerprint: string | undefined;
let current: RunContext | undefined;
let loggerForRuns: Logger | undefined;

/** A digest of the settings a config carries, so equal configs compare equal without keeping secrets around. */
function fingerprint(config: ProviderConfig | undefined): string {
  const values = Object.values(configKeys).map((key) => config?.get(key) ?? null);
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}

/**
 * Called from the dynamic provider's configure: once per serialized provider text (so once per resource
 * kind), each time with a new object holding the same stack config. The run's context survives as long as
 * the settings are the same, so all kinds share one client and one set of watchers.
 */
export function configureRun(config: ProviderConfig | undefined): void {
  const next = fingerprint(config);
  if (current && next === configuredFingerprint) return;
  configuredWith = config;
  configuredFingerprint = next;
  current = undefined;
}

/** The context of this run, created on first use (from the environment alone if configure never ran). */
export function runContext(): RunContext {
  current ??= createRunContext(configuredWith, loggerForRuns ?? createConsoleLogger());
  return current;
}

/** For tests: start a fresh run with this config and logger. */
export function resetRunContext(config?: ProviderConfig, logger?: Logger): void {
  configuredWith = config;
  configuredFingerprint = fingerprint(config);
  loggerForRuns = logger;
  current = undefined;
}
