/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD Am79C970A (PCnet-PCI II) family: I/O map, registers, init block and
 * descriptor layout, as the datasheet defines them and QEMU's `pcnet`
 * device presents them. Shared by the kernel and user-space builds.
 */
#ifndef PCNET32_HW_H
#define PCNET32_HW_H

#include "compat.h"

/* PCI identity of the device we bind to */
#define PCNET32_PCI_VENDOR	0x1022
#define PCNET32_PCI_DEVICE	0x2000

/* I/O space (word I/O mode, WIO) */
#define PCNET32_IO_APROM	0x00	/* 16 bytes of address PROM */
#define PCNET32_IO_APROM_LEN	16
#define PCNET32_WIO_RDP		0x10	/* register data port (CSRs) */
#define PCNET32_WIO_RAP		0x12	/* register address port */
#define PCNET32_WIO_RESET	0x14	/* a read resets the chip */
#define PCNET32_WIO_BDP		0x16	/* BCR data port */
#define PCNET32_IO_EXTENT	0x20
/*
 * Double-word I/O (DWIO) mode: a 32-bit write to RDP switches the chip
 * into it (BCR18 DWIO); word accesses are then ignored (QEMU's reads give
 * all ones) and only a reset, a double-word read of DWIO_RESET, brings it
 * back to word I/O.
 */
#define PCNET32_DWIO_RDP	0x10
#define PCNET32_DWIO_RAP	0x14
#define PCNET32_DWIO_RESET	0x18

/* CSR numbers */
#define PCNET32_CSR_STATUS	0	/* status and control */
#define PCNET32_CSR_IADR_LO	1	/* init block address */
#define PCNET32_CSR_IADR_HI	2
#define PCNET32_CSR_IMASK	3	/* interrupt masks, deferral control */
#define PCNET32_CSR_FEAT	4	/* test and features control */
#define PCNET32_CSR_EXTCTL1	5	/* extended control and interrupt 1 */
#define PCNET32_CSR_LADRF0	8	/* logical address filter, 4 words */
#define PCNET32_CSR_PADR0	12	/* physical address, 3 words */
#define PCNET32_CSR_MODE	15
#define PCNET32_CSR_BADR_LO	24	/* receive ring base address */
#define PCNET32_CSR_BADR_HI	25
#define PCNET32_CSR_BADX_LO	30	/* transmit ring base address */
#define PCNET32_CSR_BADX_HI	31
#define PCNET32_CSR_RCVRC	72
#define PCNET32_CSR_XMTRC	74
#define PCNET32_CSR_RCVRL	76
#define PCNET32_CSR_XMTRL	78
#define PCNET32_CSR_CHIPID_LO	88
#define PCNET32_CSR_CHIPID_HI	89
#define PCNET32_CSR_MISSC	112	/* missed frame count */
#define PCNET32_CSR_RCVCC	114	/* receive collision count */

/* CSR0 */
#define PCNET32_CSR0_INIT	0x0001
#define PCNET32_CSR0_STRT	0x0002
#define PCNET32_CSR0_STOP	0x0004
#define PCNET32_CSR0_TDMD	0x0008
#define PCNET32_CSR0_TXON	0x0010
#define PCNET32_CSR0_RXON	0x0020
#define PCNET32_CSR0_IENA	0x0040
#define PCNET32_CSR0_INTR	0x0080
#define PCNET32_CSR0_IDON	0x0100
#define PCNET32_CSR0_TINT	0x0200
#define PCNET32_CSR0_RINT	0x0400
#define PCNET32_CSR0_MERR	0x0800
#define PCNET32_CSR0_MISS	0x1000
#define PCNET32_CSR0_CERR	0x2000
#define PCNET32_CSR0_BABL	0x4000
#define PCNET32_CSR0_ERR	0x8000
/* the write-one-to-clear interrupt flags */
#define PCNET32_CSR0_ACK	0x7f00

