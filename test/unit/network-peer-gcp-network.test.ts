import {
  atlasGcpNetworkOf,
  gcpNetworkReportedMessage,
  gcpUserActionMessage,
  peerNetworkOf,
  type GcpUserActionInput,
} from "../../provider/resources/network-peer/gcp-network";

const atlas = { gcpProjectId: "p-0123456789abcdef01234567", networkName: "nt-0123456789abcdef01234567-abcd1234" };

describe("atlasGcpNetworkOf", () => {
  test("gives both names when the container shows both", () => {
    const container = { ...atlas, atlasCidrBlock: "10.8.0.0/18" };
    expect(atlasGcpNetworkOf(container)).toEqual(atlas);
  });

  test.each([
    ["both null (Atlas has not built its network)", { gcpProjectId: null, networkName: null }],
    ["both missing", {}],
    ["only the project", { gcpProjectId: atlas.gcpProjectId, networkName: null }],
    ["only the network", { networkName: atlas.networkName }],
    ["empty strings", { gcpProjectId: "", networkName: "" }],
  ])("is undefined with %s", (_case, fields) => {
    expect(atlasGcpNetworkOf(fields)).toBeUndefined();
  });
});

test("peerNetworkOf is the partial URL gcp.compute.NetworkPeering's peerNetwork takes", () => {
  expect(peerNetworkOf(atlas)).toBe(`projects/${atlas.gcpProjectId}/global/networks/${atlas.networkName}`);
});

describe("gcpUserActionMessage", () => {
  const base: GcpUserActionInput = {
    describe: "network peer 5f7cac1adf5d6c6306f4b285 (GCP, project …)",
    containerId: "5f7cac1adf5d6c6306f4b284",
    gcpProjectId: "my-gcp-project",
    networkName: "default",
    atlas: undefined,
    then: " The deployment does not wait for that.",
  };

  test("with Atlas's names: what to create, from which network to which, and with which outputs", () => {
    const message = gcpUserActionMessage({ ...base, atlas });
    expect(message).toBe(
      `${base.describe} is WAITING_FOR_USER: create the reciprocal peering from network default of GCP project ` +
        `my-gcp-project to network ${atlas.networkName} of GCP project ${atlas.gcpProjectId} (for example ` +
        `gcp.compute.NetworkPeering with peerNetwork = "${peerNetworkOf(atlas)}", from this resource's ` +
        `atlasGcpProjectId and atlasNetworkName outputs). The deployment does not wait for that.`,
    );
  });

  test("without them: not an error, why they are missing, which container shows them, and how to read them later", () => {
    const message = gcpUserActionMessage(base);
    expect(message.startsWith(`${base.describe} is WAITING_FOR_USER: create the reciprocal peering from network`)).toBe(
      true,
    );
    expect(message).toContain("which Atlas has not reported yet");
    expect(message).toContain("container 5f7cac1adf5d6c6306f4b284 shows its GCP project and network");
    expect(message).toContain("only once a cluster is deployed");
    expect(message).toContain("atlasGcpProjectId and atlasNetworkName outputs are not set yet");
    expect(message).toContain("This is not an error");
    expect(message).toContain("`pulumi up --refresh` (or `pulumi refresh`, then `pulumi up`)");
    expect(message.endsWith(" The deployment does not wait for that.")).toBe(true);
    expect(message).not.toContain("undefined");
  });
});

test("gcpNetworkReportedMessage names the network and the next step", () => {
  expect(gcpNetworkReportedMessage("network peer 5f… (GCP)", atlas)).toBe(
    `network peer 5f… (GCP): Atlas now reports its GCP network ${peerNetworkOf(atlas)} (atlasGcpProjectId ` +
      `${atlas.gcpProjectId}, atlasNetworkName ${atlas.networkName}); run \`pulumi up\` to create the reciprocal ` +
      `peering from these outputs.`,
  );
});
