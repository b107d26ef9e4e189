/* grd-refi.c: what REFI-QDA import and export share: reports, schemas, GUIDs
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "grd-refi-private.h"

G_DEFINE_QUARK (grd-refi-error-quark, grd_refi_error)

/* Reports */

static void
tally_free (GrdRefiTally *tally)
{
  g_free (tally->element);
  g_free (tally->why);
  g_free (tally);
}

static void
warning_free (GrdRefiWarning *warning)
{
  g_free (warning->file);
  g_free (warning->element);
  g_free (warning->message);
  g_free (warning);
}

GrdRefiReport *
grd_refi_report_new (void)
{
  GrdRefiReport *report = g_new0 (GrdRefiReport, 1);

  report->tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
  report->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);
  return report;
}

void
grd_refi_report_free (GrdRefiReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->tallies);
  g_ptr_array_unref (report->warnings);
  g_free (report);
}

void
grd_refi_report_tally (GrdRefiReport  *report,
                       GrdRefiOutcome  outcome,
                       const char     *element,
                       const char     *why,
                       guint           count)
{
  GrdRefiTally *tally;

  if (count == 0)
    return;

  /* a report has tens of lines, so a linear search is the simple thing */
  for (guint i = 0; i < report->tallies->len; i++)
    {
      tally = g_ptr_array_index (report->tallies, i);
      if (tally->outcome == outcome && strcmp (tally->element, element) == 0 &&
          g_strcmp0 (tally->why, why) == 0)
        {
          tally->count += count;
          return;
        }
    }

  tally = g_new0 (GrdRefiTally, 1);
  tally->outcome = outcome;
  tally->element = g_strdup (element);
  tally->why = g_strdup (why);
  tally->count = count;
  g_ptr_array_add (report->tallies, tally);
}

void
grd_refi_report_warn (GrdRefiReport *report,
                      const char    *file,
                      guint          line,
                      const char    *element,
                      const char    *format,
                      ...)
{
  GrdRefiWarning *warning;
  va_list args;

  /* a file broken the same way ten thousand times says so in 200 lines */
  if (report->warnings->len >= GRD_REFI_MAX_WARNINGS)
    {
      report->n_warnings_dropped++;
      return;
    }

  warning = g_new0 (GrdRefiWarning, 1);
  warning->file = g_strdup (file);
  warning->line = line;
  warning->element = g_strdup (element);
  va_start (args, format);
  warning->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->warnings, warning);
}

void
_grd_refi_report_take_warnings (GrdRefiReport *report,
                                GrdRefiReport *from)
{
  gsize n = 0;
  g_autofree GrdRefiWarning **warnings = (GrdRefiWarning **) g_ptr_array_steal (from->warnings, &n);

  for (gsize i = 0; i < n; i++)
    {
      if (report->warnings->len < GRD_REFI_MAX_WARNINGS)
        g_ptr_array_add (report->warnings, warnings[i]);
      else
        {
          report->n_warnings_dropped++;
          warning_free (warnings[i]);
        }
    }
  report->n_warnings_dropped += from->n_warnings_dropped;
  from->n_warnings_dropped = 0;
}

guint
grd_refi_report_count (GrdRefiReport  *report,
                       GrdRefiOutcome  outcome,
                       const char     *element)
{
  guint n = 0;

  for (guint i = 0; i < report->tallies->len; i++)
    {
      GrdRefiTally *tally = g_ptr_array_index (report->tallies, i);

      if (tally->outcome == outcome && strcmp (tally->element, element) == 0)
        n += tally->count;
    }

  return n;
}

