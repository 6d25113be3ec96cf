import { AtlasAbortError } from "../../provider/client";
import { AtlasConfigurationError, type ProviderConfig } from "../../provider/config";
import { createMemoryLogger } from "../../provider/logger";
import {
  abortRuns,
  closeRuns,
  configureRun,
  resetRunContext,
  runContext,
} from "../../provider/resources/shared/context";

const secret = "run-state-secret-never-kept";

/** A new object each time, as the dynamic-provider host makes one per configure call. */
function stackConfig(values: Record<string, string>): ProviderConfig & { reads: number } {
  const config = {
    reads: 0,
    get(key: string) {
      config.reads++;
      return values[key];
    },
  };
  return config;
}

const apiKey = {
  "mongodbatlas:baseUrl": "http://127.0.0.1:1",
  "mongodbatlas:publicKey": "public",
  "mongodbatlas:privateKey": secret,
};

describe("the run state", () => {
  beforeEach(() => resetRunContext(undefined, createMemoryLogger()));
  afterAll(() => closeRuns());

  test("every resource kind configured with the same stack config shares one run and one client", () => {
    configureRun(stackConfig(apiKey));
    const first = runContext();
    configureRun(stackConfig(apiKey)); // the next kind's provider text: a new object, the same values
    expect(runContext()).toBe(first);
    expect(runContext().client()).toBe(first.client());
    expect(runContext().watchers.peers).toBe(first.watchers.peers);
  });

  test("another configuration is another run, with its own client", () => {
    configureRun(stackConfig(apiKey));
    const first = runContext();
    configureRun(stackConfig({ ...apiKey, "mongodbatlas:baseUrl": "http://127.0.0.1:2" }));
    expect(runContext()).not.toBe(first);
    expect(runContext().client()).not.toBe(first.client());
  });

  test("reads the settings once per run, at the first API call, not at configure", () => {
    const config = stackConfig(apiKey);
    configureRun(config);
    const readsAtConfigure = config.reads;
    runContext().client();
    const readsAtFirstCall = config.reads;
    runContext().client();
    runContext().client();
    expect(readsAtFirstCall).toBeGreaterThan(readsAtConfigure);
    expect(config.reads).toBe(readsAtFirstCall);
  });

  test("needs no credentials until the first API call (check and diff never make one)", () => {
    configureRun(stackConfig({}));
    const run = runContext();
    expect(run.signal.aborted).toBe(false);
    const previous = process.env;
    process.env = {};
    try {
      expect(() => run.client()).toThrow(AtlasConfigurationError);
    } finally {
      process.env = previous;
    }
  });

  test("warns once per key and run", () => {
    const logger = createMemoryLogger();
    resetRunContext(stackConfig(apiKey), logger);
    runContext().warnOnce("sunset", "serverless endpoints are deprecated");
    runContext().warnOnce("sunset", "serverless endpoints are deprecated");
    expect(logger.lines).toEqual(["warn: serverless endpoints are deprecated"]);
  });

  test("aborting the runs (the engine went away) aborts the run's signal and every call of its client", async () => {
    configureRun(stackConfig(apiKey));
    const run = runContext();
    const client = run.client();
    abortRuns(new Error("the Pulumi engine has gone away"));
    expect(run.signal.aborted).toBe(true);
    await expect(client.containers.listAll({ groupId: "32b6e34b3d91647abb20e7b8" })).rejects.toBeInstanceOf(
      AtlasAbortError,
    );
  });
});
