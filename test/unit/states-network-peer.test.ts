import type {
  AwsNetworkPeeringConnectionSettingsResponse,
  AzureNetworkPeeringConnectionSettingsResponse,
  BaseNetworkPeeringConnectionSettingsResponse,
  GCPNetworkPeeringConnectionSettingsResponse,
} from "../../provider/client/wire";
import {
  awsPeerWaitTargets,
  azurePeerWaitTargets,
  classifyAwsPeer,
  classifyAzurePeer,
  classifyGcpPeer,
  classifyNetworkPeer,
  gcpPeerWaitTargets,
  type AwsPeerStatus,
  type AzurePeerStatus,
  type GcpPeerStatus,
} from "../../provider/resources/network-peer/states";

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

test("each provider's status list is exactly the spec's enum for that provider", () => {
  const aws: Equal<AwsPeerStatus, NonNullable<AwsNetworkPeeringConnectionSettingsResponse["statusName"]>> = true;
  const azure: Equal<AzurePeerStatus, NonNullable<AzureNetworkPeeringConnectionSettingsResponse["status"]>> = true;
  const gcp: Equal<GcpPeerStatus, NonNullable<GCPNetworkPeeringConnectionSettingsResponse["status"]>> = true;
  expect([aws, azure, gcp]).toEqual([true, true, true]);
});

test.each([
  ["INITIATING", "transitional"],
  ["FINALIZING", "transitional"],
  ["TERMINATING", "transitional"],
  ["PENDING_ACCEPTANCE", "settled"],
  ["AVAILABLE", "settled"],
  ["FAILED", "failed"],
] as const)("AWS: a create wait reads statusName %s as %s", (statusName, phase) => {
  expect(classifyAwsPeer({ statusName }).phase).toBe(phase);
});

test.each([
  ["ADDING_PEER", "transitional"],
  ["DELETING", "transitional"],
  ["AVAILABLE", "settled"],
  ["FAILED", "failed"],
  ["DELETION_FAILED", "failed"],
] as const)("Azure: a create wait reads status %s as %s", (status, phase) => {
  expect(classifyAzurePeer({ status }).phase).toBe(phase);
});

test.each([
  ["ADDING_PEER", "transitional"],
  ["DELETING", "transitional"],
  ["WAITING_FOR_USER", "settled"],
  ["AVAILABLE", "settled"],
  ["FAILED", "failed"],
] as const)("GCP: a create wait reads status %s as %s", (status, phase) => {
  expect(classifyGcpPeer({ status }).phase).toBe(phase);
});

test("an AWS create settles at PENDING_ACCEPTANCE unless the user asks to wait for AVAILABLE", () => {
  expect(awsPeerWaitTargets.settled).toEqual(["PENDING_ACCEPTANCE", "AVAILABLE"]);
  expect(classifyAwsPeer({ statusName: "PENDING_ACCEPTANCE" }, { waitFor: "available" }).phase).toBe("transitional");
  expect(classifyAwsPeer({ statusName: "AVAILABLE" }, { waitFor: "available" }).phase).toBe("settled");
  expect(classifyGcpPeer({ status: "WAITING_FOR_USER" }, { waitFor: "available" }).phase).toBe("transitional");
  expect(azurePeerWaitTargets).toEqual({ settled: ["AVAILABLE"], available: ["AVAILABLE"] });
  expect(gcpPeerWaitTargets.available).toEqual(["AVAILABLE"]);
});

test("each provider's failure text comes from its own field", () => {
  const aws: AwsNetworkPeeringConnectionSettingsResponse = {
    providerName: "AWS",
    containerId: "5f7cac1adf5d6c6306f4b283",
    accepterRegionName: "us-east-1",
    awsAccountId: "123456789012",
    routeTableCidrBlock: "192.168.0.0/24",
    vpcId: "vpc-0123456789abcdef0",
    statusName: "FAILED",
    errorStateName: "REJECTED",
  };
  const azure: AzureNetworkPeeringConnectionSettingsResponse = {
    providerName: "AZURE",
    containerId: "5f7cac1adf5d6c6306f4b283",
    azureDirectoryId: "35d49b2f-0b7b-4b4f-9b63-2b8c0b1f4a11",
    azureSubscriptionId: "6c0b2cf1-1f3d-4a8e-9d0b-0e7c4f1b2a33",
    resourceGroupName: "my-rg",
    vnetName: "my-vnet",
    status: "FAILED",
    errorState: "The VNet was not found",
  };
  const gcp: GCPNetworkPeeringConnectionSettingsResponse = {
    providerName: "GCP",
    containerId: "5f7cac1adf5d6c6306f4b283",
    gcpProjectId: "my-gcp-project",
    networkName: "default",
    status: "FAILED",
    errorMessage: "The network default does not exist",
  };
  const peers: BaseNetworkPeeringConnectionSettingsResponse[] = [aws, azure, gcp];
  expect(peers.map((peer) => classifyNetworkPeer(peer).errorMessage)).toEqual([
    "REJECTED (the peering request was rejected in AWS)",
    "The VNet was not found",
    "The network default does not exist",
  ]);
  expect(classifyAwsPeer({ statusName: "FAILED", errorStateName: "QUOTA_EXCEEDED" }).errorMessage).toBe(
    "QUOTA_EXCEEDED",
  );
});

test("classifyNetworkPeer reads statusName for AWS and status for Azure and GCP", () => {
  const awsWithStatus = { providerName: "AWS" as const, statusName: "PENDING_ACCEPTANCE", status: "AVAILABLE" };
  expect(classifyNetworkPeer(awsWithStatus)).toEqual({ state: "PENDING_ACCEPTANCE", phase: "settled" });
  expect(classifyNetworkPeer({ providerName: "AZURE", status: "ADDING_PEER" }).state).toBe("ADDING_PEER");
  expect(classifyNetworkPeer({ providerName: "GCP", status: "WAITING_FOR_USER" }).phase).toBe("settled");
});

test("a state Atlas added later is transitional and flagged, for every provider", () => {
  expect(classifyAwsPeer({ statusName: "PENDING_REVIEW" })).toEqual({
    state: "PENDING_REVIEW",
    phase: "transitional",
    unknownState: true,
  });
  expect(classifyAzurePeer({ status: "UPDATING" }).unknownState).toBe(true);
  expect(classifyGcpPeer({ status: "UPDATING" }).unknownState).toBe(true);
  expect(classifyAwsPeer({}).unknownState).toBe(true);
});
