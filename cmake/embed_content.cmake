# Content (advice texts, questions) is data in content/. It is compiled into the binary so
# a scan needs no installed data files; the generated source is rebuilt when content changes.
set(WEERBAAR_CONTENT_DIR ${CMAKE_SOURCE_DIR}/content)

function(weerbaar_embed_content out_cpp)
  file(GLOB_RECURSE content_files CONFIGURE_DEPENDS ${WEERBAAR_CONTENT_DIR}/*.json)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DCONTENT_DIR=${WEERBAAR_CONTENT_DIR} -DOUT=${out_cpp}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_content_run.cmake
    DEPENDS ${content_files} ${CMAKE_SOURCE_DIR}/cmake/embed_content_run.cmake
    COMMENT "Embedding content/ into the binary")
endfunction()
