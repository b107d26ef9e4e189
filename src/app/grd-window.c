/* grd-window.c: one window, showing the welcome page or one project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window wires its panes together: the source list picks what the
 * transcript shows, the code tree picks what the quotes pane lists, and
 * the memo editor follows whatever was picked last. Every edit goes
 * through the project, whose "changed" signal refreshes each pane by
 * itself; the window only keeps its actions' enabled state in step.
 * Imports and exports, which run as jobs, are in grd-window-exchange.c.
 */

#define G_LOG_DOMAIN "grd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-chooser.h"
#include "grd-dialogs.h"
#include "grd-snapshots-dialog.h"
#include "grd-window-private.h"

#define IN_VIVO_MAX_CHARS 80

G_DEFINE_FINAL_TYPE (GrdWindow, grd_window, ADW_TYPE_APPLICATION_WINDOW)

static GrdApplication *
application_of (GrdWindow *self)
{
  return GRD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

gboolean
grd_window_is_working (GrdWindow *self)
{
  return self->job_cancellable != NULL;
}

void
grd_window_update_actions (GrdWindow *self)
{
  gboolean open = self->project != NULL;
  gboolean editable = open && !grd_window_is_working (self);
  gboolean has_selection = open && grd_transcript_view_get_selection (self->transcript_view,
                                                                      &(gint64) { 0 },
                                                                      &(gint64) { 0 });
  gboolean has_coding = open && grd_transcript_view_get_selected_coding (self->transcript_view) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 editable && grd_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 editable && grd_project_can_redo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-project", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-codebook", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-project", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-codebook", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-job",
                                 grd_window_is_working (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.code-selection", editable && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.code-in-vivo", editable && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-coding", editable && has_coding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recode", editable && has_coding);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                           "representative")),
                               editable && has_coding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coding-memo", open && has_coding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-code", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-source", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.snapshots", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.last-report", self->report_text != NULL);
}

static void
update_title (GrdWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;

  if (self->project == NULL)
    {
      adw_view_switcher_title_set_title (self->window_title, _("Grounded"));
      adw_view_switcher_title_set_subtitle (self->window_title, NULL);
      adw_view_switcher_title_set_view_switcher_enabled (self->window_title, FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Grounded"));
      return;
    }

  name = grd_project_dup_name (self->project);
  dir = g_path_get_dirname (grd_project_get_path (self->project));
  adw_view_switcher_title_set_title (self->window_title, name);
  adw_view_switcher_title_set_subtitle (self->window_title, dir);
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, TRUE);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

/* ---- the selected transcript and coding ------------------------------ */

static void
update_source_header (GrdWindow *self)
{
  gint64 source_id = grd_transcript_view_get_source (self->transcript_view);
  g_autoptr(GrdSource) source = NULL;
  g_autofree char *words = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *subtitle = NULL;

  if (source_id != 0)
    source = grd_project_get_source (self->project, source_id, NULL);

  if (source == NULL)
    {
      gtk_label_set_text (self->source_title, "");
      gtk_label_set_text (self->source_subtitle, "");
      gtk_stack_set_visible_child_name (self->transcript_stack, "empty");
      return;
    }

  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", source->n_words),
                           source->n_words);
  codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings",
                                          source->n_codings),
                             source->n_codings);
  /* Translators: the transcript's case, its word count, its coding count */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              source->case_name != NULL ? source->case_name : _("No case"),
                              words, codings);
  gtk_label_set_text (self->source_title, source->name);
  gtk_label_set_text (self->source_subtitle, subtitle);
  gtk_stack_set_visible_child_name (self->transcript_stack, "transcript");
}

static void
memo_follows_source (GrdWindow *self)
{
  gint64 source_id = grd_transcript_view_get_source (self->transcript_view);
  g_autofree char *label = NULL;

  if (source_id != 0)
    label = g_strdup_printf (_("Memo on transcript “%s”"), gtk_label_get_text (self->source_title));

  grd_memo_editor_set_target (self->memo_editor, GRD_MEMO_SCOPE_SOURCE, source_id, label);
}

