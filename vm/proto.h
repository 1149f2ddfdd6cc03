/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lab's control protocol, spoken over a virtio-serial port between the
 * host (labctl) and the guest (lab-agent). It never touches the NIC under
 * test.
 *
 * Every message is a 12-byte header followed by len bytes of payload.
 * Integers are little-endian (both ends are x86-64).
 */
#ifndef LAB_PROTO_H
#define LAB_PROTO_H

#include <stdint.h>

#define LAB_PORT_NAME "lab.ctl"
#define LAB_MAX_PAYLOAD 65536u

enum lab_msg {
	/* host -> guest */
	LAB_RUN = 1,    /* payload: argv strings, each NUL-terminated */
	LAB_PING = 2,   /* no payload */
	LAB_KILL = 3,   /* kill the running command of this id */
	/* guest -> host */
	LAB_OUT = 16,   /* command stdout bytes */
	LAB_ERR = 17,   /* command stderr bytes */
	LAB_EXIT = 18,  /* struct lab_exit */
	LAB_PONG = 19,  /* struct lab_exit with status 0 (taint only) */
	LAB_NOEXEC = 20 /* struct lab_exit, status = errno of exec */
};

struct lab_hdr {
	uint8_t type;
	uint8_t pad[3];
	uint32_t id;
	uint32_t len;
};

struct lab_exit {
	int32_t status;  /* exit status, or 128 + signal number */
	uint32_t taint;  /* /proc/sys/kernel/tainted after the command */
};

#endif
