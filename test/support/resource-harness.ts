/**
 * What every resource test file needs: a simulator, a provider run pointed at it, the request log read step
 * by step, the provider called the way the engine calls it, and the tests of a table of bad inputs. Usage:
 *   let sim: RunningSimulator;
 *   let logger: MemoryLogger;
 *   beforeAll(async () => { sim = await startResourceSimulator(); });
 *   beforeEach(() => { sim.control.reset(); logger = startRunAgainst(sim); });
 *   afterEach(() => expectNoSecretLogged(logger, sim));
 *   afterAll(() => stopResourceSimulator(sim));
 */
import { createMemoryLogger } from "../../provider/logger";
import { providerKey } from "../../provider/resources/shared/check";
import { closeRuns, resetRunContext } from "../../provider/resources/shared/context";
import type { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import { ResourceInitError } from "../../provider/resources/shared/partial-failure";
import type { RequestLogEntry } from "../../simulator";
import { startTestSimulator, type RunningSimulator, type TestSimulatorOptions } from "./simulator";

export type Props = Record<string, unknown>;
export type MemoryLogger = ReturnType<typeof createMemoryLogger>;

/** Stands in for the serialized provider text the engine adds to inputs and outputs as `__provider`. */
export const serializedProviderText = "exports.handler = __provider_text_for_tests";

/** Poll settings that notice a change within 50 ms (the simulator runs 1000 times faster than Atlas). */
export const fastPoll = { intervalSeconds: 0.05 };

// ---- the simulator and the run ------------------------------------------------------------------------

/** A simulator for resource tests: no rate limit (it has its own tests). */
export async function startResourceSimulator(options: TestSimulatorOptions = {}): Promise<RunningSimulator> {
  return startTestSimulator({ rateLimit: false, ...options });
}

/**
 * The request budget of resource tests' runs: the client's own (10 requests/s by default) would pace the
 * hundreds of calls a test file makes (the budget has its own tests).
 */
const unpacedBudget = { capacity: 10_000, refillPerSecond: 10_000 };

/**
 * A fresh provider run (what one `pulumi up` shares: client, watchers) configured for `sim`, logging to
 * memory; the previous run is ended. `baseUrl`: where the run sends its calls, when not to `sim` itself (a
 * proxy in front of it).
 */
export function startRunAgainst(sim: RunningSimulator, baseUrl = sim.baseUrl): MemoryLogger {
  const logger = createMemoryLogger();
  const config: Record<string, string> = {
    "mongodbatlas:baseUrl": baseUrl,
    "mongodbatlas:publicKey": sim.credentials.publicKey,
    "mongodbatlas:privateKey": sim.credentials.privateKey,
  };
  resetRunContext({ get: (key) => config[key] }, logger, { budget: unpacedBudget });
  return logger;
}

/** Whatever happened, no log line carries the private key. */
export function expectNoSecretLogged(logger: MemoryLogger, sim: RunningSimulator): void {
  expect(logger.lines.join("\n")).not.toContain(sim.credentials.privateKey);
}

export async function stopResourceSimulator(sim: RunningSimulator): Promise<void> {
  await closeRuns();
  await sim.close();
}

// ---- the request log ------------------------------------------------------------------------------------

/** Where the request log stands now: pass it to the functions below to see only what one step sent. */
export function requestLogMark(sim: RunningSimulator): number {
  return sim.control.getRequestLog().at(-1)?.sequence ?? 0;
}

/** Every request after `mark`, Digest challenges included. */
export function requestsSince(sim: RunningSimulator, mark: number): RequestLogEntry[] {
  return sim.control.getRequestLog({ since: mark });
}

/** The requests after `mark` without Digest challenges: a new client's first call is answered 401 once, depending on nonce timing. */
export function callsSince(sim: RunningSimulator, mark: number): RequestLogEntry[] {
  return requestsSince(sim, mark).filter((entry) => entry.status !== 401);
}

/** The POSTs, PATCHes and DELETEs among `callsSince`. */
export function writesSince(sim: RunningSimulator, mark: number): RequestLogEntry[] {
  return callsSince(sim, mark).filter((entry) => entry.method !== "GET");
}

export function callsOf(sim: RunningSimulator, mark: number, operationId: string): RequestLogEntry[] {
  return callsSince(sim, mark).filter((entry) => entry.operationId === operationId);
}

// ---- calling the provider as the engine does ------------------------------------------------------------

/** `inputs` as the engine passes them to create and update: checked, with the serialized provider. */
export async function checkedInputs(provider: AtlasDynamicProvider, inputs: Props): Promise<Props> {
  const result = await provider.check({}, { ...inputs, [providerKey]: serializedProviderText });
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Props;
}

/** Creates through check, as `pulumi up` does: the checked inputs, and the id and outputs of the create. */
export async function createChecked(
  provider: AtlasDynamicProvider,
  inputs: Props,
): Promise<{ news: Props; id: string; outs: Props }> {
  const news = await checkedInputs(provider, inputs);
  const created = await provider.create(news);
  return { news, id: created.id, outs: created.outs as Props };
}

/** What `promise` rejects with; fails the test when it resolves. */
async function rejectionReason(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (reason: unknown) => ({ rejected: true as const, reason }),
  );
  if (!outcome.rejected) throw new Error("expected the call to fail, and it succeeded");
  return outcome.reason;
}

