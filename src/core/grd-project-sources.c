/* grd-project-sources.c: transcripts and their speaker turns
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"
#include "grd-query-private.h"
#include "grd-utf8.h"

#define SOURCE_COLUMNS \
  "s.id, s.guid, s.name, s.original_name, s.format, s.content_hash, s.length, " \
  "s.imported_at, s.case_id, c.name, s.n_words, "                              \
  "(SELECT count(*) FROM coding WHERE source_id = s.id) "                      \
  "FROM source s LEFT JOIN study_case c ON c.id = s.case_id "

static GrdSource *
read_source (sqlite3_stmt *row)
{
  GrdSource *source = g_new0 (GrdSource, 1);

  source->id = sqlite3_column_int64 (row, 0);
  source->guid = grd_stmt_dup_text (row, 1);
  source->name = grd_stmt_dup_text (row, 2);
  source->original_name = grd_stmt_dup_text (row, 3);
  source->format = grd_stmt_dup_text (row, 4);
  source->content_hash = grd_stmt_dup_text (row, 5);
  source->length = sqlite3_column_int64 (row, 6);
  source->imported_at = sqlite3_column_int64 (row, 7);
  source->case_id = sqlite3_column_int64 (row, 8);
  source->case_name = grd_stmt_dup_text (row, 9);
  source->n_words = (guint) sqlite3_column_int64 (row, 10);
  source->n_codings = (guint) sqlite3_column_int64 (row, 11);
  return source;
}

static GPtrArray *
query_sources (GrdStore    *store,
               GError     **error,
               const char  *sql,
               const char  *types,
               gint64       id,
               const char  *text)
{
  g_autoptr(GrdStmt) stmt = NULL;

  if (g_strcmp0 (types, "i") == 0)
    stmt = grd_store_query (store, error, sql, types, id);
  else if (g_strcmp0 (types, "ss") == 0)
    stmt = grd_store_query (store, error, sql, types, text, text);
  else
    stmt = grd_store_query (store, error, sql, NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, (GrdRowReader) read_source,
                            (GDestroyNotify) grd_source_free, error);
}

static guint
count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* decoding only where the byte is not ASCII keeps 50 KB cheap */
      gboolean word_char = (guchar) *p < 0x80 ? g_ascii_isalnum (*p)
                                               : g_unichar_isalnum (g_utf8_get_char (p));

      if (word_char && !in_word)
        n++;
      in_word = word_char;
    }

  return n;
}

/* Names stay unique so a person (and the CLI) can tell sources apart:
 * a second "interview" becomes "interview (2)". */
static char *
unique_source_name (GrdStore    *store,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *candidate = g_strdup (name);

  for (guint n = 2;; n++)
    {
      gint64 count;

      if (!grd_store_get_int (store, &count, NULL, error,
                              "SELECT count(*) FROM source WHERE name = ?1", "s", candidate))
        return NULL;
      if (count == 0)
        return g_steal_pointer (&candidate);

      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)", name, n);
    }
}

