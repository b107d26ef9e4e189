/* grd-code-map-view.c: the code map page: codes as boxes to arrange
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map of grd-code-map.c, drawn by the core's own function on a canvas
 * in a scrolled window: zoom, pan by dragging the background, move a code
 * by dragging its box (or with the arrow keys), export as SVG or PNG. The
 * map is built on a worker while the page is shown, and again after each
 * change; a move is saved when the box is let go.
 */

#define G_LOG_DOMAIN "grd-code-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "grd-code-map-view.h"
#include "grd-dialogs.h"
#include "grd-job.h"
#include "grd-page-reader.h"
#include "grd-widget-util.h"

/* Zoom is in pixels per point of the map; 100 % is a point the size GTK
 * draws one at (96 pixels per inch), as document viewers do. */
#define POINT_PX      (96.0 / 72.0)
#define ZOOM_MIN      0.1
#define ZOOM_MAX      4.0
#define ZOOM_STEP     1.25
#define KEY_STEP      8      /* points an arrow key moves a code; with Shift, 6 times that */
#define DRAG_SLOP     3.0    /* pixels a press may wander and still be a click */
#define PNG_SCALE     2.0    /* pixels per point: sharp on a high density screen */

struct _GrdCodeMapView
{
  GtkWidget        parent_instance;

  GtkLabel        *selection_label;
  GtkWidget       *show_button;
  GtkButton       *zoom_button;
  GtkWidget       *export_svg_button;
  GtkWidget       *export_png_button;
  GtkStack        *content_stack;
  GtkScrolledWindow *scroller;
  GtkWidget       *canvas;

  GrdPageReader   *reader;
  GrdCodeMap      *map;
  GPtrArray       *codes;         /* GrdCode, in tree order: names and counts */
  double           bounds[4];     /* x, y, width, height of the canvas in map points: the
                                   * map's, grown (never shrunk) while shown */
  double           zoom;
  gboolean         fitted;        /* zoomed to fit once, on the first map */
  gint64           selected;

  /* A zoom keeps the map point under an anchor (in the viewport) in place
   * once the canvas has its new size. */
  gboolean         anchoring;
  double           anchor_map[2];
  double           anchor_view[2];

  /* The drag in progress: a box (dragged != 0) or the background. */
  gint64           dragged;
  GrdCodePosition  drag_start;
  gboolean         drag_moved;
  double           pan_start[2];
  double           pointer[2];    /* on the canvas, where Ctrl+scroll zooms */
};

G_DEFINE_FINAL_TYPE (GrdCodeMapView, grd_code_map_view, GTK_TYPE_WIDGET)

enum {
  SHOW_CODE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  GrdCodeMap *map;
  GPtrArray  *codes;
} MapRead;

static void
map_read_free (MapRead *read)
{
  g_clear_pointer (&read->map, grd_code_map_free);
  g_clear_pointer (&read->codes, g_ptr_array_unref);
  g_free (read);
}

static void refresh (GrdCodeMapView *self);

static GrdProject *
project_of (GrdCodeMapView *self)
{
  return grd_page_reader_get_project (self->reader);
}

/* ---- coordinates ------------------------------------------------------ */

static void
canvas_to_map (GrdCodeMapView *self,
               double          cx,
               double          cy,
               double         *mx,
               double         *my)
{
  *mx = cx / self->zoom + self->bounds[0];
  *my = cy / self->zoom + self->bounds[1];
}

static GrdCode *
find_code (GrdCodeMapView *self,
           gint64          code_id,
           guint          *index)
{
  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    {
      GrdCode *code = self->codes->pdata[i];

      if (code->id == code_id)
        {
          if (index != NULL)
            *index = i;
          return code;
        }
    }

  return NULL;
}

/* ---- zoom and scrolling ----------------------------------------------- */

static void
apply_anchor (GrdCodeMapView *self)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (h, (self->anchor_map[0] - self->bounds[0]) * self->zoom -
                               self->anchor_view[0]);
  gtk_adjustment_set_value (v, (self->anchor_map[1] - self->bounds[1]) * self->zoom -
                               self->anchor_view[1]);
}

