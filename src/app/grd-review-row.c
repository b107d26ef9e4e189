/* grd-review-row.c: one code of the theme hierarchy as a supervisor reviews it
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row says what the code is and how it stands (its state, open
 * threads, how its quotes were judged) and sets its state; expanded, a
 * second row under it shows the code's comment threads and its own
 * quotes, a page at a time, each quote with its own state and threads.
 * Sub-codes are rows of their own, below it. A new read from the page
 * updates what changed and leaves the rest (and the keyboard focus)
 * where it was.
 *
 * Not an AdwExpanderRow: in libadwaita 1.2 its title and subtitle always
 * wrap, and a wrapping label is laid out again at every width it is
 * measured at; with its inner list, revealer and boxes, 200 of them took
 * over a second to show. The content row is built on first expansion.
 */

#define G_LOG_DOMAIN "grd-review-row"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-review-row.h"
#include "grd-review-thread.h"
#include "grd-widget-util.h"

/* Quotes shown at first, and added by each Show More. */
#define QUOTES_PAGE     25
#define INDENT_PX       24
#define QUOTE_LINES     8
#define EXCERPT_CHARS   48

struct _GrdReviewCodeRow
{
  GtkListBoxRow     parent_instance;

  GrdProject       *project;
  gint64            code_id;
  guint             depth;
  char             *color;
  char             *subject;    /* “name”, as buttons and entries name the code */
  GPtrArray        *comments;   /* the code's, for a thread built later; or NULL */
  gboolean          expanded;
  gboolean          shown;

  GtkWidget        *swatch;
  GtkWidget        *title;
  GtkWidget        *subtitle;
  GtkWidget        *judgments;   /* how its quotes were judged, when they were */
  GtkWidget        *states;
  GtkWidget        *arrow;
  GtkWidget        *content;    /* the row below, empty until first expanded */

  GrdReviewThread  *thread;
  GtkWidget        *quotes_label;
  GtkWidget        *quotes_box;
  GtkWidget        *more_button;

  GHashTable       *quote_cards;       /* &coding id → its card, in quotes_box */
  char             *quotes_signature;  /* the coding ids of the cards */
  guint             limit;
};

G_DEFINE_FINAL_TYPE (GrdReviewCodeRow, grd_review_code_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  QUOTES_WANTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *label;
  const char *css;
} state_buttons[] = {
  [GRD_REVIEW_STATE_PROPOSED] = { N_("Proposed"), "proposed" },
  [GRD_REVIEW_STATE_ACCEPTED] = { N_("Accepted"), "accepted" },
  [GRD_REVIEW_STATE_NEEDS_WORK] = { N_("Needs Work"), "needs-work" },
};

/* A state's button, named with what it is for: "Accepted: “Trust”". */
static char *
state_button_label (GrdReviewState  state,
                    const char     *subject)
{
  switch (state)
    {
    case GRD_REVIEW_STATE_ACCEPTED:
      return g_strdup_printf (_("Accepted: %s"), subject);
    case GRD_REVIEW_STATE_NEEDS_WORK:
      return g_strdup_printf (_("Needs work: %s"), subject);
    case GRD_REVIEW_STATE_PROPOSED:
    default:
      return g_strdup_printf (_("Proposed: %s"), subject);
    }
}

const char *
grd_review_state_label (GrdReviewState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_buttons), NULL);

  return _(state_buttons[state].label);
}

/* ---- review states ---------------------------------------------------- */

/* state: a GrdReviewState, or -1 for none. */
static void
states_show (GtkWidget *states,
             int        state)
{
  g_object_set_data (G_OBJECT (states), "grd-current", GINT_TO_POINTER (state));
  for (GtkWidget *button = gtk_widget_get_first_child (states); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      int shows = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "grd-state"));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), shows == state);
    }
}

static int
state_of (const GrdReviewMark *mark)
{
  return mark != NULL ? (int) mark->state : -1;
}

