/* test-code-map.c: map positions, the automatic layout, SVG and PNG
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static const char * const map_tables[] = { "code", "code_position", NULL };

static void
test_positions (Fixture       *fixture,
                gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autofree char *before = NULL;
  g_autofree char *unchanged = NULL;
  gint64 a = add_code (project, 0, "Kepercayaan 𝒜");
  gint64 b = add_code (project, 0, "Loyalitas 🙂");
  GrdCodePosition moved[] = { { a, 10, 20 }, { b, -30, 400 } };
  GrdCodePosition bad[] = { { a, 1, 1 }, { 4242, 0, 0 } };
  GrdCodePosition far[] = { { a, 2000000, 0 } };

  /* A drag of many boxes is one step. */
  before = dump_tables (fixture->path, map_tables);
  g_assert_true (grd_project_set_code_positions (project, moved, 2, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, map_tables, before);

  fixture_reopen (fixture);
  project = fixture->project;
  positions = grd_project_list_code_positions (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (positions->len, ==, 2);
  g_assert_cmpint (g_array_index (positions, GrdCodePosition, 1).x, ==, -30);
  g_assert_cmpint (g_array_index (positions, GrdCodePosition, 1).y, ==, 400);

  moved[0].x = 15;
  g_free (before);
  before = dump_tables (fixture->path, map_tables);
  g_assert_true (grd_project_set_code_positions (project, moved, 1, &error));
  check_undo_redo (project, fixture->path, map_tables, before);

  /* Nothing changes when one of them cannot be placed. */
  g_free (before);
  before = dump_tables (fixture->path, map_tables);
  g_assert_false (grd_project_set_code_positions (project, bad, 2, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (grd_project_set_code_positions (project, far, 1, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  unchanged = dump_tables (fixture->path, map_tables);
  g_assert_cmpstr (unchanged, ==, before);

  /* A deleted code's place goes with it, and comes back with undo. */
  g_assert_true (grd_project_delete_code (project, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code_position"), ==, 1);
  check_undo_redo (project, fixture->path, map_tables, before);
}

/* No two boxes of the map overlap, and every box lies inside its bounds. */
static void
check_no_overlap (GrdCodeMap *map,
                  GArray     *ids)
{
  double bx, by, bw, bh;

  grd_code_map_get_bounds (map, &bx, &by, &bw, &bh);
  for (guint i = 0; i < ids->len; i++)
    {
      GrdCodePosition p;
      double w, h;

      g_assert_true (grd_code_map_get_box (map, g_array_index (ids, gint64, i), &p, &w, &h));
      g_assert_cmpfloat (p.x, >=, bx);
      g_assert_cmpfloat (p.y, >=, by);
      g_assert_cmpfloat (p.x + w, <=, bx + bw);
      g_assert_cmpfloat (p.y + h, <=, by + bh);
      /* readable: a box holds at least a line of 10 pt text */
      g_assert_cmpfloat (h, >=, 20);

      for (guint j = i + 1; j < ids->len; j++)
        {
          GrdCodePosition q;
          double v, k;

          g_assert_true (grd_code_map_get_box (map, g_array_index (ids, gint64, j), &q, &v, &k));
          if (p.x + w <= q.x || q.x + v <= p.x || p.y + h <= q.y || q.y + k <= p.y)
            continue;
          g_error ("boxes of codes %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " overlap",
                   g_array_index (ids, gint64, i), g_array_index (ids, gint64, j));
        }
    }
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = add_code_tree (project, GPOINTER_TO_UINT (data));
  g_autoptr(GrdCodeMap) map = NULL;
  double x, y, width, height;

  map = grd_code_map_new (project, &error);
  g_assert_no_error (error);
  check_no_overlap (map, ids);

  /* Roughly as wide as tall, not a strip. */
  grd_code_map_get_bounds (map, &x, &y, &width, &height);
  if (ids->len >= 100)
    {
      g_assert_cmpfloat (width / height, <, 4.0);
      g_assert_cmpfloat (height / width, <, 4.0);
    }

  /* The same project always gives the same map. */
  {
    g_autoptr(GrdCodeMap) again = grd_code_map_new (project, &error);
    double x2, y2, width2, height2;

    grd_code_map_get_bounds (again, &x2, &y2, &width2, &height2);
    g_assert_cmpfloat (width2, ==, width);
    g_assert_cmpfloat (height2, ==, height);
  }
}

/* Saved places are kept; the codes laid out around them do not overlap
 * them. */
static void
test_layout_around_saved (Fixture       *fixture,
                          gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = add_code_tree (project, 60);
  g_autoptr(GrdCodeMap) map = NULL;
  GrdCodePosition saved[] = {
    { g_array_index (ids, gint64, 3), 0, 0 },
    { g_array_index (ids, gint64, 40), 300, 120 },
  };
  GrdCodePosition got;
  double w, h;

  g_assert_true (grd_project_set_code_positions (project, saved, 2, &error));
  map = grd_code_map_new (project, &error);
  g_assert_no_error (error);
  g_assert_true (grd_code_map_get_box (map, saved[1].code_id, &got, &w, &h));
  g_assert_cmpint (got.x, ==, 300);
  g_assert_cmpint (got.y, ==, 120);
  check_no_overlap (map, ids);

  /* Hit testing and dragging, as the window does. */
  g_assert_cmpint (grd_code_map_code_at (map, 301, 121), ==, saved[1].code_id);
  g_assert_cmpint (grd_code_map_code_at (map, -500, -500), ==, 0);
  grd_code_map_move_code (map, saved[1].code_id, 900, 40);
  g_assert_cmpint (grd_code_map_code_at (map, 901, 41), ==, saved[1].code_id);
  g_assert_false (grd_code_map_get_box (map, 4242, &got, &w, &h));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = add_code_tree (project, 200);
  g_autoptr(GrdCodeMap) map = NULL;
  g_autofree char *svg_path = g_build_filename (fixture->dir, "peta 𝒜.svg", NULL);
  g_autofree char *png_path = g_build_filename (fixture->dir, "peta 🙂.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dir", "peta.png", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  gint64 type_id;

  type_id = grd_project_add_relation_type (project, "memperkuat 𝒜", NULL, FALSE, &error);
  grd_project_add_typed_relation (project, g_array_index (ids, gint64, 1),
                                  g_array_index (ids, gint64, 2), type_id, NULL, NULL, &error);
  g_assert_no_error (error);

  map = grd_code_map_new (project, &error);
  g_assert_no_error (error);

  g_assert_true (grd_code_map_write (map, svg_path, GRD_IMAGE_FORMAT_SVG, 1.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_cmpuint (length, >, 10000);
  g_free (contents);

  g_assert_true (grd_code_map_write (map, png_path, GRD_IMAGE_FORMAT_PNG, 2.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png_path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  /* The messages name the file or say what is too large. */
  g_assert_false (grd_code_map_write (map, missing, GRD_IMAGE_FORMAT_PNG, 1.0, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "peta.png"));
  g_clear_error (&error);
  g_assert_false (grd_code_map_write (map, png_path, GRD_IMAGE_FORMAT_PNG, 100.0, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  /* the earlier file is still whole */
  g_free (contents);
  g_assert_true (g_file_get_contents (png_path, &contents, &length, &error));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/code-map/positions", test_positions);
  g_test_add ("/grounded/code-map/layout-14", Fixture, GUINT_TO_POINTER (14), fixture_set_up,
              test_layout, fixture_tear_down);
  g_test_add ("/grounded/code-map/layout-200", Fixture, GUINT_TO_POINTER (200), fixture_set_up,
              test_layout, fixture_tear_down);
  GRD_TEST_ADD ("/grounded/code-map/layout-around-saved", test_layout_around_saved);
  GRD_TEST_ADD ("/grounded/code-map/export", test_export);

  return g_test_run ();
}
