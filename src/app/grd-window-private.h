/* grd-window-private.h: what the window's files share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is one widget in two files: grd-window.c (the panes, coding,
 * undo and the welcome page) and grd-window-exchange.c (imports and
 * exports, run as jobs with progress and Cancel).
 */

#pragma once

#include "grd-axial-view.h"
#include "grd-code-map-view.h"
#include "grd-code-tree-view.h"
#include "grd-memo-editor.h"
#include "grd-quote-list.h"
#include "grd-reports-view.h"
#include "grd-review-view.h"
#include "grd-selective-view.h"
#include "grd-source-list.h"
#include "grd-transcript-view.h"
#include "grd-window.h"

G_BEGIN_DECLS

struct _GrdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  GrdAxialView         *axial_view;
  GrdSelectiveView     *selective_view;
  GrdCodeMapView       *code_map_view;
  GrdReportsView       *reports_view;
  GrdReviewView        *review_view;
  GtkStack             *main_stack;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GrdSourceList        *source_list;
  GtkStack             *transcript_stack;
  GrdTranscriptView    *transcript_view;
  GtkLabel             *source_title;
  GtkLabel             *source_subtitle;
  GtkRevealer          *coding_revealer;
  GtkLabel             *coding_label;
  GtkDrawingArea       *coding_swatch;
  GtkToggleButton      *representative_button;
  GtkWidget            *import_button;
  GtkWidget            *history_buttons;
  GrdCodeTreeView      *code_tree;
  GrdQuoteList         *quote_list;
  GrdMemoEditor        *memo_editor;
  GtkStack             *detail_stack;
  GtkRevealer          *job_revealer;
  GtkLabel             *job_label;
  GtkProgressBar       *job_progress;

  /* Owned */
  GrdProject           *project;
  gulong                changed_id;
  GCancellable         *job_cancellable;
  char                 *job_done;        /* the REFI job's toast title */
  char                 *job_failed;      /* and its error heading */
  struct _GrdViewJob   *view_job;        /* a job another view runs here */
  GdkRGBA               coding_rgba;
  AdwToast             *state_toast;     /* the last edit, undo or redo toast, while shown */
  char                 *report_title;    /* the last import or export report, to read again */
  char                 *report_text;
};

/* A job (an import or export) is on its way; edits wait for it. */
gboolean grd_window_is_working (GrdWindow *self);
/* Every action's enabled state, from the current state, in one place. */
void grd_window_update_actions (GrdWindow *self);
/* The import, export and cancel-job actions. */
void grd_window_class_install_exchange_actions (GtkWidgetClass *widget_class);

G_END_DECLS
