/* test-document.c: the theme table and the code book as ODT and DOCX
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <libxml/parser.h>

#include "test-util.h"

static const char *const odt_parts[] = {
  "mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml", NULL,
};
static const char *const docx_parts[] = {
  "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
  "word/_rels/document.xml.rels", "docProps/core.xml", NULL,
};

/* The part's text content, after checking it parses as well-formed XML. */
static char *
part_text (GrdZipReader *reader,
           const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = grd_zip_reader_read_entry (reader, name, 16 * 1024 * 1024, &error);
  gsize size;
  const char *data;
  xmlDocPtr doc;
  xmlChar *content;
  char *text;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  doc = xmlReadMemory (data, (int) size, name, "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (doc);
  content = xmlNodeGetContent (xmlDocGetRootElement (doc));
  text = g_strdup ((const char *) content);
  xmlFree (content);
  xmlFreeDoc (doc);
  return text;
}

/* Every part there and well-formed; the text of main_part back, its raw
 * XML in xml. */
static char *
check_package (const char        *path,
               const char *const *parts,
               const char        *main_part,
               char             **xml)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipReader) reader = grd_zip_reader_open (path, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  entries = grd_zip_reader_list_entries (reader);
  for (guint i = 0; parts[i] != NULL; i++)
    g_assert_true (grd_zip_reader_has_entry (reader, parts[i]));
  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = g_ptr_array_index (entries, i);

      if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels"))
        g_free (part_text (reader, name));
    }
  bytes = grd_zip_reader_read_entry (reader, main_part, 16 * 1024 * 1024, &error);
  g_assert_no_error (error);
  *xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return part_text (reader, main_part);
}

/* ODF: "mimetype" is the first entry, stored, with the type at byte 38. */
static void
check_odf_mimetype (const char *path)
{
  g_autofree char *data = NULL;
  gsize size;
  const char *type = "application/vnd.oasis.opendocument.text";

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpuint (size, >, 38 + strlen (type));
  g_assert_cmpmem (data, 4, "PK\3\4", 4);
  g_assert_cmpint (data[8] | data[9] << 8, ==, 0);   /* stored */
  g_assert_cmpmem (data + 30, 8, "mimetype", 8);
  g_assert_cmpint (data[28] | data[29] << 8, ==, 0); /* no extra field */
  g_assert_cmpmem (data + 38, strlen (type), type, strlen (type));
}

typedef struct {
  gint64 dimension, sub_theme, open_code, empty;
} Study;

/* Two transcripts of two cases (the second without one), a dimension
 * with a sub-theme, an open code under it, and a code never applied. */
