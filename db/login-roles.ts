import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "./client";

/**
 * In the production shape the database, not the code, is what stops a transaction from acting as
 * someone else, so the shape itself is checked when the pools open: the tenant pool's login must
 * be nothing but a member of `app_user` (no superuser, no BYPASSRLS, no other role it could
 * `SET ROLE` to, nothing it owns — an owner could switch RLS off), and the platform pool's login
 * nothing but a member of `app_platform`. A login that is more refuses to start.
 */

export class LoginRoleError extends Error {
  override name = "LoginRoleError";
}

type LoginFacts = { login: string; super: boolean; bypassrls: boolean; memberOf: string[]; owns: number };

async function loginFacts(db: Database): Promise<LoginFacts> {
  const [row] = rowsOf<{ j: string }>(
    await db.execute(sql`
      select json_build_object(
        'login', r.rolname,
        'super', r.rolsuper,
        'bypassrls', r.rolbypassrls,
        'memberOf', array(select g.rolname::text from pg_roles g
                          where g.oid <> r.oid and pg_has_role(r.oid, g.oid, 'MEMBER') order by 1),
        'owns', (select count(*) from pg_class c where c.relowner = r.oid)
              + (select count(*) from pg_proc p where p.proowner = r.oid)
              + (select count(*) from pg_namespace n where n.nspowner = r.oid)
      )::text as j
      from pg_roles r where r.rolname = session_user`),
  );
  return JSON.parse(row!.j) as LoginFacts;
}

/** What is wrong with a pool's login for `role` (empty when it is exactly a member of it). */
function problemsOf(facts: LoginFacts, role: "app_user" | "app_platform"): string[] {
  // A superuser is a member of everything and owns what it likes: that one fact says it all.
  if (facts.super) return ["is a superuser"];
  const problems: string[] = [];
  if (role === "app_user" && facts.bypassrls) problems.push("has BYPASSRLS");
  if (!facts.memberOf.includes(role)) problems.push(`is not a member of ${role}`);
  const others = facts.memberOf.filter((r) => r !== role);
  if (others.length > 0) problems.push(`is also a member of ${others.join(", ")}`);
  if (facts.owns > 0) problems.push(`owns ${facts.owns} object(s) in this database`);
  return problems;
}

/** Throws a `LoginRoleError` naming every problem of either pool's login. */
export async function assertLoginRoles(pools: { app: Database; platform: Database }): Promise<void> {
  const [app, platform] = await Promise.all([loginFacts(pools.app), loginFacts(pools.platform)]);
  const lines = [
    ...problemsOf(app, "app_user").map((p) => `the tenant pool logs in as "${app.login}", which ${p}`),
    ...problemsOf(platform, "app_platform").map((p) => `the platform pool logs in as "${platform.login}", which ${p}`),
  ];
  if (lines.length > 0) {
    throw new LoginRoleError(
      `Refusing to use these database logins:\n${lines.map((l) => `  - ${l}`).join("\n")}\n` +
        "The tenant pool must log in as a role whose only membership is app_user, the platform pool as one whose only membership is app_platform " +
        "(CREATE ROLE … LOGIN PASSWORD '…' IN ROLE app_user).",
    );
  }
}
