/* grd-code-map.c: code map positions, layout and drawing
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The automatic layout is a tree drawn from left to right: one column per
 * depth (as wide as that depth's widest box), each code centred on its
 * sub-codes, so tree edges never cross and boxes never overlap. Top-level
 * branches are whole blocks, packed into columns of blocks ("shelves") so
 * that 200 codes make a roughly 4:3 map rather than a strip. It works on
 * the depth-first list of grd_project_list_codes() in two passes (sizes
 * bottom-up, places top-down), without recursion, so a deep tree from a
 * file of anyone's cannot exhaust the stack. */

#define G_LOG_DOMAIN "grd-code-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "grd-code-map.h"
#include "grd-drawing.h"
#include "grd-project-private.h"

#define MAP_FONT        "Sans 10"
#define MAP_SMALL_FONT  "Sans 7"
#define TEXT_WIDTH_MAX  150.0   /* a longer name wraps, then ellipsizes at two lines */
#define PAD_X           8.0
#define PAD_Y           5.0
#define BOX_MIN_WIDTH   56.0
#define COLUMN_GAP      44.0
#define ROW_GAP         8.0
#define SHELF_GAP       72.0
#define MARGIN          24.0
#define RADIUS          6.0

typedef struct {
  gint64        code_id;
  gint64        parent_id;
  guint         depth;
  GrdCodeKind   kind;
  double        rgb[3];
  double        x, y, width, height;
  gboolean      placed;       /* saved by the researcher */
  PangoLayout  *name;
  PangoLayout  *kind_label;
} Node;

typedef struct {
  guint     from, to;         /* node indices */
  gboolean  directed;
  GrdRelationKind kind;
  gboolean  typed;
  PangoLayout *label;
} Edge;

struct _GrdCodeMap {
  GArray        *nodes;       /* Node, in tree order */
  GArray        *edges;       /* Edge */
  GHashTable    *index;       /* code id -> node index + 1 */
  PangoContext  *pango;
};

/* Positions */

GArray *
grd_project_list_code_positions (GrdProject  *self,
                                 GError     **error)
{
  GrdStore *store = _grd_project_get_store (self);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (GrdCodePosition));
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (self), NULL);

  stmt = grd_store_query (store, error, "SELECT code_id, x, y FROM code_position ORDER BY code_id",
                          NULL);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdCodePosition position = {
        sqlite3_column_int64 (row, 0),
        (gint) CLAMP (sqlite3_column_int64 (row, 1), -1000000, 1000000),
        (gint) CLAMP (sqlite3_column_int64 (row, 2), -1000000, 1000000),
      };

      g_array_append_val (positions, position);
    }

  return ok ? g_steal_pointer (&positions) : NULL;
}

gboolean
grd_project_set_code_positions (GrdProject             *self,
                                const GrdCodePosition  *positions,
                                guint                   n_positions,
                                GError                **error)
{
  GrdStore *store = _grd_project_get_store (self);

  g_return_val_if_fail (GRD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (positions != NULL || n_positions == 0, FALSE);

  /* Far beyond any screen, and within what a map can be drawn at. */
  for (guint i = 0; i < n_positions; i++)
    if (ABS (positions[i].x) > 1000000 || ABS (positions[i].y) > 1000000)
      {
        g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                     _("The map position %d, %d is too far out"), positions[i].x, positions[i].y);
        return FALSE;
      }

  if (!_grd_project_begin_edit (self, n_positions == 1 ? _("Move code on map")
                                                       : _("Move codes on map"), error))
    return FALSE;

  for (guint i = 0; i < n_positions; i++)
    if (!_grd_project_require (store, "code", positions[i].code_id, error) ||
        !grd_store_run (store, error,
                        "INSERT INTO code_position (code_id, x, y) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (code_id) DO UPDATE SET x = excluded.x, y = excluded.y "
                        "WHERE x <> excluded.x OR y <> excluded.y",
                        "idd", positions[i].code_id, positions[i].x, positions[i].y))
      {
        _grd_project_fail_edit (self);
        return FALSE;
      }

  return _grd_project_end_edit (self, GRD_CHANGE_MAP, error);
}

/* Building */

