-- Every change to an integration (created, edited, key rotated, deleted) is announced on commit to
-- every app process (LISTEN firebreak_integrations), which forgets the integrations it kept by key.
CREATE FUNCTION "firebreak_notify_integrations"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('firebreak_integrations', '');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Integration_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Integration" FOR EACH STATEMENT EXECUTE FUNCTION "firebreak_notify_integrations"();
