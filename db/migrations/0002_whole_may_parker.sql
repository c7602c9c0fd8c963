CREATE TABLE "credential_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"mime_type" text,
	"sha256" text,
	"size" integer,
	"bytes" "bytea",
	"record" jsonb,
	"verification" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credential_uploads" ADD CONSTRAINT "credential_uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credential_uploads_user_idx" ON "credential_uploads" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "credential_uploads_expires_idx" ON "credential_uploads" USING btree ("expires_at");