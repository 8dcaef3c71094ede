-- Issue 11: the old role `viewer` saw all team data, which is what `lead` means now.
UPDATE `users` SET `role` = 'lead' WHERE `role` = 'viewer';
