import type { ApiError } from "./errors";
import type { SimulatorState } from "./state";
import type { JsonObject } from "./validation";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** What a handler gets: validated path params, the query, the parsed body, and the simulator. */
export interface RouteContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON object for routes that take a body; undefined otherwise. */
  body: JsonObject | undefined;
  now: number;
  state: SimulatorState;
  /** The path of this request (for pagination links). */
  path: string;
  /** Absolute URL for a path+query on this server. */
  link(pathAndQuery: string): string;
  /** The errorMessage of a pending forced-FAILED fault matching this request, consumed; else undefined. */
  takeForcedFailure(): string | undefined;
}

export interface RouteResult {
  status: number;
  /** Undefined = no body (204). */
  body?: unknown;
}

export interface RouteDefinition {
  method: HttpMethod;
  /** Spec path template, e.g. /api/atlas/v2/groups/{groupId}/peers/{peerId}. */
  template: string;
  /** The operationId from the spec (mongodb/openapi, openapi/v2.yaml). */
  operationId: string;
  /** Whether the operation takes a JSON body (POST/PATCH). */
  takesBody: boolean;
  /** Whether the spec declares `pretty` on the operation (not on the serverless ones). */
  pretty: boolean;
  /** Runs before the body is read (e.g. the serverless sunset answer); may throw an ApiError. */
  precheck?(state: SimulatorState): ApiError | undefined;
  handle(context: RouteContext): RouteResult;
}

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
  segments: Segment[];
  definition: RouteDefinition;
}

export type RouteMatch =
  | { kind: "found"; route: RouteDefinition; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: HttpMethod[] }
  | { kind: "none" };

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/** Matches request paths to spec templates; literal segments win over parameters at the same place. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(definitions: readonly RouteDefinition[]) {
    this.routes = definitions.map((definition) => ({
      definition,
      segments: splitPath(definition.template).map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        return param ? { param: param[1] as string } : { literal: segment };
      }),
    }));
    // More literals first, so /containers/all beats /containers/{containerId}.
    this.routes.sort((a, b) => literalWeight(b) - literalWeight(a));
  }

  get definitions(): RouteDefinition[] {
    return this.routes.map((route) => route.definition);
  }

  match(method: string, path: string): RouteMatch {
    const parts = splitPath(path);
    const allowed: HttpMethod[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.definition.method === method) return { kind: "found", route: route.definition, params };
      // A literal-heavier template already matched for another method: keep looking for this method.
      allowed.push(route.definition.method);
    }
    return allowed.length > 0 ? { kind: "wrong-method", allowed: [...new Set(allowed)] } : { kind: "none" };
  }
}

function literalWeight(route: CompiledRoute): number {
  // Earlier literal positions weigh more: compare templates position by position.
  return route.segments.reduce((sum, segment, index) => sum + ("literal" in segment ? 2 ** (16 - index) : 0), 0);
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    let part: string;
    try {
      part = decodeURIComponent(parts[i] as string);
    } catch {
      return undefined;
    }
    if ("literal" in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      params[segment.param] = part;
    }
  }
  return params;
}
