/* test_fsio.c - the file-system guarantees (fsio.h): names, opening beneath
 * a folder, copying without filling holes, atomic create and commit. */
#include "fixture.h"
#include "fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_a_name_that_cannot_be_one_file_everywhere_is_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", ".", "..", "a/b", "a\\b", "../x", "a\nb", "a\tb", "a\rb", "\x7f", " lead", "trail ", ".hidden",
        "trail.", "CON", "con", "NUL.txt", "aux.pdf", "COM1", "lpt9.xlsx", "Con .txt", "a:b", "a*b", "a?b",
        "a\"b", "a<b", "a>b", "a|b", "\xe5\x9f", /* a cut UTF-8 sequence */
        "a\xe2\x80\xa8" "b",                   /* U+2028, a line separator */
        NULL,
    };
    for (size_t i = 0; bad[i]; i++)
        if (!qs_fs_name_problem(bad[i]))
            fail_msg("\"%s\" was taken", bad[i]);
    char longname[QS_NAME_MAX + 2];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_non_null(qs_fs_name_problem(longname));
    longname[QS_NAME_MAX] = '\0';
    assert_null(qs_fs_name_problem(longname));
    static const char *const good[] = {"埇桥区-2022", "区住房／建设局.pdf", "CONSOLE", "COM", "a.b.c", "佐证材料", "x y", NULL};
    for (size_t i = 0; good[i]; i++)
        if (qs_fs_name_problem(good[i]))
            fail_msg("\"%s\" was refused: %s", good[i], qs_fs_name_problem(good[i]));
}

static void test_case_and_normalisation_twins_share_a_key(void **state)
{
    (void)state;
    char *a = qs_fs_name_key("R\xc3\xa9sum\xc3\xa9.TXT");  /* NFC é */
    char *b = qs_fs_name_key("re\xcc\x81sume\xcc\x81.txt"); /* NFD e + U+0301 */
    char *c = qs_fs_name_key("resume.txt");
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
}

typedef struct tree {
    char dir[64];
    int fd;
} tree;

