/**
 * Atlas's GCP network, the other end of a GCP peering: what the user's reciprocal peering needs, and what to
 * tell them while Atlas has not reported it yet. Pure, so the wording is unit tested (test/unit).
 *
 * When Atlas reports it is where the sources disagree (docs/simulator.md, "GCP network names"): the
 * container's `gcpProjectId` and `networkName` are null until Atlas has built its GCP network, which the
 * Terraform provider expects once Atlas's side of the first peering is ready, and the specification only once
 * clusters exist in the container. So a GCP peer may settle at WAITING_FOR_USER without them: its outputs
 * then lack atlasGcpProjectId / atlasNetworkName until a later read (refresh) finds them. Never an error.
 */

/** Atlas's GCP project (p-…) and network (nt-…), once the container shows both. */
export interface AtlasGcpNetwork {
  gcpProjectId: string;
  networkName: string;
}

/** Both names, or undefined while either is missing (Atlas sends null until its network exists). */
export function atlasGcpNetworkOf(fields: {
  gcpProjectId?: string | null | undefined;
  networkName?: string | null | undefined;
}): AtlasGcpNetwork | undefined {
  const { gcpProjectId, networkName } = fields;
  return gcpProjectId && networkName ? { gcpProjectId, networkName } : undefined;
}

/** The form gcp.compute.NetworkPeering's peerNetwork takes. */
export function peerNetworkOf(network: AtlasGcpNetwork): string {
  return `projects/${network.gcpProjectId}/global/networks/${network.networkName}`;
}

export interface GcpUserActionInput {
  /** "network peer 5f… (GCP, project …, container …, network … of GCP project …)". */
  describe: string;
  containerId: string;
  /** The user's side. */
  gcpProjectId: string;
  networkName: string;
  /** Atlas's side, when the container shows it. */
  atlas: AtlasGcpNetwork | undefined;
  /** "Waiting for AVAILABLE …" or how to make the deployment wait: the same sentence as AWS's. */
  then: string;
}

/** What the user does at WAITING_FOR_USER, with or without Atlas's names. */
export function gcpUserActionMessage(input: GcpUserActionInput): string {
  const yours = `network ${input.networkName} of GCP project ${input.gcpProjectId}`;
  if (input.atlas) {
    const { gcpProjectId, networkName } = input.atlas;
    return (
      `${input.describe} is WAITING_FOR_USER: create the reciprocal peering from ${yours} to network ${networkName} of ` +
      `GCP project ${gcpProjectId} (for example gcp.compute.NetworkPeering with peerNetwork = ` +
      `"${peerNetworkOf(input.atlas)}", from this resource's atlasGcpProjectId and atlasNetworkName outputs).${input.then}`
    );
  }
  return (
    `${input.describe} is WAITING_FOR_USER: create the reciprocal peering from ${yours} to Atlas's GCP network, ` +
    `which Atlas has not reported yet: container ${input.containerId} shows its GCP project and network once Atlas has ` +
    `built it (when Atlas's side of the first peering is ready, or in some projects only once a cluster is deployed ` +
    `in the container), so this resource's atlasGcpProjectId and atlasNetworkName outputs are not set yet. This is not ` +
    `an error: run \`pulumi up --refresh\` (or \`pulumi refresh\`, then \`pulumi up\`) later to read them, and ` +
    `create the GCP side from them then.${input.then}`
  );
}

/** Told by a refresh that finds Atlas's names the stored outputs lacked, while the peer still waits for the user. */
export function gcpNetworkReportedMessage(describe: string, atlas: AtlasGcpNetwork): string {
  return (
    `${describe}: Atlas now reports its GCP network ${peerNetworkOf(atlas)} (atlasGcpProjectId ${atlas.gcpProjectId}, ` +
    `atlasNetworkName ${atlas.networkName}); run \`pulumi up\` to create the reciprocal peering from these outputs.`
  );
}