static void
update_canvas_size (GrdCodeMapView *self)
{
  int width = (int) ceil (self->bounds[2] * self->zoom);
  int height = (int) ceil (self->bounds[3] * self->zoom);
  g_autofree char *percent = g_strdup_printf ("%.0f %%", self->zoom / POINT_PX * 100);

  gtk_button_set_label (self->zoom_button, percent);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->canvas), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->canvas), height);
  gtk_widget_queue_draw (self->canvas);
}

/* Shows the map at zoom over bounds (its own, or ones it has grown to),
 * keeping the map point under (vx, vy), viewport coordinates, where it
 * is. */
static void
set_view (GrdCodeMapView *self,
          double          zoom,
          const double    bounds[4],
          double          vx,
          double          vy)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scroller);
  int old_width = gtk_widget_get_width (self->canvas);
  int old_height = gtk_widget_get_height (self->canvas);

  canvas_to_map (self, gtk_adjustment_get_value (h) + vx, gtk_adjustment_get_value (v) + vy,
                 &self->anchor_map[0], &self->anchor_map[1]);
  self->anchor_view[0] = vx;
  self->anchor_view[1] = vy;
  memmove (self->bounds, bounds, sizeof self->bounds);
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  update_canvas_size (self);

  /* The scroll position can only be set once the canvas has its new size,
   * which comes with its next allocation unless it keeps the size it has
   * (a map smaller than the page). */
  self->anchoring = TRUE;
  if (MAX (ceil (self->bounds[2] * self->zoom),
           gtk_widget_get_width (GTK_WIDGET (self->scroller))) == old_width &&
      MAX (ceil (self->bounds[3] * self->zoom),
           gtk_widget_get_height (GTK_WIDGET (self->scroller))) == old_height)
    {
      apply_anchor (self);
      self->anchoring = FALSE;
    }
}

static void
zoom_centred (GrdCodeMapView *self,
              double          zoom)
{
  set_view (self, zoom, self->bounds, gtk_widget_get_width (GTK_WIDGET (self->scroller)) / 2.0,
            gtk_widget_get_height (GTK_WIDGET (self->scroller)) / 2.0);
}

static void
zoom_to_fit (GrdCodeMapView *self,
             double          least,
             double          most)
{
  /* the stack's size: the scrolled window has none while the stack shows
   * that there are no codes */
  double width = gtk_widget_get_width (GTK_WIDGET (self->content_stack));
  double height = gtk_widget_get_height (GTK_WIDGET (self->content_stack));

  if (width <= 0 || height <= 0 || self->map == NULL)
    return;

  self->zoom = CLAMP (MIN (width / self->bounds[2], height / self->bounds[3]), least, most);
  self->anchoring = FALSE;
  update_canvas_size (self);
}

static void
on_canvas_resize (GrdCodeMapView *self)
{
  if (self->anchoring)
    apply_anchor (self);
  self->anchoring = FALSE;
}

static void
on_pointer_motion (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   GrdCodeMapView           *self)
{
  self->pointer[0] = x;
  self->pointer[1] = y;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GrdCodeMapView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scroller);

  /* Without Ctrl the scrolled window scrolls. */
  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  set_view (self, self->zoom * pow (1.1, -dy), self->bounds,
            self->pointer[0] - gtk_adjustment_get_value (h),
            self->pointer[1] - gtk_adjustment_get_value (v));
  return TRUE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrdCodeMapView *self = GRD_CODE_MAP_VIEW (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    zoom_centred (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "map.zoom-out"))
    zoom_centred (self, self->zoom / ZOOM_STEP);
  else if (g_str_equal (action_name, "map.zoom-reset"))
    zoom_centred (self, POINT_PX);
  else
    zoom_to_fit (self, ZOOM_MIN, ZOOM_MAX);
}

