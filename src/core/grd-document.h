/* grd-document.h: word-processor documents (ODT and DOCX) for the reports
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GRD_DOCUMENT_ODT,
  GRD_DOCUMENT_DOCX,
} GrdDocumentFormat;

typedef enum {
  GRD_PARAGRAPH_BODY,
  GRD_PARAGRAPH_QUOTE,     /* a quote from a transcript, set off */
  GRD_PARAGRAPH_NOTE,      /* small and grey: who said it, counts, hints */
} GrdParagraphStyle;

typedef enum {
  GRD_RUN_PLAIN  = 0,
  GRD_RUN_BOLD   = 1 << 0,
  GRD_RUN_ITALIC = 1 << 1,
  GRD_RUN_SUPERSCRIPT = 1 << 2,
} GrdRunStyle;

/* A document built front to back: headings, paragraphs of styled runs, and
 * tables set as a journal sets them (a header row between two rules, a
 * rule under the last row, no vertical lines). Paragraphs go into the
 * current table cell while one is open. */
typedef struct _GrdDocument GrdDocument;

GrdDocument *grd_document_new             (const char        *title);
void         grd_document_free            (GrdDocument       *self);

/* level 1 to 3 */
void         grd_document_add_heading     (GrdDocument       *self,
                                           guint              level,
                                           const char        *text);
void         grd_document_begin_paragraph (GrdDocument       *self,
                                           GrdParagraphStyle  style);
/* Into the last paragraph begun; color is "#rrggbb" or NULL. A line break
 * in text stays a line break. */
void         grd_document_add_run         (GrdDocument       *self,
                                           const char        *text,
                                           GrdRunStyle        style,
                                           const char        *color);
/* The same on a background of highlight ("#rrggbb" or NULL). */
void         grd_document_add_highlighted_run (GrdDocument   *self,
                                               const char    *text,
                                               GrdRunStyle    style,
                                               const char    *color,
                                               const char    *highlight);
/* A paragraph of one plain run. */
void         grd_document_add_paragraph   (GrdDocument       *self,
                                           GrdParagraphStyle  style,
                                           const char        *text);

/* widths: n_columns relative widths (NULL: equal). The first n_header_rows
 * rows are the header, repeated on each page. */
void         grd_document_begin_table     (GrdDocument       *self,
                                           guint              n_columns,
                                           const guint       *widths,
                                           guint              n_header_rows);
void         grd_document_begin_row       (GrdDocument       *self);
/* The cell after the last; the paragraphs added next go into it. */
void         grd_document_begin_cell      (GrdDocument       *self);
/* A cell of one plain paragraph. */
void         grd_document_add_cell        (GrdDocument       *self,
                                           const char        *text);
void         grd_document_end_table       (GrdDocument       *self);

/* Written to a temporary file beside path and renamed into place. */
gboolean     grd_document_write           (GrdDocument       *self,
                                           GrdDocumentFormat  format,
                                           const char        *path,
                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdDocument, grd_document_free)

G_END_DECLS