const char *
grd_refi_outcome_to_string (GrdRefiOutcome outcome)
{
  switch (outcome)
    {
    case GRD_REFI_TAKEN:
      return _("taken");
    case GRD_REFI_CONVERTED:
      return _("converted");
    case GRD_REFI_DROPPED:
      return _("dropped");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* REFI-QDA's element names in the researcher's words; the element stays
 * in parentheses for those who know the standard. */
static const struct {
  const char *element;
  const char *words;
} element_words[] = {
  { "AudioSource",        N_("Audio files") },
  { "Case",               N_("Cases") },
  { "Code",               N_("Codes") },
  { "Coding",             N_("Codings") },
  { "Description",        N_("Descriptions") },
  { "Link",               N_("Relations") },
  { "MemberCode",         N_("Codes in sets") },
  { "MemberNote",         N_("Memos in sets") },
  { "MemberSource",       N_("Transcripts in sets") },
  { "Note",               N_("Memos") },
  { "NoteRef",            N_("Memo links") },
  { "PDFSelection",       N_("PDF quotes") },
  { "PDFSource",          N_("PDF transcripts") },
  { "PictureSource",      N_("Pictures") },
  { "PlainTextSelection", N_("Quotes") },
  { "Set",                N_("Sets") },
  { "SourceRef",          N_("Transcripts of cases") },
  { "TextSource",         N_("Text transcripts") },
  { "User",               N_("Coders") },
  { "Variable",           N_("Attributes") },
  { "VariableValue",      N_("Attribute values") },
  { "VideoSource",        N_("Video files") },
};

/* "Codes (Code)", or for Grounded's own notions ("code kind") the notion
 * with a capital. */
static char *
element_in_words (const char *element)
{
  for (gsize i = 0; i < G_N_ELEMENTS (element_words); i++)
    if (strcmp (element_words[i].element, element) == 0)
      /* Translators: the plain words for a REFI-QDA element, then its name */
      return g_strdup_printf (_("%s (%s)"), _(element_words[i].words), element);

  if (element[0] == '\0')
    return g_strdup ("");
  return g_strdup_printf ("%c%s", g_ascii_toupper (element[0]), element + 1);
}

char *
grd_refi_report_to_string (GrdRefiReport *report)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < report->tallies->len; i++)
    {
      GrdRefiTally *tally = g_ptr_array_index (report->tallies, i);
      g_autofree char *words = element_in_words (tally->element);

      /* Translators: e.g. "Codes (Code): 36 taken" */
      g_string_append_printf (out, _("%s: %u %s"), words, tally->count,
                              grd_refi_outcome_to_string (tally->outcome));
      if (tally->why != NULL)
        g_string_append_printf (out, " — %s", tally->why);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < report->warnings->len; i++)
    {
      GrdRefiWarning *warning = g_ptr_array_index (report->warnings, i);

      g_string_append_printf (out, "%s", warning->file);
      if (warning->line > 0)
        g_string_append_printf (out, ":%u", warning->line);
      if (warning->element != NULL)
        g_string_append_printf (out, ": %s", warning->element);
      g_string_append_printf (out, ": %s\n", warning->message);
    }
  if (report->n_warnings_dropped > 0)
    g_string_append_printf (out, _("… and %u more warnings\n"), report->n_warnings_dropped);

  return g_string_free (out, FALSE);
}

/* Schemas */

static void
ignore_schema_error (void        *data,
                     xmlErrorPtr  error)
{
}

static xmlSchemaPtr
compile_schema (const char *resource)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  gsize size;
  const char *data;

  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &size);
  parser = xmlSchemaNewMemParserCtxt (data, (int) size);
  xmlSchemaSetParserStructuredErrors (parser, ignore_schema_error, NULL);
  schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  /* the bundled schemas compile (a test checks): anything else is a bug */
  g_assert (schema != NULL);
  return schema;
}

xmlSchemaPtr
_grd_refi_get_schema (GrdRefiSchema which)
{
  static gsize codebook, project;

  if (which == GRD_REFI_SCHEMA_CODEBOOK)
    {
      if (g_once_init_enter (&codebook))
        g_once_init_leave (&codebook, (gsize) compile_schema (
          "/io/github/grounded/Grounded/core/refi/Codebook.xsd"));
      return (xmlSchemaPtr) codebook;
    }

  if (g_once_init_enter (&project))
    g_once_init_leave (&project, (gsize) compile_schema (
      "/io/github/grounded/Grounded/core/refi/Project-mrt2019.xsd"));
  return (xmlSchemaPtr) project;
}

typedef struct {
  GrdRefiReport *report;
  const char    *file_name;
  guint          n_errors;
} ValidationRun;

void
_grd_refi_warn_xml_error (GrdRefiReport *report,
                          const char    *file_name,
                          xmlErrorPtr    error)
{
  g_autofree char *message = g_strchomp (g_strdup (error->message != NULL ? error->message : "?"));
  g_autofree char *element = NULL;
  xmlNodePtr node = error->node;

  if (node != NULL && node->type == XML_ELEMENT_NODE)
    element = g_strdup ((const char *) node->name);
  else if (g_str_has_prefix (message, "Element '"))
    {
      /* a streaming validator has no node, only "Element '{ns}Name': …" */
      const char *start = message + strlen ("Element '");
      const char *end = strchr (start, '\'');
      const char *brace = end != NULL ? memchr (start, '}', end - start) : NULL;

      if (brace != NULL)
        start = brace + 1;
      if (end != NULL)
        element = g_strndup (start, end - start);
    }

  grd_refi_report_warn (report, file_name, (guint) MAX (error->line, 0), element, "%s", message);
}

