/* grd-code-tree-actions.c: the code tree's actions and its context menu
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The code.* actions (new, rename, kind, move under, move to top level, merge, split,
 * history, delete, colour), their enabled state, their keys and the menu
 * and colour popover that offer them. Each is one project call, then the
 * tree's selection follows the code it changed.
 */

#define G_LOG_DOMAIN "grd-code-tree"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-chooser.h"
#include "grd-code-history-dialog.h"
#include "grd-code-tree-private.h"
#include "grd-dialogs.h"
#include "grd-split-dialog.h"
#include "grd-widget-util.h"

/* GNOME's palette, the one core gives new codes. */
static const struct {
  const char *color;
  const char *name;
} palette[] = {
  { "#3584e4", N_("Blue") },
  { "#33d17a", N_("Green") },
  { "#f6d32d", N_("Yellow") },
  { "#ff7800", N_("Orange") },
  { "#e01b24", N_("Red") },
  { "#9141ac", N_("Purple") },
  { "#986a44", N_("Brown") },
  { "#1c71d8", N_("Dark Blue") },
  { "#2ec27e", N_("Dark Green") },
  { "#e5a50a", N_("Gold") },
  { "#c64600", N_("Dark Orange") },
  { "#813d9c", N_("Dark Purple") },
};

static GrdCodeObject *
selected_object (GrdCodeTreeView *self)
{
  return grd_code_tree_lookup (self, self->selected_code);
}

void
grd_code_tree_update_actions (GrdCodeTreeView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GrdCodeObject *code = selected_object (self);
  gboolean has_code = code != NULL;

  gtk_widget_action_set_enabled (widget, "code.new", self->project != NULL);
  gtk_widget_action_set_enabled (widget, "code.rename", has_code);
  gtk_widget_action_set_enabled (widget, "code.new-sub-code", has_code);
  gtk_widget_action_set_enabled (widget, "code.kind", has_code);
  gtk_widget_action_set_enabled (widget, "code.move-to-top",
                                 has_code && grd_code_object_get_code (code)->parent_id != 0);
  gtk_widget_action_set_enabled (widget, "code.merge", has_code && self->codes->len > 1);
  gtk_widget_action_set_enabled (widget, "code.move-under", has_code && self->codes->len > 1);
  gtk_widget_action_set_enabled (widget, "code.split", has_code);
  gtk_widget_action_set_enabled (widget, "code.history", has_code);
  gtk_widget_action_set_enabled (widget, "code.delete", has_code);
  gtk_widget_action_set_enabled (widget, "code.color", has_code);
  gtk_widget_action_set_enabled (widget, "code.set-color", has_code);
  gtk_widget_action_set_enabled (widget, "code.menu", has_code);
}

static void
merge_chosen_cb (GrdCodeTreeView *self,
                 gint64           into_id,
                 GrdCodeChooser  *chooser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_name = NULL;
  g_autofree char *into_name = NULL;
  g_autofree char *title = NULL;
  GrdCodeObject *from = grd_code_tree_lookup (self, self->chooser_code);
  GrdCodeObject *into = grd_code_tree_lookup (self, into_id);

  if (from == NULL || into == NULL)
    return;

  from_name = g_strdup (grd_code_object_get_name (from));
  into_name = g_strdup (grd_code_object_get_name (into));

  if (!grd_project_merge_codes (self->project, self->chooser_code, into_id, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not merge the codes"), error);
      return;
    }

  grd_code_tree_select_and_show (self, into_id);
  title = g_strdup_printf (_("Merged “%s” into “%s”"), from_name, into_name);
  grd_show_undo_toast (GTK_WIDGET (self), title);
}

static gboolean
drop_chooser (gpointer user_data)
{
  GrdCodeTreeView *self = user_data;

  self->chooser_idle_id = 0;
  if (self->chooser != NULL && !gtk_widget_get_visible (self->chooser))
    g_clear_pointer (&self->chooser, gtk_widget_unparent);

  return G_SOURCE_REMOVE;
}

/* The chooser is still inside its own signal emission when it closes. */
static void
chooser_closed_cb (GrdCodeTreeView *self)
{
  if (self->chooser_idle_id == 0)
    self->chooser_idle_id = g_idle_add (drop_chooser, self);
}

/* Actions */

/* Unique in the whole tree, so the new code can be found by name alone. */
static char *
new_code_name (GrdCodeTreeView *self)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  char *name = g_strdup (_("New code"));

  for (guint i = 0; i < self->codes->len; i++)
    g_hash_table_add (names, (gpointer) grd_code_object_get_name (g_ptr_array_index (self->codes, i)));

  for (guint n = 2; g_hash_table_contains (names, name); n++)
    {
      g_free (name);
      /* Translators: %u is 2, 3, … to tell new codes apart */
      name = g_strdup_printf (_("New code %u"), n);
    }

  return name;
}

