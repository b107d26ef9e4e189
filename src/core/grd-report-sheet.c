/* grd-report-sheet.c: sheets written as CSV or XLSX
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XLSX through libxlsxwriter, which writes to a path of its own choosing:
 * it is handed the temporary file's path, opens it again (truncating the
 * same inode) and closes it before the temporary file is flushed and
 * renamed into place.
 */

#define G_LOG_DOMAIN "grd-report"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "grd-report-matrix.h"
#include "grd-report-private.h"
#include "grd-temp-file.h"

/* Excel's limits: a cell holds at most this many characters, a sheet's
 * name 31 of them and none of []:*?/\ */
#define MAX_CELL_CHARS   32767
#define MAX_TITLE_CHARS  31
/* Column widths in characters: wide enough for most cells, never so wide
 * that one long quote pushes the rest off screen. */
#define MIN_WIDTH        6
#define MAX_TEXT_WIDTH   60
#define MAX_NUMBER_WIDTH 24
#define QUOTE_WIDTH      80
#define ROWS_MEASURED    500

static void
sheet_clear (GrdSheet *sheet)
{
  g_free (sheet->title);
  g_ptr_array_unref (sheet->headings);
  g_array_unref (sheet->is_number);
  g_ptr_array_unref (sheet->rows);
  g_ptr_array_unref (sheet->code_names);
  g_array_unref (sheet->code_depths);
}

GrdSheet *
grd_sheet_ref (GrdSheet *sheet)
{
  return g_atomic_rc_box_acquire (sheet);
}

void
grd_sheet_unref (GrdSheet *sheet)
{
  if (sheet != NULL)
    g_atomic_rc_box_release_full (sheet, (GDestroyNotify) sheet_clear);
}

gboolean
grd_sheet_format_from_string (const char     *string,
                              GrdSheetFormat *format)
{
  if (string != NULL && g_ascii_strcasecmp (string, "csv") == 0)
    *format = GRD_SHEET_FORMAT_CSV;
  else if (string != NULL && g_ascii_strcasecmp (string, "xlsx") == 0)
    *format = GRD_SHEET_FORMAT_XLSX;
  else
    return FALSE;
  return TRUE;
}

