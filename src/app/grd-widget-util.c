/* grd-widget-util.c: layout shared by the app's composite widgets
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-widget-util"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-widget-util.h"

#define QUOTE_ROW_LINES 3

void
grd_widget_measure_content (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child))
      {
        gtk_widget_measure (child, orientation, for_size,
                            minimum, natural, minimum_baseline, natural_baseline);
        return;
      }
}

void
grd_widget_allocate_content (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        gtk_popover_present (GTK_POPOVER (child));
      else
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }
}

void
grd_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
grd_list_box_append_placeholder (GtkListBox *list,
                                 const char *text)
{
  GtkWidget *row = grd_action_row_new (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

GtkWidget *
grd_action_row_new (const char *title,
                    const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

GtkWidget *
grd_summary_label_new (const char *text,
                       const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
grd_summary_row_new (const char *title,
                     const char *subtitle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *whole = subtitle != NULL ? g_strdup_printf ("%s\n%s", title, subtitle)
                                            : g_strdup (title);

  gtk_widget_add_css_class (row, "summary-row");
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), grd_summary_label_new (title, "title"));
  if (subtitle != NULL)
    gtk_box_append (GTK_BOX (text), grd_summary_label_new (subtitle, "subtitle"));
  grd_set_new_tooltip (text, whole);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
grd_summary_row_add_suffix (GtkWidget *row,
                            GtkWidget *suffix)
{
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), suffix);
}

char *
grd_editable_dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

GtkWidget *
grd_quote_row_new (const GrdQuote *quote)
{
  g_autofree char *where = quote->speaker != NULL
                             ? g_strdup_printf ("%s · %s", quote->source_name, quote->speaker)
                             : g_strdup (quote->source_name);
  GtkWidget *row = grd_action_row_new (quote->text != NULL ? quote->text : "", where);

  /* Enough of a quote to recognise it; the quotes pane shows it whole. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), QUOTE_ROW_LINES);
  return row;
}

void
grd_popover_popup_at (GtkPopover *popover,
                      GtkWidget  *parent,
                      GtkWidget  *anchor)
{
  graphene_rect_t bounds;

  gtk_widget_set_parent (GTK_WIDGET (popover), parent);
  if (gtk_widget_compute_bounds (anchor, parent, &bounds))
    gtk_popover_set_pointing_to (popover, &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                            bounds.size.width, bounds.size.height });
  gtk_popover_popup (popover);
}

void
grd_follow_project (GrdProject **followed,
                    gulong      *changed_id,
                    GrdProject  *project,
                    GCallback    on_changed,
                    gpointer     user_data)
{
  if (*followed != NULL)
    g_clear_signal_handler (changed_id, *followed);
  g_set_object (followed, project);
  if (project != NULL)
    *changed_id = g_signal_connect (project, "changed", on_changed, user_data);
}

char *
grd_format_time (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: a time today, see strftime */
    return g_date_time_format (when, _("%H:%M"));
  /* Translators: the date and time of an earlier day, see strftime */
  return g_date_time_format (when, _("%x %H:%M"));
}

char *
grd_text_excerpt (const char *text,
                  guint       max_chars)
{
  gboolean cut = g_utf8_strlen (text, -1) > max_chars;
  /* GLib 2.74's g_utf8_substring reads past the end of a text shorter
   * than the range asked for (ASan caught it): ask only for what is there. */
  g_autofree char *start = cut ? g_utf8_substring (text, 0, max_chars) : g_strdup (text);

  g_strdelimit (start, "\r\n\t", ' ');
  return cut ? g_strconcat (start, "…", NULL) : g_steal_pointer (&start);
}

void
grd_draw_circle (cairo_t       *cr,
                 int            width,
                 int            height,
                 const GdkRGBA *rgba)
{
  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

void
grd_draw_color_swatch (GtkDrawingArea *area,
                       cairo_t        *cr,
                       int             width,
                       int             height,
                       gpointer        user_data)
{
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, user_data))
    grd_draw_circle (cr, width, height, &rgba);
}

/* GTK 4.8 asks for the pointer so that a tooltip set under it shows at
 * once; a widget outside any window cannot be under it, so setting the
 * text while the widget is hidden loses nothing. A new widget is visible
 * from the start: 200 review rows spent most of their time waiting on
 * those round trips. */
void
grd_set_new_tooltip (GtkWidget  *widget,
                     const char *text)
{
  gboolean visible;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (gtk_widget_get_root (widget) == NULL);

  visible = gtk_widget_get_visible (widget);
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, visible);
}

void
grd_set_accessible_label (GtkWidget  *widget,
                          const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