/** The Error `promise` rejects with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Props> {
  const error = await rejectionReason(promise);
  expect(error).toBeInstanceOf(Error);
  return error as Error & Props;
}

/** The ResourceInitError (a partial failure the engine keeps in state) `promise` rejects with. */
export async function initErrorOf(promise: Promise<unknown>): Promise<ResourceInitError> {
  const error = await rejectionReason(promise);
  expect(error).toBeInstanceOf(ResourceInitError);
  return error as ResourceInitError;
}

// ---- bad inputs -------------------------------------------------------------------------------------------

export interface BadInput {
  /** What is wrong, as the test name says it. */
  name: string;
  inputs: Props;
  /** The failing property as Pulumi shows it (`timeouts.create`, `regions[1]`). */
  property: string;
  /** The value given, as the reason must quote it (JSON); null when nothing was given (a missing input). */
  given: string | null;
  /** What the reason must say is allowed. */
  allowed: string | RegExp;
}

/** A corpus that tests something: `minimum` distinct inputs at least, and as many quoting the value given. */
function expectDistinctBadInputs(corpus: readonly BadInput[], minimum = 12): void {
  expect(new Set(corpus.map((bad) => JSON.stringify(bad.inputs))).size).toBe(corpus.length);
  expect(corpus.filter((bad) => bad.given !== null).length).toBeGreaterThanOrEqual(minimum);
}

/**
 * Checks `bad.inputs` the way `pulumi preview` does and expects one failure, on the right property, whose
 * reason names the property, quotes the value given and says what is allowed; the inputs come back as given
 * with the serialized provider (the engine needs both to report the failure); and not one call reached Atlas.
 */
async function expectRefusedByCheck(
  provider: AtlasDynamicProvider,
  sim: RunningSimulator,
  bad: BadInput,
): Promise<void> {
  const news = { ...bad.inputs, [providerKey]: serializedProviderText };
  const result = await provider.check({}, news);

  expect(result.failures).toHaveLength(1);
  const [failure] = result.failures ?? [];
  expect(failure?.property).toBe(bad.property);
  expect(failure?.reason.startsWith(bad.property)).toBe(true);
  if (bad.given !== null) expect(failure?.reason).toContain(bad.given);
  if (typeof bad.allowed === "string") expect(failure?.reason).toContain(bad.allowed);
  else expect(failure?.reason).toMatch(bad.allowed);
  expect(result.inputs).toEqual(news);
  expect(sim.control.getRequestLog()).toEqual([]);
}

export interface BadInputSuite {
  /** Inputs that are each wrong in one field. */
  corpus: readonly BadInput[];
  /** The good inputs the cases start from, by name: they pass check, so each case fails for its one bad field. */
  goodInputs: Readonly<Record<string, Props>>;
}

/**
 * The tests of a bad-input file, against a simulator of their own: the corpus is large and distinct, check
 * refuses every case (see expectRefusedByCheck), the good inputs pass, and not one of them reached Atlas.
 */
export function testBadInputs(provider: AtlasDynamicProvider, suite: BadInputSuite): void {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startResourceSimulator();
    // Point the run at the simulator: if check ever called Atlas, the request log would show it.
    startRunAgainst(sim);
  });

  afterAll(() => stopResourceSimulator(sim));

  test("the corpus holds at least 12 distinct bad inputs, quoting the value given", () => {
    expectDistinctBadInputs(suite.corpus);
  });

  test.each(suite.corpus)("check refuses $name, on $property, quoting the value and saying what is allowed", (bad) =>
    expectRefusedByCheck(provider, sim, bad),
  );

  test.each(Object.entries(suite.goodInputs))(
    "the good %s inputs the cases start from pass check",
    async (_name, inputs) => {
      await checkedInputs(provider, inputs);
    },
  );

  test("none of the inputs reached Atlas", () => {
    expect(sim.control.getRequestLog()).toEqual([]);
  });
}
