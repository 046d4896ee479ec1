/**
 * The event stream over REST: `GET /api/v1/events` with filters and a cursor, one event, field
 * errors for filters that could only match nothing, and `POST /api/v1/events/replay` — an empty
 * range answered with a clear 400 and nothing written, a real one copied, and scopes enforced.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

type Page = { items: { id: string; type: string; replayOf: string | null; correlationId: string }[]; nextCursor: string | null };

test("lists, filters and pages the stream; replays by range, refusing an empty one", async ({ request, seed, seedTenantWithKey }) => {
  const org = await seedTenantWithKey({ scopes: ["*"], role: "owner" });
  const owner = seed.as(org.owner, org.slug);
  await owner.agents.create({ template: "customer-service", name: "One" });
  await owner.agents.create({ template: "customer-service", name: "Two" });
  const auth = bearer(org.key.secret);

  const agents = await expectOk<Page>(await request.get("/api/v1/events?type=agent.created&limit=1", { headers: auth }));
  expect(agents.items.map((e) => e.type)).toEqual(["agent.created"]);
  expect(agents.nextCursor).not.toBeNull();
  const next = await expectOk<Page>(
    await request.get(`/api/v1/events?type=agent.created&limit=1&cursor=${agents.nextCursor}`, { headers: auth }),
  );
  expect(next.items).toHaveLength(1);
  expect(next.items[0]!.id < agents.items[0]!.id).toBe(true);
  expect(next.nextCursor).toBeNull();
  const one = await expectOk<{ id: string; payload: { target: { type: string } } }>(
    await request.get(`/api/v1/events/${agents.items[0]!.id}`, { headers: auth }),
  );
  expect(one.payload.target.type).toBe("agent");

  const unknown = await expectError(await request.get("/api/v1/events?type=nope.none", { headers: auth }), 400, "validation_failed");
  expect(unknown.error.details?.fields).toHaveProperty("type");
  await expectError(await request.get("/api/v1/events?from=2026-02-01&to=2026-01-01", { headers: auth }), 400, "event_range_reversed");

  const replay = (body: unknown) =>
    request.post("/api/v1/events/replay", { headers: { ...auth, "content-type": "application/json" }, data: JSON.stringify(body) });
  const before = await seed.ownerSql(`select count(*)::int as n from events where tenant_id = $1`, [org.tenant.id]);
  const empty = await expectError(await replay({ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }), 400, "replay_empty");
  expect(empty.error.message).toBe("No events match this time range and these types: nothing was replayed.");
  const after = await seed.ownerSql(`select count(*)::int as n from events where tenant_id = $1`, [org.tenant.id]);
  expect(after).toEqual(before);

  const hour = 3_600_000;
  const done = await expectOk<{ count: number; correlationId: string }>(
    await replay({
      from: new Date(Date.now() - hour).toISOString(),
      to: new Date(Date.now() + hour).toISOString(),
      types: ["agent.created"],
    }),
  );
  expect(done.count).toBe(2);
  const copies = await expectOk<Page>(
    await request.get(`/api/v1/events?correlationId=${done.correlationId}&type=agent.created`, { headers: auth }),
  );
  expect(copies.items.map((e) => e.replayOf).sort()).toEqual([agents.items[0]!.id, next.items[0]!.id].sort());

  // A key without event:replay may read the stream but not replay it.
  const reader = await seed.key(org, org.owner, ["event:read"]);
  await expectOk(await request.get("/api/v1/events", { headers: bearer(reader.secret) }));
  await expectError(
    await request.post("/api/v1/events/replay", {
      headers: { ...bearer(reader.secret), "content-type": "application/json" },
      data: JSON.stringify({ from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" }),
    }),
    403,
    "missing_permission",
  );
});
