CREATE POLICY "accounts_platform" ON "accounts" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "password_reset_tokens_platform" ON "password_reset_tokens" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "user_sessions_platform" ON "user_sessions" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "users_platform" ON "users" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "invitations_platform" ON "invitations" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "memberships_platform" ON "memberships" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenants_platform" ON "tenants" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "api_keys_platform" ON "api_keys" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "audit_log_platform" ON "audit_log" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- Above, generated: every walled table admits app_platform by policy (tenant-scope.ts), so the
-- platform path and the definer lookups of 0002 (owned by app_platform) need no BYPASSRLS.
-- Hand-written below (drizzle-kit emits policies, never grants).
-- The runtime role reads every column of users but the password hash (only the definer lookup
-- agentry_user_by_email reads it, for the sign-in that verifies it), and may not make anyone a
-- platform administrator. Postgres has no column-level deny under a table-level grant, so the
-- table grant is replaced by column grants; a column added later is readable only once granted
-- (tests/db/isolation.test.ts names any that is not). app_platform keeps the whole table.
REVOKE SELECT, UPDATE ON "users" FROM app_user;--> statement-breakpoint
GRANT SELECT ("id", "email", "name", "email_verified_at", "is_platform_admin", "created_at", "updated_at") ON "users" TO app_user;--> statement-breakpoint
GRANT UPDATE ("email", "name", "password_hash", "email_verified_at", "updated_at") ON "users" TO app_user;