static void
on_source_selected (GrdWindow *self)
{
  gint64 source_id = grd_source_list_get_selected_source (self->source_list);
  g_autoptr(GError) error = NULL;

  if (source_id == grd_transcript_view_get_source (self->transcript_view))
    return;

  if (!grd_transcript_view_load_source (self->transcript_view, source_id, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not show the transcript"), error);

  update_source_header (self);
  memo_follows_source (self);
  grd_window_update_actions (self);
}

static void
draw_coding_swatch (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  GrdWindow *self = user_data;

  gdk_cairo_set_source_rgba (cr, &self->coding_rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A filled star for a flagged quote, an outline for one that is not: the
 * toggle's pressed look alone is too faint to read. */
static void
update_representative_icon (GrdWindow *self,
                            gboolean   representative)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->representative_button),
                            representative ? "starred-symbolic" : "non-starred-symbolic");
}

static void
update_coding_bar (GrdWindow *self)
{
  gint64 coding_id = grd_transcript_view_get_selected_coding (self->transcript_view);
  g_autoptr(GrdCoding) coding = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  GAction *representative;

  if (coding_id != 0)
    coding = grd_project_get_coding (self->project, coding_id, NULL);
  if (coding != NULL)
    code = grd_project_get_code (self->project, coding->code_id, NULL);

  gtk_revealer_set_reveal_child (self->coding_revealer, code != NULL);
  if (code == NULL)
    return;

  /* The bar is narrow: it names the code, the tooltip gives its path and
   * who coded the passage. */
  path = grd_project_get_code_path (self->project, code->id, NULL);
  if (coding->coder_name != NULL)
    label = g_strdup_printf (_("%s — coded by %s"), path != NULL ? path : code->name,
                             coding->coder_name);
  else
    label = g_strdup (path != NULL ? path : code->name);
  gtk_label_set_text (self->coding_label, code->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->coding_label), label);
  if (!gdk_rgba_parse (&self->coding_rgba, code->color != NULL ? code->color : ""))
    gdk_rgba_parse (&self->coding_rgba, "#9a9996");
  gtk_widget_queue_draw (GTK_WIDGET (self->coding_swatch));

  representative = g_action_map_lookup_action (G_ACTION_MAP (self), "representative");
  if (representative != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (representative),
                               g_variant_new_boolean (coding->representative));
  update_representative_icon (self, coding->representative);
}

static void
on_coding_selected (GrdWindow *self)
{
  gint64 coding_id = grd_transcript_view_get_selected_coding (self->transcript_view);

  update_coding_bar (self);
  grd_window_update_actions (self);

  if (coding_id != 0)
    {
      g_autofree char *label = g_strdup_printf (_("Memo on the coding “%s”"),
                                                gtk_label_get_text (self->coding_label));

      grd_memo_editor_set_target (self->memo_editor, GRD_MEMO_SCOPE_CODING, coding_id, label);
    }
}

static void
on_code_selected (GrdWindow *self)
{
  gint64 code_id = grd_code_tree_view_get_selected_code (self->code_tree);
  g_autofree char *label = NULL;

  grd_quote_list_set_code (self->quote_list, code_id);

  if (code_id != 0)
    {
      g_autofree char *path = grd_project_get_code_path (self->project, code_id, NULL);

      label = g_strdup_printf (_("Memo on code “%s”"), path != NULL ? path : "");
    }
  grd_memo_editor_set_target (self->memo_editor, GRD_MEMO_SCOPE_CODE, code_id, label);
}

static void
on_quote_activated (GrdWindow *self,
                    gint64     coding_id,
                    gint64     source_id,
                    gint64     start,
                    gint64     end)
{
  grd_source_list_select_source (self->source_list, source_id);
  if (grd_transcript_view_get_source (self->transcript_view) != source_id)
    on_source_selected (self);

  if (coding_id != 0)
    grd_transcript_view_select_coding (self->transcript_view, coding_id);
  else
    grd_transcript_view_show_range (self->transcript_view, start, end);
  gtk_widget_grab_focus (GTK_WIDGET (grd_transcript_view_get_text_view (self->transcript_view)));
}

