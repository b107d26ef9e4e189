/* grd-code-chooser.c: a popover to pick a code by typing, recent codes first
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coding is the researcher's most frequent act, so the keyboard path is
 * short: the filter has the focus, Enter takes the first match, and with
 * no match Enter offers to create the code that was typed.
 */

#define G_LOG_DOMAIN "grd-code-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-chooser.h"
#include "grd-code-object.h"

#define MAX_RECENT 8

struct _GrdCodeChooser
{
  GtkPopover   parent_instance;

  GrdProject  *project;
  GtkWidget   *entry;
  GtkWidget   *list;
  GtkWidget   *create_row;
  GtkWidget   *create_label;
  GPtrArray   *codes;          /* GrdCodeObject, tree order */
  char        *filter;         /* casefolded */
  gint64       excluded;
  gboolean     allow_create;
};

G_DEFINE_FINAL_TYPE (GrdCodeChooser, grd_code_chooser, GTK_TYPE_POPOVER)

enum {
  CODE_CHOSEN,
  CREATE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Project path -> GArray of code ids, most recent first; for this process. */
static GHashTable *recent_codes;

static GArray *
recent_for (GrdProject *project,
            gboolean    create)
{
  const char *path = grd_project_get_path (project);
  GArray *recent;

  if (recent_codes == NULL)
    recent_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_array_unref);

  recent = g_hash_table_lookup (recent_codes, path);
  if (recent == NULL && create)
    {
      recent = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (recent_codes, g_strdup (path), recent);
    }
  return recent;
}

static int
recent_rank (GrdCodeChooser *self,
             gint64          code_id)
{
  GArray *recent = recent_for (self->project, FALSE);

  for (guint i = 0; recent != NULL && i < recent->len; i++)
    if (g_array_index (recent, gint64, i) == code_id)
      return (int) i;

  return MAX_RECENT;
}

static GrdCodeObject *
row_code (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "code");
}

static gboolean
matches (GrdCodeChooser *self,
         GrdCodeObject  *code)
{
  g_autofree char *name = NULL;

  if (self->filter == NULL || self->filter[0] == '\0')
    return TRUE;

  name = g_utf8_casefold (grd_code_object_get_path (code), -1);
  return strstr (name, self->filter) != NULL;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  GrdCodeChooser *self = user_data;
  GrdCodeObject *code = row_code (row);

  if (GTK_WIDGET (row) == self->create_row)
    return gtk_widget_get_visible (self->create_row);

  return code != NULL && grd_code_object_get_id (code) != self->excluded && matches (self, code);
}

/* Recent codes lead while nothing is typed; then the tree's order. */
static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  GrdCodeChooser *self = user_data;
  GrdCodeObject *x = row_code (a), *y = row_code (b);
  int rank_x, rank_y;

  if (x == NULL || y == NULL)
    return x == NULL ? 1 : -1;

  if (self->filter == NULL || self->filter[0] == '\0')
    {
      rank_x = recent_rank (self, grd_code_object_get_id (x));
      rank_y = recent_rank (self, grd_code_object_get_id (y));
      if (rank_x != rank_y)
        return rank_x - rank_y;
    }

  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "order")) -
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "order"));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA rgba;

  grd_code_object_get_rgba (user_data, &rgba);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
make_row (GrdCodeObject *code,
          guint          order)
{
  const GrdCode *record = grd_code_object_get_code (code);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *name = gtk_label_new (record->name);
  g_autofree char *accessible = NULL;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_object_ref (code), g_object_unref);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), name);
  if (record->parent_id != 0)
    {
      GtkWidget *path = gtk_label_new (grd_code_object_get_path (code));

      gtk_label_set_xalign (GTK_LABEL (path), 0);
      gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (path, "caption");
      gtk_widget_add_css_class (path, "dim-label");
      gtk_box_append (GTK_BOX (labels), path);
    }

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  accessible = g_strdup_printf (_("Code %s"), grd_code_object_get_path (code));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "code", g_object_ref (code), g_object_unref);
  g_object_set_data (G_OBJECT (row), "order", GUINT_TO_POINTER (order));
  return row;
}

