/* grd-report-codebook.h: the code book as a document
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-report.h"

G_BEGIN_DECLS

typedef struct {
  guint case_index;       /* into GrdCodebook.cases */
  guint n_codings;
} GrdCaseCount;

/* One code as the code book prints it. */
typedef struct {
  gint64       code_id;
  char        *name;
  char        *path;          /* "Extrinsic › External regulation › Salary" */
  guint        depth;
  GrdCodeKind  kind;
  char        *description;   /* "" without one */
  char        *color;         /* "#rrggbb" */
  guint        n_codings;     /* its own */
  guint        n_codings_total;
  GArray      *case_counts;   /* GrdCaseCount of its own codings, cases in order, none 0 */
  char        *example;       /* NULL when it has no coding */
  char        *example_label; /* the case's name, else the transcript's */
  gboolean     example_representative;
} GrdCodebookEntry;

typedef struct {
  GPtrArray *entries;         /* GrdCodebookEntry, in the code tree's order */
  GPtrArray *cases;           /* case names; the last is "No case" when codings lie outside any */
  guint      n_codings;
} GrdCodebook;

void grd_codebook_free (GrdCodebook *codebook);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCodebook, grd_codebook_free)

/* Every code with its path, kind, definition, colour, codings per case and
 * an example quote: the first flagged representative, else the first in
 * transcript order. */
GrdCodebook *grd_report_codebook       (GrdProject      *project,
                                        GCancellable    *cancellable,
                                        GError         **error);

/* “Sub-theme · 3 codings, 6 with its sub-codes · colour #986a44” */
char        *grd_codebook_entry_describe (const GrdCodebookEntry *entry);
/* “By case: Respondent 1: 2 · Respondent 2: 1”, that its codings are all in
 * its sub-codes, or that it is not applied yet */
char        *grd_codebook_entry_cases    (GrdCodebook            *codebook,
                                          const GrdCodebookEntry *entry);
/* format: Markdown or HTML. */
char        *grd_codebook_to_string    (GrdCodebook     *codebook,
                                        GrdTableFormat   format);
GrdDocument *grd_codebook_to_document  (GrdCodebook     *codebook);
/* Markdown, HTML, ODT or DOCX, written to a temporary file and renamed
 * into place. */
gboolean     grd_codebook_write        (GrdCodebook     *codebook,
                                        GrdTableFormat   format,
                                        const char      *path,
                                        GError         **error);

G_END_DECLS
