// SPDX-License-Identifier: GPL-2.0
/*
 * lab-agent: runs in the guest as PID 1's successor (exec'd by /init).
 * Serves the lab's control protocol (proto.h) on the virtio-serial port
 * named LAB_PORT_NAME: runs one command at a time, streams its stdout and
 * stderr back, reports its exit status and the kernel's taint flags, and
 * reaps every orphan of the guest.
 */
#include "proto.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd {
	pid_t pid;        /* 0 when no command runs */
	uint32_t id;
	int out, err;     /* pipe read ends, -1 when closed */
	int done;         /* child reaped */
	int status;
};

static int port = -1;
static int host_gone;

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static uint32_t read_taint(void)
{
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");
	unsigned long t = 0;

	if (f) {
		if (fscanf(f, "%lu", &t) != 1)
			t = 0;
		fclose(f);
	}
	return (uint32_t)t;
}

static int open_port(void)
{
	for (int tries = 0; tries < 500; tries++) {
		DIR *d = opendir("/sys/class/virtio-ports");
		struct dirent *e;

		while (d && (e = readdir(d))) {
			char p[300], name[64] = "";
			FILE *f;

			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "/sys/class/virtio-ports/%s/name",
				 e->d_name);
			f = fopen(p, "r");
			if (!f)
				continue;
			if (!fgets(name, sizeof(name), f))
				name[0] = '\0';
			fclose(f);
			name[strcspn(name, "\n")] = '\0';
			if (strcmp(name, LAB_PORT_NAME))
				continue;
			snprintf(p, sizeof(p), "/dev/%s", e->d_name);
			closedir(d);
			return open(p, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		}
		if (d)
			closedir(d);
		msleep(20);
	}
	errno = ENODEV;
	return -1;
}

/* Write all of buf; give up (host gone) after 10 s without progress. */
static void write_all(const void *buf, size_t len)
{
	const char *p = buf;

	while (len && !host_gone) {
		ssize_t n = write(port, p, len);

		if (n > 0) {
			p += n;
			len -= n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			host_gone = 1;
			return;
		}
		{
			struct pollfd pf = { port, POLLOUT, 0 };

			if (poll(&pf, 1, 10000) == 0 || (pf.revents & POLLHUP))
				host_gone = 1;
		}
	}
}

static void send_msg(uint8_t type, uint32_t id, const void *data, uint32_t len)
{
	struct lab_hdr h = { .type = type, .id = id, .len = len };

	write_all(&h, sizeof(h));
	if (len)
		write_all(data, len);
}

static void send_exit(uint8_t type, uint32_t id, int status)
{
	struct lab_exit x = { .status = status, .taint = read_taint() };

	send_msg(type, id, &x, sizeof(x));
}

