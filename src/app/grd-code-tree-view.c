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

#include "grd-code-chooser.h"
#include "grd-code-object.h"
#include "grd-code-tree-view.h"
#include "grd-dialogs.h"
#include "grd-widget-util.h"

#define GRD_TYPE_CODE_TREE_ROW (grd_code_tree_row_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodeTreeRow, grd_code_tree_row, GRD, CODE_TREE_ROW, GtkWidget)

struct _GrdCodeTreeRow
{
  GtkWidget        parent_instance;

  GtkWidget       *dot;
  GtkWidget       *name;
  GtkWidget       *caption;
  GtkWidget       *count;

  /* Borrowed References */
  GrdCodeTreeView *view;
  GtkWidget       *expander;   /* the list item's child, our parent */

  /* Owned References */
  GrdCodeObject   *code;
  gulong           notify_id;
  gboolean         show_path;
};

struct _GrdCodeTreeView
{
  GtkWidget           parent_instance;

  /* Children */
  GtkWidget          *box;
  GtkWidget          *filter_entry;
  GtkWidget          *stack;
  GtkWidget          *list_view;
  GtkWidget          *no_matches_label;
  GtkWidget          *drop_revealer;
  GtkWidget          *menu;
  GtkWidget          *color_popover;
  GtkWidget          *chooser;          /* only while merging */

  /* Owned References */
  GrdProject         *project;
  gulong              changed_id;
  GtkSingleSelection *selection;
  GPtrArray          *codes;            /* GrdCodeObject in tree order */
  GHashTable         *by_id;            /* gint64 → GrdCodeObject (held by codes) */
  GHashTable         *children;         /* parent id → GListStore of GrdCodeObject */
  GListStore         *roots;
  GtkTreeListModel   *tree;             /* over roots and children */
  GListStore         *matches;          /* codes the filter finds */
  GtkTreeListModel   *filter_tree;      /* over matches, flat */
  GHashTable         *collapsed;        /* ids the user collapsed */
  GHashTable         *rows;             /* bound GrdCodeTreeRow */
  char               *filter;           /* folded filter text; NULL shows the tree */

  gint64              selected_code;
  gint64              pending_rename;
  gint64              merge_from;
  gint64              move_code;
  gint64              move_parent;
  guint               rename_idle_id;
  guint               chooser_idle_id;
  guint               move_idle_id;
  gboolean            showing_filter;
  gboolean            syncing;          /* rows change under the selection */
};

G_DEFINE_FINAL_TYPE (GrdCodeTreeRow, grd_code_tree_row, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (GrdCodeTreeView, grd_code_tree_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void     return_focus      (GrdCodeTreeView *self,
                                   GrdCodeTreeRow  *row);
static void     rename_code       (GrdCodeTreeView *self,
                                   GrdCodeTreeRow  *row,
                                   const char      *name);
static void     select_and_show   (GrdCodeTreeView *self,
                                   gint64           code_id);
static void     schedule_move     (GrdCodeTreeView *self,
                                   gint64           code_id,
                                   gint64           parent_id);
static gboolean can_drop_onto     (GrdCodeTreeView *self,
                                   gint64           code_id,
                                   gint64           target_id);
static void     popup_at          (GrdCodeTreeView *self,
                                   GtkPopover      *popover,
                                   GrdCodeTreeRow  *row,
                                   double           x,
                                   double           y);

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* Case and composition folded, so “Ä” finds “ä” however it was typed. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static const char *
kind_caption (GrdCodeKind kind)
{
  switch (kind)
    {
    case GRD_CODE_KIND_SUB_THEME:
      return _("sub-theme");
    case GRD_CODE_KIND_THEME:
      return _("theme");
    case GRD_CODE_KIND_AGGREGATE_DIMENSION:
      return _("dimension");
    case GRD_CODE_KIND_CORE_CATEGORY:
      return _("core category");
    case GRD_CODE_KIND_OPEN_CODE:
      break;
    }

  return NULL;
}

static void
draw_circle (cairo_t       *cr,
             int            width,
             int            height,
             const GdkRGBA *rgba)
{
  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA rgba;

  if (gdk_rgba_parse (&rgba, user_data))
    draw_circle (cr, width, height, &rgba);
}

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
  draw_circle (cr, width, height, &rgba);
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
      caption = kind_caption (code->kind);
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

static void
row_start_editing (GrdCodeTreeRow *row)
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

  return_focus (row->view, row);

  text = gtk_editable_get_text (GTK_EDITABLE (name));
  if (g_strcmp0 (text, grd_code_object_get_name (row->code)) != 0)
    rename_code (row->view, row, text);
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
  select_and_show (self, grd_code_object_get_id (row->code));

  if (gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &view_x, &view_y))
    popup_at (self, GTK_POPOVER (self->menu), NULL, view_x, view_y);
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
      !can_drop_onto (row->view, grd_code_object_get_id (code), grd_code_object_get_id (row->code)))
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
  if (!can_drop_onto (row->view, code_id, target_id))
    return FALSE;

  schedule_move (row->view, code_id, target_id);
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

