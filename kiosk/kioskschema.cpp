// SPDX-License-Identifier: EUPL-1.2
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
        {2, R"sql(
-- Weekly aggregation reads the journal a week at a time.
CREATE INDEX journal_wall_utc ON journal (wall_utc);

-- Records waiting for the observatory. A record's id is made once; the sync deletes a record
-- only once the observatory has acknowledged it, and nothing ever edits one.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
    kind       TEXT NOT NULL CHECK (kind IN ('survey_response', 'weekly_report', 'journal_event')),
    site       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
);
CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox records never change'); END;

-- One anonymous survey response; 'open' while the resident answers, then final.
CREATE TABLE survey_response (
    id             TEXT PRIMARY KEY CHECK (length(id) = 36),
    site           TEXT NOT NULL,
    survey_id      TEXT NOT NULL,
    survey_version INTEGER NOT NULL,
    iso_week       TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('visit', 'visio', 'procedure')),
    agency         TEXT,
    state          TEXT NOT NULL CHECK (state IN ('open', 'complete', 'partial')),
    answers        TEXT NOT NULL CHECK (json_valid(answers)),
    created_at     TEXT NOT NULL
);
CREATE INDEX survey_response_week ON survey_response (survey_id, iso_week);
CREATE TRIGGER survey_response_final BEFORE UPDATE ON survey_response WHEN OLD.state <> 'open'
BEGIN SELECT RAISE(ABORT, 'a finished survey response never changes'); END;
CREATE TRIGGER survey_response_no_delete BEFORE DELETE ON survey_response
BEGIN SELECT RAISE(ABORT, 'survey responses are never deleted'); END;

-- What the desk counted, per ISO week, kind of help, agency ('' for none) and weekday.
CREATE TABLE desk_count (
    iso_week TEXT NOT NULL,
    kind     TEXT NOT NULL,
    agency   TEXT NOT NULL DEFAULT '',
    day      INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7),
    count    INTEGER NOT NULL CHECK (count BETWEEN 0 AND 100000),
    PRIMARY KEY (iso_week, kind, agency, day)
);
-- A closed week whose desk counts the mediator is correcting.
CREATE TABLE week_correction (iso_week TEXT PRIMARY KEY);

-- Closed weeks. A report never changes; a correction is a new version naming the one it replaces.
CREATE TABLE weekly_report (
    id         TEXT PRIMARY KEY CHECK (length(id) = 36),
    iso_week   TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    replaces   TEXT REFERENCES weekly_report (id),
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (iso_week, version)
);
CREATE TRIGGER weekly_report_no_update BEFORE UPDATE ON weekly_report
BEGIN SELECT RAISE(ABORT, 'a weekly report never changes'); END;
CREATE TRIGGER weekly_report_no_delete BEFORE DELETE ON weekly_report
BEGIN SELECT RAISE(ABORT, 'a weekly report is never deleted'); END;
CREATE TRIGGER desk_count_closed_insert BEFORE INSERT ON desk_count
WHEN EXISTS (SELECT 1 FROM weekly_report WHERE iso_week = NEW.iso_week)
 AND NOT EXISTS (SELECT 1 FROM week_correction WHERE iso_week = NEW.iso_week)
BEGIN SELECT RAISE(ABORT, 'the week is closed'); END;
CREATE TRIGGER desk_count_closed_update BEFORE UPDATE ON desk_count
WHEN EXISTS (SELECT 1 FROM weekly_report WHERE iso_week = OLD.iso_week)
 AND NOT EXISTS (SELECT 1 FROM week_correction WHERE iso_week = OLD.iso_week)
BEGIN SELECT RAISE(ABORT, 'the week is closed'); END;

