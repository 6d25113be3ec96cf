import * as pulumi from "@pulumi/pulumi";
import { AtlasDynamicProvider } from "../../provider/resources/shared/dynamic-provider";
import type { ResourceKind } from "../../provider/resources/shared/provider-contract";

// What Pulumi stores in state as `__provider` for each resource: it must be small, identical from run to run
// (no `~__provider` diff on every `pulumi up`, pulumi/pulumi#12401), and capture nothing but the resource kind.
const kinds: ResourceKind[] = [
  "privateEndpointService",
  "privateEndpointRegistration",
  "privateEndpointRegionalMode",
  "serverlessPrivateEndpoint",
  "networkPeer",
  "networkContainer",
];

async function serialize(kind: ResourceKind): Promise<string> {
  const provider = new AtlasDynamicProvider(kind);
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return text;
}

describe.each(kinds)("the serialized %s provider", (kind) => {
  let text: string;
  beforeAll(async () => {
    process.env.MONGODB_ATLAS_PRIVATE_KEY = "a-private-key-that-must-not-be-captured";
    process.env.MONGODB_ATLAS_CLIENT_SECRET = "a-client-secret-that-must-not-be-captured";
    text = await serialize(kind);
  });

  test("is identical when serialized twice from two provider objects", async () => {
    expect(await serialize(kind)).toBe(text);
  });

  test("captures the kind and loads the implementation by package name at run time", () => {
    expect(text).toContain(`"${kind}"`);
    expect(text).toContain('require("pulumi-mongodbatlas-network/runtime")');
  });

  test("captures no client, agent, module or credential", () => {
    for (const forbidden of [
      "undici",
      "Agent",
      "Dispatcher",
      "createAtlasClient",
      "zod",
      "a-private-key-that-must-not-be-captured",
      "a-client-secret-that-must-not-be-captured",
      "MONGODB_ATLAS",
      "process.env",
      "/work/",
    ]) {
      expect(text).not.toContain(forbidden);
    }
    // Only `require` of the package's runtime, nothing inlined by value from local modules.
    expect(text.match(/require\(/g)).toHaveLength(7);
  });

  test("stays small (a few kilobytes)", () => {
    expect(text.length).toBeLessThan(6000);
    console.log(`serialized ${kind} provider: ${text.length} bytes`);
  });
});
