/* test-project.c: the model: sources, cases, attributes, codes, codings, memos
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static void
test_source_text_and_turns (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  g_autoptr(GrdSource) source = grd_project_get_source (fixture->project, id, &error);
  g_autofree char *text = NULL;
  g_autoptr(GArray) turns = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_cmpstr (source->name, ==, "Respondent 1");
  g_assert_cmpstr (source->original_name, ==, "Respondent 1.txt");
  g_assert_cmpint (source->length, ==, g_utf8_strlen (INTERVIEW_TEXT, -1));
  g_assert_cmpint (source->length, <, (gint64) strlen (INTERVIEW_TEXT));
  g_assert_cmpuint (source->n_words, >, 30);
  g_assert_cmpuint (strlen (source->content_hash), ==, 64);

  text = grd_project_get_source_text (fixture->project, id, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, INTERVIEW_TEXT);
  g_assert_cmpuint (len, ==, strlen (INTERVIEW_TEXT));

  turns = grd_project_list_turns (fixture->project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (turns->len, ==, 4);
  g_assert_cmpstr (g_array_index (turns, GrdTurn, 0).speaker, ==, "Interviewer");
  g_assert_true (g_array_index (turns, GrdTurn, 0).is_interviewer);
  g_assert_cmpstr (g_array_index (turns, GrdTurn, 1).speaker, ==, "Budi Santoso");
  g_assert_false (g_array_index (turns, GrdTurn, 1).is_interviewer);
  /* The first turn starts after "Wawancara 𝒜 — 2024\n": 19 code points. */
  g_assert_cmpint (g_array_index (turns, GrdTurn, 0).start, ==, 19);
}

static void
test_source_names_stay_unique (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = add_text_source (fixture->project, "interview", "Interviewer: one\n");
  gint64 second = add_text_source (fixture->project, "interview", "Interviewer: two\n");
  g_autoptr(GrdSource) source = grd_project_get_source (fixture->project, second, &error);
  g_autoptr(GrdSource) found = NULL;

  g_assert_cmpstr (source->name, ==, "interview (2)");

  g_assert_false (grd_project_rename_source (fixture->project, second, "interview", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_true (grd_project_rename_source (fixture->project, second, "Siti Nurhaliza", &error));
  g_assert_no_error (error);
  found = grd_project_find_source (fixture->project, "Siti Nurhaliza", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, second);
  g_assert_cmpint (first, !=, second);
}

static void
test_source_rejects_bad_text (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GrdImportedText imported = {
    .text = (char *) "caf\xc3 au lait",
    .text_len = 12,
    .original_name = (char *) "broken.txt",
    .title = (char *) "broken",
  };

  g_assert_cmpint (grd_project_add_source (fixture->project, &imported, NULL, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "broken.txt"));
  g_assert_nonnull (strstr (error->message, "byte 3"));
  g_clear_error (&error);

  /* Turns are checked against the text's real length in code points, not
   * a count the caller got wrong (here bytes). */
  {
    g_autoptr(GArray) turns = g_array_new (FALSE, TRUE, sizeof (GrdTurn));
    GrdTurn turn = { .start = 0, .end = 15, .speaker = (char *) "Budi" };
    GrdImportedText wrong = {
      .text = (char *) "𝒜𝒝𝒞𝒟",
      .text_len = 16,
      .n_chars = 16,
      .original_name = (char *) "wrong.txt",
      .title = (char *) "wrong",
      .turns = turns,
    };

    g_array_append_val (turns, turn);
    g_assert_cmpint (grd_project_add_source (fixture->project, &wrong, NULL, &error), ==, 0);
    g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "wrong.txt"));
  }
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source"), ==, 0);
}

