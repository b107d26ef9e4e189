/* grd-history.c: undo and redo, kept in the project file
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How it works. Temporary triggers (made per connection, so a file cannot
 * bring its own) log every row a step inserts, updates or deletes into
 * history_change, in the same transaction as the edit: a crash keeps both or
 * neither. Each change keeps one JSON image, the row's *other* state: NULL
 * for a fresh insert, the old row otherwise. Undo and redo "flip" changes:
 * the row's current state replaces the image, the image becomes the row.
 * Undo flips a step's changes newest first, redo oldest first. Core deletes
 * dependent rows itself, children first, so foreign key actions never change
 * a row the log has not seen.
 *
 * Runs. An import inserts hundreds of thousands of rows in one step, and a
 * change per row cost it more than the import itself. So rows inserted into
 * one table one after another, the first keyed above every row the table
 * had, with no other change logged between them, are one change of op
 * 'rows': "every row of tbl keyed at least row_id". Its first row is logged
 * as a plain insert (a one-row edit stays what it always was), its second
 * makes that change a run, and from then on the run's inserts, updates and
 * deletes log nothing; any other logged change ends it. When undo reaches a
 * run, every later change is undone, so the table is as the run left it and
 * the rows keyed at least row_id are exactly the run's: undo keeps their
 * images in history_row_image and deletes them, redo inserts them back.
 * That is flipping each insert at its place, in another order only among
 * the run's own rows, which no constraint can tell apart. */

#define G_LOG_DOMAIN "grd-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-history-private.h"
#include "grd-project.h"
#include "grd-query-private.h"

static const char * const tracked_tables[] = {
  "study_case",
  "source",
  "source_text",
  "turn",
  "source_format",
  "source_original",
  "attribute",
  "attribute_value",
  "code",
  "code_set",
  "code_set_member",
  "coding",
  "relation",
  "memo",
  "relation_type",
  "relation_evidence",
  "code_event",
  "codebook_snapshot",
  "review",
  "review_state",
  "comment",
  "code_position",
};

typedef struct {
  const char *table;
  char       *key;           /* the INTEGER PRIMARY KEY column, "id" but for
                              * tables that extend another one's row */
  char       *select_image;  /* ?1 = key -> json of the row */
  char       *insert_image;  /* ?1 = json */
  char       *update_image;  /* ?1 = json, ?2 = key */
  char       *delete_row;    /* ?1 = key */
  char       *old_image;     /* in a trigger: json of the OLD row */
  char       *new_image;     /* in a trigger: json of the NEW row */
  char       *save_run;      /* ?1 = change, ?2 = first key: images of a run's rows */
  char       *delete_run;    /* ?1 = first key */
  char       *restore_run;   /* ?1 = change: the run's rows from their images */
} TableSql;

static TableSql table_sql[G_N_ELEMENTS (tracked_tables)];

/* JSON holds no BLOB, so a BLOB column's image is its hex text and comes
 * back through this (SQLite's own unhex() is 3.41). It only ever reads
 * what hex() wrote; anything else is refused rather than guessed at. */
static void
unhex_function (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  g_autofree guchar *data = NULL;
  const char *hex;
  gsize len;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  hex = (const char *) sqlite3_value_text (argv[0]);
  len = (gsize) sqlite3_value_bytes (argv[0]);
  if (hex == NULL || len % 2 != 0)
    {
      sqlite3_result_error (context, "grd_unhex: not hex text", -1);
      return;
    }

  data = g_malloc (len / 2 + 1);
  for (gsize i = 0; i < len; i += 2)
    {
      int high = g_ascii_xdigit_value (hex[i]);
      int low = g_ascii_xdigit_value (hex[i + 1]);

      if (high < 0 || low < 0)
        {
          sqlite3_result_error (context, "grd_unhex: not hex text", -1);
          return;
        }
      data[i / 2] = (guchar) (high << 4 | low);
    }

  sqlite3_result_blob64 (context, g_steal_pointer (&data), len / 2, g_free);
}

