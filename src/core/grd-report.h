/* grd-report.h: the results tables a journal accepts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-document.h"
#include "grd-project.h"

G_BEGIN_DECLS

/* One representative quote as a table prints it: "…" (Respondent 2). */
typedef struct {
  gint64  coding_id;
  char   *text;
  char   *label;          /* the case's name, or the chosen attribute's value */
} GrdThemeQuote;

/* One sub-theme with the levels above it and its representative quotes. */
typedef struct {
  gint64     dimension_id;
  char      *dimension;   /* the aggregate dimension or the top-level code; else
                           * "(no dimension)", with id 0 */
  gint64     middle_id;   /* 0 when there is no theme between */
  char      *middle;      /* e.g. a regulation type */
  gint64     sub_theme_id;
  char      *sub_theme;
  GPtrArray *quotes;      /* GrdThemeQuote, in the order they were coded */
} GrdThemeRow;

typedef struct {
  GPtrArray *rows;        /* GrdThemeRow, in the code tree's order */
  char      *label_name;  /* what the labels are: "Case", or the attribute's name */
} GrdThemeTable;

void grd_theme_table_free (GrdThemeTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdThemeTable, grd_theme_table_free)

/* The theme table (the KAM paper's Tables 3 and 4): every sub-theme under
 * its dimension (and theme, when one stands between), with the quotes
 * flagged representative beneath it, sub-codes' included; those with no
 * dimension last, under "(no dimension)", and the core category in the
 * place its position gives it, marked as such. Each quote is
 * labelled with its case's name, or with the value of label_attribute_id
 * (0: the case) for the case or transcript. */
GrdThemeTable *grd_report_theme_table (GrdProject    *project,
                                       gint64         label_attribute_id,
                                       GCancellable  *cancellable,
                                       GError       **error);

typedef enum {
  GRD_TABLE_FORMAT_MARKDOWN,
  GRD_TABLE_FORMAT_CSV,
  GRD_TABLE_FORMAT_HTML,
  GRD_TABLE_FORMAT_LATEX,
  GRD_TABLE_FORMAT_ODT,
  GRD_TABLE_FORMAT_DOCX,
} GrdTableFormat;

/* The table as text (Markdown, CSV, HTML or LaTeX). middle_heading names
 * the middle column ("Regulation type"); NULL leaves the column out when
 * no row has a middle level. CSV is RFC 4180, one row per quote; the
 * others one row per sub-theme. */
char          *grd_theme_table_to_string (GrdThemeTable  *table,
                                          GrdTableFormat  format,
                                          const char     *middle_heading);
/* The same table in a word-processor document, quotes in paragraphs of
 * their own. */
GrdDocument   *grd_theme_table_to_document (GrdThemeTable *table,
                                            const char    *middle_heading);
/* In any format, written to a temporary file and renamed into place. */
gboolean       grd_theme_table_write     (GrdThemeTable  *table,
                                          GrdTableFormat  format,
                                          const char     *middle_heading,
                                          const char     *path,
                                          GError        **error);

gboolean       grd_table_format_from_string (const char     *string,
                                             GrdTableFormat *format);

G_END_DECLS
