/* grd-page-reader.h: a page that reads its project on a worker, while shown
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

/* What the Axial, Selective, Reports and Review pages share: they read
 * everything they show when shown, and again after a change that concerns
 * them while shown; a change while hidden only marks them stale. refresh
 * starts the read (with grd_page_reader_begin). */
typedef struct _GrdPageReader GrdPageReader;

GrdPageReader *grd_page_reader_new         (GtkWidget      *page,
                                            GrdChange       changes,
                                            void          (*refresh) (GtkWidget *page));
/* For the page's dispose: no more reads, the one on its way cancelled.
 * The reader itself is freed in finalize, as a read's callback holds a
 * reference to the page. */
void           grd_page_reader_stop        (GrdPageReader  *self);
void           grd_page_reader_free        (GrdPageReader  *self);
void           grd_page_reader_set_project (GrdPageReader  *self,
                                            GrdProject     *project);
GrdProject    *grd_page_reader_get_project (GrdPageReader  *self);
/* The page's map vfunc calls this after chaining up. */
void           grd_page_reader_shown       (GrdPageReader  *self);
/* A read starts: an older one is cancelled. NULL without a project. */
GCancellable  *grd_page_reader_begin       (GrdPageReader  *self);
/* A read's job ended with error; FALSE when it was cancelled (a newer read
 * is on its way, or the page went), and the result is to be dropped. */
gboolean       grd_page_reader_end         (GrdPageReader  *self,
                                            const GError   *error);
gboolean       grd_page_reader_get_loading (GrdPageReader  *self);

G_END_DECLS
