/* grd-refi-private.h: what the REFI-QDA reader and writer share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlschemas.h>

#include "grd-project-private.h"
#include "grd-refi.h"
#include "grd-review.h"
#include "grd-zip.h"

G_BEGIN_DECLS

#define GRD_REFI_CODEBOOK_NS "urn:QDA-XML:codebook:1.0"
#define GRD_REFI_PROJECT_NS  "urn:QDA-XML:project:1.0"

/* The originals REFI-QDA has a place for: a PDFSource's file, and a
 * TextSource's richTextPath (which ATLAS.ti parses as Word, nothing else). */
#define GRD_REFI_PDF_TYPE    "application/pdf"
#define GRD_REFI_DOCX_TYPE   "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* The bundled schemas, compiled once per process from the core resources;
 * a compiled schema may be shared read-only between threads. */
xmlSchemaPtr _grd_refi_get_schema        (GrdRefiSchema  schema);

/* Validates a file we wrote ourselves, streaming it from the start of
 * fd: for the debug check before an export is renamed into place. */
gboolean     _grd_refi_validate_fd       (GrdRefiSchema  schema,
                                          int            fd,
                                          const char    *file_name,
                                          GrdRefiReport *report);

/* Adds a libxml2 schema error to report as a located warning. */
void         _grd_refi_warn_xml_error    (GrdRefiReport *report,
                                          const char    *file_name,
                                          xmlErrorPtr    error);

/* Moves from's warnings to the end of report's, as if reported there. */
void         _grd_refi_report_take_warnings (GrdRefiReport *report,
                                             GrdRefiReport *from);

/* A GUID made from a stored one, for the REFI-QDA elements that Grounded
 * keeps no row of (a coding's PlainTextSelection, a relation's note): the
 * same input gives the same GUID, export after export. */
char        *_grd_refi_derived_guid      (const char    *kind,
                                          const char    *guid);
/* Strips braces and white space and upper-cases, as the store keeps
 * GUIDs; NULL when what is left is not 8-4-4-4-12 hex digits. */
char        *_grd_refi_normalize_guid    (const char    *guid);

/* Store edits the public project API has no use for: an imported row keeps
 * its GUID, a coding its coder and date. All are part of the current edit
 * or batch. table is one of core's tables with a guid column. */
gboolean     _grd_project_refi_find_guid (GrdProject    *project,
                                          const char    *table,
                                          const char    *guid,
                                          gint64        *id,
                                          GError       **error);
gboolean     _grd_project_refi_adopt_guid (GrdProject   *project,
                                          const char    *table,
                                          gint64         id,
                                          const char    *guid,
                                          GError       **error);
/* Finds the coder by GUID, then by name, or adds it. */
gboolean     _grd_project_refi_ensure_coder (GrdProject *project,
                                          const char    *guid,
                                          const char    *name,
                                          gint64        *coder_id,
                                          GError       **error);
/* Adds a coding as the file has it (its GUID, coder and date), inside a
 * batch; the caller has checked the source, the code and the range. 0 on
 * failure. */
gint64       _grd_project_refi_add_coding (GrdProject   *project,
                                          const char    *guid,
                                          gint64         source_id,
                                          gint64         code_id,
                                          gint64         start,
                                          gint64         end,
                                          gint64         coder_id,
                                          gint64         created_at,
                                          GError       **error);

/* Imports a .qdpx already open, streaming its project.qde:
 * grd_refi_import_project() and the fuzzer call it. */
GrdRefiReport *_grd_refi_import_archive  (GrdProject    *project,
                                          GrdZipReader  *zip,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Imports a project.qde held in memory; its text files come from zip
 * (NULL: none). The fuzzer calls it. */
GrdRefiReport *_grd_refi_import_qde      (GrdProject    *project,
                                          GBytes        *xml,
                                          const char    *file_name,
                                          GrdZipReader  *zip,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* A memo's author (0: none) and times as the file has them. */
gint64       _grd_project_refi_add_comment (GrdProject *project,
                                          const char    *guid,
                                          GrdReviewTarget target,
                                          gint64         target_id,
                                          gint64         parent_id,
                                          gint64         author_id,
                                          gint64         created_at,
                                          const char    *text,
                                          gint64         resolved_at,
                                          gint64         resolved_by,
                                          GError       **error);
gboolean     _grd_project_refi_set_review_state (GrdProject *project,
                                          GrdReviewTarget target,
                                          gint64         target_id,
                                          GrdReviewState state,
                                          gint64         coder_id,
                                          gint64         set_at,
                                          GError       **error);

/* What a review Note has beyond a memo (grd-refi-review.c). */
typedef struct {
  char *marker;          /* the Note's Description */
  char *modifier_name;   /* who resolved a thread; NULL for anything else */
} GrdRefiReviewMarker;

void         _grd_refi_review_marker_free (GrdRefiReviewMarker *marker);
gboolean     _grd_refi_add_review_notes  (GrdProject    *project,
                                          GrdRefiReport *report,
                                          GPtrArray     *memos,
                                          GHashTable    *markers,
                                          GError       **error);

gboolean     _grd_project_refi_set_memo_origin (GrdProject *project,
                                          gint64         memo_id,
                                          gint64         author_id,
                                          gint64         created_at,
                                          gint64         updated_at,
                                          GError       **error);

/* What became of a memo the project has under a note's GUID. */
typedef enum {
  GRD_REFI_MEMO_SAME,       /* the same words */
  GRD_REFI_MEMO_UPDATED,    /* the note is newer: its words replaced the memo's */
  GRD_REFI_MEMO_KEPT,       /* the memo is as new or newer: it kept its words */
} GrdRefiMemoMerge;

gboolean     _grd_project_refi_merge_memo (GrdProject    *project,
                                          gint64            memo_id,
                                          const char       *title,
                                          const char       *text,
                                          gint64            updated_at,
                                          GrdRefiMemoMerge *merge,
                                          GError          **error);

G_END_DECLS
