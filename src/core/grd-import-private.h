/* grd-import-private.h: the readers behind the importer table, and the
 * builder they write into
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "grd-import.h"
#include "grd-zip.h"

G_BEGIN_DECLS

/* The builder keeps the text and its formatting in step: every offset is
 * counted in code points as text is appended, so no reader converts.
 *
 * Inline styles (bold, italic, underline) are states: a range is open
 * while the state is on and text arrives, and a line break ends it (it
 * starts again on the next line), so a bold speaker name at a line start
 * is a range that starts there. Block ranges (heading, list item, table
 * cell, page) are opened and closed by the reader; a range that would be
 * empty is dropped. Text must be valid UTF-8; C0 controls other than tab
 * and line feed are left out.
 *
 * The text may grow to max_text bytes: what would go past it is not
 * written, and grd_import_builder_overflowed() says so (readers need not
 * check after each append; grd_import_bytes() refuses the file). */
GrdImportBuilder *grd_import_builder_new          (gsize             max_text);
void              grd_import_builder_free         (GrdImportBuilder *builder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdImportBuilder, grd_import_builder_free)

void     grd_import_builder_append         (GrdImportBuilder *builder,
                                            const char       *text,
                                            gssize            len);
/* As append, but runs of white space become one space, and none is kept
 * at a line start or end (HTML, ODF and PDF lines). */
void     grd_import_builder_append_collapsed (GrdImportBuilder *builder,
                                            const char       *text,
                                            gssize            len);
void     grd_import_builder_append_unichar (GrdImportBuilder *builder,
                                            gunichar          c);
/* Ends the line with a line feed. */
void     grd_import_builder_newline        (GrdImportBuilder *builder);
/* Ends the line unless nothing is on it yet: the end of a paragraph. */
void     grd_import_builder_end_block      (GrdImportBuilder *builder);
gboolean grd_import_builder_at_line_start  (GrdImportBuilder *builder);
gboolean grd_import_builder_overflowed     (GrdImportBuilder *builder);
/* Footnotes and endnotes begin here, at a line start: no speaker's turn
 * runs on into them. The first call counts. */
void     grd_import_builder_begin_notes    (GrdImportBuilder *builder);
/* In code points; -1 when the text has no notes. */
gint64   grd_import_builder_get_notes_start (GrdImportBuilder *builder);

/* Styles nest: push and pop count (<b><strong>…</strong></b>); set puts a
 * style on or off whatever came before (a run's properties in docx). */
void     grd_import_builder_push_style     (GrdImportBuilder *builder,
                                            GrdFormatKind     kind);
void     grd_import_builder_pop_style      (GrdImportBuilder *builder,
                                            GrdFormatKind     kind);
void     grd_import_builder_set_style      (GrdImportBuilder *builder,
                                            GrdFormatKind     kind,
                                            gboolean          on);
/* Sets every style off: text that belongs to no run (a tab between cells,
 * a note marker) takes none from the run before. */
void     grd_import_builder_styles_off     (GrdImportBuilder *builder);

/* Returns a handle for end_range. */
guint    grd_import_builder_begin_range    (GrdImportBuilder *builder,
                                            GrdFormatKind     kind,
                                            gint              value);
void     grd_import_builder_end_range      (GrdImportBuilder *builder,
                                            guint             handle);

/* Counts one more of what for the report; the first why given stays. */
void     grd_import_builder_drop           (GrdImportBuilder *builder,
                                            const char       *what,
                                            const char       *why);
void     grd_import_builder_set_encoding   (GrdImportBuilder *builder,
                                            const char       *encoding);

/* Closes what is open and moves text, formats, dropped items and encoding
 * into imported. */
void     grd_import_builder_finish         (GrdImportBuilder *builder,
                                            GrdImportedText  *imported);

/* Office containers: zip errors become import errors (the zip reader's
 * messages name the file); a missing required part says what the file is
 * not: not_what is "not a Word document", say. */
GrdZipReader *_grd_import_open_zip   (GBytes         *bytes,
                                      const char     *file_name,
                                      GError        **error);
gboolean      _grd_import_read_part  (GrdZipReader   *zip,
                                      const char     *part,
                                      const char     *not_what,
                                      gboolean        required,
                                      GBytes        **contents,
                                      GError        **error);
/* Parses an XML part of an untrusted file: no network, no entity
 * substitution, no DTD loading, libxml2's size limits on; a DOCTYPE is
 * refused. */
xmlDoc       *_grd_import_parse_xml  (GBytes         *contents,
                                      const char     *file_name,
                                      const char     *part,
                                      GError        **error);
gboolean      _grd_import_xml_is     (xmlNode        *node,
                                      const char     *ns,
                                      const char     *name);
char         *_grd_import_xml_get    (xmlNode        *node,
                                      const char     *ns,
                                      const char     *name);

/* The errors every decoder gives, worded once. */
void          _grd_import_set_invalid_error (GError     **error,
                                             const char  *file_name,
                                             const char  *charset,
                                             gsize        offset);
