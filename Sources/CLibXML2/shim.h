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
