/* grd-cli-cases.c: cases, their attributes, and respondent tables in CSV
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "grd-cli.h"

static GrdCase *
find_case (GrdCli      *cli,
           const char  *reference,
           GError     **error)
{
  return grd_project_find_case (cli->project, reference, error);
}

/* Core's spelling of "not applicable", so what the CSV says and what
 * core stores agree. */
static gboolean
is_not_applicable (const char *value)
{
  return g_ascii_strcasecmp (value, "n/a") == 0 || g_ascii_strcasecmp (value, "na") == 0;
}

/* cases */

static int
cmd_cases_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) values = NULL;
  /* "case id:attribute id" -> value, or NULL for n/a */
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((cases = grd_project_list_cases (cli->project, &error)) == NULL ||
      (attributes = grd_project_list_attributes (cli->project, &error)) == NULL ||
      (values = grd_project_list_values (cli->project, 0, 0, &error)) == NULL)
    return grd_cli_fail (cli, error);

  for (guint i = 0; i < values->len; i++)
    {
      GrdAttributeValue *value = g_ptr_array_index (values, i);

      if (value->case_id == 0)
        continue;
      g_hash_table_insert (by_key,
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                            value->case_id, value->attribute_id),
                           value);
    }

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < cases->len; i++)
        {
          GrdCase *kase = g_ptr_array_index (cases, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", kase->id);
          grd_json_member_string (json, "guid", kase->guid);
          grd_json_member_string (json, "name", kase->name);
          grd_json_member_string (json, "description", kase->description);
          grd_json_member_int (json, "sources", kase->n_sources);
          /* Recorded values only; null is "not applicable". */
          grd_json_member (json, "attributes");
          grd_json_begin_object (json);
          for (guint a = 0; a < attributes->len; a++)
            {
              GrdAttribute *attribute = g_ptr_array_index (attributes, a);
              g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                      kase->id, attribute->id);
              GrdAttributeValue *value = g_hash_table_lookup (by_key, key);

              if (value != NULL)
                grd_json_member_string (json, attribute->name, value->value);
            }
          grd_json_end_object (json);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (cases->len == 0)
    {
      printf ("%s\n", _("No cases yet."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GPtrArray) headers = g_ptr_array_new ();
    g_autoptr(GrdTable) table = NULL;

    g_ptr_array_add (headers, (gpointer) _("Case"));
    g_ptr_array_add (headers, (gpointer) _("Sources"));
    for (guint a = 0; a < attributes->len; a++)
      g_ptr_array_add (headers, ((GrdAttribute *) g_ptr_array_index (attributes, a))->name);
    table = grd_table_new_from (headers);

    for (guint i = 0; i < cases->len; i++)
      {
        GrdCase *kase = g_ptr_array_index (cases, i);
        g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

        g_ptr_array_add (cells, g_strdup (kase->name));
        g_ptr_array_add (cells, g_strdup_printf ("%u", kase->n_sources));
        for (guint a = 0; a < attributes->len; a++)
          {
            GrdAttribute *attribute = g_ptr_array_index (attributes, a);
            g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                    kase->id, attribute->id);
            GrdAttributeValue *value = g_hash_table_lookup (by_key, key);

            g_ptr_array_add (cells, g_strdup (value == NULL ? ""
                                              : value->value == NULL ? "n/a" : value->value));
          }
        grd_table_add_rowv (table, cells);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_cases_add (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 case_id;

  case_id = grd_project_add_case (cli->project, grd_cli_arg (cli, 0),
                                  grd_cli_get_option (cli, "description"), &error);
  if (case_id == 0)
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Added case “%s” (id %" G_GINT64_FORMAT ")"), grd_cli_arg (cli, 0),
                             case_id);
  grd_cli_report (cli, "added", case_id, grd_cli_arg (cli, 0), message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_cases_rename (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCase) kase = NULL;
  g_autofree char *message = NULL;

  if ((kase = find_case (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_rename_case (cli->project, kase->id, grd_cli_arg (cli, 1), &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Renamed case “%s” to “%s”"), kase->name, grd_cli_arg (cli, 1));
  grd_cli_report (cli, "renamed", kase->id, grd_cli_arg (cli, 1), message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_cases_delete (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCase) kase = NULL;
  g_autofree char *message = NULL;

  if ((kase = find_case (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_delete_case (cli->project, kase->id, &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Deleted case “%s”"), kase->name);
  grd_cli_report (cli, "deleted", kase->id, kase->name, message);
  return GRD_CLI_EXIT_OK;
}

/* CSV, RFC 4180: quoted fields may hold commas, line breaks and "" for a
 * quote; records end in CRLF or LF. */

typedef struct {
  GPtrArray *fields;   /* char* */
  guint      line;     /* where the record starts, for messages */
} CsvRecord;

static void
csv_record_free (CsvRecord *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvRecord, csv_record_free)

static GPtrArray *
parse_csv (const char  *data,
           gsize        len,
           const char  *file_name,
           GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_record_free);
  const char *invalid = NULL;
  gsize pos = 0;
  guint line = 1;

  /* A spreadsheet's "CSV UTF-8" starts with a byte order mark. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    pos = 3;

  if (!g_utf8_validate_len (data + pos, len - pos, &invalid))
    {
      guint bad_line = 1;

      for (const char *p = data; p < invalid; p++)
        if (*p == '\n')
          bad_line++;
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("%s line %u: not UTF-8 text; save the table as “CSV UTF-8”"),
                   file_name, bad_line);
      return NULL;
    }

  while (pos < len)
    {
      g_autoptr(CsvRecord) record = g_new0 (CsvRecord, 1);
      gboolean record_done = FALSE;

      record->fields = g_ptr_array_new_with_free_func (g_free);
      record->line = line;

      while (!record_done)
        {
          g_autoptr(GString) field = g_string_new (NULL);

          if (pos < len && data[pos] == '"')
            {
              guint quote_line = line;

              for (pos++;; pos++)
                {
                  if (pos >= len)
                    {
                      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                                   _("%s line %u: a quoted field is never closed"),
                                   file_name, quote_line);
                      return NULL;
                    }
                  if (data[pos] == '"')
                    {
                      if (pos + 1 < len && data[pos + 1] == '"')
                        {
                          g_string_append_c (field, '"');
                          pos++;
                          continue;
                        }
                      pos++;
                      break;
                    }
                  if (data[pos] == '\r' && pos + 1 < len && data[pos + 1] == '\n')
                    continue;   /* CRLF inside a field is kept as LF */
                  if (data[pos] == '\n')
                    line++;
                  g_string_append_c (field, data[pos]);
                }

              if (pos < len && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r')
                {
                  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                               _("%s line %u: text after the closing quote of a field"),
                               file_name, line);
                  return NULL;
                }
            }
          else
            {
              for (; pos < len && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r'; pos++)
                {
                  if (data[pos] == '"')
                    {
                      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                                   _("%s line %u: a quote inside an unquoted field; "
                                     "quote the whole field and double the quote"),
                                   file_name, line);
                      return NULL;
                    }
                  g_string_append_c (field, data[pos]);
                }
            }

          g_ptr_array_add (record->fields, g_string_free (g_steal_pointer (&field), FALSE));

          if (pos >= len)
            record_done = TRUE;
          else if (data[pos] == ',')
            pos++;
          else
            {
              /* CRLF, LF, or a lone CR from old Mac exports */
              if (data[pos] == '\r' && pos + 1 < len && data[pos + 1] == '\n')
                pos++;
              pos++;
              line++;
              record_done = TRUE;
            }
        }

      /* Blank lines separate nothing; skipping them forgives a trailing
       * empty line or two. */
      if (record->fields->len == 1 && ((char *) g_ptr_array_index (record->fields, 0))[0] == '\0')
        continue;

      g_ptr_array_add (records, g_steal_pointer (&record));
    }

  return g_steal_pointer (&records);
}

static gboolean
is_number (const char *value)
{
  const char *p = value;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      gboolean exponent = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        p++;
      for (; g_ascii_isdigit (*p); p++)
        exponent = TRUE;
      if (!exponent)
        return FALSE;
    }

  return *p == '\0';
}

static gboolean
is_date (const char *value)
{
  guint64 year, month, day;

  if (strlen (value) != 10 || value[4] != '-' || value[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      return FALSE;

  year = g_ascii_strtoull (value, NULL, 10);
  month = g_ascii_strtoull (value + 5, NULL, 10);
  day = g_ascii_strtoull (value + 8, NULL, 10);

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* A column is a number if every value is one (or n/a), a date likewise,
 * otherwise text; a column of only n/a and blanks is text. */
static GrdAttributeType
infer_type (GPtrArray *records,
            guint      column)
{
  gboolean all_numbers = TRUE;
  gboolean all_dates = TRUE;
  gboolean any = FALSE;

  for (guint r = 1; r < records->len; r++)
    {
      CsvRecord *record = g_ptr_array_index (records, r);
      g_autofree char *value = g_strstrip (g_strdup (g_ptr_array_index (record->fields, column)));

      if (value[0] == '\0' || is_not_applicable (value))
        continue;
      any = TRUE;
      all_numbers &= is_number (value);
      all_dates &= is_date (value);
    }

  if (any && all_numbers)
    return GRD_ATTRIBUTE_TYPE_NUMBER;
  if (any && all_dates)
    return GRD_ATTRIBUTE_TYPE_DATE;
  return GRD_ATTRIBUTE_TYPE_TEXT;
}

typedef struct {
  guint  n_cases;
  guint  n_new_cases;
  guint  n_values;
  GArray *attribute_ids;   /* gint64 per column after the first */
  GArray *new_attribute;   /* gboolean per column after the first */
} CsvImport;

static gboolean
import_records (GrdCli      *cli,
                GPtrArray   *records,
                const char  *file_name,
                CsvImport   *result,
                GError     **error)
{
  CsvRecord *header = g_ptr_array_index (records, 0);

  for (guint c = 1; c < header->fields->len; c++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (header->fields, c)));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GrdAttribute) attribute = NULL;
      gint64 attribute_id = 0;
      gboolean is_new = FALSE;

      attribute = grd_project_find_attribute (cli->project, name, &local_error);
      if (attribute != NULL)
        attribute_id = attribute->id;
      else if (g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
        {
          attribute_id = grd_project_add_attribute (cli->project, name, infer_type (records, c),
                                                    NULL, error);
          is_new = TRUE;
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));

      if (attribute_id == 0)
        {
          g_prefix_error (error, _("%s line %u: "), file_name, header->line);
          return FALSE;
        }
      g_array_append_val (result->attribute_ids, attribute_id);
      g_array_append_val (result->new_attribute, is_new);
    }

  for (guint r = 1; r < records->len; r++)
    {
      CsvRecord *record = g_ptr_array_index (records, r);
      g_autofree char *case_name = g_strstrip (g_strdup (g_ptr_array_index (record->fields, 0)));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GrdCase) kase = NULL;
      gint64 case_id = 0;

      kase = grd_project_find_case (cli->project, case_name, &local_error);
      if (kase != NULL)
        case_id = kase->id;
      else if (g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
        {
          case_id = grd_project_add_case (cli->project, case_name, NULL, error);
          result->n_new_cases++;
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));

      if (case_id == 0)
        {
          g_prefix_error (error, _("%s line %u: "), file_name, record->line);
          return FALSE;
        }
      result->n_cases++;

      for (guint c = 1; c < record->fields->len; c++)
        {
          g_autofree char *value = g_strstrip (g_strdup (g_ptr_array_index (record->fields, c)));
          gint64 attribute_id = g_array_index (result->attribute_ids, gint64, c - 1);

          /* A blank cell records nothing; "n/a" records "not applicable". */
          if (value[0] == '\0')
            continue;
          if (!grd_project_set_case_value (cli->project, case_id, attribute_id,
                                           is_not_applicable (value) ? NULL : value, error))
            {
              g_prefix_error (error, _("%s line %u: "), file_name, record->line);
              return FALSE;
            }
          result->n_values++;
        }
    }

  return TRUE;
}

static gboolean
check_shape (GPtrArray   *records,
             const char  *file_name,
             GError     **error)
{
  CsvRecord *header;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  if (records->len == 0)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY,
                   _("%s is empty; the first line names the columns"), file_name);
      return FALSE;
    }

  header = g_ptr_array_index (records, 0);
  for (guint c = 1; c < header->fields->len; c++)
    {
      char *name = g_strstrip ((char *) g_ptr_array_index (header->fields, c));

      if (name[0] == '\0')
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                       _("%s line %u: column %u has no name"), file_name, header->line, c + 1);
          return FALSE;
        }
      if (!g_hash_table_add (names, name))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                       _("%s line %u: the column “%s” appears twice"), file_name, header->line, name);
          return FALSE;
        }
    }

  for (guint r = 1; r < records->len; r++)
    {
      CsvRecord *record = g_ptr_array_index (records, r);
      g_autofree char *case_name = g_strstrip (g_strdup (g_ptr_array_index (record->fields, 0)));

      if (record->fields->len != header->fields->len)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                       _("%s line %u: %u fields, but the first line has %u"),
                       file_name, record->line, record->fields->len, header->fields->len);
          return FALSE;
        }
      if (case_name[0] == '\0')
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                       _("%s line %u: the first column, the case name, is empty"),
                       file_name, record->line);
          return FALSE;
        }
    }

  return TRUE;
}

