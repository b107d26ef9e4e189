/* grd-import-job.h: importing transcripts on a worker thread
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-core.h"

G_BEGIN_DECLS

/* Called on the main thread before each file: its position (from 0), the
 * number of files and the file's display name. progress_data is a GObject,
 * kept alive while reports are on their way. */
typedef void (*GrdImportProgress) (guint       index,
                                   guint       n_files,
                                   const char *file_name,
                                   gpointer    user_data);

/* Imports files (GFile: transcripts, or folders of them) into project as
 * one undoable step on a connection of its own: every file lands, or none
 * does unless flags say to skip those that cannot be read. */
void       grd_import_job_run_async  (GrdProject          *project,
                                      GListModel          *files,
                                      GrdImportFlags       flags,
                                      GCancellable        *cancellable,
                                      GrdImportProgress    progress,
                                      gpointer             progress_data,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The import report, one GrdImportReport per file (a skipped one carries
 * its error), or NULL with error set when nothing was imported. */
GPtrArray *grd_import_job_finish     (GrdProject          *project,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
