import { BaseUrlError, isLoopbackHost, normalizeBaseUrl } from "../../provider/client/base-url";
import { AtlasApiError, apiErrorFromResponse, hasErrorCode, isNotFound } from "../../provider/client/errors";
import { expandPath } from "../../provider/client/operations";
import { Redactor, redactError } from "../../provider/client/redaction";
import { ClientSettingsError, parseClientSettings } from "../../provider/client/settings";

describe("base URL rules", () => {
  test("accepts https and strips a trailing slash", () => {
    expect(normalizeBaseUrl("https://cloud.mongodb.com/")).toBe("https://cloud.mongodb.com");
    expect(normalizeBaseUrl("https://proxy.example.com/atlas/")).toBe("https://proxy.example.com/atlas");
  });

  test("accepts plain http to loopback addresses only", () => {
    expect(normalizeBaseUrl("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
    expect(normalizeBaseUrl("http://127.12.0.9")).toBe("http://127.12.0.9");
    expect(normalizeBaseUrl("http://localhost:1234")).toBe("http://localhost:1234");
    expect(normalizeBaseUrl("http://[::1]:1234")).toBe("http://[::1]:1234");
    for (const url of [
      "http://cloud.mongodb.com",
      "http://10.0.0.1",
      "http://128.0.0.1",
      "http://localhost.example.com",
    ]) {
      expect(() => normalizeBaseUrl(url)).toThrow(BaseUrlError);
      expect(() => normalizeBaseUrl(url)).toThrow(/loopback address \(127\.0\.0\.0\/8, ::1, localhost\)/);
    }
  });

  test("recognises loopback spellings", () => {
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
    expect(isLoopbackHost("0.0.0.0")).toBe(false);
  });

  test("refuses other schemes, query strings and embedded credentials", () => {
    expect(() => normalizeBaseUrl("ftp://cloud.mongodb.com")).toThrow(/https:\/\//);
    expect(() => normalizeBaseUrl("https://cloud.mongodb.com?x=1")).toThrow(/query/);
    expect(() => normalizeBaseUrl("not a url")).toThrow(/not a valid URL/);
    expect(() => normalizeBaseUrl("https://me:hunter22@cloud.mongodb.com")).toThrow(/user name or password/);
    try {
      normalizeBaseUrl("https://me:hunter22@cloud.mongodb.com");
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter22");
    }
  });
});

describe("client settings validation", () => {
  test("reports each bad setting by name and never by value", () => {
    const secret = "secret-value-123";
    try {
      parseClientSettings({
        baseUrl: "http://example.com",
        credentials: { kind: "digest", publicKey: "", privateKey: secret },
        retry: { maxRetries: -1, minDelayMs: 1, maxDelayMs: 1 },
      });
      throw new Error("expected a ClientSettingsError");
    } catch (error) {
      expect(error).toBeInstanceOf(ClientSettingsError);
      const message = (error as Error).message;
      expect(message).toContain("baseUrl: The Atlas base URL http://example.com uses plain http://");
      expect(message).toContain("credentials.publicKey: The API public key is empty");
      expect(message).toContain("retry.maxRetries: retry.maxRetries must be 0 or more");
      expect(message).not.toContain(secret);
    }
  });

  test("defaults the base URL to Atlas", () => {
    const settings = parseClientSettings({
      credentials: { kind: "serviceAccount", clientId: "id", clientSecret: "s" },
    });
    expect(settings.baseUrl).toBe("https://cloud.mongodb.com");
  });
});

describe("redaction", () => {
  const redactor = new Redactor(["my-private-key", "tok.en.value"]);

  test("removes registered secrets wherever they appear", () => {
    expect(redactor.redact("key=my-private-key and my-private-key again")).toBe("key=[REDACTED] and [REDACTED] again");
  });

  test("removes Authorization headers of every scheme even when the secret is unknown", () => {
    const text = [
      "authorization: Bearer abcdefghijklmnop",
      '{"Authorization":"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}',
      'Digest username="pub", realm="MMS Public API", response="6629fae49393a05397450978507c4ef1"',
      "Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig",
      "client_secret=abc123def&x=1",
    ].join("\n");
    const redacted = new Redactor().redact(text);
    expect(redacted).not.toMatch(/abcdefghijklmnop|QWxhZGRpbjpvcGVuIHNlc2FtZQ|6629fae4|eyJhbGciOiJIUzI1NiJ9|abc123def/);
    expect(redacted).toContain("[REDACTED]");
  });

  test("rebuilds an error and its cause chain from redacted text only", () => {
    const inner = Object.assign(
      new Error('socket to host failed with Authorization: Digest username="x" response="y"'),
      {
        code: "ECONNRESET",
        socket: { secretOptions: "my-private-key" },
      },
    );
    const outer = new Error("request failed for tok.en.value", { cause: inner });
    const safe = redactError(outer, redactor);
    const cause = safe.cause as Error & { code?: string; socket?: unknown };
    expect(safe.message).toBe("request failed for [REDACTED]");
    expect(safe.stack).not.toContain("tok.en.value");
    expect(cause.code).toBe("ECONNRESET");
    expect(cause.socket).toBeUndefined();
    expect(cause.message).not.toContain("response=");
    expect(JSON.stringify(safe, Object.getOwnPropertyNames(safe))).not.toContain("my-private-key");
  });
});

describe("Atlas error bodies", () => {
  test("become an AtlasApiError naming method, path, status, errorCode, detail and invalid fields", () => {
    const error = apiErrorFromResponse({
      method: "POST",
      path: "/api/atlas/v2/groups/5f7cac1adf5d6c6306f4b283/containers",
      status: 400,
      operationId: "createGroupContainer",
      body: JSON.stringify({
        error: 400,
        errorCode: "VALIDATION_ERROR",
        reason: "Bad Request",
        detail: "Request body is invalid.",
        parameters: ["atlasCidrBlock", 21],
        badRequestDetail: { fields: [{ field: "atlasCidrBlock", description: "must be in RFC 1918 space" }] },
      }),
    });
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error.message).toBe(
      "Atlas API POST /api/atlas/v2/groups/5f7cac1adf5d6c6306f4b283/containers failed: HTTP 400 Bad Request VALIDATION_ERROR: " +
        "Request body is invalid. (invalid fields: atlasCidrBlock: must be in RFC 1918 space)",
    );
    expect(error.parameters).toEqual(["atlasCidrBlock", 21]);
    expect(error.operationId).toBe("createGroupContainer");
    expect(hasErrorCode(error, "VALIDATION_ERROR")).toBe(true);
    expect(isNotFound(error)).toBe(false);
  });

  test("a 404 is recognised by isNotFound", () => {
    const error = apiErrorFromResponse({
      method: "GET",
      path: "/p",
      status: 404,
      body: '{"error":404,"errorCode":"PEER_NOT_FOUND"}',
    });
    expect(isNotFound(error)).toBe(true);
    expect(isNotFound(new Error("404"))).toBe(false);
  });

  test("a body that is not Atlas JSON still yields the status and a short snippet", () => {
    const error = apiErrorFromResponse({ method: "GET", path: "/p", status: 502, body: "<html>Bad gateway</html>" });
    expect(error.message).toBe("Atlas API GET /p failed: HTTP 502: <html>Bad gateway</html>");
  });

  test("an OAuth error body names the OAuth error", () => {
    const error = apiErrorFromResponse({
      method: "POST",
      path: "/api/oauth/token",
      status: 401,
      body: '{"error":"invalid_client","error_description":"bad client"}',
    });
    expect(error.message).toBe("Atlas API POST /api/oauth/token failed: HTTP 401: invalid_client: bad client");
  });

  test("a secret echoed in a body is redacted", () => {
    const error = apiErrorFromResponse(
      {
        method: "GET",
        path: "/p",
        status: 400,
        body: '{"error":400,"errorCode":"X","detail":"key my-private-key is bad"}',
      },
      new Redactor(["my-private-key"]),
    );
    expect(error.message).not.toContain("my-private-key");
    expect(error.detail).toBe("key [REDACTED] is bad");
  });
});

describe("path templates", () => {
  test("percent-encode parameters so an id cannot add path segments", () => {
    expect(expandPath("/g/{groupId}/peers/{peerId}", { groupId: "abc", peerId: "../x y" })).toBe(
      "/g/abc/peers/..%2Fx%20y",
    );
  });

  test("refuse a missing parameter", () => {
    expect(() => expandPath("/g/{groupId}", {})).toThrow(/groupId/);
  });
});