static int
cmd_cases_import (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (grd_cli_arg (cli, 0));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree char *data = NULL;
  g_autofree char *file_name = g_file_get_basename (file);
  g_autofree char *display_name = g_filename_display_name (file_name);
  g_autofree char *label = NULL;
  CsvImport result = { 0, };
  gsize len;
  int status = GRD_CLI_EXIT_OK;

  if (!g_file_load_contents (file, NULL, &data, &len, NULL, &error))
    return grd_cli_fail_message (cli, _("%s: could not read the file: %s"), display_name,
                                 error->message);

  if ((records = parse_csv (data, len, display_name, &error)) == NULL ||
      !check_shape (records, display_name, &error))
    return grd_cli_fail (cli, error);

  result.attribute_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result.new_attribute = g_array_new (FALSE, FALSE, sizeof (gboolean));

  /* The whole table is one undo step, and all of it or nothing lands. */
  label = g_strdup_printf (_("Import cases from “%s”"), display_name);
  if (!grd_project_begin_batch (cli->project, label, &error))
    status = grd_cli_fail (cli, error);
  else if (!import_records (cli, records, display_name, &result, &error))
    {
      grd_project_abort_batch (cli->project);
      status = grd_cli_fail (cli, error);
    }
  else if (!grd_project_end_batch (cli->project, &error))
    status = grd_cli_fail (cli, error);
  else if ((attributes = grd_project_list_attributes (cli->project, &error)) == NULL)
    status = grd_cli_fail (cli, error);

  if (status == GRD_CLI_EXIT_OK)
    {
      CsvRecord *header = g_ptr_array_index (records, 0);
      g_autoptr(GrdJson) json = cli->json ? grd_json_new () : NULL;

      if (json != NULL)
        {
          grd_json_begin_object (json);
          grd_json_member_int (json, "cases", result.n_cases);
          grd_json_member_int (json, "new_cases", result.n_new_cases);
          grd_json_member_int (json, "values", result.n_values);
          grd_json_member (json, "attributes");
          grd_json_begin_array (json);
        }
      else
        printf (_("Imported %u cases (%u new) and %u values from %s\n"), result.n_cases,
                result.n_new_cases, result.n_values, display_name);

      for (guint c = 1; c < header->fields->len; c++)
        {
          gint64 attribute_id = g_array_index (result.attribute_ids, gint64, c - 1);
          gboolean is_new = g_array_index (result.new_attribute, gboolean, c - 1);
          GrdAttribute *attribute = NULL;

          for (guint a = 0; a < attributes->len; a++)
            if (((GrdAttribute *) g_ptr_array_index (attributes, a))->id == attribute_id)
              attribute = g_ptr_array_index (attributes, a);
          if (attribute == NULL)
            continue;

          if (json != NULL)
            {
              grd_json_begin_object (json);
              grd_json_member_int (json, "id", attribute->id);
              grd_json_member_string (json, "name", attribute->name);
              grd_json_member_string (json, "type", grd_attribute_type_to_string (attribute->type));
              grd_json_member_bool (json, "new", is_new);
              grd_json_end_object (json);
            }
          else
            printf ("  %s (%s%s)\n", attribute->name, grd_attribute_type_to_string (attribute->type),
                    is_new ? _(", new") : "");
        }

      if (json != NULL)
        {
          grd_json_end_array (json);
          grd_json_end_object (json);
          grd_json_print (g_steal_pointer (&json));
        }
    }

  g_array_unref (result.attribute_ids);
  g_array_unref (result.new_attribute);
  return status;
}

