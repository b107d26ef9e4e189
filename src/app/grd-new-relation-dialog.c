/* grd-new-relation-dialog.c: relating two codes, and new relation types
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From, how, to, and a first memo; "how" offers the paradigm model's
 * kinds and then the project's own relation types, and a new type can be
 * made here (one undo step) and is then chosen. The form reads the codes
 * and types again after each change while open, keeping what is chosen.
 * Codes are picked with the code chooser, which finds a code by any part
 * of its name or path; none is chosen for the researcher.
 */

#define G_LOG_DOMAIN "grd-new-relation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-code-chooser.h"
#include "grd-dialogs.h"
#include "grd-new-relation-dialog.h"
#include "grd-relation-text.h"
#include "grd-widget-util.h"

struct _GrdNewRelationDialog
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *relation_group;
  GtkWidget           *from_button;
  GtkLabel            *from_label;
  GtkDropDown         *kind_dropdown;
  GtkWidget           *to_button;
  GtkLabel            *to_label;
  AdwEntryRow         *memo_row;
  AdwEntryRow         *type_name_row;
  AdwEntryRow         *type_description_row;
  GtkWidget           *add_type_button;
  GtkSwitch           *directed_switch;
  GtkWidget           *relate_button;

  GrdProject          *project;
  GtkWidget           *main_window;  /* where the toast goes: this one closes */
  GPtrArray           *codes;        /* GrdCode, tree order */
  GPtrArray           *paths;        /* char *, each code's path, in the order of codes */
  gint64               from_id;      /* 0: not chosen yet */
  gint64               to_id;
  GPtrArray           *types;        /* GrdRelationType, after the kinds in kind_dropdown */
};

G_DEFINE_FINAL_TYPE (GrdNewRelationDialog, grd_new_relation_dialog, ADW_TYPE_WINDOW)

/* The position in codes of code_id, or -1 when it is not there (any more). */
static int
position_of_code (GrdNewRelationDialog *self,
                  gint64                code_id)
{
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    if (((GrdCode *) g_ptr_array_index (self->codes, i))->id == code_id)
      return (int) i;
  return -1;
}

static const GrdCode *
code_of_id (GrdNewRelationDialog *self,
            gint64                code_id)
{
  int position = position_of_code (self, code_id);

  return position >= 0 ? g_ptr_array_index (self->codes, position) : NULL;
}

/* The relation the form describes, for its sentence; NULL without two codes. */
static GrdRelation *
relation_of_form (GrdNewRelationDialog *self)
{
  const GrdCode *from = code_of_id (self, self->from_id);
  const GrdCode *to = code_of_id (self, self->to_id);
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
    description = g_strdup (_("Choose the two codes to relate."));
  else if (!valid)
    description = g_strdup (_("Choose two different codes."));
  else
    {
      sentence = grd_relation_sentence (relation, code_of_id (self, self->from_id)->name,
                                        code_of_id (self, self->to_id)->name);
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

  sentence = grd_relation_sentence (relation, code_of_id (self, self->from_id)->name,
                                    code_of_id (self, self->to_id)->name);
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

/* A code's path: the names from the top, for codes of the same name. */
static GPtrArray *
code_paths (GPtrArray *codes)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  /* Codes come depth first. */
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      GString *path = g_string_new (NULL);

      g_ptr_array_set_size (stack, MIN (code->depth, stack->len));
      g_ptr_array_add (stack, code->name);
      for (guint j = 0; j < stack->len; j++)
        g_string_append_printf (path, "%s%s", j > 0 ? " / " : "",
                                (char *) g_ptr_array_index (stack, j));
      g_ptr_array_add (paths, g_string_free (path, FALSE));
    }
  return paths;
}

/* The button says the code chosen by its path, or asks for one. */
static void
show_choice (GrdNewRelationDialog *self,
             GtkLabel             *label,
             gint64               *code_id)
{
  int position = position_of_code (self, *code_id);

  if (position < 0)
    *code_id = 0;
  gtk_label_set_text (label, position >= 0 ? g_ptr_array_index (self->paths, position)
                                           : _("Choose a code…"));
  update_sentence (self);
}

