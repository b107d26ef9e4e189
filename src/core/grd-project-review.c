/* grd-project-review.c: reviews, review states, comments, and what changed
 * since the last review
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A review that is marked done keeps a snapshot of the code book and the
 * set of codings present then. "Changes since the last review" compares
 * the snapshot with the code book (grd-code-history.c) and walks that set
 * beside the coding table in id order: one pass over each, with no query
 * per coding, which keeps it quick at 200,000 codings. */

#define G_LOG_DOMAIN "grd-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"
#include "grd-review.h"

static const char * const state_names[] = { "proposed", "accepted", "needs-work" };

const char *
grd_review_state_to_string (GrdReviewState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
grd_review_state_from_string (const char     *string,
                              GrdReviewState *state)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (state_names[i], string))
      {
        *state = (GrdReviewState) i;
        return TRUE;
      }

  return FALSE;
}

void
grd_review_free (GrdReview *review)
{
  if (review == NULL)
    return;
  g_free (review->guid);
  g_free (review->reviewer_name);
  g_free (review);
}

void
grd_review_mark_free (GrdReviewMark *mark)
{
  if (mark == NULL)
    return;
  g_free (mark->target_guid);
  g_free (mark->coder_name);
  g_free (mark);
}

void
grd_comment_free (GrdComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->guid);
  g_free (comment->author_name);
  g_free (comment->text);
  g_free (comment->resolved_by);
  g_free (comment);
}

void
grd_review_changes_free (GrdReviewChanges *changes)
{
  if (changes == NULL)
    return;
  grd_review_free (changes->review);
  g_clear_pointer (&changes->codes, g_ptr_array_unref);
  g_clear_pointer (&changes->codings_added, g_array_unref);
  g_clear_pointer (&changes->codings_removed, g_array_unref);
  g_free (changes);
}

/* The review's table and column names for a target, core's own. */
static const char *
target_column (GrdReviewTarget target)
{
  return target == GRD_REVIEW_TARGET_CODE ? "code_id" : "coding_id";
}

static const char *
target_table (GrdReviewTarget target)
{
  return target == GRD_REVIEW_TARGET_CODE ? "code" : "coding";
}

/* Reviews */

static gpointer
read_review (sqlite3_stmt *row)
{
  GrdReview *review = g_new0 (GrdReview, 1);

  review->id = sqlite3_column_int64 (row, 0);
  review->guid = grd_stmt_dup_text (row, 1);
  review->reviewer_name = grd_stmt_dup_text (row, 2);
  review->started_at = sqlite3_column_int64 (row, 3);
  review->done_at = sqlite3_column_int64 (row, 4);
  review->snapshot_id = sqlite3_column_int64 (row, 5);
  return review;
}

#define REVIEW_COLUMNS \
  "SELECT r.id, r.guid, w.name, r.started_at, r.done_at, r.snapshot_id FROM review r " \
  "LEFT JOIN coder w ON w.id = r.reviewer_id "

GPtrArray *
grd_project_list_reviews (GrdProject  *self,
                          GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, REVIEW_COLUMNS "ORDER BY r.started_at DESC, r.id DESC",
                          NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_review, (GDestroyNotify) grd_review_free, error);
}

/* The open review, or with done the last one marked done; NULL with error
 * unset when there is none. */
static GrdReview *
find_review (GrdStore   *store,
             gboolean    done,
             GError    **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  stmt = grd_store_query (store, error,
                          done ? REVIEW_COLUMNS "WHERE r.done_at IS NOT NULL "
                                 "ORDER BY r.done_at DESC, r.id DESC LIMIT 1"
                               : REVIEW_COLUMNS "WHERE r.done_at IS NULL ORDER BY r.id DESC LIMIT 1",
                          NULL);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error) || !has_row)
    return NULL;

  return read_review (grd_stmt_get (stmt));
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");
}