/* Scrolls so the selected box is in view. */
static void
reveal_selected (GrdCodeMapView *self)
{
  GtkAdjustment *adjustments[2] = { gtk_scrolled_window_get_hadjustment (self->scroller),
                                    gtk_scrolled_window_get_vadjustment (self->scroller) };
  GrdCodePosition box;
  double size[2];

  if (self->map == NULL || !grd_code_map_get_box (self->map, self->selected, &box, &size[0],
                                                  &size[1]))
    return;

  for (guint axis = 0; axis < 2; axis++)
    {
      double start = ((axis == 0 ? box.x : box.y) - self->bounds[axis]) * self->zoom;
      double end = start + size[axis] * self->zoom;
      double value = gtk_adjustment_get_value (adjustments[axis]);
      double page = gtk_adjustment_get_page_size (adjustments[axis]);

      if (start < value)
        gtk_adjustment_set_value (adjustments[axis], start - 12);
      else if (end > value + page)
        gtk_adjustment_set_value (adjustments[axis], MIN (start - 12, end + 12 - page));
    }
}

/* ---- drawing ---------------------------------------------------------- */

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GrdCodeMapView *self = user_data;
  GrdCodePosition box;
  double w, h;

  if (self->map == NULL)
    return;

  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->bounds[0], -self->bounds[1]);
  grd_code_map_draw (self->map, cr);

  /* The selected code: a ring in the accent colour, as thick on the
   * screen at any zoom. */
  if (grd_code_map_get_box (self->map, self->selected, &box, &w, &h))
    {
      double ring = 3 / self->zoom;

      cairo_rectangle (cr, box.x - 2 * ring, box.y - 2 * ring, w + 4 * ring, h + 4 * ring);
      cairo_set_source_rgb (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
      cairo_set_line_width (cr, ring);
      cairo_stroke (cr);
    }
}

/* ---- selection -------------------------------------------------------- */