static void
on_code_chosen (GrdCodeChooser       *chooser,
                gint64                code_id,
                GrdNewRelationDialog *self)
{
  gboolean from = g_object_get_data (G_OBJECT (chooser), "grd-from") != NULL;
  gint64 *chosen = from ? &self->from_id : &self->to_id;

  *chosen = code_id;
  show_choice (self, from ? self->from_label : self->to_label, chosen);
}

static void
choose_code (GrdNewRelationDialog *self,
             GtkWidget            *button)
{
  gboolean from = button == self->from_button;
  GtkWidget *chooser = grd_code_chooser_new (self->project, from ? _("From") : _("To"), FALSE);

  grd_code_chooser_set_excluded (GRD_CODE_CHOOSER (chooser), from ? self->to_id : self->from_id);
  if (from)
    g_object_set_data (G_OBJECT (chooser), "grd-from", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (chooser, "code-chosen", G_CALLBACK (on_code_chosen), self, 0);
  /* Parented to the dialog's content: a button holds no popover. */
  grd_popover_popup_at (GTK_POPOVER (chooser), adw_window_get_content (ADW_WINDOW (self)), button);
}

/* Reads codes and types into the form, keeping the codes and the kind or
 * type chosen where they still are. */
static gboolean
read_project (GrdNewRelationDialog  *self,
              GError               **error)
{
  g_autoptr(GPtrArray) codes = grd_project_list_codes (self->project, error);
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GtkStringList) hows = gtk_string_list_new (NULL);
  g_autoptr(GrdRelation) chosen = relation_of_form (self);
  guint kind_position = gtk_drop_down_get_selected (self->kind_dropdown);

  if (codes == NULL || (types = grd_project_list_relation_types (self->project, error)) == NULL)
    return FALSE;

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  self->codes = g_steal_pointer (&codes);
  self->types = g_steal_pointer (&types);
  self->paths = code_paths (self->codes);

  for (guint i = 0; i < grd_relation_kind_count (); i++)
    gtk_string_list_append (hows, grd_relation_kind_reading (grd_relation_kind_nth (i)));
  for (guint i = 0; i < self->types->len; i++)
    gtk_string_list_append (hows, ((GrdRelationType *) g_ptr_array_index (self->types, i))->name);

  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (hows));
  if (chosen != NULL && chosen->type_id != 0)
    select_kind_or_type (self, chosen->type_id);
  else if (kind_position < grd_relation_kind_count ())
    gtk_drop_down_set_selected (self->kind_dropdown, kind_position);
  show_choice (self, self->from_label, &self->from_id);
  show_choice (self, self->to_label, &self->to_id);
  return TRUE;
}

static void
on_project_changed (GrdNewRelationDialog *self,
                    GrdChange             change)
{
  g_autoptr(GError) error = NULL;

  if ((change & (GRD_CHANGE_CODES | GRD_CHANGE_RELATIONS)) == 0)
    return;
  if (!read_project (self, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not read the codes"), error);
}

static void
grd_new_relation_dialog_dispose (GObject *object)
{
  GrdNewRelationDialog *self = GRD_NEW_RELATION_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, from_button);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, to_button);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, to_label);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, memo_row);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, type_name_row);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, type_description_row);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, add_type_button);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, directed_switch);
  gtk_widget_class_bind_template_child (widget_class, GrdNewRelationDialog, relate_button);
  gtk_widget_class_bind_template_callback (widget_class, update_sentence);
  gtk_widget_class_bind_template_callback (widget_class, choose_code);
  gtk_widget_class_bind_template_callback (widget_class, on_relate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_add_type_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_type_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grd_new_relation_dialog_init (GrdNewRelationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  self->from_id = from_code_id;
  self->to_id = to_code_id;
  if (!read_project (self, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      grd_show_error (widget, _("Could not read the codes"), error);
      return;
    }
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}
