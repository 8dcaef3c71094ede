-- Custom migration (issue 14): the data version, a number every committed write of any connection or
-- portal instance moves (Store.dataVersion() on PostgreSQL), announced with NOTIFY portal_data.
--
-- A statement-level trigger on each data table marks its transaction once (a transaction-local setting
-- holding the transaction id, then one row in portal_data_version_pending). That row's DEFERRED
-- constraint trigger bumps the one-row counter and notifies AT COMMIT: the counter's row lock is the last
-- lock a writer takes, held only while it commits, so writers never deadlock on it, and a write rolled
-- back leaves the counter alone. Cost: one setting check per statement, three tiny row writes per
-- write transaction, however many rows it writes (bulk ingest). A new data table needs its trigger
-- here too (lib/db/pg-store.test.ts checks that every table has one).
CREATE TABLE "portal_data_version" (
	"id" integer PRIMARY KEY CHECK ("id" = 1),
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "portal_data_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE TABLE "portal_data_version_pending" ("xact" bigint PRIMARY KEY);
--> statement-breakpoint
CREATE FUNCTION portal_mark_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	x text := txid_current()::text;
BEGIN
	IF current_setting('portal.data_changed_xact', true) IS DISTINCT FROM x THEN
		PERFORM set_config('portal.data_changed_xact', x, true);
		INSERT INTO portal_data_version_pending ("xact") VALUES (x::bigint) ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION portal_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	v bigint;
BEGIN
	UPDATE portal_data_version SET "version" = "version" + 1 WHERE "id" = 1 RETURNING "version" INTO v;
	DELETE FROM portal_data_version_pending WHERE "xact" = NEW."xact";
	PERFORM pg_notify('portal_data', v::text);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "portal_data_version_bump" AFTER INSERT ON "portal_data_version_pending"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION portal_bump_data_version();
--> statement-breakpoint
CREATE TRIGGER "developers_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "developers"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "sources_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sources"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "source_files_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "source_files"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "file_holdings_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "file_holdings"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "session_versions_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "session_versions"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "sessions_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sessions"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "interactions_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "interactions"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "session_interaction_totals_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "session_interaction_totals"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "issues_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "issues"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "requests_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "requests"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "code_metrics_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "code_metrics"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "ingest_runs_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ingest_runs"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "users_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "auth_sessions_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "auth_sessions"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "login_attempts_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "login_attempts"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "api_tokens_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "api_tokens"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "settings_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "settings"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "member_folders_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "member_folders"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "developer_display_names_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "developer_display_names"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "password_links_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "password_links"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
--> statement-breakpoint
CREATE TRIGGER "usage_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "usage"
	FOR EACH STATEMENT EXECUTE FUNCTION portal_mark_data_changed();
