-- Grounded project schema, version 2: what an import keeps beside the text.

-- Formatting of a source's text as ranges: code point offsets into
-- source_text.text, half-open, like every other position. value is the
-- heading level (1-6), the list nesting depth (1 = top) or the page number
-- (1 = first); 0 where the kind has none. Ranges of one kind may nest
-- (a list inside a list) but never cross.
CREATE TABLE source_format (
  id        INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('heading', 'bold', 'italic', 'underline',
                                          'list-item', 'table-cell', 'page')),
  start_pos INTEGER NOT NULL CHECK (start_pos >= 0),
  end_pos   INTEGER NOT NULL CHECK (end_pos > start_pos),
  value     INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0)
) STRICT;
CREATE INDEX source_format_by_source ON source_format (source_id, start_pos);

-- The file as it was imported, byte for byte, so that it can be exported
-- again unchanged (REFI-QDA keeps sources' originals too).
CREATE TABLE source_original (
  source_id  INTEGER PRIMARY KEY REFERENCES source ON DELETE CASCADE,
  file_name  TEXT NOT NULL,
  media_type TEXT NOT NULL,
  data       BLOB NOT NULL
) STRICT;
