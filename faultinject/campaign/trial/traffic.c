// SPDX-License-Identifier: GPL-2.0
/*
 * The background traffic that exercises the fast path the whole run:
 * ICMP echo requests to the host end at PING_HZ (raw socket) and a paced
 * TCP stream whose progress is the bytes the peer acknowledged
 * (TCP_INFO), in real-time threads; what the fast path did in a time
 * window (echoes sent and lost, the longest gaps); and the check after a
 * trial that the NIC still answers (an interface reset if not).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/tcp.h>

#include "trial.h"

#define PING_HZ 50
#define PING_MAX (PING_HZ * 7200)
#define TCP_MAX (1u << 20)
#define TCP_CHUNK 1024

static atomic_int stop_traffic;

/* ping: per echo number, the send and reply times (0: none yet) */
static uint64_t *ping_sent, *ping_reply;
static atomic_uint ping_count;
static int ping_fd = -1;
static uint16_t ping_ident;

static uint16_t icmp_sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		s += (uint32_t)(b[n - 1] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons((uint16_t)~s);
}

static void *ping_tx(void *p)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	uint64_t next = now_ns();

	(void)p;
	inet_pton(AF_INET, cfg.ping_host, &to.sin_addr);
	while (!atomic_load(&stop_traffic)) {
		struct {
			struct icmphdr h;
			uint32_t num;
			uint8_t pad[28];
		} pkt;
		unsigned int n = atomic_load(&ping_count);
		struct timespec ts;

		if (n >= PING_MAX)
			break;
		memset(&pkt, 0, sizeof(pkt));
		pkt.h.type = ICMP_ECHO;
		pkt.h.un.echo.id = htons(ping_ident);
		pkt.h.un.echo.sequence = htons((uint16_t)n);
		pkt.num = n;
		pkt.h.checksum = 0;
		pkt.h.checksum = icmp_sum(&pkt, sizeof(pkt));
		ping_sent[n] = now_ns();
		atomic_store(&ping_count, n + 1);
		sendto(ping_fd, &pkt, sizeof(pkt), MSG_DONTWAIT,
		       (struct sockaddr *)&to, sizeof(to));
		next += 1000000000ULL / PING_HZ;
		ts.tv_sec = (time_t)(next / 1000000000ULL);
		ts.tv_nsec = (long)(next % 1000000000ULL);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	}
	return NULL;
}

static void *ping_rx(void *p)
{
	uint8_t buf[1500];

	(void)p;
	while (!atomic_load(&stop_traffic)) {
		ssize_t r = recv(ping_fd, buf, sizeof(buf), 0);
		const struct iphdr *ip = (const void *)buf;
		const struct icmphdr *h;
		uint32_t num;
		size_t hl;

		if (r <= 0)
			continue;
		hl = (size_t)ip->ihl * 4;
		if ((size_t)r < hl + sizeof(*h) + sizeof(num))
			continue;
		h = (const void *)(buf + hl);
		if (h->type != ICMP_ECHOREPLY || ntohs(h->un.echo.id) != ping_ident)
			continue;
		memcpy(&num, buf + hl + sizeof(*h), sizeof(num));
		if (num < atomic_load(&ping_count) && !ping_reply[num])
			ping_reply[num] = now_ns();
	}
	return NULL;
}

/* tcp: times at which the acknowledged byte count grew, and the count */
static uint64_t *tcp_t;
static uint64_t *tcp_acked;
static atomic_uint tcp_n;
static atomic_int tcp_up;

static int tcp_connect(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)cfg.tcp_port) };
	struct timeval tv = { 1, 0 };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, cfg.tcp_host, &to.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A paced stream (1 KiB every 10 ms, about 100 KiB/s: enough to see every
 * stall, little enough not to load the emulated CPU) and a look at the
 * acknowledged bytes every 5 ms.
 */
