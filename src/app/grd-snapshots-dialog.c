/* grd-snapshots-dialog.c: dated code book snapshots, compared with now
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes a snapshot (one undoable step), lists them, and shows one's
 * differences with the code book now as grd_project_compare_snapshot()
 * finds them. Lists are read again after each change while it is open,
 * so an undo or an edit in the window shows at once.
 */

#define G_LOG_DOMAIN "grd-snapshots-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-snapshots-dialog.h"
#include "grd-widget-util.h"

struct _GrdSnapshotsDialog
{
  AdwWindow            parent_instance;

  AdwEntryRow         *label_row;
  GtkWidget           *take_button;
  GtkListBox          *snapshots_list;
  AdwPreferencesGroup *changes_group;
  GtkListBox          *changes_list;

  GrdProject          *project;
  gint64               compared;     /* the snapshot compared, 0: none */
};

G_DEFINE_FINAL_TYPE (GrdSnapshotsDialog, grd_snapshots_dialog, ADW_TYPE_WINDOW)

static void
update_take_button (GrdSnapshotsDialog *self)
{
  g_autofree char *label = grd_editable_dup_stripped (GTK_EDITABLE (self->label_row));

  gtk_widget_set_sensitive (self->take_button, *label != '\0');
}

/* The comparison with snapshot id (label for the heading); 0 hides it. */
static void
show_changes (GrdSnapshotsDialog *self,
              gint64              id,
              const char         *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *title = NULL;

  self->compared = id;
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), id != 0);
  if (id == 0)
    return;

  changes = grd_project_compare_snapshot (self->project, id, &error);
  if (changes == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not compare the snapshot"), error);
      return;
    }

  title = g_strdup_printf (_("Changes Since “%s”"), label);
  adw_preferences_group_set_title (self->changes_group, title);
  grd_list_box_clear (self->changes_list);
  for (guint i = 0; i < changes->len; i++)
    {
      g_autofree char *line = grd_code_diff_describe (g_ptr_array_index (changes, i));

      gtk_list_box_append (self->changes_list, grd_action_row_new (line, NULL));
    }
  if (changes->len == 0)
    grd_list_box_append_placeholder (self->changes_list, _("No changes: the code book is as it was then."));
}

static void
on_compare_clicked (GtkButton          *button,
                    GrdSnapshotsDialog *self)
{
  show_changes (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-snapshot")),
                g_object_get_data (G_OBJECT (button), "grd-label"));
}

static void
fill_snapshots (GrdSnapshotsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshots = grd_project_list_snapshots (self->project, &error);
  const GrdSnapshot *compared = NULL;

  if (snapshots == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not read the snapshots"), error);
      return;
    }

  grd_list_box_clear (self->snapshots_list);
  for (guint i = 0; i < snapshots->len; i++)
    {
      const GrdSnapshot *snapshot = g_ptr_array_index (snapshots, i);
      g_autofree char *when = grd_format_time (snapshot->created_at);
      /* Translators: when, by whom, and how many codes a snapshot holds */
      const char *coder = snapshot->coder_name != NULL ? snapshot->coder_name
                                                       : _("unknown coder");
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s · %s · %u code",
                                                                "%s · %s · %u codes",
                                                                snapshot->n_codes),
                                                   when, coder, snapshot->n_codes);
      g_autofree char *accessible = g_strdup_printf (_("Compare “%s” with the code book now"),
                                                     snapshot->label);
      GtkWidget *row = grd_action_row_new (snapshot->label, subtitle);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Compare"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_object_set_data (G_OBJECT (button), "grd-snapshot", GSIZE_TO_POINTER (snapshot->id));
      g_object_set_data_full (G_OBJECT (button), "grd-label", g_strdup (snapshot->label), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_compare_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->snapshots_list, row);
      if (snapshot->id == self->compared)
        compared = snapshot;
    }
  if (snapshots->len == 0)
    grd_list_box_append_placeholder (self->snapshots_list, _("No snapshots yet."));

  /* After a change the comparison shown is made again, or goes with its snapshot. */
  if (compared != NULL)
    show_changes (self, compared->id, compared->label);
  else
    show_changes (self, 0, NULL);
}

static void
on_take_clicked (GrdSnapshotsDialog *self)
{
  g_autofree char *label = grd_editable_dup_stripped (GTK_EDITABLE (self->label_row));
  g_autoptr(GError) error = NULL;

  if (*label == '\0')
    return;
  if (grd_project_take_snapshot (self->project, label, &error) == 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not take the snapshot"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), "");
}

static void
on_project_changed (GrdSnapshotsDialog *self,
                    GrdChange           change)
{
  if ((change & (GRD_CHANGE_REVIEW | GRD_CHANGE_CODES | GRD_CHANGE_CODINGS)) != 0)
    fill_snapshots (self);
}

static void
grd_snapshots_dialog_dispose (GObject *object)
{
  GrdSnapshotsDialog *self = GRD_SNAPSHOTS_DIALOG (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_SNAPSHOTS_DIALOG);

  G_OBJECT_CLASS (grd_snapshots_dialog_parent_class)->dispose (object);
}

static void
grd_snapshots_dialog_class_init (GrdSnapshotsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_snapshots_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-snapshots-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdSnapshotsDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, GrdSnapshotsDialog, take_button);
  gtk_widget_class_bind_template_child (widget_class, GrdSnapshotsDialog, snapshots_list);
  gtk_widget_class_bind_template_child (widget_class, GrdSnapshotsDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, GrdSnapshotsDialog, changes_list);
  gtk_widget_class_bind_template_callback (widget_class, update_take_button);
  gtk_widget_class_bind_template_callback (widget_class, on_take_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grd_snapshots_dialog_init (GrdSnapshotsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
grd_snapshots_dialog_present (GtkWidget  *widget,
                              GrdProject *project)
{
  GrdSnapshotsDialog *self = g_object_new (GRD_TYPE_SNAPSHOTS_DIALOG,
                                           "transient-for", gtk_widget_get_root (widget), NULL);

  self->project = g_object_ref (project);
  fill_snapshots (self);
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}
