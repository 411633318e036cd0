/* test_xlsx_table.c - the xlsx writer's contract beyond what openpyxl sees
 * (tests/e2e_table_xlsx.sh reads the sheet itself): atomic write, one
 * diagnostic per failure, reproducible bytes, Excel's row-height limit. */
#include "fixture.h"
#include "render.h"

#include <dirent.h>

typedef struct tfx {
    char dir[64];
    qs_arena *a;
    qs_table t;
    qs_diags d;
    qs_render_opts o;
} tfx;

/* A two-row table: one category merged over both rows, no fonts, no strings. */
static void tfx_init(tfx *f)
{
    memset(f, 0, sizeof *f);
    strcpy(f->dir, "/tmp/qs-xlsx-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->a = qs_arena_new();
    qs_diag_init(&f->d);
    f->o.epoch = 1672531200;
    static const char *const header[QS_COL_COUNT] = {"no", "category", "group", "points",
                                                     "method", "units"};
    static const double width[QS_COL_COUNT] = {0.05, 0.09, 0.09, 0.05, 0.50, 0.22};
    f->t.attachment = "attachment";
    f->t.title = "title";
    f->t.sheet = "sheet";
    f->t.subject = "subject";
    f->t.author = "author";
    f->t.region = "region";
    for (int c = 0; c < QS_COL_COUNT; c++) {
        f->t.header[c] = header[c];
        f->t.width[c] = width[c];
    }
    f->t.centre[QS_COL_NO] = f->t.centre[QS_COL_POINTS] = true;
    f->t.n_rows = 2;
    f->t.rows = qs_arena_calloc(f->a, 2, sizeof *f->t.rows);
    for (size_t r = 0; r < 2; r++) {
        qs_table_row *row = &f->t.rows[r];
        const char *cells[QS_COL_COUNT] = {r ? "2" : "1", "cat\n(5)", "", r ? "" : "0.5",
                                           "method text", "units"};
        for (int c = 0; c < QS_COL_COUNT; c++) {
            row->cell[c] = cells[c];
            row->span[c] = 1;
        }
        row->span[QS_COL_CATEGORY] = r ? 0 : 2;
    }
}

static void tfx_free(tfx *f)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    qs_diag_free(&f->d);
    qs_arena_free(f->a);
}

static char *path_in(tfx *f, const char *name)
{
    return qs_arena_printf(f->a, "%s/%s", f->dir, name);
}

static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/* the table rendered to path, as `qsreport table -o path` does */
static qs_status render_at(tfx *f, const char *path)
{
    qs_dest to;
    if (!qs_fs_dest_of(path, &to, &f->d))
        return QS_ERR_IO;
    qs_status st = qs_render_table_xlsx(&f->t, &to, &f->o, &f->d);
    close(to.dir);
    return st;
}

static char *slurp(qs_arena *a, const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    char *buf = qs_arena_alloc(a, *len + 1);
    assert_int_equal(fread(buf, 1, *len, fp), *len);
    fclose(fp);
    return buf;
}

static void test_writes_the_workbook_and_nothing_else(void **state)
{
    (void)state;
    tfx f;
    tfx_init(&f);
    char *path = path_in(&f, "t.xlsx");
    assert_int_equal(render_at(&f, path), QS_OK);
    assert_int_equal(f.d.count, 0);
    size_t len;
    char *bytes = slurp(f.a, path, &len);
    assert_true(len > 1000 && !memcmp(bytes, "PK\3\4", 4));
    assert_int_equal(files_in(f.dir), 1);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask); /* a new file's mode, not mkstemp's 0600 */
    tfx_free(&f);
}

static void test_same_epoch_gives_the_same_bytes(void **state)
{
    (void)state;
    tfx f;
    tfx_init(&f);
    char *p1 = path_in(&f, "a.xlsx"), *p2 = path_in(&f, "b.xlsx");
    assert_int_equal(render_at(&f, p1), QS_OK);
    assert_int_equal(render_at(&f, p2), QS_OK);
    size_t n1, n2;
    char *b1 = slurp(f.a, p1, &n1), *b2 = slurp(f.a, p2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(b1, b2, n1);
    tfx_free(&f);
}

static void test_missing_folder_is_one_io_error(void **state)
{
    (void)state;
    tfx f;
    tfx_init(&f);
    char *path = path_in(&f, "missing/t.xlsx");
    assert_int_equal(render_at(&f, path), QS_ERR_IO);
    assert_int_equal(f.d.count, 1);
    assert_string_equal(f.d.items[0].file, path);
    assert_string_equal(f.d.items[0].message, "cannot write: No such file or directory");
    assert_int_equal(files_in(f.dir), 0);
    tfx_free(&f);
}

static void test_refused_sheet_name_keeps_the_old_file(void **state)
{
    (void)state;
    tfx f;
    tfx_init(&f);
    char *path = path_in(&f, "t.xlsx");
    assert_int_equal(render_at(&f, path), QS_OK);
    size_t n1, n2;
    char *before = slurp(f.a, path, &n1);
    f.t.sheet = "bad[name]";
    f.t.title = "another title";
    assert_int_equal(render_at(&f, path), QS_ERR_XLSX);
    assert_int_equal(f.d.count, 1);
    assert_non_null(strstr(f.d.items[0].message, "cannot write: "));
    char *after = slurp(f.a, path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    assert_int_equal(files_in(f.dir), 1);
    tfx_free(&f);
}

static void test_a_row_taller_than_excel_allows_is_capped_with_a_warning(void **state)
{
    (void)state;
    tfx f;
    tfx_init(&f);
    size_t n = 3000;
    char *text = qs_arena_alloc(f.a, 3 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 3 * i, "\xe8\xb4\xa8", 3); /* 质 */
    f.t.rows[1].cell[QS_COL_METHOD] = text;
    assert_int_equal(render_at(&f, path_in(&f, "t.xlsx")), QS_OK);
    assert_int_equal(qs_diag_errors(&f.d), 0);
    assert_int_equal(qs_diag_warnings(&f.d), 1);
    assert_non_null(strstr(f.d.items[0].message, "row 5 needs"));
    assert_non_null(strstr(f.d.items[0].message, "409 pt"));
    tfx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writes_the_workbook_and_nothing_else),
        cmocka_unit_test(test_same_epoch_gives_the_same_bytes),
        cmocka_unit_test(test_missing_folder_is_one_io_error),
        cmocka_unit_test(test_refused_sheet_name_keeps_the_old_file),
        cmocka_unit_test(test_a_row_taller_than_excel_allows_is_capped_with_a_warning),
    };
    return cmocka_run_group_tests_name("xlsx_table", tests, NULL, NULL);
}
