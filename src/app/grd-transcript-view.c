/* grd-transcript-view.c: a transcript to read and code, with coding stripes
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is read-only but keeps a visible cursor, so a passage can be
 * selected from the keyboard. Coded passages carry one text tag per code
 * (its colour, faint); overlaps cannot be told apart in the text, so the
 * left gutter draws every coding as a stripe in a lane of its own. Offsets
 * are code points throughout, which is what GtkTextIter offsets count.
 */

#define G_LOG_DOMAIN "grd-transcript-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-transcript-view.h"
#include "grd-widget-util.h"

#define LANE_WIDTH   5
#define LANE_GAP     2
#define GUTTER_PAD   6
#define MAX_LANES    12

typedef struct {
  gint64  id;
  gint64  code_id;
  gint64  start;
  gint64  end;
  guint   lane;
  char   *coder;
} Stripe;

#define GRD_TYPE_CODING_GUTTER (grd_coding_gutter_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodingGutter, grd_coding_gutter, GRD, CODING_GUTTER, GtkWidget)

struct _GrdCodingGutter
{
  GtkWidget          parent_instance;
  GrdTranscriptView *view;   /* borrowed: the gutter lives inside it */
};

struct _GrdTranscriptView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkTextView     *text_view;
  GtkTextBuffer   *buffer;
  GtkTextMark     *scroll_mark;
  GrdCodingGutter *gutter;

  GrdProject      *project;
  gulong           changed_id;
  gint64           source_id;

  GArray          *stripes;    /* Stripe, by start */
  guint            n_lanes;
  GHashTable      *codes;      /* code id -> GrdCode */
  gint64           selected_coding;
  gboolean         has_selection;
  gboolean         showing_coding;   /* a selection we made for a coding */
};

G_DEFINE_FINAL_TYPE (GrdCodingGutter, grd_coding_gutter, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (GrdTranscriptView, grd_transcript_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_HAS_SELECTION,
  PROP_SELECTED_CODING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
stripe_clear (gpointer data)
{
  Stripe *stripe = data;

  g_free (stripe->coder);
}

static gboolean
parse_color (const char *color,
             GdkRGBA    *rgba)
{
  return color != NULL && gdk_rgba_parse (rgba, color);
}

static void
code_rgba (GrdTranscriptView *self,
           gint64             code_id,
           GdkRGBA           *rgba)
{
  GrdCode *code = g_hash_table_lookup (self->codes, &code_id);

  if (code == NULL || !parse_color (code->color, rgba))
    gdk_rgba_parse (rgba, "#9a9996");
}

/* ---- the gutter ------------------------------------------------------- */

static int
lane_x (guint lane)
{
  return GUTTER_PAD + (int) lane * (LANE_WIDTH + LANE_GAP);
}

/* The y range of [start, end) in the gutter's coordinates. */
static void
range_y (GrdTranscriptView *self,
         gint64             start,
         gint64             end,
         int               *y0,
         int               *y1)
{
  GtkTextIter iter;
  GdkRectangle first, last;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, (int) start);
  gtk_text_view_get_iter_location (self->text_view, &iter, &first);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, (int) MAX (start, end - 1));
  gtk_text_view_get_iter_location (self->text_view, &iter, &last);

  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_LEFT,
                                         0, first.y, NULL, y0);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_LEFT,
                                         0, last.y + last.height, NULL, y1);
}

/* The code point range on screen, so only visible stripes are drawn or hit. */
static void
visible_offsets (GrdTranscriptView *self,
                 gint64            *first,
                 gint64            *last)
{
  GdkRectangle visible;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_line_at_y (self->text_view, &iter, visible.y, NULL);
  *first = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_line_at_y (self->text_view, &iter, visible.y + visible.height, NULL);
  gtk_text_iter_forward_line (&iter);
  *last = gtk_text_iter_get_offset (&iter);
}

