/* grd-exchange.h: files in and out of a project, as jobs for a worker
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-job.h"

G_BEGIN_DECLS

/* Transcripts (GFile: files, or folders of them) and how to import them. */
typedef struct {
  GPtrArray      *files;
  GrdImportFlags  flags;
} GrdTranscriptImport;

GrdTranscriptImport *grd_transcript_import_new  (GListModel          *files,
                                                 GrdImportFlags       flags);
void                 grd_transcript_import_free (GrdTranscriptImport *import);

/* GrdJobFunc's. Transcripts give a GPtrArray of GrdImportReport; the
 * REFI-QDA ones take a path (char *) and give a GrdRefiReport. */
gpointer grd_exchange_import_transcripts (GrdProject      *worker,
                                          gpointer         input,
                                          GrdJobProgress  *progress,
                                          GCancellable    *cancellable,
                                          GError         **error);
gpointer grd_exchange_export_project     (GrdProject      *worker,
                                          gpointer         path,
                                          GrdJobProgress  *progress,
                                          GCancellable    *cancellable,
                                          GError         **error);
gpointer grd_exchange_export_codebook    (GrdProject      *worker,
                                          gpointer         path,
                                          GrdJobProgress  *progress,
                                          GCancellable    *cancellable,
                                          GError         **error);
gpointer grd_exchange_import_project     (GrdProject      *worker,
                                          gpointer         path,
                                          GrdJobProgress  *progress,
                                          GCancellable    *cancellable,
                                          GError         **error);
gpointer grd_exchange_import_codebook    (GrdProject      *worker,
                                          gpointer         path,
                                          GrdJobProgress  *progress,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* The transcript import report for people, a line per file; n_imported
 * gets how many files became transcripts. */
char    *grd_exchange_describe_import    (GPtrArray       *reports,
                                          guint           *n_imported);

G_END_DECLS
