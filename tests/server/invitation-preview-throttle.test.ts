import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_LIMITS } from "@/server/auth/action-throttle";
import { peerAddressHeader } from "@/server/http/peer-address";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { callerFor } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

/** The invitation preview is the one public tRPC procedure: a client address gets a bounded number per minute. */
describe("invitations.preview's limit per client address", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 2 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("answers 429 (rate_limited, with the seconds to wait) past the allowance, and another address is still served", async () => {
    const frozen = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
    const limiter = new MemoryRateLimiter(() => frozen);
    const from = (ip: string) => callerFor(db, { limiter, headers: { [peerAddressHeader()]: ip } });
    const flooder = from("203.0.113.7");
    for (let i = 0; i < ACTION_LIMITS.previewInvitation.perIp; i++) {
      await expect(flooder.invitations.preview({ token: `nope-${i}` })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(flooder.invitations.preview({ token: "nope" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: { code: "rate_limited", details: { scope: "ip", retryAfterSeconds: expect.any(Number) } },
    });
    await expect(from("203.0.113.8").invitations.preview({ token: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