static void kill_cmd(struct cmd *c)
{
	if (c->pid > 0 && !c->done)
		kill(-c->pid, SIGKILL);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void start_cmd(struct cmd *c, uint32_t id, char *payload, uint32_t len)
{
	char *argv[256];
	int argc = 0, po[2], pe[2], px[2];
	uint32_t i = 0;
	pid_t pid;
	int err = 0;
	ssize_t n;

	while (i < len && argc < 255) {
		argv[argc++] = payload + i;
		i += strnlen(payload + i, len - i) + 1;
	}
	argv[argc] = NULL;
	if (!argc || payload[len - 1] != '\0') {
		send_exit(LAB_NOEXEC, id, EINVAL);
		return;
	}
	if (pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC) || pipe2(px, O_CLOEXEC)) {
		send_exit(LAB_NOEXEC, id, errno);
		return;
	}
	pid = fork();
	if (pid == 0) {
		int dn = open("/dev/null", O_RDONLY);
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		setsid();
		dup2(dn, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		if (chdir("/root"))
			(void)chdir("/");
		execvp(argv[0], argv);
		err = errno;
		if (write(px[1], &err, sizeof(err)) < 0)
			_exit(127);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	close(px[1]);
	if (pid < 0) {
		err = errno;
		close(po[0]);
		close(pe[0]);
		close(px[0]);
		send_exit(LAB_NOEXEC, id, err);
		return;
	}
	n = read(px[0], &err, sizeof(err));
	close(px[0]);
	if (n == sizeof(err)) {
		/* exec failed: the child exits 127; reaped by the main loop */
		close(po[0]);
		close(pe[0]);
		c->pid = pid;
		c->id = id;
		c->out = c->err = -1;
		c->done = 0;
		c->status = -err; /* negative: NOEXEC */
		return;
	}
	c->pid = pid;
	c->id = id;
	c->out = po[0];
	c->err = pe[0];
	c->done = 0;
	c->status = 0;
}

static void forward(struct cmd *c, int *fd, uint8_t type)
{
	char buf[16384];
	ssize_t n = read(*fd, buf, sizeof(buf));

	if (n > 0)
		send_msg(type, c->id, buf, (uint32_t)n);
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		close_fd(fd);
}

static void finish_if_done(struct cmd *c)
{
	if (!c->pid || !c->done)
		return;
	/* The child has exited: forward what is left in the pipes. */
	for (int i = 0; i < 2; i++) {
		int *fd = i ? &c->err : &c->out;

		while (*fd >= 0) {
			struct pollfd pf = { *fd, POLLIN, 0 };

			if (poll(&pf, 1, 0) <= 0)
				break;
			forward(c, fd, i ? LAB_ERR : LAB_OUT);
		}
		close_fd(fd);
	}
	if (c->status < 0)
		send_exit(LAB_NOEXEC, c->id, -c->status);
	else
		send_exit(LAB_EXIT, c->id, c->status);
	c->pid = 0;
}

static void reap(struct cmd *c)
{
	int st;
	pid_t p;

	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		if (p != c->pid)
			continue;
		c->done = 1;
		if (c->status >= 0)
			c->status = WIFEXITED(st) ? WEXITSTATUS(st) :
				    128 + WTERMSIG(st);
	}
}

int main(void)
{
	static char rbuf[sizeof(struct lab_hdr) + LAB_MAX_PAYLOAD];
	struct cmd c = { .out = -1, .err = -1 };
	size_t have = 0;
	sigset_t mask;
	int sfd;

	setenv("PATH", "/lab/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
	setenv("HOME", "/root", 1);
	setenv("TERM", "dumb", 1);
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	port = open_port();
	if (port < 0 || sfd < 0) {
		perror("lab-agent: control port");
		for (;;)
			pause();
	}
	fprintf(stderr, "lab-agent: ready\n");
	for (;;) {
		struct pollfd pf[4] = {
			{ port, POLLIN, 0 }, { sfd, POLLIN, 0 },
			{ c.out, POLLIN, 0 }, { c.err, POLLIN, 0 },
		};

		int idle = (have >= sizeof(struct lab_hdr) && !c.pid) ? 0 : -1;

		if (poll(pf, 4, idle) < 0 && errno != EINTR)
			msleep(10);
		if (pf[1].revents & POLLIN) {
			struct signalfd_siginfo si;

			while (read(sfd, &si, sizeof(si)) > 0)
				;
			reap(&c);
		}
		if (pf[2].revents)
			forward(&c, &c.out, LAB_OUT);
		if (pf[3].revents)
			forward(&c, &c.err, LAB_ERR);
		if (pf[0].revents & POLLIN) {
			ssize_t n = read(port, rbuf + have, sizeof(rbuf) - have);

			if (n > 0)
				have += n;
			else if (pf[0].revents & POLLHUP)
				host_gone = 1;
		} else if (pf[0].revents & POLLHUP) {
			host_gone = 1;
		}
		while (have >= sizeof(struct lab_hdr)) {
			struct lab_hdr h;
			size_t total;

			memcpy(&h, rbuf, sizeof(h));
			if (h.len > LAB_MAX_PAYLOAD) {
				have = 0; /* garbage: resynchronise */
				break;
			}
			total = sizeof(h) + h.len;
			if (have < total)
				break;
			if (h.type == LAB_PING) {
				send_exit(LAB_PONG, h.id, 0);
			} else if (h.type == LAB_KILL) {
				if (c.pid && c.id == h.id)
					kill_cmd(&c);
			} else if (h.type == LAB_RUN) {
				if (c.pid) {
					/* a new client: the old command's owner is gone */
					kill_cmd(&c);
				} else {
					start_cmd(&c, h.id, rbuf + sizeof(h), h.len);
				}
				if (c.pid && c.id != h.id) {
					/* retry this frame once the old one is reaped */
					break;
				}
			}
			memmove(rbuf, rbuf + total, have - total);
			have -= total;
		}
		finish_if_done(&c);
		if (host_gone) {
			kill_cmd(&c);
			/* wait for a new host connection */
			for (;;) {
				struct pollfd p = { port, POLLIN, 0 };

				reap(&c);
				finish_if_done(&c);
				if (poll(&p, 1, 0) >= 0 && !(p.revents & POLLHUP))
					break;
				msleep(20);
			}
			have = 0;
			host_gone = 0;
		}
	}
}
