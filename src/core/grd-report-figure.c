/* grd-report-figure.c: the figures as display lists, and the data structure
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every figure is laid out once into a list of boxes with their text and a
 * list of lines, in points at the printed size; drawing is then one loop
 * for the preview and every file, and the tests check the same boxes that
 * are drawn.
 *
 * The data structure (Gioia, Corley & Hamilton 2013, Figure 2) reads
 * from left to right: first-order concepts, second-order themes, aggregate
 * dimensions, each group joined to the box it makes up by a bracket. A
 * code's column comes from its kind and its place in the tree:
 * - a sub-theme is a second-order theme, and so is a theme with no
 *   sub-theme below it (the KAM study's sub-themes; a tree of dimension,
 *   theme and open code);
 * - everything below a second-order theme is one of its concepts, in the
 *   tree's order (a sub-code as much as its parent: both are the
 *   informants' terms);
 * - an aggregate dimension is a dimension; a theme between a dimension and
 *   its sub-themes (the KAM study's regulation types) frames them in the
 *   middle column under its name, so the figure keeps its three columns;
 * - second-order themes with no dimension above take their top-level code
 *   as one, as the theme table does; a tree with no kinds at all reads as
 *   dimension, theme, concept by depth;
 * - the core category plays the kind its place gives it
 *   (_grd_report_code_kinds), labelled as the core category. */

#define G_LOG_DOMAIN "grd-report-figure"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "grd-report-figure-private.h"
#include "grd-report-private.h"

#define CONCEPT_WIDTH   168.0
#define THEME_WIDTH     140.0
#define COLUMN_GAP      30.0
#define PAD_X           5.0
#define PAD_Y           3.0
#define GROUP_PAD       5.0
#define CONCEPT_GAP     4.0
#define THEME_GAP       8.0
#define DIMENSION_GAP   16.0
#define LINE_GRAY       0.25
#define LINE_WIDTH      0.6

static const char * const kind_names[] = { "data-structure", "frequencies", "heatmap" };

