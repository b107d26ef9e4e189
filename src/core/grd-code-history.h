/* grd-code-history.h: how the code system came to be what it is
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-project.h"

G_BEGIN_DECLS

typedef enum {
  GRD_CODE_EVENT_CREATE,
  GRD_CODE_EVENT_RENAME,
  GRD_CODE_EVENT_MOVE,
  GRD_CODE_EVENT_MERGE,
  GRD_CODE_EVENT_SPLIT,
  GRD_CODE_EVENT_KIND,
  GRD_CODE_EVENT_DELETE,
} GrdCodeEventKind;

const char *grd_code_event_kind_to_string   (GrdCodeEventKind  kind);
gboolean    grd_code_event_kind_from_string (const char       *string,
                                             GrdCodeEventKind *kind);

/* One change of the code system. Codes are named by GUID, so an event
 * outlives its code; code_id and other_id are 0 for codes gone since.
 * old_value and new_value: names (create, rename; merge and split: the
 * code's and the other's names), parents' names (move, "" for the top
 * level) or kinds (kind), as they were then. */
typedef struct {
  gint64            id;
  GrdCodeEventKind  kind;
  char             *code_guid;
  gint64            code_id;
  char             *code_name;    /* its name now; NULL when it is gone */
  char             *old_value;
  char             *new_value;
  char             *other_guid;   /* merged into, split off to, moved or created under */
  gint64            other_id;
  char             *coder_name;
  gint64            created_at;
} GrdCodeEvent;

void grd_code_event_free (GrdCodeEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCodeEvent, grd_code_event_free)

/* The events of one code, oldest first: its own, and those of other codes
 * that were merged into it, split off it or moved under it ("these 9 open
 * codes became Personal development"). */
GPtrArray *grd_project_list_code_events   (GrdProject  *self,
                                           gint64       code_id,
                                           GError     **error);
/* One event as a sentence about the code whose history is shown, the one
 * of subject_guid: its own changes ("renamed from … to …"), or another code
 * merged into it, split off it or moved under it. */
char      *grd_code_event_describe        (const GrdCodeEvent *event,
                                           const char         *subject_guid);
/* Every event at or after since (Unix seconds; 0: all), oldest first. */
GPtrArray *grd_project_list_code_events_since (GrdProject *self,
                                           gint64       since,
                                           GError     **error);

/* Dated snapshots of the code book. */
typedef struct {
  gint64  id;
  char   *guid;
  char   *label;
  char   *coder_name;
  gint64  created_at;
  guint   n_codes;
} GrdSnapshot;

void grd_snapshot_free (GrdSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdSnapshot, grd_snapshot_free)

/* Takes a snapshot of every code (GUID, parent, name, kind, description,
 * colour, own codings) as one undoable step. */
gint64     grd_project_take_snapshot      (GrdProject  *self,
                                           const char  *label,
                                           GError     **error);
/* Newest first. */
GPtrArray *grd_project_list_snapshots     (GrdProject  *self,
                                           GError     **error);

typedef enum {
  GRD_CODE_DIFF_ADDED,
  GRD_CODE_DIFF_REMOVED,
  GRD_CODE_DIFF_MERGED,      /* removed by a merge into other_guid */
  GRD_CODE_DIFF_RENAMED,
  GRD_CODE_DIFF_MOVED,       /* another parent; values are the parents' names */
  GRD_CODE_DIFF_KIND,
} GrdCodeDiffKind;

const char *grd_code_diff_kind_to_string (GrdCodeDiffKind kind);

/* One difference between a snapshot and the code book now; a code that
 * was renamed and moved has two. */
typedef struct {
  GrdCodeDiffKind  kind;
  char            *code_guid;
  gint64           code_id;     /* 0: not in the code book now */
  char            *name;        /* its name now, or when last seen */
  char            *old_value;
  char            *new_value;
  char            *other_guid;  /* GRD_CODE_DIFF_MERGED: the code merged into */
  gint64           other_id;
} GrdCodeDiff;

void grd_code_diff_free (GrdCodeDiff *diff);
/* The difference as a sentence: "Renamed “Trust” to “Kepercayaan”". */
char *grd_code_diff_describe (const GrdCodeDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCodeDiff, grd_code_diff_free)

/* The differences by kind in the order above, by name within a kind. */
GPtrArray *grd_project_compare_snapshot   (GrdProject  *self,
                                           gint64       snapshot_id,
                                           GError     **error);

G_END_DECLS
