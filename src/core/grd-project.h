/* grd-project.h: one open Grounded project and every edit a researcher makes
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-import.h"
#include "grd-types.h"

G_BEGIN_DECLS

#define GRD_PROJECT_ERROR (grd_project_error_quark ())

typedef enum {
  GRD_PROJECT_ERROR_NOT_FOUND,    /* no such source, code, case, ... */
  GRD_PROJECT_ERROR_INVALID,      /* a value that does not fit (offsets, type) */
  GRD_PROJECT_ERROR_DUPLICATE,    /* the same thing exists already */
  GRD_PROJECT_ERROR_NOTHING_TO_UNDO,
  GRD_PROJECT_ERROR_NOTHING_TO_REDO,
  GRD_PROJECT_ERROR_AMBIGUOUS,    /* a name or passage that matches more than once */
} GrdProjectError;

GQuark grd_project_error_quark (void);

#define GRD_TYPE_PROJECT (grd_project_get_type ())
G_DECLARE_FINAL_TYPE (GrdProject, grd_project, GRD, PROJECT, GObject)

/* Files */
GrdProject *grd_project_create              (const char    *path,
                                             GError       **error);
GrdProject *grd_project_open                (const char    *path,
                                             GError       **error);
/* Another connection to the same project, for one worker thread; edits made
 * through it reach this one's views through grd_project_notify_changed(). */
GrdProject *grd_project_open_sibling        (GrdProject    *self,
                                             GError       **error);
void        grd_project_notify_changed      (GrdProject    *self,
                                             GrdChange      change);
void        grd_project_close               (GrdProject    *self);
const char *grd_project_get_path            (GrdProject    *self);
const char *grd_project_get_guid            (GrdProject    *self);
char       *grd_project_dup_name            (GrdProject    *self);
gboolean    grd_project_set_name            (GrdProject    *self,
                                             const char    *name,
                                             GError       **error);

/* Edits grouped into one undo step and one transaction (an import of many
 * files, a script). Every edit inside joins the batch; nothing is visible to
 * other connections until the batch ends. An outermost end that fails has
 * rolled the batch back and closed it: there is nothing left to abort. */
gboolean    grd_project_begin_batch         (GrdProject    *self,
                                             const char    *label,
                                             GError       **error);
gboolean    grd_project_end_batch           (GrdProject    *self,
                                             GError       **error);
void        grd_project_abort_batch         (GrdProject    *self);

/* Coders */
/* The account's real name, or its user name: who codes unless told. */
char       *grd_project_default_coder_name  (void);
gboolean    grd_project_set_current_coder   (GrdProject    *self,
                                             const char    *name,
                                             GError       **error);
GrdCoder   *grd_project_get_current_coder   (GrdProject    *self,
                                             GError       **error);
GPtrArray  *grd_project_list_coders         (GrdProject    *self,
                                             GError       **error);

/* Sources */
gint64      grd_project_add_source          (GrdProject      *self,
                                             GrdImportedText *imported,
                                             const char      *name,
                                             GError         **error);
gint64      grd_project_import_file         (GrdProject    *self,
                                             GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);
GPtrArray  *grd_project_list_sources        (GrdProject    *self,
                                             GError       **error);
GrdSource  *grd_project_get_source          (GrdProject    *self,
                                             gint64         source_id,
                                             GError       **error);
GrdSource  *grd_project_find_source         (GrdProject    *self,
                                             const char    *name_or_guid,
                                             GError       **error);
char       *grd_project_get_source_text     (GrdProject    *self,
                                             gint64         source_id,
                                             gsize         *len,
                                             GError       **error);
GArray     *grd_project_list_turns          (GrdProject    *self,
                                             gint64         source_id,
                                             GError       **error);
/* GrdFormatRange, sorted by grd_format_range_compare(). */
GArray     *grd_project_list_formats        (GrdProject    *self,
                                             gint64         source_id,
                                             GError       **error);
/* The file as imported; NULL with GRD_PROJECT_ERROR_NOT_FOUND if the
 * source was made without one. */
GBytes     *grd_project_get_source_original (GrdProject    *self,
                                             gint64         source_id,
                                             char         **file_name,
                                             char         **media_type,
                                             GError       **error);
gboolean    grd_project_rename_source       (GrdProject    *self,
                                             gint64         source_id,
                                             const char    *name,
                                             GError       **error);
gboolean    grd_project_set_source_case     (GrdProject    *self,
                                             gint64         source_id,
                                             gint64         case_id,
                                             GError       **error);
gboolean    grd_project_delete_source       (GrdProject    *self,
                                             gint64         source_id,
                                             GError       **error);

/* Cases and attributes */
gint64      grd_project_add_case            (GrdProject    *self,
                                             const char    *name,
                                             const char    *description,
                                             GError       **error);
GPtrArray  *grd_project_list_cases          (GrdProject    *self,
                                             GError       **error);
