/* test-zip.c: the zip container module, on good and hostile archives
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "grd-zip.h"
#include "test-raw-zip.h"
#include "test-util.h"

typedef struct {
  char *dir;
} ZipFixture;

static void
zip_set_up (ZipFixture    *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("grounded-zip-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
zip_tear_down (ZipFixture    *fixture,
               gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_write_read (ZipFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "project.qdpx", NULL);
  g_autofree char *on_disk = g_build_filename (fixture->dir, "on-disk.txt", NULL);
  const char *text = "Wawancara 𝒜 — café ☕\n";
  g_autoptr(GBytes) xml = g_bytes_new_static ("<Project/>", 10);
  g_autoptr(GrdZipWriter) writer = NULL;
  g_autoptr(GrdZipReader) reader = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GBytes) read = NULL;

  g_assert_true (g_file_set_contents (on_disk, text, -1, NULL));

  writer = grd_zip_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (grd_zip_writer_add_bytes (writer, "project.qde", xml, &error));
  g_assert_no_error (error);
  g_assert_true (grd_zip_writer_add_file (writer, "sources/a.txt", on_disk, &error));
  g_assert_no_error (error);
  /* nothing at the target until the commit */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (grd_zip_writer_commit (writer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, grd_zip_writer_free);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  {
    /* a new file's usual permissions, not a temporary file's 0600 */
    mode_t mask = umask (0);
    GStatBuf st;

    umask (mask);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);
  }

  reader = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  names = grd_zip_reader_list_entries (reader);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "project.qde");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "sources/a.txt");
  g_assert_true (grd_zip_reader_has_entry (reader, "sources/a.txt"));
  g_assert_false (grd_zip_reader_has_entry (reader, "Sources/A.txt"));
  g_assert_cmpstr (grd_zip_reader_find_entry_nocase (reader, "Sources/A.TXT"), ==, "sources/a.txt");
  g_assert_null (grd_zip_reader_find_entry_nocase (reader, "sources/b.txt"));

  read = grd_zip_reader_read_entry (reader, "sources/a.txt", 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (read, NULL), g_bytes_get_size (read), text, strlen (text));
  g_clear_pointer (&read, g_bytes_unref);

  read = grd_zip_reader_read_entry (reader, "sources/b.txt", 1024, &error);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "project.qdpx"));
  g_assert_null (read);
}

static void
test_from_bytes (ZipFixture    *fixture,
                 gconstpointer  data)
{
  const RawEntry entries[] = {
    { "word/document.xml", "<w:document/>", 13, ZIP_CM_DEFLATE },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_raw_zip (fixture->dir, "a.docx", entries);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GrdZipReader) reader = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  reader = grd_zip_reader_new_from_bytes (bytes, "a.docx", &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);   /* the reader keeps its own */
  read = grd_zip_reader_read_entry (reader, "word/document.xml", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 13);
  g_assert_cmpstr (grd_zip_reader_get_file_name (reader), ==, "a.docx");
}

static void
test_not_zip (ZipFixture    *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "fake.qdpx", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.qdpx", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("PK\3\4 this is no zip", 20);
  GrdZipReader *reader;

  g_assert_true (g_file_set_contents (path, "<?xml version='1.0'?><Project/>", -1, NULL));
  reader = grd_zip_reader_open (path, &error);
  g_assert_null (reader);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_NOT_ZIP);
  g_assert_nonnull (strstr (error->message, "fake.qdpx"));
  g_clear_error (&error);

  reader = grd_zip_reader_open (missing, &error);
  g_assert_null (reader);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.qdpx"));
  g_clear_error (&error);

  reader = grd_zip_reader_new_from_bytes (bytes, "trunc.docx", &error);
  g_assert_null (reader);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_NOT_ZIP);
  g_assert_nonnull (strstr (error->message, "trunc.docx"));
}

