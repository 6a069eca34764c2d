PRAGMA application_id = 1347701831;
PRAGMA user_version = 3;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE cases (
  id          INTEGER PRIMARY KEY,
  case_id     TEXT GENERATED ALWAYS AS
              (printf('%d-%06d', id / 100000000, id % 100000000)) VIRTUAL,
  received    TEXT NOT NULL,
  channel     TEXT NOT NULL CHECK (channel = 'letter' OR channel = 'visit' OR channel = 'online' OR channel = 'phone' OR channel = 'sms'),
  name        TEXT NOT NULL,
  id_number   TEXT,
  phone       TEXT,
  persons     INTEGER NOT NULL DEFAULT 1 CHECK (persons >= 1),
  region      TEXT NOT NULL,
  category    TEXT NOT NULL,
  level       TEXT NOT NULL DEFAULT 'city'
              CHECK (level = 'county' OR level = 'city' OR level = 'province' OR level = 'national'),
  referred_by TEXT CHECK (referred_by = 'central' OR referred_by = 'province' OR referred_by = 'city'),
  ref_due     TEXT,
  ext_id      TEXT,
  law_related INTEGER NOT NULL DEFAULT 0,
  tags        TEXT,
  summary     TEXT,
  kind        TEXT NOT NULL CHECK (kind = 'first' OR kind = 'repeat' OR kind = 'referred'),
  first_case  INTEGER REFERENCES cases(id),
  collective  INTEGER NOT NULL DEFAULT 0,
  fingerprint INTEGER,
  run         INTEGER REFERENCES runs(id),
  stage       TEXT NOT NULL DEFAULT 'registered',
  stage_start TEXT NOT NULL,
  due         TEXT,
  unit        TEXT,
  leader      TEXT,
  procedure   TEXT NOT NULL DEFAULT 'normal',
  accepted    TEXT,
  extended    INTEGER NOT NULL DEFAULT 0,
  concluded   TEXT,
  resolved    INTEGER,
  replied     TEXT,
  rating      TEXT,
  closed      TEXT
, closed_how TEXT, last_event TEXT, open INTEGER NOT NULL DEFAULT 1, decided TEXT, conclude_due TEXT);
INSERT INTO cases VALUES(202600000001,'2026-03-02','visit','王建国',NULL,NULL,1,'昆都仑区','劳动社保','city',NULL,NULL,NULL,0,NULL,'反映社保断缴','first',NULL,0,328543996693953853,1,'registered','2026-03-02','2026-03-17',NULL,NULL,'normal',NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL);
INSERT INTO cases VALUES(202600000002,'2026-03-03','letter','李秀英',NULL,NULL,1,'青山区','城乡建设','city',NULL,NULL,NULL,0,NULL,'道路失修','first',NULL,0,6950014581015784085,1,'registered','2026-03-03','2026-03-18',NULL,NULL,'normal',NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL);
INSERT INTO cases VALUES(202600000003,'2026-03-04','visit','张伟',NULL,NULL,1,'东河区','企业改制','city',NULL,NULL,NULL,0,NULL,'改制安置','first',NULL,0,729426773401955039,1,'registered','2026-03-04','2026-03-19',NULL,NULL,'normal',NULL,0,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL);
CREATE TABLE matters (
  key        INTEGER PRIMARY KEY,
  first_case INTEGER NOT NULL REFERENCES cases(id)
);
CREATE TABLE case_tags (
  tag      TEXT NOT NULL,
  case_ref INTEGER NOT NULL REFERENCES cases(id),
  PRIMARY KEY (tag, case_ref)
) WITHOUT ROWID;
CREATE TABLE events (
  id       INTEGER PRIMARY KEY,
  case_ref INTEGER NOT NULL REFERENCES cases(id),
  event    TEXT NOT NULL,
  date     TEXT NOT NULL,
  tool     TEXT NOT NULL,
  by       TEXT,
  note     TEXT,
  days     INTEGER,
  rating   TEXT,
  resolved INTEGER,
  unit     TEXT,
  leader   TEXT,
  run      INTEGER REFERENCES runs(id)
);
CREATE TABLE runs (
  id       INTEGER PRIMARY KEY,
  tool     TEXT NOT NULL,
  started  TEXT NOT NULL,
  by       TEXT,
  input    TEXT
);
INSERT INTO runs VALUES(1,'pt-intake','2026-12-01 22:49:54','tester','cases.csv');
CREATE TABLE calendar (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind = 'holiday' OR kind = 'workday')
) WITHOUT ROWID;
CREATE UNIQUE INDEX cases_ext_id ON cases(ext_id) WHERE ext_id IS NOT NULL;
CREATE UNIQUE INDEX cases_fingerprint ON cases(fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX cases_received ON cases(received);
CREATE INDEX events_case ON events(case_ref);
CREATE VIEW event_view AS
  SELECT c.case_id, 'register' AS event, substr(c.received, 1, 10) AS date,
         r.tool, r.by, NULL AS note, NULL AS days, NULL AS rating,
         NULL AS resolved, NULL AS unit, NULL AS leader, c.run, 0 AS id
  FROM cases c LEFT JOIN runs r ON r.id = c.run
  UNION ALL
  SELECT c.case_id, e.event, e.date, e.tool, e.by, e.note, e.days,
         e.rating, e.resolved, e.unit, e.leader, e.run, e.id
  FROM events e JOIN cases c ON c.id = e.case_ref;
CREATE INDEX cases_decided ON cases(decided) WHERE decided IS NOT NULL;
CREATE INDEX cases_conclude_due ON cases(conclude_due) WHERE conclude_due IS NOT NULL;
CREATE INDEX cases_concluded ON cases(concluded) WHERE concluded IS NOT NULL;
CREATE INDEX cases_closed ON cases(closed) WHERE closed IS NOT NULL;
CREATE INDEX cases_first_case ON cases(first_case) WHERE first_case IS NOT NULL;
CREATE INDEX cases_open ON cases(due, stage, unit, leader, region, category,
  received, channel, name, phone, kind, procedure) WHERE open = 1;
CREATE VIEW case_view AS
  SELECT c.case_id, c.received, c.channel, c.name, c.id_number, c.phone,
         c.persons, c.region, c.category, c.level, c.referred_by,
         c.ref_due, c.ext_id, c.law_related, c.tags, c.summary, c.kind,
         f.case_id AS first_case, c.collective, c.stage, c.stage_start,
         c.due, c.unit, c.leader, c.procedure, c.accepted, c.extended,
         c.concluded, c.resolved, c.replied, c.rating, c.closed,
         c.closed_how, c.last_event, c.open, c.decided, c.conclude_due, c.id
  FROM cases c LEFT JOIN cases f ON f.id = c.first_case;
COMMIT;
