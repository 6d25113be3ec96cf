/** The processes of an engine run (Linux /proc), so a test can kill the CLI and everything it started; and a poll helper. */
import * as fs from "node:fs";
import * as path from "node:path";

interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
}

function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses: the fields after the last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const argv = fs.readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").filter(Boolean);
      out.push({ pid: Number(name), ppid, argv });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** `pid` and every process below it. */
export function processTree(pid: number): ProcessInfo[] {
  const all = listProcesses();
  const tree: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    const info = all.find((p) => p.pid === current);
    if (info) tree.push(info);
    for (const child of all.filter((p) => p.ppid === current)) queue.push(child.pid);
  }
  return tree;
}

/** The `pulumi <command>` processes this process started (the Automation API spawns the CLI directly). */
export function cliProcesses(binDir: string, command: string): ProcessInfo[] {
  const pulumi = path.join(binDir, "pulumi");
  return listProcesses().filter((p) => p.ppid === process.pid && p.argv[0] === pulumi && p.argv[1] === command);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 25 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
