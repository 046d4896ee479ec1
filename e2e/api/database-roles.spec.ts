/**
 * The server under test runs in the production role shape (e2e/support/serve.ts): its database
 * connections log in as the two runtime logins, never as the owner that migrated.
 */
import { APPLICATION_NAME } from "@/db/runtime";
import { loginNames } from "@/tests/support/databases";
import { e2eDatabaseName } from "../support/env";
import { expect, test } from "../support/fixtures";
import { expectOk } from "../support/http";

test("the app's connections are the tenant and platform logins only, not the owner", async ({ request, seed }) => {
  // The server opened both pools at start-up, checking both logins; a tenant request uses one.
  const org = await seed.tenantWithKey();
  await expectOk(await request.get("/api/v1/tenant", { headers: { authorization: `Bearer ${org.key.secret}` } }));
  const rows = await seed.ownerSql(
    "select distinct usename::text as login from pg_stat_activity where datname = current_database() and application_name = $1 order by 1",
    [APPLICATION_NAME],
  );
  const logins = loginNames(e2eDatabaseName());
  expect(rows.map((r) => r.login)).toEqual([logins.app, logins.platform].sort());
});
