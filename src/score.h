/* score.h - stage 3: the score of a valid case, a product separate from the
 * model.  Every scoring item gets its earned points and, for every point
 * not earned, a reason a person can act on (worded from templates/
 * strings.xml) and the unit responsible; indicators, categories and the
 * bonus are capped at their points.  Arena memory; no free function.
 */
#ifndef QS_SCORE_H
#define QS_SCORE_H

#include "model.h"
#include "wording.h"

typedef enum {
    QS_REASON_NONE,         /* fully earned */
    QS_REASON_NO_EVIDENCE,  /* no unit reported the item */
    QS_REASON_NOT_FILLED,   /* reported, done not stated */
    QS_REASON_NOT_DONE,     /* done="false" */
    QS_REASON_NO_DOCUMENT,  /* done, but no supporting document */
    QS_REASON_NOT_ASSESSED, /* graded item without an assessed score */
    QS_REASON_GRADED,       /* the assessor gave part: their reason */
    QS_REASON_NO_MEASURE,   /* a needed value was not reported */
    QS_REASON_NO_REFERENCE, /* the reference value was not reported */
    QS_REASON_MISSED,       /* a value misses its bound */
    QS_REASON_NO_FACT,      /* a needed yes/no fact was not stated */
    QS_REASON_FACT_FALSE,   /* a needed fact is false */
    QS_REASON_NO_ALTERNATIVE, /* none of the alternatives holds */
    QS_REASON_NO_AWARD,     /* no award of a level that earns points */
    QS_REASON_PART_AWARD,   /* awards earn less than the item's points */
    QS_REASON_INCIDENT,     /* an incident voids the item */
    QS_REASON_NO_YEAR,      /* the trend lacks a year's value */
    QS_REASON_NO_TREND,     /* the values did not fall (rise) every year */
    QS_REASON_PARTS,        /* nested items lost points (see them) */
    QS_REASON_COUNT
} qs_reason;

typedef struct qs_item_score {
    const qs_item *item;
    qs_points earned, available;
    qs_reason reason;
    const char *why;          /* the reason in words (Chinese, from strings.xml); NULL if none */
    const qs_unit *unit;      /* who is responsible: the indicator's lead unit */
    size_t n_reports;         /* evidence items merged into this one */
    const qs_evidence_item *first; /* the first report, for positions; NULL if none */
    bool has_claimed;         /* a claimed score that differs from the computed one */
    qs_points claimed;
    qs_srcpos claimed_pos;
    struct qs_item_score *children; /* nested items (QS_RULE_SUM) */
    size_t n_children;
} qs_item_score;

typedef struct qs_indicator_score {
    const qs_indicator *indicator;
    qs_points earned, available, items_sum; /* earned = items_sum capped at available */
    qs_item_score *items;
    size_t n_items;
} qs_indicator_score;

typedef struct qs_category_score {
    const qs_category *category;
    qs_points earned, available;
    qs_indicator_score *indicators; /* a run of qs_scores.indicators */
    size_t n_indicators;
} qs_category_score;

typedef struct qs_scores {
    qs_category_score *categories;
    size_t n_categories;
    qs_indicator_score *indicators; /* all, in table order */
    size_t n_indicators;
    qs_points base, base_available;   /* the non-bonus categories */
    qs_points bonus, bonus_available; /* capped at the schema's bonus cap */
    qs_points total;                  /* base + bonus */
} qs_scores;

/* The strings.xml keys the reasons need (NULL-terminated). */
extern const char *const qs_score_string_keys[];

/* Scores a loaded, resolved and valid case (schema and plan present; call
 * only when validation found no error).  The strings word the reasons. */
qs_scores *qs_score(const qs_case *c, const qs_strings *s, qs_arena *a);

/* Evaluates one item from its merged reports (exposed for the unit tests):
 * fills earned, reason and why. */
void qs_score_item(const qs_case *c, const qs_strings *s, qs_arena *a, qs_item_score *out,
                   const qs_evidence_item *const *reports, size_t n_reports);

/* "fixed", … for dumps: the reason code's English name. */
const char *qs_reason_name(qs_reason r);

#endif
