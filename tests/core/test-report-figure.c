/* test-report-figure.c: the data structure, frequencies and heat map figures
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler.h>

#include "code-tree.h"
#include "test-util.h"

#define EPSILON 0.01

/* A copy of the sample study: opening a project may write to it. */
static GrdProject *
open_sample (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;
  GrdProject *project;

  *dir = g_dir_make_tmp ("grounded-figure-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "kam-study.grounded", NULL);
  g_assert_true (g_file_get_contents (g_getenv ("GROUNDED_SAMPLE"), &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  project = grd_project_open (path, &error);
  g_assert_no_error (error);
  return project;
}

static gboolean
overlap (double ax, double ay, double aw, double ah,
         double bx, double by, double bw, double bh)
{
  return ax + EPSILON < bx + bw && bx + EPSILON < ax + aw &&
         ay + EPSILON < by + bh && by + EPSILON < ay + ah;
}

static gboolean
inside (double ax, double ay, double aw, double ah,
        double bx, double by, double bw, double bh)
{
  return ax >= bx - EPSILON && ay >= by - EPSILON &&
         ax + aw <= bx + bw + EPSILON && ay + ah <= by + bh + EPSILON;
}

static gboolean
is_box (GrdFigurePart part)
{
  return part == GRD_FIGURE_PART_CONCEPT || part == GRD_FIGURE_PART_THEME ||
         part == GRD_FIGURE_PART_DIMENSION || part == GRD_FIGURE_PART_BAR ||
         part == GRD_FIGURE_PART_CELL;
}

/* What a reviewer rejects: pieces outside the figure, text outside its
 * box, text on text, boxes on boxes. */
static void
check_geometry (GrdFigure *figure)
{
  guint n = grd_figure_get_n_items (figure);
  double width, height;

  grd_figure_get_size (figure, &width, &height);
  g_assert_cmpfloat (width, >=, 453.0);   /* 16 cm */

  for (guint i = 0; i < n; i++)
    {
      const GrdFigureItem *a = grd_figure_get_item (figure, i);

      g_assert_true (inside (a->x, a->y, a->width, a->height, 0, 0, width, height));
      if (a->text == NULL)
        continue;
      g_assert_cmpfloat (a->text_width, >, 0);
      if (!inside (a->text_x, a->text_y, a->text_width, a->text_height,
                   a->x, a->y, a->width, a->height))
        g_error ("the text “%s” (%.1f × %.1f) does not fit its box (%.1f × %.1f)",
                 a->text, a->text_width, a->text_height, a->width, a->height);

      for (guint j = i + 1; j < n; j++)
        {
          const GrdFigureItem *b = grd_figure_get_item (figure, j);

          if (b->text != NULL &&
              overlap (a->text_x, a->text_y, a->text_width, a->text_height,
                       b->text_x, b->text_y, b->text_width, b->text_height))
            g_error ("the texts “%s” and “%s” overlap", a->text, b->text);
        }
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        const GrdFigureItem *a = grd_figure_get_item (figure, i);
        const GrdFigureItem *b = grd_figure_get_item (figure, j);

        if (is_box (a->part) && is_box (b->part) &&
            overlap (a->x, a->y, a->width, a->height, b->x, b->y, b->width, b->height))
          g_error ("the boxes of “%s” and “%s” overlap", a->text, b->text);
      }
}

static const GrdFigureItem *
find_item (GrdFigure     *figure,
           GrdFigurePart  part,
           gint64         code_id,
           gint64         case_id)
{
  for (guint i = 0; i < grd_figure_get_n_items (figure); i++)
    {
      const GrdFigureItem *item = grd_figure_get_item (figure, i);

      if (item->part == part && item->code_id == code_id &&
          (case_id < 0 || item->case_id == case_id))
        return item;
    }
  return NULL;
}

static guint
count_parts (GrdFigure     *figure,
             GrdFigurePart  part)
{
  guint n = 0;

  for (guint i = 0; i < grd_figure_get_n_items (figure); i++)
    n += grd_figure_get_item (figure, i)->part == part;
  return n;
}

/* Every code in its column, linked to the code above it: an open code to
 * its sub-theme (or theme), a sub-theme to the theme framing it or to its
 * dimension, a frame to its dimension; left to right in that order. */
static void
check_data_structure (GrdFigure *figure,
                      GPtrArray *codes)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (by_id, &((GrdCode *) codes->pdata[i])->id, codes->pdata[i]);

  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = codes->pdata[i];
      const GrdCode *parent = g_hash_table_lookup (by_id, &code->parent_id);
      const GrdFigureItem *item, *above;
      GrdFigurePart part, parent_part;

      switch (code->kind)
        {
        case GRD_CODE_KIND_OPEN_CODE:
          part = GRD_FIGURE_PART_CONCEPT;
          parent_part = GRD_FIGURE_PART_THEME;
          break;
        case GRD_CODE_KIND_SUB_THEME:
          part = GRD_FIGURE_PART_THEME;
          parent_part = parent->kind == GRD_CODE_KIND_THEME ? GRD_FIGURE_PART_GROUP
                                                            : GRD_FIGURE_PART_DIMENSION;
          break;
        case GRD_CODE_KIND_THEME:
          part = GRD_FIGURE_PART_GROUP;
          parent_part = GRD_FIGURE_PART_DIMENSION;
          break;
        default:
          part = GRD_FIGURE_PART_DIMENSION;
          parent_part = GRD_FIGURE_PART_DIMENSION;
          break;
        }
      item = find_item (figure, part, code->id, -1);
      if (item == NULL)
        g_error ("“%s” is not in the figure", code->name);
      g_assert_cmpstr (item->text, ==, code->name);
      if (part == GRD_FIGURE_PART_DIMENSION)
        {
          g_assert_cmpint (item->link, ==, -1);
          continue;
        }

      g_assert_cmpint (item->link, >=, 0);
      above = grd_figure_get_item (figure, item->link);
      g_assert_cmpint (above->part, ==, parent_part);
      g_assert_cmpint (above->code_id, ==, code->parent_id);
      if (part == GRD_FIGURE_PART_THEME && parent_part == GRD_FIGURE_PART_GROUP)
        /* framed */
        g_assert_true (inside (item->x, item->y, item->width, item->height,
                               above->x, above->y, above->width, above->height));
      else
        g_assert_cmpfloat (item->x + item->width, <, above->x);
    }
}

static void
test_data_structure_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GrdProject) project = open_sample (&dir);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GrdFigure) figure = NULL;

  g_assert_no_error (error);
  codes = grd_project_list_codes (project, &error);
  g_assert_no_error (error);
  figure = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
  g_assert_no_error (error);

  /* the paper's two dimensions, four regulation types, fourteen sub-themes */
  g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_DIMENSION), ==, 2);
  g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_GROUP), ==, 4);
  g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_THEME), ==, 14);
  g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_HEADING), ==, 3);
  check_data_structure (figure, codes);
  check_geometry (figure);
  g_clear_object (&project);
  remove_tree (dir);
}

