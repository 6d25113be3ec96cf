/**
 * Where the client's settings come from: the dynamic provider's `configure` config first (stack
 * config `mongodbatlas:*`, secrets already decrypted by the engine), then the environment.
 * Credentials are taken as a whole set from ONE source, never mixed field by field (a config
 * public key with an env private key would be a confusing accident); within a source a service
 * account wins over an API key pair. Errors name the keys and variables to set, never a value.
 *
 * The result is the client's settings, checked here once: the run state (resources/shared/context.ts)
 * hands them to openAtlasClient as they are. This file uses no zod, so a provider process that only reads
 * does not load it for five strings.
 */
import { BaseUrlError, defaultBaseUrl, normalizeBaseUrl } from "./client/base-url";
import type { AtlasCredentials, ResolvedClientSettings } from "./client/settings";
import { AtlasConfigurationError, configKeys, envVars } from "./config-names";

export { AtlasConfigurationError, configKeys, envVars };

type SettingName = keyof typeof configKeys;
type SourceName = "config" | "env";

/** What Pulumi passes to a dynamic provider's `configure` (`req.config`). */
export interface ProviderConfig {
  get(key: string): string | undefined;
}

/** One source's values, trimmed; unset, empty and blank values all mean "not set". */
type SourceValues = Partial<Record<SettingName, string>>;

function nameIn(source: SourceName, setting: SettingName): string {
  return source === "config" ? configKeys[setting] : envVars[setting];
}

/**
 * Checks one source for half-set pairs and swapped credential kinds; returns its credentials, or
 * undefined when it sets none. Messages say which key to set, and never show a value.
 */
function credentialsOf(source: SourceName, values: SourceValues): AtlasCredentials | undefined {
  const problems: string[] = [];
  const name = (s: SettingName) => nameIn(source, s);
  const pair = (a: SettingName, b: SettingName) => {
    if (values[a] && !values[b]) problems.push(`${name(a)} is set but ${name(b)} is not`);
    if (values[b] && !values[a]) problems.push(`${name(b)} is set but ${name(a)} is not`);
  };
  pair("clientId", "clientSecret");
  pair("publicKey", "privateKey");
  // Service-account ids and secrets start with mdb_sa_; as an API key they would fail with a puzzling 401.
  if (values.publicKey?.startsWith("mdb_sa_")) {
    problems.push(`${name("publicKey")} holds a service account client id; set it as ${name("clientId")} instead`);
  }
  if (values.privateKey?.startsWith("mdb_sa_")) {
    problems.push(`${name("privateKey")} holds a service account secret; set it as ${name("clientSecret")} instead`);
  }
  if (problems.length > 0) {
    throw new AtlasConfigurationError(`MongoDB Atlas credentials are incomplete: ${problems.join("; ")}.`);
  }
  if (values.clientId && values.clientSecret) {
    return { kind: "serviceAccount", clientId: values.clientId, clientSecret: values.clientSecret };
  }
  if (values.publicKey && values.privateKey) {
    return { kind: "digest", publicKey: values.publicKey, privateKey: values.privateKey };
  }
  return undefined;
}

function readSource(read: (setting: SettingName) => unknown): SourceValues {
  const values: SourceValues = {};
  const notStrings: SettingName[] = [];
  for (const setting of Object.keys(configKeys) as SettingName[]) {
    const value = read(setting);
    if (value === undefined) continue;
    if (typeof value !== "string") notStrings.push(setting);
    else if (value.trim() !== "") values[setting] = value.trim();
  }
  // Only reachable when a config or env value is not a string: say which, not what.
  if (notStrings.length > 0) {
    throw new AtlasConfigurationError(`MongoDB Atlas settings must be strings: ${notStrings.join(", ")}`);
  }
  return values;
}

const missingCredentialsMessage =
  "No MongoDB Atlas credentials found. Set a service account with " +
  `\`pulumi config set ${configKeys.clientId} <id>\` and \`pulumi config set --secret ${configKeys.clientSecret} <secret>\` ` +
  `(or the environment variables ${envVars.clientId} and ${envVars.clientSecret}), ` +
  `or an API key pair with ${configKeys.publicKey} and ${configKeys.privateKey} ` +
  `(or ${envVars.publicKey} and ${envVars.privateKey}).`;

export interface SettingsSources {
  /** The dynamic provider's configure config; looked at first. */
  config?: ProviderConfig;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface ProviderSettings {
  settings: ResolvedClientSettings;
  /** Where the credentials came from, for a log line ("config" or "env"). */
  credentialsFrom: SourceName;
  baseUrlFrom: SourceName | "default";
}

/** Resolves credentials and base URL from configure config, then env. Throws AtlasConfigurationError. */
export function resolveProviderSettings(sources: SettingsSources = {}): ProviderSettings {
  const env = sources.env ?? process.env;
  const fromConfig = readSource((s) => sources.config?.get(configKeys[s]));
  const fromEnv = readSource((s) => env[envVars[s]]);

  const configCredentials = credentialsOf("config", fromConfig);
  // The env is only consulted (and checked) when the config sets no credentials.
  const credentials = configCredentials ?? credentialsOf("env", fromEnv);
  if (!credentials) throw new AtlasConfigurationError(missingCredentialsMessage);
  const credentialsFrom: SourceName = configCredentials ? "config" : "env";

  const baseUrlFrom: ProviderSettings["baseUrlFrom"] = fromConfig.baseUrl
    ? "config"
    : fromEnv.baseUrl
      ? "env"
      : "default";
  const rawBaseUrl = fromConfig.baseUrl ?? fromEnv.baseUrl ?? defaultBaseUrl;
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(rawBaseUrl);
  } catch (error) {
    const where = baseUrlFrom === "default" ? "" : ` (from ${nameIn(baseUrlFrom, "baseUrl")})`;
    throw new AtlasConfigurationError(
      `${error instanceof BaseUrlError ? error.message : "Invalid Atlas base URL"}${where}`,
    );
  }

  return { settings: { baseUrl, credentials }, credentialsFrom, baseUrlFrom };
}
