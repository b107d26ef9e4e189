/* grd-source-list.c: the sources sidebar, grouped by case
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-source-list"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "grd-dialogs.h"
#include "grd-source-list.h"
#include "grd-source-row.h"
#include "grd-widget-util.h"

/* A project may hold a thousand transcripts. A GtkListBox makes widgets for
 * every row up front (0.2 to 0.5 s to build 1,000 of them here, and 0.6 s
 * more to the first frame), so the list is a GtkListView, which makes widgets only
 * for the rows on screen. GTK 4.8 list views have no section headers: a
 * case's header is an item of its own, just before the case's sources, that
 * cannot be selected. */


struct _GrdSourceList
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *empty_label;
  GtkWidget          *context_menu;

  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GHashTable         *items_by_id;      /* the listed sources, by id */
  GHashTable         *headers_by_case;  /* the listed case headers, by case id */

  GrdProject         *project;
  gulong              changed_id;

  char               *filter_folded;
  gint64              selected_id;
  gint64              scroll_source_id;
  gboolean            updating;
  guint               counts_idle_id;
};

typedef struct
{
  GrdSourceList *list;      /* weak: the list may go while the dialog is open */
  GrdProject    *project;
  gint64         source_id;
  char          *old_name;
  GtkEditable   *entry;
} RenameData;

G_DEFINE_FINAL_TYPE (GrdSourceList, grd_source_list, GTK_TYPE_WIDGET)


enum {
  PROP_0,
  PROP_SELECTED_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void
rename_data_free (RenameData *data)
{
  g_clear_weak_pointer (&data->list);
  g_clear_object (&data->project);
  g_free (data->old_name);
  g_free (data);
}


static gboolean
item_matches (GrdSourceList *self,
              GrdSourceItem *item)
{
  if (self->filter_folded == NULL)
    return TRUE;

  return strstr (item->name_folded, self->filter_folded) != NULL ||
         (item->group->title_folded != NULL &&
          strstr (item->group->title_folded, self->filter_folded) != NULL);
}

/* Decided for every source first, so that a header can be shown exactly when
 * one of its case's sources is. */
static gboolean
filter_item (gpointer object,
             gpointer user_data)
{
  GrdSourceItem *item = object;

  if (grd_source_item_is_header (item))
    return item->group->n_matching > 0;

  return item->matches;
}

static void
set_selected_id (GrdSourceList *self,
                 gint64         id)
{
  if (self->selected_id == id)
    return;

  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SOURCE]);
}

