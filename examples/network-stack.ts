/**
 * The Atlas side of private networking for one project, on three clouds:
 * - a private endpoint service per cloud (AWS PrivateLink, Azure Private Link, GCP Private Service Connect),
 * - a network container per cloud, with an AWS VPC peer and a GCP VPC peer,
 * - a serverless private endpoint, reserved first and attached once the AWS interface endpoint exists.
 * The outputs are what the cloud-side resources (in @pulumi/aws, @pulumi/azure-native, @pulumi/gcp) take.
 *
 * Everything comes from stack config (see README.md); `atlasNetworkStack` is exported as a function so the
 * same program runs from Pulumi.yaml (index.ts) and inline through the Automation API (tests, `npm run demo`).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  NetworkContainer,
  NetworkPeer,
  PrivateEndpointService,
  ServerlessPrivateEndpoint,
} from "pulumi-mongodbatlas-network";

/** Poll tuning applied to every resource; leave it unset for real Atlas (the defaults suit minutes-long waits). */
export interface StackPollSettings {
  initialDelaySeconds?: number;
  intervalSeconds?: number;
  maxIntervalSeconds?: number;
}

/** How long each resource waits for Atlas ("45m", "1h30m", or seconds); unset = 1 h each. */
export interface StackTimeouts {
  create?: string | number;
  update?: string | number;
  delete?: string | number;
}

/** The stack's outputs: what to wire into the cloud-side resources. */
export interface AtlasNetworkOutputs {
  /** AWS: `serviceName` of your interface VPC endpoint (aws.ec2.VpcEndpoint). */
  awsEndpointServiceName: pulumi.Output<string | undefined>;
  /** Atlas's id of the AWS endpoint service: what the Atlas-side endpoint registration needs. */
  awsEndpointServiceId: pulumi.Output<string>;
  /** Azure: the Private Link Service your private endpoint's connection targets. */
  azurePrivateLinkServiceResourceId: pulumi.Output<string | undefined>;
  azurePrivateLinkServiceName: pulumi.Output<string | undefined>;
  /** GCP: the targets of your forwarding rules (one per attachment). */
  gcpServiceAttachmentNames: pulumi.Output<string[] | undefined>;
  /** AWS: the VPC peering connection (pcx-…) to accept, e.g. with aws.ec2.VpcPeeringConnectionAccepter. */
  awsPeeringConnectionId: pulumi.Output<string | undefined>;
  awsPeerStatus: pulumi.Output<string>;
  /** The Atlas CIDR to route to the AWS peering connection in your VPC's route tables. */
  awsAtlasCidrBlock: pulumi.Output<string>;
  /** GCP: Atlas's project and network, for the reciprocal gcp.compute.NetworkPeering. */
  gcpAtlasProjectId: pulumi.Output<string | undefined>;
  gcpAtlasNetworkName: pulumi.Output<string | undefined>;
  gcpPeerStatus: pulumi.Output<string>;
  /** Serverless: the endpoint service your AWS interface endpoint connects to (absent when no serverless instance is configured). */
  serverlessEndpointServiceName?: pulumi.Output<string | undefined>;
  serverlessEndpointId?: pulumi.Output<string>;
  serverlessEndpointStatus?: pulumi.Output<string>;
}

/**
 * Declares the stack from the config of the current project; returns its outputs. Call it inside a Pulumi
 * program (index.ts exports it, inline Automation API programs call it).
 */
