/* grd-code-tree-private.h: what the code tree's files share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The code tree is one widget in four files: grd-code-tree-view.c (the
 * widget, selection, rename and moves), grd-code-tree-actions.c (the
 * code.* actions and the menu that offers them), grd-code-tree-model.c
 * (keeping the tree's list models in step with the project) and
 * grd-code-tree-row.c (one row: its look, editing, drag and drop).
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-code-object.h"
#include "grd-code-tree-view.h"

G_BEGIN_DECLS

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
  gint64              chooser_code;
  gint64              move_code;
  gint64              move_parent;
  guint               rename_idle_id;
  guint               chooser_idle_id;
  guint               move_idle_id;
  gboolean            showing_filter;
  gboolean            syncing;          /* rows change under the selection */
};

void grd_code_tree_row_start_editing (GrdCodeTreeRow *row);
void grd_code_tree_setup_row (GtkSignalListItemFactory *factory,
                              GtkListItem *item,
                              GrdCodeTreeView *self);
void grd_code_tree_bind_row (GtkSignalListItemFactory *factory,
                             GtkListItem *item,
                             GrdCodeTreeView *self);
void grd_code_tree_unbind_row (GtkSignalListItemFactory *factory,
                               GtkListItem *item,
                               GrdCodeTreeView *self);
void grd_code_tree_refresh (GrdCodeTreeView *self);
void grd_code_tree_reset_models (GrdCodeTreeView *self);
void grd_code_tree_apply_filter (GrdCodeTreeView *self,
                                 const char *text);
void grd_code_tree_clear_filter (GrdCodeTreeView *self);
gint64 * grd_code_tree_id_key (gint64 id);
char * grd_code_tree_fold (const char *text);
GrdCodeObject * grd_code_tree_lookup (GrdCodeTreeView *self,
                                      gint64 code_id);
gboolean grd_code_tree_can_drop_onto (GrdCodeTreeView *self,
                                      gint64 code_id,
                                      gint64 target_id);
guint grd_code_tree_reveal (GrdCodeTreeView *self,
                            gint64 code_id);
gboolean grd_code_tree_list_has_focus (GrdCodeTreeView *self);
void grd_code_tree_scroll_to (GrdCodeTreeView *self,
                              guint position);
void grd_code_tree_sync_selected (GrdCodeTreeView *self);
void grd_code_tree_update_stack (GrdCodeTreeView *self);
void grd_code_tree_select_and_show (GrdCodeTreeView *self,
                                    gint64 code_id);
void grd_code_tree_popup_at (GrdCodeTreeView *self,
                             GtkPopover *popover,
                             GrdCodeTreeRow *row,
                             double x,
                             double y);
gboolean grd_code_tree_start_pending_rename (gpointer user_data);
void grd_code_tree_return_focus (GrdCodeTreeView *self,
                                 GrdCodeTreeRow *row);
void grd_code_tree_rename_code (GrdCodeTreeView *self,
                                GrdCodeTreeRow *row,
                                const char *name);
void grd_code_tree_schedule_move (GrdCodeTreeView *self,
                                  gint64 code_id,
                                  gint64 parent_id);
guint grd_code_tree_find_position (GrdCodeTreeView *self,
                                   gint64 code_id);
void grd_code_tree_focus_list (GrdCodeTreeView *self);
void grd_code_tree_popup_at_selected (GrdCodeTreeView *self,
                                      GtkPopover *popover);
void grd_code_tree_start_rename (GrdCodeTreeView *self,
                                 gint64 code_id);
void grd_code_tree_update_actions (GrdCodeTreeView *self);
const char * grd_code_tree_get_selected_kind (GrdCodeTreeView *self);
void grd_code_tree_set_selected_kind (GrdCodeTreeView *self,
                                      const char      *kind);
void grd_code_tree_install_actions (GtkWidgetClass *widget_class);
GMenuModel * grd_code_tree_create_menu_model (void);
GtkWidget * grd_code_tree_create_color_popover (void);

G_END_DECLS
