// zlib for Themis: raw inflate and CRC-32 for reading zip packages.
#include <zlib.h>
