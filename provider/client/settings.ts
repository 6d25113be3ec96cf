/**
 * What a client is built from. `clientSettingsSchema` is the one source of truth: the types come
 * from it, and createAtlasClient validates programmatic settings with it, so a bad value fails
 * early with a message naming the setting (never its value: some of them are secrets).
 * Only `import type` this file from code on a provider's run path: its value side loads zod (config.ts
 * checks the stack's settings itself, so a provider process parses them once and never loads zod here).
 */
import { z } from "zod";
import type { Logger } from "../logger";
import { BaseUrlError, defaultBaseUrl, normalizeBaseUrl } from "./base-url";
import { ClientSettingsError } from "./errors";

const nonEmpty = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} is empty` });

export const digestCredentialsSchema = z.object({
  kind: z.literal("digest"),
  publicKey: nonEmpty("The API public key"),
  privateKey: nonEmpty("The API private key"),
});

export const serviceAccountCredentialsSchema = z.object({
  kind: z.literal("serviceAccount"),
  clientId: nonEmpty("The service account client id"),
  clientSecret: nonEmpty("The service account client secret"),
});

export const credentialsSchema = z.discriminatedUnion(
  "kind",
  [digestCredentialsSchema, serviceAccountCredentialsSchema],
  {
    error:
      'credentials must be { kind: "digest", publicKey, privateKey } or { kind: "serviceAccount", clientId, clientSecret }',
  },
);

export const budgetSettingsSchema = z.object({
  capacity: z.number().int().min(1, { error: "budget.capacity must be at least 1" }),
  refillPerSecond: z.number().positive({ error: "budget.refillPerSecond must be greater than 0" }),
});

export const retrySettingsSchema = z.object({
  maxRetries: z.number().int().min(0, { error: "retry.maxRetries must be 0 or more" }),
  minDelayMs: z.number().min(0, { error: "retry.minDelayMs must be 0 or more" }),
  maxDelayMs: z.number().min(0, { error: "retry.maxDelayMs must be 0 or more" }),
});

const loggerSchema = z.custom<Logger>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    ["debug", "info", "warn", "error"].every((m) => typeof (value as Record<string, unknown>)[m] === "function"),
  { error: "logger must have debug, info, warn and error methods" },
);

export const clientSettingsSchema = z.object({
  baseUrl: z
    .string()
    .default(defaultBaseUrl)
    .transform((value, ctx) => {
      try {
        return normalizeBaseUrl(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof BaseUrlError ? error.message : "invalid base URL" });
        return z.NEVER;
      }
    }),
  credentials: credentialsSchema,
  budget: budgetSettingsSchema.optional(),
  /**
   * Pace requests by Atlas's RateLimit-Limit / RateLimit-Remaining answers (default true); false leaves the
   * budget alone in charge, as a client that ignores those headers would be (the bench's baseline).
   */
  pacing: z.boolean().optional(),
  retry: retrySettingsSchema.optional(),
  /** Time limit of one API call, retries and budget waits included. */
  requestTimeoutMs: z.number().int().positive({ error: "requestTimeoutMs must be greater than 0" }).optional(),
  userAgent: z.string().min(1).optional(),
  logger: loggerSchema.optional(),
});

export type DigestCredentials = z.infer<typeof digestCredentialsSchema>;
export type ServiceAccountCredentials = z.infer<typeof serviceAccountCredentialsSchema>;
export type AtlasCredentials = z.infer<typeof credentialsSchema>;
export type RequestBudgetSettings = z.infer<typeof budgetSettingsSchema>;
export type RetrySettings = z.infer<typeof retrySettingsSchema>;
/** Settings as a caller writes them (baseUrl optional). */
export type ClientSettings = z.input<typeof clientSettingsSchema>;
/** Settings after validation (baseUrl normalised). */
export type ResolvedClientSettings = z.output<typeof clientSettingsSchema>;

export { ClientSettingsError };

/** Validates settings; the error lists each problem by setting name, without values. */
export function parseClientSettings(settings: ClientSettings): ResolvedClientSettings {
  const result = clientSettingsSchema.safeParse(settings);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return `${where}${issue.message}`;
  });
  throw new ClientSettingsError(`Invalid Atlas client settings: ${problems.join("; ")}`);
}