static void
node_clear (Node *node)
{
  g_clear_object (&node->name);
  g_clear_object (&node->kind_label);
}

static void
edge_clear (Edge *edge)
{
  g_clear_object (&edge->label);
}

void
grd_code_map_free (GrdCodeMap *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->nodes);
  g_array_unref (map->edges);
  g_hash_table_unref (map->index);
  g_clear_object (&map->pango);
  g_free (map);
}

static const char *
relation_caption (GrdRelationKind kind)
{
  switch (kind)
    {
    case GRD_RELATION_KIND_CAUSAL_CONDITION: return _("causal condition");
    case GRD_RELATION_KIND_CONTEXT: return _("context");
    case GRD_RELATION_KIND_INTERVENING_CONDITION: return _("intervening condition");
    case GRD_RELATION_KIND_ACTION_INTERACTION: return _("action/interaction");
    case GRD_RELATION_KIND_CONSEQUENCE: return _("consequence");
    case GRD_RELATION_KIND_PROPERTY_OF: return _("property of");
    case GRD_RELATION_KIND_IS_A: return _("is a");
    case GRD_RELATION_KIND_ASSOCIATED:
    default: return _("associated with");
    }
}

static void
measure_node (Node *node)
{
  int name_w, name_h, kind_w, kind_h;

  pango_layout_get_pixel_size (node->name, &name_w, &name_h);
  pango_layout_get_pixel_size (node->kind_label, &kind_w, &kind_h);
  node->width = MAX (BOX_MIN_WIDTH, MAX (name_w, kind_w) + 2 * PAD_X);
  node->height = kind_h + name_h + 2 * PAD_Y;
}

/* The automatic layout of every node not placed by hand (see the top of
 * the file), put below the placed ones. */
static void
lay_out (GrdCodeMap *map)
{
  GArray *nodes = map->nodes;
  g_autofree double *block = g_new0 (double, nodes->len + 1);     /* subtree heights */
  g_autofree double *kids = g_new0 (double, nodes->len + 1);      /* children's total heights */
  g_autofree double *cursor = g_new0 (double, nodes->len + 1);    /* next child's top */
  g_autoptr(GArray) column_x = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GArray) column_w = g_array_new (FALSE, TRUE, sizeof (double));
  double tree_width = 0, total = 0, tallest = 0, shelf_height, shelf_x = 0, shelf_y = 0;
  double top = 0;
  guint shelf_depth = 0;   /* the deepest column the current shelf uses */
  gboolean any_placed = FALSE;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);

      if (node->depth >= column_w->len)
        g_array_set_size (column_w, node->depth + 1);
      g_array_index (column_w, double, node->depth) =
        MAX (g_array_index (column_w, double, node->depth), node->width);
      if (node->placed)
        {
          top = any_placed ? MAX (top, node->y + node->height) : node->y + node->height;
          any_placed = TRUE;
        }
    }
  if (any_placed)
    top += SHELF_GAP;

  g_array_set_size (column_x, column_w->len);
  for (guint d = 0; d < column_w->len; d++)
    {
      g_array_index (column_x, double, d) = tree_width;
      tree_width += g_array_index (column_w, double, d) + COLUMN_GAP;
    }
  tree_width -= COLUMN_GAP;

  /* Sizes, bottom-up: a child comes after its parent in the list. */
  for (guint i = nodes->len; i > 0; i--)
    {
      Node *node = &g_array_index (nodes, Node, i - 1);
      gpointer parent = g_hash_table_lookup (map->index, &node->parent_id);

      block[i - 1] = MAX (node->height, kids[i - 1]);
      if (parent != NULL)
        {
          guint p = GPOINTER_TO_UINT (parent) - 1;

          kids[p] += (kids[p] > 0 ? ROW_GAP : 0) + block[i - 1];
        }
      else
        {
          total += block[i - 1] + ROW_GAP * 2;
          tallest = MAX (tallest, block[i - 1]);
        }
    }

  /* Shelves about 3/4 as tall as the map is wide. */
  shelf_height = MAX (tallest, sqrt (total * (tree_width + SHELF_GAP) * 0.75));

  /* Places, top-down. */
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);
      gpointer parent = g_hash_table_lookup (map->index, &node->parent_id);
      double block_top;

      if (parent != NULL)
        {
          guint p = GPOINTER_TO_UINT (parent) - 1;

          block_top = cursor[p];
          cursor[p] += block[i] + ROW_GAP;
        }
      else
        {
          /* a shelf is as wide as its deepest branch, not the deepest of all */
          if (shelf_y > 0 && shelf_y + block[i] > shelf_height)
            {
              shelf_x += g_array_index (column_x, double, shelf_depth) +
                         g_array_index (column_w, double, shelf_depth) + SHELF_GAP;
              shelf_y = 0;
              shelf_depth = 0;
            }
          block_top = top + shelf_y;
          shelf_y += block[i] + ROW_GAP * 2;
        }

      shelf_depth = MAX (shelf_depth, node->depth);
      /* children centred on the block, the code centred on them */
      cursor[i] = block_top + (block[i] - kids[i]) / 2;
      if (!node->placed)
        {
          node->x = shelf_x + g_array_index (column_x, double, node->depth);
          node->y = block_top + (block[i] - node->height) / 2;
        }
    }
}

