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

/* The sample's code called name. */
static gint64
sample_code (GrdProject *project,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (((GrdCode *) g_ptr_array_index (codes, i))->name, name))
      return ((GrdCode *) g_ptr_array_index (codes, i))->id;
  g_error ("the sample has no code “%s”", name);
}

static GrdThemeRow *
row_of (GrdThemeTable *table,
        gint64         sub_theme_id)
{
  for (guint i = 0; i < table->rows->len; i++)
    if (((GrdThemeRow *) g_ptr_array_index (table->rows, i))->sub_theme_id == sub_theme_id)
      return g_ptr_array_index (table->rows, i);
  return NULL;
}

/* Selective coding keeps the paper whole: a sub-theme made the core
 * category keeps its row and quotes, marked; a dimension made it still
 * heads its rows, once. */
static void
test_core_category_keeps_its_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = NULL;
  gsize sample_len;
  g_autofree char *dir = g_dir_make_tmp ("grounded-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kam-study.grounded", NULL);
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GrdThemeTable) before = NULL;
  g_autoptr(GrdThemeTable) after = NULL;
  g_autoptr(GrdThemeTable) dimension = NULL;
  g_autofree char *markdown = NULL;
  GrdThemeRow *old_row, *row;
  gint64 development, intrinsic;

  g_assert_true (g_file_get_contents (g_getenv ("GROUNDED_SAMPLE"), &sample, &sample_len, &error));
  g_assert_true (g_file_set_contents (path, sample, sample_len, &error));
  project = grd_project_open (path, &error);
  g_assert_no_error (error);
  development = sample_code (project, "Personal Development");
  intrinsic = sample_code (project, "Intrinsic");
  before = grd_report_theme_table (project, 0, NULL, &error);
  g_assert_no_error (error);
  old_row = row_of (before, development);
  g_assert_nonnull (old_row);
  g_assert_cmpuint (old_row->quotes->len, >, 0);

  g_assert_true (grd_project_set_core_category (project, development, &error));
  after = grd_report_theme_table (project, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->rows->len, ==, before->rows->len);
  row = row_of (after, development);
  g_assert_nonnull (row);
  g_assert_true (row == g_ptr_array_index (after->rows, 2));
  g_assert_cmpstr (row->dimension, ==, "Intrinsic");
  g_assert_cmpstr (row->middle, ==, "");
  g_assert_cmpstr (row->sub_theme, ==, "Personal Development (core category)");
  g_assert_cmpuint (row->quotes->len, ==, old_row->quotes->len);
  for (guint i = 0; i < row->quotes->len; i++)
    g_assert_cmpstr (((GrdThemeQuote *) g_ptr_array_index (row->quotes, i))->text, ==,
                     ((GrdThemeQuote *) g_ptr_array_index (old_row->quotes, i))->text);
  markdown = grd_theme_table_to_string (after, GRD_TABLE_FORMAT_MARKDOWN, NULL);
  g_assert_nonnull (strstr (markdown, "| Personal Development (core category) | “"));

  /* over sub-themes it frames them as the dimension did, not twice */
  g_assert_true (grd_project_set_core_category (project, intrinsic, &error));
  /* the former core category became a theme: a sub-theme again */
  g_assert_true (grd_project_set_code_kind (project, development, GRD_CODE_KIND_SUB_THEME,
                                            &error));
  dimension = grd_report_theme_table (project, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dimension->rows->len, ==, before->rows->len);
  row = row_of (dimension, development);
  g_assert_cmpstr (row->dimension, ==, "Intrinsic (core category)");
  g_assert_cmpstr (row->middle, ==, "");
  g_assert_cmpstr (row->sub_theme, ==, "Personal Development");
  g_assert_cmpuint (row->quotes->len, ==, old_row->quotes->len);

  grd_project_close (project);
  g_clear_object (&project);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
}

