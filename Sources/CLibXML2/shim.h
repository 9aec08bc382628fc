// libxml2 for the Reports target: the text writer (report.xml), the streaming reader with
// XML Schema validation, and (for the tests) the tree and HTML parsers.
//
// Debian builds libxml2 with ICU, whose headers clash with the ICU copy Foundation ships;
// none of the ICU-dependent declarations are used, so they are left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>

// `xmlFree` is a global function pointer, which Swift 6 refuses to read from concurrent code.
static inline void partner_audit_xml_free(void *pointer) { xmlFree(pointer); }
