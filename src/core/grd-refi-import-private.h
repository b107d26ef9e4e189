/* grd-refi-import-private.h: what the three parts of the REFI-QDA import share
 *
 * The import is split by concern: grd-refi-import.c reads the XML and the
 * archive and maps positions, grd-refi-import-codes.c takes a code book,
 * grd-refi-import-project.c the rest of a project. They share one Import
 * and the helpers below.
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlreader.h>

#include "grd-refi-private.h"
#include "grd-utf8.h"

G_BEGIN_DECLS

/* A Note is held until the end of the import: the NoteRefs that make it
 * a memo may come after it (or before it) in the file. */
typedef struct {
  char   *guid;
  char   *title;
  char   *text;
  gint64  author_id;      /* 0: whoever imports */
  gint64  created_at;
  gint64  updated_at;
  char   *review;         /* the Description, when it holds a review marker */
  gint64  modifier_id;    /* a review marker's modifyingUser; 0: none */
  guint   line;
} Note;

typedef struct {
  char         *note_guid;
  GrdMemoScope  scope;
  gint64        target_id;
  guint         line;        /* of the NoteRef; 0 for one the import made */
} NoteRef;

/* One import: what the file's GUIDs became in the project, and what waits
 * for the end of the file. */
typedef struct {
  GrdProject    *project;
  GrdRefiReport *report;
  GrdZipReader  *zip;            /* NULL for a bare .qdc */
  guint64        budget;         /* bytes the archive's entries may still expand to */
  GHashTable    *entries_read;   /* entry names: each is read once */
  const char    *file_name;      /* of the XML: "project.qde", "x.qdc" */
  gboolean       utf16_offsets;  /* NVivo counts UTF-16 code units */
  gboolean       lf_offsets;     /* ATLAS.ti counts CRLF as one */
  gint64         coder_id;       /* who imports: for things with no user */
  GHashTable    *codes;          /* guid -> code id */
  GHashTable    *users;          /* guid -> coder id */
  GHashTable    *sources;        /* guid -> source id */
  GHashTable    *attributes;     /* guid -> GrdAttribute, owned */
  GHashTable    *selections;     /* selection guid -> coding id (0: none) */
  GHashTable    *selection_sources; /* selection guid -> source id */
  GHashTable    *codings_seen;   /* "source:start:end:code:coder" */
  GHashTable    *notes;          /* guid -> Note, unowned */
  GPtrArray     *note_order;     /* Note, in file order: memos keep it */
  GPtrArray     *note_refs;      /* NoteRef, in file order */
  GPtrArray     *cases;          /* deferred Case nodes (copies) */
  GHashTable    *comments;       /* the file's comment guid -> comment id */
  GHashTable    *source_cases;   /* source id -> the name of the case it was put in */
  GHashTable    *merged_sources; /* ids of the sources the project held before: only */
                                 /* their codings can be in the project already */
} Import;

/* libxml2's errors on one reader: the first fatal one ends the import. */
typedef struct {
  Import        *import;
  GError        *fatal;
  char          *last;       /* libxml2's last word, whatever its level */
  int            last_line;
  GrdRefiReport *held;       /* when set, schema warnings wait here, not in */
                             /* the import's report: the reader is on a */
                             /* thread of its own (grd-refi-element-queue.c) */
} ReaderErrors;

/* How a file counts positions in a text: code points, or UTF-16 units
 * (NVivo, Qt); ATLAS.ti's CRLF counted as one is the same in both. */
typedef enum {
  UNIT_CODE_POINT,
  UNIT_UTF16,
  N_UNITS
} Unit;

typedef struct {
  char   *text;      /* as stored: UTF-8, LF line ends; owned until taken */
  const char *chars; /* the same text, borrowed, for as long as it lives */
  gsize   len;
  gint64  n_chars;
  /* Per Unit, in increasing order: the positions of the file's units that
   * add no stored code point (an LF after a CR that counts, the second
   * half of a surrogate pair). Only where the counts part, so a text of
   * plain lines costs nothing and a transcript of CRLF lines one entry a
   * line; a position maps by binary search. */
  GArray *extra[N_UNITS];
  GrdUtf8Cursor cursor;    /* where the last quote was taken */
} SourceText;

/* The import's state and the element helpers every part uses; a warning
 * names the file, the line and the element. */
void             _grd_refi_import_init (Import        *import,
                                        GrdProject    *project,
                                        GrdRefiReport *report,
                                        const char    *file_name);
void             _grd_refi_import_clear (Import *import);
void             _grd_refi_note_free (Note *note);
void             _grd_refi_map_id (GHashTable *map,
                                   const char *guid,
                                   gint64      id);