gboolean
grd_figure_kind_from_string (const char    *string,
                             GrdFigureKind *kind)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (string, kind_names[i]))
      {
        *kind = (GrdFigureKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
grd_figure_kind_to_string (GrdFigureKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

/* ---- the display list ------------------------------------------------- */

static void
shape_clear (GrdFigureShape *shape)
{
  g_clear_pointer (&shape->text, g_free);
  g_clear_object (&shape->layout);
}

void
grd_figure_free (GrdFigure *figure)
{
  if (figure == NULL)
    return;

  g_clear_pointer (&figure->shapes, g_array_unref);
  g_clear_pointer (&figure->lines, g_array_unref);
  g_clear_object (&figure->pango);
  g_free (figure);
}

guint
_grd_figure_add (GrdFigure     *figure,
                 GrdFigurePart  part,
                 gint64         code_id,
                 const char    *text,
                 const char    *font,
                 double         max_width,
                 gboolean       centre)
{
  GrdFigureShape shape = { .item = { .part = part, .code_id = code_id, .link = -1 } };

  if (text != NULL)
    {
      PangoRectangle ink, logical;

      shape.text = g_strdup (text);
      shape.item.text = shape.text;
      shape.layout = grd_drawing_new_text (figure->pango, font, text, max_width, 0);
      if (centre)
        pango_layout_set_alignment (shape.layout, PANGO_ALIGN_CENTER);
      pango_layout_get_extents (shape.layout, &ink, &logical);
      shape.text_dx = (double) logical.x / PANGO_SCALE;
      shape.item.text_width = (double) logical.width / PANGO_SCALE;
      shape.item.text_height = (double) logical.height / PANGO_SCALE;
    }
  g_array_append_val (figure->shapes, shape);
  return figure->shapes->len - 1;
}

void
_grd_figure_place (GrdFigure *figure,
                   guint      index,
                   double     x,
                   double     y,
                   double     width,
                   double     height,
                   double     pad_x,
                   double     pad_y)
{
  GrdFigureShape *shape = FIGURE_SHAPE (figure, index);
  GrdFigureItem *item = &shape->item;
  gboolean centred = shape->layout != NULL &&
                     pango_layout_get_alignment (shape->layout) == PANGO_ALIGN_CENTER;

  item->x = x;
  item->y = y;
  item->width = width;
  item->height = height;
  item->text_x = centred ? x + (width - item->text_width) / 2 : x + pad_x;
  item->text_y = centred ? y + (height - item->text_height) / 2 : y + pad_y;
}

void
_grd_figure_add_line (GrdFigure *figure,
                      double     x0,
                      double     y0,
                      double     x1,
                      double     y1,
                      double     gray,
                      double     width)
{
  GrdFigureLine line = { x0, y0, x1, y1, gray, width };

  g_array_append_val (figure->lines, line);
}

GrdFigureKind
grd_figure_get_kind (GrdFigure *figure)
{
  g_return_val_if_fail (figure != NULL, GRD_FIGURE_DATA_STRUCTURE);

  return figure->kind;
}

void
grd_figure_get_size (GrdFigure *figure,
                     double    *width,
                     double    *height)
{
  g_return_if_fail (figure != NULL);

  *width = figure->width;
  *height = figure->height;
}

guint
grd_figure_get_n_items (GrdFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->shapes->len;
}

const GrdFigureItem *
grd_figure_get_item (GrdFigure *figure,
                     guint      index)
{
  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (index < figure->shapes->len, NULL);

  return &FIGURE_SHAPE (figure, index)->item;
}

static void
draw_shape (cairo_t              *cr,
            const GrdFigureShape *shape)
{
  const GrdFigureItem *item = &shape->item;

  if (shape->filled || shape->line_width > 0)
    {
      grd_drawing_rounded_box (cr, item->x, item->y, item->width, item->height, shape->radius);
      if (shape->filled)
        {
          cairo_set_source_rgb (cr, shape->fill[0], shape->fill[1], shape->fill[2]);
          cairo_fill_preserve (cr);
        }
      if (shape->line_width > 0)
        {
          static const double dash[] = { 3.0, 2.0 };

          cairo_set_dash (cr, dash, shape->dashed ? G_N_ELEMENTS (dash) : 0, 0);
          cairo_set_line_width (cr, shape->line_width);
          cairo_set_source_rgb (cr, shape->stroke[0], shape->stroke[1], shape->stroke[2]);
          cairo_stroke_preserve (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      cairo_new_path (cr);
    }

  if (shape->layout == NULL)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, shape->ink[0], shape->ink[1], shape->ink[2]);
  if (shape->vertical)
    {
      /* read from the bottom up, its box as tall as the text is long */
      cairo_translate (cr, item->text_x, item->text_y + item->text_height);
      cairo_rotate (cr, -G_PI / 2);
    }
  else
    cairo_translate (cr, item->text_x, item->text_y);
  cairo_move_to (cr, -shape->text_dx, 0);
  pango_cairo_show_layout (cr, shape->layout);
  cairo_restore (cr);
}

void
grd_figure_draw (GrdFigure *figure,
                 cairo_t   *cr)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  /* lines first: a bracket ends under the box it joins */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (guint i = 0; i < figure->lines->len; i++)
    {
      const GrdFigureLine *line = &g_array_index (figure->lines, GrdFigureLine, i);

      cairo_set_source_rgb (cr, line->gray, line->gray, line->gray);
      cairo_set_line_width (cr, line->width);
      cairo_move_to (cr, line->x0, line->y0);
      cairo_line_to (cr, line->x1, line->y1);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < figure->shapes->len; i++)
    draw_shape (cr, FIGURE_SHAPE (figure, i));
  cairo_restore (cr);
}

static void
draw_figure (gpointer  data,
             cairo_t  *cr)
{
  grd_figure_draw (data, cr);
}

gboolean
grd_figure_write (GrdFigure       *figure,
                  const char      *path,
                  GrdImageFormat   format,
                  double           scale,
                  GError         **error)
{
  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return grd_drawing_write (path, format, figure->width, figure->height, scale, draw_figure,
                            figure, error);
}

/* ---- the data structure: columns ---------------------------------------- */

typedef enum {
  ROLE_NONE,
  ROLE_DIMENSION,
  ROLE_GROUP,
  ROLE_THEME,
  ROLE_CONCEPT,
} Role;

/* One box of the data structure and the boxes that make it up. */
typedef struct {
  Role           role;
  const GrdCode *code;        /* NULL: the dimension of themes that have none */
  GArray        *children;    /* node indices */
} Node;

static void
node_clear (Node *node)
{
  g_clear_pointer (&node->children, g_array_unref);
}

static guint
add_node (GArray        *nodes,
          Role           role,
          const GrdCode *code,
          gint           parent)
{
  Node node = { role, code, g_array_new (FALSE, FALSE, sizeof (guint)) };
  guint index = nodes->len;

  g_array_append_val (nodes, node);
  if (parent >= 0)
    g_array_append_val (g_array_index (nodes, Node, parent).children, index);
  return index;
}

/* The roles of the tree's codes (see the top of the file) as nodes: the
 * dimensions in the tree's order, then the dimension-less themes' stand-in.
 * Returns the indices of the top nodes. */
static GArray *
assign_roles (GPtrArray *codes,
              GArray    *nodes)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) kinds = _grd_report_code_kinds (codes);
  g_autofree gboolean *sub_theme_below = g_new0 (gboolean, codes->len + 1);
  g_autofree gint *node_of = g_new (gint, codes->len + 1);      /* own node, -1 */
  g_autofree gint *dimension_of = g_new (gint, codes->len + 1); /* in force here, -1 */
  g_autofree gint *group_of = g_new (gint, codes->len + 1);
  g_autofree gint *theme_of = g_new (gint, codes->len + 1);
  g_autofree guint *top_of = g_new0 (guint, codes->len + 1);
  GArray *tops = g_array_new (FALSE, FALSE, sizeof (guint));
  gint orphans = -1;
  gboolean typed = FALSE;

  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (index, (gpointer) &code->id, GUINT_TO_POINTER (i + 1));
      typed |= code->kind != GRD_CODE_KIND_OPEN_CODE;
    }
  /* children come after their parent in the list */
  for (guint i = codes->len; i > 0; i--)
    {
      const GrdCode *code = g_ptr_array_index (codes, i - 1);
      guint parent = GPOINTER_TO_UINT (g_hash_table_lookup (index, &code->parent_id));

      if (parent != 0)
        sub_theme_below[parent - 1] |= sub_theme_below[i - 1] ||
                                       _grd_report_kind_of (kinds, code) == GRD_CODE_KIND_SUB_THEME;
    }

  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      guint parent = GPOINTER_TO_UINT (g_hash_table_lookup (index, &code->parent_id));
      gint dimension = parent != 0 ? dimension_of[parent - 1] : -1;
      gint group = parent != 0 ? group_of[parent - 1] : -1;
      gint theme = parent != 0 ? theme_of[parent - 1] : -1;
      GrdCodeKind kind = _grd_report_kind_of (kinds, code);
      Role role;

      top_of[i] = parent != 0 ? top_of[parent - 1] : i;
      if (theme >= 0)
        role = ROLE_CONCEPT;
      else if (!typed)
        role = code->depth == 0 ? ROLE_DIMENSION : ROLE_THEME;
      else if (kind == GRD_CODE_KIND_SUB_THEME ||
               (kind == GRD_CODE_KIND_THEME && !sub_theme_below[i]))
        role = ROLE_THEME;
      else if (kind == GRD_CODE_KIND_THEME && group < 0 && code->depth > 0)
        role = ROLE_GROUP;
      else if (kind == GRD_CODE_KIND_AGGREGATE_DIMENSION && dimension < 0)
        role = ROLE_DIMENSION;
      else
        role = ROLE_NONE;

      /* a theme with no dimension above takes its top-level code as one */
      if ((role == ROLE_THEME || role == ROLE_GROUP) && dimension < 0)
        {
          guint top = top_of[i];

          if (top != i && node_of[top] < 0)
            {
              node_of[top] = (gint) add_node (nodes, ROLE_DIMENSION,
                                              g_ptr_array_index (codes, top), -1);
              g_array_append_val (tops, node_of[top]);
            }
          if (top != i)
            dimension = node_of[top];
          else
            {
              if (orphans < 0)
                orphans = (gint) add_node (nodes, ROLE_DIMENSION, NULL, -1);
              dimension = orphans;
            }
        }

      node_of[i] = role == ROLE_NONE ? -1
                   : (gint) add_node (nodes, role, code,
                                      role == ROLE_CONCEPT ? theme
                                      : role == ROLE_THEME ? (group >= 0 ? group : dimension)
                                      : role == ROLE_GROUP ? dimension : -1);
      if (role == ROLE_DIMENSION)
        g_array_append_val (tops, node_of[i]);

      dimension_of[i] = role == ROLE_DIMENSION ? node_of[i] : dimension;
      group_of[i] = role == ROLE_GROUP ? node_of[i] : group;
      theme_of[i] = role == ROLE_THEME ? node_of[i] : theme;
    }

  if (orphans >= 0)
    g_array_append_val (tops, orphans);
  return tops;
}

