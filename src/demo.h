/* demo.h — fills an empty database with the demo district (init --demo). */
#ifndef LZ_DEMO_H
#define LZ_DEMO_H

#include "session.h"

/* Adds the demo units, cadres and holders in one write transaction (admin
 * only); LZ_USAGE if the database already holds units. *units and *people
 * get the counts added. */
lz_status demo_fill(session *s, long *units, long *people, lz_err *err);

#endif
