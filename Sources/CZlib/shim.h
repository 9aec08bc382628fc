// zlib for the Reports target: events.csv.gz is written with deflate in gzip framing (windowBits 31).
#include <zlib.h>