/* A sub-theme with no dimension above is named as such, after the
 * dimensions, and one with no theme between comes first in its dimension,
 * in every format: never a blank cell that reads as the dimension or theme
 * of the row above. */
static void
test_sub_theme_without_dimension (Fixture       *fixture,
                                  gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdThemeTable) table = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 extrinsic = add_code_of_kind (project, 0, "Extrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, NULL);
  gint64 external = add_code_of_kind (project, extrinsic, "External", GRD_CODE_KIND_THEME, NULL);
  gint64 bonus = add_code_of_kind (project, external, "Bonus", GRD_CODE_KIND_SUB_THEME, NULL);
  gint64 salary = add_code_of_kind (project, extrinsic, "Salary", GRD_CODE_KIND_SUB_THEME, NULL);
  gint64 alone = add_code_of_kind (project, 0, "Alone 𝒜", GRD_CODE_KIND_SUB_THEME, NULL);
  gint64 intrinsic = add_code_of_kind (project, 0, "Intrinsic",
                                       GRD_CODE_KIND_AGGREGATE_DIMENSION, NULL);
  gint64 value = add_code_of_kind (project, intrinsic, "Value", GRD_CODE_KIND_SUB_THEME, NULL);
  g_autofree char *markdown = NULL, *html = NULL, *latex = NULL, *csv = NULL;
  const gint64 order[] = { salary, bonus, value, alone };

  table = grd_report_theme_table (project, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpint (((GrdThemeRow *) g_ptr_array_index (table->rows, i))->sub_theme_id, ==,
                     order[i]);
  g_assert_cmpstr (((GrdThemeRow *) g_ptr_array_index (table->rows, 3))->dimension, ==,
                   "(no dimension)");

  markdown = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_MARKDOWN, NULL);
  g_assert_nonnull (strstr (markdown, "\n| Extrinsic |  | Salary |  |\n|  | External | Bonus |"));
  g_assert_nonnull (strstr (markdown, "\n| (no dimension) |  | Alone 𝒜 |"));
  html = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_HTML, NULL);
  g_assert_nonnull (strstr (html, "<tr><td>(no dimension)</td><td></td><td>Alone 𝒜</td>"));
  latex = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_LATEX, NULL);
  g_assert_nonnull (strstr (latex, "\n(no dimension) &  & Alone 𝒜 & "));
  csv = grd_theme_table_to_string (table, GRD_TABLE_FORMAT_CSV, NULL);
  records = parse_csv (csv);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 4))[0], ==, "(no dimension)");
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 4))[2], ==, "Alone 𝒜");
}

/* The span [start, end) of the transcript, its text, and its codings'
 * numbers, outermost first. */
static void
check_span (GrdCodedTranscript *transcript,
            guint               paragraph_index,
            guint               span_index,
            gint64              start,
            gint64              end,
            const char         *text,
            const char         *numbers)
{
  GrdTranscriptParagraph *paragraph = g_ptr_array_index (transcript->paragraphs, paragraph_index);
  GrdTranscriptSpan *span = g_ptr_array_index (paragraph->spans, span_index);
  g_autoptr(GString) covering = g_string_new (NULL);

  g_assert_cmpint (span->start, ==, start);
  g_assert_cmpint (span->end, ==, end);
  g_assert_cmpstr (span->text, ==, text);
  for (guint i = 0; i < span->codings->len; i++)
    {
      guint index = g_array_index (span->codings, guint, i);

      g_string_append_printf (covering, "%s%u", i > 0 ? " " : "",
                              ((GrdTranscriptCoding *) g_ptr_array_index (transcript->codings,
                                                                          index))->number);
    }
  g_assert_cmpstr (covering->str, ==, numbers);
}

/* The numbers of the codings in indexes, as "2 3". */
static char *
numbers_of (GrdCodedTranscript *transcript,
            GArray             *indexes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < indexes->len; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? " " : "",
                            ((GrdTranscriptCoding *) g_ptr_array_index (
                               transcript->codings, g_array_index (indexes, guint, i)))->number);
  return g_string_free (out, FALSE);
}