static gboolean
check_imported (GrdImportedText  *imported,
                GError          **error)
{
  const char *end = NULL;

  if (imported->text == NULL ||
      !g_utf8_validate_len (imported->text, imported->text_len, &end))
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("%s: the text is not valid UTF-8 at byte %lu"),
                   imported->original_name,
                   end != NULL ? (unsigned long) (end - imported->text) : 0UL);
      return FALSE;
    }

  for (guint i = 0; imported->turns != NULL && i < imported->turns->len; i++)
    {
      GrdTurn *turn = &g_array_index (imported->turns, GrdTurn, i);

      if (turn->start < 0 || turn->end <= turn->start || turn->end > imported->n_chars)
        {
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                       _("%s: speaker turn %u lies outside the text"),
                       imported->original_name, i + 1);
          return FALSE;
        }
    }

  for (guint i = 0; imported->formats != NULL && i < imported->formats->len; i++)
    {
      GrdFormatRange *range = &g_array_index (imported->formats, GrdFormatRange, i);

      if ((guint) range->kind > GRD_FORMAT_PAGE || range->value < 0)
        {
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                       _("%s: formatting range %u is of no known kind"),
                       imported->original_name, i + 1);
          return FALSE;
        }
      if (range->start < 0 || range->end <= range->start || range->end > imported->n_chars)
        {
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                       _("%s: formatting range %u lies outside the text"),
                       imported->original_name, i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* Formatting and the original file go in beside the text, in the import's
 * own step, so undo takes them away with it and brings them back. */
static gboolean
add_formats_and_original (GrdStore         *store,
                          gint64            source_id,
                          GrdImportedText  *imported,
                          GError          **error)
{
  for (guint i = 0; imported->formats != NULL && i < imported->formats->len; i++)
    {
      GrdFormatRange *range = &g_array_index (imported->formats, GrdFormatRange, i);

      if (!grd_store_run (store, error,
                          "INSERT INTO source_format (source_id, kind, start_pos, end_pos, value) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)",
                          "isiii", source_id, grd_format_kind_to_string (range->kind),
                          range->start, range->end, (gint64) range->value))
        return FALSE;
    }

  if (imported->original != NULL)
    {
      g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                                 "INSERT INTO source_original "
                                                 "(source_id, file_name, media_type, data) "
                                                 "VALUES (?1, ?2, ?3, ?4)",
                                                 "iss", source_id, imported->original_name,
                                                 imported->media_type != NULL
                                                 ? imported->media_type
                                                 : "application/octet-stream");
      gsize size = 0;
      gconstpointer data;

      if (stmt == NULL)
        return FALSE;

      /* A zero-length blob must still be a blob, not NULL. */
      data = g_bytes_get_data (imported->original, &size);
      sqlite3_bind_blob64 (grd_stmt_get (stmt), 4, data != NULL ? data : "", size,
                           SQLITE_STATIC);
      if (!grd_store_step_done (store, grd_stmt_get (stmt), error))
        return FALSE;
    }

  return TRUE;
}

gint64
grd_project_add_source (GrdProject       *self,
                        GrdImportedText  *imported,
                        const char       *name,
                        GError          **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *clean = NULL;
  g_autofree char *unique = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *label = NULL;
  gint64 source_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail (imported != NULL, 0);

  /* The stored text is what every offset points into; its length must be
   * right even if the caller filled the struct by hand. */
  if (imported->text != NULL)
    imported->n_chars = grd_utf8_count_chars (imported->text, imported->text_len);

  if (!check_imported (imported, error))
    return 0;

  clean = _grd_clean_name (name != NULL ? name : imported->title, _("source"), error);
  if (clean == NULL)
    return 0;

  label = g_strdup_printf (_("Import “%s”"), clean);
  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  unique = unique_source_name (store, clean, error);
  if (unique == NULL)
    goto fail;

  guid = _grd_new_guid ();
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) imported->text,
                                      imported->text_len);

  {
    g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                               "INSERT INTO source (guid, name, original_name, format, "
                                               "length, n_words, content_hash, imported_at) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, unixepoch ())",
                                               "sss", guid, unique,
                                               imported->original_name != NULL ? imported->original_name : unique);
    sqlite3_stmt *raw;

    if (stmt == NULL)
      goto fail;

    raw = grd_stmt_get (stmt);
    sqlite3_bind_text (raw, 4, imported->format != NULL ? imported->format : "txt", -1, SQLITE_STATIC);
    sqlite3_bind_int64 (raw, 5, imported->n_chars);
    sqlite3_bind_int64 (raw, 6, count_words (imported->text));
    sqlite3_bind_text (raw, 7, hash, -1, SQLITE_STATIC);

    if (!grd_store_step_done (store, raw, error))
      goto fail;
  }

  source_id = grd_store_last_insert_id (store);

  {
    g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                               "INSERT INTO source_text (id, text) VALUES (?1, ?2)",
                                               "i", source_id);
    if (stmt == NULL)
      goto fail;

    sqlite3_bind_text (grd_stmt_get (stmt), 2, imported->text, (int) imported->text_len,
                       SQLITE_STATIC);
    if (!grd_store_step_done (store, grd_stmt_get (stmt), error))
      goto fail;
  }
  if (!_grd_project_index_source (self, source_id, TRUE, error))
    goto fail;

  for (guint i = 0; imported->turns != NULL && i < imported->turns->len; i++)
    {
      GrdTurn *turn = &g_array_index (imported->turns, GrdTurn, i);

      if (!grd_store_run (store, error,
                          "INSERT INTO turn (source_id, start_pos, end_pos, speaker, is_interviewer) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)",
                          "iiisd", source_id, turn->start, turn->end, turn->speaker,
                          turn->is_interviewer ? 1 : 0))
        goto fail;
    }

  if (!add_formats_and_original (store, source_id, imported, error))
    goto fail;

  if (!_grd_project_end_edit (self, GRD_CHANGE_SOURCES, error))
    return 0;

  return source_id;

