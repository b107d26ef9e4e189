/* grd-application.c: the Grounded application, one window per project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "grd-app-resources.h"
#include "grd-application.h"
#include "grd-dialogs.h"
#include "grd-preferences-window.h"
#include "grd-renderer.h"
#include "grd-screenshot.h"
#include "grd-window.h"

#define MAX_RECENT 10

struct _GrdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *screenshot_path;
  guint           screenshot_count;
};

G_DEFINE_FINAL_TYPE (GrdApplication, grd_application, ADW_TYPE_APPLICATION)

/* Run from the build tree the schema is not installed; the build compiles
 * it next to the data files, and a missing schema would abort. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaSource) build = NULL;
  g_autoptr(GError) error = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      build = g_settings_schema_source_new_from_directory (GRD_BUILD_SCHEMA_DIR, installed,
                                                           FALSE, &error);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, APPLICATION_ID, FALSE);
    }

  if (schema == NULL)
    g_error ("The settings schema %s is not installed (%s)", APPLICATION_ID,
             error != NULL ? error->message : "not in " GRD_BUILD_SCHEMA_DIR);

  return g_settings_new_full (schema, NULL, NULL);
}

static void
apply_style (GrdApplication *self)
{
  g_autofree char *variant = g_settings_get_string (self->settings, "style-variant");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (variant, "light") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (variant, "dark") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
apply_coder_name (GrdApplication *self)
{
  g_autofree char *coder = grd_application_dup_coder_name (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GrdProject *project;
      g_autoptr(GError) error = NULL;

      if (!GRD_IS_WINDOW (l->data) || (project = grd_window_get_project (l->data)) == NULL)
        continue;

      if (!grd_project_set_current_coder (project, coder, &error))
        grd_show_error (l->data, _("Could not change the coder name"), error);
    }
}

static GrdWindow *
find_window (GrdApplication *self,
             const char     *path)
{
  g_autofree char *wanted = path != NULL ? g_canonicalize_filename (path, NULL) : NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GrdProject *project;
      g_autofree char *shown = NULL;

      if (!GRD_IS_WINDOW (l->data))
        continue;

      project = grd_window_get_project (l->data);
      if (project == NULL && path == NULL)
        return l->data;
      if (project == NULL || path == NULL)
        continue;

      shown = g_canonicalize_filename (grd_project_get_path (project), NULL);
      if (g_strcmp0 (shown, wanted) == 0)
        return l->data;
    }

  return NULL;
}

/* Shows the project at path: its window if one is open, else the welcome
 * window turned into the project's, else a new window. */
static void
show_project (GrdApplication *self,
              GFile          *file,
              GtkWindow      *parent)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coder = NULL;
  GrdWindow *window;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not a local file; copy it to this computer first"), uri);
      grd_show_error (parent != NULL ? GTK_WIDGET (parent) : NULL,
                      _("Could not open the project"), error);
      return;
    }

  window = find_window (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  project = grd_project_open (path, &error);
  if (project == NULL)
    {
      grd_show_error (parent != NULL ? GTK_WIDGET (parent) : NULL,
                      _("Could not open the project"), error);
      return;
    }

  /* Whoever sits at this desk codes: a project from a colleague keeps its
   * codings' coders, and new codings are ours. */
  coder = grd_application_dup_coder_name (self);
  if (!grd_project_set_current_coder (project, coder, &error))
    {
      g_warning ("Keeping the project's coder: %s", error->message);
      g_clear_error (&error);
    }

  window = find_window (self, NULL);
  if (window == NULL)
    window = grd_window_new (self);

  grd_window_set_project (window, project);
  grd_application_add_recent (self, path);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_project_chosen (GtkWindow  *parent,
                   GListModel *files,
                   gpointer    user_data)
{
  GrdApplication *self = GRD_APPLICATION (g_application_get_default ());

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      show_project (self, file, parent);
    }
}

static void
on_project_to_create (GtkWindow  *parent,
                      GListModel *files,
                      gpointer    user_data)
{
  GrdApplication *self = GRD_APPLICATION (g_application_get_default ());
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path != NULL && !g_str_has_suffix (path, ".grounded"))
    {
      char *with_suffix = g_strconcat (path, ".grounded", NULL);

      g_free (path);
      path = with_suffix;
    }

  project = path != NULL ? grd_project_create (path, &error) : NULL;
  if (project == NULL)
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("A project must be saved on this computer"));
      grd_show_error (GTK_WIDGET (parent), _("Could not create the project"), error);
      return;
    }

  /* Closed at once: show_project opens it the one way every project opens. */
  grd_project_close (project);
  g_clear_object (&file);
  file = g_file_new_for_path (path);
  show_project (self, file, parent);
}

