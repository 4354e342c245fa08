-- One row that /readyz writes: proof that the database accepts writes, not just connections.
CREATE TABLE readiness (
    id int PRIMARY KEY,
    checked_at timestamptz NOT NULL
);
