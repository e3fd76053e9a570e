/* types.h - fixed-width integer names used throughout xlat. */
#ifndef XLAT_XLAT_TYPES_H
#define XLAT_XLAT_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 gpa_t; /* guest-physical address */
typedef u64 gva_t; /* guest-virtual (linear) address */

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Register views assume a little-endian host (x86-64, aarch64). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "xlat needs a little-endian host"
#endif

#endif
