ALTER TABLE "audit_log" ADD COLUMN "personal" jsonb;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Hand-written: the append-only trigger now admits one kind of UPDATE, an erasure — setting
-- the columns that hash v2 leaves out (actor_label, ip, user_agent, personal) to NULL, and
-- nothing else. Every hashed column, and any v1 row (whose hash covers them all), stays
-- untouchable. No runtime role holds UPDATE on audit_log; the erasure job will get a column
-- grant for exactly these four columns when it exists.
CREATE OR REPLACE FUNCTION agentry_audit_only_erasure() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.hash_version >= 2
     AND (NEW.id, NEW.tenant_id, NEW.seq, NEW.at, NEW.actor_type, NEW.actor_id, NEW.action,
          NEW.target_type, NEW.target_id, NEW.request_id, NEW.diff, NEW.hash_version, NEW.prev_hash, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.tenant_id, OLD.seq, OLD.at, OLD.actor_type, OLD.actor_id, OLD.action,
          OLD.target_type, OLD.target_id, OLD.request_id, OLD.diff, OLD.hash_version, OLD.prev_hash, OLD.hash)
     AND (NEW.actor_label IS NULL OR NEW.actor_label IS NOT DISTINCT FROM OLD.actor_label)
     AND (NEW.ip IS NULL OR NEW.ip IS NOT DISTINCT FROM OLD.ip)
     AND (NEW.user_agent IS NULL OR NEW.user_agent IS NOT DISTINCT FROM OLD.user_agent)
     AND (NEW.personal IS NULL OR NEW.personal IS NOT DISTINCT FROM OLD.personal)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused (only erasing personal columns is allowed)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_append_only ON "audit_log";--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION agentry_audit_only_erasure();
