/* grd-zip.c: zip containers on libzip, with limits for untrusted archives
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-zip"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "grd-temp-file.h"
#include "grd-zip.h"

G_DEFINE_QUARK (grd-zip-error-quark, grd_zip_error)

struct _GrdZipReader
{
  /* libzip lets one thread at a time use an archive; its entries may be
   * read from several (an import reads its .qde on a thread of its own) */
  GMutex      lock;
  zip_t      *archive;
  GBytes     *bytes;        /* kept alive for an archive read from memory */
  char       *file_name;
  guint64     archive_size;
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

/* Takes archive, and discards it when refusing it. */
static GrdZipReader *
reader_new (zip_t       *archive,
            GBytes      *bytes,
            const char  *file_name,
            guint64      archive_size,
            GError     **error)
{
  GrdZipReader *self;
  zip_int64_t n = zip_get_num_entries (archive, 0);

  /* each entry costs a name and two table slots before anything is read */
  if (n > GRD_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE,
                   _("%s: the archive has %lld entries, more than the %d allowed"),
                   file_name, (long long) n, GRD_ZIP_MAX_ENTRIES);
      zip_discard (archive);
      return NULL;
    }

  self = g_new0 (GrdZipReader, 1);
  g_mutex_init (&self->lock);
  self->archive = archive;
  self->archive_size = archive_size;
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
  GStatBuf st;
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

  return reader_new (archive, NULL, display,
                     g_stat (path, &st) == 0 ? (guint64) st.st_size : 0, error);
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
  return reader_new (archive, bytes, file_name, size, error);
}

const char *
grd_zip_reader_get_file_name (GrdZipReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file_name;
}

guint64
grd_zip_reader_get_archive_size (GrdZipReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->archive_size;
}

void
grd_zip_reader_free (GrdZipReader *self)
{
  if (self == NULL)
    return;

  zip_discard (self->archive);
  g_mutex_clear (&self->lock);
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

struct _GrdZipEntry
{
  GrdZipReader *reader;     /* unowned: the entry is read before it goes */
  zip_file_t   *file;
  char         *name;
  guint64       size;       /* as the header promises */
  guint64       done;
};

GrdZipEntry *
grd_zip_reader_open_entry (GrdZipReader  *self,
                           const char    *name,
                           gsize          max_size,
                           GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GrdZipEntry *entry;
  zip_stat_t st;
  zip_file_t *file;
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

  locker = g_mutex_locker_new (&self->lock);
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

  entry = g_new0 (GrdZipEntry, 1);
  entry->reader = self;
  entry->file = file;
  entry->name = g_strdup (name);
  entry->size = st.size;
  return entry;
}

guint64
grd_zip_entry_get_size (GrdZipEntry *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  return entry->size;
}

gssize
grd_zip_entry_read (GrdZipEntry  *entry,
                    void         *buffer,
                    gsize         len,
                    GError      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  zip_int64_t got;
  guint8 probe;

  g_return_val_if_fail (entry != NULL, -1);

  locker = g_mutex_locker_new (&entry->reader->lock);
  /* The header's size bounds the read; libzip checks the CRC at the end,
   * and one byte more than promised is a lie we refuse. */
  len = (gsize) MIN ((guint64) len, entry->size - entry->done);
  got = len > 0 ? zip_fread (entry->file, buffer, len) : 0;
  if (got == 0 && entry->done == entry->size && zip_fread (entry->file, &probe, 1) != 0)
    got = -1;
  if (got < 0 || (got == 0 && len > 0))
    {
      g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_CORRUPT,
                   _("%s: the entry “%s” is damaged: %s"),
                   entry->reader->file_name, entry->name,
                   got < 0 ? zip_file_strerror (entry->file) : _("it ends early"));
      return -1;
    }
  entry->done += (guint64) got;
  return (gssize) got;
}

void
grd_zip_entry_close (GrdZipEntry *entry)
{
  if (entry == NULL)
    return;

  g_mutex_lock (&entry->reader->lock);
  zip_fclose (entry->file);
  g_mutex_unlock (&entry->reader->lock);
  g_free (entry->name);
  g_free (entry);
}

