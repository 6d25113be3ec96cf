import { invalidVersionDate, unsupportedMediaType } from "./errors";

/** The one resource version every operation this project calls declares in the Atlas Admin API v2 spec. */
const atlasVersion = "2023-01-01";
export const atlasMediaType = `application/vnd.atlas.${atlasVersion}+json`;
/** What Atlas was recorded sending on success (mongodb-atlas-cli e2e test snapshots). */
export const successContentType = `${atlasMediaType};charset=utf-8`;
/** Error bodies are plain JSON, not the versioned type: the spec declares them `application/json` (`ApiError`). */
export const errorContentType = "application/json";

const versionedType = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/;

interface MediaRange {
  type: string;
  quality: number;
}

function parseMediaRanges(header: string): MediaRange[] {
  return header
    .split(",")
    .map((part) => {
      const [type = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => p.toLowerCase().startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { type: type.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((range) => range.type !== "");
}

/**
 * Throws 406 INVALID_VERSION_DATE unless `Accept` names the 2023-01-01 version. A missing or
 * unversioned Accept (`application/json`, `*\/*`) is refused, as Atlas does (issue
 * montumodi/mongodb-atlas-api-client#58). Atlas may resolve newer dates to the newest version on or
 * before them; this simulator is strict on purpose so clients send exactly the version they were built for.
 */
export function assertAcceptable(accept: string | undefined): void {
  if (!accept) throw invalidVersionDate();
  const acceptable = parseMediaRanges(accept).some((range) => range.type === atlasMediaType && range.quality > 0);
  if (!acceptable) throw invalidVersionDate();
}

/**
 * Checks the Content-Type of a request that carries a body. Accepted: the versioned type (what the SDK
 * sends) and plain `application/json` (what MongoDB's curl examples send). Another Atlas version → 406
 * INVALID_VERSION_DATE, as for Accept; anything else, or none → 415 (simulator's choice, documented).
 */
export function assertJsonContentType(contentType: string | undefined): void {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === atlasMediaType || type === "application/json") return;
  if (type && versionedType.test(type)) throw invalidVersionDate();
  throw unsupportedMediaType(contentType);
}