static Study
make_study (GrdProject *project)
{
  g_autoptr(GError) error = NULL;
  gint64 first = add_text_source (project, "Interview 1", INTERVIEW_TEXT);
  gint64 second = add_text_source (project, "Interview 2", INTERVIEW_TEXT);
  gint64 budi = grd_project_add_case (project, "Budi 🙂", NULL, &error);
  Study study;
  gint64 flagged;

  g_assert_true (grd_project_set_source_case (project, first, budi, &error));
  study.dimension = add_code_of_kind (project, 0, "Intrinsic 𝒜",
                                      GRD_CODE_KIND_AGGREGATE_DIMENSION,
                                      "Motivation from the work itself");
  study.sub_theme = add_code_of_kind (project, study.dimension, "Belief & value <of> job",
                                      GRD_CODE_KIND_SUB_THEME, "Trust\x0c in what one sells");
  study.open_code = add_code_of_kind (project, study.sub_theme, "café money",
                                      GRD_CODE_KIND_OPEN_CODE, NULL);
  study.empty = add_code_of_kind (project, 0, "Never used", GRD_CODE_KIND_OPEN_CODE, NULL);

  code_passage (project, first, study.sub_theme, "The team is quite supportive.");
  flagged = code_passage (project, first, study.sub_theme, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_true (grd_project_set_representative (project, flagged, TRUE, NULL));
  code_passage (project, second, study.sub_theme, "Saya suka café di Medan.");
  code_passage (project, second, study.open_code, "café di Medan");
  return study;
}

static void
test_theme_table_documents (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdThemeTable) table = NULL;
  g_autofree char *odt = g_build_filename (fixture->dir, "table.odt", NULL);
  g_autofree char *docx = g_build_filename (fixture->dir, "table.docx", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "missing", "table.odt", NULL);
  g_autofree char *text = NULL, *xml = NULL;

  make_study (fixture->project);
  /* no dimension above: named as such, not blank under the one before */
  add_code_of_kind (fixture->project, 0, "Alone 𝒜", GRD_CODE_KIND_SUB_THEME, NULL);
  table = grd_report_theme_table (fixture->project, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (grd_theme_table_write (table, GRD_TABLE_FORMAT_ODT, "Regulation type", odt,
                                        &error));
  g_assert_no_error (error);
  check_odf_mimetype (odt);
  text = check_package (odt, odt_parts, "content.xml", &xml);
  g_assert_nonnull (strstr (text, "Regulation type"));
  g_assert_nonnull (strstr (text, "Intrinsic 𝒜"));
  g_assert_nonnull (strstr (text, "Belief & value <of> job"));
  g_assert_nonnull (strstr (text, "“Naïve señor Zoë said 𝒜𝒝 is fine.” (Budi 🙂)"));
  g_assert_nonnull (strstr (text, "(Budi 🙂)(no dimension)Alone 𝒜"));
  /* the header row repeats on each page, between booktabs' rules */
  g_assert_nonnull (strstr (xml, "<table:table-header-rows>"));
  g_assert_nonnull (strstr (xml, "fo:border-top=\"1pt solid #000000\" "
                                 "fo:border-bottom=\"0.5pt solid #000000\""));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&xml, g_free);

  g_assert_true (grd_theme_table_write (table, GRD_TABLE_FORMAT_DOCX, NULL, docx, &error));
  g_assert_no_error (error);
  text = check_package (docx, docx_parts, "word/document.xml", &xml);
  g_assert_null (strstr (text, "Regulation type"));
  g_assert_nonnull (strstr (text, "Representative quotes"));
  g_assert_nonnull (strstr (text, "“Naïve señor Zoë said 𝒜𝒝 is fine.” (Budi 🙂)"));
  g_assert_nonnull (strstr (text, "(Budi 🙂)(no dimension)Alone 𝒜"));
  g_assert_nonnull (strstr (xml, "<w:tblHeader/>"));

  /* a folder that is not there: an error, and no file */
  g_assert_false (grd_theme_table_write (table, GRD_TABLE_FORMAT_DOCX, NULL, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static void
test_codebook (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCodebook) codebook = NULL;
  Study study = make_study (fixture->project);
  g_autofree char *odt = g_build_filename (fixture->dir, "codebook.odt", NULL);
  g_autofree char *docx = g_build_filename (fixture->dir, "codebook.docx", NULL);
  g_autofree char *markdown = NULL, *html = NULL;
  GrdCodebookEntry *entry;
  GrdCaseCount *count;

  codebook = grd_report_codebook (fixture->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codebook->entries->len, ==, 4);
  g_assert_cmpuint (codebook->n_codings, ==, 4);
  /* the case, then the codings outside any */
  g_assert_cmpuint (codebook->cases->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (codebook->cases, 0), ==, "Budi 🙂");

  entry = g_ptr_array_index (codebook->entries, 1);
  g_assert_cmpint (entry->code_id, ==, study.sub_theme);
  g_assert_cmpstr (entry->path, ==, "Intrinsic 𝒜 › Belief & value <of> job");
  g_assert_cmpint (entry->kind, ==, GRD_CODE_KIND_SUB_THEME);
  g_assert_cmpuint (entry->n_codings, ==, 3);
  g_assert_cmpuint (entry->n_codings_total, ==, 4);
  g_assert_cmpuint (entry->case_counts->len, ==, 2);
  count = &g_array_index (entry->case_counts, GrdCaseCount, 0);
  g_assert_cmpuint (count->case_index, ==, 0);
  g_assert_cmpuint (count->n_codings, ==, 2);
  count = &g_array_index (entry->case_counts, GrdCaseCount, 1);
  g_assert_cmpuint (count->case_index, ==, 1);
  g_assert_cmpuint (count->n_codings, ==, 1);
  /* the representative quote, though another comes first */
  g_assert_cmpstr (entry->example, ==, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  g_assert_cmpstr (entry->example_label, ==, "Budi 🙂");
  g_assert_true (entry->example_representative);

  /* no representative: the first; no coding: no example */
  entry = g_ptr_array_index (codebook->entries, 2);
  g_assert_cmpstr (entry->example, ==, "café di Medan");
  g_assert_cmpstr (entry->example_label, ==, "Interview 2");
  g_assert_false (entry->example_representative);
  entry = g_ptr_array_index (codebook->entries, 3);
  g_assert_cmpint (entry->code_id, ==, study.empty);
  g_assert_null (entry->example);
  g_assert_cmpuint (entry->case_counts->len, ==, 0);

  markdown = grd_codebook_to_string (codebook, GRD_TABLE_FORMAT_MARKDOWN);
  g_assert_nonnull (strstr (markdown, "### Intrinsic 𝒜 › Belief & value <of> job\n"));
  g_assert_nonnull (strstr (markdown, "> “Naïve señor Zoë said 𝒜𝒝 is fine.” (Budi 🙂)"));
  g_assert_nonnull (strstr (markdown, "By case: Budi 🙂: 2 · No case: 1\n"));
  html = grd_codebook_to_string (codebook, GRD_TABLE_FORMAT_HTML);
  g_assert_nonnull (strstr (html, "Intrinsic 𝒜 › Belief &amp; value &lt;of&gt; job</h3>"));

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? odt : docx;
      g_autofree char *text = NULL, *xml = NULL;

      g_assert_true (grd_codebook_write (codebook, i == 0 ? GRD_TABLE_FORMAT_ODT
                                                          : GRD_TABLE_FORMAT_DOCX, path, &error));
      g_assert_no_error (error);
      text = check_package (path, i == 0 ? odt_parts : docx_parts,
                            i == 0 ? "content.xml" : "word/document.xml", &xml);
      g_assert_nonnull (strstr (text, "Intrinsic 𝒜 › Belief & value <of> job"));
      g_assert_nonnull (strstr (text, "Motivation from the work itself"));
      /* a form feed XML cannot hold, replaced */
      g_assert_nonnull (strstr (text, "Trust\xef\xbf\xbd in what one sells"));
      g_assert_nonnull (strstr (text, "“Naïve señor Zoë said 𝒜𝒝 is fine.” (Budi 🙂)"));
      g_assert_nonnull (strstr (text, "Never used"));
      g_assert_nonnull (strstr (text, "Sub-theme · 3 codings, 4 with its sub-codes"));
      g_assert_nonnull (strstr (text, "By case: Budi 🙂: 2 · No case: 1"));
      g_assert_nonnull (strstr (text, "Not applied yet"));
      /* the dimension's quotes are all in its sub-codes */
      g_assert_nonnull (strstr (text, "No codings of its own; 4 in its sub-codes"));
    }
  check_odf_mimetype (odt);
}

/* The transcript beside its codes, highlighted and marked; well-formed
 * with characters outside the BMP at a coding's edges. */
static void
test_coded_transcript_documents (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCodedTranscript) transcript = NULL;
  Study study = make_study (fixture->project);
  g_autoptr(GPtrArray) sources = grd_project_list_sources (fixture->project, &error);
  gint64 second = ((GrdSource *) g_ptr_array_index (sources, 1))->id;
  gint64 start, end;

  g_assert_true (grd_query_locate_passage (fixture->project, second, "Wawancara 𝒜", &start, &end,
                                           &error));
  add_coding (fixture->project, second, study.empty, start + 10, start + 11);
  transcript = grd_report_coded_transcript (fixture->project, second, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("transcript.%s", i == 0 ? "odt" : "docx");
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *text = NULL, *xml = NULL;

      g_assert_true (grd_coded_transcript_write (transcript, i == 0 ? GRD_TABLE_FORMAT_ODT
                                                                    : GRD_TABLE_FORMAT_DOCX,
                                                 path, &error));
      g_assert_no_error (error);
      text = check_package (path, i == 0 ? odt_parts : docx_parts,
                            i == 0 ? "content.xml" : "word/document.xml", &xml);
      /* marks around each coding; the margin numbers and names them */
      g_assert_nonnull (strstr (text, "Wawancara [1𝒜1] — 2024"));
      g_assert_nonnull (strstr (text, "[2Saya suka [3café di Medan3].2]"));
      g_assert_nonnull (strstr (text, "1 Never used"));
      g_assert_nonnull (strstr (text, "2 Belief & value <of> job3 café money"));
      if (i == 0)
        {
          check_odf_mimetype (path);
          g_assert_nonnull (strstr (xml, "<table:table-header-rows>"));
          g_assert_nonnull (strstr (xml, "style:text-position=\"super 58%\""));
          g_assert_nonnull (strstr (xml, "fo:background-color=\"#"));
        }
      else
        {
          g_assert_nonnull (strstr (xml, "<w:vertAlign w:val=\"superscript\"/>"));
          g_assert_nonnull (strstr (xml, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\""));
        }
    }
}

/* LibreOffice opens both and makes a PDF of each, with the quote in it. */
static void
test_libreoffice_converts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdThemeTable) table = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *profile = NULL;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }

  make_study (fixture->project);
  table = grd_report_theme_table (fixture->project, 0, NULL, &error);
  g_assert_no_error (error);
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", fixture->dir);

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "table-odt" : "table-docx";
      g_autofree char *file = g_strdup_printf ("%s.%s", name, i == 0 ? "odt" : "docx");
      g_autofree char *path = g_build_filename (fixture->dir, file, NULL);
      g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", name);
      g_autofree char *pdf = g_build_filename (fixture->dir, pdf_name, NULL);
      g_autofree char *pdf_data = NULL;
      const char *argv[] = { soffice, profile, "--headless", "--convert-to", "pdf",
                             "--outdir", fixture->dir, path, NULL };
      int status;

      g_assert_true (grd_theme_table_write (table, i == 0 ? GRD_TABLE_FORMAT_ODT
                                                          : GRD_TABLE_FORMAT_DOCX,
                                            NULL, path, &error));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                                   G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_true (g_file_get_contents (pdf, &pdf_data, NULL, &error));
      g_assert_true (g_str_has_prefix (pdf_data, "%PDF"));

      if (pdftotext != NULL)
        {
          const char *text_argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
          g_autofree char *text = NULL;

          g_assert_true (g_spawn_sync (NULL, (char **) text_argv, NULL,
                                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
                                       &status, &error));
          /* lines wrap inside the narrow cells */
          g_strdelimit (text, "\n", ' ');
          g_assert_nonnull (strstr (text, "Belief & value <of> job"));
          g_assert_nonnull (strstr (text, "Naïve señor Zoë said"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/document/theme-table", test_theme_table_documents);
  GRD_TEST_ADD ("/grounded/document/codebook", test_codebook);
  GRD_TEST_ADD ("/grounded/document/coded-transcript", test_coded_transcript_documents);
  GRD_TEST_ADD ("/grounded/document/libreoffice-converts", test_libreoffice_converts);

  return g_test_run ();
}