GrdCodeMap *
grd_code_map_new (GrdProject  *project,
                  GError     **error)
{
  g_autoptr(GrdCodeMap) map = g_new0 (GrdCodeMap, 1);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GArray) positions = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  if ((codes = grd_project_list_codes (project, error)) == NULL ||
      (relations = grd_project_list_relations (project, error)) == NULL ||
      (positions = grd_project_list_code_positions (project, error)) == NULL)
    return NULL;

  map->nodes = g_array_sized_new (FALSE, TRUE, sizeof (Node), codes->len);
  g_array_set_clear_func (map->nodes, (GDestroyNotify) node_clear);
  map->edges = g_array_new (FALSE, TRUE, sizeof (Edge));
  g_array_set_clear_func (map->edges, (GDestroyNotify) edge_clear);
  map->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  map->pango = grd_drawing_new_context ();

  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = codes->pdata[i];
      Node node = {
        .code_id = code->id,
        .parent_id = code->parent_id,
        .depth = code->depth,
        .kind = code->kind,
      };

      grd_drawing_parse_color (code->color, node.rgb);
      node.name = grd_drawing_new_text (map->pango, MAP_FONT, code->name, TEXT_WIDTH_MAX, 2);
      node.kind_label = grd_drawing_new_text (map->pango, MAP_SMALL_FONT,
                                              grd_code_kind_caption (code->kind, FALSE),
                                              TEXT_WIDTH_MAX, 1);
      measure_node (&node);
      g_array_append_val (map->nodes, node);
      g_hash_table_insert (map->index, g_memdup2 (&code->id, sizeof code->id),
                           GUINT_TO_POINTER (map->nodes->len));
    }

  for (guint i = 0; i < positions->len; i++)
    {
      GrdCodePosition *position = &g_array_index (positions, GrdCodePosition, i);
      gpointer at = g_hash_table_lookup (map->index, &position->code_id);

      if (at != NULL)
        {
          Node *node = &g_array_index (map->nodes, Node, GPOINTER_TO_UINT (at) - 1);

          node->x = position->x;
          node->y = position->y;
          node->placed = TRUE;
        }
    }

  lay_out (map);

  for (guint i = 0; i < relations->len; i++)
    {
      GrdRelation *relation = relations->pdata[i];
      gpointer from = g_hash_table_lookup (map->index, &relation->from_code_id);
      gpointer to = g_hash_table_lookup (map->index, &relation->to_code_id);
      const char *caption;
      Edge edge;

      /* a code in a cycle of a damaged file is not on the map */
      if (from == NULL || to == NULL)
        continue;

      caption = relation->label[0] != '\0' ? relation->label
                : relation->type_name != NULL ? relation->type_name
                                              : relation_caption (relation->kind);
      edge = (Edge) {
        .from = GPOINTER_TO_UINT (from) - 1,
        .to = GPOINTER_TO_UINT (to) - 1,
        .directed = relation->directed,
        .kind = relation->kind,
        .typed = relation->type_id != 0,
        .label = grd_drawing_new_text (map->pango, MAP_SMALL_FONT, caption, TEXT_WIDTH_MAX, 1),
      };
      g_array_append_val (map->edges, edge);
    }

  return g_steal_pointer (&map);
}

