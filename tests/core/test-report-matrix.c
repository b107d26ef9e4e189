/* test-report-matrix.c: codes by cases and by values, co-occurrence and
 * the quotes of a code; as CSV and as XLSX read back through the zip reader
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test-util.h"

#define TRUST_NAME "Trust, \"kepercayaan\""
#define TRUST_PATH "Motivasi 🔥/" TRUST_NAME

typedef struct {
  gint64 budi, cicek, region;
  gint64 motivasi, trust, tim;
  gint64 sources[3];
} Study;

/* Three transcripts: Budi's, Çiçek's and one without a case. Codings in
 * the participants' turns, and one in the interviewer's that counts
 * nowhere; two pairs of codings overlap. */
static void
build_study (GrdProject *project,
             Study      *study)
{
  static const char *const regions[] = { "Sumatera", "Jawa", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (study->sources); i++)
    {
      g_autofree char *name = g_strdup_printf ("Wawancara %u 🙂", i + 1);

      study->sources[i] = add_text_source (project, name, INTERVIEW_TEXT);
    }
  study->budi = grd_project_add_case (project, "Budi 🧑‍🌾", NULL, &error);
  study->cicek = grd_project_add_case (project, "Çiçek", NULL, &error);
  study->region = grd_project_add_attribute (project, "Region", GRD_ATTRIBUTE_TYPE_CHOICE, regions,
                                             &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_set_source_case (project, study->sources[0], study->budi, &error));
  g_assert_true (grd_project_set_source_case (project, study->sources[1], study->cicek, &error));
  g_assert_true (grd_project_set_case_value (project, study->budi, study->region, "Sumatera",
                                             &error));
  g_assert_true (grd_project_set_case_value (project, study->cicek, study->region, NULL, &error));

  study->motivasi = add_code (project, 0, "Motivasi 🔥");
  study->trust = add_code (project, study->motivasi, TRUST_NAME);
  study->tim = add_code (project, 0, "Tim");

  code_passage (project, study->sources[0], study->trust,
                "Trust, because with the right solution provided to customers, trust will emerge.");
  code_passage (project, study->sources[0], study->motivasi, "Saya suka café di Medan.");
  code_passage (project, study->sources[0], study->trust, "Saya suka café di Medan.");
  code_passage (project, study->sources[0], study->tim, "The team is quite supportive.");
  code_passage (project, study->sources[1], study->tim, "The team is quite supportive.");
  code_passage (project, study->sources[1], study->tim, "Dan rekan kerja?");
  code_passage (project, study->sources[2], study->trust, "Naïve señor Zoë said 𝒜𝒝 is fine.");
  code_passage (project, study->sources[2], study->tim, "Naïve señor Zoë said 𝒜𝒝 is fine.");
}

