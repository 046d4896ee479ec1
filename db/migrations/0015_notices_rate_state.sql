CREATE TABLE "engine_rate_state" (
	"function_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"tat" timestamp with time zone NOT NULL,
	CONSTRAINT "engine_rate_state_function_id_kind_key_pk" PRIMARY KEY("function_id","kind","key")
);
--> statement-breakpoint
ALTER TABLE "engine_rate_state" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "incident_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "engine_rate_state_tat_idx" ON "engine_rate_state" USING btree ("tat");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('incident', 'auto_response', 'quota', 'billing') and ("notifications"."kind" not in ('incident', 'auto_response') or "notifications"."incident_id" is not null));--> statement-breakpoint
CREATE POLICY "engine_rate_state_platform" ON "engine_rate_state" AS PERMISSIVE FOR ALL TO "app_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written
ALTER TABLE "engine_rate_state" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
REVOKE ALL ON "engine_rate_state" FROM app_user;--> statement-breakpoint
-- Flow-control state used to live in engine_crons under `flow:<kind>:<function>` ids: carry any
-- live state over so a throttle keeps its pace across the upgrade, then drop the borrowed rows.
INSERT INTO "engine_rate_state" ("function_id", "kind", "key", "tat")
  SELECT substring("function_id" from length('flow:' || split_part("function_id", ':', 2) || ':') + 1), split_part("function_id", ':', 2), "schedule", "next_at"
  FROM "engine_crons" WHERE "function_id" LIKE 'flow:%' AND "next_at" > now()
  ON CONFLICT DO NOTHING;--> statement-breakpoint
DELETE FROM "engine_crons" WHERE "function_id" LIKE 'flow:%';
