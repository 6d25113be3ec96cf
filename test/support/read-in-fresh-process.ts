/**
 * Plays a `pulumi refresh` in a process of its own, as the dynamic-provider host runs one: configure, then one
 * Read per resource, all at once. Run with ts-node; the job comes as JSON in argv[2]:
 *   { config: { "mongodbatlas:baseUrl": …, … }, reads: [{ kind, id, props }] }
 * Prints one JSON line: each read's id (null when it reports the resource gone), and whether zod was loaded
 * by the reads, then after a check (which needs it), from the process's own module cache.
 */
import type { ResourceKind } from "../../provider/resources/shared/provider-contract";

interface Job {
  config: Record<string, string>;
  reads: Array<{ kind: ResourceKind; id: string; props: Record<string, unknown> }>;
}

const zodLoaded = () => Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]zod[\\/]/.test(file));

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? "{}") as Job;
  const runtime = require("../../provider/runtime") as typeof import("../../provider/runtime");
  runtime.configure({ config: new Map(Object.entries(job.config)) } as never);
  const reads = await Promise.all(
    job.reads.map(({ kind, id, props }) => runtime.resourceProvider(kind).read(id, props)),
  );
  const zodAfterReads = zodLoaded();
  const first = job.reads[0];
  if (first) await runtime.resourceProvider(first.kind).check({}, first.props);
  console.log(JSON.stringify({ ids: reads.map((read) => read.id ?? null), zodAfterReads, zodAfterCheck: zodLoaded() }));
  const { closeRuns } =
    require("../../provider/resources/shared/context") as typeof import("../../provider/resources/shared/context");
  await closeRuns();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