static void
on_project_changed (GrdProject            *project,
                    guint                  change,
                    const GrdCodingChange *coding_change,
                    GrdWindow             *self)
{
  if (change & (GRD_CHANGE_SOURCES | GRD_CHANGE_CASES | GRD_CHANGE_CODINGS))
    update_source_header (self);
  if (change & (GRD_CHANGE_CODINGS | GRD_CHANGE_CODES))
    update_coding_bar (self);
  grd_window_update_actions (self);
}

/* ---- coding ----------------------------------------------------------- */

/* The new coding's id, or 0 after showing why there is none. */
static gint64
add_coding (GrdWindow *self,
            gint64     code_id)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, coding_id;

  if (!grd_transcript_view_get_selection (self->transcript_view, &start, &end))
    return 0;

  coding_id = grd_project_add_coding (self->project,
                                      grd_transcript_view_get_source (self->transcript_view),
                                      code_id, start, end, &error);
  if (coding_id <= 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not code the passage"), error);
      return 0;
    }

  grd_code_chooser_note_used (self->project, code_id);
  return coding_id;
}

/* The new coding is selected, so its bar shows what was done and how to
 * change it. */
static void
apply_code (GrdWindow *self,
            gint64     code_id)
{
  gint64 coding_id = add_coding (self, code_id);

  if (coding_id != 0)
    grd_transcript_view_select_coding (self->transcript_view, coding_id);
}

/* A new code and its first coding are one step: undo takes both. */
static void
create_code_and_apply (GrdWindow  *self,
                       const char *name,
                       const char *description,
                       const char *step_label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) existing = grd_project_find_code (self->project, name, NULL);
  gint64 code_id, coding_id;

  /* Typing the name of a code that exists means that code. */
  if (existing != NULL)
    {
      apply_code (self, existing->id);
      return;
    }

  if (!grd_project_begin_batch (self->project, step_label, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not create the code"), error);
      return;
    }

  code_id = grd_project_add_code (self->project, 0, name, GRD_CODE_KIND_OPEN_CODE, NULL,
                                  description, &error);
  if (code_id <= 0)
    {
      grd_project_abort_batch (self->project);
      grd_show_error (GTK_WIDGET (self), _("Could not create the code"), error);
      return;
    }

  coding_id = add_coding (self, code_id);
  if (coding_id == 0)
    {
      grd_project_abort_batch (self->project);
      return;
    }
  if (!grd_project_end_batch (self->project, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not create the code"), error);
      return;
    }

  /* Only now do the views know the code and the coding. */
  grd_code_tree_view_select_code (self->code_tree, code_id);
  grd_transcript_view_select_coding (self->transcript_view, coding_id);
}

static void
on_code_chosen (GrdCodeChooser *chooser,
                gint64          code_id,
                GrdWindow      *self)
{
  apply_code (self, code_id);
}

static void
on_create_requested (GrdCodeChooser *chooser,
                     const char     *name,
                     GrdWindow      *self)
{
  g_autofree char *label = g_strdup_printf (_("Code with new code “%s”"), name);

  create_code_and_apply (self, name, NULL, label);
}

static void
popup_chooser (GrdWindow  *self,
               GtkWidget  *chooser)
{
  GtkTextView *text_view = grd_transcript_view_get_text_view (self->transcript_view);
  GdkRectangle area;

  gtk_widget_set_parent (chooser, GTK_WIDGET (text_view));
  if (grd_transcript_view_get_selection_area (self->transcript_view, &area))
    gtk_popover_set_pointing_to (GTK_POPOVER (chooser), &area);
  gtk_popover_popup (GTK_POPOVER (chooser));
}

static void
code_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);
  GtkWidget *chooser = grd_code_chooser_new (self->project, _("Apply Code"), TRUE);

  g_signal_connect_object (chooser, "code-chosen", G_CALLBACK (on_code_chosen), self, 0);
  g_signal_connect_object (chooser, "create-requested", G_CALLBACK (on_create_requested), self, 0);
  popup_chooser (self, chooser);
}

