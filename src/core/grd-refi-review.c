/* grd-refi-review.c: review comments and states as REFI-QDA Notes, both ways
 *
 * REFI-QDA has no review. A comment or a review state leaves as a Note on
 * its code or coding (a NoteRef there), which any tool shows as a memo:
 * its author and time are the Note's creatingUser and creationDateTime,
 * its text the PlainTextContent, exactly. The Note's Description holds a
 * marker that Grounded reads back, written and read only here:
 *
 *   grounded-review/1 comment            the first comment of an open thread
 *   grounded-review/1 comment resolved   of a resolved one; modifyingUser
 *                                        and modifiedDateTime say who
 *                                        resolved it and when
 *   grounded-review/1 reply GUID         a reply to the comment GUID
 *   grounded-review/1 state STATE        proposed, accepted or needs-work
 *
 * A Note without the marker is a memo, whoever wrote it. One whose marker
 * does not parse, or whose code, coding or parent comment is not in the
 * file, stays a memo too, with a located warning.
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-refi-import-private.h"

#define MARKER_VERSION "grounded-review/1"

void
_grd_refi_review_marker_free (GrdRefiReviewMarker *marker)
{
  if (marker == NULL)
    return;
  g_free (marker->marker);
  g_free (marker->modifier_name);
  g_free (marker);
}

/* Export */

static GrdMemo *
review_note (const char      *guid,
             GrdReviewTarget  target,
             gint64           target_id,
             const char      *author_name,
             gint64           created_at,
             gint64           updated_at,
             char            *title,
             const char      *text)
{
  GrdMemo *memo = g_new0 (GrdMemo, 1);

  memo->guid = g_strdup (guid);
  memo->scope = target == GRD_REVIEW_TARGET_CODE ? GRD_MEMO_SCOPE_CODE : GRD_MEMO_SCOPE_CODING;
  memo->target_id = target_id;
  memo->author_name = g_strdup (author_name);
  memo->created_at = created_at;
  memo->updated_at = updated_at;
  memo->title = title;
  memo->text = g_strdup (text);
  return memo;
}

static void
add_marker (GHashTable *markers,
            const char *guid,
            char       *marker,
            const char *modifier_name)
{
  GrdRefiReviewMarker *entry = g_new0 (GrdRefiReviewMarker, 1);

  entry->marker = marker;
  entry->modifier_name = g_strdup (modifier_name);
  g_hash_table_replace (markers, g_strdup (guid), entry);
}

/* Comments and review states join memos as Notes on their code or coding;
 * markers gains each one's marker, by GUID. Reviews, snapshots and the
 * code history stay behind. */
