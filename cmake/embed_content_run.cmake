# Writes OUT: a C++ source that defines weerbaar::content::detail::embedded_files().
file(GLOB_RECURSE files RELATIVE ${CONTENT_DIR} ${CONTENT_DIR}/*.json)
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  file(READ ${CONTENT_DIR}/${f} text)
  string(FIND "${text}" ")WBCONTENT\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "content/${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "    {\"${f}\", R\"WBCONTENT(${text})WBCONTENT\"},\n")
endforeach()
file(WRITE ${OUT}.tmp
"// Generated from content/ by cmake/embed_content_run.cmake. Do not edit.
#include \"core/content_files.hpp\"
namespace weerbaar::content::detail {
const std::vector<EmbeddedFile>& embedded_files() {
  static const std::vector<EmbeddedFile> files = {
${body}  };
  return files;
}
}  // namespace weerbaar::content::detail
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
