/* grd-report-matrix.h: codes by cases, by attribute values, co-occurrence
 * and the quotes of a code, as sheets written to CSV or XLSX
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-project.h"

G_BEGIN_DECLS

/* A table of text cells under a row of headings, the one shape every
 * matrix and quote list takes, so the window, CSV and XLSX show the same
 * thing. Cells of a number column hold a number in ASCII digits, or ""
 * where there is none (the diagonal of co-occurrence). Reference counted:
 * the window keeps one while a worker writes it out. */
typedef struct {
  char      *title;          /* the worksheet's name */
  GPtrArray *headings;       /* char *, one per column */
  GArray    *is_number;      /* gboolean, one per column */
  GPtrArray *rows;           /* GStrv, one cell per column */
  guint      n_frozen;       /* leading columns that name the row (kept in view) */
  gint       text_column;    /* the column of long text (a quote's), or -1 */
  /* Where rows are codes: each one's own name and depth in the tree, so
   * a view can indent them as the code tree does; empty otherwise. */
  GPtrArray *code_names;     /* char * */
  GArray    *code_depths;    /* guint */
} GrdSheet;

GrdSheet *grd_sheet_ref   (GrdSheet *sheet);
void      grd_sheet_unref (GrdSheet *sheet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdSheet, grd_sheet_unref)

typedef enum {
  GRD_MATRIX_CODES_BY_CASES,
  GRD_MATRIX_CODES_BY_ATTRIBUTE,
  GRD_MATRIX_COOCCURRENCE,
  GRD_MATRIX_QUOTES,
} GrdMatrixKind;

/* "codes-by-cases", "codes-by-attribute", "cooccurrence", "quotes": the
 * CLI's names. */
const char *grd_matrix_kind_to_string   (GrdMatrixKind  kind);
gboolean    grd_matrix_kind_from_string (const char    *string,
                                         GrdMatrixKind *kind);

typedef enum {
  GRD_MATRIX_FLAGS_NONE     = 0,
  /* 1 where a code is used, 0 where not, instead of counts */
  GRD_MATRIX_PRESENCE       = 1 << 0,
  /* a code's counts take in its sub-codes', as the code tree's totals do,
   * so a theme or dimension row reads what is coded under it */
  GRD_MATRIX_WITH_SUB_CODES = 1 << 1,
} GrdMatrixFlags;

/* Codes as rows (their paths, in the code tree's order) and:
 * - CODES_BY_CASES: one column per case (and "No case" when transcripts
 *   without one are coded); each cell counts the code's codings in the
 *   case's transcripts;
 * - CODES_BY_ATTRIBUTE: one column per value of the attribute id (the
 *   choices first, in their order), counted as grd_query_frequencies()
 *   groups them;
 * - COOCCURRENCE: one column per code; pairs of codings that share at
 *   least a character (GRD_COOCCUR_OVERLAP), the diagonal left empty;
 * - QUOTES: not a matrix but every quote of the code id and its sub-codes,
 *   one row each: code, transcript, case, start and end in code points,
 *   the text, then each attribute's value for the case (or transcript).
 * Codings that start in an interviewer's turn are left out of the counts
 * by case and by value, as in grd_query_frequencies(). flags are for the
 * counts by case and by value, and ignored by the others. */
GrdSheet *grd_report_matrix (GrdProject     *project,
                             GrdMatrixKind   kind,
                             gint64          id,
                             GrdMatrixFlags  flags,
                             GCancellable   *cancellable,
                             GError        **error);

typedef enum {
  GRD_SHEET_FORMAT_CSV,
  GRD_SHEET_FORMAT_XLSX,
} GrdSheetFormat;

gboolean  grd_sheet_format_from_string (const char     *string,
                                        GrdSheetFormat *format);

/* RFC 4180: UTF-8, fields quoted where they hold a comma, a quote or a
 * line break, CRLF after each record. */
char     *grd_sheet_to_csv             (GrdSheet       *sheet);

/* Written beside path and renamed into place, so path is the old file or
 * the whole new one. XLSX: the headings in bold, the heading row and the
 * naming columns frozen, numbers as numbers. */
gboolean  grd_sheet_write              (GrdSheet       *sheet,
                                        GrdSheetFormat  format,
                                        const char     *path,
                                        GError        **error);

G_END_DECLS
