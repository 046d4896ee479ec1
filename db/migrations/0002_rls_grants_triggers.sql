-- What drizzle-kit does not emit: FORCE RLS, grants, composite ON DELETE SET NULL (column),
-- append-only triggers, the two narrow lookup functions, and the plan catalogue.

-- 1. Row-level security applies to the table owner too.
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "password_reset_tokens" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- 2. Composite references null only the member column when a member is removed.
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_inviter_fk";--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_inviter_fk" FOREIGN KEY ("tenant_id", "invited_by")
  REFERENCES "public"."memberships" ("tenant_id", "user_id") ON DELETE SET NULL ("invited_by");--> statement-breakpoint
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_creator_fk";--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_creator_fk" FOREIGN KEY ("tenant_id", "created_by")
  REFERENCES "public"."memberships" ("tenant_id", "user_id") ON DELETE SET NULL ("created_by");--> statement-breakpoint
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_revoker_fk";--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoker_fk" FOREIGN KEY ("tenant_id", "revoked_by")
  REFERENCES "public"."memberships" ("tenant_id", "user_id") ON DELETE SET NULL ("revoked_by");--> statement-breakpoint

-- 3. Grants. The runtime roles own nothing; they get DML, and tables created later by the
--    migration owner get the same by default.
GRANT USAGE ON SCHEMA public TO app_user, app_platform;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app_user, app_platform;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_user, app_platform;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "plans" FROM app_user, app_platform;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM app_user, app_platform;--> statement-breakpoint
REVOKE ALL ON "platform_audit_log" FROM app_user;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "platform_audit_log" FROM app_platform;--> statement-breakpoint

-- 4. Append-only, even for a role that somehow holds the grant.
CREATE OR REPLACE FUNCTION agentry_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION agentry_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION agentry_refuse_change();--> statement-breakpoint
CREATE TRIGGER platform_audit_log_append_only BEFORE UPDATE OR DELETE ON "platform_audit_log"
  FOR EACH ROW EXECUTE FUNCTION agentry_refuse_change();--> statement-breakpoint
CREATE TRIGGER platform_audit_log_no_truncate BEFORE TRUNCATE ON "platform_audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION agentry_refuse_change();--> statement-breakpoint

-- 5. The two narrow doors into a tenant for callers who do not know it yet: a bearer API key
--    and an invitation link. Each answers only "which tenant holds this exact secret hash" —
--    nothing to enumerate, nothing else returned. Owned by app_platform (BYPASSRLS) so they work
--    even where the migration owner is not a superuser and FORCE RLS binds it.
CREATE OR REPLACE FUNCTION agentry_api_key_tenant(p_secret_hash text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT tenant_id FROM public.api_keys WHERE secret_hash = p_secret_hash LIMIT 1
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION agentry_invitation_tenant(p_token_hash text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT tenant_id FROM public.invitations WHERE token_hash = p_token_hash LIMIT 1
$$;--> statement-breakpoint
-- The same for identity, before anyone is known: who has this e-mail (sign-in, reset, OAuth
-- linking — the password hash goes back to the app that verifies it), which user an external
-- account is linked to, whose reset token this is, and whether any account exists yet (the
-- first becomes platform admin). Each answers one exact key; none can list.
CREATE OR REPLACE FUNCTION agentry_user_by_email(p_email text)
  RETURNS TABLE (id uuid, email text, name text, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.email, u.name, u.password_hash FROM public.users u WHERE u.email = p_email
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION agentry_user_by_account(p_provider text, p_provider_account_id text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT user_id FROM public.accounts WHERE provider = p_provider AND provider_account_id = p_provider_account_id
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION agentry_reset_token_user(p_token_hash text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT user_id FROM public.password_reset_tokens WHERE token_hash = p_token_hash
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION agentry_any_user() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.users)
$$;--> statement-breakpoint
-- Changing the owner needs CREATE on the schema for the new owner, only for that moment.
GRANT CREATE ON SCHEMA public TO app_platform;--> statement-breakpoint
ALTER FUNCTION agentry_api_key_tenant(text) OWNER TO app_platform;--> statement-breakpoint
ALTER FUNCTION agentry_invitation_tenant(text) OWNER TO app_platform;--> statement-breakpoint
ALTER FUNCTION agentry_user_by_email(text) OWNER TO app_platform;--> statement-breakpoint
ALTER FUNCTION agentry_user_by_account(text, text) OWNER TO app_platform;--> statement-breakpoint
ALTER FUNCTION agentry_reset_token_user(text) OWNER TO app_platform;--> statement-breakpoint
ALTER FUNCTION agentry_any_user() OWNER TO app_platform;--> statement-breakpoint
REVOKE CREATE ON SCHEMA public FROM app_platform;--> statement-breakpoint
REVOKE ALL ON FUNCTION agentry_api_key_tenant(text), agentry_invitation_tenant(text), agentry_user_by_email(text),
  agentry_user_by_account(text, text), agentry_reset_token_user(text), agentry_any_user() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION agentry_api_key_tenant(text), agentry_invitation_tenant(text), agentry_user_by_email(text),
  agentry_user_by_account(text, text), agentry_reset_token_user(text), agentry_any_user() TO app_user;--> statement-breakpoint

-- 6. The plan catalogue (billing will sell these; rate limits read them today).
INSERT INTO "plans" ("id", "name", "sort_order", "limits") VALUES
  ('free', 'Free', 0, '{"apiKeyRequestsPerMinute":120,"tenantRequestsPerMinute":600,"runsPerMonth":1000,"tokensPerMonth":1000000,"agents":3,"seats":5,"retentionDays":30}'),
  ('pro', 'Pro', 1, '{"apiKeyRequestsPerMinute":1200,"tenantRequestsPerMinute":6000,"runsPerMonth":50000,"tokensPerMonth":50000000,"agents":50,"seats":50,"retentionDays":365}'),
  ('enterprise', 'Enterprise', 2, '{"apiKeyRequestsPerMinute":60000,"tenantRequestsPerMinute":600000,"runsPerMonth":null,"tokensPerMonth":null,"agents":null,"seats":null,"retentionDays":2555}')
ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name", "sort_order" = EXCLUDED."sort_order", "limits" = EXCLUDED."limits";
