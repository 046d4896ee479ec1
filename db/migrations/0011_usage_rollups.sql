CREATE TABLE "usage_counted" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_counted_tenant_run_key" UNIQUE("tenant_id","run_id")
);
--> statement-breakpoint
ALTER TABLE "usage_counted" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"agent_id" uuid NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"runs" bigint DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"model_calls" bigint DEFAULT 0 NOT NULL,
	"tool_calls" bigint DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_daily_bucket_key" UNIQUE("tenant_id","bucket_start","agent_id","provider","model")
);
--> statement-breakpoint
ALTER TABLE "usage_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_hourly" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"agent_id" uuid NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"runs" bigint DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"model_calls" bigint DEFAULT 0 NOT NULL,
	"tool_calls" bigint DEFAULT 0 NOT NULL,
	"cost_micros" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_hourly_bucket_key" UNIQUE("tenant_id","bucket_start","agent_id","provider","model")
);
--> statement-breakpoint
ALTER TABLE "usage_hourly" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_counted" ADD CONSTRAINT "usage_counted_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_counted_tenant_occurred_idx" ON "usage_counted" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE POLICY "usage_counted_tenant_isolation" ON "usage_counted" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "usage_counted_platform" ON "usage_counted" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "usage_daily_tenant_isolation" ON "usage_daily" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "usage_daily_platform" ON "usage_daily" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "usage_hourly_tenant_isolation" ON "usage_hourly" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "usage_hourly_platform" ON "usage_hourly" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written
ALTER TABLE "usage_counted" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "usage_hourly" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Metering is only ever added to by the app role: the roll-up inserts and increments (upsert),
-- the counted-runs ledger is insert-only (un-counting a run would let it count twice). Only the
-- retention purge (platform role) removes rows: hourly roll-ups past the plan's retention.
REVOKE UPDATE, DELETE, TRUNCATE ON "usage_counted" FROM app_user;--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON "usage_daily", "usage_hourly" FROM app_user;