/* The KAM study's respondent profile, n/a included, must fit. */
static void
test_case_attributes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const genders[] = { "Male", "Female", NULL };
  gint64 r1 = grd_project_add_case (fixture->project, "Respondent 1", NULL, &error);
  gint64 r2 = grd_project_add_case (fixture->project, "Respondent 2", NULL, &error);
  gint64 clients = grd_project_add_attribute (fixture->project, "clients",
                                              GRD_ATTRIBUTE_TYPE_NUMBER, NULL, &error);
  gint64 gender = grd_project_add_attribute (fixture->project, "gender",
                                             GRD_ATTRIBUTE_TYPE_CHOICE, genders, &error);
  gint64 since = grd_project_add_attribute (fixture->project, "interviewed",
                                            GRD_ATTRIBUTE_TYPE_DATE, NULL, &error);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  g_assert_no_error (error);

  g_assert_true (grd_project_set_case_value (fixture->project, r1, clients, "80", &error));
  g_assert_true (grd_project_set_case_value (fixture->project, r2, clients, "n/a", &error));
  g_assert_true (grd_project_set_case_value (fixture->project, r2, gender, "female", &error));
  g_assert_true (grd_project_set_case_value (fixture->project, r1, since, "2024-02-29", &error));
  g_assert_no_error (error);

  g_assert_false (grd_project_set_case_value (fixture->project, r1, clients, "eighty", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "clients"));
  g_clear_error (&error);
  g_assert_false (grd_project_set_case_value (fixture->project, r1, gender, "Other", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (grd_project_set_case_value (fixture->project, r1, since, "2023-02-29", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (grd_project_set_case_value (fixture->project, r1, clients, "0x1A", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* "NA" is a value of a text attribute (say, a region), but n/a of a number. */
  {
    gint64 region = grd_project_add_attribute (fixture->project, "region",
                                               GRD_ATTRIBUTE_TYPE_TEXT, NULL, &error);
    g_autoptr(GPtrArray) r1_values = NULL;

    g_assert_true (grd_project_set_case_value (fixture->project, r1, region, "NA", &error));
    g_assert_no_error (error);
    r1_values = grd_project_list_values (fixture->project, r1, 0, &error);
    g_assert_cmpstr (((GrdAttributeValue *) r1_values->pdata[r1_values->len - 1])->value, ==, "NA");
  }

  values = grd_project_list_values (fixture->project, r2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpstr (((GrdAttributeValue *) values->pdata[0])->attribute_name, ==, "clients");
  g_assert_null (((GrdAttributeValue *) values->pdata[0])->value);
  g_assert_cmpstr (((GrdAttributeValue *) values->pdata[1])->value, ==, "Female");

  cases = grd_project_list_cases (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);

  g_assert_cmpint (grd_project_add_case (fixture->project, "Respondent 1", NULL, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
}

static void
test_code_tree (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 intrinsic = add_code (fixture->project, 0, "Intrinsic");
  gint64 extrinsic = add_code (fixture->project, 0, "Extrinsic");
  gint64 external = add_code (fixture->project, extrinsic, "External Regulation");
  gint64 facility = add_code (fixture->project, external, "Facility");
  gint64 value = add_code (fixture->project, intrinsic, "Belief of Value of Job");
  gint64 other_facility = add_code (fixture->project, intrinsic, "Facility");
  g_autoptr(GPtrArray) codes = grd_project_list_codes (fixture->project, &error);
  g_autoptr(GrdCode) found = NULL;
  g_autofree char *path = NULL;
  const char *expected[] = { "Intrinsic", "Belief of Value of Job", "Facility",
                             "Extrinsic", "External Regulation", "Facility" };
  const guint depths[] = { 0, 1, 1, 0, 1, 2 };

  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      g_assert_cmpstr (code->name, ==, expected[i]);
      g_assert_cmpuint (code->depth, ==, depths[i]);
      g_assert_true (g_str_has_prefix (code->color, "#"));
    }

  /* A bare name that is not unique must be given as a path. */
  found = grd_project_find_code (fixture->project, "Facility", &error);
  g_assert_null (found);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "Extrinsic/External Regulation/Facility"));
  g_clear_error (&error);

  found = grd_project_find_code (fixture->project, "Extrinsic/External Regulation/Facility", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, facility);
  g_clear_pointer (&found, grd_code_free);
  found = grd_project_find_code (fixture->project, "belief of value of job", &error);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  path = grd_project_get_code_path (fixture->project, value, &error);
  g_assert_cmpstr (path, ==, "Intrinsic/Belief of Value of Job");

  /* One code read alone says what the whole tree says of it. */
  {
    gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
    g_autoptr(GPtrArray) counted = NULL;

    g_assert_cmpint (grd_project_add_coding (fixture->project, source, facility, 1, 4, &error), >, 0);
    g_assert_cmpint (grd_project_add_coding (fixture->project, source, external, 2, 9, &error), >, 0);
    g_assert_cmpint (grd_project_add_coding (fixture->project, source, facility, 5, 9, &error), >, 0);
    counted = grd_project_list_codes (fixture->project, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < counted->len; i++)
      {
        GrdCode *listed = g_ptr_array_index (counted, i);
        g_autoptr(GrdCode) alone = grd_project_get_code (fixture->project, listed->id, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (alone->name, ==, listed->name);
        g_assert_cmpint (alone->parent_id, ==, listed->parent_id);
        g_assert_cmpuint (alone->depth, ==, listed->depth);
        g_assert_cmpuint (alone->n_children, ==, listed->n_children);
        g_assert_cmpuint (alone->n_codings, ==, listed->n_codings);
        g_assert_cmpuint (alone->n_codings_total, ==, listed->n_codings_total);
      }
    found = grd_project_get_code (fixture->project, extrinsic, &error);
    g_assert_cmpuint (found->n_codings, ==, 0);
    g_assert_cmpuint (found->n_codings_total, ==, 3);
    g_assert_cmpuint (found->n_children, ==, 1);
    g_clear_pointer (&found, grd_code_free);
    g_assert_null (grd_project_get_code (fixture->project, 4242, &error));
    g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Siblings cannot share a name; cousins can. */
  g_assert_false (grd_project_rename_code (fixture->project, other_facility,
                                           "Belief of Value of Job", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* No cycles. */
  g_assert_false (grd_project_move_code (fixture->project, extrinsic, facility, -1, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (grd_project_set_code_color (fixture->project, value, "blue", &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (grd_project_set_code_color (fixture->project, value, "#AA0011", &error));
  g_assert_true (grd_project_set_code_kind (fixture->project, intrinsic,
                                            GRD_CODE_KIND_AGGREGATE_DIMENSION, &error));
  g_assert_true (grd_project_set_code_description (fixture->project, value,
                                                   "Beliefs about the value of the KAM's work",
                                                   &error));
  g_assert_no_error (error);
  found = grd_project_get_code (fixture->project, value, &error);
  g_assert_cmpstr (found->color, ==, "#aa0011");
  g_assert_cmpstr (found->description, ==, "Beliefs about the value of the KAM's work");
  g_clear_pointer (&found, grd_code_free);
  found = grd_project_get_code (fixture->project, intrinsic, &error);
  g_assert_cmpint (found->kind, ==, GRD_CODE_KIND_AGGREGATE_DIMENSION);
}

static void
test_code_move_positions (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_code (fixture->project, 0, "A");
  gint64 b = add_code (fixture->project, 0, "B");
  gint64 c = add_code (fixture->project, 0, "C");
  g_autoptr(GPtrArray) codes = NULL;

  /* C to the front, then B under A */
  g_assert_true (grd_project_move_code (fixture->project, c, 0, 0, &error));
  g_assert_true (grd_project_move_code (fixture->project, b, a, -1, &error));
  g_assert_no_error (error);

  codes = grd_project_list_codes (fixture->project, &error);
  g_assert_cmpuint (codes->len, ==, 3);
  g_assert_cmpstr (((GrdCode *) codes->pdata[0])->name, ==, "C");
  g_assert_cmpint (((GrdCode *) codes->pdata[0])->position, ==, 0);
  g_assert_cmpstr (((GrdCode *) codes->pdata[1])->name, ==, "A");
  g_assert_cmpint (((GrdCode *) codes->pdata[1])->position, ==, 1);
  g_assert_cmpstr (((GrdCode *) codes->pdata[2])->name, ==, "B");
  g_assert_cmpint (((GrdCode *) codes->pdata[2])->parent_id, ==, a);
  g_assert_cmpuint (((GrdCode *) codes->pdata[1])->n_children, ==, 1);
}

/* Offsets are code points; the text holds non-BMP characters before the
 * passage, so a byte or UTF-16 offset would land elsewhere. */
typedef struct {
  gint64   start;
  gint64   end;
  gboolean valid;
} SpanCase;

static const SpanCase span_cases[] = {
  { 0, 1, TRUE },
  { 10, 11, TRUE },      /* just the 𝒜 */
  { 10, 12, TRUE },
  { -1, 5, FALSE },
  { 5, 5, FALSE },
  { 6, 5, FALSE },
  { 0, 100000, FALSE },
};

static void
test_coding_spans (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 code = add_code (fixture->project, 0, "Trust");
  gint64 length = g_utf8_strlen (INTERVIEW_TEXT, -1);

  for (guint i = 0; i < G_N_ELEMENTS (span_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = grd_project_add_coding (fixture->project, source, code, span_cases[i].start,
                                          span_cases[i].end, &error);

      if (span_cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpint (id, >, 0);
        }
      else
        {
          g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
          g_assert_cmpint (id, ==, 0);
        }
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (grd_project_add_coding (fixture->project, source, code, length - 1, length,
                                             &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
test_coding_duplicates_and_overlaps (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 solution = add_code (fixture->project, 0, "Solution");
  gint64 first, overlap, other_code, other_coder;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GrdCoding) coding = NULL;

  first = grd_project_add_coding (fixture->project, source, trust, 20, 60, &error);
  g_assert_no_error (error);
  overlap = grd_project_add_coding (fixture->project, source, trust, 30, 70, &error);
  g_assert_no_error (error);
  other_code = grd_project_add_coding (fixture->project, source, solution, 20, 60, &error);
  g_assert_no_error (error);

  g_assert_cmpint (grd_project_add_coding (fixture->project, source, trust, 20, 60, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Trust"));
  g_clear_error (&error);

  g_assert_true (grd_project_set_current_coder (fixture->project, "Dewi", &error));
  other_coder = grd_project_add_coding (fixture->project, source, trust, 20, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other_coder, >, 0);

  codings = grd_project_list_codings (fixture->project, source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 4);

  /* Re-coding onto a span the other code already has is a duplicate too. */
  g_assert_false (grd_project_recode_coding (fixture->project, other_code, trust, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (grd_project_recode_coding (fixture->project, overlap, solution, &error));
  g_assert_true (grd_project_set_representative (fixture->project, first, TRUE, &error));
  g_assert_no_error (error);

  coding = grd_project_get_coding (fixture->project, first, &error);
  g_assert_true (coding->representative);
  g_assert_cmpstr (coding->coder_name, ==, "Ayu");
  g_clear_pointer (&coding, grd_coding_free);
  coding = grd_project_get_coding (fixture->project, overlap, &error);
  g_assert_cmpint (coding->code_id, ==, solution);
}

static void
test_merge_codes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 confidence = add_code (fixture->project, 0, "Confidence");
  gint64 child = add_code (fixture->project, confidence, "Customer confidence");
  gint64 memo;
  g_autoptr(GrdCode) merged = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  grd_project_add_coding (fixture->project, source, trust, 20, 60, &error);
  grd_project_add_coding (fixture->project, source, confidence, 20, 60, &error);
  grd_project_add_coding (fixture->project, source, confidence, 70, 90, &error);
  memo = grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_CODE, confidence, "Why",
                               "Trust and confidence are one idea here", &error);
  grd_project_add_relation (fixture->project, trust, confidence, GRD_RELATION_KIND_CONSEQUENCE,
                            NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (grd_project_merge_codes (fixture->project, confidence, child, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (grd_project_merge_codes (fixture->project, confidence, trust, &error));
  g_assert_no_error (error);

  merged = grd_project_get_code (fixture->project, trust, &error);
  /* the same span by the same coder counts once */
  g_assert_cmpuint (merged->n_codings, ==, 2);
  g_assert_cmpuint (merged->n_children, ==, 1);
  codes = grd_project_list_codes (fixture->project, &error);
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_cmpint (((GrdCode *) codes->pdata[1])->id, ==, child);
  g_assert_cmpint (((GrdCode *) codes->pdata[1])->parent_id, ==, trust);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM relation"), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT code_id FROM memo WHERE id = %" G_GINT64_FORMAT,
                                            memo);
    g_assert_cmpint (count_rows (fixture->path, sql), ==, trust);
  }
}

static void
test_merge_refuses_clashing_subcodes (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_code (fixture->project, 0, "A");
  gint64 b = add_code (fixture->project, 0, "B");

  add_code (fixture->project, a, "Other");
  add_code (fixture->project, b, "Other");

  g_assert_false (grd_project_merge_codes (fixture->project, a, b, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Other"));
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 4);
}

static void
test_delete_code_takes_subtree (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 extrinsic = add_code (fixture->project, 0, "Extrinsic");
  gint64 external = add_code (fixture->project, extrinsic, "External Regulation");
  gint64 facility = add_code (fixture->project, external, "Facility");
  gint64 keep = add_code (fixture->project, 0, "Intrinsic");
  gint64 coding = grd_project_add_coding (fixture->project, source, facility, 5, 25, &error);
  g_autoptr(GPtrArray) codes = NULL;

  grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_CODING, coding, NULL, "entertaining",
                        &error);
  grd_project_add_coding (fixture->project, source, keep, 5, 25, &error);
  g_assert_no_error (error);

  g_assert_true (grd_project_delete_code (fixture->project, extrinsic, &error));
  g_assert_no_error (error);
  codes = grd_project_list_codes (fixture->project, &error);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpint (((GrdCode *) codes->pdata[0])->position, ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM coding"), ==, 1);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM memo"), ==, 0);
}

static void
test_memos_and_relations (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 solution = add_code (fixture->project, 0, "Solution");
  gint64 relation, memo;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) relations = NULL;

  relation = grd_project_add_relation (fixture->project, solution, trust,
                                       GRD_RELATION_KIND_CAUSAL_CONDITION, "leads to",
                                       "The right solution makes trust emerge", &error);
  g_assert_no_error (error);
  g_assert_cmpint (grd_project_add_relation (fixture->project, trust, trust,
                                             GRD_RELATION_KIND_ASSOCIATED, NULL, NULL, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_PROJECT, 0, "Plan", "Code Q1–Q12 first",
                        &error);
  grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_SOURCE, source, NULL, "Online, 40 min",
                        &error);
  memo = grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_RELATION, relation, NULL,
                               "Seen in all three", &error);
  g_assert_no_error (error);
  g_assert_cmpint (grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_CODE, 9999, NULL, "x",
                                         &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_FREE, source, NULL, "x",
                                         &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (grd_project_update_memo (fixture->project, memo, "Pattern", NULL, &error));
  g_assert_no_error (error);

  memos = grd_project_list_memos (fixture->project, -1, 0, &error);
  g_assert_cmpuint (memos->len, ==, 3);
  g_clear_pointer (&memos, g_ptr_array_unref);
  memos = grd_project_list_memos (fixture->project, GRD_MEMO_SCOPE_RELATION, relation, &error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (((GrdMemo *) memos->pdata[0])->title, ==, "Pattern");
  g_assert_cmpstr (((GrdMemo *) memos->pdata[0])->text, ==, "Seen in all three");
  g_assert_cmpstr (((GrdMemo *) memos->pdata[0])->author_name, ==, "Ayu");

  relations = grd_project_list_relations (fixture->project, &error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpint (((GrdRelation *) relations->pdata[0])->kind, ==, GRD_RELATION_KIND_CAUSAL_CONDITION);

  g_assert_true (grd_project_delete_relation (fixture->project, relation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM memo"), ==, 2);
}

static void
test_code_sets (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 solution = add_code (fixture->project, 0, "Solution");
  gint64 primary = grd_project_add_code_set (fixture->project, "Primary factors", NULL, &error);
  g_autoptr(GPtrArray) sets = NULL;

  g_assert_true (grd_project_add_to_code_set (fixture->project, primary, trust, &error));
  g_assert_true (grd_project_add_to_code_set (fixture->project, primary, solution, &error));
  g_assert_true (grd_project_add_to_code_set (fixture->project, primary, solution, &error));
  g_assert_no_error (error);

  sets = grd_project_list_code_sets (fixture->project, &error);
  g_assert_cmpuint (sets->len, ==, 1);
  g_assert_cmpuint (((GrdCodeSet *) sets->pdata[0])->code_ids->len, ==, 2);

  g_assert_true (grd_project_remove_from_code_set (fixture->project, primary, trust, &error));
  g_clear_pointer (&sets, g_ptr_array_unref);
  sets = grd_project_list_code_sets (fixture->project, &error);
  g_assert_cmpuint (((GrdCodeSet *) sets->pdata[0])->code_ids->len, ==, 1);
}

/* Asking who codes must not write to a file someone only looks at. */
static void
test_current_coder_is_read_only (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) other = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "fresh.grounded", NULL);
  g_autoptr(GrdCoder) coder = NULL;

  other = grd_project_create (path, &error);
  g_assert_no_error (error);
  coder = grd_project_get_current_coder (other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (coder->id, ==, 0);
  g_assert_nonnull (coder->name);
  g_clear_object (&other);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coder"), ==, 0);

  g_clear_pointer (&coder, grd_coder_free);
  coder = grd_project_get_current_coder (fixture->project, &error);
  g_assert_cmpstr (coder->name, ==, "Ayu");
  g_assert_cmpint (coder->id, >, 0);
}

static void
on_changed (GrdProject *project,
            guint       change,
            gpointer    coding_change,
            gpointer    user_data)
{
  *(guint *) user_data |= change;
}

typedef struct {
  guint           change;
  gboolean        has_coding_change;
  GrdCodingChange coding_change;
} SeenChange;

static void
on_changed_coding (GrdProject            *project,
                   guint                  change,
                   const GrdCodingChange *coding_change,
                   SeenChange            *seen)
{
  seen->change = change;
  seen->has_coding_change = coding_change != NULL;
  seen->coding_change = coding_change != NULL ? *coding_change : (GrdCodingChange) { 0 };
}

static void
assert_coding_change (const SeenChange *seen,
                      gint64            coding_id,
                      gint64            source_id,
                      gint64            code_before,
                      gint64            code_after)
{
  g_assert_true (seen->change & GRD_CHANGE_CODINGS);
  g_assert_false (seen->change & GRD_CHANGE_CODES);
  g_assert_true (seen->has_coding_change);
  g_assert_cmpint (seen->coding_change.coding_id, ==, coding_id);
  g_assert_cmpint (seen->coding_change.source_id, ==, source_id);
  g_assert_cmpint (seen->coding_change.code_before, ==, code_before);
  g_assert_cmpint (seen->coding_change.code_after, ==, code_after);
}

/* An import runs on a worker's own connection; the window's connection
 * sees what it added once told, and can undo it as one step. */
static void
test_sibling_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) worker = grd_project_open_sibling (fixture->project, &error);
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *undone = NULL;
  guint seen = 0;

  g_assert_no_error (error);
  g_assert_nonnull (worker);
  g_assert_cmpstr (grd_project_get_guid (worker), ==, grd_project_get_guid (fixture->project));

  g_signal_connect (fixture->project, "changed", G_CALLBACK (on_changed), &seen);

  g_assert_true (grd_project_begin_batch (worker, "Import 2 files", &error));
  add_text_source (worker, "Interview 1", INTERVIEW_TEXT);
  add_text_source (worker, "Interview 2", INTERVIEW_TEXT);
  g_assert_true (grd_project_end_batch (worker, &error));
  g_assert_no_error (error);
  g_clear_object (&worker);

  grd_project_notify_changed (fixture->project, GRD_CHANGE_SOURCES | GRD_CHANGE_HISTORY);
  g_assert_cmpuint (seen, ==, GRD_CHANGE_SOURCES | GRD_CHANGE_HISTORY);

  sources = grd_project_list_sources (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);

  g_assert_true (grd_project_can_undo (fixture->project));
  undone = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, "Import 2 files");
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source"), ==, 0);
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint seen = 0;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 code = add_code (fixture->project, 0, "Trust");

  g_signal_connect (fixture->project, "changed", G_CALLBACK (on_changed), &seen);
  grd_project_add_coding (fixture->project, source, code, 1, 4, &error);
  g_assert_true (seen & GRD_CHANGE_CODINGS);

  /* A refused edit announces nothing. */
  seen = 0;
  grd_project_add_coding (fixture->project, source, code, 1, 4, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (seen, ==, 0);
}

/* Views follow one coding's edit, undo and redo row by row: the signal says
 * which coding, in which source, moved from which code to which. */
static void
test_changed_names_the_coding (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SeenChange seen = { 0 };
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 autonomy = add_code (fixture->project, 0, "Autonomy");
  gint64 coding, other;

  g_signal_connect (fixture->project, "changed", G_CALLBACK (on_changed_coding), &seen);

  coding = grd_project_add_coding (fixture->project, source, trust, 1, 4, &error);
  g_assert_no_error (error);
  assert_coding_change (&seen, coding, source, 0, trust);

  g_assert_true (grd_project_recode_coding (fixture->project, coding, autonomy, &error));
  assert_coding_change (&seen, coding, source, trust, autonomy);

  g_assert_true (grd_project_set_representative (fixture->project, coding, TRUE, &error));
  assert_coding_change (&seen, coding, source, autonomy, autonomy);

  g_free (grd_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  assert_coding_change (&seen, coding, source, autonomy, autonomy);
  g_free (grd_project_undo (fixture->project, &error));
  assert_coding_change (&seen, coding, source, autonomy, trust);
  g_free (grd_project_redo (fixture->project, &error));
  assert_coding_change (&seen, coding, source, trust, autonomy);

  g_assert_true (grd_project_remove_coding (fixture->project, coding, &error));
  assert_coding_change (&seen, coding, source, autonomy, 0);
  g_free (grd_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  assert_coding_change (&seen, coding, source, 0, autonomy);

  /* Two codings in one step: views read everything again. */
  other = grd_project_add_coding (fixture->project, source, trust, 6, 9, &error);
  g_assert_cmpint (other, >, 0);
  g_assert_true (grd_project_merge_codes (fixture->project, trust, autonomy, &error));
  g_assert_no_error (error);
  g_assert_false (seen.has_coding_change);
  g_free (grd_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_true (seen.change & GRD_CHANGE_CODES);
  g_assert_true (seen.change & GRD_CHANGE_CODINGS);
  g_assert_false (seen.has_coding_change);

  /* Undoing a renamed code touches codes only. */
  g_assert_true (grd_project_rename_code (fixture->project, trust, "Confidence", &error));
  g_free (grd_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.change, ==, GRD_CHANGE_CODES | GRD_CHANGE_HISTORY);
  g_assert_false (seen.has_coding_change);

  /* A batch of one coding is still a batch. */
  g_assert_true (grd_project_begin_batch (fixture->project, "Script", &error));
  g_assert_cmpint (grd_project_add_coding (fixture->project, source, trust, 11, 14, &error), >, 0);
  g_assert_true (grd_project_end_batch (fixture->project, &error));
  g_assert_true (seen.change & GRD_CHANGE_CODINGS);
  g_assert_false (seen.has_coding_change);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/project/source/text-and-turns", test_source_text_and_turns);
  GRD_TEST_ADD ("/grounded/project/source/names-stay-unique", test_source_names_stay_unique);
  GRD_TEST_ADD ("/grounded/project/source/rejects-bad-text", test_source_rejects_bad_text);
  GRD_TEST_ADD ("/grounded/project/case/attributes", test_case_attributes);
  GRD_TEST_ADD ("/grounded/project/changed-names-the-coding", test_changed_names_the_coding);
  GRD_TEST_ADD ("/grounded/project/code/tree", test_code_tree);
  GRD_TEST_ADD ("/grounded/project/code/move-positions", test_code_move_positions);
  GRD_TEST_ADD ("/grounded/project/code/merge", test_merge_codes);
  GRD_TEST_ADD ("/grounded/project/code/delete-takes-subtree", test_delete_code_takes_subtree);
  GRD_TEST_ADD ("/grounded/project/code/merge-refuses-clashing-subcodes", test_merge_refuses_clashing_subcodes);
  GRD_TEST_ADD ("/grounded/project/code/sets", test_code_sets);
  GRD_TEST_ADD ("/grounded/project/coding/spans", test_coding_spans);
  GRD_TEST_ADD ("/grounded/project/coding/duplicates-and-overlaps", test_coding_duplicates_and_overlaps);
  GRD_TEST_ADD ("/grounded/project/memo/memos-and-relations", test_memos_and_relations);
  GRD_TEST_ADD ("/grounded/project/changed-signal", test_changed_signal);
  GRD_TEST_ADD ("/grounded/project/sibling-connection", test_sibling_connection);
  GRD_TEST_ADD ("/grounded/project/current-coder-is-read-only", test_current_coder_is_read_only);

  return g_test_run ();
}
