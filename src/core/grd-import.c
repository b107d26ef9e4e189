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
static const char * const html_extensions[] = { "html", "htm", "xhtml", NULL };
static const char * const rtf_extensions[] = { "rtf", NULL };
static const char * const pdf_extensions[] = { "pdf", NULL };
static const char * const docx_extensions[] = { "docx", NULL };
static const char * const odt_extensions[] = { "odt", NULL };

static const GrdImporter importers[] = {
  { "txt", "text/plain", txt_extensions, _grd_import_read_plain_text },
  { "md", "text/markdown", md_extensions, _grd_import_read_markdown },
  { "html", "text/html", html_extensions, _grd_import_read_html },
  { "rtf", "application/rtf", rtf_extensions, _grd_import_read_rtf },
  { "pdf", "application/pdf", pdf_extensions, _grd_import_read_pdf },
  { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    docx_extensions, _grd_import_read_docx },
  { "odt", "application/vnd.oasis.opendocument.text", odt_extensions, _grd_import_read_odt },
};

void
grd_import_dropped_free (GrdImportDropped *dropped)
{
  if (dropped == NULL)
    return;

  g_free (dropped->what);
  g_free (dropped->why);
  g_free (dropped);
}

void
grd_imported_text_free (GrdImportedText *imported)
{
  if (imported == NULL)
    return;

  g_free (imported->text);
  g_free (imported->format);
  g_free (imported->media_type);
  g_free (imported->original_name);
  g_free (imported->title);
  g_free (imported->encoding);
  g_clear_pointer (&imported->turns, g_array_unref);
  g_clear_pointer (&imported->formats, g_array_unref);
  g_clear_pointer (&imported->dropped, g_ptr_array_unref);
  g_clear_pointer (&imported->original, g_bytes_unref);
  g_free (imported);
}

guint
grd_imported_text_count_speakers (GrdImportedText *imported)
{
  g_autoptr(GHashTable) speakers = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (imported != NULL, 0);

  for (guint i = 0; imported->turns != NULL && i < imported->turns->len; i++)
    g_hash_table_add (speakers, g_array_index (imported->turns, GrdTurn, i).speaker);

  return g_hash_table_size (speakers);
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

/* Notes at the end are no one's words: the last turn stops at the line
 * end before them (notes_start is a line start), and no turn starts in
 * them. */
static void
end_turns_at (GArray *turns,
              gint64  notes_start)
{
  guint kept = 0;

  while (kept < turns->len && g_array_index (turns, GrdTurn, kept).start < notes_start)
    kept++;
  if (kept < turns->len)
    g_array_remove_range (turns, kept, turns->len - kept);
  if (kept > 0)
    {
      GrdTurn *last = &g_array_index (turns, GrdTurn, kept - 1);

      last->end = MIN (last->end, notes_start - 1);
      if (last->end <= last->start)
        g_array_remove_index (turns, kept - 1);
    }
}

static gsize
text_limit (gsize file_size)
{
  return MIN (MAX (file_size * GRD_IMPORT_TEXT_RATIO, GRD_IMPORT_MIN_TEXT_LIMIT),
              GRD_IMPORT_MAX_TEXT_SIZE);
}

GrdImportedText *
grd_import_bytes (GBytes      *bytes,
                  const char  *file_name,
                  GError     **error)
{
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GrdImportBuilder) builder = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *name = NULL;
  const GrdImporter *importer;
  const char *dot;
  const char *end = NULL;
  gint64 notes_start;

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

  if (g_bytes_get_size (bytes) > GRD_IMPORT_MAX_FILE_SIZE)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, %lu sizes in MiB */
                   _("%s: the file is too large (%lu MiB; Grounded imports files up to %lu MiB)"),
                   name, (gulong) (g_bytes_get_size (bytes) >> 20),
                   (gulong) (GRD_IMPORT_MAX_FILE_SIZE >> 20));
      return NULL;
    }

  builder = grd_import_builder_new (text_limit (g_bytes_get_size (bytes)));
  if (!importer->read (bytes, name, builder, error))
    return NULL;
  if (grd_import_builder_overflowed (builder))
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, %lu a size in MiB */
                   _("%s: expands to more text than %lu MiB, far more than a file of its "
                     "size holds; refused"),
                   name, (gulong) (text_limit (g_bytes_get_size (bytes)) >> 20));
      return NULL;
    }

  notes_start = grd_import_builder_get_notes_start (builder);
  imported = g_new0 (GrdImportedText, 1);
  grd_import_builder_finish (builder, imported);

  /* Importers are trusted to build clean text (the builder leaves NULs
   * out), but whatever they build is stored and every offset is counted
   * in it, so check once here. */
  if (!g_utf8_validate_len (imported->text, imported->text_len, &end))
    {
      _grd_import_set_invalid_error (error, name, "UTF-8", (gsize) (end - imported->text));
      return NULL;
    }

  if (is_blank (imported->text))
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s: the file contains no text"),
                   name);
      return NULL;
    }

  imported->format = g_strdup (importer->format);
  imported->media_type = g_strdup (importer->media_type);
  imported->original_name = g_strdup (name);
  imported->title = dot != NULL ? g_strndup (name, dot - name) : g_strdup (name);
  if (imported->encoding == NULL)
    imported->encoding = g_strdup ("UTF-8");
  imported->turns = grd_import_detect_turns (imported->text, imported->formats);
  if (notes_start >= 0)
    end_turns_at (imported->turns, notes_start);
  imported->original = g_bytes_ref (bytes);

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

  /* A file over the limit is refused before it is read into memory, and
   * anything but a regular file before it is opened: reading a FIFO or a
   * device named "notes.txt" would wait or read for ever. */
  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                   G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                   G_FILE_QUERY_INFO_NONE, cancellable, NULL);

    if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
      {
        g_autofree char *path = g_file_get_parse_name (file);

        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_READ,
                     /* Translators: %s is a file path */
                     _("%s: not a regular file (a folder, device or pipe); refused"), path);
        return NULL;
      }
    if (info != NULL && g_file_info_get_size (info) > GRD_IMPORT_MAX_FILE_SIZE)
      {
        g_autofree char *path = g_file_get_parse_name (file);

        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE,
                     /* Translators: %s is a file path, %lu sizes in MiB */
                     _("%s: the file is too large (%lu MiB; Grounded imports files up to %lu MiB)"),
                     path, (gulong) (g_file_info_get_size (info) >> 20),
                     (gulong) (GRD_IMPORT_MAX_FILE_SIZE >> 20));
        return NULL;
      }
  }

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