static char *
matrix_csv (GrdProject    *project,
            GrdMatrixKind  kind,
            gint64         id,
            GrdMatrixFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSheet) sheet = grd_report_matrix (project, kind, id, flags, NULL, &error);

  g_assert_no_error (error);
  return grd_sheet_to_csv (sheet);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_cases = NULL, *presence = NULL, *by_region = NULL, *pairs = NULL;
  g_autofree char *with_sub_codes = NULL, *present_below = NULL, *region_below = NULL;
  Study study;

  build_study (project, &study);

  by_cases = matrix_csv (project, GRD_MATRIX_CODES_BY_CASES, 0, GRD_MATRIX_FLAGS_NONE);
  g_assert_cmpstr (by_cases, ==,
                   "Code,Budi 🧑‍🌾,Çiçek,No case\r\n"
                   "Motivasi 🔥,1,0,0\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",2,0,1\r\n"
                   "Tim,1,1,1\r\n");

  presence = matrix_csv (project, GRD_MATRIX_CODES_BY_CASES, 0, GRD_MATRIX_PRESENCE);
  g_assert_cmpstr (presence, ==,
                   "Code,Budi 🧑‍🌾,Çiçek,No case\r\n"
                   "Motivasi 🔥,1,0,0\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",1,0,1\r\n"
                   "Tim,1,1,1\r\n");

  /* The choices in their order (Jawa unused still a column), then n/a,
   * then the transcript where nothing is recorded. */
  by_region = matrix_csv (project, GRD_MATRIX_CODES_BY_ATTRIBUTE, study.region,
                          GRD_MATRIX_FLAGS_NONE);
  g_assert_cmpstr (by_region, ==,
                   "Code,Sumatera,Jawa,n/a,Not recorded\r\n"
                   "Motivasi 🔥,1,0,0,0\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",2,0,0,1\r\n"
                   "Tim,1,0,1,1\r\n");

  /* With its sub-codes, the parent's row is its own codings and Trust's;
   * the heading says so. */
  with_sub_codes = matrix_csv (project, GRD_MATRIX_CODES_BY_CASES, 0, GRD_MATRIX_WITH_SUB_CODES);
  g_assert_cmpstr (with_sub_codes, ==,
                   "Code (with its sub-codes),Budi 🧑‍🌾,Çiçek,No case\r\n"
                   "Motivasi 🔥,3,0,1\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",2,0,1\r\n"
                   "Tim,1,1,1\r\n");
  present_below = matrix_csv (project, GRD_MATRIX_CODES_BY_CASES, 0,
                              GRD_MATRIX_PRESENCE | GRD_MATRIX_WITH_SUB_CODES);
  g_assert_cmpstr (present_below, ==,
                   "Code (with its sub-codes),Budi 🧑‍🌾,Çiçek,No case\r\n"
                   "Motivasi 🔥,1,0,1\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",1,0,1\r\n"
                   "Tim,1,1,1\r\n");
  region_below = matrix_csv (project, GRD_MATRIX_CODES_BY_ATTRIBUTE, study.region,
                             GRD_MATRIX_WITH_SUB_CODES);
  g_assert_cmpstr (region_below, ==,
                   "Code (with its sub-codes),Sumatera,Jawa,n/a,Not recorded\r\n"
                   "Motivasi 🔥,3,0,0,1\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",2,0,0,1\r\n"
                   "Tim,1,0,1,1\r\n");

  /* Flags are for counts by case and by value: co-occurrence is the same. */
  pairs = matrix_csv (project, GRD_MATRIX_COOCCURRENCE, 0, GRD_MATRIX_WITH_SUB_CODES);
  g_assert_cmpstr (pairs, ==,
                   "Code,Motivasi 🔥,\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",Tim\r\n"
                   "Motivasi 🔥,,1,0\r\n"
                   "\"Motivasi 🔥/Trust, \"\"kepercayaan\"\"\",1,,1\r\n"
                   "Tim,0,1,\r\n");

  g_assert_null (grd_report_matrix (project, GRD_MATRIX_CODES_BY_ATTRIBUTE, 4242,
                                    GRD_MATRIX_FLAGS_NONE, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

static gint64
offset_of (const char *passage)
{
  const char *at = strstr (INTERVIEW_TEXT, passage);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (INTERVIEW_TEXT, at);
}

static void
test_quotes (Fixture       *fixture,
             gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSheet) sheet = NULL;
  const char *const headings[] = { "Code", "Transcript", "Case", "Start", "End", "Text", "Region" };
  const char *naive = "Naïve señor Zoë said 𝒜𝒝 is fine.";
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, offset_of (naive));
  g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          offset_of (naive) + g_utf8_strlen (naive, -1));
  char **row;
  Study study;

  build_study (project, &study);

  /* The code's own quotes and its sub-code's, in transcript order. */
  sheet = grd_report_matrix (project, GRD_MATRIX_QUOTES, study.motivasi, GRD_MATRIX_FLAGS_NONE, NULL,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheet->headings->len, ==, G_N_ELEMENTS (headings));
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    g_assert_cmpstr (g_ptr_array_index (sheet->headings, i), ==, headings[i]);
  g_assert_cmpuint (sheet->rows->len, ==, 4);

  row = g_ptr_array_index (sheet->rows, 0);
  g_assert_cmpstr (row[0], ==, TRUST_PATH);
  g_assert_cmpstr (row[1], ==, "Wawancara 1 🙂");
  g_assert_cmpstr (row[2], ==, "Budi 🧑‍🌾");
  g_assert_cmpstr (row[5], ==, "Trust, because with the right solution provided to customers, "
                               "trust will emerge.");
  g_assert_cmpstr (row[6], ==, "Sumatera");

  /* Offsets in code points, past the 𝒜 and the emoji before the passage. */
  row = g_ptr_array_index (sheet->rows, 3);
  g_assert_cmpstr (row[0], ==, TRUST_PATH);
  g_assert_cmpstr (row[1], ==, "Wawancara 3 🙂");
  g_assert_cmpstr (row[2], ==, "");
  g_assert_cmpstr (row[3], ==, start);
  g_assert_cmpstr (row[4], ==, end);
  g_assert_cmpstr (row[5], ==, naive);
  g_assert_cmpstr (row[6], ==, "");

  g_clear_pointer (&sheet, grd_sheet_unref);
  g_assert_null (grd_report_matrix (project, GRD_MATRIX_QUOTES, 4242, GRD_MATRIX_FLAGS_NONE, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
}

/* ---- XLSX read back --------------------------------------------------- */

static xmlDoc *
read_xml (GrdZipReader *zip,
          const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = grd_zip_reader_read_entry (zip, name, 16 << 20, &error);
  xmlDoc *doc;

  g_assert_no_error (error);
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), name, NULL,
                       XML_PARSE_NONET);
  g_assert_nonnull (doc);
  return doc;
}

