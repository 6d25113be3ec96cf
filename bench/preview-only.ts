/**
 * Part 3 of `npm run bench` alone (the real engine's `pulumi preview` and `pulumi refresh` of the unchanged
 * stack), for working on refresh: prints the refresh figures and, per measured refresh, its Atlas calls by
 * operation and when they reached the simulator. Build dist/ first (`npm run build`): the engine loads the
 * compiled library.
 *
 *   npx ts-node --transpile-only bench/preview-only.ts [size=50] [repeats=3]
 *
 * PREVIEW_ONLY_TIMELINE=1 prints every call of each refresh: when it arrived, how long the simulator took, status.
 */
import type { RequestLogEntry } from "../simulator";
import type { Distribution } from "./figures";
import { measurePreview } from "./preview";

function seconds(d: Distribution): string {
  return `median ${d.p50?.toFixed(2)} s (max ${d.max?.toFixed(2)} s, ${d.count} runs)`;
}

/** "GET listPrivateEndpointServices ×3, …" and the calls' spread: first, last, and how many in each 0.5 s. */
function describeRefresh(startedAt: number, calls: readonly RequestLogEntry[]): string {
  const byOperation = new Map<string, number>();
  for (const call of calls) {
    const name = `${call.method} ${call.operationId ?? call.path}${call.status === 401 ? " (401)" : ""}`;
    byOperation.set(name, (byOperation.get(name) ?? 0) + 1);
  }
  const at = (call: RequestLogEntry | undefined) =>
    call === undefined ? "-" : `${((call.timestamp - startedAt) / 1000).toFixed(2)} s`;
  const buckets = new Map<number, number>();
  for (const call of calls) {
    const bucket = Math.floor((call.timestamp - startedAt) / 500);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const spread = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, n]) => `${(bucket / 2).toFixed(1)}s:${n}`)
    .join(" ");
  const operations = [...byOperation.entries()].map(([name, n]) => `${name} ×${n}`).join(", ");
  const timeline = process.env.PREVIEW_ONLY_TIMELINE
    ? `\n${calls.map((call) => `    ${at(call)} +${call.durationMs} ms ${call.method} ${call.operationId} ${call.status}`).join("\n")}`
    : "";
  return `  ${calls.length} calls, first at ${at(calls[0])}, last at ${at(calls.at(-1))}\n  ${operations}\n  per 0.5 s: ${spread}${timeline}`;
}

async function main(): Promise<number> {
  const size = Number(process.argv[2] ?? 50);
  const repeats = Number(process.argv[3] ?? 3);
  const started = Date.now();
  const refreshes: string[] = [];
  const outcome = await measurePreview(
    size,
    repeats,
    (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`),
    (startedAt, calls) => refreshes.push(describeRefresh(startedAt, calls)),
  );
  if (outcome.status !== "measured") {
    console.log(JSON.stringify(outcome, null, 2));
    return 1;
  }
  refreshes.forEach((text, i) => console.log(`refresh ${i + 1}:\n${text}`));
  console.log(`resources: ${outcome.resources}, repeats: ${outcome.repeats}`);
  console.log(`refresh, this provider:   ${seconds(outcome.refreshSeconds)}`);
  console.log(`refresh, do-nothing:      ${seconds(outcome.noopRefreshSeconds)}`);
  console.log(`refresh ratio to noop:    ×${outcome.refreshRatioToNoop.toFixed(2)} (target ≤ 1.3)`);
  console.log(`first Atlas call:         ${seconds(outcome.firstCallSeconds)} after the refresh's start`);
  console.log(`Atlas calls per refresh:  ${outcome.apiCallsPerRefresh.toFixed(1)}`);
  console.log(`preview ratio to noop:    ×${outcome.ratioToNoop.toFixed(2)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
