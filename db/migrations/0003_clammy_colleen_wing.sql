DROP INDEX "job_skills_counted_idx";--> statement-breakpoint
ALTER TABLE "job_skills" ADD COLUMN "fit_denominator" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "job_skills" SET "fit_denominator" = "jobs"."fit_denominator" FROM "jobs" WHERE "jobs"."id" = "job_skills"."job_id";--> statement-breakpoint
CREATE INDEX "job_skills_counted_idx" ON "job_skills" USING btree ("skill_key","job_id","fit_denominator") WHERE "job_skills"."counts";