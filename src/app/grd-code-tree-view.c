/* grd-code-tree-view.c: the code tree, with counts, rename, regroup, merge
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree is a GtkTreeListModel over one GListStore per parent. A code
 * keeps its GrdCodeObject from one refresh to the next: renames, colours
 * and counts update it in place and its row follows the notifications;
 * adds, moves and deletes change only the affected part of each store, so
 * the list view keeps the other rows. GTK 4.8 asks only once whether a
 * row can expand, so a code that gains its first or loses its last
 * sub-code is put back into its parent's store, which makes a new row.
 */

#define G_LOG_DOMAIN "grd-code-tree"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-tree-private.h"
#include "grd-dialogs.h"
#include "grd-widget-util.h"

G_DEFINE_FINAL_TYPE (GrdCodeTreeView, grd_code_tree_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_CODE,
  PROP_SELECTED_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gint64 *
grd_code_tree_id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* Case and composition folded, so “Ä” finds “ä” however it was typed. */
char *
grd_code_tree_fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

GrdCodeObject *
grd_code_tree_lookup (GrdCodeTreeView *self,
        gint64           code_id)
{
  return code_id != 0 ? g_hash_table_lookup (self->by_id, &code_id) : NULL;
}

static GrdCodeObject *
item_code (GListModel *model,
           guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

guint
grd_code_tree_find_position (GrdCodeTreeView *self,
                             gint64           code_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GrdCodeObject) code = item_code (model, i);

      if (grd_code_object_get_id (code) == code_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static GrdCodeTreeRow *
find_row (GrdCodeTreeView *self,
          gint64           code_id)
{
  GHashTableIter iter;
  GrdCodeTreeRow *row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &row, NULL))
    if (row->code != NULL && grd_code_object_get_id (row->code) == code_id)
      return row;

  return NULL;
}

/* TRUE if code_id is ancestor_id or lies under it. */
static gboolean
is_within (GrdCodeTreeView *self,
           gint64           code_id,
           gint64           ancestor_id)
{
  GrdCodeObject *code = grd_code_tree_lookup (self, code_id);

  /* The walk is bounded, so a damaged file cannot hang the view. */
  for (guint i = 0; code != NULL && i <= self->codes->len; i++)
    {
      if (grd_code_object_get_id (code) == ancestor_id)
        return TRUE;
      code = grd_code_tree_lookup (self, grd_code_object_get_code (code)->parent_id);
    }

  return FALSE;
}

gboolean
grd_code_tree_can_drop_onto (GrdCodeTreeView *self,
               gint64           code_id,
               gint64           target_id)
{
  return grd_code_tree_lookup (self, code_id) != NULL && !is_within (self, target_id, code_id);
}

/* Expands the code's ancestors; returns its position or
 * GTK_INVALID_LIST_POSITION when it is not in the list. */
guint
grd_code_tree_reveal (GrdCodeTreeView *self,
        gint64           code_id)
{
  GrdCodeObject *code = grd_code_tree_lookup (self, code_id);
  g_autoptr(GArray) ancestors = NULL;

  if (code == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (!self->showing_filter)
    {
      ancestors = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (GrdCodeObject *up = grd_code_tree_lookup (self, grd_code_object_get_code (code)->parent_id);
           up != NULL && ancestors->len <= self->codes->len;
           up = grd_code_tree_lookup (self, grd_code_object_get_code (up)->parent_id))
        {
          gint64 up_id = grd_code_object_get_id (up);

          g_array_append_val (ancestors, up_id);
        }

      /* From the top, so each ancestor is in the list when its turn comes. */
      for (guint i = ancestors->len; i > 0; i--)
        {
          gint64 up_id = g_array_index (ancestors, gint64, i - 1);
          guint position = grd_code_tree_find_position (self, up_id);
          g_autoptr(GtkTreeListRow) row = NULL;

          if (position == GTK_INVALID_LIST_POSITION)
            break;

          row = gtk_tree_list_model_get_row (self->tree, position);
          gtk_tree_list_row_set_expanded (row, TRUE);
          g_hash_table_remove (self->collapsed, &up_id);
        }
    }

  return grd_code_tree_find_position (self, code_id);
}

gboolean
grd_code_tree_list_has_focus (GrdCodeTreeView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->list_view || gtk_widget_is_ancestor (focus, self->list_view));
}

void
grd_code_tree_scroll_to (GrdCodeTreeView *self,
           guint            position)
{
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}

/* Focuses the selected row, or the first one after selecting it. */
void
grd_code_tree_focus_list (GrdCodeTreeView *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      position = 0;
      gtk_single_selection_set_selected (self->selection, position);
    }

  grd_code_tree_scroll_to (self, position);
  gtk_widget_grab_focus (self->list_view);
}

