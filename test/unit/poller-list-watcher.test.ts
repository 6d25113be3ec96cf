import {
  ListWatcher,
  ListWatcherRegistry,
  ResourceGoneError,
  WaitAbortedError,
  waitUntilGone,
  waitUntilSettled,
  type PollSchedule,
} from "../../provider/poller";
import { classifyEndpointService } from "../../provider/resources/private-endpoint-service/states";
import { ManualClock } from "../support/manual-clock";

// Watchers, waits and the in-memory project all run on one clock the test moves by hand: ticks land at exact
// times whatever the machine's load, and no test sleeps.
let clock: ManualClock;

beforeEach(() => {
  clock = new ManualClock();
});

const fast: Partial<PollSchedule> = { initialDelayMs: 2, firstIntervalMs: 5, maxIntervalMs: 5 };

interface Step {
  atMs: number;
  status: string;
}

interface ListedService {
  id: string;
  status: string;
  errorMessage: string | null;
  /** Which list call returned this copy: lets a test see which tick answered which wait. */
  listCall: number;
}

/**
 * One project's endpoint services in memory, listed the way Atlas lists them: every item in one call.
 * Each service's status follows its own timeline from the moment it is added.
 */
class InMemoryProject {
  private readonly services = new Map<string, { addedAt: number; steps: Step[] }>();
  readonly listStartedAt: number[] = [];
  listLatencyMs = 0;
  failOnCall: { call: number; error: Error } | undefined;
  onListStart: ((call: number) => void) | undefined;
  readonly listSignals: AbortSignal[] = [];

  get listCalls(): number {
    return this.listStartedAt.length;
  }

  add(id: string, steps: Step[]): number {
    const addedAt = clock.now();
    this.services.set(id, { addedAt, steps });
    return addedAt;
  }

  remove(id: string): void {
    this.services.delete(id);
  }

  list = async (signal: AbortSignal): Promise<ListedService[]> => {
    this.listStartedAt.push(clock.now());
    const call = this.listCalls;
    this.listSignals.push(signal);
    const now = clock.now();
    // Atlas answers from the state at the time the request arrives: snapshot first, then the latency.
    const snapshot = [...this.services].map(([id, { addedAt, steps }]) => {
      const age = now - addedAt;
      const step = steps.filter((s) => s.atMs <= age).at(-1) ?? steps[0];
      return { id, status: step.status, errorMessage: null, listCall: call };
    });
    this.onListStart?.(call);
    if (this.failOnCall?.call === call) throw this.failOnCall.error;
    if (this.listLatencyMs > 0) await clock.sleep(this.listLatencyMs, signal);
    return snapshot;
  };
}

function newWatcher(project: InMemoryProject): ListWatcher<ListedService> {
  return new ListWatcher({
    describe: "AWS endpoint services of project 1",
    list: project.list,
    idOf: (s) => s.id,
    clock,
  });
}

/** A wait on `watcher` that records which list call answered each of its reads. */
function recordedWait(watcher: ListWatcher<ListedService>, id: string, seen: number[], schedule = fast) {
  return waitUntilSettled({
    describe: `endpoint service ${id}`,
    read: watcher.reader(id),
    classify: (service) => {
      seen.push(service.listCall);
      return classifyEndpointService(service);
    },
    timeoutMs: 2000,
    schedule,
    clock,
  });
}

