/* grd-axial-view.c: relating and grouping codes, with hints from the data
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Axial coding as a page of its own: the relations between codes, what the
 * data suggests (open codes not yet placed, codes coded together, names
 * that look alike), each with the action it calls for, and every theme
 * with the cases its quotes come from. It reads the project when shown
 * and after each change while shown, never while hidden.
 */

#define G_LOG_DOMAIN "grd-axial-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-axial-view.h"
#include "grd-code-chooser.h"
#include "grd-dialogs.h"
#include "grd-job.h"
#include "grd-new-relation-dialog.h"
#include "grd-page-reader.h"
#include "grd-relation-dialog.h"
#include "grd-relation-text.h"
#include "grd-widget-util.h"

/* Co-occurrence hints need this many shared passages or turns, and at most
 * this many are shown: past that they are noise. */
#define MIN_PAIRS        2
#define MAX_COOCCURRING  30
/* Look-alike names are shown up to this many pairs, then counted: a code
 * book imported from a messy tool can have hundreds. */
#define MAX_SIMILAR      30
/* Themes name their cases one by one up to this many. */
#define MAX_CASES_NAMED  8

struct _GrdAxialView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  GtkListBox     *relations_list;
  GtkListBox     *unplaced_list;
  GtkListBox     *cooccurring_list;
  GtkListBox     *similar_list;
  GtkListBox     *themes_list;

  GrdPageReader  *reader;
  GPtrArray      *codes;         /* GrdCode, tree order: for names */
};

G_DEFINE_FINAL_TYPE (GrdAxialView, grd_axial_view, GTK_TYPE_WIDGET)

static GrdProject *
project_of (GrdAxialView *self)
{
  return grd_page_reader_get_project (self->reader);
}

static const GrdCode *
find_code (GrdAxialView *self,
           gint64        code_id)
{
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    if (((GrdCode *) g_ptr_array_index (self->codes, i))->id == code_id)
      return g_ptr_array_index (self->codes, i);
  return NULL;
}

static const char *
code_name (GrdAxialView *self,
           gint64        code_id)
{
  const GrdCode *code = find_code (self, code_id);

  return code != NULL ? code->name : "?";
}

static GtkWidget *
row_button (GtkWidget  *row,
            const char *label,
            const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  grd_summary_row_add_suffix (row, button);
  return button;
}

static void
report_error (GrdAxialView *self,
              const char   *heading,
              GError       *error)
{
  grd_show_error (GTK_WIDGET (self), heading, error);
}

/* ---- relations -------------------------------------------------------- */

static void
on_delete_relation (GtkButton    *button,
                    GrdAxialView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-relation"));
  g_autoptr(GError) error = NULL;

  if (!grd_project_delete_relation (project_of (self), id, &error))
    report_error (self, _("Could not delete the relation"), error);
  else
    grd_show_undo_toast (GTK_WIDGET (self), _("Relation deleted"));
}

static void
on_edit_relation (GtkButton    *button,
                  GrdAxialView *self)
{
  gint64 relation_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-relation"));

  grd_relation_dialog_present (GTK_WIDGET (self), project_of (self), relation_id);
}