gint64
grd_project_start_review (GrdProject  *self,
                          GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdReview) open = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *guid = NULL;
  gint64 coder_id, review_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);

  if (!_grd_project_begin_edit (self, _("Start review"), error))
    return 0;

  open = find_review (store, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (open != NULL)
    {
      g_autofree char *day = format_day (open->started_at);

      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE,
                   _("The review by %s started on %s is still open; mark it done first"),
                   open->reviewer_name != NULL ? open->reviewer_name : _("an unknown coder"), day);
      goto fail;
    }

  guid = _grd_new_guid ();
  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO review (guid, reviewer_id, started_at) VALUES (?1, ?2, unixepoch ())",
                      "sn", guid, coder_id))
    goto fail;
  review_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_edit (self, GRD_CHANGE_REVIEW, error))
    return 0;
  return review_id;

fail:
  _grd_project_fail_edit (self);
  return 0;
}

static void
append_varint (GByteArray *bytes,
               guint64     value)
{
  do
    {
      guint8 byte = value & 0x7f;

      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      g_byte_array_append (bytes, &byte, 1);
    }
  while (value != 0);
}

static gboolean
read_varint (const guint8 **at,
             const guint8  *end,
             guint64       *value)
{
  *value = 0;
  for (guint shift = 0; *at < end && shift < 64; shift += 7)
    {
      guint8 byte = *(*at)++;

      *value |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every coding as (gap from the previous id, code id): about 4 bytes a
 * coding, where a table of pairs would take about 20 with its index. */
static GBytes *
encode_codings (GrdStore  *store,
                GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;
  gint64 last = 0;

  stmt = grd_store_query (store, error, "SELECT id, code_id FROM coding ORDER BY id", NULL);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      gint64 id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);

      append_varint (bytes, (guint64) (id - last));
      append_varint (bytes, (guint64) sqlite3_column_int64 (grd_stmt_get (stmt), 1));
      last = id;
    }
  if (!ok)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
grd_project_finish_review (GrdProject  *self,
                           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdReview) open = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) codings = NULL;
  g_autoptr(GrdStmt) update = NULL;
  g_autofree char *label = NULL;
  gint64 snapshot_id;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, _("Mark review done"), error))
    return FALSE;

  open = find_review (store, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (open == NULL)
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                           _("No review is open; start one first"));
      goto fail;
    }

  label = g_strdup_printf (_("Review by %s"),
                           open->reviewer_name != NULL ? open->reviewer_name : _("an unknown coder"));
  if ((snapshot_id = _grd_project_insert_snapshot (self, label, error)) == 0 ||
      (codings = encode_codings (store, error)) == NULL)
    goto fail;

  /* grd_store_query binds no BLOB; this one statement binds its own. */
  update = grd_store_prepare (store,
                              "UPDATE review SET done_at = max (unixepoch (), started_at), "
                              "snapshot_id = ?1, codings = ?2 WHERE id = ?3",
                              error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (grd_stmt_get (update), 1, snapshot_id);
  /* An empty set is an empty BLOB, not NULL (which means "not done"). */
  if (g_bytes_get_size (codings) > 0)
    sqlite3_bind_blob64 (grd_stmt_get (update), 2, g_bytes_get_data (codings, NULL),
                         g_bytes_get_size (codings), SQLITE_STATIC);
  else
    sqlite3_bind_zeroblob (grd_stmt_get (update), 2, 0);
  sqlite3_bind_int64 (grd_stmt_get (update), 3, open->id);
  if (!grd_store_step_done (store, grd_stmt_get (update), error))
    goto fail;
  g_clear_pointer (&update, grd_store_release);

  return _grd_project_end_edit (self, GRD_CHANGE_REVIEW, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

/* Review states */

/* How history labels name a target: the code's quoted name, or "coding". */
static char *
target_name (GrdStore         *store,
             GrdReviewTarget   target,
             gint64            target_id,
             GError          **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;

  if (target == GRD_REVIEW_TARGET_CODING)
    return _grd_project_require (store, "coding", target_id, error) ? g_strdup (_("coding")) : NULL;

  stmt = grd_store_query (store, error, "SELECT name FROM code WHERE id = ?1", "i", target_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  if (!has_row)
    {
      _grd_set_not_found (error, _("code"), target_id);
      return NULL;
    }

  return g_strdup_printf (_("“%s”"), sqlite3_column_text (grd_stmt_get (stmt), 0));
}

/* Sets (state NULL: clears) the one review state of a target. */
static gboolean
write_review_state (GrdProject       *self,
                    GrdReviewTarget   target,
                    gint64            target_id,
                    const char       *state,
                    GError          **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *update = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *delete = NULL;
  GrdReviewState known = GRD_REVIEW_STATE_PROPOSED;
  gint64 coder_id;

  if ((name = target_name (store, target, target_id, error)) == NULL)
    return FALSE;

  if (state == NULL)
    label = g_strdup_printf (_("Clear the review state of %s"), name);
  else if (grd_review_state_from_string (state, &known) && known == GRD_REVIEW_STATE_ACCEPTED)
    label = g_strdup_printf (_("Accept %s"), name);
  else if (known == GRD_REVIEW_STATE_NEEDS_WORK)
    label = g_strdup_printf (_("Mark %s as needing work"), name);
  else
    label = g_strdup_printf (_("Mark %s as proposed"), name);

  if (!_grd_project_begin_edit (self, label, error))
    return FALSE;

  update = g_strdup_printf ("UPDATE review_state SET state = ?1, coder_id = ?2, set_at = unixepoch () "
                            "WHERE %s = ?3 AND (state <> ?1 OR coder_id IS DISTINCT FROM ?2)",
                            target_column (target));
  insert = g_strdup_printf ("INSERT INTO review_state (%s, state, coder_id, set_at) "
                            "SELECT ?3, ?1, ?2, unixepoch () WHERE NOT EXISTS "
                            "(SELECT 1 FROM review_state WHERE %s = ?3)",
                            target_column (target), target_column (target));
  delete = g_strdup_printf ("DELETE FROM review_state WHERE %s = ?1", target_column (target));

  /* Checked again inside the transaction: the row may have gone. */
  if (!_grd_project_require (store, target_table (target), target_id, error) ||
      !_grd_project_current_coder_id (self, &coder_id, error))
    goto fail;
  if (state != NULL
      ? (!grd_store_run (store, error, update, "sni", state, coder_id, target_id) ||
         !grd_store_run (store, error, insert, "sni", state, coder_id, target_id))
      : !grd_store_run (store, error, delete, "i", target_id))
    goto fail;

  return _grd_project_end_edit (self, GRD_CHANGE_REVIEW, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

gboolean
grd_project_set_review_state (GrdProject       *self,
                              GrdReviewTarget   target,
                              gint64            target_id,
                              GrdReviewState    state,
                              GError          **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), FALSE);
  g_return_val_if_fail (target == GRD_REVIEW_TARGET_CODE || target == GRD_REVIEW_TARGET_CODING, FALSE);

  return write_review_state (self, target, target_id, grd_review_state_to_string (state), error);
}

gboolean
grd_project_clear_review_state (GrdProject       *self,
                                GrdReviewTarget   target,
                                gint64            target_id,
                                GError          **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (target == GRD_REVIEW_TARGET_CODE || target == GRD_REVIEW_TARGET_CODING, FALSE);

  return write_review_state (self, target, target_id, NULL, error);
}

static gpointer
read_mark (sqlite3_stmt *row)
{
  GrdReviewMark *mark = g_new0 (GrdReviewMark, 1);

  mark->target = sqlite3_column_type (row, 0) != SQLITE_NULL ? GRD_REVIEW_TARGET_CODE
                                                             : GRD_REVIEW_TARGET_CODING;
  mark->target_id = sqlite3_column_int64 (row, mark->target == GRD_REVIEW_TARGET_CODE ? 0 : 1);
  /* the table's CHECK admits only known states */
  if (!grd_review_state_from_string ((const char *) sqlite3_column_text (row, 2), &mark->state))
    g_warn_if_reached ();
  mark->coder_name = grd_stmt_dup_text (row, 3);
  mark->set_at = sqlite3_column_int64 (row, 4);
  mark->target_guid = grd_stmt_dup_text (row, 5);
  return mark;
}

GPtrArray *
grd_project_list_review_states (GrdProject  *self,
                                GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error,
                          "SELECT s.code_id, s.coding_id, s.state, w.name, s.set_at, "
                          "coalesce (c.guid, g.guid) FROM review_state s "
                          "LEFT JOIN coder w ON w.id = s.coder_id "
                          "LEFT JOIN code c ON c.id = s.code_id "
                          "LEFT JOIN coding g ON g.id = s.coding_id "
                          "ORDER BY s.code_id IS NULL, s.code_id, s.coding_id",
                          NULL);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_mark, (GDestroyNotify) grd_review_mark_free, error);
}

/* Comments */

static gint64
insert_comment (GrdProject       *self,
                GrdReviewTarget   target,
                gint64            target_id,
                gint64            parent_id,
                const char       *text,
                const char       *label,
                GError          **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *clean = NULL;
  g_autofree char *guid = NULL;
  gint64 coder_id, comment_id;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The comment is not valid UTF-8"));
      return 0;
    }
  if ((clean = _grd_clean_name (text, _("comment"), error)) == NULL ||
      !_grd_project_begin_edit (self, label, error))
    return 0;

  guid = _grd_new_guid ();
  if (!_grd_project_require (store, target_table (target), target_id, error) ||
      !_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      "INSERT INTO comment (guid, code_id, coding_id, parent_id, author_id, created_at, "
                      "text) VALUES (?1, ?2, ?3, ?4, ?5, unixepoch (), ?6)",
                      "snnnns", guid, target == GRD_REVIEW_TARGET_CODE ? target_id : 0,
                      target == GRD_REVIEW_TARGET_CODING ? target_id : 0, parent_id, coder_id, clean))
    {
      _grd_project_fail_edit (self);
      return 0;
    }
  comment_id = grd_store_last_insert_id (store);

  if (!_grd_project_end_edit (self, GRD_CHANGE_REVIEW, error))
    return 0;
  return comment_id;
}

