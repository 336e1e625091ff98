/* Debian's libpcap.a links libdbus-1.a (for D-Bus capture), and libdbus-1.a
 * calls two libsystemd functions to find sockets passed by systemd socket
 * activation. No static libsystemd exists, and nsbox is never socket-activated,
 * so these answer as libsystemd does when nothing was passed. */
int sd_listen_fds(int unset_environment);
int sd_is_socket(int fd, int family, int type, int listening);

int sd_listen_fds(int unset_environment)
{
	(void)unset_environment;
	return 0; /* no file descriptors passed */
}

int sd_is_socket(int fd, int family, int type, int listening)
{
	(void)fd;
	(void)family;
	(void)type;
	(void)listening;
	return 0; /* not a socket of the asked kind */
}
