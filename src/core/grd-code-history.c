/* grd-code-history.c: code events, code book snapshots and their comparison
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The events are written by the code edits themselves
 * (_grd_project_log_code_event, inside each edit's transaction), so they
 * come and go with undo and redo like the changes they describe. A
 * snapshot is the code book as JSON, read back with SQLite's json_each:
 * comparing one with the code book is one query. */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-code-history.h"
#include "grd-project-private.h"

static const char * const event_names[] = {
  "create", "rename", "move", "merge", "split", "kind", "delete",
};

const char *
grd_code_event_kind_to_string (GrdCodeEventKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (event_names), NULL);

  return event_names[kind];
}

gboolean
grd_code_event_kind_from_string (const char       *string,
                                 GrdCodeEventKind *kind)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (event_names); i++)
    if (g_str_equal (event_names[i], string))
      {
        *kind = (GrdCodeEventKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
grd_code_diff_kind_to_string (GrdCodeDiffKind kind)
{
  static const char * const names[] = {
    "added", "removed", "merged", "renamed", "moved", "kind",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);

  return names[kind];
}

char *
grd_code_diff_describe (const GrdCodeDiff *diff)
{
  g_return_val_if_fail (diff != NULL, NULL);

  switch (diff->kind)
    {
    case GRD_CODE_DIFF_ADDED:
      return g_strdup_printf (_("Added code “%s”"), diff->name);
    case GRD_CODE_DIFF_REMOVED:
      return g_strdup_printf (_("Deleted code “%s”"), diff->name);
    case GRD_CODE_DIFF_MERGED:
      return g_strdup_printf (_("Merged “%s” into “%s”"), diff->name, diff->new_value);
    case GRD_CODE_DIFF_RENAMED:
      return g_strdup_printf (_("Renamed “%s” to “%s”"), diff->old_value, diff->new_value);
    case GRD_CODE_DIFF_MOVED:
      if (diff->new_value[0] == '\0')
        return g_strdup_printf (_("Moved “%s” from “%s” to the top level"), diff->name,
                                diff->old_value);
      if (diff->old_value[0] == '\0')
        return g_strdup_printf (_("Moved “%s” from the top level under “%s”"), diff->name,
                                diff->new_value);
      return g_strdup_printf (_("Moved “%s” from “%s” under “%s”"), diff->name, diff->old_value,
                              diff->new_value);
    case GRD_CODE_DIFF_KIND:
      return g_strdup_printf (_("Made “%s” a %s (was %s)"), diff->name, diff->new_value,
                              diff->old_value);
    default:
      g_return_val_if_reached (NULL);
    }
}

void
grd_code_event_free (GrdCodeEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->code_guid);
  g_free (event->code_name);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event->other_guid);
  g_free (event->coder_name);
  g_free (event);
}

void
grd_snapshot_free (GrdSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->guid);
  g_free (snapshot->label);
  g_free (snapshot->coder_name);
  g_free (snapshot);
}

void
grd_code_diff_free (GrdCodeDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->code_guid);
  g_free (diff->name);
  g_free (diff->old_value);
  g_free (diff->new_value);
  g_free (diff->other_guid);
  g_free (diff);
}

#define EVENT_COLUMNS \
  "SELECT e.id, e.event, e.code_guid, c.id, e.old_value, e.new_value, e.other_guid, o.id, " \
  "w.name, e.created_at, c.name FROM code_event e LEFT JOIN code c ON c.guid = e.code_guid " \
  "LEFT JOIN code o ON o.guid = e.other_guid LEFT JOIN coder w ON w.id = e.coder_id "

static gpointer
read_event (sqlite3_stmt *row)
{
  GrdCodeEvent *event = g_new0 (GrdCodeEvent, 1);

  event->id = sqlite3_column_int64 (row, 0);
  /* the table's CHECK admits only known events */
  if (!grd_code_event_kind_from_string ((const char *) sqlite3_column_text (row, 1), &event->kind))
    g_warn_if_reached ();
  event->code_guid = grd_stmt_dup_text (row, 2);
  event->code_id = sqlite3_column_int64 (row, 3);
  event->old_value = grd_stmt_dup_text (row, 4);
  event->new_value = grd_stmt_dup_text (row, 5);
  event->other_guid = grd_stmt_dup_text (row, 6);
  event->other_id = sqlite3_column_int64 (row, 7);
  event->coder_name = grd_stmt_dup_text (row, 8);
  event->created_at = sqlite3_column_int64 (row, 9);
  event->code_name = grd_stmt_dup_text (row, 10);
  return event;
}

GPtrArray *
grd_project_list_code_events (GrdProject  *self,
                              gint64       code_id,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  g_autoptr(GrdCode) code = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  code = grd_project_get_code (self, code_id, error);
  if (code == NULL)
    return NULL;

  stmt = grd_store_query (store, error,
                          EVENT_COLUMNS
                          "WHERE e.code_guid = ?1 OR (e.other_guid = ?1 "
                          "AND e.event IN ('merge', 'split', 'move')) ORDER BY e.id",
                          "s", code->guid);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_event, (GDestroyNotify) grd_code_event_free, error);
}

