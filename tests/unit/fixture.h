/* fixture.h - small cases for the unit tests: a minimal valid indicator
 * schema, plan and evidence as XML text, written into a temp folder and
 * loaded through the real loader; tests change one thing with fx_replace()
 * and look for the diagnostic it must produce. */
#ifndef QS_TEST_FIXTURE_H
#define QS_TEST_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "resolve.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Two categories (10 + bonus 2), three indicators, one item of each common kind. */
static const char FX_SCHEMA[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<indicators xmlns=\"urn:qsreport:indicators:1\" version=\"1\" id=\"t-2022\" region=\"测试省\""
    " year=\"2022\" total=\"10\" bonus-cap=\"2\">\n"
    "  <title>测试指标</title>\n"
    "  <quantities>\n"
    "    <quantity id=\"pass-rate\" name=\"抽查合格率\" unit=\"%\" min=\"0\" max=\"100\"/>\n"
    "    <quantity id=\"avg-rate\" name=\"全省平均水平\" unit=\"%\" min=\"0\" max=\"100\"/>\n"
    "  </quantities>\n"
    "  <incidents>\n"
    "    <incident id=\"accident\" name=\"重大事故\"/>\n"
    "  </incidents>\n"
    "  <category id=\"a\" name=\"机制\" points=\"10\">\n"
    "    <label><line>机制（10分）</line></label>\n"
    "    <group name=\"组织\">\n"
    "      <indicator no=\"1\" points=\"6\">\n"
    "        <method>成立委员会（2分）。抽查合格率90%以上（2分）。未发生重大事故（2分）。</method>\n"
    "        <item id=\"1.1\" points=\"2\"><text>成立委员会</text><fixed/></item>\n"
    "        <item id=\"1.2\" points=\"2\"><text>抽查合格率90%以上</text>"
    "<threshold quantity=\"pass-rate\" op=\"ge\" value=\"90\"/></item>\n"
    "        <item id=\"1.3\" points=\"2\"><text>未发生重大事故</text><absence incident=\"accident\"/></item>\n"
    "      </indicator>\n"
    "    </group>\n"
    "    <indicator no=\"2\" points=\"4\">\n"
    "      <method>工作有效（4分）。</method>\n"
    "      <item id=\"2.1\" points=\"4\"><text>工作有效</text><graded/></item>\n"
    "    </indicator>\n"
    "  </category>\n"
    "  <category id=\"b\" name=\"加分项\" points=\"2\" bonus=\"true\">\n"
    "    <label><line>加分项（2分）</line></label>\n"
    "    <indicator no=\"3\">\n"
    "      <method>获奖（2分）。</method>\n"
    "      <item id=\"3.1\" points=\"2\"><text>获奖</text>"
    "<tiers><level id=\"national\" points=\"2\"/><level id=\"provincial\" points=\"1\"/></tiers></item>\n"
    "    </indicator>\n"
    "  </category>\n"
    "</indicators>\n";

static const char FX_PLAN[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"urn:qsreport:plan:1\" version=\"1\">\n"
    "  <indicators id=\"t-2022\" file=\"schema.xml\"/>\n"
    "  <region>测试区</region>\n"
    "  <year>2022</year>\n"
    "  <title><line>测试方案</line></title>\n"
    "  <status>final</status>\n"
    "  <issuer>测试区办公室</issuer>\n"
    "  <table-title>测试任务分解表</table-title><campaign level=\"区\">测试省质量强区</campaign>\n"
    "  <units>\n"
    "    <unit name=\"区办公室\" housed-at=\"区市场监管局\"/>\n"
    "    <unit name=\"区市场监管局\" member=\"true\"/>\n"
    "    <unit name=\"区交通运输局\" member=\"true\"><alias>区交通局</alias></unit>\n"
    "    <unit name=\"区财政局\"/>\n"
    "    <group name=\"区委员会各成员单位\" of=\"committee\"><alias>委员会成员单位</alias></group>\n"
    "  </units>\n"
    "  <responsibilities>\n"
    "    <responsible indicator=\"1\"><text>区市场监管局、区交通局</text>"
    "<unit role=\"lead\">区市场监管局</unit><unit>区交通局</unit></responsible>\n"
    "    <responsible indicator=\"2\"><text>区办公室</text><unit role=\"lead\">区办公室</unit></responsible>\n"
    "    <responsible indicator=\"3\"><text>委员会成员单位</text>"
    "<unit role=\"lead\">委员会成员单位</unit></responsible>\n"
    "  </responsibilities>\n"
    "</plan>\n";

static const char FX_EVIDENCE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<evidence xmlns=\"urn:qsreport:evidence:1\" version=\"1\" region=\"测试区\" year=\"2022\">\n"
    "  <unit name=\"区市场监管局\">\n"
    "    <item ref=\"1.1\" done=\"true\">\n"
    "      <document title=\"成立文件\" number=\"测〔2022〕1号\" date=\"2022-03-01\" file=\"attachments/a.txt\"/>\n"
    "    </item>\n"
    "    <item ref=\"1.2\" done=\"true\"><measure quantity=\"pass-rate\" value=\"92.5\"/></item>\n"
    "  </unit>\n"
    "</evidence>\n";

/* A copy of s with every occurrence of from replaced by to (malloc'd). */
static inline char *fx_replace(const char *s, const char *from, const char *to)
{
    size_t n = 0, lf = strlen(from), lt = strlen(to);
    for (const char *p = s; (p = strstr(p, from)) != NULL; p += lf)
        n++;
    assert_true(n > 0); /* a fixture edit that changes nothing is a broken test */
    char *out = malloc(strlen(s) + n * (lt > lf ? lt - lf : 0) + 1), *o = out;
    for (const char *p = s, *q; ; p = q + lf) {
        q = strstr(p, from);
        if (!q) {
            strcpy(o, p);
            break;
        }
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, lt);
        o += lt;
    }
    return out;
}

typedef struct fx {
    char dir[64];
    qs_arena *arena;
    qs_diags diags;
    qs_case *c;
    bool io_error;
} fx;

static inline void fx_write(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    assert_int_equal(fclose(f), 0);
}

/* A case folder with the given texts (NULL evidence = none); loaded,
 * resolved and validated. */
static inline void fx_case(fx *f, const char *schema, const char *plan, const char *evidence)
{
    strcpy(f->dir, "/tmp/qs-unit-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char sub[128];
    snprintf(sub, sizeof sub, "%s/evidence", f->dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof sub, "%s/attachments", f->dir);
    mkdir(sub, 0755);
    fx_write(f->dir, "attachments/a.txt", "sample\n");
    fx_write(f->dir, "schema.xml", schema);
    fx_write(f->dir, "plan.xml", plan);
    if (evidence)
        fx_write(f->dir, "evidence/u.xml", evidence);
    f->arena = qs_arena_new();
    qs_diag_init(&f->diags);
    qs_load_opts o = {NULL, NULL, 0};
    f->c = qs_load_case(f->arena, f->dir, &o, &f->diags, &f->io_error);
    qs_resolve(f->c, &f->diags);
    qs_validate(f->c, &f->diags);
}

static inline void fx_free(fx *f)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    qs_diag_free(&f->diags);
    qs_arena_free(f->arena);
}

/* The diagnostic of severity sev whose message contains needle, or NULL. */
static inline const qs_diag *fx_find(const fx *f, qs_severity sev, const char *needle)
{
    for (size_t i = 0; i < f->diags.count; i++)
        if (f->diags.items[i].severity == sev && strstr(f->diags.items[i].message, needle))
            return &f->diags.items[i];
    return NULL;
}

/* Prints the diagnostics (shown by cmocka when a test fails). */
static inline void fx_show(fx *f)
{
    qs_diag_print(&f->diags, stderr);
}

#define assert_diag(f, sev, needle)                                                  \
    do {                                                                             \
        if (!fx_find((f), (sev), (needle))) {                                        \
            fx_show(f);                                                              \
            fail_msg("no %s containing \"%s\"", (sev) == QS_DIAG_ERROR ? "error" : "warning", \
                     (needle));                                                      \
        }                                                                            \
    } while (0)

#endif
