/* grd-new-relation-dialog.c: relating two codes, and new relation types
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From, how, to, and a first memo; "how" offers the paradigm model's
 * kinds and then the project's own relation types, and a new type can be
 * made here (one undo step) and is then chosen. The form reads the codes
 * and types again after each change while open, keeping what is chosen.
 */

#define G_LOG_DOMAIN "grd-new-relation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-new-relation-dialog.h"
#include "grd-relation-text.h"
#include "grd-widget-util.h"

struct _GrdNewRelationDialog
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *relation_group;
  GtkDropDown         *from_dropdown;
  GtkDropDown         *kind_dropdown;
  GtkDropDown         *to_dropdown;
  AdwEntryRow         *memo_row;
  AdwEntryRow         *type_name_row;
  AdwEntryRow         *type_description_row;
  GtkWidget           *add_type_button;
  GtkSwitch           *directed_switch;
  GtkWidget           *relate_button;

  GrdProject          *project;
  GtkWidget           *main_window;  /* where the toast goes: this one closes */
  GPtrArray           *codes;        /* GrdCode, tree order */
  GPtrArray           *types;        /* GrdRelationType, after the kinds in kind_dropdown */
};

G_DEFINE_FINAL_TYPE (GrdNewRelationDialog, grd_new_relation_dialog, ADW_TYPE_WINDOW)

static const GrdCode *
selected_code (GrdNewRelationDialog *self,
               GtkDropDown          *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->codes == NULL || position >= self->codes->len)
    return NULL;
  return g_ptr_array_index (self->codes, position);
}

/* The relation the form describes, for its sentence; NULL without two codes. */
static GrdRelation *
relation_of_form (GrdNewRelationDialog *self)
{
  const GrdCode *from = selected_code (self, self->from_dropdown);
  const GrdCode *to = selected_code (self, self->to_dropdown);
  guint how = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autoptr(GrdRelation) relation = NULL;

  if (from == NULL || to == NULL || how == GTK_INVALID_LIST_POSITION)
    return NULL;

  relation = g_new0 (GrdRelation, 1);
  relation->from_code_id = from->id;
  relation->to_code_id = to->id;
  if (how < grd_relation_kind_count ())
    relation->kind = grd_relation_kind_nth (how);
  else if (self->types != NULL && how - grd_relation_kind_count () < self->types->len)
    {
      const GrdRelationType *type = g_ptr_array_index (self->types,
                                                       how - grd_relation_kind_count ());

      relation->kind = GRD_RELATION_KIND_ASSOCIATED;
      relation->type_id = type->id;
      relation->type_name = g_strdup (type->name);
    }
  else
    return NULL;
  return g_steal_pointer (&relation);
}

static void
update_sentence (GrdNewRelationDialog *self)
{
  g_autoptr(GrdRelation) relation = relation_of_form (self);
  g_autofree char *sentence = NULL;
  g_autofree char *description = NULL;
  gboolean valid = relation != NULL && relation->from_code_id != relation->to_code_id;

  gtk_widget_set_sensitive (self->relate_button, valid);
  if (relation == NULL)
    description = g_strdup (_("The project needs two codes to relate."));
  else if (!valid)
    description = g_strdup (_("Choose two different codes."));
  else
    {
      sentence = grd_relation_sentence (relation, selected_code (self, self->from_dropdown)->name,
                                        selected_code (self, self->to_dropdown)->name);
      /* Translators: the relation as it will read */
      description = g_strdup_printf (_("Reads: “%s”"), sentence);
    }
  adw_preferences_group_set_description (self->relation_group, description);
}

static void
on_relate_clicked (GrdNewRelationDialog *self)
{
  g_autoptr(GrdRelation) relation = relation_of_form (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *memo = NULL;
  g_autofree char *sentence = NULL;
  gint64 id;

  if (relation == NULL)
    return;

  memo = grd_editable_dup_stripped (GTK_EDITABLE (self->memo_row));
  id = relation->type_id != 0
         ? grd_project_add_typed_relation (self->project, relation->from_code_id,
                                           relation->to_code_id, relation->type_id, NULL, memo,
                                           &error)
         : grd_project_add_relation (self->project, relation->from_code_id, relation->to_code_id,
                                     relation->kind, NULL, memo, &error);
  if (id <= 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not relate the codes"), error);
      return;
    }

  sentence = grd_relation_sentence (relation, selected_code (self, self->from_dropdown)->name,
                                    selected_code (self, self->to_dropdown)->name);
  grd_show_undo_toast (self->main_window, sentence);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
update_add_type_button (GrdNewRelationDialog *self)
{
  g_autofree char *name = grd_editable_dup_stripped (GTK_EDITABLE (self->type_name_row));

  gtk_widget_set_sensitive (self->add_type_button, *name != '\0');
}

static void
select_kind_or_type (GrdNewRelationDialog *self,
                     gint64                type_id)
{
  for (guint i = 0; i < self->types->len; i++)
    if (((GrdRelationType *) g_ptr_array_index (self->types, i))->id == type_id)
      gtk_drop_down_set_selected (self->kind_dropdown, grd_relation_kind_count () + i);
}

static void
on_add_type_clicked (GrdNewRelationDialog *self)
{
  g_autofree char *name = grd_editable_dup_stripped (GTK_EDITABLE (self->type_name_row));
  g_autofree char *description =
    grd_editable_dup_stripped (GTK_EDITABLE (self->type_description_row));
  g_autoptr(GError) error = NULL;
  gint64 type_id;

  if (*name == '\0')
    return;
  /* The project's changed signal reads the types into the form again. */
  type_id = grd_project_add_relation_type (self->project, name, description,
                                           gtk_switch_get_active (self->directed_switch), &error);
  if (type_id <= 0)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not add the relation type"), error);
      return;
    }
  select_kind_or_type (self, type_id);
  gtk_editable_set_text (GTK_EDITABLE (self->type_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->type_description_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_dropdown));
}

static guint
position_of_code (GrdNewRelationDialog *self,
                  gint64                code_id,
                  guint                 fallback)
{
  for (guint i = 0; i < self->codes->len; i++)
    if (((GrdCode *) g_ptr_array_index (self->codes, i))->id == code_id)
      return i;
  return MIN (fallback, self->codes->len > 0 ? self->codes->len - 1 : 0);
}

/* A code's path: the names from the top, for codes of the same name. */
static GtkStringList *
code_paths (GPtrArray *codes)
{
  GtkStringList *paths = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  /* Codes come depth first. */
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      g_autoptr(GString) path = g_string_new (NULL);

      g_ptr_array_set_size (stack, MIN (code->depth, stack->len));
      g_ptr_array_add (stack, code->name);
      for (guint j = 0; j < stack->len; j++)
        g_string_append_printf (path, "%s%s", j > 0 ? " / " : "",
                                (char *) g_ptr_array_index (stack, j));
      gtk_string_list_append (paths, path->str);
    }
  return paths;
}