static guint
find_position (GrdSourceList *self,
               gint64         source_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GrdSourceItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (item->id == source_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* After the model changed under it, the selection shows selected_id again
 * (or nothing, while the filter hides it) without telling anyone: for the
 * window, the same transcript is still open. */
static void
restore_selection (GrdSourceList *self)
{
  guint position = self->selected_id != 0 ? find_position (self, self->selected_id)
                                          : GTK_INVALID_LIST_POSITION;

  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating = FALSE;
}

static void
update_empty_state (GrdSourceList *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    gtk_label_set_text (self->empty_label,
                        _("No transcripts yet. Import one with the + button."));
  else
    gtk_label_set_text (self->empty_label, _("No transcripts match"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Decides every source against the filter, and so each case header too. */
static void
update_matches (GrdSourceList *self,
                GPtrArray     *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      GrdSourceItem *item = g_ptr_array_index (items, i);

      if (grd_source_item_is_header (item))
        item->group->n_matching = 0;
    }
  for (guint i = 0; i < items->len; i++)
    {
      GrdSourceItem *item = g_ptr_array_index (items, i);

      if (!grd_source_item_is_header (item) && (item->matches = item_matches (self, item)))
        item->group->n_matching++;
    }
}

/* Selection and empty state, after the list's items changed. */
static void
refresh (GrdSourceList *self)
{
  restore_selection (self);
  update_empty_state (self);
}

static void
apply_filter (GrdSourceList *self,
              const char    *text)
{
  g_autofree char *old_folded = g_steal_pointer (&self->filter_folded);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  GtkFilterChange change;

  if (text[0] != '\0')
    self->filter_folded = g_utf8_casefold (text, -1);
  if (g_strcmp0 (old_folded, self->filter_folded) == 0)
    return;

  /* Typing one more letter only hides rows, deleting one only shows rows:
   * the filter model then checks only the rows that can change. */
  if (old_folded == NULL || (self->filter_folded != NULL &&
                             strstr (self->filter_folded, old_folded) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->filter_folded == NULL || strstr (old_folded, self->filter_folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->store), i));
  update_matches (self, items);

  self->updating = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  self->updating = FALSE;

  refresh (self);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const GrdSourceItem *item_a = *(GrdSourceItem * const *) a;
  const GrdSourceItem *item_b = *(GrdSourceItem * const *) b;
  int cmp;

  if (item_a->group != item_b->group)
    {
      /* The sources without a case come last. */
      if ((item_a->group->case_id == 0) != (item_b->group->case_id == 0))
        return item_a->group->case_id == 0 ? 1 : -1;
      cmp = strcmp (item_a->group->sort_key, item_b->group->sort_key);
      if (cmp != 0)
        return cmp;
      return item_a->group->case_id < item_b->group->case_id ? -1 : 1;
    }

  cmp = strcmp (item_a->sort_key, item_b->sort_key);
  if (cmp != 0)
    return cmp;
  return (item_a->id > item_b->id) - (item_a->id < item_b->id);
}

/* The header of a case with n_sources sources: the one listed now if it
 * would look the same, else a new one with a new group. */
static GrdSourceItem *
take_header (GrdSourceList   *self,
             const GrdSource *source,
             guint            n_sources)
{
  GrdSourceItem *header = g_hash_table_lookup (self->headers_by_case, &source->case_id);
  const char *title = source->case_id != 0 ? source->case_name : _("No case");
  SourceGroup *group;

  if (header != NULL && header->group->n_sources == n_sources &&
      g_strcmp0 (header->group->title, title) == 0)
    return g_object_ref (header);

  group = g_rc_box_new0 (SourceGroup);
  group->case_id = source->case_id;
  group->title = g_strdup (title);
  group->n_sources = n_sources;
  if (source->case_id != 0)
    {
      group->title_folded = g_utf8_casefold (title, -1);
      group->sort_key = g_utf8_collate_key_for_filename (title, -1);
    }
  else
    group->sort_key = g_strdup ("");

  header = grd_source_item_new_header (group);
  grd_source_group_release (group);

  return header;
}

/* Items that would look the same as the listed ones are kept: the list view
 * then keeps their rows, so importing or renaming one transcript does not
 * rebuild a thousand. Collation keys are made once per name, and the items
 * sorted once. */
static void
fill (GrdSourceList *self,
      GPtrArray     *sources)
{
  g_autoptr(GHashTable) n_sources = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         g_object_unref);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_full (sources->len, g_object_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (sources->len * 2, g_object_unref);
  SourceGroup *group = NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *source = g_ptr_array_index (sources, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (n_sources, &source->case_id));

      g_hash_table_insert (n_sources, &source->case_id, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *source = g_ptr_array_index (sources, i);
      GrdSourceItem *header = g_hash_table_lookup (headers, &source->case_id);
      GrdSourceItem *old;

      if (header == NULL)
        {
          header = take_header (self, source,
                                GPOINTER_TO_UINT (g_hash_table_lookup (n_sources,
                                                                       &source->case_id)));
          g_hash_table_insert (headers, &header->group->case_id, header);
        }

      old = g_hash_table_lookup (self->items_by_id, &source->id);
      if (old != NULL && old->group == header->group && old->n_codings == source->n_codings &&
          old->n_words == source->n_words && g_strcmp0 (old->name, source->name) == 0)
        g_ptr_array_add (sorted, g_object_ref (old));
      else
        g_ptr_array_add (sorted, grd_source_item_new (source, header->group));
    }
  g_ptr_array_sort (sorted, compare_items);

  g_hash_table_remove_all (self->items_by_id);
  for (guint i = 0; i < sorted->len; i++)
    {
      GrdSourceItem *item = g_ptr_array_index (sorted, i);

      if (item->group != group)
        {
          group = item->group;
          g_ptr_array_add (items, g_object_ref (g_hash_table_lookup (headers, &group->case_id)));
        }
      g_ptr_array_add (items, g_object_ref (item));
      g_hash_table_insert (self->items_by_id, &item->id, item);
    }
  g_clear_pointer (&self->headers_by_case, g_hash_table_unref);
  self->headers_by_case = g_steal_pointer (&headers);

  /* Matched before they go in, so that the filter model sees them once. */
  update_matches (self, items);
  self->updating = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  self->updating = FALSE;

  refresh (self);
  /* The selected transcript was deleted, or undone away. */
  if (!g_hash_table_contains (self->items_by_id, &self->selected_id))
    set_selected_id (self, 0);
}

static void
rebuild (GrdSourceList *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    sources = g_ptr_array_new ();
  else
    sources = grd_project_list_sources (self->project, &error);

  /* On failure the rows stay as they were: stale counts beat an empty list
   * that says the project has no transcripts. */
  if (sources == NULL)
    grd_show_error (GTK_WIDGET (self), _("Could not list the transcripts"), error);
  else
    fill (self, sources);
}

/* Codings change with every click of "apply code": only the rows whose
 * counts moved are touched, so the list keeps its selection, focus and
 * scroll position. */
static void
update_counts (GrdSourceList *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = grd_project_list_sources (self->project, &error);
  if (sources == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not count the codings"), error);
      return;
    }

  /* Another connection may have added or removed sources and announced only
   * its codings: then the rows themselves are out of date. */
  if (sources->len != g_hash_table_size (self->items_by_id))
    {
      fill (self, sources);
      return;
    }
  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *source = g_ptr_array_index (sources, i);

      if (!g_hash_table_contains (self->items_by_id, &source->id))
        {
          fill (self, sources);
          return;
        }
    }

  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *source = g_ptr_array_index (sources, i);
      GrdSourceItem *item = g_hash_table_lookup (self->items_by_id, &source->id);

      grd_source_item_set_n_codings (item, source->n_codings);
    }
}

static gboolean
update_counts_idle (gpointer user_data)
{
  GrdSourceList *self = user_data;

  self->counts_idle_id = 0;
  update_counts (self);
  return G_SOURCE_REMOVE;
}

/* One coding came or went: one transcript's count changes. */
static void
follow_coding (GrdSourceList         *self,
               const GrdCodingChange *coding_change)
{
  GrdSourceItem *item = g_hash_table_lookup (self->items_by_id, &coding_change->source_id);
  g_autoptr(GrdSource) source = NULL;

  if (item == NULL || (source = grd_project_get_source (self->project, item->id, NULL)) == NULL)
    return;

  grd_source_item_set_n_codings (item, source->n_codings);
}

static void
on_project_changed (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    GrdSourceList         *self)
{
  if (change & (GRD_CHANGE_SOURCES | GRD_CHANGE_CASES))
    {
      g_clear_handle_id (&self->counts_idle_id, g_source_remove);
      rebuild (self);
    }
  else if (coding_change != NULL)
    follow_coding (self, coding_change);
  /* Counting every transcript's codings takes tens of milliseconds on a
   * thousand transcripts: the sidebar's counts follow just after the frame
   * that shows the coding itself, and a burst of edits counts once. */
  else if ((change & GRD_CHANGE_CODINGS) && self->counts_idle_id == 0)
    self->counts_idle_id = g_idle_add_full (G_PRIORITY_LOW, update_counts_idle, self, NULL);
}

static void
on_selected_item_changed (GtkSingleSelection *selection,
                          GParamSpec         *pspec,
                          GrdSourceList      *self)
{
  GrdSourceItem *item;

  if (self->updating)
    return;

  item = gtk_single_selection_get_selected_item (selection);
  /* Arrow keys select whatever row they reach, headers too: those keep
   * the transcript that was selected. */
  if (item != NULL && grd_source_item_is_header (item))
    restore_selection (self);
  else
    set_selected_id (self, item != NULL ? item->id : 0);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           GrdSourceList            *self)
{
  gtk_list_item_set_child (list_item, g_object_new (GRD_TYPE_SOURCE_ROW, NULL));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          GrdSourceList            *self)
{
  GrdSourceItem *item = gtk_list_item_get_item (list_item);
  gboolean is_header = grd_source_item_is_header (item);

  gtk_list_item_set_selectable (list_item, !is_header);
  gtk_list_item_set_activatable (list_item, !is_header);
  grd_source_row_bind (GRD_SOURCE_ROW (gtk_list_item_get_child (list_item)), item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            GrdSourceList            *self)
{
  grd_source_row_unbind (GRD_SOURCE_ROW (gtk_list_item_get_child (list_item)));
}

/* Once the list has scrolled to a case's first source, the case's header
 * above it comes into view too; scrolling to both at once would not do, as
 * each scroll is worked out from where the list was before. */
static void
scroll_to_header_cb (GdkFrameClock *frame_clock,
                     GrdSourceList *self)
{
  guint position = find_position (self, self->scroll_source_id);
  g_autoptr(GrdSourceItem) before = NULL;

  g_signal_handlers_disconnect_by_func (frame_clock, scroll_to_header_cb, self);

  if (position == GTK_INVALID_LIST_POSITION || position == 0)
    return;

  before = g_list_model_get_item (G_LIST_MODEL (self->filtered), position - 1);
  if (grd_source_item_is_header (before))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position - 1);
}

/* Scrolls by the list's own action, the only way before GTK 4.12. */
static void
scroll_to_source (GrdSourceList *self,
                  gint64         source_id)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint position = find_position (self, source_id);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  if (frame_clock != NULL)
    {
      self->scroll_source_id = source_id;
      g_signal_handlers_disconnect_by_func (frame_clock, scroll_to_header_cb, self);
      g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (scroll_to_header_cb),
                               self, 0);
    }
}