GBytes *
grd_zip_entry_read_all (GrdZipEntry  *entry,
                        GError      **error)
{
  g_autofree guint8 *data = NULL;
  gsize size, done = 0;
  gssize got;

  g_return_val_if_fail (entry != NULL && entry->done == 0, NULL);

  size = (gsize) entry->size;
  data = g_malloc (size + 1);
  do
    {
      got = grd_zip_entry_read (entry, data + done, size - done, error);
      if (got < 0)
        return NULL;
      done += (gsize) got;
    }
  while (got > 0);

  data[size] = '\0';
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

GBytes *
grd_zip_reader_read_entry (GrdZipReader  *self,
                           const char    *name,
                           gsize          max_size,
                           GError       **error)
{
  g_autoptr(GrdZipEntry) entry = grd_zip_reader_open_entry (self, name, max_size, error);

  return entry != NULL ? grd_zip_entry_read_all (entry, error) : NULL;
}

/* Writer */

struct _GrdZipWriter
{
  zip_t       *archive;
  GrdTempFile *file;
  char        *display;
  GPtrArray   *keep;       /* GBytes the archive reads from on commit */
  GError      *fetch_error; /* the first GrdZipFetch failure, for commit */
};

GrdZipWriter *
grd_zip_writer_new (const char  *path,
                    GError     **error)
{
  g_autoptr(GrdZipWriter) self = g_new0 (GrdZipWriter, 1);
  int code = 0;

  self->display = g_filename_display_basename (path);
  self->keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  /* libzip keeps the mode of the file it finds: the temporary file's */
  self->file = grd_temp_file_new (path, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE, error);
  if (self->file == NULL)
    return NULL;

  self->archive = zip_open (grd_temp_file_get_path (self->file), ZIP_TRUNCATE, &code);
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
            gboolean       compress,
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
  zip_set_file_compression (self->archive, (zip_uint64_t) index,
                            compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, compress ? 1 : 0);
  return TRUE;
}

static gboolean
add_bytes (GrdZipWriter  *self,
           const char    *name,
           GBytes        *bytes,
           gboolean       compress,
           GError       **error)
{
  gsize size;
  const void *data;

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);
  g_return_val_if_fail (name_is_safe (name), FALSE);

  g_ptr_array_add (self->keep, g_bytes_ref (bytes));
  data = g_bytes_get_data (bytes, &size);
  return add_source (self, name, zip_source_buffer (self->archive, data, size, 0), compress,
                     error);
}

gboolean
grd_zip_writer_add_bytes (GrdZipWriter  *self,
                          const char    *name,
                          GBytes        *bytes,
                          GError       **error)
{
  return add_bytes (self, name, bytes, TRUE, error);
}

gboolean
grd_zip_writer_add_stored (GrdZipWriter  *self,
                           const char    *name,
                           GBytes        *bytes,
                           GError       **error)
{
  return add_bytes (self, name, bytes, FALSE, error);
}

/* An entry whose bytes are fetched when libzip writes it, and dropped as
 * soon as it is written: libzip asks for the size (STAT) just before it
 * opens and reads, and again after closing, when the size is kept; so
 * one entry at a time is held. */
typedef struct {
  GrdZipWriter   *writer;
  GrdZipFetch     fetch;
  gpointer        data;
  GDestroyNotify  destroy;
  GBytes         *bytes;
  gsize           offset;
  gssize          size;      /* -1 until fetched once */
  zip_error_t     error;
} LazyEntry;

static gboolean
lazy_fetch (LazyEntry *lazy)
{
  g_autoptr(GError) error = NULL;

  if (lazy->bytes != NULL)
    return TRUE;
  lazy->bytes = lazy->fetch (lazy->data, &error);
  if (lazy->bytes == NULL)
    {
      if (lazy->writer->fetch_error == NULL)
        lazy->writer->fetch_error = g_steal_pointer (&error);
      zip_error_set (&lazy->error, ZIP_ER_READ, EIO);
      return FALSE;
    }
  lazy->offset = 0;
  lazy->size = (gssize) g_bytes_get_size (lazy->bytes);
  return TRUE;
}

