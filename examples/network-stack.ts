/**
 * The Atlas side of private networking for one project, on three clouds:
 * - the whole private link per cloud: an endpoint service (AWS PrivateLink, Azure Private Link, GCP Private
 *   Service Connect) → your cloud endpoint registered with it (PrivateEndpointRegistration) → settled AVAILABLE,
 * - the project's regional mode (several private endpoints per region, for multi-region clusters),
 * - a network container per cloud, with an AWS VPC peer and a GCP VPC peer,
 * - a serverless private endpoint, reserved first and attached once the AWS interface endpoint exists,
 * - a lookup: every container of the project as Atlas lists it (the ones Atlas made itself included).
 * The outputs are what the cloud-side resources (in @pulumi/aws, @pulumi/azure-native, @pulumi/gcp) take.
 *
 * The cloud endpoints themselves (an aws.ec2.VpcEndpoint, an Azure private endpoint, GCP forwarding rules) are
 * not declared here, so that the example runs offline: their ids come from stack config, with defaults the
 * simulator accepts. docs/usage.md shows the same chain wired to the real cloud resources.
 *
 * Everything comes from stack config (see README.md); `atlasNetworkStack` is exported as a function so the
 * same program runs from Pulumi.yaml (index.ts) and inline through the Automation API (tests, `npm run demo`).
 */
import * as pulumi from "@pulumi/pulumi";
import {
  getNetworkContainersOutput,
  NetworkContainer,
  NetworkPeer,
  PrivateEndpointRegionalMode,
  PrivateEndpointRegistration,
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
  /** AWS: the registration of your interface endpoint with Atlas; AVAILABLE once Atlas accepted the connection. */
  awsVpcEndpointId: pulumi.Output<string | undefined>;
  awsRegistrationStatus: pulumi.Output<string>;
  /** Azure: the connection Atlas made on its Private Link Service (what the Azure portal lists), and its status. */
  azurePrivateEndpointConnectionName: pulumi.Output<string | undefined>;
  azureRegistrationStatus: pulumi.Output<string>;
  /** GCP: one forwarding rule per service attachment (name, internal address, target), as registered with Atlas. */
  gcpForwardingRules: pulumi.Output<GcpForwardingRule[]>;
  /** GCP: each registered forwarding rule with Atlas's status for it. */
  gcpEndpointStatuses: pulumi.Output<{ endpointName: string; ipAddress: string; status?: string }[] | undefined>;
  gcpRegistrationStatus: pulumi.Output<string>;
  /** The project's regionalized private endpoint setting as Atlas has it. */
  regionalModeEnabled: pulumi.Output<boolean>;
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
  /**
   * From the getNetworkContainers lookup: every Atlas CIDR block of the project ("AWS US_EAST_1" → CIDR), the
   * containers Atlas made itself included: what your route tables and firewall rules must allow.
   */
  atlasCidrBlocks: pulumi.Output<Record<string, string>>;
}

/** A GCP forwarding rule to create in your project (gcp.compute.ForwardingRule), registered with Atlas. */
export interface GcpForwardingRule {
  /** The forwarding rule's name. */
  endpointName: string;
  /** Its internal address (gcp.compute.Address). */
  ipAddress: string;
  /** The service attachment it targets (one of the service's serviceAttachmentNames). */
  target: string;
}

