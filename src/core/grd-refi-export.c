/* grd-refi-export.c: writing REFI-QDA code books (.qdc) and projects (.qdpx)
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "grd-refi-private.h"
#include "grd-temp-file.h"
#include "grd-zip.h"

#define ORIGIN "Grounded " PACKAGE_VERSION

/* Everything an export reads from the project, once. */
typedef struct {
  GrdProject    *project;
  GrdRefiReport *report;
  GPtrArray     *codes;
  GHashTable    *children;      /* parent id (0: top) -> GPtrArray of GrdCode, unowned */
  GHashTable    *code_guids;    /* code id -> guid, unowned */
  GPtrArray     *coders;
  GHashTable    *coder_guids;   /* coder id -> guid; coder name -> guid */
  GPtrArray     *memos;
  GHashTable    *memos_of;      /* "scope:id" -> GPtrArray of GrdMemo, unowned */
  GHashTable    *review_markers; /* memo guid -> GrdRefiReviewMarker */
  GPtrArray     *sets;
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->codes, g_ptr_array_unref);
  g_clear_pointer (&export->children, g_hash_table_unref);
  g_clear_pointer (&export->code_guids, g_hash_table_unref);
  g_clear_pointer (&export->coders, g_ptr_array_unref);
  g_clear_pointer (&export->coder_guids, g_hash_table_unref);
  g_clear_pointer (&export->memos, g_ptr_array_unref);
  g_clear_pointer (&export->memos_of, g_hash_table_unref);
  g_clear_pointer (&export->review_markers, g_hash_table_unref);
  g_clear_pointer (&export->sets, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const GrdCode *x = *(GrdCode * const *) a;
  const GrdCode *y = *(GrdCode * const *) b;

  return x->position != y->position ? (x->position < y->position ? -1 : 1)
                                    : (x->id < y->id ? -1 : x->id > y->id);
}

static char *
memo_key (GrdMemoScope scope,
          gint64       id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, (int) scope, id);
}

static gboolean
export_load (Export         *export,
             GrdProject     *project,
             GrdRefiReport  *report,
             gboolean        with_memos,
             GError        **error)
{
  GHashTableIter iter;
  gpointer value;

  export->project = project;
  export->report = report;
  export->codes = grd_project_list_codes (project, error);
  export->sets = export->codes != NULL ? grd_project_list_code_sets (project, error) : NULL;
  if (export->sets == NULL)
    return FALSE;

  export->children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  export->code_guids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < export->codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (export->codes, i);
      GPtrArray *siblings = g_hash_table_lookup (export->children, &code->parent_id);

      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (export->children, g_memdup2 (&code->parent_id, sizeof (gint64)),
                               siblings);
        }
      g_ptr_array_add (siblings, code);
      g_hash_table_insert (export->code_guids, &code->id, code->guid);
    }
  g_hash_table_iter_init (&iter, export->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_position);

  if (!with_memos)
    return TRUE;

  export->coders = grd_project_list_coders (project, error);
  export->memos = export->coders != NULL ? grd_project_list_memos (project, -1, 0, error) : NULL;
  export->review_markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) _grd_refi_review_marker_free);
  if (export->memos == NULL ||
      !_grd_refi_add_review_notes (project, report, export->memos, export->review_markers, error))
    return FALSE;

  export->coder_guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < export->coders->len; i++)
    {
      GrdCoder *coder = g_ptr_array_index (export->coders, i);

      g_hash_table_insert (export->coder_guids,
                           g_strdup_printf ("%" G_GINT64_FORMAT, coder->id), coder->guid);
      g_hash_table_insert (export->coder_guids, g_strconcat ("name:", coder->name, NULL),
                           coder->guid);
    }

  export->memos_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < export->memos->len; i++)
    {
      GrdMemo *memo = g_ptr_array_index (export->memos, i);
      char *key = memo_key (memo->scope, memo->target_id);
      GPtrArray *list = g_hash_table_lookup (export->memos_of, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (export->memos_of, key, list);
        }
      else
        g_free (key);
      g_ptr_array_add (list, memo);
    }

  return TRUE;
}

