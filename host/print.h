/*
 * Printers of a dissected packet (host/dissect.h): text in the manner of
 * tcpdump -v, one header line and one indented line per object; JSON, one
 * object per message with stable keys.  Later commands (send, recv) print
 * the messages they exchange through the same functions.
 */
#ifndef QUASAR_HOST_PRINT_H
#define QUASAR_HOST_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "host/dissect.h"

/* Print 'v' to 'fp' as text; 'verbose' adds link-layer details. */
void print_text(FILE *fp, const struct pkt_view *v, bool verbose);

/*
 * 'v' as a new JSON object (the caller owns the reference); NULL when out
 * of memory.  'verbose' adds link-layer details.
 */
json_t *print_json_view(const struct pkt_view *v, bool verbose);
/* Print 'v' to 'fp' as one line of JSON; -1 on failure. */
int print_json(FILE *fp, const struct pkt_view *v, bool verbose);

#endif