static void
test_limits (ZipFixture    *fixture,
             gconstpointer  data)
{
  /* 2 MiB of one letter deflates about a thousand times: a small bomb. */
  gsize bomb_len = 2 * 1024 * 1024;
  g_autofree char *bomb = g_malloc (bomb_len);
  g_autofree char *random_data = g_malloc (bomb_len);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GrdZipReader) reader = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  memset (bomb, 'a', bomb_len);
  for (gsize i = 0; i < bomb_len; i++)
    random_data[i] = (char) g_rand_int_range (rand, 0, 256);

  {
    const RawEntry entries[] = {
      { "bomb.txt", bomb, bomb_len, ZIP_CM_DEFLATE },
      { "stored.txt", bomb, bomb_len, ZIP_CM_STORE },
      { "random.bin", random_data, bomb_len, ZIP_CM_DEFLATE },
      { "small.txt", "0123456789", 10, ZIP_CM_DEFLATE },
      { NULL },
    };
    path = write_raw_zip (fixture->dir, "limits.zip", entries);
  }

  reader = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);

  read = grd_zip_reader_read_entry (reader, "bomb.txt", G_MAXSIZE, &error);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "bomb.txt"));
  g_assert_nonnull (strstr (error->message, "limits.zip"));
  g_assert_null (read);
  g_clear_error (&error);

  /* the same bytes stored have a ratio of 1 */
  read = grd_zip_reader_read_entry (reader, "stored.txt", G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (read), ==, bomb_len);
  g_clear_pointer (&read, g_bytes_unref);

  read = grd_zip_reader_read_entry (reader, "random.bin", G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (read, NULL), g_bytes_get_size (read), random_data, bomb_len);
  g_clear_pointer (&read, g_bytes_unref);

  read = grd_zip_reader_read_entry (reader, "small.txt", 9, &error);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE);
  g_clear_error (&error);
  read = grd_zip_reader_read_entry (reader, "small.txt", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 10);
}

static void
put16 (GString *out,
       guint    value)
{
  g_string_append_c (out, (char) (value & 0xff));
  g_string_append_c (out, (char) ((value >> 8) & 0xff));
}

static void
put32 (GString *out,
       guint32  value)
{
  put16 (out, value & 0xffff);
  put16 (out, value >> 16);
}

static void
put64 (GString *out,
       guint64  value)
{
  put32 (out, (guint32) (value & 0xffffffff));
  put32 (out, (guint32) (value >> 32));
}

/* A zip of n empty stored entries named "0", "1"..., written by hand:
 * libzip would take a minute under ASan to write as many. More than
 * 65535 entries need the ZIP64 end records. */
static char *
write_many_entries (const char *dir,
                    const char *base,
                    guint       n)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) central = g_string_new (NULL);
  char *path = g_build_filename (dir, base, NULL);
  guint64 central_offset, zip64_offset;

  for (guint i = 0; i < n; i++)
    {
      char name[16];
      guint len = (guint) g_snprintf (name, sizeof name, "%u", i);
      guint32 offset = (guint32) out->len;

      put32 (out, 0x04034b50);              /* local header */
      put16 (out, 20);                      /* version needed */
      put16 (out, 0);                       /* flags */
      put16 (out, 0);                       /* stored */
      put16 (out, 0);                       /* time */
      put16 (out, 0x21);                    /* date: 1980-01-01 */
      put32 (out, 0);                       /* CRC of nothing */
      put32 (out, 0);                       /* compressed size */
      put32 (out, 0);                       /* size */
      put16 (out, len);
      put16 (out, 0);                       /* extra */
      g_string_append_len (out, name, len);

      put32 (central, 0x02014b50);          /* central directory header */
      put16 (central, 20);                  /* made by */
      put16 (central, 20);                  /* needed */
      put16 (central, 0);
      put16 (central, 0);
      put16 (central, 0);
      put16 (central, 0x21);
      put32 (central, 0);
      put32 (central, 0);
      put32 (central, 0);
      put16 (central, len);
      put16 (central, 0);                   /* extra */
      put16 (central, 0);                   /* comment */
      put16 (central, 0);                   /* disk */
      put16 (central, 0);                   /* internal attributes */
      put32 (central, 0);                   /* external attributes */
      put32 (central, offset);
      g_string_append_len (central, name, len);
    }

  central_offset = out->len;
  g_string_append_len (out, central->str, (gssize) central->len);
  zip64_offset = out->len;
  put32 (out, 0x06064b50);                  /* ZIP64 end of central directory */
  put64 (out, 44);
  put16 (out, 45);
  put16 (out, 45);
  put32 (out, 0);
  put32 (out, 0);
  put64 (out, n);
  put64 (out, n);
  put64 (out, central->len);
  put64 (out, central_offset);
  put32 (out, 0x07064b50);                  /* its locator */
  put32 (out, 0);
  put64 (out, zip64_offset);
  put32 (out, 1);
  put32 (out, 0x06054b50);                  /* end of central directory */
  put16 (out, 0);
  put16 (out, 0);
  put16 (out, 0xffff);
  put16 (out, 0xffff);
  put32 (out, (guint32) central->len);
  put32 (out, (guint32) central_offset);
  put16 (out, 0);

  g_assert_true (g_file_set_contents (path, out->str, (gssize) out->len, NULL));
  return path;
}

