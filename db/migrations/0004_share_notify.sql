-- Share state is the database's (issue #12 §1). Every change a public share page,
-- image, Open Graph image or download could show raises NOTIFY sash_share with
-- the affected slug, from the very transaction that makes the change, so every
-- app process listening on PostgreSQL drops its cached copy as it commits.
-- Identical notifications within one transaction are delivered once.
CREATE OR REPLACE FUNCTION sash_share_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'credentials' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM pg_notify('sash_share', NEW.share_slug);
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('sash_share', OLD.share_slug);
    ELSE
      PERFORM pg_notify('sash_share', OLD.share_slug);
      IF NEW.share_slug IS DISTINCT FROM OLD.share_slug THEN
        PERFORM pg_notify('sash_share', NEW.share_slug);
      END IF;
    END IF;
  ELSIF TG_TABLE_NAME = 'credential_skills' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('sash_share', c.share_slug) FROM credentials c WHERE c.id = OLD.credential_id;
    ELSE
      PERFORM pg_notify('sash_share', c.share_slug) FROM credentials c WHERE c.id = NEW.credential_id;
    END IF;
  ELSIF TG_TABLE_NAME = 'credential_files' THEN
    PERFORM pg_notify('sash_share', c.share_slug) FROM credentials c WHERE c.file_id = NEW.id AND c.user_id = NEW.user_id;
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('sash_share', c.share_slug) FROM credentials c WHERE c.user_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER credentials_share_notify AFTER INSERT OR UPDATE OR DELETE ON credentials
  FOR EACH ROW EXECUTE FUNCTION sash_share_notify();
--> statement-breakpoint
CREATE TRIGGER credential_skills_share_notify AFTER INSERT OR UPDATE OR DELETE ON credential_skills
  FOR EACH ROW EXECUTE FUNCTION sash_share_notify();
--> statement-breakpoint
CREATE TRIGGER credential_files_share_notify AFTER UPDATE ON credential_files
  FOR EACH ROW EXECUTE FUNCTION sash_share_notify();
--> statement-breakpoint
CREATE TRIGGER users_share_notify AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION sash_share_notify();
