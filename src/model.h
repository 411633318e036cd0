/* model.h - the case model: indicator schema, plan and evidence as plain structs.
 *
 * Everything lives in the case's arena and is freed with it; nothing here has
 * a free function.  Strings are UTF-8 copied out of libxml2.  Official text
 * (methods, 责任单位 cells, task paragraphs) is kept exactly as published.
 * Every object read from XML carries the qs_srcpos it came from.  Fields
 * marked "resolved" are NULL after load and filled by qs_resolve().
 */
#ifndef QS_MODEL_H
#define QS_MODEL_H

#include "arena.h"
#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Points are kept in hundredths (0.5 分 = 50) so that sums are exact. */
typedef int qs_points;
#define QS_POINTS_SCALE 100

typedef enum { QS_OP_GE, QS_OP_GT, QS_OP_LE, QS_OP_LT, QS_OP_EQ } qs_op;

typedef enum {
    QS_LEVEL_NATIONAL,
    QS_LEVEL_PROVINCIAL,
    QS_LEVEL_CITY,
    QS_LEVEL_COUNTY,
    QS_LEVEL_COUNT
} qs_level;

typedef enum {
    QS_RULE_FIXED,     /* earned when done and documented */
    QS_RULE_GRADED,    /* an assessor gives part or all, with a reason */
    QS_RULE_THRESHOLD, /* a measured value against a constant or a reference */
    QS_RULE_ALL_OF,    /* every condition holds */
    QS_RULE_ANY_OF,    /* one condition holds */
    QS_RULE_TIERS,     /* points per level reached, each level once, capped */
    QS_RULE_PER_COUNT, /* points per award of a level, capped */
    QS_RULE_ABSENCE,   /* no incident of a kind in the year */
    QS_RULE_TREND,     /* a quantity falls (or rises) n years running */
    QS_RULE_SUM        /* a parent whose points come from nested items */
} qs_rule_kind;

typedef struct qs_quantity {
    const char *id, *name, *unit;
    bool has_min, has_max;
    double min, max;
    qs_srcpos pos;
} qs_quantity;

typedef struct qs_threshold {
    const char *quantity; /* a quantity id */
    qs_op op;
    bool has_value;
    double value;
    const char *ref; /* or: a quantity id whose value the evidence gives */
    qs_srcpos pos;
} qs_threshold;

typedef struct qs_condition {
    bool is_fact;
    qs_threshold threshold; /* when !is_fact */
    const char *fact_id;    /* when is_fact */
    const char *fact_text;
    qs_srcpos pos;
} qs_condition;

/* A fault of the official text that the schema declares (<as-published>):
 * what the published text says, so validate can report it as a warning
 * and refuse any other. */
typedef enum {
    QS_PUB_ITEM_SUM,      /* an indicator's (or a <sum/> item's) items add up to points */
    QS_PUB_INDICATOR_SUM, /* a category's indicators add up to points */
    QS_PUB_CATEGORY_SUM,  /* the categories add up to points */
    QS_PUB_LABEL,         /* a category's label prints points */
    QS_PUB_POINT_NOTE,    /* the method's （N分） after an item's text states points */
    QS_PUB_UNCLOSED,      /* the method opens mark count times and never closes it */
    QS_PUB_UNOPENED,      /* the method closes mark count times, never opened */
    QS_PUB_COUNT
} qs_published_kind;

typedef struct qs_published {
    qs_published_kind kind;
    bool has_points;
    qs_points points;
    const char *mark; /* NULL when absent */
    int count;        /* 1 when absent (the XSD's default) */
    qs_srcpos pos;
} qs_published;

struct qs_indicator;

typedef struct qs_item {
    const char *id;
    qs_points points; /* for tiers and per-count: the item's cap */
    const char *text; /* the clause of the method, verbatim */
    qs_rule_kind rule;
    qs_threshold threshold;              /* QS_RULE_THRESHOLD */
    qs_condition *conds;                 /* QS_RULE_ALL_OF, QS_RULE_ANY_OF */
    size_t n_conds;
    bool has_level[QS_LEVEL_COUNT];      /* QS_RULE_TIERS, QS_RULE_PER_COUNT */
    qs_points level_points[QS_LEVEL_COUNT];
    const char *incident;                /* QS_RULE_ABSENCE: an incident kind id */
    const char *trend_quantity;          /* QS_RULE_TREND */
    bool trend_down;
    int trend_years;
    struct qs_item *children;            /* QS_RULE_SUM */
    size_t n_children;
    qs_published *published;             /* faults declared as published */
    size_t n_published;
    struct qs_item *parent;
    struct qs_indicator *indicator;
    qs_srcpos pos;
} qs_item;

struct qs_category;
struct qs_group;

typedef struct qs_indicator {
    int no;
    bool has_points; /* false on bonus rows */
    qs_points points;
    const char *method; /* 评分方法, verbatim */
    qs_published *published;
    size_t n_published;
    qs_item *items;
    size_t n_items;
    struct qs_category *category;
    struct qs_group *group; /* NULL: empty 指标内容 cell */
    qs_srcpos pos;
} qs_indicator;

