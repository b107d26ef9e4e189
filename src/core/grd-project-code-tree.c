/* grd-project-code-tree.c: reshaping the code tree
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moving, deleting, merging and splitting codes: the edits that change
 * which code hangs under which, renumber the siblings left behind and
 * carry or delete what hangs on the codes they touch.
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"

/* TRUE when candidate is code_id itself or lies under it. */
static gboolean
is_in_subtree (GrdStore  *store,
               gint64     code_id,
               gint64     candidate,
               gboolean  *inside,
               GError   **error)
{
  gint64 count;

  if (!grd_store_get_int (store, &count, NULL, error,
                          "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION "
                          "SELECT c.id FROM code c JOIN sub ON c.parent_id = sub.id) "
                          "SELECT count(*) FROM sub WHERE id = ?2",
                          "ii", code_id, candidate))
    return FALSE;

  *inside = count > 0;
  return TRUE;
}

/* Puts code_id at position among the children of parent_id, numbering the
 * siblings 0, 1, 2... and touching only the rows whose position changes. */
static gboolean
place_code (GrdStore  *store,
            gint64     code_id,
            gint64     parent_id,
            gint       position,
            GError   **error)
{
  g_autoptr(GArray) siblings = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint));
  gboolean has_row, ok;

  {
    g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                               "SELECT id, position FROM code WHERE parent_id IS NOT DISTINCT FROM ?1 "
                                               "AND id <> ?2 ORDER BY position, id",
                                               "ni", parent_id, code_id);
    if (stmt == NULL)
      return FALSE;

    while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
      {
        gint64 id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);
        gint pos = sqlite3_column_int (grd_stmt_get (stmt), 1);

        g_array_append_val (siblings, id);
        g_array_append_val (positions, pos);
      }
    if (!ok)
      return FALSE;
  }

  if (position < 0 || (guint) position > siblings->len)
    position = (gint) siblings->len;

  {
    gint old = -1;

    g_array_insert_val (siblings, position, code_id);
    g_array_insert_val (positions, position, old);
  }

  for (guint i = 0; i < siblings->len; i++)
    {
      if (g_array_index (positions, gint, i) == (gint) i &&
          g_array_index (siblings, gint64, i) != code_id)
        continue;

      if (!grd_store_run (store, error,
                          "UPDATE code SET parent_id = ?1, position = ?2 WHERE id = ?3",
                          "nii", parent_id, (gint64) i, g_array_index (siblings, gint64, i)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
renumber_children (GrdStore  *store,
                   gint64     parent_id,
                   GError   **error)
{
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gboolean has_row, ok;
  gint64 index = 0;

  {
    g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                               "SELECT id, position FROM code WHERE parent_id IS NOT DISTINCT FROM ?1 "
                                               "ORDER BY position, id",
                                               "n", parent_id);
    if (stmt == NULL)
      return FALSE;

    while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
      {
        gint64 pair[2] = { sqlite3_column_int64 (grd_stmt_get (stmt), 0), index };

        if (sqlite3_column_int64 (grd_stmt_get (stmt), 1) != index)
          g_array_append_val (stale, pair);
        index++;
      }
    if (!ok)
      return FALSE;
  }

  for (guint i = 0; i < stale->len; i++)
    {
      gint64 *pair = &g_array_index (stale, gint64, i * 2);

      if (!grd_store_run (store, error, "UPDATE code SET position = ?1 WHERE id = ?2", "ii",
                          pair[1], pair[0]))
        return FALSE;
    }

  return TRUE;
}

gboolean
grd_project_move_code (GrdProject  *self,
                       gint64       code_id,
                       gint64       new_parent_id,
                       gint         position,
                       GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *label = NULL;
  gboolean inside = FALSE;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  code = grd_project_get_code (self, code_id, error);
  if (code == NULL)
    return FALSE;

  if (new_parent_id != 0 &&
      (!_grd_project_require (store, "code", new_parent_id, error) ||
       !is_in_subtree (store, code_id, new_parent_id, &inside, error)))
    return FALSE;
  if (inside)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("“%s” cannot move under itself or one of its own sub-codes"), code->name);
      return FALSE;
    }
  if (!_grd_project_check_sibling_name (store, new_parent_id, code->name, code_id, error))
    return FALSE;

  label = g_strdup_printf (_("Move code “%s”"), code->name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if ((code->parent_id != new_parent_id &&
       !_grd_project_log_code_event (self, code_id, "move", NULL, new_parent_id, error)) ||
      !place_code (store, code_id, new_parent_id, position, error) ||
      (code->parent_id != new_parent_id && !renumber_children (store, code->parent_id, error)))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CODES, error);
}