static zip_int64_t
lazy_callback (void             *data,
               void             *buffer,
               zip_uint64_t      len,
               zip_source_cmd_t  command)
{
  LazyEntry *lazy = data;
  switch (command)
    {
    case ZIP_SOURCE_STAT:
      {
        zip_stat_t *st = buffer;

        if (lazy->size < 0 && !lazy_fetch (lazy))
          return -1;
        zip_stat_init (st);
        st->valid |= ZIP_STAT_SIZE;
        st->size = (zip_uint64_t) lazy->size;
        return sizeof *st;
      }
    case ZIP_SOURCE_OPEN:
      if (!lazy_fetch (lazy))
        return -1;
      lazy->offset = 0;
      return 0;
    case ZIP_SOURCE_READ:
      {
        gsize size;
        const guint8 *bytes = g_bytes_get_data (lazy->bytes, &size);
        gsize n = (gsize) MIN ((zip_uint64_t) (size - lazy->offset), len);

        memcpy (buffer, bytes + lazy->offset, n);
        lazy->offset += n;
        return (zip_int64_t) n;
      }
    case ZIP_SOURCE_CLOSE:
      g_clear_pointer (&lazy->bytes, g_bytes_unref);
      return 0;
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data (&lazy->error, buffer, len);
    case ZIP_SOURCE_FREE:
      g_clear_pointer (&lazy->bytes, g_bytes_unref);
      if (lazy->destroy != NULL)
        lazy->destroy (lazy->data);
      zip_error_fini (&lazy->error);
      g_free (lazy);
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                             ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                             ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set (&lazy->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
    }
}

gboolean
grd_zip_writer_add_lazy (GrdZipWriter    *self,
                         const char      *name,
                         GrdZipFetch      fetch,
                         gpointer         data,
                         GDestroyNotify   destroy,
                         GError         **error)
{
  LazyEntry *lazy;
  zip_source_t *source;

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);
  g_return_val_if_fail (name_is_safe (name), FALSE);

  lazy = g_new0 (LazyEntry, 1);
  lazy->writer = self;
  lazy->fetch = fetch;
  lazy->data = data;
  lazy->destroy = destroy;
  lazy->size = -1;
  zip_error_init (&lazy->error);
  source = zip_source_function (self->archive, lazy_callback, lazy);
  if (source == NULL)
    {
      /* nothing owns it yet */
      lazy_callback (lazy, NULL, 0, ZIP_SOURCE_FREE);
      return add_source (self, name, NULL, TRUE, error);
    }
  return add_source (self, name, source, TRUE, error);
}

gboolean
grd_zip_writer_add_file (GrdZipWriter  *self,
                         const char    *name,
                         const char    *file_path,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);
  g_return_val_if_fail (name_is_safe (name), FALSE);

  return add_source (self, name, zip_source_file (self->archive, file_path, 0, -1), TRUE,
                     error);
}

gboolean
grd_zip_writer_write (GrdZipWriter  *self,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);

  if (zip_close (self->archive) != 0)
    {
      if (self->fetch_error != NULL)
        g_propagate_error (error, g_steal_pointer (&self->fetch_error));
      else
        g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                     _("%s: cannot write the archive: %s"), self->display,
                     zip_strerror (self->archive));
      return FALSE;
    }
  self->archive = NULL;
  return TRUE;
}

gboolean
grd_zip_writer_commit (GrdZipWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->archive != NULL && !grd_zip_writer_write (self, error))
    return FALSE;
  return grd_temp_file_commit (self->file, error);
}

void
grd_zip_writer_free (GrdZipWriter *self)
{
  if (self == NULL)
    return;

  if (self->archive != NULL)
    zip_discard (self->archive);
  /* libzip writes nothing before zip_close: this removes our placeholder,
   * or what a failed commit left */
  g_clear_pointer (&self->file, grd_temp_file_free);
  g_clear_error (&self->fetch_error);
  g_ptr_array_unref (self->keep);
  g_free (self->display);
  g_free (self);
}
