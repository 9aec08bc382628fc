// zlib: Reports writes events.csv.gz with deflate in gzip framing (windowBits 31); Extractor inflates .gz gateway logs.
#include <zlib.h>