static xmlNode *
child_named (xmlNode    *node,
             const char *name)
{
  for (xmlNode *child = node != NULL ? node->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *) child->name, name))
      return child;
  return NULL;
}

/* All the text below a node: a shared string or inline string may be cut
 * into runs. */
static void
append_text (GString *out,
             xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *) child->name, "t"))
      {
        g_autofree char *text = (char *) xmlNodeGetContent (child);

        g_string_append (out, text);
      }
    else if (child->type == XML_ELEMENT_NODE)
      append_text (out, child);
}

/* Each cell as "reference" -> "n:VALUE" for numbers, "s:TEXT" for text,
 * with "*" after the kind where the cell has a style (the bold headings). */
static GHashTable *
read_cells (GrdZipReader *zip,
            xmlNode      *sheet_data)
{
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);

  if (grd_zip_reader_has_entry (zip, "xl/sharedStrings.xml"))
    {
      xmlDoc *doc = read_xml (zip, "xl/sharedStrings.xml");

      for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
        if (si->type == XML_ELEMENT_NODE)
          {
            GString *text = g_string_new (NULL);

            append_text (text, si);
            g_ptr_array_add (shared, g_string_free (text, FALSE));
          }
      xmlFreeDoc (doc);
    }

  for (xmlNode *row = sheet_data->children; row != NULL; row = row->next)
    for (xmlNode *c = row->children; c != NULL; c = c->next)
      {
        g_autofree char *ref = (char *) xmlGetProp (c, (const xmlChar *) "r");
        g_autofree char *type = (char *) xmlGetProp (c, (const xmlChar *) "t");
        g_autofree char *style = (char *) xmlGetProp (c, (const xmlChar *) "s");
        const char *styled = style != NULL ? "*" : "";
        g_autoptr(GString) text = g_string_new (NULL);
        char *value;

        if (g_strcmp0 (type, "inlineStr") == 0)
          {
            append_text (text, child_named (c, "is"));
            value = g_strdup_printf ("s%s:%s", styled, text->str);
          }
        else
          {
            g_autofree char *v = (char *) xmlNodeGetContent (child_named (c, "v"));

            if (g_strcmp0 (type, "s") == 0)
              value = g_strdup_printf ("s%s:%s", styled,
                                       (char *) g_ptr_array_index (shared, atoi (v)));
            else
              value = g_strdup_printf ("n%s:%s", styled, v);
          }
        g_hash_table_insert (cells, g_steal_pointer (&ref), value);
      }
  return cells;
}