void
grd_code_map_get_bounds (GrdCodeMap *map,
                         double     *x,
                         double     *y,
                         double     *width,
                         double     *height)
{
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  g_return_if_fail (map != NULL);

  for (guint i = 0; i < map->nodes->len; i++)
    {
      Node *node = &g_array_index (map->nodes, Node, i);

      x0 = i == 0 ? node->x : MIN (x0, node->x);
      y0 = i == 0 ? node->y : MIN (y0, node->y);
      x1 = i == 0 ? node->x + node->width : MAX (x1, node->x + node->width);
      y1 = i == 0 ? node->y + node->height : MAX (y1, node->y + node->height);
    }

  *x = x0 - MARGIN;
  *y = y0 - MARGIN;
  *width = x1 - x0 + 2 * MARGIN;
  *height = y1 - y0 + 2 * MARGIN;
}

gboolean
grd_code_map_get_box (GrdCodeMap      *map,
                      gint64           code_id,
                      GrdCodePosition *position,
                      double          *width,
                      double          *height)
{
  gpointer at = g_hash_table_lookup (map->index, &code_id);
  Node *node;

  if (at == NULL)
    return FALSE;

  node = &g_array_index (map->nodes, Node, GPOINTER_TO_UINT (at) - 1);
  *position = (GrdCodePosition) { code_id, (gint) round (node->x), (gint) round (node->y) };
  *width = node->width;
  *height = node->height;
  return TRUE;
}

gint64
grd_code_map_code_at (GrdCodeMap *map,
                      double      x,
                      double      y)
{
  /* nodes are drawn in order, so the last hit is the one on top */
  for (guint i = map->nodes->len; i > 0; i--)
    {
      Node *node = &g_array_index (map->nodes, Node, i - 1);

      if (x >= node->x && x < node->x + node->width && y >= node->y && y < node->y + node->height)
        return node->code_id;
    }

  return 0;
}

void
grd_code_map_move_code (GrdCodeMap *map,
                        gint64      code_id,
                        gint        x,
                        gint        y)
{
  gpointer at = g_hash_table_lookup (map->index, &code_id);

  if (at != NULL)
    {
      Node *node = &g_array_index (map->nodes, Node, GPOINTER_TO_UINT (at) - 1);

      node->x = x;
      node->y = y;
      node->placed = TRUE;
    }
}

/* Drawing */

/* Where the line from a box's centre towards (tx, ty) leaves the box. */
static void
box_exit (const Node *node,
          double      tx,
          double      ty,
          double     *x,
          double     *y)
{
  double cx = node->x + node->width / 2, cy = node->y + node->height / 2;
  double dx = tx - cx, dy = ty - cy;
  double sx = dx != 0 ? (node->width / 2) / fabs (dx) : G_MAXDOUBLE;
  double sy = dy != 0 ? (node->height / 2) / fabs (dy) : G_MAXDOUBLE;
  double s = MIN (MIN (sx, sy), 1.0);

  *x = cx + dx * s;
  *y = cy + dy * s;
}

static void
relation_color (const Edge *edge,
                double      rgb[3])
{
  /* one colour per paradigm kind, darker than the boxes so lines stand out */
  static const double colors[][3] = {
    { 0.37, 0.36, 0.39 },  /* associated */
    { 0.75, 0.11, 0.16 },  /* causal condition */
    { 0.10, 0.37, 0.71 },  /* context */
    { 0.78, 0.27, 0.00 },  /* intervening condition */
    { 0.15, 0.52, 0.31 },  /* action/interaction */
    { 0.51, 0.24, 0.61 },  /* consequence */
    { 0.39, 0.27, 0.17 },  /* property of */
    { 0.24, 0.22, 0.27 },  /* is a */
  };
  guint k = edge->typed ? 0 : MIN ((guint) edge->kind, G_N_ELEMENTS (colors) - 1);

  rgb[0] = edge->typed ? 0.11 : colors[k][0];
  rgb[1] = edge->typed ? 0.44 : colors[k][1];
  rgb[2] = edge->typed ? 0.45 : colors[k][2];
}

