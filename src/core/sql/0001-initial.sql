-- Grounded project schema, version 1.
-- Offsets (start_pos/end_pos) are Unicode code points into source.text, half-open.
-- Every exchanged row carries a GUID from birth (REFI-QDA identity).

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT
) STRICT;

CREATE TABLE coder (
  id   INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE study_case (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE source (
  id            INTEGER PRIMARY KEY,
  guid          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  original_name TEXT NOT NULL,
  format        TEXT NOT NULL,
  length        INTEGER NOT NULL CHECK (length >= 0),
  n_words       INTEGER NOT NULL DEFAULT 0,
  content_hash  TEXT NOT NULL,
  imported_at   INTEGER NOT NULL,
  case_id       INTEGER REFERENCES study_case (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX source_by_case ON source (case_id);

-- The text lives apart from its source's row, so that listing sources,
-- joining codings to their source or rewriting a source's case never reads
-- past 50 KB of transcript.
CREATE TABLE source_text (
  id   INTEGER PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
  text TEXT NOT NULL
) STRICT;

CREATE TABLE turn (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
  start_pos      INTEGER NOT NULL CHECK (start_pos >= 0),
  end_pos        INTEGER NOT NULL CHECK (end_pos > start_pos),
  speaker        TEXT NOT NULL,
  is_interviewer INTEGER NOT NULL DEFAULT 0 CHECK (is_interviewer IN (0, 1))
) STRICT;
CREATE INDEX turn_by_source ON turn (source_id, start_pos);

CREATE TABLE attribute (
  id      INTEGER PRIMARY KEY,
  guid    TEXT NOT NULL UNIQUE,
  name    TEXT NOT NULL UNIQUE,
  type    TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'choice')),
  choices TEXT NOT NULL DEFAULT '' -- choice labels, one per line
) STRICT;

-- A value belongs to a case or to a source. A NULL value is the explicit
-- "not applicable" (the KAM study's n/a); no row at all means "not recorded".
CREATE TABLE attribute_value (
  id           INTEGER PRIMARY KEY,
  attribute_id INTEGER NOT NULL REFERENCES attribute (id) ON DELETE CASCADE,
  case_id      INTEGER REFERENCES study_case (id) ON DELETE CASCADE,
  source_id    INTEGER REFERENCES source (id) ON DELETE CASCADE,
  value        TEXT,
  CHECK ((case_id IS NULL) <> (source_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX attribute_value_of_case ON attribute_value (attribute_id, case_id)
  WHERE case_id IS NOT NULL;
CREATE UNIQUE INDEX attribute_value_of_source ON attribute_value (attribute_id, source_id)
  WHERE source_id IS NOT NULL;
CREATE INDEX attribute_value_by_case ON attribute_value (case_id);
CREATE INDEX attribute_value_by_source ON attribute_value (source_id);

CREATE TABLE code (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  parent_id   INTEGER REFERENCES code (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL DEFAULT 0,
  name        TEXT NOT NULL CHECK (length (name) > 0),
  description TEXT NOT NULL DEFAULT '',
  color       TEXT NOT NULL DEFAULT '#3584e4',
  kind        TEXT NOT NULL DEFAULT 'open-code'
              CHECK (kind IN ('open-code', 'sub-theme', 'theme',
                              'aggregate-dimension', 'core-category')),
  created_by  INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX code_by_parent ON code (parent_id, position);

CREATE TABLE code_set (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE code_set_member (
  id          INTEGER PRIMARY KEY,
  code_set_id INTEGER NOT NULL REFERENCES code_set (id) ON DELETE CASCADE,
  code_id     INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,
  UNIQUE (code_set_id, code_id)
) STRICT;
CREATE INDEX code_set_member_by_code ON code_set_member (code_id);

CREATE TABLE coding (
  id             INTEGER PRIMARY KEY,
  guid           TEXT NOT NULL UNIQUE,
  source_id      INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
  code_id        INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,
  start_pos      INTEGER NOT NULL CHECK (start_pos >= 0),
  end_pos        INTEGER NOT NULL CHECK (end_pos > start_pos),
  coder_id       INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at     INTEGER NOT NULL,
  representative INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),
  -- also serves as the by-source index, ordered by position
  UNIQUE (source_id, start_pos, end_pos, code_id, coder_id)
) STRICT;
-- end_pos makes it cover per-code counts and coded lengths.
CREATE INDEX coding_by_code ON coding (code_id, source_id, start_pos, end_pos);
CREATE INDEX coding_by_coder ON coding (coder_id);

CREATE TABLE relation (
  id           INTEGER PRIMARY KEY,
  guid         TEXT NOT NULL UNIQUE,
  from_code_id INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,
  to_code_id   INTEGER NOT NULL REFERENCES code (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL DEFAULT 'associated'
               CHECK (kind IN ('associated', 'causal-condition', 'context',
                               'intervening-condition', 'action-interaction',
                               'consequence', 'property-of', 'is-a')),
  label        TEXT NOT NULL DEFAULT '',
  memo         TEXT NOT NULL DEFAULT '',
  created_by   INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX relation_by_from ON relation (from_code_id);
CREATE INDEX relation_by_to ON relation (to_code_id);

-- A memo hangs on at most one thing; its target's deletion takes it along.
CREATE TABLE memo (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE,
  scope       TEXT NOT NULL CHECK (scope IN ('free', 'project', 'source', 'code',
                                             'coding', 'relation')),
  source_id   INTEGER REFERENCES source (id) ON DELETE CASCADE,
  code_id     INTEGER REFERENCES code (id) ON DELETE CASCADE,
  coding_id   INTEGER REFERENCES coding (id) ON DELETE CASCADE,
  relation_id INTEGER REFERENCES relation (id) ON DELETE CASCADE,
  title       TEXT NOT NULL DEFAULT '',
  text        TEXT NOT NULL DEFAULT '',
  author_id   INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  CHECK ((source_id IS NOT NULL) + (code_id IS NOT NULL) + (coding_id IS NOT NULL)
         + (relation_id IS NOT NULL) = (scope IN ('source', 'code', 'coding', 'relation')))
) STRICT;
CREATE INDEX memo_by_source ON memo (source_id) WHERE source_id IS NOT NULL;
CREATE INDEX memo_by_code ON memo (code_id) WHERE code_id IS NOT NULL;
CREATE INDEX memo_by_coding ON memo (coding_id) WHERE coding_id IS NOT NULL;
CREATE INDEX memo_by_relation ON memo (relation_id) WHERE relation_id IS NOT NULL;

-- Undo history. A step is one user-level edit; its changes are row images.
-- Each change keeps the one image needed to flip the row to its other state:
-- NULL for a fresh insert (the row itself is the image), the old row otherwise.
CREATE TABLE history_step (
  id         INTEGER PRIMARY KEY,
  label      TEXT NOT NULL,
  coder_id   INTEGER REFERENCES coder (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;
CREATE INDEX history_step_undone ON history_step (undone, id);

CREATE TABLE history_change (
  id        INTEGER PRIMARY KEY,
  step_id   INTEGER NOT NULL REFERENCES history_step (id) ON DELETE CASCADE,
  tbl       TEXT NOT NULL,
  row_id    INTEGER NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  image     TEXT
) STRICT;
CREATE INDEX history_change_by_step ON history_change (step_id, id);

-- Full-text search over the stored text; diacritics fold away.
CREATE VIRTUAL TABLE source_fts USING fts5 (
  text,
  content = 'source_text',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Kept in step by core (grd-query-search.c), not by triggers: with
-- trusted_schema = OFF SQLite lets no trigger write an FTS5 table.
