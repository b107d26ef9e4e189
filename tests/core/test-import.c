/* test-import.c: decoding, importing and speaker turns
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "grd-import.h"
#include "grd-utf8.h"

#if defined(__SANITIZE_ADDRESS__)
# define GRD_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature (address_sanitizer)
#  define GRD_TEST_ASAN 1
# endif
#endif

#ifdef GRD_TEST_ASAN
/* G_TEST_OPTION_ISOLATE_DIRS has GLib replace its user directories before
 * each test and deliberately leak the old strings, which may still be in
 * use; g_ignore_leak() hides that only when GLib itself is built with ASan.
 * Suppress exactly those; matching the function needs full stacks. */
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:g_set_user_dirs\n";
}
#endif

/* Byte strings may hold NULs (UTF-16), so their length travels with them. */
#define BYTES(s) s, sizeof (s) - 1

/* "Résumé 𝒜 done\r\n!" — 𝒜 is U+1D49C, a surrogate pair in UTF-16. */
#define RESUME_UTF16LE \
  "\xFF\xFE" "R\0" "\xE9\0" "s\0u\0m\0" "\xE9\0" " \0" "\x35\xD8\x9C\xDC" \
  " \0d\0o\0n\0e\0" "\r\0\n\0" "!\0"
#define RESUME_UTF16BE \
  "\xFE\xFF" "\0R" "\0\xE9" "\0s\0u\0m" "\0\xE9" "\0 " "\xD8\x35\xDC\x9C" \
  "\0 \0d\0o\0n\0e" "\0\r\0\n" "\0!"
#define RESUME_UTF32LE \
  "\xFF\xFE\0\0" "R\0\0\0" "\xE9\0\0\0" " \0\0\0" "\x9C\xD4\x01\0"
#define RESUME_UTF32BE \
  "\0\0\xFE\xFF" "\0\0\0R" "\0\0\0\xE9" "\0\0\0 " "\0\x01\xD4\x9C"

/* --- decoding ----------------------------------------------------------- */

typedef struct {
  const char *path;
  const char *input;
  gsize       input_len;
  const char *input_charset;  /* NULL: input is the file's bytes as written;
                               * else input is UTF-8, converted to this first */
  const char *text;
  const char *encoding;
} DecodeCase;

#define JAPANESE_SAMPLE \
  "インタビュアー：今日はお時間をいただきありがとうございます。" \
  "まず、お仕事について教えてください。\n" \
  "回答者：はい。私は東京の銀行で法人営業を担当しています。" \
  "お客様との信頼関係がいちばん大切だと思っています。\n" \
  "インタビュアー：①と②の違いは何ですか。\n" \
  "回答者：㈱の取引先では、毎日が勉強で、とても楽しいです。\n"

/* The legacy samples are a few sentences long: uchardet guesses from
 * letter statistics, and a short phrase does not give it enough. */
#define SPANISH_SAMPLE \
  "Entrevistador: ¿Cómo está usted? ¿Qué opina de la educación?\n" \
  "Entrevistado: Está bien. La educación en España es muy importante para mí, " \
  "señor. Mañana hablaré con mi hermano sobre el niño.\n"
#define RUSSIAN_SAMPLE \
  "Интервьюер: Расскажите, пожалуйста, о вашей работе в школе.\n" \
  "Респондент: Я работаю учителем уже двадцать лет. Это очень интересная " \
  "и важная работа для меня и для детей.\n"

