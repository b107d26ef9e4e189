/* test-axial.c: the hints shown while codes are grouped and related
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

static void
test_similar_names (void)
{
  /* Case, accents, punctuation, spacing and plurals set aside. */
  g_assert_true (grd_axial_names_similar ("Trust", "trust "));
  g_assert_true (grd_axial_names_similar ("Career development", "career-development"));
  g_assert_true (grd_axial_names_similar ("Demanding customers", "demanding customer"));
  g_assert_true (grd_axial_names_similar ("Naïve señor", "naive senor"));
  g_assert_true (grd_axial_names_similar ("Kepercayaan 🙂", "kepercayaan"));
  /* A typo in a long enough name. */
  g_assert_true (grd_axial_names_similar ("Personal development", "Personal developement"));
  g_assert_true (grd_axial_names_similar ("Recognition", "Recogniton"));

  /* Different words are different codes. */
  g_assert_false (grd_axial_names_similar ("Trust", "Rust"));
  g_assert_false (grd_axial_names_similar ("Intrinsic", "Extrinsic"));
  g_assert_false (grd_axial_names_similar ("Salary", "Salary increase"));
  g_assert_false (grd_axial_names_similar ("𝒜", "!!"));
  /* A numbered series is not a typo; a typo beside a number still is. */
  g_assert_false (grd_axial_names_similar ("Sub-tema 1.1.1", "Sub-tema 1.1.2"));
  g_assert_false (grd_axial_names_similar ("Question 12 answers", "Question 13 answers"));
  g_assert_false (grd_axial_names_similar ("Interview 1", "Interview 10"));
  g_assert_true (grd_axial_names_similar ("Question 12 answers", "Question 12 anwsers"));
}

static const GrdAxialHint *
find_hint (GPtrArray   *hints,
           GrdHintKind  kind,
           gint64       a,
           gint64       b)
{
  for (guint i = 0; i < hints->len; i++)
    {
      const GrdAxialHint *hint = g_ptr_array_index (hints, i);

      if (hint->kind == kind && ((hint->code_a == a && hint->code_b == b) ||
                                 (hint->code_a == b && hint->code_b == a)))
        return hint;
    }
  return NULL;
}

static void
test_hints (Fixture       *fixture,
            gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hints = NULL;
  gint64 source = add_text_source (project, "Respondent 1", INTERVIEW_TEXT);
  gint64 intrinsic = add_code_of_kind (project, 0, "Intrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, NULL);
  gint64 personality = add_code_of_kind (project, intrinsic, "Personality",
                                         GRD_CODE_KIND_SUB_THEME, NULL);
  gint64 extroverted = add_code (project, personality, "extroverted");
  gint64 trust = add_code (project, 0, "trust will emerge");
  gint64 trust_again = add_code (project, 0, "Trust will emerge!");
  gint64 team = add_code (project, 0, "Supportive team");
  gint64 colleagues = add_code (project, team, "colleagues");
  gint64 cafe = add_code (project, 0, "Café");
  guint last_kind = 0;
  guint bar;

  /* trust and cafe share three passages; team and its own sub-code share
   * two, which says nothing; extroverted and trust are related already. */
  add_coding (project, source, trust, 60, 100);
  add_coding (project, source, cafe, 90, 130);
  add_coding (project, source, trust, 160, 170);
  add_coding (project, source, cafe, 165, 180);
  add_coding (project, source, trust, 181, 190);
  add_coding (project, source, cafe, 185, 195);
  add_coding (project, source, team, 160, 175);
  add_coding (project, source, colleagues, 160, 175);
  add_coding (project, source, extroverted, 60, 70);
  g_assert_cmpint (grd_project_add_relation (project, extroverted, trust, GRD_RELATION_KIND_CONSEQUENCE,
                                             NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  hints = grd_axial_hints (project, 2, 0, NULL, &error);
  g_assert_no_error (error);

  /* Kinds come in order. */
  for (guint i = 0; i < hints->len; i++)
    {
      const GrdAxialHint *hint = g_ptr_array_index (hints, i);

      g_assert_cmpuint (hint->kind, >=, last_kind);
      last_kind = hint->kind;
    }

  /* Open codes under no theme, the most used first; a code placed under a
   * sub-theme is not one, an open code under an open code is. */
  g_assert_cmpuint (find_hint (hints, GRD_HINT_UNPLACED, trust, 0)->n_codings, ==, 3);
  /* Café ties with trust and sorts first by name. */
  g_assert_cmpint (((GrdAxialHint *) g_ptr_array_index (hints, 0))->code_a, ==, cafe);
  g_assert_cmpint (((GrdAxialHint *) g_ptr_array_index (hints, 1))->code_a, ==, trust);
  g_assert_cmpuint (find_hint (hints, GRD_HINT_UNPLACED, team, 0)->n_codings, ==, 2);
  g_assert_nonnull (find_hint (hints, GRD_HINT_UNPLACED, colleagues, 0));
  g_assert_null (find_hint (hints, GRD_HINT_UNPLACED, extroverted, 0));
  g_assert_null (find_hint (hints, GRD_HINT_UNPLACED, personality, 0));

  g_assert_nonnull (find_hint (hints, GRD_HINT_SIMILAR_NAMES, trust, trust_again));
  g_assert_null (find_hint (hints, GRD_HINT_SIMILAR_NAMES, trust, cafe));

  {
    const GrdAxialHint *pair = find_hint (hints, GRD_HINT_COOCCURRENCE, trust, cafe);

    g_assert_nonnull (pair);
    g_assert_cmpuint (pair->n_overlapping, ==, 3);
    g_assert_cmpuint (pair->n_same_turn, >=, 3);
    bar = MAX (pair->n_overlapping, pair->n_same_turn) + 1;
  }
  g_assert_null (find_hint (hints, GRD_HINT_COOCCURRENCE, team, colleagues));
  g_assert_null (find_hint (hints, GRD_HINT_COOCCURRENCE, extroverted, trust));

  /* A higher bar leaves the pair out. */
  g_clear_pointer (&hints, g_ptr_array_unref);
  hints = grd_axial_hints (project, bar, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (find_hint (hints, GRD_HINT_COOCCURRENCE, trust, cafe));
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add_func ("/grounded/axial/similar-names", test_similar_names);
  GRD_TEST_ADD ("/grounded/axial/hints", test_hints);

  return g_test_run ();
}