static const Stripe *
stripe_at (GrdTranscriptView *self,
           double             x,
           double             y)
{
  gint64 first, last;
  const Stripe *found = NULL;

  if (self->stripes == NULL)
    return NULL;

  visible_offsets (self, &first, &last);
  for (guint i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      int x0 = lane_x (stripe->lane), y0, y1;

      if (stripe->start > last)
        break;
      if (stripe->end < first || x < x0 - 1 || x > x0 + LANE_WIDTH + 1)
        continue;

      range_y (self, stripe->start, stripe->end, &y0, &y1);
      /* Inner lanes hold the shorter codings, so the last hit is the
       * most specific one. */
      if (y >= y0 && y <= y1)
        found = stripe;
    }

  return found;
}

static void
grd_coding_gutter_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  GrdCodingGutter *gutter = GRD_CODING_GUTTER (widget);
  GrdTranscriptView *self = gutter->view;
  gint64 first, last;

  if (self == NULL || self->stripes == NULL)
    return;

  visible_offsets (self, &first, &last);
  for (guint i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      gboolean selected = stripe->id == self->selected_coding;
      GskRoundedRect rect;
      GdkRGBA rgba;
      int y0, y1, x;

      if (stripe->start > last)
        break;
      if (stripe->end < first)
        continue;

      range_y (self, stripe->start, stripe->end, &y0, &y1);
      code_rgba (self, stripe->code_id, &rgba);
      x = lane_x (stripe->lane);
      gsk_rounded_rect_init_from_rect (&rect,
                                       &GRAPHENE_RECT_INIT (x - (selected ? 1 : 0), y0 + 1,
                                                            LANE_WIDTH + (selected ? 2 : 0),
                                                            MAX (y1 - y0 - 2, 3)),
                                       LANE_WIDTH / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &rgba, &rect.bounds);
      gtk_snapshot_pop (snapshot);
      if (selected)
        {
          GdkRGBA outline = { 0, 0, 0, 0.6 };
          const float widths[4] = { 1, 1, 1, 1 };
          const GdkRGBA colors[4] = { outline, outline, outline, outline };

          gtk_snapshot_append_border (snapshot, &rect, widths, colors);
        }
    }
}

static void
grd_coding_gutter_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  GrdCodingGutter *gutter = GRD_CODING_GUTTER (widget);
  guint lanes = gutter->view != NULL ? MAX (gutter->view->n_lanes, 1) : 1;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = lane_x (lanes) + GUTTER_PAD - LANE_GAP;
  else
    *minimum = *natural = 0;
}

static gboolean
on_gutter_query_tooltip (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  GrdTranscriptView *self = GRD_CODING_GUTTER (widget)->view;
  const Stripe *stripe = stripe_at (self, x, y);
  GrdCode *code;
  g_autofree char *text = NULL;

  if (stripe == NULL || (code = g_hash_table_lookup (self->codes, &stripe->code_id)) == NULL)
    return FALSE;

  if (stripe->coder != NULL)
    text = g_strdup_printf (_("%s — coded by %s"), code->name, stripe->coder);
  else
    text = g_strdup (code->name);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_gutter_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   gpointer         user_data)
{
  GrdTranscriptView *self = user_data;
  const Stripe *stripe = stripe_at (self, x, y);

  if (stripe != NULL)
    grd_transcript_view_select_coding (self, stripe->id);
}

static void
grd_coding_gutter_class_init (GrdCodingGutterClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = grd_coding_gutter_snapshot;
  widget_class->measure = grd_coding_gutter_measure;
  gtk_widget_class_set_css_name (widget_class, "coding-gutter");
}

static void
grd_coding_gutter_init (GrdCodingGutter *gutter)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (gutter), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (gutter), "pointer");
  g_signal_connect (gutter, "query-tooltip", G_CALLBACK (on_gutter_query_tooltip), NULL);
}

/* ---- text and tags ---------------------------------------------------- */

static void
set_selected_coding (GrdTranscriptView *self,
                     gint64             coding_id)
{
  if (self->selected_coding == coding_id)
    return;

  self->selected_coding = coding_id;
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CODING]);
}