/* n_evidence: per relation, in the order of relations */
static void
fill_relations (GrdAxialView *self,
                GPtrArray    *relations,
                GArray       *n_evidence)
{
  grd_list_box_clear (self->relations_list);
  if (relations->len == 0)
    grd_list_box_append_placeholder (self->relations_list,
                                     _("No relations yet: relate two codes with New Relation, "
                                       "or from a suggestion below."));

  for (guint i = 0; i < relations->len; i++)
    {
      const GrdRelation *relation = g_ptr_array_index (relations, i);
      guint n_quotes = g_array_index (n_evidence, guint, i);
      g_autofree char *title = grd_relation_sentence (relation,
                                                      code_name (self, relation->from_code_id),
                                                      code_name (self, relation->to_code_id));
      g_autofree char *evidence = n_quotes == 0
                                    ? g_strdup (_("No evidence yet"))
                                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%u quote as evidence",
                                                                    "%u quotes as evidence",
                                                                    n_quotes),
                                                       n_quotes);
      gboolean has_memo = relation->memo != NULL && *relation->memo != '\0';
      g_autofree char *subtitle = has_memo ? g_strdup_printf ("%s · %s", evidence, relation->memo)
                                           : g_steal_pointer (&evidence);
      GtkWidget *row = grd_summary_row_new (title, subtitle);
      g_autofree char *edit_accessible =
        g_strdup_printf (_("Memo and evidence of the relation: %s"), title);
      g_autofree char *delete_accessible = g_strdup_printf (_("Delete the relation: %s"), title);
      GtkWidget *edit = row_button (row, _("_Memo and Evidence…"), edit_accessible);
      GtkWidget *delete = row_button (row, NULL, delete_accessible);

      gtk_widget_add_css_class (edit, "flat");
      g_object_set_data (G_OBJECT (edit), "grd-relation", GSIZE_TO_POINTER (relation->id));
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_relation), self);
      gtk_button_set_icon_name (GTK_BUTTON (delete), "user-trash-symbolic");
      gtk_widget_add_css_class (delete, "flat");
      grd_set_new_tooltip (delete, _("Delete Relation"));
      g_object_set_data (G_OBJECT (delete), "grd-relation", GSIZE_TO_POINTER (relation->id));
      g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_relation), self);
      gtk_list_box_append (self->relations_list, row);
    }
}

static void
add_relation (GrdAxialView    *self,
              gint64           from,
              gint64           to,
              GrdRelationKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (grd_project_add_relation (project_of (self), from, to, kind, NULL, NULL, &error) <= 0)
    {
      report_error (self, _("Could not relate the codes"), error);
      return;
    }
  title = grd_relation_sentence (&(GrdRelation) { .kind = kind }, code_name (self, from),
                                 code_name (self, to));
  grd_show_undo_toast (GTK_WIDGET (self), title);
}

static void
on_new_relation_clicked (GrdAxialView *self)
{
  grd_new_relation_dialog_present (GTK_WIDGET (self), project_of (self), 0, 0);
}

/* ---- hints ------------------------------------------------------------ */

static void
on_parent_chosen (GrdCodeChooser *chooser,
                  gint64          parent_id,
                  GrdAxialView   *self)
{
  gint64 code_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "grd-code"));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!grd_project_move_code (project_of (self), code_id, parent_id, -1, &error))
    {
      report_error (self, _("Could not place the code"), error);
      return;
    }
  title = g_strdup_printf (_("“%s” placed under “%s”"), code_name (self, code_id),
                           code_name (self, parent_id));
  grd_show_undo_toast (GTK_WIDGET (self), title);
}

static void
on_place_clicked (GtkButton    *button,
                  GrdAxialView *self)
{
  gint64 code_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-code"));
  GtkWidget *chooser = grd_code_chooser_new (project_of (self), _("Place Under"), FALSE);

  grd_code_chooser_set_excluded (GRD_CODE_CHOOSER (chooser), code_id);
  g_object_set_data (G_OBJECT (chooser), "grd-code", GSIZE_TO_POINTER (code_id));
  g_signal_connect_object (chooser, "code-chosen", G_CALLBACK (on_parent_chosen), self, 0);
  /* Parented here: this widget presents its popovers. */
  grd_popover_popup_at (GTK_POPOVER (chooser), GTK_WIDGET (self), GTK_WIDGET (button));
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   GrdAxialView     *self)
{
  gint64 from = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "grd-from"));
  gint64 into = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "grd-into"));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "merge") || project_of (self) == NULL)
    return;

  title = g_strdup_printf (_("“%s” merged into “%s”"), code_name (self, from), code_name (self, into));
  if (!grd_project_merge_codes (project_of (self), from, into, &error))
    report_error (self, _("Could not merge the codes"), error);
  else
    grd_show_undo_toast (GTK_WIDGET (self), title);
}

