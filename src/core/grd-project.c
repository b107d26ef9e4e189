/* grd-project.c: opening, closing, edits, coders and history
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-history-private.h"
#include "grd-project-private.h"
#include "grd-query-private.h"

struct _GrdProject
{
  GObject    parent_instance;

  GrdStore  *store;
  char      *guid;
  gint64     coder_id;       /* cache of the current coder, 0 until read */
  guint      batch_depth;
  GrdChange  batch_changes;
  GArray    *batch_sources;  /* gint64 ids the batch has yet to index */
};

G_DEFINE_FINAL_TYPE (GrdProject, grd_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (grd-project-error-quark, grd_project_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
grd_project_finalize (GObject *object)
{
  GrdProject *self = GRD_PROJECT (object);

  grd_project_close (self);
  g_clear_pointer (&self->guid, g_free);
  g_clear_pointer (&self->batch_sources, g_array_unref);

  G_OBJECT_CLASS (grd_project_parent_class)->finalize (object);
}

static void
grd_project_class_init (GrdProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grd_project_finalize;

  /**
   * GrdProject::changed:
   * @change: the #GrdChange flags of what an edit, undo or redo touched
   * @coding_change: (nullable): a `const GrdCodingChange *` when exactly one
   *   coding was added, removed or changed; %NULL otherwise
   *
   * Emitted after each committed edit (after the whole of a batch).
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);
}

static void
grd_project_init (GrdProject *self)
{
  self->batch_sources = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Time-ordered GUIDs (the UUID version 7 layout: 48 bits of Unix
 * milliseconds, then random bits): new rows land at the end of each GUID
 * index instead of on a random page, which keeps bulk imports fast. Any
 * UUID is a valid REFI-QDA GUID. */
char *
_grd_new_guid (void)
{
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint8 b[16];

  for (guint i = 0; i < 6; i++)
    b[i] = (guint8) (ms >> (40 - 8 * i));
  for (guint i = 6; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (b + i, &r, MIN (4u, 16 - i));
    }
  b[6] = (guint8) (0x70 | (b[6] & 0x0f));   /* version 7 */
  b[8] = (guint8) (0x80 | (b[8] & 0x3f));   /* RFC 4122 variant */

  return g_strdup_printf ("%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

char *
_grd_clean_name (const char  *name,
                 const char  *what,
                 GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (clean[0] == '\0')
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("A %s needs a name"), what);
      return NULL;
    }
  if (!g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("The %s name is not valid UTF-8"), what);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

void
_grd_set_not_found (GError     **error,
                    const char  *what,
                    gint64       id)
{
  g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
               _("There is no %s with id %lld"), what, (long long) id);
}

/* Table names here are core's own constants, never user input. */
static const struct {
  const char *table;
  const char *what;
} row_kinds[] = {
  { "source", N_("source") },
  { "study_case", N_("case") },
  { "attribute", N_("attribute") },
  { "code", N_("code") },
  { "code_set", N_("code set") },
  { "coding", N_("coding") },
  { "relation", N_("relation") },
  { "memo", N_("memo") },
  { "relation_type", N_("relation type") },
  { "comment", N_("comment") },
  { "review", N_("review") },
  { "codebook_snapshot", N_("code book snapshot") },
};

static const char *
row_kind_name (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_kinds); i++)
    if (g_str_equal (row_kinds[i].table, table))
      return _(row_kinds[i].what);
  return table;
}

gboolean
_grd_project_require (GrdStore    *store,
                      const char  *table,
                      gint64       id,
                      GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE id = ?1", table);
  gboolean found;
  gint64 ignored;

  if (!grd_store_get_int (store, &ignored, &found, error, sql, "i", id))
    return FALSE;
  if (found)
    return TRUE;

  _grd_set_not_found (error, row_kind_name (table), id);
  return FALSE;
}

gboolean
_grd_project_delete_attached (GrdStore       *store,
                              GrdAttachedTo   to,
                              const char     *ids_sql,
                              const char     *types,
                              gint64          a,
                              gint64          b,
                              GError        **error)
{
  static const char * const on_codings[] = {
    "DELETE FROM memo WHERE coding_id IN (",
    "DELETE FROM relation_evidence WHERE coding_id IN (",
    "DELETE FROM review_state WHERE coding_id IN (",
    /* whole threads: every comment names its thread's target */
    "DELETE FROM comment WHERE coding_id IN (",
    NULL,
  };
  static const char * const on_relations[] = {
    "DELETE FROM memo WHERE relation_id IN (",
    "DELETE FROM relation_evidence WHERE relation_id IN (",
    NULL,
  };
  static const char * const on_codes[] = {
    "DELETE FROM review_state WHERE code_id IN (",
    "DELETE FROM comment WHERE code_id IN (",
    "DELETE FROM code_position WHERE code_id IN (",
    NULL,
  };
  const char * const *statements = to == GRD_ATTACHED_TO_CODINGS     ? on_codings
                                   : to == GRD_ATTACHED_TO_RELATIONS ? on_relations
                                                                     : on_codes;

  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_autofree char *sql = g_strconcat (statements[i], ids_sql, ")", NULL);

      if (!grd_store_run (store, error, sql, types, a, b))
        return FALSE;
    }

  return TRUE;
}

