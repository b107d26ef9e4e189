/* grd-split-dialog.c: moving some of a code's quotes to a new code
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A code that turns out to hold two ideas is split: the researcher checks
 * the quotes of the second idea and names it, and one core call moves
 * those codings to the new code, as one undo step.
 */

#define G_LOG_DOMAIN "grd-split-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-split-dialog.h"
#include "grd-widget-util.h"

struct _GrdSplitDialog
{
  AdwWindow             parent_instance;

  GtkWidget            *split_button;
  AdwPreferencesGroup  *new_code_group;
  AdwEntryRow          *name_row;
  AdwActionRow         *as_child_row;
  GtkSwitch            *as_child_switch;
  AdwPreferencesGroup  *quotes_group;
  GtkListBox           *quotes_list;

  GrdProject           *project;
  GrdCode              *code;
  GtkWidget            *main_window;  /* where the toast goes: this one closes */
  GArray               *coding_ids;   /* gint64, one per row of quotes_list */
  GPtrArray            *checks;       /* GtkCheckButton, one per row */
};

G_DEFINE_FINAL_TYPE (GrdSplitDialog, grd_split_dialog, ADW_TYPE_WINDOW)

static guint
count_checked (GrdSplitDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  return n;
}

static void
update_split_button (GrdSplitDialog *self)
{
  guint n_checked = count_checked (self);
  g_autofree char *description = NULL;
  g_autofree char *name = grd_editable_dup_stripped (GTK_EDITABLE (self->name_row));

  /* Moving every quote would leave an empty code: a rename does that. */
  gtk_widget_set_sensitive (self->split_button,
                            *name != '\0' && n_checked > 0 && n_checked < self->checks->len);
  if (self->checks->len < 2)
    description = g_strdup_printf (_("“%s” has fewer than two quotes: there is nothing to split "
                                     "off. Rename it instead."), self->code->name);
  else
    /* Translators: checked quotes, all quotes, the code they come from */
    description = g_strdup_printf (_("Checked: %u of %u. They move to the new code; the others "
                                     "stay with “%s”."),
                                   n_checked, self->checks->len, self->code->name);
  adw_preferences_group_set_description (self->quotes_group, description);
}

static void
on_split_clicked (GrdSplitDialog *self)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = grd_editable_dup_stripped (GTK_EDITABLE (self->name_row));
  g_autofree char *title = NULL;

  if (!gtk_widget_get_sensitive (self->split_button))
    return;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_array_append_val (chosen, g_array_index (self->coding_ids, gint64, i));

  if (grd_project_split_code (self->project, self->code->id, (gint64 *) chosen->data, chosen->len,
                              name, gtk_switch_get_active (self->as_child_switch), &error) == 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not split the code"), error);
      return;
    }

  /* Translators: the number of quotes, the new code, the code split */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote moved from “%s” to “%s”",
                                        "%u quotes moved from “%s” to “%s”", chosen->len),
                           chosen->len, self->code->name, name);
  grd_show_undo_toast (self->main_window, title);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_quote (GrdSplitDialog *self,
           GrdQuote       *quote)
{
  GtkWidget *row = grd_quote_row_new (quote);
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *accessible = g_strdup_printf (_("Move the quote from %s: %s"),
                                                 quote->source_name, quote->text);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_split_button), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->quotes_list, row);
  g_array_append_val (self->coding_ids, quote->coding_id);
  g_ptr_array_add (self->checks, check);
}

static void
grd_split_dialog_dispose (GObject *object)
{
  GrdSplitDialog *self = GRD_SPLIT_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->code, grd_code_free);
  g_clear_pointer (&self->coding_ids, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_weak_pointer (&self->main_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_SPLIT_DIALOG);

  G_OBJECT_CLASS (grd_split_dialog_parent_class)->dispose (object);
}

static void
grd_split_dialog_class_init (GrdSplitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_split_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-split-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, split_button);
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, new_code_group);
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, as_child_row);
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, as_child_switch);
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, quotes_group);
  gtk_widget_class_bind_template_child (widget_class, GrdSplitDialog, quotes_list);
  gtk_widget_class_bind_template_callback (widget_class, on_split_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_split_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grd_split_dialog_init (GrdSplitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->coding_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->checks = g_ptr_array_new ();
}

void
grd_split_dialog_present (GtkWidget  *widget,
                          GrdProject *project,
                          gint64      code_id)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = grd_project_get_code (project, code_id, &error);
  g_autoptr(GPtrArray) quotes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *as_child = NULL;
  GrdSplitDialog *self;

  if (code == NULL ||
      (quotes = grd_query_quotes (project, code_id, GRD_QUOTE_DEFAULT, 0, NULL, &error)) == NULL)
    {
      grd_show_error (widget, _("Could not read the code’s quotes"), error);
      return;
    }

  self = g_object_new (GRD_TYPE_SPLIT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  g_set_weak_pointer (&self->main_window, GTK_WIDGET (parent));
  self->code = g_steal_pointer (&code);

  title = g_strdup_printf (_("Split “%s”"), self->code->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_group_set_description (
    self->new_code_group, _("The checked quotes move to a new code of the same kind."));
  as_child = g_strdup_printf (_("Make it a sub-code of “%s”"), self->code->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->as_child_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->as_child_row), as_child);
  adw_action_row_set_subtitle (self->as_child_row, _("Otherwise it sits beside it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->as_child_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, as_child, -1);

  for (guint i = 0; i < quotes->len; i++)
    add_quote (self, g_ptr_array_index (quotes, i));
  update_split_button (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
