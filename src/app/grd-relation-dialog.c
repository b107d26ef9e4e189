/* grd-relation-dialog.c: a relation's memo and evidence
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The memo says why the data suggests the relation; evidence codings are
 * the quotes that show it, attached from the quotes of its two codes.
 * Saving the memo, attaching and detaching are one core call and one undo
 * step each. Everything is read again after each change while the dialog
 * is open (an undo included), the memo only while it holds no edit.
 */

#define G_LOG_DOMAIN "grd-relation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-relation-dialog.h"
#include "grd-relation-text.h"
#include "grd-widget-util.h"

struct _GrdRelationDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkWidget           *save_memo_button;
  GtkTextView         *memo_view;
  GtkListBox          *evidence_list;
  AdwPreferencesGroup *from_group;
  GtkListBox          *from_list;
  AdwPreferencesGroup *to_group;
  GtkListBox          *to_list;

  GrdProject          *project;
  gint64               relation_id;
  gboolean             saving;   /* our own memo edit: keep what is typed */
};

G_DEFINE_FINAL_TYPE (GrdRelationDialog, grd_relation_dialog, ADW_TYPE_WINDOW)

static char *
memo_text (GrdRelationDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
save_memo (GrdRelationDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  g_autofree char *text = memo_text (self);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (!gtk_text_buffer_get_modified (buffer))
    return;

  self->saving = TRUE;
  saved = grd_project_set_relation_memo (self->project, self->relation_id, text, &error);
  self->saving = FALSE;
  if (!saved)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not save the memo"), error);
      return;
    }
  gtk_text_buffer_set_modified (buffer, FALSE);
}

static void
on_memo_modified (GtkTextBuffer     *buffer,
                  GrdRelationDialog *self)
{
  gtk_widget_set_sensitive (self->save_memo_button, gtk_text_buffer_get_modified (buffer));
}

/* Closing keeps what was typed. */
static gboolean
grd_relation_dialog_close_request (GtkWindow *window)
{
  save_memo (GRD_RELATION_DIALOG (window));

  return GTK_WINDOW_CLASS (grd_relation_dialog_parent_class)->close_request (window);
}

static void
on_evidence_button_clicked (GtkButton         *button,
                            GrdRelationDialog *self)
{
  gint64 coding_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-coding"));
  gboolean attach = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "grd-attach"));
  g_autoptr(GError) error = NULL;

  if (attach ? !grd_project_add_relation_evidence (self->project, self->relation_id, coding_id,
                                                   &error)
             : !grd_project_remove_relation_evidence (self->project, self->relation_id,
                                                      coding_id, &error))
    grd_show_error (GTK_WIDGET (self),
                    attach ? _("Could not attach the quote") : _("Could not detach the quote"),
                    error);
}

static GtkWidget *
evidence_button (GrdRelationDialog *self,
                 const GrdQuote    *quote,
                 gboolean           attach)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (attach ? _("_Attach") : _("_Detach"));
  g_autofree char *accessible = g_strdup_printf (attach ? _("Attach as evidence: %s")
                                                        : _("Detach from the evidence: %s"),
                                                 quote->text);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "grd-coding", GSIZE_TO_POINTER (quote->coding_id));
  g_object_set_data (G_OBJECT (button), "grd-attach", GINT_TO_POINTER (attach));
  g_signal_connect (button, "clicked", G_CALLBACK (on_evidence_button_clicked), self);
  return button;
}

static gboolean
is_evidence (GArray *evidence,
             gint64  coding_id)
{
  for (guint i = 0; i < evidence->len; i++)
    if (g_array_index (evidence, gint64, i) == coding_id)
      return TRUE;
  return FALSE;
}

/* The quotes of code (a group of its own) to attach, those attached marked;
 * a theme's are its sub-codes'. */
static gboolean
fill_code_quotes (GrdRelationDialog    *self,
                  AdwPreferencesGroup  *group,
                  GtkListBox           *list,
                  const GrdCode        *code,
                  GArray               *evidence,
                  GError              **error)
{
  g_autoptr(GPtrArray) quotes = grd_query_quotes (self->project, code->id,
                                                  GRD_QUOTE_WITH_DESCENDANTS, 0, NULL, error);
  g_autofree char *title = NULL;

  if (quotes == NULL)
    return FALSE;

  title = g_strdup_printf (_("Quotes of “%s”"), code->name);
  adw_preferences_group_set_title (group, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  grd_list_box_clear (list);
  for (guint i = 0; i < quotes->len; i++)
    {
      GrdQuote *quote = g_ptr_array_index (quotes, i);
      GtkWidget *row = grd_quote_row_new (quote);

      if (is_evidence (evidence, quote->coding_id))
        {
          GtkWidget *attached = gtk_label_new (_("Evidence"));

          gtk_widget_add_css_class (attached, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), attached);
        }
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), evidence_button (self, quote, TRUE));
      gtk_list_box_append (list, row);
    }
  if (quotes->len == 0)
    grd_list_box_append_placeholder (list, _("No quotes yet."));
  return TRUE;
}

