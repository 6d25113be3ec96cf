/**
 * What the reference page docs/resources/private-endpoint-regional-mode.md says about PrivateEndpointRegionalMode
 * beyond its schema: a valid sample and how Atlas treats the setting (scripts/generate-docs.ts). It has no states:
 * Atlas applies the PATCH at once and reports no status.
 */
import { privateEndpointRegionalModeInputsSchema } from "./schema";
import { projectId, type ResourceReference } from "../shared/reference";

export const privateEndpointRegionalModeReference: ResourceReference = {
  className: "PrivateEndpointRegionalMode",
  folder: "private-endpoint-regional-mode",
  kind: "privateEndpointRegionalMode",
  id: "the project id",
  schema: privateEndpointRegionalModeInputsSchema,
  sample: { projectId, enabled: true },
  // Nothing Atlas computes is stored beside the inputs, and no change depends on a state.
  situations: [{ label: "", inputs: {}, outputs: {} }],
  probes: [],
  states: [],
  notes: [
    "Atlas has one such setting per project, off until enabled, read and set with GET and PATCH " +
      "(`privateEndpoint/regionalMode`): there is no POST, no DELETE and no status. Create takes the project's setting " +
      "over (`adoptExisting` changes nothing): it reads it and PATCHes only when Atlas has another value.",
    "Refresh reads the setting as Atlas has it, so a change made outside Pulumi shows as drift and the next `pulumi up` " +
      "sets it back; a project Atlas no longer has leaves the stack's state.",
    "Delete disables the mode. Atlas refuses to disable it (409) while the project's private endpoints span regions " +
      "(two or more in one region and others elsewhere): the delete (or an update to `enabled: false`) then fails with " +
      "Atlas's reason and the way out: delete the extra PrivateEndpointRegistrations first (declare them with " +
      "`dependsOn` this resource so that `pulumi destroy` deletes them before it), or leave the mode on with " +
      "`pulumi state delete <urn>`, which forgets the resource without a call (see " +
      "[Endpoints in several regions](../usage.md#endpoints-in-several-regions-the-regional-mode)).",
  ],
};