GrdCase    *grd_project_find_case           (GrdProject    *self,
                                             const char    *name_or_guid,
                                             GError       **error);
gboolean    grd_project_rename_case         (GrdProject    *self,
                                             gint64         case_id,
                                             const char    *name,
                                             GError       **error);
gboolean    grd_project_delete_case         (GrdProject    *self,
                                             gint64         case_id,
                                             GError       **error);
gint64      grd_project_add_attribute       (GrdProject        *self,
                                             const char        *name,
                                             GrdAttributeType   type,
                                             const char * const *choices,
                                             GError           **error);
GPtrArray  *grd_project_list_attributes     (GrdProject    *self,
                                             GError       **error);
GrdAttribute *grd_project_find_attribute    (GrdProject    *self,
                                             const char    *name_or_guid,
                                             GError       **error);
gboolean    grd_project_delete_attribute    (GrdProject    *self,
                                             gint64         attribute_id,
                                             GError       **error);
/* value NULL or "n/a" records "not applicable"; numbers, ISO 8601 dates and
 * choices are checked against the attribute's type. */
gboolean    grd_project_set_case_value      (GrdProject    *self,
                                             gint64         case_id,
                                             gint64         attribute_id,
                                             const char    *value,
                                             GError       **error);
gboolean    grd_project_set_source_value    (GrdProject    *self,
                                             gint64         source_id,
                                             gint64         attribute_id,
                                             const char    *value,
                                             GError       **error);
gboolean    grd_project_unset_value         (GrdProject    *self,
                                             gint64         case_id,
                                             gint64         source_id,
                                             gint64         attribute_id,
                                             GError       **error);
GPtrArray  *grd_project_list_values         (GrdProject    *self,
                                             gint64         case_id,
                                             gint64         source_id,
                                             GError       **error);

/* Codes: one tree. parent_id 0 is the top level. */
gint64      grd_project_add_code            (GrdProject    *self,
                                             gint64         parent_id,
                                             const char    *name,
                                             GrdCodeKind    kind,
                                             const char    *color,
                                             const char    *description,
                                             GError       **error);
GPtrArray  *grd_project_list_codes          (GrdProject    *self,
                                             GError       **error);
GrdCode    *grd_project_get_code            (GrdProject    *self,
                                             gint64         code_id,
                                             GError       **error);
/* A name, a path of names ("Extrinsic/External Regulation/Facility") or a
 * GUID; a bare name must be unique in the whole tree. */
GrdCode    *grd_project_find_code           (GrdProject    *self,
                                             const char    *reference,
                                             GError       **error);
char       *grd_project_get_code_path       (GrdProject    *self,
                                             gint64         code_id,
                                             GError       **error);
gboolean    grd_project_rename_code         (GrdProject    *self,
                                             gint64         code_id,
                                             const char    *name,
                                             GError       **error);
/* position -1 appends */
gboolean    grd_project_move_code           (GrdProject    *self,
                                             gint64         code_id,
                                             gint64         new_parent_id,
                                             gint           position,
                                             GError       **error);
gboolean    grd_project_merge_codes         (GrdProject    *self,
                                             gint64         from_code_id,
                                             gint64         into_code_id,
                                             GError       **error);
gboolean    grd_project_delete_code         (GrdProject    *self,
                                             gint64         code_id,
                                             GError       **error);
/* Moves the listed codings of code_id (all of them its own) to a new code
 * named name: a sibling of code_id, or its child when as_child; the new
 * code has code_id's kind. Recorded as a split in the code's history.
 * Returns the new code's id. */
gint64      grd_project_split_code          (GrdProject    *self,
                                             gint64         code_id,
                                             const gint64  *coding_ids,
                                             guint          n_coding_ids,
                                             const char    *name,
                                             gboolean       as_child,
                                             GError       **error);
gboolean    grd_project_set_code_kind       (GrdProject    *self,
                                             gint64         code_id,
                                             GrdCodeKind    kind,
                                             GError       **error);
/* Selective coding: marks the one core category (a former one becomes a
 * theme again). */
gboolean    grd_project_set_core_category   (GrdProject    *self,
                                             gint64         code_id,
                                             GError       **error);
gboolean    grd_project_set_code_color      (GrdProject    *self,
                                             gint64         code_id,
                                             const char    *color,
                                             GError       **error);
gboolean    grd_project_set_code_description (GrdProject   *self,
                                             gint64         code_id,
                                             const char    *description,
                                             GError       **error);

/* Code sets: groups besides the tree */
gint64      grd_project_add_code_set        (GrdProject    *self,
                                             const char    *name,
                                             const char    *description,
                                             GError       **error);
gboolean    grd_project_add_to_code_set     (GrdProject    *self,
                                             gint64         code_set_id,
                                             gint64         code_id,
                                             GError       **error);
