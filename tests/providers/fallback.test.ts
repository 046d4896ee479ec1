import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AllModelsFailedError,
  breakerKey,
  candidatesOf,
  fallbackStepFields,
  MemoryBreakerStore,
  providerFor,
  withFallback,
  type Candidate,
  type FallbackEvent,
} from "@/server/agents/providers";
import { startFakeAnthropic, type FakeAnthropic } from "../support/fake-anthropic-server";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai-server";

describe("circuit breaker", () => {
  it("opens after N failures within the window, half-opens after the cooldown with one probe, and closes on success", () => {
    const store = new MemoryBreakerStore({ failureThreshold: 3, windowMs: 1_000, cooldownMs: 5_000 });
    const key = breakerKey("t1", "openai");
    store.recordFailure(key, 0);
    store.recordFailure(key, 500);
    expect(store.peek(key, 600)).toBe("closed");
    // The first failure has left the window: two in the window, still closed.
    store.recordFailure(key, 1_200);
    expect(store.peek(key, 1_200)).toBe("closed");
    store.recordFailure(key, 1_300);
    expect(store.peek(key, 1_300)).toBe("open");
    expect(store.acquire(key, 2_000)).toEqual({ allowed: false, state: "open" });
    // Cooldown over: one probe, the others keep skipping.
    expect(store.acquire(key, 6_400)).toEqual({ allowed: true, state: "half_open" });
    expect(store.acquire(key, 6_401)).toEqual({ allowed: false, state: "half_open" });
    store.recordSuccess(key, 6_500);
    expect(store.peek(key, 6_500)).toBe("closed");
    expect(store.acquire(key, 6_501).allowed).toBe(true);
  });

  it("a failed probe opens it for another full cooldown; an abandoned probe frees the slot", () => {
    const store = new MemoryBreakerStore({ failureThreshold: 1, windowMs: 1_000, cooldownMs: 1_000 });
    const key = breakerKey("t1", "anthropic");
    store.recordFailure(key, 0);
    expect(store.acquire(key, 1_000).allowed).toBe(true);
    store.recordFailure(key, 1_100);
    expect(store.peek(key, 2_000)).toBe("open");
    expect(store.peek(key, 2_100)).toBe("half_open");
    expect(store.acquire(key, 2_100).allowed).toBe(true);
    store.release(key);
    expect(store.acquire(key, 2_101).allowed).toBe(true);
  });

  it("is per tenant and per provider", () => {
    const store = new MemoryBreakerStore({ failureThreshold: 1, windowMs: 1_000, cooldownMs: 1_000 });
    store.recordFailure(breakerKey("t1", "openai"), 0);
    expect(store.peek(breakerKey("t1", "openai"), 1)).toBe("open");
    expect(store.peek(breakerKey("t2", "openai"), 1)).toBe("closed");
    expect(store.peek(breakerKey("t1", "anthropic"), 1)).toBe("closed");
  });
});

