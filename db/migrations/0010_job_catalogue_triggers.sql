-- The job catalogue's version (issue #14 §5). Every transaction that changes jobs or
-- job_skills takes the next catalogue version once (the row lock on job_catalogue
-- serialises catalogue writers, so versions commit in order) and logs the postings it
-- changed in job_changes at that version. Each app process's fit index reads
-- job_catalogue before every search and applies the logged changes since the version
-- it holds, so an import shows up in the very next search on every instance.
-- TRUNCATE gives the catalogue a new epoch: readers reload everything.
CREATE OR REPLACE FUNCTION sash_job_catalogue_bump() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v bigint := nullif(current_setting('sash.job_catalogue_version', true), '')::bigint;
BEGIN
  IF v IS NOT NULL THEN
    RETURN v; -- this transaction already took its version
  END IF;
  INSERT INTO job_catalogue (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = job_catalogue.version + 1
    RETURNING version INTO v;
  PERFORM set_config('sash.job_catalogue_version', v::text, true);
  -- Keep the last 10,000 versions of changes; a reader further behind reloads in full.
  IF v % 1000 = 0 AND v > 10000 THEN
    DELETE FROM job_changes WHERE version <= v - 10000;
    UPDATE job_catalogue SET pruned_through = v - 10000 WHERE id = 1;
  END IF;
  RETURN v;
END;
$$;
--> statement-breakpoint
INSERT INTO job_catalogue (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sash_jobs_changed_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_changes (version, job_seq) SELECT sash_job_catalogue_bump(), seq FROM new_rows;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sash_jobs_changed_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO job_changes (version, job_seq) SELECT sash_job_catalogue_bump(), seq FROM old_rows;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A job_skills change logs its posting's seq (a posting deleted in the same statement was logged by the jobs trigger).
CREATE OR REPLACE FUNCTION sash_job_skills_changed_new() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint := sash_job_catalogue_bump();
BEGIN
  INSERT INTO job_changes (version, job_seq)
    SELECT v, j.seq FROM (SELECT DISTINCT job_id FROM new_rows) n JOIN jobs j ON j.id = n.job_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sash_job_skills_changed_old() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint := sash_job_catalogue_bump();
BEGIN
  INSERT INTO job_changes (version, job_seq)
    SELECT v, j.seq FROM (SELECT DISTINCT job_id FROM old_rows) o JOIN jobs j ON j.id = o.job_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sash_job_catalogue_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE job_catalogue SET epoch = gen_random_uuid(), version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER jobs_changed_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_jobs_changed_new();
--> statement-breakpoint
CREATE TRIGGER jobs_changed_update AFTER UPDATE ON jobs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_jobs_changed_new();
--> statement-breakpoint
CREATE TRIGGER jobs_changed_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_jobs_changed_old();
--> statement-breakpoint
CREATE TRIGGER job_skills_changed_insert AFTER INSERT ON job_skills REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_job_skills_changed_new();
--> statement-breakpoint
CREATE TRIGGER job_skills_changed_update_new AFTER UPDATE ON job_skills REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_job_skills_changed_new();
--> statement-breakpoint
CREATE TRIGGER job_skills_changed_update_old AFTER UPDATE ON job_skills REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_job_skills_changed_old();
--> statement-breakpoint
CREATE TRIGGER job_skills_changed_delete AFTER DELETE ON job_skills REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sash_job_skills_changed_old();
--> statement-breakpoint
CREATE TRIGGER jobs_catalogue_truncate AFTER TRUNCATE ON jobs
  FOR EACH STATEMENT EXECUTE FUNCTION sash_job_catalogue_truncated();
--> statement-breakpoint
CREATE TRIGGER job_skills_catalogue_truncate AFTER TRUNCATE ON job_skills
  FOR EACH STATEMENT EXECUTE FUNCTION sash_job_catalogue_truncated();