typedef struct {
  char     *name;
  gboolean  is_blob;
  gboolean  is_key;
} Column;

static void
column_clear (Column *column)
{
  g_free (column->name);
}

static GArray *
list_columns (GrdStore    *store,
              const char  *table,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name, upper (type) = 'BLOB', pk = 1 "
                                          "FROM pragma_table_info ('%s') ORDER BY cid",
                                          table);
  g_autoptr(GArray) columns = g_array_new (TRUE, TRUE, sizeof (Column));
  g_autoptr(GrdStmt) stmt = grd_store_prepare (store, sql, error);
  gboolean has_row, ok;

  g_array_set_clear_func (columns, (GDestroyNotify) column_clear);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      Column column = {
        .name = grd_stmt_dup_text (grd_stmt_get (stmt), 0),
        .is_blob = sqlite3_column_int (grd_stmt_get (stmt), 1) != 0,
        .is_key = sqlite3_column_int (grd_stmt_get (stmt), 2) != 0,
      };

      g_array_append_val (columns, column);
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&columns);
}

/* The statements depend only on the schema, which is the same for every
 * file this build opens; they are made once. */
static gboolean
build_table_sql (GrdStore  *store,
                 GError   **error)
{
  static GMutex lock;
  static gboolean built;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (built)
    return TRUE;

  for (guint t = 0; t < G_N_ELEMENTS (tracked_tables); t++)
    {
      const char *table = tracked_tables[t];
      g_autoptr(GArray) columns = list_columns (store, table, error);
      g_autoptr(GString) json = g_string_new ("json_object (");
      g_autoptr(GString) old_json = g_string_new ("json_object (");
      g_autoptr(GString) new_json = g_string_new ("json_object (");
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      g_autoptr(GString) run_values = g_string_new (NULL);
      g_autoptr(GString) sets = g_string_new (NULL);

      const char *key = NULL;

      if (columns == NULL)
        return FALSE;

      for (guint c = 0; c < columns->len; c++)
        {
          const Column *column = &g_array_index (columns, Column, c);
          const char *name = column->name;
          const char *sep = c > 0 ? ", " : "";
          const char *unwrap = column->is_blob ? "grd_unhex" : "";

          if (column->is_key)
            key = name;
          /* hex (NULL) is '', which would come back as an empty BLOB */
          if (column->is_blob)
            {
              g_string_append_printf (json, "%s'%s', iif (%s IS NULL, NULL, hex (%s))", sep, name,
                                      name, name);
              g_string_append_printf (old_json, "%s'%s', iif (OLD.%s IS NULL, NULL, hex (OLD.%s))",
                                      sep, name, name, name);
              g_string_append_printf (new_json, "%s'%s', iif (NEW.%s IS NULL, NULL, hex (NEW.%s))",
                                      sep, name, name, name);
            }
          else
            {
              g_string_append_printf (json, "%s'%s', %s", sep, name, name);
              g_string_append_printf (old_json, "%s'%s', OLD.%s", sep, name, name);
              g_string_append_printf (new_json, "%s'%s', NEW.%s", sep, name, name);
            }
          g_string_append_printf (names, "%s%s", sep, name);
          g_string_append_printf (values, "%s%s(json_extract (?1, '$.%s'))", sep, unwrap, name);
          g_string_append_printf (run_values, "%s%s(json_extract (image, '$.%s'))", sep, unwrap,
                                  name);
          g_string_append_printf (sets, "%s%s = %s(json_extract (?1, '$.%s'))", sep, name,
                                  unwrap, name);
        }
      g_string_append_c (json, ')');
      g_string_append_c (old_json, ')');
      g_string_append_c (new_json, ')');

      /* Rows are found again by their INTEGER PRIMARY KEY, which every
       * tracked table has (the schema check keeps it that way). */
      g_assert (key != NULL);

      table_sql[t].table = table;
      table_sql[t].key = g_strdup (key);
      table_sql[t].select_image = g_strdup_printf ("SELECT %s FROM main.%s WHERE %s = ?1",
                                                   json->str, table, key);
      table_sql[t].insert_image = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s",
                                                   table, names->str, values->str);
      table_sql[t].update_image = g_strdup_printf ("UPDATE main.%s SET %s WHERE %s = ?2",
                                                   table, sets->str, key);
      table_sql[t].delete_row = g_strdup_printf ("DELETE FROM main.%s WHERE %s = ?1", table, key);
      table_sql[t].old_image = g_string_free (g_steal_pointer (&old_json), FALSE);
      table_sql[t].new_image = g_string_free (g_steal_pointer (&new_json), FALSE);
      table_sql[t].save_run = g_strdup_printf ("INSERT INTO history_row_image (change_id, row_id, "
                                               "image) SELECT ?1, %s, %s FROM main.%s "
                                               "WHERE %s >= ?2",
                                               key, json->str, table, key);
      table_sql[t].delete_run = g_strdup_printf ("DELETE FROM main.%s WHERE %s >= ?1", table, key);
      table_sql[t].restore_run = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s "
                                                  "FROM history_row_image WHERE change_id = ?1 "
                                                  "ORDER BY row_id",
                                                  table, names->str, run_values->str);
    }

  built = TRUE;
  return TRUE;
}

