-- Bulk finding writes (1M-row imports) cost PostgreSQL about 65 µs per row;
-- the two changes below remove about a quarter of that (18 µs).

-- Time-ordered finding ids: a new finding lands at the right edge of the
-- primary key and of (tenantId, severity, id), where PostgreSQL's rightmost
-- insert fast path skips the descent, instead of on a random leaf page.
-- PostgreSQL 18 has uuidv7(); older servers (DATABASE_URL) get the same
-- layout: 48 bits of Unix milliseconds, version 7, then random bits.
CREATE FUNCTION sluice_uuid_v7_portable() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 180000 THEN
    CREATE FUNCTION sluice_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS 'SELECT uuidv7()';
  ELSE
    CREATE FUNCTION sluice_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS 'SELECT sluice_uuid_v7_portable()';
  END IF;
END
$$;

-- The foreign key from findings to connectors ran a locking lookup of the
-- same connector row for every finding written (a sixth of a bulk import's
-- database time). The sink now takes that lock once per batch and refuses a
-- deleted connector; deleting a connector still clears its findings' link.
ALTER TABLE "findings" DROP CONSTRAINT "findings_connectorId_fkey";

CREATE FUNCTION sluice_findings_forget_connector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE findings SET "connectorId" = NULL WHERE "connectorId" = OLD.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER connectors_forget_findings AFTER DELETE ON "connectors"
  FOR EACH ROW EXECUTE FUNCTION sluice_findings_forget_connector();
