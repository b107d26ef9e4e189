/* grd-quote-list.c: every quote of one code, listed lazily
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A much-used code has tens of thousands of quotes. The query returns them
 * all as plain records at once; the model hands the list view an item
 * object only for the rows it asks about, the rows on screen and a few
 * around them, and those rows are cheap to measure (GrdQuoteText).
 */

#define G_LOG_DOMAIN "grd-quote-list"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-quote-list.h"
#include "grd-widget-util.h"

#define CONTEXT_CHARS       60
#define ACCESSIBLE_CHARS    80
#define MAX_LINES           4
#define MIN_CHARS           20
#define NAT_CHARS           60

/* ---- one quote, as a list item ---------------------------------------- */

#define GRD_TYPE_QUOTE_ITEM (grd_quote_item_get_type ())
G_DECLARE_FINAL_TYPE (GrdQuoteItem, grd_quote_item, GRD, QUOTE_ITEM, GObject)

/* One quote of the model, shared by reference with the item showing it. */
typedef struct {
  GrdQuote     *quote;
  GrdQuoteItem *item;   /* weak: the item made for it while one lives */
} QuoteSlot;

struct _GrdQuoteItem
{
  GObject    parent_instance;

  /* The quote stays alive while a row shows it, even after the list has
   * dropped or replaced it. */
  QuoteSlot *slot;
  GrdQuote  *quote;
};

G_DEFINE_FINAL_TYPE (GrdQuoteItem, grd_quote_item, G_TYPE_OBJECT)

static QuoteSlot *
quote_slot_new (GrdQuote *quote)
{
  QuoteSlot *slot = g_rc_box_new0 (QuoteSlot);

  slot->quote = quote;
  return slot;
}

static void
quote_slot_clear (gpointer data)
{
  QuoteSlot *slot = data;

  grd_quote_free (slot->quote);
}

static void
quote_slot_release (gpointer slot)
{
  g_rc_box_release_full (slot, quote_slot_clear);
}

static void
grd_quote_item_finalize (GObject *object)
{
  GrdQuoteItem *self = GRD_QUOTE_ITEM (object);

  if (self->slot != NULL)
    {
      self->slot->item = NULL;
      g_clear_pointer (&self->slot, quote_slot_release);
    }

  G_OBJECT_CLASS (grd_quote_item_parent_class)->finalize (object);
}

static void
grd_quote_item_class_init (GrdQuoteItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grd_quote_item_finalize;
}

static void
grd_quote_item_init (GrdQuoteItem *self)
{
}

/* ---- the quotes, as a list model -------------------------------------- */

#define GRD_TYPE_QUOTE_MODEL (grd_quote_model_get_type ())
G_DECLARE_FINAL_TYPE (GrdQuoteModel, grd_quote_model, GRD, QUOTE_MODEL, GObject)

struct _GrdQuoteModel
{
  GObject    parent_instance;

  GPtrArray *quotes;   /* of QuoteSlot, in grd_query_quotes() order */
};

static void grd_quote_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrdQuoteModel, grd_quote_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      grd_quote_model_list_model_init))

static GrdQuote *
quote_at (GPtrArray *quotes,
          guint      position)
{
  return ((QuoteSlot *) g_ptr_array_index (quotes, position))->quote;
}

static GType
grd_quote_model_get_item_type (GListModel *model)
{
  return GRD_TYPE_QUOTE_ITEM;
}

static guint
grd_quote_model_get_n_items (GListModel *model)
{
  return GRD_QUOTE_MODEL (model)->quotes->len;
}

static gpointer
grd_quote_model_get_item (GListModel *model,
                          guint       position)
{
  GrdQuoteModel *self = GRD_QUOTE_MODEL (model);
  QuoteSlot *slot;

  if (position >= self->quotes->len)
    return NULL;

  /* The same quote is the same item: after a quote comes or goes, the list
   * view keeps the rows of the others instead of binding them all anew. */
  slot = g_ptr_array_index (self->quotes, position);
  if (slot->item != NULL)
    return g_object_ref (slot->item);

  slot->item = g_object_new (GRD_TYPE_QUOTE_ITEM, NULL);
  slot->item->slot = g_rc_box_acquire (slot);
  slot->item->quote = slot->quote;

  return slot->item;
}