static const Stripe *
find_stripe (GrdTranscriptView *self,
             gint64             coding_id)
{
  for (guint i = 0; self->stripes != NULL && i < self->stripes->len; i++)
    if (g_array_index (self->stripes, Stripe, i).id == coding_id)
      return &g_array_index (self->stripes, Stripe, i);

  return NULL;
}

/* Faint enough to read through, strong enough to see, on either theme. */
static void
code_tag_rgba (GrdTranscriptView *self,
               gint64             code_id,
               GdkRGBA           *rgba)
{
  code_rgba (self, code_id, rgba);
  rgba->alpha = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.38 : 0.28;
}

static GtkTextTag *
code_tag (GrdTranscriptView *self,
          gint64             code_id)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  g_autofree char *name = g_strdup_printf ("code-%" G_GINT64_FORMAT, code_id);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);
  GdkRGBA rgba;

  if (tag == NULL)
    {
      code_tag_rgba (self, code_id, &rgba);
      tag = gtk_text_buffer_create_tag (self->buffer, name, "background-rgba", &rgba, NULL);
      g_object_set_data_full (G_OBJECT (tag), "grd-code-id",
                              g_memdup2 (&code_id, sizeof code_id), g_free);
    }
  return tag;
}

/* Setting a tag's colour re-lays out every passage it covers, so only a
 * colour that really changed is set. */
static void
recolor_code_tag (GtkTextTag *tag,
                  gpointer    user_data)
{
  GrdTranscriptView *self = user_data;
  const gint64 *code_id = g_object_get_data (G_OBJECT (tag), "grd-code-id");
  g_autoptr(GdkRGBA) current = NULL;
  GdkRGBA rgba;

  if (code_id == NULL)
    return;

  code_tag_rgba (self, *code_id, &rgba);
  g_object_get (tag, "background-rgba", &current, NULL);
  if (current == NULL || !gdk_rgba_equal (current, &rgba))
    g_object_set (tag, "background-rgba", &rgba, NULL);
}

static void
update_style_tags (GrdTranscriptView *self)
{
  GtkTextTag *quiet = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer),
                                                 "interviewer");
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA rgba = dark ? (GdkRGBA) { 1, 1, 1, 0.62 } : (GdkRGBA) { 0, 0, 0, 0.58 };

  g_object_set (quiet, "foreground-rgba", &rgba, NULL);
}

static gboolean
load_codes (GrdTranscriptView  *self,
            GError            **error)
{
  g_autoptr(GPtrArray) codes = grd_project_list_codes (self->project, error);

  if (codes == NULL)
    return FALSE;

  g_hash_table_remove_all (self->codes);
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (self->codes, &code->id, code);
    }
  /* The table owns the codes now. */
  g_ptr_array_set_free_func (codes, NULL);
  return TRUE;
}

static int
compare_stripes (gconstpointer a,
                 gconstpointer b)
{
  const Stripe *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* Longer first, so they take the outer lanes. */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id);
}

/* Lanes by first fit: a coding takes the leftmost lane free at its start. */
static void
assign_lanes (GrdTranscriptView *self)
{
  gint64 lane_end[MAX_LANES] = { 0 };

  self->n_lanes = 0;
  for (guint i = 0; i < self->stripes->len; i++)
    {
      Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      guint lane = MAX_LANES - 1;

      for (guint l = 0; l < MAX_LANES; l++)
        if (lane_end[l] <= stripe->start)
          {
            lane = l;
            break;
          }

      stripe->lane = lane;
      lane_end[lane] = MAX (lane_end[lane], stripe->end);
      self->n_lanes = MAX (self->n_lanes, lane + 1);
    }
}

static gboolean
stripes_equal (const Stripe *a,
               const Stripe *b)
{
  return a->id == b->id && a->code_id == b->code_id && a->start == b->start && a->end == b->end;
}

/* Tags [start, end) exactly as the stripes say: the tags of every code
 * there come off, then each stripe's tag goes on, clipped to the span.
 * Only this span's lines are laid out again. */