/* A click sets that state, or clears it when it is the state already. */
static void
on_state_clicked (GtkToggleButton  *button,
                  GrdReviewCodeRow *self)
{
  GtkWidget *states = gtk_widget_get_parent (GTK_WIDGET (button));
  GrdReviewTarget target = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (states), "grd-target"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (states), "grd-id"));
  int current = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (states), "grd-current"));
  int state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "grd-state"));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = state == current
       ? grd_project_clear_review_state (self->project, target, id, &error)
       : grd_project_set_review_state (self->project, target, id, (GrdReviewState) state, &error);
  if (!ok)
    {
      states_show (states, current);
      grd_show_error (GTK_WIDGET (self), _("Could not set the review state"), error);
      return;
    }
  states_show (states, state == current ? -1 : state);
}

static GtkWidget *
states_new (GrdReviewCodeRow *self,
            GrdReviewTarget   target,
            gint64            id,
            const char       *subject)
{
  GtkWidget *states = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (states, "linked");
  gtk_widget_add_css_class (states, "review-states");
  gtk_widget_set_valign (states, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (states), "grd-target", GINT_TO_POINTER (target));
  g_object_set_data (G_OBJECT (states), "grd-id", GSIZE_TO_POINTER (id));

  for (guint i = 0; i < G_N_ELEMENTS (state_buttons); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(state_buttons[i].label));
      g_autofree char *accessible = state_button_label ((GrdReviewState) i, subject);

      gtk_widget_add_css_class (button, state_buttons[i].css);
      grd_set_new_tooltip (button, _("Click the state shown to clear it"));
      grd_set_accessible_label (button, accessible);
      g_object_set_data (G_OBJECT (button), "grd-state", GINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_state_clicked), self);
      gtk_box_append (GTK_BOX (states), button);
    }
  states_show (states, -1);
  return states;
}

/* "accepted by Ayu, 14:02" */
static char *
describe_mark (const GrdReviewMark *mark)
{
  g_autofree char *when = NULL;
  const char *who;

  if (mark == NULL)
    return g_strdup (_("not reviewed yet"));

  when = grd_format_time (mark->set_at);
  who = mark->coder_name != NULL ? mark->coder_name : _("someone");
  switch (mark->state)
    {
    case GRD_REVIEW_STATE_ACCEPTED:
      /* Translators: a review state, who set it and when */
      return g_strdup_printf (_("accepted by %s, %s"), who, when);
    case GRD_REVIEW_STATE_NEEDS_WORK:
      return g_strdup_printf (_("needs work, says %s, %s"), who, when);
    case GRD_REVIEW_STATE_PROPOSED:
    default:
      return g_strdup_printf (_("proposed by %s, %s"), who, when);
    }
}

/* ---- quotes ----------------------------------------------------------- */

static GtkWidget *
quote_card_new (GrdReviewCodeRow *self,
                const GrdQuote   *quote)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote->text);
  g_autofree char *excerpt = grd_text_excerpt (quote->text, EXCERPT_CHARS);
  g_autofree char *subject = g_strdup_printf (_("the quote “%s”"), excerpt);
  g_autofree char *accessible = NULL;
  g_autoptr(GString) where = g_string_new (quote->case_name != NULL ? quote->case_name
                                                                    : _("No case"));
  GtkWidget *text = gtk_label_new (quoted);
  GtkWidget *source, *states, *thread;

  g_string_append_printf (where, " · %s", quote->source_name);
  /* Transcripts often name the speaker after the case: said once is enough. */
  if (quote->speaker != NULL && g_strcmp0 (quote->speaker, quote->case_name) != 0)
    g_string_append_printf (where, " · %s", quote->speaker);
  if (quote->page > 0)
    /* Translators: the page of a PDF a quote is on */
    g_string_append_printf (where, _(" · page %u"), quote->page);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), QUOTE_LINES);
  /* The card is as wide as the page whatever the quote: asked its width
   * for a height, the label would otherwise search for it, shaping the
   * quote again at each width tried. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  source = gtk_label_new (where->str);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (words), text);
  gtk_box_append (GTK_BOX (words), source);

  states = states_new (self, GRD_REVIEW_TARGET_CODING, quote->coding_id, subject);
  gtk_widget_set_valign (states, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), words);
  gtk_box_append (GTK_BOX (top), states);

  thread = grd_review_thread_new (self->project, GRD_REVIEW_TARGET_CODING, quote->coding_id,
                                  subject);
  gtk_box_append (GTK_BOX (card), top);
  gtk_box_append (GTK_BOX (card), thread);

  gtk_widget_add_css_class (card, "review-quote");
  /* Translators: the accessible name of a quote: who said it, then its start */
  accessible = g_strdup_printf (_("Quote from %s: %s"), where->str, excerpt);
  grd_set_accessible_label (card, accessible);
  g_object_set_data (G_OBJECT (card), "grd-states", states);
  g_object_set_data (G_OBJECT (card), "grd-thread", thread);
  return card;
}

