/* grd-reports-view.h: the results tables, previewed and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_REPORTS_VIEW (grd_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdReportsView, grd_reports_view, GRD, REPORTS_VIEW, GtkWidget)

GtkWidget *grd_reports_view_new         (void);
void       grd_reports_view_set_project (GrdReportsView *self,
                                         GrdProject     *project);
/* Whether it is still reading the project on its worker. */
gboolean   grd_reports_view_get_loading (const GrdReportsView *self);

G_END_DECLS
