/* grd-cli-report.c: report PROJECT theme-table|codebook|transcript, the figures and the
 * matrices
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

/* Writes a report to --output in format, or prints text formats. */
static int
finish_report (GrdCli          *cli,
               GrdTableFormat   format,
               const char      *what,
               gboolean       (*write) (gpointer report, GrdTableFormat format,
                                        const char *path, GError **error),
               char          *(*to_text) (gpointer report, GrdTableFormat format),
               gpointer         report)
{
  const char *output = grd_cli_get_option (cli, "output");
  g_autoptr(GError) error = NULL;

  if (output != NULL)
    {
      if (!write (report, format, output, &error))
        return grd_cli_fail (cli, error);
      if (!cli->json)
        /* Translators: the first %s is the report, e.g. “the code book” */
        printf (_("Wrote %s to %s\n"), what, output);
    }
  else if (format == GRD_TABLE_FORMAT_ODT || format == GRD_TABLE_FORMAT_DOCX)
    return grd_cli_usage_error (cli, _("ODT and DOCX need --output FILE"));
  else
    {
      g_autofree char *text = to_text (report, format);

      fputs (text, stdout);
    }
  return GRD_CLI_EXIT_OK;
}

typedef struct {
  GrdThemeTable *table;
  const char    *middle_heading;
} ThemeTableReport;

static gboolean
write_theme_table (gpointer         report,
                   GrdTableFormat   format,
                   const char      *path,
                   GError         **error)
{
  ThemeTableReport *theme = report;

  return grd_theme_table_write (theme->table, format, theme->middle_heading, path, error);
}

static char *
theme_table_text (gpointer       report,
                  GrdTableFormat format)
{
  ThemeTableReport *theme = report;

  return grd_theme_table_to_string (theme->table, format, theme->middle_heading);
}

static int
cmd_theme_table (GrdCli *cli)
{
  const char *format_name = grd_cli_get_option (cli, "format");
  const char *label = grd_cli_get_option (cli, "label");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdThemeTable) table = NULL;
  g_autofree char *what = NULL;
  GrdTableFormat format = GRD_TABLE_FORMAT_MARKDOWN;
  gint64 label_id = 0;
  ThemeTableReport report;

  if (format_name != NULL && !grd_table_format_from_string (format_name, &format))
    return grd_cli_usage_error (cli, _("“%s” is not a table format: md, csv, html, latex, odt "
                                       "or docx"), format_name);

  if (label != NULL)
    {
      g_autoptr(GrdAttribute) attribute = grd_project_find_attribute (cli->project, label, &error);

      if (attribute == NULL)
        return grd_cli_fail (cli, error);
      label_id = attribute->id;
    }

  table = grd_report_theme_table (cli->project, label_id, NULL, &error);
  if (table == NULL)
    return grd_cli_fail (cli, error);

  report.table = table;
  report.middle_heading = grd_cli_get_option (cli, "middle-heading");
  what = g_strdup_printf (_("the theme table (%u sub-themes)"), table->rows->len);
  return finish_report (cli, format, what, write_theme_table, theme_table_text, &report);
}

static gboolean
write_codebook (gpointer         report,
                GrdTableFormat   format,
                const char      *path,
                GError         **error)
{
  return grd_codebook_write (report, format, path, error);
}

static char *
codebook_text (gpointer       report,
               GrdTableFormat format)
{
  return grd_codebook_to_string (report, format);
}

static int
cmd_codebook (GrdCli *cli)
{
  const char *format_name = grd_cli_get_option (cli, "format");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCodebook) codebook = NULL;
  g_autofree char *what = NULL;
  GrdTableFormat format = GRD_TABLE_FORMAT_MARKDOWN;

  if (format_name != NULL &&
      (!grd_table_format_from_string (format_name, &format) ||
       format == GRD_TABLE_FORMAT_CSV || format == GRD_TABLE_FORMAT_LATEX))
    return grd_cli_usage_error (cli, _("“%s” is not a code book format: md, html, odt or docx"),
                                format_name);

  codebook = grd_report_codebook (cli->project, NULL, &error);
  if (codebook == NULL)
    return grd_cli_fail (cli, error);

  what = g_strdup_printf (_("the code book (%u codes)"), codebook->entries->len);
  return finish_report (cli, format, what, write_codebook, codebook_text, codebook);
}

static gboolean
write_transcript (gpointer         report,
                  GrdTableFormat   format,
                  const char      *path,
                  GError         **error)
{
  return grd_coded_transcript_write (report, format, path, error);
}

