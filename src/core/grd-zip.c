/* grd-zip.c: zip containers on libzip, with limits for untrusted archives
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-zip"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "grd-zip.h"

G_DEFINE_QUARK (grd-zip-error-quark, grd_zip_error)

struct _GrdZipReader
{
  zip_t      *archive;
  GBytes     *bytes;        /* kept alive for an archive read from memory */
  char       *file_name;
  GPtrArray  *names;        /* index in the archive -> UTF-8 name */
  GHashTable *by_name;      /* name -> index + 1 */
  GHashTable *by_folded;    /* ASCII-lowercased name -> index + 1 */
};

static char *
libzip_message (int code)
{
  zip_error_t zip_error;
  char *message;

  zip_error_init_with_code (&zip_error, code);
  message = g_strdup (zip_error_strerror (&zip_error));
  zip_error_fini (&zip_error);
  return message;
}

static void
set_open_error (GError     **error,
                const char  *file_name,
                int          code)
{
  g_autofree char *message = libzip_message (code);

  switch (code)
    {
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_NOENT:
    case ZIP_ER_MEMORY:
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_READ,
                   _("%s: cannot read the file: %s"), file_name, message);
      break;
    default:
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_NOT_ZIP,
                   _("%s: not a zip archive, or a damaged one: %s"), file_name, message);
    }
}

static GrdZipReader *
reader_new (zip_t      *archive,
            GBytes     *bytes,
            const char *file_name)
{
  GrdZipReader *self = g_new0 (GrdZipReader, 1);
  zip_int64_t n = zip_get_num_entries (archive, 0);

  self->archive = archive;
  self->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  self->file_name = g_strdup (file_name);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (zip_int64_t i = 0; i < n; i++)
    {
      /* ENC_GUESS turns CP437 names of old tools into UTF-8 */
      const char *raw = zip_get_name (archive, (zip_uint64_t) i, ZIP_FL_ENC_GUESS);
      char *name = g_utf8_make_valid (raw != NULL ? raw : "", -1);

      g_ptr_array_add (self->names, name);
      /* the first of two entries with one name wins, as in libzip's own lookup */
      if (!g_hash_table_contains (self->by_name, name))
        g_hash_table_insert (self->by_name, name, GSIZE_TO_POINTER ((gsize) i + 1));
      if (!g_hash_table_contains (self->by_folded, name))
        {
          char *folded = g_ascii_strdown (name, -1);

          if (g_hash_table_contains (self->by_folded, folded))
            g_free (folded);
          else
            g_hash_table_insert (self->by_folded, folded, GSIZE_TO_POINTER ((gsize) i + 1));
        }
    }

  return self;
}

GrdZipReader *
grd_zip_reader_open (const char  *path,
                     GError     **error)
{
  g_autofree char *display = NULL;
  zip_t *archive;
  int code = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_basename (path);
  archive = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive == NULL)
    {
      set_open_error (error, display, code);
      return NULL;
    }

  return reader_new (archive, NULL, display);
}

GrdZipReader *
grd_zip_reader_new_from_bytes (GBytes      *bytes,
                               const char  *file_name,
                               GError     **error)
{
  zip_error_t zip_error;
  zip_source_t *source;
  zip_t *archive;
  gsize size;
  const void *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  zip_error_init (&zip_error);
  source = zip_source_buffer_create (data, size, 0, &zip_error);
  if (source == NULL)
    {
      set_open_error (error, file_name, zip_error_code_zip (&zip_error));
      zip_error_fini (&zip_error);
      return NULL;
    }

  archive = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zip_error);
  if (archive == NULL)
    {
      set_open_error (error, file_name, zip_error_code_zip (&zip_error));
      zip_error_fini (&zip_error);
      zip_source_free (source);
      return NULL;
    }

  zip_error_fini (&zip_error);
  return reader_new (archive, bytes, file_name);
}

const char *
grd_zip_reader_get_file_name (GrdZipReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file_name;
}

