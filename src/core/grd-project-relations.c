/* grd-project-relations.c: relations between codes, their types and evidence
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"

/* A relation has a paradigm kind or a user type, never both: with a type
 * the kind column stays 'associated' and the type names the relation. */
static gint64
add_relation (GrdProject       *self,
              gint64            from_code_id,
              gint64            to_code_id,
              GrdRelationKind   kind,
              gint64            type_id,
              const char       *label_text,
              const char       *memo,
              GError          **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *guid = NULL;
  gint64 coder_id, relation_id;

  if (from_code_id == to_code_id)
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("A relation links two different codes"));
      return 0;
    }
  if ((label_text != NULL && !g_utf8_validate (label_text, -1, NULL)) ||
      (memo != NULL && !g_utf8_validate (memo, -1, NULL)))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The relation’s label or memo is not valid UTF-8"));
      return 0;
    }

  if (!_grd_project_begin_edit (self, _("Relate codes"), error))
    return 0;

  guid = _grd_new_guid ();
  if (!_grd_project_require (store, "code", from_code_id, error) ||
      !_grd_project_require (store, "code", to_code_id, error) ||
      (type_id != 0 && !_grd_project_require (store, "relation_type", type_id, error)) ||
      !_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO relation (guid, from_code_id, to_code_id, kind, type_id, label, "
                      "memo, created_by, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, unixepoch ())",
                      "siisnssn", guid, from_code_id, to_code_id, grd_relation_kind_to_string (kind),
                      type_id, label_text != NULL ? label_text : "", memo != NULL ? memo : "",
                      coder_id))
    goto fail;
  relation_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_edit (self, GRD_CHANGE_RELATIONS, error))
    return 0;
  return relation_id;

fail:
  _grd_project_fail_edit (self);
  return 0;
}

gint64
grd_project_add_relation (GrdProject       *self,
                          gint64            from_code_id,
                          gint64            to_code_id,
                          GrdRelationKind   kind,
                          const char       *label_text,
                          const char       *memo,
                          GError          **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail ((guint) kind <= GRD_RELATION_KIND_IS_A, 0);

  return add_relation (self, from_code_id, to_code_id, kind, 0, label_text, memo, error);
}

gint64
grd_project_add_typed_relation (GrdProject  *self,
                                gint64       from_code_id,
                                gint64       to_code_id,
                                gint64       type_id,
                                const char  *label_text,
                                const char  *memo,
                                GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail (type_id > 0, 0);

  return add_relation (self, from_code_id, to_code_id, GRD_RELATION_KIND_ASSOCIATED, type_id,
                       label_text, memo, error);
}

GPtrArray *
grd_project_list_relations (GrdProject  *self,
                            GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_relation_free);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT r.id, r.guid, r.from_code_id, r.to_code_id, r.kind, r.label, r.memo, "
                          "r.created_at, r.type_id, t.name, t.directed "
                          "FROM relation r LEFT JOIN relation_type t ON t.id = r.type_id ORDER BY r.id",
                          NULL);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdRelation *relation = g_new0 (GrdRelation, 1);

      relation->id = sqlite3_column_int64 (row, 0);
      relation->guid = grd_stmt_dup_text (row, 1);
      relation->from_code_id = sqlite3_column_int64 (row, 2);
      relation->to_code_id = sqlite3_column_int64 (row, 3);
      if (!grd_relation_kind_from_string ((const char *) sqlite3_column_text (row, 4),
                                          &relation->kind))
        relation->kind = GRD_RELATION_KIND_ASSOCIATED;
      relation->label = grd_stmt_dup_text (row, 5);
      relation->memo = grd_stmt_dup_text (row, 6);
      relation->created_at = sqlite3_column_int64 (row, 7);
      relation->type_id = sqlite3_column_int64 (row, 8);
      if (relation->type_id != 0)
        {
          relation->type_name = grd_stmt_dup_text (row, 9);
          relation->directed = sqlite3_column_int (row, 10) != 0;
        }
      else
        relation->directed = relation->kind != GRD_RELATION_KIND_ASSOCIATED;
      g_ptr_array_add (relations, relation);
    }

  return ok ? g_steal_pointer (&relations) : NULL;
}

gboolean
grd_project_delete_relation (GrdProject  *self,
                             gint64       relation_id,
                             GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, _("Delete relation"), error))
    return FALSE;

  if (!_grd_project_require (store, "relation", relation_id, error))
    goto fail;

  if (!_grd_project_delete_attached (store, GRD_ATTACHED_TO_RELATIONS, "SELECT ?1", "i",
                                     relation_id, 0, error) ||
      !grd_store_run (store, error, "DELETE FROM relation WHERE id = ?1", "i", relation_id))
    goto fail;

  return _grd_project_end_edit (self, GRD_CHANGE_RELATIONS | GRD_CHANGE_MEMOS, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

gboolean
grd_project_set_relation_memo (GrdProject  *self,
                               gint64       relation_id,
                               const char  *memo,
                               GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (memo != NULL && !g_utf8_validate (memo, -1, NULL))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The relation’s memo is not valid UTF-8"));
      return FALSE;
    }

  if (!_grd_project_begin_edit (self, _("Change relation memo"), error))
    return FALSE;

  if (!_grd_project_require (store, "relation", relation_id, error) ||
      !grd_store_run (store, error, "UPDATE relation SET memo = ?1 WHERE id = ?2", "si",
                      memo != NULL ? memo : "", relation_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_RELATIONS, error);
}

/* Relation types */

gint64
grd_project_add_relation_type (GrdProject  *self,
                               const char  *name,
                               const char  *description,
                               gboolean     directed,
                               GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  g_autofree char *guid = NULL;
  gint64 type_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if ((clean = _grd_clean_name (name, _("relation type"), error)) == NULL)
    return 0;

  label = g_strdup_printf (_("Add relation type “%s”"), clean);
  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  guid = _grd_new_guid ();
  if (!_grd_project_check_unique_name (store, "relation_type", clean, 0, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO relation_type (guid, name, description, directed) "
                      "VALUES (?1, ?2, ?3, ?4)",
                      "sssd", guid, clean, description != NULL ? description : "", directed ? 1 : 0))
    {
      _grd_project_fail_edit (self);
      return 0;
    }
  type_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_edit (self, GRD_CHANGE_RELATIONS, error))
    return 0;
  return type_id;
}

