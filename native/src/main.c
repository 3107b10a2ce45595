/* main.c - the command line of tbdriver:
 *   tbdriver.exe --transcript OUT.jsonl [--snapshot SNAP.json] FILE_OR_DIR...
 *   tbdriver.exe --snapshot SNAP.json
 * Exit status: 0 nothing failed, 1 a scenario failed, 2 usage or parse error. */
#include "tb.h"
#include <fcntl.h>
#include <io.h>

static int usage(void)
{
    fputs("usage: tbdriver.exe --transcript OUT.jsonl [--snapshot SNAP.json] FILE_OR_DIR...\n"
          "       tbdriver.exe --snapshot SNAP.json\n", stderr);
    return 2;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Parses one path: a .scn file, or a directory whose *.scn files are read in sorted order. */
static int parse_path(const char *path, Corpus *corpus)
{
    DWORD attrs = GetFileAttributesA(path);
    if (attrs == INVALID_FILE_ATTRIBUTES) {
        fprintf(stderr, "%s:0: no such file or directory\n", path);
        return -1;
    }
    if (!(attrs & FILE_ATTRIBUTE_DIRECTORY))
        return parse_file(path, corpus);
    Buf pattern = {0};
    buf_printf(&pattern, "%s\\*.scn", path);
    WIN32_FIND_DATAA fd;
    HANDLE find = FindFirstFileA(pattern.s, &fd);
    buf_free(&pattern);
    char **names = NULL;
    int n = 0, rc = 0;
    if (find != INVALID_HANDLE_VALUE) {
        do {
            size_t len = strlen(fd.cFileName);
            if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || len < 4 ||
                strcmp(fd.cFileName + len - 4, ".scn"))
                continue; /* FindFirstFile also matches 8.3 aliases like *.scnx */
            names = realloc(names, sizeof(char *) * (size_t)(n + 1));
            Buf full = {0};
            buf_printf(&full, "%s/%s", path, fd.cFileName);
            names[n++] = full.s;
        } while (FindNextFileA(find, &fd));
        FindClose(find);
    }
    qsort(names, (size_t)n, sizeof *names, cmp_names);
    for (int i = 0; i < n; i++) {
        if (!rc)
            rc = parse_file(names[i], corpus);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    const char *transcript = NULL, *snapshot = NULL;
    const char *paths[512];
    int npaths = 0;
    _setmode(_fileno(stdout), _O_BINARY);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--transcript") || !strcmp(argv[i], "--snapshot")) {
            if (i + 1 >= argc)
                return usage();
            if (argv[i][2] == 't')
                transcript = argv[++i];
            else
                snapshot = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] == '-')
            return usage();
        else if (npaths < (int)(sizeof paths / sizeof *paths))
            paths[npaths++] = argv[i];
        else
            return usage();
    }
    if (npaths == 0 && !(snapshot && !transcript))
        return usage();
    if (npaths > 0 && !transcript)
        return usage();
    if (snapshot && !write_snapshot(snapshot))
        return 2;
    if (npaths == 0)
        return 0;
    Corpus corpus = {0};
    for (int i = 0; i < npaths; i++)
        if (parse_path(paths[i], &corpus))
            return 2;
    if (check_unique_ids(&corpus))
        return 2;
    FILE *out = fopen(transcript, "wb");
    if (!out) {
        fprintf(stderr, "%s:0: cannot create transcript\n", transcript);
        return 2;
    }
    Summary sum = {0, 0, 0};
    process_token_save();
    for (int i = 0; i < corpus.count; i++)
        run_scenario(&corpus.items[i], out, &sum);
    fclose(out);
    printf("%d passed, %d failed, %d skipped\n", sum.passed, sum.failed, sum.skipped);
    fflush(stdout);
    return sum.failed ? 1 : 0;
}
