/* grd-import.c: choosing an importer and building the imported text
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-import-private.h"
#include "grd-utf8.h"

G_DEFINE_QUARK (grd-import-error-quark, grd_import_error)

static const char * const txt_extensions[] = { "txt", "text", NULL };
static const char * const md_extensions[] = { "md", "markdown", NULL };

static const GrdImporter importers[] = {
  { "txt", txt_extensions, _grd_import_read_plain_text },
  { "md", md_extensions, _grd_import_read_markdown },
};

void
grd_imported_text_free (GrdImportedText *imported)
{
  if (imported == NULL)
    return;

  g_free (imported->text);
  g_free (imported->format);
  g_free (imported->original_name);
  g_free (imported->title);
  g_free (imported->encoding);
  g_clear_pointer (&imported->turns, g_array_unref);
  g_free (imported);
}

/* A leading dot marks a hidden file, not an extension: ".txt" has none. */
static const char *
find_extension_dot (const char *base_name)
{
  const char *dot = strrchr (base_name, '.');

  if (dot == NULL || dot == base_name || dot[1] == '\0')
    return NULL;

  return dot;
}

const GrdImporter *
grd_importer_for_file_name (const char *file_name)
{
  g_autofree char *base_name = NULL;
  g_autofree char *extension = NULL;
  const char *dot;

  g_return_val_if_fail (file_name != NULL, NULL);

  base_name = g_path_get_basename (file_name);
  dot = find_extension_dot (base_name);
  if (dot == NULL)
    return NULL;

  /* The table holds ASCII only, so ASCII folding is enough and works on
   * file names that are not valid UTF-8. */
  extension = g_ascii_strdown (dot + 1, -1);

  for (guint i = 0; i < G_N_ELEMENTS (importers); i++)
    {
      if (g_strv_contains (importers[i].extensions, extension))
        return &importers[i];
    }

  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* ".txt, .text, .md, .markdown": what the importer table reads, for
 * messages that say what would work. */
static char *
known_extensions (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (importers); i++)
    for (guint j = 0; importers[i].extensions[j] != NULL; j++)
      g_string_append_printf (list, "%s.%s", list->len > 0 ? ", " : "", importers[i].extensions[j]);

  return g_string_free (g_steal_pointer (&list), FALSE);
}

GrdImportedText *
grd_import_bytes (GBytes      *bytes,
                  const char  *file_name,
                  GError     **error)
{
  g_autoptr(GrdImportedText) imported = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  const GrdImporter *importer;
  const char *dot;
  const char *end = NULL;
  gsize text_len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The name ends up in messages and in the project file, both UTF-8. */
  base_name = g_path_get_basename (file_name);
  name = g_utf8_make_valid (base_name, -1);
  dot = find_extension_dot (name);

  importer = grd_importer_for_file_name (name);
  if (importer == NULL)
    {
      g_autofree char *known = known_extensions ();

      if (dot == NULL)
        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_UNSUPPORTED,
                     /* Translators: %s is a file name, then a list like “.txt, .md” */
                     _("%s: the file name has no extension, so its format is unknown "
                       "(Grounded imports %s)"),
                     name, known);
      else
        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_UNSUPPORTED,
                     /* Translators: a file name, its extension (“.jpg”), then a
                      * list like “.txt, .md” */
                     _("%s: cannot import “%s” files (Grounded imports %s)"),
                     name, dot, known);
      return NULL;
    }

  text = importer->read_text (bytes, name, &encoding, error);
  if (text == NULL)
    return NULL;

  /* Importers are trusted to return clean text, but whatever they return
   * is stored and every offset is counted in it, so check once here. */
  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
                   /* Translators: %s is a file name, %lu a byte offset */
                   _("%s: invalid UTF-8 at byte %lu"),
                   name, (gulong) (end - text));
      return NULL;
    }

  /* The returned string carries no length, so a NUL would silently cut
   * the text short; importers refuse NULs themselves with the byte offset
   * in the file, and only its end is known here. */
  text_len = strlen (text);

  if (is_blank (text))
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s: the file contains no text"),
                   name);
      return NULL;
    }

  imported = g_new0 (GrdImportedText, 1);
  imported->text_len = text_len;
  imported->n_chars = grd_utf8_count_chars (text, text_len);
  imported->format = g_strdup (importer->format);
  imported->original_name = g_strdup (name);
  imported->title = dot != NULL ? g_strndup (name, dot - name) : g_strdup (name);
  imported->encoding = encoding != NULL ? g_steal_pointer (&encoding) : g_strdup ("UTF-8");
  imported->turns = grd_import_detect_turns (text);
  imported->text = g_steal_pointer (&text);

  return g_steal_pointer (&imported);
}

GrdImportedText *
grd_import_file (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *display_name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_autofree char *path = g_file_get_parse_name (file);

      /* A cancelled import is the user's choice, not a failure to report;
       * callers need the GIO code to tell the two apart. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_READ,
                   /* Translators: the first %s is a file path, the second
                    * the reason it could not be read */
                   _("%s: could not read the file: %s"),
                   path, local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  base_name = g_file_get_basename (file);
  if (base_name != NULL)
    display_name = g_filename_display_name (base_name);
  else
    display_name = g_file_get_parse_name (file);

  return grd_import_bytes (bytes, display_name, error);
}
