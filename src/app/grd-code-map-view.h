/* grd-code-map-view.h: the code map page: codes as boxes to arrange
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_CODE_MAP_VIEW (grd_code_map_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodeMapView, grd_code_map_view, GRD, CODE_MAP_VIEW, GtkWidget)

GtkWidget *grd_code_map_view_new         (void);
void       grd_code_map_view_set_project (GrdCodeMapView *self,
                                          GrdProject     *project);
/* Whether it is still reading the project on its worker. */
gboolean   grd_code_map_view_get_loading (const GrdCodeMapView *self);

G_END_DECLS