static void
on_search_changed (GtkSearchEntry *entry,
                   GrdSourceList  *self)
{
  apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Enter in the filter opens the first transcript that matches. */
static void
on_search_activate (GtkSearchEntry *entry,
                    GrdSourceList  *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GrdSourceItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (!grd_source_item_is_header (item))
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to_source (self, item->id);
          gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
          return;
        }
    }
}

static void
on_stop_search (GtkSearchEntry *entry,
                GrdSourceList  *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_rename_entry_changed (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", name[0] != '\0');
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RenameData       *data)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (data->entry)));
  if (name[0] == '\0' || g_strcmp0 (name, data->old_name) == 0)
    return;

  if (!grd_project_rename_source (data->project, data->source_id, name, &error))
    {
      if (data->list != NULL)
        grd_show_error (GTK_WIDGET (data->list), _("Could not rename the transcript"), error);
      else
        g_warning ("Could not rename source %lld: %s", (long long) data->source_id,
                   error->message);
    }
}

static void
show_rename_dialog (GrdSourceList *self,
                    gint64         source_id)
{
  GrdSourceItem *item = g_hash_table_lookup (self->items_by_id, &source_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  RenameData *data;

  if (item == NULL || self->project == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Rename Transcript"), NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), item->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transcript Name"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_rename_entry_changed), dialog, 0);

  data = g_new0 (RenameData, 1);
  g_set_weak_pointer (&data->list, self);
  /* The rename goes to the project the transcript was in, even if the list
   * shows another one by the time the dialog is answered. */
  data->project = g_object_ref (self->project);
  data->source_id = source_id;
  data->old_name = g_strdup (item->name);
  data->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rename_response),
                         data, (GClosureNotify) rename_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_rename_dialog (GRD_SOURCE_LIST (widget), g_variant_get_int64 (parameter));
}