gint64           _grd_refi_lookup_id (GHashTable *map,
                                      const char *guid);
char            *_grd_refi_prop (xmlNodePtr  node,
                                 const char *name);
char            *_grd_refi_prop_guid (xmlNodePtr  node,
                                      const char *name);
gboolean         _grd_refi_is_element (xmlNodePtr  node,
                                       const char *name);
xmlNodePtr       _grd_refi_first_child (xmlNodePtr  node,
                                        const char *name);
char            *_grd_refi_child_text (xmlNodePtr  node,
                                       const char *name);
guint            _grd_refi_line_of (xmlNodePtr node);
void             _grd_refi_warn_at (Import     *import,
                                    xmlNodePtr  node,
                                    const char *message);
char            *_grd_refi_take_guid (Import      *import,
                                      xmlNodePtr   node,
                                      const char  *table,
                                      GError     **error);
char            *_grd_refi_adopt_file_guid (Import      *import,
                                            xmlNodePtr   node,
                                            const char  *table,
                                            gint64       id,
                                            GError     **error);
gboolean         _grd_refi_drop_refused (Import      *import,
                                         xmlNodePtr   node,
                                         GError     **local_error,
                                         GError     **error);
void             _grd_refi_tally_merged (Import     *import,
                                         const char *element);

/* A project file's elements in file order, read, validated and copied on
 * a thread of its own (grd-refi-element-queue.c). The queue owns the
 * reader and errors until it is freed. */
typedef struct _GrdRefiElementQueue GrdRefiElementQueue;

GrdRefiElementQueue *_grd_refi_element_queue_new (xmlTextReaderPtr  reader,
                                                  ReaderErrors     *errors);
/* The next element, valid until the next call, with the schema warnings
 * read before it added to report; *node is NULL at the end, after which
 * there is no next. FALSE when the file could not be read on. */
gboolean             _grd_refi_element_queue_next (GrdRefiElementQueue  *self,
                                                   GrdRefiReport        *report,
                                                   xmlNodePtr           *node,
                                                   const char          **container,
                                                   GError              **error);
void                 _grd_refi_element_queue_free (GrdRefiElementQueue *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdRefiElementQueue, _grd_refi_element_queue_free)

/* The reader (grd-refi-import.c). */
void             _grd_refi_reader_errors_clear (ReaderErrors *errors);
gboolean         _grd_refi_reader_failed (xmlTextReaderPtr   reader,
                                          ReaderErrors      *errors,
                                          GError           **error);
xmlTextReaderPtr _grd_refi_open_memory_reader (Import        *import,
                                               GBytes        *xml,
                                               const char    *root,
                                               GrdRefiSchema  schema,
                                               ReaderErrors  *errors,
                                               GError       **error);

/* Texts and positions (grd-refi-import.c). */
void             _grd_refi_source_text_clear (SourceText *text);
void             _grd_refi_read_text (Import      *import,
                                      xmlNodePtr   node,
                                      SourceText  *out);
void             _grd_refi_read_original (Import          *import,
                                          xmlNodePtr       source,
                                          GrdImportedText *imported);
char            *_grd_refi_text_at (SourceText *text,
                                    gint64      start,
                                    gint64      max_chars);
void             _grd_refi_map_selection (Import     *import,
                                          SourceText *text,
                                          xmlNodePtr  selection,
                                          gint64     *start,
                                          gint64     *end);

/* Codes and sets (grd-refi-import-codes.c). */
GPtrArray       *_grd_refi_parse_and_match (Import      *import,
                                            xmlNodePtr   codes_node,
                                            GError     **error);
gboolean         _grd_refi_apply_code_book (Import      *import,
                                            GPtrArray   *codes,
                                            gboolean     with_notes,
                                            GError     **error);
gboolean         _grd_refi_import_code_sets (Import      *import,
                                             xmlNodePtr   sets,
                                             const char  *member_attribute,
                                             GError     **error);

/* The project's elements (grd-refi-import-project.c). */
void             _grd_refi_queue_note_refs (Import       *import,
                                            xmlNodePtr    node,
                                            GrdMemoScope  scope,
                                            gint64        target_id);
gboolean         _grd_refi_import_project_stream (Import            *import,
                                                  xmlTextReaderPtr   reader,
                                                  ReaderErrors      *errors,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* Review comments and states (grd-refi-review.c). */
gboolean         _grd_refi_is_review_marker (const char *description);
gboolean         _grd_refi_restore_review (Import     *import,
                                           Note       *note,
                                           GPtrArray  *refs,
                                           gboolean   *restored,
                                           GError    **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, _grd_refi_import_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SourceText, _grd_refi_source_text_clear)

G_END_DECLS
