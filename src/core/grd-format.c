/* grd-format.c: formatting kept beside a source's plain text
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-format"

#include "config.h"

#include "grd-format.h"

/* The stored names; the schema's CHECK lists the same. */
static const char * const kind_names[] = {
  [GRD_FORMAT_HEADING] = "heading",
  [GRD_FORMAT_BOLD] = "bold",
  [GRD_FORMAT_ITALIC] = "italic",
  [GRD_FORMAT_UNDERLINE] = "underline",
  [GRD_FORMAT_LIST_ITEM] = "list-item",
  [GRD_FORMAT_TABLE_CELL] = "table-cell",
  [GRD_FORMAT_PAGE] = "page",
};

const char *
grd_format_kind_to_string (GrdFormatKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
grd_format_kind_from_string (const char    *string,
                             GrdFormatKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (string, kind_names[i]) == 0)
        {
          *kind = (GrdFormatKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

gint
grd_format_range_compare (gconstpointer a,
                          gconstpointer b)
{
  const GrdFormatRange *x = a;
  const GrdFormatRange *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->value - y->value;
}
