/* import.h - `qsreport import`: a filled evidence form -> evidence XML. */
#ifndef QS_IMPORT_H
#define QS_IMPORT_H

/* The whole command: argv[0] is "import", then its arguments.  Prints its
 * diagnostics and usage itself; returns the exit status (0, 1 or 2). */
int qs_cmd_import(int argc, char **argv);

#endif
