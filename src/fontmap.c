/* fontmap.c - parse fonts/fontmap.conf (infrastructure: text in, table out).
 *
 * Line format: "role: family, family, …"; '#' starts a comment.  Family
 * names are kept as written (Chinese names included) and matched exactly
 * by fonts.c.  Read through file.c: a regular file of at most 1 MiB (a
 * device or a FIFO named as the map is refused, never read).
 */
#include "fontmap.h"
#include "arena.h"
#include "file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FAMILIES 16
#define MAX_MAP_BYTES (1u << 20) /* a few hundred bytes in practice */

struct qs_fontmap {
    char *families[QS_ROLE_COUNT][MAX_FAMILIES];
    size_t count[QS_ROLE_COUNT];
};

static const char *const role_names[QS_ROLE_COUNT] = {
    "title", "heading1", "heading2", "body", "header", "table", "pagenum", "latin-serif", "latin-sans",
};

qs_font_role qs_font_role_latin(qs_font_role r)
{
    switch (r) {
    case QS_ROLE_HEADING1:
    case QS_ROLE_HEADER:
    case QS_ROLE_LATIN_SANS:
        return QS_ROLE_LATIN_SANS;
    default:
        return QS_ROLE_LATIN_SERIF;
    }
}

const char *qs_font_role_name(qs_font_role r)
{
    return r < QS_ROLE_COUNT ? role_names[r] : "?";
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && strchr(" \t\r\n", e[-1]))
        *--e = '\0';
    return s;
}

void qs_fontmap_free(qs_fontmap *m)
{
    if (!m)
        return;
    for (int r = 0; r < QS_ROLE_COUNT; r++)
        for (size_t i = 0; i < m->count[r]; i++)
            free(m->families[r][i]);
    free(m);
}

qs_fontmap *qs_fontmap_load(const char *path, qs_diags *d)
{
    qs_srcpos pos = {path, 0};
    size_t len;
    const char *why;
    char *text = qs_file_read(path, MAX_MAP_BYTES, &len, &why);
    if (!text) {
        if (qs_file_too_large(why))
            qs_diag_error(d, pos, "cannot read the font map: larger than the limit of 1 MiB");
        else
            qs_diag_error(d, pos, "cannot read the font map: %s", why);
        return NULL;
    }
    if (strlen(text) != len) {
        pos.line = 1;
        for (const char *p = text; *p; p++)
            pos.line += *p == '\n';
        qs_diag_error(d, pos,
                      "a NUL byte in the font map: it is text, \"role: family, family, ...\"");
        free(text);
        return NULL;
    }
    qs_fontmap *m = qs_xmalloc(sizeof *m);
    memset(m, 0, sizeof *m);
    bool ok = true;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        pos.line++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line);
        if (!*s)
            continue;
        char *colon = strchr(s, ':');
        if (!colon) {
            qs_diag_error(d, pos, "expected \"role: family, family, ...\"");
            ok = false;
            continue;
        }
        *colon = '\0';
        char *role = trim(s);
        int r = 0;
        while (r < QS_ROLE_COUNT && strcmp(role_names[r], role))
            r++;
        if (r == QS_ROLE_COUNT) {
            char known[256] = "";
            for (int k = 0; k < QS_ROLE_COUNT; k++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "",
                         role_names[k]);
            qs_diag_error(d, pos, "unknown font role \"%s\" (roles: %s)", role, known);
            ok = false;
            continue;
        }
        if (m->count[r]) {
            qs_diag_error(d, pos, "font role \"%s\" is given twice", role);
            ok = false;
            continue;
        }
        for (char *tok = strtok(colon + 1, ","); tok; tok = strtok(NULL, ",")) {
            char *fam = trim(tok);
            if (*fam && m->count[r] < MAX_FAMILIES)
                m->families[r][m->count[r]++] = qs_xstrdup(fam);
        }
        if (!m->count[r]) {
            qs_diag_error(d, pos, "font role \"%s\" names no family", role);
            ok = false;
        }
    }
    free(text);
    pos.line = 0;
    for (int r = 0; r < QS_ROLE_COUNT && ok; r++)
        if (!m->count[r] && qs_font_role_latin((qs_font_role)r) != (qs_font_role)r) { /* a Latin role is optional */
            qs_diag_error(d, pos, "font role \"%s\" is missing", role_names[r]);
            ok = false;
        }
    if (!ok) {
        qs_fontmap_free(m);
        return NULL;
    }
    return m;
}

const char *qs_fontmap_family(const qs_fontmap *m, qs_font_role r, size_t i)
{
    return m && r < QS_ROLE_COUNT && i < m->count[r] ? m->families[r][i] : NULL;
}

size_t qs_fontmap_count(const qs_fontmap *m, qs_font_role r)
{
    return m && r < QS_ROLE_COUNT ? m->count[r] : 0;
}
