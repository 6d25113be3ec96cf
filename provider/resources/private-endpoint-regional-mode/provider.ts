/**
 * The PrivateEndpointRegionalMode implementation the serialized provider loads at run time (runtime.ts).
 *
 * Not on the shared life cycle (shared/lifecycle.ts), on purpose: that engine is built around an object Atlas
 * creates (a natural-key lookup, a POST, a status to wait for, a DELETE answered by 404). The regional mode is
 * none of that: one boolean per project that always exists, set by a synchronous PATCH (
 * docs/simulator.md, "Private endpoint registrations and the regional mode"). Fitting it would take hooks for "no POST", "no status" and
 * "delete is a PATCH that never ends in 404"; the six methods below are shorter. It reuses the engine's parts:
 * check, diff rules, the run context (client, retries, budget) and the operation's deadline.
 *
 * - create: the project always has the setting, so creating takes it over (adoptExisting changes nothing):
 *   read it, PATCH only when it differs. Resource id = the project id.
 * - read: the flag as Atlas has it (drift shows); a 404 (project gone) drops it from state.
 * - update: PATCH when `enabled` changed or Atlas drifted; only adoptExisting/timeouts changed: no call.
 * - delete: what users of Terraform's resource expect, a disabled mode, without its silence: Terraform disables
 *   and ignores a refusal (so the mode stays on unseen); here Atlas's 409 (the project's private endpoints span
 *   regions) fails the delete with a message saying which endpoints to remove first.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { AtlasApiError, isNotFound } from "../../client";
import { inputChecks, withoutProvider } from "../shared/check";
import { runContext } from "../shared/context";
import { diffByRules, type DiffRules } from "../shared/diff";
import { messageOf } from "../shared/errors";
import { OperationContext, unreadableStateError, type Outputs } from "../shared/lifecycle";
import { withoutUndefined } from "../shared/outputs";
import type { ResourceProviderImplementation } from "../shared/provider-contract";
import { waitSettingsOf } from "../shared/wait-settings";
import type { PrivateEndpointRegionalModeInputs } from "./schema";

const label = "private endpoint regional mode";
// The schema is loaded at the first check, create or update: a refresh never loads zod.
const checked = inputChecks<PrivateEndpointRegionalModeInputs>(
  label,
  () => (require("./schema") as typeof import("./schema")).privateEndpointRegionalModeInputsSchema,
);
const diffRules: DiffRules = {
  replaceOnChange: ["projectId"],
  updatable: ["enabled"],
  providerOnly: ["adoptExisting", "timeouts"],
};

function describe(projectId: string): string {
  return `${label} of project ${projectId}`;
}

/** `properties`: the very object the host handed over, which tells the engine logger which resource this is. */
function start(
  operation: "create" | "read" | "update" | "delete",
  settings: Outputs,
  properties: object,
): OperationContext {
  const { timeouts, poll } = waitSettingsOf({ timeouts: settings.timeouts });
  const timeoutMs =
    operation === "create" ? timeouts.createMs : operation === "update" ? timeouts.updateMs : timeouts.deleteMs;
  const run = runContext();
  return new OperationContext(run, operation, poll, timeoutMs, run.loggerFor(properties, label));
}

async function currentFlag(op: OperationContext, projectId: string): Promise<boolean> {
  return (await op.client.regionalMode.get({ groupId: projectId }, op.call())).enabled;
}

/** Sets the flag when Atlas has another value; returns what Atlas has afterwards. */
async function converge(op: OperationContext, projectId: string, enabled: boolean): Promise<boolean> {
  const current = await currentFlag(op, projectId);
  if (current === enabled) return current;
  // A routine step (the resource's row shows it done): debug, not a diagnostic.
  op.logger.debug(`${describe(projectId)}: ${enabled ? "enabling" : "disabling"} regionalized private endpoints`);
  try {
    return (await op.client.regionalMode.update({ groupId: projectId, body: { enabled } }, op.call())).enabled;
  } catch (error) {
    throw refusal(projectId, enabled, error);
  }
}

/** Atlas's 409 to a disable: its private endpoints span regions (two or more in a region and others elsewhere). */
function refusal(projectId: string, enabled: boolean, error: unknown): unknown {
  if (enabled || !(error instanceof AtlasApiError) || error.status !== 409) return error;
  return new Error(
    `Atlas refused to disable the ${describe(projectId)}: ${messageOf(error)}. Disabling needs at most one private ` +
      `endpoint per region, or all of them in one region. Delete the extra PrivateEndpointRegistrations first (declare ` +
      `them with \`dependsOn\` this resource so that \`pulumi destroy\` deletes them before it), then run the command ` +
      `again; to leave the mode on instead, \`pulumi state delete <urn>\` forgets this resource without a call.`,
    { cause: error },
  );
}

function outputsOf(inputs: Outputs, enabled: boolean): Outputs {
  return withoutUndefined({ ...withoutProvider(inputs), enabled });
}

export const privateEndpointRegionalModeProvider: ResourceProviderImplementation = {
  async check(_olds, news) {
    return checked.check(news);
  },

  async diff(_id, olds, news) {
    return diffByRules(olds, news, diffRules);
  },

  async create(news): Promise<dynamic.CreateResult<Outputs>> {
    const inputs = checked.parse(news);
    const op = start("create", inputs, news);
    // Nothing to adopt or refuse: every project has the setting; this resource takes it over.
    const enabled = await converge(op, inputs.projectId, inputs.enabled);
    return { id: inputs.projectId, outs: outputsOf(inputs, enabled) };
  },

  async read(id, props): Promise<dynamic.ReadResult<Outputs>> {
    const projectId = typeof props.projectId === "string" ? props.projectId : id;
    const op = start("read", props, props);
    let enabled: boolean;
    try {
      enabled = await currentFlag(op, projectId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      op.logger.info(`${describe(projectId)}: the project no longer exists in Atlas; it leaves the stack's state`);
      return {};
    }
    const inputs = withoutUndefined({
      projectId,
      enabled,
      adoptExisting: props.adoptExisting,
      timeouts: props.timeouts,
    });
    return { id, props: inputs, inputs };
  },

  async update(_id, olds, news): Promise<dynamic.UpdateResult<Outputs>> {
    const inputs = checked.parse(news);
    if (olds.enabled === inputs.enabled && olds.projectId === inputs.projectId) {
      // Only adoptExisting or timeouts changed: stored without an Atlas call.
      return { outs: outputsOf(inputs, inputs.enabled) };
    }
    const op = start("update", inputs, news);
    return { outs: outputsOf(inputs, await converge(op, inputs.projectId, inputs.enabled)) };
  },

  async delete(id, props): Promise<void> {
    if (typeof props.projectId !== "string") throw unreadableStateError(label, id, "delete");
    const op = start("delete", props, props);
    try {
      await converge(op, props.projectId, false);
    } catch (error) {
      if (isNotFound(error)) {
        op.logger.info(`${describe(props.projectId)}: the project is gone from Atlas; nothing to disable`);
        return;
      }
      throw error;
    }
  },
};
