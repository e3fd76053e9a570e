/* disas.c - guest code as text for -d in_asm, through capstone as QEMU does
 * (DESIGN 13); without capstone, the instruction table's row names. */
#include "config.h"
#include "xlat/insn.h"
#include "xlat/log.h"
#if HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif

void disas_insn(struct logger *l, const struct insn *in, const u8 *bytes, unsigned n, bool code32)
{
	char hex[3 * INSN_MAX_LEN + 1] = "";
	for (unsigned k = 0; k < n && k < INSN_MAX_LEN; k++)
		snprintf(hex + 3 * k, 4, "%02x ", bytes[k]);
#if HAVE_CAPSTONE
	csh h;
	cs_insn *ci = NULL;
	if (n && cs_open(CS_ARCH_X86, code32 ? CS_MODE_32 : CS_MODE_16, &h) == CS_ERR_OK) {
		size_t got = cs_disasm(h, bytes, n, in->eip, 1, &ci);
		if (got) {
			log_printf(l, "  %08x: %-30s %s %s\n", in->eip, hex, ci->mnemonic, ci->op_str);
			cs_free(ci, got);
			cs_close(&h);
			return;
		}
		cs_close(&h);
	}
#else
	(void)code32;
#endif
	log_printf(l, "  %08x: %-30s (%s)\n", in->eip, hex, decode_name(in));
}