typedef struct qs_group {
    const char *name;
    size_t first, count; /* a run of schema->indicators */
    struct qs_category *category;
    qs_srcpos pos;
} qs_group;

typedef struct qs_category {
    const char *id, *name;
    qs_points points;
    bool bonus;
    const char **label; /* the 类别 cell as printed, one string per line */
    size_t n_label;
    qs_published *published;
    size_t n_published;
    size_t first, count; /* a run of schema->indicators */
    qs_srcpos pos;
} qs_category;

typedef struct qs_incident_kind {
    const char *id, *name;
    qs_srcpos pos;
} qs_incident_kind;

typedef struct qs_schema {
    const char *path;
    const char *id, *region, *title;
    int year;
    qs_points total, bonus_cap;
    qs_published *published;
    size_t n_published;
    qs_quantity *quantities;
    size_t n_quantities;
    qs_incident_kind *incidents;
    size_t n_incidents;
    qs_category *categories;
    size_t n_categories;
    qs_group *groups;
    size_t n_groups;
    qs_indicator *indicators; /* all rows, in document order */
    size_t n_indicators;
    qs_srcpos pos;
} qs_schema;

/* ---- plan ---- */

typedef struct qs_unit {
    const char *name;
    const char **aliases;
    size_t n_aliases;
    bool is_group;
    bool member;          /* a member unit of the quality development committee */
    const char *housed_at;
    bool of_committee;    /* group: every member unit */
    const char **members; /* group: listed member names */
    qs_srcpos *member_pos;
    size_t n_members;
    qs_srcpos pos;
    /* resolved */
    struct qs_unit *housed;
    struct qs_unit **expanded; /* group: the units it stands for */
    size_t n_expanded;
} qs_unit;

/* A unit as a document names it, and what the name resolves to. */
typedef struct qs_unitref {
    const char *name;
    bool lead;
    qs_srcpos pos;
    qs_unit *unit; /* resolved */
} qs_unitref;

typedef struct qs_responsibility {
    int indicator_no;
    const char *text; /* 责任单位 cell, verbatim */
    qs_unitref *units; /* lead first */
    size_t n_units;
    qs_srcpos pos;
    const qs_indicator *indicator; /* resolved */
} qs_responsibility;

typedef struct qs_task {
    const char *id, *section;
    int no;
    const char *title, *text, *units_text;
    qs_unitref *units; /* leads first (lead = true), then supporting units */
    size_t n_units;
    qs_srcpos pos;
} qs_task;

typedef struct qs_target {
    const char *id, *task_id, *quantity;
    qs_op op;
    double value;
    const char *text;
    qs_unitref *units; /* empty: the task's units */
    size_t n_units;
    qs_srcpos pos;
    const qs_task *task; /* resolved */
} qs_target;

typedef enum { QS_STATUS_DRAFT, QS_STATUS_FINAL } qs_plan_status;

typedef struct qs_plan {
    const char *path;
    const char *indicators_id, *indicators_file;
    qs_srcpos indicators_pos;
    const char *region;
    int year;
    qs_srcpos region_pos;
    const char **title; /* one string per printed line */
    size_t n_title;
    qs_srcpos title_pos;
    /* the campaign the plan creates ("安徽省质量强区") and its division's level
     * ("区", "县" or "市"): every document names the campaign from these */
    const char *campaign, *level;
    qs_srcpos campaign_pos;
    qs_plan_status status;
    const char *issuer, *table_title, *attachment_note;
    const char *recipient; /* the report's 主送机关; NULL when the plan names none */
    qs_srcpos table_title_pos, attachment_note_pos;
    qs_quantity *quantities;
    size_t n_quantities;
    qs_unit *units; /* units and groups, in document order */
    size_t n_units;
    qs_responsibility *resp;
    size_t n_resp;
    qs_task *tasks;
    size_t n_tasks;
    qs_target *targets;
    size_t n_targets;
    qs_srcpos pos;
} qs_plan;

/* ---- evidence ---- */

typedef struct qs_measure {
    const char *quantity;
    double value;
    const char *unit;   /* optional; must match the quantity's */
    const char *source; /* optional */
    qs_srcpos pos;
} qs_measure;

typedef struct qs_fact_value {
    const char *ref;
    bool value;
    qs_srcpos pos;
} qs_fact_value;

typedef struct qs_series_point {
    int year;
    double value;
    qs_srcpos pos;
} qs_series_point;

typedef struct qs_series {
    const char *quantity;
    qs_series_point *points;
    size_t n_points;
    qs_srcpos pos;
} qs_series;

typedef struct qs_award {
    qs_level level;
    const char *text, *date; /* date: YYYY-MM-DD or NULL */
    bool any_year;
    qs_srcpos pos;
} qs_award;

typedef struct qs_incident {
    const char *kind, *date, *text;
    qs_srcpos pos;
} qs_incident;

