CREATE TABLE `code_metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_row_id` integer NOT NULL,
	`developer_id` integer NOT NULL,
	`file_path` text NOT NULL,
	`timestamp` text,
	`function_name` text NOT NULL,
	`modification_type` text NOT NULL,
	`lines_added` integer NOT NULL,
	`lines_modified` integer NOT NULL,
	`lines_deleted` integer NOT NULL,
	`complexity_added` integer NOT NULL,
	`final_complexity` integer NOT NULL,
	`cognitive_load` integer NOT NULL,
	`has_docstring` integer NOT NULL,
	`quality_score` real NOT NULL,
	`has_type_hints` integer NOT NULL,
	`effort_score` real NOT NULL,
	FOREIGN KEY (`session_row_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `code_metrics_session_idx` ON `code_metrics` (`session_row_id`);--> statement-breakpoint
CREATE INDEX `code_metrics_developer_idx` ON `code_metrics` (`developer_id`);--> statement-breakpoint
CREATE TABLE `developers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`first_seen_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `developers_name_unique` ON `developers` (`name`);--> statement-breakpoint
CREATE TABLE `file_holdings` (
	`file_id` integer PRIMARY KEY NOT NULL,
	`ids` blob NOT NULL,
	FOREIGN KEY (`file_id`) REFERENCES `source_files`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ingest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trigger` text NOT NULL,
	`root` text NOT NULL,
	`started_ms` integer NOT NULL,
	`finished_ms` integer NOT NULL,
	`files_seen` integer NOT NULL,
	`files_ingested` integer NOT NULL,
	`files_unchanged` integer NOT NULL,
	`files_removed` integer NOT NULL,
	`files_failed` integer NOT NULL,
	`bytes_read` integer NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `ingest_runs_started_idx` ON `ingest_runs` (`started_ms`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`developer_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`timestamp` text NOT NULL,
	`ts_ms` integer,
	`content_hash` integer NOT NULL,
	`prompt` text NOT NULL,
	`response_summary` text NOT NULL,
	`effectiveness_rating` real NOT NULL,
	`iteration_count` integer NOT NULL,
	`tools_used_json` text NOT NULL,
	`tokens_in` integer NOT NULL,
	`tokens_out` integer NOT NULL,
	`cache_hit_rate` real NOT NULL,
	`cached_tokens` integer NOT NULL,
	`new_tokens` integer NOT NULL,
	`context_pct` real NOT NULL,
	`holders` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interactions_key_uq` ON `interactions` (`developer_id`,`session_id`,`timestamp`,`content_hash`);--> statement-breakpoint
CREATE INDEX `interactions_ts_idx` ON `interactions` (`ts_ms`);--> statement-breakpoint
CREATE TABLE `issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`developer_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`timestamp` text NOT NULL,
	`ts_ms` integer,
	`content_hash` integer NOT NULL,
	`issue_type` text NOT NULL,
	`description` text NOT NULL,
	`severity` text NOT NULL,
	`resolved` integer NOT NULL,
	`resolution_notes` text NOT NULL,
	`holders` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issues_key_uq` ON `issues` (`developer_id`,`session_id`,`timestamp`,`content_hash`);--> statement-breakpoint
CREATE INDEX `issues_ts_idx` ON `issues` (`ts_ms`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`developer_id` integer NOT NULL,
	`request_key` text NOT NULL,
	`timestamp` text NOT NULL,
	`ts_ms` integer,
	`model` text NOT NULL,
	`type` text NOT NULL,
	`tokens_in` integer NOT NULL,
	`tokens_out` integer NOT NULL,
	`cache_hit_rate` real NOT NULL,
	`cached_tokens` integer NOT NULL,
	`new_tokens` integer NOT NULL,
	`context_pct` real NOT NULL,
	`note` text NOT NULL,
	`project` text NOT NULL,
	`record_developer` text NOT NULL,
	`holders` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_key_uq` ON `requests` (`developer_id`,`request_key`);--> statement-breakpoint
CREATE INDEX `requests_ts_idx` ON `requests` (`ts_ms`);--> statement-breakpoint
CREATE INDEX `requests_model_ts_idx` ON `requests` (`model`,`ts_ms`);--> statement-breakpoint
CREATE TABLE `session_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_id` integer NOT NULL,
	`developer_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`session_name` text NOT NULL,
	`task_type` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`model_name` text NOT NULL,
	`project` text NOT NULL,
	`record_developer` text NOT NULL,
	`execution_context` text,
	`estimate_source` text,
	`start_time` text,
	`start_ms` integer,
	`end_time` text,
	`end_ms` integer,
	`duration_minutes` real NOT NULL,
	`initial_estimate_minutes` real,
	`final_estimate_minutes` real,
	`human_time_estimate_minutes` real,
	`estimate_minutes` real NOT NULL,
	`total_interactions` integer NOT NULL,
	`avg_effectiveness` real NOT NULL,
	`code_functions` integer NOT NULL,
	`is_copy` integer NOT NULL,
	`raw_json` text NOT NULL,
	FOREIGN KEY (`file_id`) REFERENCES `source_files`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_versions_file_session_uq` ON `session_versions` (`file_id`,`session_id`);--> statement-breakpoint
CREATE INDEX `session_versions_key_idx` ON `session_versions` (`developer_id`,`session_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`developer_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`session_name` text NOT NULL,
	`task_type` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`model_name` text NOT NULL,
	`project` text NOT NULL,
	`record_developer` text NOT NULL,
	`execution_context` text,
	`estimate_source` text,
	`start_time` text,
	`start_ms` integer,
	`end_time` text,
	`end_ms` integer,
	`duration_minutes` real NOT NULL,
	`initial_estimate_minutes` real,
	`final_estimate_minutes` real,
	`human_time_estimate_minutes` real,
	`estimate_minutes` real NOT NULL,
	`total_interactions` integer NOT NULL,
	`avg_effectiveness` real NOT NULL,
	`code_functions` integer NOT NULL,
	`version_id` integer NOT NULL,
	`versions_count` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_key_uq` ON `sessions` (`developer_id`,`session_id`);--> statement-breakpoint
CREATE INDEX `sessions_start_idx` ON `sessions` (`start_ms`);--> statement-breakpoint
CREATE INDEX `sessions_developer_start_idx` ON `sessions` (`developer_id`,`start_ms`);--> statement-breakpoint
CREATE INDEX `sessions_project_start_idx` ON `sessions` (`project`,`start_ms`);--> statement-breakpoint
CREATE INDEX `sessions_model_start_idx` ON `sessions` (`model_name`,`start_ms`);--> statement-breakpoint
CREATE INDEX `sessions_task_type_start_idx` ON `sessions` (`task_type`,`start_ms`);--> statement-breakpoint
CREATE INDEX `sessions_status_idx` ON `sessions` (`status`);--> statement-breakpoint
CREATE TABLE `source_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`developer_id` integer NOT NULL,
	`rel_path` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`copy_kind` text NOT NULL,
	`copy_of` text,
	`size` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`hash` text,
	`status` text NOT NULL,
	`last_error` text,
	`last_error_ms` integer,
	`last_ingested_ms` integer,
	`records_count` integer DEFAULT 0 NOT NULL,
	`skipped_count` integer DEFAULT 0 NOT NULL,
	`skipped_json` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `source_files_rel_path_unique` ON `source_files` (`rel_path`);--> statement-breakpoint
CREATE INDEX `source_files_source_idx` ON `source_files` (`source_id`);--> statement-breakpoint
CREATE INDEX `source_files_developer_idx` ON `source_files` (`developer_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`developer_id` integer NOT NULL,
	`rel_path` text NOT NULL,
	`sub_path` text NOT NULL,
	`first_seen_ms` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_rel_path_unique` ON `sources` (`rel_path`);--> statement-breakpoint
CREATE INDEX `sources_developer_idx` ON `sources` (`developer_id`);