/* grd-refi.h: REFI-QDA exchange, code books (.qdc) and projects (.qdpx)
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-project.h"

G_BEGIN_DECLS

#define GRD_REFI_ERROR (grd_refi_error_quark ())

typedef enum {
  GRD_REFI_ERROR_NOT_XML,       /* not well-formed XML */
  GRD_REFI_ERROR_NOT_REFI,      /* XML, but no CodeBook or Project root */
  GRD_REFI_ERROR_DOCTYPE,       /* a document type declaration: refused */
  GRD_REFI_ERROR_CONTAINER,     /* a .qdpx without a .qde, or with a broken entry */
  GRD_REFI_ERROR_INVALID,       /* what we wrote fails the bundled schema */
  GRD_REFI_ERROR_WRITE,         /* the file could not be written */
} GrdRefiError;

GQuark grd_refi_error_quark (void);

typedef enum {
  GRD_REFI_SCHEMA_CODEBOOK,
  GRD_REFI_SCHEMA_PROJECT,
} GrdRefiSchema;

/* The import or export report: what was taken, converted or dropped, per
 * element type, and the warnings with their place in the file. */
typedef enum {
  GRD_REFI_TAKEN,
  GRD_REFI_CONVERTED,
  GRD_REFI_DROPPED,
} GrdRefiOutcome;

typedef struct {
  GrdRefiOutcome  outcome;
  char           *element;     /* "Code", "TextSource", "code kind", ... */
  char           *why;         /* NULL for plainly taken */
  guint           count;
} GrdRefiTally;

typedef struct {
  char  *file;                 /* "project.qde", "sources/x.txt" */
  guint  line;                 /* 0 when not known */
  char  *element;              /* may be NULL */
  char  *message;
} GrdRefiWarning;

typedef struct {
  GPtrArray *tallies;          /* GrdRefiTally, in the order first met */
  GPtrArray *warnings;         /* GrdRefiWarning, in file order */
  guint      n_warnings_dropped; /* beyond GRD_REFI_MAX_WARNINGS */
} GrdRefiReport;

#define GRD_REFI_MAX_WARNINGS 200

GrdRefiReport *grd_refi_report_new      (void);
void           grd_refi_report_free     (GrdRefiReport  *report);
void           grd_refi_report_tally    (GrdRefiReport  *report,
                                         GrdRefiOutcome  outcome,
                                         const char     *element,
                                         const char     *why,
                                         guint           count);
void           grd_refi_report_warn     (GrdRefiReport  *report,
                                         const char     *file,
                                         guint           line,
                                         const char     *element,
                                         const char     *format,
                                         ...) G_GNUC_PRINTF (5, 6);
/* How many were tallied under outcome for element (any reason). */
guint          grd_refi_report_count    (GrdRefiReport  *report,
                                         GrdRefiOutcome  outcome,
                                         const char     *element);
/* The report for people, one line each. */
char          *grd_refi_report_to_string (GrdRefiReport *report);
const char    *grd_refi_outcome_to_string (GrdRefiOutcome outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdRefiReport, grd_refi_report_free)

/* Export. The file is written beside path and renamed into place only when
 * everything succeeded (and, in debug builds, validated). GUIDs are the
 * stored ones; offsets are code points into the exported text. */
GrdRefiReport *grd_refi_export_codebook (GrdProject     *project,
                                         const char     *path,
                                         GError        **error);
GrdRefiReport *grd_refi_export_project  (GrdProject     *project,
                                         const char     *path,
                                         GCancellable   *cancellable,
                                         GError        **error);

/* Validates an XML document against a bundled schema; each problem becomes
 * a located warning of report. TRUE when it is valid. */
gboolean       grd_refi_validate        (GrdRefiSchema   schema,
                                         GBytes         *xml,
                                         const char     *file_name,
                                         GrdRefiReport  *report);

/* A code book merged into a project: codes are matched by GUID, then by
 * their path of names. The preview says what an import would do. */
typedef enum {
  GRD_REFI_CODE_ADD,
  GRD_REFI_CODE_RENAME,        /* matched by GUID, the name differs */
  GRD_REFI_CODE_KEEP,          /* already there */
} GrdRefiCodeAction;

typedef struct {
  GrdRefiCodeAction  action;
  char              *path;     /* in the code book, "A/B/C" */
  char              *old_name; /* for RENAME: the project's name */
  gint64             code_id;  /* the project's code, 0 for ADD */
} GrdRefiCodeChange;

void           grd_refi_code_change_free (GrdRefiCodeChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdRefiCodeChange, grd_refi_code_change_free)

/* The changes importing the .qdc would make, changing nothing. */
GPtrArray     *grd_refi_preview_codebook (GrdProject    *project,
                                          const char    *path,
                                          GrdRefiReport *report,
                                          GError       **error);

/* Imports are one undo step and one transaction: on error nothing changed.
 * Only a file that is not XML, has a DOCTYPE, or has no CodeBook / Project
 * root fails; everything else becomes warnings in the report. */
GrdRefiReport *grd_refi_import_codebook (GrdProject     *project,
                                         const char     *path,
                                         GError        **error);
GrdRefiReport *grd_refi_import_project  (GrdProject     *project,
                                         const char     *path,
                                         GCancellable   *cancellable,
                                         GError        **error);

G_END_DECLS
