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
/* Inside a batch, an edit of one statement needs no savepoint: the
 * statement is atomic by itself (a savepoint per row cost an import of
 * 200,000 codings a quarter of its time). Notes change for the batch's
 * views; FALSE, noting nothing, outside a batch. */
gboolean  _grd_project_note_batch_change (GrdProject *self,
                                          GrdChange   change);

/* Adds a source's text to the full-text index, or takes it out. A batch
 * adds its sources all at its end: each full-text write in a transaction
 * makes SQLite flush the index at every later savepoint, which cost an
 * import of 1,000 transcripts and 200,000 codings a tenth of its time. */
gboolean  _grd_project_index_source (GrdProject  *self,
                                     gint64       source_id,
                                     gboolean     add,
                                     GError     **error);

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

/* What hangs on a row and goes with it: memos, evidence, review states,
 * comments, map positions. */
typedef enum {
  GRD_ATTACHED_TO_CODINGS,
  GRD_ATTACHED_TO_RELATIONS,
  GRD_ATTACHED_TO_CODES,    /* besides their codings, relations and memos */
} GrdAttachedTo;

/* Deletes what is attached to the rows that ids_sql (core's own SQL
 * selecting ids, with parameters bound from types, a and b as in
 * grd_store_run) selects, before those rows go, so that the undo log sees
 * each deleted row and no foreign key action runs. */
gboolean  _grd_project_delete_attached (GrdStore       *store,
                                        GrdAttachedTo   to,
                                        const char     *ids_sql,
                                        const char     *types,
                                        gint64          a,
                                        gint64          b,
                                        GError        **error);

/* Fails with a DUPLICATE error when another child of parent_id (0: the
 * top level) than except_id already has this name. */
gboolean  _grd_project_check_sibling_name (GrdStore    *store,
                                           gint64       parent_id,
                                           const char  *name,
                                           gint64       except_id,
                                           GError     **error);
/* Inserts a code inside the current edit and records its creation; the
 * colour (NULL: the next of the palette) is checked by the caller. */
gint64    _grd_project_insert_code (GrdProject   *self,
                                    gint64        parent_id,
                                    const char   *name,
                                    GrdCodeKind   kind,
                                    const char   *color,
                                    const char   *description,
                                    GError      **error);

/* Records a change of the code system in code_event, inside the current
 * edit: event is one of code_event.event's values; new_value is the new
 * name or kind (create, rename, kind); other_id the code merged into, split
 * off to, moved under or created under (0: none or the top level). old
 * values are read from the code as it is, so call it before the change
 * (after it for create and split). A rename or kind change to the same
 * value records nothing. */
gboolean  _grd_project_log_code_event (GrdProject  *self,
                                       gint64       code_id,
                                       const char  *event,
                                       const char  *new_value,
                                       gint64       other_id,
                                       GError     **error);

/* Inserts a snapshot of the code book inside the current edit. */
gint64    _grd_project_insert_snapshot (GrdProject  *self,
                                        const char  *label,
                                        GError     **error);

void      _grd_set_not_found       (GError     **error,
                                    const char  *what,
                                    gint64       id);

G_END_DECLS
