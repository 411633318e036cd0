/* table.h - the official task-decomposition table as logical rows.
 *
 * Built once from the model and the wording of templates/strings.xml, read
 * by both table renderers (xlsx_table.c, pdf_table.c): six columns, one row
 * per indicator, the category and group cells merged over their rows, and
 * every text verbatim from the model.  Arena memory; no free function.
 */
#ifndef QS_TABLE_H
#define QS_TABLE_H

#include "model.h"
#include "wording.h"

typedef enum {
    QS_COL_NO,       /* 序号, centred */
    QS_COL_CATEGORY, /* 类别, merged over the category's rows */
    QS_COL_GROUP,    /* 指标内容, merged over the group's rows */
    QS_COL_POINTS,   /* 分数, centred; empty on bonus rows */
    QS_COL_METHOD,   /* 评分方法 */
    QS_COL_UNITS,    /* 责任单位 */
    QS_COL_COUNT
} qs_table_col;

typedef struct qs_table_row {
    const qs_indicator *indicator;
    /* the cell texts; for a merged column, the text of the whole span
     * (category labels keep their printed line breaks as '\n') */
    const char *cell[QS_COL_COUNT];
    /* rows merged from here: n >= 1 on the first row of a span, 0 on a row
     * covered by the span above; always 1 for the unmerged columns */
    int span[QS_COL_COUNT];
    qs_srcpos pos[QS_COL_COUNT]; /* where each cell's text was read */
} qs_table_row;

typedef struct qs_table {
    const char *attachment; /* 附件 */
    const char *title;      /* the plan's table title */
    qs_srcpos title_pos;
    const char *sheet;      /* the xlsx sheet name */
    const char *subject;    /* document subject */
    const char *author;     /* the plan's issuer */
    const char *region;
    const char *header[QS_COL_COUNT];
    /* relative column widths of the official table, summing to 1 */
    double width[QS_COL_COUNT];
    bool centre[QS_COL_COUNT]; /* horizontally centred columns */
    qs_table_row *rows;
    size_t n_rows;
} qs_table;

/* The strings.xml keys the table needs (NULL-terminated). */
extern const char *const qs_table_string_keys[];

/* The official table of a loaded, valid case (schema and plan present).
 * The strings must hold every key of qs_table_string_keys. */
qs_table *qs_table_build(const qs_case *c, const qs_strings *s, qs_arena *a);

/* The text of column col in row r, for a continuation: the merged label a
 * page break interrupts is printed again (seed rows 15 and 22). */
const char *qs_table_label(const qs_table *t, size_t r, qs_table_col col);

#endif