static const TableSql *
lookup_table (const char *table)
{
  for (guint t = 0; t < G_N_ELEMENTS (table_sql); t++)
    if (g_strcmp0 (table_sql[t].table, table) == 0)
      return &table_sql[t];
  return NULL;
}

/* One tracked table's triggers: %1$s is the table, %2$s and %3$s the json
 * of its OLD and NEW row, %4$s its key. */
#define TABLE_TRIGGERS \
  /* a row of a run past its first logs nothing */ \
  "CREATE TEMP TRIGGER grd_history_%1$s_insert AFTER INSERT ON main.%1$s " \
  "WHEN (SELECT step_id IS NOT NULL " \
  "      AND NOT (run_rows AND run_tbl = '%1$s' AND NEW.%4$s >= run_first) " \
  "      FROM temp.grd_history_ctl) BEGIN " \
  /* the open run's second row: its change becomes the run */ \
  "UPDATE history_change SET op = 'rows' WHERE id = " \
  "  (SELECT run_change FROM temp.grd_history_ctl " \
  "   WHERE run_tbl = '%1$s' AND NEW.%4$s >= run_first); " \
  "UPDATE grd_history_ctl SET run_rows = 1 " \
  "WHERE run_tbl = '%1$s' AND NEW.%4$s >= run_first; " \
  "INSERT INTO history_change (step_id, tbl, row_id, op, image) " \
  "SELECT step_id, '%1$s', NEW.%4$s, 'insert', NULL FROM temp.grd_history_ctl " \
  "WHERE NOT (run_tbl = '%1$s' AND NEW.%4$s >= run_first); " \
  /* that insert opens a run if no row is keyed above it */ \
  "UPDATE grd_history_ctl SET " \
  "  run_tbl = iif (EXISTS (SELECT 1 FROM main.%1$s WHERE %4$s > NEW.%4$s), '', '%1$s'), " \
  "  run_first = NEW.%4$s, run_change = (SELECT max (id) FROM history_change), run_rows = 0 " \
  "WHERE NOT (run_tbl = '%1$s' AND NEW.%4$s >= run_first); " \
  "END;" \
  /* an update that changes nothing is no change */ \
  "CREATE TEMP TRIGGER grd_history_%1$s_update AFTER UPDATE ON main.%1$s " \
  "WHEN (SELECT step_id IS NOT NULL " \
  "      AND NOT (run_rows AND run_tbl = '%1$s' " \
  "               AND OLD.%4$s >= run_first AND NEW.%4$s >= run_first) " \
  "      FROM temp.grd_history_ctl) " \
  "AND %2$s <> %3$s BEGIN " \
  "INSERT INTO history_change (step_id, tbl, row_id, op, image) " \
  "VALUES ((SELECT step_id FROM temp.grd_history_ctl), '%1$s', OLD.%4$s, 'update', %2$s); " \
  "UPDATE grd_history_ctl SET run_tbl = ''; " \
  "END;" \
  "CREATE TEMP TRIGGER grd_history_%1$s_delete AFTER DELETE ON main.%1$s " \
  "WHEN (SELECT step_id IS NOT NULL " \
  "      AND NOT (run_rows AND run_tbl = '%1$s' AND OLD.%4$s >= run_first) " \
  "      FROM temp.grd_history_ctl) BEGIN " \
  "INSERT INTO history_change (step_id, tbl, row_id, op, image) " \
  "VALUES ((SELECT step_id FROM temp.grd_history_ctl), '%1$s', OLD.%4$s, 'delete', %2$s); " \
  "UPDATE grd_history_ctl SET run_tbl = ''; " \
  "END;"

