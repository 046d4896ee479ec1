import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * X-Forwarded-* are claims; the socket peer is the fact. These load the modules afresh under a
 * given environment (server/env.ts validates at import) and build headers the way the running
 * server sees them: with the peer stamped under the per-process header.
 */
async function load(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  const [address, meta, url, peer] = await Promise.all([
    import("@/server/http/client-address"),
    import("@/server/http/request-meta"),
    import("@/server/http/app-url"),
    import("@/server/http/peer-address"),
  ]);
  const headers = (peerAddress: string | null, extra: Record<string, string> = {}) => {
    const h = new Headers(extra);
    if (peerAddress) h.set(peer.peerAddressHeader(), peerAddress);
    return h;
  };
  return { ...address, ...meta, ...url, headers };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const SPOOF = {
  "x-forwarded-for": "198.51.100.66",
  "x-real-ip": "198.51.100.67",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  host: "app.example:3000",
};

describe("with no trusted proxies (the default)", () => {
  it("records the socket address, never what the client claims", async () => {
    const m = await load({ TRUSTED_PROXIES: undefined, APP_URL: undefined });
    expect(m.requestMetaFromHeaders(m.headers("203.0.113.9", SPOOF)).ip).toBe("203.0.113.9");
    expect(m.requestMetaFromHeaders(m.headers("::ffff:203.0.113.9", SPOOF)).ip).toBe("203.0.113.9");
    // An in-process caller (no socket): unknown, not the header's claim.
    expect(m.requestMetaFromHeaders(m.headers(null, SPOOF)).ip).toBeNull();
  });

  it("ignores X-Forwarded-Host and -Proto when building origins and links", async () => {
    const m = await load({ TRUSTED_PROXIES: undefined, APP_URL: undefined });
    const h = m.headers("203.0.113.9", SPOOF);
    expect(m.forwardedHost(h)).toBeNull();
    expect(m.requestOrigin(h)).toBe("http://app.example:3000");
    expect(m.baseUrlFrom(h)).toBe("http://app.example:3000");
  });

  it("a client cannot forge the peer header: its name is random per process", async () => {
    const m = await load({ TRUSTED_PROXIES: undefined });
    const { peerAddressHeader } = await import("@/server/http/peer-address");
    expect(peerAddressHeader()).toMatch(/^x-agentry-peer-[0-9a-f]{16}$/);
    expect(m.requestMetaFromHeaders(new Headers({ "x-agentry-peer": "10.9.9.9", ...SPOOF })).ip).toBeNull();
  });
});

describe("with APP_URL set", () => {
  it("hands out links on APP_URL whatever the request says", async () => {
    const m = await load({ APP_URL: "https://agentry.example.com/", TRUSTED_PROXIES: "10.0.0.0/8" });
    for (const peer of ["203.0.113.9", "10.0.0.5"]) {
      expect(m.baseUrlFrom(m.headers(peer, SPOOF))).toBe("https://agentry.example.com");
    }
  });

  it("takes the protocol from APP_URL for its own host", async () => {
    const m = await load({ APP_URL: "https://agentry.example.com", TRUSTED_PROXIES: undefined });
    expect(m.requestOrigin(m.headers("203.0.113.9", { host: "agentry.example.com" }))).toBe("https://agentry.example.com");
    expect(m.requestOrigin(m.headers("203.0.113.9", { host: "other.example" }))).toBe("http://other.example");
  });
});

describe("with TRUSTED_PROXIES", () => {
  it("believes a trusted proxy, walking X-Forwarded-For from the right past trusted hops", async () => {
    const m = await load({ TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.1", APP_URL: undefined });
    const via = (xff: string) => m.clientIp(m.headers("10.0.0.5", { "x-forwarded-for": xff }));
    expect(via("203.0.113.9")).toBe("203.0.113.9");
    // The client prepended a lie; our proxies appended the truth.
    expect(via("198.51.100.66, 203.0.113.9")).toBe("203.0.113.9");
    expect(via("198.51.100.66, 203.0.113.9, 192.168.1.1, 10.1.2.3")).toBe("203.0.113.9");
    expect(via("not-an-ip, 203.0.113.9")).toBe("203.0.113.9");
    expect(via("")).toBe("10.0.0.5");
    const h = m.headers("10.0.0.5", { ...SPOOF, "x-forwarded-host": "agentry.example.com, evil.example", "x-forwarded-proto": "https" });
    expect(m.requestOrigin(h)).toBe("https://agentry.example.com");
  });

  it("does not believe anyone else", async () => {
    const m = await load({ TRUSTED_PROXIES: "10.0.0.0/8", APP_URL: undefined });
    const h = m.headers("203.0.113.9", SPOOF);
    expect(m.clientIp(h)).toBe("203.0.113.9");
    expect(m.requestOrigin(h)).toBe("http://app.example:3000");
  });

  it("refuses a malformed list at start-up, naming the entry", async () => {
    await expect(load({ TRUSTED_PROXIES: "10.0.0.0/8,10.0.0.0/33" })).rejects.toThrow(
      /TRUSTED_PROXIES: "10.0.0.0\/33" is not an IP address or CIDR subnet/,
    );
    await expect(load({ TRUSTED_PROXIES: "proxy.internal" })).rejects.toThrow(/TRUSTED_PROXIES/);
  });
});

describe("APP_URL is required where links leave the request", () => {
  async function runtime(vars: Record<string, string | undefined>) {
    vi.resetModules();
    for (const [key, value] of Object.entries({
      AUTH_SECRET: "x".repeat(32),
      AGENTRY_KEK: Buffer.alloc(32, 7).toString("base64"),
      ...vars,
    }))
      vi.stubEnv(key, value);
    return (await import("@/server/runtime-config")).assertRuntimeConfig;
  }

  it("with SMTP configured", async () => {
    expect(await runtime({ SMTP_URL: "smtp://mail.example:25", APP_URL: undefined, NODE_ENV: "development" })).toThrow(
      /APP_URL: .*required when SMTP_URL is set/,
    );
    expect(await runtime({ SMTP_URL: "smtp://mail.example:25", APP_URL: "https://a.example", NODE_ENV: "development" })).not.toThrow();
  });

  it("in production", async () => {
    expect(await runtime({ SMTP_URL: undefined, APP_URL: undefined, NODE_ENV: "production" })).toThrow(/APP_URL: .*required in production/);
    expect(await runtime({ SMTP_URL: undefined, APP_URL: "http://localhost:3000", NODE_ENV: "production" })).not.toThrow();
  });

  it("not for a development server without mail", async () => {
    expect(await runtime({ SMTP_URL: undefined, APP_URL: undefined, NODE_ENV: "development" })).not.toThrow();
  });
});