/* Reads the selection into selected-code. */
void
grd_code_tree_sync_selected (GrdCodeTreeView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  gint64 code_id = 0;

  if (row != NULL)
    {
      g_autoptr(GrdCodeObject) code = gtk_tree_list_row_get_item (row);

      code_id = grd_code_object_get_id (code);
    }

  if (code_id != self->selected_code)
    {
      self->selected_code = code_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CODE]);
    }
  /* The kind may have changed under the same selection (an undo, say). */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_KIND]);

  grd_code_tree_update_actions (self);
}

void
grd_code_tree_update_stack (GrdCodeTreeView *self)
{
  if (self->codes->len == 0)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    }
  else if (self->showing_filter && g_list_model_get_n_items (G_LIST_MODEL (self->matches)) == 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("No codes match “%s”"),
                              gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
      gtk_label_set_label (GTK_LABEL (self->no_matches_label), text);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "no-matches");
    }
  else
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "codes");
    }
}

void
grd_code_tree_select_and_show (GrdCodeTreeView *self,
                 gint64           code_id)
{
  guint position = grd_code_tree_reveal (self, code_id);

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    grd_code_tree_scroll_to (self, position);
}

void
grd_code_tree_popup_at (GrdCodeTreeView *self,
          GtkPopover      *popover,
          GrdCodeTreeRow  *row,
          double           x,
          double           y)
{
  graphene_rect_t bounds;

  if (row != NULL && gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (popover,
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   (int) bounds.size.width,
                                                   (int) bounds.size.height });
  else if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (popover, &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  else
    gtk_popover_set_pointing_to (popover, NULL);

  gtk_popover_popup (popover);
}

/* At the selected code's row, or at the whole view when it is scrolled
 * out of sight. */
void
grd_code_tree_popup_at_selected (GrdCodeTreeView *self,
                                 GtkPopover      *popover)
{
  grd_code_tree_popup_at (self, popover, find_row (self, self->selected_code), -1, -1);
}

gboolean
grd_code_tree_start_pending_rename (gpointer user_data)
{
  GrdCodeTreeView *self = user_data;
  GrdCodeTreeRow *row = find_row (self, self->pending_rename);

  self->rename_idle_id = 0;
  self->pending_rename = 0;
  if (row != NULL)
    grd_code_tree_row_start_editing (row);

  return G_SOURCE_REMOVE;
}

/* The row may not exist yet (a code added a moment ago, or scrolled out of
 * sight); then binding it starts the editing. */
void
grd_code_tree_start_rename (GrdCodeTreeView *self,
                            gint64           code_id)
{
  GrdCodeTreeRow *row = find_row (self, code_id);

  g_clear_handle_id (&self->rename_idle_id, g_source_remove);

  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)))
    {
      self->pending_rename = 0;
      grd_code_tree_row_start_editing (row);
    }
  else
    {
      self->pending_rename = code_id;
      if (row != NULL)
        self->rename_idle_id = g_idle_add (grd_code_tree_start_pending_rename, self);
    }
}

/* Enter or Escape leave the focus nowhere; give it back to the row. A click
 * elsewhere ended the editing because the user went there: stay there. */
void
grd_code_tree_return_focus (GrdCodeTreeView *self,
              GrdCodeTreeRow  *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)))
    gtk_widget_grab_focus (self->list_view);
}

void
grd_code_tree_rename_code (GrdCodeTreeView *self,
             GrdCodeTreeRow  *row,
             const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_name = g_strdup (grd_code_object_get_name (row->code));
  gint64 code_id = grd_code_object_get_id (row->code);

  if (!grd_project_rename_code (self->project, code_id, name, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (row->name), old_name);
      grd_show_error (GTK_WIDGET (self), _("Could not rename the code"), error);
    }
}

