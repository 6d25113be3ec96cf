/**
 * Outputs go to the engine as a protobuf Struct, whose conversion throws on undefined ("Unexpected struct
 * type"): every output record is built without it.
 */

export function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Without undefined and without null, for outputs where Atlas's null carries nothing users need. */
export function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null));
}

/** The values of `keys` that are set (neither undefined nor null). */
export function pick(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return compact(Object.fromEntries(keys.map((key) => [key, values[key]])));
}