/* The respondent's own words become the code's name: white space folded,
 * quotation marks around it dropped, and cut at a word when very long. */
static char *
in_vivo_name (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (name->len > 0 && g_utf8_strlen (name->str, -1) + g_utf8_strlen (words[i], -1) >= IN_VIVO_MAX_CHARS)
        {
          g_string_append (name, "…");
          break;
        }
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, words[i]);
    }

  while (name->len > 0 && strchr ("\"'.,;:", name->str[0]) != NULL)
    g_string_erase (name, 0, 1);
  while (name->len > 0 && strchr ("\"',;:", name->str[name->len - 1]) != NULL)
    g_string_truncate (name, name->len - 1);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
code_in_vivo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);
  g_autofree char *text = grd_transcript_view_dup_selected_text (self->transcript_view);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;

  if (text == NULL)
    return;

  name = in_vivo_name (text);
  if (name[0] == '\0')
    return;

  description = g_strdup_printf (_("In-vivo code: the respondent’s own words, “%s”"), name);
  label = g_strdup_printf (_("In-vivo code “%s”"), name);
  create_code_and_apply (self, name, description, label);
}

static void
remove_coding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);
  gint64 coding_id = grd_transcript_view_get_selected_coding (self->transcript_view);
  g_autoptr(GError) error = NULL;

  if (!grd_project_remove_coding (self->project, coding_id, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not remove the coding"), error);
  else
    grd_show_undo_toast (GTK_WIDGET (self), _("Coding removed"));
}

static void
on_recode_chosen (GrdCodeChooser *chooser,
                  gint64          code_id,
                  GrdWindow      *self)
{
  gint64 coding_id = grd_transcript_view_get_selected_coding (self->transcript_view);
  g_autoptr(GError) error = NULL;

  if (!grd_project_recode_coding (self->project, coding_id, code_id, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not recode the passage"), error);
  else
    grd_code_chooser_note_used (self->project, code_id);
}

static void
recode_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);
  gint64 coding_id = grd_transcript_view_get_selected_coding (self->transcript_view);
  g_autoptr(GrdCoding) coding = grd_project_get_coding (self->project, coding_id, NULL);
  GtkWidget *chooser;

  if (coding == NULL)
    return;

  chooser = grd_code_chooser_new (self->project, _("Recode As"), FALSE);
  grd_code_chooser_set_excluded (GRD_CODE_CHOOSER (chooser), coding->code_id);
  g_signal_connect_object (chooser, "code-chosen", G_CALLBACK (on_recode_chosen), self, 0);
  popup_chooser (self, chooser);
}

static void
representative_action (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  GrdWindow *self = user_data;
  gint64 coding_id = grd_transcript_view_get_selected_coding (self->transcript_view);
  g_autoptr(GError) error = NULL;

  if (!grd_project_set_representative (self->project, coding_id,
                                       g_variant_get_boolean (state), &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not flag the quote"), error);
      return;
    }
  g_simple_action_set_state (action, state);
  update_representative_icon (self, g_variant_get_boolean (state));
}

static void
coding_memo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);

  on_coding_selected (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "memo");
  gtk_widget_child_focus (GTK_WIDGET (self->memo_editor), GTK_DIR_TAB_FORWARD);
}

/* ---- undo ------------------------------------------------------------- */

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  /* A memo being typed is saved first, so undo never loses it. */
  if (!grd_memo_editor_save (self->memo_editor, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not save the memo"), error);
      return;
    }

  label = undo ? grd_project_undo (self->project, &error) : grd_project_redo (self->project, &error);
  if (label == NULL)
    {
      grd_show_error (GTK_WIDGET (self), undo ? _("Could not undo") : _("Could not redo"), error);
      return;
    }

  title = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
  grd_window_show_state_toast (self, adw_toast_new (title));
}

/* A code named elsewhere (an integration check), shown where it is coded. */
static void
on_show_code (GrdWindow *self,
              gint64     code_id)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "coding");
  grd_code_tree_view_select_code (self->code_tree, code_id);
}

