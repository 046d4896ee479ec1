import { createHash } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripUpstashFlags } from "@/tools/upstash-bridge/redis-connection";
import { startUpstashBridge } from "@/tools/upstash-bridge/bridge";
import { directRedis, runId, startTestBridge, TOKEN, unusedPort } from "../support/redis";

type Bridge = Awaited<ReturnType<typeof startTestBridge>>;
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("Upstash bridge protocol (real Redis)", () => {
  const prefix = runId();
  const key = (name: string) => `${prefix}:${name}`;
  let bridge: Bridge;
  let direct: Awaited<ReturnType<typeof directRedis>>;

  beforeAll(async () => {
    bridge = await startTestBridge();
    direct = await directRedis();
  });
  afterAll(async () => {
    await bridge.close();
    await direct.cleanup(prefix);
  });

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${bridge.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it("listens on a real port when asked for port 0", () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url.endsWith(":0")).toBe(false);
  });

  it("refuses to start, quickly, when Redis is unreachable", async () => {
    const redisUrl = `redis://127.0.0.1:${await unusedPort()}`;
    const started = Date.now();
    await expect(startUpstashBridge({ redisUrl, token: TOKEN, port: 0, host: "127.0.0.1", log: () => {} })).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses requests without the token, with a wrong one, or another scheme", async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, "Bearer ", `Basic ${TOKEN}`, TOKEN]) {
      const res = await fetch(bridge.url, {
        method: "POST",
        headers: authorization === undefined ? {} : { authorization },
        body: JSON.stringify(["PING"]),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
  });

  it("runs a single command and answers { result }", async () => {
    expect(await post("/", ["SET", key("s"), "héllo"])).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["GET", key("s")])).toEqual({ status: 200, body: { result: "héllo" } });
    expect(await post("/", ["INCRBY", key("n"), 5])).toEqual({ status: 200, body: { result: 5 } });
    expect(await post("/", ["GET", key("missing")])).toEqual({ status: 200, body: { result: null } });
  });

  it("passes Redis errors through as 400 { error }", async () => {
    expect(await post("/", ["INCR", key("s")])).toEqual({ status: 400, body: { error: "ERR value is not an integer or out of range" } });
    const unknown = await post("/", ["NOSUCHCOMMAND"]);
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: string }).error).toMatch(/^ERR unknown command/);
    // Connection-state and blocking commands would affect every client of the shared connection.
    expect(await post("/", ["BLPOP", key("l"), 0])).toEqual({ status: 400, body: { error: "ERR Command is not available: 'BLPOP'" } });
    expect((await post("/", "not json")).status).toBe(400);
    expect((await post("/", { command: "GET" })).status).toBe(400);
  });

  it("runs a pipeline, with each command's result or error in order", async () => {
    const res = await post("/pipeline", [
      ["SET", key("p"), "1"],
      ["INCR", key("p")],
      ["LPUSH", key("p"), "x"],
      ["MGET", key("p"), key("none")],
    ]);
    expect(res).toEqual({
      status: 200,
      body: [{ result: "OK" }, { result: 2 }, { error: expect.stringMatching(/^WRONGTYPE/) }, { result: ["2", null] }],
    });
  });

  it("runs /multi-exec as one transaction", async () => {
    const res = await post("/multi-exec", [
      ["SET", key("m"), "10"],
      ["INCR", key("m")],
      ["LPUSH", key("m"), "x"],
      ["GET", key("m")],
    ]);
    expect(res).toEqual({
      status: 200,
      body: [{ result: "OK" }, { result: 11 }, { error: expect.stringMatching(/^WRONGTYPE/) }, { result: "11" }],
    });
    // A command Redis refuses while queueing aborts the whole transaction: nothing ran.
    const aborted = await post("/multi-exec", [["INCR", key("m")], ["GET"]]);
    expect(aborted.status).toBe(400);
    expect((aborted.body as { error: string }).error).toMatch(/wrong number of arguments/);
    expect(await direct.client.get(key("m"))).toBe("11");
  });

  it("base64-encodes every string, recursively, with Upstash-Encoding: base64", async () => {
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    await direct.client.set(key("bin"), binary);
    const base64 = { "upstash-encoding": "base64" };
    expect(await post("/", ["GET", key("bin")], base64)).toEqual({ status: 200, body: { result: binary.toString("base64") } });
    expect(await post("/", ["SET", key("t"), "✓ ok"], base64)).toEqual({ status: 200, body: { result: b64("OK") } });
    const nested = await post("/", ["EVAL", "return {1, ARGV[1], {2, 'deep', {ARGV[1]}}, false}", "0", "x✓"], base64);
    expect(nested).toEqual({ status: 200, body: { result: [1, b64("x✓"), [2, b64("deep"), [b64("x✓")]], null] } });
    expect(
      await post(
        "/pipeline",
        [
          ["GET", key("t")],
          ["INCR", key("t")],
        ],
        base64,
      ),
    ).toEqual({
      status: 200,
      body: [{ result: b64("✓ ok") }, { error: "ERR value is not an integer or out of range" }],
    });
    // Without the header, the same value comes back as text.
    expect((await post("/", ["GET", key("t")])).body).toEqual({ result: "✓ ok" });
  });

  it("refuses bodies over the limit with 413", async () => {
    const huge = JSON.stringify(["SET", key("huge"), "x".repeat(1_048_576)]);
    const res = await post("/", huge);
    expect(res).toEqual({ status: 413, body: { error: expect.any(String) } });
    expect(await direct.client.exists(key("huge"))).toBe(0);
  });

  it("counts streamed (chunked) bodies too, where no Content-Length announces the size", async () => {
    const small = await startTestBridge({ maxBodyBytes: 64 });
    try {
      const chunk = new TextEncoder().encode(JSON.stringify(["SET", key("chunked"), "y".repeat(200)]));
      const body = new ReadableStream({ start: (c) => (c.enqueue(chunk), c.close()) });
      const res = await fetch(small.url, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
        body,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(await direct.client.exists(key("chunked"))).toBe(0);
    } finally {
      await small.close();
    }
  });

  it("strips only the Upstash flag from a Lua shebang", () => {
    expect(stripUpstashFlags("#!lua flags=allow-key-locking\nreturn 1")).toBe("\nreturn 1");
    expect(stripUpstashFlags("#!lua flags=allow-key-locking,no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(stripUpstashFlags("#!lua flags=no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(stripUpstashFlags("return 1")).toBe("return 1");
  });
});

describe("@upstash/redis through the bridge", () => {
  const prefix = runId();
  const key = (name: string) => `${prefix}:${name}`;
  let bridge: Bridge;
  let redis: Redis;
  let direct: Awaited<ReturnType<typeof directRedis>>;

  beforeAll(async () => {
    bridge = await startTestBridge();
    direct = await directRedis();
    redis = new Redis({ url: bridge.url, token: TOKEN, enableTelemetry: false, retry: false });
  });
  afterAll(async () => {
    await bridge.close();
    await direct.cleanup(prefix);
  });

  it("sets, gets and increments (the client's default base64 encoding)", async () => {
    expect(await redis.set(key("a"), "välue ✓")).toBe("OK");
    expect(await redis.get(key("a"))).toBe("välue ✓");
    expect(await redis.set(key("obj"), { n: 1, s: "x" })).toBe("OK");
    expect(await redis.get(key("obj"))).toEqual({ n: 1, s: "x" });
    expect(await redis.incr(key("c"))).toBe(1);
    expect(await redis.incrby(key("c"), 41)).toBe(42);
    expect(await redis.get(key("missing"))).toBeNull();
    const [, count] = await redis.multi().set(key("tx"), "1").incr(key("tx")).exec();
    expect(count).toBe(2);
    expect(await redis.pipeline().get(key("a")).incr(key("c")).exec()).toEqual(["välue ✓", 43]);
  });

  it("evaluates scripts, and EVALSHA with the ORIGINAL sha of a shebang script hits", async () => {
    // A nonce makes the script new to Redis on every run, so the first EVALSHA must miss.
    const script = `#!lua flags=allow-key-locking\n-- ${prefix}\nreturn {redis.call("INCRBY", KEYS[1], ARGV[1]), "by " .. ARGV[1]}`;
    await expect(redis.evalsha(sha1(script), [key("e")], ["2"])).rejects.toThrow(/NOSCRIPT/);
    expect(await redis.eval(script, [key("e")], ["2"])).toEqual([2, "by 2"]);
    expect(await redis.evalsha(sha1(script), [key("e")], ["3"])).toEqual([5, "by 3"]);
    // Redis holds the rewritten script, never the one it would refuse.
    const [original, rewritten] = await direct.client.scriptExists([sha1(script), sha1(stripUpstashFlags(script))]);
    expect([original, rewritten]).toEqual([0, 1]);
    expect(await redis.scriptExists(sha1(script))).toEqual([1]);

    const loaded = `#!lua flags=allow-key-locking\n-- load ${prefix}\nreturn ARGV[1]`;
    expect(await redis.scriptLoad(loaded)).toBe(sha1(loaded));
    expect(await redis.evalsha(sha1(loaded), [], ["hi"])).toBe("hi");
  });

  it("passes plain scripts through unchanged", async () => {
    const script = `return redis.call("SET", KEYS[1], ARGV[1])`;
    expect(await redis.eval(script, [key("plain")], ["v"])).toBe("OK");
    expect(await redis.evalsha(sha1(script), [key("plain")], ["w"])).toBe("OK");
    expect(await redis.get(key("plain"))).toBe("w");
  });
});