static const char *
coder_guid (Export *export,
            gint64  coder_id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, coder_id);

  return coder_id != 0 ? g_hash_table_lookup (export->coder_guids, key) : NULL;
}

static const char *
coder_guid_by_name (Export     *export,
                    const char *name)
{
  g_autofree char *key = name != NULL ? g_strconcat ("name:", name, NULL) : NULL;

  return key != NULL ? g_hash_table_lookup (export->coder_guids, key) : NULL;
}

/* The XML writer. Every call is checked once, at the end: after the first
 * failure the writer's calls fail too, and the error names the file. */
typedef struct {
  xmlTextWriterPtr writer;
  GrdRefiReport   *report;
  gboolean         failed;
} Out;

/* XML 1.0 has no place for most control characters, nor U+FFFE and
 * U+FFFF, not even escaped: a memo pasted from a PDF can hold them. */
static gboolean
xml_forbids (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff;
}

/* text, or a copy in which each character XML cannot hold is U+FFFD;
 * counted in the report. */
static const char *
out_clean (Out         *out,
           const char  *text,
           char       **copy)
{
  GString *clean = NULL;
  guint n = 0;
  const guchar *b;

  /* bytes first: in UTF-8 those characters are a control byte, or
   * EF BF BE and EF BF BF; almost every text has neither */
  *copy = NULL;
  for (b = (const guchar *) text; *b != '\0'; b++)
    if ((*b < 0x20 && *b != '\t' && *b != '\n' && *b != '\r') ||
        (*b == 0xef && b[1] == 0xbf && (b[2] == 0xbe || b[2] == 0xbf)))
      break;
  if (*b == '\0')
    return text;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (xml_forbids (c))
        {
          if (clean == NULL)
            clean = g_string_new_len (text, p - text);
          g_string_append_unichar (clean, 0xfffd);
          n++;
        }
      else if (clean != NULL)
        g_string_append_len (clean, p, g_utf8_next_char (p) - p);
    }
  if (clean == NULL)
    return text;

  grd_refi_report_tally (out->report, GRD_REFI_CONVERTED, "character",
                         _("control characters XML cannot hold became U+FFFD"), n);
  *copy = g_string_free (clean, FALSE);
  return *copy;
}

static void
out_start (Out        *out,
           const char *element)
{
  if (xmlTextWriterStartElement (out->writer, BAD_CAST element) < 0)
    out->failed = TRUE;
}

static void
out_end (Out *out)
{
  if (xmlTextWriterEndElement (out->writer) < 0)
    out->failed = TRUE;
}

static void
out_attr (Out        *out,
          const char *name,
          const char *value)
{
  g_autofree char *copy = NULL;

  if (value != NULL &&
      xmlTextWriterWriteAttribute (out->writer, BAD_CAST name,
                                   BAD_CAST out_clean (out, value, &copy)) < 0)
    out->failed = TRUE;
}

static void
out_attr_int (Out        *out,
              const char *name,
              gint64      value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  out_attr (out, name, buffer);
}

static void
out_attr_time (Out        *out,
               const char *name,
               gint64      unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *text = time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  out_attr (out, name, text);
}

static void
out_text_element (Out        *out,
                  const char *element,
                  const char *text)
{
  g_autofree char *copy = NULL;

  if (xmlTextWriterWriteElement (out->writer, BAD_CAST element,
                                 BAD_CAST out_clean (out, text, &copy)) < 0)
    out->failed = TRUE;
}

static void
out_ref (Out        *out,
         const char *element,
         const char *attribute,
         const char *guid)
{
  out_start (out, element);
  out_attr (out, attribute, guid);
  out_end (out);
}

static void
write_note_refs (Out          *out,
                 Export       *export,
                 GrdMemoScope  scope,
                 gint64        id)
{
  g_autofree char *key = memo_key (scope, id);
  GPtrArray *memos = g_hash_table_lookup (export->memos_of, key);

  for (guint i = 0; memos != NULL && i < memos->len; i++)
    out_ref (out, "NoteRef", "targetGUID", ((GrdMemo *) g_ptr_array_index (memos, i))->guid);
}

/* A code only groups others when it has sub-codes and no codings of its
 * own: that is REFI-QDA's non-codable folder. */