static void
add_code (GrdCodeTreeView *self,
          gint64           parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = new_code_name (self);
  gint64 code_id;

  /* The new code would rarely match the filter. */
  grd_code_tree_clear_filter (self);

  code_id = grd_project_add_code (self->project, parent_id, name, GRD_CODE_KIND_OPEN_CODE,
                                  NULL, NULL, &error);
  if (code_id == 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not add a code"), error);
      return;
    }

  grd_code_tree_select_and_show (self, code_id);
  grd_code_tree_start_rename (self, code_id);
}

static void
new_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  add_code (GRD_CODE_TREE_VIEW (widget), 0);
}

static void
new_sub_code_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);

  add_code (self, self->selected_code);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);
  guint position = grd_code_tree_find_position (self, self->selected_code);

  if (position != GTK_INVALID_LIST_POSITION)
    grd_code_tree_scroll_to (self, position);
  grd_code_tree_start_rename (self, self->selected_code);
}

static void
move_to_top_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 code_id = self->selected_code;

  if (!grd_project_move_code (self->project, code_id, 0, -1, &error))
    grd_show_error (widget, _("Could not move the code"), error);
  else
    grd_code_tree_select_and_show (self, code_id);
}

static void
move_under_chosen_cb (GrdCodeTreeView *self,
                      gint64           parent_id,
                      GrdCodeChooser  *chooser)
{
  g_autoptr(GError) error = NULL;
  gint64 code_id = self->chooser_code;

  if (!grd_project_move_code (self->project, code_id, parent_id, -1, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not move the code"), error);
  else
    grd_code_tree_select_and_show (self, code_id);
}

/* Merge Into… and Move Under…: the selected code, then another chosen by
 * typing; the keyboard's way to what dragging a row does. */
static void
choose_other_code_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);
  gboolean merge = g_str_equal (action_name, "code.merge");

  g_clear_handle_id (&self->chooser_idle_id, g_source_remove);
  g_clear_pointer (&self->chooser, gtk_widget_unparent);

  self->chooser_code = self->selected_code;
  self->chooser = grd_code_chooser_new (self->project, merge ? _("Merge Into") : _("Move Under"),
                                        FALSE);
  grd_code_chooser_set_excluded (GRD_CODE_CHOOSER (self->chooser), self->chooser_code);
  gtk_widget_set_parent (self->chooser, widget);
  g_signal_connect_object (self->chooser, "code-chosen",
                           merge ? G_CALLBACK (merge_chosen_cb) : G_CALLBACK (move_under_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chooser, "closed", G_CALLBACK (chooser_closed_cb), self,
                           G_CONNECT_SWAPPED);

  grd_code_tree_popup_at_selected (self, GTK_POPOVER (self->chooser));
}

/* Split… and History…: dialogs of their own over the window. */
static void
code_dialog_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);

  if (g_str_equal (action_name, "code.split"))
    grd_split_dialog_present (widget, self->project, self->selected_code);
  else
    grd_code_history_dialog_present (widget, self->project, self->selected_code);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (grd_code_object_get_name (selected_object (self)));
  g_autofree char *title = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);
  gboolean had_focus = grd_code_tree_list_has_focus (self);
  guint n_items;

  if (!grd_project_delete_code (self->project, self->selected_code, &error))
    {
      grd_show_error (widget, _("Could not delete the code"), error);
      return;
    }

  /* Keyboard users go on from the row that took the deleted one's place. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (had_focus && n_items > 0 && position != GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, MIN (position, n_items - 1));
      grd_code_tree_focus_list (self);
    }

  title = g_strdup_printf (_("Deleted “%s”"), name);
  grd_show_undo_toast (widget, title);
}

static void
color_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);

  grd_code_tree_popup_at_selected (self, GTK_POPOVER (self->color_popover));
}

static void
set_color_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (GTK_POPOVER (self->color_popover));

  if (!grd_project_set_code_color (self->project, self->selected_code,
                                   g_variant_get_string (parameter, NULL), &error))
    grd_show_error (widget, _("Could not change the colour"), error);
}

const char *
grd_code_tree_get_selected_kind (GrdCodeTreeView *self)
{
  GrdCodeObject *code = selected_object (self);

  return code != NULL ? grd_code_kind_to_string (grd_code_object_get_code (code)->kind) : "";
}

/* Marking the core category goes through its own call: there is one, and
 * the one before it becomes a theme again. */
