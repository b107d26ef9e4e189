/* test-refi-warnings.c: what one element of a REFI-QDA file gets wrong is
 * a located warning that leaves out that element, never the end of the
 * import
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-refi-util.h"

#define ONE_SOURCE \
  "<Sources>\n" \
  "<TextSource guid=\"00000000-0000-0000-0000-000000000001\" name=\"one\">" \
  "<PlainTextContent>some text 𝒜</PlainTextContent></TextSource>\n" \
  "</Sources>\n"

static GrdSource *
source_one (GrdProject *project)
{
  g_autoptr(GError) error = NULL;
  GrdSource *source = grd_project_find_source (project, "00000000-0000-0000-0000-000000000001",
                                               &error);

  g_assert_no_error (error);
  return source;
}

static char *
source_value (GrdProject *project,
              gint64      source_id,
              const char *attribute)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = grd_project_list_values (project, 0, source_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      GrdAttributeValue *value = values->pdata[i];

      if (strcmp (value->attribute_name, attribute) == 0)
        return g_strdup (value->value);
    }
  return NULL;
}

/* Sets: an attribute the project refuses, a value that does not fit its
 * variable, members that are not in the file. */
static void
test_bad_sets (Fixture       *fixture,
               gconstpointer  data)
{
  const char *qde =
    QDE_START "<CodeBook><Codes>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" isCodable=\"true\"/>\n"
    "</Codes></CodeBook>\n"
    "<Variables><Variable guid=\"7a710000-0000-0000-0000-000000000001\" name=\"age\" "
    "typeOfVariable=\"Integer\"/></Variables>\n"
    ONE_SOURCE
    "<Sets>\n"
    "<Set guid=\"5e700000-0000-0000-0000-000000000001\" name=\": male\">"
    "<MemberSource targetGUID=\"00000000-0000-0000-0000-000000000001\"/></Set>\n"
    "<Set guid=\"5e700000-0000-0000-0000-000000000002\" name=\"age: old\">"
    "<MemberSource targetGUID=\"00000000-0000-0000-0000-000000000001\"/></Set>\n"
    "<Set guid=\"5e700000-0000-0000-0000-000000000003\" name=\"gender: female\">"
    "<MemberSource targetGUID=\"00000000-0000-0000-0000-000000000001\"/>"
    "<MemberSource targetGUID=\"00000000-0000-0000-0000-0000000000ff\"/></Set>\n"
    "<Set guid=\"5e700000-0000-0000-0000-000000000004\" name=\"Axial 𝒜\">"
    "<MemberCode targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/>"
    "<MemberCode targetGUID=\"c0de0000-0000-0000-0000-000000000009\"/></Set>\n"
    "</Sets>\n</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "sets.qdpx", qde, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autofree char *gender = NULL;
  g_autofree char *age = NULL;

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  listing = grd_refi_report_to_string (report);
  g_test_message ("%s", listing);
  g_assert_true (has_warning (report, "Set", 11, "needs a name; left out"));
  g_assert_true (has_warning (report, "Set", 12, "left out"));
  g_assert_true (has_warning (report, "MemberSource", 13, "not in the file; left out"));
  g_assert_true (has_warning (report, "MemberCode", 14, "not in the file; left out"));
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "Set"), ==, 2);

  /* the rest of the file is there */
  source = source_one (fixture->project);
  gender = source_value (fixture->project, source->id, "gender");
  age = source_value (fixture->project, source->id, "age");
  g_assert_cmpstr (gender, ==, "female");
  g_assert_null (age);
  sets = grd_project_list_code_sets (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 1);
  g_assert_cmpstr (((GrdCodeSet *) sets->pdata[0])->name, ==, "Axial 𝒜");
  g_assert_cmpuint (((GrdCodeSet *) sets->pdata[0])->code_ids->len, ==, 1);
}

