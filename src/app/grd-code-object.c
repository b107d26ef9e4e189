/* grd-code-object.c: one code of the tree as a GObject, for list models
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-code-tree"

#include "config.h"

#include "grd-code-object.h"

struct _GrdCodeObject
{
  GObject  parent_instance;

  GrdCode *code;
  char    *path;
};

G_DEFINE_FINAL_TYPE (GrdCodeObject, grd_code_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PATH,
  PROP_COLOR,
  PROP_KIND,
  PROP_N_CODINGS,
  PROP_N_CODINGS_TOTAL,
  PROP_N_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GrdCode *
code_copy (const GrdCode *code)
{
  GrdCode *copy = g_new (GrdCode, 1);

  *copy = *code;
  copy->guid = g_strdup (code->guid);
  copy->name = g_strdup (code->name);
  copy->description = g_strdup (code->description);
  copy->color = g_strdup (code->color);

  return copy;
}

/* Takes code and path. */
static GrdCodeObject *
code_object_new_take (GrdCode *code,
                      char    *path)
{
  GrdCodeObject *self = g_object_new (GRD_TYPE_CODE_OBJECT, NULL);

  self->code = code;
  self->path = path;

  return self;
}

static void
grd_code_object_finalize (GObject *object)
{
  GrdCodeObject *self = GRD_CODE_OBJECT (object);

  g_clear_pointer (&self->code, grd_code_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (grd_code_object_parent_class)->finalize (object);
}

static void
grd_code_object_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrdCodeObject *self = GRD_CODE_OBJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->code->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->code->name);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->code->color);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->code->kind);
      break;

    case PROP_N_CODINGS:
      g_value_set_uint (value, self->code->n_codings);
      break;

    case PROP_N_CODINGS_TOTAL:
      g_value_set_uint (value, self->code->n_codings_total);
      break;

    case PROP_N_CHILDREN:
      g_value_set_uint (value, self->code->n_children);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grd_code_object_class_init (GrdCodeObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grd_code_object_finalize;
  object_class->get_property = grd_code_object_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      GRD_CODE_KIND_OPEN_CODE, GRD_CODE_KIND_CORE_CATEGORY,
                      GRD_CODE_KIND_OPEN_CODE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CODINGS] =
    g_param_spec_uint ("n-codings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CODINGS_TOTAL] =
    g_param_spec_uint ("n-codings-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHILDREN] =
    g_param_spec_uint ("n-children", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grd_code_object_init (GrdCodeObject *self)
{
}

GrdCodeObject *
grd_code_object_new (const GrdCode *code,
                     const char    *path)
{
  g_return_val_if_fail (code != NULL, NULL);

  return code_object_new_take (code_copy (code), g_strdup (path != NULL ? path : code->name));
}

/* Notifies only what changed, so a count update does not make every row
 * redraw its name. */
void
grd_code_object_update (GrdCodeObject *self,
                        const GrdCode *code,
                        const char    *path)
{
  GrdCode *old;

  g_return_if_fail (GRD_IS_CODE_OBJECT (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (code->id == self->code->id);

  if (path == NULL)
    path = code->name;

  old = g_steal_pointer (&self->code);
  self->code = code_copy (code);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (old->name, code->name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  if (g_strcmp0 (old->color, code->color) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  if (old->kind != code->kind)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  if (old->n_codings != code->n_codings)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
  if (old->n_codings_total != code->n_codings_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS_TOTAL]);
  if (old->n_children != code->n_children)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHILDREN]);

  grd_code_free (old);

  g_object_thaw_notify (G_OBJECT (self));
}

void
grd_code_object_set_counts (GrdCodeObject *self,
                            guint          n_codings,
                            guint          n_codings_total)
{
  g_return_if_fail (GRD_IS_CODE_OBJECT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->code->n_codings != n_codings)
    {
      self->code->n_codings = n_codings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS]);
    }
  if (self->code->n_codings_total != n_codings_total)
    {
      self->code->n_codings_total = n_codings_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const GrdCode *
grd_code_object_get_code (GrdCodeObject *self)
{
  g_return_val_if_fail (GRD_IS_CODE_OBJECT (self), NULL);

  return self->code;
}

gint64
grd_code_object_get_id (GrdCodeObject *self)
{
  g_return_val_if_fail (GRD_IS_CODE_OBJECT (self), 0);

  return self->code->id;
}

const char *
grd_code_object_get_name (GrdCodeObject *self)
{
  g_return_val_if_fail (GRD_IS_CODE_OBJECT (self), NULL);

  return self->code->name;
}

const char *
grd_code_object_get_path (GrdCodeObject *self)
{
  g_return_val_if_fail (GRD_IS_CODE_OBJECT (self), NULL);

  return self->path;
}

/* A colour the file got wrong draws grey rather than not at all. */
void
grd_code_object_get_rgba (GrdCodeObject *self,
                          GdkRGBA       *rgba)
{
  g_return_if_fail (GRD_IS_CODE_OBJECT (self));
  g_return_if_fail (rgba != NULL);

  if (self->code->color == NULL || !gdk_rgba_parse (rgba, self->code->color))
    *rgba = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };
}

GPtrArray *
grd_code_objects_list (GrdProject  *project,
                       GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  codes = grd_project_list_codes (project, error);
  if (codes == NULL)
    return NULL;

  objects = g_ptr_array_new_full (codes->len, g_object_unref);
  /* the objects take the codes */
  g_ptr_array_set_free_func (codes, NULL);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Tree order puts every parent before its children, so one pass finds
   * each parent's path already made. */
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);
      GrdCodeObject *parent = g_hash_table_lookup (by_id, &code->parent_id);
      GrdCodeObject *object;
      char *path;

      if (parent != NULL)
        path = g_strconcat (parent->path, " / ", code->name, NULL);
      else
        path = g_strdup (code->name);

      object = code_object_new_take (code, path);
      g_hash_table_insert (by_id, &object->code->id, object);
      g_ptr_array_add (objects, object);
    }

  return g_steal_pointer (&objects);
}
