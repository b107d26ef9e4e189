/* grd-project-codes.c: codes and code sets
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"

/* GNOME's palette, so new codes start in colours that read well on light
 * and dark backgrounds. */
static const char * const default_colors[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac",
  "#986a44", "#1c71d8", "#2ec27e", "#e5a50a", "#c64600", "#813d9c",
};

static gboolean
valid_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

static gboolean
check_color (const char  *color,
             GError     **error)
{
  if (valid_color (color))
    return TRUE;

  g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
               _("“%s” is not a colour; write it as #rrggbb"), color != NULL ? color : "");
  return FALSE;
}

static GrdCode *
read_code (sqlite3_stmt *row)
{
  GrdCode *code = g_new0 (GrdCode, 1);

  code->id = sqlite3_column_int64 (row, 0);
  code->guid = grd_stmt_dup_text (row, 1);
  code->parent_id = sqlite3_column_int64 (row, 2);
  code->position = sqlite3_column_int (row, 3);
  code->name = grd_stmt_dup_text (row, 4);
  code->description = grd_stmt_dup_text (row, 5);
  code->color = g_ascii_strdown ((const char *) sqlite3_column_text (row, 6), -1);
  if (!grd_code_kind_from_string ((const char *) sqlite3_column_text (row, 7), &code->kind))
    code->kind = GRD_CODE_KIND_OPEN_CODE;
  code->created_at = sqlite3_column_int64 (row, 8);
  code->n_codings = (guint) sqlite3_column_int64 (row, 9);
  return code;
}

/* The whole tree in one query, ordered depth-first, with each code's own
 * and subtree counts added up here rather than by a query per code. */
GPtrArray *
grd_project_list_codes (GrdProject  *self,
                        GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GPtrArray) flat = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_code_free);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GrdStmt) stmt = NULL;
  g_autoptr(GArray) stack = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT c.id, c.guid, c.parent_id, c.position, c.name, c.description, "
                          "c.color, c.kind, c.created_at, coalesce (n.n, 0) "
                          "FROM code c LEFT JOIN (SELECT code_id, count(*) AS n FROM coding "
                          "GROUP BY code_id) n ON n.code_id = c.id "
                          "ORDER BY c.parent_id, c.position, c.id",
                          NULL);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    g_ptr_array_add (flat, read_code (grd_stmt_get (stmt)));
  if (!ok)
    return NULL;

  /* parent id -> children in order */
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < flat->len; i++)
    {
      GrdCode *code = g_ptr_array_index (flat, i);
      GPtrArray *siblings = g_hash_table_lookup (children, &code->parent_id);

      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children, &code->parent_id, siblings);
        }
      g_ptr_array_add (siblings, code);
    }

  ordered = g_ptr_array_new_full (flat->len, (GDestroyNotify) grd_code_free);
  stack = g_array_new (FALSE, FALSE, sizeof (GrdCode *));

  /* Depth-first walk; a code is pushed once, so even a damaged file with a
   * cycle cannot loop forever (codes in a cycle are simply not listed). */
  {
    gint64 root = 0;
    GPtrArray *top = g_hash_table_lookup (children, &root);

    for (guint i = top != NULL ? top->len : 0; i > 0; i--)
      g_array_append_val (stack, g_ptr_array_index (top, i - 1));
  }

  while (stack->len > 0)
    {
      GrdCode *code = g_array_index (stack, GrdCode *, stack->len - 1);
      GPtrArray *kids = g_hash_table_lookup (children, &code->id);

      g_array_set_size (stack, stack->len - 1);
      g_ptr_array_add (ordered, code);
      code->n_children = kids != NULL ? kids->len : 0;

      for (guint i = code->n_children; i > 0; i--)
        {
          GrdCode *kid = g_ptr_array_index (kids, i - 1);

          kid->depth = code->depth + 1;
          g_array_append_val (stack, kid);
        }
    }

  /* Subtree totals: children follow their parent, so a backwards pass adds
   * each code into its parent after the code itself is complete. */
  {
    g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < ordered->len; i++)
      {
        GrdCode *code = g_ptr_array_index (ordered, i);

        code->n_codings_total = code->n_codings;
        g_hash_table_insert (by_id, &code->id, code);
      }

    for (guint i = ordered->len; i > 0; i--)
      {
        GrdCode *code = g_ptr_array_index (ordered, i - 1);
        GrdCode *parent = g_hash_table_lookup (by_id, &code->parent_id);

        if (parent != NULL)
          parent->n_codings_total += code->n_codings_total;
      }
  }

  /* ordered owns the codes now */
  g_ptr_array_set_free_func (flat, NULL);
  return g_steal_pointer (&ordered);
}

