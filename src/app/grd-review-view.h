/* grd-review-view.h: the supervisor's review of the theme hierarchy
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_REVIEW_VIEW (grd_review_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdReviewView, grd_review_view, GRD, REVIEW_VIEW, GtkWidget)

GtkWidget *grd_review_view_new         (void);
/* Whether it is still reading the project on its worker (after being
 * shown, or after a change while shown). */
gboolean   grd_review_view_get_loading (const GrdReviewView *self);
void       grd_review_view_set_project (GrdReviewView *self,
                                        GrdProject    *project);

G_END_DECLS