gboolean
_grd_project_log_code_event (GrdProject  *self,
                             gint64       code_id,
                             const char  *event,
                             const char  *new_value,
                             gint64       other_id,
                             GError     **error)
{
  gint64 coder_id;

  if (!_grd_project_current_coder_id (self, &coder_id, error))
    return FALSE;

  return grd_store_run (self->store, error,
                        "INSERT INTO code_event (code_guid, event, old_value, new_value, other_guid, "
                        "coder_id, created_at) "
                        "SELECT c.guid, ?2, "
                        "CASE ?2 WHEN 'create' THEN NULL WHEN 'kind' THEN c.kind "
                        "WHEN 'move' THEN coalesce (p.name, '') ELSE c.name END, "
                        "CASE WHEN ?2 IN ('create', 'rename', 'kind') THEN ?3 "
                        "WHEN ?2 = 'delete' THEN NULL ELSE coalesce (o.name, '') END, "
                        "o.guid, ?5, unixepoch () "
                        "FROM code c LEFT JOIN code p ON p.id = c.parent_id "
                        "LEFT JOIN code o ON o.id = ?4 "
                        "WHERE c.id = ?1 AND (?2 NOT IN ('rename', 'kind') OR "
                        "(CASE ?2 WHEN 'rename' THEN c.name ELSE c.kind END) IS DISTINCT FROM ?3)",
                        "issnn", code_id, event, new_value, other_id, coder_id);
}

gboolean
_grd_project_check_unique_name (GrdStore    *store,
                                const char  *table,
                                const char  *name,
                                gint64       except_id,
                                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE name = ?1 AND id <> ?2",
                                          table);
  gint64 clash;

  if (!grd_store_get_int (store, &clash, NULL, error, sql, "si", name, except_id))
    return FALSE;
  if (clash == 0)
    return TRUE;

  g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
               _("“%s” is already the name of another %s"), name, row_kind_name (table));
  return FALSE;
}

gint64
_grd_project_add_named_row (GrdProject  *self,
                            const char  *table,
                            const char  *name,
                            const char  *description,
                            const char  *label,
                            GrdChange    change,
                            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (guid, name, description) "
                                          "VALUES (?1, ?2, ?3)", table);
  g_autofree char *guid = _grd_new_guid ();
  gint64 id;

  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  if (!_grd_project_check_unique_name (self->store, table, name, 0, error) ||
      !grd_store_run (self->store, error, sql, "sss", guid, name,
                      description != NULL ? description : ""))
    {
      _grd_project_fail_edit (self);
      return 0;
    }
  id = grd_store_last_insert_id (self->store);

  if (!_grd_project_end_edit (self, change, error))
    return 0;
  return id;
}

gboolean
_grd_project_rename_row (GrdProject  *self,
                         const char  *table,
                         gint64       id,
                         const char  *name,
                         const char  *label,
                         GrdChange    change,
                         GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET name = ?1 WHERE id = ?2", table);

  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!_grd_project_require (self->store, table, id, error) ||
      !_grd_project_check_unique_name (self->store, table, name, id, error) ||
      !grd_store_run (self->store, error, sql, "si", name, id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, change, error);
}