/* ---- the data structure: layout ----------------------------------------- */

typedef struct {
  GrdFigure *figure;
  GArray    *nodes;
  gint      *shape_of;        /* node index -> shape index */
  double     concept_x, theme_x, dimension_x, dimension_width;
} Layout;

static void
style_box (GrdFigure *figure,
           guint      index,
           double     fill,
           double     line_width)
{
  GrdFigureShape *shape = FIGURE_SHAPE (figure, index);

  shape->filled = fill < 1.0;
  shape->fill[0] = shape->fill[1] = shape->fill[2] = fill;
  shape->line_width = line_width;
  shape->stroke[0] = shape->stroke[1] = shape->stroke[2] = LINE_GRAY;
  shape->radius = 2.0;
}

/* A box of the given width whose wrapped text sets its height. */
static guint
add_box (Layout      *layout,
         guint        node,
         GrdFigurePart part,
         const char  *font,
         double       width,
         gboolean     centre)
{
  Node *n = &g_array_index (layout->nodes, Node, node);
  /* the mark on a line of its own, not broken across two */
  g_autofree char *label = n->code != NULL ? _grd_report_code_label (n->code, "\n") : NULL;
  guint shape = _grd_figure_add (layout->figure, part, n->code != NULL ? n->code->id : 0, label,
                                 font, width - 2 * PAD_X, centre);

  layout->shape_of[node] = (gint) shape;
  return shape;
}

