-- API tokens with salted slow hashes and a record of where each came from (catalog.TokenStore explains the
-- design). Portable SQL: SQLite now, PostgreSQL later.
--   id          how a token is found: 'k:' + HMAC-SHA256(install key in archive/token.key, token) for tokens
--               Tracemap generated; 'env' for the one from TRACEMAP_ADMIN_TOKEN; 'legacy:' + SHA-256(token)
--               for tokens stored before this migration (re-hashed on their first use)
--   source      ENVIRONMENT | GENERATED (first start, printed once) | USER (users add) | LEGACY (before V7)
--   salt        hex, 16 random bytes; NULL for legacy rows
--   secret_hash hex PBKDF2-HMAC-SHA256(token, salt, iterations); plain SHA-256 for legacy rows (iterations 0)
CREATE TABLE api_credential (
    id           VARCHAR(100) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    role         VARCHAR(20)  NOT NULL,
    source       VARCHAR(20)  NOT NULL,
    salt         VARCHAR(64),
    secret_hash  VARCHAR(128) NOT NULL,
    iterations   INTEGER      NOT NULL,
    created_at   VARCHAR(40)  NOT NULL
);
CREATE INDEX api_credential_name ON api_credential (name);

-- Old rows cannot be re-hashed without their tokens: they move as they are and keep working until first used.
INSERT INTO api_credential (id, name, role, source, salt, secret_hash, iterations, created_at)
    SELECT 'legacy:' || token_hash, name, role, 'LEGACY', NULL, token_hash, 0, created_at FROM api_token;

DROP TABLE api_token;