GrdStore *
_grd_project_get_store (GrdProject *self)
{
  return self->store;
}

static gboolean
check_open (GrdProject  *self,
            GError     **error)
{
  if (self->store != NULL)
    return TRUE;

  g_set_error_literal (error, GRD_STORE_ERROR, GRD_STORE_ERROR_IO, _("The project is closed"));
  return FALSE;
}

static char *
get_setting (GrdProject *self,
             const char *key)
{
  g_autoptr(GrdStmt) stmt = grd_store_query (self->store, NULL,
                                             "SELECT value FROM setting WHERE key = ?1", "s", key);
  gboolean has_row = FALSE;

  if (stmt == NULL || !grd_store_step_row (self->store, grd_stmt_get (stmt), &has_row, NULL) ||
      !has_row)
    return NULL;

  return grd_stmt_dup_text (grd_stmt_get (stmt), 0);
}

static gboolean
set_setting (GrdProject  *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  return grd_store_run (self->store, error,
                        "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        "ss", key, value);
}

static GrdProject *
project_new (GrdStore  *store,
             GError   **error)
{
  g_autoptr(GrdProject) self = g_object_new (GRD_TYPE_PROJECT, NULL);

  self->store = store;

  if (!_grd_history_install (store, error))
    return NULL;

  return g_steal_pointer (&self);
}

GrdProject *
grd_project_create (const char  *path,
                    GError     **error)
{
  g_autoptr(GrdProject) self = NULL;
  g_autofree char *guid = _grd_new_guid ();
  g_autofree char *base = NULL;
  GrdStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".grounded") && strlen (base) > strlen (".grounded"))
    base[strlen (base) - strlen (".grounded")] = '\0';

  {
    const char * const settings[] = { "project.guid", guid, "project.name", base, NULL };

    store = grd_store_create (path, settings, error);
  }
  if (store == NULL)
    return NULL;

  self = project_new (store, error);
  if (self == NULL)
    return NULL;

  self->guid = g_steal_pointer (&guid);
  return g_steal_pointer (&self);
}

GrdProject *
grd_project_open (const char  *path,
                  GError     **error)
{
  g_autoptr(GrdProject) self = NULL;
  GrdStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = grd_store_open (path, error);
  if (store == NULL)
    return NULL;

  self = project_new (store, error);
  if (self == NULL)
    return NULL;

  self->guid = get_setting (self, "project.guid");
  if (self->guid == NULL)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                   _("%s is damaged: it has no project identifier"),
                   grd_store_get_display_name (store));
      return NULL;
    }

  return g_steal_pointer (&self);
}

GrdProject *
grd_project_open_sibling (GrdProject  *self,
                          GError     **error)
{
  g_autoptr(GrdProject) sibling = NULL;
  GrdStore *store;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (!check_open (self, error))
    return NULL;

  store = grd_store_open_sibling (self->store, error);
  if (store == NULL)
    return NULL;

  sibling = project_new (store, error);
  if (sibling == NULL)
    return NULL;

  sibling->guid = g_strdup (self->guid);
  return g_steal_pointer (&sibling);
}

void
grd_project_notify_changed (GrdProject *self,
                            GrdChange   change)
{
  g_return_if_fail (GRD_IS_PROJECT (self));

  g_signal_emit (self, signals[CHANGED], 0, (guint) change, NULL);
}

void
grd_project_close (GrdProject *self)
{
  g_return_if_fail (GRD_IS_PROJECT (self));

  if (self->store == NULL)
    return;

  if (grd_store_in_transaction (self->store))
    {
      g_warning ("Closing %s with an unfinished batch; it is rolled back",
                 grd_store_get_display_name (self->store));
      self->batch_depth = 0;
      g_array_set_size (self->batch_sources, 0);
      while (grd_store_in_transaction (self->store))
        grd_store_rollback (self->store);
    }

  g_clear_pointer (&self->store, grd_store_free);
}

const char *
grd_project_get_path (GrdProject *self)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  return self->store != NULL ? grd_store_get_path (self->store) : NULL;
}

const char *
grd_project_get_guid (GrdProject *self)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  return self->guid;
}

