-- 0009_audit_chain: the audit trail is append-only.
-- Rows written before the chain existed get their prev_hash and hash when
-- this migration runs (in C: audit_chain_seal, called by db_migrate in the
-- same transaction), which is the one update these triggers allow. They stop
-- mistakes in liangze itself; someone editing the file can drop them, which
-- is what the chain and `liangze verify` are for.
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
WHEN OLD.hash IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