static void
grd_quote_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = grd_quote_model_get_item_type;
  iface->get_n_items = grd_quote_model_get_n_items;
  iface->get_item = grd_quote_model_get_item;
}

static void
grd_quote_model_finalize (GObject *object)
{
  GrdQuoteModel *self = GRD_QUOTE_MODEL (object);

  g_clear_pointer (&self->quotes, g_ptr_array_unref);

  G_OBJECT_CLASS (grd_quote_model_parent_class)->finalize (object);
}

static void
grd_quote_model_class_init (GrdQuoteModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grd_quote_model_finalize;
}

static void
grd_quote_model_init (GrdQuoteModel *self)
{
  self->quotes = g_ptr_array_new_with_free_func (quote_slot_release);
}

static gboolean
quotes_equal (const GrdQuote *a,
              const GrdQuote *b)
{
  return a->coding_id == b->coding_id &&
         a->code_id == b->code_id &&
         a->source_id == b->source_id &&
         a->start == b->start &&
         a->end == b->end &&
         a->representative == b->representative &&
         g_strcmp0 (a->code_name, b->code_name) == 0 &&
         g_strcmp0 (a->source_name, b->source_name) == 0 &&
         g_strcmp0 (a->case_name, b->case_name) == 0;
}

/* The order of grd_query_quotes(): by case name (no case last), source name,
 * source, position. Names compare bytewise, as SQLite's BINARY collation. */
static int
compare_quotes (const GrdQuote *a,
                const GrdQuote *b)
{
  int order;

  if ((a->case_name == NULL) != (b->case_name == NULL))
    return a->case_name == NULL ? 1 : -1;
  if (a->case_name != NULL && (order = strcmp (a->case_name, b->case_name)) != 0)
    return order;
  if ((order = strcmp (a->source_name, b->source_name)) != 0)
    return order;
  if (a->source_id != b->source_id)
    return a->source_id < b->source_id ? -1 : 1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return a->coding_id < b->coding_id ? -1 : (a->coding_id > b->coding_id);
}

/* Takes quotes (a list from grd_query_quotes()). With keep_equal, only the
 * run between the unchanged head and the unchanged tail is reported as
 * replaced, so the rows above and below, with the scroll position, stay. */
static void
grd_quote_model_replace (GrdQuoteModel *self,
                         GPtrArray     *quotes,
                         gboolean       keep_equal)
{
  g_autoptr(GPtrArray) old = self->quotes;
  g_autoptr(GPtrArray) taken = quotes;
  guint head = 0;
  guint tail = 0;

  self->quotes = g_ptr_array_new_full (taken->len, quote_slot_release);
  for (guint i = 0; i < taken->len; i++)
    g_ptr_array_add (self->quotes, quote_slot_new (g_ptr_array_index (taken, i)));
  g_ptr_array_set_free_func (taken, NULL);

  if (keep_equal)
    {
      while (head < old->len && head < self->quotes->len &&
             quotes_equal (quote_at (old, head), quote_at (self->quotes, head)))
        head++;
      while (tail < old->len - head && tail < self->quotes->len - head &&
             quotes_equal (quote_at (old, old->len - 1 - tail),
                           quote_at (self->quotes, self->quotes->len - 1 - tail)))
        tail++;
    }

  /* Unchanged quotes keep their slots, so their items, rows and text. */
  for (guint i = 0; i < head + tail; i++)
    {
      guint at = i < head ? i : self->quotes->len - (i - head) - 1;
      guint was = i < head ? i : old->len - (i - head) - 1;

      quote_slot_release (self->quotes->pdata[at]);
      self->quotes->pdata[at] = g_rc_box_acquire (old->pdata[was]);
    }

  if (head + tail < old->len || head + tail < self->quotes->len)
    g_list_model_items_changed (G_LIST_MODEL (self), head,
                                old->len - head - tail, self->quotes->len - head - tail);
}

/* Follows one coding's edit: its quote leaves the list, and quote (taken;
 * NULL when the list no longer holds it) goes in where the query's order
 * puts it. One row changes instead of 14,000 being read again. */
