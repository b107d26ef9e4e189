/* grd-widget-util.c: layout shared by the app's composite widgets
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-widget-util"

#include "config.h"

#include "grd-widget-util.h"

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
