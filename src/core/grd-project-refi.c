/* grd-project-refi.c: the store edits of a REFI-QDA import
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-refi-private.h"

static const char * const guid_tables[] = {
  "coder", "study_case", "source", "attribute", "code", "code_set", "coding", "relation",
  "memo", "comment", NULL,
};

gboolean
_grd_project_refi_find_guid (GrdProject  *project,
                             const char  *table,
                             const char  *guid,
                             gint64      *id,
                             GError     **error)
{
  g_autofree char *sql = NULL;

  /* the name goes into the SQL text, so it must be one of ours */
  g_return_val_if_fail (g_strv_contains (guid_tables, table), FALSE);

  sql = g_strdup_printf ("SELECT id FROM %s WHERE guid = ?1", table);
  return grd_store_get_int (_grd_project_get_store (project), id, NULL, error, sql, "s", guid);
}

gboolean
_grd_project_refi_adopt_guid (GrdProject  *project,
                              const char  *table,
                              gint64       id,
                              const char  *guid,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (project);
  g_autofree char *sql = NULL;
  gint64 other;

  g_return_val_if_fail (g_strv_contains (guid_tables, table), FALSE);

  if (!_grd_project_refi_find_guid (project, table, guid, &other, error))
    return FALSE;
  if (other == id)
    return TRUE;
  if (other != 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
                   _("The GUID %s is already in use"), guid);
      return FALSE;
    }

  sql = g_strdup_printf ("UPDATE %s SET guid = ?1 WHERE id = ?2", table);
  if (!_grd_project_begin_edit (project, _("Import"), error))
    return FALSE;
  /* A code's history follows it to the GUID it adopts: its events name
   * it by GUID, and it was created a moment ago under a fresh one. */
  if ((g_str_equal (table, "code") &&
       (!grd_store_run (store, error,
                        "UPDATE code_event SET code_guid = ?1 WHERE code_guid = "
                        "(SELECT guid FROM code WHERE id = ?2)",
                        "si", guid, id) ||
        !grd_store_run (store, error,
                        "UPDATE code_event SET other_guid = ?1 WHERE other_guid = "
                        "(SELECT guid FROM code WHERE id = ?2)",
                        "si", guid, id))) ||
      !grd_store_run (store, error, sql, "si", guid, id))
    {
      _grd_project_fail_edit (project);
      return FALSE;
    }
  return _grd_project_end_edit (project, 0, error);
}

/* Coders are not part of the undo history (grd-project.c): a coder stays
 * once it has existed, so these writes need no edit of their own. */
gboolean
_grd_project_refi_ensure_coder (GrdProject  *project,
                                const char  *guid,
                                const char  *name,
                                gint64      *coder_id,
                                GError     **error)
{
  GrdStore *store = _grd_project_get_store (project);

  if (guid != NULL && !_grd_project_refi_find_guid (project, "coder", guid, coder_id, error))
    return FALSE;
  if (guid != NULL && *coder_id != 0)
    return TRUE;

  if (!grd_store_get_int (store, coder_id, NULL, error,
                          "SELECT id FROM coder WHERE name = ?1", "s", name))
    return FALSE;
  if (*coder_id != 0)
    return TRUE;

  {
    g_autofree char *fresh = guid == NULL ? _grd_new_guid () : NULL;

    if (!grd_store_run (store, error, "INSERT INTO coder (guid, name) VALUES (?1, ?2)", "ss",
                        guid != NULL ? guid : fresh, name))
      return FALSE;
  }
  *coder_id = grd_store_last_insert_id (store);
  return TRUE;
}

/* One statement, so a refused coding changes nothing: inside the import's
 * batch it needs no savepoint (see _grd_project_note_batch_change). */
gint64
_grd_project_refi_add_coding (GrdProject  *project,
                              const char  *guid,
                              gint64       source_id,
                              gint64       code_id,
                              gint64       start,
                              gint64       end,
                              gint64       coder_id,
                              gint64       created_at,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (project);

  if (!_grd_project_note_batch_change (project, GRD_CHANGE_CODINGS))
    g_return_val_if_reached (0);

  if (!grd_store_run (store, error,
                      "INSERT INTO coding (guid, source_id, code_id, start_pos, end_pos, coder_id, "
                      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                      "siiiini", guid, source_id, code_id, start, end, coder_id, created_at))
    return 0;
  return grd_store_last_insert_id (store);
}

gboolean
_grd_project_refi_set_memo_origin (GrdProject  *project,
                                   gint64       memo_id,
                                   gint64       author_id,
                                   gint64       created_at,
                                   gint64       updated_at,
                                   GError     **error)
{
  GrdStore *store = _grd_project_get_store (project);

  if (author_id == 0 && created_at == 0)
    return TRUE;

  if (!_grd_project_begin_edit (project, _("Import"), error))
    return FALSE;
  if (!grd_store_run (store, error,
                      "UPDATE memo SET author_id = coalesce (?1, author_id), "
                      "created_at = coalesce (?2, created_at), "
                      "updated_at = coalesce (?3, updated_at) WHERE id = ?4",
                      "nnni", author_id, created_at, updated_at, memo_id))
    {
      _grd_project_fail_edit (project);
      return FALSE;
    }
  return _grd_project_end_edit (project, GRD_CHANGE_MEMOS, error);
}