static void
grd_quote_model_follow (GrdQuoteModel *self,
                        gint64         coding_id,
                        GrdQuote      *quote)
{
  guint removed = GTK_INVALID_LIST_POSITION;
  guint low = 0, high;

  for (guint i = 0; i < self->quotes->len; i++)
    if (quote_at (self->quotes, i)->coding_id == coding_id)
      {
        removed = i;
        g_ptr_array_remove_index (self->quotes, i);
        break;
      }

  if (quote != NULL)
    {
      /* Binary search for the first quote after it. */
      high = self->quotes->len;
      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (compare_quotes (quote_at (self->quotes, middle), quote) < 0)
            low = middle + 1;
          else
            high = middle;
        }
      g_ptr_array_insert (self->quotes, (int) low, quote_slot_new (quote));
    }

  if (removed != GTK_INVALID_LIST_POSITION && quote != NULL && removed == low)
    g_list_model_items_changed (G_LIST_MODEL (self), low, 1, 1);
  else
    {
      /* Positions as the list saw them after each step. */
      if (removed != GTK_INVALID_LIST_POSITION)
        g_list_model_items_changed (G_LIST_MODEL (self), removed, 1, 0);
      if (quote != NULL)
        g_list_model_items_changed (G_LIST_MODEL (self), low, 0, 1);
    }
}

/* ---- the quote's text ------------------------------------------------- */

/* GTK 4.8 keeps about 200 rows alive around the visible ones and measures
 * them all after every change of code. A GtkLabel shapes its text several
 * times to measure it (its natural width, then its height for the width);
 * this widget asks for a width from the font's metrics, shapes its text
 * once for the width it gets, and draws that same layout. */
#define GRD_TYPE_QUOTE_TEXT (grd_quote_text_get_type ())
G_DECLARE_FINAL_TYPE (GrdQuoteText, grd_quote_text, GRD, QUOTE_TEXT, GtkWidget)

struct _GrdQuoteText
{
  GtkWidget    parent_instance;

  PangoLayout *layout;
  /* GTK 4.8 measures every row again after a change to the list; a layout
   * re-wrapped to a width it had before is still shaped again. */
  int          measured_width;    /* -1 until measured for this text */
  int          measured_height;
  guint        measured_serial;   /* of the Pango context: fonts change too */
};

G_DEFINE_FINAL_TYPE (GrdQuoteText, grd_quote_text, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
grd_quote_text_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
grd_quote_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GrdQuoteText *self = GRD_QUOTE_TEXT (widget);
  PangoContext *context = pango_layout_get_context (self->layout);
  guint serial;

  /* Without a width (the window working out its minimum size) any height
   * will do: the list scrolls. Shaping the text for a width it will never
   * get would double the cost of showing a list. The font's metrics are
   * read only then and for the width: the layout's own context, as asking
   * the widget for one would make a second context per row. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL || for_size < 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      int char_width = pango_font_metrics_get_approximate_char_width (metrics);
      int line_height = pango_font_metrics_get_height (metrics);

      pango_font_metrics_unref (metrics);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = PANGO_PIXELS_CEIL (MIN_CHARS * char_width);
          *natural = PANGO_PIXELS_CEIL (NAT_CHARS * char_width);
        }
      else
        {
          *minimum = PANGO_PIXELS_CEIL (line_height);
          *natural = PANGO_PIXELS_CEIL (MAX_LINES * line_height);
        }
      return;
    }

  serial = pango_context_get_serial (context);
  if (for_size != self->measured_width || serial != self->measured_serial)
    {
      pango_layout_set_width (self->layout, for_size * PANGO_SCALE);
      pango_layout_get_pixel_size (self->layout, NULL, &self->measured_height);
      self->measured_width = for_size;
      self->measured_serial = serial;
    }
  *minimum = *natural = self->measured_height;
}

static void
grd_quote_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GrdQuoteText *self = GRD_QUOTE_TEXT (widget);

  pango_layout_set_width (self->layout, gtk_widget_get_width (widget) * PANGO_SCALE);
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0, 0, self->layout);
}

static void
grd_quote_text_finalize (GObject *object)
{
  GrdQuoteText *self = GRD_QUOTE_TEXT (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (grd_quote_text_parent_class)->finalize (object);
}

static void
grd_quote_text_class_init (GrdQuoteTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = grd_quote_text_finalize;
  widget_class->get_request_mode = grd_quote_text_get_request_mode;
  widget_class->measure = grd_quote_text_measure;
  widget_class->snapshot = grd_quote_text_snapshot;

  gtk_widget_class_set_css_name (widget_class, "quote-text");
  /* The row around it carries the quote's accessible label. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
grd_quote_text_init (GrdQuoteText *self)
{
  /* The layout follows the widget's font by itself: Pango notices when the
   * widget's context changes. */
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  self->measured_width = -1;
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (self->layout, -MAX_LINES);
  /* The line limit counts per paragraph; a quote spanning two turns would
   * get twice the room. As one paragraph it shows its breaks as ¶. */
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
}

