/* grd-review-thread.c: the comment threads on one code or quote
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervisor's remarks and the answers to them, as a reader of a
 * margin expects: who, when, what, replies under what they answer. A
 * resolved thread stays, folded to one dim line that unfolds on request,
 * so the discussion behind a decision can still be read.
 */

#define G_LOG_DOMAIN "grd-review-thread"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-review-thread.h"
#include "grd-widget-util.h"

/* How much of a comment names it in a folded thread and in accessible names. */
#define EXCERPT_CHARS  48
#define INDENT_PX      24

struct _GrdReviewThread
{
  GtkWidget        parent_instance;

  GrdProject      *project;
  GrdReviewTarget  target;
  gint64           target_id;
  char            *subject;

  GPtrArray       *comments;    /* GrdComment shown, or NULL */
  char            *signature;   /* what the threads were built from */
  GHashTable      *unfolded;    /* ids of resolved threads' first comments opened to read */
  guint            rebuild_id;

  GtkWidget       *threads;
  GtkWidget       *compose_button;
  GtkWidget       *compose;
};

G_DEFINE_FINAL_TYPE (GrdReviewThread, grd_review_thread, GTK_TYPE_WIDGET)

static gboolean rebuild_on_idle (gpointer data);

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return stripped[0] == '\0';
}

/* ---- writing ---------------------------------------------------------- */

/* An entry's text becomes a reply to the comment the entry names
 * ("grd-comment"), or with none the first comment of a new thread. */
static void
submit (GtkWidget       *widget,
        GrdReviewThread *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (widget), "grd-entry");
  gint64 parent_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (entry), "grd-comment"));
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (is_blank (text))
    {
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return;
    }

  id = parent_id != 0
       ? grd_project_reply_to_comment (self->project, parent_id, text, &error)
       : grd_project_add_comment (self->project, self->target, self->target_id, text, &error);
  if (id == 0)
    {
      grd_show_error (GTK_WIDGET (self),
                      parent_id != 0 ? _("Could not reply") : _("Could not add the comment"),
                      error);
      return;
    }

  gtk_editable_set_text (entry, "");
  if (parent_id == 0)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->compose_button), FALSE);
}

/* An entry and its send button on one line; both submit. */
static GtkWidget *
entry_line_new (GrdReviewThread *self,
                gint64           reply_to,
                const char      *placeholder,
                const char      *entry_label,
                const char      *send_text,
                const char      *send_label)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *send = gtk_button_new_with_mnemonic (send_text);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  grd_set_accessible_label (entry, entry_label);
  grd_set_accessible_label (send, send_label);
  g_object_set_data (G_OBJECT (entry), "grd-comment", GSIZE_TO_POINTER (reply_to));
  g_object_set_data (G_OBJECT (entry), "grd-entry", entry);
  g_object_set_data (G_OBJECT (send), "grd-entry", entry);
  g_signal_connect (entry, "activate", G_CALLBACK (submit), self);
  g_signal_connect (send, "clicked", G_CALLBACK (submit), self);
  gtk_box_append (GTK_BOX (line), entry);
  gtk_box_append (GTK_BOX (line), send);
  return line;
}

static void
on_resolve_clicked (GtkButton       *button,
                    GrdReviewThread *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-comment"));
  gboolean resolve = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "grd-resolve"));
  g_autoptr(GError) error = NULL;

  if (!grd_project_resolve_comment (self->project, id, resolve, &error))
    grd_show_error (GTK_WIDGET (self),
                    resolve ? _("Could not resolve the thread") : _("Could not reopen the thread"),
                    error);
  else
    grd_show_undo_toast (GTK_WIDGET (self), resolve ? _("Thread resolved") : _("Thread reopened"));
}

/* ---- reading ---------------------------------------------------------- */

static void
on_reply_toggled (GtkToggleButton *button,
                  GtkWidget       *reply_line)
{
  gtk_widget_set_visible (reply_line, gtk_toggle_button_get_active (button));
  if (gtk_toggle_button_get_active (button))
    gtk_widget_grab_focus (gtk_widget_get_first_child (reply_line));
}

