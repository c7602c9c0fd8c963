CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_skills" (
	"course_id" text NOT NULL,
	"skill_key" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "course_skills_course_id_skill_key_pk" PRIMARY KEY("course_id","skill_key")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text DEFAULT 'course' NOT NULL,
	"length" text DEFAULT '' NOT NULL,
	"cost" text DEFAULT '' NOT NULL,
	"url" text,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credential_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"public_bytes" "bytea",
	"public_mime_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credential_skills" (
	"credential_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"skill_id" text,
	"skill_key" text NOT NULL,
	CONSTRAINT "credential_skills_credential_id_skill_key_pk" PRIMARY KEY("credential_id","skill_key")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"section" text DEFAULT 'imported' NOT NULL,
	"origin" text NOT NULL,
	"spec" text,
	"external_id" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"criteria_narrative" text,
	"criteria_url" text,
	"issuer_name" text,
	"issuer_url" text,
	"issuer_image" text,
	"image_url" text,
	"issued_on" timestamp with time zone,
	"expires" timestamp with time zone,
	"file_id" uuid,
	"file_sha256" text,
	"record" jsonb,
	"raw" text,
	"verification" jsonb,
	"verification_result" text,
	"verified_at" timestamp with time zone,
	"share_slug" text NOT NULL,
	"share_enabled" boolean DEFAULT true NOT NULL,
	"share_indexable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_skills" (
	"job_id" uuid NOT NULL,
	"name" text NOT NULL,
	"skill_id" text,
	"skill_key" text NOT NULL,
	"required" boolean NOT NULL,
	"counts" boolean NOT NULL,
	CONSTRAINT "job_skills_job_id_skill_key_pk" PRIMARY KEY("job_id","skill_key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"title" text NOT NULL,
	"employer" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"remote" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"posted_at" timestamp with time zone,
	"url" text,
	"fit_denominator" integer DEFAULT 0 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pathway_steps" (
	"pathway_id" text NOT NULL,
	"position" integer NOT NULL,
	"role" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skills" jsonb NOT NULL,
	CONSTRAINT "pathway_steps_pathway_id_position_pk" PRIMARY KEY("pathway_id","position")
);
--> statement-breakpoint
CREATE TABLE "pathways" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skill_aliases" (
	"skill_id" text NOT NULL,
	"alias" text NOT NULL,
	"norm" text NOT NULL,
	CONSTRAINT "skill_aliases_skill_id_norm_pk" PRIMARY KEY("skill_id","norm")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"norm" text NOT NULL,
	"category" text DEFAULT 'General' NOT NULL,
	"description" text,
	"source" text DEFAULT 'sash' NOT NULL,
	"source_uri" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"oidc_subject" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course_skills" ADD CONSTRAINT "course_skills_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_files" ADD CONSTRAINT "credential_files_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_skills" ADD CONSTRAINT "credential_skills_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_skills" ADD CONSTRAINT "credential_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_skills" ADD CONSTRAINT "credential_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_file_id_credential_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."credential_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_skills" ADD CONSTRAINT "job_skills_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_skills" ADD CONSTRAINT "job_skills_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_steps" ADD CONSTRAINT "pathway_steps_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_aliases" ADD CONSTRAINT "skill_aliases_skill_id_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_skills_key_idx" ON "course_skills" USING btree ("skill_key");--> statement-breakpoint
CREATE INDEX "credential_files_user_idx" ON "credential_files" USING btree ("user_id","sha256");--> statement-breakpoint
CREATE INDEX "credential_skills_user_idx" ON "credential_skills" USING btree ("user_id","skill_key");--> statement-breakpoint
CREATE INDEX "credentials_user_idx" ON "credentials" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_share_slug_idx" ON "credentials" USING btree ("share_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_user_external_idx" ON "credentials" USING btree ("user_id","external_id") WHERE "credentials"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_user_file_sha_idx" ON "credentials" USING btree ("user_id","file_sha256") WHERE "credentials"."file_sha256" is not null;--> statement-breakpoint
CREATE INDEX "job_skills_key_idx" ON "job_skills" USING btree ("skill_key","job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_source_key_idx" ON "jobs" USING btree ("source","source_key");--> statement-breakpoint
CREATE INDEX "jobs_posted_idx" ON "jobs" USING btree ("posted_at");--> statement-breakpoint
CREATE INDEX "skill_aliases_norm_idx" ON "skill_aliases" USING btree ("norm");--> statement-breakpoint
CREATE INDEX "skills_norm_idx" ON "skills" USING btree ("norm");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_source_uri_idx" ON "skills" USING btree ("source","source_uri");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_subject_idx" ON "users" USING btree ("oidc_subject");