#!/bin/sh
# quickstart.sh - set up a fresh Debian 12 machine for xlat and use it.
#
#   tools/quickstart.sh run    install build dependencies, build, boot the
#                              default guest (tests/guest/hello.asm)
#   tools/quickstart.sh test   install build and test dependencies, build,
#                              run `make check`
#
# Packages are installed with apt-get only when missing (as root, or via
# sudo when not root).
set -eu

cd "$(dirname "$0")/.."

BUILD_PKGS="build-essential pkg-config nasm libelf-dev zlib1g-dev check libsdl2-dev libcapstone-dev"
# the portable FP check cross-builds for aarch64 with clang (Debian's cross
# gcc conflicts with gcc-multilib) and runs it under qemu-user
TEST_PKGS="gcc-multilib binutils clang libc6-dev-arm64-cross libgcc-12-dev-arm64-cross binutils-aarch64-linux-gnu qemu-user"

install_missing() {
    missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "quickstart: installing:$missing"
    as_root=""
    [ "$(id -u)" -eq 0 ] || as_root=sudo
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

build() {
    [ -f build/config.mk ] && [ -f Makefile ] || ./configure
    make -j"$(nproc)"
}

case ${1:-} in
run)
    install_missing $BUILD_PKGS
    build
    nasm -f elf32 -I tests/guest/ -o build/hello.o tests/guest/hello.asm
    ld -m elf_i386 -T tests/guest/link.ld -o build/hello.elf build/hello.o
    exec build/xlat -nographic -no-reboot -kernel build/hello.elf
    ;;
test)
    install_missing $BUILD_PKGS $TEST_PKGS
    build
    exec make check
    ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