static GrdCode *
take_code (GPtrArray *codes,
           gint64     code_id)
{
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      if (code->id == code_id)
        return g_ptr_array_steal_index (codes, i);
    }
  return NULL;
}

/* One code without listing the tree: the counts are index range scans,
 * the depth a walk up its parents. The quotes pane and the code chooser
 * ask for a code on every coding; the whole tree costs a scan of every
 * coding. */
GrdCode *
grd_project_get_code (GrdProject  *self,
                      gint64       code_id,
                      GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  GrdCode *code;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "WITH RECURSIVE "
                          "sub (id) AS (SELECT ?1 UNION "
                          "SELECT c.id FROM code c JOIN sub ON c.parent_id = sub.id), "
                          "up (id) AS (SELECT parent_id FROM code WHERE id = ?1 UNION "
                          "SELECT c.parent_id FROM code c JOIN up ON c.id = up.id) "
                          "SELECT c.id, c.guid, c.parent_id, c.position, c.name, c.description, "
                          "c.color, c.kind, c.created_at, "
                          "(SELECT count(*) FROM coding WHERE code_id = c.id), "
                          "(SELECT count(*) FROM sub JOIN coding g ON g.code_id = sub.id), "
                          "(SELECT count(*) FROM code WHERE parent_id = c.id), "
                          "(SELECT count(*) FROM up WHERE id IS NOT NULL) "
                          "FROM code c WHERE c.id = ?1",
                          "i", code_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      _grd_set_not_found (error, _("code"), code_id);
      return NULL;
    }

  code = read_code (grd_stmt_get (stmt));
  code->n_codings_total = (guint) sqlite3_column_int64 (grd_stmt_get (stmt), 10);
  code->n_children = (guint) sqlite3_column_int64 (grd_stmt_get (stmt), 11);
  code->depth = (guint) sqlite3_column_int64 (grd_stmt_get (stmt), 12);
  return code;
}

static char *
path_of (GPtrArray *codes,
         GrdCode   *code)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GrdCode *at = code;

  while (at != NULL && names->len <= codes->len)
    {
      GrdCode *parent = NULL;

      g_ptr_array_insert (names, 0, at->name);
      for (guint i = 0; i < codes->len && at->parent_id != 0; i++)
        if (((GrdCode *) g_ptr_array_index (codes, i))->id == at->parent_id)
          parent = g_ptr_array_index (codes, i);
      at = parent;
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("/", (char **) names->pdata);
}