char *
grd_project_dup_name (GrdProject *self)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (self->store == NULL)
    return NULL;

  return get_setting (self, "project.name");
}

gboolean
grd_project_set_name (GrdProject  *self,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!check_open (self, error) || (clean = _grd_clean_name (name, _("project"), error)) == NULL)
    return FALSE;

  return set_setting (self, "project.name", clean, error);
}

/* Edits */

gboolean
_grd_project_begin_edit (GrdProject  *self,
                         const char  *label,
                         GError     **error)
{
  gint64 coder_id = 0;

  if (!check_open (self, error))
    return FALSE;

  if (self->batch_depth > 0)
    return grd_store_begin (self->store, error);

  if (!grd_store_begin (self->store, error))
    return FALSE;

  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !_grd_history_start_step (self->store, label, coder_id, error))
    {
      grd_store_rollback (self->store);
      return FALSE;
    }

  return TRUE;
}

gboolean
_grd_project_end_edit (GrdProject  *self,
                       GrdChange    change,
                       GError     **error)
{
  return _grd_project_end_coding_edit (self, change, NULL, error);
}

gboolean
_grd_project_end_coding_edit (GrdProject            *self,
                              GrdChange              change,
                              const GrdCodingChange *coding_change,
                              GError               **error)
{
  /* A batch's views refresh once, for all of its codings. */
  if (self->batch_depth > 0)
    {
      if (!grd_store_commit (self->store, error))
        {
          grd_store_rollback (self->store);
          return FALSE;
        }
      self->batch_changes |= change;
      return TRUE;
    }

  if (!_grd_history_finish_step (self->store, error) ||
      !grd_store_commit (self->store, error))
    {
      grd_store_rollback (self->store);
      self->coder_id = 0;
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0, (guint) (change | GRD_CHANGE_HISTORY), coding_change);
  return TRUE;
}

void
_grd_project_fail_edit (GrdProject *self)
{
  grd_store_rollback (self->store);

  /* The coder may have been created inside the rolled-back transaction. */
  if (self->batch_depth == 0)
    self->coder_id = 0;
}

gboolean
_grd_project_note_batch_change (GrdProject *self,
                                GrdChange   change)
{
  if (self->batch_depth == 0)
    return FALSE;
  self->batch_changes |= change;
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A rolled-back source left its id behind (and a later one may have taken
 * it again): each id is indexed once, if its text is there. Ids come in
 * runs, and a run is one statement: FTS5 writes its index out at the end
 * of every statement, so fewer statements make fewer, larger segments. */
static gboolean
index_batch_sources (GrdProject  *self,
                     GError     **error)
{
  GArray *ids = self->batch_sources;
  guint first = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 1; i <= ids->len; i++)
    {
      gint64 low = g_array_index (ids, gint64, first);

      if (i < ids->len && g_array_index (ids, gint64, i) - g_array_index (ids, gint64, i - 1) <= 1)
        continue;
      if (!grd_store_run (self->store, error,
                          "INSERT INTO source_fts (rowid, text) "
                          "SELECT id, text FROM source_text WHERE id BETWEEN ?1 AND ?2",
                          "ii", low, g_array_index (ids, gint64, i - 1)))
        return FALSE;
      first = i;
    }
  g_array_set_size (ids, 0);
  return TRUE;
}

gboolean
_grd_project_index_source (GrdProject  *self,
                           gint64       source_id,
                           gboolean     add,
                           GError     **error)
{
  if (self->batch_depth == 0)
    return _grd_search_index_source (self->store, source_id, add, error);

  if (add)
    {
      g_array_append_val (self->batch_sources, source_id);
      return TRUE;
    }

  /* A source of this batch is not in the index yet: deleting it there
   * would break the index. It stays on the list, so that a delete rolled
   * back still has it indexed; if the delete holds, the batch's end finds
   * no text of it to index. */
  for (guint i = 0; i < self->batch_sources->len; i++)
    if (g_array_index (self->batch_sources, gint64, i) == source_id)
      return TRUE;
  return _grd_search_index_source (self->store, source_id, FALSE, error);
}

