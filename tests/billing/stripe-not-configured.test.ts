import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { isBillingConfigured } from "@/server/billing/stripe/config";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { seedTenant } from "../support/callers";
import { failure } from "../support/failures";

vi.hoisted(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
});

/** Without STRIPE_SECRET_KEY billing is off: the verbs say so, the webhook door is not there, and a half configuration is refused at start-up. */
describe("Stripe not configured", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  }, 60_000);
  afterAll(async () => db?.drop());

  it("Checkout and the portal answer billing_not_configured, and nothing is written", async () => {
    expect(isBillingConfigured()).toBe(false);
    const seeded = await seedTenant(db);
    const owner = seeded.as(seeded.owner);
    expect(await failure(owner.billing.checkout({ planId: "pro" }))).toMatchObject({
      httpStatus: 409,
      error: { code: "billing_not_configured" },
    });
    expect(await failure(owner.billing.openPortal({}))).toMatchObject({ httpStatus: 409, error: { code: "billing_not_configured" } });
    expect(await db.ownerSql(`select * from subscriptions where tenant_id = $1`, [seeded.tenant.id])).toEqual([]);
  });

  it("the webhook route answers 404 and stores nothing", async () => {
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: "{}", headers: { "stripe-signature": "t=1,v1=x" } }),
    );
    expect(response.status).toBe(404);
  });

  it("a secret key without its webhook secret (or APP_URL) stops the start with a message naming what is missing", async () => {
    vi.resetModules();
    process.env.STRIPE_SECRET_KEY = "sk_test_half";
    const before = process.env.APP_URL;
    delete process.env.APP_URL;
    try {
      await expect(import("@/server/env")).rejects.toThrow(
        /STRIPE_WEBHOOK_SECRET must be set too, to enable Stripe billing[\s\S]*APP_URL must be set too/,
      );
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
      if (before !== undefined) process.env.APP_URL = before;
    }
  });
});
