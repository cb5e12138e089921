#include "base/version.h"

#ifndef PC_VERSION
#define PC_VERSION "unknown"
#endif

const char *pc_version(void)
{
    return PC_VERSION;
}
