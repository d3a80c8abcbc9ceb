# The front end's files for `weerbaar serve`: the NL Design System CSS and tokens, htmx and
# chart.js from web/node_modules (installed from web/package-lock.json by `npm ci`, which
# scripts/install-deps.sh runs), and our own web/assets/. They are copied into web-assets/
# beside the weerbaar program, where the server finds them; nothing is fetched at build time.
set(WEERBAAR_WEB_DIR ${CMAKE_SOURCE_DIR}/web)

function(weerbaar_web_assets target out_dir)
  set(nm ${WEERBAAR_WEB_DIR}/node_modules)
  set(pairs
      "${nm}/@utrecht/design-tokens/dist/root.css|nlds/design-tokens.css"
      "${nm}/@utrecht/component-library-css/dist/index.css|nlds/component-library.css"
      "${nm}/@utrecht/design-tokens/LICENSE.md|licenses/utrecht-design-tokens.md"
      "${nm}/htmx.org/dist/htmx.min.js|htmx.min.js"
      "${nm}/htmx.org/LICENSE|licenses/htmx.txt"
      "${nm}/chart.js/dist/chart.umd.min.js|chart.umd.min.js"
      "${nm}/chart.js/LICENSE.md|licenses/chart.js.md"
      "${WEERBAAR_WEB_DIR}/assets/weerbaar.css|weerbaar.css"
      "${WEERBAAR_WEB_DIR}/assets/weerbaar.js|weerbaar.js")
  set(outputs "")
  set(missing "")
  foreach(pair IN LISTS pairs)
    string(REPLACE "|" ";" parts "${pair}")
    list(GET parts 0 src)
    list(GET parts 1 dst)
    if(NOT EXISTS ${src})
      list(APPEND missing ${src})
      continue()
    endif()
    add_custom_command(
      OUTPUT ${out_dir}/${dst}
      COMMAND ${CMAKE_COMMAND} -E copy ${src} ${out_dir}/${dst}
      DEPENDS ${src}
      VERBATIM)
    list(APPEND outputs ${out_dir}/${dst})
  endforeach()
  if(missing)
    # Not fatal, so that a checkout without node_modules still builds the scanner; the server
    # refuses to start without its assets and says how to get them.
    message(WARNING "web assets missing, run scripts/install-deps.sh (npm ci in web/): ${missing}")
  endif()
  add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()