-- The mediator PIN pad's wrong tries and lock, kept across restarts.
CREATE TABLE pin_lock (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    failures     INTEGER NOT NULL CHECK (failures >= 0),
    locked_until TEXT
);
)sql"},
        {3, R"sql(
-- Records the observatory answered with a conflict (the same id with other content) or a
-- rejection: moved here, out of the sync's way, to be reported and looked at, never resent
-- blindly and never deleted.
CREATE TABLE outbox_aside (
    id           TEXT PRIMARY KEY CHECK (length(id) = 36),
    kind         TEXT NOT NULL,
    site         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    body         TEXT NOT NULL CHECK (json_valid(body)),
    result       TEXT NOT NULL CHECK (result IN ('conflict', 'rejected', 'malformed')),
    reason       TEXT NOT NULL,
    set_aside_at TEXT NOT NULL
);
CREATE TRIGGER outbox_aside_no_update BEFORE UPDATE ON outbox_aside
BEGIN SELECT RAISE(ABORT, 'records set aside never change'); END;

-- How the last exchanges with the observatory went, for the mediator and the heartbeat.
CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_success_at TEXT,
    last_failure_at TEXT,
    last_failure    TEXT NOT NULL DEFAULT '',
    failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0)
);
INSERT INTO sync_state (id) VALUES (1);
)sql"},
        {4, R"sql(
-- Sites with several kiosks: each kiosk sends its own counts of a week (kiosk_counts), the
-- desk's counts go in weekly reports, once per site (observatory/API.md).
CREATE TABLE outbox_v4 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
    kind       TEXT NOT NULL CHECK (kind IN ('survey_response', 'weekly_report', 'journal_event',
                                             'kiosk_counts')),
    site       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
);
INSERT INTO outbox_v4 (seq, id, kind, site, created_at, body)
    SELECT seq, id, kind, site, created_at, body FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v4 RENAME TO outbox;
CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox records never change'); END;

-- Versions are the site's: a correction may replace a version closed on another kiosk (not in
-- this store), and a closing the observatory refused keeps its number beside the site's.
DROP TRIGGER desk_count_closed_insert;
DROP TRIGGER desk_count_closed_update;
CREATE TABLE weekly_report_v4 (
    id         TEXT PRIMARY KEY CHECK (length(id) = 36),
    iso_week   TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    replaces   TEXT,
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body))
);
INSERT INTO weekly_report_v4 SELECT id, iso_week, version, replaces, created_at, body
    FROM weekly_report;
DROP TABLE weekly_report;
ALTER TABLE weekly_report_v4 RENAME TO weekly_report;
CREATE INDEX weekly_report_week ON weekly_report (iso_week, version);
CREATE TRIGGER weekly_report_no_update BEFORE UPDATE ON weekly_report
BEGIN SELECT RAISE(ABORT, 'a weekly report never changes'); END;
CREATE TRIGGER weekly_report_no_delete BEFORE DELETE ON weekly_report
BEGIN SELECT RAISE(ABORT, 'a weekly report is never deleted'); END;
CREATE TRIGGER desk_count_closed_insert BEFORE INSERT ON desk_count
WHEN EXISTS (SELECT 1 FROM weekly_report WHERE iso_week = NEW.iso_week)
 AND NOT EXISTS (SELECT 1 FROM week_correction WHERE iso_week = NEW.iso_week)
BEGIN SELECT RAISE(ABORT, 'the week is closed'); END;
CREATE TRIGGER desk_count_closed_update BEFORE UPDATE ON desk_count
WHEN EXISTS (SELECT 1 FROM weekly_report WHERE iso_week = OLD.iso_week)
 AND NOT EXISTS (SELECT 1 FROM week_correction WHERE iso_week = OLD.iso_week)
BEGIN SELECT RAISE(ABORT, 'the week is closed'); END;

-- A correction of the site's version closed on another kiosk: the version it replaces.
ALTER TABLE week_correction ADD COLUMN base_id TEXT;
ALTER TABLE week_correction ADD COLUMN base_version INTEGER;

-- This kiosk's own counts of each week as last queued for the observatory, so that a new
-- snapshot goes only when they change; `sequence` numbers a week's snapshots.
CREATE TABLE count_snapshot (
    iso_week TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    rows     TEXT NOT NULL CHECK (json_valid(rows))
);
-- The last journal entry whose week has been looked at.
CREATE TABLE count_watch (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    journal_seq INTEGER NOT NULL
);
INSERT INTO count_watch (id, journal_seq) VALUES (1, 0);
)sql"},
    };
    return migrations;
}

} // namespace relais