static gboolean
fill_evidence (GrdRelationDialog  *self,
               GArray             *evidence,
               GError            **error)
{
  grd_list_box_clear (self->evidence_list);
  for (guint i = 0; i < evidence->len; i++)
    {
      gint64 coding_id = g_array_index (evidence, gint64, i);
      g_autoptr(GrdCoding) coding = grd_project_get_coding (self->project, coding_id, error);
      g_autoptr(GrdQuote) quote = NULL;
      GtkWidget *row;

      if (coding == NULL)
        return FALSE;
      quote = grd_query_quote (self->project, coding->code_id, GRD_QUOTE_DEFAULT, coding_id, 0,
                               error);
      if (quote == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }
      row = grd_quote_row_new (quote);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), evidence_button (self, quote, FALSE));
      gtk_list_box_append (self->evidence_list, row);
    }
  if (evidence->len == 0)
    grd_list_box_append_placeholder (self->evidence_list, _("No evidence attached yet."));
  return TRUE;
}

static GrdRelation *
find_relation (GrdRelationDialog  *self,
               GError            **error)
{
  g_autoptr(GPtrArray) relations = grd_project_list_relations (self->project, error);

  for (guint i = 0; relations != NULL && i < relations->len; i++)
    if (((GrdRelation *) g_ptr_array_index (relations, i))->id == self->relation_id)
      return g_ptr_array_steal_index (relations, i);
  return NULL;
}

/* FALSE with error unset when the relation is gone (deleted, or its
 * making undone). */
static gboolean
read_relation (GrdRelationDialog  *self,
               GError            **error)
{
  g_autoptr(GrdRelation) relation = find_relation (self, error);
  g_autoptr(GrdCode) from = NULL;
  g_autoptr(GrdCode) to = NULL;
  g_autoptr(GArray) evidence = NULL;
  g_autofree char *sentence = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);

  if (relation == NULL ||
      (from = grd_project_get_code (self->project, relation->from_code_id, error)) == NULL ||
      (to = grd_project_get_code (self->project, relation->to_code_id, error)) == NULL ||
      (evidence = grd_project_list_relation_evidence (self->project, self->relation_id,
                                                      error)) == NULL)
    return FALSE;

  sentence = grd_relation_sentence (relation, from->name, to->name);
  gtk_window_set_title (GTK_WINDOW (self), sentence);
  adw_window_title_set_title (self->window_title, sentence);
  adw_window_title_set_subtitle (self->window_title, _("Relation"));
  if (!self->saving && !gtk_text_buffer_get_modified (buffer))
    {
      gtk_text_buffer_set_text (buffer, relation->memo != NULL ? relation->memo : "", -1);
      gtk_text_buffer_set_modified (buffer, FALSE);
    }

  return fill_evidence (self, evidence, error) &&
         fill_code_quotes (self, self->from_group, self->from_list, from, evidence, error) &&
         fill_code_quotes (self, self->to_group, self->to_list, to, evidence, error);
}

static void
on_project_changed (GrdRelationDialog *self,
                    GrdChange          change)
{
  g_autoptr(GError) error = NULL;

  if ((change & (GRD_CHANGE_RELATIONS | GRD_CHANGE_CODES | GRD_CHANGE_CODINGS)) == 0)
    return;
  if (read_relation (self, &error))
    return;
  if (error != NULL)
    grd_show_error (GTK_WIDGET (self), _("Could not read the relation"), error);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
grd_relation_dialog_dispose (GObject *object)
{
  GrdRelationDialog *self = GRD_RELATION_DIALOG (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_RELATION_DIALOG);

  G_OBJECT_CLASS (grd_relation_dialog_parent_class)->dispose (object);
}

static void
grd_relation_dialog_class_init (GrdRelationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = grd_relation_dialog_dispose;
  window_class->close_request = grd_relation_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-relation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, save_memo_button);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, memo_view);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, from_group);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, from_list);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, to_group);
  gtk_widget_class_bind_template_child (widget_class, GrdRelationDialog, to_list);
  gtk_widget_class_bind_template_callback (widget_class, save_memo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grd_relation_dialog_init (GrdRelationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->memo_view), "modified-changed",
                           G_CALLBACK (on_memo_modified), self, 0);
}

void
grd_relation_dialog_present (GtkWidget  *widget,
                             GrdProject *project,
                             gint64      relation_id)
{
  g_autoptr(GError) error = NULL;
  GrdRelationDialog *self = g_object_new (GRD_TYPE_RELATION_DIALOG,
                                          "transient-for", gtk_widget_get_root (widget), NULL);

  self->project = g_object_ref (project);
  self->relation_id = relation_id;
  if (!read_relation (self, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      if (error != NULL)
        grd_show_error (widget, _("Could not read the relation"), error);
      return;
    }
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}