GPtrArray *
grd_project_list_code_events_since (GrdProject  *self,
                                    gint64       since,
                                    GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, EVENT_COLUMNS "WHERE e.created_at >= ?1 ORDER BY e.id",
                          "i", since);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_event, (GDestroyNotify) grd_code_event_free, error);
}

gint64
_grd_project_insert_snapshot (GrdProject  *self,
                              const char  *label,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *guid = _grd_new_guid ();
  gint64 coder_id;

  /* Own codings are counted per code on the coding_by_code index. */
  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO codebook_snapshot (guid, label, coder_id, created_at, codes) "
                      "SELECT ?1, ?2, ?3, unixepoch (), coalesce (json_group_array (json (j)), '[]') "
                      "FROM (SELECT json_object ('guid', c.guid, 'parent', p.guid, 'name', c.name, "
                      "'kind', c.kind, 'description', c.description, 'color', c.color, "
                      "'codings', (SELECT count(*) FROM coding WHERE code_id = c.id)) AS j "
                      "FROM code c LEFT JOIN code p ON p.id = c.parent_id "
                      "ORDER BY c.parent_id, c.position, c.id)",
                      "ssn", guid, label, coder_id))
    return 0;

  return grd_store_last_insert_id (store);
}

gint64
grd_project_take_snapshot (GrdProject  *self,
                           const char  *label,
                           GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *step = NULL;
  gint64 snapshot_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if ((clean = _grd_clean_name (label, _("snapshot"), error)) == NULL)
    return 0;

  step = g_strdup_printf (_("Take snapshot “%s”"), clean);
  if (!_grd_project_begin_edit (self, step, error))
    return 0;

  snapshot_id = _grd_project_insert_snapshot (self, clean, error);
  if (snapshot_id == 0)
    {
      _grd_project_fail_edit (self);
      return 0;
    }

  if (!_grd_project_end_edit (self, GRD_CHANGE_REVIEW, error))
    return 0;
  return snapshot_id;
}

static gpointer
read_snapshot (sqlite3_stmt *row)
{
  GrdSnapshot *snapshot = g_new0 (GrdSnapshot, 1);

  snapshot->id = sqlite3_column_int64 (row, 0);
  snapshot->guid = grd_stmt_dup_text (row, 1);
  snapshot->label = grd_stmt_dup_text (row, 2);
  snapshot->coder_name = grd_stmt_dup_text (row, 3);
  snapshot->created_at = sqlite3_column_int64 (row, 4);
  snapshot->n_codes = (guint) sqlite3_column_int64 (row, 5);
  return snapshot;
}

GPtrArray *
grd_project_list_snapshots (GrdProject  *self,
                            GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  /* A file from anyone may hold text that is not JSON there. */
  stmt = grd_store_query (store, error,
                          "SELECT s.id, s.guid, s.label, w.name, s.created_at, "
                          "CASE WHEN json_valid (s.codes) THEN json_array_length (s.codes) ELSE 0 END "
                          "FROM codebook_snapshot s LEFT JOIN coder w ON w.id = s.coder_id "
                          "ORDER BY s.created_at DESC, s.id DESC",
                          NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_snapshot, (GDestroyNotify) grd_snapshot_free, error);
}

static gpointer
read_diff (sqlite3_stmt *row)
{
  GrdCodeDiff *diff = g_new0 (GrdCodeDiff, 1);

  diff->kind = (GrdCodeDiffKind) sqlite3_column_int (row, 0);
  diff->code_guid = grd_stmt_dup_text (row, 1);
  diff->code_id = sqlite3_column_int64 (row, 2);
  diff->name = grd_stmt_dup_text (row, 3);
  diff->old_value = grd_stmt_dup_text (row, 4);
  diff->new_value = grd_stmt_dup_text (row, 5);
  diff->other_guid = grd_stmt_dup_text (row, 6);
  diff->other_id = sqlite3_column_int64 (row, 7);
  return diff;
}