static void
on_merge_clicked (GtkButton    *button,
                  GrdAxialView *self)
{
  gint64 from = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-from"));
  gint64 into = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-into"));
  g_autofree char *heading = g_strdup_printf (_("Merge “%s” into “%s”?"), code_name (self, from),
                                              code_name (self, into));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading,
                                              _("Its quotes and sub-codes move to the other code. You can undo it."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "grd-from", GSIZE_TO_POINTER (from));
  g_object_set_data (G_OBJECT (dialog), "grd-into", GSIZE_TO_POINTER (into));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_relate_kind_chosen (GtkButton    *button,
                       GrdAxialView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  gint64 from = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "grd-from"));
  gint64 to = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "grd-to"));
  guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "grd-kind"));

  gtk_popover_popdown (GTK_POPOVER (popover));
  add_relation (self, from, to, grd_relation_kind_nth (kind));
}

/* A relation of the project's own types, or with a memo: the whole form. */
static void
on_relate_other_clicked (GtkButton    *button,
                         GrdAxialView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  gint64 from = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "grd-from"));
  gint64 to = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "grd-to"));

  gtk_popover_popdown (GTK_POPOVER (popover));
  grd_new_relation_dialog_present (GTK_WIDGET (self), project_of (self), from, to);
}

static void
on_relate_closed (GtkPopover *popover)
{
  g_idle_add_once ((GSourceOnceFunc) gtk_widget_unparent, popover);
}

/* "A … B": one button per kind of relation, read as a sentence. */
static void
on_relate_clicked (GtkButton    *button,
                   GrdAxialView *self)
{
  gint64 from = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-from"));
  gint64 to = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-to"));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (code_name (self, from));

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i <= grd_relation_kind_count (); i++)
    {
      gboolean other = i == grd_relation_kind_count ();
      g_autofree char *label = NULL;
      GtkWidget *kind;

      if (other)
        label = g_strdup (_("Another Type, or With a Memo…"));
      else
        label = g_strdup_printf ("%s “%s”", grd_relation_kind_reading (grd_relation_kind_nth (i)),
                                 code_name (self, to));
      kind = gtk_button_new_with_label (label);
      gtk_widget_add_css_class (kind, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (kind)), GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (kind), "grd-kind", GUINT_TO_POINTER (i));
      g_signal_connect (kind, "clicked", other ? G_CALLBACK (on_relate_other_clicked)
                                               : G_CALLBACK (on_relate_kind_chosen), self);
      gtk_box_append (GTK_BOX (box), kind);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "grd-from", GSIZE_TO_POINTER (from));
  g_object_set_data (G_OBJECT (popover), "grd-to", GSIZE_TO_POINTER (to));
  g_signal_connect (popover, "closed", G_CALLBACK (on_relate_closed), NULL);
  grd_popover_popup_at (GTK_POPOVER (popover), GTK_WIDGET (self), GTK_WIDGET (button));
}

