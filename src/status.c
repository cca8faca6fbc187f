#include "status.h"

#include <stdarg.h>
#include <stdio.h>

lz_status lz_fail(lz_err *err, lz_status code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void lz_err_clear(lz_err *err)
{
	if (err) {
		err->code = LZ_OK;
		err->msg[0] = '\0';
	}
}