fail:
  _grd_project_fail_edit (self);
  g_prefix_error (error, _("Importing %s: "), imported->original_name);
  return 0;
}

gint64
grd_project_import_file (GrdProject    *self,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GrdImportedText) imported = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  imported = grd_import_file (file, cancellable, error);
  if (imported == NULL)
    return 0;

  return grd_project_add_source (self, imported, NULL, error);
}

GPtrArray *
grd_project_list_sources (GrdProject  *self,
                          GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  return query_sources (_grd_project_get_store (self), error,
                        "SELECT " SOURCE_COLUMNS
                        "ORDER BY c.name IS NULL, c.name, s.name",
                        NULL, 0, NULL);
}

GrdSource *
grd_project_get_source (GrdProject  *self,
                        gint64       source_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  found = query_sources (_grd_project_get_store (self), error,
                         "SELECT " SOURCE_COLUMNS "WHERE s.id = ?1", "i", source_id, NULL);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      _grd_set_not_found (error, _("source"), source_id);
      return NULL;
    }

  return g_ptr_array_steal_index (found, 0);
}

GrdSource *
grd_project_find_source (GrdProject  *self,
                         const char  *name_or_guid,
                         GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name_or_guid != NULL, NULL);

  found = query_sources (_grd_project_get_store (self), error,
                         "SELECT " SOURCE_COLUMNS "WHERE s.name = ?1 OR s.guid = upper (?2)",
                         "ss", 0, name_or_guid);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("There is no source named “%s”"), name_or_guid);
      return NULL;
    }

  return g_ptr_array_steal_index (found, 0);
}

char *
grd_project_get_source_text (GrdProject  *self,
                             gint64       source_id,
                             gsize       *len,
                             GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;
  const char *text;
  int n_bytes;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, "SELECT text FROM source_text WHERE id = ?1", "i", source_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      _grd_set_not_found (error, _("source"), source_id);
      return NULL;
    }

  text = (const char *) sqlite3_column_text (grd_stmt_get (stmt), 0);
  n_bytes = sqlite3_column_bytes (grd_stmt_get (stmt), 0);
  if (len != NULL)
    *len = (gsize) n_bytes;

  return g_strndup (text, n_bytes);
}

GArray *
grd_project_list_turns (GrdProject  *self,
                        gint64       source_id,
                        GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GArray) turns = g_array_new (FALSE, TRUE, sizeof (GrdTurn));
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  g_array_set_clear_func (turns, (GDestroyNotify) grd_turn_clear);

  stmt = grd_store_query (store, error,
                          "SELECT start_pos, end_pos, speaker, is_interviewer FROM turn "
                          "WHERE source_id = ?1 ORDER BY start_pos",
                          "i", source_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdTurn turn = {
        .start = sqlite3_column_int64 (row, 0),
        .end = sqlite3_column_int64 (row, 1),
        .speaker = grd_stmt_dup_text (row, 2),
        .is_interviewer = sqlite3_column_int (row, 3) != 0,
      };

      g_array_append_val (turns, turn);
    }

  return ok ? g_steal_pointer (&turns) : NULL;
}

