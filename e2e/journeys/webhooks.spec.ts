/**
 * Outbound webhooks in the portal. An owner adds an endpoint: a URL to a private address — here a
 * receiver this spec runs on loopback — is refused with the reason, and nothing reaches the
 * receiver (the production build connects to public hosts only: there is no switch that lets
 * it reach a local one, by design). A public URL is accepted, its signing secret is shown once;
 * a test event appears in the delivery log, its detail shows the signed request, and "Resend"
 * queues a new attempt that appears in the log too. In Chinese, the refusal reads in Chinese.
 */
import http from "node:http";
import AxeBuilder from "@axe-core/playwright";
import type { AddressInfo } from "node:net";
import { expect, signIn, test } from "../support/fixtures";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

test("an owner adds an endpoint (a private address refused), sees a test delivery in the log and resends it", async ({
  page,
  context,
  seed,
}) => {
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    received.push(req.url ?? "/");
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  try {
    const org = await seed.tenant();
    await signIn(context, org.owner.email);
    await page.goto(`/t/${org.tenant.slug}/webhooks`);
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Webhooks" }).click();

    await page.getByRole("link", { name: "Add endpoint" }).first().click();
    await page.getByLabel("URL").fill(`https://127.0.0.1:${port}/hook`);
    await page.getByLabel("All Runs events").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("This address is private, loopback or link-local; webhooks are only sent to public hosts")).toBeVisible();
    await page.getByLabel("URL").fill(`https://localhost:${port}/hook`);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("This address is private, loopback or link-local; webhooks are only sent to public hosts")).toBeVisible();
    const count = async () =>
      (await seed.ownerSql("select count(*)::int as n from webhook_endpoints where tenant_id = $1", [org.tenant.id]))[0]!.n;
    expect(await count()).toBe(0);

    await page.getByLabel("URL").fill("https://hooks.example.com/agentry");
    await page.getByLabel("Description").fill("Ops alerts");
    await page.getByLabel("All Guard events").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByTestId("webhook-secret").textContent();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("link", { name: /Open the endpoint/ }).click();
    await expect(page.getByRole("heading", { name: "https://hooks.example.com/agentry", level: 1 })).toBeVisible();
    await expect(page.getByText("No deliveries yet")).toBeVisible();
    expect(await page.content()).not.toContain(secret!);

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued: it appears in the log below.")).toBeVisible();
    const log = page.getByTestId("webhook-deliveries");
    await expect(log.getByRole("row")).toHaveCount(1);
    await expect(log.getByRole("row").first()).toContainText("webhook.test");

    // The engine makes its one attempt (the host does not resolve here): it is recorded, and the log shows it.
    await expect(async () => {
      await page.reload();
      await expect(log.getByRole("row").first()).toContainText("Failed");
    }).toPass({ timeout: 30_000 });
    await log.getByRole("link", { name: "Details" }).first().click();
    await expect(page.getByText("webhook-signature: v1,")).toBeVisible();
    await expect(page.getByText('"type": "webhook.test"')).toBeVisible();

    await page.getByRole("button", { name: "Resend" }).click();
    await page.getByRole("dialog", { name: "Send this delivery again?" }).getByRole("button", { name: "Resend" }).click();
    await expect(page.getByRole("heading", { name: "https://hooks.example.com/agentry", level: 1 })).toBeVisible();
    await expect(log.getByRole("row")).toHaveCount(2);
    await expect(log.getByRole("row").first()).toContainText("Resend");
    const audit = await seed.ownerSql("select action from audit_log where tenant_id = $1 and action like 'webhook.%' order by seq", [
      org.tenant.id,
    ]);
    expect(audit.map((r) => r.action)).toEqual(["webhook.endpoint_created", "webhook.test_sent", "webhook.delivery_resent"]);
    expect(received).toEqual([]);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("in Chinese, a private webhook address is refused with the reason in Chinese", async ({ page, context, seed }) => {
  const org = await seed.tenant();
  await signIn(context, org.owner.email);
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: BASE }]);
  await page.goto(`/t/${org.tenant.slug}/webhooks/new`);
  await page.getByLabel("网址").fill("https://169.254.169.254/latest/meta-data/");
  await page.getByLabel("全部事件（*）").check();
  await page.getByRole("button", { name: "添加端点" }).click();
  await expect(page.getByText("这是私有、环回或链路本地地址；Webhook 只会发送到公网主机")).toBeVisible();
});

test("a switched-off endpoint shows its banner; the webhooks pages have no serious axe findings and do not scroll sideways on a phone", async ({
  page,
  context,
  seed,
  request,
}) => {
  const org = await seed.tenantWithKey();
  const headers = { authorization: `Bearer ${org.key.secret}`, "content-type": "application/json" };
  const endpoint = (await (
    await request.post("/api/v1/webhooks/endpoints", {
      headers,
      data: JSON.stringify({
        url: "https://hooks.example.com/a/rather/long/path/that/should/wrap/on/a/phone",
        description: "Alerts for the on-call rota",
        eventTypes: ["guard.threat_detected", "run.*"],
        filters: [{ field: "severity", op: "in", value: ["high", "critical"] }],
      }),
    })
  ).json()) as { id: string };
  const delivery = (await (await request.post(`/api/v1/webhooks/endpoints/${endpoint.id}/test`, { headers })).json()) as { id: string };
  // As the delivery function leaves an endpoint that failed for a day (server/webhooks/policy.ts).
  await seed.ownerSql(
    `update webhook_endpoints set status = 'disabled', disabled_reason = 'failures', failure_streak = 12,
       failing_since = now() - interval '26 hours', disabled_at = now() where id = $1`,
    [endpoint.id],
  );
  await signIn(context, org.owner.email);
  const base = `/t/${org.slug}/webhooks`;
  await page.goto(base);
  await expect(page.getByText("One endpoint was switched off after sustained failure.")).toBeVisible();
  await page.goto(`${base}/${endpoint.id}`);
  await expect(
    page.getByText("This endpoint was switched off after 26 hours of failures: 12 attempts in a row did not succeed."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  for (const path of [base, `${base}/new`, `${base}/${endpoint.id}`, `${base}/${endpoint.id}/deliveries/${delivery.id}`]) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      if (width === 1280) {
        const { violations } = await new AxeBuilder({ page }).analyze();
        const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
        expect(serious, path).toEqual([]);
      } else {
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, `${path} at 390 px`).toBeLessThanOrEqual(1);
      }
    }
  }
});