static void tree_new(tree *t)
{
    strcpy(t->dir, "/tmp/qs-fsio-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    t->fd = open(t->dir, O_RDONLY | O_DIRECTORY);
    assert_true(t->fd >= 0);
}

static void tree_free(tree *t)
{
    close(t->fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    assert_int_equal(system(cmd), 0);
}

static void test_opening_beneath_a_folder_takes_no_symlink_and_no_way_out(void **state)
{
    (void)state;
    tree t;
    tree_new(&t);
    assert_int_equal(mkdirat(t.fd, "sub", 0755), 0);
    int w = openat(t.fd, "sub/f.txt", O_WRONLY | O_CREAT, 0644);
    assert_int_equal(write(w, "hello", 5), 5);
    close(w);
    assert_int_equal(symlinkat("/etc/passwd", t.fd, "sub/out"), 0);
    assert_int_equal(symlinkat("f.txt", t.fd, "sub/in"), 0);
    assert_int_equal(symlinkat("/etc", t.fd, "etc"), 0);
    assert_int_equal(mkfifoat(t.fd, "sub/fifo", 0644), 0);

    int fd = qs_fs_open_beneath(t.fd, "sub/f.txt");
    assert_true(fd >= 0);
    close(fd);
    fd = qs_fs_open_beneath(t.fd, "./sub/f.txt");
    assert_true(fd >= 0);
    close(fd);
    struct {
        const char *rel;
        int err;
    } refused[] = {
        {"sub/out", ELOOP},  {"sub/in", ELOOP},   {"etc/passwd", ELOOP},  {"../x", EXDEV},
        {"sub/../sub/f.txt", EXDEV}, {"/etc/passwd", EXDEV}, {"sub", EISDIR}, {"sub/fifo", EINVAL},
        {"sub/none", ENOENT},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        errno = 0;
        assert_int_equal(qs_fs_open_beneath(t.fd, refused[i].rel), -1);
        if (errno != refused[i].err)
            fail_msg("%s: errno %d, want %d", refused[i].rel, errno, refused[i].err);
    }
    tree_free(&t);
}

static void test_a_copy_keeps_the_holes_of_a_sparse_file(void **state)
{
    (void)state;
    tree t;
    tree_new(&t);
    int in = openat(t.fd, "sparse", O_RDWR | O_CREAT, 0644);
    assert_int_equal(pwrite(in, "head", 4, 0), 4);
    assert_int_equal(pwrite(in, "tail", 4, 64L * 1024 * 1024), 4);
    int out = openat(t.fd, "copy", O_RDWR | O_CREAT, 0644);
    assert_int_equal(qs_fs_copy_fd(in, out), 0);
    struct stat a, b;
    assert_int_equal(fstat(in, &a), 0);
    assert_int_equal(fstat(out, &b), 0);
    assert_int_equal(a.st_size, b.st_size);
    assert_true(b.st_blocks * 512 < 8L * 1024 * 1024); /* not 64 MiB of zeros */
    char buf[4];
    assert_int_equal(pread(out, buf, 4, 64L * 1024 * 1024), 4);
    assert_memory_equal(buf, "tail", 4);
    assert_int_equal(pread(out, buf, 4, 0), 4);
    assert_memory_equal(buf, "head", 4);
    close(in);
    close(out);
    tree_free(&t);
}

static void test_a_file_is_created_beside_its_name_and_renamed_over_it(void **state)
{
    (void)state;
    tree t;
    tree_new(&t);
    qs_diags d;
    qs_diag_init(&d);
    qs_dest to = {t.fd, "out.txt", "shown/out.txt", false};
    qs_afile f;
    assert_int_equal(qs_fs_create(&f, &to, &d), QS_OK);
    assert_true(qs_fs_write(&f, "new", 3));
    assert_int_equal(faccessat(t.fd, "out.txt", F_OK, 0), -1); /* not there until committed */
    assert_int_equal(qs_fs_commit(&f, false, NULL, &d), QS_OK);
    assert_int_equal(faccessat(t.fd, "out.txt", F_OK, 0), 0);

    /* no_replace: an existing file stays as it is */
    assert_int_equal(qs_fs_create(&f, &to, &d), QS_OK);
    assert_true(qs_fs_write(&f, "other", 5));
    bool existed = false;
    assert_int_equal(qs_fs_commit(&f, true, &existed, &d), QS_OK);
    assert_true(existed);
    char buf[8] = {0};
    int fd = openat(t.fd, "out.txt", O_RDONLY);
    assert_int_equal(read(fd, buf, sizeof buf), 3);
    assert_string_equal(buf, "new");
    close(fd);

    /* a name that is not one component never leaves the folder */
    const char *const climbing[] = {"../escape.txt", "..", ".", "a/b.txt", ""};
    for (size_t i = 0; i < sizeof climbing / sizeof *climbing; i++) {
        qs_dest bad = {t.fd, climbing[i], "shown", false};
        assert_int_equal(qs_fs_create(&f, &bad, &d), QS_ERR_IO);
    }
    assert_int_equal(qs_fs_subdir(t.fd, "..", "shown", &d), -1);
    assert_int_equal(qs_fs_subdir(t.fd, "a/b", "shown", &d), -1);
    assert_int_equal(qs_diag_errors(&d), 7);
    assert_string_equal(d.items[0].file, "shown");

    /* nothing else is left in the folder: no temporary file */
    DIR *dh = opendir(t.dir);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(dh)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(dh);
    assert_int_equal(n, 1);
    qs_diag_free(&d);
    tree_free(&t);
}

static void test_a_new_file_takes_its_mode_from_the_umask(void **state)
{
    (void)state;
    tree t;
    tree_new(&t);
    qs_diags d;
    qs_diag_init(&d);
    mode_t old = umask(027);
    qs_dest to = {t.fd, "m.txt", "m.txt", false};
    qs_afile f;
    assert_int_equal(qs_fs_create(&f, &to, &d), QS_OK);
    assert_int_equal(qs_fs_commit(&f, false, NULL, &d), QS_OK);
    int sub = qs_fs_subdir(t.fd, "folder", "folder", &d);
    assert_true(sub >= 0);
    close(sub);
    umask(old);
    struct stat st;
    assert_int_equal(fstatat(t.fd, "m.txt", &st, 0), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(fstatat(t.fd, "folder", &st, 0), 0);
    assert_int_equal(st.st_mode & 0777, 0750);
    qs_diag_free(&d);
    tree_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_name_that_cannot_be_one_file_everywhere_is_refused),
        cmocka_unit_test(test_case_and_normalisation_twins_share_a_key),
        cmocka_unit_test(test_opening_beneath_a_folder_takes_no_symlink_and_no_way_out),
        cmocka_unit_test(test_a_copy_keeps_the_holes_of_a_sparse_file),
        cmocka_unit_test(test_a_file_is_created_beside_its_name_and_renamed_over_it),
        cmocka_unit_test(test_a_new_file_takes_its_mode_from_the_umask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