GArray *
grd_project_list_formats (GrdProject  *self,
                          gint64       source_id,
                          GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (GrdFormatRange));
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT kind, start_pos, end_pos, value FROM source_format "
                          "WHERE source_id = ?1 ORDER BY start_pos, end_pos DESC",
                          "i", source_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdFormatRange range = {
        .start = sqlite3_column_int64 (row, 1),
        .end = sqlite3_column_int64 (row, 2),
        .value = sqlite3_column_int (row, 3),
      };

      /* The schema's CHECK admits only the kinds this build knows. */
      if (grd_format_kind_from_string ((const char *) sqlite3_column_text (row, 0), &range.kind))
        g_array_append_val (formats, range);
    }
  if (!ok)
    return NULL;

  g_array_sort (formats, grd_format_range_compare);
  return g_steal_pointer (&formats);
}

GBytes *
grd_project_get_source_original (GrdProject  *self,
                                 gint64       source_id,
                                 char       **file_name,
                                 char       **media_type,
                                 GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  sqlite3_stmt *row;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT file_name, media_type, data FROM source_original "
                          "WHERE source_id = ?1",
                          "i", source_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("Source %lld has no original file in the project"), (long long) source_id);
      return NULL;
    }

  row = grd_stmt_get (stmt);
  if (file_name != NULL)
    *file_name = grd_stmt_dup_text (row, 0);
  if (media_type != NULL)
    *media_type = grd_stmt_dup_text (row, 1);

  return g_bytes_new (sqlite3_column_blob (row, 2), (gsize) sqlite3_column_bytes (row, 2));
}

gboolean
grd_project_rename_source (GrdProject  *self,
                           gint64       source_id,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if ((clean = _grd_clean_name (name, _("source"), error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Rename source to “%s”"), clean);
  return _grd_project_rename_row (self, "source", source_id, clean, label, GRD_CHANGE_SOURCES,
                                  error);
}

gboolean
grd_project_set_source_case (GrdProject  *self,
                             gint64       source_id,
                             gint64       case_id,
                             GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, _("Assign source to case"), error))
    return FALSE;

  if (!_grd_project_require (store, "source", source_id, error) ||
      (case_id != 0 && !_grd_project_require (store, "study_case", case_id, error)))
    goto fail;

  if (!grd_store_run (store, error, "UPDATE source SET case_id = ?1 WHERE id = ?2", "ni",
                      case_id, source_id))
    goto fail;

  return _grd_project_end_edit (self, GRD_CHANGE_SOURCES | GRD_CHANGE_CASES, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

gboolean
grd_project_delete_source (GrdProject  *self,
                           gint64       source_id,
                           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdSource) source = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  source = grd_project_get_source (self, source_id, error);
  if (source == NULL)
    return FALSE;

  label = g_strdup_printf (_("Delete source “%s”"), source->name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  /* Children first, so the undo log sees every row that goes. */
  if (!_grd_project_delete_attached (store, GRD_ATTACHED_TO_CODINGS,
                                     "SELECT id FROM coding WHERE source_id = ?1", "i", source_id, 0,
                                     error) ||
      !grd_store_run (store, error, "DELETE FROM memo WHERE source_id = ?1", "i", source_id) ||
      !grd_store_run (store, error, "DELETE FROM coding WHERE source_id = ?1", "i", source_id) ||
      !grd_store_run (store, error, "DELETE FROM turn WHERE source_id = ?1", "i", source_id) ||
      !grd_store_run (store, error, "DELETE FROM source_format WHERE source_id = ?1", "i",
                      source_id) ||
      !grd_store_run (store, error, "DELETE FROM source_original WHERE source_id = ?1", "i",
                      source_id) ||
      !grd_store_run (store, error, "DELETE FROM attribute_value WHERE source_id = ?1", "i",
                      source_id) ||
      !_grd_project_index_source (self, source_id, FALSE, error) ||
      !grd_store_run (store, error, "DELETE FROM source_text WHERE id = ?1", "i", source_id) ||
      !grd_store_run (store, error, "DELETE FROM source WHERE id = ?1", "i", source_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_SOURCES | GRD_CHANGE_CODINGS | GRD_CHANGE_MEMOS |
                                GRD_CHANGE_RELATIONS | GRD_CHANGE_REVIEW,
                                error);
}
