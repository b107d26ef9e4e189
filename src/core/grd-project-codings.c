/* grd-project-codings.c: coded passages and memos
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"

#define CODING_COLUMNS \
  "SELECT g.id, g.guid, g.source_id, g.code_id, g.start_pos, g.end_pos, g.coder_id, " \
  "k.name, g.created_at, g.representative FROM coding g LEFT JOIN coder k ON k.id = g.coder_id "

static GrdCoding *
read_coding (sqlite3_stmt *row)
{
  GrdCoding *coding = g_new0 (GrdCoding, 1);

  coding->id = sqlite3_column_int64 (row, 0);
  coding->guid = grd_stmt_dup_text (row, 1);
  coding->source_id = sqlite3_column_int64 (row, 2);
  coding->code_id = sqlite3_column_int64 (row, 3);
  coding->start = sqlite3_column_int64 (row, 4);
  coding->end = sqlite3_column_int64 (row, 5);
  coding->coder_id = sqlite3_column_int64 (row, 6);
  coding->coder_name = grd_stmt_dup_text (row, 7);
  coding->created_at = sqlite3_column_int64 (row, 8);
  coding->representative = sqlite3_column_int (row, 9) != 0;
  return coding;
}

/* Names the span in code points, as every offset in Grounded is. */
static gboolean
check_span (GrdStore  *store,
            gint64     source_id,
            gint64     start,
            gint64     end,
            GError   **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;
  gint64 length;

  stmt = grd_store_query (store, error, "SELECT length, name FROM source WHERE id = ?1", "i",
                          source_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return FALSE;
  if (!has_row)
    {
      _grd_set_not_found (error, _("source"), source_id);
      return FALSE;
    }

  length = sqlite3_column_int64 (grd_stmt_get (stmt), 0);
  if (start < 0 || end <= start || end > length)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("The passage %lld–%lld does not fit “%s” (%lld characters); "
                     "a passage needs 0 ≤ start < end ≤ length"),
                   (long long) start, (long long) end,
                   (const char *) sqlite3_column_text (grd_stmt_get (stmt), 1), (long long) length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_coded_yet (GrdStore  *store,
                     gint64     source_id,
                     gint64     code_id,
                     gint64     start,
                     gint64     end,
                     gint64     coder_id,
                     GError   **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  stmt = grd_store_query (store, error,
                          "SELECT c.name FROM coding g JOIN code c ON c.id = g.code_id "
                          "WHERE g.source_id = ?1 AND g.code_id = ?2 AND g.start_pos = ?3 "
                          "AND g.end_pos = ?4 AND g.coder_id IS NOT DISTINCT FROM ?5",
                          "iiiin", source_id, code_id, start, end, coder_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return FALSE;

  if (has_row)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
                   _("This passage is already coded “%s” by the same coder"),
                   sqlite3_column_text (grd_stmt_get (stmt), 0));
      return FALSE;
    }

  return TRUE;
}

static char *
code_name (GrdStore  *store,
           gint64     code_id,
           GError   **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  stmt = grd_store_query (store, error, "SELECT name FROM code WHERE id = ?1", "i", code_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      _grd_set_not_found (error, _("code"), code_id);
      return NULL;
    }

  return grd_stmt_dup_text (grd_stmt_get (stmt), 0);
}

gint64
grd_project_add_coding (GrdProject  *self,
                        gint64       source_id,
                        gint64       code_id,
                        gint64       start,
                        gint64       end,
                        GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *guid = NULL;
  gint64 coder_id, coding_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if ((name = code_name (store, code_id, error)) == NULL)
    return 0;

  label = g_strdup_printf (_("Apply code “%s”"), name);
  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  guid = _grd_new_guid ();
  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !check_span (store, source_id, start, end, error))
    goto fail;

  /* The table's UNIQUE constraint finds a passage already coded the same
   * way; asking first would search that index twice per coding. */
  if (!grd_store_run (store, error,
                      "INSERT INTO coding (guid, source_id, code_id, start_pos, end_pos, coder_id, "
                      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, unixepoch ())",
                      "siiiin", guid, source_id, code_id, start, end, coder_id))
    {
      if (sqlite3_extended_errcode (grd_store_get_db (store)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_clear_error (error);
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
                       _("This passage is already coded “%s” by the same coder"), name);
        }
      goto fail;
    }
  coding_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_coding_edit (self, GRD_CHANGE_CODINGS,
                                     &(GrdCodingChange) { coding_id, source_id, 0, code_id },
                                     error))
    return 0;
  return coding_id;

fail:
  _grd_project_fail_edit (self);
  return 0;
}

