/* duties.h - what each responsible unit carries: the indicators it leads
 * or supports, its key tasks, its targets, its evidence, and its points.
 * Built once from the resolved model and the scores; read by the per-unit
 * sheets (xlsx_units.c, pdf_units.c).  Arena memory; no free function.
 */
#ifndef QS_DUTIES_H
#define QS_DUTIES_H

#include "model.h"
#include "score.h"

typedef struct qs_duty {
    const qs_indicator *indicator;
    const qs_indicator_score *score;
    bool lead; /* 牵头; else 配合 */
} qs_duty;

typedef struct qs_task_duty {
    const qs_task *task;
    bool lead;
} qs_task_duty;

typedef struct qs_unit_duties {
    const qs_unit *unit;
    qs_duty *duties; /* in table order */
    size_t n_duties;
    qs_task_duty *tasks;
    size_t n_tasks;
    const qs_target **targets; /* the targets of its tasks, or naming it */
    size_t n_targets;
    const qs_evidence_item **reports; /* its own evidence, in load order */
    size_t n_reports;
    bool has_evidence;  /* it sent at least one evidence file */
    qs_points carried;  /* points of the indicators it leads or supports */
    qs_points earned;   /* their scores */
    qs_points led;      /* points of the indicators it leads */
} qs_unit_duties;

typedef struct qs_duties {
    qs_unit_duties *units; /* every registry unit (not group) with a duty or a task */
    size_t n_units;
} qs_duties;

/* The duties of every unit: groups in the responsible-units cells expand to
 * their units (a committee group to every member unit); a unit's hosted
 * office's duties count as the office's own, not the host's. */
qs_duties *qs_duties_build(const qs_case *c, const qs_scores *sc, qs_arena *a);

#endif
