/* grd-import.h: turning transcript files into stored text and speaker turns
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-types.h"

G_BEGIN_DECLS

#define GRD_IMPORT_ERROR (grd_import_error_quark ())

typedef enum {
  GRD_IMPORT_ERROR_UNSUPPORTED,  /* no importer for this kind of file */
  GRD_IMPORT_ERROR_ENCODING,     /* bytes that are not text in any encoding we trust */
  GRD_IMPORT_ERROR_EMPTY,        /* nothing but white space */
  GRD_IMPORT_ERROR_READ,         /* the file could not be read */
  GRD_IMPORT_ERROR_MALFORMED,    /* a container or markup format is broken */
} GrdImportError;

GQuark grd_import_error_quark (void);

/* What an importer hands to the project: the text exactly as it will be
 * stored (UTF-8, LF line ends, NUL-free) and the speaker turns found in it. */
typedef struct {
  char   *text;
  gsize   text_len;        /* bytes, without the terminating NUL */
  gint64  n_chars;         /* code points */
  char   *format;          /* "txt", "md", ... */
  char   *original_name;   /* the file's base name */
  char   *title;           /* suggested source name: base name sans extension */
  char   *encoding;        /* what the bytes were decoded from, e.g. "UTF-16LE" */
  GArray *turns;           /* GrdTurn, sorted, non-overlapping */
} GrdImportedText;

void grd_imported_text_free (GrdImportedText *imported);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdImportedText, grd_imported_text_free)

/* One importer per format. Each turns the bytes of a file into plain text
 * with LF line ends; speaker turns are found afterwards, for all formats alike.
 * The importers for docx, odt, html and pdf plug in here. */
typedef struct {
  const char         *format;
  const char * const *extensions;   /* lower case, without the dot */
  char *            (*read_text) (GBytes      *bytes,
                                  const char  *file_name,
                                  char       **encoding,
                                  GError     **error);
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

/* Finds speaker turns ("Name:", "INTERVIEWER:", "[00:01:02] Name:") in text. */
GArray *grd_import_detect_turns (const char *text);

G_END_DECLS
