import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  createResponseRecorder,
  createSpecValidator,
  describeWithSpec,
  inScopeOperationIds,
  indexOperations,
  locateSpec,
  operationSchemaRoots,
  patchedComponentSchemas,
  readSpecFile,
  schemaClosure,
  schemaView,
  specCacheDirectory,
  specEnvVariable,
  type SpecValidator,
} from "../support/spec";
import { explicitNullsInResponses, schemaPatches } from "../support/spec-patches";

const versioned = "application/vnd.atlas.2023-01-01+json;charset=utf-8";
const plainJson = "application/json";
const id = "5f7cac1adf5d6c6306f4b283";
const otherId = "6a0b1c2d3e4f5a6b7c8d9e0f";
const uuid = "0b0c1a2e-7e53-4c5a-9c4c-2d2d5f8b0a11";

// Bodies as Atlas returns or takes them: the spec's examples, and recorded answers where Atlas differs
// (test/support/spec-patches.ts).
const awsEndpointService = {
  id,
  cloudProvider: "AWS",
  regionName: "US_EAST_1",
  status: "WAITING_FOR_USER",
  errorMessage: null,
  endpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0afd34ee97e30d43f",
  interfaceEndpoints: [],
  supportedRemoteRegions: [],
};
const azureEndpointService = {
  id,
  cloudProvider: "AZURE",
  regionName: "US_EAST_2",
  status: "AVAILABLE",
  errorMessage: null,
  privateLinkServiceName: `pls_${id}`,
  privateLinkServiceResourceId: `/subscriptions/${uuid}/resourcegroups/rg_${id}/providers/Microsoft.Network/privateLinkServices/pls_${id}`,
  privateEndpoints: [],
};
const gcpEndpointService = {
  id,
  cloudProvider: "GCP",
  regionName: "CENTRAL_US",
  status: "AVAILABLE",
  errorMessage: null,
  endpointGroupNames: [],
  serviceAttachmentNames: ["projects/p-abcdef0123456789abcdef01/regions/us-central1/serviceAttachments/sa-1"],
  portMappingEnabled: true,
};
const awsPeerRequest = {
  providerName: "AWS",
  containerId: id,
  accepterRegionName: "us-east-1",
  awsAccountId: "123456789012",
  routeTableCidrBlock: "192.168.0.0/24",
  vpcId: "vpc-0123456789abcdef0",
};
const awsPeerResponse = {
  id: otherId,
  ...awsPeerRequest,
  connectionId: null,
  statusName: "INITIATING",
  errorStateName: null,
};
const azurePeerRequest = {
  providerName: "AZURE",
  containerId: id,
  azureDirectoryId: uuid,
  azureSubscriptionId: uuid,
  resourceGroupName: "my-rg",
  vnetName: "my-vnet",
};
const gcpPeerRequest = { providerName: "GCP", containerId: id, gcpProjectId: "my-gcp-project", networkName: "default" };
const awsContainer = {
  id,
  providerName: "AWS",
  atlasCidrBlock: "10.8.0.0/21",
  regionName: "US_EAST_1",
  provisioned: false,
  vpcId: "vpc-0123456789abcdef0",
};
const azureContainer = {
  id,
  providerName: "AZURE",
  atlasCidrBlock: "10.8.0.0/21",
  region: "US_EAST_2",
  provisioned: false,
  azureSubscriptionId: id,
  vnetName: null,
};
const gcpContainer = {
  id,
  providerName: "GCP",
  atlasCidrBlock: "10.8.0.0/18",
  regions: ["US_EAST_4", "US_WEST_3"],
  provisioned: false,
  gcpProjectId: null,
  networkName: null,
};
const awsServerlessEndpoint = {
  _id: id,
  providerName: "AWS",
  status: "RESERVED",
  comment: "app",
  errorMessage: null,
  endpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0afd34ee97e30d43f",
};
const azureEndpointIdIn = (resourceGroup: string) =>
  `/subscriptions/${uuid}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/privateEndpoints/pe-1`;
