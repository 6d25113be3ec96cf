/**
 * Type declarations for the parts of the cloud providers' Pulumi packages that the documentation's examples
 * use (@pulumi/aws, @pulumi/azure-native, @pulumi/gcp, @pulumi/mongodbatlas are not dependencies of this
 * repository). Each declares only the arguments and outputs the examples touch, with the types those packages
 * give them, so the compiler catches the mistake users would meet first: passing one of this package's
 * provider-specific outputs (`Output<string | undefined>`) where a cloud resource wants an `Input<string>`.
 * Kept as text: it is compiled only with the examples (test/docs/examples.test.ts), never with the repository.
 */
/** What each ambient module starts with (a declaration file of ambient modules has no top-level import). */
const prelude = `
  import * as pulumi from "@pulumi/pulumi";
  type In<T> = pulumi.Input<T>;
  type Opts = pulumi.CustomResourceOptions;`;

export const cloudPackageDeclarations = `
declare module "@pulumi/aws" {${prelude}
  export namespace ec2 {
    interface VpcEndpointArgs {
      vpcId: In<string>;
      serviceName: In<string>;
      vpcEndpointType?: In<string>;
      subnetIds?: In<In<string>[]>;
      securityGroupIds?: In<In<string>[]>;
      privateDnsEnabled?: In<boolean>;
    }
    class VpcEndpoint extends pulumi.CustomResource {
      constructor(name: string, args: VpcEndpointArgs, opts?: Opts);
    }
    interface VpcPeeringConnectionAccepterArgs {
      vpcPeeringConnectionId: In<string>;
      autoAccept?: In<boolean>;
    }
    class VpcPeeringConnectionAccepter extends pulumi.CustomResource {
      constructor(name: string, args: VpcPeeringConnectionAccepterArgs, opts?: Opts);
    }
    interface RouteArgs {
      routeTableId: In<string>;
      destinationCidrBlock?: In<string>;
      vpcPeeringConnectionId?: In<string>;
    }
    class Route extends pulumi.CustomResource {
      constructor(name: string, args: RouteArgs, opts?: Opts);
    }
  }
}

declare module "@pulumi/azure-native/network" {${prelude}
  interface PrivateLinkServiceConnectionArgs {
    name?: In<string>;
    privateLinkServiceId?: In<string>;
    requestMessage?: In<string>;
  }
  interface PrivateEndpointArgs {
    resourceGroupName: In<string>;
    location?: In<string>;
    subnet?: In<{ id?: In<string> }>;
    privateLinkServiceConnections?: In<In<PrivateLinkServiceConnectionArgs>[]>;
    manualPrivateLinkServiceConnections?: In<In<PrivateLinkServiceConnectionArgs>[]>;
  }
  class PrivateEndpoint extends pulumi.CustomResource {
    constructor(name: string, args: PrivateEndpointArgs, opts?: Opts);
    readonly networkInterfaces: pulumi.Output<{ id?: string }[]>;
  }
  interface GetNetworkInterfaceOutputArgs {
    resourceGroupName: In<string>;
    networkInterfaceName: In<string>;
  }
  interface GetNetworkInterfaceResult {
    readonly ipConfigurations?: { privateIPAddress?: string }[];
  }
  function getNetworkInterfaceOutput(args: GetNetworkInterfaceOutputArgs): pulumi.Output<GetNetworkInterfaceResult>;
}

declare module "@pulumi/gcp" {${prelude}
  export namespace compute {
    interface AddressArgs {
      project?: In<string>;
      region?: In<string>;
      subnetwork?: In<string>;
      addressType?: In<string>;
      address?: In<string>;
    }
    class Address extends pulumi.CustomResource {
      constructor(name: string, args?: AddressArgs, opts?: Opts);
      readonly address: pulumi.Output<string>;
    }
    interface ForwardingRuleArgs {
      project?: In<string>;
      region?: In<string>;
      network?: In<string>;
      ipAddress?: In<string>;
      target?: In<string>;
      loadBalancingScheme?: In<string>;
    }
    class ForwardingRule extends pulumi.CustomResource {
      constructor(name: string, args?: ForwardingRuleArgs, opts?: Opts);
      readonly name: pulumi.Output<string>;
    }
    interface NetworkPeeringArgs {
      network: In<string>;
      peerNetwork: In<string>;
    }
    class NetworkPeering extends pulumi.CustomResource {
      constructor(name: string, args: NetworkPeeringArgs, opts?: Opts);
    }
  }
}

declare module "@pulumi/mongodbatlas" {${prelude}
  interface PrivateLinkEndpointServiceArgs {
    projectId: In<string>;
    providerName: In<string>;
    privateLinkId: In<string>;
    endpointServiceId: In<string>;
    privateEndpointIpAddress?: In<string>;
    gcpProjectId?: In<string>;
  }
  class PrivateLinkEndpointService extends pulumi.CustomResource {
    constructor(name: string, args: PrivateLinkEndpointServiceArgs, opts?: Opts);
  }
  interface PrivateLinkEndpointArgs {
    projectId: In<string>;
    providerName: In<string>;
    region: In<string>;
    portMappingEnabled?: In<boolean>;
    supportedRemoteRegions?: In<In<string>[]>;
  }
  class PrivateLinkEndpoint extends pulumi.CustomResource {
    constructor(name: string, args: PrivateLinkEndpointArgs, opts?: Opts);
    readonly privateLinkId: pulumi.Output<string>;
    readonly endpointServiceName: pulumi.Output<string>;
  }
  interface NetworkContainerArgs {
    projectId: In<string>;
    atlasCidrBlock: In<string>;
    providerName?: In<string>;
    regionName?: In<string>;
    region?: In<string>;
    regions?: In<In<string>[]>;
  }
  class NetworkContainer extends pulumi.CustomResource {
    constructor(name: string, args: NetworkContainerArgs, opts?: Opts);
    readonly containerId: pulumi.Output<string>;
  }
  interface NetworkPeeringArgs {
    projectId: In<string>;
    containerId: In<string>;
    providerName: In<string>;
    accepterRegionName?: In<string>;
    awsAccountId?: In<string>;
    routeTableCidrBlock?: In<string>;
    vpcId?: In<string>;
  }
  class NetworkPeering extends pulumi.CustomResource {
    constructor(name: string, args: NetworkPeeringArgs, opts?: Opts);
    readonly connectionId: pulumi.Output<string>;
  }
}
`;