static void
popup_context_menu (GrdSourceList *self,
                    gint64         source_id,
                    double         x,
                    double         y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) menu_item = g_menu_item_new (_("_Rename…"), NULL);

  g_menu_item_set_action_and_target_value (menu_item, "source-list.rename",
                                           g_variant_new_int64 (source_id));
  g_menu_append_item (menu, menu_item);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_list_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GrdSourceList   *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;
  GrdSourceRow *row;
  double self_x, self_y;
  guint position;

  if (event == NULL || !gdk_event_triggers_context_menu (event))
    return;

  /* A click on a row's padding picks the list view's own row widget, whose
   * only child is the GrdSourceRow. */
  for (picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
       picked != NULL && picked != GTK_WIDGET (self->list_view) && !GRD_IS_SOURCE_ROW (picked);
       picked = gtk_widget_get_parent (picked))
    {
      if (gtk_widget_get_parent (picked) == GTK_WIDGET (self->list_view))
        {
          picked = gtk_widget_get_first_child (picked);
          break;
        }
    }
  if (picked == NULL || !GRD_IS_SOURCE_ROW (picked))
    return;

  row = GRD_SOURCE_ROW (picked);
  if (row->item == NULL || grd_source_item_is_header (row->item))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  position = find_position (self, row->item->id);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  if (gtk_widget_translate_coordinates (GTK_WIDGET (self->list_view), GTK_WIDGET (self),
                                        x, y, &self_x, &self_y))
    popup_context_menu (self, row->item->id, self_x, self_y);
}

