-- Every timeline entry written or edited is announced on commit to every app process (LISTEN firebreak_timeline).
-- The payload carries ids only, which keeps it far below NOTIFY's 8000-byte limit: listeners fetch the entry.
CREATE FUNCTION "firebreak_notify_timeline"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('firebreak_timeline', json_build_object('id', NEW."id"::text, 'incidentId', NEW."incidentId")::text);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "TimelineEntry_notify" AFTER INSERT OR UPDATE ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION "firebreak_notify_timeline"();
