import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TOOLS, ToolError, type ToolContext } from "@/server/agents/tools";
import { vetAddress } from "@/server/agents/tools/net/ip-policy";
import { normaliseHost } from "@/server/agents/tools/net/host";
import { logger } from "@/server/obs/logger";

/** A local server standing in for an allowed API (real HTTP; the harness opts in to http + loopback). */
let server: http.Server;
let port: number;
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let bigClosedEarly = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const url = req.url!;
      if (url === "/json")
        return res.writeHead(200, { "content-type": "application/json", "set-cookie": "sid=1" }).end('{"ok":true,"n":1}');
      if (url === "/text") return res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("hello 世界");
      if (url === "/echo")
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, body }));
      if (url === "/binary") return res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from([0, 1, 2]));
      if (url === "/gzip") return res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end("xx");
      if (url === "/none") return res.writeHead(200).end("no type");
      if (url === "/big") {
        res.writeHead(200, { "content-type": "text/plain" });
        const piece = "a".repeat(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 64) {
            sent++;
            if (!res.write(piece)) return res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => (bigClosedEarly = sent < 64));
        return pump();
      }
      if (url === "/slow") return; // never answers
      if (url === "/redirect-ok") return res.writeHead(302, { location: "/json" }).end();
      if (url === "/redirect-303") return res.writeHead(303, { location: "/echo" }).end();
      if (url === "/redirect-private") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      if (url === "/redirect-loopback-name") return res.writeHead(301, { location: `http://rebind.test.example:${port}/json` }).end();
      if (url === "/redirect-other-host") return res.writeHead(307, { location: "http://elsewhere.example/" }).end();
      if (url === "/redirect-loop") return res.writeHead(302, { location: "/redirect-loop" }).end();
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const API = "api.test.example";

/** The harness's context: a fixed resolver (no real DNS), and the test-only opt-in for http + loopback. */
function harness(over: Partial<ToolContext> = {}): ToolContext {
  return {
    tenantId: randomUUID(),
    search: async () => [],
    allowedHosts: [API, "rebind.test.example"],
    signal: new AbortController().signal,
    resolver: async (host) => {
      if (host === API) return [{ address: "127.0.0.1", family: 4 }];
      if (host === "rebind.test.example") return [{ address: "10.0.0.7", family: 4 }];
      throw new Error("ENOTFOUND");
    },
    testNetwork: { allowHttp: true, allowLoopback: true },
    ...over,
  };
}

/** A production-shaped context: https only, no loopback, resolver injected per test. */
function strict(allowedHosts: string[], addresses: string[] = ["93.184.216.34"]): ToolContext {
  return {
    tenantId: randomUUID(),
    search: async () => [],
    allowedHosts,
    signal: new AbortController().signal,
    resolver: async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }) as const),
  };
}

async function refusal(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolError> {
  const error = await TOOLS.http_request.run(args, ctx).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, JSON.stringify(args)).toBeInstanceOf(ToolError);
  return error as ToolError;
}

