/* grd-import-batch.h: importing several files, or a folder, as one step
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-project.h"

G_BEGIN_DECLS

/* What the import report says about one file. */
typedef struct {
  char      *file_name;     /* as given, for messages */
  gint64     source_id;     /* 0: not imported (see error) */
  char      *source_name;
  char      *format;
  char      *encoding;
  gint64     n_chars;
  guint      n_turns;
  GStrv      speakers;      /* distinct, in order of first turn */
  GPtrArray *dropped;       /* GrdImportDropped */
  GError    *error;         /* why the file was skipped */
} GrdImportReport;

void grd_import_report_free (GrdImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdImportReport, grd_import_report_free)

typedef enum {
  GRD_IMPORT_FLAGS_NONE        = 0,
  /* Import what can be read and report the rest, instead of nothing. */
  GRD_IMPORT_FLAGS_SKIP_ERRORS = 1 << 0,
  /* A case per file, named after the source. */
  GRD_IMPORT_FLAGS_CASE_PER_FILE = 1 << 1,
  /* A case per file, named after its one respondent: the speaker who is
   * not the interviewer, when there is exactly one. */
  GRD_IMPORT_FLAGS_CASE_PER_SPEAKER = 1 << 2,
} GrdImportFlags;

/* Called before each file; index counts from 0. */
typedef void (*GrdImportProgressFunc) (guint        index,
                                       guint        n_files,
                                       const char  *file_name,
                                       gpointer     user_data);

/* Replaces each folder among files (GFile) by the files in it that an
 * importer reads, sorted by name; hidden files and sub-folders are left
 * alone. A folder with no such file is an error naming it. */
GPtrArray *grd_import_expand_files (GPtrArray     *files,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Imports files as one undoable step, each file a source. Without
 * GRD_IMPORT_FLAGS_SKIP_ERRORS the first file that cannot be imported
 * fails the whole step and nothing is imported; with it, that file's
 * report carries the error and the rest are imported (when none can be,
 * the project is left unchanged, no case made). case_name (may be
 * NULL) is the case every source goes to, made if missing; name (may be
 * NULL) names the source of a single file. Returns the reports, one per
 * file in order, or NULL with error set. */
GPtrArray *grd_project_import_files (GrdProject             *self,
                                     GPtrArray              *files,
                                     GrdImportFlags          flags,
                                     const char             *case_name,
                                     const char             *name,
                                     GrdImportProgressFunc   progress,
                                     gpointer                user_data,
                                     GCancellable           *cancellable,
                                     GError                **error);

G_END_DECLS
