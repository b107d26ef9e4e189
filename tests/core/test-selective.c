/* test-selective.c: the core category, integration checks, saturation
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-util.h"

static GrdCodeKind
kind_of (GrdProject *project,
         gint64      code_id)
{
  g_autoptr(GrdCode) code = grd_project_get_code (project, code_id, NULL);

  return code->kind;
}

static void
test_core_category (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 career = add_code_of_kind (fixture->project, 0, "Career", GRD_CODE_KIND_THEME, NULL);
  gint64 trust = add_code_of_kind (fixture->project, 0, "Being trusted", GRD_CODE_KIND_THEME, NULL);

  g_assert_true (grd_project_set_core_category (fixture->project, career, &error));
  g_assert_cmpint (kind_of (fixture->project, career), ==, GRD_CODE_KIND_CORE_CATEGORY);

  /* There is one core category: the former one is a theme again. */
  g_assert_true (grd_project_set_core_category (fixture->project, trust, &error));
  g_assert_cmpint (kind_of (fixture->project, trust), ==, GRD_CODE_KIND_CORE_CATEGORY);
  g_assert_cmpint (kind_of (fixture->project, career), ==, GRD_CODE_KIND_THEME);

  /* One step to undo. */
  g_free (grd_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind_of (fixture->project, career), ==, GRD_CODE_KIND_CORE_CATEGORY);
  g_assert_cmpint (kind_of (fixture->project, trust), ==, GRD_CODE_KIND_THEME);

  g_assert_false (grd_project_set_core_category (fixture->project, 4242, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

static gboolean
has_check (GPtrArray    *checks,
           GrdCheckKind  kind,
           gint64        code_id)
{
  for (guint i = 0; i < checks->len; i++)
    {
      const GrdIntegrationCheck *check = g_ptr_array_index (checks, i);

      if (check->kind == kind && check->code_id == code_id)
        return TRUE;
    }
  return FALSE;
}

static void
test_checks (Fixture       *fixture,
             gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  gint64 r1 = add_text_source (project, "Interview 1", INTERVIEW_TEXT);
  gint64 r2 = add_text_source (project, "Interview 2", INTERVIEW_TEXT);
  gint64 case1 = grd_project_add_case (project, "Respondent 1", NULL, &error);
  gint64 case2 = grd_project_add_case (project, "Respondent 2", NULL, &error);
  gint64 core = add_code_of_kind (project, 0, "Growing with the bank",
                                  GRD_CODE_KIND_THEME, "The storyline");
  gint64 intrinsic = add_code_of_kind (project, 0, "Intrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, "Inner drive");
  gint64 values = add_code_of_kind (project, intrinsic, "Values",
                                    GRD_CODE_KIND_THEME, "What they hold");
  gint64 personality = add_code_of_kind (project, values, "Personality",
                                         GRD_CODE_KIND_SUB_THEME, "Who they are");
  gint64 comfort = add_code_of_kind (project, values, "Comfort", GRD_CODE_KIND_SUB_THEME, "  ");
  gint64 quiet = add_code (project, comfort, "quiet office");
  gint64 extrinsic = add_code_of_kind (project, 0, "Extrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, "Outer push");
  guint last_kind = 0;

  g_assert_true (grd_project_set_source_case (project, r1, case1, &error));
  g_assert_true (grd_project_set_source_case (project, r2, case2, &error));
  add_coding (project, r1, personality, 60, 60 + 5);
  add_coding (project, r1, personality, 80, 80 + 5);
  add_coding (project, r1, comfort, 60, 60 + 5);
  add_coding (project, r2, comfort, 60, 60 + 5);

  checks = grd_selective_checks (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_check (checks, GRD_CHECK_NO_CORE_CATEGORY, 0));
  g_clear_pointer (&checks, g_ptr_array_unref);

  g_assert_true (grd_project_set_core_category (project, core, &error));
  g_assert_cmpint (grd_project_add_relation (project, core, intrinsic, GRD_RELATION_KIND_CONSEQUENCE,
                                             NULL, NULL, &error), >, 0);
  checks = grd_selective_checks (project, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < checks->len; i++)
    {
      const GrdIntegrationCheck *check = g_ptr_array_index (checks, i);

      g_assert_cmpuint (check->kind, >=, last_kind);
      last_kind = check->kind;
    }

  g_assert_false (has_check (checks, GRD_CHECK_NO_CORE_CATEGORY, 0));
  /* Related through its dimension, or not at all. */
  g_assert_false (has_check (checks, GRD_CHECK_UNRELATED_THEME, values));
  g_assert_false (has_check (checks, GRD_CHECK_UNRELATED_THEME, intrinsic));
  g_assert_true (has_check (checks, GRD_CHECK_UNRELATED_THEME, extrinsic));

  g_assert_true (has_check (checks, GRD_CHECK_NO_QUOTES, quiet));
  g_assert_true (has_check (checks, GRD_CHECK_NO_QUOTES, extrinsic));
  g_assert_false (has_check (checks, GRD_CHECK_NO_QUOTES, comfort));
  g_assert_false (has_check (checks, GRD_CHECK_NO_QUOTES, values));

  g_assert_true (has_check (checks, GRD_CHECK_ONE_CASE, personality));
  g_assert_false (has_check (checks, GRD_CHECK_ONE_CASE, comfort));
  for (guint i = 0; i < checks->len; i++)
    {
      const GrdIntegrationCheck *check = g_ptr_array_index (checks, i);

      if (check->kind == GRD_CHECK_ONE_CASE)
        g_assert_cmpstr (check->case_name, ==, "Respondent 1");
    }

  /* White space is no definition; open codes need none. */
  g_assert_true (has_check (checks, GRD_CHECK_NO_DEFINITION, comfort));
  g_assert_false (has_check (checks, GRD_CHECK_NO_DEFINITION, personality));
  g_assert_false (has_check (checks, GRD_CHECK_NO_DEFINITION, quiet));
}

static void
test_saturation (Fixture       *fixture,
                 gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 first = add_text_source (project, "Interview 1", INTERVIEW_TEXT);
  gint64 second = add_text_source (project, "Interview 2", INTERVIEW_TEXT);
  gint64 third = add_text_source (project, "Interview 3", INTERVIEW_TEXT);
  gint64 undated = add_text_source (project, "Interview 4", INTERVIEW_TEXT);
  gint64 career = add_code_of_kind (project, 0, "Career", GRD_CODE_KIND_THEME, NULL);
  gint64 growth = add_code_of_kind (project, career, "Growth", GRD_CODE_KIND_SUB_THEME, NULL);
  gint64 lessons = add_code (project, growth, "more lessons");
  gint64 trust = add_code (project, 0, "trust");
  gint64 cafe = add_code (project, 0, "café");
  gint64 held = grd_project_add_attribute (project, "Interview date", GRD_ATTRIBUTE_TYPE_DATE, NULL,
                                           &error);
  const struct { guint new_codes, new_themes, codes, themes; } by_import[] = {
    { 2, 0, 2, 0 }, { 1, 2, 3, 2 }, { 0, 0, 3, 2 }, { 0, 0, 3, 2 },
  };
  const gint64 by_date_order[] = { third, second, first, undated };

  add_coding (project, first, trust, 60, 60 + 5);
  add_coding (project, first, cafe, 60, 60 + 5);
  add_coding (project, second, trust, 60, 60 + 5);
  add_coding (project, second, lessons, 80, 80 + 5);
  g_assert_true (grd_project_set_source_value (project, first, held, "2023-03-01", &error));
  g_assert_true (grd_project_set_source_value (project, second, held, "2023-02-01", &error));
  g_assert_true (grd_project_set_source_value (project, third, held, "2023-01-01", &error));
  g_assert_no_error (error);

  rows = grd_selective_saturation (project, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      const GrdSaturationRow *row = g_ptr_array_index (rows, i);

      g_assert_null (row->date);
      g_assert_cmpuint (row->n_new_codes, ==, by_import[i].new_codes);
      g_assert_cmpuint (row->n_new_themes, ==, by_import[i].new_themes);
      g_assert_cmpuint (row->n_codes, ==, by_import[i].codes);
      g_assert_cmpuint (row->n_themes, ==, by_import[i].themes);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By interview date: the third was held first and added nothing; the
   * second then brought trust, the lessons and both themes. */
  rows = grd_selective_saturation (project, held, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((GrdSaturationRow *) g_ptr_array_index (rows, i))->source_id, ==,
                     by_date_order[i]);
  g_assert_cmpstr (((GrdSaturationRow *) g_ptr_array_index (rows, 0))->date, ==, "2023-01-01");
  g_assert_null (((GrdSaturationRow *) g_ptr_array_index (rows, 3))->date);
  g_assert_cmpuint (((GrdSaturationRow *) g_ptr_array_index (rows, 0))->n_new_codes, ==, 0);
  g_assert_cmpuint (((GrdSaturationRow *) g_ptr_array_index (rows, 1))->n_new_codes, ==, 2);
  g_assert_cmpuint (((GrdSaturationRow *) g_ptr_array_index (rows, 1))->n_new_themes, ==, 2);
  g_assert_cmpuint (((GrdSaturationRow *) g_ptr_array_index (rows, 2))->n_new_codes, ==, 1);
  g_assert_cmpuint (((GrdSaturationRow *) g_ptr_array_index (rows, 3))->n_codes, ==, 3);

  g_assert_null (grd_selective_saturation (project, 4242, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/selective/core-category", test_core_category);
  GRD_TEST_ADD ("/grounded/selective/checks", test_checks);
  GRD_TEST_ADD ("/grounded/selective/saturation", test_saturation);

  return g_test_run ();
}