static void
select_code (GrdCodeMapView *self,
             gint64          code_id)
{
  GrdCode *code = find_code (self, code_id, NULL);
  g_autofree char *text = NULL;
  const char *kind = code != NULL ? grd_code_kind_caption (code->kind, FALSE) : NULL;

  self->selected = code != NULL ? code_id : 0;
  if (code == NULL)
    text = g_strdup (_("Drag codes to arrange them. Page Down selects one, arrow keys move it."));
  else if (code->n_children == 0)
    /* Translators: a code's name, its kind, how many quotes it has */
    text = g_strdup_printf (g_dngettext (NULL, "%s · %s · %u quote", "%s · %s · %u quotes",
                                         code->n_codings),
                            code->name, kind, code->n_codings);
  else
    /* Translators: a code's name, its kind, how many quotes it and the
     * codes under it have */
    text = g_strdup_printf (g_dngettext (NULL, "%s · %s · %u quote with the codes under it",
                                         "%s · %s · %u quotes with the codes under it",
                                         code->n_codings_total),
                            code->name, kind, code->n_codings_total);

  gtk_label_set_text (self->selection_label, text);
  gtk_widget_set_sensitive (self->show_button, code != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_queue_draw (self->canvas);
}

static void
on_show_clicked (GrdCodeMapView *self)
{
  if (self->selected != 0)
    g_signal_emit (self, signals[SHOW_CODE], 0, self->selected);
}

/* ---- moving codes ----------------------------------------------------- */

/* Saves where every code is, as one undoable step. Every code rather
 * than the moved one alone: the core lays out codes without a saved
 * position below those with one, so saving one would send all the others
 * elsewhere. Unmoved codes that already had their place are not
 * rewritten (the core skips equal rows). */
static void
save_positions (GrdCodeMapView *self)
{
  g_autoptr(GArray) positions = g_array_sized_new (FALSE, FALSE, sizeof (GrdCodePosition),
                                                   self->codes->len);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->codes->len; i++)
    {
      GrdCode *code = self->codes->pdata[i];
      GrdCodePosition position;
      double width, height;

      if (grd_code_map_get_box (self->map, code->id, &position, &width, &height))
        g_array_append_val (positions, position);
    }

  if (!grd_project_set_code_positions (project_of (self), (GrdCodePosition *) positions->data,
                                       positions->len, &error))
    {
      grd_show_error (GTK_WIDGET (self), _("Could not move the code"), error);
      refresh (self);   /* back to the positions saved */
    }
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               GrdCodeMapView *self)
{
  double mx, my, width, height;

  gtk_widget_grab_focus (self->canvas);
  self->drag_moved = FALSE;
  self->dragged = 0;
  if (self->map == NULL)
    return;

  canvas_to_map (self, x, y, &mx, &my);
  self->dragged = grd_code_map_code_at (self->map, mx, my);
  if (self->dragged != 0)
    {
      grd_code_map_get_box (self->map, self->dragged, &self->drag_start, &width, &height);
      select_code (self, self->dragged);
    }
  else
    {
      self->pan_start[0] = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (
        self->scroller));
      self->pan_start[1] = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (
        self->scroller));
    }
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                GrdCodeMapView *self)
{
  if (self->map == NULL)
    return;
  if (!self->drag_moved && hypot (dx, dy) < DRAG_SLOP)
    return;
  self->drag_moved = TRUE;

  if (self->dragged != 0)
    {
      grd_code_map_move_code (self->map, self->dragged,
                              self->drag_start.x + (gint) round (dx / self->zoom),
                              self->drag_start.y + (gint) round (dy / self->zoom));
      gtk_widget_queue_draw (self->canvas);
    }
  else
    {
      GtkAdjustment *adjustments[2] = { gtk_scrolled_window_get_hadjustment (self->scroller),
                                        gtk_scrolled_window_get_vadjustment (self->scroller) };
      double offsets[2] = { dx, dy };

      /* The offsets are the canvas's, and the canvas moves as it pans:
       * what the pointer moved on the screen is the offset plus how far
       * the canvas has scrolled since the press. */
      for (guint axis = 0; axis < 2; axis++)
        {
          double scrolled = gtk_adjustment_get_value (adjustments[axis]) - self->pan_start[axis];

          gtk_adjustment_set_value (adjustments[axis],
                                    self->pan_start[axis] - (offsets[axis] + scrolled));
        }
    }
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             GrdCodeMapView *self)
{
  if (self->map != NULL && self->dragged != 0 && self->drag_moved)
    save_positions (self);
  self->dragged = 0;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GrdCodeMapView        *self)
{
  int step = (state & GDK_SHIFT_MASK) != 0 ? 6 * KEY_STEP : KEY_STEP;
  int dx = 0, dy = 0;
  GrdCodePosition box;
  double width, height;
  guint index = 0;

  if (self->map == NULL || self->codes->len == 0 ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_Page_Up:
      if (find_code (self, self->selected, &index) == NULL)
        index = keyval == GDK_KEY_Page_Down ? self->codes->len - 1 : 0;
      index = keyval == GDK_KEY_Page_Down ? (index + 1) % self->codes->len
                                          : (index + self->codes->len - 1) % self->codes->len;
      select_code (self, ((GrdCode *) self->codes->pdata[index])->id);
      reveal_selected (self);
      return TRUE;
    case GDK_KEY_Escape:
      select_code (self, 0);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -step;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = step;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -step;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = step;
      break;
    default:
      return FALSE;
    }

  if (!grd_code_map_get_box (self->map, self->selected, &box, &width, &height))
    return FALSE;

  grd_code_map_move_code (self->map, self->selected, box.x + dx, box.y + dy);
  gtk_widget_queue_draw (self->canvas);
  save_positions (self);
  reveal_selected (self);
  return TRUE;
}

/* ---- reading the project ---------------------------------------------- */

static void
set_export_sensitive (GrdCodeMapView *self,
                      gboolean        sensitive)
{
  gtk_widget_set_sensitive (self->export_svg_button, sensitive);
  gtk_widget_set_sensitive (self->export_png_button, sensitive);
}

static gpointer
read_map (GrdProject      *worker,
          gpointer         input,
          GrdJobProgress  *progress,
          GCancellable    *cancellable,
          GError         **error)
{
  MapRead *read = g_new0 (MapRead, 1);

  if ((read->codes = grd_project_list_codes (worker, error)) == NULL ||
      (read->map = grd_code_map_new (worker, error)) == NULL)
    {
      map_read_free (read);
      return NULL;
    }

  return read;
}

