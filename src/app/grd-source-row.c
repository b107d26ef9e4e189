/* grd-source-row.c: the sources sidebar's items and the row that shows one
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-source-list"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-source-row.h"

G_DEFINE_FINAL_TYPE (GrdSourceItem, grd_source_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (GrdSourceRow, grd_source_row, GTK_TYPE_WIDGET)

enum {
  ITEM_PROP_0,
  ITEM_PROP_N_CODINGS,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
source_group_clear (SourceGroup *group)
{
  g_free (group->title);
  g_free (group->title_folded);
  g_free (group->sort_key);
}

void
grd_source_group_release (SourceGroup *group)
{
  g_rc_box_release_full (group, (GDestroyNotify) source_group_clear);
}

static void
grd_source_item_finalize (GObject *object)
{
  GrdSourceItem *self = GRD_SOURCE_ITEM (object);

  g_clear_pointer (&self->group, grd_source_group_release);
  g_free (self->name);
  g_free (self->name_folded);
  g_free (self->sort_key);

  G_OBJECT_CLASS (grd_source_item_parent_class)->finalize (object);
}

static void
grd_source_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrdSourceItem *self = GRD_SOURCE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_N_CODINGS:
      g_value_set_uint (value, self->n_codings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_source_item_class_init (GrdSourceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grd_source_item_finalize;
  object_class->get_property = grd_source_item_get_property;

  item_properties[ITEM_PROP_N_CODINGS] =
    g_param_spec_uint ("n-codings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
grd_source_item_init (GrdSourceItem *self)
{
}

GrdSourceItem *
grd_source_item_new_header (SourceGroup *group)
{
  GrdSourceItem *self = g_object_new (GRD_TYPE_SOURCE_ITEM, NULL);

  self->group = g_rc_box_acquire (group);

  return self;
}

GrdSourceItem *
grd_source_item_new (const GrdSource *source,
                     SourceGroup     *group)
{
  GrdSourceItem *self = g_object_new (GRD_TYPE_SOURCE_ITEM, NULL);

  self->group = g_rc_box_acquire (group);
  self->id = source->id;
  self->name = g_strdup (source->name);
  self->name_folded = g_utf8_casefold (source->name, -1);
  self->sort_key = g_utf8_collate_key_for_filename (source->name, -1);
  self->n_words = source->n_words;
  self->n_codings = source->n_codings;

  return self;
}

gboolean
grd_source_item_is_header (GrdSourceItem *self)
{
  return self->id == 0;
}

static void
grd_source_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (grd_source_row_parent_class)->dispose (object);
}

/* Made when asked for, not at every bind (a tooltip set on each bind was
 * half the cost of binding a row): the whole name when the narrow sidebar
 * cut it, and what the bare number beside a case's name counts. */
static gboolean
grd_source_row_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_tooltip,
                              GtkTooltip *tooltip)
{
  GrdSourceRow *self = GRD_SOURCE_ROW (widget);
  g_autofree char *text = NULL;
  double count_x, count_y;

  if (self->item == NULL)
    return FALSE;

  if (grd_source_item_is_header (self->item))
    {
      if (!keyboard_tooltip &&
          (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self->header_count),
                                              x, y, &count_x, &count_y) ||
           !gtk_widget_contains (GTK_WIDGET (self->header_count), count_x, count_y)))
        return FALSE;
      text = g_strdup_printf (ngettext ("%'u transcript", "%'u transcripts",
                                        self->item->group->n_sources),
                              self->item->group->n_sources);
    }
  else if (pango_layout_is_ellipsized (gtk_label_get_layout (self->name_label)))
    text = g_strdup (self->item->name);
  else
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
grd_source_row_class_init (GrdSourceRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = grd_source_row_dispose;
  widget_class->query_tooltip = grd_source_row_query_tooltip;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "grdsourcerow");
}

static GtkLabel *
add_label (GtkWidget  *parent,
           GtkWidget  *previous_sibling,
           const char *css_classes[])
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_css_classes (label, css_classes);
  gtk_widget_insert_after (label, parent, previous_sibling);

  return GTK_LABEL (label);
}