static void
clear_quotes (GrdReviewCodeRow *self)
{
  GtkWidget *child;

  if (self->quotes_box == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->quotes_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->quotes_box), child);
  g_hash_table_remove_all (self->quote_cards);
  g_clear_pointer (&self->quotes_signature, g_free);
}

static char *
quotes_signature (const GrdReviewQuotes *quotes)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < quotes->quotes->len; i++)
    g_string_append_printf (signature, "%" G_GINT64_FORMAT ",",
                            ((GrdQuote *) g_ptr_array_index (quotes->quotes, i))->coding_id);
  return g_string_free (signature, FALSE);
}

static char *
describe_quotes (const GrdCode         *code,
                 const GrdReviewQuotes *quotes,
                 GrdReviewFilter        filter)
{
  if (quotes == NULL)
    return g_strdup (_("Reading the quotes…"));
  if (filter == GRD_REVIEW_FILTER_NEEDS_WORK)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of its %u quotes needs work",
                                         "%u of its %u quotes need work", quotes->n_quotes),
                            quotes->n_quotes, code->n_codings);
  if (filter == GRD_REVIEW_FILTER_OPEN_COMMENTS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of its %u quotes has open comments",
                                         "%u of its %u quotes have open comments",
                                         quotes->n_quotes),
                            quotes->n_quotes, code->n_codings);
  if (quotes->n_quotes == 0)
    return g_strdup (code->n_children > 0
                     ? _("No quotes of its own: its sub-codes below hold them.")
                     : _("No quotes yet."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Its quote",
                                       "Its %u quotes, in transcript order", quotes->n_quotes),
                          quotes->n_quotes);
}

static void
update_quotes (GrdReviewCodeRow    *self,
               const GrdReviewData *data,
               const GrdCode       *code,
               GrdReviewFilter      filter)
{
  const GrdReviewQuotes *quotes = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *label = NULL;
  guint n_left;

  if (self->limit == 0)
    {
      clear_quotes (self);
      return;
    }

  quotes = g_hash_table_lookup (data->quotes, &self->code_id);
  label = describe_quotes (code, quotes, filter);
  gtk_label_set_text (GTK_LABEL (self->quotes_label), label);
  if (quotes == NULL)
    return;

  signature = quotes_signature (quotes);
  if (g_strcmp0 (signature, self->quotes_signature) != 0)
    {
      clear_quotes (self);
      for (guint i = 0; i < quotes->quotes->len; i++)
        {
          const GrdQuote *quote = g_ptr_array_index (quotes->quotes, i);
          GtkWidget *card = quote_card_new (self, quote);

          gtk_box_append (GTK_BOX (self->quotes_box), card);
          g_hash_table_insert (self->quote_cards, g_memdup2 (&quote->coding_id, sizeof (gint64)),
                               card);
        }
      self->quotes_signature = g_steal_pointer (&signature);
    }

  for (guint i = 0; i < quotes->quotes->len; i++)
    {
      const GrdQuote *quote = g_ptr_array_index (quotes->quotes, i);
      GtkWidget *card = g_hash_table_lookup (self->quote_cards, &quote->coding_id);

      states_show (g_object_get_data (G_OBJECT (card), "grd-states"),
                   state_of (grd_review_data_get_mark (data, GRD_REVIEW_TARGET_CODING,
                                                       quote->coding_id)));
      grd_review_thread_set_comments (g_object_get_data (G_OBJECT (card), "grd-thread"),
                                      grd_review_data_get_comments (data, GRD_REVIEW_TARGET_CODING,
                                                                    quote->coding_id));
    }

  n_left = quotes->n_quotes - quotes->quotes->len;
  gtk_widget_set_visible (self->more_button, n_left > 0);
  if (n_left > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Show %u More (%u not shown yet)",
                                                            "Show %u More (%u not shown yet)",
                                                            MIN (n_left, QUOTES_PAGE)),
                                               MIN (n_left, QUOTES_PAGE), n_left);

      gtk_button_set_label (GTK_BUTTON (self->more_button), more);
    }
}