/* Deletes every row that hangs on the codes listed in temp.grd_doomed_code,
 * children before parents, so the undo log sees each one. */
static gboolean
delete_doomed_codes (GrdStore  *store,
                     GError   **error)
{
  static const char * const statements[] = {
    "DELETE FROM coding WHERE code_id IN (SELECT id FROM temp.grd_doomed_code)",
    "DELETE FROM relation WHERE from_code_id IN (SELECT id FROM temp.grd_doomed_code) "
    "OR to_code_id IN (SELECT id FROM temp.grd_doomed_code)",
    "DELETE FROM memo WHERE code_id IN (SELECT id FROM temp.grd_doomed_code)",
    "DELETE FROM code_set_member WHERE code_id IN (SELECT id FROM temp.grd_doomed_code)",
  };
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row, ok;

  if (!_grd_project_delete_attached (store, GRD_ATTACHED_TO_CODINGS,
                                     "SELECT id FROM coding WHERE code_id IN "
                                     "(SELECT id FROM temp.grd_doomed_code)",
                                     NULL, 0, 0, error) ||
      !_grd_project_delete_attached (store, GRD_ATTACHED_TO_RELATIONS,
                                     "SELECT id FROM relation WHERE from_code_id IN "
                                     "(SELECT id FROM temp.grd_doomed_code) OR to_code_id IN "
                                     "(SELECT id FROM temp.grd_doomed_code)",
                                     NULL, 0, 0, error) ||
      !_grd_project_delete_attached (store, GRD_ATTACHED_TO_CODES,
                                     "SELECT id FROM temp.grd_doomed_code", NULL, 0, 0, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!grd_store_run (store, error, statements[i], NULL))
      return FALSE;

  {
    g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                               "SELECT id FROM temp.grd_doomed_code ORDER BY depth DESC",
                                               NULL);
    if (stmt == NULL)
      return FALSE;
    while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
      {
        gint64 id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);
        g_array_append_val (order, id);
      }
    if (!ok)
      return FALSE;
  }

  for (guint i = 0; i < order->len; i++)
    if (!grd_store_run (store, error, "DELETE FROM code WHERE id = ?1", "i",
                        g_array_index (order, gint64, i)))
      return FALSE;

  return grd_store_run (store, error, "DROP TABLE temp.grd_doomed_code", NULL);
}

static gboolean
doom_subtree (GrdStore  *store,
              gint64     code_id,
              GError   **error)
{
  return grd_store_run (store, error,
                        "CREATE TEMP TABLE grd_doomed_code AS "
                        "WITH RECURSIVE sub (id, depth) AS (SELECT ?1, 0 UNION ALL "
                        "SELECT c.id, sub.depth + 1 FROM code c JOIN sub ON c.parent_id = sub.id) "
                        "SELECT id, depth FROM sub",
                        "i", code_id);
}

gboolean
grd_project_delete_code (GrdProject  *self,
                         gint64       code_id,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *label = NULL;
  gint64 coder_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  code = grd_project_get_code (self, code_id, error);
  if (code == NULL)
    return FALSE;

  label = g_strdup_printf (_("Delete code “%s”"), code->name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!doom_subtree (store, code_id, error) ||
      !_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO code_event (code_guid, event, old_value, other_guid, coder_id, "
                      "created_at) SELECT c.guid, 'delete', c.name, p.guid, ?1, unixepoch () "
                      "FROM temp.grd_doomed_code d JOIN code c ON c.id = d.id "
                      "LEFT JOIN code p ON p.id = c.parent_id ORDER BY d.depth",
                      "n", coder_id) ||
      !delete_doomed_codes (store, error) ||
      !renumber_children (store, code->parent_id, error))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CODES | GRD_CHANGE_CODINGS | GRD_CHANGE_RELATIONS |
                                GRD_CHANGE_MEMOS | GRD_CHANGE_REVIEW | GRD_CHANGE_MAP, error);
}

