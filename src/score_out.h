/* score_out.h - the score for people (a terminal table) and for programs
 * (CSV, XML), and a stable dump for tests.  Read-only on model and scores;
 * they write to the stream main.c gives them. */
#ifndef QS_SCORE_OUT_H
#define QS_SCORE_OUT_H

#include "score.h"

#include <stdio.h>

/* The strings.xml keys the terminal table needs (NULL-terminated). */
extern const char *const qs_score_out_string_keys[];

/* Per category and in total: earned / available / rate, the bonus, then
 * the lost points largest first, and claimed scores that differ. */
void qs_score_print_table(const qs_case *c, const qs_scores *sc, const qs_strings *s, qs_arena *a,
                          FILE *out);

/* One line per total, category, indicator and item (RFC 4180). */
void qs_score_print_csv(const qs_case *c, const qs_scores *sc, FILE *out);

/* The same as XML in namespace urn:qsreport:scores:1. */
void qs_score_print_xml(const qs_case *c, const qs_scores *sc, FILE *out);

/* Every item: rule, earned/available, reason code and words, first report. */
void qs_score_dump(const qs_case *c, const qs_scores *sc, FILE *out);

/* Items that lost points, largest loss first (nested items instead of their
 * parent); *n gets the count.  Arena memory. */
const qs_item_score **qs_score_losses(const qs_scores *sc, qs_arena *a, size_t *n);

#endif