static void
draw_tree_edges (GrdCodeMap *map,
                 cairo_t    *cr)
{
  cairo_set_source_rgb (cr, 0.60, 0.60, 0.59);
  cairo_set_line_width (cr, 1.2);

  for (guint i = 0; i < map->nodes->len; i++)
    {
      Node *node = &g_array_index (map->nodes, Node, i);
      gpointer at = g_hash_table_lookup (map->index, &node->parent_id);
      Node *parent;
      double x0, y0, x1, y1, mid;

      if (at == NULL)
        continue;

      parent = &g_array_index (map->nodes, Node, GPOINTER_TO_UINT (at) - 1);
      x0 = parent->x + parent->width;
      y0 = parent->y + parent->height / 2;
      x1 = node->x;
      y1 = node->y + node->height / 2;
      /* a box dragged left of its parent is joined side to side the other way */
      if (x1 < x0)
        {
          x0 = parent->x;
          x1 = node->x + node->width;
        }
      mid = (x0 + x1) / 2;
      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, mid, y0, mid, y1, x1, y1);
      cairo_stroke (cr);
    }
}

/* A relation's line as a cubic curve: straight between boxes side by
 * side; between boxes in one column (siblings, mostly) an arc through the
 * gap on their left, where no box is, rather than a line through the
 * boxes between them. */
static void
relation_curve (const Node *from,
                const Node *to,
                double      p[8])
{
  gboolean same_column = from->x < to->x + to->width && to->x < from->x + from->width;

  if (same_column)
    {
      double bulge = MIN (COLUMN_GAP * 0.8, 12 + 0.1 * fabs (to->y - from->y));
      double left = MIN (from->x, to->x) - bulge;

      p[0] = from->x;
      p[1] = from->y + from->height / 2;
      p[6] = to->x;
      p[7] = to->y + to->height / 2;
      p[2] = left;
      p[3] = p[1];
      p[4] = left;
      p[5] = p[7];
      return;
    }

  box_exit (from, to->x + to->width / 2, to->y + to->height / 2, &p[0], &p[1]);
  box_exit (to, from->x + from->width / 2, from->y + from->height / 2, &p[6], &p[7]);
  p[2] = p[0] + (p[6] - p[0]) / 3;
  p[3] = p[1] + (p[7] - p[1]) / 3;
  p[4] = p[0] + 2 * (p[6] - p[0]) / 3;
  p[5] = p[1] + 2 * (p[7] - p[1]) / 3;
}

static void
curve_point (const double p[8],
             double       t,
             double      *x,
             double      *y)
{
  double u = 1 - t;

  *x = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
  *y = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
}

