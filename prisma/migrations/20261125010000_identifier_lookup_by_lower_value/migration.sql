-- Identity resolution probes asset_identifiers by (tenant, kind, value). Two
-- indexes could serve it: (tenantId, kind, value) and the search index on
-- (tenantId, kind, lower(value)). Without fresh statistics the planner took
-- the second and filtered on value, scanning every identifier of the kind
-- per probe (a 300-asset CSAM page: 0.5 s, growing to 6 s). The sink now
-- matches on lower(value) and value, which the search index answers exactly,
-- so the first index only cost every insert.
DROP INDEX "asset_identifiers_tenantId_kind_value_idx";

-- An identifier's tenant is its asset's tenant (deleting a tenant deletes its
-- assets and so their identifiers); the direct foreign key was a locking
-- lookup on every identifier written.
ALTER TABLE "asset_identifiers" DROP CONSTRAINT "asset_identifiers_tenantId_fkey";