/* Reads codes and types into the dropdowns, keeping the codes and the
 * kind or type chosen (from_id, to_id, type_id) where they still are. */
static gboolean
read_project (GrdNewRelationDialog  *self,
              gint64                 from_id,
              gint64                 to_id,
              GError               **error)
{
  g_autoptr(GPtrArray) codes = grd_project_list_codes (self->project, error);
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GtkStringList) paths = NULL;
  g_autoptr(GtkStringList) hows = gtk_string_list_new (NULL);
  g_autoptr(GrdRelation) chosen = relation_of_form (self);
  guint kind_position = gtk_drop_down_get_selected (self->kind_dropdown);

  if (codes == NULL || (types = grd_project_list_relation_types (self->project, error)) == NULL)
    return FALSE;

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  self->codes = g_steal_pointer (&codes);
  self->types = g_steal_pointer (&types);

  for (guint i = 0; i < grd_relation_kind_count (); i++)
    gtk_string_list_append (hows, grd_relation_kind_reading (grd_relation_kind_nth (i)));
  for (guint i = 0; i < self->types->len; i++)
    gtk_string_list_append (hows, ((GrdRelationType *) g_ptr_array_index (self->types, i))->name);
  paths = code_paths (self->codes);

  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (paths));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (paths));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (hows));
  gtk_drop_down_set_selected (self->from_dropdown, position_of_code (self, from_id, 0));
  gtk_drop_down_set_selected (self->to_dropdown, position_of_code (self, to_id, 1));
  if (chosen != NULL && chosen->type_id != 0)
    select_kind_or_type (self, chosen->type_id);
  else if (kind_position < grd_relation_kind_count ())
    gtk_drop_down_set_selected (self->kind_dropdown, kind_position);
  update_sentence (self);
  return TRUE;
}

static void
on_project_changed (GrdNewRelationDialog *self,
                    GrdChange             change)
{
  const GrdCode *from = selected_code (self, self->from_dropdown);
  const GrdCode *to = selected_code (self, self->to_dropdown);
  g_autoptr(GError) error = NULL;

  if ((change & (GRD_CHANGE_CODES | GRD_CHANGE_RELATIONS)) == 0)
    return;
  if (!read_project (self, from != NULL ? from->id : 0, to != NULL ? to->id : 0, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not read the codes"), error);
}

static void
setup_dropdown_expression (GtkDropDown *dropdown)
{
  g_autoptr(GtkExpression) string = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                                 "string");

  gtk_drop_down_set_expression (dropdown, string);
}

static void
grd_new_relation_dialog_dispose (GObject *object)
{
  GrdNewRelationDialog *self = GRD_NEW_RELATION_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_weak_pointer (&self->main_window);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_NEW_RELATION_DIALOG);

  G_OBJECT_CLASS (grd_new_relation_dialog_parent_class)->dispose (object);
}

static void
grd_new_relation_dialog_class_init (GrdNewRelationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_new_relation_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-new-relation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, relation_group);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, memo_row);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, type_name_row);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, type_description_row);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, add_type_button);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, directed_switch);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, relate_button);
  gtk_widget_class_bind_template_callback (widget_class, update_sentence);
  gtk_widget_class_bind_template_callback (widget_class, on_relate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_add_type_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_type_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grd_new_relation_dialog_init (GrdNewRelationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_dropdown_expression (self->from_dropdown);
  setup_dropdown_expression (self->to_dropdown);
}

void
grd_new_relation_dialog_present (GtkWidget  *widget,
                                 GrdProject *project,
                                 gint64      from_code_id,
                                 gint64      to_code_id)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GError) error = NULL;
  GrdNewRelationDialog *self = g_object_new (GRD_TYPE_NEW_RELATION_DIALOG,
                                             "transient-for", parent, NULL);

  self->project = g_object_ref (project);
  g_set_weak_pointer (&self->main_window, GTK_WIDGET (parent));
  if (!read_project (self, from_code_id, to_code_id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      grd_show_error (widget, _("Could not read the codes"), error);
      return;
    }
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}
