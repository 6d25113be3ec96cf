/**
 * What the reference page docs/resources/private-endpoint-service.md says about PrivateEndpointService beyond its schema and states:
 * a valid sample per provider, the probes that show rules written as code, and notes (scripts/generate-docs.ts).
 */
import { endpointServicePhases, endpointServiceWaitTargets } from "./states";
import { privateEndpointServiceInputsSchema } from "./schema";
import { projectId, settledSituation, type ResourceReference } from "../shared/reference";

export const privateEndpointServiceReference: ResourceReference = {
  className: "PrivateEndpointService",
  folder: "private-endpoint-service",
  kind: "privateEndpointService",
  schema: privateEndpointServiceInputsSchema,
  samples: {
    AWS: { projectId, providerName: "AWS", region: "US_EAST_1" },
    AZURE: { projectId, providerName: "AZURE", region: "US_EAST_2" },
    GCP: { projectId, providerName: "GCP", region: "CENTRAL_US" },
  },
  situations: settledSituation,
  probes: [
    { provider: "AWS", field: "region", value: "mars-north-1" },
    { provider: "AWS", field: "supportedRemoteRegions", value: ["US_EAST_1"] },
    { provider: "AZURE", field: "region", value: "mars-north-1" },
    { provider: "GCP", field: "region", value: "mars-north-1" },
  ],
  states: [
    {
      label: "",
      sourceFile: "provider/resources/private-endpoint-service/states.ts",
      variable: "endpointServicePhases",
      phases: endpointServicePhases,
      settled: endpointServiceWaitTargets.settled,
    },
  ],
  notes: [
    "Atlas allows one private endpoint service per cloud provider and region in a project. Create looks for it first: " +
      "with `adoptExisting: true` an existing one is adopted, otherwise the create fails naming its id " +
      "(see [Recovering](../recovering.md)).",
    "A replacement deletes the old service before creating the new one (Pulumi's default order would hit Atlas's " +
      "409 `PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION`). A service in `FAILED` is planned for replacement.",
  ],
};
