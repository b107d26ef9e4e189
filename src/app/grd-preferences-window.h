/* grd-preferences-window.h: coder name and theme
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-application.h"

G_BEGIN_DECLS

#define GRD_TYPE_PREFERENCES_WINDOW (grd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GrdPreferencesWindow, grd_preferences_window, GRD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *grd_preferences_window_new (GrdApplication *application,
                                       GtkWindow      *parent);

G_END_DECLS