static void
write_code (Out     *out,
            Export  *export,
            GrdCode *code,
            gboolean in_project)
{
  GPtrArray *children = g_hash_table_lookup (export->children, &code->id);
  gboolean codable = code->n_children == 0 || code->n_codings > 0;

  out_start (out, "Code");
  out_attr (out, "guid", code->guid);
  out_attr (out, "name", code->name);
  out_attr (out, "isCodable", codable ? "true" : "false");
  out_attr (out, "color", code->color);
  if (code->description != NULL && code->description[0] != '\0')
    out_text_element (out, "Description", code->description);
  if (in_project)
    write_note_refs (out, export, GRD_MEMO_SCOPE_CODE, code->id);
  for (guint i = 0; children != NULL && i < children->len; i++)
    write_code (out, export, g_ptr_array_index (children, i), in_project);
  out_end (out);

  grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "Code", NULL, 1);
  if (code->kind != GRD_CODE_KIND_OPEN_CODE)
    grd_refi_report_tally (export->report, GRD_REFI_DROPPED, "code kind",
                           _("REFI-QDA has no kinds of code (theme, dimension…)"), 1);
}

static void
write_codes (Out     *out,
             Export  *export,
             gboolean in_project)
{
  gint64 top = 0;
  GPtrArray *roots = g_hash_table_lookup (export->children, &top);

  out_start (out, "Codes");
  for (guint i = 0; roots != NULL && i < roots->len; i++)
    write_code (out, export, g_ptr_array_index (roots, i), in_project);
  out_end (out);
}

static void
write_sets (Out     *out,
            Export  *export,
            gboolean in_project)
{
  if (export->sets->len == 0)
    return;

  out_start (out, "Sets");
  for (guint i = 0; i < export->sets->len; i++)
    {
      GrdCodeSet *set = g_ptr_array_index (export->sets, i);

      out_start (out, "Set");
      out_attr (out, "guid", set->guid);
      out_attr (out, "name", set->name);
      if (set->description != NULL && set->description[0] != '\0')
        out_text_element (out, "Description", set->description);
      for (guint j = 0; j < set->code_ids->len; j++)
        {
          gint64 code_id = g_array_index (set->code_ids, gint64, j);

          /* the code book calls the reference "guid", the project "targetGUID" */
          out_ref (out, "MemberCode", in_project ? "targetGUID" : "guid",
                   g_hash_table_lookup (export->code_guids, &code_id));
        }
      out_end (out);
      grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "Set", NULL, 1);
    }
  out_end (out);
}

/* Files */

/* The writer writes through the temporary file's descriptor: libxml2
 * would take a path for a URI and write "a%41.qdc" as "aA.qdc". */
static gboolean
out_open (Out            *out,
          GrdTempFile    *file,
          GrdRefiReport  *report,
          const char     *root,
          const char     *ns,
          const char     *display,
          GError        **error)
{
  xmlOutputBufferPtr buffer = xmlOutputBufferCreateFd (grd_temp_file_get_fd (file), NULL);

  out->report = report;
  out->writer = buffer != NULL ? xmlNewTextWriter (buffer) : NULL;
  if (out->writer == NULL)
    {
      if (buffer != NULL)
        xmlOutputBufferClose (buffer);
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_WRITE,
                   _("%s: cannot write the file"), display);
      return FALSE;
    }
  xmlTextWriterSetIndent (out->writer, 1);
  xmlTextWriterSetIndentString (out->writer, BAD_CAST "  ");
  if (xmlTextWriterStartDocument (out->writer, "1.0", "UTF-8", NULL) < 0)
    out->failed = TRUE;
  out_start (out, root);
  out_attr (out, "xmlns", ns);
  return TRUE;
}

static gboolean
out_close (Out         *out,
           const char  *display,
           GError     **error)
{
  if (xmlTextWriterEndDocument (out->writer) < 0)
    out->failed = TRUE;
  /* flushes; the descriptor stays the temporary file's */
  xmlFreeTextWriter (out->writer);
  out->writer = NULL;
  if (out->failed)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_WRITE,
                   _("%s: cannot write the file (is the disk full?)"), display);
      return FALSE;
    }
  return TRUE;
}

