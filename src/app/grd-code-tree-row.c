/* grd-code-tree-row.c: one row of the code tree
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row shows a code (colour, name, kind, counts), edits its name in
 * place, and is both a drag source and a drop target for regrouping.
 */

#define G_LOG_DOMAIN "grd-code-tree"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-tree-private.h"
#include "grd-widget-util.h"

G_DEFINE_FINAL_TYPE (GrdCodeTreeRow, grd_code_tree_row, GTK_TYPE_WIDGET)

/* Row */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  GrdCodeTreeRow *row = user_data;
  GdkRGBA rgba;

  if (row->code == NULL)
    return;

  grd_code_object_get_rgba (row->code, &rgba);
  grd_draw_circle (cr, width, height, &rgba);
}

/* The path above the code: its own name is already on the row. */
static char *
parent_path (GrdCodeObject *code)
{
  const char *path = grd_code_object_get_path (code);
  const char *name = grd_code_object_get_name (code);
  gsize path_len = strlen (path);
  gsize name_len = strlen (name);

  if (path_len < name_len + 3 || !g_str_has_suffix (path, name))
    return NULL;

  return g_strndup (path, path_len - name_len - 3);
}

static void
row_sync (GrdCodeTreeRow *row)
{
  GtkEditableLabel *name = GTK_EDITABLE_LABEL (row->name);
  const GrdCode *code;
  g_autofree char *path = NULL;
  g_autofree char *count = NULL;
  g_autofree char *quotes = NULL;
  g_autoptr(GString) accessible = NULL;
  const char *caption;

  if (row->code == NULL)
    return;

  code = grd_code_object_get_code (row->code);

  /* Never overwrite what the user is typing. */
  if (!gtk_editable_label_get_editing (name) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name)), code->name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (name), code->name);

  if (row->show_path)
    {
      path = parent_path (row->code);
      caption = path;
      gtk_label_set_ellipsize (GTK_LABEL (row->caption), PANGO_ELLIPSIZE_START);
    }
  else
    {
      /* most codes are open codes: a caption saying so would be noise */
      caption = code->kind != GRD_CODE_KIND_OPEN_CODE ? grd_code_kind_caption (code->kind, FALSE)
                                                      : NULL;
      gtk_label_set_ellipsize (GTK_LABEL (row->caption), PANGO_ELLIPSIZE_END);
    }
  gtk_label_set_label (GTK_LABEL (row->caption), caption);
  gtk_widget_set_visible (row->caption, caption != NULL);

  if (code->n_children > 0)
    {
      /* Translators: a code's own quotes · its quotes with its sub-codes' */
      count = g_strdup_printf (_("%u · %u"), code->n_codings, code->n_codings_total);
      quotes = g_strdup_printf (ngettext ("%u quote, %u with sub-codes",
                                          "%u quotes, %u with sub-codes",
                                          code->n_codings),
                                code->n_codings, code->n_codings_total);
    }
  else
    {
      count = g_strdup_printf ("%u", code->n_codings);
      quotes = g_strdup_printf (ngettext ("%u quote", "%u quotes", code->n_codings),
                                code->n_codings);
    }
  gtk_label_set_label (GTK_LABEL (row->count), count);

  gtk_widget_queue_draw (row->dot);

  /* GTK 4.8 list items have no accessible label of their own. */
  accessible = g_string_new (code->name);
  if (caption != NULL)
    {
      g_string_append (accessible, ", ");
      if (row->show_path)
        g_string_append_printf (accessible, _("in %s"), caption);
      else
        g_string_append (accessible, caption);
    }
  g_string_append_printf (accessible, ", %s", quotes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str,
                                  -1);
}

/* Asked for when shown: setting a tooltip on every bind made binding
 * several times slower. */
