import { providerKey } from "./check";
import { messageOf } from "./errors";

/**
 * Thrown by create/update when Atlas accepted the change but the resource did not settle (FAILED, timeout).
 * The dynamic-provider host sees the `id` and sends ErrorResourceInitFailed: the engine keeps the resource
 * in state with this id and these outputs (so nothing leaks) and fails the deployment with the message.
 * The next `pulumi up` updates the resource; `pulumi destroy` deletes it.
 */
export class ResourceInitError extends Error {
  override readonly name = "ResourceInitError";
  readonly reasons: string[];

  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    message: string,
  ) {
    super(message);
    this.reasons = [message];
  }
}

/**
 * A ResourceInitError for `id` whose kept outputs are `outputs` plus the serialized provider taken from
 * `inputs`: without __provider in the kept outputs a later refresh or delete fails with
 * "code must be a string, not undefined".
 */
export function partialFailure(
  id: string,
  outputs: Record<string, unknown>,
  inputs: Record<string, unknown>,
  cause: unknown,
): ResourceInitError {
  return new ResourceInitError(id, { ...outputs, [providerKey]: inputs[providerKey] }, messageOf(cause));
}