/* Cases: a SourceRef to no source, and a source two cases claim. */
static void
test_bad_case_refs (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *qde =
    QDE_START "<Cases>\n"
    "<Case guid=\"ca5e0000-0000-0000-0000-000000000001\" name=\"R1\">"
    "<SourceRef targetGUID=\"00000000-0000-0000-0000-000000000001\"/>"
    "<SourceRef targetGUID=\"00000000-0000-0000-0000-0000000000ff\"/></Case>\n"
    "<Case guid=\"ca5e0000-0000-0000-0000-000000000002\" name=\"R2\">"
    "<SourceRef targetGUID=\"00000000-0000-0000-0000-000000000001\"/></Case>\n"
    "<Case guid=\"ca5e0000-0000-0000-0000-000000000003\">"
    "<SourceRef targetGUID=\"00000000-0000-0000-0000-0000000000fe\"/></Case>\n"
    "</Cases>\n"
    ONE_SOURCE
    "</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "cases.qdpx", qde, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdCase) first = NULL;
  g_autoptr(GrdCase) second = NULL;

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  listing = grd_refi_report_to_string (report);
  g_test_message ("%s", listing);
  g_assert_true (has_warning (report, "SourceRef", 4, "not in the file; left out"));
  g_assert_true (has_warning (report, "SourceRef", 5, "already in case “R1”"));
  g_assert_true (has_warning (report, "SourceRef", 6, "not in the file; left out"));
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "SourceRef"), ==, 3);

  source = source_one (fixture->project);
  first = grd_project_find_case (fixture->project, "R1", &error);
  g_assert_no_error (error);
  second = grd_project_find_case (fixture->project, "R2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (source->case_id, ==, first->id);
  g_assert_cmpuint (second->n_sources, ==, 0);
}

/* Notes: one without a GUID, references to notes the file does not
 * have; the good note still becomes its memo. */
static void
test_bad_notes (Fixture       *fixture,
                gconstpointer  data)
{
  const char *qde =
    QDE_START "<CodeBook><Codes>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" isCodable=\"true\">"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-0000000000ff\"/>"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000002\"/></Code>\n"
    "</Codes></CodeBook>\n<Notes>\n"
    "<Note name=\"no guid\"><PlainTextContent>lost</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000002\" name=\"good\">"
    "<PlainTextContent>kept 𝒜</PlainTextContent></Note>\n"
    "</Notes>\n<NoteRef targetGUID=\"00000000-0000-0000-0000-0000000000fe\"/>\n</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "notes.qdpx", qde, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) memos = NULL;

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  listing = grd_refi_report_to_string (report);
  g_test_message ("%s", listing);
  g_assert_true (has_warning (report, "Note", 7, "without a GUID; left out"));
  g_assert_true (has_warning (report, "NoteRef", 4, "not in the file; left out"));
  g_assert_true (has_warning (report, "NoteRef", 10, "not in the file; left out"));
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "NoteRef"), ==, 2);

  memos = grd_project_list_memos (fixture->project, GRD_MEMO_SCOPE_CODE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (((GrdMemo *) memos->pdata[0])->text, ==, "kept 𝒜");
}

/* Lines past 65535, where libxml2 keeps an element's line in its text,
 * are still the file's lines; the schema's warnings and the import's read
 * in file order, though the file is read on a thread of its own. */
static void
test_far_lines (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) qde = g_string_new (QDE_START);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  int schema_first = -1, import_first = -1;

  g_string_append (qde, "<CodeBook><Codes>\n"
                        "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" "
                        "isCodable=\"true\"/>\n</Codes></CodeBook>\n<Sources>");
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (qde, '\n');
  /* line 70006 */
  g_string_append (qde, "<TextSource guid=\"00000000-0000-0000-0000-000000000001\" name=\"one\" "
                        "colour=\"red\">\n"
                        "<PlainTextContent>some text 𝒜</PlainTextContent>\n"
                        "<PlainTextSelection guid=\"5e100000-0000-0000-0000-000000000001\" "
                        "startPosition=\"0\" endPosition=\"4\">\n"
                        "<Coding guid=\"c0d10000-0000-0000-0000-000000000001\">\n"
                        "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-0000000000ff\"/></Coding>\n"
                        "</PlainTextSelection></TextSource>\n</Sources>\n</Project>\n");
  path = write_qdpx (fixture, "far.qdpx", qde->str, NULL);

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  listing = grd_refi_report_to_string (report);
  g_test_message ("%s", listing);
  g_assert_true (has_warning (report, "TextSource", 70006, "colour"));
  g_assert_true (has_warning (report, "Coding", 70009, "not in the file; left out"));
  for (guint i = 0; i < report->warnings->len; i++)
    {
      GrdRefiWarning *w = g_ptr_array_index (report->warnings, i);

      if (schema_first < 0 && g_strcmp0 (w->element, "TextSource") == 0)
        schema_first = (int) i;
      if (import_first < 0 && g_strcmp0 (w->element, "Coding") == 0)
        import_first = (int) i;
    }
  g_assert_cmpint (schema_first, <, import_first);

  source = source_one (fixture->project);
  g_assert_nonnull (source);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/refi/warnings/sets", test_bad_sets);
  GRD_TEST_ADD ("/refi/warnings/case-refs", test_bad_case_refs);
  GRD_TEST_ADD ("/refi/warnings/notes", test_bad_notes);
  GRD_TEST_ADD ("/refi/warnings/far-lines", test_far_lines);

  return g_test_run ();
}