gboolean    grd_project_remove_from_code_set (GrdProject   *self,
                                             gint64         code_set_id,
                                             gint64         code_id,
                                             GError       **error);
GPtrArray  *grd_project_list_code_sets      (GrdProject    *self,
                                             GError       **error);

/* Codings: the current coder applies code_id to [start, end) of a source. */
gint64      grd_project_add_coding          (GrdProject    *self,
                                             gint64         source_id,
                                             gint64         code_id,
                                             gint64         start,
                                             gint64         end,
                                             GError       **error);
GrdCoding  *grd_project_get_coding          (GrdProject    *self,
                                             gint64         coding_id,
                                             GError       **error);
GPtrArray  *grd_project_list_codings        (GrdProject    *self,
                                             gint64         source_id,
                                             GError       **error);
gboolean    grd_project_remove_coding       (GrdProject    *self,
                                             gint64         coding_id,
                                             GError       **error);
gboolean    grd_project_recode_coding       (GrdProject    *self,
                                             gint64         coding_id,
                                             gint64         code_id,
                                             GError       **error);
gboolean    grd_project_set_representative  (GrdProject    *self,
                                             gint64         coding_id,
                                             gboolean       representative,
                                             GError       **error);

/* Relations between codes (axial coding) */
gint64      grd_project_add_relation        (GrdProject      *self,
                                             gint64           from_code_id,
                                             gint64           to_code_id,
                                             GrdRelationKind  kind,
                                             const char      *label,
                                             const char      *memo,
                                             GError         **error);
GPtrArray  *grd_project_list_relations      (GrdProject    *self,
                                             GError       **error);
gboolean    grd_project_delete_relation     (GrdProject    *self,
                                             gint64         relation_id,
                                             GError       **error);
/* A relation of a user-defined type (its kind stays "associated"). */
gint64      grd_project_add_typed_relation (GrdProject    *self,
                                             gint64         from_code_id,
                                             gint64         to_code_id,
                                             gint64         type_id,
                                             const char    *label,
                                             const char    *memo,
                                             GError       **error);
gboolean    grd_project_set_relation_memo   (GrdProject    *self,
                                             gint64         relation_id,
                                             const char    *memo,
                                             GError       **error);
gint64      grd_project_add_relation_type   (GrdProject    *self,
                                             const char    *name,
                                             const char    *description,
                                             gboolean       directed,
                                             GError       **error);
gboolean    grd_project_rename_relation_type (GrdProject   *self,
                                             gint64         type_id,
                                             const char    *name,
                                             GError       **error);
/* Refused while a relation has the type. */
gboolean    grd_project_delete_relation_type (GrdProject   *self,
                                             gint64         type_id,
                                             GError       **error);
GPtrArray  *grd_project_list_relation_types (GrdProject    *self,
                                             GError       **error);
/* Evidence: codings that show the relation in the data. */
gboolean    grd_project_add_relation_evidence (GrdProject  *self,
                                             gint64         relation_id,
                                             gint64         coding_id,
                                             GError       **error);
gboolean    grd_project_remove_relation_evidence (GrdProject *self,
                                             gint64         relation_id,
                                             gint64         coding_id,
                                             GError       **error);
/* Coding ids (gint64) in transcript order. */
GArray     *grd_project_list_relation_evidence (GrdProject *self,
                                             gint64         relation_id,
                                             GError       **error);

/* Memos. target_id is 0 for free and project memos. */
gint64      grd_project_add_memo            (GrdProject    *self,
                                             GrdMemoScope   scope,
                                             gint64         target_id,
                                             const char    *title,
                                             const char    *text,
                                             GError       **error);
gboolean    grd_project_update_memo         (GrdProject    *self,
                                             gint64         memo_id,
                                             const char    *title,
                                             const char    *text,
                                             GError       **error);
gboolean    grd_project_delete_memo         (GrdProject    *self,
                                             gint64         memo_id,
                                             GError       **error);
/* scope -1 lists every memo */
GPtrArray  *grd_project_list_memos          (GrdProject    *self,
                                             gint           scope,
                                             gint64         target_id,
                                             GError       **error);

/* History: undo and redo survive closing the project and a crash. */
gboolean    grd_project_can_undo            (GrdProject    *self);
gboolean    grd_project_can_redo            (GrdProject    *self);
char       *grd_project_undo                (GrdProject    *self,
                                             GError       **error);
char       *grd_project_redo                (GrdProject    *self,
                                             GError       **error);
GPtrArray  *grd_project_list_history        (GrdProject    *self,
                                             guint          limit,
                                             GError       **error);
/* Drops every undo and redo step, keeping the data as it is: for a project
 * handed on (the bundled sample study), where undo must not take apart the
 * work of whoever made it. */
gboolean    grd_project_forget_history      (GrdProject    *self,
                                             GError       **error);

G_END_DECLS
