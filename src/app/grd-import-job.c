/* grd-import-job.c: importing transcripts on a worker thread
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker gets its own connection to the project (one per thread, as
 * SQLite wants) and a copy of the file list, never a widget. Its import is
 * one transaction and one undo step; when it ends, the project the window
 * holds is told, so every view refreshes on the main thread.
 */

#define G_LOG_DOMAIN "grd-import-job"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-import-job.h"

typedef struct {
  GrdProject        *worker;     /* opened on the main thread, used only by the worker */
  GPtrArray         *files;      /* GFile: transcripts and folders */
  GrdImportFlags     flags;
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

  g_clear_object (&report->progress_data);
  g_free (report->file_name);
  g_free (report);
}

/* On the worker thread: hands the file about to be read to the main thread. */
static void
on_file_started (guint       index,
                 guint       n_files,
                 const char *file_name,
                 gpointer    user_data)
{
  ImportData *data = user_data;
  ProgressReport *report;

  if (data->progress == NULL)
    return;

  report = g_new0 (ProgressReport, 1);
  report->progress = data->progress;
  report->progress_data = g_object_ref (data->progress_data);
  report->index = index;
  report->n_files = n_files;
  report->file_name = g_path_get_basename (file_name);
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress, report,
                              progress_report_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GPtrArray *reports;

  /* Folders become the transcripts in them. */
  files = grd_import_expand_files (data->files, cancellable, &error);
  if (files == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reports = grd_project_import_files (data->worker, files, data->flags, NULL, NULL,
                                      on_file_started, data, cancellable, &error);
  if (reports == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reports, (GDestroyNotify) g_ptr_array_unref);
}

void
grd_import_job_run_async (GrdProject          *project,
                          GListModel          *files,
                          GrdImportFlags       flags,
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
  data->flags = flags;
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

GPtrArray *
grd_import_job_finish (GrdProject    *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  GPtrArray *reports;

  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  reports = g_task_propagate_pointer (G_TASK (result), error);
  if (reports != NULL)
    grd_project_notify_changed (project, GRD_CHANGE_SOURCES | GRD_CHANGE_CASES |
                                         GRD_CHANGE_HISTORY);
  return reports;
}
