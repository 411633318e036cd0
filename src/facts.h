/* facts.h - the facts of the case: every figure that more than one document
 * shows, computed once, between scoring and the writers, with one definition
 * each.  The report, the responsibility workbook and sheets, the evidence
 * index, the package and the province's summary all read them from here.
 *
 * Definitions:
 * - a responsible unit is a registry unit (never a group) that leads or
 *   supports an indicator, or leads or supports a key task (or a target of
 *   one); a group named in a cell (the committee's member units) stands for
 *   its units, which share its role: exactly the units of qs_duties, each of
 *   which gets a responsibility sheet;
 * - a reporting unit is a registry unit whose evidence file resolves to it,
 *   counted once however many files name it;
 * - an evidence entry is one <item> of a unit's evidence (what one unit says
 *   about one scoring item);
 * - a scoring item is an item of the indicator schema, nested ones counted
 *   (qs_item with its children); an item is covered when an entry cites it;
 * - a document is a distinct cited file (the same path cited by several
 *   entries is one document, copied once); a document without a file is one
 *   per distinct title, number, issuer and date.  The evidence index has one
 *   row per document.
 * Arena memory; no free function.
 */
#ifndef QS_FACTS_H
#define QS_FACTS_H

#include "duties.h"
#include "evindex.h"
#include "model.h"
#include "score.h"

typedef struct qs_facts {
    const qs_duties *duties;     /* the responsible units, registry order */
    const qs_unit_duties **silent; /* responsible units that sent no evidence:
                                    * most points at stake first, then registry order */
    size_t n_silent;
    size_t n_reporting;          /* registry units that sent evidence */
    size_t n_entries;            /* evidence entries */
    size_t n_items;              /* scoring items of the schema */
    size_t n_items_covered;      /* scoring items at least one entry cites */
    const qs_evindex *index;     /* one row per document */
    size_t n_documents;          /* = index->n_rows */
    size_t n_files;              /* distinct cited files = index->n_files */
} qs_facts;

/* The facts of a resolved and scored case.  attach_dir: the folder the cited
 * files go to inside the package (the index names each file there).  Never
 * fails; arena memory of a. */
qs_facts *qs_facts_build(const qs_case *c, const qs_scores *sc, const char *attach_dir, qs_arena *a);

#endif
