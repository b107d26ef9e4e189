-- Grounded project schema, version 3: axial relations of the researcher's
-- own types, the history of the code system, and the supervisor's review.

-- Relation types the researcher defines besides the paradigm model's kinds.
-- A relation has a paradigm kind (relation.kind) or one of these
-- (relation.type_id, its kind then left 'associated'); core keeps it so.
CREATE TABLE relation_type (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE CHECK (length (name) > 0),
  description TEXT NOT NULL DEFAULT '',
  directed    INTEGER NOT NULL DEFAULT 1 CHECK (directed IN (0, 1))
) STRICT;

-- RESTRICT: a type in use is not deleted behind the relations' back.
ALTER TABLE relation ADD COLUMN type_id INTEGER REFERENCES relation_type (id) ON DELETE RESTRICT;
CREATE INDEX relation_by_type ON relation (type_id) WHERE type_id IS NOT NULL;

-- Codings that show a relation at work in the data.
CREATE TABLE relation_evidence (
  id          INTEGER PRIMARY KEY,
  relation_id INTEGER NOT NULL REFERENCES relation (id) ON DELETE CASCADE,
  coding_id   INTEGER NOT NULL REFERENCES coding (id) ON DELETE CASCADE,
  UNIQUE (relation_id, coding_id)
) STRICT;
CREATE INDEX relation_evidence_by_coding ON relation_evidence (coding_id);

-- Every change to the code system, by the code's GUID, so the record
-- outlives the code (deleted, merged away). other_guid is the code merged
-- into, split off to, or moved under (NULL: the top level); old_value and
-- new_value are names, parents' names or kinds as they were at the time.
CREATE TABLE code_event (
  id         INTEGER PRIMARY KEY,
  code_guid  TEXT NOT NULL,
  event      TEXT NOT NULL CHECK (event IN ('create', 'rename', 'move', 'merge', 'split',
                                            'kind', 'delete')),
  old_value  TEXT,
  new_value  TEXT,
  other_guid TEXT,
  coder_id   INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX code_event_by_code ON code_event (code_guid, id);
CREATE INDEX code_event_by_other ON code_event (other_guid, id) WHERE other_guid IS NOT NULL;
CREATE INDEX code_event_by_time ON code_event (created_at, id);

-- The code book as it was: a JSON array of codes (guid, parent, name, kind,
-- description, color, codings), compared by GUID with the current one.
CREATE TABLE codebook_snapshot (
  id         INTEGER PRIMARY KEY,
  guid       TEXT NOT NULL UNIQUE,
  label      TEXT NOT NULL,
  coder_id   INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  codes      TEXT NOT NULL
) STRICT;

-- A supervisor's pass over the code system. When it is done, it keeps the
-- code book (a snapshot) and the codings present then: pairs of (coding id
-- as the gap from the previous one, code id), unsigned LEB128 varints.
CREATE TABLE review (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  reviewer_id INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  started_at  INTEGER NOT NULL,
  done_at     INTEGER,
  snapshot_id INTEGER REFERENCES codebook_snapshot (id) ON DELETE RESTRICT,
  codings     BLOB,
  CHECK ((done_at IS NULL) = (snapshot_id IS NULL) AND (done_at IS NULL) = (codings IS NULL))
) STRICT;
CREATE INDEX review_by_done ON review (done_at);

-- The one current review state of a code or of a coding.
CREATE TABLE review_state (
  id        INTEGER PRIMARY KEY,
  code_id   INTEGER REFERENCES code (id) ON DELETE CASCADE,
  coding_id INTEGER REFERENCES coding (id) ON DELETE CASCADE,
  state     TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'needs-work')),
  coder_id  INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  set_at    INTEGER NOT NULL,
  CHECK ((code_id IS NULL) <> (coding_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX review_state_of_code ON review_state (code_id) WHERE code_id IS NOT NULL;
CREATE UNIQUE INDEX review_state_of_coding ON review_state (coding_id)
  WHERE coding_id IS NOT NULL;

-- Threaded comments on a code or a coding. Every comment of a thread names
-- the thread's target; a reply also names the comment it answers. That
-- reference has no ON DELETE action: core deletes a target's whole thread
-- in one statement, so no cascade changes a row the undo log has not seen.
-- A thread is resolved at its first comment.
CREATE TABLE comment (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  code_id     INTEGER REFERENCES code (id) ON DELETE CASCADE,
  coding_id   INTEGER REFERENCES coding (id) ON DELETE CASCADE,
  parent_id   INTEGER REFERENCES comment (id),
  author_id   INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  text        TEXT NOT NULL CHECK (length (text) > 0),
  resolved_at INTEGER,
  resolved_by INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  CHECK ((code_id IS NULL) <> (coding_id IS NULL))
) STRICT;
CREATE INDEX comment_by_code ON comment (code_id) WHERE code_id IS NOT NULL;
CREATE INDEX comment_by_coding ON comment (coding_id) WHERE coding_id IS NOT NULL;
CREATE INDEX comment_by_parent ON comment (parent_id) WHERE parent_id IS NOT NULL;

-- Where the researcher placed a code on the code map, in points.
CREATE TABLE code_position (
  code_id INTEGER PRIMARY KEY REFERENCES code (id) ON DELETE CASCADE,
  x       INTEGER NOT NULL,
  y       INTEGER NOT NULL
) STRICT;
