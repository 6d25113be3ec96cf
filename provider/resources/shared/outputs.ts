/**
 * Outputs go to the engine as a protobuf Struct, whose conversion throws on undefined ("Unexpected struct
 * type"): every output record is built without it.
 */

/** The entries whose value is not undefined (null stays: Atlas's null is an output value). */
export function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** The entries whose value is neither undefined nor null, for outputs where Atlas's null carries nothing users need. */
export function withoutNullish(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null));
}

/** The entries of `keys` whose value is neither undefined nor null. */
export function pickNonNullish(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return withoutNullish(Object.fromEntries(keys.map((key) => [key, values[key]])));
}