void
grd_code_tree_set_selected_kind (GrdCodeTreeView *self,
                                 const char      *kind_name)
{
  g_autoptr(GError) error = NULL;
  GrdCodeKind kind;
  gboolean done;

  if (self->project == NULL || self->selected_code == 0 ||
      !grd_code_kind_from_string (kind_name, &kind) ||
      g_strcmp0 (kind_name, grd_code_tree_get_selected_kind (self)) == 0)
    return;

  if (kind == GRD_CODE_KIND_CORE_CATEGORY)
    done = grd_project_set_core_category (self->project, self->selected_code, &error);
  else
    done = grd_project_set_code_kind (self->project, self->selected_code, kind, &error);
  if (!done)
    grd_show_error (GTK_WIDGET (self), _("Could not change the kind"), error);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);

  grd_code_tree_popup_at_selected (self, GTK_POPOVER (self->menu));
}

GMenuModel *
grd_code_tree_create_menu_model (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) regroup = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenuItem) rename_item = g_menu_item_new (_("_Rename"), "code.rename");
  g_autoptr(GMenuItem) delete_item = g_menu_item_new (_("_Delete"), "code.delete");

  g_menu_item_set_attribute (rename_item, "accel", "s", "F2");
  g_menu_append_item (edit, rename_item);
  g_menu_append (edit, _("New _Sub-code"), "code.new-sub-code");
  for (GrdCodeKind kind = GRD_CODE_KIND_OPEN_CODE; kind <= GRD_CODE_KIND_CORE_CATEGORY; kind++)
    {
      g_autofree char *action = g_strdup_printf ("code.kind::%s", grd_code_kind_to_string (kind));

      g_menu_append (kinds, grd_code_kind_caption (kind, TRUE), action);
    }
  g_menu_append_submenu (edit, _("_Kind"), G_MENU_MODEL (kinds));
  g_menu_append (edit, _("_Colour…"), "code.color");
  g_menu_append (edit, _("_History…"), "code.history");
  g_menu_append (regroup, _("Move _Under…"), "code.move-under");
  g_menu_append (regroup, _("Move to _Top Level"), "code.move-to-top");
  g_menu_append (regroup, _("_Merge Into…"), "code.merge");
  g_menu_append (regroup, _("S_plit…"), "code.split");
  g_menu_item_set_attribute (delete_item, "accel", "s", "Delete");
  g_menu_append_item (danger, delete_item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (regroup));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return G_MENU_MODEL (menu);
}

GtkWidget *
grd_code_tree_create_color_popover (void)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 20);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 20);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), grd_draw_color_swatch,
                                      (gpointer) palette[i].color, NULL);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      grd_set_new_tooltip (button, _(palette[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(palette[i].name),
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "code.set-color");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", palette[i].color);
      gtk_grid_attach (GTK_GRID (grid), button, i % 6, i / 6, 1, 1);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), grid);

  return popover;
}

void
grd_code_tree_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "code.new", NULL, new_code_action);
  gtk_widget_class_install_action (widget_class, "code.new-sub-code", NULL, new_sub_code_action);
  gtk_widget_class_install_action (widget_class, "code.rename", NULL, rename_action);
  gtk_widget_class_install_property_action (widget_class, "code.kind", "selected-kind");
  gtk_widget_class_install_action (widget_class, "code.move-to-top", NULL, move_to_top_action);
  gtk_widget_class_install_action (widget_class, "code.merge", NULL, choose_other_code_action);
  gtk_widget_class_install_action (widget_class, "code.move-under", NULL, choose_other_code_action);
  gtk_widget_class_install_action (widget_class, "code.split", NULL, code_dialog_action);
  gtk_widget_class_install_action (widget_class, "code.history", NULL, code_dialog_action);
  gtk_widget_class_install_action (widget_class, "code.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "code.color", NULL, color_action);
  gtk_widget_class_install_action (widget_class, "code.set-color", "s", set_color_action);
  gtk_widget_class_install_action (widget_class, "code.menu", NULL, menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "code.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "code.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "code.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "code.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "code.menu", NULL);
}
