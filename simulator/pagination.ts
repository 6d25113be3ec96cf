import { invalidQueryParameter } from "./errors";
import type { RouteContext } from "./router";

export interface Link {
  href: string;
  rel: string;
}

export interface Page<T> {
  links: Link[];
  results: T[];
  totalCount?: number;
}

function integerParameter(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) throw invalidQueryParameter(name, `${name} must be an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw invalidQueryParameter(name, `${name} must be between ${min} and ${max}`);
  return value;
}

function booleanParameter(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalidQueryParameter(name, `${name} must be true or false`);
}

/**
 * Atlas pagination (the spec's list parameters): `itemsPerPage` 1..500 (default 100), `pageNum` (default 1; real
 * clients send 0 and Atlas accepts it, so 0 reads as 1), `includeCount` (default true). Links are
 * absolute, `self` always, `previous`/`next` when such a page exists.
 */
export function paginate<T>(items: readonly T[], context: RouteContext): Page<T> {
  const { query } = context;
  const itemsPerPage = integerParameter(query, "itemsPerPage", 100, 1, 500);
  const pageNum = Math.max(1, integerParameter(query, "pageNum", 1, 0, Number.MAX_SAFE_INTEGER));
  const includeCount = booleanParameter(query, "includeCount", true);
  const start = (pageNum - 1) * itemsPerPage;
  const results = items.slice(start, start + itemsPerPage);

  const pageLink = (page: number, rel: string): Link => {
    const params = new URLSearchParams(query);
    params.set("pageNum", String(page));
    params.set("itemsPerPage", String(itemsPerPage));
    return { href: context.link(`${context.path}?${params.toString()}`), rel };
  };
  const links: Link[] = [];
  if (pageNum > 1) links.push(pageLink(pageNum - 1, "previous"));
  links.push(pageLink(pageNum, "self"));
  if (start + itemsPerPage < items.length) links.push(pageLink(pageNum + 1, "next"));

  return includeCount ? { links, results, totalCount: items.length } : { links, results };
}