#define CODED_TEXT \
  "Interviewer: 𝒜 Apa kabar? 🙂\n" \
  "\n" \
  "Budi: Saya 🙂 suka café.\n" \
  "Kami 𝒜𝒝 senang.\n"

/* Codings that nest, overlap, span two paragraphs and begin or end on a
 * character outside the BMP: the spans, marks and margins exactly. */
static void
test_coded_transcript (Fixture       *fixture,
                       gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCodedTranscript) transcript = NULL;
  gint64 source = add_text_source (project, "Interview <1>", CODED_TEXT);
  gint64 trust = add_code (project, 0, "Trust 𝒜");
  gint64 cafe = add_code (project, trust, "Café & co");
  gint64 spanning = add_code (project, 0, "Spanning");
  gint64 emoji = add_code (project, 0, "Emoji");
  g_autofree char *html = NULL, *starts = NULL, *ends = NULL, *margin = NULL;
  GrdTranscriptParagraph *paragraph;
  GrdTranscriptSpan *span;
  GrdTranscriptCoding *coding;

  g_assert_true (grd_project_set_code_color (project, cafe, "#f6d32d", &error));
  add_coding (project, source, trust, 40, 52);     /* “🙂 suka café.” */
  add_coding (project, source, cafe, 47, 51);      /* “café”, inside it */
  add_coding (project, source, spanning, 47, 60);  /* “café.\nKami 𝒜𝒝” */
  add_coding (project, source, emoji, 26, 27);     /* the line's last character */

  transcript = grd_report_coded_transcript (project, source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (transcript->source_name, ==, "Interview <1>");
  g_assert_null (transcript->case_name);
  g_assert_cmpuint (transcript->codings->len, ==, 4);
  /* numbered as they start; of two that start together the longer first */
  coding = g_ptr_array_index (transcript->codings, 0);
  g_assert_cmpstr (coding->code_name, ==, "Emoji");
  g_assert_cmpuint (coding->number, ==, 1);
  coding = g_ptr_array_index (transcript->codings, 2);
  g_assert_cmpstr (coding->code_name, ==, "Spanning");
  g_assert_cmpuint (coding->number, ==, 3);
  coding = g_ptr_array_index (transcript->codings, 3);
  g_assert_cmpstr (coding->code_path, ==, "Trust 𝒜 › Café & co");
  g_assert_cmpstr (coding->color, ==, "#f6d32d");
  g_assert_cmpuint (coding->number, ==, 4);

  /* the blank line is no paragraph */
  g_assert_cmpuint (transcript->paragraphs->len, ==, 3);
  paragraph = g_ptr_array_index (transcript->paragraphs, 0);
  g_assert_cmpint (paragraph->start, ==, 0);
  g_assert_cmpint (paragraph->end, ==, 27);
  /* the speaker's label is a span of its own */
  g_assert_cmpuint (paragraph->spans->len, ==, 3);
  check_span (transcript, 0, 0, 0, 12, "Interviewer:", "");
  g_assert_true (((GrdTranscriptSpan *) g_ptr_array_index (paragraph->spans, 0))->speaker);
  check_span (transcript, 0, 1, 12, 26, " 𝒜 Apa kabar? ", "");
  g_assert_false (((GrdTranscriptSpan *) g_ptr_array_index (paragraph->spans, 1))->speaker);
  check_span (transcript, 0, 2, 26, 27, "🙂", "1");

  paragraph = g_ptr_array_index (transcript->paragraphs, 1);
  g_assert_cmpint (paragraph->start, ==, 29);
  g_assert_cmpint (paragraph->end, ==, 52);
  g_assert_cmpuint (paragraph->spans->len, ==, 5);
  check_span (transcript, 1, 0, 29, 34, "Budi:", "");
  check_span (transcript, 1, 1, 34, 40, " Saya ", "");
  check_span (transcript, 1, 2, 40, 47, "🙂 suka ", "2");
  check_span (transcript, 1, 3, 47, 51, "café", "2 3 4");
  check_span (transcript, 1, 4, 51, 52, ".", "2 3");
  span = g_ptr_array_index (paragraph->spans, 3);
  starts = numbers_of (transcript, span->starts);
  ends = numbers_of (transcript, span->ends);
  g_assert_cmpstr (starts, ==, "3 4");
  g_assert_cmpstr (ends, ==, "4");
  g_clear_pointer (&ends, g_free);
  span = g_ptr_array_index (paragraph->spans, 4);
  ends = numbers_of (transcript, span->ends);
  g_assert_cmpstr (ends, ==, "2");
  g_clear_pointer (&ends, g_free);
  margin = numbers_of (transcript, paragraph->margin);
  g_assert_cmpstr (margin, ==, "2 3 4");
  g_clear_pointer (&margin, g_free);

  /* the coding that crossed the line break ends after 𝒝, named above */
  paragraph = g_ptr_array_index (transcript->paragraphs, 2);
  g_assert_cmpuint (paragraph->spans->len, ==, 2);
  check_span (transcript, 2, 0, 53, 60, "Kami 𝒜𝒝", "3");
  check_span (transcript, 2, 1, 60, 68, " senang.", "");
  span = g_ptr_array_index (paragraph->spans, 0);
  g_assert_cmpuint (span->starts->len, ==, 0);
  ends = numbers_of (transcript, span->ends);
  g_assert_cmpstr (ends, ==, "3");
  g_assert_cmpuint (paragraph->margin->len, ==, 0);

  html = grd_coded_transcript_to_html (transcript);
  g_assert_nonnull (strstr (html, "<h1>Interview &lt;1&gt;</h1>"));
  /* the code named in the margin where its coding starts, before its mark */
  g_assert_nonnull (strstr (html, "title=\"Trust 𝒜 › Café &amp; co\"><b style=\"color:#"));
  g_assert_nonnull (strstr (html, "</b> Café &amp; co</span><span class=\"mark\""));
  /* three nested highlights around “café”, the outermost widest */
  g_assert_nonnull (strstr (html, "padding-bottom:8px\">"));
  g_assert_nonnull (strstr (html, ">café</span></span></span><span class=\"mark\""));
  g_assert_nonnull (strstr (html, ">Kami 𝒜𝒝</span><span class=\"mark\" style=\"color:"));

  g_assert_null (grd_report_coded_transcript (project, 4242, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

static void
test_transcript_colors (void)
{
  g_autofree char *tint = grd_coded_transcript_tint ("#e01b24");
  g_autofree char *ink = grd_coded_transcript_ink ("#f6d32d");
  g_autofree char *dark = grd_coded_transcript_ink ("#1c71d8");

  /* a third of red on white; yellow darkened to be read, blue kept */
  g_assert_cmpstr (tint, ==, "#f4afb2");
  g_assert_cmpstr (ink, !=, "#f6d32d");
  g_assert_cmpstr (dark, ==, "#1c71d8");
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add_func ("/grounded/report/theme-table/sample-reproduces-paper", test_sample_reproduces_paper);
  GRD_TEST_ADD ("/grounded/report/theme-table/labels-levels-escaping", test_labels_levels_and_escaping);
  g_test_add_func ("/grounded/report/theme-table/core-category",
                   test_core_category_keeps_its_place);
  GRD_TEST_ADD ("/grounded/report/theme-table/no-dimension", test_sub_theme_without_dimension);
  GRD_TEST_ADD ("/grounded/report/coded-transcript", test_coded_transcript);
  g_test_add_func ("/grounded/report/coded-transcript/colors", test_transcript_colors);

  return g_test_run ();
}
