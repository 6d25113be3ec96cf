import { providerKey } from "./check";

/**
 * What the dynamic-provider host turns into ErrorResourceInitFailed: the engine keeps the resource in
 * state with this id and these outputs (so nothing leaks) and fails the deployment with the message.
 * The next `pulumi up` updates the resource, `pulumi destroy` deletes it.
 */
export interface ResourceInitFailure {
  id: string;
  properties: Record<string, unknown>;
  message: string;
  reasons: string[];
}

export function partialFailure(
  id: string,
  outputs: Record<string, unknown>,
  inputs: Record<string, unknown>,
  cause: unknown,
): ResourceInitFailure {
  const message = cause instanceof Error ? cause.message : String(cause);
  // Without __provider in the kept outputs a later refresh or delete fails with
  // "code must be a string, not undefined".
  return { id, properties: { ...outputs, [providerKey]: inputs[providerKey] }, message, reasons: [message] };
}

export function isResourceInitFailure(value: unknown): value is ResourceInitFailure {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { id?: unknown }).id === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}