static char *
transcript_text (gpointer       report,
                 GrdTableFormat format)
{
  return grd_coded_transcript_to_html (report);
}

static int
cmd_transcript (GrdCli *cli)
{
  const char *format_name = grd_cli_get_option (cli, "format");
  const char *source_name = grd_cli_get_option (cli, "source");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdCodedTranscript) transcript = NULL;
  g_autofree char *what = NULL;
  GrdTableFormat format = GRD_TABLE_FORMAT_HTML;

  if (source_name == NULL)
    return grd_cli_usage_error (cli, _("give the transcript with --source NAME"));
  if (format_name != NULL &&
      (!grd_table_format_from_string (format_name, &format) ||
       (format != GRD_TABLE_FORMAT_HTML && format != GRD_TABLE_FORMAT_ODT &&
        format != GRD_TABLE_FORMAT_DOCX)))
    return grd_cli_usage_error (cli, _("“%s” is not a coded transcript format: html, odt or "
                                       "docx"), format_name);

  if ((source = grd_project_find_source (cli->project, source_name, &error)) == NULL ||
      (transcript = grd_report_coded_transcript (cli->project, source->id, NULL,
                                                 &error)) == NULL)
    return grd_cli_fail (cli, error);

  /* Translators: “the coded transcript of Interview 1 (35 codings)” */
  what = g_strdup_printf (ngettext ("the coded transcript of %s (%u coding)",
                                    "the coded transcript of %s (%u codings)",
                                    transcript->codings->len),
                          source->name, transcript->codings->len);
  return finish_report (cli, format, what, write_transcript, transcript_text, transcript);
}

/* data-structure, frequencies and heatmap: the verb names the figure. */
static int
cmd_figure (GrdCli *cli)
{
  const char *format_name = grd_cli_get_option (cli, "format");
  const char *output = grd_cli_get_option (cli, "output");
  const char *extension = output != NULL ? strrchr (output, '.') : NULL;
  const char *root_ref = grd_cli_get_option (cli, "code");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdFigure) figure = NULL;
  g_autoptr(GrdCode) root = NULL;
  GrdImageFormat format = GRD_IMAGE_FORMAT_SVG;
  GrdFigureKind kind;
  gint64 dpi;
  double width, height;

  if (output == NULL)
    return grd_cli_usage_error (cli, _("give the file to write with --output FILE"));
  if (format_name != NULL && !grd_image_format_from_string (format_name, &format))
    return grd_cli_usage_error (cli, _("“%s” is not an image format: svg, png or pdf"),
                                format_name);
  /* without --format, the format the file's name says; SVG if it says none */
  if (format_name == NULL && extension != NULL)
    grd_image_format_from_string (extension + 1, &format);
  if (!grd_cli_get_int_option (cli, "dpi", 36, 300, &dpi))
    return GRD_CLI_EXIT_USAGE;
  if (!grd_figure_kind_from_string (cli->verb->verb, &kind))
    g_return_val_if_reached (GRD_CLI_EXIT_USAGE);

  if (root_ref != NULL && (root = grd_project_find_code (cli->project, root_ref, &error)) == NULL)
    return grd_cli_fail (cli, error);

  figure = grd_report_figure (cli->project, kind, root != NULL ? root->id : 0, NULL, &error);
  if (figure == NULL || !grd_figure_write (figure, output, format, dpi / 72.0, &error))
    return grd_cli_fail (cli, error);

  grd_figure_get_size (figure, &width, &height);
  if (!cli->json)
    printf (_("Wrote the figure (%.1f × %.1f cm) to %s\n"), width / 72 * 2.54, height / 72 * 2.54,
            output);
  return GRD_CLI_EXIT_OK;
}

/* The sheet as JSON: {"kind", "headings", "rows"}, numbers as numbers. */
static void
print_sheet_json (GrdSheet      *sheet,
                  GrdMatrixKind  kind)
{
  g_autoptr(GrdJson) json = grd_json_new ();

  grd_json_begin_object (json);
  grd_json_member_string (json, "kind", grd_matrix_kind_to_string (kind));
  grd_json_member (json, "headings");
  grd_json_begin_array (json);
  for (guint c = 0; c < sheet->headings->len; c++)
    grd_json_string (json, g_ptr_array_index (sheet->headings, c));
  grd_json_end_array (json);
  grd_json_member (json, "rows");
  grd_json_begin_array (json);
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      char **row = g_ptr_array_index (sheet->rows, r);

      grd_json_begin_array (json);
      for (guint c = 0; c < sheet->headings->len; c++)
        if (!g_array_index (sheet->is_number, gboolean, c))
          grd_json_string (json, row[c]);
        else if (*row[c] == '\0')
          grd_json_null (json);
        else
          grd_json_int (json, g_ascii_strtoll (row[c], NULL, 10));
      grd_json_end_array (json);
    }
  grd_json_end_array (json);
  grd_json_end_object (json);
  grd_json_print (g_steal_pointer (&json));
}

