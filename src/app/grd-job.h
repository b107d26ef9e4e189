/* grd-job.h: long work on a project, on a worker thread
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-core.h"

G_BEGIN_DECLS

typedef struct _GrdJobProgress GrdJobProgress;

/* On the worker thread: tells the window how far the job is (fraction
 * 0..1, or negative when unknown) and what it is doing. */
void     grd_job_progress_report (GrdJobProgress *progress,
                                  double          fraction,
                                  const char     *text);

/* The work itself, on the worker thread with the worker's own connection
 * to the project: the result, or NULL with error set. */
typedef gpointer (*GrdJobFunc) (GrdProject      *worker,
                                gpointer         input,
                                GrdJobProgress  *progress,
                                GCancellable    *cancellable,
                                GError         **error);

/* On the main thread, for each report. progress_data is a GObject, kept
 * alive while reports are on their way. */
typedef void (*GrdJobProgressFunc) (double      fraction,
                                    const char *text,
                                    gpointer    progress_data);

/* Runs func (input, freed with input_free) on a connection of its own.
 * When it succeeds, project announces changes (0: it only read) so every
 * view refreshes on the main thread. */
void     grd_job_run_async  (GrdProject          *project,
                             GrdJobFunc           func,
                             gpointer             input,
                             GDestroyNotify       input_free,
                             GDestroyNotify       result_free,
                             GrdChange            changes,
                             GCancellable        *cancellable,
                             GrdJobProgressFunc   progress,
                             gpointer             progress_data,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
/* The result (owned by the caller), or NULL with error set. */
gpointer grd_job_finish     (GrdProject          *project,
                             GAsyncResult        *result,
                             GError             **error);

G_END_DECLS
