/* grd-import-batch.c: importing several files, or a folder, as one step
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-import-batch.h"
#include "grd-project-private.h"

void
grd_import_report_free (GrdImportReport *report)
{
  if (report == NULL)
    return;

  g_free (report->file_name);
  g_free (report->source_name);
  g_free (report->format);
  g_free (report->encoding);
  g_strfreev (report->speakers);
  g_clear_pointer (&report->dropped, g_ptr_array_unref);
  g_clear_error (&report->error);
  g_free (report);
}

static gint
compare_files_by_name (gconstpointer a,
                       gconstpointer b)
{
  g_autofree char *x = g_file_get_basename (*(GFile * const *) a);
  g_autofree char *y = g_file_get_basename (*(GFile * const *) b);
  g_autofree char *kx = g_utf8_collate_key_for_filename (x, -1);
  g_autofree char *ky = g_utf8_collate_key_for_filename (y, -1);

  return g_strcmp0 (kx, ky);
}

static gboolean
add_folder (GPtrArray     *expanded,
            GFile         *folder,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, cancellable, &local_error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          !g_file_info_get_is_hidden (info) && grd_importer_for_file_name (name) != NULL)
        g_ptr_array_add (found, g_file_get_child (folder, name));
      g_object_unref (info);
    }

  if (local_error != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (folder);

      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_READ,
                   /* Translators: a folder path, then why it could not be read */
                   _("%s: cannot read the folder: %s"), path, local_error->message);
      return FALSE;
    }
  if (found->len == 0)
    {
      g_autofree char *path = g_file_get_parse_name (folder);

      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_UNSUPPORTED,
                   /* Translators: %s is a folder path */
                   _("%s: the folder holds no file Grounded can import"), path);
      return FALSE;
    }

  g_ptr_array_sort (found, compare_files_by_name);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (expanded, g_object_ref (g_ptr_array_index (found, i)));

  return TRUE;
}

GPtrArray *
grd_import_expand_files (GPtrArray     *files,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (files != NULL, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) ==
          G_FILE_TYPE_DIRECTORY)
        {
          if (!add_folder (expanded, file, cancellable, error))
            return NULL;
        }
      else
        g_ptr_array_add (expanded, g_object_ref (file));
    }

  return g_steal_pointer (&expanded);
}

static GStrv
list_speakers (GArray *turns)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; turns != NULL && i < turns->len; i++)
    {
      const char *speaker = g_array_index (turns, GrdTurn, i).speaker;

      if (g_hash_table_add (seen, (gpointer) speaker))
        g_strv_builder_add (builder, speaker);
    }

  return g_strv_builder_end (builder);
}

/* The one speaker who is not the interviewer, or NULL. */
static const char *
sole_respondent (GArray *turns)
{
  const char *respondent = NULL;

  for (guint i = 0; turns != NULL && i < turns->len; i++)
    {
      const GrdTurn *turn = &g_array_index (turns, GrdTurn, i);

      if (turn->is_interviewer)
        continue;
      if (respondent != NULL && !g_str_equal (respondent, turn->speaker))
        return NULL;
      respondent = turn->speaker;
    }

  return respondent;
}

static gint64
find_or_add_case (GrdProject  *self,
                  const char  *case_name,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GrdCase) kase = grd_project_find_case (self, case_name, &local_error);

  if (kase != NULL)
    return kase->id;
  if (!g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return grd_project_add_case (self, case_name, NULL, error);
}