static void
retag_span (GrdTranscriptView *self,
            GArray            *old_stripes,
            gint64             start,
            gint64             end)
{
  GtkTextIter from, to;

  for (guint i = 0; i < old_stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (old_stripes, Stripe, i);

      if (stripe->start >= end)
        break;
      if (stripe->end <= start)
        continue;
      gtk_text_buffer_get_iter_at_offset (self->buffer, &from, (int) start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &to, (int) end);
      gtk_text_buffer_remove_tag (self->buffer, code_tag (self, stripe->code_id), &from, &to);
    }

  for (guint i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);

      if (stripe->start >= end)
        break;
      if (stripe->end <= start)
        continue;
      gtk_text_buffer_get_iter_at_offset (self->buffer, &from, (int) MAX (start, stripe->start));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &to, (int) MIN (end, stripe->end));
      gtk_text_buffer_apply_tag (self->buffer, code_tag (self, stripe->code_id), &from, &to);
    }
}

/* Walks both sorted lists at once and retags where they differ: one new
 * coding costs one passage's layout, not the transcript's. */
static void
retag_differences (GrdTranscriptView *self,
                   GArray            *old_stripes)
{
  guint i = 0, j = 0;

  while (i < old_stripes->len || j < self->stripes->len)
    {
      const Stripe *a = i < old_stripes->len ? &g_array_index (old_stripes, Stripe, i) : NULL;
      const Stripe *b = j < self->stripes->len ? &g_array_index (self->stripes, Stripe, j) : NULL;
      int order = a == NULL ? 1 : b == NULL ? -1 : compare_stripes (a, b);

      if (order == 0 && stripes_equal (a, b))
        {
          i++, j++;
          continue;
        }

      /* A stripe gone (or changed) and a stripe new each retag their span. */
      if (order <= 0)
        {
          retag_span (self, old_stripes, a->start, a->end);
          i++;
        }
      if (order >= 0)
        {
          retag_span (self, old_stripes, b->start, b->end);
          j++;
        }
    }
}

/* with_codes: names and colours may have changed too. Counting every
 * code's codings is most of what a refresh costs on a big project, and a
 * new coding changes no name or colour. */
static gboolean
load_codings (GrdTranscriptView  *self,
              gboolean            with_codes,
              GError            **error)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GArray) old_stripes = NULL;
  guint old_lanes = self->n_lanes;

  if ((with_codes || g_hash_table_size (self->codes) == 0) && !load_codes (self, error))
    return FALSE;

  codings = grd_project_list_codings (self->project, self->source_id, error);
  if (codings == NULL)
    return FALSE;

  if (with_codes)
    gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (self->buffer), recolor_code_tag, self);

  old_stripes = g_steal_pointer (&self->stripes);
  self->stripes = g_array_sized_new (FALSE, FALSE, sizeof (Stripe), codings->len);
  g_array_set_clear_func (self->stripes, stripe_clear);
  for (guint i = 0; i < codings->len; i++)
    {
      const GrdCoding *coding = g_ptr_array_index (codings, i);
      Stripe stripe = {
        .id = coding->id,
        .code_id = coding->code_id,
        .start = coding->start,
        .end = coding->end,
        .coder = g_strdup (coding->coder_name),
      };

      g_array_append_val (self->stripes, stripe);
    }
  g_array_sort (self->stripes, compare_stripes);
  assign_lanes (self);

  if (old_stripes->len > 0)
    retag_differences (self, old_stripes);
  else
    for (guint i = 0; i < self->stripes->len; i++)
      {
        const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
        GtkTextIter start, end;

        gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) stripe->start);
        gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) stripe->end);
        gtk_text_buffer_apply_tag (self->buffer, code_tag (self, stripe->code_id), &start, &end);
      }

  if (self->selected_coding != 0 && find_stripe (self, self->selected_coding) == NULL)
    set_selected_coding (self, 0);

  if (self->n_lanes != old_lanes)
    gtk_widget_queue_resize (GTK_WIDGET (self->gutter));
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
  return TRUE;
}