static void
on_map_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrdCodeMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  MapRead *read = grd_job_finish (GRD_PROJECT (object), result, &error);
  double bounds[4], right, bottom;

  if (!grd_page_reader_end (self->reader, error))
    return;
  if (read == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not draw the code map"), error);
      return;
    }

  g_clear_pointer (&self->map, grd_code_map_free);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->map = g_steal_pointer (&read->map);
  self->codes = g_steal_pointer (&read->codes);
  map_read_free (read);

  /* a drag that began on the old map ends without saving */
  self->dragged = 0;
  set_export_sensitive (self, self->codes->len > 0);
  gtk_stack_set_visible_child_name (self->content_stack, self->codes->len > 0 ? "map" : "empty");
  select_code (self, self->selected);
  grd_code_map_get_bounds (self->map, &bounds[0], &bounds[1], &bounds[2], &bounds[3]);
  if (!self->fitted)
    {
      /* At first the whole map, unless that makes its names too small. */
      memmove (self->bounds, bounds, sizeof self->bounds);
      zoom_to_fit (self, 1.0, POINT_PX);
      self->fitted = TRUE;
      return;
    }

  /* The canvas only grows while the page shows the project, so a box moved
   * off an edge does not shift every other box on the screen. */
  right = MAX (self->bounds[0] + self->bounds[2], bounds[0] + bounds[2]);
  bottom = MAX (self->bounds[1] + self->bounds[3], bounds[1] + bounds[3]);
  bounds[0] = MIN (self->bounds[0], bounds[0]);
  bounds[1] = MIN (self->bounds[1], bounds[1]);
  bounds[2] = right - bounds[0];
  bounds[3] = bottom - bounds[1];
  set_view (self, self->zoom, bounds, 0, 0);
}

static void
refresh (GrdCodeMapView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);

  if (reading == NULL)
    return;

  grd_job_run_async (project_of (self), read_map, NULL, NULL, (GDestroyNotify) map_read_free, 0,
                     reading, NULL, NULL, on_map_read, g_object_ref (self));
}

/* ---- export ----------------------------------------------------------- */

typedef struct {
  GFile    *file;
  gboolean  png;
} MapExport;

static void
map_export_free (MapExport *export)
{
  g_clear_object (&export->file);
  g_free (export);
}

/* The worker draws a map of its own: a map is used by one thread at a
 * time, and the one on the screen is the project's as saved. */
static gpointer
export_map (GrdProject      *worker,
            gpointer         input,
            GrdJobProgress  *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  MapExport *export = input;
  g_autoptr(GrdCodeMap) map = grd_code_map_new (worker, error);
  g_autofree char *path = NULL;

  if (map == NULL)
    return NULL;
  path = g_file_get_path (export->file);
  if (!grd_code_map_write (map, path, export->png ? GRD_IMAGE_FORMAT_PNG : GRD_IMAGE_FORMAT_SVG,
                           PNG_SCALE, error))
    return NULL;

  return g_file_get_basename (export->file);
}

static void
on_map_exported (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GrdCodeMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = grd_job_finish (GRD_PROJECT (object), result, &error);
  g_autofree char *title = NULL;

  set_export_sensitive (self, self->codes != NULL && self->codes->len > 0);
  if (name == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not export the code map"), error);
      return;
    }

  title = g_strdup_printf (_("Saved the code map as %s"), name);
  grd_show_toast (GTK_WIDGET (self), adw_toast_new (title));
}

static void
on_export_file_chosen (GtkWindow  *parent,
                       GListModel *files,
                       gpointer    user_data)
{
  g_autoptr(GrdCodeMapView) self = user_data;
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  MapExport *export;

  if (file == NULL || project_of (self) == NULL)
    return;

  export = g_new0 (MapExport, 1);
  export->png = g_str_has_suffix (name, ".png");
  export->file = g_steal_pointer (&file);
  set_export_sensitive (self, FALSE);
  grd_job_run_async (project_of (self), export_map, export, (GDestroyNotify) map_export_free,
                     g_free, 0, NULL, NULL, NULL, on_map_exported, g_object_ref (self));
}