static GrdCodeObject *
lookup (GrdCodeTreeView *self,
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

static guint
find_position (GrdCodeTreeView *self,
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
  GrdCodeObject *code = lookup (self, code_id);

  /* The walk is bounded, so a damaged file cannot hang the view. */
  for (guint i = 0; code != NULL && i <= self->codes->len; i++)
    {
      if (grd_code_object_get_id (code) == ancestor_id)
        return TRUE;
      code = lookup (self, grd_code_object_get_code (code)->parent_id);
    }

  return FALSE;
}

static gboolean
can_drop_onto (GrdCodeTreeView *self,
               gint64           code_id,
               gint64           target_id)
{
  return lookup (self, code_id) != NULL && !is_within (self, target_id, code_id);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GrdCodeTreeView *self = user_data;
  gint64 code_id = grd_code_object_get_id (item);
  GListStore *store = g_hash_table_lookup (self->children, &code_id);

  /* The store lives as long as the code has sub-codes, so later changes
   * to it reach this row's children. */
  return store != NULL ? g_object_ref (G_LIST_MODEL (store)) : NULL;
}

static GListModel *
no_children (gpointer item,
             gpointer user_data)
{
  return NULL;
}

static void
remember_expansion (GrdCodeTreeView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(GrdCodeObject) code = NULL;
      gint64 code_id;

      if (!gtk_tree_list_row_is_expandable (row))
        continue;

      code = gtk_tree_list_row_get_item (row);
      code_id = grd_code_object_get_id (code);
      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_remove (self->collapsed, &code_id);
      else
        g_hash_table_add (self->collapsed, id_key (code_id));
    }
}

/* New rows come expanded; this collapses those the user had collapsed.
 * Backwards, so collapsing a row removes only rows already seen. */
static void
restore_expansion (GrdCodeTreeView *self)
{
  if (g_hash_table_size (self->collapsed) == 0)
    return;

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i - 1);
      g_autoptr(GrdCodeObject) code = gtk_tree_list_row_get_item (row);
      gint64 code_id = grd_code_object_get_id (code);

      if (gtk_tree_list_row_get_expanded (row) && g_hash_table_contains (self->collapsed, &code_id))
        gtk_tree_list_row_set_expanded (row, FALSE);
    }
}

/* Expands the code's ancestors; returns its position or
 * GTK_INVALID_LIST_POSITION when it is not in the list. */
static guint
reveal (GrdCodeTreeView *self,
        gint64           code_id)
{
  GrdCodeObject *code = lookup (self, code_id);
  g_autoptr(GArray) ancestors = NULL;

  if (code == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (!self->showing_filter)
    {
      ancestors = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (GrdCodeObject *up = lookup (self, grd_code_object_get_code (code)->parent_id);
           up != NULL && ancestors->len <= self->codes->len;
           up = lookup (self, grd_code_object_get_code (up)->parent_id))
        {
          gint64 up_id = grd_code_object_get_id (up);

          g_array_append_val (ancestors, up_id);
        }

      /* From the top, so each ancestor is in the list when its turn comes. */
      for (guint i = ancestors->len; i > 0; i--)
        {
          gint64 up_id = g_array_index (ancestors, gint64, i - 1);
          guint position = find_position (self, up_id);
          g_autoptr(GtkTreeListRow) row = NULL;

          if (position == GTK_INVALID_LIST_POSITION)
            break;

          row = gtk_tree_list_model_get_row (self->tree, position);
          gtk_tree_list_row_set_expanded (row, TRUE);
          g_hash_table_remove (self->collapsed, &up_id);
        }
    }

  return find_position (self, code_id);
}

static GrdCodeObject *
selected_object (GrdCodeTreeView *self)
{
  return lookup (self, self->selected_code);
}

static gboolean
list_has_focus (GrdCodeTreeView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->list_view || gtk_widget_is_ancestor (focus, self->list_view));
}

