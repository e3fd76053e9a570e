/* fxrun.c - the FP oracle's xlat side: run one case in an emulated machine.
 *
 * One machine serves every case, set up and run by tests/oracle/xrun.c's
 * steps: the code goes where the case says, followed by a HLT, which ends
 * the run; the data buffer at FPO_DATA_BASE; a fault ends at the HLT of its
 * vector.
 *
 * The FP state is not read back through the guest's FXSAVE (which may be
 * the instruction under test): fx_to_fpu/fpu_to_fx convert between the
 * case's FXSAVE image and struct fpu directly. */
#include <string.h>
#include "xlat/machine.h"
#include "fxrun.h"

#define CR0_MP 0x2u
#define CR0_NE 0x20u
#define CR4_OSFXSR 0x200u
#define CR4_OSXMMEXCPT 0x400u

_Static_assert(FPO_NO_FAULT == ORC_NO_FAULT && FPO_NO_FINISH == ORC_NO_FINISH, "xrun_go's vectors");
_Static_assert(FPO_CODE_MAX <= 64, "xrun_place_code's buffer");

static u16 get16(const u8 *p) { return (u16)(p[0] | p[1] << 8); }
static void put16(u8 *p, u16 v) { p[0] = (u8)v; p[1] = (u8)(v >> 8); }

/* FXSAVE keeps ST(i) in stack order; struct fpu keeps physical R(i). */
static void fx_to_fpu(struct fpu *f, const u8 *fx)
{
	u16 sw = get16(fx + FX_FSW);
	*f = (struct fpu){ 0 };
	f->cw = get16(fx + FX_FCW);
	f->sw = sw & ~0x3800u;
	f->top = (sw >> 11) & 7;
	f->full = fx[FX_FTW];
	memcpy(&f->mxcsr, fx + FX_MXCSR, 4);
	for (unsigned i = 0; i < 8; i++) {
		const u8 *p = fx + FX_ST + 16 * i;
		f80 *r = &f->st[(f->top + i) & 7];
		memcpy(&r->sig, p, 8);
		r->se = get16(p + 8);
		memcpy(f->xmm[i].b, fx + FX_XMM + 16 * i, 16);
	}
}

static void fpu_to_fx(const struct fpu *f, u8 *fx)
{
	memset(fx, 0, FPO_FX_SIZE);
	put16(fx + FX_FCW, f->cw);
	put16(fx + FX_FSW, (u16)((f->sw & ~0x3800u) | (f->top & 7) << 11));
	fx[FX_FTW] = f->full;
	put16(fx + FX_FOP, f->fop);
	memcpy(fx + FX_FIP, &f->fip, 4);
	memcpy(fx + FX_FDP, &f->fdp, 4);
	memcpy(fx + FX_MXCSR, &f->mxcsr, 4);
	for (unsigned i = 0; i < 8; i++) {
		u8 *p = fx + FX_ST + 16 * i;
		const f80 *r = &f->st[(f->top + i) & 7];
		memcpy(p, &r->sig, 8);
		put16(p + 8, r->se);
		memcpy(fx + FX_XMM + 16 * i, f->xmm[i].b, 16);
	}
}

/* CR0.NE and the OSFXSR/OSXMMEXCPT bits are what the native side's OS sets. */
void fxrun_case(struct machine *m, const struct fpo_in *in, struct fpo_out *out)
{
	xrun_place_code(m, in->code_at, in->code, in->code_len);
	xrun_load_cpu(m, in->code_at, CR0_MP | CR0_NE, CR4_OSFXSR | CR4_OSXMMEXCPT, in->s.r, in->s.eflags,
		      FPO_FLAGS_IN);
	fx_to_fpu(&m->cpu.fpu, in->s.fx);
	memcpy(m->phys.ram + FPO_DATA_BASE, in->s.data, FPO_DATA_SIZE);
	out->vector = xrun_go(m, in->code_at + in->code_len + 1);
	xrun_get_regs(m, out->s.r, &out->s.eflags);
	fpu_to_fx(&m->cpu.fpu, out->s.fx);
	memcpy(out->s.data, m->phys.ram + FPO_DATA_BASE, FPO_DATA_SIZE);
}