void
grd_zip_reader_free (GrdZipReader *self)
{
  if (self == NULL)
    return;

  zip_discard (self->archive);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_hash_table_unref (self->by_folded);
  g_hash_table_unref (self->by_name);
  g_ptr_array_unref (self->names);
  g_free (self->file_name);
  g_free (self);
}

gboolean
grd_zip_reader_has_entry (GrdZipReader *self,
                          const char   *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (self->by_name, name);
}

const char *
grd_zip_reader_find_entry_nocase (GrdZipReader *self,
                                  const char   *name)
{
  g_autofree char *folded = NULL;
  gsize index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = GPOINTER_TO_SIZE (g_hash_table_lookup (self->by_name, name));
  if (index == 0)
    {
      folded = g_ascii_strdown (name, -1);
      index = GPOINTER_TO_SIZE (g_hash_table_lookup (self->by_folded, folded));
    }
  return index > 0 ? g_ptr_array_index (self->names, index - 1) : NULL;
}

GPtrArray *
grd_zip_reader_list_entries (GrdZipReader *self)
{
  GPtrArray *names;

  g_return_val_if_fail (self != NULL, NULL);

  names = g_ptr_array_new_full (self->names->len, g_free);
  for (guint i = 0; i < self->names->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (self->names, i)));
  return names;
}

/* Names are later joined to folders by whoever extracts: none may climb
 * out of one or start at the root, with either kind of slash. */
static gboolean
name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '\0' || name[0] == '/' || name[0] == '\\' ||
      (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return FALSE;

  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0)
      return FALSE;

  return TRUE;
}

GBytes *
grd_zip_reader_read_entry (GrdZipReader  *self,
                           const char    *name,
                           gsize          max_size,
                           GError       **error)
{
  g_autofree guint8 *data = NULL;
  zip_stat_t st;
  zip_file_t *file;
  zip_int64_t got;
  guint8 probe;
  gsize index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = GPOINTER_TO_SIZE (g_hash_table_lookup (self->by_name, name));
  if (index == 0)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_NOT_FOUND,
                   _("%s: the archive has no entry “%s”"), self->file_name, name);
      return NULL;
    }
  index--;

  if (!name_is_safe (name))
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_UNSAFE_NAME,
                   _("%s: refused the entry “%s”: its name leads out of the archive's folder"),
                   self->file_name, name);
      return NULL;
    }

  zip_stat_init (&st);
  if (zip_stat_index (self->archive, index, 0, &st) != 0 ||
      (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_CORRUPT,
                   _("%s: the entry “%s” is damaged: %s"),
                   self->file_name, name, zip_strerror (self->archive));
      return NULL;
    }

  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_ENCRYPTED,
                   _("%s: the entry “%s” is encrypted"), self->file_name, name);
      return NULL;
    }

  if (st.size > max_size)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE,
                   _("%s: the entry “%s” expands to %llu bytes, more than the %llu allowed"),
                   self->file_name, name, (unsigned long long) st.size,
                   (unsigned long long) max_size);
      return NULL;
    }

  if (st.size > GRD_ZIP_RATIO_THRESHOLD &&
      st.size / MAX (st.comp_size, 1) > GRD_ZIP_MAX_RATIO)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE,
                   _("%s: the entry “%s” expands %llu times (%llu to %llu bytes); "
                     "refused as a likely zip bomb"),
                   self->file_name, name,
                   (unsigned long long) (st.size / MAX (st.comp_size, 1)),
                   (unsigned long long) st.comp_size, (unsigned long long) st.size);
      return NULL;
    }

  file = zip_fopen_index (self->archive, index, 0);
  if (file == NULL)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_CORRUPT,
                   _("%s: cannot open the entry “%s”: %s"),
                   self->file_name, name, zip_strerror (self->archive));
      return NULL;
    }

  /* The header's size bounds the read; libzip checks the CRC at the end,
   * and one byte more than promised is a lie we refuse. */
  data = g_malloc (st.size + 1);
  got = st.size > 0 ? zip_fread (file, data, st.size) : 0;
  if (got == (zip_int64_t) st.size && zip_fread (file, &probe, 1) != 0)
    got = -1;
  if (got != (zip_int64_t) st.size)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_CORRUPT,
                   _("%s: the entry “%s” is damaged: %s"),
                   self->file_name, name, zip_file_strerror (file));
      zip_fclose (file);
      return NULL;
    }
  zip_fclose (file);

  data[st.size] = '\0';
  return g_bytes_new_take (g_steal_pointer (&data), st.size);
}