function settlingAt(ms: number): Step[] {
  return [
    { atMs: 0, status: "INITIATING" },
    { atMs: ms, status: "AVAILABLE" },
  ];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

test("20 concurrent waits of one kind in one project cost exactly one list call per tick", async () => {
  const project = new InMemoryProject();
  const watcher = newWatcher(project);
  const seenById = new Map<string, number[]>();
  const waits = range(1, 20).map((n) => {
    const id = `service-${n}`;
    project.add(id, settlingAt(30 + 4 * n));
    const seen: number[] = [];
    seenById.set(id, seen);
    return recordedWait(watcher, id, seen);
  });
  const settled = await clock.resolved(Promise.all(waits));

  expect(settled.every((s) => s.status === "AVAILABLE")).toBe(true);
  const seenLists = [...seenById.values()];
  const ticks = new Set(seenLists.flat()).size;
  const readsServed = seenLists.reduce((sum, seen) => sum + seen.length, 0);
  expect(project.listCalls / ticks).toBe(1);
  // Every wait was answered by every tick from the first until it settled: none read on its own.
  for (const seen of seenLists) expect(seen).toEqual(range(1, seen.length));
  expect(seenLists.filter((seen) => seen[0] === 1)).toHaveLength(20);
  // Without coalescing each of those reads would have been its own GET.
  expect(readsServed).toBeGreaterThan(8 * project.listCalls);
  expect(watcher.ticks).toBe(project.listCalls);
});

test("waits joining and leaving mid-way share the ticks of the waits already there", async () => {
  const project = new InMemoryProject();
  const watcher = newWatcher(project);
  const early = range(1, 5).map((n) => ({ id: `early-${n}`, seen: [] as number[] }));
  const late = range(1, 5).map((n) => ({ id: `late-${n}`, seen: [] as number[] }));
  const earlyWaits = early.map(({ id, seen }, i) => {
    project.add(id, settlingAt(40 + 10 * i));
    return recordedWait(watcher, id, seen);
  });
  // Join once the running tick sequence has made two list calls (at 2 ms and 7 ms).
  await clock.advance(8);
  const callsBeforeJoin = project.listCalls;
  const lateWaits = late.map(({ id, seen }, i) => {
    project.add(id, settlingAt(40 + 10 * i));
    return recordedWait(watcher, id, seen);
  });
  await clock.resolved(Promise.all([...earlyWaits, ...lateWaits]));

  expect(callsBeforeJoin).toBe(2);
  const all = [...early, ...late];
  expect(project.listCalls).toBe(new Set(all.flatMap((w) => w.seen)).size);
  for (const { seen } of all) expect(seen).toEqual(range(seen[0], seen.at(-1) ?? 0));
  // The joiners started on the running tick sequence; the leavers stopped while others went on.
  for (const { seen } of late) expect(seen[0]).toBeGreaterThan(callsBeforeJoin);
  const lastEarly = Math.max(...early.map((w) => w.seen.at(-1) ?? 0));
  expect(Math.max(...late.map((w) => w.seen.at(-1) ?? 0))).toBeGreaterThan(lastEarly);
});

test("the tick follows the shortest interval any registered wait wants", async () => {
  const slow = { initialDelayMs: 2, firstIntervalMs: 40, maxIntervalMs: 40 };
  const alone = new InMemoryProject();
  const seenAlone: number[] = [];
  alone.add("slow", settlingAt(150));
  await clock.resolved(recordedWait(newWatcher(alone), "slow", seenAlone, slow));

  const shared = new InMemoryProject();
  const sharedWatcher = newWatcher(shared);
  const seenShared: number[] = [];
  shared.add("slow", settlingAt(150));
  shared.add("fast", settlingAt(150));
  await clock.resolved(
    Promise.all([recordedWait(sharedWatcher, "slow", seenShared, slow), recordedWait(sharedWatcher, "fast", [])]),
  );

  expect(seenAlone).toHaveLength(5); // at 2, 42, 82, 122 and 162 ms
  expect(seenShared.length).toBeGreaterThan(2 * seenAlone.length);
  expect(shared.listCalls).toBe(seenShared.length);
});

test("the watcher stops when its last wait leaves: no timer and no further list calls", async () => {
  const project = new InMemoryProject();
  const watcher = newWatcher(project);
  project.add("a", settlingAt(20));
  project.add("b", settlingAt(40));
  const waits = [recordedWait(watcher, "a", []), recordedWait(watcher, "b", [])];
  await clock.advance(10);
  expect(watcher.registeredWaits).toBe(2);
  expect(watcher.isRunning).toBe(true);
  await clock.resolved(Promise.all(waits));

  expect(watcher.registeredWaits).toBe(0);
  expect(watcher.isRunning).toBe(false);
  expect(clock.pendingTimers).toBe(0);
  const callsWhenDone = project.listCalls;
  await clock.advance(30_000);
  expect(project.listCalls).toBe(callsWhenDone);

  // An idle watcher starts again for the next wait.
  project.add("c", settlingAt(10));
  await expect(clock.resolved(recordedWait(watcher, "c", []))).resolves.toMatchObject({ status: "AVAILABLE" });
  expect(project.listCalls).toBeGreaterThan(callsWhenDone);
});

test("a wait registered while a list call is in flight is answered only by a later list call", async () => {
  const project = new InMemoryProject();
  project.listLatencyMs = 15;
  const watcher = newWatcher(project);
  project.add("first", settlingAt(60));
  let created: { addedAt: number; wait: Promise<ListedService>; seen: number[] } | undefined;
  project.onListStart = (call) => {
    if (call !== 1) return;
    // A create returns while the first list call is in flight; its item is not in that call's answer.
    const seen: number[] = [];
    const addedAt = project.add("created", settlingAt(30));
    created = { addedAt, seen, wait: recordedWait(watcher, "created", seen, { ...fast, initialDelayMs: 0 }) };
  };
  await clock.resolved(recordedWait(watcher, "first", []));
  if (!created) throw new Error("the first list call did not start");

  await expect(clock.resolved(created.wait)).resolves.toMatchObject({ status: "AVAILABLE" });
  const { addedAt, seen } = created;
  expect(seen[0]).toBe(2);
  for (const call of seen) expect(project.listStartedAt[call - 1]).toBeGreaterThanOrEqual(addedAt);
});

test("a lookup asked while a list call is in flight waits for the next call", async () => {
  const project = new InMemoryProject();
  project.listLatencyMs = 15;
  const watcher = newWatcher(project);
  project.add("first", settlingAt(0));
  const signal = new AbortController().signal;
  const firstLookup = watcher.snapshot(signal);
  await clock.advance(5);
  expect(project.listCalls).toBe(1);

  const secondLookup = watcher.snapshot(signal);
  expect((await clock.resolved(firstLookup)).map((s) => s.listCall)).toEqual([1]);
  expect((await clock.resolved(secondLookup)).map((s) => s.listCall)).toEqual([2]);
  expect(project.listCalls).toBe(2);
});

test("reads asked while a list call is in flight join it: one call answers them all", async () => {
  const project = new InMemoryProject();
  project.listLatencyMs = 15;
  const watcher = newWatcher(project);
  project.add("first", settlingAt(0));
  const signal = new AbortController().signal;
  const reads = [watcher.snapshot(signal, { joinInFlight: true })];
  for (let i = 0; i < 4; i++) {
    await clock.advance(3);
    reads.push(watcher.snapshot(signal, { joinInFlight: true }));
  }
  const answers = await clock.resolved(Promise.all(reads));
  expect(answers.map((listed) => listed.map((s) => s.listCall))).toEqual([[1], [1], [1], [1], [1]]);
  expect(project.listCalls).toBe(1);

  // With no call in flight, a read starts one of its own.
  await expect(clock.resolved(watcher.snapshot(signal, { joinInFlight: true }))).resolves.toHaveLength(1);
  expect(project.listCalls).toBe(2);
});

test("an id missing from the list is gone: waitUntilGone resolves, waitUntilSettled rejects", async () => {
  const project = new InMemoryProject();
  const watcher = newWatcher(project);
  project.add("deleting", [{ atMs: 0, status: "DELETING" }]);
  project.add("vanishing", [{ atMs: 0, status: "INITIATING" }]);
  const gone = waitUntilGone({
    describe: "endpoint service deleting",
    read: watcher.reader("deleting"),
    classify: classifyEndpointService,
    timeoutMs: 1000,
    schedule: fast,
    clock,
  });
  const settling = waitUntilSettled({
    describe: "endpoint service vanishing",
    read: watcher.reader("vanishing"),
    classify: classifyEndpointService,
    timeoutMs: 1000,
    schedule: fast,
    clock,
  });
  await clock.advance(20);
  project.remove("deleting");
  project.remove("vanishing");

  const [goneOutcome, settlingOutcome] = await clock.resolved(Promise.allSettled([gone, settling]));
  expect(goneOutcome).toEqual({ status: "fulfilled", value: undefined });
  expect(settlingOutcome.status === "rejected" && settlingOutcome.reason).toBeInstanceOf(ResourceGoneError);
});

test("a failed list call ends every wait it was answering with that error", async () => {
  const project = new InMemoryProject();
  const watcher = newWatcher(project);
  const forbidden = new Error("GET /api/atlas/v2/groups/…/privateEndpoint/AWS/endpointService: 403 FORBIDDEN");
  project.failOnCall = { call: 3, error: forbidden };
  const waits = range(1, 5).map((n) => {
    project.add(`s${n}`, [{ atMs: 0, status: "INITIATING" }]);
    return recordedWait(watcher, `s${n}`, []);
  });
  const outcomes = await clock.resolved(Promise.allSettled(waits));

  expect(outcomes.map((o) => (o.status === "rejected" ? o.reason : o.value))).toEqual(range(1, 5).map(() => forbidden));
  expect(project.listCalls).toBe(3);
  expect(watcher.isRunning).toBe(false);
  expect(clock.pendingTimers).toBe(0);
});

test("an aborted wait leaves while the others go on; the last one to leave abandons the list call", async () => {
  const project = new InMemoryProject();
  const watcher = newWatcher(project);
  project.add("kept", settlingAt(60));
  project.add("cancelled", [{ atMs: 0, status: "INITIATING" }]);
  const controller = new AbortController();
  const cancelled = waitUntilSettled({
    describe: "endpoint service cancelled",
    read: watcher.reader("cancelled"),
    classify: classifyEndpointService,
    timeoutMs: 2000,
    schedule: fast,
    signal: controller.signal,
    clock,
  });
  const kept = recordedWait(watcher, "kept", []);
  await clock.advance(20);
  controller.abort(new Error("user pressed ctrl-c"));
  await expect(clock.rejected(cancelled)).resolves.toBeInstanceOf(WaitAbortedError);
  expect(watcher.registeredWaits).toBe(1);
  await expect(clock.resolved(kept)).resolves.toMatchObject({ status: "AVAILABLE" });

  // Now a single wait whose list call is in flight when it is aborted, 5 ms into a 200 ms list call.
  project.listLatencyMs = 200;
  const last = new AbortController();
  project.onListStart = () => void clock.sleep(5).then(() => last.abort());
  const callsBefore = project.listCalls;
  const abandoned = waitUntilSettled({
    describe: "endpoint service cancelled",
    read: watcher.reader("cancelled"),
    classify: classifyEndpointService,
    timeoutMs: 2000,
    schedule: fast,
    signal: last.signal,
    clock,
  });
  const startedAt = clock.now();
  await expect(clock.rejected(abandoned)).resolves.toBeInstanceOf(WaitAbortedError);
  // At once: 2 ms to the tick, then 5 ms into the list call; not after the list call or the 2 s timeout.
  expect(clock.now() - startedAt).toBe(7);
  expect(project.listCalls).toBe(callsBefore + 1);
  expect(project.listSignals.at(-1)?.aborted).toBe(true);
  expect(watcher.isRunning).toBe(false);
  expect(clock.pendingTimers).toBe(0);
});

test("a registry hands out one watcher per key", () => {
  const project = new InMemoryProject();
  const registry = new ListWatcherRegistry<ListedService>();
  const options = () => ({
    describe: "AWS endpoint services of project 1",
    list: project.list,
    idOf: (s: ListedService) => s.id,
  });
  const first = registry.watcher("client-1/endpointService/project-1/AWS", options);
  expect(registry.watcher("client-1/endpointService/project-1/AWS", options)).toBe(first);
  expect(registry.watcher("client-1/endpointService/project-1/AZURE", options)).not.toBe(first);
  expect(registry.size).toBe(2);
});