static gboolean
has_exact_match (GrdCodeChooser *self,
                 const char     *text)
{
  g_autofree char *wanted = g_utf8_casefold (text, -1);

  for (guint i = 0; i < self->codes->len; i++)
    {
      g_autofree char *name = g_utf8_casefold (grd_code_object_get_name (g_ptr_array_index (self->codes, i)), -1);

      if (g_strcmp0 (name, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

static void mark_default_row (GrdCodeChooser *self);

static void
on_search_changed (GrdCodeChooser *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  g_free (self->filter);
  self->filter = g_utf8_casefold (text, -1);

  if (self->create_row != NULL)
    {
      gboolean offer = text[0] != '\0' && !has_exact_match (self, text);

      if (offer)
        {
          g_autofree char *label = g_strdup_printf (_("Create code “%s”"), text);

          gtk_label_set_text (GTK_LABEL (self->create_label), label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->create_row),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        }
      gtk_widget_set_visible (self->create_row, offer);
    }

  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
  mark_default_row (self);
}

static GtkListBoxRow *
first_visible_row (GrdCodeChooser *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child) && gtk_widget_get_visible (child))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

/* The row Enter takes is shown selected, so typing never surprises. */
static void
mark_default_row (GrdCodeChooser *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  else
    gtk_list_box_unselect_all (GTK_LIST_BOX (self->list));
}

static void
choose_row (GrdCodeChooser *self,
            GtkListBoxRow  *row)
{
  GrdCodeObject *code = row != NULL ? row_code (row) : NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (row == NULL)
    return;

  g_object_ref (self);
  gtk_popover_popdown (GTK_POPOVER (self));
  if (code != NULL)
    g_signal_emit (self, signals[CODE_CHOSEN], 0, grd_code_object_get_id (code));
  else if (text[0] != '\0')
    g_signal_emit (self, signals[CREATE_REQUESTED], 0, text);
  g_object_unref (self);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  gpointer       user_data)
{
  choose_row (user_data, row);
}

static void
on_entry_activate (GrdCodeChooser *self)
{
  choose_row (self, first_visible_row (self));
}

static void
on_stop_search (GrdCodeChooser *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* Down from the filter goes to the matches, as in a search popover. */
static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              gpointer               user_data)
{
  GrdCodeChooser *self = user_data;
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  row = first_visible_row (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
on_closed (GrdCodeChooser *self)
{
  /* One use each: the next selection gets a fresh chooser. */
  g_idle_add_once ((GSourceOnceFunc) gtk_widget_unparent, self);
}

static void
grd_code_chooser_dispose (GObject *object)
{
  GrdCodeChooser *self = GRD_CODE_CHOOSER (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (grd_code_chooser_parent_class)->dispose (object);
}

static void
grd_code_chooser_finalize (GObject *object)
{
  GrdCodeChooser *self = GRD_CODE_CHOOSER (object);

  g_clear_pointer (&self->filter, g_free);

  G_OBJECT_CLASS (grd_code_chooser_parent_class)->finalize (object);
}

static void
grd_code_chooser_class_init (GrdCodeChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grd_code_chooser_dispose;
  object_class->finalize = grd_code_chooser_finalize;

  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CREATE_REQUESTED] =
    g_signal_new ("create-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
grd_code_chooser_init (GrdCodeChooser *self)
{
}

GtkWidget *
grd_code_chooser_new (GrdProject *project,
                      const char *heading,
                      gboolean    allow_create)
{
  g_autoptr(GError) error = NULL;
  GrdCodeChooser *self;
  GtkWidget *box, *title, *scroller, *empty;
  GtkEventController *keys;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  self = g_object_new (GRD_TYPE_CODE_CHOOSER, NULL);
  self->project = g_object_ref (project);
  self->allow_create = allow_create;
  self->codes = grd_code_objects_list (project, &error);
  if (self->codes == NULL)
    {
      g_warning ("Could not list the codes: %s", error->message);
      self->codes = g_ptr_array_new ();
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, 320, -1);

  title = gtk_label_new (heading);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  self->entry = gtk_search_entry_new ();
  /* A property: its setter function is GTK 4.10. */
  g_object_set (self->entry, "placeholder-text",
                allow_create ? _("Type a code, or a new name") : _("Type a code"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find Code"), -1);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (on_stop_search), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (self->entry, keys);
  gtk_box_append (GTK_BOX (box), self->entry);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Codes"), -1);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), sort_rows, self, NULL);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  empty = gtk_label_new (allow_create ? _("No code matches; type a name to create one")
                                      : _("No code matches"));
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), empty);

  for (guint i = 0; i < self->codes->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (g_ptr_array_index (self->codes, i), i));

  if (allow_create)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");
      GtkWidget *row_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      self->create_label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->create_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (self->create_label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (row_box), icon);
      gtk_box_append (GTK_BOX (row_box), self->create_label);
      gtk_widget_set_margin_top (row_box, 6);
      gtk_widget_set_margin_bottom (row_box, 6);
      self->create_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->create_row), row_box);
      gtk_widget_set_visible (self->create_row, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (self->list), self->create_row);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  mark_default_row (self);
  gtk_popover_set_default_widget (GTK_POPOVER (self), NULL);
  g_signal_connect (self, "closed", G_CALLBACK (on_closed), NULL);
  g_signal_connect_swapped (self, "show", G_CALLBACK (gtk_widget_grab_focus), self->entry);
  gtk_widget_add_css_class (GTK_WIDGET (self), "code-chooser");
  return GTK_WIDGET (self);
}

void
grd_code_chooser_set_excluded (GrdCodeChooser *self,
                               gint64          code_id)
{
  g_return_if_fail (GRD_IS_CODE_CHOOSER (self));

  self->excluded = code_id;
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

void
grd_code_chooser_note_used (GrdProject *project,
                            gint64      code_id)
{
  GArray *recent;

  g_return_if_fail (GRD_IS_PROJECT (project));

  recent = recent_for (project, TRUE);
  for (guint i = 0; i < recent->len; i++)
    if (g_array_index (recent, gint64, i) == code_id)
      {
        g_array_remove_index (recent, i);
        break;
      }
  g_array_prepend_val (recent, code_id);
  if (recent->len > MAX_RECENT)
    g_array_set_size (recent, MAX_RECENT);
}