gboolean
_grd_history_install (GrdStore  *store,
                      GError   **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  if (!build_table_sql (store, error))
    return FALSE;

  /* Direct-only: the function turns text into bytes for core's own
   * statements and has no business in a view or trigger of a file. */
  if (sqlite3_create_function_v2 (grd_store_get_db (store), "grd_unhex", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                  NULL, unhex_function, NULL, NULL, NULL) != SQLITE_OK)
    {
      grd_store_set_error (store, error, "setting up undo");
      return FALSE;
    }

  /* The step being recorded (NULL: none) and the run open in it: its
   * table ('' when none), first key, change, and whether that change is a
   * run yet (it is a plain insert until the run's second row). Triggers
   * may not name its schema in an UPDATE; no other table has its name. */
  g_string_append (sql,
                   "CREATE TEMP TABLE grd_history_ctl (step_id INTEGER, run_tbl TEXT NOT NULL, "
                   "run_first INTEGER NOT NULL, run_change INTEGER NOT NULL, "
                   "run_rows INTEGER NOT NULL);"
                   "INSERT INTO temp.grd_history_ctl VALUES (NULL, '', 0, 0, 0);");

  for (guint t = 0; t < G_N_ELEMENTS (tracked_tables); t++)
    {
      const char *table = tracked_tables[t];
      const char *key = table_sql[t].key;
      const char *old_image = table_sql[t].old_image;
      const char *new_image = table_sql[t].new_image;

      g_string_append_printf (sql, TABLE_TRIGGERS, table, old_image, new_image, key);
    }

  return grd_store_exec (store, sql->str, error);
}

static gboolean
set_recording (GrdStore  *store,
               gint64     step_id,
               GError   **error)
{
  /* a run never spans steps */
  g_autoptr(GrdStmt) stmt = grd_store_prepare (store,
                                               "UPDATE temp.grd_history_ctl "
                                               "SET step_id = ?1, run_tbl = ''",
                                               error);

  if (stmt == NULL)
    return FALSE;

  if (step_id > 0)
    sqlite3_bind_int64 (grd_stmt_get (stmt), 1, step_id);
  else
    sqlite3_bind_null (grd_stmt_get (stmt), 1);

  return grd_store_step_done (store, grd_stmt_get (stmt), error);
}

