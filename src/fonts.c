/* fonts.c - font files by role (stage 4: render; with fonts_subset.c the
 * only user of fontconfig and HarfBuzz).
 *
 * Reads fonts/fontmap.conf (via fontmap.h) and the installed fonts; gives
 * the layout engine a face per character (a Latin face for Latin letters
 * and digits beside each Han role), its advance and its outline.  The PDF
 * writer's subsets are fonts_subset.c's.
 */
#include "fonts.h"
#include "layout.h"
#include "arena.h"
#include "deflate.h"
#include "file.h"
#include "fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fcfreetype.h> /* after both: it needs their types */
#include <stdbool.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "fonts_internal.h"

/* The upright regular-weight face of family, as fontconfig lists it among the
 * installed fonts and those of the font folders; NULL if none. */
static FcPattern *find_family(const qs_fonts *f, const char *family)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, FC_INDEX, FC_CHARSET, FC_WEIGHT,
                                       FC_SLANT, FC_FONTFORMAT, FC_STYLE, (char *)NULL);
    FcFontSet *sets[2];
    int n_sets = 0;
    if ((sets[n_sets] = FcConfigGetFonts(f->config, FcSetSystem)) != NULL)
        n_sets++;
    if ((sets[n_sets] = f->app) != NULL)
        n_sets++;
    FcFontSet *fs = FcFontSetList(f->config, sets, n_sets, pat, os);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    FcPattern *best = NULL;
    int best_d = 1 << 30;
    const FcChar8 *best_file = NULL;
    for (int i = 0; fs && i < fs->nfont; i++) {
        FcPattern *p = fs->fonts[i];
        FcChar8 *fmt = NULL, *file = NULL;
        int weight = FC_WEIGHT_REGULAR;
        FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt);
        if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (fmt && strcmp((const char *)fmt, "TrueType"))
            continue; /* CFF outlines: libharu cannot embed them */
        int slant = FC_SLANT_ROMAN;
        FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(p, FC_SLANT, 0, &slant);
        int dist = abs(weight - FC_WEIGHT_REGULAR) + (slant != FC_SLANT_ROMAN ? 1000 : 0); /* never italic */
        /* ties: the smaller file name, so the choice never depends on list order */
        if (dist < best_d || (dist == best_d && strcmp((const char *)file, (const char *)best_file) < 0)) {
            best = p;
            best_d = dist;
            best_file = file;
        }
    }
    FcPattern *out = best ? FcPatternDuplicate(best) : NULL;
    if (fs)
        FcFontSetDestroy(fs);
    return out;
}

/* A font file mapped into memory, for HarfBuzz to release. */
typedef struct mapping {
    void *data;
    size_t len;
} mapping;

static void unmap(void *p)
{
    mapping *m = p;
    qs_file_unmap(m->data, m->len);
    free(m);
}

/* The file as a blob: mapped, after the checks of file.h; NULL (and *why) if not. */
static hb_blob_t *font_blob(const char *file, const char **why)
{
    mapping *m = qs_xmalloc(sizeof *m);
    m->data = qs_file_map(file, MAX_FONT_BYTES, &m->len, why);
    if (!m->data || m->len > UINT_MAX) {
        if (m->data)
            *why = qs_fs_too_large();
        qs_file_unmap(m->data, m->len);
        free(m);
        return NULL;
    }
    return hb_blob_create(m->data, (unsigned)m->len, HB_MEMORY_MODE_READONLY, m, unmap);
}