/* Selective coding keeps the figure whole: a sub-theme made the core
 * category keeps its second-order box, marked, and its concepts; a
 * dimension made it keeps its box and brackets. */
static void
test_data_structure_core_category (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GrdProject) project = open_sample (&dir);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);
  g_autoptr(GrdFigure) figure = NULL;
  g_autoptr(GrdFigure) framing = NULL;
  const GrdFigureItem *theme, *dimension;
  gint64 development = 0, intrinsic = 0;
  guint concepts = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = codes->pdata[i];

      if (g_str_equal (code->name, "Personal Development"))
        development = code->id;
      else if (g_str_equal (code->name, "Intrinsic"))
        intrinsic = code->id;
    }
  g_assert_cmpint (development, >, 0);
  g_assert_cmpint (intrinsic, >, 0);

  g_assert_true (grd_project_set_core_category (project, development, &error));
  figure = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_THEME), ==, 14);
  theme = find_item (figure, GRD_FIGURE_PART_THEME, development, -1);
  g_assert_nonnull (theme);
  g_assert_cmpstr (theme->text, ==, "Personal Development\n(core category)");
  g_assert_cmpint (grd_figure_get_item (figure, theme->link)->code_id, ==, intrinsic);
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = codes->pdata[i];
      const GrdFigureItem *concept;

      if (code->parent_id != development)
        continue;
      concept = find_item (figure, GRD_FIGURE_PART_CONCEPT, code->id, -1);
      g_assert_nonnull (concept);
      g_assert_true (grd_figure_get_item (figure, concept->link) == theme);
      concepts++;
    }
  g_assert_cmpuint (concepts, >, 0);
  check_geometry (figure);

  /* the former core category became a theme: a sub-theme again */
  g_assert_true (grd_project_set_core_category (project, intrinsic, &error));
  g_assert_true (grd_project_set_code_kind (project, development, GRD_CODE_KIND_SUB_THEME,
                                            &error));
  framing = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_parts (framing, GRD_FIGURE_PART_DIMENSION), ==, 2);
  g_assert_cmpuint (count_parts (framing, GRD_FIGURE_PART_THEME), ==, 14);
  dimension = find_item (framing, GRD_FIGURE_PART_DIMENSION, intrinsic, -1);
  g_assert_nonnull (dimension);
  g_assert_cmpstr (dimension->text, ==, "Intrinsic\n(core category)");
  theme = find_item (framing, GRD_FIGURE_PART_THEME, development, -1);
  g_assert_true (grd_figure_get_item (framing, theme->link) == dimension);
  check_geometry (framing);
  g_clear_object (&project);
  remove_tree (dir);
}