GPtrArray *
grd_project_compare_snapshot (GrdProject  *self,
                              gint64       snapshot_id,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  gint64 valid;
  gboolean found;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (!grd_store_get_int (store, &valid, &found, error,
                          "SELECT json_valid (codes) AND json_type (codes) = 'array' "
                          "FROM codebook_snapshot WHERE id = ?1",
                          "i", snapshot_id))
    return NULL;
  if (!found)
    {
      _grd_set_not_found (error, _("code book snapshot"), snapshot_id);
      return NULL;
    }
  if (!valid)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("Snapshot %lld of %s is damaged: its code book is not a JSON array"),
                   (long long) snapshot_id, grd_store_get_display_name (store));
      return NULL;
    }

  /* Kinds are numbered as GrdCodeDiffKind. A code merged away is found by
   * its last merge event, which names the code it went into. */
  stmt = grd_store_query (store, error,
                          "WITH old AS (SELECT json_extract (j.value, '$.guid') AS guid, "
                          "json_extract (j.value, '$.parent') AS parent, "
                          "json_extract (j.value, '$.name') AS name, "
                          "json_extract (j.value, '$.kind') AS kind "
                          "FROM codebook_snapshot s, json_each (s.codes) j WHERE s.id = ?1), "
                          "cur AS (SELECT c.id, c.guid, p.guid AS parent, p.name AS parent_name, "
                          "c.name, c.kind FROM code c LEFT JOIN code p ON p.id = c.parent_id), "
                          "diff (kind, guid, id, name, old_value, new_value, other_guid) AS ("
                          "SELECT 0, guid, id, name, NULL, NULL, NULL FROM cur "
                          "WHERE guid NOT IN (SELECT guid FROM old WHERE guid IS NOT NULL) "
                          "UNION ALL "
                          "SELECT CASE WHEN m.other_guid IS NULL THEN 1 ELSE 2 END, o.guid, 0, o.name, "
                          "NULL, m.new_value, m.other_guid FROM old o "
                          "LEFT JOIN code_event m ON m.id = (SELECT max (id) FROM code_event "
                          "WHERE code_guid = o.guid AND event = 'merge') "
                          "WHERE o.guid NOT IN (SELECT guid FROM cur) "
                          "UNION ALL "
                          "SELECT 3, c.guid, c.id, c.name, o.name, c.name, NULL FROM cur c "
                          "JOIN old o ON o.guid = c.guid WHERE o.name IS DISTINCT FROM c.name "
                          "UNION ALL "
                          "SELECT 4, c.guid, c.id, c.name, coalesce (op.name, ''), "
                          "coalesce (c.parent_name, ''), c.parent FROM cur c "
                          "JOIN old o ON o.guid = c.guid LEFT JOIN old op ON op.guid = o.parent "
                          "WHERE o.parent IS DISTINCT FROM c.parent "
                          "UNION ALL "
                          "SELECT 5, c.guid, c.id, c.name, o.kind, c.kind, NULL FROM cur c "
                          "JOIN old o ON o.guid = c.guid WHERE o.kind IS DISTINCT FROM c.kind) "
                          "SELECT d.kind, d.guid, d.id, d.name, d.old_value, "
                          "coalesce (t.name, d.new_value), d.other_guid, t.id FROM diff d "
                          "LEFT JOIN code t ON t.guid = d.other_guid "
                          "ORDER BY d.kind, d.name COLLATE NOCASE, d.guid",
                          "i", snapshot_id);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_diff, (GDestroyNotify) grd_code_diff_free, error);
}

char *
grd_code_event_describe (const GrdCodeEvent *event,
                         const char         *subject_guid)
{
  const char *name = event->code_name != NULL ? event->code_name : event->old_value;

  if (!g_str_equal (event->code_guid, subject_guid))
    switch (event->kind)
      {
      case GRD_CODE_EVENT_MERGE:
        return g_strdup_printf (_("“%s” merged into it"), event->old_value);
      case GRD_CODE_EVENT_SPLIT:
        return g_strdup_printf (_("split off “%s”"), event->old_value);
      case GRD_CODE_EVENT_MOVE:
        return event->old_value[0] != '\0'
                 ? g_strdup_printf (_("“%s” moved under it from “%s”"),
                                    name != NULL ? name : "?", event->old_value)
                 : g_strdup_printf (_("“%s” moved under it from the top level"),
                                    name != NULL ? name : "?");
      default:
        g_assert_not_reached ();
      }

  switch (event->kind)
    {
    case GRD_CODE_EVENT_CREATE:
      return g_strdup_printf (_("created as “%s”"), event->new_value);
    case GRD_CODE_EVENT_RENAME:
      return g_strdup_printf (_("renamed from “%s” to “%s”"), event->old_value, event->new_value);
    case GRD_CODE_EVENT_MOVE:
      return event->new_value[0] != '\0'
               ? g_strdup_printf (_("moved under “%s”"), event->new_value)
               : g_strdup (_("moved to the top level"));
    case GRD_CODE_EVENT_MERGE:
      return g_strdup_printf (_("merged into “%s”"), event->new_value);
    case GRD_CODE_EVENT_SPLIT:
      return g_strdup_printf (_("“%s” split off it"), event->new_value);
    case GRD_CODE_EVENT_KIND:
      return g_strdup_printf (_("made a %s (was %s)"), event->new_value, event->old_value);
    case GRD_CODE_EVENT_DELETE:
      return g_strdup (_("deleted"));
    default:
      g_assert_not_reached ();
    }
}
