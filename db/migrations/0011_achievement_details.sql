ALTER TABLE "credentials" ADD COLUMN "achievement_type" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "details" jsonb;