/* test_deflate.c - zlib streams for the PDF writer: what goes in comes back
 * out, through libdeflate and through zlib (the reader a PDF viewer uses). */
#include "fixture.h"
#include "deflate.h"

#include <stdlib.h>
#include <zlib.h>

/* n bytes that compress as fonts do: repeats with variation */
static unsigned char *sample(size_t n)
{
    unsigned char *b = malloc(n ? n : 1);
    unsigned x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = (unsigned char)(i % 97 < 60 ? i % 13 : x >> 24);
    }
    return b;
}

static void test_a_stream_comes_back_through_libdeflate_and_zlib(void **state)
{
    (void)state;
    qs_deflate *z = qs_deflate_new();
    size_t sizes[] = {0, 1, 4096, 100000};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k], zn = 0;
        unsigned char *in = sample(n);
        unsigned char *zd = qs_deflate_zlib(z, in, n, &zn);
        assert_true(zn > 0);
        unsigned char *back = qs_deflate_unzlib(z, zd, zn, n);
        assert_non_null(back);
        assert_memory_equal(back, in, n ? n : 0);
        uLongf got = (uLongf)n + 1; /* zlib, as poppler and MuPDF read FlateDecode */
        unsigned char *zback = malloc(n + 1);
        assert_int_equal(uncompress(zback, &got, zd, (uLong)zn), Z_OK);
        assert_int_equal(got, n);
        assert_memory_equal(zback, in, n ? n : 0);
        if (n >= 4096)
            assert_true(zn < n / 2);
        free(zback);
        free(back);
        free(zd);
        free(in);
    }
    qs_deflate_free(z);
}

static void test_a_wrong_length_or_a_damaged_stream_gives_null(void **state)
{
    (void)state;
    qs_deflate *z = qs_deflate_new();
    size_t zn = 0;
    unsigned char *in = sample(5000);
    unsigned char *zd = qs_deflate_zlib(z, in, 5000, &zn);
    assert_null(qs_deflate_unzlib(z, zd, zn, 4999));
    assert_null(qs_deflate_unzlib(z, zd, zn, 5001));
    zd[zn / 2] ^= 0x55;
    assert_null(qs_deflate_unzlib(z, zd, zn, 5000)); /* the Adler-32 check, if nothing before it */
    free(zd);
    free(in);
    qs_deflate_free(z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_stream_comes_back_through_libdeflate_and_zlib),
        cmocka_unit_test(test_a_wrong_length_or_a_damaged_stream_gives_null),
    };
    return cmocka_run_group_tests_name("deflate", tests, NULL, NULL);
}