void          _grd_import_set_nul_error     (GError     **error,
                                             const char  *file_name,
                                             gsize        offset);
/* The charset to convert a file labelled charset with: the Windows code
 * page that extends it (SHIFT_JIS -> CP932, ISO-8859-1 -> WINDOWS-1252),
 * or charset itself. */
const char   *_grd_import_windows_charset   (const char  *charset);

/* A range handle or walk token that stands for none. */
#define GRD_IMPORT_NO_TOKEN G_MAXUINT

/* enter returns whether to read the node's children, and may leave a
 * token (a range handle, say) for leave. */
typedef gboolean (*GrdImportEnterFunc) (xmlNode  *node,
                                        guint    *token,
                                        gpointer  user_data);
typedef void     (*GrdImportLeaveFunc) (xmlNode  *node,
                                        guint     token,
                                        gpointer  user_data);

void          _grd_import_walk_tree  (xmlNode            *root,
                                      GrdImportEnterFunc  enter,
                                      GrdImportLeaveFunc  leave,
                                      gpointer            user_data);

/* Office documents (docx, odt) work alike in styles, tables and notes. */

/* A style's setting for one inline style: UNSET leaves it to the style
 * around it. */
typedef enum {
  GRD_TOGGLE_UNSET = -1,
  GRD_TOGGLE_OFF = 0,
  GRD_TOGGLE_ON = 1,
} GrdToggle;

typedef struct {
  GrdToggle bold;
  GrdToggle italic;
  GrdToggle underline;
} GrdImportInline;

#define GRD_IMPORT_INLINE_UNSET { GRD_TOGGLE_UNSET, GRD_TOGGLE_UNSET, GRD_TOGGLE_UNSET }

typedef struct {
  char            *parent;   /* the style it is based on (basedOn, parent-style-name) */
  gint             heading;  /* 0: not a heading */
  GrdImportInline  inline_style;
} GrdImportStyle;

/* name -> GrdImportStyle, owning both. */
GHashTable     *_grd_import_styles_new     (void);
/* A style with what it inherits filled in (its parent is NULL); a loop
 * or a chain longer than any real one (a damaged file) ends it. */
GrdImportStyle  _grd_import_resolve_style  (GHashTable             *styles,
                                            const char             *name);
/* Fills what inner leaves unset from outer. */
void            _grd_import_inherit        (GrdImportInline        *inner,
                                            const GrdImportInline  *outer);
/* Sets the builder's inline styles: on where style says on. */
void            _grd_import_apply_inline   (GrdImportBuilder       *builder,
                                            const GrdImportInline  *style);

/* Table rows become lines and cells are tab-separated; row_cells counts
 * the cells seen in each open row (rows nest with tables in cells).
 * begin_cell returns the cell's range, for end_range. */
void            _grd_import_begin_row      (GrdImportBuilder       *builder,
                                            GArray                 *row_cells);
guint           _grd_import_begin_cell     (GrdImportBuilder       *builder,
                                            GArray                 *row_cells);
void            _grd_import_end_row        (GrdImportBuilder       *builder,
                                            GArray                 *row_cells);
/* A paragraph in a table cell after another block of the cell: joined to
 * it by a space, so that a row stays a line. */
void            _grd_import_cell_paragraph (GrdImportBuilder       *builder,
                                            xmlNode                *paragraph,
                                            gboolean              (*is_block) (xmlNode *node));

/* Notes come after the text, numbered as cited: each of notes (an
 * element whose children are the note's paragraphs) is walked once; a
 * note the walk cites anew joins the end of the array. The marker "[N]"
 * waits in *note_marker for the note's first paragraph, which
 * _grd_import_take_note_marker() writes it into. */
void            _grd_import_append_notes   (GrdImportBuilder       *builder,
                                            GPtrArray              *notes,
                                            char                  **note_marker,
                                            GrdImportEnterFunc      enter,
                                            GrdImportLeaveFunc      leave,
                                            gpointer                user_data);
void            _grd_import_take_note_marker (GrdImportBuilder     *builder,
                                              char                **note_marker);

/* Only the importer table in grd-import.c calls these; everyone else goes
 * through grd_import_bytes(), which also checks what they return. */
#define GRD_IMPORT_DECLARE_READER(name)                                 \
  gboolean name (GBytes            *bytes,                              \
                 const char        *file_name,                          \
                 GrdImportBuilder  *builder,                            \
                 GError           **error)

GRD_IMPORT_DECLARE_READER (_grd_import_read_plain_text);
GRD_IMPORT_DECLARE_READER (_grd_import_read_markdown);
GRD_IMPORT_DECLARE_READER (_grd_import_read_docx);
GRD_IMPORT_DECLARE_READER (_grd_import_read_html);
GRD_IMPORT_DECLARE_READER (_grd_import_read_odt);
GRD_IMPORT_DECLARE_READER (_grd_import_read_pdf);
GRD_IMPORT_DECLARE_READER (_grd_import_read_rtf);

G_END_DECLS
