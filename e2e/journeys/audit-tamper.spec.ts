/**
 * The audit log's hash chain, seen from the portal: "Verify chain" reports an intact chain, and
 * after one row is edited directly in the database (as the owner, with the append-only trigger
 * switched off for the moment), it names that row.
 */
import type { Page } from "@playwright/test";
import { alertWith, expect, signIn, test, type Seeder } from "../support/fixtures";

const UUID = /^[0-9a-f-]{36}$/;

/** An organisation with a few audited actions behind it, its owner signed in to `page`. */
async function busyOrganisation(seed: Seeder, page: Page) {
  const org = await seed.tenant();
  const owner = seed.as(org.owner, org.tenant.slug);
  await seed.invitation(org, "viewer");
  await seed.key(org, org.owner, ["tenant:read"], "Reporting");
  await owner.tenant.update({ name: `${org.tenant.name} Renamed` });
  await seed.member(org, "developer");
  await signIn(page.context(), org.owner.email);
  return org;
}

async function verify(page: Page) {
  await page.getByRole("button", { name: "Verify chain" }).click();
}

test("an untampered chain verifies", async ({ page, seed }) => {
  const org = await busyOrganisation(seed, page);
  const rows = await seed.auditRows(org.tenant.id);
  expect(rows.length).toBeGreaterThanOrEqual(6);

  await page.goto(`/t/${org.tenant.slug}/audit`);
  await expect(page.getByRole("heading", { name: "Integrity" })).toBeVisible();
  await verify(page);
  const ok = page.getByRole("status").filter({ hasText: "Chain intact" });
  await expect(ok).toBeVisible();
  await expect(ok).toContainText(`${rows.length} entries verified, up to entry #${rows.length}.`);
  // The verification is itself recorded, and the list refreshes to show it.
  await expect(page.getByRole("table", { name: "Audit entries, newest first" }).locator("code").first()).toHaveText("audit.verified");
});

test("tampering with one row in the database makes Verify chain name that row", async ({ page, seed }) => {
  const org = await busyOrganisation(seed, page);
  const rows = await seed.auditRows(org.tenant.id);
  const victim = rows.find((r) => r.action === "apikey.created")!;
  expect(victim.id).toMatch(UUID);
  const seq = Number(victim.seq);
  expect(seq).toBeGreaterThan(1);
  expect(seq).toBeLessThan(rows.length);

  // Even the owner cannot edit it while the trigger stands.
  await expect(seed.ownerSql("update audit_log set action = 'x' where id = $1", [victim.id])).rejects.toThrow(/append-only/);

  // As the owner: switch the trigger off, rewrite the row, switch it back on — in one transaction.
  await seed.ownerSql(
    `begin;
     alter table audit_log disable trigger audit_log_append_only;
     update audit_log set action = 'apikey.revoked', diff = '{"name":"nothing to see"}' where tenant_id = '${org.tenant.id}' and seq = ${seq};
     alter table audit_log enable trigger audit_log_append_only;
     commit;`,
  );
  const [enabled] = await seed.ownerSql("select tgenabled from pg_trigger where tgname = 'audit_log_append_only'");
  expect(enabled!.tgenabled, "the trigger is back on").toBe("O");

  await page.goto(`/t/${org.tenant.slug}/audit`);
  await verify(page);
  const broken = alertWith(page, `Chain broken at entry #${seq}`);
  await expect(broken).toBeVisible();
  await expect(broken).toContainText("This entry's contents no longer match its hash: it was altered after it was written.");
  await expect(broken).toContainText(victim.id);
  await expect(broken).toContainText(`The ${seq - 1} entries before it verified.`);
  await expect(page.getByRole("status").filter({ hasText: "Chain intact" })).toHaveCount(0);

  // Another organisation's chain is unaffected.
  const other = await seed.tenant();
  const otherPage = await page.context().browser()!.newContext();
  try {
    await signIn(otherPage, other.owner.email);
    const p = await otherPage.newPage();
    await p.goto(`/t/${other.tenant.slug}/audit`);
    await verify(p);
    await expect(p.getByRole("status").filter({ hasText: "Chain intact" })).toBeVisible();
  } finally {
    await otherPage.close();
  }
});