static void
scroll_to (GrdCodeTreeView *self,
           guint            position)
{
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}

/* Focuses the selected row, or the first one after selecting it. */
static void
focus_list (GrdCodeTreeView *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      position = 0;
      gtk_single_selection_set_selected (self->selection, position);
    }

  scroll_to (self, position);
  gtk_widget_grab_focus (self->list_view);
}

static void
update_actions (GrdCodeTreeView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GrdCodeObject *code = selected_object (self);
  gboolean has_code = code != NULL;

  gtk_widget_action_set_enabled (widget, "code.new", self->project != NULL);
  gtk_widget_action_set_enabled (widget, "code.rename", has_code);
  gtk_widget_action_set_enabled (widget, "code.new-sub-code", has_code);
  gtk_widget_action_set_enabled (widget, "code.move-to-top",
                                 has_code && grd_code_object_get_code (code)->parent_id != 0);
  gtk_widget_action_set_enabled (widget, "code.merge", has_code && self->codes->len > 1);
  gtk_widget_action_set_enabled (widget, "code.delete", has_code);
  gtk_widget_action_set_enabled (widget, "code.color", has_code);
  gtk_widget_action_set_enabled (widget, "code.set-color", has_code);
  gtk_widget_action_set_enabled (widget, "code.menu", has_code);
}

/* Reads the selection into selected-code. */
static void
sync_selected (GrdCodeTreeView *self)
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

  update_actions (self);
}

static void
update_stack (GrdCodeTreeView *self)
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

/* Makes store hold items with the fewest row changes: only the part
 * between what the two have in common at the start and at the end is
 * replaced, so an added code makes one new row, not a new list. */
static void
sync_store (GListStore *store,
            GPtrArray  *items)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = items->len;
  guint head = 0, tail = 0;

  for (; head < n_old && head < n_new; head++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, head);

      if (item != g_ptr_array_index (items, head))
        break;
    }

  for (; tail < n_old - head && tail < n_new - head; tail++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, n_old - 1 - tail);

      if (item != g_ptr_array_index (items, n_new - 1 - tail))
        break;
    }

  if (head + tail < n_old || head + tail < n_new)
    g_list_store_splice (store, head, n_old - head - tail,
                         items->pdata + head, n_new - head - tail);
}

static void
sync_matches (GrdCodeTreeView *self)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();

  if (self->filter != NULL)
    for (guint i = 0; i < self->codes->len; i++)
      {
        GrdCodeObject *code = g_ptr_array_index (self->codes, i);
        g_autofree char *name = fold (grd_code_object_get_name (code));

        if (strstr (name, self->filter) != NULL)
          g_ptr_array_add (matches, code);
      }

  sync_store (self->matches, matches);
}

/* After the rows changed under the selection: selects the same code again
 * and gives the keyboard focus back if it was on a row that went away. */
static void
restore_selection (GrdCodeTreeView *self,
                   gint64           code_id,
                   gboolean         had_focus)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    {
      position = reveal (self, code_id);
      gtk_single_selection_set_selected (self->selection, position);
      if (position != GTK_INVALID_LIST_POSITION)
        scroll_to (self, position);
    }

  self->syncing = FALSE;
  sync_selected (self);
  update_stack (self);

  if (had_focus && !list_has_focus (self) && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_grab_focus (self->list_view);
}

/* Brings the models in line with fresh (the project's codes, in tree
 * order). Codes that stay keep their GrdCodeObject, updated in place, and
 * their rows; only the rows of codes that were added, moved or removed
 * change, plus those of codes that gained their first or lost their last
 * sub-code (GTK 4.8 asks once whether a row can expand). */