/* Reads and adds one file inside the open batch. */
static gboolean
add_one (GrdProject       *self,
            GFile            *file,
            GrdImportFlags    flags,
            gint64            case_id,
            const char       *name,
            GrdImportReport  *report,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GrdImportedText) imported = grd_import_file (file, cancellable, error);
  g_autoptr(GrdSource) source = NULL;
  const char *case_name = NULL;

  if (imported == NULL)
    return FALSE;

  /* The original's bytes are in the project now; the report needs none. */
  report->source_id = grd_project_add_source (self, imported, name, error);
  if (report->source_id == 0)
    return FALSE;

  if (flags & GRD_IMPORT_FLAGS_CASE_PER_FILE)
    case_name = imported->title;
  else if (flags & GRD_IMPORT_FLAGS_CASE_PER_SPEAKER)
    case_name = sole_respondent (imported->turns);
  if (case_name != NULL && (case_id = find_or_add_case (self, case_name, error)) == 0)
    return FALSE;
  if (case_id != 0 && !grd_project_set_source_case (self, report->source_id, case_id, error))
    return FALSE;

  source = grd_project_get_source (self, report->source_id, error);
  if (source == NULL)
    return FALSE;

  report->source_name = g_strdup (source->name);
  report->format = g_strdup (imported->format);
  report->encoding = g_strdup (imported->encoding);
  report->n_chars = imported->n_chars;
  report->n_turns = imported->turns != NULL ? imported->turns->len : 0;
  report->speakers = list_speakers (imported->turns);
  report->dropped = g_steal_pointer (&imported->dropped);

  return TRUE;
}

/* One file is one savepoint in the batch: if a step after adding the
 * source fails (its case, say), the source goes too, so that a file the
 * report calls skipped left nothing behind. */
static gboolean
import_one (GrdProject       *self,
            GFile            *file,
            GrdImportFlags    flags,
            gint64            case_id,
            const char       *name,
            GrdImportReport  *report,
            GCancellable     *cancellable,
            GError          **error)
{
  if (!_grd_project_begin_edit (self, report->file_name, error))
    return FALSE;

  if (!add_one (self, file, flags, case_id, name, report, cancellable, error))
    {
      _grd_project_fail_edit (self);
      report->source_id = 0;
      return FALSE;
    }

  return _grd_project_end_edit (self, 0, error);
}

GPtrArray *
grd_project_import_files (GrdProject             *self,
                          GPtrArray              *files,
                          GrdImportFlags          flags,
                          const char             *case_name,
                          const char             *name,
                          GrdImportProgressFunc   progress,
                          gpointer                user_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *label = NULL;
  gint64 case_id = 0;
  guint n_imported = 0;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);
  g_return_val_if_fail (files != NULL && files->len > 0, NULL);
  g_return_val_if_fail (name == NULL || files->len == 1, NULL);

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_import_report_free);

  if (files->len == 1)
    {
      g_autofree char *base = g_file_get_basename (g_ptr_array_index (files, 0));
      g_autofree char *shown = g_filename_display_name (base);

      label = g_strdup_printf (_("Import “%s”"), name != NULL ? name : shown);
    }
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u file", "Import %u files",
                                          files->len),
                             files->len);

  /* All the files or none, unless told to skip: a half-imported interview
   * set is worse than an error the researcher can fix and rerun. */
  if (!grd_project_begin_batch (self, label, error))
    return NULL;

  if (case_name != NULL && (case_id = find_or_add_case (self, case_name, error)) == 0)
    goto fail;

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(GrdImportReport) report = g_new0 (GrdImportReport, 1);
      g_autoptr(GError) local_error = NULL;

      report->file_name = g_file_get_parse_name (file);
      if (progress != NULL)
        progress (i, files->len, report->file_name, user_data);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      if (!import_one (self, file, flags, case_id, name, report, cancellable, &local_error))
        {
          if (!(flags & GRD_IMPORT_FLAGS_SKIP_ERRORS) ||
              g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto fail;
            }
          report->error = g_steal_pointer (&local_error);
        }
      else
        n_imported++;

      g_ptr_array_add (reports, g_steal_pointer (&report));
    }

  /* Skipping every file imports nothing: the case made for them and the
   * undo step would be all that is left, so the batch leaves nothing. */
  if (n_imported == 0)
    {
      grd_project_abort_batch (self);
      return g_steal_pointer (&reports);
    }

  if (!grd_project_end_batch (self, error))
    return NULL;

  return g_steal_pointer (&reports);

fail:
  grd_project_abort_batch (self);
  return NULL;
}
