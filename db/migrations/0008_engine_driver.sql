CREATE TABLE "engine_batch_items" (
	"function_id" text NOT NULL,
	"batch_key" text DEFAULT '' NOT NULL,
	"event_id" text NOT NULL,
	"event" jsonb NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "engine_batch_items_function_id_event_id_pk" PRIMARY KEY("function_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "engine_batch_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "engine_crons" (
	"function_id" text NOT NULL,
	"schedule" text NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "engine_crons_function_id_schedule_pk" PRIMARY KEY("function_id","schedule")
);
--> statement-breakpoint
ALTER TABLE "engine_crons" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "engine_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"function_id" text NOT NULL,
	"event_id" text NOT NULL,
	"events" jsonb NOT NULL,
	"trigger_tenant_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stack" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pending" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"next_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"concurrency_key" text,
	"concurrency_limit" integer,
	"output" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "engine_runs_function_event_unique" UNIQUE("function_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "engine_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "engine_waits" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"event_name" text NOT NULL,
	"resolved_event" jsonb,
	CONSTRAINT "engine_waits_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
ALTER TABLE "engine_waits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engine_waits" ADD CONSTRAINT "engine_waits_run_id_engine_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."engine_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engine_batch_items_fn_idx" ON "engine_batch_items" USING btree ("function_id","batch_key","added_at");--> statement-breakpoint
CREATE INDEX "engine_runs_next_idx" ON "engine_runs" USING btree ("next_at","id") WHERE next_at is not null;--> statement-breakpoint
CREATE INDEX "engine_runs_active_key_idx" ON "engine_runs" USING btree ("concurrency_key") WHERE lease_until is not null;--> statement-breakpoint
CREATE INDEX "engine_runs_function_idx" ON "engine_runs" USING btree ("function_id","created_at");--> statement-breakpoint
CREATE INDEX "engine_waits_event_idx" ON "engine_waits" USING btree ("event_name");--> statement-breakpoint
CREATE POLICY "engine_batch_items_platform" ON "engine_batch_items" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "engine_crons_platform" ON "engine_crons" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "engine_runs_platform" ON "engine_runs" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "engine_waits_platform" ON "engine_waits" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written
-- The driver's state is engine-internal: platform role only. RLS is forced and there is no
-- app_user policy, and the tenant role loses the grant as well (belt and braces).
ALTER TABLE "engine_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engine_waits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engine_batch_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engine_crons" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
REVOKE ALL ON "engine_runs", "engine_waits", "engine_batch_items", "engine_crons" FROM app_user;