static void
sync_codes (GrdCodeTreeView *self,
            GPtrArray       *fresh)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_full (fresh->len, g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) kids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) flipped = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean had_focus = list_has_focus (self);
  gint64 selected = self->selected_code;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < fresh->len; i++)
    {
      GrdCodeObject *code = g_ptr_array_index (fresh, i);
      GrdCodeObject *old = lookup (self, grd_code_object_get_id (code));
      const GrdCode *data;
      GPtrArray *siblings;

      if (old != NULL)
        {
          grd_code_object_update (old, grd_code_object_get_code (code), grd_code_object_get_path (code));
          code = old;
        }

      data = grd_code_object_get_code (code);
      g_ptr_array_add (codes, g_object_ref (code));
      g_hash_table_insert (by_id, id_key (data->id), code);

      if (data->parent_id == 0)
        {
          g_ptr_array_add (roots, code);
          continue;
        }

      siblings = g_hash_table_lookup (kids, &data->parent_id);
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (kids, id_key (data->parent_id), siblings);
        }
      g_ptr_array_add (siblings, code);
    }

  remember_expansion (self);
  self->syncing = TRUE;

  /* First every store the create function may hand out, complete, so rows
   * made while the stores below change see the final tree. */
  g_hash_table_iter_init (&iter, kids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GListStore *store = g_hash_table_lookup (self->children, key);
      GrdCodeObject *parent = lookup (self, *(gint64 *) key);

      if (store != NULL)
        continue;

      store = g_list_store_new (GRD_TYPE_CODE_OBJECT);
      sync_store (store, value);
      g_hash_table_insert (self->children, id_key (*(gint64 *) key), store);
      if (parent != NULL)
        g_ptr_array_add (flipped, g_object_ref (parent));
    }

  g_hash_table_iter_init (&iter, self->children);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GrdCodeObject *parent = g_hash_table_lookup (by_id, key);

      if (g_hash_table_contains (kids, key))
        continue;

      if (parent != NULL)
        g_ptr_array_add (flipped, g_object_ref (parent));
      g_hash_table_iter_remove (&iter);
    }

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  self->codes = g_steal_pointer (&codes);
  self->by_id = g_steal_pointer (&by_id);

  g_hash_table_iter_init (&iter, kids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sync_store (g_hash_table_lookup (self->children, key), value);
  sync_store (self->roots, roots);

  /* Put back in place, so GTK asks again whether they expand. */
  for (guint i = 0; i < flipped->len; i++)
    {
      GrdCodeObject *code = g_ptr_array_index (flipped, i);
      gint64 parent_id = grd_code_object_get_code (code)->parent_id;
      GListStore *store = parent_id == 0 ? self->roots : g_hash_table_lookup (self->children, &parent_id);
      guint position;

      if (store != NULL && g_list_store_find (store, code, &position))
        g_list_store_splice (store, position, 1, (gpointer *) &code, 1);
    }

  restore_expansion (self);
  sync_matches (self);
  restore_selection (self, selected, had_focus);
}

static void
refresh (GrdCodeTreeView *self)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    codes = g_ptr_array_new_with_free_func (g_object_unref);
  else
    codes = grd_code_objects_list (self->project, &error);

  if (codes == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not read the codes"), error);
      return;
    }

  sync_codes (self, codes);
}

static void
show_model (GrdCodeTreeView  *self,
            GtkTreeListModel *model)
{
  gint64 selected = self->selected_code;
  gboolean had_focus = list_has_focus (self);

  self->syncing = TRUE;
  self->showing_filter = model == self->filter_tree;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  restore_selection (self, selected, had_focus);
}

/* A new, empty tree: nothing of an earlier project's carries over. */
static void
reset_models (GrdCodeTreeView *self)
{
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  g_clear_object (&self->filter_tree);
  g_clear_object (&self->matches);
  g_hash_table_remove_all (self->children);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->collapsed);
  g_ptr_array_set_size (self->codes, 0);
  g_clear_pointer (&self->filter, g_free);
  self->pending_rename = 0;

  self->roots = g_list_store_new (GRD_TYPE_CODE_OBJECT);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)), FALSE, TRUE,
                                        create_children, self, NULL);
  self->matches = g_list_store_new (GRD_TYPE_CODE_OBJECT);
  self->filter_tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->matches)), FALSE, TRUE,
                                               no_children, NULL, NULL);
  show_model (self, self->tree);
}

static void
apply_filter (GrdCodeTreeView *self,
              const char      *text)
{
  g_autofree char *folded = text != NULL && *text != '\0' ? fold (text) : NULL;

  if (g_strcmp0 (folded, self->filter) == 0)
    return;

  g_free (self->filter);
  self->filter = g_steal_pointer (&folded);
  sync_matches (self);
  show_model (self, self->filter != NULL ? self->filter_tree : self->tree);
}

static void
clear_filter (GrdCodeTreeView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  apply_filter (self, NULL);
}

static void
select_and_show (GrdCodeTreeView *self,
                 gint64           code_id)
{
  guint position = reveal (self, code_id);

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (self, position);
}

