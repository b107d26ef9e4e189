/* grd-project-cases.c: cases (respondents) and their typed attributes
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "grd-project-private.h"

static GrdCase *
read_case (sqlite3_stmt *row)
{
  GrdCase *kase = g_new0 (GrdCase, 1);

  kase->id = sqlite3_column_int64 (row, 0);
  kase->guid = grd_stmt_dup_text (row, 1);
  kase->name = grd_stmt_dup_text (row, 2);
  kase->description = grd_stmt_dup_text (row, 3);
  kase->n_sources = (guint) sqlite3_column_int64 (row, 4);
  return kase;
}

#define CASE_COLUMNS \
  "SELECT k.id, k.guid, k.name, k.description, " \
  "(SELECT count(*) FROM source WHERE case_id = k.id) FROM study_case k "

gint64
grd_project_add_case (GrdProject  *self,
                      const char  *name,
                      const char  *description,
                      GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if ((clean = _grd_clean_name (name, _("case"), error)) == NULL)
    return 0;

  label = g_strdup_printf (_("Add case “%s”"), clean);
  return _grd_project_add_named_row (self, "study_case", clean, description, label,
                                     GRD_CHANGE_CASES, error);
}

GPtrArray *
grd_project_list_cases (GrdProject  *self,
                        GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, CASE_COLUMNS "ORDER BY k.name", NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, (GrdRowReader) read_case,
                            (GDestroyNotify) grd_case_free, error);
}

GrdCase *
grd_project_find_case (GrdProject  *self,
                       const char  *name_or_guid,
                       GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name_or_guid != NULL, NULL);

  stmt = grd_store_query (store, error, CASE_COLUMNS "WHERE k.name = ?1 OR k.guid = upper (?1)",
                          "s", name_or_guid);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("There is no case named “%s”"), name_or_guid);
      return NULL;
    }

  return read_case (grd_stmt_get (stmt));
}

gboolean
grd_project_rename_case (GrdProject  *self,
                         gint64       case_id,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if ((clean = _grd_clean_name (name, _("case"), error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Rename case to “%s”"), clean);
  return _grd_project_rename_row (self, "study_case", case_id, clean, label,
                                  GRD_CHANGE_CASES | GRD_CHANGE_SOURCES, error);
}

gboolean
grd_project_delete_case (GrdProject  *self,
                         gint64       case_id,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, _("Delete case"), error))
    return FALSE;

  /* Its sources stay, without a case. */
  if (!_grd_project_require (store, "study_case", case_id, error) ||
      !grd_store_run (store, error, "UPDATE source SET case_id = NULL WHERE case_id = ?1", "i",
                      case_id) ||
      !grd_store_run (store, error, "DELETE FROM attribute_value WHERE case_id = ?1", "i",
                      case_id) ||
      !grd_store_run (store, error, "DELETE FROM study_case WHERE id = ?1", "i", case_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CASES | GRD_CHANGE_SOURCES, error);
}

/* Attributes */

static GrdAttribute *
read_attribute (sqlite3_stmt *row)
{
  GrdAttribute *attribute = g_new0 (GrdAttribute, 1);
  const char *choices = (const char *) sqlite3_column_text (row, 4);

  attribute->id = sqlite3_column_int64 (row, 0);
  attribute->guid = grd_stmt_dup_text (row, 1);
  attribute->name = grd_stmt_dup_text (row, 2);
  if (!grd_attribute_type_from_string ((const char *) sqlite3_column_text (row, 3),
                                       &attribute->type))
    attribute->type = GRD_ATTRIBUTE_TYPE_TEXT;
  if (attribute->type == GRD_ATTRIBUTE_TYPE_CHOICE && choices != NULL && choices[0] != '\0')
    attribute->choices = g_strsplit (choices, "\n", -1);
  else
    attribute->choices = g_new0 (char *, 1);
  return attribute;
}

#define ATTRIBUTE_COLUMNS "SELECT id, guid, name, type, choices FROM attribute "

