/**
 * Every place where we knowingly depart from the official Atlas OpenAPI spec, in one file.
 *
 * The spec (mongodb/openapi openapi/v2.yaml) is the contract, but a plain JSON-Schema reading of it
 * recurses forever on one union, cannot pick a branch on three others, and rejects values that real
 * Atlas sends or accepts. Each entry below says what the spec says, what Atlas really does, and where
 * that was seen (the Terraform provider mongodb/terraform-provider-mongodbatlas, the Go SDK
 * mongodb/atlas-sdk-go, MongoDB's documentation, or Atlas responses recorded in mongodb/mongodb-atlas-cli's
 * e2e test snapshots).
 * Both the validator (test/support/spec.ts) and the wire-type generator apply these patches, so the
 * generated types and the conformance tests agree on the same reading of the spec.
 */

/** An OpenAPI 3.0 schema object, as much of it as this project reads. */
export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  $ref?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  nullable?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  additionalProperties?: boolean | OpenApiSchema;
  title?: string;
  description?: string;
  [keyword: string]: unknown;
}

/** Component schemas by name (`components.schemas`). */
export type SchemaMap = Record<string, OpenApiSchema>;

export interface SchemaPatch {
  /** Stable id, listed in the generated wire-types header. */
  id: string;
  /** What the spec says, what Atlas does instead, and where that was recorded. */
  why: string;
  /** Mutates the (already deep-cloned) in-scope component schemas. */
  apply(schemas: SchemaMap): void;
}

const componentRef = (name: string) => `#/components/schemas/${name}`;
export const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1);

function schemaNamed(schemas: SchemaMap, name: string): OpenApiSchema {
  const schema = schemas[name];
  if (!schema) throw new Error(`spec patch: component schema ${name} is missing from the spec (did the spec change?)`);
  return schema;
}

function propertyOf(schemas: SchemaMap, schemaName: string, property: string): OpenApiSchema {
  const schema = schemaNamed(schemas, schemaName);
  // The property may sit in the schema itself or in an allOf part (the serverless update children).
  const holders = [schema, ...(schema.allOf ?? [])];
  for (const holder of holders) {
    const found = holder.properties?.[property];
    if (found) return found;
  }
  throw new Error(`spec patch: ${schemaName}.${property} is missing from the spec (did the spec change?)`);
}

/**
 * Rewrites a polymorphic parent into `oneOf` + `discriminator` over self-contained children:
 * each child gets the parent's properties and required list merged in, its `allOf` reference back to
 * the parent removed (that back-reference is what recurses forever), and the tag property narrowed to
 * its one mapped value and made required. The result validates with ajv's `discriminator` keyword and
 * turns into a TypeScript discriminated union.
 */
export function makeDiscriminatedUnion(
  schemas: SchemaMap,
  parentName: string,
  propertyName: string,
  mapping: Record<string, string>,
): void {
  const parent = schemaNamed(schemas, parentName);
  const parentRef = componentRef(parentName);
  for (const [tag, childName] of Object.entries(mapping)) {
    const child = schemaNamed(schemas, childName);
    const parts = [
      parent,
      ...(child.allOf ?? []).filter((part) => part.$ref !== parentRef),
      { properties: child.properties, required: child.required },
    ];
    for (const part of parts) {
      if (part.$ref) throw new Error(`spec patch: ${childName} has an unexpected allOf reference ${part.$ref}`);
    }
    const properties: Record<string, OpenApiSchema> = {};
    const required = new Set<string>();
    for (const part of parts) {
      Object.assign(properties, part.properties ?? {});
      for (const name of part.required ?? []) required.add(name);
    }
    const tagProperty = properties[propertyName] ?? { type: "string" };
    properties[propertyName] = { ...tagProperty, enum: [tag] };
    required.add(propertyName);
    const flattened: OpenApiSchema = { ...child, type: "object", properties, required: [...required].sort() };
    delete flattened.allOf;
    schemas[childName] = flattened;
  }
  schemas[parentName] = {
    type: "object",
    discriminator: {
      propertyName,
      mapping: Object.fromEntries(Object.entries(mapping).map(([t, c]) => [t, componentRef(c)])),
    },
    oneOf: Object.values(mapping).map((childName) => ({ $ref: componentRef(childName) })),
  };
}

