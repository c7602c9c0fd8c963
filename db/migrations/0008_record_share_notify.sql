-- The learner record's share link (/r/<slug>, issue #13 §5) obeys the learner on
-- every process like a credential's (migration 0004): every change the public
-- record page could show raises NOTIFY sash_share with the record's slug, from
-- the transaction that makes it. The page shows the learner's name, every
-- credential with its skills, and their learner records, so changes to those
-- rows name the slug too — but only while the link is on (a link that is off
-- is answered "not found", which those changes don't alter; turning it on is a
-- change of record_shares itself).
CREATE OR REPLACE FUNCTION sash_record_share_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  uid uuid;
BEGIN
  IF TG_TABLE_NAME = 'record_shares' THEN
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
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'users' THEN
    uid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    uid := OLD.user_id;
  ELSE
    uid := NEW.user_id;
  END IF;
  PERFORM pg_notify('sash_share', r.share_slug) FROM record_shares r WHERE r.user_id = uid AND r.share_enabled;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER record_shares_share_notify AFTER INSERT OR UPDATE OR DELETE ON record_shares
  FOR EACH ROW EXECUTE FUNCTION sash_record_share_notify();
--> statement-breakpoint
CREATE TRIGGER credentials_record_share_notify AFTER INSERT OR UPDATE OR DELETE ON credentials
  FOR EACH ROW EXECUTE FUNCTION sash_record_share_notify();
--> statement-breakpoint
CREATE TRIGGER credential_skills_record_share_notify AFTER INSERT OR UPDATE OR DELETE ON credential_skills
  FOR EACH ROW EXECUTE FUNCTION sash_record_share_notify();
--> statement-breakpoint
CREATE TRIGGER learner_records_record_share_notify AFTER INSERT OR UPDATE OR DELETE ON learner_records
  FOR EACH ROW EXECUTE FUNCTION sash_record_share_notify();
--> statement-breakpoint
CREATE TRIGGER users_record_share_notify AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION sash_record_share_notify();
