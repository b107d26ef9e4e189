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

/* Work beside a job: func runs on another thread with a connection of its
 * own while the job goes on, so two reads that do not depend on each other
 * take the longer one's time on two cores, not their sum. */
typedef struct _GrdJobBeside GrdJobBeside;

GrdJobBeside *grd_job_beside_start  (GrdProject      *worker,
                                     GrdJobFunc       func,
                                     gpointer         input,
                                     GDestroyNotify   result_free,
                                     GCancellable    *cancellable);
/* Waits for func: its result (owned by the caller), or NULL with error
 * set. Takes beside. */
gpointer      grd_job_beside_finish (GrdJobBeside    *beside,
                                     GError         **error);
/* Waits for func and drops its result. */
void          grd_job_beside_free   (GrdJobBeside    *beside);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdJobBeside, grd_job_beside_free)

G_END_DECLS