static void
on_more_clicked (GrdReviewCodeRow *self)
{
  self->limit += QUOTES_PAGE;
  gtk_label_set_text (GTK_LABEL (self->quotes_label), _("Reading the quotes…"));
  g_signal_emit (self, signals[QUOTES_WANTED], 0);
}

/* ---- the row ---------------------------------------------------------- */

static char *
describe_code (const GrdReviewData *data,
               const GrdCode       *code)
{
  GPtrArray *comments = grd_review_data_get_comments (data, GRD_REVIEW_TARGET_CODE, code->id);
  guint n_open = grd_review_count_open_threads (comments);
  g_autofree char *mark = describe_mark (grd_review_data_get_mark (data, GRD_REVIEW_TARGET_CODE,
                                                                   code->id));
  GString *subtitle = g_string_new (NULL);

  if (code->kind != GRD_CODE_KIND_OPEN_CODE)
    g_string_append_printf (subtitle, "%s · ", grd_code_kind_caption (code->kind, FALSE));
  if (code->n_codings > 0 || code->n_children == 0)
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes",
                                                   code->n_codings), code->n_codings);
  else
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u quote in its sub-codes",
                                                   "%u quotes in its sub-codes",
                                                   code->n_codings_total),
                            code->n_codings_total);
  g_string_append_printf (subtitle, " · %s", mark);
  if (n_open > 0)
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, " · %u open comment thread",
                                                   " · %u open comment threads", n_open), n_open);
  return g_string_free (subtitle, FALSE);
}

/* "Its quotes: 2 accepted, 1 needs work", or NULL when none was judged
 * or commented on. */
static char *
describe_judgments (const GrdReviewData *data,
                    const GrdCode       *code)
{
  const GrdReviewTally *tally = grd_review_data_get_tally (data, code->id);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint n_needs_work;

  if (tally == NULL)
    return NULL;

  n_needs_work = tally->n_states[GRD_REVIEW_STATE_NEEDS_WORK];
  if (tally->n_states[GRD_REVIEW_STATE_ACCEPTED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u accepted"),
                                             tally->n_states[GRD_REVIEW_STATE_ACCEPTED]));
  if (n_needs_work > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs work",
                                                          "%u need work", n_needs_work),
                                             n_needs_work));
  if (tally->n_states[GRD_REVIEW_STATE_PROPOSED] > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%u proposed"),
                                             tally->n_states[GRD_REVIEW_STATE_PROPOSED]));
  if (tally->n_open_threads > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u open comment thread",
                                                          "%u open comment threads",
                                                          tally->n_open_threads),
                                             tally->n_open_threads));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  /* Translators: how the code's quotes were reviewed, e.g. "2 accepted, 1 need work" */
  return g_strdup_printf (_("Its quotes: %s"), joined);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GrdReviewCodeRow *self = user_data;

  grd_draw_color_swatch (area, cr, width, height, self->color);
}

/* ---- expanding --------------------------------------------------------- */

/* The code's threads, then its quotes: built when first wanted, since a
 * supervisor opens a few of the hundreds of codes. */
static void
build_content (GrdReviewCodeRow *self)
{
  GtkWidget *box;

  if (self->thread != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12 + INDENT_PX * (int) self->depth);
  gtk_widget_set_margin_end (box, 12);
  self->thread = GRD_REVIEW_THREAD (grd_review_thread_new (self->project, GRD_REVIEW_TARGET_CODE,
                                                           self->code_id, self->subject));
  grd_review_thread_set_comments (self->thread, self->comments);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->thread));
  self->quotes_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->quotes_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->quotes_label), TRUE);
  gtk_widget_add_css_class (self->quotes_label, "heading");
  gtk_box_append (GTK_BOX (box), self->quotes_label);
  self->quotes_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), self->quotes_box);
  self->more_button = gtk_button_new ();
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_START);
  gtk_widget_set_visible (self->more_button, FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked), self);
  gtk_box_append (GTK_BOX (box), self->more_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->content), box);
}