static void
fill_hints (GrdAxialView *self,
            GPtrArray    *hints)
{
  guint n_unplaced = 0, n_similar = 0, n_cooccurring = 0;

  grd_list_box_clear (self->unplaced_list);
  grd_list_box_clear (self->similar_list);
  grd_list_box_clear (self->cooccurring_list);

  for (guint i = 0; i < hints->len; i++)
    {
      const GrdAxialHint *hint = g_ptr_array_index (hints, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *row, *button;

      switch (hint->kind)
        {
        case GRD_HINT_UNPLACED:
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes",
                                                   hint->n_codings), hint->n_codings);
          row = grd_summary_row_new (hint->name_a, subtitle);
          accessible = g_strdup_printf (_("Place “%s” under a theme"), hint->name_a);
          button = row_button (row, _("_Place Under…"), accessible);
          g_object_set_data (G_OBJECT (button), "grd-code", GSIZE_TO_POINTER (hint->code_a));
          g_signal_connect (button, "clicked", G_CALLBACK (on_place_clicked), self);
          gtk_list_box_append (self->unplaced_list, row);
          n_unplaced++;
          break;

        case GRD_HINT_SIMILAR_NAMES:
          if (n_similar++ >= MAX_SIMILAR)
            break;
          title = g_strdup_printf ("%s · %s", hint->name_a, hint->name_b);
          row = grd_summary_row_new (title, NULL);
          accessible = g_strdup_printf (_("Merge “%s” into “%s”"), hint->name_b, hint->name_a);
          button = row_button (row, _("_Merge…"), accessible);
          g_object_set_data (G_OBJECT (button), "grd-from", GSIZE_TO_POINTER (hint->code_b));
          g_object_set_data (G_OBJECT (button), "grd-into", GSIZE_TO_POINTER (hint->code_a));
          g_signal_connect (button, "clicked", G_CALLBACK (on_merge_clicked), self);
          gtk_list_box_append (self->similar_list, row);
          break;

        case GRD_HINT_COOCCURRENCE:
          title = g_strdup_printf ("%s · %s", hint->name_a, hint->name_b);
          /* Translators: pairs of codings on shared text, and starting in one turn */
          subtitle = g_strdup_printf (_("Same passage: %u · same turn: %u"),
                                      hint->n_overlapping, hint->n_same_turn);
          row = grd_summary_row_new (title, subtitle);
          accessible = g_strdup_printf (_("Relate “%s” and “%s”"), hint->name_a, hint->name_b);
          button = row_button (row, _("_Relate…"), accessible);
          g_object_set_data (G_OBJECT (button), "grd-from", GSIZE_TO_POINTER (hint->code_a));
          g_object_set_data (G_OBJECT (button), "grd-to", GSIZE_TO_POINTER (hint->code_b));
          g_signal_connect (button, "clicked", G_CALLBACK (on_relate_clicked), self);
          gtk_list_box_append (self->cooccurring_list, row);
          n_cooccurring++;
          break;

        default:
          break;
        }
    }

  if (n_unplaced == 0)
    grd_list_box_append_placeholder (self->unplaced_list, _("Every open code has its place."));
  if (n_cooccurring == 0)
    grd_list_box_append_placeholder (self->cooccurring_list,
                                     _("No two unrelated codes share passages often."));
  if (n_similar == 0)
    grd_list_box_append_placeholder (self->similar_list, _("No two code names look alike."));
  else if (n_similar > MAX_SIMILAR)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more pair; merge some of these first.",
                                                            "And %u more pairs; merge some of these first.",
                                                            n_similar - MAX_SIMILAR),
                                               n_similar - MAX_SIMILAR);

      grd_list_box_append_placeholder (self->similar_list, more);
    }
}

/* ---- themes by case --------------------------------------------------- */

