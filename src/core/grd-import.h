/* grd-import.h: turning transcript files into stored text and speaker turns
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-format.h"
#include "grd-types.h"

G_BEGIN_DECLS

#define GRD_IMPORT_ERROR (grd_import_error_quark ())

typedef enum {
  GRD_IMPORT_ERROR_UNSUPPORTED,  /* no importer for this kind of file */
  GRD_IMPORT_ERROR_ENCODING,     /* bytes that are not text in any encoding we trust */
  GRD_IMPORT_ERROR_EMPTY,        /* nothing but white space */
  GRD_IMPORT_ERROR_READ,         /* the file could not be read */
  GRD_IMPORT_ERROR_MALFORMED,    /* a container or markup format is broken */
  GRD_IMPORT_ERROR_TOO_LARGE,    /* over GRD_IMPORT_MAX_FILE_SIZE, or expands past the text limit */
  GRD_IMPORT_ERROR_ENCRYPTED,    /* needs a password we do not ask for */
  GRD_IMPORT_ERROR_NO_TEXT,      /* pages without a text layer (scanned images) */
} GrdImportError;

/* Larger files are refused before they are read: a transcript, even a
 * 300-page PDF with pictures, is far below it. */
#define GRD_IMPORT_MAX_FILE_SIZE (256 * 1024 * 1024)

/* The text a file may produce: GRD_IMPORT_TEXT_RATIO times its size, but
 * at least GRD_IMPORT_MIN_TEXT_LIMIT and never more than
 * GRD_IMPORT_MAX_TEXT_SIZE bytes. Real documents hold less text than
 * their size (a zip of XML compresses text about fivefold); markup that
 * repeats (a space count, a note cited again and again) must not turn a
 * small file into gigabytes. */
#define GRD_IMPORT_TEXT_RATIO      32
#define GRD_IMPORT_MIN_TEXT_LIMIT  (16 * 1024 * 1024)
#define GRD_IMPORT_MAX_TEXT_SIZE   (512 * 1024 * 1024)

GQuark grd_import_error_quark (void);

/* Something of the file that the source does not keep, for the import
 * report: "3 comments: comments are not part of the transcript". */
typedef struct {
  char  *what;             /* "comment", "image", ... */
  char  *why;
  guint  count;
} GrdImportDropped;

void grd_import_dropped_free (GrdImportDropped *dropped);

/* What an importer hands to the project: the text exactly as it will be
 * stored (UTF-8, LF line ends, NUL-free), its formatting and the speaker
 * turns found in it, the file itself, and what the report says about it. */
typedef struct {
  char      *text;
  gsize      text_len;      /* bytes, without the terminating NUL */
  gint64     n_chars;       /* code points */
  char      *format;        /* "txt", "md", "docx", ... */
  char      *media_type;    /* of the original file, e.g. "application/pdf" */
  char      *original_name; /* the file's base name */
  char      *title;         /* suggested source name: base name sans extension */
  char      *encoding;      /* what the bytes were decoded from, e.g. "UTF-16LE" */
  GArray    *turns;         /* GrdTurn, sorted, non-overlapping */
  GArray    *formats;       /* GrdFormatRange, sorted by grd_format_range_compare() */
  GPtrArray *dropped;       /* GrdImportDropped, in the order first met */
  GBytes    *original;      /* the file's bytes, kept in the project; may be NULL */
} GrdImportedText;

void grd_imported_text_free (GrdImportedText *imported);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdImportedText, grd_imported_text_free)

/* The number of distinct speakers among the turns. */
guint grd_imported_text_count_speakers (GrdImportedText *imported);

/* Importers write into a builder (grd-import-private.h), which counts
 * code points and keeps formatting ranges as the text grows. */
typedef struct _GrdImportBuilder GrdImportBuilder;

/* One importer per format. Each turns the bytes of a file into plain text
 * with LF line ends and formatting ranges; speaker turns are found
 * afterwards, for all formats alike. On failure the error names the file. */
typedef struct {
  const char         *format;
  const char         *media_type;
  const char * const *extensions;   /* lower case, without the dot */
  gboolean          (*read) (GBytes            *bytes,
                             const char        *file_name,
                             GrdImportBuilder  *builder,
                             GError           **error);
} GrdImporter;

const GrdImporter *grd_importer_for_file_name (const char *file_name);

GrdImportedText *grd_import_file   (GFile         *file,
                                    GCancellable  *cancellable,
                                    GError       **error);
GrdImportedText *grd_import_bytes  (GBytes        *bytes,
                                    const char    *file_name,
                                    GError       **error);

/* Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or a
 * legacy 8-bit encoding detected by uchardet; CRLF and CR become LF.
 * Invalid input fails naming file and byte offset. */
char   *grd_import_decode_text  (GBytes      *bytes,
                                 const char  *file_name,
                                 char       **encoding,
                                 GError     **error);

/* Finds speaker turns ("Name:", "INTERVIEWER:", "[00:01:02] Name:") in text;
 * with formats (may be NULL), a bold name at a line start is a label too,
 * colon or not. */
GArray *grd_import_detect_turns (const char *text,
                                 GArray     *formats);

G_END_DECLS