/* codes-by-cases, codes-by-attribute, cooccurrence and quotes: one sheet
 * each, to CSV or XLSX. */
static int
cmd_matrix (GrdCli *cli)
{
  const char *format_name = grd_cli_get_option (cli, "format");
  const char *output = grd_cli_get_option (cli, "output");
  const char *attribute_name = grd_cli_get_option (cli, "attribute");
  const char *code_name = grd_cli_get_option (cli, "code");
  GrdMatrixFlags flags = GRD_MATRIX_FLAGS_NONE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSheet) sheet = NULL;
  GrdSheetFormat format = GRD_SHEET_FORMAT_CSV;
  GrdMatrixKind kind;
  gint64 id = 0;

  if (!grd_matrix_kind_from_string (cli->verb->verb, &kind))
    g_return_val_if_reached (GRD_CLI_EXIT_FAILED);
  if (format_name != NULL && !grd_sheet_format_from_string (format_name, &format))
    return grd_cli_usage_error (cli, _("“%s” is not a sheet format: csv or xlsx"), format_name);
  if (format == GRD_SHEET_FORMAT_XLSX && output == NULL)
    return grd_cli_usage_error (cli, _("--format xlsx needs --output FILE"));
  if ((kind == GRD_MATRIX_CODES_BY_ATTRIBUTE) != (attribute_name != NULL))
    return grd_cli_usage_error (cli, _("--attribute NAME goes with codes-by-attribute, "
                                       "and only with it"));
  if ((kind == GRD_MATRIX_QUOTES) != (code_name != NULL))
    return grd_cli_usage_error (cli, _("--code PATH goes with quotes, and only with it"));
  if (grd_cli_has_option (cli, "presence"))
    flags |= GRD_MATRIX_PRESENCE;
  if (grd_cli_has_option (cli, "with-sub-codes"))
    flags |= GRD_MATRIX_WITH_SUB_CODES;
  if (flags != GRD_MATRIX_FLAGS_NONE && kind != GRD_MATRIX_CODES_BY_CASES && kind != GRD_MATRIX_CODES_BY_ATTRIBUTE)
    return grd_cli_usage_error (cli, _("--presence and --with-sub-codes go with codes-by-cases "
                                       "and codes-by-attribute"));

  if (attribute_name != NULL)
    {
      g_autoptr(GrdAttribute) attribute = grd_project_find_attribute (cli->project, attribute_name,
                                                                      &error);

      if (attribute == NULL)
        return grd_cli_fail (cli, error);
      id = attribute->id;
    }
  if (code_name != NULL)
    {
      g_autoptr(GrdCode) code = grd_project_find_code (cli->project, code_name, &error);

      if (code == NULL)
        return grd_cli_fail (cli, error);
      id = code->id;
    }

  sheet = grd_report_matrix (cli->project, kind, id, flags, NULL, &error);
  if (sheet == NULL)
    return grd_cli_fail (cli, error);

  if (output == NULL)
    {
      g_autofree char *text = NULL;

      if (cli->json)
        {
          print_sheet_json (sheet, kind);
          return GRD_CLI_EXIT_OK;
        }
      text = grd_sheet_to_csv (sheet);
      fputs (text, stdout);
      return GRD_CLI_EXIT_OK;
    }

  if (!grd_sheet_write (sheet, format, output, &error))
    return grd_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, "kind", grd_matrix_kind_to_string (kind));
      grd_json_member_string (json, "output", output);
      grd_json_member_int (json, "rows", sheet->rows->len);
      grd_json_member_int (json, "columns", sheet->headings->len);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (_("Wrote %s (%u rows, %u columns) to %s\n"), grd_matrix_kind_to_string (kind),
            sheet->rows->len, sheet->headings->len, output);
  return GRD_CLI_EXIT_OK;
}

