/* grd-report-chart.c: code frequencies by case and the codes × cases heat map
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Both charts have a row per code, in the code tree's order and indented by
 * depth, with the name wrapped in a column of its own (never cut), and
 * count a code's codings with its sub-codes', as the code tree does: a
 * dimension's row is the sum of what makes it up. The bars are stacked by
 * case (one colour each, the Okabe & Ito palette that colour-blind
 * readers tell apart); the heat map prints every count in its cell. */

#define G_LOG_DOMAIN "grd-report-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "grd-query.h"
#include "grd-report-figure-private.h"
#include "grd-report-private.h"

#define LABEL_WIDTH   150.0
#define INDENT        7.0
#define MAX_INDENT    4
#define PLOT_GAP      8.0
#define ROW_GAP       3.0
#define BAR_HEIGHT    8.0
#define CELL_MIN      16.0
#define CELL_MAX      60.0
#define CASE_LABEL_MAX 100.0
#define SWATCH        7.0
#define LEGEND_STEPS  5

typedef struct {
  GPtrArray *codes;
  GArray    *case_ids;        /* gint64 per column; 0: codings outside any case */
  GPtrArray *case_names;      /* per column */
  guint     *counts;          /* codes × columns, sub-codes' included */
  guint     *totals;          /* per code */
  guint      max_count;       /* of one cell */
  guint      max_total;       /* of one row */
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->codes, g_ptr_array_unref);
  g_clear_pointer (&table->case_ids, g_array_unref);
  g_clear_pointer (&table->case_names, g_ptr_array_unref);
  g_clear_pointer (&table->counts, g_free);
  g_clear_pointer (&table->totals, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static gboolean
read_table (GrdProject    *project,
            gint64         root_code_id,
            Table         *table,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) frequencies = NULL;
  g_autoptr(GHashTable) code_row = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) case_column = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_columns;

  if ((table->codes = _grd_figure_list_codes (project, root_code_id, error)) == NULL ||
      (cases = grd_project_list_cases (project, error)) == NULL ||
      (frequencies = grd_query_frequencies (project, GRD_GROUP_BY_CASE, 0, FALSE, cancellable,
                                            error)) == NULL)
    return FALSE;

  table->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  table->case_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cases->len; i++)
    {
      const GrdCase *c = g_ptr_array_index (cases, i);

      g_array_append_val (table->case_ids, c->id);
      g_ptr_array_add (table->case_names, g_strdup (c->name));
      g_hash_table_insert (case_column, (gpointer) &c->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < frequencies->len; i++)
    if (((GrdFrequency *) g_ptr_array_index (frequencies, i))->group == NULL)
      {
        gint64 none = 0;

        g_array_append_val (table->case_ids, none);
        g_ptr_array_add (table->case_names, g_strdup (_("No case")));
        break;
      }

  n_columns = table->case_ids->len;
  table->counts = g_new0 (guint, (gsize) table->codes->len * n_columns + 1);
  table->totals = g_new0 (guint, table->codes->len + 1);
  for (guint i = 0; i < table->codes->len; i++)
    g_hash_table_insert (code_row, &((GrdCode *) g_ptr_array_index (table->codes, i))->id,
                         GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < frequencies->len; i++)
    {
      const GrdFrequency *frequency = g_ptr_array_index (frequencies, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (code_row, &frequency->code_id));
      guint column = frequency->group == NULL
                     ? n_columns
                     : GPOINTER_TO_UINT (g_hash_table_lookup (case_column, &frequency->group_id));

      if (row != 0 && column != 0)
        table->counts[(gsize) (row - 1) * n_columns + column - 1] += frequency->n_codings;
    }

  _grd_report_add_sub_code_counts (table->codes, table->counts, n_columns);
  for (guint i = 0; i < table->codes->len; i++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          guint count = table->counts[(gsize) i * n_columns + c];

          table->totals[i] += count;
          table->max_count = MAX (table->max_count, count);
        }
      table->max_total = MAX (table->max_total, table->totals[i]);
    }
  return TRUE;
}

static void
case_color (guint  column,
            double rgb[3])
{
  /* Okabe & Ito; past eight, the same hues lighter */
  static const guint palette[] = {
    0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00, 0xf0e442, 0x000000,
  };
  guint value = palette[column % G_N_ELEMENTS (palette)];
  double lighten = MIN (0.6, 0.3 * (column / G_N_ELEMENTS (palette)));

  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
  for (guint i = 0; i < 3; i++)
    rgb[i] += (1 - rgb[i]) * lighten;
}

static void
set_fill (GrdFigure    *figure,
          guint         shape,
          const double  rgb[3])
{
  GrdFigureShape *s = FIGURE_SHAPE (figure, shape);
  double luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];

  s->filled = TRUE;
  memcpy (s->fill, rgb, sizeof s->fill);
  /* dark text on light cells, white on dark */
  s->ink[0] = s->ink[1] = s->ink[2] = luminance > 0.5 ? 0.0 : 1.0;
}