/* An archive with more entries than any document or project is refused
 * on open, before a table of its names is built. */
static void
test_too_many_entries (ZipFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipReader) reader = NULL;
  g_autofree char *path = write_many_entries (fixture->dir, "many.qdpx",
                                              GRD_ZIP_MAX_ENTRIES + 1);

  reader = grd_zip_reader_open (path, &error);
  g_assert_null (reader);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "many.qdpx"));
  g_assert_nonnull (strstr (error->message, "entries"));
}

static void
test_unsafe_names (ZipFixture    *fixture,
                   gconstpointer  data)
{
  const RawEntry entries[] = {
    { "../evil.txt", "x", 1, ZIP_CM_STORE },
    { "sources/../../evil.txt", "x", 1, ZIP_CM_STORE },
    { "/etc/passwd", "x", 1, ZIP_CM_STORE },
    { "sources\\..\\evil.txt", "x", 1, ZIP_CM_STORE },
    { "C:/evil.txt", "x", 1, ZIP_CM_STORE },
    { "sources/a..b.txt", "x", 1, ZIP_CM_STORE },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_raw_zip (fixture->dir, "names.zip", entries);
  g_autoptr(GrdZipReader) reader = grd_zip_reader_open (path, &error);
  g_autoptr(GBytes) read = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      read = grd_zip_reader_read_entry (reader, entries[i].name, 100, &error);
      g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_UNSAFE_NAME);
      g_assert_null (read);
      g_clear_error (&error);
    }

  /* dots inside a name are not a ".." component */
  read = grd_zip_reader_read_entry (reader, "sources/a..b.txt", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 1);
}

static void
test_encrypted (ZipFixture    *fixture,
                gconstpointer  data)
{
  const RawEntry entries[] = {
    { "secret.txt", "the plan", 8, ZIP_CM_DEFLATE, TRUE },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_raw_zip (fixture->dir, "locked.zip", entries);
  g_autoptr(GrdZipReader) reader = grd_zip_reader_open (path, &error);
  g_autoptr(GBytes) read = NULL;

  g_assert_no_error (error);
  read = grd_zip_reader_read_entry (reader, "secret.txt", 100, &error);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_ENCRYPTED);
  g_assert_nonnull (strstr (error->message, "locked.zip"));
  g_assert_null (read);
}

/* A writer freed before its commit leaves the old file as it was and no
 * temporary file behind. */
static void
test_writer_discard (ZipFixture    *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "keep.qdpx", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("new", 3);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  GrdZipWriter *writer;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  writer = grd_zip_writer_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (grd_zip_writer_add_bytes (writer, "project.qde", bytes, &error));
  grd_zip_writer_free (writer);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  /* a folder that does not exist fails naming the file */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (fixture->dir, "no-such-folder", "x.qdpx", NULL);
  writer = grd_zip_writer_new (path, &error);
  g_assert_null (writer);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "x.qdpx"));
}

/* The real REFI-QDA samples: Sources/ in capitals, stored entries. */
/* Lazy entries: fetched when the archive is written, one held at a time,
 * and a failed fetch is the commit's error, the old file left in place. */
typedef struct {
  guint n_fetched;
  guint n_alive;      /* fetched and not yet let go */
  guint max_alive;
} LazyCount;

typedef struct {
  LazyCount *count;
  char       text[32];
} Numbered;

static void
numbered_free (gpointer data)
{
  Numbered *numbered = data;

  numbered->count->n_alive--;
  g_free (numbered);
}

