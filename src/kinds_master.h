/* kinds_master.h — descriptors of the master-data kinds. */
#ifndef LZ_KINDS_MASTER_H
#define LZ_KINDS_MASTER_H

#include "kind.h"

extern const kind kind_unit;
extern const kind kind_person;
extern const kind kind_account;

#endif