/* What we write must pass the bundled schema; a debug build checks every
 * file before it replaces anything, so a mistake never reaches a user. The
 * check streams the file, so it costs no memory on a large project. */
static gboolean
check_written (GrdRefiSchema   schema,
               GrdTempFile    *file,
               const char     *display,
               GError        **error)
{
#ifndef NDEBUG
  g_autoptr(GrdRefiReport) problems = grd_refi_report_new ();

  if (!_grd_refi_validate_fd (schema, grd_temp_file_get_fd (file), display, problems))
    {
      GrdRefiWarning *first = g_ptr_array_index (problems->warnings, 0);

      if (first->line > 0)
        g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_INVALID,
                     _("%s: the export fails the REFI-QDA schema at line %u: %s"),
                     display, first->line, first->message);
      else
        g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_INVALID,
                     _("%s: the export fails the REFI-QDA schema: %s"),
                     display, first->message);
      return FALSE;
    }
#endif
  return TRUE;
}

typedef struct {
  GrdRefiSchema  schema;
  GrdTempFile   *file;
  const char    *display;
  gboolean       ok;
  GError        *error;
} WrittenCheck;

static gpointer
check_written_thread (gpointer data)
{
  WrittenCheck *check = data;

  check->ok = check_written (check->schema, check->file, check->display, &check->error);
  return NULL;
}

GrdRefiReport *
grd_refi_export_codebook (GrdProject  *project,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_auto(Export) export = { 0 };
  g_autoptr(GrdTempFile) file = NULL;
  g_autofree char *display = NULL;
  Out out = { 0 };

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_basename (path);
  if (!export_load (&export, project, report, FALSE, error) ||
      (file = grd_temp_file_new (path, GRD_REFI_ERROR, GRD_REFI_ERROR_WRITE, error)) == NULL ||
      !out_open (&out, file, report, "CodeBook", GRD_REFI_CODEBOOK_NS, display, error))
    return NULL;

  out_attr (&out, "origin", ORIGIN);
  write_codes (&out, &export, FALSE);
  write_sets (&out, &export, FALSE);
  out_end (&out);
  if (!out_close (&out, display, error) ||
      !check_written (GRD_REFI_SCHEMA_CODEBOOK, file, display, error) ||
      !grd_temp_file_commit (file, error))
    return NULL;

  return g_steal_pointer (&report);
}

/* Projects */

static const char *
variable_type (GrdAttributeType type)
{
  switch (type)
    {
    case GRD_ATTRIBUTE_TYPE_NUMBER:
      return "Float";
    case GRD_ATTRIBUTE_TYPE_DATE:
      return "Date";
    case GRD_ATTRIBUTE_TYPE_TEXT:
    case GRD_ATTRIBUTE_TYPE_CHOICE:
    default:
      return "Text";
    }
}

static void
write_values (Out       *out,
              Export    *export,
              GPtrArray *values,
              GHashTable *attribute_guids)
{
  for (guint i = 0; i < values->len; i++)
    {
      GrdAttributeValue *value = g_ptr_array_index (values, i);

      out_start (out, "VariableValue");
      out_ref (out, "VariableRef", "targetGUID",
               g_hash_table_lookup (attribute_guids, &value->attribute_id));
      /* "not applicable" is a value with no value element: REFI-QDA's own
       * way of saying the variable does not apply */
      if (value->value != NULL)
        out_text_element (out, value->type == GRD_ATTRIBUTE_TYPE_NUMBER ? "FloatValue"
                               : value->type == GRD_ATTRIBUTE_TYPE_DATE ? "DateValue"
                               : "TextValue",
                          value->value);
      out_end (out);
      grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "VariableValue", NULL, 1);
    }
}

