// An `up` killed mid-flight (SIGKILL to the pulumi CLI alone, as when a CI runner kills the job's main
// process) while the private endpoint registrations wait for Atlas, and the documented recovery
// (examples/README.md): `pulumi cancel`, `pulumi refresh --clear-pending-creates`, then `pulumi up` with
// adoptExisting. The orphaned provider process must notice its engine is gone and stop calling Atlas within 5 s
// (issue 11), and the recovery must end with one Atlas object per declared resource, nothing orphaned and
// nothing ever created twice.
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  atlasResources,
  compareStateWithAtlas,
  countsByType,
  describeWithEngine,
  errorText,
  exampleProjectName,
  exampleStack,
  liveResources,
  openStackFixture,
  type StackFixture,
} from "../support/pulumi";
import { cliProcesses, isAlive, processTree, waitFor } from "./support/processes";

const TEST_TIMEOUT_MS = 240_000;

describeWithEngine("an interrupted up", (cli) => {
  let fixture: StackFixture | undefined;
  /** What the killed engine had started: killed in the end whatever happened, never left running. */
  let started: ReturnType<typeof processTree> = [];
  afterAll(async () => {
    for (const orphan of started) if (isAlive(orphan.pid)) process.kill(orphan.pid, "SIGKILL");
    await fixture?.close();
  });

  test(
    "killing the engine while registrations wait stops its provider process within 5 s; then cancel, refresh --clear-pending-creates and up with adoptExisting leave exactly one Atlas resource per declared resource",
    async () => {
      // Slower simulated Atlas (an endpoint service takes 3.6 s to leave INITIATING, an AWS registration 2.6 s to
      // reach AVAILABLE) so the kill lands in the registrations' waits.
      fixture = await openStackFixture(cli, {
        label: "interrupted",
        program: atlasNetworkStack,
        simulator: { timeScale: 0.02 },
      });
      const { simulator, stack, projectId } = fixture;

      const interrupted = stack.up().then(
        () => "the up finished before it could be killed",
        (error: unknown) => errorText(error),
      );
      // The three registrations POSTed to Atlas and at least one still on its way to AVAILABLE: their creates
      // are waiting (the services before them have settled).
      const registrations = () =>
        liveResources(simulator, projectId).filter((view) => view.kind === "private-endpoint-registration");
      const atKill = await waitFor(
        "three registrations in Atlas, one of them still settling",
        () => {
          const now = registrations();
          return now.length === 3 && now.some((view) => view.status !== "AVAILABLE") && now;
        },
        90_000,
      );
      console.info(`killed with registrations ${atKill.map((view) => `${view.provider} ${view.status}`).join(", ")}`);
      const [engine] = cliProcesses(cli.binDir, "up");
      expect(engine).toBeDefined();
      const tree = processTree(engine!.pid);
      started = tree;
      // The engine, the dynamic-provider shim and its node process at least.
      expect(tree.length).toBeGreaterThanOrEqual(3);
      const providers = tree.filter((p) => p.argv.some((arg) => /cmd[\\/]dynamic-provider/.test(arg)));
      expect(providers.length).toBeGreaterThanOrEqual(1);
      // Only the engine: what it started is left orphaned, as after a kill -9 of `pulumi up`.
      process.kill(engine!.pid, "SIGKILL");
      const killedAt = Date.now();
      expect(await interrupted).toMatch(/SIGKILL|killed/i);

      // The orphaned provider notices (its engine's address stops answering) and exits.
      await waitFor("the orphaned provider process to exit", () => providers.every((p) => !isAlive(p.pid)), 5_000);
      const providerGoneAfterMs = Date.now() - killedAt;
      console.info(`the orphaned provider process exited ${providerGoneAfterMs} ms after the engine was killed`);
      // Give a provider that did not stop its calls the time to make more, then look at what Atlas saw.
      await new Promise((resolve) => setTimeout(resolve, 6_000 - Math.min(providerGoneAfterMs, 5_000)));
      const lateRequests = simulator.control.getRequestLog().filter((entry) => entry.timestamp > killedAt + 5_000);
      expect(lateRequests).toEqual([]);
      // Whatever else the engine started goes as the CI runner would take it.
      for (const orphan of tree) if (isAlive(orphan.pid)) process.kill(orphan.pid, "SIGKILL");
      await waitFor("the killed processes to be gone", () => tree.every((p) => !isAlive(p.pid)), 10_000);

      // The state knows the creates only as pending operations; Atlas has the resources, registrations included.
      const killedState = await stack.exportState();
      const pending = (killedState.deployment.pending_operations ?? []).filter((op) => op.type === "creating");
      expect(pending.some((op) => op.resource.type.endsWith(":PrivateEndpointRegistration"))).toBe(true);
      const orphans = compareStateWithAtlas(killedState, simulator, projectId).orphansInAtlas;
      expect(orphans.some((view) => view.kind === "private-endpoint-registration")).toBe(true);

      // 1. The killed run still holds the stack's lock.
      const locked = await stack.refresh().then(
        () => "refreshed",
        (error: unknown) => errorText(error),
      );
      expect(locked).toContain("the stack is currently locked");
      await stack.stack.cancel();

      // 2. Drop the pending creates (importing them does not work for dynamic resources, pulumi/pulumi#16175).
      await stack.refresh({ clearPendingCreates: true });
      expect((await stack.exportState()).deployment.pending_operations ?? []).toEqual([]);

      // 3. Without adoptExisting, up finds what the killed run made and refuses to guess.
      const refused = await stack.up().then(
        () => "succeeded",
        (error: unknown) => errorText(error),
      );
      expect(refused).toContain("adoptExisting");

      // 4. With it, up adopts those resources and creates the rest.
      await stack.setConfig({ [`${exampleProjectName}:adoptExisting`]: { value: "true" } });
      const recovered = await stack.up();
      expect(recovered.summary.result).toBe("succeeded");

      const state = await stack.exportState();
      expect(countsByType(state)).toEqual(exampleStack.counts);
      expect(atlasResources(state)).toHaveLength(exampleStack.inState);
      expect(compareStateWithAtlas(state, simulator, projectId)).toEqual({ missingInAtlas: [], orphansInAtlas: [] });
      expect(liveResources(simulator, projectId)).toHaveLength(exampleStack.inAtlas);
      // Nothing was ever created twice: Atlas saw one object per declared one over the whole run (the killed
      // run's registrations adopted, not registered again: no duplicate 409 either).
      expect(simulator.control.getResources({ groupId: projectId })).toHaveLength(exampleStack.inAtlas);
      expect(
        registrations()
          .map((view) => view.id)
          .sort(),
      ).toEqual(atKill.map((view) => view.id).sort());
      for (const view of registrations()) expect(view.status).toBe("AVAILABLE");
      expect(
        simulator.control
          .getRequestLog()
          .filter((entry) => entry.operationId === "createGroupPrivateEndpointEndpointServiceEndpoint")
          .map((entry) => entry.status),
      ).toEqual([200, 200, 200]);
    },
    TEST_TIMEOUT_MS,
  );
});