static double
text_box_height (GrdFigure *figure,
                 guint      shape)
{
  return FIGURE_SHAPE (figure, shape)->item.text_height + 2 * PAD_Y;
}

/* A bracket: a stub from each box's right edge (ys) to a bar halfway
 * across the column gap, and one line from the bar to the box they make
 * up (to_x may be inside a frame, further right). */
static void
add_bracket (GrdFigure    *figure,
             double        from_x,
             const double *ys,
             guint         n_ys,
             double        to_x,
             double        to_y)
{
  double bar = from_x + COLUMN_GAP / 2, top = to_y, bottom = to_y;

  for (guint i = 0; i < n_ys; i++)
    {
      _grd_figure_add_line (figure, from_x, ys[i], bar, ys[i], LINE_GRAY, LINE_WIDTH);
      top = MIN (top, ys[i]);
      bottom = MAX (bottom, ys[i]);
    }
  _grd_figure_add_line (figure, bar, top, bar, bottom, LINE_GRAY, LINE_WIDTH);
  _grd_figure_add_line (figure, bar, to_y, to_x, to_y, LINE_GRAY, LINE_WIDTH);
}

/* Places a theme and its concepts from top; returns the block's height. */
static double
place_theme (Layout *layout,
             guint   node,
             double  x,
             double  width,
             double  top)
{
  GrdFigure *figure = layout->figure;
  GArray *concepts = g_array_index (layout->nodes, Node, node).children;
  guint theme = add_box (layout, node, GRD_FIGURE_PART_THEME, FIGURE_FONT, width, TRUE);
  double theme_height = text_box_height (figure, theme), stack = 0, block, y;
  g_autofree double *heights = g_new (double, concepts->len + 1);
  g_autofree double *centres = g_new (double, concepts->len + 1);

  for (guint i = 0; i < concepts->len; i++)
    {
      guint concept = add_box (layout, g_array_index (concepts, guint, i),
                               GRD_FIGURE_PART_CONCEPT, FIGURE_FONT, CONCEPT_WIDTH, FALSE);

      heights[i] = text_box_height (figure, concept);
      stack += heights[i] + (i > 0 ? CONCEPT_GAP : 0);
    }
  block = MAX (stack, theme_height);

  y = top + (block - stack) / 2;
  for (guint i = 0; i < concepts->len; i++)
    {
      guint concept = (guint) layout->shape_of[g_array_index (concepts, guint, i)];

      _grd_figure_place (figure, concept, layout->concept_x, y, CONCEPT_WIDTH, heights[i],
                         PAD_X, PAD_Y);
      style_box (figure, concept, 1.0, LINE_WIDTH);
      FIGURE_SHAPE (figure, concept)->item.link = (gint) theme;
      centres[i] = y + heights[i] / 2;
      y += heights[i] + CONCEPT_GAP;
    }

  _grd_figure_place (figure, theme, x, top + (block - theme_height) / 2, width, theme_height,
                     PAD_X, PAD_Y);
  style_box (figure, theme, 0.93, LINE_WIDTH);
  if (concepts->len > 0)
    add_bracket (figure, layout->concept_x + CONCEPT_WIDTH, centres, concepts->len, x,
                 top + block / 2);
  return block;
}