static GtkWidget *
comment_new (GrdReviewThread  *self,
             const GrdComment *comment,
             gboolean          open)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *author = comment->author_name != NULL ? comment->author_name : _("Someone");
  g_autofree char *when = grd_format_time (comment->created_at);
  g_autofree char *excerpt = grd_text_excerpt (comment->text, EXCERPT_CHARS);
  g_autofree char *accessible = NULL;
  GtkWidget *name = gtk_label_new (author);
  GtkWidget *time = gtk_label_new (when);
  GtkWidget *text = gtk_label_new (comment->text);

  gtk_widget_set_margin_start (box, INDENT_PX * (int) MIN (comment->depth, 6));
  gtk_widget_add_css_class (box, "review-comment");
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), time);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), text);

  /* Translators: the accessible name of a comment: who, when, what */
  accessible = g_strdup_printf (_("Comment by %s, %s: %s"), author, when, comment->text);
  grd_set_accessible_label (box, accessible);

  if (open)
    {
      GtkWidget *reply = gtk_toggle_button_new_with_mnemonic (_("_Reply"));
      g_autofree char *reply_label = g_strdup_printf (_("Reply to “%s”"), excerpt);
      g_autofree char *entry_label = g_strdup_printf (_("Your reply to “%s”"), excerpt);
      g_autofree char *send_label = g_strdup_printf (_("Send the reply to “%s”"), excerpt);
      g_autofree char *placeholder = g_strdup_printf (_("Reply to %s…"), author);
      GtkWidget *line = entry_line_new (self, comment->id, placeholder, entry_label, _("_Send"),
                                        send_label);

      gtk_widget_add_css_class (reply, "flat");
      gtk_widget_set_hexpand (reply, TRUE);
      gtk_widget_set_halign (reply, GTK_ALIGN_END);
      grd_set_accessible_label (reply, reply_label);
      gtk_box_append (GTK_BOX (header), reply);

      gtk_widget_set_visible (line, FALSE);
      gtk_widget_set_margin_top (line, 4);
      g_signal_connect (reply, "toggled", G_CALLBACK (on_reply_toggled), line);
      gtk_box_append (GTK_BOX (box), line);
    }

  return box;
}

static void
on_unfold_toggled (GtkToggleButton *button,
                   GrdReviewThread *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-comment"));

  if (gtk_toggle_button_get_active (button))
    g_hash_table_add (self->unfolded, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->unfolded, &id);
  /* After this handler: the button is one of the widgets rebuilt. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_on_idle, self);
}

static GtkWidget *
resolve_button_new (GrdReviewThread  *self,
                    const GrdComment *first,
                    gboolean          resolve)
{
  g_autofree char *excerpt = grd_text_excerpt (first->text, EXCERPT_CHARS);
  g_autofree char *accessible = g_strdup_printf (resolve ? _("Resolve the thread “%s”")
                                                         : _("Reopen the thread “%s”"), excerpt);
  GtkWidget *button = gtk_button_new_with_mnemonic (resolve ? _("Res_olve") : _("Re_open"));

  gtk_widget_add_css_class (button, "flat");
  grd_set_accessible_label (button, accessible);
  g_object_set_data (G_OBJECT (button), "grd-comment", GSIZE_TO_POINTER (first->id));
  g_object_set_data (G_OBJECT (button), "grd-resolve", GINT_TO_POINTER (resolve));
  g_signal_connect (button, "clicked", G_CALLBACK (on_resolve_clicked), self);
  return button;
}

/* One thread: comments[first] and its replies, up to end. */
static GtkWidget *
thread_new (GrdReviewThread *self,
            guint            first,
            guint            end)
{
  const GrdComment *root = g_ptr_array_index (self->comments, first);
  gboolean resolved = root->resolved_at != 0;
  gboolean unfolded = !resolved || g_hash_table_contains (self->unfolded, &root->id);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_autofree char *excerpt = grd_text_excerpt (root->text, EXCERPT_CHARS);
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (card, "review-thread");
  if (resolved)
    {
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      guint n_replies = end - first - 1;
      g_autofree char *summary = NULL;
      g_autofree char *unfold_label = g_strdup_printf (_("Show the resolved thread “%s”"), excerpt);
      GtkWidget *label, *unfold;

      /* Translators: a folded thread: who resolved it, how it began, its replies */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resolved by %s: “%s” · %u reply",
                                              "Resolved by %s: “%s” · %u replies", n_replies),
                                 root->resolved_by != NULL ? root->resolved_by : _("someone"),
                                 excerpt, n_replies);
      label = gtk_label_new (summary);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      unfold = gtk_toggle_button_new_with_mnemonic (_("_Show"));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (unfold), unfolded);
      gtk_widget_add_css_class (unfold, "flat");
      grd_set_accessible_label (unfold, unfold_label);
      g_object_set_data (G_OBJECT (unfold), "grd-comment", GSIZE_TO_POINTER (root->id));
      g_signal_connect (unfold, "toggled", G_CALLBACK (on_unfold_toggled), self);

      gtk_widget_add_css_class (card, "resolved");
      gtk_box_append (GTK_BOX (header), label);
      gtk_box_append (GTK_BOX (header), unfold);
      gtk_box_append (GTK_BOX (header), resolve_button_new (self, root, FALSE));
      gtk_box_append (GTK_BOX (card), header);
      accessible = g_strdup_printf (_("Resolved comment thread “%s”"), excerpt);
    }
  else
    accessible = g_strdup_printf (_("Comment thread “%s”"), excerpt);
  grd_set_accessible_label (card, accessible);

  for (guint i = first; unfolded && i < end; i++)
    gtk_box_append (GTK_BOX (card), comment_new (self, g_ptr_array_index (self->comments, i),
                                                 !resolved));
  if (!resolved)
    {
      GtkWidget *resolve = resolve_button_new (self, root, TRUE);

      gtk_widget_set_halign (resolve, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (card), resolve);
    }

  return card;
}

