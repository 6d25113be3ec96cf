/**
 * What the reference page docs/resources/network-peer.md says about NetworkPeer beyond its schema and states:
 * a valid sample per provider, the probes that show rules written as code, and notes (scripts/generate-docs.ts).
 */
import {
  awsPeerPhases,
  awsPeerWaitTargets,
  azurePeerPhases,
  azurePeerWaitTargets,
  gcpPeerPhases,
  gcpPeerWaitTargets,
} from "./states";
import { networkPeerInputsSchema } from "./schema";
import { projectId, containerId, settledSituation, type ResourceReference } from "../shared/reference";

export const networkPeerReference: ResourceReference = {
  className: "NetworkPeer",
  folder: "network-peer",
  kind: "networkPeer",
  schema: networkPeerInputsSchema,
  samples: {
    AWS: {
      projectId,
      containerId,
      providerName: "AWS",
      accepterRegionName: "us-east-1",
      awsAccountId: "123456789012",
      routeTableCidrBlock: "10.0.0.0/16",
      vpcId: "vpc-0123456789abcdef0",
    },
    AZURE: {
      projectId,
      containerId,
      providerName: "AZURE",
      azureDirectoryId: "35f3fd1e-7a54-4d7b-bd4e-1b4e3b2f0e11",
      azureSubscriptionId: "2c9a5a52-3b61-4a44-8a6b-6f0b7d1d8e22",
      resourceGroupName: "network",
      vnetName: "app",
    },
    GCP: { projectId, containerId, providerName: "GCP", gcpProjectId: "my-gcp-project", networkName: "app-network" },
  },
  situations: settledSituation,
  probes: [{ provider: "AWS", field: "accepterRegionName", value: "mars-north-1" }],
  states: [
    {
      label: "AWS (`statusName`)",
      sourceFile: "provider/resources/network-peer/states.ts",
      variable: "awsPeerPhases",
      phases: awsPeerPhases,
      settled: awsPeerWaitTargets.settled,
      available: awsPeerWaitTargets.available,
    },
    {
      label: "Azure (`status`)",
      sourceFile: "provider/resources/network-peer/states.ts",
      variable: "azurePeerPhases",
      phases: azurePeerPhases,
      settled: azurePeerWaitTargets.settled,
    },
    {
      label: "GCP (`status`)",
      sourceFile: "provider/resources/network-peer/states.ts",
      variable: "gcpPeerPhases",
      phases: gcpPeerPhases,
      settled: gcpPeerWaitTargets.settled,
      available: gcpPeerWaitTargets.available,
    },
  ],
  notes: [
    "A create stops at `PENDING_ACCEPTANCE` (AWS: accept `connectionId` in AWS) or `WAITING_FOR_USER` (GCP: create the " +
      "reciprocal peering to `atlasGcpProjectId` / `atlasNetworkName`) and logs what to do next; `waitForAvailable: true` " +
      "waits through it instead.",
    "GCP: Atlas reports its GCP project and network (the container's `gcpProjectId` / `networkName`) only once it has " +
      "built its network. The specification says that happens once clusters exist in the container; the Terraform " +
      "provider waits at `WAITING_FOR_USER` for the container's `provisioned` flag, whose turning true its code comments " +
      "as Atlas's side of the peering being ready, and its acceptance test reads the names right after a peer is created " +
      "without clusters ([the simulator notes](../simulator.md#gcp-network-names) weigh the sources). So the names usually come with the " +
      "first peer, but a peer may settle without them: `atlasGcpProjectId` and `atlasNetworkName` are then not set, the " +
      "log line says so, and `pulumi refresh` or `pulumi up --refresh` reads them once Atlas reports them. The create " +
      "never fails or waits for them (a cluster that depends on the GCP peering would otherwise wait for ever).",
    "A peer with the same container and network that already exists is adopted with `adoptExisting: true`, otherwise the " +
      "create fails naming it. A replacement whose peer has the same container and network deletes the old one first.",
  ],
};