export async function atlasNetworkStack(): Promise<AtlasNetworkOutputs> {
  const config = new pulumi.Config();
  const projectId = config.require("projectId");
  // Resource-wide settings: adoptExisting is the recovery switch after an interrupted `pulumi up` (README).
  const adoptExisting = config.getBoolean("adoptExisting") ?? false;
  const poll = config.getObject<StackPollSettings>("poll");
  const timeouts = config.getObject<StackTimeouts>("timeouts");
  const common = { projectId, adoptExisting, ...(poll ? { poll } : {}), ...(timeouts ? { timeouts } : {}) };

  const awsRegion = config.get("awsRegion") ?? "US_EAST_1";
  const azureRegion = config.get("azureRegion") ?? "US_EAST_2";
  const gcpRegion = config.get("gcpRegion") ?? "CENTRAL_US";

  // Containers first: Atlas would otherwise make one per region with a default CIDR for the first endpoint
  // service, which then blocks a container with your CIDR (one per provider region; GCP: one per project).
  const awsContainer = new NetworkContainer("aws", {
    ...common,
    providerName: "AWS",
    regionName: awsRegion,
    atlasCidrBlock: config.get("awsAtlasCidrBlock") ?? "10.8.0.0/21",
  });
  const azureContainer = new NetworkContainer("azure", {
    ...common,
    providerName: "AZURE",
    region: azureRegion,
    atlasCidrBlock: config.get("azureAtlasCidrBlock") ?? "10.10.0.0/21",
  });
  const gcpContainer = new NetworkContainer("gcp", {
    ...common,
    providerName: "GCP",
    atlasCidrBlock: config.get("gcpAtlasCidrBlock") ?? "10.12.0.0/18",
  });

  // dependsOn: created in the declared containers, and deleted before them (Atlas refuses to delete a
  // container an endpoint service still uses).
  const awsService = new PrivateEndpointService(
    "aws",
    {
      ...common,
      providerName: "AWS",
      region: awsRegion,
      supportedRemoteRegions: config.getObject<string[]>("awsRemoteRegions") ?? [],
    },
    { dependsOn: [awsContainer] },
  );
  const azureService = new PrivateEndpointService(
    "azure",
    { ...common, providerName: "AZURE", region: azureRegion },
    { dependsOn: [azureContainer] },
  );
  const gcpService = new PrivateEndpointService(
    "gcp",
    {
      ...common,
      providerName: "GCP",
      region: gcpRegion,
      portMappingEnabled: config.getBoolean("gcpPortMapping") ?? true,
    },
    { dependsOn: [gcpContainer] },
  );

  // Peers settle where Atlas waits for you (AWS: PENDING_ACCEPTANCE, GCP: WAITING_FOR_USER): the accepter and
  // the reciprocal peering need this stack's outputs, so waiting for AVAILABLE here would wait forever.
  const awsPeer = new NetworkPeer("aws-vpc", {
    ...common,
    providerName: "AWS",
    containerId: awsContainer.id,
    awsAccountId: config.require("awsAccountId"),
    vpcId: config.require("awsVpcId"),
    routeTableCidrBlock: config.require("awsVpcCidrBlock"),
    accepterRegionName: config.get("awsVpcRegion") ?? awsRegion,
  });
  const gcpPeer = new NetworkPeer("gcp-vpc", {
    ...common,
    providerName: "GCP",
    containerId: gcpContainer.id,
    gcpProjectId: config.require("gcpProjectId"),
    networkName: config.require("gcpNetworkName"),
  });

  const outputs: AtlasNetworkOutputs = {
    awsEndpointServiceName: awsService.endpointServiceName,
    awsEndpointServiceId: awsService.endpointServiceId,
    azurePrivateLinkServiceResourceId: azureService.privateLinkServiceResourceId,
    azurePrivateLinkServiceName: azureService.privateLinkServiceName,
    gcpServiceAttachmentNames: gcpService.serviceAttachmentNames,
    awsPeeringConnectionId: awsPeer.connectionId,
    awsPeerStatus: awsPeer.status,
    awsAtlasCidrBlock: awsContainer.atlasCidrBlock,
    gcpAtlasProjectId: gcpPeer.atlasGcpProjectId,
    gcpAtlasNetworkName: gcpPeer.atlasNetworkName,
    gcpPeerStatus: gcpPeer.status,
  };

  // Serverless instances were sunset by Atlas on 2026-01-22: declared only for a configured instance.
  const serverlessInstance = config.get("serverlessInstanceName");
  if (serverlessInstance) {
    // Reserved first; once your aws.ec2.VpcEndpoint (serviceName = serverlessEndpointServiceName) exists, set
    // serverlessAwsEndpointId to its id and `pulumi up` attaches it in place.
    const attachTo = config.get("serverlessAwsEndpointId");
    const serverless = new ServerlessPrivateEndpoint("serverless", {
      ...common,
      providerName: "AWS",
      instanceName: serverlessInstance,
      comment: config.get("serverlessComment") ?? "pulumi-mongodbatlas-network example",
      ...(attachTo ? { cloudProviderEndpointId: attachTo } : {}),
    });
    outputs.serverlessEndpointServiceName = serverless.endpointServiceName;
    outputs.serverlessEndpointId = serverless.endpointId;
    outputs.serverlessEndpointStatus = serverless.status;
  }
  return outputs;
}
