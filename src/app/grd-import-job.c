/* grd-import-job.c: importing transcripts on a worker thread
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker gets its own connection to the project (one per thread, as
 * SQLite wants) and a copy of the file list, never a widget. Its one batch
 * is one transaction and one undo step; when it ends, the project the
 * window holds is told, so every view refreshes on the main thread.
 */

#define G_LOG_DOMAIN "grd-import-job"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-import-job.h"

typedef struct {
  GrdProject        *worker;     /* opened on the main thread, used only by the worker */
  GPtrArray         *files;      /* GFile */
  GrdImportProgress  progress;
  GObject           *progress_data;
  GMainContext      *context;
} ImportData;

typedef struct {
  GrdImportProgress  progress;
  GObject           *progress_data;
  guint              index;
  guint              n_files;
  char              *file_name;
} ProgressReport;

static void
import_data_free (ImportData *data)
{
  if (data->worker != NULL)
    grd_project_close (data->worker);
  g_clear_object (&data->worker);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_object (&data->progress_data);
  g_free (data);
}

static gboolean
report_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress (report->index, report->n_files, report->file_name, report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  g_free (report->file_name);
  g_clear_object (&report->progress_data);
  g_free (report);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u transcript",
                                        "Import %u transcripts", data->files->len),
                           data->files->len);
  if (!grd_project_begin_batch (data->worker, label, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);

      if (data->progress != NULL)
        {
          ProgressReport *report = g_new0 (ProgressReport, 1);

          report->progress = data->progress;
          report->progress_data = g_object_ref (data->progress_data);
          report->index = i;
          report->n_files = data->files->len;
          report->file_name = g_file_get_basename (file);
          g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress, report,
                                      progress_report_free);
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
          grd_project_import_file (data->worker, file, cancellable, &error) <= 0)
        {
          grd_project_abort_batch (data->worker);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (!grd_project_end_batch (data->worker, &error))
    {
      grd_project_abort_batch (data->worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (task, data->files->len);
}

void
grd_import_job_run_async (GrdProject          *project,
                          GListModel          *files,
                          GCancellable        *cancellable,
                          GrdImportProgress    progress,
                          gpointer             progress_data,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportData *data;

  g_return_if_fail (GRD_IS_PROJECT (project));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, grd_import_job_run_async);

  data = g_new0 (ImportData, 1);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (data->files, g_list_model_get_item (files, i));
  data->progress = progress;
  data->progress_data = progress != NULL ? g_object_ref (progress_data) : NULL;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  data->worker = grd_project_open_sibling (project, &error);
  if (data->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, import_thread);
}

guint
grd_import_job_finish (GrdProject    *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, project), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n > 0)
    grd_project_notify_changed (project, GRD_CHANGE_SOURCES | GRD_CHANGE_CASES |
                                         GRD_CHANGE_HISTORY);
  return n > 0 ? (guint) n : 0;
}
