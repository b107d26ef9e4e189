/* grd-cli-output.c: JSON for scripts, aligned tables for people
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

/* JSON */

typedef struct {
  gboolean is_object;
  gboolean empty;
} JsonLevel;

struct _GrdJson
{
  GString *out;
  GArray  *levels;      /* JsonLevel */
  gboolean after_name;  /* a member name was written, its value comes next */
};

GrdJson *
grd_json_new (void)
{
  GrdJson *json = g_new0 (GrdJson, 1);

  json->out = g_string_new (NULL);
  json->levels = g_array_new (FALSE, FALSE, sizeof (JsonLevel));
  return json;
}

void
grd_json_free (GrdJson *json)
{
  if (json == NULL)
    return;

  g_string_free (json->out, TRUE);
  g_array_unref (json->levels);
  g_free (json);
}

static void
json_newline (GrdJson *json,
              guint    depth)
{
  g_string_append_c (json->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (json->out, "  ");
}

/* Every value and member name goes through here, so commas and line
 * breaks are right by construction. */
static void
json_before_item (GrdJson *json)
{
  JsonLevel *level;

  if (json->after_name)
    {
      json->after_name = FALSE;
      return;
    }
  if (json->levels->len == 0)
    return;

  level = &g_array_index (json->levels, JsonLevel, json->levels->len - 1);
  if (!level->empty)
    g_string_append_c (json->out, ',');
  level->empty = FALSE;
  json_newline (json, json->levels->len);
}

static void
json_begin (GrdJson  *json,
            gboolean  is_object)
{
  JsonLevel level = { is_object, TRUE };

  json_before_item (json);
  g_string_append_c (json->out, is_object ? '{' : '[');
  g_array_append_val (json->levels, level);
}

static void
json_end (GrdJson  *json,
          gboolean  is_object)
{
  JsonLevel level;

  g_return_if_fail (json->levels->len > 0);

  level = g_array_index (json->levels, JsonLevel, json->levels->len - 1);
  g_return_if_fail (level.is_object == is_object);

  g_array_set_size (json->levels, json->levels->len - 1);
  if (!level.empty)
    json_newline (json, json->levels->len);
  g_string_append_c (json->out, is_object ? '}' : ']');
}

void
grd_json_begin_object (GrdJson *json)
{
  json_begin (json, TRUE);
}

void
grd_json_end_object (GrdJson *json)
{
  json_end (json, TRUE);
}

void
grd_json_begin_array (GrdJson *json)
{
  json_begin (json, FALSE);
}

void
grd_json_end_array (GrdJson *json)
{
  json_end (json, FALSE);
}

static void
json_append_escaped (GString    *out,
                     const char *value)
{
  g_autofree char *valid = NULL;

  /* Core hands out UTF-8 only, but a file name from the command line may
   * be anything; JSON must stay UTF-8 whatever happens. */
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) *p);
        }
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

char *
grd_json_escape (const char *value)
{
  GString *out = g_string_new (NULL);

  json_append_escaped (out, value != NULL ? value : "");
  return g_string_free (out, FALSE);
}

void
grd_json_member (GrdJson    *json,
                 const char *name)
{
  g_return_if_fail (json->levels->len > 0);
  g_return_if_fail (g_array_index (json->levels, JsonLevel, json->levels->len - 1).is_object);

  json_before_item (json);
  json_append_escaped (json->out, name);
  g_string_append (json->out, ": ");
  json->after_name = TRUE;
}

void
grd_json_string (GrdJson    *json,
                 const char *value)
{
  if (value == NULL)
    {
      grd_json_null (json);
      return;
    }

  json_before_item (json);
  json_append_escaped (json->out, value);
}

void
grd_json_int (GrdJson *json,
              gint64   value)
{
  json_before_item (json);
  g_string_append_printf (json->out, "%" G_GINT64_FORMAT, value);
}

