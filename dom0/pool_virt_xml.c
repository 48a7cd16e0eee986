/*
 * The domain XML of a routelet (dom0/pool_virt_local.h).  Every string
 * from outside (names, paths, the command line) is escaped; a control
 * character, which XML 1.0 cannot carry, refuses the whole domain.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dom0/pool_virt_local.h"

/* Inside the container: the routelet's interface and its supervisor. */
#define LXC_INNER_IF	"eth0"
#define LXC_SHELL	"/bin/sh"
/*
 * PID 1 of the container: runs the routelet ($0) on eth0 with its socket
 * ($1) and stderr to $2, and starts it again when it exits (a reset ends
 * it).  The paths are arguments, never part of the script text.
 */
#define LXC_SUPERVISOR \
	"while :; do \"$0\" -d -i " LXC_INNER_IF " -s \"$1\" 2>>\"$2\"; " \
	"sleep 0.1; done"

struct xml_out {
	char	*buf;
	size_t	cap, len;
	int	rc;
};

static void
out_raw(struct xml_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->rc != 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->cap - o->len)
		o->rc = -ENOSPC;
	else
		o->len += (size_t)n;
}

/* 's' escaped for text and attribute values alike. */
static void
out_esc(struct xml_out *o, const char *s)
{
	const char *rep;
	char c[2] = { 0, 0 };

	for (; *s != '\0' && o->rc == 0; s++) {
		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '\'':
			rep = "&apos;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			if ((unsigned char)*s < 0x20 || *s == 0x7f) {
				o->rc = -EINVAL;
				return;
			}
			c[0] = *s;
			rep = c;
		}
		out_raw(o, "%s", rep);
	}
}

/* <tag>escaped text</tag> on its own line, indented 'ind' spaces. */
static void
out_elem(struct xml_out *o, int ind, const char *tag, const char *text)
{
	out_raw(o, "%*s<%s>", ind, "", tag);
	out_esc(o, text);
	out_raw(o, "</%s>\n", tag);
}

static void
out_head(struct xml_out *o, const char *type, const struct virt_xml_args *a)
{
	out_raw(o, "<domain type='%s'>\n", type);
	out_elem(o, 2, "name", a->name);
	out_raw(o, "  <memory unit='KiB'>%" PRIu64 "</memory>\n", a->mem_kib);
	out_raw(o, "  <currentMemory unit='KiB'>%" PRIu64 "</currentMemory>\n",
	    a->mem_kib);
	out_raw(o, "  <vcpu>1</vcpu>\n");
}

/* A routelet that stops, for whatever reason, is gone: the pool decides. */
static void
out_lifecycle(struct xml_out *o)
{
	out_raw(o, "  <on_poweroff>destroy</on_poweroff>\n"
	    "  <on_reboot>destroy</on_reboot>\n"
	    "  <on_crash>destroy</on_crash>\n");
}

/* The interface whose dom0 end is a->ifname; 'extra' lines inside it. */
static void
out_iface(struct xml_out *o, const struct virt_xml_args *a, const char *extra)
{
	out_raw(o, "    <interface type='ethernet'>\n      <target dev='");
	out_esc(o, a->ifname);
	out_raw(o, "'/>\n%s    </interface>\n", extra);
}

static void
xml_lxc(struct xml_out *o, const struct virt_xml_args *a)
{
	out_head(o, "lxc", a);
	out_raw(o, "  <os>\n    <type>exe</type>\n");
	out_elem(o, 4, "init", LXC_SHELL);
	out_elem(o, 4, "initarg", "-c");
	out_elem(o, 4, "initarg", LXC_SUPERVISOR);
	out_elem(o, 4, "initarg", a->routelet);
	out_elem(o, 4, "initarg", a->sock);
	out_elem(o, 4, "initarg", a->log);
	out_raw(o, "  </os>\n");
	out_lifecycle(o);
	out_raw(o, "  <devices>\n"
	    "    <filesystem type='mount' accessmode='passthrough'>\n"
	    "      <source dir='");
	out_esc(o, a->run_dir);
	out_raw(o, "'/>\n      <target dir='");
	out_esc(o, a->run_dir);
	out_raw(o, "'/>\n    </filesystem>\n");
	/* up inside too: libvirt leaves an interface without address down */
	out_iface(o, a, "      <guest dev='" LXC_INNER_IF "'/>\n"
	    "      <link state='up'/>\n");
	out_raw(o, "    <console type='pty'/>\n  </devices>\n</domain>\n");
}

static void
xml_xen(struct xml_out *o, const struct virt_xml_args *a)
{
	out_head(o, "xen", a);
	out_raw(o, "  <os>\n    <type arch='x86_64' machine='xenpv'>linux"
	    "</type>\n");
	out_elem(o, 4, "kernel", a->kernel);
	out_elem(o, 4, "initrd", a->initrd);
	out_elem(o, 4, "cmdline", a->cmdline);
	out_raw(o, "  </os>\n");
	out_lifecycle(o);
	out_raw(o, "  <devices>\n");
	out_raw(o, "    <interface type='ethernet'>\n      <script path='");
	out_esc(o, a->vif_script);
	out_raw(o, "'/>\n      <target dev='");
	out_esc(o, a->ifname);
	out_raw(o, "'/>\n    </interface>\n");
	out_raw(o, "    <console type='pty'>\n"
	    "      <target type='xen' port='0'/>\n    </console>\n"
	    "  </devices>\n</domain>\n");
}

static void
xml_test(struct xml_out *o, const struct virt_xml_args *a)
{
	out_head(o, "test", a);
	out_raw(o, "  <os>\n    <type>hvm</type>\n  </os>\n");
	out_lifecycle(o);
	out_raw(o, "  <devices>\n");
	out_iface(o, a, "");
	out_raw(o, "  </devices>\n</domain>\n");
}

int
virt_xml_domain(const struct virt_xml_args *a, char *buf, size_t cap)
{
	struct xml_out o = { buf, cap, 0, 0 };

	if (cap == 0)
		return -ENOSPC;
	buf[0] = '\0';
	switch (a->kind) {
	case VIRT_LXC:
		xml_lxc(&o, a);
		break;
	case VIRT_XEN:
		xml_xen(&o, a);
		break;
	case VIRT_TEST:
		xml_test(&o, a);
		break;
	}
	if (o.rc != 0) {
		buf[0] = '\0';
		return o.rc;
	}
	return (int)o.len;
}