static const DecodeCase decode_cases[] = {
  { "/grounded/import/decode/utf8-plain",
    BYTES ("Résumé 𝒜 done\n"), NULL,
    "Résumé 𝒜 done\n", "UTF-8" },
  { "/grounded/import/decode/ascii",
    BYTES ("plain ASCII is UTF-8"), NULL,
    "plain ASCII is UTF-8", "UTF-8" },
  { "/grounded/import/decode/utf8-bom",
    BYTES ("\xEF\xBB\xBF" "Résumé 𝒜"), NULL,
    "Résumé 𝒜", "UTF-8" },
  { "/grounded/import/decode/utf16le-bom",
    BYTES (RESUME_UTF16LE), NULL,
    "Résumé 𝒜 done\n!", "UTF-16LE" },
  { "/grounded/import/decode/utf16be-bom",
    BYTES (RESUME_UTF16BE), NULL,
    "Résumé 𝒜 done\n!", "UTF-16BE" },
  { "/grounded/import/decode/utf32le-bom",
    BYTES (RESUME_UTF32LE), NULL,
    "Ré 𝒜", "UTF-32LE" },
  { "/grounded/import/decode/utf32be-bom",
    BYTES (RESUME_UTF32BE), NULL,
    "Ré 𝒜", "UTF-32BE" },
  { "/grounded/import/decode/crlf",
    BYTES ("a\r\nb\r\n\r\nc\r\n"), NULL,
    "a\nb\n\nc\n", "UTF-8" },
  { "/grounded/import/decode/cr",
    BYTES ("a\rb\r\rc\r"), NULL,
    "a\nb\n\nc\n", "UTF-8" },
  { "/grounded/import/decode/crlf-mixed",
    BYTES ("a\r\n\rb\n\r\nc"), NULL,
    "a\n\nb\n\nc", "UTF-8" },
  { "/grounded/import/decode/windows-1252",
    BYTES ("Interviewer: Was the caf\xE9 open \x96 or closed?\r\n"
           "Respondent: The caf\xE9 \x96 na\xEFve as it sounds \x96 was open. "
           "We met there \x93" "every\x94 day; the cr\xE8me br\xFBl\xE9" "e "
           "was tr\xE8s bon.\r\n"), NULL,
    "Interviewer: Was the café open – or closed?\n"
    "Respondent: The café – naïve as it sounds – was open. "
    "We met there “every” day; the crème brûlée was très bon.\n",
    "WINDOWS-1252" },
  /* Read as the Windows code page that extends it, which is what such
   * files really are. */
  { "/grounded/import/decode/iso-8859-1",
    BYTES (SPANISH_SAMPLE), "ISO-8859-1",
    SPANISH_SAMPLE, "WINDOWS-1252" },
  /* uchardet says SHIFT_JIS; the circled digits and ㈱ are Windows (CP932)
   * extensions that iconv's SHIFT_JIS refuses. */
  { "/grounded/import/decode/cp932",
    BYTES (JAPANESE_SAMPLE), "CP932",
    JAPANESE_SAMPLE, "CP932" },
  { "/grounded/import/decode/koi8-r",
    BYTES (RUSSIAN_SAMPLE), "KOI8-R",
    RUSSIAN_SAMPLE, "KOI8-R" },
  { "/grounded/import/decode/windows-1251",
    BYTES (RUSSIAN_SAMPLE), "WINDOWS-1251",
    RUSSIAN_SAMPLE, "WINDOWS-1251" },
};

static void
test_decode (gconstpointer data)
{
  const DecodeCase *tc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;

  if (tc->input_charset != NULL)
    {
      gsize len = 0;
      char *converted = g_convert (tc->input, tc->input_len, tc->input_charset, "UTF-8",
                                   NULL, &len, &error);

      g_assert_no_error (error);
      /* The sample must really be in the legacy encoding, not ASCII. */
      g_assert_false (g_utf8_validate_len (converted, len, NULL));
      bytes = g_bytes_new_take (converted, len);
    }
  else
    {
      bytes = g_bytes_new_static (tc->input, tc->input_len);
    }

  text = grd_import_decode_text (bytes, "sample.txt", &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, tc->text);
  g_assert_cmpstr (encoding, ==, tc->encoding);
}

/* An offset far into the file, past multi-byte characters, so that a
 * character count or a line-relative offset would give another number. */
static void
test_decode_invalid_utf8_far (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gsize offset;

  for (guint i = 0; i < 1000; i++)
    g_string_append (input, "Résumé\n");   /* 9 bytes, 7 characters */
  offset = input->len;
  g_string_append (input, "caf\xE9 and more caf\xC3\xA9");

  bytes = g_bytes_new (input->str, input->len);
  text = grd_import_decode_text (bytes, "interview.txt", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING);

  g_assert_cmpuint (offset, ==, 9000);
  expected = g_strdup_printf ("interview.txt: invalid UTF-8 at byte %" G_GSIZE_FORMAT,
                              offset + 3);
  g_assert_cmpstr (error->message, ==, expected);
}