static void
grd_quote_text_set_text (GrdQuoteText *self,
                         const char   *text)
{
  if (g_strcmp0 (pango_layout_get_text (self->layout), text) == 0)
    return;

  pango_layout_set_text (self->layout, text, -1);
  self->measured_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- the widget ------------------------------------------------------- */

struct _GrdQuoteList
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *count_label;
  GtkWidget      *sub_codes_button;
  GtkListView    *list_view;

  GrdQuoteModel  *model;
  GrdProject     *project;
  gulong          changed_id;
  gint64          code_id;
  gboolean        include_sub_codes;
};

G_DEFINE_FINAL_TYPE (GrdQuoteList, grd_quote_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INCLUDE_SUB_CODES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The widgets of one row, found again at bind time. */
typedef struct
{
  GrdQuoteText   *text;
  GtkInscription *caption;
  GtkWidget      *star;
} RowWidgets;

static void
update_count (GrdQuoteList *self)
{
  guint n = self->model->quotes->len;
  g_autofree char *text = NULL;

  g_autoptr(GrdCode) code = NULL;

  if (self->code_id != 0 && self->project != NULL)
    code = grd_project_get_code (self->project, self->code_id, NULL);

  /* The heading names the code: the tree may be scrolled far from it. */
  if (code == NULL)
    text = g_strdup (_("Select a code to see its quotes"));
  else if (n == 0 && !self->include_sub_codes && code->n_codings_total > 0)
    text = g_strdup_printf (_("No quotes coded “%s” itself; include its sub-codes to see theirs"),
                            code->name);
  else if (n == 0)
    text = g_strdup_printf (_("No quotes of “%s” yet"), code->name);
  else
    text = g_strdup_printf (ngettext ("%'u quote of “%s”", "%'u quotes of “%s”", n), n,
                            code->name);

  gtk_label_set_text (self->count_label, text);
}

/* Text is read when a row is bound: of 14,000 quotes a list shows a few
 * dozen, and reading every transcript was most of the time. */
static GrdQuoteFlags
quote_flags (GrdQuoteList *self)
{
  return GRD_QUOTE_WITHOUT_TEXT |
         (self->include_sub_codes ? GRD_QUOTE_WITH_DESCENDANTS : GRD_QUOTE_DEFAULT);
}

/* keep_equal: see grd_quote_model_replace. Without it the list starts again
 * at its first quote. A code deleted under us (or by an undo) empties the
 * list quietly: there is nothing wrong for the user to hear about. */
static gboolean
reload (GrdQuoteList  *self,
        gboolean       keep_equal,
        GError       **error)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  if (self->project != NULL && self->code_id != 0)
    {
      quotes = grd_query_quotes (self->project, self->code_id, quote_flags (self), CONTEXT_CHARS,
                                 NULL, &local_error);
      if (quotes == NULL)
        {
          self->code_id = 0;
          if (!g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
        }
    }

  if (quotes == NULL)
    quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_quote_free);

  grd_quote_model_replace (self->model, g_steal_pointer (&quotes), keep_equal);
  if (!keep_equal && self->model->quotes->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  update_count (self);

  return ok;
}

static void
reload_or_warn (GrdQuoteList *self,
                gboolean      keep_equal)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, keep_equal, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not list the quotes"), error);
}

