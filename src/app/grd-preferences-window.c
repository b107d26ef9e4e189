/* grd-preferences-window.c: coder name and theme
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-preferences-window.h"

struct _GrdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *coding_group;
  AdwEntryRow          *coder_name_row;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (GrdPreferencesWindow, grd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name is written only when the researcher is done with it (apply
 * button, Enter, leaving the row, closing the window), never per keystroke:
 * the coder name of a project follows this setting. */
static void
apply_coder_name (GrdPreferencesWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *stored = NULL;

  /* Focus leaves the row also while the window is torn down. */
  if (self->settings == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->coder_name_row))));
  stored = g_settings_get_string (self->settings, "coder-name");
  if (g_strcmp0 (name, stored) != 0)
    g_settings_set_string (self->settings, "coder-name", name);
}

static void
on_coder_name_apply (GrdPreferencesWindow *self)
{
  apply_coder_name (self);
}

static void
on_coder_name_focus_leave (GrdPreferencesWindow *self)
{
  apply_coder_name (self);
  /* Leaving applied the name, so the row's apply button would now offer
   * to apply it again; turning the button off and on hides it. */
  adw_entry_row_set_show_apply_button (self->coder_name_row, FALSE);
  adw_entry_row_set_show_apply_button (self->coder_name_row, TRUE);
}

/* Another window, or gsettings, changed the name: show it, unless the
 * researcher is typing in the row right now. */
static void
on_coder_name_changed (GrdPreferencesWindow *self)
{
  g_autofree char *name = NULL;

  if (self->settings == NULL ||
      gtk_widget_get_state_flags (GTK_WIDGET (self->coder_name_row)) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return;

  name = g_settings_get_string (self->settings, "coder-name");
  if (g_strcmp0 (name, gtk_editable_get_text (GTK_EDITABLE (self->coder_name_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->coder_name_row), name);
}

static gboolean
grd_preferences_window_close_request (GtkWindow *window)
{
  apply_coder_name (GRD_PREFERENCES_WINDOW (window));

  return GTK_WINDOW_CLASS (grd_preferences_window_parent_class)->close_request (window);
}

static void
grd_preferences_window_constructed (GObject *object)
{
  GrdPreferencesWindow *self = GRD_PREFERENCES_WINDOW (object);
  g_autoptr(GSimpleActionGroup) actions = NULL;
  g_autoptr(GAction) style_action = NULL;
  g_autofree char *real_name = NULL;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (grd_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));

  /* The group description is markup, the account name is not. */
  real_name = g_markup_escape_text (g_get_real_name (), -1);
  description = g_strdup_printf (_("Recorded with every coding you make, so a team can compare "
                                   "coders. Empty: your account name (%s)."),
                                 real_name);
  adw_preferences_group_set_description (self->coding_group, description);

  on_coder_name_changed (self);
  g_signal_connect_object (self->settings, "changed::coder-name",
                           G_CALLBACK (on_coder_name_changed), self, G_CONNECT_SWAPPED);

  /* The style buttons are a radio group on this action's string state;
   * the application applies the setting to AdwStyleManager. */
  actions = g_simple_action_group_new ();
  style_action = g_settings_create_action (self->settings, "style-variant");
  g_action_map_add_action (G_ACTION_MAP (actions), style_action);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "prefs", G_ACTION_GROUP (actions));
}

static void
grd_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GrdPreferencesWindow *self = GRD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GrdPreferencesWindow *self = GRD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_preferences_window_dispose (GObject *object)
{
  GrdPreferencesWindow *self = GRD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grd_preferences_window_parent_class)->dispose (object);
}

static void
grd_preferences_window_class_init (GrdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = grd_preferences_window_constructed;
  object_class->get_property = grd_preferences_window_get_property;
  object_class->set_property = grd_preferences_window_set_property;
  object_class->dispose = grd_preferences_window_dispose;

  window_class->close_request = grd_preferences_window_close_request;

  /**
   * GrdPreferencesWindow:settings:
   *
   * The application's settings, which the window reads and writes.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/grd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdPreferencesWindow, coding_group);
  gtk_widget_class_bind_template_child (widget_class, GrdPreferencesWindow, coder_name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_coder_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_coder_name_focus_leave);
}

static void
grd_preferences_window_init (GrdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
grd_preferences_window_new (GrdApplication *application,
                            GtkWindow      *parent)
{
  g_return_val_if_fail (GRD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (GRD_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "settings", grd_application_get_settings (application),
                       "transient-for", parent,
                       NULL);
}