/* CSR4 */
#define PCNET32_CSR4_JABM	0x0001
#define PCNET32_CSR4_TXSTRTM	0x0004
#define PCNET32_CSR4_RCVCCOM	0x0010
#define PCNET32_CSR4_MFCOM	0x0100
#define PCNET32_CSR4_APAD_XMT	0x0800
#define PCNET32_CSR4_RUN	(PCNET32_CSR4_APAD_XMT | PCNET32_CSR4_MFCOM | \
				 PCNET32_CSR4_RCVCCOM | PCNET32_CSR4_TXSTRTM | \
				 PCNET32_CSR4_JABM)

/* CSR5 */
#define PCNET32_CSR5_SPND	0x0001
/* write-one-to-clear flags of CSR5: not written back by read-modify-write */
#define PCNET32_CSR5_ACK	0x0a90

/* CSR15 (mode; also the mode word of the init block) */
#define PCNET32_MODE_DRX	0x0001
#define PCNET32_MODE_DTX	0x0002
#define PCNET32_MODE_LOOP	0x0004
#define PCNET32_MODE_DXMTFCS	0x0008
#define PCNET32_MODE_INTL	0x0040
#define PCNET32_MODE_PORTSEL	0x0180
#define PCNET32_MODE_PORT_AUI	0x0000
#define PCNET32_MODE_PORT_10BT	0x0080
#define PCNET32_MODE_DRCVPA	0x2000	/* no frames for our address */
#define PCNET32_MODE_DRCVBC	0x4000	/* no broadcast frames */
#define PCNET32_MODE_PROM	0x8000

/* BCR numbers and bits */
#define PCNET32_BCR_MC		2	/* miscellaneous configuration */
#define PCNET32_BCR_MC_ASEL	0x0002
#define PCNET32_BCR_MC_LEDPE	0x1000
#define PCNET32_BCR_LED0	4	/* LED0 is the link status LED */
#define PCNET32_BCR_LED_NUM	4	/* BCR4..BCR7 */
#define PCNET32_BCR_LEDOUT	0x8000	/* LED output state (read only) */
#define PCNET32_BCR_LEDPOL	0x4000	/* LED polarity */
#define PCNET32_BCR_FDC		9	/* full-duplex control */
#define PCNET32_BCR_FDC_FDEN	0x0001
#define PCNET32_BCR_FDC_AUIFD	0x0002
#define PCNET32_BCR_BSBC	18	/* burst and bus control */
#define PCNET32_BCR_BSBC_DWIO	0x0080	/* double-word I/O mode */
#define PCNET32_BCR_SWS		20	/* software style */
#define PCNET32_SWSTYLE_PCNET32	2	/* 32-bit structures, 16-byte descriptors */
#define PCNET32_SWSTYLE_MASK	0x00ff	/* the style; bits 9:8 read its sizes */
#define PCNET32_BCR_MIICAS	32	/* MII control and status */
#define PCNET32_BCR_MIIADDR	33	/* MII address: PHYAD 9:5, REGAD 4:0 */
#define PCNET32_BCR_MIIMDR	34	/* MII management data */

/* chip identification: CSR89:CSR88, part number in bits 27:12 */
#define PCNET32_CHIPID_PART(id)	(((id) >> 12) & 0xffff)
#define PCNET32_CHIPID_VER(id)	((id) >> 28)
#define PCNET32_PART_79C970A	0x2621
#define PCNET32_PART_79C971	0x2623
#define PCNET32_PART_79C972	0x2624
#define PCNET32_PART_79C975	0x2627
#define PCNET32_PART_79C978	0x2626
#define PCNET32_PART_79C976	0x2628

/* register dump: APROM words, CSR0..89, CSR112, CSR114, BCR0..35 */
#define PCNET32_DUMP_APROM_WORDS	8
#define PCNET32_DUMP_CSRS		90
#define PCNET32_DUMP_BCRS		36
#define PCNET32_DUMP_WORDS	(PCNET32_DUMP_APROM_WORDS + PCNET32_DUMP_CSRS + \
				 2 + PCNET32_DUMP_BCRS)