static gboolean
run_move (gpointer user_data)
{
  GrdCodeTreeView *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 code_id = self->move_code;

  self->move_idle_id = 0;
  self->move_code = 0;

  if (self->project == NULL || grd_code_tree_lookup (self, code_id) == NULL)
    return G_SOURCE_REMOVE;

  if (!grd_project_move_code (self->project, code_id, self->move_parent, -1, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not move the code"), error);
  else
    grd_code_tree_select_and_show (self, code_id);

  return G_SOURCE_REMOVE;
}

/* After the drop returns: the move may replace the very row whose drop
 * target is still finishing the drop. */
void
grd_code_tree_schedule_move (GrdCodeTreeView *self,
               gint64           code_id,
               gint64           parent_id)
{
  self->move_code = code_id;
  self->move_parent = parent_id;
  if (self->move_idle_id == 0)
    self->move_idle_id = g_idle_add (run_move, self);
}

/* Callbacks */

/* A coding came, went or moved between codes: the counts of those codes
 * and their ancestors change, read for two codes instead of the tree. */
static gboolean
follow_coding (GrdCodeTreeView       *self,
               const GrdCodingChange *coding_change)
{
  const gint64 code_ids[] = { coding_change->code_before, coding_change->code_after };

  for (guint i = 0; i < G_N_ELEMENTS (code_ids); i++)
    {
      g_autoptr(GrdCode) fresh = NULL;
      GrdCodeObject *object = grd_code_tree_lookup (self, code_ids[i]);
      const GrdCode *shown;
      int delta;

      if (code_ids[i] == 0 || (i == 1 && code_ids[1] == code_ids[0]))
        continue;
      if (object == NULL || (fresh = grd_project_get_code (self->project, code_ids[i], NULL)) == NULL)
        return FALSE;

      shown = grd_code_object_get_code (object);
      delta = (int) fresh->n_codings_total - (int) shown->n_codings_total;
      grd_code_object_set_counts (object, fresh->n_codings, fresh->n_codings_total);

      for (GrdCodeObject *up = grd_code_tree_lookup (self, shown->parent_id); up != NULL && delta != 0;
           up = grd_code_tree_lookup (self, grd_code_object_get_code (up)->parent_id))
        {
          const GrdCode *above = grd_code_object_get_code (up);

          grd_code_object_set_counts (up, above->n_codings, (guint) ((int) above->n_codings_total + delta));
        }
    }
  return TRUE;
}

static void
project_changed_cb (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    gpointer               user_data)
{
  GrdCodeTreeView *self = user_data;

  if ((change & (GRD_CHANGE_CODES | GRD_CHANGE_CODINGS)) == 0)
    return;

  if (coding_change != NULL && follow_coding (self, coding_change))
    return;

  grd_code_tree_refresh (self);
}

static void
selection_changed_cb (GrdCodeTreeView *self)
{
  if (!self->syncing)
    grd_code_tree_sync_selected (self);
}

/* The empty space under the last row means “top level”; rows have drop
 * targets of their own. */
static gboolean
below_rows (GrdCodeTreeView *self,
            double           y)
{
  double bottom = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (self->list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_child_visible (child) &&
          gtk_widget_compute_bounds (child, self->list_view, &bounds))
        bottom = MAX (bottom, bounds.origin.y + bounds.size.height);
    }

  return y > bottom;
}

static GdkDragAction
list_drop_motion_cb (GtkDropTarget   *target,
                     double           x,
                     double           y,
                     GrdCodeTreeView *self)
{
  return below_rows (self, y) ? GDK_ACTION_MOVE : 0;
}

static gboolean
list_drop_cb (GtkDropTarget   *target,
              const GValue    *value,
              double           x,
              double           y,
              GrdCodeTreeView *self)
{
  GrdCodeObject *code = g_value_get_object (value);

  if (code == NULL || !below_rows (self, y) || grd_code_tree_lookup (self, grd_code_object_get_id (code)) == NULL)
    return FALSE;

  grd_code_tree_schedule_move (self, grd_code_object_get_id (code), 0);
  return TRUE;
}

static gboolean
top_level_drop_cb (GtkDropTarget   *target,
                   const GValue    *value,
                   double           x,
                   double           y,
                   GrdCodeTreeView *self)
{
  GrdCodeObject *code = g_value_get_object (value);

  if (code == NULL || grd_code_tree_lookup (self, grd_code_object_get_id (code)) == NULL)
    return FALSE;

  grd_code_tree_schedule_move (self, grd_code_object_get_id (code), 0);
  return TRUE;
}

static void
filter_changed_cb (GrdCodeTreeView *self)
{
  grd_code_tree_apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
}

static void
filter_activate_cb (GrdCodeTreeView *self)
{
  /* Enter may come before the delayed search-changed. */
  filter_changed_cb (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      grd_code_tree_scroll_to (self, 0);
    }
}

static void
filter_stop_cb (GrdCodeTreeView *self)
{
  grd_code_tree_clear_filter (self);
}

static gboolean
filter_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GrdCodeTreeView       *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  filter_changed_cb (self);
  grd_code_tree_focus_list (self);
  return TRUE;
}