/* Writer */

struct _GrdZipWriter
{
  zip_t     *archive;
  char      *path;
  char      *tmp_path;
  char      *display;
  GPtrArray *keep;       /* GBytes the archive reads from on commit */
};

GrdZipWriter *
grd_zip_writer_new (const char  *path,
                    GError     **error)
{
  g_autoptr(GrdZipWriter) self = g_new0 (GrdZipWriter, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = NULL;
  int code = 0;
  int fd;

  self->path = g_strdup (path);
  self->display = g_filename_display_basename (path);
  self->keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  /* In the target's folder, so the final rename cannot cross file systems;
   * 0666 and the umask, as any new file (libzip keeps the mode it finds). */
  template = g_strdup_printf (".%s.XXXXXX", base);
  self->tmp_path = g_build_filename (dir, template, NULL);
  fd = g_mkstemp_full (self->tmp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                   _("%s: cannot create a file in its folder: %s"),
                   self->display, g_strerror (saved));
      g_clear_pointer (&self->tmp_path, g_free);
      return NULL;
    }
  close (fd);

  self->archive = zip_open (self->tmp_path, ZIP_TRUNCATE, &code);
  if (self->archive == NULL)
    {
      g_autofree char *message = libzip_message (code);

      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                   _("%s: cannot write the archive: %s"), self->display, message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static gboolean
add_source (GrdZipWriter  *self,
            const char    *name,
            zip_source_t  *source,
            GError       **error)
{
  zip_int64_t index;

  if (source == NULL)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                   _("%s: cannot add “%s”: %s"), self->display, name,
                   zip_strerror (self->archive));
      return FALSE;
    }

  index = zip_file_add (self->archive, name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                   _("%s: cannot add “%s”: %s"), self->display, name,
                   zip_strerror (self->archive));
      zip_source_free (source);
      return FALSE;
    }

  /* The fastest level: XML and transcripts still shrink fourfold, and an
   * export of a thousand transcripts takes 6 s instead of the default
   * level's 15 s, for a file a fifth larger. */
  zip_set_file_compression (self->archive, (zip_uint64_t) index, ZIP_CM_DEFLATE, 1);
  return TRUE;
}

gboolean
grd_zip_writer_add_bytes (GrdZipWriter  *self,
                          const char    *name,
                          GBytes        *bytes,
                          GError       **error)
{
  gsize size;
  const void *data;

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);
  g_return_val_if_fail (name_is_safe (name), FALSE);

  g_ptr_array_add (self->keep, g_bytes_ref (bytes));
  data = g_bytes_get_data (bytes, &size);
  return add_source (self, name, zip_source_buffer (self->archive, data, size, 0), error);
}

gboolean
grd_zip_writer_add_file (GrdZipWriter  *self,
                         const char    *name,
                         const char    *file_path,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);
  g_return_val_if_fail (name_is_safe (name), FALSE);

  return add_source (self, name, zip_source_file (self->archive, file_path, 0, -1),
                     error);
}

gboolean
grd_zip_writer_commit (GrdZipWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);

  if (zip_close (self->archive) != 0)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                   _("%s: cannot write the archive: %s"), self->display,
                   zip_strerror (self->archive));
      return FALSE;
    }
  self->archive = NULL;

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;

      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                   _("%s: cannot move the finished archive into place: %s"),
                   self->display, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

void
grd_zip_writer_free (GrdZipWriter *self)
{
  if (self == NULL)
    return;

  if (self->archive != NULL)
    zip_discard (self->archive);
  /* libzip writes nothing before zip_close; this is our placeholder, or
   * what a failed commit left */
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_ptr_array_unref (self->keep);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self->display);
  g_free (self);
}
