// SPDX-License-Identifier: GPL-2.0
/*
 * labctl: the host end of the lab's control channel (see proto.h).
 *
 *   labctl SOCKET ping SECONDS [QEMU-PID]
 *       wait until the guest agent answers; print "taint N". Gives up at
 *       once (status 4) when QEMU-PID is given and that process is gone.
 *   labctl SOCKET run SECONDS RESULT-FILE -- ARGV...
 *       run ARGV in the guest, copy its stdout/stderr to ours, and write one
 *       line to RESULT-FILE:
 *         exit STATUS TAINT      the command ended
 *         noexec ERRNO TAINT     the command could not be started
 *         timeout TAINT          deadline passed; guest alive; command killed
 *         hung                   deadline passed and the guest does not answer
 *         lost                   the channel closed (the guest or QEMU died)
 *
 * Exit status: 0 when a result was obtained, 2 on bad usage or I/O error.
 */
#include "proto.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int connect_sock(const char *path, double deadline)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "labctl: socket path too long: %s\n", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	for (;;) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0) {
			perror("labctl: socket");
			return -1;
		}
		if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			return fd;
		close(fd);
		if (now() >= deadline || interrupted)
			return -1;
		usleep(50000);
	}
}

static int send_msg(int fd, uint8_t type, uint32_t id, const void *d, uint32_t len)
{
	struct lab_hdr h = { .type = type, .id = id, .len = len };
	const char *p;
	size_t left;

	for (int part = 0; part < 2; part++) {
		p = part ? d : (const void *)&h;
		left = part ? len : sizeof(h);
		while (left) {
			ssize_t n = write(fd, p, left);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return -1;
			p += n;
			left -= n;
		}
	}
	return 0;
}

/* Frame reader state. */
static char buf[sizeof(struct lab_hdr) + LAB_MAX_PAYLOAD];
static size_t have;

/*
 * Read one frame before the deadline. Returns 1 with a frame, 0 on
 * deadline, -1 when the channel closed.
 */
static int read_frame(int fd, double deadline, struct lab_hdr *h, char **payload)
{
	static size_t consumed;

	if (consumed) {
		memmove(buf, buf + consumed, have - consumed);
		have -= consumed;
		consumed = 0;
	}
	for (;;) {
		if (have >= sizeof(*h)) {
			memcpy(h, buf, sizeof(*h));
			if (h->len > LAB_MAX_PAYLOAD)
				return -1;
			if (have >= sizeof(*h) + h->len) {
				*payload = buf + sizeof(*h);
				consumed = sizeof(*h) + h->len;
				return 1;
			}
		}
		{
			double left = deadline - now();
			struct pollfd pf = { fd, POLLIN, 0 };
			ssize_t n;
			int r;

			if (left <= 0 || interrupted)
				return 0;
			r = poll(&pf, 1, (int)(left * 1000) + 1);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				continue;
			n = read(fd, buf + have, sizeof(buf) - have);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return -1;
			have += n;
		}
	}
}

static void copy_out(int to, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(to, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* reader went away: keep draining the channel */
		p += n;
		len -= n;
	}
}

/* Wait for the PONG of id; 1 = answered, 0 = no answer, -1 = closed. */
static int await_pong(int fd, uint32_t id, double deadline, uint32_t *taint)
{
	struct lab_hdr h;
	char *p;
	int r;

	while ((r = read_frame(fd, deadline, &h, &p)) == 1) {
		if (h.type == LAB_PONG && h.id == id && h.len == sizeof(struct lab_exit)) {
			struct lab_exit x;

			memcpy(&x, p, sizeof(x));
			*taint = x.taint;
			return 1;
		}
	}
	return r;
}

static uint32_t new_id(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint32_t)(ts.tv_nsec ^ (ts.tv_sec << 20) ^ ((uint32_t)getpid() << 8)) | 1u;
}