/* A colleague who edited a memo of the study and sent the project back
 * expects the edit to come in; one who edited it after the export keeps
 * theirs. Which edit is the later one is all the file and the project
 * can tell, so the newer words win; a tie keeps the project's. */
gboolean
_grd_project_refi_merge_memo (GrdProject        *project,
                              gint64             memo_id,
                              const char        *title,
                              const char        *text,
                              gint64             updated_at,
                              GrdRefiMemoMerge  *merge,
                              GError           **error)
{
  GrdStore *store = _grd_project_get_store (project);
  gint64 ours = 0;
  gboolean differs = FALSE;

  if (title == NULL)
    title = "";
  if (text == NULL)
    text = "";
  if (!grd_store_get_int (store, &ours, &differs, error,
                          "SELECT updated_at FROM memo WHERE id = ?1 "
                          "AND (title IS NOT ?2 OR text IS NOT ?3)",
                          "iss", memo_id, title, text))
    return FALSE;
  if (!differs)
    {
      *merge = GRD_REFI_MEMO_SAME;
      return TRUE;
    }
  if (updated_at <= ours)
    {
      *merge = GRD_REFI_MEMO_KEPT;
      return TRUE;
    }

  if (!_grd_project_begin_edit (project, _("Import"), error))
    return FALSE;
  if (!grd_store_run (store, error,
                      "UPDATE memo SET title = ?1, text = ?2, updated_at = ?3 WHERE id = ?4",
                      "ssii", title, text, updated_at, memo_id))
    {
      _grd_project_fail_edit (project);
      return FALSE;
    }
  if (!_grd_project_end_edit (project, GRD_CHANGE_MEMOS, error))
    return FALSE;
  *merge = GRD_REFI_MEMO_UPDATED;
  return TRUE;
}

/* A comment as the file has it: its author, time and resolution kept. A
 * reply (parent_id not 0) belongs to its parent's code or coding. */
gint64
_grd_project_refi_add_comment (GrdProject      *project,
                               const char      *guid,
                               GrdReviewTarget  target,
                               gint64           target_id,
                               gint64           parent_id,
                               gint64           author_id,
                               gint64           created_at,
                               const char      *text,
                               gint64           resolved_at,
                               gint64           resolved_by,
                               GError         **error)
{
  GrdStore *store = _grd_project_get_store (project);
  gboolean ok;

  if (!_grd_project_begin_edit (project, _("Import"), error))
    return 0;
  if (parent_id != 0)
    ok = _grd_project_require (store, "comment", parent_id, error) &&
         grd_store_run (store, error,
                        "INSERT INTO comment (guid, code_id, coding_id, parent_id, author_id, "
                        "created_at, text) SELECT ?1, code_id, coding_id, id, ?2, ?3, ?4 "
                        "FROM comment WHERE id = ?5",
                        "snisi", guid, author_id, created_at, text, parent_id);
  else
    ok = _grd_project_require (store, target == GRD_REVIEW_TARGET_CODE ? "code" : "coding",
                               target_id, error) &&
         grd_store_run (store, error,
                        "INSERT INTO comment (guid, code_id, coding_id, author_id, created_at, "
                        "text, resolved_at, resolved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        "snnnisnn", guid, target == GRD_REVIEW_TARGET_CODE ? target_id : 0,
                        target == GRD_REVIEW_TARGET_CODING ? target_id : 0, author_id,
                        created_at, text, resolved_at, resolved_at != 0 ? resolved_by : 0);
  if (!ok)
    {
      _grd_project_fail_edit (project);
      return 0;
    }
  {
    gint64 comment_id = grd_store_last_insert_id (store);

    return _grd_project_end_edit (project, GRD_CHANGE_REVIEW, error) ? comment_id : 0;
  }
}

/* The one state of a code or coding, as the file has it: who set it and
 * when. A state the target already has is replaced. */
gboolean
_grd_project_refi_set_review_state (GrdProject      *project,
                                    GrdReviewTarget  target,
                                    gint64           target_id,
                                    GrdReviewState   state,
                                    gint64           coder_id,
                                    gint64           set_at,
                                    GError         **error)
{
  GrdStore *store = _grd_project_get_store (project);
  const char *column = target == GRD_REVIEW_TARGET_CODE ? "code_id" : "coding_id";
  g_autofree char *delete = g_strdup_printf ("DELETE FROM review_state WHERE %s = ?1", column);
  g_autofree char *insert = g_strdup_printf ("INSERT INTO review_state (%s, state, coder_id, "
                                             "set_at) VALUES (?1, ?2, ?3, ?4)", column);

  if (!_grd_project_begin_edit (project, _("Import"), error))
    return FALSE;
  if (!_grd_project_require (store, target == GRD_REVIEW_TARGET_CODE ? "code" : "coding",
                             target_id, error) ||
      !grd_store_run (store, error, delete, "i", target_id) ||
      !grd_store_run (store, error, insert, "isni", target_id, grd_review_state_to_string (state),
                      coder_id, set_at))
    {
      _grd_project_fail_edit (project);
      return FALSE;
    }
  return _grd_project_end_edit (project, GRD_CHANGE_REVIEW, error);
}
