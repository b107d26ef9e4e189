/* grd-source-row.h: the sources sidebar's items and the row that shows one
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

/* The sources of one case, or those without a case; shared by the items. */
typedef struct
{
  gint64  case_id;        /* 0 for the sources without a case */
  char   *title;
  char   *title_folded;   /* NULL for "No case", which a filter never matches */
  char   *sort_key;
  guint   n_sources;
  guint   n_matching;     /* sources the current filter lets through */
} SourceGroup;

#define GRD_TYPE_SOURCE_ITEM (grd_source_item_get_type ())
G_DECLARE_FINAL_TYPE (GrdSourceItem, grd_source_item, GRD, SOURCE_ITEM, GObject)

/* One row of the list: a case header (id 0) or a source. */
struct _GrdSourceItem
{
  GObject      parent_instance;

  SourceGroup *group;
  gint64       id;
  char        *name;
  char        *name_folded;
  char        *sort_key;
  guint        n_words;
  guint        n_codings;
  gboolean     matches;
};

#define GRD_TYPE_SOURCE_ROW (grd_source_row_get_type ())
G_DECLARE_FINAL_TYPE (GrdSourceRow, grd_source_row, GRD, SOURCE_ROW, GtkWidget)

/* The widget of a list item, for either kind of item. */
struct _GrdSourceRow
{
  GtkWidget      parent_instance;

  GtkWidget     *header;
  GtkLabel      *header_title;
  GtkLabel      *header_count;
  GtkLabel      *name_label;
  GtkLabel      *caption_label;

  GrdSourceItem *item;
};

/* Takes a reference to group, as every item of it does. */
GrdSourceItem *grd_source_item_new_header     (SourceGroup     *group);
GrdSourceItem *grd_source_item_new            (const GrdSource *source,
                                               SourceGroup     *group);
gboolean       grd_source_item_is_header      (GrdSourceItem   *self);
/* The row showing the item follows. */
void           grd_source_item_set_n_codings  (GrdSourceItem   *self,
                                               guint            n_codings);
void           grd_source_group_release       (SourceGroup     *group);

void           grd_source_row_bind            (GrdSourceRow    *self,
                                               GrdSourceItem   *item);
void           grd_source_row_unbind          (GrdSourceRow    *self);

G_END_DECLS