/* The list's keys run before the search entry's key capture, which would
 * hand Shift+F10 to the entry's own menu; in the entry itself, they are the
 * entry's. */
static gboolean
focus_in_filter (GrdSourceList *self)
{
  GtkStateFlags flags = gtk_widget_get_state_flags (GTK_WIDGET (self->search_entry));

  return (flags & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

/* Shift+F10 and the Menu key: the selected row's context menu, under the
 * focused row. */
static gboolean
show_context_menu_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  GrdSourceList *self = GRD_SOURCE_LIST (widget);
  GtkWidget *anchor = gtk_widget_get_focus_child (GTK_WIDGET (self->list_view));
  graphene_rect_t bounds;

  if (self->selected_id == 0 || focus_in_filter (self))
    return FALSE;

  if (anchor == NULL || !gtk_widget_compute_bounds (anchor, widget, &bounds))
    return FALSE;

  popup_context_menu (self, self->selected_id,
                      bounds.origin.x + bounds.size.width / 2,
                      bounds.origin.y + bounds.size.height);
  return TRUE;
}

static gboolean
rename_selected_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  GrdSourceList *self = GRD_SOURCE_LIST (widget);

  if (self->selected_id == 0 || focus_in_filter (self))
    return FALSE;

  show_rename_dialog (self, self->selected_id);
  return TRUE;
}

static void
add_shortcut (GtkEventController *controller,
              guint               keyval,
              GdkModifierType     modifiers,
              GtkShortcutFunc     callback)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                           gtk_callback_action_new (callback, NULL, NULL));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

/* Focus goes back to where the researcher was: the list when a transcript
 * is selected, or the filter when none is. */
