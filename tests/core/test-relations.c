/* test-relations.c: relation types, typed relations, memos and evidence
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static const char * const relation_tables[] = {
  "relation", "relation_type", "relation_evidence", "memo", "coding", "code", NULL,
};

static void
test_relation_types (Fixture       *fixture,
                     gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *before = NULL;
  gint64 kepercayaan = add_code (project, 0, "kepercayaan 𝒜");
  gint64 loyalty = add_code (project, 0, "Loyalitas 🙂");
  gint64 type_id, relation_id;

  before = dump_tables (fixture->path, relation_tables);
  type_id = grd_project_add_relation_type (project, "  menguatkan 𝒜  ", "strengthens", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (type_id, >, 0);
  check_undo_redo (project, fixture->path, relation_tables, before);

  /* Names are unique, trimmed, and not empty. */
  g_assert_cmpint (grd_project_add_relation_type (project, "menguatkan 𝒜", NULL, FALSE, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (grd_project_add_relation_type (project, "   ", NULL, FALSE, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  relation_id = grd_project_add_typed_relation (project, kepercayaan, loyalty, type_id, "", "memo 🙂",
                                                &error);
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, relation_tables, before);

  relations = grd_project_list_relations (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  {
    GrdRelation *relation = relations->pdata[0];

    g_assert_cmpint (relation->id, ==, relation_id);
    g_assert_cmpint (relation->type_id, ==, type_id);
    g_assert_cmpstr (relation->type_name, ==, "menguatkan 𝒜");
    g_assert_cmpint (relation->kind, ==, GRD_RELATION_KIND_ASSOCIATED);
    g_assert_true (relation->directed);
    g_assert_cmpstr (relation->memo, ==, "memo 🙂");
  }

  /* A type in use is not deleted; an unknown type is refused. */
  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_false (grd_project_delete_relation_type (project, type_id, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "menguatkan 𝒜"));
  g_clear_error (&error);
  g_assert_cmpint (grd_project_add_typed_relation (project, kepercayaan, loyalty, 999, NULL, NULL,
                                                   &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *unchanged = dump_tables (fixture->path, relation_tables);

    g_assert_cmpstr (unchanged, ==, before);
  }

  types = grd_project_list_relation_types (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (types->len, ==, 1);
  g_assert_cmpuint (((GrdRelationType *) types->pdata[0])->n_relations, ==, 1);

  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_rename_relation_type (project, type_id, "memperkuat", &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, relation_tables, before);

  g_assert_true (grd_project_delete_relation (project, relation_id, &error));
  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_delete_relation_type (project, type_id, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, relation_tables, before);
}

static void
test_memo_and_evidence (Fixture       *fixture,
                        gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) evidence = NULL;
  g_autofree char *before = NULL;
  gint64 source = add_text_source (project, "wawancara", INTERVIEW_TEXT);
  gint64 trust = add_code (project, 0, "Trust");
  gint64 team = add_code (project, 0, "Team 𝒜");
  gint64 relation_id, first, second;

  relation_id = grd_project_add_relation (project, trust, team, GRD_RELATION_KIND_CONSEQUENCE, NULL,
                                          NULL, &error);
  g_assert_no_error (error);
  first = grd_project_add_coding (project, source, trust, 70, 80, &error);
  second = grd_project_add_coding (project, source, team, 180, 190, &error);
  g_assert_no_error (error);

  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_set_relation_memo (project, relation_id, "Zoë: karena 𝒜", &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, relation_tables, before);

  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_add_relation_evidence (project, relation_id, second, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, relation_tables, before);
  g_assert_true (grd_project_add_relation_evidence (project, relation_id, first, &error));
  /* adding the same evidence twice keeps one */
  g_assert_true (grd_project_add_relation_evidence (project, relation_id, first, &error));
  g_assert_no_error (error);

  evidence = grd_project_list_relation_evidence (project, relation_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 2);
  /* in transcript order */
  g_assert_cmpint (g_array_index (evidence, gint64, 0), ==, first);
  g_assert_cmpint (g_array_index (evidence, gint64, 1), ==, second);

  g_assert_false (grd_project_add_relation_evidence (project, relation_id, 4242, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_remove_relation_evidence (project, relation_id, first, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, relation_tables, before);

  /* Removing the coding, and deleting the relation, take the evidence
   * along in the same undoable step. */
  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_remove_coding (project, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM relation_evidence"), ==, 0);
  check_undo_redo (project, fixture->path, relation_tables, before);
  g_free (grd_project_undo (project, &error));

  g_free (before);
  before = dump_tables (fixture->path, relation_tables);
  g_assert_true (grd_project_delete_code (project, team, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM relation_evidence"), ==, 0);
  check_undo_redo (project, fixture->path, relation_tables, before);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/relations/types", test_relation_types);
  GRD_TEST_ADD ("/grounded/relations/memo-and-evidence", test_memo_and_evidence);

  return g_test_run ();
}
