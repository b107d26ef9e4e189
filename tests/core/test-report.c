/* test-report.c: the theme table, from the code tree and the representative quotes
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "test-util.h"

/* RFC 4180 records: fields with quotes, doubled quotes, commas and line
 * breaks inside them. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) record = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE, any = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"')
        quoted = any = TRUE;
      else if (*p == ',')
        {
          g_strv_builder_add (record, field->str);
          g_string_truncate (field, 0);
        }
      else if (*p == '\n' || *p == '\r')
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          g_strv_builder_add (record, field->str);
          g_string_truncate (field, 0);
          g_ptr_array_add (records, g_strv_builder_end (record));
          g_clear_pointer (&record, g_strv_builder_unref);
          record = g_strv_builder_new ();
          any = FALSE;
        }
      else
        g_string_append_c (field, *p), any = TRUE;
    }
  if (field->len > 0 || any)
    {
      g_strv_builder_add (record, field->str);
      g_ptr_array_add (records, g_strv_builder_end (record));
    }
  return records;
}

/* The bundled sample study gives back the published Tables 3 and 4 of the
 * KAM paper: every row, every quote, every respondent, in order. */
static void
test_sample_reproduces_paper (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *published = NULL;
  g_autofree char *sample = NULL;
  gsize sample_len;
  g_autofree char *dir = g_dir_make_tmp ("grounded-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kam-study.grounded", NULL);
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GrdThemeTable) table = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *csv = NULL;
  guint n = 1;

  /* A copy: opening a project may write to it (the coder, the trust cache). */
  g_assert_true (g_file_get_contents (g_getenv ("GROUNDED_SAMPLE"), &sample, &sample_len, &error));
  g_assert_true (g_file_set_contents (path, sample, sample_len, &error));
  project = grd_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (g_getenv ("GROUNDED_SAMPLE_CODEBOOK"), &published, NULL, &error));
  expected = parse_csv (published);

  table = grd_report_theme_table (project, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 14);

  for (guint i = 0; i < table->rows->len; i++)
    {
      GrdThemeRow *row = g_ptr_array_index (table->rows, i);

      for (guint j = 0; j < row->quotes->len; j++, n++)
        {
          GrdThemeQuote *quote = g_ptr_array_index (row->quotes, j);
          char **record = g_ptr_array_index (expected, n);

          g_assert_cmpuint (n, <, expected->len);
          g_assert_cmpstr (row->dimension, ==, record[0]);
          g_assert_cmpstr (row->middle, ==, record[1]);
          g_assert_cmpstr (row->sub_theme, ==, record[2]);
          g_assert_cmpstr (quote->text, ==, record[3]);
          g_assert_cmpstr (quote->label, ==, record[4]);
        }
    }
  g_assert_cmpuint (n, ==, expected->len);

  /* The CSV export reads back as the same records, past the header. */
  csv = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_CSV, "Regulation");
  written = parse_csv (csv);
  g_assert_cmpuint (written->len, ==, expected->len);
  g_assert_cmpstr (((char **) g_ptr_array_index (written, 0))[1], ==, "Regulation");
  for (guint i = 1; i < written->len; i++)
    for (guint k = 0; k < 5; k++)
      g_assert_cmpstr (((char **) g_ptr_array_index (written, i))[k], ==,
                       ((char **) g_ptr_array_index (expected, i))[k]);

  grd_project_close (project);
  g_clear_object (&project);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

/* Labels from an attribute (n/a included), a middle level only where one
 * stands, quotes from sub-codes, and text safe in every format. */
