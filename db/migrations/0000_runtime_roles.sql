-- Runtime roles. Roles are cluster-wide, so this must be idempotent and safe to run from
-- several databases at once (parallel test databases share one cluster).
-- app_user:     every tenant and identity query; NOLOGIN, no BYPASSRLS, owns nothing.
-- app_platform: the audited cross-tenant path (withPlatform); NOLOGIN. It needs no BYPASSRLS:
--               every walled table has a policy that admits it (migration 0003). Only a
--               superuser may create a BYPASSRLS role, and a managed Postgres owner is not one.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
    BEGIN
      CREATE ROLE app_user NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_platform') THEN
    BEGIN
      CREATE ROLE app_platform NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  -- A role that pre-existed with other attributes is corrected, never trusted. (app_platform's
  -- BYPASSRLS, left over from installations made before 0003, is harmless and only a superuser
  -- could remove it, so it is not touched here.)
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user'
             AND (rolcanlogin OR rolsuper OR rolbypassrls OR rolcreatedb OR rolcreaterole OR rolreplication)) THEN
    ALTER ROLE app_user NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_platform'
             AND (rolcanlogin OR rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication)) THEN
    ALTER ROLE app_platform NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
  END IF;
  -- A migration owner that is not a superuser (managed Postgres) must be able to SET ROLE.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT app_user, app_platform TO %I', current_user);
  END IF;
END
$$;
