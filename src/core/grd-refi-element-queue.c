/* grd-refi-element-queue.c: a project file's elements, read on a thread of their own
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading and validating a .qde takes a third of a large import, storing
 * what it holds most of the rest; on two cores the two overlap. A reader
 * thread expands each element the import takes (a child of <Project>, or
 * of its <Sources> or <Notes>), copies it out of the reader's document,
 * which frees its nodes as it moves on, and queues it with the schema
 * warnings met on the way. The import thread takes them in file order, so
 * its report reads as if one thread had done it all. The queue holds a few
 * elements: memory still follows the largest element, not the file. */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>

#include "grd-refi-import-private.h"

/* Enough to keep the reader busy while one large source is stored. */
#define QUEUE_LENGTH 8

typedef struct {
  xmlNodePtr     node;       /* a copy; NULL at the end */
  char          *container;  /* "Sources", "Notes" or NULL */
  GrdRefiReport *warnings;   /* met before the element, or NULL */
  GError        *error;      /* at the end: why reading stopped early */
} QueuedElement;

struct _GrdRefiElementQueue
{
  xmlTextReaderPtr  reader;
  ReaderErrors     *errors;
  GThread          *thread;

  GMutex            lock;
  GCond             cond;
  GQueue            elements;
  gboolean          stopping;   /* the import went no further */
  GSList           *spent;      /* taken elements, for the reader to free: */
                                /* freeing is a twentieth of an import */

  QueuedElement    *current;    /* the import's, until it asks for the next */
};

static void
queued_element_free (QueuedElement *element)
{
  g_clear_pointer (&element->node, xmlFreeNode);
  g_free (element->container);
  g_clear_pointer (&element->warnings, grd_refi_report_free);
  g_clear_error (&element->error);
  g_free (element);
}

/* xmlCopyNode() keeps an element's line but not a text node's line past
 * 65535, which XML_PARSE_BIG_LINES keeps in psvi; warnings need both. */
static void
copy_lines (xmlNodePtr from,
            xmlNodePtr to)
{
  for (; from != NULL && to != NULL; from = from->next, to = to->next)
    {
      to->line = from->line;
      if (from->type == XML_TEXT_NODE)
        to->psvi = from->psvi;
      else if (from->type == XML_ELEMENT_NODE)
        copy_lines (from->children, to->children);
    }
}

/* Waits for room; FALSE when the import has stopped, element not taken. */
static gboolean
push (GrdRefiElementQueue *self,
      QueuedElement       *element)
{
  GSList *spent;
  gboolean pushed;

  g_mutex_lock (&self->lock);
  while (!self->stopping && self->elements.length >= QUEUE_LENGTH)
    g_cond_wait (&self->cond, &self->lock);
  pushed = !self->stopping;
  if (pushed)
    {
      g_queue_push_tail (&self->elements, element);
      g_cond_broadcast (&self->cond);
    }
  spent = g_steal_pointer (&self->spent);
  g_mutex_unlock (&self->lock);

  g_slist_free_full (spent, (GDestroyNotify) queued_element_free);
  return pushed;
}

static QueuedElement *
queued_element_new (GrdRefiElementQueue *self)
{
  QueuedElement *element = g_new0 (QueuedElement, 1);

  if (self->errors->held->warnings->len > 0 || self->errors->held->n_warnings_dropped > 0)
    {
      element->warnings = g_steal_pointer (&self->errors->held);
      self->errors->held = grd_refi_report_new ();
    }
  return element;
}

static gpointer
read_elements (gpointer data)
{
  GrdRefiElementQueue *self = data;
  xmlTextReaderPtr reader = self->reader;
  g_autofree char *container = NULL;
  QueuedElement *end;
  int ret = xmlTextReaderRead (reader);

  while (ret == 1)
    {
      int depth = xmlTextReaderDepth (reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      QueuedElement *element;
      xmlNodePtr node;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || depth < 1 || depth > 2)
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (depth == 1 && (strcmp (name, "Sources") == 0 || strcmp (name, "Notes") == 0))
        {
          g_free (container);
          container = g_strdup (name);
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (depth == 2 && container == NULL)
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (depth == 1)
        g_clear_pointer (&container, g_free);

      node = xmlTextReaderExpand (reader);
      if (node == NULL || self->errors->fatal != NULL)
        {
          ret = -1;
          break;
        }
      element = queued_element_new (self);
      element->node = xmlCopyNode (node, 1);
      g_assert (element->node != NULL);   /* libxml2 fails only out of memory */
      copy_lines (node, element->node);
      element->container = g_strdup (container);
      if (!push (self, element))
        {
          queued_element_free (element);
          return NULL;
        }
      ret = xmlTextReaderNext (reader);
    }

  end = queued_element_new (self);
  /* the thread's own last libxml2 error is read here, on its thread */
  if (ret != 0 || self->errors->fatal != NULL)
    _grd_refi_reader_failed (reader, self->errors, &end->error);
  if (!push (self, end))
    queued_element_free (end);
  return NULL;
}

GrdRefiElementQueue *
_grd_refi_element_queue_new (xmlTextReaderPtr  reader,
                             ReaderErrors     *errors)
{
  GrdRefiElementQueue *self = g_new0 (GrdRefiElementQueue, 1);

  self->reader = reader;
  self->errors = errors;
  g_clear_pointer (&errors->held, grd_refi_report_free);
  errors->held = grd_refi_report_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->elements);
  self->thread = g_thread_new ("grd-refi-reader", read_elements, self);
  return self;
}

gboolean
_grd_refi_element_queue_next (GrdRefiElementQueue  *self,
                              GrdRefiReport        *report,
                              xmlNodePtr           *node,
                              const char          **container,
                              GError              **error)
{
  QueuedElement *element;

  g_mutex_lock (&self->lock);
  if (self->current != NULL)
    self->spent = g_slist_prepend (self->spent, g_steal_pointer (&self->current));
  while (self->elements.length == 0)
    g_cond_wait (&self->cond, &self->lock);
  element = g_queue_pop_head (&self->elements);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  self->current = element;
  if (element->warnings != NULL)
    _grd_refi_report_take_warnings (report, element->warnings);
  if (element->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&element->error));
      return FALSE;
    }
  *node = element->node;
  *container = element->container;
  return TRUE;
}

void
_grd_refi_element_queue_free (GrdRefiElementQueue *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  g_queue_clear_full (&self->elements, (GDestroyNotify) queued_element_free);
  g_slist_free_full (self->spent, (GDestroyNotify) queued_element_free);
  g_clear_pointer (&self->current, queued_element_free);
  g_clear_pointer (&self->errors->held, grd_refi_report_free);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->lock);
  g_free (self);
}