gboolean
_grd_refi_add_review_notes (GrdProject     *project,
                            GrdRefiReport  *report,
                            GPtrArray      *memos,
                            GHashTable     *markers,
                            GError        **error)
{
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) comment_guids = g_hash_table_new (g_int64_hash, g_int64_equal);

  if ((comments = grd_project_list_comments (project, FALSE, error)) == NULL ||
      (marks = grd_project_list_review_states (project, error)) == NULL ||
      (reviews = grd_project_list_reviews (project, error)) == NULL ||
      (snapshots = grd_project_list_snapshots (project, error)) == NULL ||
      (events = grd_project_list_code_events_since (project, 0, error)) == NULL)
    return FALSE;

  /* a reply comes after what it answers */
  for (guint i = 0; i < comments->len; i++)
    {
      GrdComment *comment = g_ptr_array_index (comments, i);
      const char *author = comment->author_name != NULL ? comment->author_name : "?";
      gboolean resolved = comment->resolved_at != 0 && comment->parent_id == 0;
      char *title;
      char *marker;

      g_hash_table_insert (comment_guids, &comment->id, comment->guid);
      if (comment->parent_id != 0)
        {
          title = g_strdup_printf (_("Reply by %s"), author);
          marker = g_strdup_printf (MARKER_VERSION " reply %s",
                                    (const char *) g_hash_table_lookup (comment_guids,
                                                                        &comment->parent_id));
        }
      else if (resolved)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (comment->resolved_at);
          g_autofree char *day = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : NULL;

          title = g_strdup_printf (_("Review comment by %s. Resolved by %s on %s."), author,
                                   comment->resolved_by != NULL ? comment->resolved_by : "?",
                                   day != NULL ? day : "?");
          marker = g_strdup (MARKER_VERSION " comment resolved");
        }
      else
        {
          title = g_strdup_printf (_("Review comment by %s"), author);
          marker = g_strdup (MARKER_VERSION " comment");
        }
      g_ptr_array_add (memos, review_note (comment->guid, comment->target, comment->target_id,
                                           comment->author_name, comment->created_at,
                                           resolved ? comment->resolved_at : 0, title,
                                           comment->text));
      add_marker (markers, comment->guid, marker, resolved ? comment->resolved_by : NULL);
    }
  if (comments->len > 0)
    grd_refi_report_tally (report, GRD_REFI_CONVERTED, "review comment",
                           _("a Note on its code or quote, which Grounded reads back as the "
                             "comment"), comments->len);

  for (guint i = 0; i < marks->len; i++)
    {
      GrdReviewMark *mark = g_ptr_array_index (marks, i);
      const char *state = grd_review_state_to_string (mark->state);
      g_autofree char *guid = _grd_refi_derived_guid ("review-state", mark->target_guid);

      g_ptr_array_add (memos, review_note (guid, mark->target, mark->target_id,
                                           mark->coder_name, mark->set_at, 0,
                                           g_strdup (_("Review state")), state));
      add_marker (markers, guid, g_strconcat (MARKER_VERSION " state ", state, NULL), NULL);
    }
  if (marks->len > 0)
    grd_refi_report_tally (report, GRD_REFI_CONVERTED, "review state",
                           _("a Note on its code or quote, which Grounded reads back as the "
                             "state"), marks->len);

  if (reviews->len > 0)
    grd_refi_report_tally (report, GRD_REFI_DROPPED, "review",
                           _("REFI-QDA has no reviews"), reviews->len);
  if (snapshots->len > 0)
    grd_refi_report_tally (report, GRD_REFI_DROPPED, "code book snapshot",
                           _("REFI-QDA keeps one code book"), snapshots->len);
  if (events->len > 0)
    grd_refi_report_tally (report, GRD_REFI_DROPPED, "code history",
                           _("REFI-QDA does not record how codes changed"), events->len);
  return TRUE;
}

/* Import */

gboolean
_grd_refi_is_review_marker (const char *description)
{
  return description != NULL && g_str_has_prefix (description, "grounded-review/");
}

typedef enum {
  REVIEW_COMMENT,
  REVIEW_RESOLVED_COMMENT,
  REVIEW_REPLY,
  REVIEW_STATE,
} ReviewKind;

/* NULL when the marker is not one this version writes. */
static char *
parse_marker (const char     *marker,
              ReviewKind     *kind,
              GrdReviewState *state)
{
  g_autofree char *line = g_strstrip (g_strdup (marker));
  g_auto(GStrv) words = g_strsplit (line, " ", 0);
  guint n = g_strv_length (words);

  if (n < 2 || strcmp (words[0], MARKER_VERSION) != 0)
    return NULL;
  if (strcmp (words[1], "comment") == 0 && n == 2)
    *kind = REVIEW_COMMENT;
  else if (strcmp (words[1], "comment") == 0 && n == 3 && strcmp (words[2], "resolved") == 0)
    *kind = REVIEW_RESOLVED_COMMENT;
  else if (strcmp (words[1], "reply") == 0 && n == 3)
    {
      *kind = REVIEW_REPLY;
      return _grd_refi_normalize_guid (words[2]);
    }
  else if (strcmp (words[1], "state") == 0 && n == 3 &&
           grd_review_state_from_string (words[2], state))
    *kind = REVIEW_STATE;
  else
    return NULL;
  return g_strdup (words[1]);
}

static void
warn_note (Import     *import,
           Note       *note,
           const char *message)
{
  grd_refi_report_warn (import->report, import->file_name, note->line, "Note", "%s", message);
}