GrdCoding *
grd_project_get_coding (GrdProject  *self,
                        gint64       coding_id,
                        GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, CODING_COLUMNS "WHERE g.id = ?1", "i", coding_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      _grd_set_not_found (error, _("coding"), coding_id);
      return NULL;
    }

  return read_coding (grd_stmt_get (stmt));
}

GPtrArray *
grd_project_list_codings (GrdProject  *self,
                          gint64       source_id,
                          GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  /* 0 lists the codings of every source. Two statements, so that one
   * source's codings come straight from the by-source index. */
  if (source_id != 0)
    stmt = grd_store_query (store, error,
                            CODING_COLUMNS "WHERE g.source_id = ?1 "
                            "ORDER BY g.start_pos, g.end_pos DESC, g.id",
                            "i", source_id);
  else
    stmt = grd_store_query (store, error,
                            CODING_COLUMNS "ORDER BY g.source_id, g.start_pos, g.end_pos DESC, g.id",
                            NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, (GrdRowReader) read_coding,
                            (GDestroyNotify) grd_coding_free, error);
}

gboolean
grd_project_remove_coding (GrdProject  *self,
                           gint64       coding_id,
                           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCoding) coding = NULL;
  gint64 n_reviewed;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  coding = grd_project_get_coding (self, coding_id, error);
  if (coding == NULL || !_grd_project_begin_edit (self, _("Remove coding"), error))
    return FALSE;

  /* Evidence, review states and comments go with the coding too; views
   * that show them must then read again, not follow this one row. */
  if (!grd_store_get_int (store, &n_reviewed, NULL, error,
                          "SELECT (SELECT count(*) FROM relation_evidence WHERE coding_id = ?1) + "
                          "(SELECT count(*) FROM review_state WHERE coding_id = ?1) + "
                          "(SELECT count(*) FROM comment WHERE coding_id = ?1)",
                          "i", coding_id) ||
      !_grd_project_delete_attached (store, GRD_ATTACHED_TO_CODINGS, "SELECT ?1", "i", coding_id, 0,
                                     error) ||
      !grd_store_run (store, error, "DELETE FROM coding WHERE id = ?1", "i", coding_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  if (n_reviewed > 0)
    return _grd_project_end_edit (self, GRD_CHANGE_CODINGS | GRD_CHANGE_MEMOS |
                                  GRD_CHANGE_RELATIONS | GRD_CHANGE_REVIEW, error);
  return _grd_project_end_coding_edit (self, GRD_CHANGE_CODINGS | GRD_CHANGE_MEMOS,
                                       &(GrdCodingChange) { coding_id, coding->source_id,
                                                            coding->code_id, 0 },
                                       error);
}

gboolean
grd_project_recode_coding (GrdProject  *self,
                           gint64       coding_id,
                           gint64       code_id,
                           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCoding) coding = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  coding = grd_project_get_coding (self, coding_id, error);
  if (coding == NULL || (name = code_name (store, code_id, error)) == NULL)
    return FALSE;
  if (coding->code_id == code_id)
    return TRUE;

  label = g_strdup_printf (_("Recode as “%s”"), name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!check_not_coded_yet (store, coding->source_id, code_id, coding->start, coding->end,
                            coding->coder_id, error) ||
      !grd_store_run (store, error, "UPDATE coding SET code_id = ?1 WHERE id = ?2", "ii",
                      code_id, coding_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_coding_edit (self, GRD_CHANGE_CODINGS,
                                       &(GrdCodingChange) { coding_id, coding->source_id,
                                                            coding->code_id, code_id },
                                       error);
}

gboolean
grd_project_set_representative (GrdProject  *self,
                                gint64       coding_id,
                                gboolean     representative,
                                GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCoding) coding = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  coding = grd_project_get_coding (self, coding_id, error);
  if (coding == NULL ||
      !_grd_project_begin_edit (self,
                                representative ? _("Mark quote as representative")
                                               : _("Unmark representative quote"),
                                error))
    return FALSE;

  if (!grd_store_run (store, error, "UPDATE coding SET representative = ?1 WHERE id = ?2", "di",
                      representative ? 1 : 0, coding_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_coding_edit (self, GRD_CHANGE_CODINGS,
                                       &(GrdCodingChange) { coding_id, coding->source_id,
                                                            coding->code_id, coding->code_id },
                                       error);
}

/* Memos */

static const char *
target_table (GrdMemoScope scope)
{
  switch (scope)
    {
    case GRD_MEMO_SCOPE_SOURCE:
      return "source";
    case GRD_MEMO_SCOPE_CODE:
      return "code";
    case GRD_MEMO_SCOPE_CODING:
      return "coding";
    case GRD_MEMO_SCOPE_RELATION:
      return "relation";
    case GRD_MEMO_SCOPE_FREE:
    case GRD_MEMO_SCOPE_PROJECT:
    default:
      return NULL;
    }
}

gint64
grd_project_add_memo (GrdProject    *self,
                      GrdMemoScope   scope,
                      gint64         target_id,
                      const char    *title,
                      const char    *text,
                      GError       **error)
{
  GrdStore *store = _grd_project_get_store (self);
  const char *table = target_table (scope);
  g_autofree char *guid = NULL;
  gint64 coder_id, memo_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail ((guint) scope <= GRD_MEMO_SCOPE_RELATION, 0);

  if ((title != NULL && !g_utf8_validate (title, -1, NULL)) ||
      (text != NULL && !g_utf8_validate (text, -1, NULL)))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The memo is not valid UTF-8"));
      return 0;
    }
  if (table == NULL && target_id != 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("A %s memo hangs on nothing; give no target"),
                   grd_memo_scope_to_string (scope));
      return 0;
    }

  if (!_grd_project_begin_edit (self, _("Add memo"), error))
    return 0;

  if (table != NULL && !_grd_project_require (store, table, target_id, error))
    goto fail;

  guid = _grd_new_guid ();
  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO memo (guid, scope, source_id, code_id, coding_id, relation_id, "
                      "title, text, author_id, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, unixepoch (), unixepoch ())",
                      "ssnnnnssn", guid, grd_memo_scope_to_string (scope),
                      scope == GRD_MEMO_SCOPE_SOURCE ? target_id : 0,
                      scope == GRD_MEMO_SCOPE_CODE ? target_id : 0,
                      scope == GRD_MEMO_SCOPE_CODING ? target_id : 0,
                      scope == GRD_MEMO_SCOPE_RELATION ? target_id : 0,
                      title != NULL ? title : "", text != NULL ? text : "", coder_id))
    goto fail;
  memo_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_edit (self, GRD_CHANGE_MEMOS, error))
    return 0;
  return memo_id;

