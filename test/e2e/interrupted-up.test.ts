// An `up` killed mid-flight (SIGKILL to the pulumi CLI and everything it started, as when a CI runner
// dies) and the documented recovery (examples/README.md): `pulumi cancel`, `pulumi refresh
// --clear-pending-creates`, then `pulumi up` with adoptExisting. It must end with one Atlas resource per
// declared resource and nothing orphaned.
import { atlasNetworkStack } from "../../examples/network-stack";
import {
  atlasResources,
  compareStateWithAtlas,
  describeWithEngine,
  errorText,
  exampleProjectName,
  liveResources,
  openStackFixture,
  type StackFixture,
} from "../support/pulumi";
import { cliProcesses, isAlive, processTree, waitFor } from "./support/processes";

const TEST_TIMEOUT_MS = 240_000;

describeWithEngine("an interrupted up", (cli) => {
  let fixture: StackFixture | undefined;
  afterAll(async () => {
    await fixture?.close();
  });

  test(
    "killing the engine during a wait, then cancel, refresh --clear-pending-creates and up with adoptExisting leaves exactly one Atlas resource per declared resource",
    async () => {
      // Slower simulated Atlas (an endpoint service takes 3.6 s to leave INITIATING) so the kill lands in a wait.
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
      // All three endpoint services created in Atlas and INITIATING: their creates are waiting.
      await waitFor(
        "three INITIATING endpoint services",
        () =>
          liveResources(simulator, projectId).filter(
            (view) => view.kind === "private-endpoint-service" && view.status === "INITIATING",
          ).length === 3,
        60_000,
      );
      const [engine] = cliProcesses(cli.binDir, "up");
      expect(engine).toBeDefined();
      const tree = processTree(engine!.pid);
      // The engine, the dynamic-provider shim and its node process at least.
      expect(tree.length).toBeGreaterThanOrEqual(3);
      for (const process of tree) globalThis.process.kill(process.pid, "SIGKILL");
      expect(await interrupted).toMatch(/SIGKILL|killed/i);
      await waitFor("the killed processes to be gone", () => tree.every((process) => !isAlive(process.pid)), 10_000);

      // The state knows the creates only as pending operations; Atlas has the resources.
      const killedState = await stack.exportState();
      const pending = killedState.deployment.pending_operations ?? [];
      expect(pending.filter((operation) => operation.type === "creating").length).toBeGreaterThanOrEqual(3);
      expect(compareStateWithAtlas(killedState, simulator, projectId).orphansInAtlas.length).toBeGreaterThanOrEqual(3);

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
      expect(atlasResources(state)).toHaveLength(9);
      expect(compareStateWithAtlas(state, simulator, projectId)).toEqual({ missingInAtlas: [], orphansInAtlas: [] });
      expect(liveResources(simulator, projectId)).toHaveLength(9);
      // Nothing was ever created twice: Atlas saw one resource per declared one over the whole run.
      expect(simulator.control.getResources({ groupId: projectId })).toHaveLength(9);
    },
    TEST_TIMEOUT_MS,
  );
});
