/**
 * What the reference page docs/resources/serverless-private-endpoint.md says about ServerlessPrivateEndpoint beyond its schema and states:
 * a valid sample per provider, the probes that show rules written as code, and notes (scripts/generate-docs.ts).
 */
import { serverlessEndpointPhases, serverlessEndpointWaitTargets } from "./states";
import { serverlessPrivateEndpointInputsSchema } from "./schema";
import { projectId, type ResourceReference } from "../shared/reference";

export const serverlessPrivateEndpointReference: ResourceReference = {
  className: "ServerlessPrivateEndpoint",
  folder: "serverless-private-endpoint",
  kind: "serverlessPrivateEndpoint",
  schema: serverlessPrivateEndpointInputsSchema,
  samples: {
    AWS: { projectId, providerName: "AWS", instanceName: "orders" },
    AZURE: { projectId, providerName: "AZURE", instanceName: "orders" },
  },
  situations: [
    { label: "while reserved", inputs: {}, outputs: { status: "RESERVED" } },
    {
      label: "once attached",
      inputs: {
        AWS: { cloudProviderEndpointId: "vpce-0123456789abcdef0" },
        AZURE: {
          cloudProviderEndpointId:
            "/subscriptions/2c9a5a52-3b61-4a44-8a6b-6f0b7d1d8e22/resourceGroups/app/providers/Microsoft.Network/privateEndpoints/orders",
          privateEndpointIpAddress: "10.0.0.4",
        },
      },
      outputs: { status: "AVAILABLE" },
    },
  ],
  probes: [
    {
      provider: "AZURE",
      field: "privateEndpointIpAddress",
      value: undefined,
      with: {
        cloudProviderEndpointId:
          "/subscriptions/2c9a5a52-3b61-4a44-8a6b-6f0b7d1d8e22/resourceGroups/app/providers/Microsoft.Network/privateEndpoints/orders",
      },
    },
  ],
  states: [
    {
      label: "",
      sourceFile: "provider/resources/serverless-private-endpoint/states.ts",
      variable: "serverlessEndpointPhases",
      phases: serverlessEndpointPhases,
      settled: serverlessEndpointWaitTargets.settled,
      available: serverlessEndpointWaitTargets.available,
    },
  ],
  notes: [
    "Atlas sunset serverless instances on 2026-01-22; see [Serverless private endpoints](../serverless.md) for what still works.",
    "Without `cloudProviderEndpointId` the endpoint is only reserved (`RESERVED`); declaring it later attaches the cloud " +
      "endpoint in place and waits for `AVAILABLE`. Atlas attaches once: after that, a change of the cloud endpoint replaces " +
      "the resource (the old one is deleted first when the new one keeps the same cloud endpoint).",
    "An existing endpoint is this resource when it is attached to the declared cloud endpoint or, failing that, when it is " +
      "an unattached reservation with the same `comment`. Give reservations distinct comments.",
  ],
};