/* --- import errors ------------------------------------------------------ */

typedef struct {
  const char    *path;
  const char    *file_name;
  const char    *input;
  gsize          input_len;
  GrdImportError code;
  const char    *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "/grounded/import/error/invalid-utf8",
    "interview.txt", BYTES ("Caf\xC3\xA9 ok \xC3( more caf\xC3\xA9 and na\xC3\xAFve"),
    GRD_IMPORT_ERROR_ENCODING, "interview.txt: invalid UTF-8 at byte 9" },
  { "/grounded/import/error/invalid-utf8-truncated",
    "interview.txt", BYTES ("Résumé café\xE2\x80"),
    GRD_IMPORT_ERROR_ENCODING, "interview.txt: invalid UTF-8 at byte 14" },
  { "/grounded/import/error/invalid-utf8-after-bom",
    "interview.txt", BYTES ("\xEF\xBB\xBF" "abc\xFF"),
    GRD_IMPORT_ERROR_ENCODING, "interview.txt: invalid UTF-8 at byte 6" },
  { "/grounded/import/error/nul",
    "notes.txt", BYTES ("abc\0def"),
    GRD_IMPORT_ERROR_ENCODING,
    "notes.txt: NUL character at byte 3; this does not look like a text file" },
  { "/grounded/import/error/utf16-nul",
    "notes.txt", BYTES ("\xFF\xFE" "A\0\0\0B\0"),
    GRD_IMPORT_ERROR_ENCODING,
    "notes.txt: NUL character at byte 4; this does not look like a text file" },
  { "/grounded/import/error/utf16le-odd",
    "x.txt", BYTES ("\xFF\xFE" "A\0B"),
    GRD_IMPORT_ERROR_ENCODING, "x.txt: invalid UTF-16LE at byte 4" },
  { "/grounded/import/error/utf16le-lone-high-surrogate",
    "x.txt", BYTES ("\xFF\xFE" "A\0\x3D\xD8" "B\0"),
    GRD_IMPORT_ERROR_ENCODING, "x.txt: invalid UTF-16LE at byte 4" },
  { "/grounded/import/error/utf16le-high-surrogate-at-end",
    "x.txt", BYTES ("\xFF\xFE" "A\0B\0\x3D\xD8"),
    GRD_IMPORT_ERROR_ENCODING, "x.txt: invalid UTF-16LE at byte 6" },
  { "/grounded/import/error/utf16be-lone-low-surrogate",
    "x.txt", BYTES ("\xFE\xFF" "\0A\xDC\x00" "\0B"),
    GRD_IMPORT_ERROR_ENCODING, "x.txt: invalid UTF-16BE at byte 4" },
  { "/grounded/import/error/utf32le-out-of-range",
    "x.txt", BYTES ("\xFF\xFE\0\0" "A\0\0\0" "\0\0\x11\0"),
    GRD_IMPORT_ERROR_ENCODING, "x.txt: invalid UTF-32LE at byte 8" },
  { "/grounded/import/error/empty",
    "empty.txt", BYTES (""),
    GRD_IMPORT_ERROR_EMPTY, "empty.txt: the file contains no text" },
  { "/grounded/import/error/whitespace",
    "blank.md", BYTES (" \r\n\t \xC2\xA0\n\n"),
    GRD_IMPORT_ERROR_EMPTY, "blank.md: the file contains no text" },
  { "/grounded/import/error/bom-only",
    "blank.txt", BYTES ("\xEF\xBB\xBF"),
    GRD_IMPORT_ERROR_EMPTY, "blank.txt: the file contains no text" },
  { "/grounded/import/error/unsupported",
    "/home/ana/photo.JPG", BYTES ("\xFF\xD8\xFF\xE0"),
    GRD_IMPORT_ERROR_UNSUPPORTED, "photo.JPG: cannot import “.JPG” files"
    " (Grounded imports .txt, .text, .md, .markdown, .html, .htm, .xhtml, .rtf, .pdf, .docx, .odt)" },
  { "/grounded/import/error/no-extension",
    "README", BYTES ("Interviewer: hello"),
    GRD_IMPORT_ERROR_UNSUPPORTED,
    "README: the file name has no extension, so its format is unknown"
    " (Grounded imports .txt, .text, .md, .markdown, .html, .htm, .xhtml, .rtf, .pdf, .docx, .odt)" },
  { "/grounded/import/error/hidden-file",
    ".txt", BYTES ("Interviewer: hello"),
    GRD_IMPORT_ERROR_UNSUPPORTED,
    ".txt: the file name has no extension, so its format is unknown"
    " (Grounded imports .txt, .text, .md, .markdown, .html, .htm, .xhtml, .rtf, .pdf, .docx, .odt)" },
};