const duplicateServiceError = {
  error: 409,
  errorCode: "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION",
  reason: "Conflict",
  detail: "A private endpoint service already exists for AWS region US_EAST_1.",
  parameters: ["AWS", "US_EAST_1"],
};

describe("finding the spec", () => {
  const saved = process.env[specEnvVariable];
  afterEach(() => {
    if (saved === undefined) delete process.env[specEnvVariable];
    else process.env[specEnvVariable] = saved;
  });

  test("ATLAS_OPENAPI_SPEC wins over every other location", () => {
    const file = path.join(os.tmpdir(), `spec-locate-${process.pid}.json`);
    fs.writeFileSync(file, "{}");
    try {
      process.env[specEnvVariable] = file;
      expect(locateSpec()).toBe(file);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test("an ATLAS_OPENAPI_SPEC that points nowhere is an error naming the variable", () => {
    process.env[specEnvVariable] = path.join(os.tmpdir(), "no-such-spec.yaml");
    expect(() => locateSpec()).toThrow(/ATLAS_OPENAPI_SPEC=.*no such file/);
  });

  test("a file that is not an OpenAPI document is rejected", () => {
    const file = path.join(os.tmpdir(), `not-a-spec-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ hello: "world" }));
    try {
      expect(() => readSpecFile(file)).toThrow(/does not look like an OpenAPI document/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe("request and response views of a schema", () => {
  const schema = {
    type: "object",
    required: ["id", "secret", "name"],
    properties: {
      id: { type: "string", readOnly: true },
      secret: { type: "string", writeOnly: true },
      name: { type: "string" },
      note: { type: "string" },
    },
  };

  test("a request view drops readOnly properties and no longer requires them", () => {
    const view = schemaView(schema, "request");
    expect(Object.keys(view.properties ?? {})).toEqual(["secret", "name", "note"]);
    expect(view.required).toEqual(["secret", "name"]);
    expect(view.properties?.note.nullable).toBeUndefined();
  });

  test("a response view drops writeOnly properties and lets optional ones be null", () => {
    const view = schemaView(schema, "response");
    expect(Object.keys(view.properties ?? {})).toEqual(["id", "name", "note"]);
    expect(view.required).toEqual(["id", "name"]);
    expect(view.properties?.note.nullable).toBe(true);
    expect(view.properties?.name.nullable).toBeUndefined();
    expect(explicitNullsInResponses.id).toBe("explicit-null-for-optional-response-fields");
  });
});

describeWithSpec("the spec validator", (spec) => {
  let validator: SpecValidator;
  beforeAll(() => {
    validator = createSpecValidator(spec);
  });
  const response = (operationId: string, status: number, body: unknown, contentType: string | undefined = versioned) =>
    validator.validateResponse({ operationId, status, contentType, body });
  const request = (operationId: string, body: unknown, contentType: string | undefined = versioned) =>
    validator.validateRequest({ operationId, contentType, body });

  test("the parsed spec is cached outside the repository, keyed by the file's sha256", () => {
    const cached = path.join(specCacheDirectory(), `spec-${spec.sha256}.json`);
    expect(fs.existsSync(cached)).toBe(true);
    expect(path.relative(path.resolve(__dirname, "..", ".."), cached).startsWith("..")).toBe(true);
  });

  test("the in-scope operations use exactly the schemas listed below", () => {
    const operations = indexOperations(spec.document);
    const roots = inScopeOperationIds.flatMap((operationId) => {
      const located = operations.get(operationId);
      if (!located) throw new Error(`missing ${operationId}`);
      const { request: req, response: res } = operationSchemaRoots(spec.document, located.operation);
      return [...req, ...res];
    });
    expect(schemaClosure(patchedComponentSchemas(spec.document), roots)).toEqual(
      [
        "AWSCloudProviderContainer",
        "AWSPrivateLinkConnection",
        "ApiAtlasModifyEndpointServiceRequestView",
        "ApiError",
        "AwsNetworkPeeringConnectionSettings",
        "AzureCloudProviderContainer",
        "AzureNetworkPeeringConnectionSettings",
        "AzurePrivateLinkConnection",
        "BadRequestDetail",
        "BaseNetworkPeeringConnectionSettings",
        "CloudProviderContainer",
        "CloudProviderEndpointServiceRequest",
        "EndpointService",
        "FieldViolation",
        "GCPCloudProviderContainer",
        "GCPEndpointService",
        "GCPNetworkPeeringConnectionSettings",
        "Link",
        "PaginatedCloudProviderContainerView",
        "PaginatedContainerPeerView",
        "RequestAccepted",
        "ServerlessAWSTenantEndpoint",
        "ServerlessAWSTenantEndpointUpdate",
        "ServerlessAzureTenantEndpoint",
        "ServerlessAzureTenantEndpointUpdate",
        "ServerlessTenantCreateRequest",
        "ServerlessTenantEndpoint",
        "ServerlessTenantEndpointUpdate",
        // Registered cloud endpoints and the regional mode (docs/simulator.md, "Private endpoint registrations and the regional mode").
        "AWSInterfaceEndpoint",
        "AzurePrivateEndpoint",
        "CreateAWSEndpointRequest",
        "CreateAzureEndpointRequest",
        "CreateEndpointRequest",
        "CreateGCPEndpointGroupRequest",
        "CreateGCPForwardingRuleRequest",
        "GCPConsumerForwardingRule",
        "PrivateGCPEndpointGroup",
        "PrivateLinkEndpoint",
        "ProjectSettingItemView",
      ].sort(),
    );
  });

  describe("endpoint registration bodies (patches for the registration schemas)", () => {
    const create = "createGroupPrivateEndpointEndpointServiceEndpoint";
    const azureId =
      "/subscriptions/19265c27-b60e-4c3b-9426-ae3f507300b5/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";

    test("create bodies conform with and without cloudProvider, with an ordinary GCP project id", () => {
      expect(request(create, { id: "vpce-0123456789abcdef0" })).toEqual([]);
      expect(request(create, { cloudProvider: "AWS", id: "vpce-0123456789abcdef0" })).toEqual([]);
      expect(request(create, { id: azureId, privateEndpointIPAddress: "10.0.0.4" })).toEqual([]);
      expect(
        request(create, {
          gcpProjectId: "customer-project",
          endpointGroupName: "group",
          endpoints: [{ endpointName: "rule-0", ipAddress: "10.0.0.5" }],
        }),
      ).toEqual([]);
    });

    test("bad create bodies are caught: a short vpce id, an Azure body without its IP, a wrong provider tag", () => {
      expect(request(create, { id: "vpce-123" })).not.toEqual([]);
      expect(request(create, { id: azureId })).not.toEqual([]);
      expect(request(create, { cloudProvider: "GCP", id: "vpce-0123456789abcdef0" })).not.toEqual([]);
    });

    test("registration responses are checked per provider, and a service lists vpce ids", () => {
      const get = "getGroupPrivateEndpointEndpointServiceEndpoint";
      expect(
        response(get, 200, {
          cloudProvider: "AWS",
          connectionStatus: "AVAILABLE",
          deleteRequested: false,
          errorMessage: null,
          interfaceEndpointId: "vpce-0123456789abcdef0",
        }),
      ).toEqual([]);
      expect(response(get, 200, { cloudProvider: "AWS", status: "AVAILABLE" })).not.toEqual([]);
      expect(
        response("getGroupPrivateEndpointEndpointService", 200, {
          ...awsEndpointService,
          interfaceEndpoints: ["vpce-0123456789abcdef0"],
        }),
      ).toEqual([]);
      expect(response("getGroupPrivateEndpointRegionalMode", 200, { enabled: true })).toEqual([]);
      expect(request("toggleGroupPrivateEndpointRegionalMode", {})).not.toEqual([]);
    });
  });

  describe("known-good Atlas bodies pass", () => {
    test.each([
      ["AWS", awsEndpointService],
      ["Azure", azureEndpointService],
      ["GCP", gcpEndpointService],
    ])("the %s endpoint service response conforms", (_provider, body) => {
      expect(response("getGroupPrivateEndpointEndpointService", 200, body)).toEqual([]);
    });

    test("endpoint service create and update bodies conform", () => {
      expect(
        request("createGroupPrivateEndpointEndpointService", {
          providerName: "AWS",
          region: "US_EAST_1",
          supportedRemoteRegions: ["EU_WEST_1"],
        }),
      ).toEqual([]);
      expect(
        request("createGroupPrivateEndpointEndpointService", { providerName: "AZURE", region: "US_EAST_2" }),
      ).toEqual([]);
      expect(
        request("createGroupPrivateEndpointEndpointService", {
          providerName: "GCP",
          region: "CENTRAL_US",
          portMappingEnabled: true,
        }),
      ).toEqual([]);
      expect(
        request("updateGroupPrivateEndpointEndpointService", { cloudProvider: "AWS", supportedRemoteRegions: null }),
      ).toEqual([]);
    });

    test("a list of endpoint services is a bare array", () => {
      expect(
        response("listGroupPrivateEndpointEndpointService", 200, [awsEndpointService, awsEndpointService]),
      ).toEqual([]);
      expect(response("listGroupPrivateEndpointEndpointService", 200, { results: [awsEndpointService] })).toEqual([
        "listGroupPrivateEndpointEndpointService 200: / must be array",
      ]);
    });

    test.each([
      ["AWS", awsPeerRequest],
      ["Azure", azurePeerRequest],
      ["GCP", gcpPeerRequest],
    ])("the %s peering connection body conforms as a request and, with its state, as a response", (_provider, body) => {
      expect(request("createGroupPeer", body)).toEqual([]);
      expect(request("updateGroupPeer", body)).toEqual([]);
      expect(response("getGroupPeer", 200, { id: otherId, ...body })).toEqual([]);
    });

    test("a just-created AWS peer with explicit nulls conforms", () => {
      expect(response("createGroupPeer", 200, awsPeerResponse)).toEqual([]);
    });

    test("a page of peers conforms", () => {
      const page = {
        results: [awsPeerResponse, { id: otherId, ...gcpPeerRequest, status: "WAITING_FOR_USER", errorMessage: null }],
        totalCount: 2,
        links: [{ rel: "self", href: "https://cloud.mongodb.com/api/atlas/v2/groups/x/peers" }],
      };
      expect(response("listGroupPeers", 200, page)).toEqual([]);
    });

    test("containers of every provider conform, alone and in a page", () => {
      for (const container of [awsContainer, azureContainer, gcpContainer])
        expect(response("getGroupContainer", 200, container)).toEqual([]);
      expect(
        response("listGroupContainerAll", 200, {
          results: [awsContainer, azureContainer, gcpContainer],
          totalCount: 3,
        }),
      ).toEqual([]);
      expect(
        request("createGroupContainer", {
          providerName: "AWS",
          atlasCidrBlock: "10.8.0.0/21",
          regionName: "US_EAST_1",
        }),
      ).toEqual([]);
      expect(
        request("createGroupContainer", { providerName: "AZURE", atlasCidrBlock: "10.8.0.0/21", region: "US_EAST_2" }),
      ).toEqual([]);
      expect(
        request("createGroupContainer", { providerName: "GCP", atlasCidrBlock: "10.8.0.0/18", regions: ["US_EAST_4"] }),
      ).toEqual([]);
    });

    test("the serverless endpoint lifecycle bodies conform", () => {
      expect(request("createGroupPrivateEndpointServerlessInstanceEndpoint", { comment: "app" })).toEqual([]);
      expect(
        response("createGroupPrivateEndpointServerlessInstanceEndpoint", 201, {
          ...awsServerlessEndpoint,
          status: "RESERVATION_REQUESTED",
          endpointServiceName: null,
        }),
      ).toEqual([]);
      expect(
        request("updateGroupPrivateEndpointServerlessInstanceEndpoint", {
          providerName: "AWS",
          cloudProviderEndpointId: "vpce-0123456789abcdef0",
          comment: "app",
        }),
      ).toEqual([]);
      expect(response("listGroupPrivateEndpointServerlessInstanceEndpoint", 200, [awsServerlessEndpoint])).toEqual([]);
      expect(response("deleteGroupPrivateEndpointServerlessInstanceEndpoint", 204, undefined, undefined)).toEqual([]);
    });

    test("a deleted peer answers 202 with an empty object", () => {
      expect(response("deleteGroupPeer", 202, {})).toEqual([]);
      expect(response("deleteGroupPeer", 202, { status: "gone" })).toEqual([
        'deleteGroupPeer 202: / must NOT have additional properties: unknown property "status"',
      ]);
    });

    test("error bodies are ApiErrors sent as plain application/json", () => {
      expect(
        response(
          "getGroupPeer",
          404,
          { error: 404, errorCode: "PEER_NOT_FOUND", reason: "Not Found", detail: "No peer.", parameters: [id] },
          plainJson,
        ),
      ).toEqual([]);
      const rateLimited = {
        error: 429,
        errorCode: "RATE_LIMITED_TOKEN_BUCKET",
        reason: "Too Many Requests",
        detail: "Rate limit exceeded.",
        parameters: ["api/atlas/v2/orgs", 55, 10, 5, 60],
      };
      expect(response("listGroupContainers", 429, rateLimited, plainJson)).toEqual([]);
      const badRequest = {
        error: 400,
        errorCode: "VALIDATION_ERROR",
        reason: "Bad Request",
        detail: "bad",
        badRequestDetail: { fields: [{ field: "region", description: "required" }] },
      };
      expect(response("createGroupContainer", 400, badRequest, plainJson)).toEqual([]);
    });
  });

  describe("known-bad bodies fail with messages that name the operation, status and JSON pointer", () => {
    test("a missing required field", () => {
      const { awsAccountId: _dropped, ...withoutAccount } = awsPeerRequest;
      expect(request("createGroupPeer", withoutAccount)).toEqual([
        "createGroupPeer request: / must have required property 'awsAccountId'",
      ]);
      const { interfaceEndpoints: _none, ...withoutEndpoints } = awsEndpointService;
      expect(response("getGroupPrivateEndpointEndpointService", 200, withoutEndpoints)).toEqual([
        "getGroupPrivateEndpointEndpointService 200: / must have required property 'interfaceEndpoints'",
      ]);
    });

    test("a wrong enum value", () => {
      const problems = response("getGroupPrivateEndpointEndpointService", 200, {
        ...awsEndpointService,
        status: "READY",
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^getGroupPrivateEndpointEndpointService 200: \/status must be equal to one of the allowed values .*"WAITING_FOR_USER"/,
      );
    });

    test("a wrong pattern deep inside a page", () => {
      const page = { results: [awsContainer, { ...awsContainer, vpcId: "vpc-123" }] };
      const problems = response("listGroupContainers", 200, page);
      expect(problems).toEqual([
        expect.stringMatching(/^listGroupContainers 200: \/results\/1\/vpcId must match pattern/),
      ]);
    });

    test("an unknown provider tag", () => {
      expect(request("createGroupContainer", { providerName: "TENANT", atlasCidrBlock: "10.8.0.0/21" })).toEqual([
        'createGroupContainer request: / value of tag "providerName" must be in oneOf (got "TENANT")',
      ]);
    });

    test("a readOnly field sent in a request", () => {
      expect(request("createGroupPeer", { ...awsPeerRequest, id })).toEqual([
        'createGroupPeer request: / must NOT have additional properties: unknown property "id"',
      ]);
    });

    test("null for an optional request field the spec does not make nullable", () => {
      expect(
        request("createGroupPrivateEndpointEndpointService", {
          providerName: "GCP",
          region: "CENTRAL_US",
          portMappingEnabled: null,
        }),
      ).toEqual(["createGroupPrivateEndpointEndpointService request: /portMappingEnabled must be boolean"]);
    });

    test("a wrong content type, a body where none belongs, an undeclared status and an unknown operation", () => {
      expect(response("getGroupPeer", 404, { error: 404, errorCode: "PEER_NOT_FOUND" }, versioned)).toEqual([
        `getGroupPeer 404: content type ${versioned} is not application/json`,
      ]);
      expect(response("getGroupPeer", 200, awsPeerResponse, plainJson)).toEqual([
        "getGroupPeer 200: content type application/json is not application/vnd.atlas.2023-01-01+json",
      ]);
      expect(response("deleteGroupContainer", 204, { deleted: true })).toEqual([
        'deleteGroupContainer 204: expected no body, got {"deleted":true}',
      ]);
      expect(response("deleteGroupContainer", 200, {})).toEqual([
        "deleteGroupContainer 200: status 200 is not declared (declared: 204, 400, 401, 403, 404, 409, 429, 500) and not in the allowance list",
      ]);
      expect(response("noSuchOperation", 200, {})).toEqual([
        "noSuchOperation 200: no operation noSuchOperation in the spec",
      ]);
      expect(request("deleteGroupPeer", { force: true })).toEqual([
        "deleteGroupPeer request: the operation takes no body",
      ]);
      expect(request("createGroupPeer", undefined)).toEqual(["createGroupPeer request: a body is required"]);
    });
  });

  describe("each patch does what its comment says", () => {
    const patch = (patchId: string) => {
      const found = schemaPatches.find((p) => p.id === patchId);
      if (!found) throw new Error(`no patch ${patchId}`);
      return found;
    };
    const rawProperty = (schema: string, property: string) => {
      const raw = spec.document.components.schemas[schema];
      const holders = [raw, ...(raw.allOf ?? [])];
      return holders.map((h) => h.properties?.[property]).find(Boolean);
    };

    test("container-union-recursion: containers validate without recursing, against their provider's branch", () => {
      expect(patch("container-union-recursion").why).toMatch(/recurses forever/);
      const raw = spec.document.components.schemas;
      // The trap is real: each child's allOf points back at the parent that lists it in oneOf.
      expect(raw.AWSCloudProviderContainer.allOf?.[0].$ref).toBe("#/components/schemas/CloudProviderContainer");
      expect(raw.CloudProviderContainer.oneOf).toHaveLength(3);
      expect(response("getGroupContainer", 200, { ...awsContainer, region: "US_EAST_2" })).toEqual([
        'getGroupContainer 200: / must NOT have additional properties: unknown property "region"',
      ]);
      expect(request("createGroupContainer", { providerName: "GCP", atlasCidrBlock: "10.8.0.0/18" })).toEqual([
        "createGroupContainer request: / must have required property 'regions'",
      ]);
    });

    test("route-table-cidr-block-is-cidr: a CIDR block passes where the spec's IP pattern fails", () => {
      const specPattern = new RegExp(
        rawProperty("AwsNetworkPeeringConnectionSettings", "routeTableCidrBlock")?.pattern ?? "",
      );
      expect(specPattern.test("192.168.0.0/24")).toBe(false);
      expect(request("createGroupPeer", { ...awsPeerRequest, routeTableCidrBlock: "172.31.0.0/16" })).toEqual([]);
      expect(request("createGroupPeer", { ...awsPeerRequest, routeTableCidrBlock: "192.168.0.0" })).toEqual([
        expect.stringMatching(/^createGroupPeer request: \/routeTableCidrBlock must match pattern/),
      ]);
    });

    test("azure-serverless-endpoint-any-resource-group: an Azure private endpoint in any resource group passes", () => {
      const specPattern = new RegExp(
        rawProperty("ServerlessAzureTenantEndpointUpdate", "cloudProviderEndpointId")?.pattern ?? "",
      );
      expect(specPattern.test(azureEndpointIdIn("my-rg"))).toBe(false);
      const update = {
        providerName: "AZURE",
        cloudProviderEndpointId: azureEndpointIdIn("my-rg"),
        privateEndpointIpAddress: "10.0.0.4",
      };
      expect(request("updateGroupPrivateEndpointServerlessInstanceEndpoint", update)).toEqual([]);
      const endpoint = {
        _id: id,
        providerName: "AZURE",
        status: "AVAILABLE",
        cloudProviderEndpointId: azureEndpointIdIn("my-rg"),
        privateEndpointIpAddress: "10.0.0.4",
        endpointServiceName: `pls_${id}`,
      };
      expect(response("getGroupPrivateEndpointServerlessInstanceEndpoint", 200, endpoint)).toEqual([]);
      expect(
        request("updateGroupPrivateEndpointServerlessInstanceEndpoint", {
          ...update,
          cloudProviderEndpointId: "/subscriptions/x/pe",
        }),
      ).toEqual([expect.stringMatching(/\/cloudProviderEndpointId must match pattern/)]);
    });

    test("endpoint-service-discriminator-without-oneOf: the provider's own fields are checked", () => {
      expect(spec.document.components.schemas.EndpointService.oneOf).toBeUndefined();
      expect(
        response("getGroupPrivateEndpointEndpointService", 200, {
          ...azureEndpointService,
          privateLinkServiceName: "pls_nope",
        }),
      ).toEqual([
        expect.stringMatching(
          /^getGroupPrivateEndpointEndpointService 200: \/privateLinkServiceName must match pattern/,
        ),
      ]);
      expect(
        response("getGroupPrivateEndpointEndpointService", 200, { ...gcpEndpointService, interfaceEndpoints: [] }),
      ).toEqual([
        'getGroupPrivateEndpointEndpointService 200: / must NOT have additional properties: unknown property "interfaceEndpoints"',
      ]);
    });

    test("serverless-update-discriminator-without-oneOf: the AWS branch checks the AWS endpoint id", () => {
      expect(
        request("updateGroupPrivateEndpointServerlessInstanceEndpoint", {
          providerName: "AWS",
          cloudProviderEndpointId: azureEndpointIdIn("my-rg"),
        }),
      ).toEqual([
        expect.stringMatching(
          /^updateGroupPrivateEndpointServerlessInstanceEndpoint request: \/cloudProviderEndpointId must match pattern "\^vpce-/,
        ),
      ]);
    });

    test("serverless-endpoint-oneOf-without-required-providerName: providerName picks the branch and must be there", () => {
      const { providerName: _tag, ...untagged } = awsServerlessEndpoint;
      expect(response("getGroupPrivateEndpointServerlessInstanceEndpoint", 200, untagged)).toEqual([
        'getGroupPrivateEndpointServerlessInstanceEndpoint 200: / tag "providerName" must be string',
      ]);
      expect(
        response("getGroupPrivateEndpointServerlessInstanceEndpoint", 200, {
          ...awsServerlessEndpoint,
          privateEndpointIpAddress: "10.0.0.4",
        }),
      ).toEqual([
        'getGroupPrivateEndpointServerlessInstanceEndpoint 200: / must NOT have additional properties: unknown property "privateEndpointIpAddress"',
      ]);
    });

    test("peering-settings-tag-required: a peer body without providerName is rejected", () => {
      const { providerName: _tag, ...untagged } = gcpPeerRequest;
      expect(request("createGroupPeer", untagged)).toEqual([
        'createGroupPeer request: / tag "providerName" must be string',
      ]);
    });

    test("gcp-service-attachment-names-without-url: both the recorded path form and the spec's URL form pass", () => {
      const withUrl = {
        ...gcpEndpointService,
        serviceAttachmentNames: [
          "https://www.googleapis.com/compute/v1/projects/p-abc/regions/us-central1/serviceAttachments/sa-1",
        ],
      };
      expect(response("getGroupPrivateEndpointEndpointService", 200, withUrl)).toEqual([]);
      expect(response("getGroupPrivateEndpointEndpointService", 200, gcpEndpointService)).toEqual([]);
      expect(
        response("getGroupPrivateEndpointEndpointService", 200, {
          ...gcpEndpointService,
          serviceAttachmentNames: ["sa-1"],
        }),
      ).toEqual([expect.stringMatching(/\/serviceAttachmentNames\/0 must match pattern/)]);
    });

    test("api-error-parameters-any-json: strings and numbers in parameters pass", () => {
      expect(rawProperty("ApiError", "parameters")?.items).toEqual({ type: "object" });
      expect(response("createGroupPrivateEndpointEndpointService", 409, duplicateServiceError, plainJson)).toEqual([]);
    });

    test("explicit-null-for-optional-response-fields: Atlas's nulls pass in responses, required fields stay non-null", () => {
      expect(
        response("getGroupPrivateEndpointEndpointService", 200, {
          ...awsEndpointService,
          endpointServiceName: null,
          status: "INITIATING",
        }),
      ).toEqual([]);
      expect(
        response("getGroupPrivateEndpointEndpointService", 200, { ...awsEndpointService, interfaceEndpoints: null }),
      ).toEqual(["getGroupPrivateEndpointEndpointService 200: /interfaceEndpoints must be array"]);
    });

    test("the allowance list: 201 for an endpoint service create, 202 {} for its delete, undeclared errors as ApiError", () => {
      expect(response("createGroupPrivateEndpointEndpointService", 201, awsEndpointService)).toEqual([]);
      expect(response("createGroupPrivateEndpointEndpointService", 200, awsEndpointService)).toEqual([]);
      expect(response("deleteGroupPrivateEndpointEndpointService", 202, {})).toEqual([]);
      expect(response("deleteGroupPrivateEndpointEndpointService", 204, undefined, undefined)).toEqual([]);
      expect(response("deleteGroupPrivateEndpointEndpointService", 202, { id })).toEqual([
        'deleteGroupPrivateEndpointEndpointService 202: / must NOT have additional properties: unknown property "id"',
      ]);
      expect(
        response(
          "getGroupContainer",
          406,
          { error: 406, errorCode: "INVALID_VERSION", reason: "Not Acceptable", detail: null },
          plainJson,
        ),
      ).toEqual([]);
      expect(response("getGroupContainer", 406, { error: 406, reason: "Not Acceptable" }, plainJson)).toEqual([
        "getGroupContainer 406: / must have required property 'errorCode'",
      ]);
    });
  });

  describe("the response recorder", () => {
    test("validates the wrapped body of an envelope=true answer, not the wrapper", () => {
      const recorder = createResponseRecorder(validator);
      const path = `/api/atlas/v2/groups/${id}/containers/${id}`;
      recorder.observer({
        operationId: "getGroupContainer",
        method: "GET",
        path,
        status: 200,
        contentType: versioned,
        body: { status: 200, content: awsContainer },
        envelope: true,
      });
      expect(recorder.violations()).toEqual([]);
      recorder.observer({
        operationId: "getGroupContainer",
        method: "GET",
        path,
        status: 200,
        contentType: versioned,
        body: { status: 200, content: { ...awsContainer, vpcId: 7 } },
        envelope: true,
      });
      expect(recorder.violations()).toHaveLength(1);
    });

    test("collects distinct violations with the method and path, and counts every response", () => {
      const recorder = createResponseRecorder(validator);
      const path = `/api/atlas/v2/groups/${id}/containers/${id}`;
      recorder.observer({
        operationId: "getGroupContainer",
        method: "GET",
        path,
        status: 200,
        contentType: versioned,
        body: awsContainer,
        envelope: false,
      });
      recorder.observer({
        operationId: "getGroupContainer",
        method: "GET",
        path,
        status: 200,
        contentType: versioned,
        body: { ...awsContainer, vpcId: 7 },
        envelope: false,
      });
      recorder.observer({
        operationId: "getGroupContainer",
        method: "GET",
        path,
        status: 200,
        contentType: versioned,
        body: { ...awsContainer, vpcId: 7 },
        envelope: false,
      });
      recorder.observer({
        operationId: undefined,
        method: "GET",
        path: "/api/atlas/v2/nothing",
        status: 404,
        contentType: plainJson,
        body: { error: 404 },
        envelope: false,
      });
      expect(recorder.count()).toBe(4);
      expect(recorder.violations()).toEqual([
        `GET ${path} -> getGroupContainer 200: /vpcId must be string,null (seen 2 times)`,
        "GET /api/atlas/v2/nothing -> (no operation) 404: / must have required property 'errorCode'",
      ]);
      expect(recorder.seen()).toEqual([
        { operationId: "getGroupContainer", status: 200 },
        { operationId: "getGroupContainer", status: 200 },
        { operationId: "getGroupContainer", status: 200 },
        { operationId: undefined, status: 404 },
      ]);
    });
  });
});