gint64
grd_project_add_comment (GrdProject       *self,
                         GrdReviewTarget   target,
                         gint64            target_id,
                         const char       *text,
                         GError          **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail (target == GRD_REVIEW_TARGET_CODE || target == GRD_REVIEW_TARGET_CODING, 0);
  g_return_val_if_fail (text != NULL, 0);

  if ((name = target_name (store, target, target_id, error)) == NULL)
    return 0;
  label = g_strdup_printf (_("Comment on %s"), name);

  return insert_comment (self, target, target_id, 0, text, label, error);
}

gint64
grd_project_reply_to_comment (GrdProject  *self,
                              gint64       comment_id,
                              const char  *text,
                              GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;
  GrdReviewTarget target;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  stmt = grd_store_query (store, error, "SELECT code_id, coding_id FROM comment WHERE id = ?1", "i",
                          comment_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return 0;
  if (!has_row)
    {
      _grd_set_not_found (error, _("comment"), comment_id);
      return 0;
    }
  target = sqlite3_column_type (grd_stmt_get (stmt), 0) != SQLITE_NULL ? GRD_REVIEW_TARGET_CODE
                                                                       : GRD_REVIEW_TARGET_CODING;

  /* A reply belongs to its thread's code or coding. */
  return insert_comment (self, target,
                         sqlite3_column_int64 (grd_stmt_get (stmt),
                                               target == GRD_REVIEW_TARGET_CODE ? 0 : 1),
                         comment_id, text, _("Reply to comment"), error);
}

gboolean
grd_project_resolve_comment (GrdProject  *self,
                             gint64       comment_id,
                             gboolean     resolved,
                             GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  gint64 root, was_resolved, coder_id;
  gboolean found;

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);

  if (!_grd_project_begin_edit (self, resolved ? _("Resolve comment") : _("Reopen comment"), error))
    return FALSE;

  /* The thread's first comment holds its state; the walk up stops at a
   * depth no real thread reaches, in case a damaged file has a cycle. */
  if (!grd_store_get_int (store, &root, &found, error,
                          "WITH RECURSIVE up (id, parent_id, depth) AS ("
                          "SELECT id, parent_id, 0 FROM comment WHERE id = ?1 UNION ALL "
                          "SELECT c.id, c.parent_id, up.depth + 1 FROM comment c "
                          "JOIN up ON c.id = up.parent_id WHERE up.depth < 10000) "
                          "SELECT id FROM up WHERE parent_id IS NULL",
                          "i", comment_id))
    goto fail;
  if (!found)
    {
      if (!_grd_project_require (store, "comment", comment_id, error))
        goto fail;
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("Comment %lld is in a damaged thread that has no first comment"),
                   (long long) comment_id);
      goto fail;
    }

  if (!grd_store_get_int (store, &was_resolved, NULL, error,
                          "SELECT resolved_at IS NOT NULL FROM comment WHERE id = ?1", "i", root))
    goto fail;
  if ((was_resolved != 0) == (resolved != FALSE))
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   resolved ? _("The thread of comment %lld is already resolved")
                            : _("The thread of comment %lld is already open"),
                   (long long) comment_id);
      goto fail;
    }

  if (!_grd_project_current_coder_id (self, &coder_id, error) ||
      !grd_store_run (store, error,
                      resolved ? "UPDATE comment SET resolved_at = unixepoch (), resolved_by = ?2 "
                                 "WHERE id = ?1"
                               : "UPDATE comment SET resolved_at = NULL, resolved_by = NULL "
                                 "WHERE id = ?1",
                      "in", root, coder_id))
    goto fail;

  return _grd_project_end_edit (self, GRD_CHANGE_REVIEW, error);

