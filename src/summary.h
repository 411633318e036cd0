/* summary.h - the province's roll-up: one row per scored case (region,
 * level, year, base, bonus, total, each category's score, points lost,
 * units without evidence, the largest losses), grouped by year, sorted and
 * ranked.  A row is plain data copied out of its case, so the case can be
 * freed (or live in a worker process: a row travels as text) before the
 * summary is built.  Read by xlsx_summary.c and pdf_summary.c.
 */
#ifndef QS_SUMMARY_H
#define QS_SUMMARY_H

#include "diag.h"
#include "model.h"
#include "score.h"
#include "wording.h"

#include <stdbool.h>
#include <stddef.h>

/* The losses a row keeps, largest first. */
#define QS_SUMMARY_LOSSES 3

typedef struct qs_summary_cat {
    const char *id, *name;
    qs_points earned, available;
} qs_summary_cat;

typedef struct qs_summary_loss {
    const char *item, *unit, *why; /* unit and why may be "" */
    qs_points lost;
} qs_summary_loss;

typedef struct qs_summary_row {
    const char *dir;      /* the case folder as given (set by the caller) */
    const char *region, *level, *province, *schema;
    int year;
    qs_points base, base_available, bonus, bonus_cap, total;
    qs_points lost;       /* base_available - base: what the district lost of the standard */
    qs_summary_cat *cats; /* the scored (non-bonus) categories, in schema order */
    size_t n_cats;
    size_t n_missing;     /* units that carry an indicator and sent no evidence */
    qs_summary_loss losses[QS_SUMMARY_LOSSES];
    size_t n_losses;
    int rank;             /* within its year, 1 first; equal totals share a rank (1, 2, 2, 4) */
} qs_summary_row;

typedef struct qs_summary_year {
    int year;
    qs_summary_row **rows; /* ranked: total down, then region, then case folder */
    size_t n_rows;
} qs_summary_year;

typedef struct qs_summary {
    qs_summary_year *years; /* ascending */
    size_t n_years, n_rows;
} qs_summary;

/* The strings.xml keys the summary and its two renderers need (NULL-terminated). */
extern const char *const qs_summary_string_keys[];

/* The region's level (区, 县 or 市): the plan's <campaign level>; for a
 * plan without one (built in memory), the last character of the region's
 * name when strings.xml's summary.levels lists it, else "".  Arena
 * memory. */
const char *qs_summary_level(const qs_plan *p, const qs_strings *s, qs_arena *a);

/* The levels of the rows' districts for a title's 质量强{levels}: one
 * ("区"), or several as strings.xml's summary.levels.several writes them
 * ("县（市、区）"), in summary.levels' order.  Arena memory. */
const char *qs_summary_levels(qs_summary_row *const *rows, size_t n, const qs_strings *s, qs_arena *a);

/* The same over every year of s (a file's subject).  Arena memory. */
const char *qs_summary_all_levels(const qs_summary *s, const qs_strings *strings, qs_arena *a);

/* The row of a loaded, valid, scored case; dir is left NULL.  Every
 * string is copied into a. */
qs_summary_row *qs_summary_row_of(const qs_case *c, const qs_scores *sc, const qs_strings *s,
                                  qs_arena *a);

/* A row as text (one record a line, tab-separated, \\ \t \n escaped), for
 * a worker's pipe; malloc'd.  qs_summary_row_decode reads it back into a,
 * or returns NULL when the text is not such a record. */
char *qs_summary_row_encode(const qs_summary_row *r);
qs_summary_row *qs_summary_row_decode(const char *text, qs_arena *a);

/* One key of a case for qs_summary_check: its folder, region and year
 * (region NULL: unknown, never a duplicate), and its schema id (may be NULL). */
typedef struct qs_summary_key {
    const char *dir, *region, *schema;
    int year;
} qs_summary_key;

/* A province's roll-up holds each district once a year, measured by one
 * standard: every case whose region and year another case has too is an
 * error naming both folders and the region-year, and every case of a year
 * whose indicator schema differs from the first case's of that year is an
 * error naming both.  bad[i] is set for each (the others are left as they
 * are); returns the number of cases set. */
size_t qs_summary_check(const qs_summary_key *keys, size_t n, bool *bad, qs_diags *d);

/* The roll-up of rows (not copied; they must outlive it): grouped by year,
 * ranked.  Arena memory. */
qs_summary *qs_summary_build(qs_summary_row *const *rows, size_t n, qs_arena *a);

/* The summary's file name without extension, from strings.xml (summary.file
 * with its years: "2022" or "2022-2024").  Arena memory. */
const char *qs_summary_name(const qs_summary *s, const qs_strings *strings, qs_arena *a);

#endif
