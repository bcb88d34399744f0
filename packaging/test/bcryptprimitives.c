/* Tests only, never shipped: Wine 8 lacks bcryptprimitives.dll, which every Windows 10 and later has and Rust's
 * standard library calls for random numbers (ProcessPrng). This stub answers from RtlGenRandom. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) { return RtlGenRandom(data, (ULONG)len); }