static int cmd_list_reports (GrdCli *cli);

#define FIGURE_OPTIONS "[--format svg|png|pdf] --output FILE [--dpi N] [--code CODE]"

const GrdCliVerb grd_cli_report_verbs[] = {
  { "report", NULL, "report PROJECT",
    N_("List the reports there are"),
    "", 0, 0, cmd_list_reports, GRD_CLI_PROJECT_OPEN },
  { "report", "theme-table",
    "report PROJECT theme-table [--format md|csv|html|latex|odt|docx] [-o FILE] "
    "[--label ATTRIBUTE] [--middle-heading TEXT]",
    N_("The theme table of a results section: each sub-theme under its dimension (and "
       "theme), with its representative quotes labelled by case or by an attribute"),
    "format= output= label= middle-heading=", 0, 0, cmd_theme_table, GRD_CLI_PROJECT_OPEN },
  { "report", "codebook", "report PROJECT codebook [--format md|html|odt|docx] [-o FILE]",
    N_("The code book: every code with its path, kind, definition, colour, codings per "
       "case and an example quote"),
    "format= output=", 0, 0, cmd_codebook, GRD_CLI_PROJECT_OPEN },
  { "report", "transcript",
    "report PROJECT transcript --source NAME [--format html|odt|docx] [-o FILE]",
    N_("A coded transcript: the transcript's text with each coding highlighted in its "
       "code's colour, numbered where it starts and ends, and its code named in the margin"),
    "format= output= source=", 0, 0, cmd_transcript, GRD_CLI_PROJECT_OPEN },
  { "report", "data-structure", "report PROJECT data-structure " FIGURE_OPTIONS,
    N_("The data structure figure (Gioia et al. 2013): first-order concepts, second-order "
       "themes and aggregate dimensions, 16 cm wide; PNG at --dpi (300); --code draws one "
       "code (a dimension) and its sub-codes only"),
    "format= output= dpi= code=", 0, 0, cmd_figure, GRD_CLI_PROJECT_OPEN },
  { "report", "frequencies", "report PROJECT frequencies " FIGURE_OPTIONS,
    N_("A bar chart of each code's codings (with its sub-codes'), stacked by case"),
    "format= output= dpi= code=", 0, 0, cmd_figure, GRD_CLI_PROJECT_OPEN },
  { "report", "heatmap", "report PROJECT heatmap " FIGURE_OPTIONS,
    N_("A heat map of codes × cases, each cell's count printed in it"),
    "format= output= dpi= code=", 0, 0, cmd_figure, GRD_CLI_PROJECT_OPEN },
  { "report", "codes-by-cases",
    "report PROJECT codes-by-cases [--format csv|xlsx] [--output FILE] [--presence] "
    "[--with-sub-codes]",
    N_("Codes by cases: how often each code was applied in each case's transcripts "
       "(or 1/0 with --presence; a code's sub-codes counted in with --with-sub-codes)"),
    "format= output= presence with-sub-codes", 0, 0, cmd_matrix, GRD_CLI_PROJECT_OPEN },
  { "report", "codes-by-attribute",
    "report PROJECT codes-by-attribute --attribute NAME [--format csv|xlsx] [--output FILE] "
    "[--presence] [--with-sub-codes]",
    N_("Codes by the values of a case attribute: how often each code was applied where "
       "the attribute has each value"),
    "format= output= attribute= presence with-sub-codes", 0, 0, cmd_matrix,
    GRD_CLI_PROJECT_OPEN },
  { "report", "cooccurrence",
    "report PROJECT cooccurrence [--format csv|xlsx] [--output FILE]",
    N_("Codes by codes: how many pairs of their codings overlap"),
    "format= output=", 0, 0, cmd_matrix, GRD_CLI_PROJECT_OPEN },
  { "report", "quotes",
    "report PROJECT quotes --code PATH [--format csv|xlsx] [--output FILE]",
    N_("Every quote of a code and its sub-codes, with transcript, case, the case's "
       "attributes and offsets in characters"),
    "format= output= code=", 0, 0, cmd_matrix, GRD_CLI_PROJECT_OPEN },
  { NULL },
};

static int
cmd_list_reports (GrdCli *cli)
{
  for (const GrdCliVerb *verb = grd_cli_report_verbs; verb->command != NULL; verb++)
    if (verb->verb != NULL)
      printf ("%s\n    %s\n", verb->usage, _(verb->summary));
  return GRD_CLI_EXIT_OK;
}