fail:
  _grd_project_fail_edit (self);
  return FALSE;
}

static gpointer
read_comment (sqlite3_stmt *row)
{
  GrdComment *comment = g_new0 (GrdComment, 1);

  comment->id = sqlite3_column_int64 (row, 0);
  comment->guid = grd_stmt_dup_text (row, 1);
  comment->target = sqlite3_column_type (row, 2) != SQLITE_NULL ? GRD_REVIEW_TARGET_CODE
                                                                : GRD_REVIEW_TARGET_CODING;
  comment->target_id = sqlite3_column_int64 (row, comment->target == GRD_REVIEW_TARGET_CODE ? 2 : 3);
  comment->parent_id = sqlite3_column_int64 (row, 4);
  comment->depth = (guint) sqlite3_column_int64 (row, 5);
  comment->author_name = grd_stmt_dup_text (row, 6);
  comment->created_at = sqlite3_column_int64 (row, 7);
  comment->text = grd_stmt_dup_text (row, 8);
  comment->resolved_at = sqlite3_column_int64 (row, 9);
  comment->resolved_by = grd_stmt_dup_text (row, 10);
  return comment;
}

GPtrArray *
grd_project_list_comments (GrdProject  *self,
                           gboolean     open_only,
                           GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdStmt) stmt = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  /* Ids grow with time, so a path of zero-padded ids sorts each reply
   * after what it answers and siblings oldest first. */
  stmt = grd_store_query (store, error,
                          "WITH RECURSIVE t (id, root, depth, path) AS ("
                          "SELECT id, id, 0, printf ('%020d', id) FROM comment WHERE parent_id IS NULL "
                          "UNION ALL SELECT c.id, t.root, t.depth + 1, t.path || printf ('%020d', c.id) "
                          "FROM comment c JOIN t ON c.parent_id = t.id WHERE t.depth < 10000) "
                          "SELECT c.id, c.guid, c.code_id, c.coding_id, c.parent_id, t.depth, a.name, "
                          "c.created_at, c.text, r.resolved_at, b.name "
                          "FROM t JOIN comment c ON c.id = t.id JOIN comment r ON r.id = t.root "
                          "LEFT JOIN coder a ON a.id = c.author_id "
                          "LEFT JOIN coder b ON b.id = r.resolved_by "
                          "WHERE NOT ?1 OR r.resolved_at IS NULL ORDER BY t.path",
                          "d", open_only ? 1 : 0);
  if (stmt == NULL)
    return NULL;

  return grd_store_collect (store, stmt, read_comment, (GDestroyNotify) grd_comment_free, error);
}