char *
grd_project_get_code_path (GrdProject  *self,
                           gint64       code_id,
                           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  /* Up the parents, not through the whole tree (which counts every
   * coding); the depth limit stops a cycle in a damaged file. */
  stmt = grd_store_query (store, error,
                          "WITH RECURSIVE up (id, name, depth) AS ("
                          "SELECT parent_id, name, 0 FROM code WHERE id = ?1 UNION ALL "
                          "SELECT c.parent_id, c.name, up.depth + 1 FROM code c JOIN up ON c.id = up.id "
                          "WHERE up.depth < 10000) "
                          "SELECT name FROM up ORDER BY depth DESC",
                          "i", code_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    g_ptr_array_add (names, grd_stmt_dup_text (grd_stmt_get (stmt), 0));
  if (!ok)
    return NULL;

  if (names->len == 0)
    {
      _grd_set_not_found (error, _("code"), code_id);
      return NULL;
    }

  g_ptr_array_add (names, NULL);
  return g_strjoinv ("/", (char **) names->pdata);
}

GrdCode *
grd_project_find_code (GrdProject  *self,
                       const char  *reference,
                       GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  codes = grd_project_list_codes (self, error);
  if (codes == NULL)
    return NULL;

  wanted = g_strstrip (g_strdup (reference));

  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      if (g_ascii_strcasecmp (code->guid, wanted) == 0)
        return take_code (codes, code->id);

      if (strchr (wanted, '/') != NULL)
        {
          g_autofree char *path = path_of (codes, code);

          if (g_str_equal (path, wanted))
            g_ptr_array_add (matches, code);
        }
      else if (g_str_equal (code->name, wanted))
        g_ptr_array_add (matches, code);
    }

  if (matches->len == 1)
    return take_code (codes, ((GrdCode *) g_ptr_array_index (matches, 0))->id);

  if (matches->len == 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("There is no code “%s”"), wanted);
      return NULL;
    }

  {
    g_autoptr(GString) paths = g_string_new (NULL);

    for (guint i = 0; i < matches->len; i++)
      {
        g_autofree char *path = path_of (codes, g_ptr_array_index (matches, i));

        g_string_append_printf (paths, "%s“%s”", i > 0 ? ", " : "", path);
      }
    g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_AMBIGUOUS,
                 _("“%s” names %u codes; give its path: %s"), wanted, matches->len, paths->str);
  }
  return NULL;
}

gboolean
_grd_project_check_sibling_name (GrdStore    *store,
                                 gint64       parent_id,
                                 const char  *name,
                                 gint64       except_id,
                                 GError     **error)
{
  gint64 clash;

  if (!grd_store_get_int (store, &clash, NULL, error,
                          "SELECT count(*) FROM code WHERE parent_id IS NOT DISTINCT FROM ?1 "
                          "AND name = ?2 AND id <> ?3",
                          "nsi", parent_id, name, except_id))
    return FALSE;

  if (clash > 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
                   parent_id == 0 ? _("There is already a top-level code named “%s”")
                                  : _("The parent code already has a code named “%s”"),
                   name);
      return FALSE;
    }

  return TRUE;
}

gint64
_grd_project_insert_code (GrdProject   *self,
                          gint64        parent_id,
                          const char   *name,
                          GrdCodeKind   kind,
                          const char   *color,
                          const char   *description,
                          GError      **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *guid = NULL;
  g_autofree char *lower_color = NULL;
  gint64 n_codes, position, coder_id, code_id;

  if ((parent_id != 0 && !_grd_project_require (store, "code", parent_id, error)) ||
      !_grd_project_check_sibling_name (store, parent_id, name, 0, error) ||
      !grd_store_get_int (store, &position, NULL, error,
                          "SELECT coalesce (max (position) + 1, 0) FROM code "
                          "WHERE parent_id IS NOT DISTINCT FROM ?1",
                          "n", parent_id) ||
      !grd_store_get_int (store, &n_codes, NULL, error, "SELECT count(*) FROM code", NULL) ||
      !_grd_project_current_coder_id (self, &coder_id, error))
    return 0;

  lower_color = g_ascii_strdown (color != NULL ? color
                                               : default_colors[n_codes % G_N_ELEMENTS (default_colors)],
                                 -1);
  guid = _grd_new_guid ();

  if (!grd_store_run (store, error,
                      "INSERT INTO code (guid, parent_id, position, name, description, color, kind, "
                      "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch ())",
                      "snissssn",
                      guid, parent_id, position, name, description != NULL ? description : "",
                      lower_color, grd_code_kind_to_string (kind), coder_id))
    return 0;
  code_id = grd_store_last_insert_id (store);

  if (!_grd_project_log_code_event (self, code_id, "create", name, parent_id, error))
    return 0;
  return code_id;
}

