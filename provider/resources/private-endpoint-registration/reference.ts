/**
 * What the reference page docs/resources/private-endpoint-registration.md says about PrivateEndpointRegistration
 * beyond its schema and states: a valid sample per provider, the probes that show rules written as code, and notes
 * (scripts/generate-docs.ts).
 */
import { awsRegistrationPhases, azureRegistrationPhases, gcpRegistrationPhases } from "./states";
import { privateEndpointRegistrationInputsSchema } from "./schema";
import { projectId, type ResourceReference } from "../shared/reference";

const endpointServiceId = "65a1b2c3d4e5f60718293a4b";
const sourceFile = "provider/resources/private-endpoint-registration/states.ts";

export const privateEndpointRegistrationReference: ResourceReference = {
  className: "PrivateEndpointRegistration",
  folder: "private-endpoint-registration",
  kind: "privateEndpointRegistration",
  schema: privateEndpointRegistrationInputsSchema,
  samples: {
    AWS: { projectId, endpointServiceId, providerName: "AWS", vpcEndpointId: "vpce-0df793f9c89c24a3b" },
    AZURE: {
      projectId,
      endpointServiceId,
      providerName: "AZURE",
      privateEndpointResourceId:
        "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/network/providers/Microsoft.Network/privateEndpoints/atlas",
      privateEndpointIpAddress: "10.0.0.4",
    },
    GCP: {
      projectId,
      endpointServiceId,
      providerName: "GCP",
      gcpProjectId: "my-network-project",
      endpoints: [{ endpointName: "atlas-psc", ipAddress: "10.0.42.1" }],
    },
  },
  situations: [{ label: "", inputs: {}, outputs: { status: "AVAILABLE", endpointId: "vpce-0df793f9c89c24a3b" } }],
  probes: [
    { provider: "AWS", field: "vpcEndpointId", value: "vpc-0df793f9c89c24a3b" },
    { provider: "AZURE", field: "privateEndpointResourceId", value: "atlas-private-endpoint" },
    { provider: "GCP", field: "gcpProjectId", value: "My Project" },
    {
      provider: "GCP",
      field: "endpoints",
      value: [
        { endpointName: "atlas-psc-0", ipAddress: "10.0.42.1" },
        { endpointName: "atlas-psc-0", ipAddress: "10.0.42.2" },
      ],
      with: { endpointGroupName: "my-network" },
    },
    {
      provider: "GCP",
      field: "endpoints",
      value: [
        { endpointName: "atlas-psc-0", ipAddress: "10.0.42.1" },
        { endpointName: "atlas-psc-1", ipAddress: "10.0.42.1" },
      ],
      with: { endpointGroupName: "my-network" },
    },
  ],
  states: [
    {
      label: "AWS `connectionStatus`",
      sourceFile,
      variable: "awsRegistrationPhases",
      phases: awsRegistrationPhases,
      settled: ["AVAILABLE"],
    },
    {
      label: "Azure `status`",
      sourceFile,
      variable: "azureRegistrationPhases",
      phases: azureRegistrationPhases,
      settled: ["AVAILABLE"],
    },
    {
      label: "GCP `status`",
      sourceFile,
      variable: "gcpRegistrationPhases",
      phases: gcpRegistrationPhases,
      settled: ["AVAILABLE"],
    },
  ],
  notes: [
    "Terraform calls this resource `mongodbatlas_privatelink_endpoint_service` (and the service " +
      "`mongodbatlas_privatelink_endpoint`); see [Migrating](../migration.md).",
    "The resource id is the id Atlas knows the registration by: the vpce id (AWS), the private endpoint's resource id " +
      "(Azure), the endpoint group's name (GCP; with port mapping, the one forwarding rule's name). Create looks that id " +
      "up in the service first: with `adoptExisting: true` an existing registration is adopted, otherwise the create " +
      "fails naming it. An Azure POST answer has no status yet: it counts as transitional.",
    "GCP endpoint count: preview checks 1 to 50 forwarding rules with unique names and addresses; it cannot know the " +
      "service's attachments (preview makes no Atlas call, and the service's outputs may not be known yet). Create reads " +
      "the service first and, before any write, refuses a count other than 1 (port mapping) or one per entry of the " +
      "service's `serviceAttachmentNames`. Wiring `endpoints` from those names keeps the count right by construction.",
    "Atlas has no update: every change replaces. A replacement registers the new endpoint before deleting the old one, " +
      "so a service never loses its last endpoint on the way. When the new one has the same endpoint id in the same " +
      "service (an Azure IP address, GCP rules under the same group name, a REJECTED/FAILED registration retried), Atlas " +
      "would refuse the duplicate, so the old one is deleted first; if it is the last endpoint of an AWS service " +
      "(which Atlas removes with its last endpoint) that delete refuses with a message, and nothing is deleted: register " +
      "another endpoint with the service first, or replace the service too.",
    "Delete waits until Atlas answers 404; a registration Atlas is already deleting (`deleteRequested`, `DELETING`) is " +
      "waited out without a second DELETE. Deleting the last endpoint of an AWS service logs a warning naming the " +
      "service, which Atlas removes with it: on `pulumi destroy` that is the expected end (the service's delete then " +
      "finds it gone); in a stack that keeps the service, its next refresh shows it gone.",
    "A REJECTED (AWS) or FAILED registration stays in state with Atlas's `errorMessage` (for example " +
      "`Interface endpoint vpce-… was not found.`); diff plans its replacement. Read shows drift and drops a " +
      "registration deleted outside Pulumi.",
  ],
};
