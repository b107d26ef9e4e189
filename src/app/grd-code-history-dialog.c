/* grd-code-history-dialog.c: what became of a code, and who did it when
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The code's events as grd_project_list_code_events() gives them ("these
 * 9 open codes became Personal development"), read again after every
 * change of the code system while the dialog is open, so an undo shows.
 */

#define G_LOG_DOMAIN "grd-code-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-history-dialog.h"
#include "grd-dialogs.h"
#include "grd-widget-util.h"

struct _GrdCodeHistoryDialog
{
  AdwWindow            parent_instance;

  GtkListBox          *events_list;

  GrdProject          *project;
  gint64               code_id;
};

G_DEFINE_FINAL_TYPE (GrdCodeHistoryDialog, grd_code_history_dialog, ADW_TYPE_WINDOW)

/* FALSE when the code is gone (an undo of its creation). */
static gboolean
fill_events (GrdCodeHistoryDialog  *self,
             GError               **error)
{
  g_autoptr(GrdCode) code = grd_project_get_code (self->project, self->code_id, error);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *title = NULL;

  if (code == NULL ||
      (events = grd_project_list_code_events (self->project, self->code_id, error)) == NULL)
    return FALSE;

  title = g_strdup_printf (_("History of “%s”"), code->name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  grd_list_box_clear (self->events_list);
  for (guint i = 0; i < events->len; i++)
    {
      GrdCodeEvent *event = g_ptr_array_index (events, i);
      g_autofree char *what = grd_code_event_describe (event, code->guid);
      g_autofree char *when = grd_format_time (event->created_at);
      /* Translators: who changed the code, and when */
      g_autofree char *who = g_strdup_printf (_("%s · %s"),
                                              event->coder_name != NULL ? event->coder_name
                                                                        : _("unknown coder"),
                                              when);

      gtk_list_box_append (self->events_list, grd_action_row_new (what, who));
    }
  if (events->len == 0)
    grd_list_box_append_placeholder (self->events_list, _("No recorded changes."));
  return TRUE;
}

static void
on_project_changed (GrdCodeHistoryDialog *self,
                    GrdChange             change)
{
  g_autoptr(GError) error = NULL;

  if ((change & GRD_CHANGE_CODES) == 0)
    return;
  if (!fill_events (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
grd_code_history_dialog_dispose (GObject *object)
{
  GrdCodeHistoryDialog *self = GRD_CODE_HISTORY_DIALOG (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_CODE_HISTORY_DIALOG);

  G_OBJECT_CLASS (grd_code_history_dialog_parent_class)->dispose (object);
}

static void
grd_code_history_dialog_class_init (GrdCodeHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_code_history_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-code-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdCodeHistoryDialog, events_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grd_code_history_dialog_init (GrdCodeHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
grd_code_history_dialog_present (GtkWidget  *widget,
                                 GrdProject *project,
                                 gint64      code_id)
{
  g_autoptr(GError) error = NULL;
  GrdCodeHistoryDialog *self = g_object_new (GRD_TYPE_CODE_HISTORY_DIALOG,
                                             "transient-for", gtk_widget_get_root (widget),
                                             NULL);

  self->project = g_object_ref (project);
  self->code_id = code_id;
  if (!fill_events (self, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      grd_show_error (widget, _("Could not read the code’s history"), error);
      return;
    }
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}
