/* grd-axial.c: what the data suggests while codes are grouped and related
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-axial"

#include "config.h"

#include <string.h>

#include "grd-axial.h"
#include "grd-query-private.h"

void
grd_axial_hint_free (GrdAxialHint *hint)
{
  if (hint == NULL)
    return;

  g_free (hint->name_a);
  g_free (hint->name_b);
  g_free (hint);
}

/* Folded for comparison: lower case, diacritics and punctuation gone, runs
 * of space as one, a trailing plural s dropped from each word. */
static char *
fold_name (const char *name)
{
  g_autofree char *lower = g_utf8_casefold (name, -1);
  g_autofree char *decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  GString *folded = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (!g_unichar_isalnum (c))
        {
          space = folded->len > 0;
          continue;
        }
      if (space)
        {
          if (folded->len > 1 && folded->str[folded->len - 1] == 's' &&
              folded->str[folded->len - 2] != 's')
            g_string_truncate (folded, folded->len - 1);
          g_string_append_c (folded, ' ');
          space = FALSE;
        }
      g_string_append_unichar (folded, c);
    }
  if (folded->len > 1 && folded->str[folded->len - 1] == 's' &&
      folded->str[folded->len - 2] != 's')
    g_string_truncate (folded, folded->len - 1);

  return g_string_free (folded, FALSE);
}

/* Edit distance in code points, giving up past limit. */
static guint
distance_within (const char *a,
                 const char *b,
                 guint       limit)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  glong n = 0, m = 0;
  g_autofree guint *row = NULL;

  while (x[n] != 0)
    n++;
  while (y[m] != 0)
    m++;
  if ((guint) ABS (n - m) > limit)
    return limit + 1;

  row = g_new (guint, m + 1);
  for (glong j = 0; j <= m; j++)
    row[j] = (guint) j;

  for (glong i = 1; i <= n; i++)
    {
      guint diagonal = row[0];
      guint best = row[0] = (guint) i;

      for (glong j = 1; j <= m; j++)
        {
          guint above = row[j];
          guint cost = diagonal + (x[i - 1] != y[j - 1]);

          row[j] = MIN (MIN (above + 1, row[j - 1] + 1), cost);
          diagonal = above;
          best = MIN (best, row[j]);
        }
      if (best > limit)
        return limit + 1;
    }

  return row[m];
}

/* How far apart two folded names may be and still read as one: a typo in
 * a word, not a different word ("Trust" and "Rust" are different codes). */
static guint
allowed_distance (const char *folded)
{
  glong length = g_utf8_strlen (folded, -1);

  return length >= 16 ? 2 : length >= 8 ? 1 : 0;
}

/* Whether a and b hold the same numbers in the same order: "Theme 1" and
 * "Theme 2", or question 3 and question 4, are a series, not a typo. */
static gboolean
same_numbers (const char *a,
              const char *b)
{
  for (;;)
    {
      gsize run_a, run_b;

      while (*a != '\0' && !g_ascii_isdigit (*a))
        a++;
      while (*b != '\0' && !g_ascii_isdigit (*b))
        b++;
      run_a = strspn (a, "0123456789");
      run_b = strspn (b, "0123456789");
      if (run_a != run_b || strncmp (a, b, run_a) != 0)
        return FALSE;
      if (run_a == 0)
        return TRUE;
      a += run_a;
      b += run_b;
    }
}

static gboolean
folded_similar (const char *a,
                const char *b)
{
  guint limit = MIN (allowed_distance (a), allowed_distance (b));

  if (*a == '\0' || *b == '\0')
    return FALSE;
  return g_str_equal (a, b) ||
         (limit > 0 && same_numbers (a, b) && distance_within (a, b, limit) <= limit);
}

gboolean
grd_axial_names_similar (const char *a,
                         const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  x = fold_name (a);
  y = fold_name (b);
  return folded_similar (x, y);
}

static const GrdCode *
code_by_id (GHashTable *by_id,
            gint64      id)
{
  return id != 0 ? g_hash_table_lookup (by_id, &id) : NULL;
}

static gboolean
is_ancestor (GHashTable *by_id,
             gint64      ancestor,
             gint64      code_id)
{
  /* list_codes never lists a code in a cycle, so the walk ends. */
  for (const GrdCode *at = code_by_id (by_id, code_id); at != NULL;
       at = code_by_id (by_id, at->parent_id))
    if (at->parent_id == ancestor)
      return TRUE;
  return FALSE;
}

static gboolean
is_placed (GHashTable    *by_id,
           const GrdCode *code)
{
  for (const GrdCode *at = code_by_id (by_id, code->parent_id); at != NULL;
       at = code_by_id (by_id, at->parent_id))
    if (at->kind != GRD_CODE_KIND_OPEN_CODE)
      return TRUE;
  return FALSE;
}

static GrdAxialHint *
hint_new (GrdHintKind    kind,
          const GrdCode *a,
          const GrdCode *b)
{
  GrdAxialHint *hint = g_new0 (GrdAxialHint, 1);

  hint->kind = kind;
  hint->code_a = a->id;
  hint->name_a = g_strdup (a->name);
  if (b != NULL)
    {
      hint->code_b = b->id;
      hint->name_b = g_strdup (b->name);
    }
  return hint;
}

static int
compare_unplaced (gconstpointer a,
                  gconstpointer b)
{
  const GrdAxialHint *x = *(GrdAxialHint * const *) a, *y = *(GrdAxialHint * const *) b;

  if (x->n_codings != y->n_codings)
    return x->n_codings > y->n_codings ? -1 : 1;
  return g_utf8_collate (x->name_a, y->name_a);
}

