/**
 * The names users set credentials under: the official provider's stack config keys and environment
 * variables. Kept free of zod so that the package's public type declarations do not pull zod's in
 * (a stack with Pulumi's template tsconfig, without skipLibCheck, would type-check them).
 */
export const configKeys = {
  publicKey: "mongodbatlas:publicKey",
  privateKey: "mongodbatlas:privateKey",
  clientId: "mongodbatlas:clientId",
  clientSecret: "mongodbatlas:clientSecret",
  baseUrl: "mongodbatlas:baseUrl",
} as const;

export const envVars = {
  publicKey: "MONGODB_ATLAS_PUBLIC_KEY",
  privateKey: "MONGODB_ATLAS_PRIVATE_KEY",
  clientId: "MONGODB_ATLAS_CLIENT_ID",
  clientSecret: "MONGODB_ATLAS_CLIENT_SECRET",
  baseUrl: "MONGODB_ATLAS_BASE_URL",
} as const;

export class AtlasConfigurationError extends Error {
  override readonly name = "AtlasConfigurationError";
}