/* ---- rows ------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  RowWidgets *row = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->text = g_object_new (GRD_TYPE_QUOTE_TEXT, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->text));

  row->caption = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_text_overflow (row->caption, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (row->caption), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->caption), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->caption), "dim-label");
  gtk_box_append (GTK_BOX (caption_box), GTK_WIDGET (row->caption));

  /* Its tooltip is set when a representative quote first shows: setting
   * one costs as much as the rest of a row, and most rows never show it. */
  row->star = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_widget_set_valign (row->star, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->star, "representative");
  gtk_box_append (GTK_BOX (caption_box), row->star);
  gtk_box_append (GTK_BOX (box), caption_box);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (list_item, box);
  g_object_set_data_full (G_OBJECT (list_item), "grd-quote-row", row, g_free);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GrdQuoteList *self = GRD_QUOTE_LIST (user_data);
  RowWidgets *row = g_object_get_data (G_OBJECT (list_item), "grd-quote-row");
  GrdQuote *quote = GRD_QUOTE_ITEM (gtk_list_item_get_item (list_item))->quote;
  const char *who = quote->case_name != NULL ? quote->case_name : quote->source_name;
  const char *parts[6];
  g_autofree char *page = NULL;
  guint n_parts = 0;
  g_autofree char *caption = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  if (!grd_query_quote_fill_text (self->project, quote, CONTEXT_CHARS, &error))
    {
      g_warning ("Could not read the quote's text: %s", error->message);
      quote->text = g_strdup ("");
    }
  grd_quote_text_set_text (row->text, quote->text);

  if (quote->case_name != NULL)
    parts[n_parts++] = quote->case_name;
  parts[n_parts++] = quote->source_name;
  /* A quote from a PDF is cited by its page. */
  if (quote->page > 0)
    parts[n_parts++] = page = g_strdup_printf (_("p. %u"), quote->page);
  /* Respondents are often both the case and the speaker: say it once. */
  if (quote->speaker != NULL && g_strcmp0 (quote->speaker, quote->case_name) != 0 &&
      g_strcmp0 (quote->speaker, quote->source_name) != 0)
    parts[n_parts++] = quote->speaker;
  /* Gathered from the sub-codes, a quote says which one it came from. */
  if (quote->code_id != self->code_id)
    parts[n_parts++] = quote->code_name;
  parts[n_parts] = NULL;
  caption = g_strjoinv (" · ", (char **) parts);
  gtk_inscription_set_text (row->caption, caption);
  gtk_widget_set_visible (row->star, quote->representative);
  if (quote->representative && !gtk_widget_get_has_tooltip (row->star))
    gtk_widget_set_tooltip_text (row->star, _("Representative quote"));

  /* GTK 4.8 list items have no accessible label of their own. */
  excerpt = grd_text_excerpt (quote->text, ACCESSIBLE_CHARS);
  if (quote->representative)
    /* Translators: the accessible name of a quote: who said it, then its start */
    label = g_strdup_printf (_("Representative quote from %s: %s"), who, excerpt);
  else
    /* Translators: the accessible name of a quote: who said it, then its start */
    label = g_strdup_printf (_("Quote from %s: %s"), who, excerpt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
on_activate (GtkListView  *list_view,
             guint         position,
             GrdQuoteList *self)
{
  g_autoptr(GrdQuoteItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL)
    return;

  g_signal_emit (self, signals[QUOTE_ACTIVATED], 0,
                 item->quote->coding_id, item->quote->source_id,
                 item->quote->start, item->quote->end);
}

/* One coding came, went or changed: only its row follows. */
static gboolean
follow_coding (GrdQuoteList          *self,
               const GrdCodingChange *coding_change)
{
  g_autoptr(GError) error = NULL;
  GrdQuote *quote = NULL;

  if (coding_change->code_after != 0)
    {
      quote = grd_query_quote (self->project, self->code_id, quote_flags (self),
                               coding_change->coding_id, CONTEXT_CHARS, &error);
      if (error != NULL)
        return FALSE;
    }

  grd_quote_model_follow (self->model, coding_change->coding_id, quote);
  update_count (self);
  return TRUE;
}

static void
on_project_changed (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    GrdQuoteList          *self)
{
  /* Cases count too: a case's name is in every caption. */
  if ((change & (GRD_CHANGE_CODINGS | GRD_CHANGE_CODES | GRD_CHANGE_SOURCES | GRD_CHANGE_CASES)) == 0)
    return;

  if (coding_change != NULL && self->code_id != 0 && follow_coding (self, coding_change))
    return;

  reload_or_warn (self, TRUE);
}

/* ---- GObject ---------------------------------------------------------- */

static void
grd_quote_list_dispose (GObject *object)
{
  GrdQuoteList *self = GRD_QUOTE_LIST (object);

  grd_follow_project (&self->project, &self->changed_id, NULL, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (grd_quote_list_parent_class)->dispose (object);
}

static void
grd_quote_list_finalize (GObject *object)
{
  GrdQuoteList *self = GRD_QUOTE_LIST (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (grd_quote_list_parent_class)->finalize (object);
}

static void
grd_quote_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrdQuoteList *self = GRD_QUOTE_LIST (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_SUB_CODES:
      g_value_set_boolean (value, self->include_sub_codes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_quote_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrdQuoteList *self = GRD_QUOTE_LIST (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_SUB_CODES:
      if (self->include_sub_codes != g_value_get_boolean (value))
        {
          self->include_sub_codes = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          reload_or_warn (self, FALSE);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_quote_list_class_init (GrdQuoteListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_quote_list_dispose;
  object_class->finalize = grd_quote_list_finalize;
  object_class->get_property = grd_quote_list_get_property;
  object_class->set_property = grd_quote_list_set_property;

  properties[PROP_INCLUDE_SUB_CODES] =
    g_param_spec_boolean ("include-sub-codes", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrdQuoteList::quote-activated:
   * @coding_id: the coding the quote is
   * @source_id: its transcript
   * @start: where it starts, in code points
   * @end: where it ends
   *
   * The user wants to see the quote in its transcript.
   */
  signals[QUOTE_ACTIVATED] = g_signal_new ("quote-activated",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 4,
                                           G_TYPE_INT64, G_TYPE_INT64,
                                           G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quote-list");
}

static void
grd_quote_list_init (GrdQuoteList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkWidget *header;
  GtkWidget *scroller;

  self->include_sub_codes = TRUE;
  self->model = g_object_new (GRD_TYPE_QUOTE_MODEL, NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_bottom (header, 3);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->count_label, 0.0);
  gtk_label_set_ellipsize (self->count_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->count_label));

  self->sub_codes_button = gtk_check_button_new_with_label (_("Include sub-codes"));
  gtk_widget_set_tooltip_text (self->sub_codes_button,
                               _("Also list the passages coded with the code's sub-codes"));
  g_object_bind_property (self, "include-sub-codes", self->sub_codes_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (header), self->sub_codes_button);
  gtk_box_append (GTK_BOX (self->box), header);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection),
                                                      g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_list_view_set_show_separators (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "grd-quote-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quotes"),
                                  -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);

  update_count (self);
}

/* ---- public ----------------------------------------------------------- */

GtkWidget *
grd_quote_list_new (void)
{
  return g_object_new (GRD_TYPE_QUOTE_LIST, NULL);
}

void
grd_quote_list_set_project (GrdQuoteList *self,
                            GrdProject   *project)
{
  g_return_if_fail (GRD_IS_QUOTE_LIST (self));
  g_return_if_fail (project == NULL || GRD_IS_PROJECT (project));

  if (self->project == project)
    return;

  grd_follow_project (&self->project, &self->changed_id, project,
                      G_CALLBACK (on_project_changed), self);

  self->code_id = 0;
  reload_or_warn (self, FALSE);
}

void
grd_quote_list_set_code (GrdQuoteList *self,
                         gint64        code_id)
{
  g_return_if_fail (GRD_IS_QUOTE_LIST (self));
  g_return_if_fail (code_id == 0 || self->project != NULL);

  if (self->code_id == code_id)
    return;

  self->code_id = code_id;
  reload_or_warn (self, FALSE);
}

gint64
grd_quote_list_get_code (GrdQuoteList *self)
{
  g_return_val_if_fail (GRD_IS_QUOTE_LIST (self), 0);

  return self->code_id;
}

guint
grd_quote_list_get_n_quotes (GrdQuoteList *self)
{
  g_return_val_if_fail (GRD_IS_QUOTE_LIST (self), 0);

  return self->model->quotes->len;
}