#define PCNET32_DUMP_PHY_WORDS	32	/* per PHY, MII chips only */
#define PCNET32_DUMP_MAX_WORDS	(PCNET32_DUMP_WORDS + PCNET32_DUMP_PHY_WORDS)

/* ring sizes (entries): powers of two, log2 written to the init block */
#define PCNET32_RING_MIN_LOG2	2
#define PCNET32_RING_MAX_LOG2	9
#define PCNET32_RING_MAX	(1 << PCNET32_RING_MAX_LOG2)
#define PCNET32_RX_RING_DEFAULT	32
#define PCNET32_TX_RING_DEFAULT	16

/*
 * Init block for SSIZE32 (software style 2); all fields little-endian.
 * tlen and rlen hold log2(entries) << 4.
 */
struct pcnet32_init_block {
	u16 mode;
	u8 rlen;
	u8 tlen;
	u8 padr[6];
	u16 reserved;
	u8 ladrf[8];
	u32 rdra;
	u32 tdra;
};

/* receive descriptor, software style 2: 16 bytes, little-endian */
struct pcnet32_rx_desc {
	u32 base;	/* RMD0: buffer address */
	u16 buf_length;	/* RMD1 15:0: -size, top 4 bits ones */
	u16 status;	/* RMD1 31:16 */
	u32 msg_length;	/* RMD2: 11:0 message byte count incl. FCS */
	u32 reserved;
};

/* transmit descriptor, software style 2: 16 bytes, little-endian */
struct pcnet32_tx_desc {
	u32 base;	/* TMD0: buffer address */
	u16 length;	/* TMD1 15:0: -size, top 4 bits ones */
	u16 status;	/* TMD1 31:16 */
	u32 misc;	/* TMD2: error bits */
	u32 reserved;
};

/* RMD1 / TMD1 status bits */
#define PCNET32_DESC_OWN	0x8000
#define PCNET32_DESC_ERR	0x4000
#define PCNET32_TX_ADD_FCS	0x2000
#define PCNET32_DESC_STP	0x0200
#define PCNET32_DESC_ENP	0x0100
#define PCNET32_RX_FRAM		0x2000
#define PCNET32_RX_OFLO		0x1000
#define PCNET32_RX_CRC		0x0800
#define PCNET32_RX_BUFF		0x0400
#define PCNET32_DESC_BCNT_ONES	0xf000
#define PCNET32_RX_MCNT_MASK	0x0fff
/* TMD2 error bits */
#define PCNET32_TX_BUFF		0x80000000
#define PCNET32_TX_UFLO		0x40000000
#define PCNET32_TX_EXDEF	0x20000000
#define PCNET32_TX_LCOL		0x10000000
#define PCNET32_TX_LCAR		0x08000000
#define PCNET32_TX_RTRY		0x04000000

/*
 * Logical address filter: bit index = the top 6 bits of the little-endian
 * CRC-32 (initial value all ones, not inverted) of the destination address.
 */
static inline unsigned int pcnet32_ladrf_bit(const u8 *addr)
{
	u32 crc = 0xffffffff;
	unsigned int i, bit;

	for (i = 0; i < 6; i++) {
		u8 b = addr[i];

		for (bit = 0; bit < 8; bit++, b >>= 1)
			crc = (crc >> 1) ^ (((crc ^ b) & 1) ? 0xedb88320 : 0);
	}
	return crc >> 26;
}

/* log2 of a ring size request, rounded up, clamped to the chip's range */
static inline unsigned int pcnet32_ring_log2(u32 entries)
{
	unsigned int l = PCNET32_RING_MIN_LOG2;

	if (entries > PCNET32_RING_MAX)
		entries = PCNET32_RING_MAX;
	while ((1U << l) < entries)
		l++;
	return l;
}

#endif /* PCNET32_HW_H */
