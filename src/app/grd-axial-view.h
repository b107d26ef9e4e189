/* grd-axial-view.h: relating and grouping codes, with hints from the data
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_AXIAL_VIEW (grd_axial_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdAxialView, grd_axial_view, GRD, AXIAL_VIEW, GtkWidget)

GtkWidget *grd_axial_view_new         (void);
/* Whether it is still reading the project on its worker (after being
 * shown, or after a change while shown). */
gboolean   grd_axial_view_get_loading (const GrdAxialView *self);
void       grd_axial_view_set_project (GrdAxialView *self,
                                       GrdProject   *project);

G_END_DECLS