static void
test_xlsx (Fixture       *fixture,
           gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSheet) sheet = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "Matriks 🔥.xlsx", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "missing", "m.xlsx", NULL);
  g_autoptr(GrdZipReader) zip = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GDir) dir = NULL;
  xmlDoc *doc;
  xmlNode *root, *pane;
  g_autofree char *state = NULL, *x_split = NULL, *y_split = NULL;
  const char *name;
  guint n_files = 0;
  Study study;

  build_study (project, &study);
  sheet = grd_report_matrix (project, GRD_MATRIX_CODES_BY_CASES, 0, GRD_MATRIX_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (grd_sheet_write (sheet, GRD_SHEET_FORMAT_XLSX, path, &error));
  g_assert_no_error (error);

  /* renamed into place: nothing left beside it but the project */
  dir = g_dir_open (fixture->dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "study.grounded"))
      {
        g_assert_cmpstr (name, ==, "Matriks 🔥.xlsx");
        n_files++;
      }
  g_assert_cmpuint (n_files, ==, 1);

  zip = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  doc = read_xml (zip, "xl/worksheets/sheet1.xml");
  root = xmlDocGetRootElement (doc);
  cells = read_cells (zip, child_named (root, "sheetData"));

  g_assert_cmpuint (g_hash_table_size (cells), ==, 4 * 4);
  g_assert_cmpstr (g_hash_table_lookup (cells, "A1"), ==, "s*:Code");
  g_assert_cmpstr (g_hash_table_lookup (cells, "B1"), ==, "s*:Budi 🧑‍🌾");
  g_assert_cmpstr (g_hash_table_lookup (cells, "D1"), ==, "s*:No case");
  g_assert_cmpstr (g_hash_table_lookup (cells, "A3"), ==, "s:" TRUST_PATH);
  g_assert_cmpstr (g_hash_table_lookup (cells, "B3"), ==, "n:2");
  g_assert_cmpstr (g_hash_table_lookup (cells, "D3"), ==, "n:1");
  g_assert_cmpstr (g_hash_table_lookup (cells, "C4"), ==, "n:1");

  /* the heading row and the code column stay in view */
  pane = child_named (child_named (child_named (root, "sheetViews"), "sheetView"), "pane");
  g_assert_nonnull (pane);
  state = (char *) xmlGetProp (pane, (const xmlChar *) "state");
  x_split = (char *) xmlGetProp (pane, (const xmlChar *) "xSplit");
  y_split = (char *) xmlGetProp (pane, (const xmlChar *) "ySplit");
  g_assert_cmpstr (state, ==, "frozen");
  g_assert_cmpstr (x_split, ==, "1");
  g_assert_cmpstr (y_split, ==, "1");
  g_assert_nonnull (child_named (root, "cols"));
  xmlFreeDoc (doc);

  /* the headings' style is bold */
  doc = read_xml (zip, "xl/styles.xml");
  g_assert_nonnull (child_named (child_named (child_named (xmlDocGetRootElement (doc), "fonts"),
                                              "font")->next, "b"));
  xmlFreeDoc (doc);

  g_assert_false (grd_sheet_write (sheet, GRD_SHEET_FORMAT_CSV, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static void
test_csv_file (Fixture       *fixture,
               gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSheet) sheet = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pairs.csv", NULL);
  g_autofree char *written = NULL, *expected = NULL;
  Study study;

  build_study (project, &study);
  sheet = grd_report_matrix (project, GRD_MATRIX_COOCCURRENCE, 0, GRD_MATRIX_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "an older file", -1, &error));
  g_assert_true (grd_sheet_write (sheet, GRD_SHEET_FORMAT_CSV, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  expected = grd_sheet_to_csv (sheet);
  g_assert_cmpstr (written, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/report/matrix/counts", test_counts);
  GRD_TEST_ADD ("/grounded/report/matrix/quotes", test_quotes);
  GRD_TEST_ADD ("/grounded/report/matrix/xlsx", test_xlsx);
  GRD_TEST_ADD ("/grounded/report/matrix/csv-file", test_csv_file);

  return g_test_run ();
}