static void
write_coding (Out       *out,
              Export    *export,
              GrdCoding *coding)
{
  g_autofree char *selection_guid = _grd_refi_derived_guid ("selection", coding->guid);

  out_start (out, "PlainTextSelection");
  out_attr (out, "guid", selection_guid);
  out_attr_int (out, "startPosition", coding->start);
  out_attr_int (out, "endPosition", coding->end);
  out_attr (out, "creatingUser", coder_guid (export, coding->coder_id));
  out_attr_time (out, "creationDateTime", coding->created_at);
  out_start (out, "Coding");
  out_attr (out, "guid", coding->guid);
  out_attr (out, "creatingUser", coder_guid (export, coding->coder_id));
  out_attr_time (out, "creationDateTime", coding->created_at);
  out_ref (out, "CodeRef", "targetGUID", g_hash_table_lookup (export->code_guids,
                                                              &coding->code_id));
  write_note_refs (out, export, GRD_MEMO_SCOPE_CODING, coding->id);
  out_end (out);
  out_end (out);

  grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "PlainTextSelection", NULL, 1);
  if (coding->representative)
    grd_refi_report_tally (export->report, GRD_REFI_DROPPED, "representative flag",
                           _("REFI-QDA cannot mark a quote as representative"), 1);
}

/* A source's text or original, read from the project when the archive is
 * written, so an export holds one at a time, not every one until the end. */
typedef struct {
  GrdProject *project;
  gint64      source_id;
} SourceEntry;

static SourceEntry *
source_entry_new (GrdProject *project,
                  gint64      source_id)
{
  SourceEntry *entry = g_new0 (SourceEntry, 1);

  entry->project = g_object_ref (project);
  entry->source_id = source_id;
  return entry;
}

static void
source_entry_free (gpointer data)
{
  SourceEntry *entry = data;

  g_object_unref (entry->project);
  g_free (entry);
}

/* Offsets are counted on exactly these bytes: the stored text, UTF-8
 * with LF line ends, no BOM. */
static GBytes *
fetch_text (gpointer   data,
            GError   **error)
{
  SourceEntry *entry = data;
  gsize len;
  char *text = grd_project_get_source_text (entry->project, entry->source_id, &len, error);

  return text != NULL ? g_bytes_new_take (text, len) : NULL;
}

static GBytes *
fetch_original (gpointer   data,
                GError   **error)
{
  SourceEntry *entry = data;

  return grd_project_get_source_original (entry->project, entry->source_id, NULL, NULL, error);
}

static gboolean
write_source (Out           *out,
              Export        *export,
              GrdSource     *source,
              GHashTable    *attribute_guids,
              GrdZipWriter  *zip,
              GError       **error)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GArray) turns = NULL;
  g_autofree char *entry = g_strdup_printf ("sources/%s.txt", source->guid);
  g_autofree char *internal = g_strdup_printf ("internal://%s.txt", source->guid);
  g_autofree char *original_path = NULL;
  g_autofree char *media_type = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean pdf = FALSE;

  if (!grd_zip_writer_add_lazy (zip, entry, fetch_text,
                                source_entry_new (export->project, source->id),
                                source_entry_free, error))
    return FALSE;

  /* read here for its type only; the archive reads it again when written */
  original = grd_project_get_source_original (export->project, source->id, NULL, &media_type,
                                              &local_error);
  if (original == NULL && !g_error_matches (local_error, GRD_PROJECT_ERROR,
                                            GRD_PROJECT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (original != NULL &&
      (strcmp (media_type, GRD_REFI_PDF_TYPE) == 0 || strcmp (media_type, GRD_REFI_DOCX_TYPE) == 0))
    {
      g_autofree char *original_entry = NULL;

      pdf = strcmp (media_type, GRD_REFI_PDF_TYPE) == 0;
      original_entry = g_strdup_printf ("sources/%s.%s", source->guid, pdf ? "pdf" : "docx");
      original_path = g_strdup_printf ("internal://%s.%s", source->guid, pdf ? "pdf" : "docx");
      g_clear_pointer (&original, g_bytes_unref);
      if (!grd_zip_writer_add_lazy (zip, original_entry, fetch_original,
                                    source_entry_new (export->project, source->id),
                                    source_entry_free, error))
        return FALSE;
      grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "original document", NULL, 1);
    }
  else if (original != NULL && strcmp (media_type, "text/plain") != 0)
    grd_refi_report_tally (export->report, GRD_REFI_DROPPED, "original document",
                           _("REFI-QDA keeps .docx and .pdf originals only; the text went"), 1);

  codings = grd_project_list_codings (export->project, source->id, error);
  values = codings != NULL ? grd_project_list_values (export->project, 0, source->id, error) : NULL;
  turns = values != NULL ? grd_project_list_turns (export->project, source->id, error) : NULL;
  if (turns == NULL)
    return FALSE;
  if (turns->len > 0)
    grd_refi_report_tally (export->report, GRD_REFI_DROPPED, "speaker turns",
                           _("REFI-QDA has no speaker turns; they are found again on import"),
                           1);

  /* A PDF is a PDFSource whose text, and the passages coded in it, are its
   * Representation: a TextSource of its own. */
  out_start (out, pdf ? "PDFSource" : "TextSource");
  out_attr (out, "guid", source->guid);
  out_attr (out, "name", source->name);
  if (pdf)
    {
      g_autofree char *representation = _grd_refi_derived_guid ("representation", source->guid);

      out_attr (out, "path", original_path);
      out_attr_time (out, "creationDateTime", source->imported_at);
      out_start (out, "Representation");
      out_attr (out, "guid", representation);
      out_attr (out, "name", source->name);
    }
  else
    out_attr (out, "richTextPath", original_path);
  out_attr (out, "plainTextPath", internal);
  out_attr_time (out, "creationDateTime", source->imported_at);
  for (guint i = 0; i < codings->len; i++)
    write_coding (out, export, g_ptr_array_index (codings, i));
  if (pdf)
    out_end (out);
  write_note_refs (out, export, GRD_MEMO_SCOPE_SOURCE, source->id);
  write_values (out, export, values, attribute_guids);
  out_end (out);

  grd_refi_report_tally (export->report, GRD_REFI_TAKEN, pdf ? "PDFSource" : "TextSource", NULL, 1);
  return TRUE;
}

