-- LabExport schema, version 4 (docs/decisions/0138). Runs unchanged on H2 and PostgreSQL.

-- The modification time (nanoseconds since 1970, UTC) a file had when its SHA-256 was read, recorded only when that
-- read began at least 2 s later (so that any later write moves it, on any file system's clock). An export, which
-- checks what it reads against the digest anyway, takes an entry whose path, size and this time still hold without
-- reading the file first; null: never taken so.
ALTER TABLE data_file ADD COLUMN digest_mtime_ns BIGINT;
