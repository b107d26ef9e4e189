/* grd-report-private.h: what the report modules share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-query.h"
#include "grd-report.h"

G_BEGIN_DECLS

/* Appends one RFC 4180 field and its separator (CRLF after the last). */
void  _grd_report_append_csv_field (GString         *out,
                                    const char      *field,
                                    gboolean         last);

/* The attribute's value for the quote's case, else for its transcript;
 * "n/a" where it is recorded as not applicable, "" where it is not
 * recorded. cache (string keys, from g_str_hash) keeps each case's and
 * transcript's values. */
char *_grd_report_attribute_label  (GrdProject      *project,
                                    gint64           attribute_id,
                                    const GrdQuote  *quote,
                                    GHashTable      *cache,
                                    GError         **error);

/* "Extrinsic › External regulation › Salary"; by_id maps ids to GrdCode. */
char     *_grd_report_code_path       (GHashTable      *by_id,
                                       const GrdCode   *code);
/* What a code stands for in the reports, by id (pointing into codes, a
 * tree's codes with children after their parent): its kind, but for the
 * core category, which has no column of its own and takes the place its
 * position gives it. Look codes up with _grd_report_kind_of. */
GHashTable  *_grd_report_code_kinds    (GPtrArray       *codes);
GrdCodeKind  _grd_report_kind_of       (GHashTable      *kinds,
                                        const GrdCode   *code);
/* counts holds a row of n_columns per code of codes (a tree's codes with
 * children after their parent): each row is added into its parent's, the
 * deepest first, so that every row ends as its code's and its sub-codes'
 * together, as the code tree's totals count them. */
void         _grd_report_add_sub_code_counts (GPtrArray *codes,
                                              guint     *counts,
                                              guint      n_columns);
/* The code's name as a report prints it: the core category marked as one,
 * after separator. */
char        *_grd_report_code_label    (const GrdCode   *code,
                                        const char      *separator);

char     *_grd_report_escape_markdown (const char      *text);
char     *_grd_report_escape_html     (const char      *text);

/* Writes document for ODT and DOCX, text for the rest, to a temporary
 * file renamed into place; takes both (one is NULL). */
gboolean  _grd_report_write           (const char      *path,
                                       GrdTableFormat   format,
                                       char            *text,
                                       GrdDocument     *document,
                                       GError         **error);

G_END_DECLS
