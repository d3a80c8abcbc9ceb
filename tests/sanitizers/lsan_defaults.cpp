// LeakSanitizer's suppressions, compiled into every program of the sanitizer build (the test
// command's), so that a test run by hand reports the same as the test command.
//
// Only allocations that a library keeps on purpose until the process ends belong here, never
// ours: fontconfig (reached through pango and cairo when a PDF is drawn) keeps its parsed
// configuration and font patterns in process-wide caches that it frees only in FcFini, which
// pango may not call while its font map lives.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