static int
compare_cooccurrence (gconstpointer a,
                      gconstpointer b)
{
  const GrdAxialHint *x = *(GrdAxialHint * const *) a, *y = *(GrdAxialHint * const *) b;
  guint nx = x->n_overlapping + x->n_same_turn, ny = y->n_overlapping + y->n_same_turn;

  if (nx != ny)
    return nx > ny ? -1 : 1;
  if (x->code_a != y->code_a)
    return x->code_a < y->code_a ? -1 : 1;
  return x->code_b < y->code_b ? -1 : (x->code_b > y->code_b);
}

static guint64
pair_key (gint64 a,
          gint64 b)
{
  /* Row ids of a project stay far below 2^32. */
  return ((guint64) MIN (a, b) << 32) | (guint64) (MAX (a, b) & 0xffffffff);
}

/* Pairs the codes' own tree or a relation does not already tie together. */
static void
add_cooccurrences (GHashTable          *found,
                   GrdCooccurrenceMode  mode,
                   GHashTable          *by_id,
                   GHashTable          *related,
                   GHashTable          *pairs)
{
  GHashTableIter iter;
  gpointer ids, count;

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &ids, &count))
    {
      const gint64 *codes = ids;
      guint64 key = pair_key (codes[0], codes[1]);
      const GrdCode *a = code_by_id (by_id, codes[0]);
      const GrdCode *b = code_by_id (by_id, codes[1]);
      GrdAxialHint *hint;

      if (a == NULL || b == NULL || g_hash_table_contains (related, &key) ||
          is_ancestor (by_id, a->id, b->id) || is_ancestor (by_id, b->id, a->id))
        continue;

      hint = g_hash_table_lookup (pairs, &key);
      if (hint == NULL)
        {
          hint = hint_new (GRD_HINT_COOCCURRENCE, a, b);
          g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key), hint);
        }
      if (mode == GRD_COOCCUR_OVERLAP)
        hint->n_overlapping = *(guint *) count;
      else
        hint->n_same_turn = *(guint *) count;
    }
}

GPtrArray *
grd_axial_hints (GrdProject    *project,
                 guint          min_pairs,
                 guint          max_cooccurrences,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) related = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) grd_axial_hint_free);
  g_autoptr(GPtrArray) hints = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_axial_hint_free);
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new ();
  g_autoptr(GPtrArray) cooccurring = NULL;
  g_autoptr(GHashTable) overlapping = NULL;
  g_autoptr(GHashTable) same_turn = NULL;
  g_auto(GStrv) folded = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  codes = grd_project_list_codes (project, error);
  relations = codes != NULL ? grd_project_list_relations (project, error) : NULL;
  if (relations == NULL)
    return NULL;

  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (by_id, &code->id, code);
    }
  for (guint i = 0; i < relations->len; i++)
    {
      const GrdRelation *relation = g_ptr_array_index (relations, i);
      guint64 pair = pair_key (relation->from_code_id, relation->to_code_id);

      g_hash_table_add (related, g_memdup2 (&pair, sizeof pair));
    }

  /* Open codes still waiting for a place. */
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);

      if (code->kind == GRD_CODE_KIND_OPEN_CODE && !is_placed (by_id, code))
        {
          GrdAxialHint *hint = hint_new (GRD_HINT_UNPLACED, code, NULL);

          hint->n_codings = code->n_codings_total;
          g_ptr_array_add (unplaced, hint);
        }
    }
  g_ptr_array_sort (unplaced, compare_unplaced);
  g_ptr_array_extend_and_steal (hints, g_steal_pointer (&unplaced));

  /* Near-duplicate names, each pair once, in tree order. */
  folded = g_new0 (char *, codes->len + 1);
  for (guint i = 0; i < codes->len; i++)
    folded[i] = fold_name (((GrdCode *) g_ptr_array_index (codes, i))->name);
  for (guint i = 0; i < codes->len; i++)
    for (guint j = i + 1; j < codes->len; j++)
      if (folded_similar (folded[i], folded[j]))
        g_ptr_array_add (hints, hint_new (GRD_HINT_SIMILAR_NAMES, g_ptr_array_index (codes, i),
                                          g_ptr_array_index (codes, j)));

  overlapping = _grd_query_new_pair_table ();
  same_turn = _grd_query_new_pair_table ();
  if (!_grd_query_count_cooccurrences (project, overlapping, same_turn, cancellable, error))
    return NULL;
  add_cooccurrences (overlapping, GRD_COOCCUR_OVERLAP, by_id, related, pairs);
  add_cooccurrences (same_turn, GRD_COOCCUR_SAME_TURN, by_id, related, pairs);

  cooccurring = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_axial_hint_free);
  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GrdAxialHint *hint = value;

      if (MAX (hint->n_overlapping, hint->n_same_turn) >= MAX (min_pairs, 1))
        {
          g_hash_table_iter_steal (&iter);
          g_free (key);
          g_ptr_array_add (cooccurring, hint);
        }
    }
  g_ptr_array_sort (cooccurring, compare_cooccurrence);
  if (max_cooccurrences > 0 && cooccurring->len > max_cooccurrences)
    g_ptr_array_set_size (cooccurring, max_cooccurrences);
  g_ptr_array_extend_and_steal (hints, g_steal_pointer (&cooccurring));

  return g_steal_pointer (&hints);
}