function mappingOf(schemas: SchemaMap, parentName: string): Record<string, string> {
  const mapping = schemaNamed(schemas, parentName).discriminator?.mapping;
  if (!mapping)
    throw new Error(`spec patch: ${parentName} no longer has a discriminator mapping (did the spec change?)`);
  return Object.fromEntries(Object.entries(mapping).map(([tag, ref]) => [tag, refName(ref)]));
}

/** IPv4 address with a prefix length: what `routeTableCidrBlock` really carries. */
export const ipv4CidrPattern =
  "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)$";

export const schemaPatches: SchemaPatch[] = [
  {
    id: "container-union-recursion",
    why:
      "CloudProviderContainer is a oneOf of AWS/Azure/GCP containers, and each child is allOf back into " +
      "CloudProviderContainer: a JSON-Schema validator recurses forever. Atlas tags containers by providerName " +
      "(TENANT and SERVERLESS are listed but not mapped and never returned by these endpoints).",
    apply: (s) =>
      makeDiscriminatedUnion(s, "CloudProviderContainer", "providerName", mappingOf(s, "CloudProviderContainer")),
  },
  {
    id: "endpoint-service-discriminator-without-oneOf",
    why:
      "EndpointService declares a cloudProvider discriminator but no oneOf, so validating against it checks only " +
      "the base fields, and each child's cloudProvider enum lists all three providers. Atlas returns the " +
      "provider's own shape (AWS interfaceEndpoints, Azure privateLinkServiceName, GCP serviceAttachmentNames).",
    apply: (s) => makeDiscriminatedUnion(s, "EndpointService", "cloudProvider", mappingOf(s, "EndpointService")),
  },
  {
    id: "serverless-update-discriminator-without-oneOf",
    why:
      "ServerlessTenantEndpointUpdate declares a providerName discriminator but no oneOf, and its children allOf " +
      "back into it: the provider-specific cloudProviderEndpointId pattern is never checked.",
    apply: (s) =>
      makeDiscriminatedUnion(
        s,
        "ServerlessTenantEndpointUpdate",
        "providerName",
        mappingOf(s, "ServerlessTenantEndpointUpdate"),
      ),
  },
  {
    id: "serverless-endpoint-oneOf-without-required-providerName",
    why:
      "ServerlessTenantEndpoint is a oneOf of AWS/Azure with no discriminator and no required field, so an object " +
      "matches both branches and oneOf fails. Atlas always returns providerName; we make it the discriminator.",
    apply: (s) =>
      makeDiscriminatedUnion(s, "ServerlessTenantEndpoint", "providerName", {
        AWS: "ServerlessAWSTenantEndpoint",
        AZURE: "ServerlessAzureTenantEndpoint",
      }),
  },
  {
    id: "peering-settings-tag-required",
    why:
      "BaseNetworkPeeringConnectionSettings maps providerName to three children, but each child's providerName " +
      "enum lists every provider and none requires it, so a body without providerName matches no single branch " +
      "(and Atlas treats a missing providerName as AWS). Clients always send it.",
    apply: (s) =>
      makeDiscriminatedUnion(
        s,
        "BaseNetworkPeeringConnectionSettings",
        "providerName",
        mappingOf(s, "BaseNetworkPeeringConnectionSettings"),
      ),
  },
  {
    id: "route-table-cidr-block-is-cidr",
    why:
      "AwsNetworkPeeringConnectionSettings.routeTableCidrBlock has an IP-address pattern, so it rejects " +
      "192.168.0.0/24; Atlas takes (and returns) a CIDR block, as the Terraform provider's examples send.",
    apply: (s) => {
      propertyOf(s, "AwsNetworkPeeringConnectionSettings", "routeTableCidrBlock").pattern = ipv4CidrPattern;
    },
  },
  {
    id: "azure-serverless-endpoint-any-resource-group",
    why:
      "The Azure serverless cloudProviderEndpointId pattern hard-codes the resource group privateLink; Atlas " +
      "accepts a private endpoint in any resource group (Azure's own resource-group rule: [-\\w._()]+).",
    apply: (s) => {
      const anyGroup = (pattern: string | undefined) => {
        if (!pattern?.includes("private[Ll]ink")) throw new Error("spec patch: the Azure endpoint id pattern changed");
        return pattern.replace("private[Ll]ink", "[-\\w._()]+");
      };
      for (const name of ["ServerlessAzureTenantEndpointUpdate", "ServerlessAzureTenantEndpoint"]) {
        const property = propertyOf(s, name, "cloudProviderEndpointId");
        property.pattern = anyGroup(property.pattern);
      }
    },
  },
  {
    id: "gcp-service-attachment-names-without-url",
    why:
      "GCPEndpointService.serviceAttachmentNames items must start with https://…; recorded Atlas responses " +
      "carry projects/p-xxxx/regions/<region>/serviceAttachments/<name> with no URL prefix (mongodb-atlas-cli " +
      "e2e snapshots, Aug 2026). Accept both: the pattern keeps only the path part.",
    apply: (s) => {
      const items = propertyOf(s, "GCPEndpointService", "serviceAttachmentNames").items;
      if (!items?.pattern) throw new Error("spec patch: GCPEndpointService.serviceAttachmentNames lost its pattern");
      items.pattern = "projects\\/p-[a-z0-9]+\\/regions\\/[a-z\\-0-9]+\\/serviceAttachments\\/[a-z0-9\\-]+";
    },
  },
  {
    id: "private-link-endpoint-discriminator-without-oneOf",
    why:
      "PrivateLinkEndpoint (a registered cloud endpoint) declares a cloudProvider discriminator but no oneOf, so " +
      "validating against it checks only the base fields. Atlas returns the provider's own shape (AWS " +
      "connectionStatus, Azure status and privateEndpointResourceId, GCP endpoints).",
    apply: (s) =>
      makeDiscriminatedUnion(s, "PrivateLinkEndpoint", "cloudProvider", mappingOf(s, "PrivateLinkEndpoint")),
  },
  {
    id: "gcp-endpoint-group-project-id-is-a-gcp-project",
    why:
      "CreateGCPEndpointGroupRequest.gcpProjectId has Atlas's own project pattern ^p-[0-9a-z]{24}$, but it is the " +
      "customer's GCP project, where the endpoints were created: the Kubernetes operator's docs send " +
      '"atlasoperator" and Terraform sends var.gcp_project_id (docs/simulator.md, "Private endpoint registrations and the regional mode"). ' +
      "Accept any GCP project id (6-30 lower-case letters, digits and hyphens, starting with a letter).",
    apply: (s) => {
      const property = propertyOf(s, "CreateGCPEndpointGroupRequest", "gcpProjectId");
      if (property.pattern !== "^p-[0-9a-z]{24}$") throw new Error("spec patch: the gcpProjectId pattern changed");
      property.pattern = "^[a-z][-a-z0-9]{4,28}[a-z0-9]$";
    },
  },
  {
    id: "create-endpoint-request-provider-from-path",
    why:
      "CreateEndpointRequest is a oneOf of the AWS/Azure/GCP bodies with a cloudProvider discriminator, and each " +
      "branch is allOf back into CreateEndpointRequest: a JSON-Schema validator recurses forever. Terraform, the " +
      "Kubernetes operator and the Atlas CLI never send cloudProvider (Atlas takes it from the path): each branch is flattened with cloudProvider optional (narrowed to its provider), and the " +
      "union is a plain oneOf, which the branches' required fields and closed properties keep unambiguous.",
    apply: (s) => {
      makeDiscriminatedUnion(s, "CreateEndpointRequest", "cloudProvider", mappingOf(s, "CreateEndpointRequest"));
      const parent = schemaNamed(s, "CreateEndpointRequest");
      for (const branch of parent.oneOf ?? []) {
        const child = schemaNamed(s, refName(branch.$ref as string));
        child.required = (child.required ?? []).filter((name) => name !== "cloudProvider");
      }
      delete parent.discriminator;
    },
  },
  {
    id: "aws-interface-endpoints-are-vpce-ids",
    why:
      "AWSPrivateLinkConnection.interfaceEndpoints items have the 24-hex pattern of Atlas ids, but Atlas lists the " +
      "registered AWS interface endpoints by their vpce ids: the Kubernetes operator passes each item as the " +
      'endpointId of GET .../endpoint/{endpointId}, and the Go client\'s fixtures show ["vpce-08fb7e9319909ec7b"] ' +
      '(docs/simulator.md, "Private endpoint registrations and the regional mode").',
    apply: (s) => {
      const items = propertyOf(s, "AWSPrivateLinkConnection", "interfaceEndpoints").items;
      if (items?.pattern !== "^([a-f0-9]{24})$") throw new Error("spec patch: the interfaceEndpoints pattern changed");
      items.pattern = "^vpce-[0-9a-f]{17}$";
    },
  },
  {
    id: "api-error-parameters-any-json",
    why:
      "ApiError.parameters items are typed object, but Atlas sends strings and numbers, e.g. " +
      '["AWS","US_EAST_1"] for PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION and ["api/atlas/v2/orgs",55,10,5,60] ' +
      "for RATE_LIMITED_TOKEN_BUCKET (Atlas rate-limit docs).",
    apply: (s) => {
      const parameters = propertyOf(s, "ApiError", "parameters");
      parameters.items = {};
    },
  },
];