gint64
grd_project_add_attribute (GrdProject         *self,
                           const char         *name,
                           GrdAttributeType    type,
                           const char * const *choices,
                           GError            **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *clean = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *label = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 attribute_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if ((clean = _grd_clean_name (name, _("attribute"), error)) == NULL)
    return 0;

  if (type == GRD_ATTRIBUTE_TYPE_CHOICE)
    {
      for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
        {
          char *choice = g_strstrip (g_strdup (choices[i]));

          if (choice[0] == '\0' || strchr (choice, '\n') != NULL ||
              g_ptr_array_find_with_equal_func (labels, choice, g_str_equal, NULL))
            {
              g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("Attribute “%s”: the choice “%s” is empty or given twice"),
                           clean, choice);
              g_free (choice);
              return 0;
            }
          g_ptr_array_add (labels, choice);
        }
      if (labels->len == 0)
        {
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                       _("Attribute “%s” is a choice but has no choices"), clean);
          return 0;
        }
    }
  g_ptr_array_add (labels, NULL);
  joined = g_strjoinv ("\n", (char **) labels->pdata);

  label = g_strdup_printf (_("Add attribute “%s”"), clean);
  if (!_grd_project_begin_edit (self, label, error))
    return 0;

  if (!_grd_project_check_unique_name (store, "attribute", clean, 0, error))
    goto fail;

  guid = _grd_new_guid ();
  if (!grd_store_run (store, error,
                      "INSERT INTO attribute (guid, name, type, choices) VALUES (?1, ?2, ?3, ?4)",
                      "ssss", guid, clean, grd_attribute_type_to_string (type), joined))
    goto fail;
  attribute_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_edit (self, GRD_CHANGE_CASES, error))
    return 0;
  return attribute_id;

fail:
  _grd_project_fail_edit (self);
  return 0;
}

GPtrArray *
grd_project_list_attributes (GrdProject  *self,
                             GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, ATTRIBUTE_COLUMNS "ORDER BY id", NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, (GrdRowReader) read_attribute,
                            (GDestroyNotify) grd_attribute_free, error);
}

static GrdAttribute *
get_attribute (GrdStore    *store,
               const char  *sql,
               const char  *types,
               gint64       id,
               const char  *text,
               GError     **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  stmt = types[0] == 'i' ? grd_store_query (store, error, sql, types, id)
                         : grd_store_query (store, error, sql, types, text);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      if (text != NULL)
        g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                     _("There is no attribute named “%s”"), text);
      else
        _grd_set_not_found (error, _("attribute"), id);
      return NULL;
    }

  return read_attribute (grd_stmt_get (stmt));
}

GrdAttribute *
grd_project_find_attribute (GrdProject  *self,
                            const char  *name_or_guid,
                            GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name_or_guid != NULL, NULL);

  return get_attribute (_grd_project_get_store (self),
                        ATTRIBUTE_COLUMNS "WHERE name = ?1 OR guid = upper (?1)",
                        "s", 0, name_or_guid, error);
}

gboolean
grd_project_delete_attribute (GrdProject  *self,
                              gint64       attribute_id,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, _("Delete attribute"), error))
    return FALSE;

  if (!_grd_project_require (store, "attribute", attribute_id, error) ||
      !grd_store_run (store, error, "DELETE FROM attribute_value WHERE attribute_id = ?1", "i",
                      attribute_id) ||
      !grd_store_run (store, error, "DELETE FROM attribute WHERE id = ?1", "i", attribute_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CASES, error);
}

/* "n/a" always means not applicable; a bare "NA" only where it cannot be
 * a value of its own (a number, a date, a choice without such a label). */
static gboolean
is_not_applicable (GrdAttribute *attribute,
                   const char   *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    return TRUE;

  clean = g_strstrip (g_strdup (value));
  if (g_ascii_strcasecmp (clean, "n/a") == 0)
    return TRUE;

  return g_ascii_strcasecmp (clean, "na") == 0 &&
         (attribute->type == GRD_ATTRIBUTE_TYPE_NUMBER ||
          attribute->type == GRD_ATTRIBUTE_TYPE_DATE ||
          (attribute->type == GRD_ATTRIBUTE_TYPE_CHOICE &&
           !g_strv_contains ((const char * const *) attribute->choices, clean)));
}

/* Returns the value as stored: trimmed, a choice in its declared spelling. */
static char *
check_value (GrdAttribute  *attribute,
             const char    *value,
             GError       **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (value));

  if (!g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("The value for “%s” is not valid UTF-8"), attribute->name);
      return NULL;
    }

  switch (attribute->type)
    {
    case GRD_ATTRIBUTE_TYPE_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (clean, &end);

        /* decimal notation only: strtod would also take "0x1A" and "inf" */
        if (clean[0] == '\0' || end == NULL || *end != '\0' || !isfinite (number) ||
            strpbrk (clean, "xXnN") != NULL)
          {
            g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                         _("“%s” is not a number (attribute “%s” takes numbers or n/a)"),
                         clean, attribute->name);
            return NULL;
          }
      }
      break;

    case GRD_ATTRIBUTE_TYPE_DATE:
      {
        int year = 0, month = 0, day = 0;
        char tail = '\0';

        if (sscanf (clean, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
            strlen (clean) != 10 ||
            !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
          {
            g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                         _("“%s” is not a date (attribute “%s” takes YYYY-MM-DD or n/a)"),
                         clean, attribute->name);
            return NULL;
          }
      }
      break;

    case GRD_ATTRIBUTE_TYPE_CHOICE:
      for (guint i = 0; attribute->choices[i] != NULL; i++)
        if (g_utf8_collate (attribute->choices[i], clean) == 0 ||
            g_ascii_strcasecmp (attribute->choices[i], clean) == 0)
          return g_strdup (attribute->choices[i]);

      {
        g_autofree char *allowed = g_strjoinv (", ", attribute->choices);

        g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                     _("“%s” is not one of the choices of attribute “%s” (%s)"),
                     clean, attribute->name, allowed);
      }
      return NULL;

    case GRD_ATTRIBUTE_TYPE_TEXT:
    default:
      break;
    }

  return g_steal_pointer (&clean);
}