/* 200 codes, names long enough to wrap and non-BMP, still one page wide. */
static void
test_data_structure_large (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = add_code_tree (fixture->project, 200);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (fixture->project, &error);
  g_autoptr(GrdFigure) figure = NULL;
  double width, height;

  figure = grd_report_figure (fixture->project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_CONCEPT), ==, 200 - 4 - 16 - 48);
  check_data_structure (figure, codes);
  check_geometry (figure);
  grd_figure_get_size (figure, &width, &height);
  g_assert_cmpfloat (width, ==, 453.5);
}

/* A tree without kinds reads by depth; a theme without a dimension hangs
 * under its top-level code. */
static void
test_data_structure_untyped (Fixture       *fixture,
                             gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  gint64 top = add_code (project, 0, "Livelihood 𝒜");
  gint64 theme = add_code (project, top, "Work");
  gint64 concept = add_code (project, theme, "Daily wages 🙂");
  g_autoptr(GrdFigure) figure = NULL;
  const GrdFigureItem *item;

  figure = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
  g_assert_no_error (error);
  item = find_item (figure, GRD_FIGURE_PART_CONCEPT, concept, -1);
  g_assert_nonnull (item);
  g_assert_cmpint (grd_figure_get_item (figure, item->link)->code_id, ==, theme);
  item = grd_figure_get_item (figure, item->link);
  g_assert_cmpint (grd_figure_get_item (figure, item->link)->code_id, ==, top);
  check_geometry (figure);

  /* typed now: a sub-theme under a core category takes it as dimension */
  g_clear_pointer (&figure, grd_figure_free);
  g_assert_true (grd_project_set_code_kind (project, top, GRD_CODE_KIND_CORE_CATEGORY, &error));
  g_assert_true (grd_project_set_code_kind (project, theme, GRD_CODE_KIND_SUB_THEME, &error));
  g_assert_no_error (error);
  figure = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
  g_assert_no_error (error);
  item = find_item (figure, GRD_FIGURE_PART_THEME, theme, -1);
  g_assert_nonnull (item);
  g_assert_cmpint (grd_figure_get_item (figure, item->link)->code_id, ==, top);
  g_assert_cmpint (grd_figure_get_item (figure, item->link)->part, ==, GRD_FIGURE_PART_DIMENSION);
}

/* One dimension on a figure of its own: its codes only, counted as in
 * the whole tree; a code that is not there is an error. */