/* A theme between a dimension and its themes: a dashed frame round them,
 * its name on top. Returns the block's height. */
static double
place_group (Layout *layout,
             guint   node,
             double  top)
{
  GrdFigure *figure = layout->figure;
  GArray *themes = g_array_index (layout->nodes, Node, node).children;
  guint group = add_box (layout, node, GRD_FIGURE_PART_GROUP, "Sans Italic 8.5", THEME_WIDTH,
                         TRUE);
  double caption = FIGURE_SHAPE (figure, group)->item.text_height;
  double y = top + GROUP_PAD + caption + GROUP_PAD, height;

  for (guint i = 0; i < themes->len; i++)
    {
      guint theme = g_array_index (themes, guint, i);

      y += place_theme (layout, theme, layout->theme_x + GROUP_PAD, THEME_WIDTH - 2 * GROUP_PAD, y);
      FIGURE_SHAPE (figure, layout->shape_of[theme])->item.link = (gint) group;
      y += i + 1 < themes->len ? THEME_GAP : 0;
    }
  height = y + GROUP_PAD - top;

  _grd_figure_place (figure, group, layout->theme_x, top, THEME_WIDTH, height, PAD_X, PAD_Y);
  style_box (figure, group, 1.0, LINE_WIDTH);
  FIGURE_SHAPE (figure, group)->dashed = TRUE;
  /* the caption sits at the top of the frame, not in its middle */
  FIGURE_SHAPE (figure, group)->item.text_y = top + GROUP_PAD;
  return height;
}

/* Places a dimension and what makes it up; the stand-in dimension of
 * themes that have none gets no box and no bracket. Returns the block's
 * height. */
static double
place_dimension (Layout *layout,
                 guint   node,
                 double  top)
{
  GrdFigure *figure = layout->figure;
  Node *n = &g_array_index (layout->nodes, Node, node);
  GArray *children = n->children;
  gint dimension = n->code != NULL ? (gint) add_box (layout, node, GRD_FIGURE_PART_DIMENSION,
                                                     FIGURE_BOLD, layout->dimension_width, TRUE)
                                   : -1;
  double height = dimension >= 0 ? text_box_height (figure, dimension) : 0, y = top, block;
  g_autofree double *centres = g_new (double, children->len + 1);

  for (guint i = 0; i < children->len; i++)
    {
      guint child = g_array_index (children, guint, i);
      double child_height = g_array_index (layout->nodes, Node, child).role == ROLE_GROUP
                            ? place_group (layout, child, y)
                            : place_theme (layout, child, layout->theme_x, THEME_WIDTH, y);
      GrdFigureItem *box = &FIGURE_SHAPE (figure, layout->shape_of[child])->item;

      box->link = dimension;
      centres[i] = box->y + box->height / 2;
      y += child_height + (i + 1 < children->len ? THEME_GAP : 0);
    }
  block = MAX (y - top, height);
  if (dimension < 0)
    return block;

  _grd_figure_place (figure, dimension, layout->dimension_x, top + (block - height) / 2,
                     layout->dimension_width, height, PAD_X, PAD_Y);
  style_box (figure, dimension, 0.82, LINE_WIDTH);
  if (children->len > 0)
    add_bracket (figure, layout->theme_x + THEME_WIDTH, centres, children->len,
                 layout->dimension_x, top + block / 2);
  return block;
}