/* marker: a review Note's (grd-refi-review.c), or NULL */
static void
write_note (Out                 *out,
            Export              *export,
            const char          *guid,
            const char          *name,
            const char          *text,
            const char          *author_guid,
            gint64               created_at,
            gint64               updated_at,
            GrdRefiReviewMarker *marker)
{
  out_start (out, "Note");
  out_attr (out, "guid", guid);
  out_attr (out, "name", name);
  out_attr (out, "creatingUser", author_guid);
  if (created_at > 0)
    out_attr_time (out, "creationDateTime", created_at);
  if (marker != NULL)
    out_attr (out, "modifyingUser", coder_guid_by_name (export, marker->modifier_name));
  if (updated_at > 0)
    out_attr_time (out, "modifiedDateTime", updated_at);
  if (marker != NULL)
    out_text_element (out, "Description", marker->marker);
  out_text_element (out, "PlainTextContent", text);
  out_end (out);
  grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "Note", NULL, 1);
}

/* A relation's kind or type has no place in a Link but its name; a
 * label, when there is one, takes the name instead. */
static const char *
link_name (GrdRelation *relation)
{
  if (relation->label[0] != '\0')
    return relation->label;
  return relation->type_name != NULL ? relation->type_name
                                     : grd_relation_kind_to_string (relation->kind);
}

