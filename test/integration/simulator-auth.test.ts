import {
  DigestTestClient,
  RunningSimulator,
  SimulatorTime,
  atlasMediaType,
  digestAuthorization,
  parseChallenge,
  sendRaw,
  startTestSimulator,
  testGroupId,
} from "../support/simulator";

const listPath = `/api/atlas/v2/groups/${testGroupId}/privateEndpoint/AWS/endpointService`;
const challengeShape =
  /^Digest realm="MMS Public API", domain="", nonce="([^"]+)", algorithm=MD5, qop="auth", stale=(true|false)$/;

describe("simulator authentication", () => {
  let sim: RunningSimulator;
  // Nonces and tokens expire on simulator time, which moves only when a test says so: a busy machine cannot
  // make a one-second token expire between two requests of a test that expects it valid.
  const time = new SimulatorTime();

  beforeAll(async () => {
    sim = await startTestSimulator({ nonceTtlMs: 60_000, tokenTtlSeconds: 1, now: time.now });
  });
  afterAll(() => sim.close());

  async function challenge(): Promise<string> {
    const response = await sendRaw(sim, "GET", listPath, { headers: { Accept: atlasMediaType } });
    return parseChallenge(response.headers.get("www-authenticate") ?? "").nonce as string;
  }

  function answer(nonce: string, nonceCount: number, password = sim.credentials.privateKey, uri = listPath) {
    return sendRaw(sim, "GET", uri, {
      headers: {
        Accept: atlasMediaType,
        Authorization: digestAuthorization({
          username: sim.credentials.publicKey,
          password,
          nonce,
          method: "GET",
          uri,
          nonceCount,
        }),
      },
    });
  }

  test("an unauthenticated request gets 401 with exactly the Atlas digest challenge and an ApiError body", async () => {
    const response = await sendRaw(sim, "GET", listPath, { headers: { Accept: atlasMediaType } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(challengeShape);
    expect(response.headers.get("www-authenticate")).toContain("stale=false");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.body).toMatchObject({ error: 401, errorCode: "UNAUTHORIZED", reason: "Unauthorized" });
  });

  test("one nonce can be reused with an increasing nonce count", async () => {
    const nonce = await challenge();
    for (const nonceCount of [1, 2, 3, 7]) {
      expect((await answer(nonce, nonceCount)).status).toBe(200);
    }
  });

  test("a repeated nonce count is refused as stale with a new nonce", async () => {
    const nonce = await challenge();
    expect((await answer(nonce, 5)).status).toBe(200);
    const refused = await answer(nonce, 5);
    expect(refused.status).toBe(401);
    const params = parseChallenge(refused.headers.get("www-authenticate") ?? "");
    expect(params.stale).toBe("true");
    expect(params.nonce).not.toBe(nonce);
  });

  test("nonce counts that arrive out of order (concurrent connections) are each accepted once", async () => {
    const nonce = await challenge();
    for (const nonceCount of [3, 1, 2]) {
      expect((await answer(nonce, nonceCount)).status).toBe(200);
    }
    expect((await answer(nonce, 1)).status).toBe(401);
  });

  test("answering a fresh challenge on every call works, as the official SDK does", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await answer(await challenge(), 1)).status).toBe(200);
    }
  });

  test("a wrong password gets 401 with stale=false", async () => {
    const refused = await answer(await challenge(), 1, "not-the-private-key");
    expect(refused.status).toBe(401);
    expect(parseChallenge(refused.headers.get("www-authenticate") ?? "").stale).toBe("false");
    expect(JSON.stringify(refused.body)).not.toContain(sim.credentials.privateKey);
  });

  test("a digest computed for another uri is refused", async () => {
    const nonce = await challenge();
    const otherUri = `/api/atlas/v2/groups/${testGroupId}/peers`;
    const response = await sendRaw(sim, "GET", listPath, {
      headers: {
        Accept: atlasMediaType,
        Authorization: digestAuthorization({
          username: sim.credentials.publicKey,
          password: sim.credentials.privateKey,
          nonce,
          method: "GET",
          uri: otherUri,
          nonceCount: 1,
        }),
      },
    });
    expect(response.status).toBe(401);
  });

  test("an expired nonce with a valid answer gets 401 with stale=true", async () => {
    const shortTime = new SimulatorTime();
    const shortLived = await startTestSimulator({ nonceTtlMs: 30, now: shortTime.now });
    try {
      const first = await sendRaw(shortLived, "GET", listPath, { headers: { Accept: atlasMediaType } });
      const nonce = parseChallenge(first.headers.get("www-authenticate") ?? "").nonce as string;
      shortTime.advance(31);
      const response = await sendRaw(shortLived, "GET", listPath, {
        headers: {
          Accept: atlasMediaType,
          Authorization: digestAuthorization({
            username: shortLived.credentials.publicKey,
            password: shortLived.credentials.privateKey,
            nonce,
            method: "GET",
            uri: listPath,
            nonceCount: 1,
          }),
        },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(challengeShape);
      expect(parseChallenge(response.headers.get("www-authenticate") ?? "").stale).toBe("true");
    } finally {
      await shortLived.close();
    }
  });

  test("a client reusing an expired nonce is told it is stale and succeeds with the new one", async () => {
    const shortTime = new SimulatorTime();
    const shortLived = await startTestSimulator({ nonceTtlMs: 300, now: shortTime.now });
    try {
      const client = new DigestTestClient(shortLived);
      expect((await client.get(listPath)).status).toBe(200);
      shortTime.advance(301);
      expect((await client.get(listPath)).status).toBe(200);
      const statuses = shortLived.control.getRequestLog().map((entry) => entry.status);
      expect(statuses).toEqual([401, 200, 401, 200]);
    } finally {
      await shortLived.close();
    }
  });

  describe("OAuth service accounts", () => {
    const basic = () =>
      `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString("base64")}`;

    async function token(authorization = basic(), body = "grant_type=client_credentials") {
      return sendRaw(sim, "POST", "/api/oauth/token", {
        headers: {
          Authorization: authorization,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body,
      });
    }

    const withBearer = (accessToken: string) =>
      sendRaw(sim, "GET", listPath, { headers: { Accept: atlasMediaType, Authorization: `Bearer ${accessToken}` } });

    test("the token endpoint issues a bearer token that authorizes API calls", async () => {
      const response = await token();
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 1 });
      expect((await withBearer((response.body as { access_token: string }).access_token)).status).toBe(200);
    });

    test("a bearer token stops working once it expires", async () => {
      const { access_token } = (await token()).body as { access_token: string };
      expect((await withBearer(access_token)).status).toBe(200);
      time.advance(1_000);
      const expired = await withBearer(access_token);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ errorCode: "UNAUTHORIZED", detail: expect.stringContaining("expired") });
    });

    test("a revoked token stops working at once", async () => {
      const { access_token } = (await token()).body as { access_token: string };
      const revoke = await sendRaw(sim, "POST", "/api/oauth/revoke", {
        headers: { Authorization: basic(), "Content-Type": "application/x-www-form-urlencoded" },
        body: `token=${encodeURIComponent(access_token)}&token_type_hint=access_token`,
      });
      expect(revoke.status).toBe(200);
      expect((await withBearer(access_token)).status).toBe(401);
    });

    test("a wrong client secret gets invalid_client and another grant type gets unsupported_grant_type", async () => {
      const wrong = await token(`Basic ${Buffer.from(`${sim.credentials.clientId}:nope`).toString("base64")}`);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ error: "invalid_client" });
      const grant = await token(basic(), "grant_type=password");
      expect(grant.status).toBe(400);
      expect(grant.body).toMatchObject({ error: "unsupported_grant_type" });
    });

    test("an unknown bearer token gets 401 with the digest challenge", async () => {
      const response = await withBearer("not-a-token");
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(challengeShape);
    });
  });
});
