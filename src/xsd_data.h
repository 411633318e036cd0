/* xsd_data.h - the three XSDs of templates/, compiled into the binary.
 * The definitions are generated into build/gen/xsd_data.c by the Makefile. */
#ifndef QS_XSD_DATA_H
#define QS_XSD_DATA_H

#include <stddef.h>

extern const unsigned char qs_xsd_indicators[];
extern const size_t qs_xsd_indicators_len;
extern const unsigned char qs_xsd_plan[];
extern const size_t qs_xsd_plan_len;
extern const unsigned char qs_xsd_evidence[];
extern const size_t qs_xsd_evidence_len;

#endif
