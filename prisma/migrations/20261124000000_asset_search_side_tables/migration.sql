-- Hand-written. Substring and wildcard search on asset names and CIDR search
-- on addresses, served by indexes that live beside the assets table rather
-- than on it.
--
-- Why beside it: every risk recompute rewrites the scored assets (riskScore
-- is indexed, so those updates are not HOT and insert into every index of
-- the table). Trigram indexes on assets made the benchmark's first full
-- recompute of 200k assets take 86 s (see 20261123024500_inventory_search).
-- Here the indexed copies change only when a name or an address changes,
-- and triggers keep them in step, so no writer has to know about them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per searchable text of an asset: its name, hostname and fqdn, and
-- each distinct element of "ipAddresses" (field 'ip'). One table rather than
-- one per field so that a bare search value is a single EXISTS, which the
-- planner can run either from the trigram index (rare values) or as a probe
-- per asset along the sort order (common values).
CREATE TABLE "asset_search_terms" (
    "assetId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    -- 'name' | 'hostname' | 'fqdn' | 'ip'
    "field" TEXT NOT NULL,
    -- The text as stored on the asset; wildcards and exact matches compare it.
    "value" TEXT NOT NULL,
    -- For field 'ip', the address when the text parses (CIDR containment
    -- compares this); NULL otherwise.
    "ip" INET,

    CONSTRAINT "asset_search_terms_pkey" PRIMARY KEY ("assetId", "field", "value")
);

-- No foreign key to assets on purpose: a per-row RI check (and its
-- FOR KEY SHARE lock on the asset) would cost more than the copy itself on
-- bulk inserts. The triggers below cover insert, update, delete and truncate.

CREATE FUNCTION "sluice_asset_search_terms"(
    asset_id UUID, tenant_id UUID, name TEXT, hostname TEXT, fqdn TEXT, addresses TEXT[])
RETURNS TABLE ("assetId" UUID, "tenantId" UUID, "field" TEXT, "value" TEXT, "ip" INET)
LANGUAGE sql STABLE AS $$
  SELECT asset_id, tenant_id, t.field, t.value, NULL::inet
    FROM (VALUES ('name', name), ('hostname', hostname), ('fqdn', fqdn)) AS t(field, value)
   WHERE t.value IS NOT NULL
  UNION
  SELECT asset_id, tenant_id, 'ip', v, CASE WHEN pg_input_is_valid(v, 'inet') THEN v::inet END
    FROM unnest(addresses) AS v
   WHERE v IS NOT NULL
$$;

CREATE FUNCTION "sluice_assets_search_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO asset_search_terms ("assetId", "tenantId", field, value, ip)
  SELECT t.* FROM inserted n,
         "sluice_asset_search_terms"(n.id, n."tenantId", n.name, n.hostname, n.fqdn, n."ipAddresses") t;
  RETURN NULL;
END
$$;

CREATE FUNCTION "sluice_assets_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Terms that stay keep their rows, so a new address does not rewrite the rest.
  DELETE FROM asset_search_terms t
   WHERE t."assetId" = OLD.id
     AND NOT EXISTS (
       SELECT 1 FROM "sluice_asset_search_terms"(NEW.id, NEW."tenantId", NEW.name, NEW.hostname, NEW.fqdn, NEW."ipAddresses") n
        WHERE n."assetId" = t."assetId" AND n."tenantId" = t."tenantId" AND n.field = t.field AND n.value = t.value);
  INSERT INTO asset_search_terms ("assetId", "tenantId", field, value, ip)
  SELECT * FROM "sluice_asset_search_terms"(NEW.id, NEW."tenantId", NEW.name, NEW.hostname, NEW.fqdn, NEW."ipAddresses")
  ON CONFLICT ("assetId", field, value) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE FUNCTION "sluice_assets_search_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM asset_search_terms t USING deleted d WHERE t."assetId" = d.id;
  RETURN NULL;
END
$$;

CREATE FUNCTION "sluice_assets_search_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE asset_search_terms;
  RETURN NULL;
END
$$;

-- Statement-level with transition tables: a bulk insert or delete costs one
-- set-based statement, not one call per row.
CREATE TRIGGER "assets_search_insert" AFTER INSERT ON "assets"
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION "sluice_assets_search_insert"();

-- Row-level so that it can name its columns and be skipped outright: the
-- risk recompute does not set them, and the ingest writer sets
-- "ipAddresses" on every run but rarely changes it.
CREATE TRIGGER "assets_search_update" AFTER UPDATE OF "id", "tenantId", "name", "hostname", "fqdn", "ipAddresses" ON "assets"
    FOR EACH ROW
    WHEN ((NEW.id, NEW."tenantId", NEW.name, NEW.hostname, NEW.fqdn, NEW."ipAddresses")
          IS DISTINCT FROM (OLD.id, OLD."tenantId", OLD.name, OLD.hostname, OLD.fqdn, OLD."ipAddresses"))
    EXECUTE FUNCTION "sluice_assets_search_update"();

CREATE TRIGGER "assets_search_delete" AFTER DELETE ON "assets"
    REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION "sluice_assets_search_delete"();

CREATE TRIGGER "assets_search_truncate" AFTER TRUNCATE ON "assets"
    FOR EACH STATEMENT EXECUTE FUNCTION "sluice_assets_search_truncate"();

-- Existing assets.
INSERT INTO asset_search_terms ("assetId", "tenantId", field, value, ip)
SELECT t.* FROM assets a,
       "sluice_asset_search_terms"(a.id, a."tenantId", a.name, a.hostname, a.fqdn, a."ipAddresses") t;

-- Indexes last: building them once is much faster than growing them row by row.
CREATE INDEX "asset_search_terms_value_trgm_idx" ON "asset_search_terms" USING gin ("value" gin_trgm_ops);
-- btree serves `ip <<= '10.1.0.0/16'` as a range scan (the planner derives
-- ip >= 10.1.0.0 AND ip <= 10.1.255.255); INCLUDE makes it index-only.
CREATE INDEX "asset_search_terms_tenantId_ip_idx" ON "asset_search_terms" ("tenantId", "ip") INCLUDE ("assetId")
    WHERE "ip" IS NOT NULL;

-- "Newest first" over a wide match (an address range covering a third of the
-- inventory) otherwise reads every matching asset row to sort them.
CREATE INDEX "assets_tenantId_lastSeenAt_id_idx" ON "assets"("tenantId", "lastSeenAt" DESC, "id");