/**
 * Response-side patch (applied when the response view of a schema is built, never to requests):
 * the spec marks none of these optional fields nullable, but Atlas returns explicit `null` for them
 * (`endpointServiceName`, `errorMessage`, `privateLinkServiceName`, `connectionId`, ...) while a resource
 * is building.
 */
export const explicitNullsInResponses = {
  id: "explicit-null-for-optional-response-fields",
  /**
   * Required in the spec, yet null in Atlas's answers: AwsNetworkPeeringConnectionSettings.accepterRegionName
   * is null when the customer VPC is in the Atlas VPC's region (the spec's own description says so;
   * mongodb/terraform-provider-mongodbatlas#2105 fills it in from the container).
   */
  requiredButNullInResponses: new Set(["accepterRegionName"]),
  allowNullForOptionalProperties(schema: OpenApiSchema): void {
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (!required.has(name) || this.requiredButNullInResponses.has(name)) property.nullable = true;
    }
  },
};

/**
 * Responses Atlas sends although the operation does not declare them. Each is accepted by the
 * validator (with the body checked against `bodySchema`, or no body when null).
 */
export interface ResponseAllowance {
  operationId: string;
  /** A status code, or "error" for any 4xx/5xx. */
  status: number | "error";
  /** Component schema the body must match; null when no body is expected. */
  bodySchema: string | null;
  contentType: string | null;
  why: string;
}