static gboolean
set_value (GrdProject  *self,
           gint64       case_id,
           gint64       source_id,
           gint64       attribute_id,
           const char  *value,
           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdAttribute) attribute = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *label = NULL;

  attribute = get_attribute (store, ATTRIBUTE_COLUMNS "WHERE id = ?1", "i", attribute_id, NULL,
                             error);
  if (attribute == NULL)
    return FALSE;

  if (!is_not_applicable (attribute, value) &&
      (stored = check_value (attribute, value, error)) == NULL)
    return FALSE;

  label = g_strdup_printf (_("Set “%s”"), attribute->name);
  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  if (case_id != 0)
    {
      if (!_grd_project_require (store, "study_case", case_id, error) ||
          !grd_store_run (store, error,
                          "INSERT INTO attribute_value (attribute_id, case_id, value) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (attribute_id, case_id) WHERE case_id IS NOT NULL "
                          "DO UPDATE SET value = excluded.value",
                          "iis", attribute_id, case_id, stored))
        goto fail;
    }
  else
    {
      if (!_grd_project_require (store, "source", source_id, error) ||
          !grd_store_run (store, error,
                          "INSERT INTO attribute_value (attribute_id, source_id, value) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (attribute_id, source_id) WHERE source_id IS NOT NULL "
                          "DO UPDATE SET value = excluded.value",
                          "iis", attribute_id, source_id, stored))
        goto fail;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CASES, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

gboolean
grd_project_set_case_value (GrdProject  *self,
                            gint64       case_id,
                            gint64       attribute_id,
                            const char  *value,
                            GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (case_id > 0, FALSE);

  return set_value (self, case_id, 0, attribute_id, value, error);
}

gboolean
grd_project_set_source_value (GrdProject  *self,
                              gint64       source_id,
                              gint64       attribute_id,
                              const char  *value,
                              GError     **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (source_id > 0, FALSE);

  return set_value (self, 0, source_id, attribute_id, value, error);
}

gboolean
grd_project_unset_value (GrdProject  *self,
                         gint64       case_id,
                         gint64       source_id,
                         gint64       attribute_id,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail ((case_id > 0) != (source_id > 0), FALSE);

  if (!_grd_project_begin_edit (self, _("Clear attribute value"), error))
    return FALSE;

  if (!grd_store_run (store, error,
                      "DELETE FROM attribute_value WHERE attribute_id = ?1 "
                      "AND case_id IS NOT DISTINCT FROM ?2 AND source_id IS NOT DISTINCT FROM ?3",
                      "inn", attribute_id, case_id, source_id))
    {
      _grd_project_fail_edit (self);
      return FALSE;
    }

  return _grd_project_end_edit (self, GRD_CHANGE_CASES, error);
}

GPtrArray *
grd_project_list_values (GrdProject  *self,
                         gint64       case_id,
                         gint64       source_id,
                         GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_attribute_value_free);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  /* 0 for both lists every value in the project. */
  stmt = grd_store_query (store, error,
                          "SELECT v.attribute_id, a.name, a.type, v.case_id, v.source_id, v.value "
                          "FROM attribute_value v JOIN attribute a ON a.id = v.attribute_id "
                          "WHERE (?1 = 0 OR v.case_id = ?1) AND (?2 = 0 OR v.source_id = ?2) "
                          "AND NOT (?1 <> 0 AND ?2 <> 0) "
                          "ORDER BY v.case_id, v.source_id, a.id",
                          "ii", case_id, source_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdAttributeValue *value = g_new0 (GrdAttributeValue, 1);

      value->attribute_id = sqlite3_column_int64 (row, 0);
      value->attribute_name = grd_stmt_dup_text (row, 1);
      if (!grd_attribute_type_from_string ((const char *) sqlite3_column_text (row, 2), &value->type))
        value->type = GRD_ATTRIBUTE_TYPE_TEXT;
      value->case_id = sqlite3_column_int64 (row, 3);
      value->source_id = sqlite3_column_int64 (row, 4);
      value->value = grd_stmt_dup_text (row, 5);
      g_ptr_array_add (values, value);
    }

  return ok ? g_steal_pointer (&values) : NULL;
}
