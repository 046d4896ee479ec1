CREATE TABLE "dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"function_id" text NOT NULL,
	"run_id" text NOT NULL,
	"event_id" text,
	"event_name" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"error_name" text NOT NULL,
	"error_message" text NOT NULL,
	"attempts" integer,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"retry_event_id" text,
	CONSTRAINT "dead_letters_tenant_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "dead_letters_tenant_run_key" UNIQUE("tenant_id","run_id"),
	CONSTRAINT "dead_letters_status_check" CHECK ("dead_letters"."status" in ('open', 'retried', 'discarded'))
);
--> statement-breakpoint
ALTER TABLE "dead_letters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_tenant_failed_idx" ON "dead_letters" USING btree ("tenant_id","failed_at");--> statement-breakpoint
CREATE POLICY "dead_letters_tenant_isolation" ON "dead_letters" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "dead_letters_platform" ON "dead_letters" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written
ALTER TABLE "dead_letters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The explorer's reads of the events table (kept here rather than in db/schema/events.ts, which
-- other branches edit): the stream pages by (tenant, id) — ULIDs sort by time —; "caused" and the
-- causal-chain walk follow causation ids; a run's chain starts from the events naming its id.
CREATE INDEX IF NOT EXISTS "events_tenant_id_idx" ON "events" USING btree ("tenant_id", "id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "events_tenant_causation_idx" ON "events" USING btree ("tenant_id", "causation_id") WHERE causation_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "events_tenant_run_idx" ON "events" USING btree ("tenant_id", (payload->>'runId'));
