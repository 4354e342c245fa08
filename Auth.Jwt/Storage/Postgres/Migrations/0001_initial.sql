-- Auth.Jwt schema, version 1. Times are timestamptz (UTC); ids are the application's own.
CREATE TABLE users (
    id                  text PRIMARY KEY,
    username            text NOT NULL,
    normalized_username text NOT NULL UNIQUE,
    password_hash       text NOT NULL,
    date_joined         timestamptz NOT NULL
);
CREATE INDEX users_date_joined ON users (date_joined);

CREATE TABLE clients (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    client_type   text NOT NULL CHECK (client_type IN ('public', 'confidential')),
    secret_digest text,
    grant_types   text[] NOT NULL,
    created_at    timestamptz NOT NULL
);

-- id: the SHA-256 of the token, never the token.
CREATE TABLE refresh_tokens (
    id               text PRIMARY KEY,
    family_id        text NOT NULL,
    user_id          text NOT NULL,
    client_id        text NOT NULL,
    scope            text NOT NULL,
    issued_at        timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    successor_digest text,
    rotated_at       timestamptz,
    sealed_successor text
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_client ON refresh_tokens (client_id);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);

CREATE TABLE revocations (
    id          text PRIMARY KEY,
    expires_at  timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX revocations_recorded ON revocations (recorded_at);
CREATE INDEX revocations_expires ON revocations (expires_at);

-- The private key sealed with AES-256-GCM under AuthJwt:Keys:EncryptionKey; the database never holds it in clear.
CREATE TABLE signing_keys (
    kid          text PRIMARY KEY,
    sealed_key   bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    activates_at timestamptz NOT NULL,
    retired_at   timestamptz
);