static void
rebuild (GrdReviewThread *self)
{
  GtkWidget *child;
  guint first = 0;

  while ((child = gtk_widget_get_first_child (self->threads)) != NULL)
    gtk_box_remove (GTK_BOX (self->threads), child);

  for (guint i = 1; self->comments != NULL && i <= self->comments->len; i++)
    if (i == self->comments->len ||
        ((GrdComment *) g_ptr_array_index (self->comments, i))->depth == 0)
      {
        gtk_box_append (GTK_BOX (self->threads), thread_new (self, first, i));
        first = i;
      }
  gtk_widget_set_visible (self->threads, self->comments != NULL && self->comments->len > 0);
}

static gboolean
rebuild_on_idle (gpointer data)
{
  GrdReviewThread *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Comments are never edited, so ids and resolutions say what is shown. */
static char *
signature_of (GPtrArray *comments)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      const GrdComment *comment = g_ptr_array_index (comments, i);

      g_string_append_printf (signature, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ";", comment->id,
                              comment->resolved_at);
    }
  return g_string_free (signature, FALSE);
}

void
grd_review_thread_set_comments (GrdReviewThread *self,
                                GPtrArray       *comments)
{
  g_autofree char *signature = NULL;

  g_return_if_fail (GRD_IS_REVIEW_THREAD (self));

  signature = signature_of (comments);
  if (self->signature != NULL && g_str_equal (signature, self->signature))
    return;

  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  if (comments != NULL)
    self->comments = g_ptr_array_ref (comments);
  rebuild (self);
}

/* ---- the widget ------------------------------------------------------- */

static void
on_compose_toggled (GtkToggleButton *button,
                    GrdReviewThread *self)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_widget_set_visible (self->compose, active);
  if (active)
    gtk_widget_grab_focus (gtk_widget_get_first_child (self->compose));
}

static void
grd_review_thread_dispose (GObject *object)
{
  GrdReviewThread *self = GRD_REVIEW_THREAD (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->comments, g_ptr_array_unref);

  G_OBJECT_CLASS (grd_review_thread_parent_class)->dispose (object);
}

static void
grd_review_thread_finalize (GObject *object)
{
  GrdReviewThread *self = GRD_REVIEW_THREAD (object);

  g_free (self->subject);
  g_free (self->signature);
  g_hash_table_unref (self->unfolded);

  G_OBJECT_CLASS (grd_review_thread_parent_class)->finalize (object);
}

static void
grd_review_thread_class_init (GrdReviewThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_review_thread_dispose;
  object_class->finalize = grd_review_thread_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewthread");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_review_thread_init (GrdReviewThread *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->unfolded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

GtkWidget *
grd_review_thread_new (GrdProject      *project,
                       GrdReviewTarget  target,
                       gint64           target_id,
                       const char      *subject)
{
  GrdReviewThread *self;
  g_autofree char *compose_label = NULL;
  g_autofree char *entry_label = NULL;
  g_autofree char *send_label = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  self = g_object_new (GRD_TYPE_REVIEW_THREAD, NULL);
  self->project = g_object_ref (project);
  self->target = target;
  self->target_id = target_id;
  self->subject = g_strdup (subject);

  self->threads = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_visible (self->threads, FALSE);
  gtk_widget_set_parent (self->threads, GTK_WIDGET (self));

  compose_label = g_strdup_printf (_("Comment on %s"), subject);
  self->compose_button = gtk_toggle_button_new_with_mnemonic (_("_Comment…"));
  gtk_widget_add_css_class (self->compose_button, "flat");
  gtk_widget_set_halign (self->compose_button, GTK_ALIGN_START);
  grd_set_accessible_label (self->compose_button, compose_label);
  g_signal_connect (self->compose_button, "toggled", G_CALLBACK (on_compose_toggled), self);
  gtk_widget_set_parent (self->compose_button, GTK_WIDGET (self));

  entry_label = g_strdup_printf (_("New comment on %s"), subject);
  send_label = g_strdup_printf (_("Add the comment on %s"), subject);
  self->compose = entry_line_new (self, 0, _("What should change, or why it works…"), entry_label,
                                  _("_Add"), send_label);
  gtk_widget_set_visible (self->compose, FALSE);
  gtk_widget_set_parent (self->compose, GTK_WIDGET (self));

  return GTK_WIDGET (self);
}
