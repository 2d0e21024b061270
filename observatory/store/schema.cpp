// SPDX-License-Identifier: EUPL-1.2
#include "schema.h"

namespace relais::observatory {

const QList<SchemaStep> &observatorySchema()
{
    static const QList<SchemaStep> steps = {
        {1,
         {
             QStringLiteral("CREATE TABLE sites (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                            "territory TEXT NOT NULL, departement TEXT NOT NULL, "
                            "opened TEXT NOT NULL, closed TEXT, km_to_office TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE devices (device_id TEXT PRIMARY KEY, "
                            "site TEXT NOT NULL, kiosk TEXT NOT NULL, created_at TEXT NOT NULL, "
                            "revoked_at TEXT, cert_serial TEXT, cert_not_after TEXT)"),
             QStringLiteral("CREATE TABLE enrollment_tokens (token_hash TEXT PRIMARY KEY, "
                            "device_id TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)"),
             // The unique id is the duplicate guard: inserts use ON CONFLICT (id) DO NOTHING.
             QStringLiteral("CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                            "site TEXT NOT NULL, device_id TEXT NOT NULL, "
                            "created_at TEXT NOT NULL, received_at TEXT NOT NULL, "
                            "digest TEXT NOT NULL, content TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE call_events (record_id TEXT PRIMARY KEY, "
                            "site TEXT NOT NULL, week TEXT NOT NULL, agency TEXT NOT NULL, "
                            "outcome TEXT NOT NULL, duration_s INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX call_events_week ON call_events (week, site)"),
             QStringLiteral("CREATE TABLE survey_responses (record_id TEXT PRIMARY KEY, "
                            "site TEXT NOT NULL, week TEXT NOT NULL, survey TEXT NOT NULL, "
                            "version INTEGER NOT NULL, channel TEXT NOT NULL, agency TEXT, "
                            "partial INTEGER NOT NULL)"),
             QStringLiteral("CREATE INDEX survey_responses_week ON survey_responses (week, site)"),
             QStringLiteral("CREATE TABLE survey_answers (record_id TEXT NOT NULL, "
                            "question TEXT NOT NULL, answer TEXT NOT NULL, "
                            "PRIMARY KEY (record_id, question))"),
             // `replaces` is unique: a version is corrected at most once, so versions form a
             // chain and "the current version" is never ambiguous.
             QStringLiteral("CREATE TABLE weekly_reports (record_id TEXT PRIMARY KEY, "
                            "site TEXT NOT NULL, week TEXT NOT NULL, version INTEGER NOT NULL, "
                            "replaces TEXT UNIQUE, closed_at TEXT NOT NULL, "
                            "UNIQUE (site, week, version))"),
             QStringLiteral("CREATE TABLE report_rows (record_id TEXT NOT NULL, "
                            "help TEXT NOT NULL, agency TEXT NOT NULL, day TEXT NOT NULL, "
                            "count INTEGER NOT NULL, PRIMARY KEY (record_id, help, agency, day))"),
             // The current version's totals per site and week: what the dashboard's main
             // query sums, one row per site-week whatever the number of count lines.
             QStringLiteral("CREATE TABLE site_weeks (site TEXT NOT NULL, week TEXT NOT NULL, "
                            "record_id TEXT NOT NULL, version INTEGER NOT NULL, "
                            "closed_at TEXT NOT NULL, information INTEGER NOT NULL, "
                            "online_procedure INTEGER NOT NULL, video_call INTEGER NOT NULL, "
                            "internet_access INTEGER NOT NULL, print_scan INTEGER NOT NULL, "
                            "referral INTEGER NOT NULL, total INTEGER NOT NULL, "
                            "PRIMARY KEY (site, week))"),
             // Covering: the main query reads the index only, never the table.
             QStringLiteral("CREATE INDEX site_weeks_week ON site_weeks (week, site, "
                            "information, online_procedure, video_call, internet_access, "
                            "print_scan, referral, total)"),
             QStringLiteral("CREATE TABLE heartbeats (record_id TEXT PRIMARY KEY, "
                            "device_id TEXT NOT NULL, site TEXT NOT NULL, "
                            "created_at TEXT NOT NULL, app_version TEXT NOT NULL, "
                            "outbox_depth INTEGER NOT NULL, peripherals TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX heartbeats_device ON heartbeats (device_id, created_at)"),
             QStringLiteral("CREATE TABLE partners (login TEXT PRIMARY KEY, name TEXT NOT NULL, "
                            "password_hash TEXT NOT NULL, agencies TEXT NOT NULL, "
                            "territories TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE partner_sessions (token_hash TEXT PRIMARY KEY, "
                            "login TEXT NOT NULL, expires_at TEXT NOT NULL)"),
         }},
        {2,
         {
             // Every survey definition (id, version) ever seen, as its JSON text: the answers
             // of survey_answers are its codes, read with it whatever is shipped today.
             QStringLiteral("CREATE TABLE survey_definitions (survey TEXT NOT NULL, "
                            "version INTEGER NOT NULL, definition TEXT NOT NULL, "
                            "first_seen TEXT NOT NULL, PRIMARY KEY (survey, version))"),
         }},
        {3,
         {
             // The journey of kiosk sessions (common/journey.h), one row per journal event
             // the indicators read: session_ended (a person: how the session ended, how she
             // got through), agency_chosen, procedure_opened and guide_help_requested.
             // `ending`, because END is a keyword of SQL.
             QStringLiteral("CREATE TABLE journey_events (record_id TEXT PRIMARY KEY, "
                            "site TEXT NOT NULL, week TEXT NOT NULL, type TEXT NOT NULL, "
                            "agency TEXT, procedure TEXT, step INTEGER, ending TEXT, "
                            "screen TEXT, autonomy TEXT, duration_s INTEGER)"),
             // Covering for the sessions' queries (persons, endings, autonomy): a type, a
             // range of weeks, the sites in scope, then what they group by.
             QStringLiteral("CREATE INDEX journey_sessions ON journey_events (type, week, site, "
                            "ending, screen, autonomy, duration_s)"),
             // Covering for the guided procedures' (most used, help by step), which a
             // partner may also limit to its agencies.
             QStringLiteral("CREATE INDEX journey_guides ON journey_events (type, week, agency, "
                            "procedure, step, site)"),
         }},
        // Several kiosks per site: each kiosk's own counts arrive as kiosk_counts snapshots, the
        // desk's as weekly_reports, and a site's week is the sum of both.
        {4,
         {
             // A report from a kiosk before kiosk_counts holds that kiosk's automatic counts
             // too: its snapshots are not added while that report's version is current.
             QStringLiteral("ALTER TABLE weekly_reports ADD COLUMN includes_device TEXT"),
             QStringLiteral("UPDATE weekly_reports SET includes_device = (SELECT device_id "
                            "FROM records WHERE records.id = weekly_reports.record_id)"),
             // Every snapshot is kept (whole in records); a device's newest one, by its
             // sequence whatever the arrival order, is the one counted, and the only one with
             // count lines in report_rows.
             QStringLiteral("CREATE TABLE kiosk_counts (record_id TEXT PRIMARY KEY, "
                            "site TEXT NOT NULL, week TEXT NOT NULL, device_id TEXT NOT NULL, "
                            "sequence INTEGER NOT NULL, "
                            "UNIQUE (site, week, device_id, sequence))"),
             // The site's week per line (newest snapshot of each kiosk plus the desk's current
             // version), for the figures filtered by agency.
             QStringLiteral("CREATE TABLE site_week_rows (site TEXT NOT NULL, week TEXT NOT NULL, "
                            "help TEXT NOT NULL, agency TEXT NOT NULL, count INTEGER NOT NULL, "
                            "PRIMARY KEY (site, week, help, agency))"),
             QStringLiteral("CREATE INDEX site_week_rows_week ON site_week_rows (week, site, "
                            "agency, help, count)"),
             QStringLiteral("INSERT INTO site_week_rows (site, week, help, agency, count) "
                            "SELECT s.site, s.week, r.help, r.agency, SUM(r.count) FROM "
                            "site_weeks s JOIN report_rows r ON r.record_id = s.record_id "
                            "GROUP BY s.site, s.week, r.help, r.agency"),
             // A week the kiosks counted and the desk has not closed has no desk version:
             // record_id, version and closed_at become optional.
             QStringLiteral("CREATE TABLE site_weeks_v4 (site TEXT NOT NULL, week TEXT NOT NULL, "
                            "record_id TEXT, version INTEGER, closed_at TEXT, "
                            "information INTEGER NOT NULL, online_procedure INTEGER NOT NULL, "
                            "video_call INTEGER NOT NULL, internet_access INTEGER NOT NULL, "
                            "print_scan INTEGER NOT NULL, referral INTEGER NOT NULL, "
                            "total INTEGER NOT NULL, PRIMARY KEY (site, week))"),
             QStringLiteral("INSERT INTO site_weeks_v4 SELECT site, week, record_id, version, "
                            "closed_at, information, online_procedure, video_call, "
                            "internet_access, print_scan, referral, total FROM site_weeks"),
             QStringLiteral("DROP TABLE site_weeks"),
             QStringLiteral("ALTER TABLE site_weeks_v4 RENAME TO site_weeks"),
             QStringLiteral("CREATE INDEX site_weeks_week ON site_weeks (week, site, "
                            "information, online_procedure, video_call, internet_access, "
                            "print_scan, referral, total)"),
             // Records refused for a reason resending cannot fix, kept whole for the fleet
             // view: a second closing of a week is not lost, only not counted.
             QStringLiteral("CREATE TABLE refusals (record_id TEXT PRIMARY KEY, "
                            "device_id TEXT NOT NULL, site TEXT NOT NULL, kind TEXT NOT NULL, "
                            "reason TEXT NOT NULL, holder TEXT, "
                            "received_at TEXT NOT NULL, content TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX refusals_device ON refusals (device_id, received_at)"),
         }},
        // Open data as releases: each closed quarter's files computed once and kept as they were
        // published, so that two downloads never differ by one person's record.
        {5,
         {
             QStringLiteral("CREATE TABLE open_data_releases (release_id TEXT PRIMARY KEY, "
                            "from_week TEXT NOT NULL, to_week TEXT NOT NULL, "
                            "published_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE open_data_files (release_id TEXT NOT NULL, "
                            "position INTEGER NOT NULL, name TEXT NOT NULL, csv TEXT NOT NULL, "
                            "table_schema TEXT NOT NULL, PRIMARY KEY (release_id, name))"),
         }},
        // A partner's account may be disabled (kept, refused) rather than removed; a site's
        // time zone for the fleet view's times (NULL: Europe/Paris).
        {6,
         {
             QStringLiteral("ALTER TABLE partners ADD COLUMN disabled_at TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN time_zone TEXT"),
         }},
        // Partners' API tokens (dashboard/apitokens): only the secret's SHA-256, never the secret.
        {7,
         {
             QStringLiteral("CREATE TABLE partner_api_tokens (id TEXT PRIMARY KEY, "
                            "token_hash TEXT NOT NULL UNIQUE, login TEXT NOT NULL, "
                            "label TEXT NOT NULL, created_at TEXT NOT NULL, "
                            "expires_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT)"),
         }},
        // A site's commune (INSEE code) and position, for the dashboard's map (NULL: unknown).
        {8,
         {
             QStringLiteral("ALTER TABLE sites ADD COLUMN insee TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN lat DOUBLE PRECISION"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN lon DOUBLE PRECISION"),
         }},
        // A site's address, SIRET and opening hours for the open data's "lieux de médiation
        // numérique", and the day any of what that file shows of it last changed.
        {9,
         {
             QStringLiteral("ALTER TABLE sites ADD COLUMN street TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN postal_code TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN commune TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN siret TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN opening_hours TEXT"),
             QStringLiteral("ALTER TABLE sites ADD COLUMN updated_on TEXT"),
         }},
        // The advisers' wrap-ups a hub sends (ingest/calloutcomesapi): an agency, a site, a day
        // and how the call ended; nobody's name.
        {10,
         {
             QStringLiteral("CREATE TABLE call_wrapups (id TEXT PRIMARY KEY, hub TEXT NOT NULL, "
                            "site TEXT NOT NULL, agency TEXT NOT NULL, day TEXT NOT NULL, "
                            "week TEXT NOT NULL, outcome TEXT NOT NULL, "
                            "received_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX call_wrapups_week ON call_wrapups (week, site)"),
         }},
    };
    return steps;
}

} // namespace relais::observatory
