/* grd-code-tree-model.c: the code tree's list models, in step with the project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the stores are kept is said at the top of grd-code-tree-view.c.
 */

#define G_LOG_DOMAIN "grd-code-tree"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-tree-private.h"
#include "grd-dialogs.h"

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
        g_hash_table_add (self->collapsed, grd_code_tree_id_key (code_id));
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
        g_autofree char *name = grd_code_tree_fold (grd_code_object_get_name (code));

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
      position = grd_code_tree_reveal (self, code_id);
      gtk_single_selection_set_selected (self->selection, position);
      if (position != GTK_INVALID_LIST_POSITION)
        grd_code_tree_scroll_to (self, position);
    }

  self->syncing = FALSE;
  grd_code_tree_sync_selected (self);
  grd_code_tree_update_stack (self);

  if (had_focus && !grd_code_tree_list_has_focus (self) && position != GTK_INVALID_LIST_POSITION)
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
  gboolean had_focus = grd_code_tree_list_has_focus (self);
  gint64 selected = self->selected_code;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < fresh->len; i++)
    {
      GrdCodeObject *code = g_ptr_array_index (fresh, i);
      GrdCodeObject *old = grd_code_tree_lookup (self, grd_code_object_get_id (code));
      const GrdCode *data;
      GPtrArray *siblings;

      if (old != NULL)
        {
          grd_code_object_update (old, grd_code_object_get_code (code), grd_code_object_get_path (code));
          code = old;
        }

      data = grd_code_object_get_code (code);
      g_ptr_array_add (codes, g_object_ref (code));
      g_hash_table_insert (by_id, grd_code_tree_id_key (data->id), code);

      if (data->parent_id == 0)
        {
          g_ptr_array_add (roots, code);
          continue;
        }

      siblings = g_hash_table_lookup (kids, &data->parent_id);
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (kids, grd_code_tree_id_key (data->parent_id), siblings);
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
      GrdCodeObject *parent = grd_code_tree_lookup (self, *(gint64 *) key);

      if (store != NULL)
        continue;

      store = g_list_store_new (GRD_TYPE_CODE_OBJECT);
      sync_store (store, value);
      g_hash_table_insert (self->children, grd_code_tree_id_key (*(gint64 *) key), store);
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

void
grd_code_tree_refresh (GrdCodeTreeView *self)
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
  gboolean had_focus = grd_code_tree_list_has_focus (self);

  self->syncing = TRUE;
  self->showing_filter = model == self->filter_tree;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  restore_selection (self, selected, had_focus);
}

/* A new, empty tree: nothing of an earlier project's carries over. */
void
grd_code_tree_reset_models (GrdCodeTreeView *self)
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

void
grd_code_tree_apply_filter (GrdCodeTreeView *self,
              const char      *text)
{
  g_autofree char *folded = text != NULL && *text != '\0' ? grd_code_tree_fold (text) : NULL;

  if (g_strcmp0 (folded, self->filter) == 0)
    return;

  g_free (self->filter);
  self->filter = g_steal_pointer (&folded);
  sync_matches (self);
  show_model (self, self->filter != NULL ? self->filter_tree : self->tree);
}

void
grd_code_tree_clear_filter (GrdCodeTreeView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  grd_code_tree_apply_filter (self, NULL);
}
