import {
  AtlasConfigurationError,
  resolveProviderSettings,
  type ProviderConfig,
  type SettingsSources,
} from "../../provider/config";

/** The client settings alone. */
function resolveClientSettings(sources?: SettingsSources) {
  return resolveProviderSettings(sources).settings;
}

/** A stand-in for the Config object Pulumi hands to a dynamic provider's configure(). */
function config(values: Record<string, string>): ProviderConfig {
  return { get: (key) => values[key] };
}

const secret = "s3cr3t-value-never-shown";

function errorOf(run: () => unknown): AtlasConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AtlasConfigurationError);
    return error as AtlasConfigurationError;
  }
  throw new Error("expected an AtlasConfigurationError");
}

describe("provider settings resolution", () => {
  test("reads an API key pair from the environment as Digest credentials", () => {
    const settings = resolveClientSettings({
      env: { MONGODB_ATLAS_PUBLIC_KEY: "pub", MONGODB_ATLAS_PRIVATE_KEY: secret },
    });
    expect(settings.credentials).toEqual({ kind: "digest", publicKey: "pub", privateKey: secret });
    expect(settings.baseUrl).toBe("https://cloud.mongodb.com");
  });

  test("reads a service account from the environment", () => {
    const settings = resolveClientSettings({
      env: { MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_1", MONGODB_ATLAS_CLIENT_SECRET: secret },
    });
    expect(settings.credentials).toEqual({ kind: "serviceAccount", clientId: "mdb_sa_id_1", clientSecret: secret });
  });

  test("prefers the service account when both kinds are set", () => {
    const settings = resolveClientSettings({
      env: {
        MONGODB_ATLAS_PUBLIC_KEY: "pub",
        MONGODB_ATLAS_PRIVATE_KEY: "priv",
        MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_1",
        MONGODB_ATLAS_CLIENT_SECRET: secret,
      },
    });
    expect(settings.credentials.kind).toBe("serviceAccount");
  });

  test("takes credentials from the configure config before the environment", () => {
    const resolved = resolveProviderSettings({
      config: config({ "mongodbatlas:publicKey": "cfg-pub", "mongodbatlas:privateKey": "cfg-priv" }),
      env: { MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_env", MONGODB_ATLAS_CLIENT_SECRET: secret },
    });
    expect(resolved.settings.credentials).toEqual({ kind: "digest", publicKey: "cfg-pub", privateKey: "cfg-priv" });
    expect(resolved.credentialsFrom).toBe("config");
  });

  test("falls back to the environment when the config has no credentials", () => {
    const resolved = resolveProviderSettings({
      config: config({}),
      env: { MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_env", MONGODB_ATLAS_CLIENT_SECRET: secret },
    });
    expect(resolved.credentialsFrom).toBe("env");
    expect(resolved.settings.credentials.kind).toBe("serviceAccount");
  });

  test("takes the base URL from the config, then MONGODB_ATLAS_BASE_URL, and normalises it", () => {
    const env = {
      MONGODB_ATLAS_PUBLIC_KEY: "p",
      MONGODB_ATLAS_PRIVATE_KEY: "k",
      MONGODB_ATLAS_BASE_URL: "http://127.0.0.1:9000/",
    };
    expect(resolveClientSettings({ env }).baseUrl).toBe("http://127.0.0.1:9000");
    const fromConfig = resolveProviderSettings({
      env,
      config: config({ "mongodbatlas:baseUrl": "https://cloud-qa.mongodb.com" }),
    });
    expect(fromConfig.settings.baseUrl).toBe("https://cloud-qa.mongodb.com");
    expect(fromConfig.baseUrlFrom).toBe("config");
  });

  test("treats blank values as unset", () => {
    const settings = resolveClientSettings({
      env: {
        MONGODB_ATLAS_CLIENT_ID: "  ",
        MONGODB_ATLAS_CLIENT_SECRET: "",
        MONGODB_ATLAS_PUBLIC_KEY: " pub ",
        MONGODB_ATLAS_PRIVATE_KEY: "priv",
      },
    });
    expect(settings.credentials).toEqual({ kind: "digest", publicKey: "pub", privateKey: "priv" });
  });

  test("names every key and variable to set when there are no credentials at all", () => {
    const error = errorOf(() => resolveClientSettings({ config: config({}), env: {} }));
    for (const name of [
      "mongodbatlas:clientId",
      "mongodbatlas:clientSecret",
      "mongodbatlas:publicKey",
      "mongodbatlas:privateKey",
      "MONGODB_ATLAS_CLIENT_ID",
      "MONGODB_ATLAS_CLIENT_SECRET",
      "MONGODB_ATLAS_PUBLIC_KEY",
      "MONGODB_ATLAS_PRIVATE_KEY",
    ]) {
      expect(error.message).toContain(name);
    }
  });

  test("names the missing half of a pair without showing the half that is set", () => {
    const error = errorOf(() =>
      resolveClientSettings({ config: config({ "mongodbatlas:clientSecret": secret }), env: {} }),
    );
    expect(error.message).toContain("mongodbatlas:clientSecret is set but mongodbatlas:clientId is not");
    expect(error.message).not.toContain(secret);
  });

  test("names the missing env variable of a half-set pair", () => {
    const error = errorOf(() => resolveClientSettings({ env: { MONGODB_ATLAS_PRIVATE_KEY: secret } }));
    expect(error.message).toContain("MONGODB_ATLAS_PRIVATE_KEY is set but MONGODB_ATLAS_PUBLIC_KEY is not");
    expect(error.message).not.toContain(secret);
  });

  test("does not mix a config half with an env half", () => {
    const error = errorOf(() =>
      resolveClientSettings({
        config: config({ "mongodbatlas:publicKey": "pub" }),
        env: { MONGODB_ATLAS_PRIVATE_KEY: secret },
      }),
    );
    expect(error.message).toContain("mongodbatlas:publicKey is set but mongodbatlas:privateKey is not");
  });

  test("spots service-account credentials given as an API key pair", () => {
    const error = errorOf(() =>
      resolveClientSettings({
        env: { MONGODB_ATLAS_PUBLIC_KEY: "mdb_sa_id_abc", MONGODB_ATLAS_PRIVATE_KEY: "mdb_sa_sk_" + secret },
      }),
    );
    expect(error.message).toContain("set it as MONGODB_ATLAS_CLIENT_ID instead");
    expect(error.message).toContain("set it as MONGODB_ATLAS_CLIENT_SECRET instead");
    expect(error.message).not.toContain(secret);
  });

  test("refuses a plain http base URL to a non-loopback host, naming where it came from", () => {
    const error = errorOf(() =>
      resolveClientSettings({
        env: {
          MONGODB_ATLAS_PUBLIC_KEY: "p",
          MONGODB_ATLAS_PRIVATE_KEY: "k",
          MONGODB_ATLAS_BASE_URL: "http://atlas.example.com",
        },
      }),
    );
    expect(error.message).toContain("plain http://");
    expect(error.message).toContain("MONGODB_ATLAS_BASE_URL");
  });

  test("never repeats credentials embedded in a base URL", () => {
    const error = errorOf(() =>
      resolveClientSettings({
        config: config({ "mongodbatlas:baseUrl": `https://user:${secret}@cloud.mongodb.com` }),
        env: { MONGODB_ATLAS_PUBLIC_KEY: "p", MONGODB_ATLAS_PRIVATE_KEY: "k" },
      }),
    );
    expect(error.message).toContain("must not contain a user name or password");
    expect(error.message).not.toContain(secret);
  });

  test("reads process.env when no env is given", () => {
    const saved = { ...process.env };
    try {
      process.env.MONGODB_ATLAS_PUBLIC_KEY = "from-process";
      process.env.MONGODB_ATLAS_PRIVATE_KEY = "k";
      delete process.env.MONGODB_ATLAS_CLIENT_ID;
      delete process.env.MONGODB_ATLAS_CLIENT_SECRET;
      expect(resolveClientSettings().credentials).toMatchObject({ kind: "digest", publicKey: "from-process" });
    } finally {
      process.env = saved;
    }
  });
});
