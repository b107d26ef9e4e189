/* grd-window.h: one window, showing the welcome page or one project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-application.h"
#include "grd-core.h"
#include "grd-job.h"

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
/* A toast saying what state the project is in now (an edit with its Undo,
 * "Undone: …"): it replaces the previous such toast at once. */
void        grd_window_show_state_toast (GrdWindow  *self,
                                         AdwToast   *toast);
/* Gets a job's result (NULL: cancelled or failed, which the window has
 * said) and owns it. */
typedef void (*GrdWindowJobDone) (gpointer result,
                                  gpointer user_data);
/* Runs func on a worker, as the window's imports and exports run, with
 * text beside the progress bar and Cancel; failure_heading heads the
 * error it shows. FALSE (input and user_data freed, the user told)
 * while another job runs. */
gboolean    grd_window_run_job      (GrdWindow        *self,
                                     const char       *text,
                                     const char       *failure_heading,
                                     GrdJobFunc        func,
                                     gpointer          input,
                                     GDestroyNotify    input_free,
                                     GDestroyNotify    result_free,
                                     GrdWindowJobDone  done,
                                     gpointer          user_data,
                                     GDestroyNotify    user_data_free);
/* Refills the welcome page's recent projects. */
void        grd_window_update_recent (GrdWindow     *self);

G_END_DECLS