/* The code names down the left, from top; returns each row's top and
 * height in tops and heights. */
static void
add_code_labels (GrdFigure *figure,
                 Table     *table,
                 double     top,
                 double     min_height,
                 double    *tops,
                 double    *heights)
{
  double y = top;

  for (guint i = 0; i < table->codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (table->codes, i);
      double indent = INDENT * MIN (code->depth, MAX_INDENT);
      guint label = _grd_figure_add (figure, GRD_FIGURE_PART_LABEL, code->id, code->name,
                                     FIGURE_FONT, LABEL_WIDTH - indent, FALSE);
      double height = MAX (FIGURE_SHAPE (figure, label)->item.text_height, min_height);

      _grd_figure_place (figure, label, FIGURE_MARGIN + indent, y, LABEL_WIDTH - indent, height,
                         0, 0);
      /* the name's first line level with the bar or cell */
      FIGURE_SHAPE (figure, label)->item.text_y =
        y + MAX (0, (min_height - FIGURE_SHAPE (figure, label)->item.text_height) / 2);
      tops[i] = y;
      heights[i] = height;
      y += height + ROW_GAP;
    }
}

/* A step of 1, 2 or 5 times a power of ten, about five to an axis. */
static double
tick_step (guint max)
{
  double raw = MAX (1.0, max / 5.0), power = pow (10, floor (log10 (raw)));
  double step = raw / power <= 1 ? 1 : raw / power <= 2 ? 2 : raw / power <= 5 ? 5 : 10;

  return step * power;
}

/* The legend of cases from top, flowing in rows; returns its height. */
static double
add_case_legend (GrdFigure *figure,
                 Table     *table,
                 double     left,
                 double     top)
{
  double x = left, y = top, row_height = 0;

  for (guint c = 0; c < table->case_ids->len; c++)
    {
      gint64 case_id = g_array_index (table->case_ids, gint64, c);
      guint entry = _grd_figure_add (figure, GRD_FIGURE_PART_LEGEND, 0,
                                     g_ptr_array_index (table->case_names, c), FIGURE_FONT,
                                     FIGURE_WIDTH - 2 * FIGURE_MARGIN - SWATCH - 4, FALSE);
      guint swatch = _grd_figure_add (figure, GRD_FIGURE_PART_LEGEND, 0, NULL, FIGURE_FONT, 0,
                                      FALSE);
      GrdFigureItem *item = &FIGURE_SHAPE (figure, entry)->item;
      double width = SWATCH + 4 + item->text_width, height = MAX (SWATCH, item->text_height);
      double rgb[3];

      if (x > left && x + width > FIGURE_WIDTH - FIGURE_MARGIN)
        {
          x = left;
          y += row_height + 2;
          row_height = 0;
        }
      /* the entry's box holds the swatch, a box of its own, then the name */
      item->case_id = case_id;
      _grd_figure_place (figure, entry, x, y, width, height, SWATCH + 4, 0);
      FIGURE_SHAPE (figure, swatch)->item.case_id = case_id;
      _grd_figure_place (figure, swatch, x, y + (height - SWATCH) / 2, SWATCH, SWATCH, 0, 0);
      case_color (c, rgb);
      set_fill (figure, swatch, rgb);
      x += width + 12;
      row_height = MAX (row_height, height);
    }
  return y + row_height - top;
}

/* Ticks and their numbers under the plot, grid lines up through it. */
static double
add_axis (GrdFigure *figure,
          double     x0,
          double     plot_width,
          double     top,
          double     bottom,
          double     axis_max,
          double     step,
          const char *title)
{
  double y = bottom + 3, title_y;
  guint heading;

  _grd_figure_add_line (figure, x0, bottom, x0 + plot_width, bottom, 0.25, 0.6);
  for (double value = 0; value <= axis_max + step / 2; value += step)
    {
      double x = x0 + value / axis_max * plot_width;
      g_autofree char *text = g_strdup_printf ("%.0f", value);
      guint tick = _grd_figure_add (figure, GRD_FIGURE_PART_TICK, 0, text, FIGURE_SMALL, 40, FALSE);
      GrdFigureItem *item = &FIGURE_SHAPE (figure, tick)->item;

      if (value > 0)
        _grd_figure_add_line (figure, x, top, x, bottom, 0.85, 0.4);
      _grd_figure_add_line (figure, x, bottom, x, bottom + 2.5, 0.25, 0.6);
      _grd_figure_place (figure, tick, x - item->text_width / 2, y, item->text_width,
                         item->text_height, 0, 0);
    }
  title_y = y + FIGURE_SHAPE (figure, figure->shapes->len - 1)->item.text_height + 3;
  heading = _grd_figure_add (figure, GRD_FIGURE_PART_HEADING, 0, title, FIGURE_FONT, plot_width,
                             TRUE);
  _grd_figure_place (figure, heading, x0, title_y, plot_width,
                     FIGURE_SHAPE (figure, heading)->item.text_height, 0, 0);
  return title_y + FIGURE_SHAPE (figure, heading)->item.text_height;
}