/** `10.128.0.10` + 2 → `10.128.0.12`: the address of the n-th forwarding rule (the offline example's stand-in). */
function nthAddress(first: string, n: number): string {
  const octets = first.split(".").map(Number);
  const value = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]! + n;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
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

  // The project's regional mode: on, so that endpoints in several regions of a provider can serve multi-region
  // clusters (one per project). Registrations depend on it (docs/usage.md): destroy deletes them first, since
  // Atlas refuses to turn the mode off while endpoints span regions. Config `regionalMode: false` turns it off.
  const regionalMode = new PrivateEndpointRegionalMode("regional-mode", {
    projectId,
    enabled: config.getBoolean("regionalMode") ?? true,
    adoptExisting,
    ...(timeouts ? { timeouts } : {}),
  });

  // The second half of each private link: your cloud endpoint, made against the service's outputs, registered
  // with the service. Offline, the cloud-side ids come from config (defaults the simulator accepts as existing);
  // in a real stack they are the outputs of the cloud resources (docs/usage.md). Each waits for AVAILABLE (AWS
  // PENDING_ACCEPTANCE → PENDING → AVAILABLE; Azure and GCP INITIATING → AVAILABLE) and fails with Atlas's
  // errorMessage on REJECTED or FAILED. The engine deletes a registration before its service (it depends on the
  // service's endpointServiceId); Atlas removes an AWS service with its last endpoint, which the service's
  // delete then counts as done.
  const awsRegistration = new PrivateEndpointRegistration(
    "aws",
    {
      ...common,
      providerName: "AWS",
      endpointServiceId: awsService.endpointServiceId,
      // aws.ec2.VpcEndpoint's id, made with serviceName = awsEndpointServiceName.
      vpcEndpointId: config.get("awsVpcEndpointId") ?? "vpce-0c1d2e3f405162738",
    },
    { dependsOn: [regionalMode] },
  );
  const azureRegistration = new PrivateEndpointRegistration(
    "azure",
    {
      ...common,
      providerName: "AZURE",
      endpointServiceId: azureService.endpointServiceId,
      // The private endpoint (azure-native network.PrivateEndpoint) whose manual connection targets
      // azurePrivateLinkServiceResourceId, and the private IP address of its network interface.
      privateEndpointResourceId:
        config.get("azurePrivateEndpointResourceId") ??
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/atlas-network/providers/Microsoft.Network/privateEndpoints/atlas-private-endpoint",
      privateEndpointIpAddress: config.get("azurePrivateEndpointIpAddress") ?? "10.0.0.4",
    },
    { dependsOn: [regionalMode] },
  );
  // GCP: one forwarding rule per service attachment, built from the service's serviceAttachmentNames. With port
  // mapping (the default, gcpPortMapping) Atlas publishes one attachment, so this is one rule; a service without
  // port mapping publishes 50 and Atlas requires all 50, which the same code gives. (Listing a fixed number
  // instead would fail at create whenever the service's mode changes.) Names are <group>-<n>, addresses count
  // up from gcpEndpointIpAddress: in a real stack, the gcp.compute.ForwardingRule names and Address addresses.
  const gcpEndpointGroupName = config.get("gcpEndpointGroupName") ?? "atlas-psc";
  const firstGcpAddress = config.get("gcpEndpointIpAddress") ?? "10.128.0.10";
  const gcpForwardingRules = gcpService.serviceAttachmentNames.apply((attachments) =>
    (attachments ?? []).map((target, n): GcpForwardingRule => ({
      endpointName: `${gcpEndpointGroupName}-${n}`,
      ipAddress: nthAddress(firstGcpAddress, n),
      target,
    })),
  );
  const gcpRegistration = new PrivateEndpointRegistration(
    "gcp",
    {
      ...common,
      providerName: "GCP",
      endpointServiceId: gcpService.endpointServiceId,
      gcpProjectId: config.require("gcpProjectId"),
      // Atlas ignores the group's name with port mapping (the one rule's name is the group's); required without.
      endpointGroupName: gcpEndpointGroupName,
      endpoints: gcpForwardingRules.apply((rules) =>
        rules.map(({ endpointName, ipAddress }) => ({ endpointName, ipAddress })),
      ),
    },
    { dependsOn: [regionalMode] },
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
    awsVpcEndpointId: awsRegistration.vpcEndpointId,
    awsRegistrationStatus: awsRegistration.status,
    azurePrivateEndpointConnectionName: azureRegistration.privateEndpointConnectionName,
    azureRegistrationStatus: azureRegistration.status,
    gcpForwardingRules,
    gcpEndpointStatuses: gcpRegistration.endpointStatuses,
    gcpRegistrationStatus: gcpRegistration.status,
    regionalModeEnabled: regionalMode.enabled,
    awsPeeringConnectionId: awsPeer.connectionId,
    awsPeerStatus: awsPeer.status,
    awsAtlasCidrBlock: awsContainer.atlasCidrBlock,
    gcpAtlasProjectId: gcpPeer.atlasGcpProjectId,
    gcpAtlasNetworkName: gcpPeer.atlasNetworkName,
    gcpPeerStatus: gcpPeer.status,
    // A lookup reads what exists in Atlas with the stack's credentials. Its projectId waits for the containers
    // and services (apply on their ids), so it runs once they exist, and never in the first preview.
    atlasCidrBlocks: getNetworkContainersOutput({
      projectId: pulumi
        .all([awsContainer.id, azureContainer.id, gcpContainer.id, awsService.id, azureService.id, gcpService.id])
        .apply(() => projectId),
    }).apply(({ containers }) =>
      Object.fromEntries(
        containers.map((container) => {
          const region =
            container.providerName === "AWS"
              ? container.regionName
              : container.providerName === "AZURE"
                ? container.region
                : (container.regions ?? []).join(",") || "global";
          return [`${container.providerName} ${region}`, container.atlasCidrBlock ?? ""];
        }),
      ),
    ),
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
