/* grd-transcript-view.h: a transcript to read and code, with coding stripes
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_TRANSCRIPT_VIEW (grd_transcript_view_get_type ())
G_DECLARE_FINAL_TYPE (GrdTranscriptView, grd_transcript_view, GRD, TRANSCRIPT_VIEW, GtkWidget)

/* Properties: "source" (int64, 0 when none), "has-selection" (boolean: a
 * passage is selected that can be coded), "selected-coding" (int64: the
 * coding whose stripe was clicked, or the innermost one at the cursor).
 * Follows the project's "changed" signal by itself. */
GtkWidget   *grd_transcript_view_new                 (void);
void         grd_transcript_view_set_project         (GrdTranscriptView *self,
                                                      GrdProject        *project);
gboolean     grd_transcript_view_load_source         (GrdTranscriptView *self,
                                                      gint64             source_id,
                                                      GError           **error);
gint64       grd_transcript_view_get_source          (GrdTranscriptView *self);
/* The selected passage without the white space around it, in code points;
 * FALSE when nothing but white space is selected. */
gboolean     grd_transcript_view_get_selection       (GrdTranscriptView *self,
                                                      gint64            *start,
                                                      gint64            *end);
char        *grd_transcript_view_dup_selected_text   (GrdTranscriptView *self);
/* Selects [start, end) and scrolls it into view. */
void         grd_transcript_view_show_range          (GrdTranscriptView *self,
                                                      gint64             start,
                                                      gint64             end);
gint64       grd_transcript_view_get_selected_coding (GrdTranscriptView *self);
void         grd_transcript_view_select_coding       (GrdTranscriptView *self,
                                                      gint64             coding_id);
/* Where the selection is, in the text view's coordinates, for a popover. */
gboolean     grd_transcript_view_get_selection_area  (GrdTranscriptView *self,
                                                      GdkRectangle      *area);
GtkTextView *grd_transcript_view_get_text_view       (GrdTranscriptView *self);

G_END_DECLS
