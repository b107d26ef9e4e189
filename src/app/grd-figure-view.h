/* grd-figure-view.h: the report figures, previewed and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_FIGURE_VIEW (grd_figure_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdFigureView, grd_figure_view, GRD, FIGURE_VIEW, GtkWidget)

void       grd_figure_view_set_project (GrdFigureView *self,
                                        GrdProject    *project);
/* Whether it is still laying out the figure on its worker. */
gboolean   grd_figure_view_get_loading (GrdFigureView *self);

G_END_DECLS
