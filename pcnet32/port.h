/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Port-I/O shim: the same names in the kernel and in user space.
 *
 * Kernel: inw/outw on the I/O BAR. User space: inw/outw from <sys/io.h>
 * after ioperm() on the NIC's I/O range; unit tests define
 * PCNET32_PORT_MOCK and provide pcnet32_mock_inw/pcnet32_mock_outw.
 *
 * The index/data pairs (RAP with RDP or BDP) are not atomic: every caller
 * holds the device's register lock (kernel), or is the split daemon with
 * direct ports, for which the kernel holds off its own accesses.
 *
 * Word I/O (WIO) mode only: the mode the chip is in after reset.
 */
#ifndef PCNET32_PORT_H
#define PCNET32_PORT_H

#include "compat.h"
#include "hw.h"

#ifdef __KERNEL__
#include <linux/io.h>
#define pcnet32_inw(port)		inw(port)
#define pcnet32_outw(val, port)		outw(val, port)
#elif defined(PCNET32_PORT_MOCK)
u16 pcnet32_mock_inw(u32 port);
void pcnet32_mock_outw(u16 val, u32 port);
#define pcnet32_inw(port)		pcnet32_mock_inw(port)
#define pcnet32_outw(val, port)		pcnet32_mock_outw(val, port)
#else
#include <sys/io.h>
#define pcnet32_inw(port)		inw(port)
#define pcnet32_outw(val, port)		outw(val, port)
#endif

struct pcnet32_io {
	u32 base;	/* first port of the I/O BAR */
};

static inline u16 pcnet32_read_rap(const struct pcnet32_io *io)
{
	return pcnet32_inw(io->base + PCNET32_WIO_RAP);
}

static inline void pcnet32_write_rap(const struct pcnet32_io *io, u16 n)
{
	pcnet32_outw(n, io->base + PCNET32_WIO_RAP);
}

static inline u16 pcnet32_read_csr(const struct pcnet32_io *io, u16 n)
{
	pcnet32_write_rap(io, n);
	return pcnet32_inw(io->base + PCNET32_WIO_RDP);
}

static inline void pcnet32_write_csr(const struct pcnet32_io *io, u16 n, u16 v)
{
	pcnet32_write_rap(io, n);
	pcnet32_outw(v, io->base + PCNET32_WIO_RDP);
}

static inline u16 pcnet32_read_bcr(const struct pcnet32_io *io, u16 n)
{
	pcnet32_write_rap(io, n);
	return pcnet32_inw(io->base + PCNET32_WIO_BDP);
}

static inline void pcnet32_write_bcr(const struct pcnet32_io *io, u16 n, u16 v)
{
	pcnet32_write_rap(io, n);
	pcnet32_outw(v, io->base + PCNET32_WIO_BDP);
}

/* one 16-bit word of the address PROM; off is even, below 16 */
static inline u16 pcnet32_read_aprom(const struct pcnet32_io *io, u16 off)
{
	return pcnet32_inw(io->base + PCNET32_IO_APROM + off);
}

/* software reset: a read of the reset port */
static inline void pcnet32_reset(const struct pcnet32_io *io)
{
	(void)pcnet32_inw(io->base + PCNET32_WIO_RESET);
}

/*
 * Suspend the running chip (CSR5 SPND) so that registers which may only be
 * written while stopped or suspended can be changed. Returns 1 if suspend
 * was requested here (the caller resumes with pcnet32_resume()), 0 if the
 * chip is stopped. *accesses (may be NULL) counts the register accesses.
 */
static inline int pcnet32_suspend(const struct pcnet32_io *io, u32 *accesses)
{
	u32 n = 2;
	u16 csr5;
	int i, ret = 1;

	if (pcnet32_read_csr(io, PCNET32_CSR_STATUS) & PCNET32_CSR0_STOP) {
		ret = 0;
		n = 1;
		goto out;
	}
	csr5 = pcnet32_read_csr(io, PCNET32_CSR_EXTCTL1) & ~PCNET32_CSR5_ACK;
	pcnet32_write_csr(io, PCNET32_CSR_EXTCTL1, csr5 | PCNET32_CSR5_SPND);
	for (i = 0; i < 1000; i++) {
		n++;
		if (pcnet32_read_csr(io, PCNET32_CSR_EXTCTL1) & PCNET32_CSR5_SPND)
			break;
		pcnet32_udelay(1);
	}
	/* asked for: resume all the same */
out:
	if (accesses)
		*accesses += n;
	return ret;
}

/*
 * Resume after pcnet32_suspend(): clear SPND, then stop and start the chip.
 * QEMU's pcnet leaves frames that arrived while suspended queued until the
 * chip is next started, so clearing SPND alone can stall reception; STOP
 * then STRT (without INIT) keeps the ring positions and the interrupt
 * enable. STOP clears pending interrupt flags: after a register program
 * the kernel looks at its rings (pcnet32_ports_op_done() in datapath.c).
 */
static inline void pcnet32_resume(const struct pcnet32_io *io, u32 *accesses)
{
	u16 csr5 = pcnet32_read_csr(io, PCNET32_CSR_EXTCTL1);
	u16 ien;

	csr5 &= ~(PCNET32_CSR5_ACK | PCNET32_CSR5_SPND);
	pcnet32_write_csr(io, PCNET32_CSR_EXTCTL1, csr5);
	ien = pcnet32_read_csr(io, PCNET32_CSR_STATUS) & PCNET32_CSR0_IENA;
	pcnet32_write_csr(io, PCNET32_CSR_STATUS, PCNET32_CSR0_STOP);
	pcnet32_write_csr(io, PCNET32_CSR_STATUS, PCNET32_CSR0_STRT | ien);
	if (accesses)
		*accesses += 5;
}

/* link state as the chip reports it on the link status LED (BCR4) */
static inline int pcnet32_hw_link_ok(const struct pcnet32_io *io)
{
	return !!(pcnet32_read_bcr(io, PCNET32_BCR_LED0) & PCNET32_BCR_LEDOUT);
}

/* MII management frames through BCR33 (address) and BCR34 (data) */
static inline u16 pcnet32_mii_read(const struct pcnet32_io *io, u32 phy,
				   u32 reg)
{
	pcnet32_write_bcr(io, PCNET32_BCR_MIIADDR,
			  ((phy & 0x1f) << 5) | (reg & 0x1f));
	return pcnet32_read_bcr(io, PCNET32_BCR_MIIMDR);
}

static inline void pcnet32_mii_write(const struct pcnet32_io *io, u32 phy,
				     u32 reg, u16 val)
{
	pcnet32_write_bcr(io, PCNET32_BCR_MIIADDR,
			  ((phy & 0x1f) << 5) | (reg & 0x1f));
	pcnet32_write_bcr(io, PCNET32_BCR_MIIMDR, val);
}

#endif /* PCNET32_PORT_H */