static void
test_scoped_to_dimension (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GrdProject) project = open_sample (&dir);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);
  g_autoptr(GHashTable) inside_root = g_hash_table_new (g_int64_hash, g_int64_equal);
  const GrdCode *root = NULL;
  guint n_sub_themes = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = codes->pdata[i];

      if (root == NULL && g_strcmp0 (code->name, "Intrinsic") == 0)
        root = code;
      if (root != NULL && (code == root || g_hash_table_contains (inside_root, &code->parent_id)))
        {
          g_hash_table_add (inside_root, (gpointer) &code->id);
          n_sub_themes += code->kind == GRD_CODE_KIND_SUB_THEME;
        }
    }
  g_assert_nonnull (root);
  g_assert_cmpuint (n_sub_themes, >, 0);

  for (GrdFigureKind kind = GRD_FIGURE_DATA_STRUCTURE; kind <= GRD_FIGURE_HEATMAP; kind++)
    {
      g_autoptr(GrdFigure) whole = grd_report_figure (project, kind, 0, NULL, &error);
      g_autoptr(GrdFigure) part = grd_report_figure (project, kind, root->id, NULL, &error);
      double whole_width, whole_height, part_width, part_height;

      g_assert_no_error (error);
      check_geometry (part);
      grd_figure_get_size (whole, &whole_width, &whole_height);
      grd_figure_get_size (part, &part_width, &part_height);
      g_assert_cmpfloat (part_height, <, whole_height);

      for (guint i = 0; i < grd_figure_get_n_items (part); i++)
        {
          const GrdFigureItem *item = grd_figure_get_item (part, i);

          if (item->code_id != 0)
            g_assert_true (g_hash_table_contains (inside_root, &item->code_id));
        }
      if (kind == GRD_FIGURE_DATA_STRUCTURE)
        {
          g_assert_cmpuint (count_parts (part, GRD_FIGURE_PART_DIMENSION), ==, 1);
          g_assert_cmpuint (count_parts (part, GRD_FIGURE_PART_THEME), ==, n_sub_themes);
          g_assert_nonnull (find_item (part, GRD_FIGURE_PART_DIMENSION, root->id, -1));
        }
      else if (kind == GRD_FIGURE_FREQUENCIES)
        g_assert_cmpuint (find_item (part, GRD_FIGURE_PART_COUNT, root->id, -1)->count, ==,
                          root->n_codings_total);
      else
        g_assert_nonnull (find_item (part, GRD_FIGURE_PART_LABEL, root->id, -1));
    }

  g_assert_null (grd_report_figure (project, GRD_FIGURE_HEATMAP, 999999, NULL, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_object (&project);
  remove_tree (dir);
}

/* Bars and cells say what the frequencies say, sub-codes' included. */
static void
test_charts_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GrdProject) project = open_sample (&dir);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);
  g_autoptr(GPtrArray) cases = grd_project_list_cases (project, &error);
  g_autoptr(GrdFigure) bars = grd_report_figure (project, GRD_FIGURE_FREQUENCIES, 0, NULL, &error);
  g_autoptr(GrdFigure) heat = grd_report_figure (project, GRD_FIGURE_HEATMAP, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 3);
  check_geometry (bars);
  check_geometry (heat);

  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = codes->pdata[i];
      const GrdFigureItem *total = find_item (bars, GRD_FIGURE_PART_COUNT, code->id, -1);
      guint sum = 0, cells = 0;

      g_assert_nonnull (find_item (bars, GRD_FIGURE_PART_LABEL, code->id, -1));
      g_assert_nonnull (find_item (heat, GRD_FIGURE_PART_LABEL, code->id, -1));
      g_assert_nonnull (total);
      /* the tree's own count, a code's codings with its sub-codes' */
      g_assert_cmpuint (total->count, ==, code->n_codings_total);
      for (guint c = 0; c < cases->len; c++)
        {
          gint64 case_id = ((GrdCase *) cases->pdata[c])->id;
          const GrdFigureItem *bar = find_item (bars, GRD_FIGURE_PART_BAR, code->id, case_id);
          const GrdFigureItem *cell = find_item (heat, GRD_FIGURE_PART_CELL, code->id, case_id);
          g_autofree char *printed = NULL;

          g_assert_nonnull (cell);
          printed = g_strdup_printf ("%u", cell->count);
          g_assert_cmpstr (cell->text, ==, printed);
          g_assert_cmpuint (bar != NULL ? bar->count : 0, ==, cell->count);
          sum += bar != NULL ? bar->count : 0;
          cells += cell->count;
        }
      g_assert_cmpuint (sum, ==, total->count);
      g_assert_cmpuint (cells, ==, total->count);
    }

  /* a column per case, named */
  for (guint c = 0; c < cases->len; c++)
    g_assert_nonnull (find_item (heat, GRD_FIGURE_PART_LABEL, 0,
                                 ((GrdCase *) cases->pdata[c])->id));
  g_clear_object (&project);
  remove_tree (dir);
}

/* 200 codes and codings in ten cases, with a case name too long for its
 * column: names turn upright and nothing overlaps. */
static void
test_charts_large (Fixture       *fixture,
                   gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = add_code_tree (project, 200);

  for (guint s = 0; s < 10; s++)
    {
      g_autofree char *name = g_strdup_printf (s == 3 ? "Responden dengan nama panjang 𝒜 %u"
                                                      : "R%u", s);
      gint64 source = add_text_source (project, name,
                                       "Siti: 𝒜 saya bekerja di bank 🙂 sejak 2015.\n");
      gint64 case_id = grd_project_add_case (project, name, NULL, &error);

      g_assert_true (grd_project_set_source_case (project, source, case_id, &error));
      for (guint c = s; c < ids->len; c += 3 + s)
        g_assert_cmpint (grd_project_add_coding (project, source, g_array_index (ids, gint64, c),
                                                 0, 4 + c % 20, &error), >, 0);
      g_assert_no_error (error);
    }

  for (GrdFigureKind kind = GRD_FIGURE_FREQUENCIES; kind <= GRD_FIGURE_HEATMAP; kind++)
    {
      g_autoptr(GrdFigure) figure = grd_report_figure (project, kind, 0, NULL, &error);

      g_assert_no_error (error);
      check_geometry (figure);
      g_assert_cmpuint (count_parts (figure, GRD_FIGURE_PART_LABEL), ==,
                        200 + (kind == GRD_FIGURE_HEATMAP ? 10 : 0));
    }
}

