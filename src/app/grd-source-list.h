/* grd-source-list.h: the sources sidebar, grouped by case
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_SOURCE_LIST (grd_source_list_get_type ())
G_DECLARE_FINAL_TYPE (GrdSourceList, grd_source_list, GRD, SOURCE_LIST, GtkWidget)

/* Property "selected-source" (int64, 0 for none). Follows the project's
 * "changed" signal by itself (sources, cases and coding counts). */
GtkWidget *grd_source_list_new                 (void);
void       grd_source_list_set_project         (GrdSourceList *self,
                                                GrdProject    *project);
gint64     grd_source_list_get_selected_source (GrdSourceList *self);
void       grd_source_list_select_source       (GrdSourceList *self,
                                                gint64         source_id);
/* Selects the transcript listed first, if there is one. */
void       grd_source_list_select_first        (GrdSourceList *self);
void       grd_source_list_focus_filter        (GrdSourceList *self);

G_END_DECLS
