// libxml2 for Themis: the streaming reader, parser options and schema validation.
//
// libxml2's encoding.h pulls in the system ICU headers when libxml2 was built
// with ICU, and those clash with the ICU copy inside Foundation. Themis never
// touches libxml2's encoding handlers, so the ICU parts are left out here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

// libxml2 prints some errors (an encoder that fails mid-document) through its
// generic handler, a variadic function Swift cannot write; these route them to a
// handler that drops them, for this thread and for threads started later. The
// reader's own structured handler still reports the document as malformed.
static void themis_xml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void themis_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, themis_xml_ignore_generic_error);
    xmlThrDefSetGenericErrorFunc(NULL, themis_xml_ignore_generic_error);
}