static void
choose_export_file (GrdCodeMapView *self,
                    GtkWidget      *button)
{
  g_autofree char *name = NULL;

  /* Translators: the suggested file name; the extension follows */
  name = g_strdup_printf ("%s.%s", _("Code map"),
                          button == self->export_png_button ? "png" : "svg");
  grd_choose_file_to_save (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           _("Export the Code Map"), name, on_export_file_chosen,
                           g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------- */

static void
grd_code_map_view_map (GtkWidget *widget)
{
  GrdCodeMapView *self = GRD_CODE_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (grd_code_map_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_code_map_view_dispose (GObject *object)
{
  GrdCodeMapView *self = GRD_CODE_MAP_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_pointer (&self->map, grd_code_map_free);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_CODE_MAP_VIEW);

  G_OBJECT_CLASS (grd_code_map_view_parent_class)->dispose (object);
}

static void
grd_code_map_view_finalize (GObject *object)
{
  GrdCodeMapView *self = GRD_CODE_MAP_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);

  G_OBJECT_CLASS (grd_code_map_view_parent_class)->finalize (object);
}

static void
grd_code_map_view_class_init (GrdCodeMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    const char *action;
    guint       keys[3];
  } zoom_keys[] = {
    { "map.zoom-in", { GDK_KEY_plus, GDK_KEY_equal, GDK_KEY_KP_Add } },
    { "map.zoom-out", { GDK_KEY_minus, GDK_KEY_KP_Subtract, GDK_KEY_underscore } },
    { "map.zoom-reset", { GDK_KEY_0, GDK_KEY_KP_0, GDK_KEY_KP_Insert } },
    { "map.zoom-fit", { GDK_KEY_9, GDK_KEY_KP_9, GDK_KEY_KP_Page_Up } },
  };

  object_class->dispose = grd_code_map_view_dispose;
  object_class->finalize = grd_code_map_view_finalize;
  widget_class->map = grd_code_map_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  signals[SHOW_CODE] = g_signal_new ("show-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_keys); i++)
    {
      gtk_widget_class_install_action (widget_class, zoom_keys[i].action, NULL, zoom_action);
      for (guint k = 0; k < G_N_ELEMENTS (zoom_keys[i].keys); k++)
        gtk_widget_class_add_binding_action (widget_class, zoom_keys[i].keys[k],
                                             GDK_CONTROL_MASK, zoom_keys[i].action, NULL);
    }

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-code-map-view.ui");
  /* Bound, though never read, so that disposing the template unparents it. */
  gtk_widget_class_bind_template_child_full (widget_class, "layout", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, show_button);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, export_svg_button);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, export_png_button);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GrdCodeMapView, canvas);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_code_map_view_init (GrdCodeMapView *self)
{
  GtkGesture *drag;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = grd_page_reader_new (GTK_WIDGET (self),
                                      GRD_CHANGE_CODES | GRD_CHANGE_CODINGS |
                                      GRD_CHANGE_RELATIONS | GRD_CHANGE_MAP,
                                      (void (*) (GtkWidget *)) refresh);
  self->zoom = POINT_PX;

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->canvas), draw_canvas, self, NULL);
  g_signal_connect_swapped (self->canvas, "resize", G_CALLBACK (on_canvas_resize), self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (self->canvas, GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (self->canvas, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_pointer_motion), self);
  gtk_widget_add_controller (self->canvas, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->canvas, controller);

  g_signal_connect_swapped (self->show_button, "clicked", G_CALLBACK (on_show_clicked), self);
  g_signal_connect_swapped (self->export_svg_button, "clicked", G_CALLBACK (choose_export_file),
                            self);
  g_signal_connect_swapped (self->export_png_button, "clicked", G_CALLBACK (choose_export_file),
                            self);
  set_export_sensitive (self, FALSE);
  select_code (self, 0);
}

GtkWidget *
grd_code_map_view_new (void)
{
  return g_object_new (GRD_TYPE_CODE_MAP_VIEW, NULL);
}

gboolean
grd_code_map_view_get_loading (const GrdCodeMapView *self)
{
  g_return_val_if_fail (GRD_IS_CODE_MAP_VIEW ((gpointer) self), FALSE);

  return grd_page_reader_get_loading (self->reader);
}

void
grd_code_map_view_set_project (GrdCodeMapView *self,
                               GrdProject     *project)
{
  g_return_if_fail (GRD_IS_CODE_MAP_VIEW (self));

  g_clear_pointer (&self->map, grd_code_map_free);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  self->fitted = FALSE;
  self->dragged = 0;
  select_code (self, 0);
  set_export_sensitive (self, FALSE);

  grd_page_reader_set_project (self->reader, project);
}