static int
compare_names (const void *a,
               const void *b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* A theme's row as the worker words it: its counts by case take a pass
 * over every cell of its subtree, which at 1,000 cases is not main-thread
 * work. */
typedef struct {
  char  *name;
  guint  depth;
  char  *subtitle;
} ThemeRow;

static void
theme_row_free (ThemeRow *row)
{
  g_free (row->name);
  g_free (row->subtitle);
  g_free (row);
}

static GPtrArray *
summarize_themes (GPtrArray *codes,
                  GPtrArray *frequencies)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) theme_row_free);

  /* A code's counts by case, its own; themes add up their subtree. */
  for (guint i = 0; i < frequencies->len; i++)
    {
      GrdFrequency *cell = g_ptr_array_index (frequencies, i);
      GPtrArray *cells = g_hash_table_lookup (by_code, &cell->code_id);

      if (cells == NULL)
        {
          cells = g_ptr_array_new ();
          g_hash_table_insert (by_code, &cell->code_id, cells);
        }
      g_ptr_array_add (cells, cell);
    }

  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      g_autoptr(GHashTable) cases = NULL;
      g_autoptr(GString) spread = NULL;
      g_autofree char *quotes = NULL;
      g_autofree char *from_cases = NULL;
      ThemeRow *row;
      guint n_quotes = 0;

      if (code->kind == GRD_CODE_KIND_OPEN_CODE)
        continue;

      /* The subtree: the codes after this one, deeper than it. */
      cases = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = i; j < codes->len; j++)
        {
          const GrdCode *below = g_ptr_array_index (codes, j);
          GPtrArray *cells;

          if (j > i && below->depth <= code->depth)
            break;
          cells = g_hash_table_lookup (by_code, &below->id);
          for (guint k = 0; cells != NULL && k < cells->len; k++)
            {
              GrdFrequency *cell = g_ptr_array_index (cells, k);
              const char *group = cell->group != NULL ? cell->group : _("No case");

              g_hash_table_insert (cases, (gpointer) group,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cases, group))
                                                     + cell->n_codings));
              n_quotes += cell->n_codings;
            }
        }

      spread = g_string_new (NULL);
      if (g_hash_table_size (cases) <= MAX_CASES_NAMED)
        {
          guint n_names = 0;
          g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (cases, &n_names);

          qsort (names, n_names, sizeof (char *), compare_names);
          for (guint k = 0; k < n_names; k++)
            {
              if (k > 0)
                g_string_append (spread, " · ");
              /* Translators: a case and how many of the theme's quotes come from it */
              g_string_append_printf (spread, _("%s: %u"), names[k],
                                      GPOINTER_TO_UINT (g_hash_table_lookup (cases, names[k])));
            }
        }

      /* Translators: how many quotes a theme has, then "from N cases" */
      quotes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n_quotes),
                                n_quotes);
      from_cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "from %u case", "from %u cases",
                                                 g_hash_table_size (cases)),
                                    g_hash_table_size (cases));
      row = g_new0 (ThemeRow, 1);
      row->name = g_strdup (code->name);
      row->depth = code->depth;
      /* Translators: a theme's kind, its quotes, "from N cases", then each case's count */
      row->subtitle = g_strdup_printf (_("%s · %s %s%s%s"), grd_code_kind_caption (code->kind, FALSE),
                                       quotes, from_cases, spread->len > 0 ? ": " : "", spread->str);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

static void
fill_themes (GrdAxialView *self,
             GPtrArray    *themes)
{
  grd_list_box_clear (self->themes_list);

  for (guint i = 0; i < themes->len; i++)
    {
      const ThemeRow *theme = g_ptr_array_index (themes, i);
      GtkWidget *row = grd_summary_row_new (theme->name, theme->subtitle);

      gtk_widget_set_margin_start (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)),
                                   (int) theme->depth * 24);
      gtk_list_box_append (self->themes_list, row);
    }

  if (themes->len == 0)
    grd_list_box_append_placeholder (self->themes_list,
                                     _("No themes yet: right-click a code in the code tree "
                                       "and choose Kind (sub-theme, theme, aggregate dimension)."));
}

/* ---- reading the project ---------------------------------------------- */

/* What the page shows, read on a worker: at 200,000 codings the hints and
 * the counts by case take a few tenths of a second. */
typedef struct {
  GPtrArray *codes;
  GPtrArray *relations;
  GArray    *n_evidence;   /* guint per relation */
  GPtrArray *hints;
  GPtrArray *themes;       /* ThemeRow */
} AxialData;

