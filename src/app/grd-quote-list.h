/* grd-quote-list.h: every quote of one code, listed lazily
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_QUOTE_LIST (grd_quote_list_get_type ())
G_DECLARE_FINAL_TYPE (GrdQuoteList, grd_quote_list, GRD, QUOTE_LIST, GtkWidget)

/* Property "include-sub-codes" (boolean): quotes of the code's descendants
 * too. Signal "quote-activated" (gint64 coding_id, gint64 source_id,
 * gint64 start, gint64 end): the user wants to see the quote in its
 * transcript. Follows the project's "changed" signal by itself. */
GtkWidget *grd_quote_list_new                   (void);
void       grd_quote_list_set_project           (GrdQuoteList *self,
                                                 GrdProject   *project);
void       grd_quote_list_set_code              (GrdQuoteList *self,
                                                 gint64        code_id);
gint64     grd_quote_list_get_code              (GrdQuoteList *self);
/* How many quotes are listed now. */
guint      grd_quote_list_get_n_quotes          (GrdQuoteList *self);

G_END_DECLS
