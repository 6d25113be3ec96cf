// What a default `pulumi up` of the examples stack prints (issue 12, part 2): the real CLI's stdout,
// non-interactive (the Automation API runs `pulumi up --yes --skip-preview --non-interactive`), and the engine
// events of the same run (the event log the Automation API reads for onEvent). Pinned: the Diagnostics section
// holds only what needs the user's action (accept the AWS peering, with its connection id; create the reciprocal
// GCP peering) and warnings (the serverless sunset), each once and under its resource; no progress noise
// anywhere ("NOT_PROVISIONED after 0.0 s", "[atlas-network] …" lines on the stack); the waits' statuses reached
// the resources' rows as ephemeral diagnostics, and the display shows them on those rows.
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { atlasNetworkStack } from "../../examples/network-stack";
import { describeWithEngine, exampleStack, openStackFixture, type StackFixture } from "../support/pulumi";

const TEST_TIMEOUT_MS = 180_000;
const typePrefix = "pulumi-nodejs:dynamic/mongodbatlas-network:";

interface DiagnosticEvent {
  urn?: string;
  message: string;
  severity: string;
  ephemeral?: boolean;
}

/** The Diagnostics section of an `up`'s output: each resource header (`<type> (<name>)`) with its message lines. */
function diagnosticsSection(output: string): Map<string, string[]> {
  const start = output.indexOf("\nDiagnostics:\n");
  if (start < 0) return new Map();
  const end = output.indexOf("\nOutputs:\n", start);
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.slice(start + "\nDiagnostics:\n".length, end < 0 ? undefined : end).split("\n")) {
    const header = /^ {2}(\S.*) \((.+)\):$/.exec(line);
    if (header) {
      current = [];
      blocks.set(`${header[1]!.replace(typePrefix, "")} (${header[2]})`, current);
    } else if (line.trim() !== "" && current) current.push(line.trim());
  }
  return blocks;
}

describeWithEngine("what a default pulumi up of the examples stack prints", (cli) => {
  let fixture: StackFixture | undefined;
  afterAll(async () => {
    await fixture?.close();
  });

  test(
    "the Diagnostics section holds the two next steps and the sunset warning, once each under its resource; the waits' statuses are on the resources' rows",
    async () => {
      // The defaults of the CLI and of the package: no log level set, no --debug.
      fixture = await openStackFixture(cli, { label: "default-up", program: atlasNetworkStack });
      const { stack } = fixture;
      const events: EngineEvent[] = [];
      const up = await stack.up({ onEvent: (event) => events.push(event) });
      expect(up.summary.resourceChanges).toEqual({ create: exampleStack.engine });
      const output = up.stdout;
      const pcx = up.outputs.awsPeeringConnectionId?.value as string;
      expect(pcx).toMatch(/^pcx-[0-9a-f]+$/);

      // Exactly three diagnostics, each under its resource, none on the stack.
      const section = diagnosticsSection(output);
      expect([...section.keys()].sort()).toEqual([
        "NetworkPeer (aws-vpc)",
        "NetworkPeer (gcp-vpc)",
        "ServerlessPrivateEndpoint (serverless)",
      ]);
      const only = (key: string) => {
        const lines = section.get(key) ?? [];
        expect(lines).toHaveLength(1);
        return lines[0] as string;
      };
      expect(only("NetworkPeer (aws-vpc)")).toMatch(
        new RegExp(`is PENDING_ACCEPTANCE: accept VPC peering connection ${pcx} in AWS account 123456789012`),
      );
      expect(only("NetworkPeer (gcp-vpc)")).toMatch(
        /is WAITING_FOR_USER: create the reciprocal peering from network shared-vpc of GCP project acme-network-prod/,
      );
      expect(only("ServerlessPrivateEndpoint (serverless)")).toMatch(
        /^warning: .*MongoDB Atlas sunset serverless instances on 2026-01-22/,
      );

      // No progress noise anywhere in the output (the statuses of the old stack-level lines).
      expect(output).not.toMatch(/after \d+\.\d s/);
      expect(output).not.toContain("NOT_PROVISIONED");
      expect(output).not.toContain("[atlas-network]");
      // The statuses on the rows of the resources that waited: services, registrations, peers, serverless.
      for (const type of ["PrivateEndpointService", "PrivateEndpointRegistration", "NetworkPeer"]) {
        expect(output).toMatch(
          new RegExp(`${typePrefix}${type} \\S+ creating \\(\\d+s\\) waiting to settle: \\w+ for \\d+`),
        );
      }

      // The engine events: each status an ephemeral info diagnostic with its resource's URN (never the stack's
      // row in an up: the first request of the provider process is a check, which does not wait).
      const diagnostics = events.flatMap((event) =>
        event.diagnosticEvent ? [event.diagnosticEvent as unknown as DiagnosticEvent] : [],
      );
      const statuses = diagnostics.filter((d) => d.ephemeral);
      expect(statuses.length).toBeGreaterThan(0);
      for (const status of statuses) {
        expect(status).toMatchObject({ severity: "info", urn: expect.stringContaining(typePrefix) });
        // A status, or the empty one that clears the row when the wait is over.
        expect(status.message.trim() === "" || /^waiting to settle: \w+ for \d+/.test(status.message)).toBe(true);
      }
      // Every row that showed a status is cleared at the end of its wait: no stale status stays on it.
      const lastStatusOf = new Map(statuses.map((s) => [s.urn, s.message.trim()] as const));
      expect([...lastStatusOf.values()].filter((message) => message !== "")).toEqual([]);
      const rowsWithStatus = new Set(statuses.map((s) => (s.urn as string).split("::")[2]?.replace(typePrefix, "")));
      expect(rowsWithStatus).toContain("PrivateEndpointService");
      expect(rowsWithStatus).toContain("PrivateEndpointRegistration");
      // What is not ephemeral and not debug: the three diagnostics above, attached to their resources.
      const shown = diagnostics.filter((d) => !d.ephemeral && d.severity !== "debug");
      expect(shown.map((d) => `${d.severity} ${(d.urn ?? "").split("::").pop()}`).sort()).toEqual([
        "info aws-vpc",
        "info gcp-vpc",
        "warning serverless",
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});
