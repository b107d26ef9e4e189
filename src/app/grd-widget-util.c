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
