-- Which replica announces an alert change. Replicas sharing the store see the same upstreams fail and would each send
-- the same firing; the first to claim (rule, subject, state) within the rule's cool-down sends it, the others do not.
-- claim_key is the SHA-256 (hex) of rule, subject and state; rule and state are kept for reading.
CREATE TABLE alert_claims (
    claim_key VARCHAR(64) PRIMARY KEY NOT NULL,
    rule_name VARCHAR(128) NOT NULL,
    state VARCHAR(16) NOT NULL,
    replica VARCHAR(128) NOT NULL,
    claimed_at BIGINT NOT NULL
);
CREATE INDEX alert_claims_claimed_at ON alert_claims (claimed_at);