#define MAX_HEADING_LEVEL 6
#define MAX_LIST_DEPTH    6

/* The formatting an import kept (headings, emphasis, lists, tables, pages),
 * one tag per kind and level, made once per buffer. */
static void
create_format_tags (GrdTranscriptView *self)
{
  static const double heading_scale[MAX_HEADING_LEVEL] = { 1.6, 1.35, 1.2, 1.1, 1.0, 1.0 };
  PangoTabArray *tabs = pango_tab_array_new (8, TRUE);

  for (int level = 1; level <= MAX_HEADING_LEVEL; level++)
    {
      g_autofree char *name = g_strdup_printf ("heading-%d", level);

      gtk_text_buffer_create_tag (self->buffer, name,
                                  "weight", PANGO_WEIGHT_BOLD,
                                  "scale", heading_scale[level - 1],
                                  "pixels-above-lines", 18 - 2 * level,
                                  "pixels-below-lines", 4,
                                  NULL);
    }
  for (int depth = 1; depth <= MAX_LIST_DEPTH; depth++)
    {
      g_autofree char *name = g_strdup_printf ("list-%d", depth);

      gtk_text_buffer_create_tag (self->buffer, name, "left-margin", 12 + 24 * depth, NULL);
    }
  gtk_text_buffer_create_tag (self->buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (self->buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (self->buffer, "underline", "underline", PANGO_UNDERLINE_SINGLE, NULL);

  /* Cells are tab-separated: columns line up on wide, even stops. */
  for (int i = 0; i < 8; i++)
    pango_tab_array_set_tab (tabs, i, PANGO_TAB_LEFT, 180 * (i + 1));
  gtk_text_buffer_create_tag (self->buffer, "table-cell", "tabs", tabs, NULL);
  pango_tab_array_free (tabs);

  /* A new page of a PDF starts after a gap, as on paper. */
  gtk_text_buffer_create_tag (self->buffer, "page-start", "pixels-above-lines", 28, NULL);
}

static gboolean
load_formats (GrdTranscriptView  *self,
              GError            **error)
{
  g_autoptr(GArray) formats = grd_project_list_formats (self->project, self->source_id, error);

  if (formats == NULL)
    return FALSE;

  for (guint i = 0; i < formats->len; i++)
    {
      const GrdFormatRange *range = &g_array_index (formats, GrdFormatRange, i);
      g_autofree char *name = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) range->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) range->end);

      switch (range->kind)
        {
        case GRD_FORMAT_HEADING:
          name = g_strdup_printf ("heading-%d", CLAMP (range->value, 1, MAX_HEADING_LEVEL));
          break;
        case GRD_FORMAT_LIST_ITEM:
          name = g_strdup_printf ("list-%d", CLAMP (range->value, 1, MAX_LIST_DEPTH));
          break;
        case GRD_FORMAT_BOLD:
          name = g_strdup ("bold");
          break;
        case GRD_FORMAT_ITALIC:
          name = g_strdup ("italic");
          break;
        case GRD_FORMAT_UNDERLINE:
          name = g_strdup ("underline");
          break;
        case GRD_FORMAT_TABLE_CELL:
          name = g_strdup ("table-cell");
          break;
        case GRD_FORMAT_PAGE:
          if (range->value <= 1)
            continue;
          /* Only the first line of the page gets the gap. */
          end = start;
          gtk_text_iter_forward_to_line_end (&end);
          name = g_strdup ("page-start");
          break;
        default:
          continue;
        }
      gtk_text_buffer_apply_tag_by_name (self->buffer, name, &start, &end);
    }

  return TRUE;
}

