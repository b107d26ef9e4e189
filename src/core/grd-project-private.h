/* grd-project-private.h: what the project's modules share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-project.h"
#include "grd-store-private.h"

G_BEGIN_DECLS

GrdStore *_grd_project_get_store   (GrdProject  *self);

/* Every edit is begin → SQL → end (or fail): one transaction, one undo step
 * labelled for the history list; inside a batch, a savepoint of the batch. */
gboolean  _grd_project_begin_edit  (GrdProject  *self,
                                    const char  *label,
                                    GError     **error);
gboolean  _grd_project_end_edit    (GrdProject  *self,
                                    GrdChange    change,
                                    GError     **error);
/* The same for an edit of one coding, which views can follow row by row. */
gboolean  _grd_project_end_coding_edit (GrdProject            *self,
                                        GrdChange              change,
                                        const GrdCodingChange *coding_change,
                                        GError               **error);
void      _grd_project_fail_edit   (GrdProject  *self);

gboolean  _grd_project_current_coder_id (GrdProject *self,
                                         gint64     *coder_id,
                                         GError    **error);

char     *_grd_new_guid            (void);
/* Trims white space; fails naming what when nothing is left. */
char     *_grd_clean_name          (const char  *name,
                                    const char  *what,
                                    GError     **error);

/* Fails with a NOT_FOUND error naming the kind of thing when table (one
 * of core's table names) has no row id. */
gboolean  _grd_project_require     (GrdStore    *store,
                                    const char  *table,
                                    gint64       id,
                                    GError     **error);

/* Fails with a DUPLICATE error when another row of table (sources, cases,
 * attributes, code sets) already has this name. */
gboolean  _grd_project_check_unique_name (GrdStore   *store,
                                          const char *table,
                                          const char *name,
                                          gint64      except_id,
                                          GError    **error);
/* Adds a row (guid, name, description) to such a table as one edit. */
gint64    _grd_project_add_named_row (GrdProject *self,
                                      const char *table,
                                      const char *name,
                                      const char *description,
                                      const char *label,
                                      GrdChange   change,
                                      GError    **error);
/* Renames a row of such a table as one edit. */
gboolean  _grd_project_rename_row  (GrdProject  *self,
                                    const char  *table,
                                    gint64       id,
                                    const char  *name,
                                    const char  *label,
                                    GrdChange    change,
                                    GError     **error);

void      _grd_set_not_found       (GError     **error,
                                    const char  *what,
                                    gint64       id);

G_END_DECLS