static void
popup_at (GrdCodeTreeView *self,
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
static void
popup_at_selected (GrdCodeTreeView *self,
                   GtkPopover      *popover)
{
  popup_at (self, popover, find_row (self, self->selected_code), -1, -1);
}

static gboolean
start_pending_rename (gpointer user_data)
{
  GrdCodeTreeView *self = user_data;
  GrdCodeTreeRow *row = find_row (self, self->pending_rename);

  self->rename_idle_id = 0;
  self->pending_rename = 0;
  if (row != NULL)
    row_start_editing (row);

  return G_SOURCE_REMOVE;
}

/* The row may not exist yet (a code added a moment ago, or scrolled out of
 * sight); then binding it starts the editing. */
static void
start_rename (GrdCodeTreeView *self,
              gint64           code_id)
{
  GrdCodeTreeRow *row = find_row (self, code_id);

  g_clear_handle_id (&self->rename_idle_id, g_source_remove);

  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)))
    {
      self->pending_rename = 0;
      row_start_editing (row);
    }
  else
    {
      self->pending_rename = code_id;
      if (row != NULL)
        self->rename_idle_id = g_idle_add (start_pending_rename, self);
    }
}

/* Enter or Escape leave the focus nowhere; give it back to the row. A click
 * elsewhere ended the editing because the user went there: stay there. */
static void
return_focus (GrdCodeTreeView *self,
              GrdCodeTreeRow  *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)))
    gtk_widget_grab_focus (self->list_view);
}

