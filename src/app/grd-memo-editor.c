/* grd-memo-editor.c: writing the memo of a source, a code or a coding
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * There is no Save button: text is written on a pause in typing, when the
 * text view loses focus, when the target changes and when the window
 * closes. The editor works on the oldest memo of its target; a memo
 * emptied is a memo removed, and the first words typed create one.
 */

#define G_LOG_DOMAIN "grd-memo-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-memo-editor.h"
#include "grd-widget-util.h"

#define SAVE_DELAY_MS 1500

struct _GrdMemoEditor
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkLabel      *heading;
  GtkLabel      *status;
  GtkLabel      *hint;
  GtkTextView   *text_view;
  GtkTextBuffer *buffer;

  GrdProject    *project;
  gulong         changed_id;

  GrdMemoScope   scope;
  gint64         target_id;
  gint64         memo_id;       /* 0 while the target has no memo */
  char          *stored_text;   /* the memo's text as last read or written */
  char          *failed_text;   /* a text that could not be saved, not retried by itself */
  gboolean       dirty;         /* typed since the last load or save */
  gboolean       saving;        /* our own edit is emitting "changed" */
  gboolean       loading;       /* the buffer is being filled, not typed into */
  guint          save_id;
};

G_DEFINE_FINAL_TYPE (GrdMemoEditor, grd_memo_editor, GTK_TYPE_WIDGET)

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static char *
dup_buffer_text (GrdMemoEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/* Whether text is something the project does not hold yet. Blank text is
 * no memo at all. */
static gboolean
differs_from_stored (GrdMemoEditor *self,
                     const char    *text)
{
  if (self->memo_id == 0)
    return !is_blank (text);

  return is_blank (text) || g_strcmp0 (text, self->stored_text) != 0;
}

static void
show_status (GrdMemoEditor *self,
             const GrdMemo *memo)
{
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->status), memo != NULL);
  if (memo == NULL)
    return;

  when = grd_format_time (memo->updated_at);
  if (memo->author_name != NULL)
    /* Translators: "Saved 14:02 by Ayu" */
    text = g_strdup_printf (_("Saved %s by %s"), when, memo->author_name);
  else
    text = g_strdup_printf (_("Saved %s"), when);
  gtk_label_set_text (self->status, text);
}

/* The oldest memo of the target, or NULL with no error when it has none. */
static GrdMemo *
read_memo (GrdMemoEditor  *self,
           GError        **error)
{
  g_autoptr(GPtrArray) memos = NULL;

  memos = grd_project_list_memos (self->project, self->scope, self->target_id, error);
  if (memos == NULL || memos->len == 0)
    return NULL;

  return g_ptr_array_steal_index (memos, 0);
}

/* Puts the stored memo in the text view. The cursor stays near where it
 * was when the same memo comes back changed (an undo), and goes to the end
 * of a memo newly shown, ready for the next thought. */
static void
load (GrdMemoEditor *self,
      GrdMemo       *memo,
      gboolean       keep_cursor)
{
  GtkTextIter iter;
  int cursor = -1;

  if (keep_cursor)
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter,
                                        gtk_text_buffer_get_insert (self->buffer));
      cursor = gtk_text_iter_get_offset (&iter);
    }

  self->memo_id = memo != NULL ? memo->id : 0;
  g_free (self->stored_text);
  self->stored_text = g_strdup (memo != NULL && memo->text != NULL ? memo->text : "");
  g_clear_pointer (&self->failed_text, g_free);
  self->dirty = FALSE;
  g_clear_handle_id (&self->save_id, g_source_remove);

  self->loading = TRUE;
  gtk_text_buffer_set_text (self->buffer, self->stored_text, -1);
  self->loading = FALSE;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, cursor);
  gtk_text_buffer_place_cursor (self->buffer, &iter);

  show_status (self, memo);
}

static gboolean
save (GrdMemoEditor  *self,
      gboolean        retry_failed,
      GError        **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GrdMemo) memo = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (!self->dirty || self->project == NULL || self->target_id == 0)
    return TRUE;

  text = dup_buffer_text (self);
  if (!differs_from_stored (self, text))
    {
      self->dirty = FALSE;
      return TRUE;
    }
  if (!retry_failed && g_strcmp0 (text, self->failed_text) == 0)
    return TRUE;

  self->saving = TRUE;
  if (self->memo_id != 0 && is_blank (text))
    {
      ok = grd_project_delete_memo (self->project, self->memo_id, &local_error);
      if (ok)
        self->memo_id = 0;
    }
  else if (self->memo_id != 0)
    ok = grd_project_update_memo (self->project, self->memo_id, NULL, text, &local_error);

  /* An undo may have taken away the memo being edited; the text typed
   * since then still deserves a memo. */
  if (!ok && g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      self->memo_id = 0;
      ok = TRUE;
    }

  if (ok && self->memo_id == 0 && !is_blank (text))
    {
      self->memo_id = grd_project_add_memo (self->project, self->scope, self->target_id,
                                            NULL, text, &local_error);
      ok = self->memo_id != 0;
    }
  self->saving = FALSE;

  if (!ok)
    {
      g_free (self->failed_text);
      self->failed_text = g_steal_pointer (&text);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&self->failed_text, g_free);
  g_free (self->stored_text);
  self->stored_text = self->memo_id != 0 ? g_steal_pointer (&text) : g_strdup ("");
  self->dirty = FALSE;

  /* The author and time of the save come from the project. */
  if (self->memo_id != 0)
    memo = read_memo (self, NULL);
  show_status (self, memo);

  return TRUE;
}

