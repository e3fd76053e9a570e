# tests.mk - the test targets, included by the top Makefile.
#
#   make check        everything below that runs in minutes
#   make check-full   check plus the longer suites
#   make bench        ../shared/bench beside QEMU and Bochs

GUEST_BUILD = $(BUILD)/tests/guest

check: check-globals check-unit check-guest check-rom check-determinism check-oracle check-fporacle check-conformance \
       check-badinput check-fuzz-regress

check-rom: $(BUILD)/xlat
	tests/guest/rom/run.sh $(BUILD)/xlat $(BUILD)/tests/guest/rom

check-globals: $(BUILD)/xlat
	tests/check-globals.sh $(BUILD)

check-guest: $(BUILD)/xlat
	tests/guest/run.sh $(BUILD)/xlat $(GUEST_BUILD)

check-determinism: $(BUILD)/xlat check-guest
	tests/determinism.sh $(BUILD)/xlat $(GUEST_BUILD)

check-full: check

# what CI runs again in an ASan+UBSan build (.ci/run)
check-san: check-globals check-unit check-oracle check-fporacle check-guest check-rom check-badinput check-fuzz-regress check-conformance

# The workloads xlat runs so far (irq needs the PIC and PIT, fpu the x87).
# Override: make bench BENCH_WORKLOADS="boot int" BENCH_RUNS=1
BENCH_WORKLOADS ?= boot int mem ctxsw smc fpu
BENCH_RUNS ?= 3
BENCH_RUNNERS ?= native qemu bochs xlat
bench: $(BUILD)/xlat
	$(MAKE) -C $(SHARED)/bench BUILD=$(abspath $(BUILD))/bench
	$(SHARED)/bench/run-anchors.sh -b $(BUILD)/bench -n $(BENCH_RUNS) \
	    -w "$(BENCH_WORKLOADS)" -r "$(BENCH_RUNNERS)" \
	    --emu 'xlat=$(abspath $(BUILD))/xlat -m 256 -nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 -serial file:{serial} -kernel {elf}'
	$(MAKE) bench-micro

# issue C's and D's microbenchmarks: ns per CR3 switch, per store to a code
# page outside its code, per true SMC event, per x87 FADD and SSE2 ADDPD,
# beside QEMU
BENCH_MICRO_N ?= 1000000
bench-micro: $(BUILD)/xlat
	tests/bench/micro.sh $(BUILD)/bench-micro $(BENCH_MICRO_N) $(BUILD)/xlat qemu-system-i386

.PHONY: bench-micro check-san check-globals check-guest check-rom check-determinism
