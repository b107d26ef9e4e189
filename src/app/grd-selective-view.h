/* grd-selective-view.h: integrating around a core category
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_SELECTIVE_VIEW (grd_selective_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdSelectiveView, grd_selective_view, GRD, SELECTIVE_VIEW, GtkWidget)

/* Signals: "show-code" (gint64 code_id) when the researcher asks to see a
 * code a check names, in the code tree. */
GtkWidget *grd_selective_view_new         (void);
/* Whether it is still reading the project on its worker (after being
 * shown, or after a change while shown). */
gboolean   grd_selective_view_get_loading (const GrdSelectiveView *self);
void       grd_selective_view_set_project (GrdSelectiveView *self,
                                           GrdProject       *project);

G_END_DECLS