/* The face id of (file, index), opening it when new; -1 (and *why) if unusable. */
static int open_face(qs_fonts *f, const char *family, FcPattern *p, const char **why)
{
    FcChar8 *file = NULL;
    int index = 0;
    FcCharSet *cs = NULL;
    FcPatternGetString(p, FC_FILE, 0, &file);
    FcPatternGetInteger(p, FC_INDEX, 0, &index);
    FcPatternGetCharSet(p, FC_CHARSET, 0, &cs);
    for (int i = 0; i < f->n_faces; i++)
        if (!strcmp(f->faces[i].file, (const char *)file) && f->faces[i].index == index)
            return i;
    *why = "too many fonts";
    if (f->n_faces == MAX_FACES || !cs)
        return -1;
    hb_blob_t *blob = font_blob((const char *)file, why);
    if (!blob)
        return -1;
    hb_face_t *hb = hb_face_create(blob, (unsigned)index);
    hb_blob_t *glyf = hb_face_reference_table(hb, HB_TAG('g', 'l', 'y', 'f'));
    unsigned glyf_len = hb_blob_get_length(glyf);
    hb_blob_destroy(glyf);
    if (hb_face_get_glyph_count(hb) == 0 || glyf_len == 0) { /* truncated, or not TrueType */
        *why = "the file is damaged or holds no TrueType outlines";
        hb_face_destroy(hb);
        hb_blob_destroy(blob);
        return -1;
    }
    face *fc = &f->faces[f->n_faces];
    fc->family = qs_xstrdup(family);
    fc->file = qs_xstrdup((const char *)file);
    fc->index = index;
    fc->charset = FcCharSetCopy(cs);
    fc->blob = blob;
    fc->hb = hb;
    fc->font = hb_font_create(hb);
    fc->upem = hb_face_get_upem(hb);
    return f->n_faces++;
}