static void
lay_out_data_structure (GrdFigure *figure,
                        GPtrArray *codes)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autoptr(GArray) tops = NULL;
  g_autofree gint *shape_of = NULL;
  static const char *headings[3] = {
    N_("1st-order concepts"), N_("2nd-order themes"), N_("Aggregate dimensions"),
  };
  Layout layout = { figure, nodes, NULL };
  double y, heading_height = 0, xs[3], widths[3];

  g_array_set_clear_func (nodes, (GDestroyNotify) node_clear);
  tops = assign_roles (codes, nodes);
  shape_of = g_new (gint, nodes->len + 1);
  layout.shape_of = shape_of;
  layout.concept_x = FIGURE_MARGIN;
  layout.theme_x = layout.concept_x + CONCEPT_WIDTH + COLUMN_GAP;
  layout.dimension_x = layout.theme_x + THEME_WIDTH + COLUMN_GAP;
  layout.dimension_width = FIGURE_WIDTH - FIGURE_MARGIN - layout.dimension_x;
  xs[0] = layout.concept_x, widths[0] = CONCEPT_WIDTH;
  xs[1] = layout.theme_x, widths[1] = THEME_WIDTH;
  xs[2] = layout.dimension_x, widths[2] = layout.dimension_width;

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      guint heading = _grd_figure_add (figure, GRD_FIGURE_PART_HEADING, 0, _(headings[i]),
                                       FIGURE_HEADING, widths[i], TRUE);

      heading_height = MAX (heading_height, FIGURE_SHAPE (figure, heading)->item.text_height);
    }
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    _grd_figure_place (figure, i, xs[i], FIGURE_MARGIN, widths[i], heading_height, 0, 0);

  y = FIGURE_MARGIN + heading_height + 10;
  for (guint i = 0; i < tops->len; i++)
    y += place_dimension (&layout, g_array_index (tops, guint, i), y) + DIMENSION_GAP;

  figure->width = FIGURE_WIDTH;
  figure->height = ceil (y - DIMENSION_GAP + FIGURE_MARGIN);
}

/* ---- building --------------------------------------------------------- */

GPtrArray *
_grd_figure_list_codes (GrdProject  *project,
                        gint64       root_code_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, error);
  GrdCode *root = NULL;
  guint first, end;

  if (codes == NULL || root_code_id == 0)
    return g_steal_pointer (&codes);

  for (first = 0; first < codes->len && root == NULL; first++)
    if (((GrdCode *) g_ptr_array_index (codes, first))->id == root_code_id)
      root = g_ptr_array_index (codes, first);
  if (root == NULL)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("There is no code with id %" G_GINT64_FORMAT), root_code_id);
      return NULL;
    }
  first--;

  /* The subtree: the codes after the root, deeper than it. */
  for (end = first + 1;
       end < codes->len && ((GrdCode *) g_ptr_array_index (codes, end))->depth > root->depth;
       end++)
    ;
  g_ptr_array_remove_range (codes, end, codes->len - end);
  g_ptr_array_remove_range (codes, 0, first);

  for (guint i = 1; i < codes->len; i++)
    ((GrdCode *) g_ptr_array_index (codes, i))->depth -= root->depth;
  root->depth = 0;
  root->parent_id = 0;
  return g_steal_pointer (&codes);
}

GrdFigure *
grd_report_figure (GrdProject     *project,
                   GrdFigureKind   kind,
                   gint64          root_code_id,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GrdFigure) figure = g_new0 (GrdFigure, 1);

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  figure->kind = kind;
  figure->shapes = g_array_new (FALSE, TRUE, sizeof (GrdFigureShape));
  g_array_set_clear_func (figure->shapes, (GDestroyNotify) shape_clear);
  figure->lines = g_array_new (FALSE, FALSE, sizeof (GrdFigureLine));
  figure->pango = grd_drawing_new_context ();

  if (kind == GRD_FIGURE_DATA_STRUCTURE)
    {
      g_autoptr(GPtrArray) codes = _grd_figure_list_codes (project, root_code_id, error);

      if (codes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      lay_out_data_structure (figure, codes);
    }
  else if (!_grd_figure_lay_out_chart (figure, project, root_code_id, cancellable, error))
    return NULL;

  return g_steal_pointer (&figure);
}