static gboolean
row_count_tooltip_cb (GtkWidget      *widget,
                      int             x,
                      int             y,
                      gboolean        keyboard,
                      GtkTooltip     *tooltip,
                      GrdCodeTreeRow *row)
{
  const GrdCode *code;
  g_autofree char *text = NULL;

  if (row->code == NULL)
    return FALSE;

  code = grd_code_object_get_code (row->code);
  if (code->n_children > 0)
    text = g_strdup_printf (ngettext ("%u quote coded here, %u with sub-codes",
                                      "%u quotes coded here, %u with sub-codes",
                                      code->n_codings),
                            code->n_codings, code->n_codings_total);
  else
    text = g_strdup_printf (ngettext ("%u quote coded here", "%u quotes coded here",
                                      code->n_codings),
                            code->n_codings);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
row_bind (GrdCodeTreeRow *row,
          GrdCodeObject  *code,
          gboolean        show_path)
{
  row->code = g_object_ref (code);
  row->show_path = show_path;
  row->notify_id = g_signal_connect_swapped (code, "notify", G_CALLBACK (row_sync), row);
  row_sync (row);
}

static void
row_unbind (GrdCodeTreeRow *row)
{
  if (row->code != NULL)
    {
      g_clear_signal_handler (&row->notify_id, row->code);
      g_clear_object (&row->code);
    }

  /* Without a code the editing handler has nothing to rename. */
  if (gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (row->name)))
    gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (row->name), FALSE);
}

void
grd_code_tree_row_start_editing (GrdCodeTreeRow *row)
{
  gtk_widget_set_can_target (row->name, TRUE);
  gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (row->name));
}

static void
row_editing_changed_cb (GrdCodeTreeRow *row)
{
  GtkEditableLabel *name = GTK_EDITABLE_LABEL (row->name);
  const char *text;

  if (gtk_editable_label_get_editing (name))
    return;

  /* A click on the name must select the row, not start editing. */
  gtk_widget_set_can_target (row->name, FALSE);

  if (row->code == NULL)
    return;

  grd_code_tree_return_focus (row->view, row);

  text = gtk_editable_get_text (GTK_EDITABLE (name));
  if (g_strcmp0 (text, grd_code_object_get_name (row->code)) != 0)
    grd_code_tree_rename_code (row->view, row, text);
}

static void
row_context_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        GrdCodeTreeRow  *row)
{
  GrdCodeTreeView *self = row->view;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  double view_x, view_y;

  if (row->code == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  grd_code_tree_select_and_show (self, grd_code_object_get_id (row->code));

  if (gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &view_x, &view_y))
    grd_code_tree_popup_at (self, GTK_POPOVER (self->menu), NULL, view_x, view_y);
}

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource  *source,
                     double          x,
                     double          y,
                     GrdCodeTreeRow *row)
{
  g_autoptr(GdkPaintable) icon = NULL;

  if (row->code == NULL || gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (row->name)))
    return NULL;

  icon = gtk_widget_paintable_new (row->expander);
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);

  return gdk_content_provider_new_typed (GRD_TYPE_CODE_OBJECT, row->code);
}

static void
row_drag_begin_cb (GtkDragSource  *source,
                   GdkDrag        *drag,
                   GrdCodeTreeRow *row)
{
  /* Only a code that has a parent can go to the top level. */
  if (row->code != NULL && grd_code_object_get_code (row->code)->parent_id != 0)
    gtk_revealer_set_reveal_child (GTK_REVEALER (row->view->drop_revealer), TRUE);
}

static void
row_drag_end_cb (GtkDragSource  *source,
                 GdkDrag        *drag,
                 gboolean        delete_data,
                 GrdCodeTreeRow *row)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (row->view->drop_revealer), FALSE);
}

static GrdCodeObject *
dropped_code (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  if (value == NULL || !G_VALUE_HOLDS (value, GRD_TYPE_CODE_OBJECT))
    return NULL;

  return g_value_get_object (value);
}

static GdkDragAction
row_drop_motion_cb (GtkDropTarget  *target,
                    double          x,
                    double          y,
                    GrdCodeTreeRow *row)
{
  GrdCodeObject *code = dropped_code (target);

  if (row->code == NULL)
    return 0;

  /* Until the value arrives, accept; the drop itself checks again. */
  if (code != NULL &&
      !grd_code_tree_can_drop_onto (row->view, grd_code_object_get_id (code), grd_code_object_get_id (row->code)))
    return 0;

  return GDK_ACTION_MOVE;
}

static gboolean
row_drop_cb (GtkDropTarget  *target,
             const GValue   *value,
             double          x,
             double          y,
             GrdCodeTreeRow *row)
{
  GrdCodeObject *code = g_value_get_object (value);
  gint64 code_id, target_id;

  if (code == NULL || row->code == NULL)
    return FALSE;

  code_id = grd_code_object_get_id (code);
  target_id = grd_code_object_get_id (row->code);
  if (!grd_code_tree_can_drop_onto (row->view, code_id, target_id))
    return FALSE;

  grd_code_tree_schedule_move (row->view, code_id, target_id);
  return TRUE;
}

