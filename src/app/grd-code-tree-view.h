/* grd-code-tree-view.h: the code tree, with counts, rename, regroup, merge
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_CODE_TREE_VIEW (grd_code_tree_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodeTreeView, grd_code_tree_view, GRD, CODE_TREE_VIEW, GtkWidget)

/* Property "selected-code" (int64, 0 for none), notified when the user or
 * grd_code_tree_view_select_code() selects a code. Follows the project's
 * "changed" signal by itself. */
GtkWidget *grd_code_tree_view_new               (void);
void       grd_code_tree_view_set_project       (GrdCodeTreeView *self,
                                                 GrdProject      *project);
gint64     grd_code_tree_view_get_selected_code (GrdCodeTreeView *self);
void       grd_code_tree_view_select_code       (GrdCodeTreeView *self,
                                                 gint64           code_id);
/* Moves keyboard focus into the filter entry. */
void       grd_code_tree_view_focus_filter      (GrdCodeTreeView *self);

G_END_DECLS
