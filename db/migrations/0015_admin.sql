-- Issue #21 §3-4: running a deployment. A learner an admin disabled cannot sign in and
-- their share links answer 404 until enabled; the learner's "Email me about my
-- credentials" setting and when they were last mailed; per credential, the status a
-- mail last told them about (so each change is mailed once); the admin audit log;
-- the trusted issuers an admin adds (one more registry source for the verifier).
ALTER TABLE "users" ADD COLUMN "disabled" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notify_credentials" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notified_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "notified_status" text;
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_user_id" uuid,
	"summary" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");
--> statement-breakpoint
CREATE TABLE "admin_trusted_issuers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"issuer_id" text,
	"document" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "admin_trusted_issuers" ADD CONSTRAINT "admin_trusted_issuers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sash_user_disabled_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sash_share', c.share_slug) FROM credentials c WHERE c.user_id = NEW.id;
  PERFORM pg_notify('sash_share', r.share_slug) FROM record_shares r WHERE r.user_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_disabled_share_notify AFTER UPDATE OF disabled ON users
  FOR EACH ROW WHEN (OLD.disabled IS DISTINCT FROM NEW.disabled) EXECUTE FUNCTION sash_user_disabled_notify();