/* The content row is seen when the code's row is, expanded. */
static void
show_expansion (GrdReviewCodeRow *self)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow),
                                self->expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_widget_set_visible (self->content, self->shown && self->expanded);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED,
                               self->expanded, -1);
}

gboolean
grd_review_code_row_get_expanded (GrdReviewCodeRow *self)
{
  g_return_val_if_fail (GRD_IS_REVIEW_CODE_ROW (self), FALSE);

  return self->expanded;
}

void
grd_review_code_row_set_expanded (GrdReviewCodeRow *self,
                                  gboolean          expanded)
{
  g_return_if_fail (GRD_IS_REVIEW_CODE_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  if (!expanded)
    {
      self->limit = 0;
      clear_quotes (self);
      gtk_widget_set_visible (self->more_button, FALSE);
      show_expansion (self);
      return;
    }

  build_content (self);
  show_expansion (self);
  self->limit = QUOTES_PAGE;
  gtk_label_set_text (GTK_LABEL (self->quotes_label), _("Reading the quotes…"));
  g_signal_emit (self, signals[QUOTES_WANTED], 0);
}

void
grd_review_code_row_restore (GrdReviewCodeRow *self,
                             guint             limit)
{
  g_return_if_fail (GRD_IS_REVIEW_CODE_ROW (self));

  self->expanded = limit > 0;
  if (self->expanded)
    build_content (self);
  show_expansion (self);
  self->limit = limit;
}

void
grd_review_code_row_set_shown (GrdReviewCodeRow *self,
                               gboolean          shown)
{
  g_return_if_fail (GRD_IS_REVIEW_CODE_ROW (self));

  self->shown = !!shown;
  gtk_widget_set_visible (GTK_WIDGET (self), self->shown);
  show_expansion (self);
}

GtkWidget *
grd_review_code_row_get_content (GrdReviewCodeRow *self)
{
  g_return_val_if_fail (GRD_IS_REVIEW_CODE_ROW (self), NULL);

  return self->content;
}

/* ---- the row ---------------------------------------------------------- */

void
grd_review_code_row_update (GrdReviewCodeRow    *self,
                            const GrdReviewData *data,
                            const GrdCode       *code,
                            GrdReviewFilter      filter)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *judgments = NULL;
  GPtrArray *comments;

  g_return_if_fail (GRD_IS_REVIEW_CODE_ROW (self));
  g_return_if_fail (code->id == self->code_id);

  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->title)), code->name) != 0)
    {
      gtk_label_set_text (GTK_LABEL (self->title), code->name);
      grd_set_accessible_label (GTK_WIDGET (self), code->name);
    }
  subtitle = describe_code (data, code);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->subtitle)), subtitle) != 0)
    gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
  judgments = describe_judgments (data, code);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->judgments)), judgments) != 0)
    gtk_label_set_text (GTK_LABEL (self->judgments), judgments);
  gtk_widget_set_visible (self->judgments, judgments != NULL);
  if (g_strcmp0 (self->color, code->color) != 0)
    {
      g_free (self->color);
      self->color = g_strdup (code->color);
      gtk_widget_queue_draw (self->swatch);
    }

  states_show (self->states, state_of (grd_review_data_get_mark (data, GRD_REVIEW_TARGET_CODE,
                                                                 code->id)));
  comments = grd_review_data_get_comments (data, GRD_REVIEW_TARGET_CODE, code->id);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  if (comments != NULL)
    self->comments = g_ptr_array_ref (comments);
  if (self->thread != NULL)
    grd_review_thread_set_comments (self->thread, self->comments);
  update_quotes (self, data, code, filter);
}

gint64
grd_review_code_row_get_code_id (GrdReviewCodeRow *self)
{
  g_return_val_if_fail (GRD_IS_REVIEW_CODE_ROW (self), 0);

  return self->code_id;
}

guint
grd_review_code_row_get_quote_limit (GrdReviewCodeRow *self)
{
  g_return_val_if_fail (GRD_IS_REVIEW_CODE_ROW (self), 0);

  return self->limit;
}