static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* SVG that parses and has the printed size, PNG of the size the scale
 * gives, PDF whose text is every code's name; a failed write names the file
 * and leaves the old one. */
static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GrdProject) project = open_sample (&dir);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);
  g_autofree char *svg = g_build_filename (dir, "struktur 𝒜.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "struktur 🙂.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "struktur.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "gambar.png", NULL);
  g_autoptr(GrdFigure) figure = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL,
                                                   &error);
  g_autofree char *contents = NULL;
  g_autofree char *expected_width = NULL;
  gsize length;
  double width, height;

  g_assert_no_error (error);
  grd_figure_get_size (figure, &width, &height);

  g_assert_true (grd_figure_write (figure, svg, GRD_IMAGE_FORMAT_SVG, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  {
    xmlDoc *doc = xmlReadMemory (contents, (int) length, "figure.svg", NULL, XML_PARSE_NONET);
    xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
    xmlChar *svg_width = root != NULL ? xmlGetProp (root, (const xmlChar *) "width") : NULL;

    g_assert_nonnull (root);
    g_assert_cmpstr ((const char *) root->name, ==, "svg");
    expected_width = g_strdup_printf ("%gpt", width);
    g_assert_cmpstr ((const char *) svg_width, ==, expected_width);
    xmlFree (svg_width);
    xmlFreeDoc (doc);
  }
  g_clear_pointer (&contents, g_free);

  g_assert_true (grd_figure_write (figure, png, GRD_IMAGE_FORMAT_PNG, 300 / 72.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: width and height, big-endian, after the signature and the chunk head */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (contents + 16)), ==,
                    (guint) ceil (width * 300 / 72.0));
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (contents + 20)), ==,
                    (guint) ceil (height * 300 / 72.0));
  g_clear_pointer (&contents, g_free);

  g_assert_true (grd_figure_write (figure, pdf, GRD_IMAGE_FORMAT_PDF, 1, &error));
  g_assert_no_error (error);
  {
    g_autofree char *uri = g_filename_to_uri (pdf, NULL, &error);
    /* poppler 22 has no autoptr for its types */
    PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
    PopplerPage *page;
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;
    double page_width, page_height;

    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
    page = poppler_document_get_page (document, 0);
    poppler_page_get_size (page, &page_width, &page_height);
    g_assert_cmpfloat (fabs (page_width - width), <, 0.5);
    g_assert_cmpfloat (fabs (page_height - height), <, 0.5);
    text = poppler_page_get_text (page);
    flat = collapse_spaces (text);
    for (guint i = 0; i < codes->len; i++)
      {
        g_autofree char *name = collapse_spaces (((GrdCode *) codes->pdata[i])->name);

        if (strstr (flat, name) == NULL)
          g_error ("the PDF does not say “%s”", ((GrdCode *) codes->pdata[i])->name);
      }
    g_object_unref (page);
    g_object_unref (document);
  }

  g_assert_false (grd_figure_write (figure, missing, GRD_IMAGE_FORMAT_PNG, 1, &error));
  g_assert_nonnull (strstr (error->message, "gambar.png"));
  g_clear_error (&error);
  g_assert_false (grd_figure_write (figure, png, GRD_IMAGE_FORMAT_PNG, 100, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  /* the earlier file is still whole */
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_object (&project);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add_func ("/grounded/report/figure/data-structure/sample", test_data_structure_sample);
  g_test_add_func ("/grounded/report/figure/data-structure/core-category",
                   test_data_structure_core_category);
  GRD_TEST_ADD ("/grounded/report/figure/data-structure/large", test_data_structure_large);
  GRD_TEST_ADD ("/grounded/report/figure/data-structure/untyped", test_data_structure_untyped);
  g_test_add_func ("/grounded/report/figure/charts/sample", test_charts_sample);
  g_test_add_func ("/grounded/report/figure/scoped", test_scoped_to_dimension);
  GRD_TEST_ADD ("/grounded/report/figure/charts/large", test_charts_large);
  g_test_add_func ("/grounded/report/figure/files", test_files);
  return g_test_run ();
}
