ALTER TABLE `api_tokens` ADD `last_used_address` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `scopes` text DEFAULT '["read"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_ms` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `created_by_user_id` integer;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `created_by_token_id` integer;--> statement-breakpoint
CREATE INDEX `api_tokens_created_by_token_idx` ON `api_tokens` (`created_by_token_id`);