/**
 * Starting the Atlas simulator in tests, plus a minimal Digest-speaking HTTP helper for tests that talk
 * to it directly. Usage:
 *   let sim: RunningSimulator;
 *   beforeAll(async () => { sim = await startTestSimulator(); });
 *   afterAll(() => sim.close());
 */
import { createHash, randomBytes } from "node:crypto";
import { ObservedResponse, RunningSimulator, SimulatorOptions, startSimulator } from "../../simulator";
import { createResponseRecorder, createSpecValidator, loadSpecSync, type SpecValidator } from "./spec";

export type { ObservedResponse, RunningSimulator } from "../../simulator";

export interface TestSimulatorOptions extends SimulatorOptions {
  /**
   * Called with every Atlas API response: the place to plug the spec validator in (it should record or
   * throw problems; a throw is reported on stderr and does not break the server).
   */
  validateResponse?: (response: ObservedResponse) => void;
}

let specValidator: SpecValidator | null | undefined;

/** The official spec's validator, built once per jest worker; null when the spec cannot be found. */
function sharedSpecValidator(): SpecValidator | null {
  if (specValidator === undefined) {
    const spec = loadSpecSync();
    specValidator = spec ? createSpecValidator(spec) : null;
  }
  return specValidator;
}

/**
 * A simulator on a free port, fast enough for tests (1 simulated second = 1 real ms).
 * Every Atlas API response it gives during the test is validated against the official spec (when the spec
 * can be found, see test/support/spec.ts): `close()` fails the test file with the violations, so each test
 * that uses the simulator also checks that the simulator still agrees with Atlas's published contract.
 */
export async function startTestSimulator(options: TestSimulatorOptions = {}): Promise<RunningSimulator> {
  const { validateResponse, responseObserver, ...rest } = options;
  const validator = sharedSpecValidator();
  const recorder = validator ? createResponseRecorder(validator) : undefined;
  const observers = [responseObserver, validateResponse, recorder?.observer].filter(
    (o): o is (r: ObservedResponse) => void => o !== undefined,
  );
  const sim = await startSimulator({
    port: 0,
    timeScale: 0.001,
    ...rest,
    ...(observers.length > 0
      ? { responseObserver: (response: ObservedResponse) => observers.forEach((observe) => observe(response)) }
      : {}),
  });
  const close = sim.close.bind(sim);
  sim.close = async () => {
    await close();
    const violations = recorder?.violations() ?? [];
    if (violations.length > 0) {
      throw new Error(
        `The simulator gave responses that do not conform to the official spec:\n${violations.join("\n")}`,
      );
    }
  };
  return sim;
}

export const atlasMediaType = "application/vnd.atlas.2023-01-01+json";
export const testGroupId = "5f7cac1adf5d6c6306f4b283";

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** Parses the parameters of a `WWW-Authenticate: Digest ...` challenge. */
export function parseChallenge(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    params[match[1] as string] = match[2] ?? match[3] ?? "";
  }
  return params;
}

/** An RFC 7616 (MD5, qop=auth) Authorization header answering `nonce` for one request. */
export function digestAuthorization(input: {
  username: string;
  password: string;
  nonce: string;
  method: string;
  uri: string;
  nonceCount: number;
  realm?: string;
}): string {
  const realm = input.realm ?? "MMS Public API";
  const nc = input.nonceCount.toString(16).padStart(8, "0");
  const cnonce = randomBytes(8).toString("hex");
  const ha1 = md5(`${input.username}:${realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  const response = md5(`${ha1}:${input.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${input.username}", realm="${realm}", nonce="${input.nonce}", uri="${input.uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface TestRequest {
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Talks to the simulator with Digest auth the way our client does: one nonce reused with an increasing
 * nonce count, answering a new challenge (a 401 with stale=true) when the nonce is refused.
 */
export class DigestTestClient {
  private nonce: string | undefined;
  private nonceCount = 0;

  constructor(
    private readonly sim: RunningSimulator,
    private readonly credentials = { username: sim.credentials.publicKey, password: sim.credentials.privateKey },
  ) {}

  async request(method: string, path: string, options: TestRequest = {}): Promise<TestResponse> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers: Record<string, string> = { Accept: atlasMediaType, ...options.headers };
      if (options.body !== undefined) headers["Content-Type"] ??= atlasMediaType;
      if (this.nonce) {
        this.nonceCount += 1;
        headers.Authorization = digestAuthorization({
          ...this.credentials,
          nonce: this.nonce,
          method,
          uri: path,
          nonceCount: this.nonceCount,
        });
      }
      const response = await sendRaw(this.sim, method, path, { ...options, headers });
      const challenge = response.headers.get("www-authenticate");
      if (response.status !== 401 || !challenge) return response;
      const params = parseChallenge(challenge);
      // A first request, or a stale nonce: answer the new challenge. Wrong credentials: give up.
      if (this.nonce && params.stale !== "true") return response;
      this.nonce = params.nonce;
      this.nonceCount = 0;
    }
    throw new Error(`${method} ${path}: still 401 after answering the challenge`);
  }

  get = (path: string, options?: TestRequest) => this.request("GET", path, options);
  post = (path: string, body: unknown, options?: TestRequest) => this.request("POST", path, { ...options, body });
  patch = (path: string, body: unknown, options?: TestRequest) => this.request("PATCH", path, { ...options, body });
  delete = (path: string, options?: TestRequest) => this.request("DELETE", path, options);
}

/** One HTTP request with exactly the given headers (no auth added); JSON bodies are serialized. */
export async function sendRaw(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: TestRequest = {},
): Promise<TestResponse> {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: options.headers ?? {},
    ...(options.body !== undefined
      ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** Polls `read` until `done` holds (or throws after `timeoutMs`), returning the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Simulator time that moves only when the test says so: pass `now` to startTestSimulator. Phases, nonce and
 * token lifetimes and rate-limit refills then follow `advance()`, so a test of "expires after 1 s" or "one
 * token back after 500 ms" neither sleeps nor breaks when a busy machine makes its requests slow.
 * (Injected delay faults stay real time.)
 */
export class SimulatorTime {
  private ms = Date.now();

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }
}
