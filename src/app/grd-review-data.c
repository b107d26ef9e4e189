/* grd-review-data.c: what the review page shows, read at once on a worker
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One read gives the page everything at once (codes, reviews, states,
 * comments, the changes since the last review, the quotes of the codes
 * open), so what it shows always belongs together. Quotes are read only
 * for the codes whose rows are expanded, and only as many as are shown:
 * a code of 14,000 quotes reads its ids and positions, then the text of
 * the first few.
 */

#define G_LOG_DOMAIN "grd-review-data"

#include "config.h"

#include "grd-review-data.h"

/* How often a long loop asks whether the read is still wanted. */
#define CANCEL_CHECK_EVERY 256

static void
review_quotes_free (GrdReviewQuotes *quotes)
{
  g_clear_pointer (&quotes->quotes, g_ptr_array_unref);
  g_free (quotes);
}

void
grd_review_data_free (GrdReviewData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->codes, g_ptr_array_unref);
  g_clear_pointer (&data->reviews, g_ptr_array_unref);
  g_clear_pointer (&data->changes, grd_review_changes_free);
  for (guint i = 0; i < G_N_ELEMENTS (data->marks); i++)
    {
      g_clear_pointer (&data->marks[i], g_hash_table_unref);
      g_clear_pointer (&data->comments[i], g_hash_table_unref);
    }
  g_clear_pointer (&data->tallies, g_hash_table_unref);
  g_clear_pointer (&data->quotes, g_hash_table_unref);
  g_free (data);
}

guint
grd_review_count_open_threads (GPtrArray *comments)
{
  guint n = 0;

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      const GrdComment *comment = g_ptr_array_index (comments, i);

      if (comment->depth == 0 && comment->resolved_at == 0)
        n++;
    }
  return n;
}

const GrdReviewMark *
grd_review_data_get_mark (const GrdReviewData *data,
                          GrdReviewTarget      target,
                          gint64               id)
{
  return g_hash_table_lookup (data->marks[target], &id);
}

GPtrArray *
grd_review_data_get_comments (const GrdReviewData *data,
                              GrdReviewTarget      target,
                              gint64               id)
{
  return g_hash_table_lookup (data->comments[target], &id);
}

const GrdReviewTally *
grd_review_data_get_tally (const GrdReviewData *data,
                           gint64               code_id)
{
  return g_hash_table_lookup (data->tallies, &code_id);
}

static gboolean
target_matches (const GrdReviewData *data,
                GrdReviewTarget      target,
                gint64               id,
                GrdReviewFilter      filter)
{
  const GrdReviewMark *mark;

  switch (filter)
    {
    case GRD_REVIEW_FILTER_NEEDS_WORK:
      mark = grd_review_data_get_mark (data, target, id);
      return mark != NULL && mark->state == GRD_REVIEW_STATE_NEEDS_WORK;
    case GRD_REVIEW_FILTER_OPEN_COMMENTS:
      return grd_review_count_open_threads (grd_review_data_get_comments (data, target, id)) > 0;
    case GRD_REVIEW_FILTER_ALL:
    default:
      return TRUE;
    }
}

gboolean
grd_review_data_code_matches (const GrdReviewData *data,
                              gint64               code_id,
                              GrdReviewFilter      filter)
{
  const GrdReviewTally *tally = grd_review_data_get_tally (data, code_id);

  if (target_matches (data, GRD_REVIEW_TARGET_CODE, code_id, filter))
    return TRUE;
  if (tally == NULL)
    return FALSE;
  return filter == GRD_REVIEW_FILTER_NEEDS_WORK
         ? tally->n_states[GRD_REVIEW_STATE_NEEDS_WORK] > 0
         : tally->n_open_threads > 0;
}

/* The tally of the code a coding belongs to; by_coding remembers codings
 * already looked up (a coding may have a state and comments). */
static GrdReviewTally *
tally_of_coding (GrdProject     *worker,
                 GrdReviewData  *data,
                 GHashTable     *by_coding,
                 const gint64   *coding_id,
                 GError        **error)
{
  g_autoptr(GrdCoding) coding = NULL;
  GrdReviewTally *tally = g_hash_table_lookup (by_coding, coding_id);

  if (tally != NULL)
    return tally;

  if ((coding = grd_project_get_coding (worker, *coding_id, error)) == NULL)
    return NULL;
  tally = g_hash_table_lookup (data->tallies, &coding->code_id);
  if (tally == NULL)
    {
      tally = g_new0 (GrdReviewTally, 1);
      tally->code_id = coding->code_id;
      g_hash_table_insert (data->tallies, &tally->code_id, tally);
    }
  g_hash_table_insert (by_coding, (gpointer) coding_id, tally);
  return tally;
}