describe("fallback down an agent's models, over HTTP", () => {
  let openai: FakeOpenAI;
  let anthropic: FakeAnthropic;
  beforeAll(async () => {
    openai = await startFakeOpenAI({ script: { text: "from openai" } });
    anthropic = await startFakeAnthropic({ script: { text: "from anthropic" } });
  });
  afterAll(async () => {
    await openai.close();
    await anthropic.close();
  });

  const primary: Candidate = { provider: "openai", model: "gpt-4o-mini", credentialId: "cred-openai" };
  const second: Candidate = { provider: "anthropic", model: "claude-haiku-4-5", credentialId: "cred-anthropic" };
  const last: Candidate = { provider: "local", model: "local" };

  function attempt(candidate: Candidate) {
    const provider = providerFor({
      provider: candidate.provider,
      baseUrl: candidate.provider === "openai" ? openai.url : anthropic.url,
      apiKey: "sk-whatever",
      timeouts: { firstByteMs: 250, idleMs: 250, totalMs: 2_000 },
    });
    return provider.stream({
      model: candidate.model,
      messages: [{ role: "user", content: "hi" }],
      temperature: 0,
      maxTokens: 50,
      signal: new AbortController().signal,
    });
  }

  async function run(tenantId: string, store: MemoryBreakerStore, candidates = [primary, second, last], clock = { now: 0 }) {
    const events: FallbackEvent[] = [];
    let error: unknown = null;
    try {
      for await (const event of withFallback(tenantId, candidates, attempt, { breaker: store, now: () => clock.now })) events.push(event);
    } catch (e) {
      error = e;
    }
    const text = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
    const served = events.find((e) => e.type === "serving");
    const steps = events.filter((e) => e.type === "fallback");
    return { events, error, text, served: served?.type === "serving" ? served.candidate : null, steps };
  }

  it("serves from the primary when it works, with no fallback steps", async () => {
    openai.setScript({ text: "from openai" });
    const result = await run(randomUUID(), new MemoryBreakerStore());
    expect(result.served).toEqual(primary);
    expect(result.text).toBe("from openai");
    expect(result.steps).toEqual([]);
    expect(result.events.at(-1)?.type).toBe("done");
  });

  it("moves to the next model on an error or a timeout, reporting each failure as a step, in order", async () => {
    openai.setScript({ status: 500, errorMessage: "upstream exploded" });
    anthropic.setScript({ text: "x", hang: "after_headers" });
    const result = await run(randomUUID(), new MemoryBreakerStore());
    expect(result.error).toBeNull();
    expect(result.served).toEqual(last);
    expect(result.text).toMatch(/^Hello!/); // the local provider, greeted
    expect(result.steps).toEqual([
      expect.objectContaining({
        candidate: primary,
        reason: "http",
        status: 500,
        next: second,
        message: expect.stringContaining("upstream exploded"),
      }),
      expect.objectContaining({ candidate: second, reason: "timeout", status: null, next: last }),
    ]);
    // Steps come before the serving model's output.
    const kinds = result.events.map((e) => e.type);
    expect(kinds.indexOf("serving")).toBeGreaterThan(kinds.lastIndexOf("fallback"));
  });

  it("opens the breaker after repeated failures, then skips the provider without calling it, then probes it again", async () => {
    const tenant = randomUUID();
    const store = new MemoryBreakerStore({ failureThreshold: 2, windowMs: 60_000, cooldownMs: 30_000 });
    const clock = { now: 1_000 };
    openai.setScript({ status: 503 });
    anthropic.setScript({ text: "from anthropic" });
    await run(tenant, store, [primary, second], clock);
    clock.now = 2_000;
    await run(tenant, store, [primary, second], clock);
    expect(store.peek(breakerKey(tenant, "openai"), clock.now)).toBe("open");

    const calls = openai.requests.length;
    clock.now = 3_000;
    const skipped = await run(tenant, store, [primary, second], clock);
    expect(openai.requests.length).toBe(calls); // not called at all
    expect(skipped.steps).toEqual([expect.objectContaining({ candidate: primary, reason: "circuit_open", latencyMs: 0, next: second })]);
    expect(skipped.served).toEqual(second);

    // Another tenant's runs still go to openai.
    openai.setScript({ text: "from openai" });
    expect((await run(randomUUID(), store, [primary, second], clock)).served).toEqual(primary);

    // After the cooldown the probe goes through; it succeeds, and the breaker closes.
    clock.now = 40_000;
    const probed = await run(tenant, store, [primary, second], clock);
    expect(probed.served).toEqual(primary);
    expect(store.peek(breakerKey(tenant, "openai"), clock.now)).toBe("closed");
  });

  it("records each step in the shape the health query reads back", () => {
    const fields = fallbackStepFields({
      type: "fallback",
      candidate: primary,
      reason: "timeout",
      message: "openai (127.0.0.1) did not answer within 250 ms",
      status: null,
      latencyMs: 250.4,
      next: second,
    });
    expect(fields).toEqual({
      kind: "fallback",
      status: "error",
      name: "openai/gpt-4o-mini",
      provider: "openai",
      model: "gpt-4o-mini",
      latencyMs: 250,
      detail: {
        reason: "timeout",
        message: "openai (127.0.0.1) did not answer within 250 ms",
        status: null,
        next: { provider: "anthropic", model: "claude-haiku-4-5" },
      },
    });
    expect(
      fallbackStepFields({
        type: "fallback",
        candidate: second,
        reason: "circuit_open",
        message: "",
        status: null,
        latencyMs: 0,
        next: null,
      }).status,
    ).toBe("skipped");
    expect(candidatesOf({ model: primary, fallbacks: [second, { provider: "local", model: "local" }] })).toEqual([
      primary,
      second,
      { provider: "local", model: "local", credentialId: null },
    ]);
  });

  it("fails with every attempt listed when no model is left", async () => {
    openai.setScript({ status: 401 });
    anthropic.setScript({ status: 429 });
    const result = await run(randomUUID(), new MemoryBreakerStore(), [primary, second]);
    expect(result.error).toBeInstanceOf(AllModelsFailedError);
    const error = result.error as AllModelsFailedError;
    expect(error.attempts.map((a) => [a.candidate.provider, a.reason, a.status])).toEqual([
      ["openai", "auth", 401],
      ["anthropic", "http", 429],
    ]);
    expect(error.kind).toBe("http");
    expect(error.message).toMatch(/Every model failed/);
  });

  it("does not fall back once output has streamed (the failure is final, and counted)", async () => {
    const store = new MemoryBreakerStore({ failureThreshold: 1, windowMs: 60_000, cooldownMs: 60_000 });
    const tenant = randomUUID();
    openai.setScript({ text: "partial answer ", midStreamError: "boom" });
    const anthropicCalls = anthropic.requests.length;
    const result = await run(tenant, store, [primary, second]);
    expect(result.text).toBe("partial answer ");
    expect(result.error).toMatchObject({ kind: "http" });
    expect(result.steps).toEqual([]);
    expect(anthropic.requests.length).toBe(anthropicCalls);
    expect(store.peek(breakerKey(tenant, "openai"), 0)).toBe("open");
  });

  it("moves on (without counting against the breaker) when a candidate cannot even be set up, and rethrows the caller's abort", async () => {
    const store = new MemoryBreakerStore({ failureThreshold: 1, windowMs: 60_000, cooldownMs: 60_000 });
    const tenant = randomUUID();
    const events: FallbackEvent[] = [];
    const setupFails = (c: Candidate) => {
      if (c.provider === "openai") throw new Error("credential revoked");
      return attempt(c);
    };
    anthropic.setScript({ text: "from anthropic" });
    for await (const e of withFallback(tenant, [primary, second], setupFails, { breaker: store })) events.push(e);
    expect(events[0]).toMatchObject({ type: "fallback", reason: "unavailable", message: expect.stringContaining("credential revoked") });
    expect(store.peek(breakerKey(tenant, "openai"), Date.now())).toBe("closed");

    const controller = new AbortController();
    openai.setScript({ text: "x", hang: "after_headers" });
    const aborting = (c: Candidate) => {
      setTimeout(() => controller.abort(new Error("client left")), 50);
      return providerFor({ provider: "openai", baseUrl: openai.url, timeouts: { firstByteMs: 5_000 } }).stream({
        model: c.model,
        messages: [{ role: "user", content: "hi" }],
        temperature: 0,
        maxTokens: 10,
        signal: controller.signal,
      });
    };
    await expect(async () => {
      for await (const _ of withFallback(tenant, [primary, second], aborting, { breaker: store, signal: controller.signal })) void _;
    }).rejects.toThrow("client left");
    expect(store.peek(breakerKey(tenant, "openai"), Date.now())).toBe("closed");
  });
});
