/* test-query.c: quotes, frequencies, co-occurrence, search, passages
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static void
test_locate_passage (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 start, end;

  /* After "𝒜", "—" and "🙂": code points, not bytes or UTF-16 units. */
  g_assert_true (grd_query_locate_passage (fixture->project, source, "Naïve señor Zoë said 𝒜𝒝",
                                           &start, &end, &error));
  g_assert_no_error (error);
  {
    const char *at = strstr (INTERVIEW_TEXT, "Naïve");
    g_assert_cmpint (start, ==, g_utf8_pointer_to_offset (INTERVIEW_TEXT, at));
    g_assert_cmpint (end - start, ==, 23);
  }

  g_assert_false (grd_query_locate_passage (fixture->project, source, "Interviewer:", &start, &end,
                                            &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "2 times"));
  g_clear_error (&error);

  g_assert_false (grd_query_locate_passage (fixture->project, source, "naive senor", &start, &end,
                                            &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Respondent 1"));
}

static void
test_quotes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 r1 = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 r2 = add_text_source (fixture->project, "Respondent 2",
                               "Interviewer: Mengapa?\nDewi Lestari: Providing comfort 😊 by communicating attentively.\n");
  gint64 intrinsic = add_code (fixture->project, 0, "Intrinsic");
  gint64 value = add_code (fixture->project, intrinsic, "Belief of Value of Job");
  gint64 kase = grd_project_add_case (fixture->project, "Respondent 2", NULL, &error);
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) representative = NULL;
  GrdQuote *quote;

  grd_project_set_source_case (fixture->project, r2, kase, &error);
  code_passage (fixture->project, r1, value,
                "Trust, because with the right solution provided to customers, trust will emerge.");
  code_passage (fixture->project, r2, value, "Providing comfort 😊 by communicating attentively.");
  code_passage (fixture->project, r1, intrinsic, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_no_error (error);

  own = grd_query_quotes (fixture->project, intrinsic, GRD_QUOTE_DEFAULT, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 1);
  quote = own->pdata[0];
  g_assert_cmpstr (quote->text, ==, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_cmpstr (quote->context_before, ==, "pportive. ");
  g_assert_cmpstr (quote->context_after, ==, "\n");
  g_assert_cmpstr (quote->speaker, ==, "Budi Santoso");
  g_assert_cmpstr (quote->coder_name, ==, "Ayu");
  g_assert_null (quote->case_name);

  all = grd_query_quotes (fixture->project, intrinsic, GRD_QUOTE_WITH_DESCENDANTS, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  /* sources with a case first, in case order */
  quote = all->pdata[0];
  g_assert_cmpstr (quote->case_name, ==, "Respondent 2");
  g_assert_cmpstr (quote->text, ==, "Providing comfort 😊 by communicating attentively.");
  g_assert_cmpstr (quote->code_name, ==, "Belief of Value of Job");
  g_assert_cmpstr (quote->context_before, ==, "");

  grd_project_set_representative (fixture->project, quote->coding_id, TRUE, &error);
  representative = grd_query_quotes (fixture->project, intrinsic,
                                     GRD_QUOTE_WITH_DESCENDANTS | GRD_QUOTE_REPRESENTATIVE, 0, NULL,
                                     &error);
  g_assert_cmpuint (representative->len, ==, 1);
  g_assert_true (((GrdQuote *) representative->pdata[0])->representative);

  g_assert_null (grd_query_quotes (fixture->project, 4242, 0, 0, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

/* A quote from a PDF says which page it starts on, read with the speaker
 * when the list reads text lazily. */
static void
test_quote_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("GROUNDED_TEST_DATA"), "import",
                                            "interview.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 pdf = grd_project_import_file (fixture->project, file, NULL, &error);
  gint64 txt = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 code = add_code (fixture->project, 0, "Reading");
  gint64 on_page_2 = code_passage (fixture->project, pdf, code, "Known in Medan");
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) bare = NULL;

  g_assert_no_error (error);
  code_passage (fixture->project, pdf, code, "Selamat pagi");
  code_passage (fixture->project, txt, code, "Naïve señor");

  full = grd_query_quotes (fixture->project, code, GRD_QUOTE_DEFAULT, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->len, ==, 3);
  for (guint i = 0; i < full->len; i++)
    {
      const GrdQuote *quote = full->pdata[i];
      guint expected = quote->source_id == txt ? 0 : quote->coding_id == on_page_2 ? 2 : 1;

      g_assert_cmpuint (quote->page, ==, expected);
    }

  bare = grd_query_quotes (fixture->project, code, GRD_QUOTE_WITHOUT_TEXT, 0, NULL, &error);
  for (guint i = 0; i < bare->len; i++)
    {
      GrdQuote *quote = bare->pdata[i];

      g_assert_cmpuint (quote->page, ==, 0);
      g_assert_true (grd_query_quote_fill_text (fixture->project, quote, 0, &error));
      g_assert_cmpuint (quote->page, ==, ((GrdQuote *) full->pdata[i])->page);
    }
}

/* One coding's quote, exactly as the whole list has it, or none when the
 * list would not hold it: what a quotes pane follows an edit with. */
static void
test_quote_of_one_coding (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 r1 = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 intrinsic = add_code (fixture->project, 0, "Intrinsic");
  gint64 value = add_code (fixture->project, intrinsic, "Belief of Value of Job");
  gint64 coding = code_passage (fixture->project, r1, value, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_autoptr(GPtrArray) all = grd_query_quotes (fixture->project, intrinsic,
                                               GRD_QUOTE_WITH_DESCENDANTS, 10, NULL, &error);
  g_autoptr(GrdQuote) one = grd_query_quote (fixture->project, intrinsic,
                                             GRD_QUOTE_WITH_DESCENDANTS, coding, 10, &error);
  GrdQuote *listed;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  listed = all->pdata[0];
  g_assert_nonnull (one);
  g_assert_cmpint (one->coding_id, ==, coding);
  g_assert_cmpint (one->start, ==, listed->start);
  g_assert_cmpint (one->end, ==, listed->end);
  g_assert_cmpstr (one->text, ==, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_cmpstr (one->text, ==, listed->text);
  g_assert_cmpstr (one->context_before, ==, listed->context_before);
  g_assert_cmpstr (one->speaker, ==, listed->speaker);

  /* Not the parent's own quote, nor a representative one (yet). */
  g_assert_null (grd_query_quote (fixture->project, intrinsic, GRD_QUOTE_DEFAULT, coding, 10, &error));
  g_assert_no_error (error);
  g_assert_null (grd_query_quote (fixture->project, value, GRD_QUOTE_REPRESENTATIVE, coding, 10, &error));
  g_assert_no_error (error);
  g_assert_true (grd_project_set_representative (fixture->project, coding, TRUE, &error));
  g_clear_pointer (&one, grd_quote_free);
  one = grd_query_quote (fixture->project, value, GRD_QUOTE_REPRESENTATIVE | GRD_QUOTE_WITHOUT_TEXT,
                         coding, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (one);
  g_assert_true (one->representative);
  g_assert_null (one->text);

  g_assert_null (grd_query_quote (fixture->project, 4242, 0, coding, 10, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

/* A long list reads text only for the quotes it shows, and gets the same
 * text, offsets counted in code points past emoji and non-BMP letters. */
static void
test_quotes_text_on_demand (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 code = add_code (fixture->project, 0, "Intrinsic");
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) bare = NULL;

  code_passage (fixture->project, source, code, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  code_passage (fixture->project, source, code,
                "Trust, because with the right solution provided to customers, trust will emerge.");

  full = grd_query_quotes (fixture->project, code, GRD_QUOTE_DEFAULT, 10, NULL, &error);
  bare = grd_query_quotes (fixture->project, code, GRD_QUOTE_WITHOUT_TEXT, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bare->len, ==, full->len);

  for (guint i = 0; i < bare->len; i++)
    {
      GrdQuote *lazy = bare->pdata[i];
      GrdQuote *eager = full->pdata[i];

      g_assert_null (lazy->text);
      g_assert_null (lazy->speaker);
      g_assert_cmpint (lazy->coding_id, ==, eager->coding_id);
      g_assert_true (grd_query_quote_fill_text (fixture->project, lazy, 10, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (lazy->text, ==, eager->text);
      g_assert_cmpstr (lazy->context_before, ==, eager->context_before);
      g_assert_cmpstr (lazy->context_after, ==, eager->context_after);
      g_assert_cmpstr (lazy->speaker, ==, eager->speaker);
    }
}

static GrdFrequency *
find_frequency (GPtrArray  *rows,
                gint64      code_id,
                const char *group)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GrdFrequency *row = rows->pdata[i];

      if (row->code_id == code_id && g_strcmp0 (row->group, group) == 0)
        return row;
    }
  return NULL;
}

static void
test_frequencies (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 r1 = add_text_source (fixture->project, "Interview 1", INTERVIEW_TEXT);
  gint64 r2 = add_text_source (fixture->project, "Interview 2", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 c1 = grd_project_add_case (fixture->project, "Respondent 1", NULL, &error);
  gint64 c2 = grd_project_add_case (fixture->project, "Respondent 2", NULL, &error);
  gint64 clients = grd_project_add_attribute (fixture->project, "clients",
                                              GRD_ATTRIBUTE_TYPE_NUMBER, NULL, &error);
  g_autoptr(GPtrArray) by_case = NULL;
  g_autoptr(GPtrArray) with_interviewer = NULL;
  g_autoptr(GPtrArray) by_attribute = NULL;
  g_autoptr(GPtrArray) by_source = NULL;

  grd_project_set_source_case (fixture->project, r1, c1, &error);
  grd_project_set_source_case (fixture->project, r2, c2, &error);
  grd_project_set_case_value (fixture->project, c1, clients, "80", &error);
  grd_project_set_case_value (fixture->project, c2, clients, "n/a", &error);
  code_passage (fixture->project, r1, trust, "trust will emerge");
  code_passage (fixture->project, r1, trust, "The team is quite supportive");
  code_passage (fixture->project, r1, trust, "Apa yang memotivasi Anda?");   /* the interviewer's */
  code_passage (fixture->project, r2, trust, "trust will emerge");
  g_assert_no_error (error);

  by_case = grd_query_frequencies (fixture->project, GRD_GROUP_BY_CASE, 0, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_case->len, ==, 2);
  g_assert_cmpuint (find_frequency (by_case, trust, "Respondent 1")->n_codings, ==, 2);
  g_assert_cmpuint (find_frequency (by_case, trust, "Respondent 1")->n_chars, ==, 17 + 28);
  g_assert_cmpuint (find_frequency (by_case, trust, "Respondent 2")->n_codings, ==, 1);

  with_interviewer = grd_query_frequencies (fixture->project, GRD_GROUP_BY_CASE, 0, TRUE, NULL,
                                            &error);
  g_assert_cmpuint (find_frequency (with_interviewer, trust, "Respondent 1")->n_codings, ==, 3);

  by_attribute = grd_query_frequencies (fixture->project, GRD_GROUP_BY_ATTRIBUTE, clients, FALSE,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (find_frequency (by_attribute, trust, "80")->n_codings, ==, 2);
  /* a number attribute's groups sort as numbers, n/a last */
  g_assert_cmpstr (((GrdFrequency *) by_attribute->pdata[0])->group, ==, "80");
  g_assert_cmpstr (((GrdFrequency *) by_attribute->pdata[1])->group, ==, "n/a");
  g_assert_cmpuint (find_frequency (by_attribute, trust, "n/a")->n_codings, ==, 1);

  by_source = grd_query_frequencies (fixture->project, GRD_GROUP_BY_SOURCE, 0, FALSE, NULL, &error);
  g_assert_cmpint (find_frequency (by_source, trust, "Interview 2")->group_id, ==, r2);

  g_assert_null (grd_query_frequencies (fixture->project, GRD_GROUP_BY_ATTRIBUTE, 999, FALSE, NULL,
                                        &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

static void
test_cooccurrence (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 r1 = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 solution = add_code (fixture->project, 0, "Solution");
  gint64 team = add_code (fixture->project, 0, "Team");
  g_autoptr(GPtrArray) overlap = NULL;
  g_autoptr(GPtrArray) same_turn = NULL;
  GrdCooccurrence *pair;

  code_passage (fixture->project, r1, trust, "Trust, because with the right");
  code_passage (fixture->project, r1, solution, "the right solution");
  code_passage (fixture->project, r1, team, "Saya suka café di Medan.");
  code_passage (fixture->project, r1, trust, "The team is quite supportive.");

  overlap = grd_query_cooccurrence (fixture->project, GRD_COOCCUR_OVERLAP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overlap->len, ==, 1);
  pair = overlap->pdata[0];
  g_assert_cmpint (pair->code_a, ==, trust);
  g_assert_cmpint (pair->code_b, ==, solution);
  g_assert_cmpuint (pair->count, ==, 1);

  /* Trust, Solution and Team share the first answer; the second Trust is
   * alone in its turn. */
  same_turn = grd_query_cooccurrence (fixture->project, GRD_COOCCUR_SAME_TURN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (same_turn->len, ==, 3);
  for (guint i = 0; i < same_turn->len; i++)
    g_assert_cmpuint (((GrdCooccurrence *) same_turn->pdata[i])->count, ==, 1);
}

typedef struct {
  const char *query;
  guint       n_hits;
  const char *first_match;
} SearchCase;

static const SearchCase search_cases[] = {
  { "cafe", 1, "café" },             /* diacritics fold away */
  { "NAIVE", 1, "Naïve" },
  { "senor zoe", 2, "señor" },     /* each word is a hit */
  { "\"team is quite\"", 1, "team is quite" },
  { "supp*", 1, "supportive" },
  { "interviewer", 2, "Interviewer" },
  { "kangaroo", 0, NULL },
  { "\"unbalanced", 0, NULL },       /* a stray quote is not a syntax error */
};

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);

  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = grd_query_search (fixture->project, search_cases[i].query, 0, 5,
                                                    NULL, &error);
      GrdSearchHit *hit;

      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, search_cases[i].n_hits);
      if (hits->len == 0)
        continue;

      hit = hits->pdata[0];
      g_assert_cmpint (hit->source_id, ==, source);
      g_assert_cmpstr (hit->match, ==, search_cases[i].first_match);
      /* the offsets are code points into the stored text */
      {
        const char *at = g_utf8_offset_to_pointer (INTERVIEW_TEXT, hit->start);
        g_assert_true (strncmp (at, search_cases[i].first_match,
                                strlen (search_cases[i].first_match)) == 0);
        g_assert_cmpint (hit->end - hit->start, ==, g_utf8_strlen (search_cases[i].first_match, -1));
      }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) limited = grd_query_search (fixture->project, "interviewer", 1, 5, NULL,
                                                     &error);
    g_assert_cmpuint (limited->len, ==, 1);
    g_assert_null (grd_query_search (fixture->project, "   ", 0, 5, NULL, &error));
    g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  }
}

static void
test_cancelled_query (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");

  code_passage (fixture->project, source, trust, "trust will emerge");
  g_cancellable_cancel (cancellable);
  g_assert_null (grd_query_quotes (fixture->project, trust, 0, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/query/locate-passage", test_locate_passage);
  GRD_TEST_ADD ("/grounded/query/quotes", test_quotes);
  GRD_TEST_ADD ("/grounded/query/quote-of-one-coding", test_quote_of_one_coding);
  GRD_TEST_ADD ("/grounded/query/quote-page", test_quote_page);
  GRD_TEST_ADD ("/grounded/query/quotes-text-on-demand", test_quotes_text_on_demand);
  GRD_TEST_ADD ("/grounded/query/frequencies", test_frequencies);
  GRD_TEST_ADD ("/grounded/query/cooccurrence", test_cooccurrence);
  GRD_TEST_ADD ("/grounded/query/search", test_search);
  GRD_TEST_ADD ("/grounded/query/cancelled", test_cancelled_query);

  return g_test_run ();
}