static void
test_labels_levels_and_escaping (Fixture       *fixture,
                                 gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdThemeTable) table = NULL;
  gint64 source = add_text_source (project, "Interview 1", INTERVIEW_TEXT);
  gint64 other = add_text_source (project, "Interview 2", INTERVIEW_TEXT);
  gint64 kase = grd_project_add_case (project, "Budi", NULL, &error);
  gint64 bank = grd_project_add_attribute (project, "Bank", GRD_ATTRIBUTE_TYPE_TEXT, NULL, &error);
  gint64 extrinsic = add_code_of_kind (project, 0, "Extrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, NULL);
  gint64 external = add_code_of_kind (project, extrinsic, "External | Regulation",
                                      GRD_CODE_KIND_THEME, NULL);
  gint64 salary = add_code_of_kind (project, external, "Salary & 100% bonus",
                                    GRD_CODE_KIND_SUB_THEME, NULL);
  gint64 detail = add_code (project, salary, "café money");
  gint64 intrinsic = add_code_of_kind (project, 0, "Intrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, NULL);
  gint64 value = add_code_of_kind (project, intrinsic, "Value", GRD_CODE_KIND_SUB_THEME, NULL);
  g_autofree char *markdown = NULL;
  g_autofree char *latex = NULL;
  g_autofree char *html = NULL;
  GrdThemeRow *row;
  gint64 flagged;

  g_assert_true (grd_project_set_source_case (project, source, kase, &error));
  g_assert_true (grd_project_set_case_value (project, kase, bank, "Bank “Mandiri”, Medan", &error));
  g_assert_true (grd_project_set_source_value (project, other, bank, NULL, &error));
  flagged = code_passage (project, source, salary, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_true (grd_project_set_representative (project, flagged, TRUE, &error));
  flagged = code_passage (project, other, detail, "Saya suka café di Medan.");
  g_assert_true (grd_project_set_representative (project, flagged, TRUE, &error));
  flagged = code_passage (project, source, value, "The team is quite supportive.");
  g_assert_true (grd_project_set_representative (project, flagged, TRUE, &error));
  /* Not representative: not in the table. */
  g_assert_cmpint (grd_project_add_coding (project, other, value, 1, 5, &error), >, 0);

  table = grd_report_theme_table (project, bank, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->label_name, ==, "Bank");
  g_assert_cmpuint (table->rows->len, ==, 2);

  row = g_ptr_array_index (table->rows, 0);
  g_assert_cmpstr (row->dimension, ==, "Extrinsic");
  g_assert_cmpstr (row->middle, ==, "External | Regulation");
  g_assert_cmpstr (row->sub_theme, ==, "Salary & 100% bonus");
  g_assert_cmpuint (row->quotes->len, ==, 2);
  g_assert_cmpstr (((GrdThemeQuote *) g_ptr_array_index (row->quotes, 0))->text, ==,
                   "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_cmpstr (((GrdThemeQuote *) g_ptr_array_index (row->quotes, 0))->label, ==,
                   "Bank “Mandiri”, Medan");
  g_assert_cmpstr (((GrdThemeQuote *) g_ptr_array_index (row->quotes, 1))->label, ==, "n/a");
  row = g_ptr_array_index (table->rows, 1);
  g_assert_cmpstr (row->middle, ==, "");
  g_assert_cmpuint (row->quotes->len, ==, 1);

  markdown = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_MARKDOWN, NULL);
  g_assert_nonnull (strstr (markdown, "External \\| Regulation"));
  g_assert_nonnull (strstr (markdown, "“Naïve señor Zoë said 𝒜𝒝 is fine.” (Bank “Mandiri”, Medan)<br>"));
  latex = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_LATEX, "Regulation type");
  g_assert_nonnull (strstr (latex, "Salary \\& 100\\% bonus"));
  g_assert_nonnull (strstr (latex, "\\toprule"));
  g_assert_nonnull (strstr (latex, "Regulation type"));
  html = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_HTML, NULL);
  g_assert_nonnull (strstr (html, "Salary &amp; 100% bonus"));

  g_assert_null (grd_report_theme_table (project, 4242, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add_func ("/grounded/report/theme-table/sample-reproduces-paper", test_sample_reproduces_paper);
  GRD_TEST_ADD ("/grounded/report/theme-table/labels-levels-escaping", test_labels_levels_and_escaping);

  return g_test_run ();
}
