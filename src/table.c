/* table.c - the official table as logical rows (stage 4: render, shared).
 *
 * Reads the schema (categories, groups, indicators, verbatim methods), the
 * plan (title, the responsible-units text of each row) and the wording of
 * templates/strings.xml; writes a qs_table that the xlsx and PDF renderers
 * lay out.  Follows the seed's attachment: 6 columns, category merged over
 * its rows with its printed label, group merged over its rows, bonus rows
 * without a score, a row outside any group with an empty group cell.
 */
#include "table.h"
#include "resolve.h"

#include <string.h>

const char *const qs_table_string_keys[] = {
    "table.attachment", "table.sheet",        "table.header.no",     "table.header.category",
    "table.header.group", "table.header.points", "table.header.method", "table.header.units",
    "table.footer",     "table.subject",      NULL,
};

/* Column proportions of the official attachment (landscape A4): the scoring
 * method takes about half, the unit column a fifth. */
static const double widths[QS_COL_COUNT] = {0.05, 0.11, 0.09, 0.05, 0.48, 0.22};

static const char *join_lines(qs_arena *a, const char *const *lines, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(lines[i]) + 1;
    char *out = qs_arena_alloc(a, len + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *o++ = '\n';
        size_t l = strlen(lines[i]);
        memcpy(o, lines[i], l);
        o += l;
    }
    *o = '\0';
    return out;
}

qs_table *qs_table_build(const qs_case *c, const qs_strings *s, qs_arena *a)
{
    const qs_schema *sc = c->schema;
    const qs_plan *p = c->plan;
    qs_table *t = qs_arena_alloc(a, sizeof *t);
    static const char *const header_keys[QS_COL_COUNT] = {
        "table.header.no",     "table.header.category", "table.header.group",
        "table.header.points", "table.header.method",   "table.header.units",
    };
    for (int col = 0; col < QS_COL_COUNT; col++) {
        t->header[col] = qs_strings_get(s, header_keys[col]);
        t->width[col] = widths[col];
    }
    t->centre[QS_COL_NO] = t->centre[QS_COL_POINTS] = true;
    t->centre[QS_COL_CATEGORY] = t->centre[QS_COL_GROUP] = true;
    t->attachment = qs_strings_get(s, "table.attachment");
    t->sheet = qs_strings_get(s, "table.sheet");
    t->subject = qs_strings_get(s, "table.subject");
    t->title = p->table_title;
    t->title_pos = p->table_title_pos;
    t->author = p->issuer;
    t->region = p->region;

    t->n_rows = sc->n_indicators;
    t->rows = qs_arena_calloc(a, t->n_rows, sizeof *t->rows);
    for (size_t i = 0; i < sc->n_indicators; i++) {
        const qs_indicator *ind = &sc->indicators[i];
        qs_table_row *r = &t->rows[i];
        r->indicator = ind;
        r->cell[QS_COL_NO] = qs_arena_printf(a, "%d", ind->no);
        r->cell[QS_COL_POINTS] = ind->has_points ? qs_points_text(a, ind->points) : "";
        r->cell[QS_COL_METHOD] = ind->method;
        const qs_responsibility *resp = qs_resolve_responsibility(p, ind->no);
        r->cell[QS_COL_UNITS] = resp ? resp->text : "";
        for (int col = 0; col < QS_COL_COUNT; col++) {
            r->span[col] = 1;
            r->pos[col] = ind->pos;
        }
        if (resp)
            r->pos[QS_COL_UNITS] = resp->pos;
        r->pos[QS_COL_CATEGORY] = ind->category->pos;
        if (ind->group)
            r->pos[QS_COL_GROUP] = ind->group->pos;

        const qs_category *cat = ind->category;
        if (i == cat->first) {
            r->cell[QS_COL_CATEGORY] = join_lines(a, cat->label, cat->n_label);
            r->span[QS_COL_CATEGORY] = (int)cat->count;
        } else {
            r->cell[QS_COL_CATEGORY] = t->rows[cat->first].cell[QS_COL_CATEGORY];
            r->span[QS_COL_CATEGORY] = 0;
        }
        const qs_group *g = ind->group;
        if (!g) {
            r->cell[QS_COL_GROUP] = "";
        } else if (i == g->first) {
            r->cell[QS_COL_GROUP] = g->name;
            r->span[QS_COL_GROUP] = (int)g->count;
        } else {
            r->cell[QS_COL_GROUP] = g->name;
            r->span[QS_COL_GROUP] = 0;
        }
    }
    return t;
}

const char *qs_table_label(const qs_table *t, size_t r, qs_table_col col)
{
    return r < t->n_rows ? t->rows[r].cell[col] : "";
}