/* Asked every CANCEL_CHECK_EVERY steps of a loop. */
static gboolean
still_wanted (GCancellable  *cancellable,
              guint          step,
              GError       **error)
{
  return step % CANCEL_CHECK_EVERY != 0 ||
         !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* States and comments by target; then each coding's counted under its code. */
static gboolean
sort_by_target (GrdProject     *worker,
                GrdReviewData  *data,
                GPtrArray      *marks,
                GPtrArray      *comments,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GHashTable) by_coding = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  for (guint t = 0; t < G_N_ELEMENTS (data->marks); t++)
    {
      data->marks[t] = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) grd_review_mark_free);
      data->comments[t] = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                 (GDestroyNotify) g_ptr_array_unref);
    }
  data->tallies = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  /* The records move from the lists into the tables. */
  g_ptr_array_set_free_func (marks, NULL);
  for (guint i = 0; i < marks->len; i++)
    {
      GrdReviewMark *mark = g_ptr_array_index (marks, i);

      g_hash_table_insert (data->marks[mark->target], &mark->target_id, mark);
    }
  g_ptr_array_set_free_func (comments, NULL);
  for (guint i = 0; i < comments->len; i++)
    {
      GrdComment *comment = g_ptr_array_index (comments, i);
      GHashTable *by_target = data->comments[comment->target];
      GPtrArray *thread = g_hash_table_lookup (by_target, &comment->target_id);

      if (thread == NULL)
        {
          thread = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_comment_free);
          g_hash_table_insert (by_target, &comment->target_id, thread);
        }
      g_ptr_array_add (thread, comment);
      if (comment->depth == 0)
        data->n_threads[comment->resolved_at != 0 ? 1 : 0]++;
    }

  g_hash_table_iter_init (&iter, data->marks[GRD_REVIEW_TARGET_CODING]);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GrdReviewTally *tally = tally_of_coding (worker, data, by_coding, key, error);

      if (tally == NULL || !still_wanted (cancellable, ++n, error))
        return FALSE;
      tally->n_states[((GrdReviewMark *) value)->state]++;
    }
  g_hash_table_iter_init (&iter, data->comments[GRD_REVIEW_TARGET_CODING]);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n_open = grd_review_count_open_threads (value);
      GrdReviewTally *tally;

      if (n_open == 0)
        continue;
      if ((tally = tally_of_coding (worker, data, by_coding, key, error)) == NULL ||
          !still_wanted (cancellable, ++n, error))
        return FALSE;
      tally->n_open_threads += n_open;
    }

  return TRUE;
}

static GrdReviewQuotes *
read_quotes (GrdProject           *worker,
             const GrdReviewData  *data,
             const GrdReviewWant  *want,
             GrdReviewFilter       filter,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GrdReviewQuotes *quotes;

  all = grd_query_quotes (worker, want->code_id, GRD_QUOTE_WITHOUT_TEXT, 0, cancellable, error);
  if (all == NULL)
    return NULL;

  quotes = g_new0 (GrdReviewQuotes, 1);
  quotes->code_id = want->code_id;
  quotes->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_quote_free);
  for (guint i = 0; i < all->len; i++)
    {
      GrdQuote *quote = g_ptr_array_index (all, i);

      if (!target_matches (data, GRD_REVIEW_TARGET_CODING, quote->coding_id, filter))
        continue;
      quotes->n_quotes++;
      if (quotes->quotes->len >= want->limit)
        continue;
      if (!grd_query_quote_fill_text (worker, quote, 0, error))
        {
          review_quotes_free (quotes);
          return NULL;
        }
      g_ptr_array_add (quotes->quotes, g_steal_pointer (&all->pdata[i]));
    }

  return quotes;
}

GrdReviewData *
grd_review_data_read (GrdProject       *worker,
                      GrdReviewFilter   filter,
                      GArray           *wants,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(GrdReviewData) data = g_new0 (GrdReviewData, 1);
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) local_error = NULL;

  if ((data->codes = grd_project_list_codes (worker, error)) == NULL ||
      (data->reviews = grd_project_list_reviews (worker, error)) == NULL ||
      (marks = grd_project_list_review_states (worker, error)) == NULL ||
      (comments = grd_project_list_comments (worker, FALSE, error)) == NULL)
    return NULL;

  data->changes = grd_project_changes_since_review (worker, &local_error);
  if (data->changes == NULL &&
      !g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < data->codes->len; i++)
    data->n_codings += ((GrdCode *) g_ptr_array_index (data->codes, i))->n_codings;

  if (!sort_by_target (worker, data, marks, comments, cancellable, error))
    return NULL;

  data->quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                        (GDestroyNotify) review_quotes_free);
  for (guint i = 0; wants != NULL && i < wants->len; i++)
    {
      GrdReviewQuotes *quotes = read_quotes (worker, data, &g_array_index (wants, GrdReviewWant, i),
                                             filter, cancellable, error);

      if (quotes == NULL)
        return NULL;
      g_hash_table_insert (data->quotes, &quotes->code_id, quotes);
    }

  return g_steal_pointer (&data);
}
