/* grd-zip.h: reading and writing zip containers (.qdpx, .docx, .odt) safely
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRD_ZIP_ERROR (grd_zip_error_quark ())

typedef enum {
  GRD_ZIP_ERROR_READ,          /* the file could not be read */
  GRD_ZIP_ERROR_NOT_ZIP,       /* not a zip archive, or a broken one */
  GRD_ZIP_ERROR_NOT_FOUND,     /* no entry by that name */
  GRD_ZIP_ERROR_TOO_LARGE,     /* over the caller's limit or the expansion ratio */
  GRD_ZIP_ERROR_ENCRYPTED,     /* we do not ask for passwords */
  GRD_ZIP_ERROR_UNSAFE_NAME,   /* absolute, or with ".." components */
  GRD_ZIP_ERROR_CORRUPT,       /* the entry's data does not match its header */
  GRD_ZIP_ERROR_WRITE,         /* the archive could not be written */
} GrdZipError;

GQuark grd_zip_error_quark (void);

/* An entry larger than this expands at most GRD_ZIP_MAX_RATIO times its
 * compressed size: a zip bomb's ratio is in the thousands, real documents'
 * rarely above 20. */
#define GRD_ZIP_RATIO_THRESHOLD (1024 * 1024)
#define GRD_ZIP_MAX_RATIO       100

/* More entries than any document or project has (a .qdpx of ten thousand
 * sources with their originals has twenty thousand); an archive with more
 * is refused on open with GRD_ZIP_ERROR_TOO_LARGE. */
#define GRD_ZIP_MAX_ENTRIES     65536

typedef struct _GrdZipReader GrdZipReader;

/* Errors are in GRD_ZIP_ERROR and their messages name the file. */
GrdZipReader *grd_zip_reader_open            (const char    *path,
                                              GError       **error);
GrdZipReader *grd_zip_reader_new_from_bytes  (GBytes        *bytes,
                                              const char    *file_name,
                                              GError       **error);
const char   *grd_zip_reader_get_file_name   (GrdZipReader  *self);
/* The archive's own size in bytes, what its expansion is measured by. */
guint64       grd_zip_reader_get_archive_size (GrdZipReader *self);
gboolean      grd_zip_reader_has_entry       (GrdZipReader  *self,
                                              const char    *name);
/* The stored name of the entry whose name equals name ignoring ASCII case
 * ("Sources/A.TXT" finds "sources/a.txt"), or NULL. */
const char   *grd_zip_reader_find_entry_nocase (GrdZipReader *self,
                                              const char    *name);
/* Every entry's name (folders included, they end in '/'), in archive
 * order; the array owns the strings. */
GPtrArray    *grd_zip_reader_list_entries    (GrdZipReader  *self);
/* The entry's expanded bytes. Refuses entries larger than max_size, larger
 * than GRD_ZIP_RATIO_THRESHOLD with a ratio over GRD_ZIP_MAX_RATIO,
 * encrypted ones, and names that are absolute or contain ".." components,
 * before reading a byte. */
GBytes       *grd_zip_reader_read_entry      (GrdZipReader  *self,
                                              const char    *name,
                                              gsize          max_size,
                                              GError       **error);
void          grd_zip_reader_free            (GrdZipReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdZipReader, grd_zip_reader_free)

/* One entry read as a stream, with the checks of read_entry() made on
 * open; the entry must be closed before its reader is freed. */
typedef struct _GrdZipEntry GrdZipEntry;

GrdZipEntry  *grd_zip_reader_open_entry      (GrdZipReader  *self,
                                              const char    *name,
                                              gsize          max_size,
                                              GError       **error);
/* The expanded size its header promises. */
guint64       grd_zip_entry_get_size         (GrdZipEntry   *entry);
/* Up to len bytes; 0 at the end (after checking there is nothing more
 * than promised), -1 with GRD_ZIP_ERROR_CORRUPT on damage. */
gssize        grd_zip_entry_read             (GrdZipEntry   *entry,
                                              void          *buffer,
                                              gsize          len,
                                              GError       **error);
/* All of a fresh entry's bytes, NUL-terminated past the end. */
GBytes       *grd_zip_entry_read_all         (GrdZipEntry   *entry,
                                              GError       **error);
void          grd_zip_entry_close            (GrdZipEntry   *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdZipEntry, grd_zip_entry_close)

/* Writes a new archive to a temporary file beside path and renames it into
 * place in grd_zip_writer_commit(); freeing an uncommitted writer removes
 * the temporary file and leaves whatever was at path untouched. */
typedef struct _GrdZipWriter GrdZipWriter;

GrdZipWriter *grd_zip_writer_new            (const char    *path,
                                              GError       **error);
/* Entries are compressed with deflate; the writer keeps a reference. */
gboolean      grd_zip_writer_add_bytes      (GrdZipWriter  *self,
                                              const char    *name,
                                              GBytes        *bytes,
                                              GError       **error);
/* Stored, not compressed: for an ODF file's "mimetype", which readers
 * look for at a fixed offset. Entries are written in the order added. */
gboolean      grd_zip_writer_add_stored     (GrdZipWriter  *self,
                                              const char    *name,
                                              GBytes        *bytes,
                                              GError       **error);
/* Returns an entry's bytes, or NULL with an error that commit() then
 * gives its caller. */
typedef GBytes *(*GrdZipFetch) (gpointer   data,
                                GError   **error);

/* The bytes are fetched on commit, when the entry is written, and let go
 * right after: however many entries, one is in memory at a time. The
 * writer owns data and frees it with destroy. */
gboolean      grd_zip_writer_add_lazy       (GrdZipWriter  *self,
                                              const char    *name,
                                              GrdZipFetch    fetch,
                                              gpointer       data,
                                              GDestroyNotify destroy,
                                              GError       **error);
/* The file is read when the archive is committed; it must stay until then. */
gboolean      grd_zip_writer_add_file       (GrdZipWriter  *self,
                                              const char    *name,
                                              const char    *file_path,
                                              GError       **error);
/* Writes the archive to its temporary file, fetching and compressing every
 * entry; nothing is in place yet. commit() does this if it was not done. */
gboolean      grd_zip_writer_write          (GrdZipWriter  *self,
                                              GError       **error);
gboolean      grd_zip_writer_commit         (GrdZipWriter  *self,
                                              GError       **error);
void          grd_zip_writer_free           (GrdZipWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdZipWriter, grd_zip_writer_free)

G_END_DECLS