/* The first code or coding that refers to the note. */
static NoteRef *
review_target (GPtrArray *refs)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      NoteRef *ref = g_ptr_array_index (refs, i);

      if (ref->scope == GRD_MEMO_SCOPE_CODE || ref->scope == GRD_MEMO_SCOPE_CODING)
        return ref;
    }
  return NULL;
}

static GrdReviewTarget
target_of (NoteRef *ref)
{
  return ref != NULL && ref->scope == GRD_MEMO_SCOPE_CODE ? GRD_REVIEW_TARGET_CODE
                                                          : GRD_REVIEW_TARGET_CODING;
}

/* A review with no user in the file is by whoever imports it. */
static gint64
author_of (Import *import,
           gint64  coder_id)
{
  return coder_id != 0 ? coder_id : import->coder_id;
}

static gboolean
restore_comment (Import      *import,
                 Note        *note,
                 ReviewKind   kind,
                 const char  *parent_guid,
                 NoteRef     *target,
                 gboolean    *restored,
                 GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (note->text != NULL ? note->text : ""));
  gint64 parent_id = kind == REVIEW_REPLY ? _grd_refi_lookup_id (import->comments, parent_guid)
                                          : 0;
  gint64 other = 0;
  gint64 comment_id;

  if (text[0] == '\0')
    {
      warn_note (import, note, _("a review comment without text; kept as a memo"));
      return TRUE;
    }
  if (kind == REVIEW_REPLY && parent_id == 0)
    {
      warn_note (import, note, _("answers a comment that is not in the file; kept as a memo"));
      return TRUE;
    }
  if (kind != REVIEW_REPLY && target == NULL)
    {
      warn_note (import, note, _("a review comment whose code or coding is not in the file; "
                                 "kept as a memo"));
      return TRUE;
    }

  /* the file came from this project, or was imported into it before:
   * the comment is there, and its replies answer it */
  if (!_grd_project_refi_find_guid (import->project, "comment", note->guid, &other, error))
    return FALSE;
  if (other != 0)
    {
      _grd_refi_map_id (import->comments, note->guid, other);
      _grd_refi_tally_merged (import, "review comment");
      *restored = TRUE;
      return TRUE;
    }

  comment_id = _grd_project_refi_add_comment (import->project, note->guid, target_of (target),
                                              target != NULL ? target->target_id : 0, parent_id,
                                              author_of (import, note->author_id),
                                              note->created_at, text,
                                              kind == REVIEW_RESOLVED_COMMENT
                                                ? note->updated_at : 0,
                                              author_of (import, note->modifier_id), error);
  if (comment_id == 0)
    return FALSE;
  _grd_refi_map_id (import->comments, note->guid, comment_id);
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "review comment", NULL, 1);
  *restored = TRUE;
  return TRUE;
}

/* Restores a Note that carries a review marker as the comment or state it
 * was; *restored stays FALSE when it is to be taken as a memo instead. */
gboolean
_grd_refi_restore_review (Import      *import,
                          Note        *note,
                          GPtrArray   *refs,
                          gboolean    *restored,
                          GError     **error)
{
  ReviewKind kind = REVIEW_COMMENT;
  GrdReviewState state = GRD_REVIEW_STATE_PROPOSED;
  g_autofree char *argument = parse_marker (note->review, &kind, &state);
  NoteRef *target = review_target (refs);

  *restored = FALSE;
  if (argument == NULL)
    {
      warn_note (import, note, _("a review marker this version of Grounded does not know; "
                                 "kept as a memo"));
      return TRUE;
    }
  if (kind != REVIEW_STATE)
    return restore_comment (import, note, kind, argument, target, restored, error);

  if (target == NULL)
    {
      warn_note (import, note, _("a review state whose code or coding is not in the file; "
                                 "kept as a memo"));
      return TRUE;
    }
  if (!_grd_project_refi_set_review_state (import->project, target_of (target),
                                           target->target_id, state,
                                           author_of (import, note->author_id),
                                           note->created_at, error))
    return FALSE;
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "review state", NULL, 1);
  *restored = TRUE;
  return TRUE;
}