/* The codings of code ?1 that code ?2 already has: the same span by the
 * same coder. A merge drops them rather than keep two of one coding. */
#define DOUBLED_CODINGS \
  "SELECT f.id FROM coding f JOIN coding t ON t.code_id = ?2 AND t.source_id = f.source_id " \
  "AND t.start_pos = f.start_pos AND t.end_pos = f.end_pos AND t.coder_id IS f.coder_id " \
  "WHERE f.code_id = ?1"

/* Merging moves everything that hangs on one code to another, then deletes
 * the emptied code: codings (a coding the target already has for the same
 * span and coder is dropped), sub-codes, relations, set memberships and
 * memos. */
gboolean
grd_project_merge_codes (GrdProject  *self,
                         gint64       from_code_id,
                         gint64       into_code_id,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCode) from = NULL;
  g_autoptr(GrdCode) into = NULL;
  g_autofree char *label = NULL;
  gboolean inside = FALSE;
  gint64 next_position, coder_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  from = grd_project_get_code (self, from_code_id, error);
  if (from == NULL)
    return FALSE;
  into = grd_project_get_code (self, into_code_id, error);
  if (into == NULL)
    return FALSE;

  if (!is_in_subtree (store, from_code_id, into_code_id, &inside, error))
    return FALSE;
  if (inside)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("“%s” cannot be merged into itself or one of its own sub-codes"), from->name);
      return FALSE;
    }

  /* Sub-codes move under the target: two siblings must not end up with
   * one name, or neither could be told apart again. */
  {
    g_autoptr(GrdStmt) clash = grd_store_query (store, error,
                                                "SELECT f.name FROM code f JOIN code t ON t.parent_id = ?2 "
                                                "AND t.name = f.name WHERE f.parent_id = ?1 LIMIT 1",
                                                "ii", from_code_id, into_code_id);
    gboolean has_row;

    if (clash == NULL || !grd_store_step_row (store, grd_stmt_get (clash), &has_row, error))
      return FALSE;
    if (has_row)
      {
        g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
                     _("“%s” and “%s” both have a sub-code named “%s”; merge or rename those first"),
                     from->name, into->name, sqlite3_column_text (grd_stmt_get (clash), 0));
        return FALSE;
      }
  }

  label = g_strdup_printf (_("Merge “%s” into “%s”"), from->name, into->name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!grd_store_get_int (store, &next_position, NULL, error,
                          "SELECT coalesce (max (position) + 1, 0) FROM code WHERE parent_id = ?1",
                          "i", into_code_id))
    goto fail;

  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !_grd_project_log_code_event (self, from_code_id, "merge", NULL, into_code_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO code_event (code_guid, event, old_value, new_value, other_guid, "
                      "coder_id, created_at) SELECT c.guid, 'move', f.name, t.name, t.guid, ?3, "
                      "unixepoch () FROM code c JOIN code f ON f.id = ?1 JOIN code t ON t.id = ?2 "
                      "WHERE c.parent_id = ?1 ORDER BY c.position",
                      "iin", from_code_id, into_code_id, coder_id) ||
      !_grd_project_delete_attached (store, GRD_ATTACHED_TO_CODINGS, DOUBLED_CODINGS,
                                     "ii", from_code_id, into_code_id, error) ||
      !grd_store_run (store, error, "DELETE FROM coding WHERE id IN (" DOUBLED_CODINGS ")",
                      "ii", from_code_id, into_code_id) ||
      !grd_store_run (store, error, "UPDATE coding SET code_id = ?2 WHERE code_id = ?1", "ii",
                      from_code_id, into_code_id) ||
      !grd_store_run (store, error,
                      "UPDATE code SET parent_id = ?2, position = position + ?3 WHERE parent_id = ?1",
                      "iii", from_code_id, into_code_id, next_position) ||
      !grd_store_run (store, error, "UPDATE relation SET from_code_id = ?2 WHERE from_code_id = ?1",
                      "ii", from_code_id, into_code_id) ||
      !grd_store_run (store, error, "UPDATE relation SET to_code_id = ?2 WHERE to_code_id = ?1",
                      "ii", from_code_id, into_code_id) ||
      !_grd_project_delete_attached (store, GRD_ATTACHED_TO_RELATIONS,
                                     "SELECT id FROM relation WHERE from_code_id = to_code_id",
                                     NULL, 0, 0, error) ||
      !grd_store_run (store, error, "DELETE FROM relation WHERE from_code_id = to_code_id", NULL) ||
      !grd_store_run (store, error,
                      "INSERT INTO code_set_member (code_set_id, code_id) SELECT code_set_id, ?2 "
                      "FROM code_set_member WHERE code_id = ?1 AND code_set_id NOT IN "
                      "(SELECT code_set_id FROM code_set_member WHERE code_id = ?2)",
                      "ii", from_code_id, into_code_id) ||
      !grd_store_run (store, error, "DELETE FROM code_set_member WHERE code_id = ?1", "i",
                      from_code_id) ||
      !grd_store_run (store, error, "UPDATE memo SET code_id = ?2 WHERE code_id = ?1", "ii",
                      from_code_id, into_code_id) ||
      /* the discussion of the merged code goes on at the target; its
       * review state and map place go with it */
      !grd_store_run (store, error, "UPDATE comment SET code_id = ?2 WHERE code_id = ?1", "ii",
                      from_code_id, into_code_id) ||
      !_grd_project_delete_attached (store, GRD_ATTACHED_TO_CODES, "SELECT ?1", "i",
                                     from_code_id, 0, error) ||
      !grd_store_run (store, error, "DELETE FROM code WHERE id = ?1", "i", from_code_id) ||
      !renumber_children (store, from->parent_id, error))
    goto fail;

  return _grd_project_end_edit (self, GRD_CHANGE_CODES | GRD_CHANGE_CODINGS | GRD_CHANGE_RELATIONS |
                                GRD_CHANGE_MEMOS | GRD_CHANGE_REVIEW | GRD_CHANGE_MAP, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

/* Splitting makes the new code like any added one (its colour the next of
 * the palette), moves the chosen codings to it, and records its creation
 * and the split, all in one step. */
gint64
grd_project_split_code (GrdProject    *self,
                        gint64         code_id,
                        const gint64  *coding_ids,
                        guint          n_coding_ids,
                        const char    *name,
                        gboolean       as_child,
                        GError       **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdCode) code = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  gint64 new_code_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail (coding_ids != NULL || n_coding_ids == 0, 0);

  if ((clean = _grd_clean_name (name, _("code"), error)) == NULL)
    return 0;
  if (n_coding_ids == 0)
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("Choose at least one coding to split off"));
      return 0;
    }

  code = grd_project_get_code (self, code_id, error);
  if (code == NULL)
    return 0;

  label = g_strdup_printf (_("Split “%s” off “%s”"), clean, code->name);
  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  new_code_id = _grd_project_insert_code (self, as_child ? code_id : code->parent_id, clean,
                                          code->kind, NULL, NULL, error);
  if (new_code_id == 0)
    goto fail;

  for (guint i = 0; i < n_coding_ids; i++)
    {
      /* the same coding listed twice moves once */
      if (!g_hash_table_add (seen, (gpointer) &coding_ids[i]))
        continue;

      if (!grd_store_run (store, error,
                          "UPDATE coding SET code_id = ?1 WHERE id = ?2 AND code_id = ?3",
                          "iii", new_code_id, coding_ids[i], code_id))
        goto fail;
      if (grd_store_changes (store) != 1)
        {
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                       _("Coding %lld is not one of the codings of “%s”"),
                       (long long) coding_ids[i], code->name);
          goto fail;
        }
    }

  if (!_grd_project_log_code_event (self, code_id, "split", NULL, new_code_id, error))
    goto fail;

  if (!_grd_project_end_edit (self, GRD_CHANGE_CODES | GRD_CHANGE_CODINGS, error))
    return 0;
  return new_code_id;

fail:
  _grd_project_fail_edit (self);
  return 0;
}
