DROP INDEX "interactions_ts_idx";--> statement-breakpoint
DROP INDEX "issues_ts_idx";--> statement-breakpoint
CREATE INDEX "sessions_start_id_idx" ON "sessions" USING btree ("start_ms" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "interactions_ts_idx" ON "interactions" USING btree ("ts_ms" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "issues_ts_idx" ON "issues" USING btree ("ts_ms" NULLS FIRST,"id");