gint64
grd_project_add_code (GrdProject   *self,
                      gint64        parent_id,
                      const char   *name,
                      GrdCodeKind   kind,
                      const char   *color,
                      const char   *description,
                      GError      **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  gint64 code_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail ((guint) kind <= GRD_CODE_KIND_CORE_CATEGORY, 0);

  if ((clean = _grd_clean_name (name, _("code"), error)) == NULL)
    return 0;
  if (color != NULL && !check_color (color, error))
    return 0;

  label = g_strdup_printf (_("Add code “%s”"), clean);
  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  code_id = _grd_project_insert_code (self, parent_id, clean, kind, color, description, error);
  if (code_id == 0)
    {
      _grd_project_fail_edit (self);
      return 0;
    }

  if (!_grd_project_end_edit (self, GRD_CHANGE_CODES, error))
    return 0;
  return code_id;
}

/* Runs one UPDATE of a code as an edit with the given label; event (NULL
 * for none) is the code_event it records, with value as the new value. */
static gboolean
update_code (GrdProject  *self,
             gint64       code_id,
             const char  *label,
             const char  *sql,
             const char  *value,
             const char  *event,
             GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!_grd_project_require (store, "code", code_id, error) ||
      (event != NULL && !_grd_project_log_code_event (self, code_id, event, value, 0, error)) ||
      !grd_store_run (store, error, sql, "si", value, code_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CODES, error);
}

gboolean
grd_project_rename_code (GrdProject  *self,
                         gint64       code_id,
                         const char  *name,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  gint64 parent_id;
  gboolean found;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if ((clean = _grd_clean_name (name, _("code"), error)) == NULL)
    return FALSE;

  if (!grd_store_get_int (store, &parent_id, &found, error,
                          "SELECT coalesce (parent_id, 0) FROM code WHERE id = ?1", "i", code_id))
    return FALSE;
  if (!found)
    {
      _grd_set_not_found (error, _("code"), code_id);
      return FALSE;
    }
  if (!_grd_project_check_sibling_name (store, parent_id, clean, code_id, error))
    return FALSE;

  label = g_strdup_printf (_("Rename code to “%s”"), clean);
  return update_code (self, code_id, label, "UPDATE code SET name = ?1 WHERE id = ?2", clean,
                      "rename", error);
}

gboolean
grd_project_set_code_kind (GrdProject   *self,
                           gint64        code_id,
                           GrdCodeKind   kind,
                           GError      **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail ((guint) kind <= GRD_CODE_KIND_CORE_CATEGORY, FALSE);

  return update_code (self, code_id, _("Change code kind"),
                      "UPDATE code SET kind = ?1 WHERE id = ?2",
                      grd_code_kind_to_string (kind), "kind", error);
}

/* One core category: the code marked becomes it, and a code that was it
 * before goes back to being a theme, in one step. */
gboolean
grd_project_set_core_category (GrdProject  *self,
                               gint64       code_id,
                               GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *label = NULL;
  g_autoptr(GrdCode) code = NULL;
  gint64 coder_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  code = grd_project_get_code (self, code_id, error);
  if (code == NULL)
    return FALSE;

  label = g_strdup_printf (_("Make “%s” the core category"), code->name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO code_event (code_guid, event, old_value, new_value, coder_id, "
                      "created_at) SELECT guid, 'kind', kind, 'theme', "
                      "?2, unixepoch () FROM code WHERE kind = 'core-category' AND id <> ?1",
                      "in", code_id, coder_id) ||
      !_grd_project_log_code_event (self, code_id, "kind", "core-category", 0, error) ||
      !grd_store_run (store, error,
                      "UPDATE code SET kind = 'theme' WHERE kind = 'core-category' AND id <> ?1",
                      "i", code_id) ||
      !grd_store_run (store, error, "UPDATE code SET kind = 'core-category' WHERE id = ?1",
                      "i", code_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CODES, error);
}

gboolean
grd_project_set_code_color (GrdProject  *self,
                            gint64       code_id,
                            const char  *color,
                            GError     **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!check_color (color, error))
    return FALSE;

  lower = g_ascii_strdown (color, -1);
  return update_code (self, code_id, _("Change code colour"),
                      "UPDATE code SET color = ?1 WHERE id = ?2", lower, NULL, error);
}

