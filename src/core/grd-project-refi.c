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
  "memo", NULL,
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