/* Changes since the last review */

/* Reads the next (id, code) pair of a done review's coding set; *have is
 * FALSE at its end. FALSE when the set is cut short. */
static gboolean
next_coding_ref (const guint8 **at,
                 const guint8  *end,
                 GrdCodingRef  *ref,
                 gboolean      *have)
{
  guint64 gap, code;

  *have = *at < end;
  if (!*have)
    return TRUE;
  if (!read_varint (at, end, &gap) || !read_varint (at, end, &code))
    return FALSE;

  ref->coding_id += (gint64) gap;
  ref->code_id = (gint64) code;
  return TRUE;
}

/* Both sides in coding id order, walked side by side. */
static gboolean
compare_codings (GrdStore          *store,
                 GBytes            *then,
                 GrdReviewChanges  *changes,
                 GError           **error)
{
  const guint8 *at = g_bytes_get_data (then, NULL);
  const guint8 *end = at + g_bytes_get_size (then);
  g_autoptr(GrdStmt) stmt = NULL;
  GrdCodingRef old = { 0, 0 };
  gboolean has_row = FALSE, have_old, ok;

  stmt = grd_store_query (store, error, "SELECT id, code_id FROM coding ORDER BY id", NULL);
  if (stmt == NULL)
    return FALSE;

  if (!next_coding_ref (&at, end, &old, &have_old))
    goto damaged;
  ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error);
  while (ok && (has_row || have_old))
    {
      GrdCodingRef now = {
        has_row ? sqlite3_column_int64 (grd_stmt_get (stmt), 0) : G_MAXINT64,
        has_row ? sqlite3_column_int64 (grd_stmt_get (stmt), 1) : 0,
      };

      if (have_old && old.coding_id < now.coding_id)
        {
          g_array_append_val (changes->codings_removed, old);
          if (!next_coding_ref (&at, end, &old, &have_old))
            goto damaged;
          continue;
        }

      if (!have_old || old.coding_id > now.coding_id)
        g_array_append_val (changes->codings_added, now);
      else
        {
          /* recoded: gone from one code, come to another */
          if (old.code_id != now.code_id)
            {
              g_array_append_val (changes->codings_removed, old);
              g_array_append_val (changes->codings_added, now);
            }
          if (!next_coding_ref (&at, end, &old, &have_old))
            goto damaged;
        }
      ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error);
    }

  return ok;

