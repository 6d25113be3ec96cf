/**
 * Atlas's rules, one table for the library's schemas and the simulator's validation: regions (regions.ts),
 * container CIDR blocks (network.ts), ids and names (identifiers.ts). Every rule names its source beside it.
 */
export * from "./regions";
export * from "./network";
export * from "./identifiers";
