// SPDX-License-Identifier: GPL-2.0
/*
 * rxpath serve: the Prometheus exporter. An HTTP/1.1 server of one thread
 * on one address (loopback by default), for a Prometheus server or an
 * agent to scrape: GET /metrics gives what rxpath prom prints, read at
 * the scrape, and the exporter's own rxpath_up, rxpath_scrape_duration_seconds
 * and rxpath_exporter_info. Every connection is closed after its answer; a
 * client that sends no request within 5 s is dropped. The device is opened
 * for each scrape and closed after it, so the exporter never holds the
 * module. It runs as any member of the device's group (docs/fleet.md).
 */
#define _GNU_SOURCE		/* accept4 */
#include <errno.h>
#include <getopt.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "rxpath.h"

#define RXPATH_SERVE_DEFAULT	"127.0.0.1:9848"
#define RXPATH_SERVE_TIMEOUT_MS	5000
#define RXPATH_SERVE_REQUEST	8192

static const char rxpath_serve_usage[] =
	"usage: rxpath serve [-l ADDRESS:PORT]\n"
	"  -l ADDRESS:PORT  listen there (default " RXPATH_SERVE_DEFAULT "; [::1]:PORT for IPv6,\n"
	"                   :PORT for every IPv4 address)\n";

/*
 * A listening socket on spec: A.B.C.D:PORT, [IPv6]:PORT, or :PORT for
 * every IPv4 address; numeric, so that no name service is asked. -1 and
 * one line.
 */
static int rxpath_serve_listen(const char *spec)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in a4 = { .sin_family = AF_INET };
	const char *colon = strrchr(spec, ':');
	struct sockaddr *sa = (struct sockaddr *)&a4;
	socklen_t salen = sizeof(a4);
	unsigned int port;
	char host[64];
	size_t n;
	int fd, one = 1;

	if (!colon || rxpath_parse_uint(colon + 1, 65535, &port) || !port ||
	    (size_t)(colon - spec) >= sizeof(host))
		goto bad;
	n = colon - spec;
	memcpy(host, spec, n);
	host[n] = 0;
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		host[n - 1] = 0;
		if (inet_pton(AF_INET6, host + 1, &a6.sin6_addr) != 1)
			goto bad;
		a6.sin6_port = htons(port);
		sa = (struct sockaddr *)&a6;
		salen = sizeof(a6);
	} else if (n && inet_pton(AF_INET, host, &a4.sin_addr) != 1) {
		goto bad;
	}
	a4.sin_port = htons(port);
	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, sa, salen) || listen(fd, 16)) {
		fprintf(stderr, "rxpath: -l %s: %s\n", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
bad:
	fprintf(stderr, "rxpath: -l %s: give A.B.C.D:PORT, [IPv6]:PORT or :PORT (numbers)\n", spec);
	return -1;
}

/* The metrics, into a malloc'd text (*len bytes). */
static char *rxpath_serve_metrics(size_t *len)
{
	char *text = NULL;
	double t0 = rxpath_now();
	FILE *f = open_memstream(&text, len);
	int up;

	if (!f)
		return NULL;
	up = !rxpath_prom_write(f, rxpath_table_read);
	rxpath_prom_status(f);
	rxpath_files_close();
	fprintf(f, "# HELP rxpath_up Whether the module's tables could be read at this scrape.\n"
		"# TYPE rxpath_up gauge\nrxpath_up %d\n"
		"# HELP rxpath_exporter_info The exporter's version and the ABI it reads.\n"
		"# TYPE rxpath_exporter_info gauge\n"
		"rxpath_exporter_info{version=\"%s\",abi=\"%u\"} 1\n"
		"# HELP rxpath_scrape_duration_seconds How long this scrape took to read the module.\n"
		"# TYPE rxpath_scrape_duration_seconds gauge\n"
		"rxpath_scrape_duration_seconds %.6f\n",
		up, RXPATH_READER_VERSION, RXPATH_ABI_VERSION, rxpath_now() - t0);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

/* Writes all of buf; -1 on an error (the client went away). */
static int rxpath_serve_write(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n <= 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

static void rxpath_serve_answer(int fd, const char *status, const char *type,
				const char *body, size_t len, int head)
{
	char hdr[512];
	int n = snprintf(hdr, sizeof(hdr),
			 "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
			 "Connection: close\r\n\r\n", status, type, len);

	if (!rxpath_serve_write(fd, hdr, n) && !head)
		rxpath_serve_write(fd, body, len);
}

/* Reads a request's head, up to its blank line; its length, or -1. */
static int rxpath_serve_read(int fd, char *buf, size_t size)
{
	double end = rxpath_now() + RXPATH_SERVE_TIMEOUT_MS / 1000.0;
	size_t n = 0;

	while (n < size - 1) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int ms = (end - rxpath_now()) * 1000;
		ssize_t r;

		if (ms <= 0 || poll(&p, 1, ms) <= 0)
			return -1;
		r = recv(fd, buf + n, size - 1 - n, 0);
		if (r <= 0)
			return -1;
		n += r;
		buf[n] = 0;
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			return n;
	}
	return -1;
}

static void rxpath_serve_one(int fd)
{
	static const char index_page[] = "rxpath exporter: the metrics are at /metrics\n";
	char req[RXPATH_SERVE_REQUEST], method[16], path[1024];
	size_t len;
	char *body;
	int head;

	if (rxpath_serve_read(fd, req, sizeof(req)) < 0 ||
	    sscanf(req, "%15s %1023s HTTP/", method, path) != 2) {
		rxpath_serve_answer(fd, "400 Bad Request", "text/plain", "bad request\n", 12, 0);
		return;
	}
	head = !strcmp(method, "HEAD");
	if (strcmp(method, "GET") && !head) {
		rxpath_serve_answer(fd, "405 Method Not Allowed", "text/plain",
				    "GET or HEAD\n", 12, 0);
		return;
	}
	path[strcspn(path, "?")] = 0;
	if (!strcmp(path, "/")) {
		rxpath_serve_answer(fd, "200 OK", "text/plain", index_page,
				    sizeof(index_page) - 1, head);
		return;
	}
	if (strcmp(path, "/metrics")) {
		rxpath_serve_answer(fd, "404 Not Found", "text/plain", "not found\n", 10, head);
		return;
	}
	body = rxpath_serve_metrics(&len);
	if (!body) {
		rxpath_serve_answer(fd, "500 Internal Server Error", "text/plain",
				    "out of memory\n", 14, head);
		return;
	}
	rxpath_serve_answer(fd, "200 OK", "text/plain; version=0.0.4; charset=utf-8",
			    body, len, head);
	free(body);
}

int rxpath_serve_main(int argc, char **argv)
{
	const char *spec = RXPATH_SERVE_DEFAULT;
	int opt, lfd;

	optind = 1;
	while ((opt = getopt(argc, argv, "l:h")) != -1) {
		switch (opt) {
		case 'l':
			spec = optarg;
			break;
		case 'h':
			fputs(rxpath_serve_usage, stdout);
			return 0;
		default:
			fputs(rxpath_serve_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(rxpath_serve_usage, stderr);
		return 2;
	}
	lfd = rxpath_serve_listen(spec);
	if (lfd < 0)
		return 1;
	rxpath_stop_on_signals();
	fprintf(stderr, "rxpath: serving /metrics on %s\n", spec);
	while (!rxpath_stop) {
		struct pollfd p = { .fd = lfd, .events = POLLIN };
		int fd;

		if (poll(&p, 1, 1000) <= 0)
			continue;
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		rxpath_serve_one(fd);
		close(fd);
	}
	close(lfd);
	return 0;
}
