CREATE TABLE "email_verification_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_email_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "issuer_title" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "issuer_description" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "share_download_shows_address" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "status_notice" text;--> statement-breakpoint
ALTER TABLE "email_verification_tokens" ADD CONSTRAINT "email_verification_tokens_user_email_id_user_emails_id_fk" FOREIGN KEY ("user_email_id") REFERENCES "public"."user_emails"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_emails" ADD CONSTRAINT "user_emails_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_verification_tokens_email_idx" ON "email_verification_tokens" USING btree ("user_email_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_emails_user_email_idx" ON "user_emails" USING btree ("user_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "user_emails_verified_email_idx" ON "user_emails" USING btree (lower("email")) WHERE "user_emails"."verified_at" is not null;--> statement-breakpoint
-- Issue #11 §2: every learner's sign-in address becomes their first address, not yet verified.
INSERT INTO "user_emails" ("user_id", "email", "created_at") SELECT "id", "email", "created_at" FROM "users" ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Issue #11 §3: the issuer's own wording, kept apart from the learner's edits (from the stored badge record).
UPDATE "credentials" SET "issuer_title" = "record"->>'title', "issuer_description" = "record"->>'description' WHERE "record" IS NOT NULL;--> statement-breakpoint
-- Recipient matches made against an unconfirmed address no longer count until the next re-check.
UPDATE "credentials" SET "verification" = jsonb_set("verification", '{checks}', (
  SELECT jsonb_agg(CASE WHEN c->>'id' = 'recipient' AND c->>'status' = 'pass'
    THEN jsonb_build_object('id', 'recipient', 'status', 'warn', 'message', 'Sash now confirms the recipient only through a verified email address; it will be checked again once yours is verified.')
    ELSE c END ORDER BY ord)
  FROM jsonb_array_elements("verification"->'checks') WITH ORDINALITY AS t(c, ord)))
WHERE jsonb_typeof("verification"->'checks') = 'array'
  AND EXISTS (SELECT 1 FROM jsonb_array_elements("verification"->'checks') c WHERE c->>'id' = 'recipient' AND c->>'status' = 'pass');