static void
save_or_warn (GrdMemoEditor *self,
              gboolean       retry_failed)
{
  g_autoptr(GError) error = NULL;

  if (!save (self, retry_failed, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not save the memo"), error);
}

static gboolean
save_timeout (gpointer user_data)
{
  GrdMemoEditor *self = user_data;

  self->save_id = 0;
  save_or_warn (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GrdMemoEditor *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_focus_leave (GrdMemoEditor *self)
{
  save_or_warn (self, FALSE);
}

/* Our own saves are already in the text view. Anything else (undo, redo,
 * another window) is shown, unless the user is typing: their next save
 * wins, as it would have a moment later anyway. */
static void
on_project_changed (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    GrdMemoEditor         *self)
{
  g_autoptr(GrdMemo) memo = NULL;
  g_autoptr(GError) error = NULL;

  if (!(change & GRD_CHANGE_MEMOS) || self->saving || self->dirty || self->target_id == 0)
    return;

  memo = read_memo (self, &error);
  if (error != NULL)
    {
      g_warning ("Could not read the memo: %s", error->message);
      return;
    }

  if (memo == NULL ? self->memo_id != 0
                   : memo->id != self->memo_id || g_strcmp0 (memo->text, self->stored_text) != 0)
    load (self, memo, TRUE);
  else
    show_status (self, memo);
}

static void
show_target (GrdMemoEditor *self,
             const char    *label)
{
  gboolean has_target = self->target_id != 0;

  gtk_label_set_text (self->heading, label != NULL ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->heading), has_target);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), !has_target);
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), has_target);
}

/* ---- GObject ---------------------------------------------------------- */

static void
grd_memo_editor_dispose (GObject *object)
{
  GrdMemoEditor *self = GRD_MEMO_EDITOR (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  grd_follow_project (&self->project, &self->changed_id, NULL, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (grd_memo_editor_parent_class)->dispose (object);
}

static void
grd_memo_editor_finalize (GObject *object)
{
  GrdMemoEditor *self = GRD_MEMO_EDITOR (object);

  g_clear_pointer (&self->stored_text, g_free);
  g_clear_pointer (&self->failed_text, g_free);

  G_OBJECT_CLASS (grd_memo_editor_parent_class)->finalize (object);
}

static void
grd_memo_editor_class_init (GrdMemoEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_memo_editor_dispose;
  object_class->finalize = grd_memo_editor_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "memo-editor");
}

static void
grd_memo_editor_init (GrdMemoEditor *self)
{
  GtkEventController *focus;
  GtkWidget *scroller;

  self->stored_text = g_strdup ("");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0.0);
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_label_set_wrap_mode (self->heading, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  gtk_widget_set_margin_start (GTK_WIDGET (self->heading), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->heading), 12);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->heading));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status, 0.0);
  gtk_label_set_ellipsize (self->status, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->status), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->status), 12);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->status));

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_text (self->hint, _("Select a transcript, a code or a coding to write its memo."));
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_label_set_justify (self->hint, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->hint), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->hint), 12);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->hint));

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 12);
  gtk_text_view_set_top_margin (self->text_view, 12);
  gtk_text_view_set_bottom_margin (self->text_view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Memo Text"),
                                  -1);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->text_view));
  /* The frame tells a writing area from the pane around it. */
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_margin_start (scroller, 12);
  gtk_widget_set_margin_end (scroller, 12);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);

  show_target (self, NULL);
  show_status (self, NULL);
}

/* ---- public ----------------------------------------------------------- */

GtkWidget *
grd_memo_editor_new (void)
{
  return g_object_new (GRD_TYPE_MEMO_EDITOR, NULL);
}

void
grd_memo_editor_set_project (GrdMemoEditor *self,
                             GrdProject    *project)
{
  g_return_if_fail (GRD_IS_MEMO_EDITOR (self));
  g_return_if_fail (project == NULL || GRD_IS_PROJECT (project));

  if (self->project == project)
    return;

  /* The window saves before it lets go of a project; text still pending
   * here belongs to the old one and cannot follow. */
  grd_follow_project (&self->project, &self->changed_id, project,
                      G_CALLBACK (on_project_changed), self);

  self->target_id = 0;
  load (self, NULL, FALSE);
  show_target (self, NULL);
}

void
grd_memo_editor_set_hint (GrdMemoEditor *self,
                          const char    *hint)
{
  g_return_if_fail (GRD_IS_MEMO_EDITOR (self));

  gtk_label_set_text (self->hint, hint);
}

void
grd_memo_editor_set_target (GrdMemoEditor *self,
                            GrdMemoScope   scope,
                            gint64         target_id,
                            const char    *label)
{
  g_autoptr(GrdMemo) memo = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GRD_IS_MEMO_EDITOR (self));
  g_return_if_fail (target_id == 0 || self->project != NULL);

  if (self->scope == scope && self->target_id == target_id)
    {
      show_target (self, label);
      return;
    }

  save_or_warn (self, TRUE);

  self->scope = scope;
  self->target_id = target_id;
  if (target_id != 0)
    {
      memo = read_memo (self, &error);
      if (error != NULL)
        {
          grd_show_error (GTK_WIDGET (self), _("Could not read the memo"), error);
          self->target_id = 0;
        }
    }

  load (self, memo, FALSE);
  show_target (self, label);
}

gboolean
grd_memo_editor_save (GrdMemoEditor  *self,
                      GError        **error)
{
  g_return_val_if_fail (GRD_IS_MEMO_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save (self, TRUE, error);
}
