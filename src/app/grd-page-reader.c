/* grd-page-reader.c: a page that reads its project on a worker, while shown
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-page-reader"

#include "config.h"

#include "grd-page-reader.h"
#include "grd-widget-util.h"

struct _GrdPageReader
{
  GtkWidget     *page;      /* borrowed: the reader lives inside it */
  GrdChange      changes;
  void         (*refresh) (GtkWidget *page);

  GrdProject    *project;
  gulong         changed_id;
  gboolean       stale;
  GCancellable  *reading;
};

static void
read_or_mark (GrdPageReader *self)
{
  if (gtk_widget_get_mapped (self->page))
    self->refresh (self->page);
  else
    self->stale = TRUE;
}

static void
on_project_changed (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    GrdPageReader         *self)
{
  if ((change & self->changes) != 0)
    read_or_mark (self);
}

GrdPageReader *
grd_page_reader_new (GtkWidget  *page,
                     GrdChange   changes,
                     void      (*refresh) (GtkWidget *page))
{
  GrdPageReader *self = g_new0 (GrdPageReader, 1);

  self->page = page;
  self->changes = changes;
  self->refresh = refresh;
  self->stale = TRUE;
  return self;
}

void
grd_page_reader_stop (GrdPageReader *self)
{
  grd_follow_project (&self->project, &self->changed_id, NULL, NULL, NULL);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
}

void
grd_page_reader_free (GrdPageReader *self)
{
  if (self == NULL)
    return;

  grd_page_reader_stop (self);
  g_free (self);
}

void
grd_page_reader_set_project (GrdPageReader *self,
                             GrdProject    *project)
{
  grd_follow_project (&self->project, &self->changed_id, project,
                      G_CALLBACK (on_project_changed), self);
  read_or_mark (self);
}

GrdProject *
grd_page_reader_get_project (GrdPageReader *self)
{
  return self->project;
}

void
grd_page_reader_shown (GrdPageReader *self)
{
  if (self->stale)
    self->refresh (self->page);
}

GCancellable *
grd_page_reader_begin (GrdPageReader *self)
{
  self->stale = FALSE;
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->project == NULL)
    return NULL;

  self->reading = g_cancellable_new ();
  return self->reading;
}

gboolean
grd_page_reader_end (GrdPageReader *self,
                     const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_clear_object (&self->reading);
  return TRUE;
}

gboolean
grd_page_reader_get_loading (GrdPageReader *self)
{
  return self->reading != NULL || self->stale;
}