static gboolean
load_turns (GrdTranscriptView  *self,
            GError            **error)
{
  g_autoptr(GArray) turns = grd_project_list_turns (self->project, self->source_id, error);

  if (turns == NULL)
    return FALSE;

  for (guint i = 0; i < turns->len; i++)
    {
      const GrdTurn *turn = &g_array_index (turns, GrdTurn, i);
      GtkTextIter start, end, label_end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) turn->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) turn->end);
      if (turn->is_interviewer)
        gtk_text_buffer_apply_tag_by_name (self->buffer, "interviewer", &start, &end);

      /* The speaker's label ("Respondent 2:") is the turn's first words. */
      label_end = start;
      if (turn->speaker != NULL &&
          gtk_text_iter_forward_search (&start, ":", GTK_TEXT_SEARCH_TEXT_ONLY, NULL, &label_end,
                                        &end) &&
          gtk_text_iter_get_offset (&label_end) - turn->start <=
          (gint64) g_utf8_strlen (turn->speaker, -1) + 24)
        gtk_text_buffer_apply_tag_by_name (self->buffer, "speaker", &start, &label_end);
    }

  return TRUE;
}

static void
update_has_selection (GrdTranscriptView *self)
{
  gint64 start, end;
  gboolean has = grd_transcript_view_get_selection (self, &start, &end);

  if (has != self->has_selection)
    {
      self->has_selection = has;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
    }
}

/* A bare cursor inside coded text selects the innermost coding there, so
 * the keyboard reaches every coding; a selection that is not one we made
 * for a coding is a new passage. */
static void
on_mark_set (GtkTextBuffer     *buffer,
             const GtkTextIter *location,
             GtkTextMark       *mark,
             gpointer           user_data)
{
  GrdTranscriptView *self = user_data;
  GtkTextIter start, end;
  gint64 offset, best = 0, best_len = G_MAXINT64;

  if (mark != gtk_text_buffer_get_insert (buffer) &&
      mark != gtk_text_buffer_get_selection_bound (buffer))
    return;

  update_has_selection (self);

  if (self->showing_coding)
    return;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      set_selected_coding (self, 0);
      return;
    }

  offset = gtk_text_iter_get_offset (&start);
  for (guint i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);

      if (stripe->start > offset)
        break;
      if (stripe->end > offset && stripe->end - stripe->start < best_len)
        {
          best = stripe->id;
          best_len = stripe->end - stripe->start;
        }
    }
  set_selected_coding (self, best);
}

static void
on_project_changed (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    gpointer               user_data)
{
  GrdTranscriptView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->source_id == 0 ||
      (coding_change != NULL && coding_change->source_id != self->source_id))
    return;

  if (change & GRD_CHANGE_SOURCES)
    {
      g_autoptr(GrdSource) source = grd_project_get_source (project, self->source_id, NULL);

      if (source == NULL || source->length != gtk_text_buffer_get_char_count (self->buffer))
        {
          grd_transcript_view_load_source (self, source != NULL ? self->source_id : 0, &error);
          return;
        }
    }

  if ((change & (GRD_CHANGE_CODES | GRD_CHANGE_CODINGS)) &&
      !load_codings (self, (change & GRD_CHANGE_CODES) != 0, &error))
    g_warning ("Could not show the codings: %s", error->message);
}

static void
on_dark_changed (GrdTranscriptView *self)
{
  g_autoptr(GError) error = NULL;

  update_style_tags (self);
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (self->buffer), recolor_code_tag, self);
}

static void
on_scrolled (GrdTranscriptView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
}

/* ---- GObject ---------------------------------------------------------- */

static void
grd_transcript_view_dispose (GObject *object)
{
  GrdTranscriptView *self = GRD_TRANSCRIPT_VIEW (object);

  grd_follow_project (&self->project, &self->changed_id, NULL, NULL, NULL);
  if (self->gutter != NULL)
    self->gutter->view = NULL;
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (grd_transcript_view_parent_class)->dispose (object);
}

static void
grd_transcript_view_finalize (GObject *object)
{
  GrdTranscriptView *self = GRD_TRANSCRIPT_VIEW (object);

  g_clear_pointer (&self->stripes, g_array_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);

  G_OBJECT_CLASS (grd_transcript_view_parent_class)->finalize (object);
}

