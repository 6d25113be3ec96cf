/**
 * What a NetworkPeer reads of its network container (provider/resources/network-container): the outputs users
 * wire into the cloud side, and the region Atlas means by a null accepterRegionName.
 */
import { isNotFound } from "../../client";
import { readContainer } from "../network-container/provider";
import type { OperationContext } from "../shared/lifecycle";
import { toAwsNativeRegion } from "../shared/regions";

/** What a peer needs from its container: outputs users wire into the cloud side, and the region quirk. */
export interface ContainerFacts {
  atlasCidrBlock?: string;
  /** The container's region in AWS form: what Atlas means by a null accepterRegionName. */
  awsRegion?: string;
  gcpProjectId?: string;
  networkName?: string;
}

/** One container read per operation: the advice, the outputs and read's inputs all use it. */
const factsPerOperation = new WeakMap<OperationContext, ContainerFacts | "gone">();

/**
 * The container's facts, or undefined when it is gone. Once the operation's time is up (a peer kept in
 * state after a timeout), the read runs on its own request timeout, as the engine's last read of the peer does.
 */
export async function containerFacts(
  op: OperationContext,
  projectId: string,
  containerId: string,
): Promise<ContainerFacts | undefined> {
  const known = factsPerOperation.get(op);
  if (known !== undefined) return known === "gone" ? undefined : known;
  let container;
  try {
    const options = op.remainingMs() > 0 ? op.call() : { signal: op.run.signal };
    // From the project's container list, shared by the peers that read it at the same time.
    container = await readContainer(op, projectId, containerId, options);
    if (container === undefined) {
      factsPerOperation.set(op, "gone");
      return undefined;
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
    factsPerOperation.set(op, "gone");
    return undefined;
  }
  const facts: ContainerFacts = {};
  if (container.atlasCidrBlock) facts.atlasCidrBlock = container.atlasCidrBlock;
  if (container.providerName === "AWS") {
    const region = toAwsNativeRegion(container.regionName);
    if (region) facts.awsRegion = region;
  } else if (container.providerName === "GCP") {
    // Both stay null until Atlas has provisioned its GCP network: such a read is not kept, the next one may have them.
    if (container.gcpProjectId) facts.gcpProjectId = container.gcpProjectId;
    if (container.networkName) facts.networkName = container.networkName;
    if (!facts.gcpProjectId || !facts.networkName) return facts;
  }
  factsPerOperation.set(op, facts);
  return facts;
}
