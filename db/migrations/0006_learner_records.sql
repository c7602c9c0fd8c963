CREATE TABLE "learner_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"spec" text NOT NULL,
	"external_id" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"issuer_title" text,
	"issuer_name" text,
	"issuer_url" text,
	"issuer_image" text,
	"image_url" text,
	"issued_on" timestamp with time zone,
	"expires" timestamp with time zone,
	"file_id" uuid,
	"file_sha256" text,
	"raw" text NOT NULL,
	"record" jsonb,
	"achievements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"associations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verification" jsonb,
	"verification_result" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "learner_record_id" uuid;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "learner_record_index" integer;--> statement-breakpoint
ALTER TABLE "learner_records" ADD CONSTRAINT "learner_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_records" ADD CONSTRAINT "learner_records_file_id_credential_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."credential_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learner_records_user_idx" ON "learner_records" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "learner_records_user_external_idx" ON "learner_records" USING btree ("user_id","external_id") WHERE "learner_records"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "learner_records_user_file_sha_idx" ON "learner_records" USING btree ("user_id","file_sha256") WHERE "learner_records"."file_sha256" is not null;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_learner_record_id_learner_records_id_fk" FOREIGN KEY ("learner_record_id") REFERENCES "public"."learner_records"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credentials_learner_record_idx" ON "credentials" USING btree ("learner_record_id");