gboolean
_grd_history_start_step (GrdStore    *store,
                         const char  *label,
                         gint64       coder_id,
                         GError     **error)
{
  g_autoptr(GrdStmt) insert = NULL;
  sqlite3_stmt *raw;

  g_return_val_if_fail (grd_store_in_transaction (store), FALSE);

  insert = grd_store_prepare (store,
                              "INSERT INTO history_step (label, coder_id, created_at) "
                              "VALUES (?1, ?2, unixepoch ())",
                              error);
  if (insert == NULL)
    return FALSE;

  raw = grd_stmt_get (insert);
  sqlite3_bind_text (raw, 1, label, -1, SQLITE_TRANSIENT);
  if (coder_id > 0)
    sqlite3_bind_int64 (raw, 2, coder_id);

  if (!grd_store_step_done (store, raw, error))
    return FALSE;

  return set_recording (store, sqlite3_last_insert_rowid (grd_store_get_db (store)), error);
}

/* A step that changed nothing (renaming a code to its own name) is not
 * worth an entry in the undo list, and must not cost the user what they
 * could redo; a step that changed something ends the redo branch. */
gboolean
_grd_history_finish_step (GrdStore  *store,
                          GError   **error)
{
  gint64 n_changes;

  if (!grd_store_get_int (store, &n_changes, NULL, error,
                          "SELECT count(*) FROM history_change "
                          "WHERE step_id = (SELECT step_id FROM temp.grd_history_ctl)",
                          NULL))
    return FALSE;

  if (!grd_store_run (store, error,
                      n_changes > 0
                      ? "DELETE FROM history_step WHERE undone = 1"
                      : "DELETE FROM history_step WHERE id = (SELECT step_id FROM temp.grd_history_ctl)",
                      NULL))
    return FALSE;

  return set_recording (store, 0, error);
}

static const TableSql *
lookup_logged_table (GrdStore    *store,
                     const char  *table,
                     GError     **error)
{
  const TableSql *sql = lookup_table (table);

  if (sql == NULL)
    g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                 _("%s: the undo history names an unknown table “%s”"),
                 grd_store_get_display_name (store), table);
  return sql;
}