export const atlasSuccessMediaType = "application/vnd.atlas.2023-01-01+json";
export const atlasErrorMediaType = "application/json";

export const responseAllowances: ResponseAllowance[] = [
  {
    operationId: "createGroupPrivateEndpointEndpointService",
    status: 201,
    bodySchema: "EndpointService",
    contentType: atlasSuccessMediaType,
    why: "The spec declares 200; recorded Atlas answered 201 Created (mongodb-atlas-cli e2e snapshots, Aug 2026).",
  },
  {
    operationId: "deleteGroupPrivateEndpointEndpointService",
    status: 202,
    bodySchema: "RequestAccepted",
    contentType: atlasSuccessMediaType,
    why: "The spec declares 204; recorded Atlas answered 202 Accepted with body {} (mongodb-atlas-cli e2e snapshots, Aug 2026).",
  },
  {
    operationId: "*",
    status: "error",
    bodySchema: "ApiError",
    contentType: atlasErrorMediaType,
    why:
      "The declared error lists are incomplete: Atlas answers 409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION " +
      "on a duplicate endpoint service [obs], 406 on a missing or unversioned Accept header " +
      "(montumodi/mongodb-atlas-api-client#58), and 400 on malformed path ids. Every Atlas error body is an ApiError.",
  },
];
