import {
  digestAuthorization,
  digestResponse,
  formatNonceCount,
  parseAuthParams,
  parseDigestChallenge,
} from "../../provider/client/digest";

describe("Digest response computation", () => {
  test("matches the RFC 2617 section 3.5 example (MD5, qop=auth)", () => {
    const response = digestResponse(
      { realm: "testrealm@host.com", nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", algorithm: "MD5" },
      { username: "Mufasa", password: "Circle Of Life" },
      { method: "GET", uri: "/dir/index.html" },
      { nc: 1, cnonce: "0a4f113b" },
    );
    expect(response).toBe("6629fae49393a05397450978507c4ef1");
  });

  test("matches the RFC 7616 section 3.9.1 example with MD5", () => {
    const response = digestResponse(
      { realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", algorithm: "MD5" },
      { username: "Mufasa", password: "Circle of Life" },
      { method: "GET", uri: "/dir/index.html" },
      { nc: 1, cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ" },
    );
    expect(response).toBe("8ca523f5e9506fed4657c9700eebdbec");
  });

  test("matches the RFC 7616 section 3.9.1 example with SHA-256", () => {
    const response = digestResponse(
      { realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", algorithm: "SHA-256" },
      { username: "Mufasa", password: "Circle of Life" },
      { method: "GET", uri: "/dir/index.html" },
      { nc: 1, cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ" },
    );
    expect(response).toBe("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  });

  test("writes the nonce count as eight hex digits", () => {
    expect(formatNonceCount(1)).toBe("00000001");
    expect(formatNonceCount(255)).toBe("000000ff");
  });

  test("builds an Authorization header that carries every field the server needs", () => {
    const header = digestAuthorization(
      { realm: "MMS Public API", nonce: "abc", qop: "auth", algorithm: "MD5", stale: false, opaque: "xyz" },
      { username: "pub", password: "priv" },
      { method: "POST", uri: "/api/atlas/v2/groups/1/peers?pageNum=1" },
      { nc: 3, cnonce: "c0ffee" },
    );
    expect(header).toMatch(/^Digest /);
    const params = parseAuthParams(header.slice("Digest ".length));
    expect(Object.fromEntries(params)).toEqual({
      username: "pub",
      realm: "MMS Public API",
      nonce: "abc",
      uri: "/api/atlas/v2/groups/1/peers?pageNum=1",
      algorithm: "MD5",
      qop: "auth",
      nc: "00000003",
      cnonce: "c0ffee",
      response: digestResponse(
        { realm: "MMS Public API", nonce: "abc", algorithm: "MD5" },
        { username: "pub", password: "priv" },
        { method: "POST", uri: "/api/atlas/v2/groups/1/peers?pageNum=1" },
        { nc: 3, cnonce: "c0ffee" },
      ),
      opaque: "xyz",
    });
    expect(header).not.toContain('priv"');
  });
});

describe("Digest challenge parsing", () => {
  test("reads Atlas's challenge exactly as Atlas sends it", () => {
    const challenge = parseDigestChallenge(
      'Digest realm="MMS Public API", domain="", nonce="n0nce+/=", algorithm=MD5, qop="auth", stale=false',
    );
    expect(challenge).toEqual({
      realm: "MMS Public API",
      nonce: "n0nce+/=",
      qop: "auth",
      algorithm: "MD5",
      stale: false,
    });
  });

  test("recognises stale=true", () => {
    expect(parseDigestChallenge('Digest realm="r", nonce="n", qop="auth", stale=true')?.stale).toBe(true);
  });

  test("keeps commas and escaped quotes inside quoted values", () => {
    const params = parseAuthParams('realm="a, b", nonce="x\\"y", qop="auth,auth-int"');
    expect(params.get("realm")).toBe("a, b");
    expect(params.get("nonce")).toBe('x"y');
    expect(params.get("qop")).toBe("auth,auth-int");
  });

  test("picks the Digest challenge among several WWW-Authenticate values", () => {
    const challenge = parseDigestChallenge(['Bearer realm="x"', 'Digest realm="r", nonce="n", qop="auth"']);
    expect(challenge?.nonce).toBe("n");
  });

  test("returns undefined when there is no Digest challenge", () => {
    expect(parseDigestChallenge(undefined)).toBeUndefined();
    expect(parseDigestChallenge('Bearer realm="x"')).toBeUndefined();
  });

  test("refuses a challenge without qop=auth or with an unknown algorithm", () => {
    expect(() => parseDigestChallenge('Digest realm="r", nonce="n"')).toThrow(/qop/);
    expect(() => parseDigestChallenge('Digest realm="r", nonce="n", qop="auth", algorithm=SHA-512-256')).toThrow(
      /algorithm/,
    );
  });
});