gboolean
grd_project_begin_batch (GrdProject  *self,
                         const char  *label,
                         GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (self->batch_depth > 0)
    {
      self->batch_depth++;
      return TRUE;
    }

  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  self->batch_depth = 1;
  self->batch_changes = 0;
  g_array_set_size (self->batch_sources, 0);
  return TRUE;
}

gboolean
grd_project_end_batch (GrdProject  *self,
                       GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);

  if (--self->batch_depth > 0)
    return TRUE;

  if (!index_batch_sources (self, error))
    {
      g_array_set_size (self->batch_sources, 0);
      _grd_project_fail_edit (self);
      return FALSE;
    }
  return _grd_project_end_edit (self, self->batch_changes, error);
}

void
grd_project_abort_batch (GrdProject *self)
{
  g_return_if_fail (GRD_IS_PROJECT (self));
  g_return_if_fail (self->batch_depth > 0);

  self->batch_depth = 0;
  self->batch_changes = 0;
  self->coder_id = 0;
  g_array_set_size (self->batch_sources, 0);
  while (grd_store_in_transaction (self->store))
    grd_store_rollback (self->store);
}

/* Coders: rows are made on first use and never undone, so the history can
 * always name who did what. */

static gboolean
ensure_coder (GrdProject  *self,
              const char  *name,
              gint64      *coder_id,
              GError     **error)
{
  g_autofree char *guid = NULL;
  gboolean found;

  if (!grd_store_get_int (self->store, coder_id, &found, error,
                          "SELECT id FROM coder WHERE name = ?1", "s", name))
    return FALSE;
  if (found)
    return TRUE;

  guid = _grd_new_guid ();
  if (!grd_store_run (self->store, error, "INSERT INTO coder (guid, name) VALUES (?1, ?2)",
                      "ss", guid, name))
    return FALSE;

  *coder_id = grd_store_last_insert_id (self->store);
  return TRUE;
}

char *
grd_project_default_coder_name (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && real[0] != '\0' && !g_str_equal (real, "Unknown"))
    return g_strdup (real);

  return g_strdup (g_get_user_name ());
}

static gboolean
write_current_coder (GrdProject  *self,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *id_text = NULL;
  gint64 coder_id;

  if (!ensure_coder (self, name, &coder_id, error))
    return FALSE;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, coder_id);
  if (!set_setting (self, "coder.current", id_text, error))
    return FALSE;

  self->coder_id = coder_id;
  return TRUE;
}

/* The recorded current coder, or 0 when none is recorded yet. */
static gboolean
read_current_coder_id (GrdProject  *self,
                       gint64      *coder_id,
                       GError     **error)
{
  g_autofree char *setting = NULL;

  if (self->coder_id == 0 && (setting = get_setting (self, "coder.current")) != NULL &&
      !grd_store_get_int (self->store, &self->coder_id, NULL, error,
                          "SELECT id FROM coder WHERE id = ?1", "i",
                          g_ascii_strtoll (setting, NULL, 10)))
    return FALSE;

  *coder_id = self->coder_id;
  return TRUE;
}

gboolean
_grd_project_current_coder_id (GrdProject  *self,
                               gint64      *coder_id,
                               GError     **error)
{
  g_autofree char *name = NULL;

  if (!read_current_coder_id (self, coder_id, error))
    return FALSE;

  if (self->coder_id == 0)
    {
      /* Written in the caller's transaction when there is one. */
      gboolean own_tx = !grd_store_in_transaction (self->store);

      name = grd_project_default_coder_name ();
      if (own_tx && !grd_store_begin (self->store, error))
        return FALSE;
      if (!write_current_coder (self, name, error) ||
          (own_tx && !grd_store_commit (self->store, error)))
        {
          if (own_tx)
            grd_store_rollback (self->store);
          self->coder_id = 0;
          return FALSE;
        }
    }

  *coder_id = self->coder_id;
  return TRUE;
}