static int do_ping(const char *sock, double secs, pid_t qemu)
{
	double deadline = now() + secs;
	uint32_t id = new_id(), taint = 0;

	while (now() < deadline && !interrupted) {
		int fd = connect_sock(sock, now() + 0.5);
		int r;

		if (qemu > 0 && kill(qemu, 0) && errno == ESRCH)
			return 4;
		if (fd < 0)
			continue;
		have = 0;
		if (send_msg(fd, LAB_PING, id, NULL, 0) == 0) {
			double step = now() + 0.5;

			r = await_pong(fd, id, step < deadline ? step : deadline, &taint);
			close(fd);
			if (r == 1) {
				printf("taint %u\n", taint);
				return 0;
			}
		} else {
			close(fd);
		}
		usleep(100000);
	}
	return 3;
}

static int write_result(const char *path, const char *line)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(line, f) == EOF || fclose(f)) {
		perror("labctl: result file");
		return 2;
	}
	return 0;
}

static int do_run(const char *sock, double secs, const char *result, char **argv)
{
	double deadline = now() + secs;
	uint32_t id = new_id(), taint = 0;
	size_t len = 0;
	char *payload, line[128], *pp;
	struct lab_hdr h;
	int fd, r;

	for (char **a = argv; *a; a++)
		len += strlen(*a) + 1;
	if (!len || len > LAB_MAX_PAYLOAD) {
		fprintf(stderr, "labctl: command line empty or too long\n");
		return 2;
	}
	payload = malloc(len);
	if (!payload)
		return 2;
	pp = payload;
	for (char **a = argv; *a; a++) {
		size_t l = strlen(*a) + 1;

		memcpy(pp, *a, l);
		pp += l;
	}
	fd = connect_sock(sock, now() + 10);
	if (fd < 0 || send_msg(fd, LAB_RUN, id, payload, (uint32_t)len)) {
		free(payload);
		return write_result(result, "lost\n");
	}
	free(payload);
	while ((r = read_frame(fd, deadline, &h, &pp)) == 1) {
		if (h.id != id)
			continue; /* a stale frame of an earlier client */
		if (h.type == LAB_OUT) {
			copy_out(1, pp, h.len);
		} else if (h.type == LAB_ERR) {
			copy_out(2, pp, h.len);
		} else if ((h.type == LAB_EXIT || h.type == LAB_NOEXEC) &&
			   h.len == sizeof(struct lab_exit)) {
			struct lab_exit x;

			memcpy(&x, pp, sizeof(x));
			snprintf(line, sizeof(line), "%s %d %u\n",
				 h.type == LAB_EXIT ? "exit" : "noexec",
				 x.status, x.taint);
			close(fd);
			return write_result(result, line);
		}
	}
	if (r < 0) {
		close(fd);
		return write_result(result, "lost\n");
	}
	/* Deadline or interrupt: stop the command, then see if the guest answers. */
	send_msg(fd, LAB_KILL, id, NULL, 0);
	if (interrupted) {
		close(fd);
		write_result(result, "interrupted\n");
		return 130;
	}
	send_msg(fd, LAB_PING, id + 1, NULL, 0);
	r = await_pong(fd, id + 1, now() + 3, &taint);
	close(fd);
	if (r == 1) {
		snprintf(line, sizeof(line), "timeout %u\n", taint);
		return write_result(result, line);
	}
	return write_result(result, r < 0 ? "lost\n" : "hung\n");
}

static void usage(void)
{
	fprintf(stderr, "usage: labctl SOCKET ping SECONDS [QEMU-PID]\n"
			"       labctl SOCKET run SECONDS RESULT-FILE -- ARGV...\n");
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	double secs;
	char *end;

	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (argc < 4) {
		usage();
		return 2;
	}
	secs = strtod(argv[3], &end);
	if (*end || !(secs > 0)) {
		fprintf(stderr, "labctl: bad timeout: %s\n", argv[3]);
		return 2;
	}
	if (!strcmp(argv[2], "ping") && (argc == 4 || argc == 5))
		return do_ping(argv[1], secs, argc == 5 ? (pid_t)atoi(argv[4]) : 0);
	if (!strcmp(argv[2], "run") && argc >= 7 && !strcmp(argv[5], "--"))
		return do_run(argv[1], secs, argv[4], argv + 6);
	usage();
	return 2;
}
