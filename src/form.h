/* form.h - the evidence form (佐证材料填报表): the layout shared by its
 * writer (form_xlsx.c) and its reader (load_form.c).
 *
 * A form is a workbook.  A hidden sheet named QS_FORM_META_SHEET holds
 * key/value rows (column A, column B): "form" = QS_FORM_VERSION, the name of
 * each sheet by kind ("sheet.items" = 评分项 ...), and the words of its
 * lists ("word.done.yes" = 已完成 ...), so that the reader needs neither
 * the wording file nor the sheet names it was written with.  Every other
 * sheet keeps, in its hidden first row, the key of each column
 * ("item", "done", "measure:QUANTITY", "narrative" ...): the reader finds
 * columns by key, never by position or header.
 */
#ifndef QS_FORM_H
#define QS_FORM_H

#define QS_FORM_META_SHEET "qsreport"
#define QS_FORM_VERSION "1"

/* rows, 0-based */
#define QS_FORM_KEY_ROW 0   /* hidden: the key of each column */
#define QS_FORM_TITLE_ROW 1 /* the title, merged across */
/* the items sheet: region, year and unit (values in columns B, D, F) */
#define QS_FORM_INFO_ROW 2
#define QS_FORM_REGION_COL 1
#define QS_FORM_YEAR_COL 3
#define QS_FORM_UNIT_COL 5
#define QS_FORM_ITEMS_HEAD_ROW 3
#define QS_FORM_ITEMS_FIRST_ROW 4
/* every other sheet */
#define QS_FORM_LIST_HEAD_ROW 2
#define QS_FORM_LIST_FIRST_ROW 3

/* sheet kinds: "sheet.<kind>" in the meta sheet */
enum { QS_FORM_ITEMS, QS_FORM_TARGETS, QS_FORM_DOCUMENTS, QS_FORM_AWARDS, QS_FORM_INCIDENTS,
       QS_FORM_SERIES, QS_FORM_N_SHEETS };
extern const char *const qs_form_sheet_kinds[QS_FORM_N_SHEETS];

/* list words: "word.<key>" in the meta sheet */
extern const char *const qs_form_word_keys[];

#endif
