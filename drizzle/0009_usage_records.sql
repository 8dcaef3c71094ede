CREATE TABLE `usage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`developer_id` integer NOT NULL,
	`usage_key` text NOT NULL,
	`agent` text NOT NULL,
	`agent_version` text,
	`conversation_id` text NOT NULL,
	`project` text NOT NULL,
	`model` text NOT NULL,
	`hour` text NOT NULL,
	`hour_ms` integer NOT NULL,
	`first_ms` integer NOT NULL,
	`last_ms` integer NOT NULL,
	`requests` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cache_write_5m_tokens` integer NOT NULL,
	`cache_write_1h_tokens` integer NOT NULL,
	`cache_read_tokens` integer NOT NULL,
	`reasoning_output_tokens` integer NOT NULL,
	`holders` integer NOT NULL,
	FOREIGN KEY (`developer_id`) REFERENCES `developers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_key_uq` ON `usage` (`developer_id`,`usage_key`);--> statement-breakpoint
CREATE INDEX `usage_hour_idx` ON `usage` (`hour_ms`);--> statement-breakpoint
CREATE INDEX `usage_identity_idx` ON `usage` (`developer_id`,`conversation_id`,`model`,`hour_ms`);