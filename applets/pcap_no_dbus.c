/* Built only with -DNSBOX_PCAP_DBUS=OFF: libpcap without D-Bus capture.
 *
 * libpcap's pcap.c lists its capture modules in a table that names each
 * module's findalldevs and create functions, so linking pcap.o from
 * libpcap.a pulls in every module, and pcap-dbus.o pulls in all of
 * libdbus-1.a (about 270 kB of nsbox's 4 MB). Defining the D-Bus module's two
 * entry points here, in an object linked before libpcap.a, answers the table
 * as a libpcap configured without D-Bus does: no dbus-system/dbus-session
 * devices in `tcpdump -D`, and a name like dbus-system is tried as an
 * ordinary interface. pcap-dbus.o and libdbus are then never linked.
 * The signatures are libpcap 1.10's (pcap-dbus.h). */
#include <stddef.h>

struct pcap;
struct pcap_if_list;

int dbus_findalldevs(struct pcap_if_list *devlistp, char *err_str);
struct pcap *dbus_create(const char *device, char *ebuf, int *is_ours);

int dbus_findalldevs(struct pcap_if_list *devlistp, char *err_str)
{
	(void)devlistp;
	(void)err_str;
	return 0; /* no D-Bus devices, no error */
}

struct pcap *dbus_create(const char *device, char *ebuf, int *is_ours)
{
	(void)device;
	(void)ebuf;
	*is_ours = 0; /* not ours: libpcap tries the next module */
	return NULL;
}