gboolean
grd_project_set_code_description (GrdProject  *self,
                                  gint64       code_id,
                                  const char  *description,
                                  GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The description is not valid UTF-8"));
      return FALSE;
    }

  return update_code (self, code_id, _("Change code description"),
                      "UPDATE code SET description = ?1 WHERE id = ?2",
                      description != NULL ? description : "", NULL, error);
}

/* Code sets */

gint64
grd_project_add_code_set (GrdProject  *self,
                          const char  *name,
                          const char  *description,
                          GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if ((clean = _grd_clean_name (name, _("code set"), error)) == NULL)
    return 0;

  label = g_strdup_printf (_("Add code set “%s”"), clean);
  return _grd_project_add_named_row (self, "code_set", clean, description, label,
                                     GRD_CHANGE_CODES, error);
}

static gboolean
change_membership (GrdProject  *self,
                   gint64       code_set_id,
                   gint64       code_id,
                   gboolean     add,
                   GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  if (!_grd_project_begin_edit (self, add ? _("Add code to set") : _("Remove code from set"), error))
    return FALSE;

  if (!_grd_project_require (store, "code", code_id, error) ||
      !_grd_project_require (store, "code_set", code_set_id, error))
    goto fail;

  if (!grd_store_run (store, error,
                      add ? "INSERT INTO code_set_member (code_set_id, code_id) VALUES (?1, ?2) "
                            "ON CONFLICT DO NOTHING"
                          : "DELETE FROM code_set_member WHERE code_set_id = ?1 AND code_id = ?2",
                      "ii", code_set_id, code_id))
    goto fail;

  return _grd_project_end_edit (self, GRD_CHANGE_CODES, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

gboolean
grd_project_add_to_code_set (GrdProject  *self,
                             gint64       code_set_id,
                             gint64       code_id,
                             GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  return change_membership (self, code_set_id, code_id, TRUE, error);
}

gboolean
grd_project_remove_from_code_set (GrdProject  *self,
                                  gint64       code_set_id,
                                  gint64       code_id,
                                  GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  return change_membership (self, code_set_id, code_id, FALSE, error);
}

GPtrArray *
grd_project_list_code_sets (GrdProject  *self,
                            GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_code_set_free);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT s.id, s.guid, s.name, s.description, m.code_id FROM code_set s "
                          "LEFT JOIN code_set_member m ON m.code_set_id = s.id ORDER BY s.name, s.id, m.id",
                          NULL);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdCodeSet *set = sets->len > 0 ? g_ptr_array_index (sets, sets->len - 1) : NULL;
      gint64 code_id = sqlite3_column_int64 (row, 4);

      if (set == NULL || set->id != sqlite3_column_int64 (row, 0))
        {
          set = g_new0 (GrdCodeSet, 1);
          set->id = sqlite3_column_int64 (row, 0);
          set->guid = grd_stmt_dup_text (row, 1);
          set->name = grd_stmt_dup_text (row, 2);
          set->description = grd_stmt_dup_text (row, 3);
          set->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_ptr_array_add (sets, set);
        }
      if (code_id != 0)
        g_array_append_val (set->code_ids, code_id);
    }

  return ok ? g_steal_pointer (&sets) : NULL;
}