static void *tcp_main(void *p)
{
	static uint8_t chunk[TCP_CHUNK];
	uint64_t base = 0, last = 0;
	unsigned int tick = 0;
	int fd = -1;

	(void)p;
	while (!atomic_load(&stop_traffic)) {
		struct tcp_info ti;
		socklen_t tl = sizeof(ti);
		unsigned int n;

		if (fd < 0) {
			fd = tcp_connect();
			if (fd < 0) {
				atomic_store(&tcp_up, 0);
				sleep_ms(200);
				continue;
			}
			atomic_store(&tcp_up, 1);
			base = last;
		}
		if (!(tick++ & 1) &&
		    send(fd, chunk, sizeof(chunk), MSG_DONTWAIT | MSG_NOSIGNAL) < 0 &&
		    errno != EAGAIN && errno != EWOULDBLOCK) {
			close(fd);
			fd = -1;
			continue;
		}
		if (!getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &tl) &&
		    base + ti.tcpi_bytes_acked > last) {
			last = base + ti.tcpi_bytes_acked;
			n = atomic_load(&tcp_n);
			if (n < TCP_MAX) {
				tcp_t[n] = now_ns();
				tcp_acked[n] = last;
				atomic_store(&tcp_n, n + 1);
			}
		}
		sleep_ms(5);
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* longest stretch of [a, b] with no event; ev sorted ascending */
static double max_gap(const uint64_t *ev, size_t n, uint64_t a, uint64_t b)
{
	uint64_t prev = a, gap = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t t = ev[i];

		if (t <= a)
			continue;
		if (t >= b)
			break;
		if (t - prev > gap)
			gap = t - prev;
		prev = t;
	}
	if (b - prev > gap)
		gap = b - prev;
	return (double)gap / 1e6;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* the fast path's view of [a, b]; call once b + RESOLVE_MS has passed */
void traffic_window(uint64_t a, uint64_t b, struct traffic *t)
{
	unsigned int n = atomic_load(&ping_count), i, m = 0;
	uint64_t *ev = malloc(sizeof(uint64_t) * (n + 1));
	unsigned int tn = atomic_load(&tcp_n), lo = 0, hi = 0;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n && ev; i++) {
		if (ping_sent[i] >= a && ping_sent[i] < b) {
			t->sent++;
			if (!ping_reply[i] ||
			    ping_reply[i] - ping_sent[i] > RESOLVE_MS * 1000000ULL)
				t->lost++;
		}
		if (ping_reply[i] > a && ping_reply[i] < b)
			ev[m++] = ping_reply[i];
	}
	if (ev) {
		qsort(ev, m, sizeof(*ev), cmp_u64);
		t->ping_gap_ms = max_gap(ev, m, a, b);
		free(ev);
	}
	t->tcp_gap_ms = max_gap(tcp_t, tn, a, b);
	/* acknowledged bytes: last count before b minus last before a */
	for (i = 0; i < tn; i++) {
		if (tcp_t[i] <= a)
			lo = i + 1;
		if (tcp_t[i] <= b)
			hi = i + 1;
	}
	t->tcp_bytes = (hi ? tcp_acked[hi - 1] : 0) - (lo ? tcp_acked[lo - 1] : 0);
	t->tcp_up = atomic_load(&tcp_up);
}

int traffic_start(void)
{
	static pthread_t tx, rx, tcp;
	struct timeval tv = { 0, 200000 };

	ping_sent = calloc(PING_MAX, sizeof(*ping_sent));
	ping_reply = calloc(PING_MAX, sizeof(*ping_reply));
	tcp_t = calloc(TCP_MAX, sizeof(*tcp_t));
	tcp_acked = calloc(TCP_MAX, sizeof(*tcp_acked));
	if (!ping_sent || !ping_reply || !tcp_t || !tcp_acked)
		return -1;
	ping_fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (ping_fd < 0) {
		perror("fault-trial: raw ICMP socket");
		return -1;
	}
	setsockopt(ping_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	ping_ident = (uint16_t)getpid();
	if (pthread_create(&rx, NULL, ping_rx, NULL) ||
	    pthread_create(&tx, NULL, ping_tx, NULL) ||
	    pthread_create(&tcp, NULL, tcp_main, NULL))
		return -1;
	/*
	 * The traffic threads are real-time: on the guest's one CPU a faulty
	 * daemon that loops must not show up as lost echoes (the NIC's loss
	 * is measured, not the scheduler's).
	 */
	{
		struct sched_param sp = { .sched_priority = 10 };

		pthread_setschedparam(rx, SCHED_FIFO, &sp);
		pthread_setschedparam(tx, SCHED_FIFO, &sp);
		pthread_setschedparam(tcp, SCHED_FIFO, &sp);
	}
	return 0;
}

/* the time of the latest echo reply (0: none yet) */
static uint64_t last_reply(void)
{
	unsigned int n = atomic_load(&ping_count), i;
	uint64_t t = 0;

	for (i = n > 200 ? n - 200 : 0; i < n; i++)
		if (ping_reply[i] > t)
			t = ping_reply[i];
	return t;
}

static int echo_since(uint64_t since, unsigned int wait_ms)
{
	uint64_t end = now_ns() + (uint64_t)wait_ms * 1000000ULL;

	for (;;) {
		if (last_reply() > since)
			return 1;
		if (now_ns() >= end)
			return 0;
		sleep_ms(5);
	}
}

/*
 * After a trial the fast path must answer again before the next one: a
 * fault that left the NIC dead (scribble writes the chip's own registers)
 * would otherwise be charged to every later trial. No echo reply within
 * 500 ms: the interface is taken down and up (the driver's open
 * reinitializes the chip), then given 5 s. The wait stays within the
 * trial, so that its losses are charged to the fault that caused them. Returns 1 when it was reset;
 * *dead is set when even that did not bring an echo back.
 */
int fast_path_repair(int *dead)
{
	/* a reply newer than the check: one from before may predate the fault */
	*dead = 0;
	if (echo_since(now_ns(), 500))
		return 0;
	if (system("ip link set " IFNAME " down; ip link set " IFNAME " up"))
		fprintf(stderr, "fault-trial: ip link failed\n");
	*dead = !echo_since(now_ns(), 5000);
	return 1;
}

/* the fast path must answer before trials start: an echo back in 10 s */
int wait_fast_path(void)
{
	uint64_t end = now_ns() + 10000000000ULL;

	while (now_ns() < end) {
		unsigned int n = atomic_load(&ping_count), i;

		for (i = 0; i < n; i++)
			if (ping_reply[i])
				return 0;
		sleep_ms(20);
	}
	return -1;
}

void traffic_stop(void)
{
	atomic_store(&stop_traffic, 1);
}