/* The faces of one font file in memory, as fontconfig describes them. */
static void add_faces(qs_fonts *f, FT_Library ft, const char *path, const void *data, size_t len)
{
    FT_Face ftf;
    if (FT_New_Memory_Face(ft, data, (FT_Long)len, 0, &ftf))
        return; /* not a font: fontconfig's own scans skip these too */
    FT_Long n = ftf->num_faces;
    for (FT_Long i = 0; i < n; i++) {
        if (i && FT_New_Memory_Face(ft, data, (FT_Long)len, i, &ftf))
            continue;
        FcPattern *p = FcFreeTypeQueryFace(ftf, (const FcChar8 *)path, (unsigned)i, NULL);
        FT_Done_Face(ftf);
        if (p && !FcFontSetAdd(f->app, p))
            FcPatternDestroy(p);
    }
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every font file below dir, in name order.  Only regular files are read
 * (file.h): a FIFO or a device named *.ttf is skipped with a warning,
 * never opened for a blocking read, as fontconfig's scan of a folder
 * would; so is a file over MAX_FONT_BYTES. */
static void scan_dir(qs_fonts *f, FT_Library ft, const char *dir, int depth, qs_diags *d)
{
    DIR *dh = opendir(dir); /* O_DIRECTORY: whatever else the name is, it is not opened */
    if (!dh) {
        if (depth == 0) {
            qs_srcpos pos = {dir, 0};
            qs_diag_warning(d, pos, "no fonts could be read from this folder: %s", strerror(errno));
        }
        return;
    }
    size_t n = 0, cap = 16;
    char **names = qs_xmalloc(cap * sizeof *names);
    for (struct dirent *e; (e = readdir(dh)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap)
            names = qs_xrealloc(names, (cap *= 2) * sizeof *names);
        names[n++] = qs_xstrdup(e->d_name);
    }
    closedir(dh);
    qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = qs_xmalloc(plen);
        snprintf(path, plen, "%s/%s", dir, names[i]);
        DIR *sub = depth < MAX_DIR_DEPTH ? opendir(path) : NULL;
        if (sub) {
            closedir(sub);
            scan_dir(f, ft, path, depth + 1, d);
        } else {
            size_t len;
            const char *why;
            void *data = qs_file_map(path, MAX_FONT_BYTES, &len, &why);
            if (data) {
                add_faces(f, ft, path, data, len);
                qs_file_unmap(data, len);
            } else if (errno != ENOENT || strcmp(why, strerror(ENOENT))) {
                qs_srcpos pos = {path, 0};
                if (qs_file_too_large(why))
                    qs_diag_warning(d, pos, "not read as a font: larger than the limit of 64 MiB");
                else
                    qs_diag_warning(d, pos, "not read as a font: %s", why);
            }
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

qs_fonts *qs_fonts_open(const qs_fontmap *m, const char *const *dirs, size_t n_dirs, qs_diags *d)
{
    qs_fonts *f = qs_xmalloc(sizeof *f);
    memset(f, 0, sizeof *f);
    f->config = FcInitLoadConfigAndFonts();
    f->app = FcFontSetCreate();
    f->z = qs_deflate_new();
    qs_srcpos none = {NULL, 0};
    FT_Library ft;
    if (!FT_Init_FreeType(&ft)) {
        for (size_t i = 0; i < n_dirs; i++)
            scan_dir(f, ft, dirs[i], 0, d);
        FT_Done_FreeType(ft);
    }
    bool ok = true;
    for (int r = 0; r < QS_ROLE_COUNT; r++) {
        size_t len = 0;
        for (size_t k = 0; k < qs_fontmap_count(m, (qs_font_role)r); k++)
            len += strlen(qs_fontmap_family(m, (qs_font_role)r, k)) + 2;
        f->role_families[r] = qs_xmalloc(len + 1);
        f->role_families[r][0] = '\0';
        for (size_t k = 0; k < qs_fontmap_count(m, (qs_font_role)r); k++) {
            const char *fam = qs_fontmap_family(m, (qs_font_role)r, k);
            if (k)
                strcat(f->role_families[r], ", ");
            strcat(f->role_families[r], fam);
            FcPattern *p = find_family(f, fam);
            if (!p)
                continue;
            const char *why = "";
            int id = open_face(f, fam, p, &why);
            if (id < 0) {
                FcChar8 *file = NULL;
                FcPatternGetString(p, FC_FILE, 0, &file);
                qs_srcpos pos = {file ? (const char *)file : fam, 0};
                if (qs_file_too_large(why))
                    qs_diag_warning(d, pos, "font \"%s\" cannot be used: larger than the limit of 64 MiB; "
                                            "the next font of the %s role is used", fam,
                                    qs_font_role_name((qs_font_role)r));
                else
                    qs_diag_warning(d, pos, "font \"%s\" cannot be used: %s; the next font of the %s role "
                                            "is used", fam, why, qs_font_role_name((qs_font_role)r));
            }
            FcPatternDestroy(p);
            if (id < 0)
                continue;
            bool dup = false;
            for (int j = 0; j < f->n_role_faces[r]; j++)
                dup |= f->role_faces[r][j] == id;
            if (!dup && f->n_role_faces[r] < MAX_FACES)
                f->role_faces[r][f->n_role_faces[r]++] = id;
        }
        bool latin = qs_font_role_latin((qs_font_role)r) == (qs_font_role)r;
        if (f->n_role_faces[r] == 0 && latin && qs_fontmap_count(m, (qs_font_role)r) == 0)
            continue; /* no Latin role in the map: the Han faces set Latin text too */
        if (f->n_role_faces[r] == 0) {
            qs_diag_error(d, none, "no font of the %s role is installed (%s); install %s or put a "
                          "TrueType font in fonts/", qs_font_role_name((qs_font_role)r), f->role_families[r],
                          latin ? "fonts-liberation2" : "fonts-arphic-uming");
            ok = false;
        }
    }
    if (!ok) {
        qs_fonts_close(f);
        return NULL;
    }
    return f;
}

void qs_fonts_close(qs_fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n_faces; i++) {
        face *fc = &f->faces[i];
        hb_font_destroy(fc->font);
        hb_face_destroy(fc->hb);
        hb_blob_destroy(fc->blob);
        FcCharSetDestroy(fc->charset);
        free(fc->family);
        free(fc->file);
    }
    for (int r = 0; r < QS_ROLE_COUNT; r++)
        free(f->role_families[r]);
    if (f->app)
        FcFontSetDestroy(f->app);
    if (f->config)
        FcConfigDestroy(f->config);
    for (memo *m = f->memo, *next; m; m = next) {
        next = m->next;
        free(m->cps);
        free(m->zlib);
        free(m);
    }
    qs_deflate_free(f->z);
    free(f);
}

int qs_fonts_face_for(const qs_fonts *f, qs_font_role r, uint32_t cp)
{
    if (cp > 0xFFFF)
        return -1;
    qs_font_role latin = qs_font_role_latin(r);
    if (latin != r && qs_layout_is_latin(cp)) {
        int id = qs_fonts_face_for(f, latin, cp);
        if (id >= 0)
            return id;
    }
    for (int j = 0; j < f->n_role_faces[r]; j++) {
        int id = f->role_faces[r][j];
        if (FcCharSetHasChar(f->faces[id].charset, cp))
            return id;
    }
    return -1;
}

int qs_fonts_primary(const qs_fonts *f, qs_font_role r)
{
    return f->role_faces[r][0];
}

double qs_fonts_advance(const qs_fonts *f, int id, uint32_t cp)
{
    const face *fc = &f->faces[id];
    hb_codepoint_t gid;
    if (!hb_font_get_nominal_glyph(fc->font, cp, &gid))
        gid = 0;
    return (double)hb_font_get_glyph_h_advance(fc->font, gid) / fc->upem;
}

/* HarfBuzz's draw callbacks, scaled to ems, passed on to a qs_glyph_pen */
typedef struct pen_ctx {
    const qs_glyph_pen *pen;
    void *ctx;
    double em; /* font units per em */
} pen_ctx;

static void pen_move(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
    (void)df, (void)st, (void)u;
    const pen_ctx *c = data;
    c->pen->move_to(c->ctx, x / c->em, y / c->em);
}

static void pen_line(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
    (void)df, (void)st, (void)u;
    const pen_ctx *c = data;
    c->pen->line_to(c->ctx, x / c->em, y / c->em);
}

/* a quadratic from p0 through control q to p is the cubic with controls
 * p0 + 2/3 (q - p0) and p + 2/3 (q - p) */
static void pen_quad(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float qx, float qy, float x,
                     float y, void *u)
{
    (void)df, (void)u;
    const pen_ctx *c = data;
    double x0 = st->current_x, y0 = st->current_y;
    c->pen->cubic_to(c->ctx, (x0 + 2.0 / 3 * (qx - x0)) / c->em, (y0 + 2.0 / 3 * (qy - y0)) / c->em,
                     (x + 2.0 / 3 * (qx - x)) / c->em, (y + 2.0 / 3 * (qy - y)) / c->em, x / c->em,
                     y / c->em);
}

static void pen_cubic(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x1, float y1, float x2,
                      float y2, float x, float y, void *u)
{
    (void)df, (void)st, (void)u;
    const pen_ctx *c = data;
    c->pen->cubic_to(c->ctx, x1 / c->em, y1 / c->em, x2 / c->em, y2 / c->em, x / c->em, y / c->em);
}

static void pen_close(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *u)
{
    (void)df, (void)st, (void)u;
    const pen_ctx *c = data;
    c->pen->close(c->ctx);
}

bool qs_fonts_outline(const qs_fonts *f, int id, uint32_t cp, const qs_glyph_pen *pen, void *ctx)
{
    const face *fc = &f->faces[id];
    hb_codepoint_t gid;
    if (!hb_font_get_nominal_glyph(fc->font, cp, &gid))
        return false;
    hb_draw_funcs_t *df = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(df, pen_move, NULL, NULL);
    hb_draw_funcs_set_line_to_func(df, pen_line, NULL, NULL);
    hb_draw_funcs_set_quadratic_to_func(df, pen_quad, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(df, pen_cubic, NULL, NULL);
    hb_draw_funcs_set_close_path_func(df, pen_close, NULL, NULL);
    pen_ctx c = {pen, ctx, fc->upem};
    hb_font_get_glyph_shape(fc->font, gid, df, &c);
    hb_draw_funcs_destroy(df);
    return true;
}

void qs_fonts_extents(const qs_fonts *f, int id, double *ascender, double *descender)
{
    const face *fc = &f->faces[id];
    hb_font_extents_t e;
    hb_font_get_h_extents(fc->font, &e);
    *ascender = (double)e.ascender / fc->upem;
    *descender = (double)e.descender / fc->upem;
}

const char *qs_fonts_family(const qs_fonts *f, int id)
{
    return f->faces[id].family;
}

const char *qs_fonts_file(const qs_fonts *f, int id, int *index)
{
    if (index)
        *index = f->faces[id].index;
    return f->faces[id].file;
}

const char *qs_fonts_role_families(const qs_fonts *f, qs_font_role r)
{
    return f->role_families[r];
}

void qs_fonts_describe(const qs_fonts *f, FILE *out)
{
    for (int r = 0; r < QS_ROLE_COUNT; r++) {
        fprintf(out, "%s: %s\n", qs_font_role_name((qs_font_role)r), f->role_families[r]);
        for (int j = 0; j < f->n_role_faces[r]; j++) {
            const face *fc = &f->faces[f->role_faces[r][j]];
            fprintf(out, "  %s -> %s", fc->family, fc->file);
            if (fc->index)
                fprintf(out, " [%d]", fc->index);
            fputc('\n', out);
        }
    }
}