static void
grd_transcript_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GrdTranscriptView *self = GRD_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_int64 (value, self->source_id);
      break;
    case PROP_HAS_SELECTION:
      g_value_set_boolean (value, self->has_selection);
      break;
    case PROP_SELECTED_CODING:
      g_value_set_int64 (value, self->selected_coding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_transcript_view_class_init (GrdTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_transcript_view_dispose;
  object_class->finalize = grd_transcript_view_finalize;
  object_class->get_property = grd_transcript_view_get_property;

  properties[PROP_SOURCE] =
    g_param_spec_int64 ("source", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_SELECTION] =
    g_param_spec_boolean ("has-selection", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_CODING] =
    g_param_spec_int64 ("selected-coding", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "transcript-view");
}

static void
grd_transcript_view_init (GrdTranscriptView *self)
{
  g_autoptr(GMenu) extra = g_menu_new ();
  GtkGesture *click;

  self->stripes = g_array_new (FALSE, TRUE, sizeof (Stripe));
  g_array_set_clear_func (self->stripes, stripe_clear);
  self->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) grd_code_free);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_view_set_editable (self->text_view, FALSE);
  gtk_text_view_set_cursor_visible (self->text_view, TRUE);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (self->text_view, 6);
  gtk_text_view_set_pixels_inside_wrap (self->text_view, 2);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 24);
  gtk_text_view_set_top_margin (self->text_view, 18);
  gtk_text_view_set_bottom_margin (self->text_view, 48);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "transcript");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transcript"),
                                  -1);

  gtk_text_buffer_create_tag (self->buffer, "speaker", "weight", PANGO_WEIGHT_BOLD, NULL);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (self->buffer, &start);
    self->scroll_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  }
  gtk_text_buffer_create_tag (self->buffer, "interviewer", NULL);
  create_format_tags (self);
  update_style_tags (self);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self);

  self->gutter = g_object_new (GRD_TYPE_CODING_GUTTER, NULL);
  self->gutter->view = self;
  gtk_text_view_set_gutter (self->text_view, GTK_TEXT_WINDOW_LEFT, GTK_WIDGET (self->gutter));
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_gutter_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->gutter), GTK_EVENT_CONTROLLER (click));

  g_menu_append (extra, _("_Code Selection…"), "win.code-selection");
  g_menu_append (extra, _("_In-Vivo Code"), "win.code-in-vivo");
  gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (extra));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->text_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)),
                           "value-changed", G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

/* ---- public ----------------------------------------------------------- */

GtkWidget *
grd_transcript_view_new (void)
{
  return g_object_new (GRD_TYPE_TRANSCRIPT_VIEW, NULL);
}

void
grd_transcript_view_set_project (GrdTranscriptView *self,
                                 GrdProject        *project)
{
  g_return_if_fail (GRD_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (project == NULL || GRD_IS_PROJECT (project));

  if (self->project == project)
    return;

  grd_follow_project (&self->project, &self->changed_id, project,
                      G_CALLBACK (on_project_changed), self);

  grd_transcript_view_load_source (self, 0, NULL);
}

gboolean
grd_transcript_view_load_source (GrdTranscriptView  *self,
                                 gint64              source_id,
                                 GError            **error)
{
  g_autofree char *text = NULL;
  GtkTextIter start;

  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (source_id != 0)
    {
      g_return_val_if_fail (self->project != NULL, FALSE);

      text = grd_project_get_source_text (self->project, source_id, NULL, error);
      if (text == NULL)
        source_id = 0;
    }

  set_selected_coding (self, 0);
  g_array_set_size (self->stripes, 0);
  self->n_lanes = 0;
  self->source_id = source_id;
  gtk_text_buffer_set_text (self->buffer, text != NULL ? text : "", -1);

  if (text != NULL &&
      (!load_turns (self, error) || !load_formats (self, error) || !load_codings (self, TRUE, error)))
    {
      self->source_id = 0;
      gtk_text_buffer_set_text (self->buffer, "", -1);
      text = NULL;
    }

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), 0);
  gtk_widget_queue_resize (GTK_WIDGET (self->gutter));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  return text != NULL || source_id == 0;
}

