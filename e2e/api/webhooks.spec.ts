/**
 * The webhooks REST doors: a URL to a private address is refused with 400, the field named and
 * the reason in the caller's language, and nothing is stored; a public one is accepted and its
 * signing secret is returned this once (never by a later read).
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

test("POST /webhooks/endpoints refuses private addresses (400, en and zh-CN) and returns the secret once", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const org = await seedTenantWithKey();
  const post = (url: string, language = "en") =>
    request.post("/api/v1/webhooks/endpoints", {
      headers: { ...bearer(org.key.secret), "content-type": "application/json", "accept-language": language },
      data: JSON.stringify({ url, eventTypes: ["run.completed"] }),
    });
  for (const url of [
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1/hook",
    "https://[::1]/hook",
    "https://localhost/hook",
  ]) {
    const refused = await expectError(await post(url), 400);
    expect(refused.error.details?.fields, url).toEqual({
      url: "This address is private, loopback or link-local; webhooks are only sent to public hosts",
    });
  }
  const zh = await expectError(await post("https://127.0.0.1/hook", "zh-CN"), 400);
  expect(zh.error.details?.fields).toEqual({ url: "这是私有、环回或链路本地地址；Webhook 只会发送到公网主机" });
  const http = await expectError(await post("http://hooks.example.com/hook"), 400);
  expect(http.error.details?.fields).toEqual({ url: "Use https:// (http:// is accepted only outside production)" });
  expect((await seed.ownerSql("select count(*)::int as n from webhook_endpoints where tenant_id = $1", [org.tenant.id]))[0]!.n).toBe(0);

  const created = await expectOk<{ id: string; secret: string; status: string }>(await post("https://hooks.example.com/agentry"));
  expect(created).toMatchObject({ status: "active", secret: expect.stringMatching(/^whsec_/) });
  const got = await expectOk<Record<string, unknown>>(
    await request.get(`/api/v1/webhooks/endpoints/${created.id}`, { headers: bearer(org.key.secret) }),
  );
  expect(got).not.toHaveProperty("secret");
  expect(JSON.stringify(got)).not.toContain(created.secret.slice(6));
});