/* A file the evidence cites, opened once at load beneath the case folder
 * (fsio.h); the package copies it from this same descriptor, so what was
 * checked is what is copied. */
typedef struct qs_cited {
    const char *file; /* as cited */
    int fd;           /* -1 when it could not be opened, or is closed (reopen) */
    int err;          /* why it could not be opened (errno; EFBIG: over the size cap), else 0 */
    bool reopen;      /* past the descriptors a process may hold: closed after its check, and
                         opened again for the copy by the same rule, which must find this file */
    unsigned long long dev, ino;
    long long size;
    qs_srcpos pos;    /* the first citation */
} qs_cited;

typedef struct qs_document {
    const char *title, *number, *issuer, *date, *file;
    bool any_year;
    qs_srcpos pos;
} qs_document;

typedef enum { QS_DONE_UNSET = -1, QS_DONE_NO = 0, QS_DONE_YES = 1 } qs_done;

typedef struct qs_evidence_item {
    const char *ref;
    qs_done done;
    bool has_claimed;
    qs_points claimed;
    qs_measure *measures;
    size_t n_measures;
    qs_fact_value *facts;
    size_t n_facts;
    qs_measure *references;
    size_t n_references;
    qs_series *series;
    size_t n_series;
    qs_award *awards;
    size_t n_awards;
    qs_incident *incidents;
    size_t n_incidents;
    bool has_assessed;
    qs_points assessed;
    const char *assessed_reason;
    qs_srcpos assessed_pos;
    qs_document *documents;
    size_t n_documents;
    const char **narratives;
    size_t n_narratives;
    qs_srcpos pos;
    struct qs_evidence_unit *owner;
    const qs_item *item; /* resolved */
} qs_evidence_item;

typedef struct qs_evidence_unit {
    const char *name;
    qs_measure *measures; /* unit-level: serve the plan's targets */
    size_t n_measures;
    qs_evidence_item *items;
    size_t n_items;
    qs_srcpos pos;
    qs_unit *unit; /* resolved */
} qs_evidence_unit;

typedef struct qs_evidence {
    const char *path;
    const char *region;
    int year;
    bool sample;
    qs_evidence_unit *units;
    size_t n_units;
    qs_srcpos pos;
} qs_evidence;

/* ---- the case ---- */

typedef struct qs_case {
    qs_arena *arena;
    const char *dir; /* the case folder; NULL when given as loose files */
    qs_schema *schema; /* NULL when missing or unreadable */
    qs_plan *plan;
    qs_evidence *evidence;
    size_t n_evidence;
    qs_cited *cited;  /* every distinct cited file, sorted by name (load.c) */
    size_t n_cited;
    long long cited_max; /* the size cap they were opened with */
} qs_case;

/* ---- lookups and names (model.c) ---- */

/* Indicator by its number, item by its id (nested ones included), quantity
 * by id (the plan's first, then the schema's); NULL when absent. */
const qs_indicator *qs_model_indicator(const qs_schema *s, int no);
const qs_item *qs_model_item(const qs_schema *s, const char *id);
const qs_quantity *qs_model_quantity(const qs_schema *s, const qs_plan *p, const char *id);
const qs_incident_kind *qs_model_incident(const qs_schema *s, const char *id);
/* The opened file cited as file (qs_document.file), or NULL. */
const qs_cited *qs_model_cited(const qs_case *c, const char *file);

/* Unit by exact name or alias; NULL when absent. */
qs_unit *qs_model_unit(const qs_plan *p, const char *name);

/* The registered name or alias closest to name (edit distance), or NULL
 * when nothing is reasonably close. */
const char *qs_model_unit_suggest(const qs_plan *p, const char *name);

/* The name, value pairs of more (NULL-terminated; may be NULL), then the
 * placeholders every document's wording may use, from the plan: {region},
 * {year}, {campaign} ("安徽省质量强区") and {level} ("区").  A name of more
 * comes first, so it wins.  NULL-terminated, arena memory; for qs_format(). */
const char *const *qs_model_pairs(qs_arena *a, const qs_plan *p, const char *const *more);

/* Stable English names of enums, for diagnostics and dumps. */
const char *qs_op_name(qs_op op);        /* "ge" … */
const char *qs_op_symbol(qs_op op);      /* "≥" … */
const char *qs_level_name(qs_level l);   /* "national" … */
const char *qs_rule_name(qs_rule_kind k); /* "fixed" … */
const char *qs_published_name(qs_published_kind k); /* "item-sum" …, as in the XSD */

/* Formats points (hundredths) as a decimal without trailing zeros: "0.5", "22". */
const char *qs_points_str(qs_points p, char buf[static 16]);

/* The same text in a's memory. */
const char *qs_points_text(qs_arena *a, qs_points p);

/* Points as a number (hundredths / 100), for spreadsheets and charts. */
double qs_points_value(qs_points p);

/* Tests a value against an operator and a bound. */
bool qs_op_holds(qs_op op, double value, double bound);

#endif
