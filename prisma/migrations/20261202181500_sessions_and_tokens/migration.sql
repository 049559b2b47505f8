-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- A change of role or password, or disabling the account, ends every session the user has: the
-- session cookies carry the version they were issued with. Done here rather than in the app so
-- that no way of making the change (the admin page, the API, a script, an emergency UPDATE in psql)
-- can leave a session of the old account working.
CREATE FUNCTION "firebreak_end_sessions_on_account_change"() RETURNS trigger AS $$
BEGIN
  IF NEW."role" IS DISTINCT FROM OLD."role"
    OR NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash"
    OR (NEW."disabledAt" IS NOT NULL AND OLD."disabledAt" IS NULL) THEN
    NEW."sessionVersion" := GREATEST(NEW."sessionVersion", OLD."sessionVersion" + 1);
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "User_end_sessions" BEFORE UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION "firebreak_end_sessions_on_account_change"();