/* Construction */

static GtkWidget *
create_empty_page (void)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("No codes yet"));
  GtkWidget *hint = gtk_label_new (_("Select a passage and press Ctrl+E to code it, or add a code with +"));

  gtk_widget_set_valign (page, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 12);

  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (page), title);

  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (page), hint);

  return page;
}

/* Overrides */

static void
grd_code_tree_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_CODE:
      g_value_set_int64 (value, self->selected_code);
      break;

    case PROP_SELECTED_KIND:
      g_value_set_string (value, grd_code_tree_get_selected_kind (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_code_tree_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_CODE:
      grd_code_tree_view_select_code (self, g_value_get_int64 (value));
      break;

    case PROP_SELECTED_KIND:
      grd_code_tree_set_selected_kind (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_code_tree_view_dispose (GObject *object)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rename_idle_id, g_source_remove);
  g_clear_handle_id (&self->chooser_idle_id, g_source_remove);
  g_clear_handle_id (&self->move_idle_id, g_source_remove);

  grd_follow_project (&self->project, &self->changed_id, NULL, NULL, NULL);

  /* The rows call back into the view while they are torn down. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->box = NULL;
  self->menu = NULL;
  self->color_popover = NULL;
  self->chooser = NULL;

  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->filter_tree);
  g_clear_object (&self->roots);
  g_clear_object (&self->matches);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (grd_code_tree_view_parent_class)->dispose (object);
}

static void
grd_code_tree_view_finalize (GObject *object)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (object);

  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->filter, g_free);

  G_OBJECT_CLASS (grd_code_tree_view_parent_class)->finalize (object);
}

static void
grd_code_tree_view_class_init (GrdCodeTreeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_code_tree_view_dispose;
  object_class->finalize = grd_code_tree_view_finalize;
  object_class->get_property = grd_code_tree_view_get_property;
  object_class->set_property = grd_code_tree_view_set_property;

  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  properties[PROP_SELECTED_CODE] =
    g_param_spec_int64 ("selected-code", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The selected code's kind as the file spells it ("" with none): the
   * state of the code.kind action, whose menu items show it as a choice. */
  properties[PROP_SELECTED_KIND] =
    g_param_spec_string ("selected-kind", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  grd_code_tree_install_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "codetree");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_code_tree_view_init (GrdCodeTreeView *self)
{
  g_autoptr(GMenuModel) menu_model = grd_code_tree_create_menu_model ();
  GtkListItemFactory *factory;
  GtkEventController *controller;
  GtkDropTarget *target;
  GtkWidget *header, *new_button, *scrolled, *drop_zone, *drop_label;

  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows = g_hash_table_new (NULL, NULL);
  self->codes = g_ptr_array_new_with_free_func (g_object_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_box_append (GTK_BOX (self->box), header);

  self->filter_entry = gtk_search_entry_new ();
  g_object_set (self->filter_entry, "placeholder-text", _("Filter codes"), NULL);
  gtk_widget_set_hexpand (self->filter_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter Codes"),
                                  -1);
  g_signal_connect_swapped (self->filter_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->filter_entry, "activate", G_CALLBACK (filter_activate_cb), self);
  g_signal_connect_swapped (self->filter_entry, "stop-search", G_CALLBACK (filter_stop_cb), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (filter_key_pressed_cb), self);
  gtk_widget_add_controller (self->filter_entry, controller);
  gtk_box_append (GTK_BOX (header), self->filter_entry);

  new_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "code.new");
  grd_set_new_tooltip (new_button, _("New Code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (new_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Code"),
                                  -1);
  gtk_widget_add_css_class (new_button, "flat");
  gtk_box_append (GTK_BOX (header), new_button);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (grd_code_tree_setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (grd_code_tree_bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (grd_code_tree_unbind_row), self);

  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Codes"),
                                  -1);
  target = gtk_drop_target_new (GRD_TYPE_CODE_OBJECT, GDK_ACTION_MOVE);
  g_signal_connect (target, "enter", G_CALLBACK (list_drop_motion_cb), self);
  g_signal_connect (target, "motion", G_CALLBACK (list_drop_motion_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (list_drop_cb), self);
  gtk_widget_add_controller (self->list_view, GTK_EVENT_CONTROLLER (target));

  /* No horizontal scrolling: long names ellipsize instead of widening the
   * pane. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);

  self->no_matches_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->no_matches_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->no_matches_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (self->no_matches_label, 18);
  gtk_widget_set_margin_end (self->no_matches_label, 18);
  gtk_widget_add_css_class (self->no_matches_label, "dim-label");

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "codes");
  gtk_stack_add_named (GTK_STACK (self->stack), create_empty_page (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), self->no_matches_label, "no-matches");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  gtk_box_append (GTK_BOX (self->box), self->stack);

  /* Shown while a sub-code is dragged: when the rows fill the pane there
   * is no empty space left to drop on. */
  drop_zone = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (drop_zone, "card");
  gtk_widget_set_margin_start (drop_zone, 6);
  gtk_widget_set_margin_end (drop_zone, 6);
  gtk_widget_set_margin_top (drop_zone, 6);
  gtk_widget_set_margin_bottom (drop_zone, 6);
  drop_label = gtk_label_new (_("Drop Here to Move to the Top Level"));
  gtk_label_set_wrap (GTK_LABEL (drop_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (drop_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (drop_label, TRUE);
  gtk_widget_set_margin_start (drop_label, 12);
  gtk_widget_set_margin_end (drop_label, 12);
  gtk_widget_set_margin_top (drop_label, 12);
  gtk_widget_set_margin_bottom (drop_label, 12);
  gtk_box_append (GTK_BOX (drop_zone), drop_label);
  target = gtk_drop_target_new (GRD_TYPE_CODE_OBJECT, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (top_level_drop_cb), self);
  gtk_widget_add_controller (drop_zone, GTK_EVENT_CONTROLLER (target));

  self->drop_revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->drop_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (GTK_REVEALER (self->drop_revealer), drop_zone);
  gtk_box_append (GTK_BOX (self->box), self->drop_revealer);

  self->menu = gtk_popover_menu_new_from_model (menu_model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  self->color_popover = grd_code_tree_create_color_popover ();
  gtk_widget_set_parent (self->color_popover, GTK_WIDGET (self));

  grd_code_tree_reset_models (self);
}

/* Public API */

GtkWidget *
grd_code_tree_view_new (void)
{
  return g_object_new (GRD_TYPE_CODE_TREE_VIEW, NULL);
}

void
grd_code_tree_view_set_project (GrdCodeTreeView *self,
                                GrdProject      *project)
{
  g_return_if_fail (GRD_IS_CODE_TREE_VIEW (self));
  g_return_if_fail (project == NULL || GRD_IS_PROJECT (project));

  if (self->project == project)
    return;

  grd_follow_project (&self->project, &self->changed_id, project,
                      G_CALLBACK (project_changed_cb), self);

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  grd_code_tree_reset_models (self);
  grd_code_tree_refresh (self);
}

gint64
grd_code_tree_view_get_selected_code (GrdCodeTreeView *self)
{
  g_return_val_if_fail (GRD_IS_CODE_TREE_VIEW (self), 0);

  return self->selected_code;
}

void
grd_code_tree_view_select_code (GrdCodeTreeView *self,
                                gint64           code_id)
{
  g_return_if_fail (GRD_IS_CODE_TREE_VIEW (self));

  if (code_id != 0 && self->showing_filter &&
      grd_code_tree_find_position (self, code_id) == GTK_INVALID_LIST_POSITION)
    grd_code_tree_clear_filter (self);

  grd_code_tree_select_and_show (self, code_id);
}

void
grd_code_tree_view_focus_filter (GrdCodeTreeView *self)
{
  g_return_if_fail (GRD_IS_CODE_TREE_VIEW (self));

  gtk_widget_grab_focus (self->filter_entry);
}
