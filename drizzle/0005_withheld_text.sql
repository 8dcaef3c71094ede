ALTER TABLE `interactions` ADD `prompt_withheld_chars` integer;--> statement-breakpoint
ALTER TABLE `interactions` ADD `summary_withheld_chars` integer;