damaged:
  g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
               _("The coding set of the last review in %s is damaged"),
               grd_store_get_display_name (store));
  return FALSE;
}

GrdReviewChanges *
grd_project_changes_since_review (GrdProject  *self,
                                  GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GrdReviewChanges) changes = g_new0 (GrdReviewChanges, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GrdStmt) stmt = NULL;
  g_autoptr(GBytes) then = NULL;
  gboolean has_row;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  changes->review = find_review (store, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (changes->review == NULL)
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                           _("No review has been marked done yet"));
      return NULL;
    }

  changes->codes = grd_project_compare_snapshot (self, changes->review->snapshot_id, error);
  if (changes->codes == NULL)
    return NULL;

  stmt = grd_store_query (store, error, "SELECT codings FROM review WHERE id = ?1", "i",
                          changes->review->id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return NULL;
  then = g_bytes_new (sqlite3_column_blob (grd_stmt_get (stmt), 0),
                      (gsize) sqlite3_column_bytes (grd_stmt_get (stmt), 0));
  g_clear_pointer (&stmt, grd_store_release);

  changes->codings_added = g_array_new (FALSE, FALSE, sizeof (GrdCodingRef));
  changes->codings_removed = g_array_new (FALSE, FALSE, sizeof (GrdCodingRef));
  if (!compare_codings (store, then, changes, error))
    return NULL;

  return g_steal_pointer (&changes);
}