static void
axial_data_free (AxialData *data)
{
  g_clear_pointer (&data->codes, g_ptr_array_unref);
  g_clear_pointer (&data->relations, g_ptr_array_unref);
  g_clear_pointer (&data->n_evidence, g_array_unref);
  g_clear_pointer (&data->hints, g_ptr_array_unref);
  g_clear_pointer (&data->themes, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AxialData, axial_data_free)

/* The hints and the counts by case each sweep every coding. */
static gpointer
read_hints (GrdProject      *worker,
            gpointer         input,
            GrdJobProgress  *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  return grd_axial_hints (worker, MIN_PAIRS, MAX_COOCCURRING, cancellable, error);
}

static gpointer
read_axial (GrdProject      *worker,
            gpointer         input,
            GrdJobProgress  *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(AxialData) data = g_new0 (AxialData, 1);
  g_autoptr(GPtrArray) frequencies = NULL;
  g_autoptr(GrdJobBeside) hints = grd_job_beside_start (worker, read_hints, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref,
                                                        cancellable);

  if ((data->codes = grd_project_list_codes (worker, error)) == NULL ||
      (data->relations = grd_project_list_relations (worker, error)) == NULL ||
      (frequencies = grd_query_frequencies (worker, GRD_GROUP_BY_CASE, 0, FALSE, cancellable,
                                            error)) == NULL ||
      (data->hints = grd_job_beside_finish (g_steal_pointer (&hints), error)) == NULL)
    return NULL;

  data->themes = summarize_themes (data->codes, frequencies);
  data->n_evidence = g_array_sized_new (FALSE, FALSE, sizeof (guint), data->relations->len);
  for (guint i = 0; i < data->relations->len; i++)
    {
      const GrdRelation *relation = g_ptr_array_index (data->relations, i);
      g_autoptr(GArray) evidence = grd_project_list_relation_evidence (worker, relation->id, error);

      if (evidence == NULL)
        return NULL;
      g_array_append_val (data->n_evidence, evidence->len);
    }

  return g_steal_pointer (&data);
}

static void
on_axial_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrdAxialView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AxialData) data = grd_job_finish (GRD_PROJECT (object), result, &error);

  if (!grd_page_reader_end (self->reader, error))
    return;
  if (data == NULL)
    {
      report_error (self, _("Could not read the codes"), error);
      return;
    }

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->codes = g_steal_pointer (&data->codes);
  fill_relations (self, data->relations, data->n_evidence);
  fill_hints (self, data->hints);
  fill_themes (self, data->themes);
}

static void
refresh (GrdAxialView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);
  if (reading == NULL)
    return;

  grd_job_run_async (project_of (self), read_axial, NULL, NULL,
                     (GDestroyNotify) axial_data_free, 0, reading, NULL, NULL, on_axial_read,
                     g_object_ref (self));
}

static void
grd_axial_view_map (GtkWidget *widget)
{
  GrdAxialView *self = GRD_AXIAL_VIEW (widget);

  GTK_WIDGET_CLASS (grd_axial_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_axial_view_dispose (GObject *object)
{
  GrdAxialView *self = GRD_AXIAL_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_AXIAL_VIEW);

  G_OBJECT_CLASS (grd_axial_view_parent_class)->dispose (object);
}

static void
grd_axial_view_finalize (GObject *object)
{
  GrdAxialView *self = GRD_AXIAL_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);

  G_OBJECT_CLASS (grd_axial_view_parent_class)->finalize (object);
}

static void
grd_axial_view_class_init (GrdAxialViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_axial_view_dispose;
  object_class->finalize = grd_axial_view_finalize;
  widget_class->map = grd_axial_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/grd-axial-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdAxialView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GrdAxialView, relations_list);
  gtk_widget_class_bind_template_child (widget_class, GrdAxialView, unplaced_list);
  gtk_widget_class_bind_template_child (widget_class, GrdAxialView, cooccurring_list);
  gtk_widget_class_bind_template_child (widget_class, GrdAxialView, similar_list);
  gtk_widget_class_bind_template_child (widget_class, GrdAxialView, themes_list);
  gtk_widget_class_bind_template_callback (widget_class, on_new_relation_clicked);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_axial_view_init (GrdAxialView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = grd_page_reader_new (GTK_WIDGET (self), GRD_CHANGE_CODES | GRD_CHANGE_CODINGS | GRD_CHANGE_RELATIONS | GRD_CHANGE_CASES | GRD_CHANGE_SOURCES,
                                      (void (*) (GtkWidget *)) refresh);
}

GtkWidget *
grd_axial_view_new (void)
{
  return g_object_new (GRD_TYPE_AXIAL_VIEW, NULL);
}

gboolean
grd_axial_view_get_loading (const GrdAxialView *self)
{
  g_return_val_if_fail (GRD_IS_AXIAL_VIEW ((gpointer) self), FALSE);

  return grd_page_reader_get_loading (self->reader);
}

void
grd_axial_view_set_project (GrdAxialView *self,
                            GrdProject   *project)
{
  g_return_if_fail (GRD_IS_AXIAL_VIEW (self));


  grd_page_reader_set_project (self->reader, project);
}