gint64
grd_transcript_view_get_source (GrdTranscriptView *self)
{
  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), 0);

  return self->source_id;
}

gboolean
grd_transcript_view_get_selection (GrdTranscriptView *self,
                                   gint64            *start,
                                   gint64            *end)
{
  GtkTextIter first, last;

  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (self->source_id == 0 ||
      !gtk_text_buffer_get_selection_bounds (self->buffer, &first, &last))
    return FALSE;

  while (gtk_text_iter_compare (&first, &last) < 0 &&
         g_unichar_isspace (gtk_text_iter_get_char (&first)))
    gtk_text_iter_forward_char (&first);
  while (gtk_text_iter_compare (&first, &last) < 0)
    {
      GtkTextIter before = last;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      last = before;
    }

  if (gtk_text_iter_equal (&first, &last))
    return FALSE;

  *start = gtk_text_iter_get_offset (&first);
  *end = gtk_text_iter_get_offset (&last);
  return TRUE;
}

char *
grd_transcript_view_dup_selected_text (GrdTranscriptView *self)
{
  GtkTextIter first, last;
  gint64 start, end;

  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), NULL);

  if (!grd_transcript_view_get_selection (self, &start, &end))
    return NULL;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &first, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &last, (int) end);
  return gtk_text_buffer_get_text (self->buffer, &first, &last, FALSE);
}

void
grd_transcript_view_show_range (GrdTranscriptView *self,
                                gint64             start,
                                gint64             end)
{
  GtkTextIter first, last;

  g_return_if_fail (GRD_IS_TRANSCRIPT_VIEW (self));

  gtk_text_buffer_get_iter_at_offset (self->buffer, &first, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &last, (int) end);
  gtk_text_buffer_select_range (self->buffer, &last, &first);
  /* A mark, not an iter: a transcript just loaded is not laid out yet, and
   * only a scroll to a mark waits until it is. */
  gtk_text_buffer_move_mark (self->buffer, self->scroll_mark, &first);
  gtk_text_view_scroll_to_mark (self->text_view, self->scroll_mark, 0.1, TRUE, 0.0, 0.3);
}

gint64
grd_transcript_view_get_selected_coding (GrdTranscriptView *self)
{
  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), 0);

  return self->selected_coding;
}

void
grd_transcript_view_select_coding (GrdTranscriptView *self,
                                   gint64             coding_id)
{
  const Stripe *stripe;

  g_return_if_fail (GRD_IS_TRANSCRIPT_VIEW (self));

  stripe = find_stripe (self, coding_id);
  if (stripe == NULL)
    {
      set_selected_coding (self, 0);
      return;
    }

  self->showing_coding = TRUE;
  grd_transcript_view_show_range (self, stripe->start, stripe->end);
  self->showing_coding = FALSE;
  set_selected_coding (self, coding_id);
}

gboolean
grd_transcript_view_get_selection_area (GrdTranscriptView *self,
                                        GdkRectangle      *area)
{
  GtkTextIter first, last;
  GdkRectangle a, b;
  int x, y;

  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &first, &last))
    return FALSE;

  gtk_text_view_get_iter_location (self->text_view, &first, &a);
  gtk_text_view_get_iter_location (self->text_view, &last, &b);
  /* The end of the selection, where the pointer or the caret usually is. */
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         b.x, b.y, &x, &y);
  area->x = x;
  area->y = y;
  area->width = 1;
  area->height = MAX (b.height, 1);
  return TRUE;
}

GtkTextView *
grd_transcript_view_get_text_view (GrdTranscriptView *self)
{
  g_return_val_if_fail (GRD_IS_TRANSCRIPT_VIEW (self), NULL);

  return self->text_view;
}