gboolean
grd_project_set_current_coder (GrdProject  *self,
                               const char  *name,
                               GError     **error)
{
  g_autofree char *clean = NULL;
  gboolean own_tx;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!check_open (self, error) || (clean = _grd_clean_name (name, _("coder"), error)) == NULL)
    return FALSE;

  own_tx = !grd_store_in_transaction (self->store);
  if (own_tx && !grd_store_begin (self->store, error))
    return FALSE;

  if (!write_current_coder (self, clean, error) ||
      (own_tx && !grd_store_commit (self->store, error)))
    {
      if (own_tx)
        grd_store_rollback (self->store);
      self->coder_id = 0;
      return FALSE;
    }

  if (own_tx)
    g_signal_emit (self, signals[CHANGED], 0, (guint) GRD_CHANGE_CODERS, NULL);
  return TRUE;
}

static GrdCoder *
read_coder (sqlite3_stmt *row)
{
  GrdCoder *coder = g_new0 (GrdCoder, 1);

  coder->id = sqlite3_column_int64 (row, 0);
  coder->guid = grd_stmt_dup_text (row, 1);
  coder->name = grd_stmt_dup_text (row, 2);
  return coder;
}

GrdCoder *
grd_project_get_current_coder (GrdProject  *self,
                               GError     **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gint64 coder_id;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (!check_open (self, error) || !read_current_coder_id (self, &coder_id, error))
    return NULL;

  /* Asking writes nothing: until the first edit records one, the current
   * coder is the one that edit will record. */
  if (coder_id == 0)
    {
      GrdCoder *coder = g_new0 (GrdCoder, 1);

      coder->name = grd_project_default_coder_name ();
      return coder;
    }

  stmt = grd_store_query (self->store, error, "SELECT id, guid, name FROM coder WHERE id = ?1",
                          "i", coder_id);
  if (stmt == NULL || !grd_store_step_row (self->store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      _grd_set_not_found (error, _("coder"), coder_id);
      return NULL;
    }

  return read_coder (grd_stmt_get (stmt));
}

GPtrArray *
grd_project_list_coders (GrdProject  *self,
                         GError     **error)
{
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (!check_open (self, error))
    return NULL;

  stmt = grd_store_query (self->store, error, "SELECT id, guid, name FROM coder ORDER BY name",
                          NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (self->store, stmt, (GrdRowReader) read_coder,
                            (GDestroyNotify) grd_coder_free, error);
}

/* History */

gboolean
grd_project_can_undo (GrdProject *self)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  return self->store != NULL && self->batch_depth == 0 && _grd_history_can_undo (self->store);
}

gboolean
grd_project_can_redo (GrdProject *self)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  return self->store != NULL && self->batch_depth == 0 && _grd_history_can_redo (self->store);
}

gboolean
grd_project_forget_history (GrdProject  *self,
                            GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!check_open (self, error))
    return FALSE;

  g_return_val_if_fail (self->batch_depth == 0, FALSE);

  /* Not an edit itself: nothing to undo once the history is gone. The
   * changes go with their steps (ON DELETE CASCADE). */
  if (!grd_store_begin (self->store, error))
    return FALSE;
  if (!grd_store_run (self->store, error, "DELETE FROM history_step", NULL) ||
      !grd_store_commit (self->store, error))
    {
      grd_store_rollback (self->store);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0, (guint) GRD_CHANGE_HISTORY, NULL);
  return TRUE;
}

static char *
flip (GrdProject  *self,
      gboolean     undo,
      GError     **error)
{
  GrdCodingChange coding_change = { 0 };
  GrdChange change = 0;
  char *label;

  if (!check_open (self, error))
    return NULL;

  g_return_val_if_fail (self->batch_depth == 0, NULL);

  label = undo ? _grd_history_undo (self->store, &change, &coding_change, error)
               : _grd_history_redo (self->store, &change, &coding_change, error);
  if (label != NULL)
    g_signal_emit (self, signals[CHANGED], 0, (guint) (change | GRD_CHANGE_HISTORY),
                   coding_change.coding_id != 0 ? &coding_change : NULL);

  return label;
}

char *
grd_project_undo (GrdProject  *self,
                  GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  return flip (self, TRUE, error);
}

char *
grd_project_redo (GrdProject  *self,
                  GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  return flip (self, FALSE, error);
}

GPtrArray *
grd_project_list_history (GrdProject  *self,
                          guint        limit,
                          GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (!check_open (self, error))
    return NULL;

  return _grd_history_list (self->store, limit, error);
}
