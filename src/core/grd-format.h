/* grd-format.h: formatting kept beside a source's plain text
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What helps reading a transcript, kept from the file it came from. The
 * text itself stays plain, so codings never depend on formatting. */
typedef enum {
  GRD_FORMAT_HEADING,     /* value: level, 1-6 */
  GRD_FORMAT_BOLD,
  GRD_FORMAT_ITALIC,
  GRD_FORMAT_UNDERLINE,
  GRD_FORMAT_LIST_ITEM,   /* value: nesting depth, 1 = top level */
  GRD_FORMAT_TABLE_CELL,
  GRD_FORMAT_PAGE,        /* value: page number, 1 = first */
} GrdFormatKind;

/* start and end are code point offsets into the source's text, half-open;
 * value is 0 for the kinds that have none. */
typedef struct {
  GrdFormatKind kind;
  gint64        start;
  gint64        end;
  gint          value;
} GrdFormatRange;

const char *grd_format_kind_to_string   (GrdFormatKind  kind);
gboolean    grd_format_kind_from_string (const char    *string,
                                         GrdFormatKind *kind);

/* Orders ranges by start, then longest first, so an enclosing range comes
 * before what it encloses; for g_array_sort(). */
gint        grd_format_range_compare    (gconstpointer  a,
                                         gconstpointer  b);

G_END_DECLS