static gboolean
flip_change (GrdStore    *store,
             gint64       change_id,
             const char  *table,
             gint64       row_id,
             const char  *image,
             GError     **error)
{
  const TableSql *sql = lookup_logged_table (store, table, error);
  g_autoptr(GrdStmt) select = NULL;
  g_autoptr(GrdStmt) apply = NULL;
  g_autoptr(GrdStmt) store_image = NULL;
  g_autofree char *current = NULL;
  gboolean has_row;

  if (sql == NULL)
    return FALSE;

  select = grd_store_prepare (store, sql->select_image, error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (grd_stmt_get (select), 1, row_id);
  if (!grd_store_step_row (store, grd_stmt_get (select), &has_row, error))
    return FALSE;
  if (has_row)
    current = grd_stmt_dup_text (grd_stmt_get (select), 0);
  g_clear_pointer (&select, grd_store_release);

  if (current == NULL && image == NULL)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                   _("%s: the undo history does not match the project (row %lld of %s is missing)"),
                   grd_store_get_display_name (store), (long long) row_id, table);
      return FALSE;
    }

  /* The full-text index follows source rows by hand (no trigger may). */
  if (image == NULL && g_str_equal (table, "source_text") &&
      !_grd_search_index_source (store, row_id, FALSE, error))
    return FALSE;

  if (image == NULL)
    apply = grd_store_prepare (store, sql->delete_row, error);
  else if (current == NULL)
    apply = grd_store_prepare (store, sql->insert_image, error);
  else
    apply = grd_store_prepare (store, sql->update_image, error);
  if (apply == NULL)
    return FALSE;

  if (image == NULL)
    sqlite3_bind_int64 (grd_stmt_get (apply), 1, row_id);
  else
    {
      sqlite3_bind_text (grd_stmt_get (apply), 1, image, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (grd_stmt_get (apply), 2, row_id);
    }
  if (!grd_store_step_done (store, grd_stmt_get (apply), error))
    return FALSE;

  if (current == NULL && g_str_equal (table, "source_text") &&
      !_grd_search_index_source (store, row_id, TRUE, error))
    return FALSE;

  store_image = grd_store_prepare (store, "UPDATE history_change SET image = ?1 WHERE id = ?2",
                                   error);
  if (store_image == NULL)
    return FALSE;
  if (current != NULL)
    sqlite3_bind_text (grd_stmt_get (store_image), 1, current, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (grd_stmt_get (store_image), 2, change_id);

  return grd_store_step_done (store, grd_stmt_get (store_image), error);
}

/* The full-text index follows source rows by hand (no trigger may): the
 * texts of the keys ids_sql (?1 = key) lists come into it or leave it. */
static gboolean
index_texts (GrdStore    *store,
             const char  *ids_sql,
             gint64       key,
             gboolean     add,
             GError     **error)
{
  g_autoptr(GrdStmt) ids = grd_store_query (store, error, ids_sql, "i", key);
  gboolean has_row, ok;

  if (ids == NULL)
    return FALSE;
  while ((ok = grd_store_step_row (store, grd_stmt_get (ids), &has_row, error)) && has_row)
    if (!_grd_search_index_source (store, sqlite3_column_int64 (grd_stmt_get (ids), 0), add,
                                   error))
      return FALSE;
  return ok;
}

/* Undo keeps the images of the run's rows and deletes the rows; redo puts
 * them back and drops the images. */
static gboolean
flip_run (GrdStore    *store,
          gboolean     undo,
          gint64       change_id,
          const char  *table,
          gint64       first_key,
          GError     **error)
{
  const TableSql *sql = lookup_logged_table (store, table, error);
  gboolean texts = g_str_equal (table, "source_text");

  if (sql == NULL)
    return FALSE;

  if (undo)
    return (!texts || index_texts (store, "SELECT id FROM main.source_text WHERE id >= ?1",
                                   first_key, FALSE, error)) &&
           grd_store_run (store, error, sql->save_run, "ii", change_id, first_key) &&
           grd_store_run (store, error, sql->delete_run, "i", first_key);

  return grd_store_run (store, error, sql->restore_run, "i", change_id) &&
         (!texts || index_texts (store, "SELECT row_id FROM history_row_image "
                                        "WHERE change_id = ?1",
                                 change_id, TRUE, error)) &&
         grd_store_run (store, error, "DELETE FROM history_row_image WHERE change_id = ?1", "i",
                        change_id);
}

/* What views must refresh after rows of table changed; the same flags the
 * edits that wrote those rows emit. */
static GrdChange
change_of_table (const char *table)
{
  static const struct {
    const char *table;
    GrdChange   change;
  } changes[] = {
    { "study_case", GRD_CHANGE_CASES },
    { "source", GRD_CHANGE_SOURCES | GRD_CHANGE_CASES },
    { "source_text", GRD_CHANGE_SOURCES },
    { "turn", GRD_CHANGE_SOURCES },
    { "source_format", GRD_CHANGE_SOURCES },
    { "source_original", GRD_CHANGE_SOURCES },
    { "attribute", GRD_CHANGE_CASES },
    { "attribute_value", GRD_CHANGE_CASES },
    { "code", GRD_CHANGE_CODES },
    { "code_set", GRD_CHANGE_CODES },
    { "code_set_member", GRD_CHANGE_CODES },
    { "coding", GRD_CHANGE_CODINGS },
    { "relation", GRD_CHANGE_RELATIONS },
    { "memo", GRD_CHANGE_MEMOS },
    { "relation_type", GRD_CHANGE_RELATIONS },
    { "relation_evidence", GRD_CHANGE_RELATIONS },
    { "code_event", GRD_CHANGE_CODES },
    { "codebook_snapshot", GRD_CHANGE_REVIEW },
    { "review", GRD_CHANGE_REVIEW },
    { "review_state", GRD_CHANGE_REVIEW },
    { "comment", GRD_CHANGE_REVIEW },
    { "code_position", GRD_CHANGE_MAP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (g_str_equal (changes[i].table, table))
      return changes[i].change;

  /* A table added without an entry here: refresh everything, never too little. */
  return GRD_CHANGE_ALL;
}

/* The coding's source and code as it is now; 0 and 0 when it does not exist. */
static gboolean
read_coding_place (GrdStore  *store,
                   gint64     coding_id,
                   gint64    *source_id,
                   gint64    *code_id,
                   GError   **error)
{
  g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                             "SELECT source_id, code_id FROM coding WHERE id = ?1",
                                             "i", coding_id);
  gboolean has_row;

  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return FALSE;

  *source_id = has_row ? sqlite3_column_int64 (grd_stmt_get (stmt), 0) : 0;
  *code_id = has_row ? sqlite3_column_int64 (grd_stmt_get (stmt), 1) : 0;
  return TRUE;
}

static char *
flip_step (GrdStore         *store,
           gboolean          undo,
           GrdChange        *change,
           GrdCodingChange  *coding_change,
           GError          **error)
{
  guint n_coding_changes = 0;
  g_autoptr(GrdStmt) pick = NULL;
  g_autoptr(GrdStmt) changes = NULL;
  g_autoptr(GrdStmt) mark = NULL;
  g_autofree char *label = NULL;
  gint64 step_id;
  gboolean has_row, ok;

  *change = 0;
  *coding_change = (GrdCodingChange) { 0 };

  if (!grd_store_begin (store, error))
    return NULL;

  pick = grd_store_prepare (store,
                            undo
                            ? "SELECT id, label FROM history_step WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                            : "SELECT id, label FROM history_step WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                            error);
  if (pick == NULL || !grd_store_step_row (store, grd_stmt_get (pick), &has_row, error))
    goto fail;

  if (!has_row)
    {
      if (undo)
        g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOTHING_TO_UNDO,
                             _("There is nothing to undo"));
      else
        g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOTHING_TO_REDO,
                             _("There is nothing to redo"));
      goto fail;
    }

  step_id = sqlite3_column_int64 (grd_stmt_get (pick), 0);
  label = grd_stmt_dup_text (grd_stmt_get (pick), 1);
  g_clear_pointer (&pick, grd_store_release);

  /* Rows come back in an order foreign keys may dislike midway (a coding
   * before its code on redo of a merge); they are checked at commit. */
  if (!set_recording (store, 0, error) ||
      !grd_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    goto fail;

  changes = grd_store_prepare (store,
                               undo
                               ? "SELECT id, tbl, row_id, image, op = 'rows' FROM history_change "
                                 "WHERE step_id = ?1 ORDER BY id DESC"
                               : "SELECT id, tbl, row_id, image, op = 'rows' FROM history_change "
                                 "WHERE step_id = ?1 ORDER BY id ASC",
                               error);
  if (changes == NULL)
    goto fail;
  sqlite3_bind_int64 (grd_stmt_get (changes), 1, step_id);

  /* Flipping rewrites the image of the change being read; the cursor is
   * on the history_change_by_step index, which that update leaves alone. */
  while ((ok = grd_store_step_row (store, grd_stmt_get (changes), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (changes);
      g_autofree char *table = grd_stmt_dup_text (row, 1);
      g_autofree char *image = grd_stmt_dup_text (row, 3);
      gint64 change_id = sqlite3_column_int64 (row, 0);
      gint64 row_id = sqlite3_column_int64 (row, 2);
      gboolean is_run = sqlite3_column_int (row, 4) != 0;
      gint64 source_after = 0;
      gboolean follow;

      /* A step's one coding is followed; with more (a run is), views reload. */
      if (g_str_equal (table, "coding"))
        n_coding_changes += is_run ? 2 : 1;
      follow = !is_run && g_str_equal (table, "coding") && n_coding_changes == 1;

      *change |= change_of_table (table);
      if (follow &&
          !read_coding_place (store, row_id, &coding_change->source_id,
                              &coding_change->code_before, error))
        goto fail;

      if (!(is_run ? flip_run (store, undo, change_id, table, row_id, error)
                   : flip_change (store, change_id, table, row_id, image, error)))
        {
          g_prefix_error (error, undo ? _("Cannot undo “%s” (change %lld): ")
                                      : _("Cannot redo “%s” (change %lld): "),
                          label, (long long) change_id);
          goto fail;
        }

      if (follow)
        {
          if (!read_coding_place (store, row_id, &source_after, &coding_change->code_after, error))
            goto fail;
          coding_change->coding_id = row_id;
          if (source_after != 0)
            coding_change->source_id = source_after;
        }
    }
  if (!ok)
    goto fail;
  g_clear_pointer (&changes, grd_store_release);

  mark = grd_store_prepare (store, "UPDATE history_step SET undone = ?1 WHERE id = ?2", error);
  if (mark == NULL)
    goto fail;
  sqlite3_bind_int (grd_stmt_get (mark), 1, undo ? 1 : 0);
  sqlite3_bind_int64 (grd_stmt_get (mark), 2, step_id);
  if (!grd_store_step_done (store, grd_stmt_get (mark), error))
    goto fail;
  g_clear_pointer (&mark, grd_store_release);

  if (!grd_store_commit (store, error))
    goto fail;

  if (n_coding_changes != 1 || (*change & ~(GRD_CHANGE_CODINGS | GRD_CHANGE_MEMOS)) != 0)
    *coding_change = (GrdCodingChange) { 0 };

  return g_steal_pointer (&label);

fail:
  g_clear_pointer (&pick, grd_store_release);
  g_clear_pointer (&changes, grd_store_release);
  g_clear_pointer (&mark, grd_store_release);
  grd_store_rollback (store);
  return NULL;
}

char *
_grd_history_undo (GrdStore         *store,
                   GrdChange        *change,
                   GrdCodingChange  *coding_change,
                   GError          **error)
{
  return flip_step (store, TRUE, change, coding_change, error);
}

char *
_grd_history_redo (GrdStore         *store,
                   GrdChange        *change,
                   GrdCodingChange  *coding_change,
                   GError          **error)
{
  return flip_step (store, FALSE, change, coding_change, error);
}

static gboolean
exists (GrdStore   *store,
        const char *sql)
{
  g_autoptr(GrdStmt) stmt = grd_store_prepare (store, sql, NULL);
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return FALSE;

  return grd_store_step_row (store, grd_stmt_get (stmt), &has_row, NULL) && has_row;
}

gboolean
_grd_history_can_undo (GrdStore *store)
{
  return exists (store, "SELECT 1 FROM history_step WHERE undone = 0 LIMIT 1");
}

gboolean
_grd_history_can_redo (GrdStore *store)
{
  return exists (store, "SELECT 1 FROM history_step WHERE undone = 1 LIMIT 1");
}

GPtrArray *
_grd_history_list (GrdStore  *store,
                   guint      limit,
                   GError   **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_history_step_free);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = grd_store_prepare (store,
                            "SELECT s.id, s.label, c.name, s.created_at, s.undone "
                            "FROM history_step s LEFT JOIN coder c ON c.id = s.coder_id "
                            "ORDER BY s.id DESC LIMIT ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (grd_stmt_get (stmt), 1, limit > 0 ? (gint64) limit : -1);

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdHistoryStep *step = g_new0 (GrdHistoryStep, 1);

      step->id = sqlite3_column_int64 (row, 0);
      step->label = grd_stmt_dup_text (row, 1);
      step->coder_name = grd_stmt_dup_text (row, 2);
      step->created_at = sqlite3_column_int64 (row, 3);
      step->undone = sqlite3_column_int (row, 4) != 0;
      g_ptr_array_add (steps, step);
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&steps);
}