static GBytes *
fetch_numbered (gpointer   data,
                GError   **error)
{
  LazyCount *count = data;
  Numbered *numbered = g_new0 (Numbered, 1);

  numbered->count = count;
  g_snprintf (numbered->text, sizeof numbered->text, "entry %u", count->n_fetched++);
  count->n_alive++;
  count->max_alive = MAX (count->max_alive, count->n_alive);
  return g_bytes_new_with_free_func (numbered->text, strlen (numbered->text), numbered_free,
                                     numbered);
}

static GBytes *
fetch_failing (gpointer   data,
               GError   **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the project went away");
  return NULL;
}

static void
test_writer_lazy (ZipFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "lazy.qdpx", NULL);
  g_autoptr(GrdZipWriter) writer = NULL;
  g_autoptr(GrdZipReader) reader = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autofree char *contents = NULL;
  LazyCount count = { 0 };

  writer = grd_zip_writer_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("sources/%u.txt", i);

      g_assert_true (grd_zip_writer_add_lazy (writer, name, fetch_numbered, &count, NULL,
                                              &error));
    }
  g_assert_cmpuint (count.n_fetched, ==, 0);
  g_assert_true (grd_zip_writer_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count.n_fetched, ==, 20);
  g_assert_cmpuint (count.max_alive, ==, 1);
  g_assert_cmpuint (count.n_alive, ==, 0);

  reader = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  read = grd_zip_reader_read_entry (reader, "sources/19.txt", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (read, NULL), ==, "entry 19");
  g_clear_pointer (&writer, grd_zip_writer_free);

  writer = grd_zip_writer_new (path, &error);
  g_assert_true (grd_zip_writer_add_lazy (writer, "a.txt", fetch_numbered, &count, NULL, &error));
  g_assert_true (grd_zip_writer_add_lazy (writer, "b.txt", fetch_failing, NULL, NULL, &error));
  g_assert_false (grd_zip_writer_commit (writer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_pointer (&writer, grd_zip_writer_free);
  g_clear_pointer (&reader, grd_zip_reader_free);
  reader = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (grd_zip_reader_has_entry (reader, "sources/19.txt"));
}

static void
test_samples (void)
{
  const char *dir = g_getenv ("GROUNDED_REFI_SAMPLES");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipReader) reader = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GBytes) qde = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("GROUNDED_REFI_SAMPLES is not set");
      return;
    }

  path = g_build_filename (dir, "nvivo-win-12.6_oltas0517.qdpx", NULL);
  reader = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  names = grd_zip_reader_list_entries (reader);
  g_assert_cmpuint (names->len, >, 1);
  g_assert_true (grd_zip_reader_has_entry (reader, "project.qde"));
  qde = grd_zip_reader_read_entry (reader, "project.qde", 64 * 1024 * 1024, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde),
                                  "NVivo for Windows 12.6"));
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add ("/zip/write-read", ZipFixture, NULL, zip_set_up, test_write_read, zip_tear_down);
  g_test_add ("/zip/from-bytes", ZipFixture, NULL, zip_set_up, test_from_bytes, zip_tear_down);
  g_test_add ("/zip/not-zip", ZipFixture, NULL, zip_set_up, test_not_zip, zip_tear_down);
  g_test_add ("/zip/limits", ZipFixture, NULL, zip_set_up, test_limits, zip_tear_down);
  g_test_add ("/zip/too-many-entries", ZipFixture, NULL, zip_set_up, test_too_many_entries,
              zip_tear_down);
  g_test_add ("/zip/unsafe-names", ZipFixture, NULL, zip_set_up, test_unsafe_names,
              zip_tear_down);
  g_test_add ("/zip/encrypted", ZipFixture, NULL, zip_set_up, test_encrypted, zip_tear_down);
  g_test_add ("/zip/writer-discard", ZipFixture, NULL, zip_set_up, test_writer_discard,
              zip_tear_down);
  g_test_add ("/zip/writer-lazy", ZipFixture, NULL, zip_set_up, test_writer_lazy, zip_tear_down);
  g_test_add_func ("/zip/samples", test_samples);

  return g_test_run ();
}
