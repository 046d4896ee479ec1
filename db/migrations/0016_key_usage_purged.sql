CREATE TABLE "key_usage_purged" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"api_key_id" uuid NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"runs" bigint DEFAULT 0 NOT NULL,
	"tokens" bigint DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "key_usage_purged_key_day_key" UNIQUE("tenant_id","api_key_id","day")
);
--> statement-breakpoint
ALTER TABLE "key_usage_purged" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "key_usage_purged" ADD CONSTRAINT "key_usage_purged_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "key_usage_purged_tenant_isolation" ON "key_usage_purged" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "key_usage_purged_platform" ON "key_usage_purged" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written
ALTER TABLE "key_usage_purged" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Only the retention purge (platform role) writes here: it folds in the runs it deletes and drops
-- last month's rows. The app role reads it for key budgets and may not change what was spent.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "key_usage_purged" FROM app_user;
