/**
 * Dead letters over REST: `GET /api/v1/dead-letters` (event:read) lists the tenant's captured
 * failures newest first, filters by status, pages with a cursor, never shows another tenant's, and
 * is refused to a key without event:read.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

type Page = {
  items: { id: string; functionId: string; eventName: string; status: string; error: { name: string; message: string } }[];
  nextCursor: string | null;
};

test("lists the tenant's dead letters by status, page by page, and nobody else's", async ({ request, seed, seedTenantWithKey }) => {
  const org = await seedTenantWithKey({ scopes: ["event:read"], role: "owner" });
  const other = await seedTenantWithKey({ scopes: ["*"], role: "owner" });
  const letter = (tenantId: string, runId: string, status: string, minutesAgo: number) =>
    seed.ownerSql(
      `insert into dead_letters (tenant_id, function_id, run_id, event_id, event_name, envelope, error_name, error_message, attempts, failed_at, status)
       values ($1, 'agentry-webhook-delivery', $2, null, 'agent.created', '{}'::jsonb, 'Error', $3, 5, now() - make_interval(mins => $4), $5)`,
      [tenantId, runId, `failed ${runId}`, minutesAgo, status],
    );
  await letter(org.tenant.id, "run-old", "open", 30);
  await letter(org.tenant.id, "run-new", "open", 10);
  await letter(org.tenant.id, "run-done", "discarded", 20);
  await letter(other.tenant.id, "run-foreign", "open", 5);
  const auth = bearer(org.key.secret);

  const all = await expectOk<Page>(await request.get("/api/v1/dead-letters", { headers: auth }));
  expect(all.items.map((d) => d.error.message)).toEqual(["failed run-new", "failed run-done", "failed run-old"]);
  expect(all.items[0]).toMatchObject({ functionId: "agentry-webhook-delivery", eventName: "agent.created", status: "open" });

  const open = await expectOk<Page>(await request.get("/api/v1/dead-letters?status=open&limit=1", { headers: auth }));
  expect(open.items.map((d) => d.error.message)).toEqual(["failed run-new"]);
  expect(open.nextCursor).not.toBeNull();
  const rest = await expectOk<Page>(
    await request.get(`/api/v1/dead-letters?status=open&limit=1&cursor=${open.nextCursor}`, { headers: auth }),
  );
  expect(rest.items.map((d) => d.error.message)).toEqual(["failed run-old"]);

  await expectError(await request.get("/api/v1/dead-letters?status=lost", { headers: auth }), 400, "validation_failed");

  // The other tenant sees only its own.
  const theirs = await expectOk<Page>(await request.get("/api/v1/dead-letters", { headers: bearer(other.key.secret) }));
  expect(theirs.items.map((d) => d.error.message)).toEqual(["failed run-foreign"]);

  // A key without event:read is refused.
  const writer = await seed.key(org, org.owner, ["agent:read"]);
  await expectError(await request.get("/api/v1/dead-letters", { headers: bearer(writer.secret) }), 403, "missing_permission");
});