static void
grd_review_code_row_dispose (GObject *object)
{
  GrdReviewCodeRow *self = GRD_REVIEW_CODE_ROW (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  g_clear_object (&self->content);

  G_OBJECT_CLASS (grd_review_code_row_parent_class)->dispose (object);
}

static void
grd_review_code_row_finalize (GObject *object)
{
  GrdReviewCodeRow *self = GRD_REVIEW_CODE_ROW (object);

  g_free (self->color);
  g_free (self->subject);
  g_free (self->quotes_signature);
  g_hash_table_unref (self->quote_cards);

  G_OBJECT_CLASS (grd_review_code_row_parent_class)->finalize (object);
}

static void
grd_review_code_row_class_init (GrdReviewCodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grd_review_code_row_dispose;
  object_class->finalize = grd_review_code_row_finalize;

  signals[QUOTES_WANTED] = g_signal_new ("quotes-wanted", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
grd_review_code_row_init (GrdReviewCodeRow *self)
{
  self->quote_cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->shown = TRUE;
}

/* Read when shown, not set with each new status: setting a visible
 * widget's tooltip text costs a round trip to the X server. */
static gboolean
on_text_query_tooltip (GtkWidget        *text,
                       int               x,
                       int               y,
                       gboolean          keyboard,
                       GtkTooltip       *tooltip,
                       GrdReviewCodeRow *self)
{
  g_autoptr(GString) whole = g_string_new (gtk_label_get_text (GTK_LABEL (self->title)));

  g_string_append_printf (whole, "\n%s", gtk_label_get_text (GTK_LABEL (self->subtitle)));
  if (gtk_widget_get_visible (self->judgments))
    g_string_append_printf (whole, "\n%s", gtk_label_get_text (GTK_LABEL (self->judgments)));
  gtk_tooltip_set_text (tooltip, whole->str);
  return TRUE;
}

GtkWidget *
grd_review_code_row_new (GrdProject    *project,
                         const GrdCode *code)
{
  GrdReviewCodeRow *self;
  g_autofree char *content_label = NULL;
  GtkWidget *box, *text;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  self = g_object_new (GRD_TYPE_REVIEW_CODE_ROW, NULL);
  self->project = g_object_ref (project);
  self->code_id = code->id;
  self->depth = code->depth;
  self->color = g_strdup (code->color);
  self->subject = g_strdup_printf (_("“%s”"), code->name);

  /* Laid out as an action row (summary-row), the tree's depth as
   * indentation before the code's colour. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->swatch), 12);
  gtk_widget_set_valign (self->swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (self->swatch, INDENT_PX * (int) code->depth);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->swatch), draw_swatch, self, NULL);
  gtk_box_append (GTK_BOX (box), self->swatch);

  /* Name and status one line each, cut short with the whole in the
   * tooltip: a wrapping label is laid out again at every width it is
   * measured at, and 200 of them doubled the time the page took. */
  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_margin_bottom (text, 6);
  gtk_widget_set_has_tooltip (text, TRUE);
  g_signal_connect (text, "query-tooltip", G_CALLBACK (on_text_query_tooltip), self);
  self->title = grd_summary_label_new (code->name, "title");
  gtk_box_append (GTK_BOX (text), self->title);
  self->subtitle = grd_summary_label_new (NULL, "subtitle");
  gtk_box_append (GTK_BOX (text), self->subtitle);
  self->judgments = grd_summary_label_new (NULL, "subtitle");
  gtk_widget_set_visible (self->judgments, FALSE);
  gtk_box_append (GTK_BOX (text), self->judgments);
  gtk_box_append (GTK_BOX (box), text);

  self->states = states_new (self, GRD_REVIEW_TARGET_CODE, code->id, self->subject);
  gtk_box_append (GTK_BOX (box), self->states);
  self->arrow = gtk_image_new_from_icon_name ("pan-end-symbolic");
  gtk_widget_add_css_class (self->arrow, "dim-label");
  gtk_box_append (GTK_BOX (box), self->arrow);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "summary-row");
  grd_set_accessible_label (GTK_WIDGET (self), code->name);

  /* Its own row, so a click on a quote's words does not fold the code. */
  self->content = g_object_ref_sink (gtk_list_box_row_new ());
  content_label = g_strdup_printf (_("Comments and quotes of %s"), self->subject);
  grd_set_accessible_label (self->content, content_label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->content), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->content), FALSE);
  gtk_widget_add_css_class (self->content, "review-content");
  show_expansion (self);
  return GTK_WIDGET (self);
}