describe("http_request against an allowed host", () => {
  it("GETs JSON and text, sends no cookies or credentials, returns no response headers", async () => {
    const json = await TOOLS.http_request.run({ url: `http://${API}:${port}/json` }, harness());
    expect(json.output).toMatchObject({ status: 200, json: { ok: true, n: 1 }, truncated: false });
    expect(JSON.stringify(json.output)).not.toContain("sid=1");
    expect(json.summary).toContain(`GET ${API} → 200`);
    const text = await TOOLS.http_request.run({ url: `http://${API}:${port}/text` }, harness());
    expect(text.output).toMatchObject({ status: 200, text: "hello 世界" });
    const request = seen.find((s) => s.url === "/json")!;
    expect(request.headers.host).toBe(`${API}:${port}`);
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  });

  it("POSTs a JSON body; a 303 turns it into a GET without the body", async () => {
    const posted = await TOOLS.http_request.run({ url: `http://${API}:${port}/echo`, method: "POST", body: { a: 1 } }, harness());
    expect(posted.output).toMatchObject({ json: { method: "POST", body: '{"a":1}' } });
    const redirected = await TOOLS.http_request.run({ url: `http://${API}:${port}/redirect-303`, method: "POST", body: "x" }, harness());
    expect(redirected.output).toMatchObject({ json: { method: "GET", body: "" } });
  });

  it("connects to the vetted address: the name is resolved once per hop, by us, and never again by the socket", async () => {
    let calls = 0;
    const ctx = harness({
      resolver: async () => {
        calls++;
        return [{ address: "127.0.0.1", family: 4 }];
      },
    });
    // api.test.example does not exist in real DNS: only the pinned lookup can have connected it.
    await TOOLS.http_request.run({ url: `http://${API}:${port}/redirect-ok` }, ctx);
    expect(calls).toBe(2);
  });

  it("follows a redirect on the same host, re-vetting it", async () => {
    const result = await TOOLS.http_request.run({ url: `http://${API}:${port}/redirect-ok` }, harness());
    expect(result.output).toMatchObject({ status: 200, json: { ok: true }, url: `http://${API}:${port}/json` });
  });

  it("refuses redirects to a private address, to a name resolving to one, to another host, and more than three", async () => {
    const warn = vi.spyOn(logger, "warn");
    try {
      expect((await refusal({ url: `http://${API}:${port}/redirect-private` }, harness())).code).toBe("ssrf_blocked");
      expect((await refusal({ url: `http://${API}:${port}/redirect-loopback-name` }, harness())).code).toBe("ssrf_blocked");
      expect((await refusal({ url: `http://${API}:${port}/redirect-other-host` }, harness())).code).toBe("host_not_allowed");
      expect((await refusal({ url: `http://${API}:${port}/redirect-loop` }, harness())).code).toBe("too_many_redirects");
      // Every refusal is logged with the host and the reason, never the URL's path or query.
      const logged = warn.mock.calls.map((c) => c[0] as Record<string, unknown>);
      expect(logged).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ tool: "http_request", code: "ssrf_blocked", host: "169.254.169.254" }),
          expect.objectContaining({ code: "host_not_allowed", host: "elsewhere.example" }),
        ]),
      );
      expect(JSON.stringify(logged)).not.toContain("meta-data");
    } finally {
      warn.mockRestore();
    }
  });

  it("cuts an oversized body at the cap and closes the connection", async () => {
    const result = await TOOLS.http_request.run({ url: `http://${API}:${port}/big` }, harness());
    expect(result.output).toMatchObject({ status: 200, truncated: true, bytes: 256 * 1024 });
    expect((result.output as { text: string }).text).toHaveLength(256 * 1024);
    await vi.waitFor(() => expect(bigClosedEarly).toBe(true));
    const small = await TOOLS.http_request.run({ url: `http://${API}:${port}/text` }, harness({ httpLimits: { maxBytes: 5 } }));
    expect(small.output).toMatchObject({ text: "hello", truncated: true });
  });

  it("gives up at the deadline", async () => {
    const started = Date.now();
    const error = await refusal({ url: `http://${API}:${port}/slow` }, harness({ httpLimits: { timeoutMs: 300 } }));
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3000);
    // A caller cannot loosen the limits beyond the defaults.
    const aborted = new AbortController();
    setTimeout(() => aborted.abort(), 100);
    expect(
      (await refusal({ url: `http://${API}:${port}/slow` }, harness({ signal: aborted.signal, httpLimits: { timeoutMs: 10 ** 9 } }))).code,
    ).toBe("aborted");
  });

  it("returns only text and JSON", async () => {
    for (const path of ["/binary", "/gzip", "/none"]) {
      expect((await refusal({ url: `http://${API}:${port}${path}` }, harness())).code, path).toBe("unsupported_content_type");
    }
  });

  it("refuses bad arguments", async () => {
    for (const args of [
      {},
      { url: 42 },
      { url: `http://${API}:${port}/json`, method: "DELETE" },
      { url: `http://${API}:${port}/json`, body: "x" },
    ]) {
      expect((await refusal(args, harness())).code, JSON.stringify(args)).toBe("invalid_arguments");
    }
    expect((await refusal({ url: "not a url" }, harness())).code).toBe("invalid_url");
    expect((await refusal({ url: `http://user:pw@${API}:${port}/json` }, harness())).code).toBe("invalid_url");
  });
});