/* ---- finding ---------------------------------------------------------- */

static void
find_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  grd_code_tree_view_focus_filter (GRD_WINDOW (widget)->code_tree);
}

static void
find_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  grd_source_list_focus_filter (GRD_WINDOW (widget)->source_list);
}

static void
snapshots_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  grd_snapshots_dialog_present (widget, GRD_WINDOW (widget)->project);
}

/* ---- welcome page ----------------------------------------------------- */

void
grd_window_update_recent (GrdWindow *self)
{
  GrdApplication *app = application_of (self);
  g_auto(GStrv) recent = NULL;
  GtkWidget *child;
  guint shown = 0;

  g_return_if_fail (GRD_IS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (app == NULL)
    return;

  recent = g_settings_get_strv (grd_application_get_settings (app), "recent-projects");
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *base = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;

      base = g_path_get_basename (recent[i]);
      if (g_str_has_suffix (base, ".grounded"))
        base[strlen (base) - strlen (".grounded")] = '\0';
      dir = g_path_get_dirname (recent[i]);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", recent[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  gtk_widget_set_visible (self->recent_box, shown > 0);
}

/* ---- GObject ---------------------------------------------------------- */

static gboolean
grd_window_close_request (GtkWindow *window)
{
  GrdWindow *self = GRD_WINDOW (window);
  GrdApplication *app = application_of (self);
  g_autoptr(GError) error = NULL;

  if (self->project != NULL && !grd_memo_editor_save (self->memo_editor, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not save the memo"), error);
      return TRUE;
    }

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);

  if (app != NULL)
    {
      GSettings *settings = grd_application_get_settings (app);
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (grd_window_parent_class)->close_request (window);
}

/* The application is set after construction, so its settings are read
 * here, once grd_window_new() has it. */
static void
apply_settings (GrdWindow *self)
{
  GrdApplication *app = application_of (self);
  GSettings *settings;

  if (app == NULL)
    return;

  settings = grd_application_get_settings (app);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (settings, "quotes-include-sub-codes", self->quote_list, "include-sub-codes",
                   G_SETTINGS_BIND_DEFAULT);
  grd_window_update_recent (self);
}

static void
grd_window_dispose (GObject *object)
{
  GrdWindow *self = GRD_WINDOW (object);

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_pointer (&self->job_done, g_free);
  g_clear_pointer (&self->report_title, g_free);
  g_clear_pointer (&self->report_text, g_free);
  g_clear_pointer (&self->job_failed, g_free);
  if (self->state_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->state_toast), (gpointer *) &self->state_toast);
  self->state_toast = NULL;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_WINDOW);

  if (self->project != NULL)
    grd_project_close (self->project);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (grd_window_parent_class)->dispose (object);
}

static void
grd_window_class_init (GrdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = grd_window_dispose;
  window_class->close_request = grd_window_close_request;

  g_type_ensure (GRD_TYPE_SOURCE_LIST);
  g_type_ensure (GRD_TYPE_TRANSCRIPT_VIEW);
  g_type_ensure (GRD_TYPE_CODE_TREE_VIEW);
  g_type_ensure (GRD_TYPE_QUOTE_LIST);
  g_type_ensure (GRD_TYPE_MEMO_EDITOR);
  g_type_ensure (GRD_TYPE_AXIAL_VIEW);
  g_type_ensure (GRD_TYPE_SELECTIVE_VIEW);
  g_type_ensure (GRD_TYPE_CODE_MAP_VIEW);
  g_type_ensure (GRD_TYPE_REPORTS_VIEW);
  g_type_ensure (GRD_TYPE_REVIEW_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/grd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, axial_view);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, selective_view);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, code_map_view);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, reports_view);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, review_view);
  gtk_widget_class_bind_template_callback (widget_class, on_show_code);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, source_list);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, transcript_stack);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, source_title);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, source_subtitle);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, coding_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, coding_label);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, coding_swatch);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, representative_button);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, history_buttons);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, code_tree);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, quote_list);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, memo_editor);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, job_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, job_label);
  gtk_widget_class_bind_template_child (widget_class, GrdWindow, job_progress);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  grd_window_class_install_exchange_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.code-selection", NULL, code_selection_action);
  gtk_widget_class_install_action (widget_class, "win.code-in-vivo", NULL, code_in_vivo_action);
  gtk_widget_class_install_action (widget_class, "win.remove-coding", NULL, remove_coding_action);
  gtk_widget_class_install_action (widget_class, "win.recode", NULL, recode_action);
  gtk_widget_class_install_action (widget_class, "win.coding-memo", NULL, coding_memo_action);
  gtk_widget_class_install_action (widget_class, "win.find-code", NULL, find_code_action);
  gtk_widget_class_install_action (widget_class, "win.find-source", NULL, find_source_action);
  gtk_widget_class_install_action (widget_class, "win.snapshots", NULL, snapshots_action);
}