static gboolean
write_project_body (Out           *out,
                    Export        *export,
                    GrdZipWriter  *zip,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GrdProject *project = export->project;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) relation_types = NULL;
  g_autoptr(GHashTable) type_guids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) attribute_guids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *name = grd_project_dup_name (project);
  guint n_relation_notes = 0;

  if ((attributes = grd_project_list_attributes (project, error)) == NULL ||
      (cases = grd_project_list_cases (project, error)) == NULL ||
      (sources = grd_project_list_sources (project, error)) == NULL ||
      (relations = grd_project_list_relations (project, error)) == NULL ||
      (relation_types = grd_project_list_relation_types (project, error)) == NULL)
    return FALSE;

  /* A relation type is a Note (its name and description) that each Link
   * of the type refers to. */
  for (guint i = 0; i < relation_types->len; i++)
    {
      GrdRelationType *type = g_ptr_array_index (relation_types, i);

      g_hash_table_insert (type_guids, &type->id, type->guid);
    }

  out_attr (out, "name", name);
  out_attr (out, "origin", ORIGIN);

  if (export->coders->len > 0)
    {
      out_start (out, "Users");
      for (guint i = 0; i < export->coders->len; i++)
        {
          GrdCoder *coder = g_ptr_array_index (export->coders, i);

          out_start (out, "User");
          out_attr (out, "guid", coder->guid);
          out_attr (out, "name", coder->name);
          out_end (out);
          grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "User", NULL, 1);
        }
      out_end (out);
    }

  if (export->codes->len > 0)
    {
      out_start (out, "CodeBook");
      write_codes (out, export, TRUE);
      out_end (out);
    }

  if (attributes->len > 0)
    {
      out_start (out, "Variables");
      for (guint i = 0; i < attributes->len; i++)
        {
          GrdAttribute *attribute = g_ptr_array_index (attributes, i);

          g_hash_table_insert (attribute_guids, &attribute->id, attribute->guid);
          out_start (out, "Variable");
          out_attr (out, "guid", attribute->guid);
          out_attr (out, "name", attribute->name);
          out_attr (out, "typeOfVariable", variable_type (attribute->type));
          out_end (out);
          grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "Variable", NULL, 1);
          if (attribute->type == GRD_ATTRIBUTE_TYPE_CHOICE)
            grd_refi_report_tally (export->report, GRD_REFI_CONVERTED, "choice attribute",
                                   _("written as a Text variable; its list of choices is lost"), 1);
        }
      out_end (out);
    }

  if (cases->len > 0)
    {
      out_start (out, "Cases");
      for (guint i = 0; i < cases->len; i++)
        {
          GrdCase *kase = g_ptr_array_index (cases, i);
          g_autoptr(GPtrArray) values = grd_project_list_values (project, kase->id, 0, error);

          if (values == NULL)
            return FALSE;
          out_start (out, "Case");
          out_attr (out, "guid", kase->guid);
          out_attr (out, "name", kase->name);
          if (kase->description != NULL && kase->description[0] != '\0')
            out_text_element (out, "Description", kase->description);
          write_values (out, export, values, attribute_guids);
          for (guint j = 0; j < sources->len; j++)
            {
              GrdSource *source = g_ptr_array_index (sources, j);

              if (source->case_id == kase->id)
                out_ref (out, "SourceRef", "targetGUID", source->guid);
            }
          out_end (out);
          grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "Case", NULL, 1);
        }
      out_end (out);
    }

  if (sources->len > 0)
    {
      out_start (out, "Sources");
      for (guint i = 0; i < sources->len; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !write_source (out, export, g_ptr_array_index (sources, i), attribute_guids,
                             zip, error))
            return FALSE;
        }
      out_end (out);
    }

  for (guint i = 0; i < relations->len; i++)
    if (((GrdRelation *) g_ptr_array_index (relations, i))->memo[0] != '\0')
      n_relation_notes++;

  if (export->memos->len > 0 || n_relation_notes > 0 || relation_types->len > 0)
    {
      out_start (out, "Notes");
      for (guint i = 0; i < export->memos->len; i++)
        {
          GrdMemo *memo = g_ptr_array_index (export->memos, i);

          write_note (out, export, memo->guid, memo->title, memo->text,
                      coder_guid_by_name (export, memo->author_name),
                      memo->created_at, memo->updated_at,
                      g_hash_table_lookup (export->review_markers, memo->guid));
        }
      for (guint i = 0; i < relations->len; i++)
        {
          GrdRelation *relation = g_ptr_array_index (relations, i);
          g_autofree char *guid = NULL;

          if (relation->memo[0] == '\0')
            continue;
          guid = _grd_refi_derived_guid ("relation-memo", relation->guid);
          write_note (out, export, guid, link_name (relation), relation->memo, NULL,
                      relation->created_at, 0, NULL);
        }
      for (guint i = 0; i < relation_types->len; i++)
        {
          GrdRelationType *type = g_ptr_array_index (relation_types, i);

          write_note (out, export, type->guid, type->name, type->description, NULL, 0, 0, NULL);
        }
      if (relation_types->len > 0)
        grd_refi_report_tally (export->report, GRD_REFI_CONVERTED, "relation type",
                               _("a Note with its name and description, referred to by each "
                                 "Link of the type"), relation_types->len);
      out_end (out);
    }

  if (relations->len > 0)
    {
      out_start (out, "Links");
      for (guint i = 0; i < relations->len; i++)
        {
          GrdRelation *relation = g_ptr_array_index (relations, i);

          out_start (out, "Link");
          out_attr (out, "guid", relation->guid);
          out_attr (out, "name", link_name (relation));
          out_attr (out, "direction", relation->directed ? "OneWay" : "Associative");
          out_attr (out, "originGUID", g_hash_table_lookup (export->code_guids,
                                                            &relation->from_code_id));
          out_attr (out, "targetGUID", g_hash_table_lookup (export->code_guids,
                                                            &relation->to_code_id));
          if (relation->memo[0] != '\0')
            {
              g_autofree char *guid = _grd_refi_derived_guid ("relation-memo", relation->guid);

              out_ref (out, "NoteRef", "targetGUID", guid);
            }
          if (relation->type_id != 0)
            out_ref (out, "NoteRef", "targetGUID", g_hash_table_lookup (type_guids,
                                                                        &relation->type_id));
          write_note_refs (out, export, GRD_MEMO_SCOPE_RELATION, relation->id);
          out_end (out);
          grd_refi_report_tally (export->report, GRD_REFI_TAKEN, "Link", NULL, 1);
          if (relation->label[0] != '\0' &&
              (relation->kind != GRD_RELATION_KIND_ASSOCIATED || relation->type_id != 0))
            grd_refi_report_tally (export->report, GRD_REFI_DROPPED, "relation kind",
                                   _("a Link has only a name, which holds the label"), 1);
        }
      out_end (out);
    }

  write_sets (out, export, TRUE);
  write_note_refs (out, export, GRD_MEMO_SCOPE_PROJECT, 0);

  grd_refi_report_tally (export->report, GRD_REFI_DROPPED, "history",
                         _("the undo history is not part of REFI-QDA"), 1);
  return TRUE;
}