static gboolean
rects_meet (const double a[4],
            const double b[4])
{
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/* Where a relation's label goes: the first point along its line, from the
 * middle outwards, where it covers no box and no label placed before. */
static void
place_label (GrdCodeMap   *map,
             const double  p[8],
             double        width,
             double        height,
             GArray       *taken,
             double        rect[4])
{
  static const double along[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8 };

  for (guint a = 0; a < G_N_ELEMENTS (along); a++)
    {
      double x, y;
      gboolean free = TRUE;

      curve_point (p, along[a], &x, &y);
      rect[0] = x - width / 2;
      rect[1] = y - height / 2;
      rect[2] = width;
      rect[3] = height;

      for (guint n = 0; free && n < map->nodes->len; n++)
        {
          Node *node = &g_array_index (map->nodes, Node, n);
          double box[4] = { node->x, node->y, node->width, node->height };

          free = !rects_meet (rect, box);
        }
      for (guint l = 0; free && l < taken->len / 4; l++)
        free = !rects_meet (rect, &g_array_index (taken, double, l * 4));
      if (free)
        break;
    }

  g_array_append_vals (taken, rect, 4);
}

static void
draw_relations (GrdCodeMap *map,
                cairo_t    *cr,
                gboolean    labels)
{
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < map->edges->len; i++)
    {
      Edge *edge = &g_array_index (map->edges, Edge, i);
      Node *from = &g_array_index (map->nodes, Node, edge->from);
      Node *to = &g_array_index (map->nodes, Node, edge->to);
      double p[8], rgb[3];

      relation_curve (from, to, p);
      relation_color (edge, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);

      if (!labels)
        {
          static const double dash[] = { 6.0, 3.0 };

          cairo_set_line_width (cr, 1.6);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_move_to (cr, p[0], p[1]);
          cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);

          /* the arrow follows the curve's last tangent */
          if (edge->directed && hypot (p[6] - p[4], p[7] - p[5]) > 0.5)
            {
              double angle = atan2 (p[7] - p[5], p[6] - p[4]);

              cairo_move_to (cr, p[6], p[7]);
              cairo_line_to (cr, p[6] - 10 * cos (angle - 0.4), p[7] - 10 * sin (angle - 0.4));
              cairo_line_to (cr, p[6] - 10 * cos (angle + 0.4), p[7] - 10 * sin (angle + 0.4));
              cairo_close_path (cr);
              cairo_fill (cr);
            }
        }
      else
        {
          double rect[4];
          int w, h;

          pango_layout_get_pixel_size (edge->label, &w, &h);
          place_label (map, p, w + 8, h + 2, taken, rect);
          /* on a white pill, so the label reads over lines */
          grd_drawing_rounded_box (cr, rect[0], rect[1], rect[2], rect[3], rect[3] / 2);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_set_line_width (cr, 0.8);
          cairo_stroke (cr);
          cairo_move_to (cr, rect[0] + 4, rect[1] + 1);
          pango_cairo_show_layout (cr, edge->label);
        }
    }
}

static void
draw_node (cairo_t    *cr,
           const Node *node)
{
  /* relative luminance decides between dark and light text */
  double luminance = 0.2126 * node->rgb[0] + 0.7152 * node->rgb[1] + 0.0722 * node->rgb[2];
  double ink = luminance > 0.55 ? 0.13 : 1.0;
  int kind_h;

  grd_drawing_rounded_box (cr, node->x, node->y, node->width, node->height, RADIUS);
  cairo_set_source_rgb (cr, node->rgb[0], node->rgb[1], node->rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, node->rgb[0] * 0.6, node->rgb[1] * 0.6, node->rgb[2] * 0.6);
  cairo_set_line_width (cr, node->kind == GRD_CODE_KIND_CORE_CATEGORY ? 3.0 : 1.0);
  cairo_stroke (cr);

  pango_layout_get_pixel_size (node->kind_label, NULL, &kind_h);
  cairo_set_source_rgba (cr, ink, ink, ink, 0.8);
  cairo_move_to (cr, node->x + PAD_X, node->y + PAD_Y);
  pango_cairo_show_layout (cr, node->kind_label);
  cairo_set_source_rgb (cr, ink, ink, ink);
  cairo_move_to (cr, node->x + PAD_X, node->y + PAD_Y + kind_h);
  pango_cairo_show_layout (cr, node->name);
}

void
grd_code_map_draw (GrdCodeMap *map,
                   cairo_t    *cr)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  draw_tree_edges (map, cr);
  draw_relations (map, cr, FALSE);
  for (guint i = 0; i < map->nodes->len; i++)
    draw_node (cr, &g_array_index (map->nodes, Node, i));
  draw_relations (map, cr, TRUE);
  cairo_restore (cr);
}

/* Export */

/* Draws the map shifted so that its bounds start at 0. */
static void
draw_from_origin (gpointer  data,
                  cairo_t  *cr)
{
  GrdCodeMap *map = data;
  double x, y, width, height;

  grd_code_map_get_bounds (map, &x, &y, &width, &height);
  cairo_translate (cr, -x, -y);
  grd_code_map_draw (map, cr);
}

gboolean
grd_code_map_write (GrdCodeMap      *map,
                    const char      *path,
                    GrdImageFormat   format,
                    double           scale,
                    GError         **error)
{
  double x, y, width, height;

  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  grd_code_map_get_bounds (map, &x, &y, &width, &height);
  return grd_drawing_write (path, format, width, height, scale, draw_from_origin, map, error);
}