static void
lay_out_frequencies (GrdFigure *figure,
                     Table     *table)
{
  guint n_columns = table->case_ids->len;
  g_autofree double *tops = g_new (double, table->codes->len + 1);
  g_autofree double *heights = g_new (double, table->codes->len + 1);
  double x0 = FIGURE_MARGIN + LABEL_WIDTH + PLOT_GAP;
  double plot_width = FIGURE_WIDTH - FIGURE_MARGIN - 24 - x0;
  double step = tick_step (table->max_total);
  double axis_max = MAX (step, ceil (table->max_total / step) * step);
  double top, bottom;

  top = FIGURE_MARGIN + add_case_legend (figure, table, x0, FIGURE_MARGIN) + 8;
  add_code_labels (figure, table, top, BAR_HEIGHT + 2, tops, heights);
  bottom = table->codes->len > 0 ? tops[table->codes->len - 1] +
                                   heights[table->codes->len - 1] + ROW_GAP : top;

  for (guint i = 0; i < table->codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (table->codes, i);
      double x = x0, y = tops[i] + 1;
      g_autofree char *total = g_strdup_printf ("%u", table->totals[i]);
      guint count;

      for (guint c = 0; c < n_columns; c++)
        {
          guint n = table->counts[(gsize) i * n_columns + c];
          double width = n / axis_max * plot_width, rgb[3];
          guint bar;

          if (n == 0)
            continue;
          bar = _grd_figure_add (figure, GRD_FIGURE_PART_BAR, code->id, NULL, FIGURE_FONT, 0,
                                 FALSE);
          FIGURE_SHAPE (figure, bar)->item.case_id = g_array_index (table->case_ids, gint64, c);
          FIGURE_SHAPE (figure, bar)->item.count = n;
          _grd_figure_place (figure, bar, x, y, width, BAR_HEIGHT, 0, 0);
          case_color (c, rgb);
          set_fill (figure, bar, rgb);
          x += width;
        }

      count = _grd_figure_add (figure, GRD_FIGURE_PART_COUNT, code->id, total, FIGURE_SMALL, 40,
                               FALSE);
      FIGURE_SHAPE (figure, count)->item.count = table->totals[i];
      _grd_figure_place (figure, count, x + 2, y + (BAR_HEIGHT -
                         FIGURE_SHAPE (figure, count)->item.text_height) / 2,
                         FIGURE_SHAPE (figure, count)->item.text_width,
                         FIGURE_SHAPE (figure, count)->item.text_height, 0, 0);
    }

  figure->width = FIGURE_WIDTH;
  figure->height = ceil (add_axis (figure, x0, plot_width, top - 4, bottom, axis_max, step,
                                   _("Codings (with those of sub-codes)")) + FIGURE_MARGIN);
}

static void
heat_color (double t,
            double rgb[3])
{
  /* from near white to a dark blue, evenly in lightness */
  static const double light[3] = { 0.97, 0.98, 1.00 }, dark[3] = { 0.03, 0.19, 0.42 };

  for (guint i = 0; i < 3; i++)
    rgb[i] = light[i] + (dark[i] - light[i]) * t;
}

