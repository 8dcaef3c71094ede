-- Hand edit: WITHOUT ROWID (drizzle-kit cannot express it) makes the totals table its primary-key B-tree,
-- so the dashboards' join on (developer_id, session_id) is one search instead of two.
CREATE TABLE `session_interaction_totals` (
	`developer_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`interactions` integer NOT NULL,
	`rating_int_sum` integer NOT NULL,
	`rated_1` integer NOT NULL,
	`rated_2` integer NOT NULL,
	`rated_3` integer NOT NULL,
	`rated_4` integer NOT NULL,
	`rated_5` integer NOT NULL,
	`tokens_in` integer NOT NULL,
	`tokens_out` integer NOT NULL,
	`tokens_in_max` integer NOT NULL,
	`tokens_out_max` integer NOT NULL,
	`cache_hit_rate_sum` real NOT NULL,
	`cached_tokens` integer NOT NULL,
	`new_tokens` integer NOT NULL,
	`context_pct_max` real NOT NULL,
	PRIMARY KEY(`developer_id`, `session_id`),
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP INDEX `sessions_start_idx`;--> statement-breakpoint
CREATE INDEX `sessions_window_idx` ON `sessions` (`start_ms`,`developer_id`,`session_id`,`status`,`task_type`,`outcome`,`project`,`model_name`,`duration_minutes`,`estimate_minutes`,`end_ms`,`initial_estimate_minutes`,`final_estimate_minutes`,`human_time_estimate_minutes`);