static void
rename_code (GrdCodeTreeView *self,
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

  if (self->project == NULL || lookup (self, code_id) == NULL)
    return G_SOURCE_REMOVE;

  if (!grd_project_move_code (self->project, code_id, self->move_parent, -1, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not move the code"), error);
  else
    select_and_show (self, code_id);

  return G_SOURCE_REMOVE;
}

/* After the drop returns: the move may replace the very row whose drop
 * target is still finishing the drop. */
static void
schedule_move (GrdCodeTreeView *self,
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
      GrdCodeObject *object = lookup (self, code_ids[i]);
      const GrdCode *shown;
      int delta;

      if (code_ids[i] == 0 || (i == 1 && code_ids[1] == code_ids[0]))
        continue;
      if (object == NULL || (fresh = grd_project_get_code (self->project, code_ids[i], NULL)) == NULL)
        return FALSE;

      shown = grd_code_object_get_code (object);
      delta = (int) fresh->n_codings_total - (int) shown->n_codings_total;
      grd_code_object_set_counts (object, fresh->n_codings, fresh->n_codings_total);

      for (GrdCodeObject *up = lookup (self, shown->parent_id); up != NULL && delta != 0;
           up = lookup (self, grd_code_object_get_code (up)->parent_id))
        {
          const GrdCode *above = grd_code_object_get_code (up);

          grd_code_object_set_counts (up, above->n_codings, (guint) ((int) above->n_codings_total + delta));
        }
    }
  return TRUE;
}

static void
project_changed_cb (GrdCodeTreeView       *self,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    GrdProject            *project)
{
  if ((change & (GRD_CHANGE_CODES | GRD_CHANGE_CODINGS)) == 0)
    return;

  if (coding_change != NULL && follow_coding (self, coding_change))
    return;

  refresh (self);
}

static void
selection_changed_cb (GrdCodeTreeView *self)
{
  if (!self->syncing)
    sync_selected (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
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

static void
bind_cb (GtkSignalListItemFactory *factory,
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
    self->rename_idle_id = g_idle_add (start_pending_rename, self);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GrdCodeTreeView          *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GrdCodeTreeRow *row = GRD_CODE_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));

  g_hash_table_remove (self->rows, row);
  row_unbind (row);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
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

  if (code == NULL || !below_rows (self, y) || lookup (self, grd_code_object_get_id (code)) == NULL)
    return FALSE;

  schedule_move (self, grd_code_object_get_id (code), 0);
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

  if (code == NULL || lookup (self, grd_code_object_get_id (code)) == NULL)
    return FALSE;

  schedule_move (self, grd_code_object_get_id (code), 0);
  return TRUE;
}

static void
filter_changed_cb (GrdCodeTreeView *self)
{
  apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
}

static void
filter_activate_cb (GrdCodeTreeView *self)
{
  /* Enter may come before the delayed search-changed. */
  filter_changed_cb (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      scroll_to (self, 0);
    }
}

static void
filter_stop_cb (GrdCodeTreeView *self)
{
  clear_filter (self);
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
  focus_list (self);
  return TRUE;
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
  GrdCodeObject *from = lookup (self, self->merge_from);
  GrdCodeObject *into = lookup (self, into_id);

  if (from == NULL || into == NULL)
    return;

  from_name = g_strdup (grd_code_object_get_name (from));
  into_name = g_strdup (grd_code_object_get_name (into));

  if (!grd_project_merge_codes (self->project, self->merge_from, into_id, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not merge the codes"), error);
      return;
    }

  select_and_show (self, into_id);
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
  clear_filter (self);

  code_id = grd_project_add_code (self->project, parent_id, name, GRD_CODE_KIND_OPEN_CODE,
                                  NULL, NULL, &error);
  if (code_id == 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not add a code"), error);
      return;
    }

  select_and_show (self, code_id);
  start_rename (self, code_id);
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
  guint position = find_position (self, self->selected_code);

  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (self, position);
  start_rename (self, self->selected_code);
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
    select_and_show (self, code_id);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);

  g_clear_handle_id (&self->chooser_idle_id, g_source_remove);
  g_clear_pointer (&self->chooser, gtk_widget_unparent);

  self->merge_from = self->selected_code;
  self->chooser = grd_code_chooser_new (self->project, _("Merge Into"), FALSE);
  grd_code_chooser_set_excluded (GRD_CODE_CHOOSER (self->chooser), self->merge_from);
  gtk_widget_set_parent (self->chooser, widget);
  g_signal_connect_object (self->chooser, "code-chosen", G_CALLBACK (merge_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chooser, "closed", G_CALLBACK (chooser_closed_cb), self,
                           G_CONNECT_SWAPPED);

  popup_at_selected (self, GTK_POPOVER (self->chooser));
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
  gboolean had_focus = list_has_focus (self);
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
      focus_list (self);
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

  popup_at_selected (self, GTK_POPOVER (self->color_popover));
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

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrdCodeTreeView *self = GRD_CODE_TREE_VIEW (widget);

  popup_at_selected (self, GTK_POPOVER (self->menu));
}

/* Construction */

static GMenuModel *
create_menu_model (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) regroup = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autoptr(GMenuItem) rename_item = g_menu_item_new (_("_Rename"), "code.rename");
  g_autoptr(GMenuItem) delete_item = g_menu_item_new (_("_Delete"), "code.delete");

  g_menu_item_set_attribute (rename_item, "accel", "s", "F2");
  g_menu_append_item (edit, rename_item);
  g_menu_append (edit, _("New _Sub-code"), "code.new-sub-code");
  g_menu_append (edit, _("_Colour…"), "code.color");
  g_menu_append (regroup, _("Move to _Top Level"), "code.move-to-top");
  g_menu_append (regroup, _("_Merge Into…"), "code.merge");
  g_menu_item_set_attribute (delete_item, "accel", "s", "Delete");
  g_menu_append_item (danger, delete_item);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (regroup));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_color_popover (void)
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
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      (gpointer) palette[i].color, NULL);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _(palette[i].name));
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

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "code.new", NULL, new_code_action);
  gtk_widget_class_install_action (widget_class, "code.new-sub-code", NULL, new_sub_code_action);
  gtk_widget_class_install_action (widget_class, "code.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "code.move-to-top", NULL, move_to_top_action);
  gtk_widget_class_install_action (widget_class, "code.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "code.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "code.color", NULL, color_action);
  gtk_widget_class_install_action (widget_class, "code.set-color", "s", set_color_action);
  gtk_widget_class_install_action (widget_class, "code.menu", NULL, menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "code.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "code.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "code.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "code.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "code.menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "codetree");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_code_tree_view_init (GrdCodeTreeView *self)
{
  g_autoptr(GMenuModel) menu_model = create_menu_model ();
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
  gtk_widget_set_tooltip_text (new_button, _("New Code"));
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
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);

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

  self->color_popover = create_color_popover ();
  gtk_widget_set_parent (self->color_popover, GTK_WIDGET (self));

  reset_models (self);
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

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id = g_signal_connect_object (project, "changed",
                                                G_CALLBACK (project_changed_cb), self,
                                                G_CONNECT_SWAPPED);

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  reset_models (self);
  refresh (self);
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

  if (code_id != 0 && self->showing_filter && find_position (self, code_id) == GTK_INVALID_LIST_POSITION)
    clear_filter (self);

  select_and_show (self, code_id);
}

void
grd_code_tree_view_focus_filter (GrdCodeTreeView *self)
{
  g_return_if_fail (GRD_IS_CODE_TREE_VIEW (self));

  gtk_widget_grab_focus (self->filter_entry);
}