static void
lay_out_heatmap (GrdFigure *figure,
                 Table     *table)
{
  guint n_columns = table->case_ids->len;
  g_autofree double *tops = g_new (double, table->codes->len + 1);
  g_autofree double *heights = g_new (double, table->codes->len + 1);
  g_autofree char *widest = g_strdup_printf ("%u", MAX (table->max_count, 10));
  double x0 = FIGURE_MARGIN + LABEL_WIDTH + PLOT_GAP, available = FIGURE_WIDTH - FIGURE_MARGIN - x0;
  double cell, header = 0, y, legend_x;
  gboolean vertical = FALSE;
  guint first_label;

  {
    g_autoptr(PangoLayout) number = grd_drawing_new_text (figure->pango, FIGURE_SMALL, widest,
                                                          100, 0);
    int w;

    pango_layout_get_pixel_size (number, &w, NULL);
    cell = CLAMP (available / MAX (n_columns, 1), MAX (CELL_MIN, w + 6), CELL_MAX);
  }

  /* Case names across when each fits its column on one line, else up. */
  first_label = figure->shapes->len;
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) line = grd_drawing_new_text (figure->pango, FIGURE_FONT,
                                                          g_ptr_array_index (table->case_names, c),
                                                          1, 0);
      int w;

      pango_layout_set_width (line, -1);
      pango_layout_get_pixel_size (line, &w, NULL);
      vertical |= w > cell - 4;
    }
  for (guint c = 0; c < n_columns; c++)
    {
      guint label = _grd_figure_add (figure, GRD_FIGURE_PART_LABEL, 0,
                                     g_ptr_array_index (table->case_names, c), FIGURE_FONT,
                                     vertical ? CASE_LABEL_MAX : cell - 4, !vertical);
      GrdFigureShape *shape = FIGURE_SHAPE (figure, label);

      shape->item.case_id = g_array_index (table->case_ids, gint64, c);
      if (vertical)
        {
          double length = shape->item.text_width;

          shape->vertical = TRUE;
          shape->item.text_width = shape->item.text_height;
          shape->item.text_height = length;
        }
      header = MAX (header, shape->item.text_height);
    }
  for (guint c = 0; c < n_columns; c++)
    {
      GrdFigureItem *item = &FIGURE_SHAPE (figure, first_label + c)->item;
      double x = x0 + c * cell;

      _grd_figure_place (figure, first_label + c, x, FIGURE_MARGIN, cell, header, 0, 0);
      /* under each other at the bottom, centred on the column */
      item->text_x = x + (cell - item->text_width) / 2;
      item->text_y = FIGURE_MARGIN + header - item->text_height;
    }

  y = FIGURE_MARGIN + header + 4;
  add_code_labels (figure, table, y, 12, tops, heights);
  for (guint i = 0; i < table->codes->len; i++)
    for (guint c = 0; c < n_columns; c++)
      {
        guint n = table->counts[(gsize) i * n_columns + c];
        g_autofree char *text = g_strdup_printf ("%u", n);
        guint shape = _grd_figure_add (figure, GRD_FIGURE_PART_CELL,
                                       ((GrdCode *) g_ptr_array_index (table->codes, i))->id,
                                       text, FIGURE_SMALL, cell - 2, TRUE);
        GrdFigureShape *s = FIGURE_SHAPE (figure, shape);
        double rgb[3];

        s->item.case_id = g_array_index (table->case_ids, gint64, c);
        s->item.count = n;
        /* the row's gap shared above and below, so cells meet */
        _grd_figure_place (figure, shape, x0 + c * cell, tops[i] - ROW_GAP / 2, cell,
                           heights[i] + ROW_GAP, 0, 0);
        heat_color (table->max_count > 0 ? (double) n / table->max_count : 0, rgb);
        set_fill (figure, shape, rgb);
        s->line_width = 0.5;
        s->stroke[0] = s->stroke[1] = s->stroke[2] = 1.0;
        if (n == 0)
          s->ink[0] = s->ink[1] = s->ink[2] = 0.6;
      }

  /* The legend: a scale of five steps, each with its count. */
  y = (table->codes->len > 0 ? tops[table->codes->len - 1] + heights[table->codes->len - 1]
                               + ROW_GAP : y) + 10;
  legend_x = x0;
  {
    guint title = _grd_figure_add (figure, GRD_FIGURE_PART_HEADING, 0,
                                   _("Codings (with those of sub-codes)"), FIGURE_FONT,
                                   LABEL_WIDTH, FALSE);
    GrdFigureItem *item = &FIGURE_SHAPE (figure, title)->item;

    _grd_figure_place (figure, title, FIGURE_MARGIN, y, LABEL_WIDTH, item->text_height, 0, 0);
  }
  for (guint step = 0; step < LEGEND_STEPS; step++)
    {
      double t = (double) step / (LEGEND_STEPS - 1), rgb[3];
      g_autofree char *text = g_strdup_printf ("%.0f", t * table->max_count);
      guint swatch = _grd_figure_add (figure, GRD_FIGURE_PART_LEGEND, 0, text, FIGURE_SMALL,
                                      30, TRUE);
      GrdFigureShape *s = FIGURE_SHAPE (figure, swatch);

      s->item.count = (guint) round (t * table->max_count);
      _grd_figure_place (figure, swatch, legend_x + step * 32, y, 32, 12, 0, 0);
      heat_color (t, rgb);
      set_fill (figure, swatch, rgb);
    }

  figure->width = MAX (FIGURE_WIDTH, ceil (x0 + n_columns * cell + FIGURE_MARGIN));
  figure->height = ceil (y + 12 + FIGURE_MARGIN);
}

gboolean
_grd_figure_lay_out_chart (GrdFigure     *figure,
                           GrdProject    *project,
                           gint64         root_code_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_auto(Table) table = { 0 };

  if (!read_table (project, root_code_id, &table, cancellable, error))
    return FALSE;

  if (figure->kind == GRD_FIGURE_HEATMAP)
    lay_out_heatmap (figure, &table);
  else
    lay_out_frequencies (figure, &table);
  return TRUE;
}
