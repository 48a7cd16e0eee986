/* The xenstore ops of chan_xs.h on libxenstore. */
#ifndef ROUTELET_XS_OPS_XEN_H
#define ROUTELET_XS_OPS_XEN_H

#include "routelet/chan_xs.h"

extern const struct xs_ops xs_ops_xen;

/*
 * Connect to xenstore (xenbus in a guest), twice: see xs_ops_xen.c.  NULL
 * with errno on failure.
 */
void *xs_xen_open(void);
/*
 * Close it; once the watch is set, only at process exit (the watch
 * connection and its reader thread are left to the exit).
 */
void xs_xen_close(void *h);

#endif
