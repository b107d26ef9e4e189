/* grd-exchange.c: files in and out of a project, as jobs for a worker
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-exchange.h"

GrdTranscriptImport *
grd_transcript_import_new (GListModel     *files,
                           GrdImportFlags  flags)
{
  GrdTranscriptImport *import = g_new0 (GrdTranscriptImport, 1);

  import->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (import->files, g_list_model_get_item (files, i));
  import->flags = flags;
  return import;
}

void
grd_transcript_import_free (GrdTranscriptImport *import)
{
  g_clear_pointer (&import->files, g_ptr_array_unref);
  g_free (import);
}

/* On the worker thread, before each file. */
static void
on_file_started (guint       index,
                 guint       n_files,
                 const char *file_name,
                 gpointer    user_data)
{
  g_autofree char *base = g_path_get_basename (file_name);
  g_autofree char *text = g_strdup_printf (_("Importing %s (%u of %u)"), base, index + 1, n_files);

  grd_job_progress_report (user_data, (double) index / MAX (n_files, 1), text);
}

gpointer
grd_exchange_import_transcripts (GrdProject      *worker,
                                 gpointer         input,
                                 GrdJobProgress  *progress,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  GrdTranscriptImport *import = input;
  g_autoptr(GPtrArray) files = NULL;

  /* Folders become the transcripts in them. */
  files = grd_import_expand_files (import->files, cancellable, error);
  if (files == NULL)
    return NULL;

  return grd_project_import_files (worker, files, import->flags, NULL, NULL, on_file_started,
                                   progress, cancellable, error);
}

gpointer
grd_exchange_export_project (GrdProject      *worker,
                             gpointer         path,
                             GrdJobProgress  *progress,
                             GCancellable    *cancellable,
                             GError         **error)
{
  grd_job_progress_report (progress, -1, _("Exporting the project…"));
  return grd_refi_export_project (worker, path, cancellable, error);
}

gpointer
grd_exchange_export_codebook (GrdProject      *worker,
                              gpointer         path,
                              GrdJobProgress  *progress,
                              GCancellable    *cancellable,
                              GError         **error)
{
  grd_job_progress_report (progress, -1, _("Exporting the code book…"));
  return grd_refi_export_codebook (worker, path, error);
}

gpointer
grd_exchange_import_project (GrdProject      *worker,
                             gpointer         path,
                             GrdJobProgress  *progress,
                             GCancellable    *cancellable,
                             GError         **error)
{
  grd_job_progress_report (progress, -1, _("Importing the project…"));
  return grd_refi_import_project (worker, path, cancellable, error);
}

gpointer
grd_exchange_import_codebook (GrdProject      *worker,
                              gpointer         path,
                              GrdJobProgress  *progress,
                              GCancellable    *cancellable,
                              GError         **error)
{
  grd_job_progress_report (progress, -1, _("Importing the code book…"));
  return grd_refi_import_codebook (worker, path, error);
}

/* One line of the transcript import report: what was read, or why not. */
static void
describe_file (GString         *text,
               GrdImportReport *report)
{
  g_autofree char *base = g_path_get_basename (report->file_name);

  if (text->len > 0)
    g_string_append_c (text, '\n');

  if (report->error != NULL)
    {
      /* Translators: a file of an import, then why it was not imported */
      g_string_append_printf (text, _("%s: not imported. %s"), base, report->error->message);
      return;
    }

  /* Translators: file, format, encoding, characters, turns */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%s: %s, %s, %'lld characters, %u turn",
                                             "%s: %s, %s, %'lld characters, %u turns",
                                             report->n_turns),
                          base, report->format, report->encoding != NULL ? report->encoding : "—",
                          (long long) report->n_chars, report->n_turns);
  if (report->speakers != NULL && report->speakers[0] != NULL)
    {
      g_autofree char *speakers = g_strjoinv (", ", report->speakers);

      g_string_append_printf (text, " (%s)", speakers);
    }
  for (guint i = 0; report->dropped != NULL && i < report->dropped->len; i++)
    {
      GrdImportDropped *dropped = g_ptr_array_index (report->dropped, i);

      /* Translators: what an import left out: count, what, why */
      g_string_append_printf (text, _("; left out %u %s: %s"), dropped->count, dropped->what,
                              dropped->why);
    }
}

char *
grd_exchange_describe_import (GPtrArray *reports,
                              guint     *n_imported)
{
  GString *text = g_string_new (NULL);

  *n_imported = 0;
  for (guint i = 0; i < reports->len; i++)
    {
      GrdImportReport *report = g_ptr_array_index (reports, i);

      describe_file (text, report);
      if (report->source_id != 0)
        (*n_imported)++;
    }
  return g_string_free (text, FALSE);
}
