#!/bin/sh
# run.sh - the reset-vector (ROM) guest tests: ../run.sh --rom does the work.
#
#   tests/guest/rom/run.sh EMULATOR BUILDDIR [NAME...]
exec "$(dirname "$0")/../run.sh" --rom "$@"
