/* grd-application.h: the Grounded application, one window per project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GRD_TYPE_APPLICATION (grd_application_get_type ())
G_DECLARE_FINAL_TYPE (GrdApplication, grd_application, GRD, APPLICATION, AdwApplication)

GrdApplication *grd_application_new               (gboolean        standalone,
                                                   const char     *screenshot_path);
/* The app's settings (io.github.grounded.Grounded schema). */
GSettings      *grd_application_get_settings      (GrdApplication *self);
/* The coder name from the preferences, or the account's name. */
char           *grd_application_dup_coder_name    (GrdApplication *self);
/* Remembers path at the top of the recent projects. */
/* The path of the user's own copy of the sample study, made if missing. */
char           *grd_application_sample_copy       (GError        **error);
void            grd_application_add_recent        (GrdApplication *self,
                                                   const char     *path);

G_END_DECLS