static void
grd_window_init (GrdWindow *self)
{
  /* A stateful toggle: a GSimpleAction in the window's own action group. */
  static const GActionEntry stateful[] = {
    { "representative", NULL, NULL, "false", representative_action },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), stateful, G_N_ELEMENTS (stateful), self);
  gtk_drawing_area_set_draw_func (self->coding_swatch, draw_coding_swatch, self, NULL);

  g_signal_connect_object (self->source_list, "notify::selected-source",
                           G_CALLBACK (on_source_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_tree, "notify::selected-code",
                           G_CALLBACK (on_code_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transcript_view, "notify::selected-coding",
                           G_CALLBACK (on_coding_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transcript_view, "notify::has-selection",
                           G_CALLBACK (grd_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quote_list, "quote-activated",
                           G_CALLBACK (on_quote_activated), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->history_buttons, FALSE);
  grd_window_update_actions (self);
}

GrdWindow *
grd_window_new (GrdApplication *application)
{
  GrdWindow *self = g_object_new (GRD_TYPE_WINDOW, "application", application, NULL);

  apply_settings (self);
  return self;
}

void
grd_window_set_project (GrdWindow  *self,
                        GrdProject *project)
{
  g_return_if_fail (GRD_IS_WINDOW (self));
  g_return_if_fail (GRD_IS_PROJECT (project));
  g_return_if_fail (self->project == NULL);

  self->project = g_object_ref (project);
  self->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);

  grd_transcript_view_set_project (self->transcript_view, project);
  grd_code_tree_view_set_project (self->code_tree, project);
  grd_quote_list_set_project (self->quote_list, project);
  grd_memo_editor_set_project (self->memo_editor, project);
  grd_axial_view_set_project (self->axial_view, project);
  grd_selective_view_set_project (self->selective_view, project);
  grd_code_map_view_set_project (self->code_map_view, project);
  grd_reports_view_set_project (self->reports_view, project);
  grd_review_view_set_project (self->review_view, project);
  grd_source_list_set_project (self->source_list, project);
  /* A project opens on a transcript to read, not on an empty page. */
  grd_source_list_select_first (self->source_list);

  gtk_stack_set_visible_child_name (self->main_stack, "project");
  gtk_widget_set_visible (self->import_button, TRUE);
  gtk_widget_set_visible (self->history_buttons, TRUE);
  update_title (self);
  update_source_header (self);
  grd_window_update_actions (self);
}

GrdProject *
grd_window_get_project (GrdWindow *self)
{
  g_return_val_if_fail (GRD_IS_WINDOW (self), NULL);

  return self->project;
}

void
grd_window_show_toast (GrdWindow *self,
                       AdwToast  *toast)
{
  g_return_if_fail (GRD_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
grd_window_show_state_toast (GrdWindow *self,
                             AdwToast  *toast)
{
  g_return_if_fail (GRD_IS_WINDOW (self));

  /* Queued behind the one it outdates, a toast would tell an old state:
   * after Undo, Redo, Undo it read "Redone" for seconds. */
  if (self->state_toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->state_toast), (gpointer *) &self->state_toast);
      adw_toast_dismiss (self->state_toast);
    }
  self->state_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->state_toast);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
