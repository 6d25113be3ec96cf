import type * as dynamic from "@pulumi/pulumi/dynamic";
import { containsUnknown } from "./unknowns";

export interface DiffRules {
  /** Inputs Atlas cannot change: a change replaces the resource. */
  replaceOnChange: readonly string[];
  /** Inputs Atlas updates in place (PATCH). */
  updatable: readonly string[];
  /**
   * Inputs that only steer this Pulumi provider, never sent to Atlas (timeouts, poll, adoptExisting): stored by
   * an update without any API call. (Fields that only some cloud providers have are check.ts's fieldsOfSomeVariants.)
   */
  providerOnly: readonly string[];
  /** Atlas allows only one at a time (an endpoint service per provider and region): delete the old one first. */
  deleteBeforeReplace?: boolean;
}

/** Deep equality over JSON values; `undefined` and a missing key are the same, and so are null and missing. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const key of keys) {
      if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  return false;
}

/** The keys among `keys` whose value differs between old outputs and new inputs (an unknown counts as a change). */
export function changedKeys(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
): string[] {
  return keys.filter((key) => containsUnknown(news[key]) || !sameValue(olds[key], news[key]));
}

/**
 * Compares old outputs with new checked inputs. The serialized provider (`__provider`) is ignored on
 * purpose: it only loads the implementation by package name, so new code takes effect without an update
 * (pulumi/pulumi#12401 is what happens otherwise).
 */
export function diffByRules(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  rules: DiffRules,
): dynamic.DiffResult {
  const replaces = changedKeys(olds, news, rules.replaceOnChange);
  const updates = changedKeys(olds, news, [...rules.updatable, ...rules.providerOnly]);
  if (replaces.length > 0) {
    return { changes: true, replaces, deleteBeforeReplace: rules.deleteBeforeReplace ?? false };
  }
  return { changes: updates.length > 0 };
}
