/* grd-window.h: one window, showing the welcome page or one project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-application.h"
#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_WINDOW (grd_window_get_type ())
G_DECLARE_FINAL_TYPE (GrdWindow, grd_window, GRD, WINDOW, AdwApplicationWindow)

GrdWindow  *grd_window_new          (GrdApplication *application);
/* Shows project in this window (which must show none yet). */
void        grd_window_set_project  (GrdWindow      *self,
                                     GrdProject     *project);
/* NULL while the window shows the welcome page. */
GrdProject *grd_window_get_project  (GrdWindow      *self);
void        grd_window_show_toast   (GrdWindow      *self,
                                     AdwToast       *toast);
/* Refills the welcome page's recent projects. */
void        grd_window_update_recent (GrdWindow     *self);

G_END_DECLS