gboolean
grd_project_rename_relation_type (GrdProject  *self,
                                  gint64       type_id,
                                  const char  *name,
                                  GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if ((clean = _grd_clean_name (name, _("relation type"), error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Rename relation type to “%s”"), clean);
  return _grd_project_rename_row (self, "relation_type", type_id, clean, label,
                                  GRD_CHANGE_RELATIONS, error);
}

/* A type still in use stays: deleting it would silently turn its
 * relations into plain associations. */
gboolean
grd_project_delete_relation_type (GrdProject  *self,
                                  gint64       type_id,
                                  GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  gint64 n_uses;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  stmt = grd_store_query (store, error,
                          "SELECT name, (SELECT count(*) FROM relation WHERE type_id = ?1) "
                          "FROM relation_type WHERE id = ?1",
                          "i", type_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return FALSE;
  if (!has_row)
    {
      _grd_set_not_found (error, _("relation type"), type_id);
      return FALSE;
    }
  name = grd_stmt_dup_text (grd_stmt_get (stmt), 0);
  n_uses = sqlite3_column_int64 (grd_stmt_get (stmt), 1);
  g_clear_pointer (&stmt, grd_store_release);

  if (n_uses > 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The relation type “%s” is used by %lld relation; delete it or "
                                "give it another type first",
                                "The relation type “%s” is used by %lld relations; delete them or "
                                "give them another type first",
                                (gulong) n_uses),
                   name, (long long) n_uses);
      return FALSE;
    }

  label = g_strdup_printf (_("Delete relation type “%s”"), name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (!grd_store_run (store, error, "DELETE FROM relation_type WHERE id = ?1", "i", type_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_RELATIONS, error);
}

static gpointer
read_relation_type (sqlite3_stmt *row)
{
  GrdRelationType *type = g_new0 (GrdRelationType, 1);

  type->id = sqlite3_column_int64 (row, 0);
  type->guid = grd_stmt_dup_text (row, 1);
  type->name = grd_stmt_dup_text (row, 2);
  type->description = grd_stmt_dup_text (row, 3);
  type->directed = sqlite3_column_int (row, 4) != 0;
  type->n_relations = (guint) sqlite3_column_int64 (row, 5);
  return type;
}

GPtrArray *
grd_project_list_relation_types (GrdProject  *self,
                                 GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT t.id, t.guid, t.name, t.description, t.directed, "
                          "(SELECT count(*) FROM relation WHERE type_id = t.id) "
                          "FROM relation_type t ORDER BY t.name, t.id",
                          NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_relation_type,
                            (GDestroyNotify) grd_relation_type_free, error);
}

/* Evidence */

static gboolean
change_evidence (GrdProject  *self,
                 gint64       relation_id,
                 gint64       coding_id,
                 gboolean     add,
                 GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  if (!_grd_project_begin_edit (self, add ? _("Add evidence to relation")
                                          : _("Remove evidence from relation"), error))
    return FALSE;

  if (!_grd_project_require (store, "relation", relation_id, error) ||
      !_grd_project_require (store, "coding", coding_id, error) ||
      !grd_store_run (store, error,
                      add ? "INSERT INTO relation_evidence (relation_id, coding_id) VALUES (?1, ?2) "
                            "ON CONFLICT DO NOTHING"
                          : "DELETE FROM relation_evidence WHERE relation_id = ?1 AND coding_id = ?2",
                      "ii", relation_id, coding_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_RELATIONS, error);
}

gboolean
grd_project_add_relation_evidence (GrdProject  *self,
                                   gint64       relation_id,
                                   gint64       coding_id,
                                   GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  return change_evidence (self, relation_id, coding_id, TRUE, error);
}

gboolean
grd_project_remove_relation_evidence (GrdProject  *self,
                                      gint64       relation_id,
                                      gint64       coding_id,
                                      GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  return change_evidence (self, relation_id, coding_id, FALSE, error);
}

GArray *
grd_project_list_relation_evidence (GrdProject  *self,
                                    gint64       relation_id,
                                    GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  if (!_grd_project_require (store, "relation", relation_id, error))
    return NULL;

  stmt = grd_store_query (store, error,
                          "SELECT e.coding_id FROM relation_evidence e JOIN coding c "
                          "ON c.id = e.coding_id WHERE e.relation_id = ?1 "
                          "ORDER BY c.source_id, c.start_pos, c.id",
                          "i", relation_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      gint64 id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);

      g_array_append_val (ids, id);
    }

  return ok ? g_steal_pointer (&ids) : NULL;
}
