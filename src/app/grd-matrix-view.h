/* grd-matrix-view.h: the matrices of the Reports page, shown and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_MATRIX_VIEW (grd_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdMatrixView, grd_matrix_view, GRD, MATRIX_VIEW, GtkWidget)

GtkWidget *grd_matrix_view_new         (void);
void       grd_matrix_view_set_project (GrdMatrixView       *self,
                                        GrdProject          *project);

G_END_DECLS
