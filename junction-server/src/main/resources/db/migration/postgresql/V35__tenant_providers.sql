-- A stored provider may belong to a tenant (issue 17): its deployments serve only that tenant's traffic, so its
-- credential is used for nobody else. Null for a provider every tenant shares (all of them before this).
ALTER TABLE providers ADD COLUMN tenant_id TEXT;