static gboolean
grd_source_list_grab_focus (GtkWidget *widget)
{
  GrdSourceList *self = GRD_SOURCE_LIST (widget);

  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
grd_source_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrdSourceList *self = GRD_SOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_SOURCE:
      g_value_set_int64 (value, self->selected_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_source_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GrdSourceList *self = GRD_SOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_SOURCE:
      grd_source_list_select_source (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_source_list_dispose (GObject *object)
{
  GrdSourceList *self = GRD_SOURCE_LIST (object);

  grd_follow_project (&self->project, &self->changed_id, NULL, NULL, NULL);
  g_clear_handle_id (&self->counts_idle_id, g_source_remove);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items_by_id, g_hash_table_unref);
  g_clear_pointer (&self->headers_by_case, g_hash_table_unref);

  G_OBJECT_CLASS (grd_source_list_parent_class)->dispose (object);
}

static void
grd_source_list_finalize (GObject *object)
{
  GrdSourceList *self = GRD_SOURCE_LIST (object);

  g_clear_pointer (&self->filter_folded, g_free);

  G_OBJECT_CLASS (grd_source_list_parent_class)->finalize (object);
}

static void
grd_source_list_class_init (GrdSourceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = grd_source_list_get_property;
  object_class->set_property = grd_source_list_set_property;
  object_class->dispose = grd_source_list_dispose;
  object_class->finalize = grd_source_list_finalize;

  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;
  widget_class->grab_focus = grd_source_list_grab_focus;

  /**
   * GrdSourceList:selected-source:
   *
   * The id of the selected source, 0 when none is.
   */
  properties[PROP_SELECTED_SOURCE] =
    g_param_spec_int64 ("selected-source", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "source-list.rename", "x", rename_action);

  gtk_widget_class_set_css_name (widget_class, "grdsourcelist");
}

static void
grd_source_list_init (GrdSourceList *self)
{
  GtkSelectionModel *selection_model;
  GtkListItemFactory *factory;
  GtkEventController *shortcuts;
  GtkWidget *scroller;
  GtkGesture *click;

  self->items_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->headers_by_case = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                 g_object_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Filter transcripts"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter Transcripts"),
                                  -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search_entry), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search_entry), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search_entry), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->search_entry), 6);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->search_entry));

  self->store = g_list_store_new (GRD_TYPE_SOURCE_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item",
                    G_CALLBACK (on_selected_item_changed), self);
  selection_model = GTK_SELECTION_MODEL (self->selection);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (selection_model), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transcripts"),
                                  -1);
  /* Typing while the list has the focus filters it. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_list_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));

  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_label_set_justify (self->empty_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->empty_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->empty_label), 18);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_label), "empty");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  update_empty_state (self);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_shortcut (shortcuts, GDK_KEY_F10, GDK_SHIFT_MASK, show_context_menu_cb);
  add_shortcut (shortcuts, GDK_KEY_Menu, 0, show_context_menu_cb);
  add_shortcut (shortcuts, GDK_KEY_F2, 0, rename_selected_cb);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
}

GtkWidget *
grd_source_list_new (void)
{
  return g_object_new (GRD_TYPE_SOURCE_LIST, NULL);
}

void
grd_source_list_set_project (GrdSourceList *self,
                             GrdProject    *project)
{
  g_return_if_fail (GRD_IS_SOURCE_LIST (self));
  g_return_if_fail (project == NULL || GRD_IS_PROJECT (project));

  if (self->project == project)
    return;

  g_clear_handle_id (&self->counts_idle_id, g_source_remove);
  grd_follow_project (&self->project, &self->changed_id, project,
                      G_CALLBACK (on_project_changed), self);

  /* Ids belong to a project: nothing of the old one stays selected, and
   * nothing of it stays listed if the new one cannot be read. */
  set_selected_id (self, 0);
  g_hash_table_remove_all (self->items_by_id);
  g_hash_table_remove_all (self->headers_by_case);
  g_list_store_remove_all (self->store);
  rebuild (self);
}

gint64
grd_source_list_get_selected_source (GrdSourceList *self)
{
  g_return_val_if_fail (GRD_IS_SOURCE_LIST (self), 0);

  return self->selected_id;
}

void
grd_source_list_select_source (GrdSourceList *self,
                               gint64         source_id)
{
  GrdSourceItem *item;

  g_return_if_fail (GRD_IS_SOURCE_LIST (self));

  item = g_hash_table_lookup (self->items_by_id, &source_id);
  if (item == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      set_selected_id (self, 0);
      return;
    }

  /* The filter must not hide the transcript asked for. The entry reports
   * its change only after a delay, so the filter is cleared here too. */
  if (!item->matches)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      apply_filter (self, "");
    }

  set_selected_id (self, source_id);
  restore_selection (self);
  scroll_to_source (self, source_id);
}

void
grd_source_list_select_first (GrdSourceList *self)
{
  guint n;

  g_return_if_fail (GRD_IS_SOURCE_LIST (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrdSourceItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!grd_source_item_is_header (item))
        {
          grd_source_list_select_source (self, item->id);
          return;
        }
    }
}

void
grd_source_list_focus_filter (GrdSourceList *self)
{
  g_return_if_fail (GRD_IS_SOURCE_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