char *
grd_sheet_to_csv (GrdSheet *sheet)
{
  GString *out = g_string_new (NULL);
  guint n = sheet->headings->len;

  for (guint c = 0; c < n; c++)
    _grd_report_append_csv_field (out, g_ptr_array_index (sheet->headings, c), c + 1 == n);
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      char **row = g_ptr_array_index (sheet->rows, r);

      for (guint c = 0; c < n; c++)
        _grd_report_append_csv_field (out, row[c], c + 1 == n);
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_csv (GrdSheet     *sheet,
           GrdTempFile  *file,
           GError      **error)
{
  g_autofree char *text = grd_sheet_to_csv (sheet);
  gsize len = strlen (text), done = 0;
  int fd = grd_temp_file_get_fd (file);

  while (done < len)
    {
      gssize n = write (fd, text + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write the sheet: %s"), g_strerror (saved));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/* A name Excel accepts: no []:*?/\, at most 31 characters, not blank. */
static char *
sheet_name (const char *title)
{
  const char *whole = title != NULL ? title : "";
  /* g_utf8_substring reads past a text shorter than its end */
  g_autofree char *cut = g_utf8_substring (whole, 0, MIN (g_utf8_strlen (whole, -1),
                                                         MAX_TITLE_CHARS));

  g_strdelimit (cut, "[]:*?/\\", '-');
  g_strstrip (cut);
  if (*cut == '\0' || *cut == '\'')
    return g_strdup (_("Sheet"));
  return g_steal_pointer (&cut);
}

static double
column_width (GrdSheet *sheet,
              guint     column)
{
  gboolean is_number = g_array_index (sheet->is_number, gboolean, column);
  glong widest;

  if ((gint) column == sheet->text_column)
    return QUOTE_WIDTH;
  widest = g_utf8_strlen (g_ptr_array_index (sheet->headings, column), -1);

  for (guint r = 0; r < sheet->rows->len && r < ROWS_MEASURED; r++)
    {
      char **row = g_ptr_array_index (sheet->rows, r);

      widest = MAX (widest, g_utf8_strlen (row[column], -1));
    }
  return CLAMP (widest + 2, MIN_WIDTH, is_number ? MAX_NUMBER_WIDTH : MAX_TEXT_WIDTH);
}

static lxw_error
write_text (lxw_worksheet *worksheet,
            guint          row,
            guint          column,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *cut = NULL;

  /* libxlsxwriter refuses longer cells; a quote that long is cut, not lost. */
  if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
  return worksheet_write_string (worksheet, row, (lxw_col_t) column, text, format);
}

static gboolean
write_xlsx (GrdSheet     *sheet,
            GrdTempFile  *file,
            const char   *path,
            GError      **error)
{
  /* constant_memory streams each row to its temporary file as written,
   * so 10,000 quotes do not sit in memory twice. */
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook = workbook_new_opt (grd_temp_file_get_path (file), &options);
  g_autofree char *name = sheet_name (sheet->title);
  lxw_worksheet *worksheet;
  lxw_format *bold, *wrapped;
  lxw_error status = LXW_NO_ERROR;
  guint n = sheet->headings->len;

  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not start the workbook %s"), path);
      return FALSE;
    }
  worksheet = workbook_add_worksheet (workbook, name);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  /* a quote wraps in its wide column, and its row grows to show it */
  wrapped = workbook_add_format (workbook);
  format_set_text_wrap (wrapped);
  format_set_align (wrapped, LXW_ALIGN_VERTICAL_TOP);

  for (guint c = 0; worksheet != NULL && c < n; c++)
    worksheet_set_column (worksheet, (lxw_col_t) c, (lxw_col_t) c, column_width (sheet, c),
                          (gint) c == sheet->text_column ? wrapped : NULL);
  if (worksheet != NULL)
    worksheet_freeze_panes (worksheet, 1, (lxw_col_t) sheet->n_frozen);

  for (guint c = 0; worksheet != NULL && status == LXW_NO_ERROR && c < n; c++)
    status = write_text (worksheet, 0, c, g_ptr_array_index (sheet->headings, c), bold);
  for (guint r = 0; worksheet != NULL && status == LXW_NO_ERROR && r < sheet->rows->len; r++)
    {
      char **row = g_ptr_array_index (sheet->rows, r);

      for (guint c = 0; status == LXW_NO_ERROR && c < n; c++)
        {
          if (*row[c] == '\0')
            continue;
          if (g_array_index (sheet->is_number, gboolean, c))
            status = worksheet_write_number (worksheet, r + 1, (lxw_col_t) c,
                                             g_ascii_strtod (row[c], NULL), NULL);
          else
            status = write_text (worksheet, r + 1, c, row[c],
                                 (gint) c == sheet->text_column ? wrapped : NULL);
        }
    }

  /* closing writes the file and frees the workbook, whatever went before */
  if (worksheet == NULL)
    {
      workbook_close (workbook);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not add the sheet “%s” to %s"), name, path);
      return FALSE;
    }
  if (status == LXW_NO_ERROR)
    status = workbook_close (workbook);
  else
    workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
grd_sheet_write (GrdSheet        *sheet,
                 GrdSheetFormat   format,
                 const char      *path,
                 GError         **error)
{
  g_autoptr(GrdTempFile) file = NULL;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = grd_temp_file_new (path, G_IO_ERROR, G_IO_ERROR_FAILED, error);
  if (file == NULL)
    return FALSE;
  if (format == GRD_SHEET_FORMAT_XLSX ? !write_xlsx (sheet, file, path, error)
                                      : !write_csv (sheet, file, error))
    return FALSE;
  return grd_temp_file_commit (file, error);
}
