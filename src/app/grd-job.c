/* grd-job.c: long work on a project, on a worker thread
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker gets its own connection to the project (one per thread, as
 * SQLite wants) and its own input, never a widget. What it writes is one
 * transaction and one undo step (the core's calls see to that); when it
 * ends, the project the window holds is told, so every view refreshes on
 * the main thread.
 */

#define G_LOG_DOMAIN "grd-job"

#include "config.h"

#include "grd-job.h"

struct _GrdJobProgress
{
  GrdJobProgressFunc  func;
  GObject            *data;
  GMainContext       *context;
};

typedef struct {
  GrdProject      *worker;     /* opened on the main thread, used only by the worker */
  GrdJobFunc       func;
  gpointer         input;
  GDestroyNotify   input_free;
  GDestroyNotify   result_free;
  GrdChange        changes;
  GrdJobProgress   progress;
} JobData;

typedef struct {
  GrdJobProgressFunc  func;
  GObject            *data;
  double              fraction;
  char               *text;
} ProgressReport;

static void
job_data_free (JobData *job)
{
  if (job->worker != NULL)
    grd_project_close (job->worker);
  g_clear_object (&job->worker);
  if (job->input_free != NULL)
    g_clear_pointer (&job->input, job->input_free);
  g_clear_pointer (&job->progress.context, g_main_context_unref);
  g_clear_object (&job->progress.data);
  g_free (job);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->func (report->fraction, report->text, report->data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  g_clear_object (&report->data);
  g_free (report->text);
  g_free (report);
}

void
grd_job_progress_report (GrdJobProgress *progress,
                         double          fraction,
                         const char     *text)
{
  ProgressReport *report;

  if (progress == NULL || progress->func == NULL)
    return;

  report = g_new0 (ProgressReport, 1);
  report->func = progress->func;
  report->data = g_object_ref (progress->data);
  report->fraction = fraction;
  report->text = g_strdup (text);
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              progress_report_free);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobData *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  result = job->func (job->worker, job->input, &job->progress, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

void
grd_job_run_async (GrdProject          *project,
                   GrdJobFunc           func,
                   gpointer             input,
                   GDestroyNotify       input_free,
                   GDestroyNotify       result_free,
                   GrdChange            changes,
                   GCancellable        *cancellable,
                   GrdJobProgressFunc   progress,
                   gpointer             progress_data,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  JobData *job;

  g_return_if_fail (GRD_IS_PROJECT (project));
  g_return_if_fail (func != NULL);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, grd_job_run_async);

  job = g_new0 (JobData, 1);
  job->func = func;
  job->input = input;
  job->input_free = input_free;
  job->result_free = result_free;
  job->changes = changes;
  job->progress.func = progress;
  job->progress.data = progress != NULL ? g_object_ref (progress_data) : NULL;
  job->progress.context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, (GDestroyNotify) job_data_free);

  job->worker = grd_project_open_sibling (project, &error);
  if (job->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, job_thread);
}

gpointer
grd_job_finish (GrdProject    *project,
                GAsyncResult  *result,
                GError       **error)
{
  JobData *job;
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  job = g_task_get_task_data (G_TASK (result));
  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value != NULL && job->changes != 0)
    grd_project_notify_changed (project, job->changes | GRD_CHANGE_HISTORY);
  return value;
}

struct _GrdJobBeside
{
  GThread        *thread;
  GrdProject     *sibling;
  GrdJobFunc      func;
  gpointer        input;
  GDestroyNotify  result_free;
  GCancellable   *cancellable;
  gpointer        result;
  GError         *error;
};

static gpointer
beside_thread (gpointer data)
{
  GrdJobBeside *self = data;

  self->result = self->func (self->sibling, self->input, NULL, self->cancellable, &self->error);
  return NULL;
}

GrdJobBeside *
grd_job_beside_start (GrdProject     *worker,
                      GrdJobFunc      func,
                      gpointer        input,
                      GDestroyNotify  result_free,
                      GCancellable   *cancellable)
{
  GrdJobBeside *self;

  g_return_val_if_fail (GRD_IS_PROJECT (worker), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (GrdJobBeside, 1);
  self->func = func;
  self->input = input;
  self->result_free = result_free;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  /* opened here, used only on the new thread */
  self->sibling = grd_project_open_sibling (worker, &self->error);
  if (self->sibling != NULL)
    self->thread = g_thread_new ("grd-job-beside", beside_thread, self);
  return self;
}

static void
beside_join (GrdJobBeside *self)
{
  g_clear_pointer (&self->thread, g_thread_join);
  if (self->sibling != NULL)
    grd_project_close (self->sibling);
  g_clear_object (&self->sibling);
  g_clear_object (&self->cancellable);
}

gpointer
grd_job_beside_finish (GrdJobBeside  *beside,
                       GError       **error)
{
  gpointer result;

  g_return_val_if_fail (beside != NULL, NULL);

  beside_join (beside);
  result = g_steal_pointer (&beside->result);
  if (beside->error != NULL)
    g_propagate_error (error, g_steal_pointer (&beside->error));
  g_free (beside);
  return result;
}

void
grd_job_beside_free (GrdJobBeside *beside)
{
  if (beside == NULL)
    return;

  beside_join (beside);
  if (beside->result != NULL && beside->result_free != NULL)
    beside->result_free (beside->result);
  g_clear_error (&beside->error);
  g_free (beside);
}