void
grd_json_bool (GrdJson  *json,
               gboolean  value)
{
  json_before_item (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
grd_json_null (GrdJson *json)
{
  json_before_item (json);
  g_string_append (json->out, "null");
}

void
grd_json_member_string (GrdJson    *json,
                        const char *name,
                        const char *value)
{
  grd_json_member (json, name);
  grd_json_string (json, value);
}

void
grd_json_member_int (GrdJson    *json,
                     const char *name,
                     gint64      value)
{
  grd_json_member (json, name);
  grd_json_int (json, value);
}

void
grd_json_member_bool (GrdJson    *json,
                      const char *name,
                      gboolean    value)
{
  grd_json_member (json, name);
  grd_json_bool (json, value);
}

void
grd_json_member_id (GrdJson    *json,
                    const char *name,
                    gint64      id)
{
  grd_json_member (json, name);
  if (id > 0)
    grd_json_int (json, id);
  else
    grd_json_null (json);
}

void
grd_json_print (GrdJson *json)
{
  g_warn_if_fail (json->levels->len == 0);

  fwrite (json->out->str, 1, json->out->len, stdout);
  fputc ('\n', stdout);
  grd_json_free (json);
}

/* Text helpers */

/* Terminal columns a string takes: wide East Asian characters take two,
 * combining marks none, so the columns of a table line up. */
guint
grd_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c) || g_unichar_ismark (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

char *
grd_cli_one_line (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_space = FALSE;

  /* Line breaks and tabs in a quote would break the table it sits in. */
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          in_space = TRUE;
          continue;
        }
      if (in_space && out->len > 0)
        g_string_append_c (out, ' ');
      in_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
grd_cli_shorten (const char *text,
                 guint       max_chars)
{
  g_autofree char *line = grd_cli_one_line (text);
  glong n_chars = g_utf8_strlen (line, -1);

  if (max_chars < 2 || n_chars <= (glong) max_chars)
    return g_steal_pointer (&line);

  {
    const char *cut = g_utf8_offset_to_pointer (line, max_chars - 1);
    g_autofree char *head = g_strndup (line, cut - line);

    return g_strconcat (g_strchomp (head), "…", NULL);
  }
}

void
grd_cli_report (GrdCli     *cli,
                const char *action,
                gint64      id,
                const char *name,
                const char *message)
{
  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, "action", action);
      grd_json_member_id (json, "id", id);
      if (name != NULL)
        grd_json_member_string (json, "name", name);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf ("%s\n", message);
}

char *
grd_cli_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

char *
grd_cli_substring (const char *text,
                   gsize       len,
                   gint64      start,
                   gint64      end)
{
  gssize from = grd_utf8_byte_offset (text, len, start);
  gssize to = grd_utf8_byte_offset (text, len, end);

  if (from < 0 || to < from)
    return g_strdup ("");

  return g_strndup (text + from, to - from);
}

/* Tables */

struct _GrdTable
{
  GPtrArray *rows;   /* GPtrArray of char*, the first row the headers */
  guint      n_columns;
};

GrdTable *
grd_table_new (const char *first_header,
               ...)
{
  GrdTable *table = g_new0 (GrdTable, 1);
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  va_start (args, first_header);
  for (const char *header = first_header; header != NULL; header = va_arg (args, const char *))
    g_ptr_array_add (headers, g_strdup (header));
  va_end (args);

  table->n_columns = headers->len;
  g_ptr_array_add (table->rows, headers);
  return table;
}

GrdTable *
grd_table_new_from (GPtrArray *headers)
{
  GrdTable *table = g_new0 (GrdTable, 1);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < headers->len; i++)
    g_ptr_array_add (row, g_strdup (g_ptr_array_index (headers, i)));

  table->n_columns = row->len;
  g_ptr_array_add (table->rows, row);
  return table;
}

void
grd_table_free (GrdTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* Line breaks and tabs would break the table; leading spaces stay, as
 * they indent the code tree. */
static char *
sanitize_cell (const char *cell)
{
  char *copy = g_strdup (cell != NULL ? cell : "");

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return copy;
}

void
grd_table_add_rowv (GrdTable  *table,
                    GPtrArray *cells)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = i < cells->len ? g_ptr_array_index (cells, i) : NULL;

      g_ptr_array_add (row, sanitize_cell (cell));
    }
  g_ptr_array_add (table->rows, row);
}

void
grd_table_add_row (GrdTable   *table,
                   const char *first_cell,
                   ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;
  const char *cell = first_cell;

  /* A NULL cell in the middle would end the list early, so the count of
   * columns decides how many are read. */
  va_start (args, first_cell);
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (i > 0)
        cell = va_arg (args, const char *);
      g_ptr_array_add (cells, (gpointer) cell);
    }
  va_end (args);

  grd_table_add_rowv (table, cells);
}

static gboolean
looks_numeric (const char *cell)
{
  if (cell[0] == '\0' || g_str_equal (cell, "n/a"))
    return TRUE;

  for (const char *p = cell; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '/')
      return FALSE;

  return TRUE;
}

void
grd_table_print (GrdTable   *table,
                 const char *indent)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  g_autofree gboolean *right = g_new0 (gboolean, table->n_columns);

  /* Numbers read best right-aligned; a column is numeric when every body
   * cell is. */
  for (guint c = 0; c < table->n_columns; c++)
    {
      right[c] = table->rows->len > 1;
      for (guint r = 0; r < table->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (table->rows, r);
          const char *cell = g_ptr_array_index (row, c);

          widths[c] = MAX (widths[c], grd_cli_display_width (cell));
          if (r > 0 && !looks_numeric (cell))
            right[c] = FALSE;
        }
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (indent);

      for (guint c = 0; c < table->n_columns; c++)
        {
          const char *cell = g_ptr_array_index (row, c);
          guint pad = widths[c] - grd_cli_display_width (cell);
          gboolean last = c + 1 == table->n_columns;

          if (c > 0)
            g_string_append (line, "  ");
          if (right[c])
            for (guint i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
          g_string_append (line, cell);
          if (!right[c] && !last)
            for (guint i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
        }

      g_strchomp (line->str);
      printf ("%s\n", line->str);
    }
}