describe("SSRF refusals (production-shaped context: https only, no loopback)", () => {
  it.each([
    "https://127.0.0.1/",
    "https://127.1/",
    "https://2130706433/",
    "https://0x7f.1/",
    "https://0x7f000001/",
    "https://017700000001/",
    "https://0177.0.0.1/",
    "https://[::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://[::ffff:7f00:1]/",
    "https://[0:0:0:0:0:ffff:a9fe:a9fe]/",
    "https://0.0.0.0/",
    "https://0/",
    "https://10.1.2.3/",
    "https://172.16.5.4/",
    "https://192.168.0.1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://100.64.0.1/",
    "https://224.0.0.1/",
    "https://255.255.255.255/",
    "https://[fd00::1]/",
    "https://[fe80::1]/",
    "https://[ff02::1]/",
    "http://example.com/",
    "file:///etc/passwd",
    "gopher://example.com:70/",
    "ftp://example.com/",
  ])("refuses %s as ssrf_blocked", async (url) => {
    expect((await refusal({ url }, strict(["example.com"]))).code).toBe("ssrf_blocked");
  });

  it("refuses a public IP literal as not allowed (the allow-list holds names only)", async () => {
    expect((await refusal({ url: "https://8.8.8.8/" }, strict(["example.com"]))).code).toBe("host_not_allowed");
  });

  it("refuses hosts that are not on the allow-list, exactly matched", async () => {
    for (const url of ["https://evil.example/", "https://sub.example.com/", "https://example.com.evil.example/", "https://localhost/"]) {
      expect((await refusal({ url }, strict(["example.com"]))).code, url).toBe("host_not_allowed");
    }
  });

  it.each([
    [["127.0.0.1"]],
    [["93.184.216.34", "127.0.0.1"]],
    [["10.0.0.5"]],
    [["192.168.1.1"]],
    [["172.31.255.255"]],
    [["169.254.169.254"]],
    [["100.100.100.200"]],
    [["0.0.0.0"]],
    [["::1"]],
    [["::ffff:127.0.0.1"]],
    [["::ffff:7f00:1"]],
    [["fd12:3456::1"]],
    [["fe80::1"]],
    [["2606:4700::1111", "fc00::1"]],
  ])("refuses an allowed name that resolves to %j", async (addresses) => {
    expect((await refusal({ url: "https://example.com/" }, strict(["example.com"], addresses))).code).toBe("ssrf_blocked");
  });

  it("refuses an allowed name that really resolves to loopback (system DNS: localhost)", async () => {
    const ctx = strict(["localhost"]);
    delete ctx.resolver;
    expect((await refusal({ url: "https://localhost/" }, ctx)).code).toBe("ssrf_blocked");
  });

  it("keeps private ranges closed even with the loopback opt-in", async () => {
    expect((await refusal({ url: "http://rebind.test.example/" }, harness())).code).toBe("ssrf_blocked");
  });

  it("ignores the test opt-in in production", async () => {
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      expect((await refusal({ url: `http://${API}:${port}/json` }, harness())).code).toBe("ssrf_blocked");
      expect((await refusal({ url: `https://${API}:${port}/json` }, harness())).code).toBe("ssrf_blocked");
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = previous;
    }
  });
});

describe("address and host rules", () => {
  it("classifies addresses", () => {
    for (const a of ["8.8.8.8", "142.250.1.1", "2606:4700:4700::1111", "1.1.1.1"]) expect(vetAddress(a).allowed, a).toBe(true);
    for (const a of [
      "127.0.0.1",
      "10.0.0.1",
      "::1",
      "::",
      "::ffff:8.8.8.8",
      "0:0:0:0:0:ffff:7f00:1",
      "::127.0.0.1",
      "64:ff9b::a00:1",
      "2002:7f00:1::",
      "198.18.0.1",
    ]) {
      expect(vetAddress(a).allowed, a).toBe(false);
    }
    expect(vetAddress("127.0.0.1", { allowLoopback: true }).allowed).toBe(true);
    expect(vetAddress("::1", { allowLoopback: true }).allowed).toBe(true);
    expect(vetAddress("10.0.0.1", { allowLoopback: true }).allowed).toBe(false);
  });

  it("normalises allow-list host names (lower case, punycode) and refuses anything else", () => {
    expect(normaliseHost(" API.Example.COM. ")).toBe("api.example.com");
    expect(normaliseHost("例子.中国")).toBe("xn--fsqu00a.xn--fiqs8s");
    for (const bad of [
      "https://example.com",
      "example.com/path",
      "example.com:443",
      "user@example.com",
      "127.0.0.1",
      "[::1]",
      "1.2.3",
      "0x7f.1",
      "",
      "a..b",
      "-bad.example",
      "exa mple.com",
    ]) {
      expect(normaliseHost(bad), bad).toBeNull();
    }
  });
});