/* attributes */

static int
cmd_attributes_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attributes = grd_project_list_attributes (cli->project, &error);

  if (attributes == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < attributes->len; i++)
        {
          GrdAttribute *attribute = g_ptr_array_index (attributes, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", attribute->id);
          grd_json_member_string (json, "guid", attribute->guid);
          grd_json_member_string (json, "name", attribute->name);
          grd_json_member_string (json, "type", grd_attribute_type_to_string (attribute->type));
          grd_json_member (json, "choices");
          grd_json_begin_array (json);
          for (guint c = 0; attribute->choices != NULL && attribute->choices[c] != NULL; c++)
            grd_json_string (json, attribute->choices[c]);
          grd_json_end_array (json);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (attributes->len == 0)
    {
      printf ("%s\n", _("No attributes yet."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("Attribute"), _("Type"), _("Choices"), NULL);

    for (guint i = 0; i < attributes->len; i++)
      {
        GrdAttribute *attribute = g_ptr_array_index (attributes, i);
        g_autofree char *choices = attribute->choices != NULL ? g_strjoinv (", ", attribute->choices)
                                                              : g_strdup ("");

        grd_table_add_row (table, attribute->name, grd_attribute_type_to_string (attribute->type),
                           choices, NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_attributes_add (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) choices = NULL;
  const char *type_name = grd_cli_get_option (cli, "type");
  const char *choice_list = grd_cli_get_option (cli, "choices");
  GrdAttributeType type;
  gint64 attribute_id;

  if (type_name == NULL)
    return grd_cli_usage_error (cli, _("give the attribute's --type: text, number, date or choice"));
  if (!grd_attribute_type_from_string (type_name, &type))
    return grd_cli_usage_error (cli, _("“%s” is not an attribute type; use text, number, date or "
                                       "choice"), type_name);
  if ((type == GRD_ATTRIBUTE_TYPE_CHOICE) != (choice_list != NULL))
    return grd_cli_usage_error (cli, _("--choices \"a,b,c\" goes with --type choice, and only "
                                       "with it"));

  if (choice_list != NULL)
    choices = g_strsplit (choice_list, ",", -1);

  attribute_id = grd_project_add_attribute (cli->project, grd_cli_arg (cli, 0), type,
                                            (const char * const *) choices, &error);
  if (attribute_id == 0)
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Added attribute “%s” (%s)"), grd_cli_arg (cli, 0),
                             grd_attribute_type_to_string (type));
  grd_cli_report (cli, "added", attribute_id, grd_cli_arg (cli, 0), message);
  return GRD_CLI_EXIT_OK;
}

static int
set_value (GrdCli   *cli,
           gboolean  on_source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdAttribute) attribute = NULL;
  g_autofree char *message = NULL;
  g_autofree char *owner_name = NULL;
  const char *value = grd_cli_arg (cli, 2);
  gint64 owner_id;
  gboolean ok;

  if (on_source)
    {
      g_autoptr(GrdSource) source = grd_project_find_source (cli->project, grd_cli_arg (cli, 0), &error);

      if (source == NULL)
        return grd_cli_fail (cli, error);
      owner_id = source->id;
      owner_name = g_strdup (source->name);
    }
  else
    {
      g_autoptr(GrdCase) kase = find_case (cli, grd_cli_arg (cli, 0), &error);

      if (kase == NULL)
        return grd_cli_fail (cli, error);
      owner_id = kase->id;
      owner_name = g_strdup (kase->name);
    }

  if ((attribute = grd_project_find_attribute (cli->project, grd_cli_arg (cli, 1), &error)) == NULL)
    return grd_cli_fail (cli, error);

  ok = on_source ? grd_project_set_source_value (cli->project, owner_id, attribute->id, value, &error)
                 : grd_project_set_case_value (cli->project, owner_id, attribute->id, value, &error);
  if (!ok)
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("%s of “%s” is now %s"), attribute->name, owner_name,
                             is_not_applicable (value) ? "n/a" : value);
  grd_cli_report (cli, "set", owner_id, attribute->name, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_attributes_set (GrdCli *cli)
{
  return set_value (cli, FALSE);
}

static int
cmd_attributes_set_source (GrdCli *cli)
{
  return set_value (cli, TRUE);
}

static int
cmd_attributes_unset (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCase) kase = NULL;
  g_autoptr(GrdAttribute) attribute = NULL;
  g_autofree char *message = NULL;

  if ((kase = find_case (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (attribute = grd_project_find_attribute (cli->project, grd_cli_arg (cli, 1), &error)) == NULL ||
      !grd_project_unset_value (cli->project, kase->id, 0, attribute->id, &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Cleared %s of “%s”"), attribute->name, kase->name);
  grd_cli_report (cli, "unset", kase->id, attribute->name, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_attributes_delete (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdAttribute) attribute = NULL;
  g_autofree char *message = NULL;

  if ((attribute = grd_project_find_attribute (cli->project, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_delete_attribute (cli->project, attribute->id, &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Deleted attribute “%s” and its values"), attribute->name);
  grd_cli_report (cli, "deleted", attribute->id, attribute->name, message);
  return GRD_CLI_EXIT_OK;
}

const GrdCliVerb grd_cli_case_verbs[] = {
  { "cases", NULL, "cases PROJECT",
    N_("List cases with their attribute values"),
    "", 0, 0, cmd_cases_list, GRD_CLI_PROJECT_OPEN },
  { "cases", "add", "cases PROJECT add NAME [--description D]",
    N_("Add a case (a respondent, a site, …)"),
    "description=", 1, 1, cmd_cases_add, GRD_CLI_PROJECT_OPEN },
  { "cases", "rename", "cases PROJECT rename CASE NEW",
    N_("Rename a case"),
    "", 2, 2, cmd_cases_rename, GRD_CLI_PROJECT_OPEN },
  { "cases", "delete", "cases PROJECT delete CASE",
    N_("Delete a case; its sources stay, without a case"),
    "", 1, 1, cmd_cases_delete, GRD_CLI_PROJECT_OPEN },
  { "cases", "import", "cases PROJECT import FILE.csv",
    N_("Import cases and attributes from CSV: the first column names the case, the others are "
       "attributes (types inferred; n/a is not applicable)"),
    "", 1, 1, cmd_cases_import, GRD_CLI_PROJECT_OPEN },
  { "attributes", NULL, "attributes PROJECT",
    N_("List attributes with their types and choices"),
    "", 0, 0, cmd_attributes_list, GRD_CLI_PROJECT_OPEN },
  { "attributes", "add", "attributes PROJECT add NAME --type text|number|date|choice "
    "[--choices \"a,b,c\"]",
    N_("Add an attribute"),
    "type= choices=", 1, 1, cmd_attributes_add, GRD_CLI_PROJECT_OPEN },
  { "attributes", "set", "attributes PROJECT set CASE ATTRIBUTE VALUE",
    N_("Set a case's value (n/a for not applicable)"),
    "", 3, 3, cmd_attributes_set, GRD_CLI_PROJECT_OPEN },
  { "attributes", "set-source", "attributes PROJECT set-source SOURCE ATTRIBUTE VALUE",
    N_("Set a source's own value, which wins over its case's"),
    "", 3, 3, cmd_attributes_set_source, GRD_CLI_PROJECT_OPEN },
  { "attributes", "unset", "attributes PROJECT unset CASE ATTRIBUTE",
    N_("Clear a case's value"),
    "", 2, 2, cmd_attributes_unset, GRD_CLI_PROJECT_OPEN },
  { "attributes", "delete", "attributes PROJECT delete ATTRIBUTE",
    N_("Delete an attribute with all its values"),
    "", 1, 1, cmd_attributes_delete, GRD_CLI_PROJECT_OPEN },
  { NULL, },
};
