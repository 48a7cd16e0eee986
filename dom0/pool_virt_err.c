/*
 * libvirt's errors as -errno, logged with libvirt's own message
 * (dom0/pool_virt_local.h).  libvirt keeps the last error per thread, so
 * this works from the worker, the loop and the event thread alike.
 */
#include <errno.h>
#include <string.h>

#include "dom0/pool_virt_local.h"
#include "lib/log.h"

int
virt_err_errno(int code, int sys_errno)
{
	switch (code) {
	case VIR_ERR_OK:
		return 0;
	case VIR_ERR_NO_MEMORY:
		return -ENOMEM;
	case VIR_ERR_SYSTEM_ERROR:
		return sys_errno > 0 ? -sys_errno : -EIO;
	case VIR_ERR_NO_DOMAIN:
		return -ENOENT;
	case VIR_ERR_DOM_EXIST:
		return -EEXIST;
	case VIR_ERR_NO_SUPPORT:
	case VIR_ERR_ARGUMENT_UNSUPPORTED:
		return -ENOTSUP;
	case VIR_ERR_INVALID_ARG:
	case VIR_ERR_XML_ERROR:
	case VIR_ERR_XML_DETAIL:
	case VIR_ERR_CONFIG_UNSUPPORTED:
		return -EINVAL;
	case VIR_ERR_OPERATION_INVALID:
		return -ESRCH;		/* mostly: the domain is not running */
	case VIR_ERR_OPERATION_DENIED:
	case VIR_ERR_AUTH_FAILED:
	case VIR_ERR_AUTH_CANCELLED:
	case VIR_ERR_ACCESS_DENIED:
		return -EACCES;
	case VIR_ERR_OPERATION_TIMEOUT:
	case VIR_ERR_AGENT_UNRESPONSIVE:
		return -ETIMEDOUT;
	case VIR_ERR_NO_CONNECT:
	case VIR_ERR_INVALID_CONN:
		return -ENOTCONN;
	case VIR_ERR_RESOURCE_BUSY:
		return -EBUSY;
	default:
		return -EIO;
	}
}

int
virt_err(const char *what, int quiet)
{
	virErrorPtr e = virGetLastError();
	int code = e != NULL ? e->code : VIR_ERR_INTERNAL_ERROR;
	const char *msg;
	size_t len;
	int rc;

	rc = virt_err_errno(code, e != NULL && e->code == VIR_ERR_SYSTEM_ERROR ?
	    e->int1 : 0);
	if (rc == 0)
		rc = -EIO;	/* a call failed without saying why */
	if (code != quiet) {
		msg = virGetLastErrorMessage();
		len = strcspn(msg, "\n");	/* some end in a newline */
		log_warnx("virt: %s: %.*s", what, (int)len, msg);
	}
	virResetLastError();
	return rc;
}