static void
grd_source_row_init (GrdSourceRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* A GtkListView of GTK 4.8 keeps up to 200 rows, whatever fits on screen:
 * a row makes the labels of a header or of a source only once it is first
 * bound to one. */
static void
grd_source_row_ensure_header (GrdSourceRow *self)
{
  static const char *title_classes[] = { "caption-heading", "dim-label", NULL };
  static const char *count_classes[] = { "caption", "dim-label", "numeric", NULL };

  if (self->header != NULL)
    return;

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->header, 9);
  gtk_widget_insert_after (self->header, GTK_WIDGET (self), NULL);
  self->header_title = add_label (self->header, NULL, title_classes);
  gtk_widget_set_hexpand (GTK_WIDGET (self->header_title), TRUE);
  self->header_count = add_label (self->header, GTK_WIDGET (self->header_title), count_classes);
}

static void
grd_source_row_ensure_source (GrdSourceRow *self)
{
  static const char *caption_classes[] = { "caption", "dim-label", "numeric", NULL };

  if (self->name_label != NULL)
    return;

  self->name_label = add_label (GTK_WIDGET (self), self->header, NULL);
  self->caption_label = add_label (GTK_WIDGET (self), GTK_WIDGET (self->name_label),
                                   caption_classes);
}

/* The counts go under the name, and into the accessible label too, so that
 * a screen reader says name, case and counts in one go. */
static void
grd_source_row_update_counts (GrdSourceRow *self)
{
  GrdSourceItem *item = self->item;
  g_autofree char *words = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *label = NULL;

  words = g_strdup_printf (ngettext ("%'u word", "%'u words", item->n_words), item->n_words);
  codings = g_strdup_printf (ngettext ("%'u coding", "%'u codings", item->n_codings),
                             item->n_codings);
  /* Translators: under a transcript's name: "2,143 words · 18 codings" */
  caption = g_strdup_printf (C_("source counts", "%s · %s"), words, codings);
  gtk_label_set_text (self->caption_label, caption);

  if (item->group->case_id != 0)
    /* Translators: a transcript's accessible name: its name, its case,
     * "2,143 words", "18 codings" */
    label = g_strdup_printf (C_("source accessible label", "%s, %s, %s, %s"),
                             item->name, item->group->title, words, codings);
  else
    /* Translators: a transcript's accessible name: its name, "2,143 words",
     * "18 codings" */
    label = g_strdup_printf (C_("source accessible label", "%s, %s, %s"),
                             item->name, words, codings);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
grd_source_row_bind (GrdSourceRow  *self,
                     GrdSourceItem *item)
{
  gboolean is_header = grd_source_item_is_header (item);

  self->item = item;
  /* GTK 4.8 moves the keyboard onto a row that cannot be selected only if
   * something in it takes the focus; without this the arrow keys would stop
   * at the first header. A screen reader then reads the case's name. */
  gtk_widget_set_focusable (GTK_WIDGET (self), is_header);
  if (is_header)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "case-header");
      grd_source_row_ensure_header (self);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "case-header");
      grd_source_row_ensure_source (self);
    }
  if (self->header != NULL)
    gtk_widget_set_visible (self->header, is_header);
  if (self->name_label != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->name_label), !is_header);
      gtk_widget_set_visible (GTK_WIDGET (self->caption_label), !is_header);
    }

  if (is_header)
    {
      g_autofree char *count = g_strdup_printf ("%'u", item->group->n_sources);
      g_autofree char *n_transcripts = NULL;
      g_autofree char *label = NULL;

      n_transcripts = g_strdup_printf (ngettext ("%'u transcript", "%'u transcripts",
                                                 item->group->n_sources),
                                       item->group->n_sources);
      gtk_label_set_text (self->header_title, item->group->title);
      gtk_label_set_text (self->header_count, count);
      /* Translators: a case header's accessible name: "Respondent 2, 3 transcripts" */
      label = g_strdup_printf (C_("case accessible label", "%s, %s"), item->group->title,
                               n_transcripts);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  else
    {
      gtk_label_set_text (self->name_label, item->name);
      grd_source_row_update_counts (self);
      g_signal_connect_object (item, "notify::n-codings",
                               G_CALLBACK (grd_source_row_update_counts), self,
                               G_CONNECT_SWAPPED);
    }
}

void
grd_source_row_unbind (GrdSourceRow *self)
{
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  self->item = NULL;
}

void
grd_source_item_set_n_codings (GrdSourceItem *self,
                               guint          n_codings)
{
  if (self->n_codings == n_codings)
    return;

  self->n_codings = n_codings;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_N_CODINGS]);
}
