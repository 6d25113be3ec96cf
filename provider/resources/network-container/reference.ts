/**
 * What the reference page docs/resources/network-container.md says about NetworkContainer beyond its schema and states:
 * a valid sample per provider, the probes that show rules written as code, and notes (scripts/generate-docs.ts).
 */
import { networkContainerPhases, networkContainerWaitTargets } from "./states";
import { networkContainerInputsSchema } from "./schema";
import { projectId, type ResourceReference } from "../shared/reference";

export const networkContainerReference: ResourceReference = {
  className: "NetworkContainer",
  folder: "network-container",
  kind: "networkContainer",
  schema: networkContainerInputsSchema,
  samples: {
    AWS: { projectId, providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
    AZURE: { projectId, providerName: "AZURE", region: "US_EAST_2", atlasCidrBlock: "10.8.0.0/21" },
    GCP: { projectId, providerName: "GCP", atlasCidrBlock: "10.8.0.0/18" },
  },
  situations: [{ label: "", inputs: {}, outputs: { provisioned: false } }],
  probes: [
    { provider: "AWS", field: "regionName", value: "mars-north-1" },
    { provider: "all", field: "atlasCidrBlock", value: "10.8.0.0" },
    { provider: "all", field: "atlasCidrBlock", value: "8.8.0.0/21" },
    { provider: "all", field: "atlasCidrBlock", value: "10.8.0.0/26" },
    { provider: "all", field: "atlasCidrBlock", value: "10.8.1.0/21" },
    { provider: "AZURE", field: "region", value: "mars-north-1" },
    { provider: "GCP", field: "regions", value: ["mars-north-1"] },
    { provider: "GCP", field: "atlasCidrBlock", value: "10.8.0.0/18", with: { regions: ["CENTRAL_US"] } },
  ],
  states: [
    {
      label: "",
      sourceFile: "provider/resources/network-container/states.ts",
      variable: "networkContainerPhases",
      phases: networkContainerPhases,
      settled: networkContainerWaitTargets.exists,
    },
  ],
  notes: [
    "A container has no status: Atlas creates it at once and reports only `provisioned`. The states below are the " +
      "labels this package gives `provisioned: true` and `false` when it waits for one to be deleted.",
    "Atlas creates a container implicitly with the first private endpoint service or cluster of a region; " +
      "`adoptExisting: true` takes that one over (and brings its CIDR block to yours while nothing uses it).",
    "Deleting waits, up to `timeouts.delete`, while Atlas answers 409 `CONTAINERS_IN_USE` (peers or clusters still in it), " +
      "then fails naming what uses it. A replacement deletes the old container first (one per provider region).",
  ],
};
