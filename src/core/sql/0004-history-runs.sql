-- Grounded project schema, version 4: the undo history records a run of
-- inserted rows as one change (grd-history.c says how and why).

-- op 'rows' stands for every row of tbl whose key is at least row_id: rows
-- the step inserted one after another, with no other change logged between
-- them. SQLite cannot change a CHECK in place, so the table is made again.
CREATE TABLE history_change_v4 (
  id        INTEGER PRIMARY KEY,
  step_id   INTEGER NOT NULL REFERENCES history_step (id) ON DELETE CASCADE,
  tbl       TEXT NOT NULL,
  row_id    INTEGER NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'rows')),
  image     TEXT
) STRICT;
INSERT INTO history_change_v4 (id, step_id, tbl, row_id, op, image)
  SELECT id, step_id, tbl, row_id, op, image FROM history_change;
DROP TABLE history_change;
ALTER TABLE history_change_v4 RENAME TO history_change;
CREATE INDEX history_change_by_step ON history_change (step_id, id);

-- The rows of a 'rows' change while its step is undone, as JSON images
-- (taken when undo deletes them, put back and dropped by redo).
CREATE TABLE history_row_image (
  change_id INTEGER NOT NULL REFERENCES history_change (id) ON DELETE CASCADE,
  row_id    INTEGER NOT NULL,
  image     TEXT NOT NULL,
  PRIMARY KEY (change_id, row_id)
) STRICT, WITHOUT ROWID;
