import {
  DigestTestClient,
  RunningSimulator,
  atlasMediaType,
  startTestSimulator,
  testGroupId,
} from "../support/simulator";

const group = `/api/atlas/v2/groups/${testGroupId}`;

describe("simulator protocol: media types, error shapes, envelope, pretty, pagination", () => {
  let sim: RunningSimulator;
  let atlas: DigestTestClient;

  beforeAll(async () => {
    sim = await startTestSimulator();
    atlas = new DigestTestClient(sim);
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  describe("media types", () => {
    test("success bodies carry the versioned media type with charset", async () => {
      const response = await atlas.get(`${group}/privateEndpoint/AWS/endpointService`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
      expect(response.body).toEqual([]);
    });

    test.each([
      ["a missing Accept header", undefined],
      ["an unversioned Accept header", "application/json"],
      ["a wildcard Accept header", "*/*"],
      ["another API version", "application/vnd.atlas.2025-03-12+json"],
    ])("%s gets 406 INVALID_VERSION_DATE as plain JSON", async (_name, accept) => {
      const headers: Record<string, string> = accept === undefined ? {} : { Accept: accept };
      // The test client adds Accept unless told otherwise; an empty value removes it.
      const response = await atlas.get(`${group}/peers`, { headers: accept === undefined ? { Accept: "" } : headers });
      expect(response.status).toBe(406);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.body).toEqual({
        detail: "Invalid accept header or version date.",
        error: 406,
        errorCode: "INVALID_VERSION_DATE",
        parameters: [],
        reason: "Not Acceptable",
      });
    });

    test("an Accept list that includes the 2023-01-01 version is accepted", async () => {
      const response = await atlas.get(`${group}/peers`, {
        headers: { Accept: `application/json, ${atlasMediaType};q=0.9` },
      });
      expect(response.status).toBe(200);
    });

    test("a body sent as text/plain gets 415", async () => {
      const response = await atlas.post(`${group}/containers`, "{}", { headers: { "Content-Type": "text/plain" } });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ error: 415, errorCode: "UNSUPPORTED_MEDIA_TYPE" });
    });

    test("a body sent as plain application/json is accepted, as MongoDB's curl examples send it", async () => {
      const response = await atlas.post(
        `${group}/containers`,
        { providerName: "AWS", regionName: "US_EAST_1", atlasCidrBlock: "10.8.0.0/21" },
        { headers: { "Content-Type": "application/json" } },
      );
      expect(response.status).toBe(200);
    });
  });

  describe("errors", () => {
    test("a malformed path id gets 400 with badRequestDetail naming the parameter", async () => {
      const response = await atlas.get(`/api/atlas/v2/groups/NOT-HEX/peers/5f7cac1adf5d6c6306f4b28Z`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.body).toMatchObject({
        error: 400,
        errorCode: "PATH_PARAM_PARSE_ERROR",
        reason: "Bad Request",
        badRequestDetail: {
          fields: [
            { field: "groupId", description: expect.any(String) },
            { field: "peerId", description: expect.any(String) },
          ],
        },
      });
    });

    test("malformed JSON gets 400 MALFORMED_JSON", async () => {
      const response = await atlas.post(`${group}/containers`, "{not json");
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errorCode: "MALFORMED_JSON", detail: "Received JSON is malformed." });
    });

    test("unknown and read-only body fields are rejected, each listed in badRequestDetail", async () => {
      const response = await atlas.post(`${group}/containers`, {
        providerName: "AWS",
        regionName: "US_EAST_1",
        atlasCidrBlock: "10.8.0.0/21",
        vpcId: "vpc-0123456789abcdef0",
        color: "blue",
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        errorCode: "ATTRIBUTE_READ_ONLY",
        detail: "The attribute vpcId is read-only and cannot be changed by the user.",
        parameters: ["vpcId"],
      });
      const fields = (
        response.body as { badRequestDetail: { fields: { field: string }[] } }
      ).badRequestDetail.fields.map((f) => f.field);
      expect(fields).toEqual(["vpcId", "color"]);
    });

    test("an unknown path gets 404 RESOURCE_NOT_FOUND and a known path with another method gets 405", async () => {
      const missing = await atlas.get(`${group}/nothingHere`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: 404, errorCode: "RESOURCE_NOT_FOUND" });
      const wrongMethod = await atlas.request("PUT", `${group}/peers`);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get("allow")).toContain("GET");
    });
  });

  describe("envelope and pretty", () => {
    test("envelope=true wraps a single item in {status, content}", async () => {
      const created = await atlas.post(`${group}/containers?envelope=true`, {
        providerName: "AWS",
        regionName: "US_EAST_1",
        atlasCidrBlock: "10.8.0.0/21",
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ status: 200, content: { providerName: "AWS", regionName: "US_EAST_1" } });
    });

    test("envelope=true adds status to a paginated list and wraps a bare array", async () => {
      const page = await atlas.get(`${group}/containers/all?envelope=true`);
      expect(page.body).toMatchObject({ status: 200, results: [], totalCount: 0 });
      const list = await atlas.get(`${group}/privateEndpoint/AWS/endpointService?envelope=true`);
      expect(list.body).toEqual({ status: 200, content: [] });
    });

    test("envelope=true also wraps errors", async () => {
      const response = await atlas.get(`${group}/peers/5f7cac1adf5d6c6306f4b200?envelope=true`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ status: 404, content: { errorCode: "PEER_NOT_FOUND" } });
    });

    test("pretty=true indents the JSON, and serverless operations, which do not declare it, ignore it", async () => {
      const raw = await fetch(`${sim.baseUrl}${group}/containers/all?pretty=true`, {
        headers: { Accept: atlasMediaType, Authorization: await bearer() },
      });
      expect(await raw.text()).toContain('\n  "links"');
      const serverless = await fetch(
        `${sim.baseUrl}${group}/privateEndpoint/serverless/instance/inst-1/endpoint?pretty=true`,
        {
          headers: { Accept: atlasMediaType, Authorization: await bearer() },
        },
      );
      expect(await serverless.text()).toBe("[]");
    });
  });

  describe("pagination", () => {
    beforeEach(async () => {
      for (const [i, region] of ["US_EAST_1", "US_EAST_2", "US_WEST_1", "US_WEST_2", "EU_WEST_1"].entries()) {
        const response = await atlas.post(`${group}/containers`, {
          providerName: "AWS",
          regionName: region,
          atlasCidrBlock: `10.${i}.0.0/21`,
        });
        expect(response.status).toBe(200);
      }
    });

    test("itemsPerPage and pageNum select a page, with self/previous/next links and totalCount", async () => {
      const page = await atlas.get(`${group}/containers?providerName=AWS&itemsPerPage=2&pageNum=2`);
      const body = page.body as {
        results: { regionName: string }[];
        totalCount: number;
        links: { rel: string; href: string }[];
      };
      expect(body.results.map((r) => r.regionName)).toEqual(["US_WEST_1", "US_WEST_2"]);
      expect(body.totalCount).toBe(5);
      expect(body.links.map((l) => l.rel)).toEqual(["previous", "self", "next"]);
      const next = body.links.find((l) => l.rel === "next")?.href ?? "";
      expect(next.startsWith(`${sim.baseUrl}${group}/containers?`)).toBe(true);
      expect(new URL(next).searchParams.get("pageNum")).toBe("3");
      expect(new URL(next).searchParams.get("providerName")).toBe("AWS");
    });

    test("pageNum=0 is read as the first page, as Atlas accepts it", async () => {
      const page = await atlas.get(`${group}/containers?providerName=AWS&itemsPerPage=2&pageNum=0`);
      expect(page.status).toBe(200);
      expect((page.body as { results: { regionName: string }[] }).results.map((r) => r.regionName)).toEqual([
        "US_EAST_1",
        "US_EAST_2",
      ]);
    });

    test("includeCount=false leaves totalCount out", async () => {
      const page = await atlas.get(`${group}/containers/all?includeCount=false`);
      expect(page.body).not.toHaveProperty("totalCount");
      expect((page.body as { results: unknown[] }).results).toHaveLength(5);
    });

    test("itemsPerPage above 500 gets 400 INVALID_QUERY_PARAMETER", async () => {
      const page = await atlas.get(`${group}/containers/all?itemsPerPage=501`);
      expect(page.status).toBe(400);
      expect(page.body).toMatchObject({ errorCode: "INVALID_QUERY_PARAMETER", parameters: ["itemsPerPage"] });
    });
  });

  async function bearer(): Promise<string> {
    const response = await fetch(`${sim.baseUrl}/api/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
  }
});