static void
new_project_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GrdApplication *self = user_data;

  grd_choose_project_to_create (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                on_project_to_create, NULL);
}

static void
open_project_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GrdApplication *self = user_data;

  grd_choose_project_to_open (gtk_application_get_active_window (GTK_APPLICATION (self)),
                              on_project_chosen, NULL);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GrdApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  show_project (self, file, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

/* The sample is opened from a copy in the user's data folder: the bundled
 * file may be read-only (and in a build tree the tests read it), and a
 * researcher's practice coding must survive an update of Grounded. */
char *
grd_application_sample_copy (GError **error)
{
  const char *bundled = g_file_test (GRD_INSTALLED_SAMPLE, G_FILE_TEST_EXISTS)
                        ? GRD_INSTALLED_SAMPLE : GRD_BUILD_SAMPLE;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "grounded", NULL);
  g_autofree char *copy = g_build_filename (dir, "KAM study (sample).grounded", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autoptr(GFile) source = g_file_new_for_path (bundled);

  if (g_file_test (copy, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&copy);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Could not create %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  if (!g_file_copy (source, copy_file, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&copy);
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GrdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = grd_application_sample_copy (&error);
  g_autoptr(GFile) copy_file = NULL;

  if (copy == NULL)
    {
      grd_show_error (parent != NULL ? GTK_WIDGET (parent) : NULL,
                      _("Could not open the sample study"), error);
      return;
    }

  copy_file = g_file_new_for_path (copy);
  show_project (self, copy_file, parent);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GrdApplication *self = user_data;
  GtkWidget *preferences;

  preferences = grd_preferences_window_new (self,
                                            gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GrdApplication *self = user_data;
  const char *developers[] = { "The Grounded authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Grounded"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Grounded authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Qualitative coding of interview transcripts, "
                                       "the grounded-theory way: open, axial and "
                                       "selective coding."),
                         "website", "https://github.com/grounded/grounded",
                         "issue-url", "https://github.com/grounded/grounded/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Grounded authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GrdApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window lets it save a memo being written. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new-project", new_project_action },
  { "open-project", open_project_action },
  { "open-recent", open_recent_action, "s" },
  { "open-sample", open_sample_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* Without a window manager (Xvfb) a dialog never takes the focus from
 * its window: the picture is of the dialog open over the active window. */
static GtkWindow *
window_to_picture (GrdApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; active != NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == active && gtk_window_get_modal (window) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return active;
}

static void
save_screenshot (GrdApplication *self,
                 const char     *path)
{
  GtkWindow *window = window_to_picture (self);
  g_autoptr(GError) error = NULL;

  if (window == NULL || !grd_screenshot_save (window, path, &error))
    g_printerr ("grounded: screenshot %s: %s\n", path,
                error != NULL ? error->message : "no window");
}

/* A screenshot run draws its first frame, lets lists fill, saves and quits. */
static gboolean
on_screenshot_timeout (gpointer user_data)
{
  GrdApplication *self = user_data;

  save_screenshot (self, self->screenshot_path);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_screenshot (GrdApplication *self)
{
  static gboolean scheduled;

  if (self->screenshot_path == NULL || scheduled)
    return;

  scheduled = TRUE;
  g_timeout_add_full (G_PRIORITY_LOW, 1500, on_screenshot_timeout, g_object_ref (self),
                      g_object_unref);
}

/* UI tests ask for a picture of the current screen by SIGUSR1; each goes to
 * $GROUNDED_SCREENSHOT_DIR/screen-N.png, saved after the next frame is
 * painted: a window that an edit just filled again has no layout until then. */
static void
on_screenshot_painted (GdkFrameClock  *clock,
                       GrdApplication *self)
{
  const char *dir = g_getenv ("GROUNDED_SCREENSHOT_DIR");
  g_autofree char *name = g_strdup_printf ("screen-%u.png", ++self->screenshot_count);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_signal_handlers_disconnect_by_func (clock, on_screenshot_painted, self);
  save_screenshot (self, path);
}

static gboolean
on_sigusr1 (gpointer user_data)
{
  GrdApplication *self = user_data;
  GtkWindow *window = window_to_picture (self);
  GdkFrameClock *clock = window != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (window)) : NULL;

  if (clock == NULL)
    {
      g_printerr ("grounded: screenshot: no window shown\n");
      return G_SOURCE_CONTINUE;
    }
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_screenshot_painted), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  return G_SOURCE_CONTINUE;
}

static void
grd_application_startup (GApplication *application)
{
  GrdApplication *self = GRD_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-project", { "<Control>n", NULL } },
    { "app.open-project", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.import", { "<Control><Shift>o", NULL } },
    { "win.code-selection", { "<Control>e", NULL } },
    { "win.code-in-vivo", { "<Control>i", NULL } },
    { "win.find-code", { "<Control>f", NULL } },
    { "win.find-source", { "<Control>k", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  g_autofree char *software_gl = NULL;

  G_APPLICATION_CLASS (grd_application_parent_class)->startup (application);

  software_gl = grd_renderer_prefer_cairo_on_software_gl ();
  if (software_gl != NULL)
    g_debug ("OpenGL here is %s, emulated on the CPU: drawing with cairo", software_gl);

  self->settings = load_settings ();
  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::coder-name",
                           G_CALLBACK (apply_coder_name), self, G_CONNECT_SWAPPED);
  apply_style (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  if (g_getenv ("GROUNDED_SCREENSHOT_DIR") != NULL)
    g_unix_signal_add (SIGUSR1, on_sigusr1, self);
}

static void
grd_application_activate (GApplication *application)
{
  GrdApplication *self = GRD_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (grd_window_new (self));

  gtk_window_present (window);
  schedule_screenshot (self);
}

static void
grd_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  GrdApplication *self = GRD_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    show_project (self, files[i], gtk_application_get_active_window (GTK_APPLICATION (self)));

  /* A project that failed to open still leaves a window to come back to. */
  if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
    grd_application_activate (application);

  schedule_screenshot (self);
}

static void
grd_application_dispose (GObject *object)
{
  GrdApplication *self = GRD_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grd_application_parent_class)->dispose (object);
}

static void
grd_application_finalize (GObject *object)
{
  GrdApplication *self = GRD_APPLICATION (object);

  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (grd_application_parent_class)->finalize (object);
}

static void
grd_application_class_init (GrdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = grd_application_dispose;
  object_class->finalize = grd_application_finalize;
  app_class->startup = grd_application_startup;
  app_class->activate = grd_application_activate;
  app_class->open = grd_application_open;
}

static void
grd_application_init (GrdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "standalone", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run as a separate instance, not joining a running Grounded"), NULL },
    { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the sample study (your own copy of it)"), NULL },
    { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a picture of the first window to FILE and quit"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[PROJECT.grounded…]"));
}

GrdApplication *
grd_application_new (gboolean    standalone,
                     const char *screenshot_path)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;
  GrdApplication *self;

  /* A static library drops a resource's constructor; register it here. */
  grd_app_register_resource ();

  if (standalone)
    flags |= G_APPLICATION_NON_UNIQUE;

  self = g_object_new (GRD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/grounded/Grounded",
                       NULL);
  self->screenshot_path = g_strdup (screenshot_path);
  return self;
}

GSettings *
grd_application_get_settings (GrdApplication *self)
{
  g_return_val_if_fail (GRD_IS_APPLICATION (self), NULL);

  return self->settings;
}

char *
grd_application_dup_coder_name (GrdApplication *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (GRD_IS_APPLICATION (self), NULL);

  name = g_strstrip (g_settings_get_string (self->settings, "coder-name"));
  return name[0] != '\0' ? g_steal_pointer (&name) : grd_project_default_coder_name ();
}

void
grd_application_add_recent (GrdApplication *self,
                            const char     *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *absolute = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_return_if_fail (GRD_IS_APPLICATION (self));

  absolute = g_canonicalize_filename (path, NULL);
  recent = g_settings_get_strv (self->settings, "recent-projects");
  g_strv_builder_add (builder, absolute);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], absolute) == 0 || !g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (GRD_IS_WINDOW (l->data))
      grd_window_update_recent (l->data);
}