static void
test_import_error (gconstpointer data)
{
  const ErrorCase *tc = data;
  g_autoptr(GBytes) bytes = g_bytes_new_static (tc->input, tc->input_len);
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = grd_import_bytes (bytes, tc->file_name, &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, (gint) tc->code);
  g_assert_cmpstr (error->message, ==, tc->message);
}

/* --- importing bytes ---------------------------------------------------- */

static void
test_registry (void)
{
  static const struct {
    const char *file_name;
    const char *format;   /* NULL: no importer */
  } cases[] = {
    { "a.txt", "txt" },
    { "a.TXT", "txt" },
    { "dir/notes.text", "txt" },
    { "b.md", "md" },
    { "b.Markdown", "md" },
    { "page.HTM", "html" },
    { "notes.rtf", "rtf" },
    { "Report.PDF", "pdf" },
    { "wawancara.docx", "docx" },
    { "wawancara.odt", "odt" },
    { "old.doc", NULL },
    { "archive.txt.gz", NULL },
    { "txt", NULL },
    { ".md", NULL },
    { "trailing.", NULL },
    { "a.txt/inside", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const GrdImporter *importer = grd_importer_for_file_name (cases[i].file_name);

      g_test_message ("%s", cases[i].file_name);
      if (cases[i].format == NULL)
        {
          g_assert_null (importer);
        }
      else
        {
          g_assert_nonnull (importer);
          g_assert_cmpstr (importer->format, ==, cases[i].format);
          g_assert_nonnull (importer->read);
        }
    }
}

static void
test_import_bytes_utf16 (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (BYTES (RESUME_UTF16LE));
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = grd_import_bytes (bytes, "/home/ana/Interview 01.TXT", &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpstr (imported->text, ==, "Résumé 𝒜 done\n!");
  g_assert_cmpuint (imported->text_len, ==, strlen ("Résumé 𝒜 done\n!"));
  g_assert_cmpint (imported->n_chars, ==, 15);
  g_assert_cmpstr (imported->format, ==, "txt");
  g_assert_cmpstr (imported->original_name, ==, "Interview 01.TXT");
  g_assert_cmpstr (imported->title, ==, "Interview 01");
  g_assert_cmpstr (imported->encoding, ==, "UTF-16LE");
  g_assert_nonnull (imported->turns);
  g_assert_cmpuint (imported->turns->len, ==, 0);
}

/* --- speaker turns ------------------------------------------------------ */

typedef struct {
  gint64      start;
  gint64      end;
  const char *speaker;
  gboolean    is_interviewer;
} ExpectedTurn;

typedef struct {
  const char   *path;
  const char   *text;
  guint         n_turns;
  ExpectedTurn  turns[10];
} TurnCase;

/* Offsets are code points; the emoji and 𝒜 before and inside the turns
 * make them differ from byte offsets. */
static const TurnCase turn_cases[] = {
  { "/grounded/import/turns/indonesian-non-bmp",
    "Transkrip 🎧 wawancara 𝒜\n"
    "\n"
    "Pewawancara: Apa kabar? 😀\n"
    "Responden 1: Baik, terima kasih. Café 𝒜.\n"
    "\n"
    "[00:01:02] Pewawancara: Lalu?\n"
    "Responden 1: Selesai.\n",
    4,
    { { 25, 50, "Pewawancara", TRUE },
      { 51, 91, "Responden 1", FALSE },
      { 93, 122, "Pewawancara", TRUE },
      { 123, 144, "Responden 1", FALSE } } },
  { "/grounded/import/turns/one-off-note",
    "  INTERVIEWER: Where did you grow up?\n"
    "Siti Nurhaliza: In Kuala Lumpur 🏙️.\n"
    "Note: 12:30 meeting moved\n"
    "She said so.\n"
    "Interviewer: And then?\n"
    "Siti Nurhaliza:\n"
    "We moved.\n\n\n",
    4,
    { { 0, 37, "INTERVIEWER", TRUE },
      { 38, 112, "Siti Nurhaliza", FALSE },
      { 113, 135, "Interviewer", TRUE },
      { 136, 161, "Siti Nurhaliza", FALSE } } },
  /* An answer whose label appears once is still the respondent's. */
  { "/grounded/import/turns/once-seen-answers",
    "Interviewer: Siapa nama Anda?\n"
    "Ibu Wati: Wati, pembatik 𝒜.\n"
    "Interviewer: Sejak kapan?\n"
    "Wati: Sejak kecil.\n"
    "Interviewer: And you?\n"
    "R: Me too.\n",
    6,
    { { 0, 29, "Interviewer", TRUE },
      { 30, 57, "Ibu Wati", FALSE },
      { 58, 83, "Interviewer", TRUE },
      { 84, 102, "Wati", FALSE },
      { 103, 124, "Interviewer", TRUE },
      { 125, 135, "R", FALSE } } },
  { "/grounded/import/turns/timestamps",
    "(00:01:02) I: Hello.\n"
    "R1: Hi.\n"
    "[01:02] I: Go on.\n"
    "R1: Done.",
    4,
    { { 0, 20, "I", TRUE },
      { 21, 28, "R1", FALSE },
      { 29, 46, "I", TRUE },
      { 47, 56, "R1", FALSE } } },
  { "/grounded/import/turns/not-labels",
    "Note: first remark\n"
    "Q: What happened?\n"
    "Note: second remark\n"
    "A: We left.\n"
    "http: not a speaker\n"
    "http: still not\n"
    "One two three four five six: too many words\n"
    "One two three four five six: again\n"
    "AbcdefghijabcdefghijabcdefghijabcdefghijK: forty-one\n"
    "AbcdefghijabcdefghijabcdefghijabcdefghijK: again\n"
    "A:no space after colon\n"
    "12:30: noon\n"
    "12:30: noon\n"
    "Q: Why?\n"
    "A: Because.",
    4,
    { { 19, 56, "Q", TRUE },
      { 57, 332, "A", FALSE },
      { 333, 340, "Q", TRUE },
      { 341, 352, "A", FALSE } } },
  { "/grounded/import/turns/labels",
    "Zoë Ångström: Hej.\n"
    "Dr. O’Neil-Smith: Hello.\n"
    "Int.: Question?\n"
    "Zoe\xCC\x88 Ångström: Svar.\n"
    "Dr. O’Neil-Smith: Again.\n"
    "Moderator 2: Last?\n"
    "Ana Maria de la Cruz: five words\n"
    "Ana Maria de la Cruz: again\n"
    "Abcdefghijabcdefghijabcdefghijabcdefghij : forty\n"
    "Abcdefghijabcdefghijabcdefghijabcdefghij:\n",
    10,
    { { 0, 18, "Zoë Ångström", FALSE },
      { 19, 43, "Dr. O’Neil-Smith", FALSE },
      { 44, 59, "Int.", TRUE },
      { 60, 80, "Zoe\xCC\x88 Ångström", FALSE },
      { 81, 105, "Dr. O’Neil-Smith", FALSE },
      { 106, 124, "Moderator 2", TRUE },
      { 125, 157, "Ana Maria de la Cruz", FALSE },
      { 158, 185, "Ana Maria de la Cruz", FALSE },
      { 186, 234, "Abcdefghijabcdefghijabcdefghijabcdefghij", FALSE },
      { 235, 276, "Abcdefghijabcdefghijabcdefghijabcdefghij", FALSE } } },
  { "/grounded/import/turns/none",
    "A field note with no speakers.\nDate: 2024-05-01\nJust prose: here.\n",
    0,
    { { 0, } } },
  { "/grounded/import/turns/empty",
    "",
    0,
    { { 0, } } },
};

static void
test_turns (gconstpointer data)
{
  const TurnCase *tc = data;
  g_autoptr(GArray) turns = grd_import_detect_turns (tc->text, NULL);
  gint64 n_chars = g_utf8_strlen (tc->text, -1);

  g_assert_nonnull (turns);
  g_assert_cmpuint (turns->len, ==, tc->n_turns);

  for (guint i = 0; i < turns->len; i++)
    {
      const GrdTurn *turn = &g_array_index (turns, GrdTurn, i);
      const ExpectedTurn *expected = &tc->turns[i];

      g_test_message ("turn %u: %s", i, turn->speaker);
      g_assert_cmpint (turn->start, ==, expected->start);
      g_assert_cmpint (turn->end, ==, expected->end);
      g_assert_cmpstr (turn->speaker, ==, expected->speaker);
      g_assert_cmpint (turn->is_interviewer, ==, expected->is_interviewer);

      /* What the project layer will insist on. */
      g_assert_cmpint (turn->start, <, turn->end);
      g_assert_cmpint (turn->end, <=, n_chars);
      if (i > 0)
        g_assert_cmpint (g_array_index (turns, GrdTurn, i - 1).end, <=, turn->start);
    }
}

/* --- importing files ---------------------------------------------------- */

static void
test_import_file (void)
{
  static const char content[] =
    "\xFF\xFE"
    "P\0e\0w\0a\0w\0a\0n\0c\0a\0r\0a\0:\0 \0\x35\xD8\x9C\xDC?\0\r\0\n\0"
    "R\0:\0 \0O\0k\0.\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GrdTurn *turn;

  dir = g_dir_make_tmp ("grounded-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "Wawancara 01.txt", NULL);
  g_file_set_contents (path, content, sizeof content - 1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  imported = grd_import_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);

  g_assert_cmpstr (imported->text, ==, "Pewawancara: 𝒜?\nR: Ok.");
  g_assert_cmpint (imported->n_chars, ==, 22);
  g_assert_cmpuint (imported->text_len, ==, 25);
  g_assert_cmpstr (imported->original_name, ==, "Wawancara 01.txt");
  g_assert_cmpstr (imported->title, ==, "Wawancara 01");
  g_assert_cmpstr (imported->format, ==, "txt");
  g_assert_cmpstr (imported->encoding, ==, "UTF-16LE");

  /* "R:" answers the interviewer, though it is seen only once. */
  g_assert_cmpuint (imported->turns->len, ==, 2);
  turn = &g_array_index (imported->turns, GrdTurn, 0);
  g_assert_cmpstr (turn->speaker, ==, "Pewawancara");
  g_assert_cmpint (turn->start, ==, 0);
  g_assert_cmpint (turn->end, ==, 15);
  turn = &g_array_index (imported->turns, GrdTurn, 1);
  g_assert_cmpstr (turn->speaker, ==, "R");
  g_assert_cmpint (turn->start, ==, 16);
  g_assert_cmpint (turn->end, ==, 22);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_import_file_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("grounded-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "transkrip.md", NULL);
  g_file_set_contents (path, "Caf\xC3\xA9 \xC3\xA9t\xC3", -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  imported = grd_import_file (file, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "transkrip.md: invalid UTF-8 at byte 9");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_import_file_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;

  dir = g_dir_make_tmp ("grounded-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "gone.txt", NULL);

  file = g_file_new_for_path (path);
  imported = grd_import_file (file, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_READ);

  prefix = g_strdup_printf ("%s: could not read the file: ", path);
  g_assert_true (g_str_has_prefix (error->message, prefix));

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A FIFO named like a transcript is refused at once, not read (which
 * would wait for a writer for ever). */
static void
test_import_file_fifo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  dir = g_dir_make_tmp ("grounded-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "pipe.txt", NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  file = g_file_new_for_path (path);
  imported = grd_import_file (file, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_READ);
  expected = g_strdup_printf ("%s: not a regular file (a folder, device or pipe); refused", path);
  g_assert_cmpstr (error->message, ==, expected);

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Ranges that lie past the text (a damaged or hostile caller's) are not
 * looked up: the sanitizer build catches any read outside the text. */
static void
test_turns_ranges_outside (void)
{
  static const char text[] = "Ana: hi\nBudi: yes\n";
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (GrdFormatRange));
  g_autoptr(GArray) turns = NULL;
  GrdFormatRange inside = { GRD_FORMAT_BOLD, 0, 3, 0 };
  GrdFormatRange outside = { GRD_FORMAT_BOLD, 1000, 1000000, 0 };

  g_array_append_val (formats, inside);
  g_array_append_val (formats, outside);
  turns = grd_import_detect_turns (text, formats);
  g_assert_nonnull (turns);
}

static void
test_import_file_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("grounded-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "a.txt", NULL);
  g_file_set_contents (path, "Interviewer: hi", -1, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  file = g_file_new_for_path (path);
  imported = grd_import_file (file, cancellable, &error);
  g_assert_null (imported);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* --- code point offsets ------------------------------------------------- */

/* "a𝒜é😀b": 1 + 4 + 2 + 4 + 1 bytes. */
static const char mixed[] = "a\xF0\x9D\x92\x9C\xC3\xA9\xF0\x9F\x98\x80" "b";

static void
test_utf8_count_chars (void)
{
  static const struct {
    const char *text;
    gsize       len;
    gint64      n_chars;
  } cases[] = {
    { "", 0, 0 },
    { "abc", 3, 3 },
    { "é", 2, 1 },
    { "𝒜", 4, 1 },
    { mixed, sizeof mixed - 1, 5 },
    { mixed, 5, 2 },     /* "a𝒜" */
    { mixed, 7, 3 },     /* "a𝒜é" */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (grd_utf8_count_chars (cases[i].text, cases[i].len), ==, cases[i].n_chars);
}

static void
test_utf8_byte_offset (void)
{
  static const gssize expected[] = { 0, 1, 5, 7, 11, 12 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (grd_utf8_byte_offset (mixed, sizeof mixed - 1, i), ==, expected[i]);

  g_assert_cmpint (grd_utf8_byte_offset (mixed, sizeof mixed - 1, 6), ==, -1);
  g_assert_cmpint (grd_utf8_byte_offset (mixed, sizeof mixed - 1, -1), ==, -1);
  g_assert_cmpint (grd_utf8_byte_offset ("", 0, 0), ==, 0);
}

static void
test_utf8_cursor (void)
{
  GrdUtf8Cursor cursor;

  grd_utf8_cursor_init (&cursor, mixed, sizeof mixed - 1);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 1), ==, 1);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 1), ==, 1);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 2), ==, 5);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 4), ==, 11);
  /* Going back starts over rather than failing. */
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 3), ==, 7);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 5), ==, 12);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 6), ==, -1);
  g_assert_cmpint (grd_utf8_cursor_seek (&cursor, 0), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (decode_cases); i++)
    g_test_add_data_func (decode_cases[i].path, &decode_cases[i], test_decode);
  g_test_add_func ("/grounded/import/decode/invalid-utf8-far", test_decode_invalid_utf8_far);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    g_test_add_data_func (error_cases[i].path, &error_cases[i], test_import_error);

  g_test_add_func ("/grounded/import/registry", test_registry);
  g_test_add_func ("/grounded/import/bytes/utf16", test_import_bytes_utf16);

  for (guint i = 0; i < G_N_ELEMENTS (turn_cases); i++)
    g_test_add_data_func (turn_cases[i].path, &turn_cases[i], test_turns);

  g_test_add_func ("/grounded/import/file/utf16", test_import_file);
  g_test_add_func ("/grounded/import/file/invalid", test_import_file_invalid);
  g_test_add_func ("/grounded/import/file/missing", test_import_file_missing);
  g_test_add_func ("/grounded/import/file/cancelled", test_import_file_cancelled);
  g_test_add_func ("/grounded/import/file/fifo", test_import_file_fifo);
  g_test_add_func ("/grounded/import/turns/ranges-outside", test_turns_ranges_outside);

  g_test_add_func ("/grounded/utf8/count-chars", test_utf8_count_chars);
  g_test_add_func ("/grounded/utf8/byte-offset", test_utf8_byte_offset);
  g_test_add_func ("/grounded/utf8/cursor", test_utf8_cursor);

  return g_test_run ();
}