static void
schema_error_cb (void        *data,
                 xmlErrorPtr  error)
{
  ValidationRun *run = data;

  run->n_errors++;
  _grd_refi_warn_xml_error (run->report, run->file_name, error);
}

gboolean
grd_refi_validate (GrdRefiSchema   schema,
                   GBytes         *xml,
                   const char     *file_name,
                   GrdRefiReport  *report)
{
  ValidationRun run = { report, file_name, 0 };
  xmlSchemaValidCtxtPtr valid;
  xmlDocPtr doc;
  gsize size;
  const char *data = g_bytes_get_data (xml, &size);

  doc = xmlReadMemory (data, (int) MIN (size, G_MAXINT), file_name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      grd_refi_report_warn (report, file_name, 0, NULL, _("not well-formed XML"));
      return FALSE;
    }

  valid = xmlSchemaNewValidCtxt (_grd_refi_get_schema (schema));
  xmlSchemaSetValidStructuredErrors (valid, schema_error_cb, &run);
  xmlSchemaValidateDoc (valid, doc);
  xmlSchemaFreeValidCtxt (valid);
  xmlFreeDoc (doc);
  return run.n_errors == 0;
}

gboolean
_grd_refi_validate_fd (GrdRefiSchema   schema,
                       int             fd,
                       const char     *file_name,
                       GrdRefiReport  *report)
{
  ValidationRun run = { report, file_name, 0 };
  xmlSchemaValidCtxtPtr valid;
  xmlParserInputBufferPtr input;
  int own_fd;
  int ret;

  /* A descriptor, not a path: libxml2 takes a path for a URI. The buffer
   * closes its own copy of it. */
  own_fd = lseek (fd, 0, SEEK_SET) == 0 ? dup (fd) : -1;
  input = own_fd >= 0 ? xmlParserInputBufferCreateFd (own_fd, XML_CHAR_ENCODING_NONE) : NULL;
  if (input == NULL)
    {
      if (own_fd >= 0)
        close (own_fd);
      grd_refi_report_warn (report, file_name, 0, NULL, _("cannot be read as XML"));
      return FALSE;
    }

  /* SAX: a stream, as fast as the parser, and no tree */
  valid = xmlSchemaNewValidCtxt (_grd_refi_get_schema (schema));
  xmlSchemaSetValidStructuredErrors (valid, schema_error_cb, &run);
  ret = xmlSchemaValidateStream (valid, input, XML_CHAR_ENCODING_NONE, NULL, NULL);
  xmlSchemaFreeValidCtxt (valid);
  if (ret != 0 && run.n_errors == 0)
    grd_refi_report_warn (report, file_name, 0, NULL, _("cannot be read as XML"));
  return ret == 0 && run.n_errors == 0;
}

/* GUIDs */

char *
_grd_refi_derived_guid (const char *kind,
                        const char *guid)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 b[20];
  gsize len = sizeof b;

  g_checksum_update (sha1, (const guchar *) kind, -1);
  g_checksum_update (sha1, (const guchar *) ":", 1);
  g_checksum_update (sha1, (const guchar *) guid, -1);
  g_checksum_get_digest (sha1, b, &len);
  /* laid out as a name-based (version 5) UUID */
  b[6] = (guint8) (0x50 | (b[6] & 0x0f));
  b[8] = (guint8) (0x80 | (b[8] & 0x3f));

  return g_strdup_printf ("%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

char *
_grd_refi_normalize_guid (const char *guid)
{
  g_autofree char *clean = NULL;
  gsize len;

  if (guid == NULL)
    return NULL;

  clean = g_strstrip (g_strdup (guid));
  len = strlen (clean);
  if (len >= 2 && clean[0] == '{' && clean[len - 1] == '}')
    {
      memmove (clean, clean + 1, len - 2);
      clean[len - 2] = '\0';
      len -= 2;
    }

  if (len != 36)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? clean[i] != '-' : !g_ascii_isxdigit (clean[i]))
        return NULL;
      clean[i] = g_ascii_toupper (clean[i]);
    }

  return g_steal_pointer (&clean);
}