fail:
  _grd_project_fail_edit (self);
  return 0;
}

gboolean
grd_project_update_memo (GrdProject  *self,
                         gint64       memo_id,
                         const char  *title,
                         const char  *text,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if ((title != NULL && !g_utf8_validate (title, -1, NULL)) ||
      (text != NULL && !g_utf8_validate (text, -1, NULL)))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The memo is not valid UTF-8"));
      return FALSE;
    }

  if (!_grd_project_begin_edit (self, _("Edit memo"), error))
    return FALSE;

  /* NULL keeps what is there. */
  if (!_grd_project_require (store, "memo", memo_id, error) ||
      !grd_store_run (store, error,
                      "UPDATE memo SET title = coalesce (?1, title), text = coalesce (?2, text), "
                      "updated_at = unixepoch () WHERE id = ?3",
                      "ssi", title, text, memo_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_MEMOS, error);
}

gboolean
grd_project_delete_memo (GrdProject  *self,
                         gint64       memo_id,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, _("Delete memo"), error))
    return FALSE;

  if (!_grd_project_require (store, "memo", memo_id, error) ||
      !grd_store_run (store, error, "DELETE FROM memo WHERE id = ?1", "i", memo_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_MEMOS, error);
}

GPtrArray *
grd_project_list_memos (GrdProject  *self,
                        gint         scope,
                        gint64       target_id,
                        GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_memo_free);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT m.id, m.guid, m.scope, "
                          "coalesce (m.source_id, m.code_id, m.coding_id, m.relation_id, 0), "
                          "m.title, m.text, k.name, m.created_at, m.updated_at "
                          "FROM memo m LEFT JOIN coder k ON k.id = m.author_id "
                          "WHERE (?1 IS NULL OR m.scope = ?1) AND (?2 = 0 OR "
                          "coalesce (m.source_id, m.code_id, m.coding_id, m.relation_id) = ?2) "
                          "ORDER BY m.id",
                          "si", scope >= 0 ? grd_memo_scope_to_string ((GrdMemoScope) scope) : NULL,
                          target_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdMemo *memo = g_new0 (GrdMemo, 1);

      memo->id = sqlite3_column_int64 (row, 0);
      memo->guid = grd_stmt_dup_text (row, 1);
      if (!grd_memo_scope_from_string ((const char *) sqlite3_column_text (row, 2), &memo->scope))
        memo->scope = GRD_MEMO_SCOPE_FREE;
      memo->target_id = sqlite3_column_int64 (row, 3);
      memo->title = grd_stmt_dup_text (row, 4);
      memo->text = grd_stmt_dup_text (row, 5);
      memo->author_name = grd_stmt_dup_text (row, 6);
      memo->created_at = sqlite3_column_int64 (row, 7);
      memo->updated_at = sqlite3_column_int64 (row, 8);
      g_ptr_array_add (memos, memo);
    }

  return ok ? g_steal_pointer (&memos) : NULL;
}