GrdRefiReport *
grd_refi_export_project (GrdProject    *project,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_auto(Export) export = { 0 };
  g_autoptr(GrdZipWriter) zip = NULL;
  g_autoptr(GrdTempFile) qde = NULL;
  g_autofree char *display = NULL;
  g_autofree char *qde_path = NULL;
  Out out = { 0 };
  gboolean ok;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* project.qde is written beside the archive, and never renamed: the
   * archive takes its bytes on commit */
  display = g_filename_display_basename (path);
  qde_path = g_strconcat (path, ".qde", NULL);
  if (!export_load (&export, project, report, TRUE, error) ||
      (zip = grd_zip_writer_new (path, error)) == NULL ||
      (qde = grd_temp_file_new (qde_path, GRD_REFI_ERROR, GRD_REFI_ERROR_WRITE, error)) == NULL ||
      !out_open (&out, qde, report, "Project", GRD_REFI_PROJECT_NS, display, error))
    return NULL;

  ok = write_project_body (&out, &export, zip, cancellable, error);
  out_end (&out);
  if (!ok)
    {
      xmlFreeTextWriter (out.writer);
      return NULL;
    }
  if (!out_close (&out, display, error))
    return NULL;

  /* The check reads project.qde while the archive takes it and the
   * transcripts (a quarter of an export, each); the archive replaces
   * nothing until both are done. */
  {
    WrittenCheck check = { GRD_REFI_SCHEMA_PROJECT, qde, display, FALSE, NULL };
    GThread *checking = g_thread_new ("grd-refi-check", check_written_thread, &check);

    ok = grd_zip_writer_add_file (zip, "project.qde", grd_temp_file_get_path (qde), error) &&
         grd_zip_writer_write (zip, error);
    g_thread_join (checking);
    if (ok && !check.ok)
      {
        g_propagate_error (error, g_steal_pointer (&check.error));
        ok = FALSE;
      }
    g_clear_error (&check.error);
  }
  if (!ok || !grd_zip_writer_commit (zip, error))
    return NULL;

  return g_steal_pointer (&report);
}
