#include "kioskschema.h"

namespace relais {

const QList<Migration> &kioskMigrations()
{
    static const QList<Migration> migrations = {
        {1, R"sql(
CREATE TABLE journal (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
    type     TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
    site_id  TEXT NOT NULL,
    boot_id  TEXT NOT NULL,
    mono_ms  INTEGER NOT NULL CHECK (mono_ms >= 0),
    wall_utc TEXT NOT NULL,
    payload  TEXT NOT NULL CHECK (json_valid(payload))
);
-- The journal is append-only: corrections are new events, never edits.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
)sql"},
    };
    return migrations;
}

} // namespace relais
