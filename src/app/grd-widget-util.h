/* grd-widget-util.h: layout shared by the app's composite widgets
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

/* For a widget that holds one content child and popovers (menus, choosers)
 * parented to itself. A layout manager cannot present popovers, and GTK
 * wants each presented whenever its parent is allocated; these two are the
 * widget's measure and size_allocate. */
void grd_widget_measure_content  (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline);
void grd_widget_allocate_content (GtkWidget      *widget,
                                  int             width,
                                  int             height,
                                  int             baseline);

/* Empties a list box. */
void       grd_list_box_clear      (GtkListBox *list);

/* A dimmed row saying why a list is empty. */
void       grd_list_box_append_placeholder (GtkListBox *list,
                                            const char *text);

/* An AdwActionRow whose title and subtitle (may be NULL) are data, never
 * markup. */
GtkWidget *grd_action_row_new      (const char *title,
                                    const char *subtitle);

/* A row that only informs, for lists of hundreds: its title and subtitle
 * (may be NULL) on one line each, cut short with the whole in a tooltip.
 * A wrapping label is laid out again for every width it is measured at,
 * which for a list of 200 action rows took most of a second. */
GtkWidget *grd_summary_row_new     (const char *title,
                                    const char *subtitle);
/* Puts a button (or any widget) at the row's end, after those before. */
void       grd_summary_row_add_suffix (GtkWidget *row,
                                       GtkWidget *suffix);
/* One of such a row's lines: css_class "title" or "subtitle". */
GtkWidget *grd_summary_label_new   (const char *text,
                                    const char *css_class);

/* What an entry holds, without the spaces around it (newly allocated). */
char      *grd_editable_dup_stripped (GtkEditable *editable);

/* A quote as a row: its first lines, then its transcript and speaker. */
GtkWidget *grd_quote_row_new       (const GrdQuote *quote);

/* Parents popover to parent (a widget that presents its popovers, see
 * above), points it at anchor, a widget inside parent, and pops it up. */
void       grd_popover_popup_at    (GtkPopover *popover,
                                    GtkWidget  *parent,
                                    GtkWidget  *anchor);

/* Points *followed at project (NULL lets go), moving the pane's handler of
 * the "changed" signal along with it: the one way the panes follow a
 * project, so none is left listening to a project it let go of. */
void       grd_follow_project      (GrdProject **followed,
                                    gulong      *changed_id,
                                    GrdProject  *project,
                                    GCallback    on_changed,
                                    gpointer     user_data);

/* The tooltip of a widget not yet in a window. Use it for rows built by
 * the hundred: gtk_widget_set_tooltip_text() on a visible widget asks
 * the display server where the pointer is, a round trip on X11. */
void       grd_set_new_tooltip      (GtkWidget  *widget,
                                     const char *text);

/* What a screen reader (and a UI test) calls widget. */
void       grd_set_accessible_label (GtkWidget  *widget,
                                     const char *label);

/* A time (Unix seconds) as people read it: the hour alone today, with the
 * date before. */
char      *grd_format_time         (gint64      time);

/* The first max_chars characters of text on one line, with "…" when cut. */
char      *grd_text_excerpt        (const char *text,
                                    guint       max_chars);

/* A filled circle as large as fits, as codes' colours are shown. */
void       grd_draw_circle         (cairo_t        *cr,
                                    int             width,
                                    int             height,
                                    const GdkRGBA  *rgba);
/* A GtkDrawingAreaDrawFunc: a circle in the colour user_data names ("#rrggbb"). */
void       grd_draw_color_swatch   (GtkDrawingArea *area,
                                    cairo_t        *cr,
                                    int             width,
                                    int             height,
                                    gpointer        user_data);

G_END_DECLS