static void
grd_code_tree_row_dispose (GObject *object)
{
  GrdCodeTreeRow *row = GRD_CODE_TREE_ROW (object);
  GtkWidget *child;

  row_unbind (row);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (row))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (grd_code_tree_row_parent_class)->dispose (object);
}

static void
grd_code_tree_row_class_init (GrdCodeTreeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_code_tree_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "coderow");
}

static void
grd_code_tree_row_init (GrdCodeTreeRow *row)
{
  GtkWidget *stack;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (row))), 6);
  /* The counts line up at the right edge. */
  gtk_widget_set_hexpand (GTK_WIDGET (row), TRUE);

  row->dot = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->dot), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->dot), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->dot), draw_dot, row, NULL);
  gtk_widget_set_valign (row->dot, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (row->dot, GTK_WIDGET (row));

  /* Not focusable and not a click target until F2: a click selects the row
   * and arrow keys move between rows. */
  row->name = gtk_editable_label_new ("");
  gtk_widget_set_focusable (row->name, FALSE);
  gtk_widget_set_can_target (row->name, FALSE);
  gtk_widget_set_hexpand (row->name, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->name), 4);
  gtk_widget_set_parent (row->name, GTK_WIDGET (row));
  g_signal_connect_swapped (row->name, "notify::editing", G_CALLBACK (row_editing_changed_cb), row);

  /* GtkEditableLabel cannot ellipsize; its documented nodes
   * (editablelabel > stack > label) lead to the label that can. */
  stack = gtk_widget_get_first_child (row->name);
  for (GtkWidget *child = stack != NULL ? gtk_widget_get_first_child (stack) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);

  row->caption = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->caption, "caption");
  gtk_widget_add_css_class (row->caption, "dim-label");
  gtk_widget_set_parent (row->caption, GTK_WIDGET (row));

  row->count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->count), 1.0);
  gtk_widget_add_css_class (row->count, "numeric");
  gtk_widget_add_css_class (row->count, "dim-label");
  gtk_widget_set_has_tooltip (row->count, TRUE);
  g_signal_connect (row->count, "query-tooltip", G_CALLBACK (row_count_tooltip_cb), row);
  gtk_widget_set_parent (row->count, GTK_WIDGET (row));
}

static GrdCodeTreeRow *
row_new (GrdCodeTreeView *view,
         GtkWidget       *expander)
{
  GrdCodeTreeRow *row = g_object_new (GRD_TYPE_CODE_TREE_ROW, NULL);

  row->view = view;
  row->expander = expander;

  return row;
}

/* Model */

void
grd_code_tree_setup_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GrdCodeTreeView          *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GrdCodeTreeRow *row = row_new (self, expander);
  GtkGesture *click;
  GtkDragSource *source;
  GtkDropTarget *target;

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), GTK_WIDGET (row));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_context_pressed_cb), row);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (row_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (row_drag_begin_cb), row);
  g_signal_connect (source, "drag-end", G_CALLBACK (row_drag_end_cb), row);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (GRD_TYPE_CODE_OBJECT, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (row_drop_motion_cb), row);
  g_signal_connect (target, "motion", G_CALLBACK (row_drop_motion_cb), row);
  g_signal_connect (target, "drop", G_CALLBACK (row_drop_cb), row);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));

  gtk_list_item_set_child (item, expander);
}

void
grd_code_tree_bind_row (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GrdCodeTreeView          *self)
{
  GtkTreeListRow *list_row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  GrdCodeTreeRow *row = GRD_CODE_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  g_autoptr(GrdCodeObject) code = gtk_tree_list_row_get_item (list_row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), list_row);
  /* The flat list of matches has no arrows to line up with. */
  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), !self->showing_filter);
  row_bind (row, code, self->showing_filter);
  g_hash_table_add (self->rows, row);

  if (self->pending_rename != 0 &&
      self->pending_rename == grd_code_object_get_id (code) &&
      self->rename_idle_id == 0)
    self->rename_idle_id = g_idle_add (grd_code_tree_start_pending_rename, self);
}

void
grd_code_tree_unbind_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GrdCodeTreeView          *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GrdCodeTreeRow *row = GRD_CODE_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));

  g_hash_table_remove (self->rows, row);
  row_unbind (row);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}
